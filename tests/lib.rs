//! The one integration test binary: every test module is declared here, so the whole
//! suite links once (important on 2-core CI).

// Helpers outside #[test] fns panic on broken fixtures, which is what a test should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod cli_data;
mod common;
pub mod engine;
mod io;
mod ui;
