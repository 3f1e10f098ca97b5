//! Engine tests.

mod load;
