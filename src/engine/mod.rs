//! The planning engine: pure, deterministic functions from the model to plans and figures.
//!
//! No egui, no file I/O, no clock: "today" is always an argument. Domain rules live in
//! [`rules`], each with its source (SCIENCE.md in the project docs).

pub mod adopt;
pub mod agenda;
pub mod analysis;
pub mod audit;
pub mod compare;
pub mod dashboard;
pub mod load;
pub mod periodize;
pub mod predict;
pub mod retro;
pub mod review;
pub mod rounding;
pub mod rules;
pub mod scenario;
pub mod season_map;
pub mod series;
pub mod signals;
pub mod text;
pub mod trim;
pub mod variants;
pub mod warnings;
pub mod week_builder;
pub mod workouts;

pub use periodize::{PlanInput, periodize};
pub use variants::generate_variants;
