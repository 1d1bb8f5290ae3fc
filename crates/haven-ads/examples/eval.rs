//! Precision and recall per language, at the review threshold, on two held-apart sets:
//! - `test`: the test split of corpus/ads/ads.jsonl (composed corpus; see docs/ads.md for why this is optimistic);
//! - `hand`: corpus/ads/handwritten.jsonl, ads written one by one and never used for training.
//!
//! `cargo run -p haven-ads --example eval` prints Markdown tables; `--tsv` prints `set<TAB>lang<TAB>P<TAB>R<TAB>n`
//! lines for scripts/ads-eval; `--misses` lists misclassified items. The same computation backs the test that keeps
//! docs/ads.md honest (`r26_test_split_precision_and_recall_match_docs`).

mod common;

use haven_ads::corpus::{metrics, split_of, Item, Split, THRESHOLD};
use haven_ads::Screener;

fn table(screener: &Screener, set: &str, items: &[&Item], tsv: bool, misses: bool) {
    let mut langs: Vec<String> = items.iter().map(|i| i.language.clone()).collect();
    langs.sort();
    langs.dedup();
    langs.push("all".into());
    if !tsv {
        println!("\n{set}:\n\n| language | ads | precision | recall |\n|---|---|---|---|");
    }
    for lang in &langs {
        let sub: Vec<&&Item> = items.iter().filter(|i| lang == "all" || &i.language == lang).collect();
        let scored: Vec<_> = sub.iter().map(|i| (i.label, screener.score_text(&i.text).probability)).collect();
        let m = metrics(&scored, THRESHOLD);
        if tsv {
            println!("{set}\t{lang}\t{:.2}\t{:.2}\t{}", m.precision, m.recall, m.n);
        } else {
            println!("| {lang} | {} | {:.2} | {:.2} |", m.n, m.precision, m.recall);
        }
        if misses && lang == "all" {
            for (i, (label, p)) in sub.iter().zip(&scored) {
                if (*p >= THRESHOLD) != (*label == haven_ads::corpus::Label::Fraud) {
                    eprintln!("MISS {} {:?} {:.3} {}", i.id, label, p, i.text);
                }
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tsv = std::env::args().any(|a| a == "--tsv");
    let misses = std::env::args().any(|a| a == "--misses");
    let screener = Screener::builtin()?;
    let items = common::load()?;
    let test: Vec<&Item> = items.iter().filter(|i| split_of(&i.id) == Split::Test).collect();
    table(&screener, "test", &test, tsv, misses);
    let hand = common::load_handwritten()?;
    let hand: Vec<&Item> = hand.iter().collect();
    table(&screener, "hand", &hand, tsv, misses);
    Ok(())
}
