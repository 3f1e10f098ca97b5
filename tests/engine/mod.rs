//! Engine tests.

mod load;
mod periodize;
mod predict;
mod runner_types;
pub mod warnings;
