//! `haven ads screen`: screen a batch of job advertisements for the marks of fraudulent recruitment (R26).
//!
//! Reads JSON Lines (`{"id","text","language"?}`) or CSV (`id,text[,language]`), writes one JSON line per ad with the
//! score, the red flags and their explanations, the words that moved the score and the model version. It never
//! removes or blocks anything: the output is for a platform's reviewers, who decide.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use haven_ads::{parse_input, InputFormat, Lang, Limits, Screener};

/// Input files above this are refused before reading: the batch cap (100,000 ads) times a long real ad.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Subcommand)]
pub enum AdsCommand {
    /// Score job ads for the marks of fraudulent recruitment, with reasons, for human review.
    Screen {
        /// Ads as JSON Lines (.jsonl) or CSV (.csv) with the columns id,text[,language].
        #[arg(long = "in")]
        input: PathBuf,
        /// Results, one JSON object per line.
        #[arg(long)]
        out: PathBuf,
        /// Language of the explanations: en, th, vi, my, km, lo, id, tl or zh-Hans.
        #[arg(long, default_value = "en")]
        language: String,
    },
}

pub fn run(command: AdsCommand) -> Result<()> {
    match command {
        AdsCommand::Screen { input, out, language } => screen(&input, &out, &language),
    }
}

fn screen(input: &std::path::Path, out: &std::path::Path, language: &str) -> Result<()> {
    let Some(lang) = Lang::parse(language) else {
        bail!("--language {language:?} is not one of en, th, vi, my, km, lo, id, tl, zh-Hans");
    };
    if input == out {
        bail!("--out must not be the input file");
    }
    let meta = std::fs::metadata(input).with_context(|| format!("reading {}", input.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{} is larger than {} MiB; split it into smaller batches",
            input.display(),
            MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let format = InputFormat::detect(&input.to_string_lossy(), &bytes);
    let screener = Screener::builtin().context("the built-in red-flag rules or model are invalid")?;
    let parsed =
        parse_input(&bytes, format, &Limits::default()).with_context(|| format!("reading {}", input.display()))?;

    let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let mut w = std::io::BufWriter::new(file);
    let bar = indicatif::ProgressBar::new(parsed.ads.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} ads {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut flagged = 0usize;
    for ad in &parsed.ads {
        let r = screener.screen(ad, lang);
        if r.score >= haven_ads::corpus::THRESHOLD {
            flagged += 1;
        }
        writeln!(w, "{}", r.to_json_line()).with_context(|| format!("writing {}", out.display()))?;
        bar.inc(1);
    }
    w.flush().with_context(|| format!("writing {}", out.display()))?;
    bar.finish_and_clear();
    eprintln!(
        "screened {} ads ({} at or above {} for review), model {}; results in {}",
        parsed.ads.len(),
        flagged,
        haven_ads::corpus::THRESHOLD,
        screener.model_version(),
        out.display()
    );
    if !parsed.errors.is_empty() {
        for e in &parsed.errors {
            eprintln!("{}: {e}", input.display());
        }
        // Bad records are never dropped silently: they are listed above and the command fails, after writing the
        // results for the records that could be read.
        bail!("{} record(s) in {} could not be screened (listed above)", parsed.errors.len(), input.display());
    }
    Ok(())
}
