//! The planning engine: pure, deterministic functions from the model to plans and figures.
//!
//! No egui, no file I/O, no clock: "today" is always an argument. Domain rules live here,
//! each with its source (see `../shared/SCIENCE.md` in the project docs).

pub mod load;
pub mod predict;
