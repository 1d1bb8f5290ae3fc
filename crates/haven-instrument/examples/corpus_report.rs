//! Prints the validation corpus report for `docs/identification.md`:
//! sensitivity and specificity of forced-criminality 1.1.0 and 2.0.0, and
//! the cases 2.0.0 changed. With `--cases`, also every case's outcome.
//!
//! `cargo run -p haven-instrument --example corpus_report [-- --cases]`

use std::path::PathBuf;

use haven_instrument::corpus::{self, Vignette};

fn main() -> Result<(), String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/identification");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let cases = files
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| e.to_string()).and_then(|t| Vignette::parse(&t)))
        .collect::<Result<Vec<_>, _>>()?;
    let old = haven_instrument::find_version("forced-criminality", "1.1.0").ok_or("1.1.0 missing")?;
    let new = haven_instrument::find("forced-criminality").ok_or("2.0.0 missing")?;
    // The same fixed day as the corpus test: ages in the corpus are estimates, not dates.
    let today = time::macros::date!(2026 - 11 - 25);
    let before = corpus::run(&old, &cases, today)?;
    let after = corpus::run(&new, &cases, today)?;
    print!("{}", corpus::report((&old, &before), (&new, &after)));
    if std::env::args().any(|a| a == "--cases") {
        println!("\n| case | expected | {} | {} |\n|---|---|---|---|", old.version, new.version);
        for (b, a) in before.iter().zip(&after) {
            println!("| {} | {} | {} | {} |", a.id, a.expected, b.outcome(), a.outcome());
        }
    }
    Ok(())
}
