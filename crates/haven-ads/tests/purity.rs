//! haven-ads is a pure library (ARCHITECTURE.md): no IO, no clock, no randomness, no HTTP. Checked from its manifest
//! and its sources so that a new dependency or a stray `std::fs` cannot quietly cross the line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn ads_library_is_pure_no_io_http_clock_or_randomness() {
    let manifest = include_str!("../Cargo.toml");
    let deps = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    for banned in ["tokio", "sqlx", "axum", "reqwest", "hyper", "rand", "time", "chrono", "askama", "linfa"] {
        assert!(
            !deps.lines().any(|l| l.split(['=', '.', ' ']).next() == Some(banned)),
            "haven-ads depends on {banned} outside dev-dependencies"
        );
    }
    assert!(manifest.contains("[lints]\nworkspace = true"));
    let sources = [
        include_str!("../src/lib.rs"),
        include_str!("../src/screen.rs"),
        include_str!("../src/rules.rs"),
        include_str!("../src/model.rs"),
        include_str!("../src/input.rs"),
        include_str!("../src/output.rs"),
        include_str!("../src/corpus.rs"),
        include_str!("../src/features.rs"),
        include_str!("../src/normalise.rs"),
        include_str!("../src/lang.rs"),
    ];
    for src in sources {
        for banned in ["std::fs", "std::net", "std::time", "std::env", "std::process", "SystemTime", "Instant::now"] {
            assert!(!src.contains(banned), "haven-ads source uses {banned}");
        }
    }
}
