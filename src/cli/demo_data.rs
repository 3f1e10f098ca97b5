//! `peakline demo-data PLAN --until DATE [--seed N] [-o OUT]` (hidden): synthetic actuals and
//! check-ins for demo plans, so the example files show planned versus actual.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::io;
use crate::io::sample::synthesize_history;

pub fn run(plan_path: &Path, until: NaiveDate, seed: u64, output: Option<&Path>) -> ExitCode {
    let Some(mut plan) = super::load_or_report(plan_path) else {
        return ExitCode::FAILURE;
    };
    let (actuals, wellness) = (plan.actuals.len(), plan.wellness.len());
    synthesize_history(&mut plan, until, seed);
    println!(
        "added {} actuals and {} check-ins before {until} (seed {seed})",
        plan.actuals.len() - actuals,
        plan.wellness.len() - wellness
    );
    let target = output.unwrap_or(plan_path);
    match io::save_plan(&plan, target) {
        Ok(()) => {
            println!("wrote {}", target.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
