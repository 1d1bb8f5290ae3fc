//! Shared by the examples: reading the corpus from the repository.

#![allow(dead_code)]

use haven_ads::corpus::{self, Item};

pub fn corpus_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/ads/ads.jsonl")
}

pub fn load() -> Result<Vec<Item>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(corpus_path())?;
    Ok(corpus::parse(&text)?)
}

/// The hand-written held-out ads: evaluation only, never training.
pub fn load_handwritten() -> Result<Vec<Item>, Box<dyn std::error::Error>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/ads/handwritten.jsonl");
    Ok(corpus::parse(&std::fs::read_to_string(path)?)?)
}
