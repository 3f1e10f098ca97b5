//! Key figures of a draft, for comparing the three variants side by side.

use crate::model::Total;
use chrono::NaiveDate;

use super::analysis::{draft_warnings, season_pmc};
use crate::model::{PhaseKind, Plan, Priority, SeasonDraft, SessionType, Severity, Warning};

/// What a coach compares between variants (SPEC §3, "Compare variants").
#[derive(Clone, Debug, PartialEq)]
pub struct VariantFigures {
    pub peak_week_load: f64,
    pub total_load: f64,
    pub peak_week_km: f64,
    pub longest_long_run_km: f64,
    pub hard_sessions: usize,
    /// Hard sessions in the heaviest week.
    pub hard_at_peak: usize,
    pub taper_weeks: f64,
    /// Fitness and form on the morning of each A race.
    pub race_day: Vec<RaceDayFigures>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RaceDayFigures {
    pub race: String,
    pub date: NaiveDate,
    pub fitness: f64,
    pub form: f64,
}

impl VariantFigures {
    pub fn count(&self, severity: Severity) -> usize {
        self.warnings
            .iter()
            .filter(|w| w.severity == severity)
            .count()
    }
}

/// The figures of one draft of `plan`.
pub fn variant_figures(plan: &Plan, draft: &SeasonDraft) -> VariantFigures {
    let peak = draft
        .weeks
        .iter()
        .max_by(|a, b| a.training_load_au().total_cmp(&b.training_load_au()));
    let pmc = season_pmc(&draft.weeks, draft.pmc_start, plan);
    let race_day = plan
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
        .filter_map(|r| {
            // The morning of the race: yesterday's fitness, and form from yesterday's values.
            let i = pmc.iter().position(|d| d.date == r.date)?;
            let morning = i
                .checked_sub(1)
                .and_then(|p| pmc.get(p))
                .map_or(draft.pmc_start.fitness, |d| d.fitness);
            Some(RaceDayFigures {
                race: r.name.clone(),
                date: r.date,
                fitness: morning,
                form: pmc.get(i)?.form,
            })
        })
        .collect();
    VariantFigures {
        peak_week_load: peak.map_or(0.0, |w| w.training_load_au()),
        total_load: draft.weeks.iter().map(|w| w.training_load_au()).total(),
        peak_week_km: draft
            .weeks
            .iter()
            .map(|w| w.distance_km())
            .fold(0.0, f64::max),
        longest_long_run_km: draft
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .filter(|s| s.kind == SessionType::Long)
            .filter_map(|s| s.distance_km)
            .fold(0.0, f64::max),
        hard_sessions: draft.weeks.iter().map(|w| w.hard_sessions()).sum(),
        hard_at_peak: peak.map_or(0, |w| w.hard_sessions()),
        taper_weeks: draft
            .phases
            .iter()
            .filter(|p| p.kind == PhaseKind::Taper)
            .map(|p| p.days() as f64 / 7.0)
            .total(),
        race_day,
        warnings: draft_warnings(plan, draft),
    }
}
