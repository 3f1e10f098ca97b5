//! `peakline`: opens the app, or runs a subcommand headless. All logic lives in the library.

fn main() -> std::process::ExitCode {
    peakline::cli::main()
}
