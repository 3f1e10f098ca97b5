//! `peakline`: opens the app, or runs a subcommand headless. All logic lives in the library.

/// mimalloc: allocation-heavy re-planning (thousands of session texts per drag) runs about a
/// quarter faster than with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    peakline::cli::main()
}
