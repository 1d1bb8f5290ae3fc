//! Dice comparisons per second on one thread, on 1024-bit filters about 30 % full (the fill
//! of haven's name filters). `cargo run --release -p haven-trace --example trace_dice_bench`.
//! Build with `RUSTFLAGS="-C target-feature=+popcnt"` (x86-64-v2) to let `count_ones`
//! compile to POPCNT.

use haven_trace::matching::dice;

fn main() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let n = 4000;
    let filters: Vec<[u64; 16]> = (0..n).map(|_| std::array::from_fn(|_| next() & next())).collect();
    let pops: Vec<u32> = filters.iter().map(|f| f.iter().map(|w| w.count_ones()).sum()).collect();
    let start = std::time::Instant::now();
    let mut acc = 0.0;
    for i in 0..n {
        for j in 0..n {
            acc += dice(&filters[i], &filters[j], pops[i], pops[j]);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let per = (n * n) as f64 / secs / 1e6;
    println!("{} Dice comparisons in {secs:.2} s: {per:.1} M/s on one thread (checksum {acc:.1})", n * n);
}
