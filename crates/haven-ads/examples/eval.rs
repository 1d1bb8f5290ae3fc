//! Precision and recall per language on the TEST split of corpus/ads, at the review threshold.
//!
//! `cargo run -p haven-ads --example eval` prints a table; `--tsv` prints `lang<TAB>P<TAB>R<TAB>n` lines for
//! scripts/ads-eval. The same computation backs the test that keeps docs/ads.md honest.

mod common;

use haven_ads::corpus::{metrics, split_of, Split, THRESHOLD};
use haven_ads::Screener;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tsv = std::env::args().any(|a| a == "--tsv");
    let screener = Screener::builtin()?;
    let items = common::load()?;
    let mut langs: Vec<String> = items.iter().map(|i| i.language.clone()).collect();
    langs.sort();
    langs.dedup();
    langs.push("all".into());
    if !tsv {
        println!("| language | test ads | precision | recall |");
        println!("|---|---|---|---|");
    }
    for lang in &langs {
        let scored: Vec<_> = items
            .iter()
            .filter(|i| split_of(&i.id) == Split::Test && (lang == "all" || &i.language == lang))
            .map(|i| (i.label, screener.score_text(&i.text).probability))
            .collect();
        let m = metrics(&scored, THRESHOLD);
        if tsv {
            println!("{lang}\t{:.2}\t{:.2}\t{}", m.precision, m.recall, m.n);
        } else {
            println!("| {lang} | {} | {:.2} | {:.2} |", m.n, m.precision, m.recall);
        }
    }
    Ok(())
}
