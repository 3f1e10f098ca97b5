//! `peakline generate FILE [-o OUT] [--adopt VARIANT]`.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
use crate::io;
use crate::model::{Author, Change, ChangeEntry, Reason, ReasonPick, VariantKind};

pub fn run(
    file: &Path,
    output: Option<&Path>,
    adopt_variant: Option<&str>,
    today: NaiveDate,
) -> ExitCode {
    let Some(mut plan) = super::load_or_report(file) else {
        return ExitCode::FAILURE;
    };
    let requested = match adopt_variant {
        Some(code) => match VariantKind::from_code(code) {
            Some(v) => Some(v),
            None => {
                eprintln!(
                    "peakline generate: unknown variant \"{code}\"; use conservative, moderate or aggressive"
                );
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    if plan.athlete.name.trim().is_empty() {
        eprintln!("{}: the plan has no athlete yet", file.display());
        return ExitCode::FAILURE;
    }
    regenerate_variants(&mut plan, today);
    let variant = match (requested, plan.plan.is_some()) {
        (Some(v), _) => Some(v),
        (None, false) => Some(VariantKind::Moderate),
        (None, true) => None,
    };
    if let Some(variant) = variant {
        let had_plan = plan.plan.is_some();
        let Some(outcome) = adopt(&mut plan, variant, KeepPolicy::KeepCoachWeeks, today) else {
            eprintln!(
                "{}: the {} variant could not be generated",
                file.display(),
                variant.code()
            );
            return ExitCode::FAILURE;
        };
        let now = chrono::Utc::now();
        plan.change_log.push(ChangeEntry {
            at: now,
            who: Author::Engine,
            week: None,
            change: Change::VariantAdopted {
                variant,
                kept_weeks: outcome.kept_weeks.clone(),
            },
            reason: Reason::new(
                Some(ReasonPick::CoachJudgement),
                if had_plan {
                    format!("peakline generate --adopt {}", variant.code())
                } else {
                    "first draft of the season (peakline generate)".to_owned()
                },
            ),
        });
        for c in &outcome.conflicts {
            eprintln!("{}: {}", file.display(), c.message);
        }
        println!(
            "adopted the {} variant: {} weeks drafted, {} kept",
            variant.code(),
            outcome.changed_weeks.len(),
            outcome.kept_weeks.len()
        );
    } else {
        println!(
            "variants regenerated; the adopted plan is unchanged (use --adopt VARIANT to replace it)"
        );
    }
    let target = output.unwrap_or(file);
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
