//! The series the plots draw, computed once here so the UI only hands them to egui_plot:
//! weekly load (baseline, current, actual), fitness/fatigue/form (planned, expected, actual),
//! projected performance against results, acute:chronic, monotony and strain, wellness.

use crate::model::Total;
use chrono::{Days, NaiveDate};

use super::load::{
    DailySeries, PmcDay, actual_daily, acute_chronic_series, banister, banister_steady,
    expected_daily, planned_daily, pmc, week_stats,
};
use super::predict::vdot_checked;
use super::retro::season_results;
use super::signals::SessionIndex;
use crate::model::{Completion, Plan, SessionType, Wellness};

/// Everything the plots panel shows for one plan on one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlotSeries {
    /// Week starts of the adopted plan.
    pub weeks: Vec<NaiveDate>,
    /// Weekly planned load of the adopted draft as it was adopted (the baseline).
    pub baseline_load: Vec<f64>,
    /// Weekly planned load of the current plan.
    pub current_load: Vec<f64>,
    /// Weekly actual load, for weeks that have started.
    pub actual_load: Vec<Option<f64>>,
    /// PMC of the baseline plan (what was planned).
    pub planned: Vec<PmcDay>,
    /// PMC of what is expected: actual load before today, the current plan from today on.
    pub expected: Vec<PmcDay>,
    /// PMC of the actual load, up to yesterday.
    pub actual: Vec<PmcDay>,
    /// Banister projected performance on the expected load, as an index (season start = 100).
    pub performance: Vec<(NaiveDate, f64)>,
    /// Race results and time trials in the season up to today, as a VDOT index (season
    /// start = 100).
    pub results: Vec<Performance>,
    /// Acute:chronic ratio of the expected load, per day.
    pub acute_chronic: Vec<(NaiveDate, f64)>,
    /// Monotony and strain of the expected load, per week.
    pub monotony: Vec<(NaiveDate, f64)>,
    pub strain: Vec<(NaiveDate, f64)>,
    /// Wellness check-ins (dates with data only).
    pub wellness: Vec<Wellness>,
}

/// The daily load the athlete actually did, over the plan's span.
pub fn actual_series(plan: &Plan, start: NaiveDate, end: NaiveDate) -> DailySeries {
    actual_daily(&plan.actuals, |id| plan.session(id), start, end)
}

/// The plot series of `plan` as of `today`.
pub fn plot_series(plan: &Plan, today: NaiveDate) -> PlotSeries {
    let Some(adopted) = &plan.plan else {
        return PlotSeries::default();
    };
    let weeks = &adopted.weeks;
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return PlotSeries::default();
    };
    let (start, end) = (first.start, last.end());
    let baseline = planned_daily(&adopted.baseline);
    let current = planned_daily(weeks);
    let actual = actual_series(plan, start, end);
    let expected = expected_daily(&current, &actual, today);
    let settings = &plan.model;
    let done_until = today.min(end.checked_add_days(Days::new(1)).unwrap_or(end));
    let actual_to_date = DailySeries::new(
        actual.start,
        actual
            .values
            .iter()
            .copied()
            .take(usize::try_from((done_until - actual.start).num_days()).unwrap_or(0))
            .collect(),
    );

    let week_load = |s: &DailySeries, w: NaiveDate| -> f64 {
        (0..7)
            .filter_map(|d| w.checked_add_days(Days::new(d)))
            .filter_map(|d| s.value_on(d))
            .total()
    };
    let baseline_load = weeks
        .iter()
        .map(|w| week_load(&baseline, w.start))
        .collect();
    let current_load = weeks.iter().map(|w| w.load_au()).collect();
    let actual_load = weeks
        .iter()
        .map(|w| (w.start < today).then(|| week_load(&actual_to_date, w.start)))
        .collect();

    // Banister on the expected load, from the pre-season steady state.
    let prior_daily = adopted.pmc_start.fitness;
    let (g0, h0) = banister_steady(prior_daily, settings);
    let perf = banister(&expected, settings, g0, h0);
    let p_start = settings.p0 + settings.k1 * g0 - settings.k2 * h0;
    let norm = (settings.k1 * g0).abs().max(1.0);
    let performance = expected
        .iter()
        .zip(perf)
        .map(|((d, _), p)| (d, 100.0 + (p - p_start) / norm * 100.0))
        .collect();
    let results = performances(plan, start, today);
    let acute_chronic = acute_chronic_series(&expected, Some(prior_daily))
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| Some((expected.date_of(i)?, r?)))
        .collect();
    let stats = week_stats(&DailySeries::new(start, expected.values.clone()));
    PlotSeries {
        weeks: weeks.iter().map(|w| w.start).collect(),
        baseline_load,
        current_load,
        actual_load,
        planned: pmc(&baseline, adopted.pmc_start, settings),
        expected: pmc(&expected, adopted.pmc_start, settings),
        actual: pmc(&actual_to_date, adopted.pmc_start, settings),
        performance,
        results,
        acute_chronic,
        monotony: stats
            .iter()
            .filter_map(|s| s.monotony.map(|m| (s.start, m)))
            .collect(),
        strain: stats.iter().map(|s| (s.start, s.strain)).collect(),
        wellness: plan
            .wellness
            .iter()
            .filter(|w| w.date >= start && w.date <= end)
            .cloned()
            .collect(),
    }
}

/// Where a performance on the plot comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerformanceSource {
    /// A race result in the athlete's recorded results.
    Race,
    /// A time trial in the athlete's recorded results.
    TimeTrial,
    /// A race the athlete logged (an actual of a race session) with no recorded result that day.
    LoggedRace,
}

/// A race result or time trial, scored as VDOT and as an index of the season's start.
#[derive(Clone, Debug, PartialEq)]
pub struct Performance {
    pub date: NaiveDate,
    pub name: String,
    pub source: PerformanceSource,
    /// VDOT of the performance (Daniels–Gilbert).
    pub vdot: f64,
    /// VDOT as a share of the season's reference, × 100 (the reference is 100).
    pub index: f64,
}

/// The season's performances from `season_start` up to `today`, in date order: the recorded
/// race results and time trials the Banister fit uses ([`season_results`]), and races the
/// athlete logged that have no recorded result on their day (a recorded result is the official
/// time, a logged one includes whatever the watch did). Scored as VDOT and indexed against the
/// best recorded result before the season (or, without one, the season's first performance), so
/// they share the projected-performance axis, where the season start is 100.
pub fn performances(plan: &Plan, season_start: NaiveDate, today: NaiveDate) -> Vec<Performance> {
    let mut found: Vec<(NaiveDate, String, PerformanceSource, f64)> = season_results(plan, today)
        .into_iter()
        .map(|(r, vdot)| {
            let source = if r.time_trial {
                PerformanceSource::TimeTrial
            } else {
                PerformanceSource::Race
            };
            (r.date, r.name.clone(), source, vdot)
        })
        .collect();
    let index = SessionIndex::new(plan);
    for a in &plan.actuals {
        let logged_race = index.kind_of(a) == Some(SessionType::Race)
            && a.completion != Completion::Skipped
            && season_start <= a.date
            && a.date <= today;
        if !logged_race || found.iter().any(|(d, ..)| *d == a.date) {
            continue;
        }
        let Some(vdot) = a.distance_m.and_then(|m| vdot_checked(m, a.duration_s)) else {
            continue;
        };
        let name = plan
            .races
            .iter()
            .find(|r| r.date == a.date)
            .map_or_else(|| "Logged race".to_owned(), |r| r.name.clone());
        found.push((a.date, name, PerformanceSource::LoggedRace, vdot));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let before = plan
        .athlete
        .recent_results
        .iter()
        .filter(|r| r.date < season_start)
        .filter_map(|r| vdot_checked(r.distance_m, r.time_s))
        .reduce(f64::max);
    let Some(reference) = before.or_else(|| found.first().map(|f| f.3)) else {
        return Vec::new();
    };
    found
        .into_iter()
        .map(|(date, name, source, vdot)| Performance {
            date,
            name,
            source,
            vdot,
            index: vdot / reference * 100.0,
        })
        .collect()
}
