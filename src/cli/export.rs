//! `peakline export PLAN [--ics OUT] [--csv OUT] [--actuals-csv OUT]`: calendar and
//! spreadsheet files, each written atomically.

use std::path::Path;
use std::process::ExitCode;

use crate::io;
use crate::io::export::{
    IcsOptions, actuals_csv, plan_to_ics_replacing, read_previous_export, sessions_csv,
};
use crate::io::import::DistanceUnit;

/// Where each export goes; `None` skips it.
pub struct Targets<'a> {
    pub ics: Option<&'a Path>,
    pub csv: Option<&'a Path>,
    pub actuals_csv: Option<&'a Path>,
}

pub fn run(plan_path: &Path, targets: &Targets<'_>, miles: bool) -> ExitCode {
    if targets.ics.is_none() && targets.csv.is_none() && targets.actuals_csv.is_none() {
        eprintln!(
            "peakline export: say what to write: --ics OUT, --csv OUT and/or --actuals-csv OUT"
        );
        return ExitCode::from(2);
    }
    let Some(plan) = super::load_or_report(plan_path) else {
        return ExitCode::FAILURE;
    };
    let unit = if miles {
        DistanceUnit::Mi
    } else {
        DistanceUnit::Km
    };
    let mut outputs = Vec::new();
    if let Some(path) = targets.ics {
        let opts = IcsOptions {
            stamp: chrono::Utc::now(),
            unit,
        };
        let events = plan
            .sessions()
            .filter(|s| s.kind != crate::model::SessionType::Rest)
            .count();
        // Replacing an earlier export: its events of sessions gone since are cancelled.
        let previous = read_previous_export(path);
        outputs.push((
            path,
            plan_to_ics_replacing(&plan, &opts, &previous),
            format!("{events} calendar events"),
        ));
    }
    if let Some(path) = targets.csv {
        outputs.push((
            path,
            sessions_csv(&plan),
            format!("{} planned sessions", plan.sessions().count()),
        ));
    }
    if let Some(path) = targets.actuals_csv {
        outputs.push((
            path,
            actuals_csv(&plan),
            format!("{} actuals", plan.actuals.len()),
        ));
    }
    let mut status = ExitCode::SUCCESS;
    for (path, text, what) in outputs {
        match io::write_atomic(path, text.as_bytes()) {
            Ok(()) => println!("wrote {} ({what})", path.display()),
            Err(e) => {
                eprintln!("{e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
