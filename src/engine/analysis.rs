//! Figures derived from a season of weeks: the daily load and PMC curves and the warnings,
//! for a draft or for the adopted plan. One place, so the CLI, the UI and tests agree.

use crate::model::Total;
use chrono::NaiveDate;

use super::load::{DailySeries, PmcDay, actual_daily, planned_daily, pmc};
use super::warnings::{WarningInput, check, check_with_load};
use crate::model::{Phase, Plan, PmcStart, SeasonDraft, Warning, Week};

/// Planned daily load with fitness, fatigue and form for a season of weeks.
pub fn season_pmc(weeks: &[Week], start: PmcStart, plan: &Plan) -> Vec<PmcDay> {
    pmc(&planned_daily(weeks), start, &plan.model)
}

/// Warnings for a season of weeks of this plan (a draft or the adopted plan).
pub fn season_warnings(
    weeks: &[Week],
    phases: &[Phase],
    start: PmcStart,
    plan: &Plan,
) -> Vec<Warning> {
    check(&warning_input(weeks, phases, start, plan))
}

/// What the warnings read of `plan` for a season of weeks.
fn warning_input<'a>(
    weeks: &'a [Week],
    phases: &'a [Phase],
    start: PmcStart,
    plan: &'a Plan,
) -> WarningInput<'a> {
    WarningInput {
        weeks,
        phases,
        races: &plan.races,
        athlete: &plan.athlete,
        guardrails: &plan.guardrails,
        wellness: &plan.wellness,
        pmc_start: start,
        settings: &plan.model,
    }
}

/// Warnings of the adopted plan; empty when none is adopted.
pub fn plan_warnings(plan: &Plan) -> Vec<Warning> {
    match &plan.plan {
        Some(adopted) => {
            season_warnings(&adopted.weeks, &plan.season.phases, adopted.pmc_start, plan)
        }
        None => Vec::new(),
    }
}

/// Warnings of one draft.
pub fn draft_warnings(plan: &Plan, draft: &SeasonDraft) -> Vec<Warning> {
    season_warnings(&draft.weeks, &draft.phases, draft.pmc_start, plan)
}

/// [`draft_warnings`] from the draft's planned daily load and PMC ([`season_pmc`]'s), when
/// the caller has them already.
pub fn draft_warnings_with_load(
    plan: &Plan,
    draft: &SeasonDraft,
    daily: &DailySeries,
    pmc: &[PmcDay],
) -> Vec<Warning> {
    check_with_load(
        &warning_input(&draft.weeks, &draft.phases, draft.pmc_start, plan),
        daily,
        pmc,
    )
}

/// What the workspace shows about the adopted plan, computed once per document revision.
#[derive(Clone, Debug, Default)]
pub struct PlanFigures {
    pub warnings: Vec<Warning>,
    /// Actual load per adopted week (None where nothing is logged yet).
    pub week_actual_load: Vec<Option<f64>>,
}

/// Warnings and per-week actual load of the adopted plan.
pub fn plan_figures(plan: &Plan) -> PlanFigures {
    let weeks = plan.weeks();
    let week_actual_load = match (weeks.first(), weeks.last()) {
        (Some(first), Some(last)) => {
            let series = actual_daily(
                &plan.actuals,
                |id| plan.session(id),
                first.start,
                last.end(),
            );
            weeks
                .iter()
                .map(|w| {
                    let logged = plan.actuals.iter().any(|a| w.contains(a.date));
                    logged.then(|| {
                        w.dates()
                            .filter_map(|d: NaiveDate| series.value_on(d))
                            .total()
                    })
                })
                .collect()
        }
        _ => Vec::new(),
    };
    PlanFigures {
        warnings: plan_warnings(plan),
        week_actual_load,
    }
}
