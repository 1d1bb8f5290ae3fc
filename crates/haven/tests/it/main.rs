#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests for the whole stack: HTTP API, store and CLI.
//!
//! One binary (see ripgrep's `tests/tests.rs`). Each test spawns the app on a
//! random port with a fresh database: SQLite in a temporary directory, or a
//! new PostgreSQL database when `HAVEN_TEST_BACKEND=postgres`.

mod access;
mod api;
mod architecture;
mod audit;
mod cli;
mod durability;
mod encryption;
mod exchange;
mod field_import;
mod helpers;
mod htcds;
mod insiders;
mod matrix;
mod protection;
mod records;
mod referrals;
mod rules;
mod schema;
mod screening;
mod services;
mod statistics;
mod tracing;
mod xlsform;
