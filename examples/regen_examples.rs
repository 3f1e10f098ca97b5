//! Maintainer tool: re-drafts the embedded example plans with the current engine, keeping
//! each athlete, race calendar and logged history, and adopting the moderate variant as a
//! first draft. Run after changing the engine: `cargo run --example regen_examples`.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use peakline::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
use peakline::io::{load_plan, save_plan};
use peakline::model::{Author, Change, ChangeEntry, Reason, ReasonPick, VariantKind, Variants};

fn main() -> ExitCode {
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 25) else {
        return ExitCode::FAILURE;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("cannot read {}", dir.display());
        return ExitCode::FAILURE;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.to_string_lossy().ends_with(".peakline.ron") {
            continue;
        }
        let mut plan = match load_plan(&path) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        plan.plan = None;
        plan.variants = Variants::default();
        plan.season.phases.clear();
        plan.change_log.clear();
        regenerate_variants(&mut plan, today);
        if adopt(
            &mut plan,
            VariantKind::Moderate,
            KeepPolicy::KeepCoachWeeks,
            today,
        )
        .is_none()
        {
            eprintln!("{}: no moderate draft", path.display());
            return ExitCode::FAILURE;
        }
        plan.change_log.push(ChangeEntry {
            at: chrono::DateTime::from_timestamp(1_793_000_000, 0).unwrap_or_default(),
            who: Author::Engine,
            week: None,
            change: Change::VariantAdopted {
                variant: VariantKind::Moderate,
                kept_weeks: Vec::new(),
            },
            reason: Reason::new(
                Some(ReasonPick::CoachJudgement),
                "first draft of the season",
            ),
        });
        // The demo's history follows the new draft (same seed as `peakline demo-data`).
        if !plan.actuals.is_empty() || !plan.wellness.is_empty() {
            plan.actuals.clear();
            plan.wellness.clear();
            peakline::io::sample::synthesize_history(&mut plan, today, 23);
        }
        if let Err(e) = save_plan(&plan, &path) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
        let _ = std::fs::remove_file(peakline::io::backup_path(&path));
        println!("re-drafted {}", path.display());
    }
    ExitCode::SUCCESS
}
