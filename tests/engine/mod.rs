//! Engine tests.

mod load;
mod periodize;
mod predict;
