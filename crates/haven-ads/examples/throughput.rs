//! Throughput of `Screener::screen` on one core: the whole corpus screened repeatedly for about 5 seconds.
//!
//! `cargo run -p haven-ads --release --example throughput`

mod common;

use haven_ads::{AdInput, Lang, Screener};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let screener = Screener::builtin()?;
    let ads: Vec<AdInput> = common::load()?
        .into_iter()
        .enumerate()
        .map(|(i, it)| AdInput { id: it.id, text: it.text, language: None, line: i + 1 })
        .collect();
    let chars: usize = ads.iter().map(|a| a.text.chars().count()).sum();
    let start = std::time::Instant::now();
    let mut n = 0u64;
    let mut sink = 0.0;
    while start.elapsed().as_secs_f64() < 5.0 {
        for ad in &ads {
            sink += screener.screen(ad, Lang::En).score;
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} ads in {secs:.2} s on one thread: {:.0} ads/s (mean ad length {} characters; checksum {sink:.1})",
        n as f64 / secs,
        chars / ads.len().max(1)
    );
    Ok(())
}
