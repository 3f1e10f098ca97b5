//! `peakline retro PLAN [--md OUT_DIR] [--json]`: the season retrospective.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::engine::retro::retrospective;
use crate::io::report::{retrospective_markdown, write_retrospective};

pub fn run(file: &Path, md: Option<&Path>, json: bool, today: NaiveDate) -> ExitCode {
    let Some(plan) = super::load_or_report(file) else {
        return ExitCode::FAILURE;
    };
    let retro = retrospective(&plan, today);
    if let Some(dir) = md {
        match write_retrospective(&plan, &retro, dir) {
            Ok(paths) => {
                for p in paths {
                    println!("wrote {}", p.display());
                }
            }
            Err(e) => {
                eprintln!("peakline retro: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if json {
        return super::print_json(&retro);
    }
    if md.is_none() {
        print!("{}", retrospective_markdown(&plan, &retro));
    }
    ExitCode::SUCCESS
}
