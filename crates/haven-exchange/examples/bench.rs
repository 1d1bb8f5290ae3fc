//! Times `seal` and `open` for a small and a large body and prints a markdown table.
//!
//! `cargo run --release -p haven-exchange --example bench`

#![allow(clippy::unwrap_used)] // a measurement script

use std::hint::black_box;
use std::time::{Duration, Instant};

use haven_exchange::{open, seal, Header, NodeKeys, PackageKind};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.2} ms", us / 1000.0)
    }
}

fn main() {
    let sender = NodeKeys::from_seeds(&[1; 32], &[2; 32]);
    let recipient = NodeKeys::from_seeds(&[3; 32], &[4; 32]);
    let mut rng = StdRng::seed_from_u64(14);

    println!("| body | runs | package bytes | seal (median) | open (median) | open throughput |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (label, size, runs) in [("4 KB", 4 * 1024, 201), ("5 MB", 5 * 1024 * 1024, 21)] {
        let mut body = vec![0u8; size];
        rng.fill_bytes(&mut body);
        let header = Header::new(
            PackageKind::Transfer,
            sender.public().fingerprint(),
            recipient.public().fingerprint(),
            1,
            1_760_000_000_000,
            24 * 3600 * 1000,
            &mut rng,
        );
        let mut seals = Vec::with_capacity(runs);
        let mut opens = Vec::with_capacity(runs);
        let mut package_len = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let package = seal(&sender, &recipient.public(), &header, black_box(&body), &mut rng).unwrap();
            seals.push(t.elapsed());
            package_len = package.len();
            let t = Instant::now();
            let opened = open(&recipient, &sender.public(), black_box(&package)).unwrap();
            opens.push(t.elapsed());
            assert_eq!(opened.body.len(), size);
        }
        let open_median = median(opens);
        let mb_per_s = size as f64 / open_median.as_secs_f64() / (1024.0 * 1024.0);
        println!(
            "| {label} | {runs} | {package_len} | {} | {} | {mb_per_s:.0} MiB/s |",
            fmt(median(seals)),
            fmt(open_median)
        );
    }
}
