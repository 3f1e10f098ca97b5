//! The season retrospective after an A race (source article: "review what the AI got right,
//! what it missed, and where the human coach saved the day"): week by week the engine's
//! baseline draft, the coach's final plan and what happened; the coach's overrides grouped by
//! reason with what followed; and the Banister model fitted to the athlete's own performances,
//! to become next season's model on request.
//!
//! # Design
//! Performances are scored as VDOT (Daniels–Gilbert), so a fitted p0 is a VDOT and the fitted
//! model predicts VDOT: one scale for 5K and marathon results alike.

use crate::model::Total;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::load::{DailySeries, banister_steady, ewma_lambda, planned_daily, pmc};
use super::predict::vdot_checked;
use super::rules::MIN_PERFORMANCES_FOR_FIT;
use super::season_map::target_races;
use super::signals::{SessionIndex, add_days, checkins, load_history, load_window, mean};
use crate::model::{
    Author, Change, ModelSettings, PhaseKind, Plan, Priority, RaceResult, ReasonPick,
};

/// The race a retrospective is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetroRace {
    pub index: usize,
    pub name: String,
    pub date: NaiveDate,
    pub distance_km: f64,
    /// The athlete's result there, when recorded in the recent results.
    pub time_s: Option<f64>,
    pub goal_time_s: Option<f64>,
}

/// One week: what the engine proposed, what the coach planned, what happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetroWeek {
    pub start: NaiveDate,
    pub phase: PhaseKind,
    /// The adopted draft's load for the week (the engine's proposal).
    pub baseline_au: Option<f64>,
    /// The final plan's load.
    pub final_au: f64,
    /// Load done, for weeks the athlete was logging.
    pub actual_au: Option<f64>,
    /// Actual ÷ final.
    pub compliance: Option<f64>,
    /// Whether the coach's week differs from the engine's.
    pub changed_by_coach: bool,
}

/// Coach overrides sharing a reason, and what followed them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverrideGroup {
    /// The quick pick's label, or the free text when no pick was given.
    pub reason: String,
    pub pick: Option<ReasonPick>,
    pub count: usize,
    /// The weeks the overrides were about.
    pub weeks: Vec<NaiveDate>,
    /// Mean load compliance of the week after each override (weeks with data only).
    pub next_week_compliance: Option<f64>,
    /// Mean readiness in the week after each override.
    pub next_week_readiness: Option<f64>,
    /// One line for people.
    pub followed: String,
}

/// Fitness at the end of a week on the three load histories.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FitnessPoint {
    pub date: NaiveDate,
    pub baseline: f64,
    pub planned: f64,
    /// On the load done, for weeks the athlete was logging.
    pub actual: Option<f64>,
}

/// One performance the model was fitted to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FitPoint {
    pub name: String,
    pub date: NaiveDate,
    pub distance_m: f64,
    pub time_s: f64,
    /// Its VDOT.
    pub observed: f64,
    /// The fitted model's VDOT for that day, when fitted.
    pub predicted: Option<f64>,
}

/// The Banister model fitted to the athlete's performances, or the defaults and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BanisterFit {
    /// What performances are measured in.
    pub score: &'static str,
    pub points: Vec<FitPoint>,
    pub k1: f64,
    pub k2: f64,
    pub p0: f64,
    pub fitness_tau_days: f64,
    pub fatigue_tau_days: f64,
    /// Root-mean-square error of the fit, in VDOT points.
    pub rmse: Option<f64>,
    /// Whether k1, k2, p0 are fitted (otherwise they are the defaults).
    pub fitted: bool,
    /// What was done and why, for the report.
    pub message: String,
}

/// The season retrospective.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Retrospective {
    pub race: Option<RetroRace>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub weeks: Vec<RetroWeek>,
    pub baseline_total_au: f64,
    pub final_total_au: f64,
    /// Over the weeks with a log.
    pub actual_total_au: Option<f64>,
    /// The final plan's load over the same weeks as the actual total.
    pub final_logged_au: f64,
    /// Weeks in which the athlete logged anything (a session or a check-in): the weeks the
    /// actual total and its compliance are over.
    pub logged_weeks: usize,
    pub overrides: Vec<OverrideGroup>,
    pub fitness: Vec<FitnessPoint>,
    pub fit: BanisterFit,
    pub notes: Vec<String>,
}

/// The A race the retrospective is about: the latest one on or before `today`, else the
/// latest target race on or before today.
fn retro_race(plan: &Plan, today: NaiveDate) -> Option<usize> {
    let past = |i: &usize| plan.races.get(*i).is_some_and(|r| r.date <= today);
    let a = (0..plan.races.len())
        .filter(|i| plan.races[*i].priority == Priority::A)
        .filter(past)
        .max_by_key(|&i| plan.races[i].date);
    a.or_else(|| {
        target_races(&plan.races)
            .into_iter()
            .filter(past)
            .max_by_key(|&i| plan.races[i].date)
    })
}

/// The retrospective of the season up to the week of the latest A race on or before `today`
/// (or up to today's week when no A race has been run yet).
pub fn retrospective(plan: &Plan, today: NaiveDate) -> Retrospective {
    let index = SessionIndex::new(plan);
    let mut notes = Vec::new();
    let race = retro_race(plan, today).and_then(|i| {
        let r = plan.races.get(i)?;
        let result = plan
            .athlete
            .recent_results
            .iter()
            .find(|x| x.date == r.date && (x.distance_m / 1000.0 - r.distance_km).abs() < 0.5);
        Some(RetroRace {
            index: i,
            name: r.name.clone(),
            date: r.date,
            distance_km: r.distance_km,
            time_s: result.map(|x| x.time_s),
            goal_time_s: r.goal_time_s,
        })
    });
    if race.is_none() {
        notes.push("No A race run yet: the retrospective covers the season so far.".to_owned());
    }
    let last_day = race.as_ref().map_or(today, |r| r.date);
    let end_week = plan.season.week_start.week_of(last_day);
    let weeks_in: Vec<&crate::model::Week> = plan
        .weeks()
        .iter()
        .filter(|w| w.start <= end_week)
        .collect();
    let start = weeks_in.first().map_or(end_week, |w| w.start);
    let end = weeks_in.last().map_or(last_day, |w| w.end());
    let baseline = plan
        .plan
        .as_ref()
        .map_or(&[][..], |p| p.baseline.as_slice());

    let mut weeks = Vec::new();
    let (mut actual_total, mut final_logged, mut any_logged) = (0.0, 0.0, false);
    let mut logged_weeks = 0;
    for w in &weeks_in {
        let b = baseline.iter().find(|x| x.start == w.start);
        // A week counts as logged only if the athlete logged something in it: a week after
        // the first log with nothing in it is a week they stopped logging, not one of 0 %
        // compliance (the demo's history ends in November; its season runs to April).
        // The week holding today is still in progress: its few lived days against the whole
        // week's plan would read as a collapse.
        let logged = w.end() < today && logged_in(plan, w.start, w.end());
        logged_weeks += usize::from(logged);
        let window = load_window(plan, &index, w.start, w.end().min(add_days(today, -1)));
        let actual = logged.then_some(window.actual_au);
        if let Some(a) = actual {
            any_logged = true;
            actual_total += a;
            final_logged += window.planned_au;
        }
        weeks.push(RetroWeek {
            start: w.start,
            phase: w.phase,
            baseline_au: b.map(crate::model::Week::load_au),
            final_au: w.load_au(),
            actual_au: actual,
            compliance: if logged { window.compliance } else { None },
            changed_by_coach: b.is_none_or(|b| b.sessions != w.sessions),
        });
    }
    if !any_logged {
        notes.push("Nothing logged: the actual load and fitness are unknown.".to_owned());
    }
    Retrospective {
        race,
        start,
        end,
        baseline_total_au: weeks.iter().filter_map(|w| w.baseline_au).total(),
        final_total_au: weeks.iter().map(|w| w.final_au).total(),
        actual_total_au: any_logged.then_some(actual_total),
        final_logged_au: final_logged,
        logged_weeks,
        overrides: overrides(plan, &index, today),
        fitness: fitness_points(plan, &index, &weeks, today),
        fit: fit_banister(plan, today),
        weeks,
        notes,
    }
}

/// Whether the athlete logged a session (done, partly or skipped) or a check-in dated
/// `from..=to`.
fn logged_in(plan: &Plan, from: NaiveDate, to: NaiveDate) -> bool {
    let within = |d: NaiveDate| from <= d && d <= to;
    plan.actuals.iter().any(|a| within(a.date)) || plan.wellness.iter().any(|w| within(w.date))
}

/// Whether a change-log entry is the coach overriding the engine's plan (approving a week is
/// agreeing with it, not overriding; adoption and re-planning are the engine's).
/// Approving the weekly review's draft overrides only when the coach edited the draft; saving
/// a review's minutes or the fitted model changes no training.
fn is_override(change: &Change) -> bool {
    match change {
        Change::WeeklyDraftApproved { drafted, after, .. } => drafted.sessions != after.sessions,
        _ => !matches!(
            change,
            Change::WeekApproved { .. }
                | Change::WeekReopened { .. }
                | Change::VariantAdopted { .. }
                | Change::Replanned { .. }
                | Change::AthleteEdited { .. }
                | Change::ReviewRecorded { .. }
                | Change::ModelSet { .. }
        ),
    }
}

/// The coach's overrides from the change log, grouped by quick-pick reason (free text, case
/// and spacing ignored, when no pick was given), most frequent first.
pub fn overrides(plan: &Plan, index: &SessionIndex<'_>, today: NaiveDate) -> Vec<OverrideGroup> {
    struct Acc {
        reason: String,
        pick: Option<ReasonPick>,
        weeks: Vec<NaiveDate>,
        compliance: Vec<f64>,
        readiness: Vec<f64>,
    }
    let mut groups: BTreeMap<(Option<ReasonPick>, String), Acc> = BTreeMap::new();
    for e in &plan.change_log {
        if e.who != Author::Coach || !is_override(&e.change) {
            continue;
        }
        let text = e
            .reason
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (key, label) = match e.reason.pick {
            Some(p) => ((Some(p), String::new()), p.label().to_owned()),
            None if text.is_empty() => ((None, String::new()), "(no reason given)".to_owned()),
            None => ((None, text.to_lowercase()), text.clone()),
        };
        let week = e
            .week
            .unwrap_or_else(|| plan.season.week_start.week_of(e.at.date_naive()));
        let acc = groups.entry(key).or_insert_with(|| Acc {
            reason: label,
            pick: e.reason.pick,
            weeks: Vec::new(),
            compliance: Vec::new(),
            readiness: Vec::new(),
        });
        acc.weeks.push(week);
        let next = add_days(week, 7);
        let next_end = add_days(next, 6);
        if next_end < today {
            if let Some(c) = load_window(plan, index, next, next_end).compliance {
                acc.compliance.push(c);
            }
            if let Some(r) = mean(
                checkins(plan, next, next_end)
                    .iter()
                    .filter_map(|w| w.readiness.map(f64::from)),
            ) {
                acc.readiness.push(r);
            }
        }
    }
    let mut out: Vec<OverrideGroup> = groups
        .into_values()
        .map(|a| {
            let compliance = mean(a.compliance.iter().copied());
            let readiness = mean(a.readiness.iter().copied());
            let mut followed = Vec::new();
            if let Some(c) = compliance {
                followed.push(format!(
                    "next week's compliance {:.0} % (mean of {})",
                    c * 100.0,
                    a.compliance.len()
                ));
            }
            if let Some(r) = readiness {
                followed.push(format!("readiness {r:.1} (mean of {})", a.readiness.len()));
            }
            let followed = if followed.is_empty() {
                "nothing logged in the weeks after".to_owned()
            } else {
                followed.join(", ")
            };
            let mut weeks = a.weeks;
            weeks.sort();
            OverrideGroup {
                count: weeks.len(),
                reason: a.reason,
                pick: a.pick,
                weeks,
                next_week_compliance: compliance,
                next_week_readiness: readiness,
                followed,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    out
}

fn fitness_points(
    plan: &Plan,
    index: &SessionIndex<'_>,
    weeks: &[RetroWeek],
    today: NaiveDate,
) -> Vec<FitnessPoint> {
    let Some(adopted) = plan.plan.as_ref() else {
        return Vec::new();
    };
    let Some(last) = weeks.last() else {
        return Vec::new();
    };
    let end = add_days(last.start, 6);
    let fitness_on = |series: &DailySeries| {
        let curve = pmc(series, adopted.pmc_start, &plan.model);
        move |date: NaiveDate| curve.iter().find(|d| d.date == date).map(|d| d.fitness)
    };
    let baseline = fitness_on(&planned_daily(&adopted.baseline));
    let planned = fitness_on(&planned_daily(&adopted.weeks));
    let history = load_history(plan, index, end, today).filter(|(_, logged)| *logged);
    let actual = history.map(|(s, _)| fitness_on(&s));
    weeks
        .iter()
        .map(|w| {
            let date = add_days(w.start, 6);
            FitnessPoint {
                date,
                baseline: baseline(date).unwrap_or(0.0),
                planned: planned(date).unwrap_or(0.0),
                actual: if w.actual_au.is_some() {
                    actual.as_ref().and_then(|f| f(date))
                } else {
                    None
                },
            }
        })
        .collect()
}

/// Banister components `(g, h)` for every day of `series` from `(g0, h0)`:
/// `g_t = g_{t−1}·e^(−1/τ1) + w_t`, `h_t = h_{t−1}·e^(−1/τ2) + w_t` (Banister 1975).
pub fn banister_components(
    series: &DailySeries,
    fitness_tau_days: f64,
    fatigue_tau_days: f64,
    g0: f64,
    h0: f64,
) -> Vec<(f64, f64)> {
    let (dg, dh) = (
        1.0 - ewma_lambda(fitness_tau_days),
        1.0 - ewma_lambda(fatigue_tau_days),
    );
    let (mut g, mut h) = (g0, h0);
    series
        .values
        .iter()
        .map(|&w| {
            g = g * dg + w;
            h = h * dh + w;
            (g, h)
        })
        .collect()
}

/// The load history the fit and the audit's projection use ([`load_history`]) with the
/// Banister components seeded from the plan's pre-season load, and the modelled performance
/// `p0 + k1·g − k2·h` per day under `settings`. `None` without an adopted plan.
pub fn performance_history(
    plan: &Plan,
    index: &SessionIndex<'_>,
    end: NaiveDate,
    today: NaiveDate,
    settings: &ModelSettings,
) -> Option<Vec<(NaiveDate, f64)>> {
    let adopted = plan.plan.as_ref()?;
    let (series, _) = load_history(plan, index, end, today)?;
    let (g0, h0) = banister_steady(adopted.pmc_start.fitness, settings);
    let comps = banister_components(
        &series,
        settings.fitness_tau_days,
        settings.fatigue_tau_days,
        g0,
        h0,
    );
    Some(
        series
            .start
            .iter_days()
            .zip(comps)
            .map(|(d, (g, h))| (d, settings.p0 + settings.k1 * g - settings.k2 * h))
            .collect(),
    )
}

/// Why a least-squares fit failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error("{0} performances: at least {MIN_PERFORMANCES_FOR_FIT} are needed")]
    TooFew(usize),
    #[error("the performances do not vary enough with training load to separate k1 from k2")]
    Singular,
}

/// Least-squares fit of `p = p0 + k1·g − k2·h` to `(g, h, p)` points, τ fixed. Linear in
/// (p0, k1, k2), so the 3×3 normal equations are solved directly (columns scaled first: g and h
/// are thousands, the constant is 1). Returns `(k1, k2, p0, rmse)`.
///
/// # Errors
/// Fewer than [`MIN_PERFORMANCES_FOR_FIT`] points, or a singular system.
pub fn least_squares(points: &[(f64, f64, f64)]) -> Result<(f64, f64, f64, f64), FitError> {
    if points.len() < MIN_PERFORMANCES_FOR_FIT {
        return Err(FitError::TooFew(points.len()));
    }
    let rows: Vec<[f64; 3]> = points.iter().map(|&(g, h, _)| [1.0, g, -h]).collect();
    let mut scale = [0.0f64; 3];
    for (j, s) in scale.iter_mut().enumerate() {
        *s = (rows.iter().map(|r| r[j] * r[j]).sum::<f64>() / rows.len() as f64).sqrt();
        if !(s.is_finite() && *s > 0.0) {
            return Err(FitError::Singular);
        }
    }
    let mut a = [[0.0f64; 4]; 3];
    for (r, &(_, _, p)) in rows.iter().zip(points) {
        let x = [r[0] / scale[0], r[1] / scale[1], r[2] / scale[2]];
        for i in 0..3 {
            for j in 0..3 {
                a[i][j] += x[i] * x[j];
            }
            a[i][3] += x[i] * p;
        }
    }
    let beta = solve3(a).ok_or(FitError::Singular)?;
    let (p0, k1, k2) = (beta[0] / scale[0], beta[1] / scale[1], beta[2] / scale[2]);
    let sse: f64 = points
        .iter()
        .map(|&(g, h, p)| (p0 + k1 * g - k2 * h - p).powi(2))
        .sum();
    Ok((k1, k2, p0, (sse / points.len() as f64).sqrt()))
}

/// Gaussian elimination with partial pivoting on an augmented 3×4 matrix.
fn solve3(mut a: [[f64; 4]; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let pivot = (col..3).max_by(|&i, &j| {
            a[i][col]
                .abs()
                .partial_cmp(&a[j][col].abs())
                .unwrap_or(std::cmp::Ordering::Equal)
        })?;
        // Columns are scaled to unit RMS, so an absolute threshold is meaningful.
        if a[pivot][col].abs() < 1e-9 {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col];
        for row in a.iter_mut().skip(col + 1) {
            let f = row[col] / pivot_row[col];
            for (x, p) in row.iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
        }
    }
    let mut x = [0.0f64; 3];
    for i in (0..3).rev() {
        let tail: f64 = (i + 1..3).map(|k| a[i][k] * x[k]).sum();
        x[i] = (a[i][3] - tail) / a[i][i];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The athlete's recorded race results and time trials from the adopted plan's first week up to
/// `today`, with their VDOT (Daniels–Gilbert), in date order: the performances the fit uses and
/// the plots draw. Empty without an adopted week.
pub fn season_results(plan: &Plan, today: NaiveDate) -> Vec<(&RaceResult, f64)> {
    let first = plan.weeks().first().map(|w| w.start);
    let mut results: Vec<_> = plan
        .athlete
        .recent_results
        .iter()
        .filter(|r| r.date <= today && first.is_some_and(|f| r.date >= f))
        .filter_map(|r| vdot_checked(r.distance_m, r.time_s).map(|v| (r, v)))
        .collect();
    results.sort_by_key(|(r, _)| r.date);
    results
}

/// Fits k1, k2 and p0 of the Banister model (τ1, τ2 fixed at the plan's settings) to the
/// athlete's race results and time trials from the season's first week up to `today`, scored
/// as VDOT, on the load history ([`load_history`]: logged load where logged, the plan before).
/// With fewer than [`MIN_PERFORMANCES_FOR_FIT`] performances, a singular system or a
/// non-physiological result (a gain ≤ 0) it falls back to the defaults and says so.
pub fn fit_banister(plan: &Plan, today: NaiveDate) -> BanisterFit {
    let index = SessionIndex::new(plan);
    let defaults = ModelSettings {
        fitness_tau_days: plan.model.fitness_tau_days,
        fatigue_tau_days: plan.model.fatigue_tau_days,
        ..ModelSettings::default()
    };
    let first = plan.weeks().first().map(|w| w.start);
    let results = season_results(plan, today);
    let earlier = plan
        .athlete
        .recent_results
        .iter()
        .filter(|r| first.is_none_or(|f| r.date < f))
        .count();
    let mut points: Vec<FitPoint> = results
        .iter()
        .map(|(r, v)| FitPoint {
            name: r.name.clone(),
            date: r.date,
            distance_m: r.distance_m,
            time_s: r.time_s,
            observed: *v,
            predicted: None,
        })
        .collect();
    let fallback = |points: Vec<FitPoint>, why: String| BanisterFit {
        score: "VDOT (Daniels–Gilbert)",
        points,
        k1: defaults.k1,
        k2: defaults.k2,
        p0: defaults.p0,
        fitness_tau_days: defaults.fitness_tau_days,
        fatigue_tau_days: defaults.fatigue_tau_days,
        rmse: None,
        fitted: false,
        message: format!(
            "{why} Kept the default gains (k1 = {}, k2 = {}, p0 = {}).",
            defaults.k1, defaults.k2, defaults.p0
        ),
    };
    let before_note = if earlier > 0 {
        format!(
            " ({earlier} result(s) before the season's first week are not used: no load history.)"
        )
    } else {
        String::new()
    };
    if points.len() < MIN_PERFORMANCES_FOR_FIT {
        return fallback(
            points.clone(),
            format!(
                "Only {} performance(s) in the season: fitting k1, k2 and p0 needs at least {MIN_PERFORMANCES_FOR_FIT}; with fewer the fit is unreliable.{before_note}",
                points.len()
            ),
        );
    }
    let last = points.last().map_or(today, |p| p.date);
    let unit = ModelSettings {
        k1: 1.0,
        k2: 1.0,
        p0: 0.0,
        ..defaults.clone()
    };
    let Some(adopted) = plan.plan.as_ref() else {
        return fallback(
            points,
            "No adopted plan: no load history to fit to.".to_owned(),
        );
    };
    let Some((series, _)) = load_history(plan, &index, last, today) else {
        return fallback(
            points,
            "No adopted plan: no load history to fit to.".to_owned(),
        );
    };
    let (g0, h0) = banister_steady(adopted.pmc_start.fitness, &unit);
    let comps = banister_components(
        &series,
        unit.fitness_tau_days,
        unit.fatigue_tau_days,
        g0,
        h0,
    );
    let data: Vec<(f64, f64, f64)> = points
        .iter()
        .filter_map(|p| {
            let (g, h) = comps.get(series.index_of(p.date)?)?;
            Some((*g, *h, p.observed))
        })
        .collect();
    match least_squares(&data) {
        Ok((k1, k2, p0, rmse)) if k1 > 0.0 && k2 > 0.0 => {
            for (p, &(g, h, _)) in points.iter_mut().zip(&data) {
                p.predicted = Some(p0 + k1 * g - k2 * h);
            }
            BanisterFit {
                score: "VDOT (Daniels–Gilbert)",
                points,
                k1,
                k2,
                p0,
                fitness_tau_days: unit.fitness_tau_days,
                fatigue_tau_days: unit.fatigue_tau_days,
                rmse: Some(rmse),
                fitted: true,
                message: format!(
                    "Fitted to {} performances (τ1 = {:.0} d, τ2 = {:.0} d fixed): k1 = {k1:.5}, k2 = {k2:.5}, p0 = {p0:.1} VDOT; RMS error {rmse:.2} VDOT.{}{before_note}",
                    data.len(),
                    unit.fitness_tau_days,
                    unit.fatigue_tau_days,
                    if k1 < k2 {
                        ""
                    } else {
                        " Note: k1 ≥ k2 is unusual (fatigue normally weighs more)."
                    }
                ),
            }
        }
        Ok((k1, k2, _, rmse)) => fallback(
            points,
            format!(
                "The fit gave k1 = {k1:.5}, k2 = {k2:.5} (RMS error {rmse:.2}): a gain ≤ 0 is not physiological."
            ),
        ),
        Err(e) => fallback(points, format!("No fit: {e}.")),
    }
}

/// The model settings for next season: the fitted k1, k2, p0 (with the fit error) when the fit
/// succeeded, else the defaults — the coach applies them on request.
pub fn fitted_settings(plan: &Plan, retro: &Retrospective) -> ModelSettings {
    let fit = &retro.fit;
    if fit.fitted {
        ModelSettings {
            k1: fit.k1,
            k2: fit.k2,
            p0: fit.p0,
            fitted: true,
            fit_error: fit.rmse,
            ..plan.model.clone()
        }
    } else {
        ModelSettings {
            fitness_tau_days: plan.model.fitness_tau_days,
            fatigue_tau_days: plan.model.fatigue_tau_days,
            ..ModelSettings::default()
        }
    }
}
