//! `peakline import PLAN FILE... [-o OUT]`: activity files into the plan's actuals, one line
//! per file.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::io;
use crate::io::import::{
    DistanceUnit, FileReport, ImportOptions, Outcome, apply_import, import_paths,
};

/// Imports what can be imported and saves it, then exits 1 if any file failed, so a script
/// notices a bad file without losing the good ones. Files without an activity (a route, a
/// settings file) are reported as skipped, not as failures. `garmin_units` ("km" or "mi") is
/// the unit assumed for Garmin Connect CSV exports that do not reveal theirs.
pub fn run(
    plan_path: &Path,
    files: &[PathBuf],
    output: Option<&Path>,
    garmin_units: Option<&str>,
    today: NaiveDate,
) -> ExitCode {
    let Some(mut plan) = super::load_or_report(plan_path) else {
        return ExitCode::FAILURE;
    };
    let opts = ImportOptions {
        garmin_distance_unit: garmin_units.map(|u| {
            if u == "mi" {
                DistanceUnit::Mi
            } else {
                DistanceUnit::Km
            }
        }),
        today: Some(today),
        ..ImportOptions::default()
    };
    let batch = import_paths(files, &opts, |_, _| ControlFlow::Continue(()));
    let report = apply_import(&mut plan, batch.files);
    for file in &report.files {
        for line in file_lines(file) {
            println!("{line}");
        }
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

/// The report of one file: its outcome line, then one indented line per assumption and per
/// row left out.
///
/// `FILE: imported 2 (1 matched to planned sessions, 1 merged with the athlete's log,
/// 1 duplicate skipped, 3 rows skipped)`, `FILE: duplicate (already in the plan)`,
/// `FILE: skipped (not an activity: …)`, `FILE: error: line 8: …` (the file named once: the
/// error's text leaves it out), then `  note: distances read in miles: …` and
/// `  warning: line 8: …`.
fn file_lines(f: &FileReport) -> Vec<String> {
    let mut lines = vec![file_line(f)];
    lines.extend(f.assumptions.iter().map(|a| format!("  note: {a}")));
    lines.extend(f.row_warnings.iter().map(|w| format!("  warning: {w}")));
    let unlisted = f.skipped_rows.saturating_sub(f.row_warnings.len());
    if unlisted > 0 {
        lines.push(format!(
            "  warning: {unlisted} more {} skipped",
            plural_rows(unlisted)
        ));
    }
    lines
}

fn plural_rows(n: usize) -> &'static str {
    if n == 1 { "row" } else { "rows" }
}

fn file_line(f: &FileReport) -> String {
    match &f.outcome {
        Outcome::Imported(n) => {
            let new = n.saturating_sub(f.merged);
            let mut details = Vec::new();
            if new > 0 || f.merged == 0 {
                details.push(match f.matched {
                    0 => "none matched to a planned session".to_owned(),
                    m => format!("{m} matched to planned sessions"),
                });
            }
            if f.merged > 0 {
                details.push(format!("{} merged with the athlete's log", f.merged));
            }
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
            if f.skipped_rows > 0 {
                details.push(format!(
                    "{} {} could not be read",
                    f.skipped_rows,
                    plural_rows(f.skipped_rows)
                ));
            }
            format!("{}: imported {n} ({})", f.file, details.join(", "))
        }
        Outcome::Duplicate => format!("{}: duplicate (already in the plan)", f.file),
        Outcome::NotActivity(what) => format!("{}: skipped (not an activity: {what})", f.file),
        Outcome::Error(reason) => format!("{}: error: {reason}", f.file),
        Outcome::Cancelled => format!("{}: not imported (the import was cancelled)", f.file),
    }
}
