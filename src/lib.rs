//! Peakline: hybrid running coaching. The engine drafts the season; the coach decides.
//!
//! See `ARCHITECTURE.md` for where things live. Dependencies point one way:
//! `ui ➡ app ➡ engine/io ➡ model`.

pub mod app;
pub mod cli;
pub mod engine;
pub mod io;
pub mod model;
pub mod ui;
