//! Scores each line of standard input as one ad and prints the result record: a quick look while writing rules.
//!
//! `echo 'Typist wanted in Poipet, Telegram @x' | cargo run -p haven-ads --example score`

use std::io::BufRead;

use haven_ads::{AdInput, Lang, Screener};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let screener = Screener::builtin()?;
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let text = line?;
        let ad = AdInput { id: format!("stdin-{}", i + 1), text, language: None, line: i + 1 };
        println!("{}", screener.screen(&ad, Lang::En).to_json_line());
    }
    Ok(())
}
