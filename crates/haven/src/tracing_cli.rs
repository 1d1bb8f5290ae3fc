//! `haven tracing`: bulk family tracing between partners (issue 15, R25).
//!
//! `keygen` makes a partnership's linkage key; `encode` turns PEOPLE.csv into an ENCODED file
//! that holds no names, places or dates; `match` links two ENCODED files one-to-one. What a
//! partner receives from a match is a notice (ids and a score), to be reviewed on both sides.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use haven_trace::{encode, matching, people};
use indicatif::{ProgressBar, ProgressStyle};
use rand::RngCore;

#[derive(Subcommand)]
pub enum TracingCommand {
    /// Make a partnership's linkage key (32 random bytes, hex, file mode 0600).
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Encode PEOPLE.csv under a linkage key; no plaintext name, place or date in the output.
    Encode {
        #[arg(long)]
        key_file: PathBuf,
        #[arg(long = "in")]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Refuse the whole file if any row is bad (otherwise bad rows are listed and skipped).
        #[arg(long)]
        strict: bool,
    },
    /// Link two ENCODED files one-to-one; writes left_id,right_id,score.
    Match {
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Pairs scoring below this are not reported.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
}

pub fn run(command: TracingCommand) -> Result<()> {
    match command {
        TracingCommand::Keygen { out } => keygen(&out),
        TracingCommand::Encode { key_file, input, out, strict } => encode_file(&key_file, &input, &out, strict),
        TracingCommand::Match { left, right, out, threshold, threads } => {
            match_files(&left, &right, &out, threshold, threads)
        }
    }
}

/// Creates a file readable by its owner only. A key is never overwritten (that would lose a
/// partnership's key); ENCODED and MATCHES files are, so a batch can be run again.
fn create_private(path: &Path, overwrite: bool) -> Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    if overwrite {
        opts.write(true).create(true).truncate(true);
    } else {
        opts.write(true).create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts.open(path).with_context(|| {
        if overwrite {
            format!("creating {}", path.display())
        } else {
            format!("creating {} (it must not exist yet)", path.display())
        }
    })?;
    #[cfg(unix)]
    {
        // An existing file keeps its old mode when truncated; narrow it.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

fn read_capped(path: &Path, cap: usize) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
    if len > cap as u64 {
        bail!("{} is larger than {cap} bytes", path.display());
    }
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

fn keygen(out: &Path) -> Result<()> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = encode::LinkageKey::from_bytes(bytes);
    bytes = [0; 32];
    let _ = bytes;
    let mut f = create_private(out, false)?;
    writeln!(f, "{}", key.to_hex())?;
    f.sync_all()?;
    eprintln!("linkage key written to {} (share it only with the partner organisation)", out.display());
    Ok(())
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_owned());
    pb
}

fn encode_file(key_file: &Path, input: &Path, out: &Path, strict: bool) -> Result<()> {
    let key_text = String::from_utf8(read_capped(key_file, 1024)?).context("the key file is not text")?;
    let key = encode::LinkageKey::from_hex(&key_text).context("the key file must hold 64 hex digits")?;
    let bytes = read_capped(input, people::MAX_INPUT_BYTES)?;
    let parsed = people::parse_people(&bytes).with_context(|| format!("reading {}", input.display()))?;
    drop(bytes);
    for bad in &parsed.bad_rows {
        eprintln!("{}: line {}: {}", input.display(), bad.line, bad.message);
    }
    if !parsed.bad_rows.is_empty() {
        if strict {
            bail!("{} bad rows; nothing encoded (--strict)", parsed.bad_rows.len());
        }
        eprintln!("{} bad rows listed above were NOT encoded", parsed.bad_rows.len());
    }
    let pb = bar(parsed.people.len() as u64, "encoding");
    let mut encoder = encode::Encoder::new(&key);
    let mut records = Vec::with_capacity(parsed.people.len());
    for (n, p) in parsed.people.iter().enumerate() {
        records.push(encoder.encode(p));
        if n % 4096 == 0 {
            pb.set_position(n as u64);
        }
    }
    pb.finish_and_clear();
    let file = encode::EncodedFile { key_check: key.check(), records };
    let mut f = create_private(out, true)?;
    f.write_all(&encode::write_encoded(&file))?;
    f.sync_all()?;
    eprintln!("{} people encoded to {}", file.records.len(), out.display());
    Ok(())
}

fn match_files(left: &Path, right: &Path, out: &Path, threshold: f64, threads: Option<usize>) -> Result<()> {
    if !(threshold > 0.0 && threshold < 1.0) {
        bail!("--threshold must be between 0 and 1");
    }
    let read = |p: &Path| -> Result<encode::EncodedFile> {
        let bytes = read_capped(p, 2 << 30)?;
        encode::parse_encoded(&bytes).with_context(|| format!("reading {}", p.display()))
    };
    let l = read(left)?;
    let r = read(right)?;
    if l.key_check != r.key_check {
        bail!("the two files were encoded under different linkage keys");
    }
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1);
    let config = matching::MatchConfig { threshold, threads, ..matching::MatchConfig::default() };
    let pb = bar(l.records.len() as u64, "matching");
    let started = Instant::now();
    let (matches, stats) = matching::link(&l.records, &r.records, &config, &|d| pb.set_position(d as u64));
    let secs = started.elapsed().as_secs_f64();
    pb.finish_and_clear();
    let mut f = std::io::BufWriter::new(create_private(out, true)?);
    writeln!(f, "left_id,right_id,score")?;
    for m in &matches {
        writeln!(f, "{},{},{:.4}", csv_field(&l.records[m.left].id), csv_field(&r.records[m.right].id), m.score)?;
    }
    f.flush()?;
    eprintln!(
        "{} matches; {} × {} records; {} pairs scored in {:.2} s on {} threads ({:.1} M comparisons/s/thread)",
        matches.len(),
        l.records.len(),
        r.records.len(),
        stats.comparisons,
        secs,
        threads,
        stats.comparisons as f64 / secs.max(1e-9) / threads as f64 / 1e6
    );
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
