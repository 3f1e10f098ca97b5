//! The one integration test binary: every test module is declared here, so the whole
//! suite links once (important on 2-core CI).

mod engine;
mod io;
