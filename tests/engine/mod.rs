//! Engine tests.

mod load;
mod predict;
