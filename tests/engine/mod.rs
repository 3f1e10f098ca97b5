//! Engine tests.

mod audit;
mod load;
mod periodize;
mod predict;
mod rationale;
pub mod retro;
mod review;
mod runner_types;
mod scenario;
mod text;
pub mod warnings;
