//! `peakline import PLAN FILE... [-o OUT]`: activity files into the plan's actuals, one line
//! per file.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io;
use crate::io::import::{FileReport, ImportOptions, Outcome, apply_import, import_paths};

/// Imports what can be imported and saves it, then exits 1 if any file failed, so a script
/// notices a bad file without losing the good ones. Files without an activity (a route, a
/// settings file) are reported as skipped, not as failures.
pub fn run(plan_path: &Path, files: &[PathBuf], output: Option<&Path>) -> ExitCode {
    let Some(mut plan) = super::load_or_report(plan_path) else {
        return ExitCode::FAILURE;
    };
    let batch = import_paths(files, &ImportOptions::default(), |_, _| {
        ControlFlow::Continue(())
    });
    let report = apply_import(&mut plan, batch.files);
    for file in &report.files {
        println!("{}", file_line(file));
    }
    let failed = report.failed().count();
    println!(
        "imported {} {} from {} {}{}",
        report.imported(),
        if report.imported() == 1 {
            "activity"
        } else {
            "activities"
        },
        report.files.len(),
        if report.files.len() == 1 {
            "file"
        } else {
            "files"
        },
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        }
    );
    let status = if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if report.imported() == 0 && output.is_none() {
        println!("nothing new; {} is unchanged", plan_path.display());
        return status;
    }
    let target = output.unwrap_or(plan_path);
    match io::save_plan(&plan, target) {
        Ok(()) => {
            println!("wrote {}", target.display());
            status
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `FILE: imported 2 (1 matched to planned sessions, 1 duplicate skipped)`, `FILE: duplicate`,
/// `FILE: skipped (not an activity: …)`, `FILE: error: …`.
fn file_line(f: &FileReport) -> String {
    match &f.outcome {
        Outcome::Imported(n) => {
            let mut details = vec![match f.matched {
                0 => "none matched to a planned session".to_owned(),
                m => format!("{m} matched to planned sessions"),
            }];
            if f.duplicates > 0 {
                details.push(format!(
                    "{} {} skipped",
                    f.duplicates,
                    if f.duplicates == 1 {
                        "duplicate"
                    } else {
                        "duplicates"
                    }
                ));
            }
            format!("{}: imported {n} ({})", f.file, details.join(", "))
        }
        Outcome::Duplicate => format!("{}: duplicate (already in the plan)", f.file),
        Outcome::NotActivity(what) => format!("{}: skipped (not an activity: {what})", f.file),
        Outcome::Error(message) => {
            // Import errors start with the file name already; say it once.
            let reason = message
                .strip_prefix(f.file.as_str())
                .and_then(|rest| rest.strip_prefix(": "))
                .unwrap_or(message);
            format!("{}: error: {reason}", f.file)
        }
    }
}
