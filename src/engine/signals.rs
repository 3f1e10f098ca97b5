//! What the athlete's log says about a span of days: load done against load planned, which
//! planned sessions were done, readiness against the athlete's own baseline, pain, sleep and
//! soreness, and fitness and form on the load actually done.
//!
//! The weekly draft, the monthly audit and the season retrospective all read the log through
//! these functions, so they agree on what "done" and "compliance" mean.
//!
//! # Design
//! Days before the athlete's first logged actual are *not logged*, not *not trained*: a coach
//! who starts logging in week 5 should not see weeks 1–4 as 0 % compliance. The same holds at
//! the other end: days after the athlete's last entry (an actual or a check-in) are *not known
//! yet* — the athlete's file has not been merged, the watch not imported — not *missed*. So
//! compliance is only computed over the logged span, and load curves use the plan outside it.

use crate::model::Total;
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::load::{DailySeries, actual_daily, planned_daily, pmc};
use super::rules::{
    READINESS_BASELINE_DAYS, READINESS_BASELINE_MIN_CHECKINS, READINESS_LOW_MARGIN,
};
use crate::model::{Actual, Completion, Plan, Session, SessionId, SessionType, Wellness};

/// `date` moved by `days` (negative: back); saturates at the calendar's ends.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(date)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(date)
    }
}

/// Mean of the values, `None` for none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The planned sessions of a plan by id: matched actuals are looked up once per plan, not by
/// scanning every week for every actual.
pub struct SessionIndex<'a> {
    by_id: BTreeMap<SessionId, &'a Session>,
    /// Date of the first actual logged (done, partly or skipped), if any.
    pub first_logged: Option<NaiveDate>,
    /// Date of the athlete's latest entry: an actual or a daily check-in.
    pub last_logged: Option<NaiveDate>,
}

impl<'a> SessionIndex<'a> {
    /// Indexes the adopted plan's sessions and finds the first logged day.
    pub fn new(plan: &'a Plan) -> Self {
        Self {
            by_id: plan.sessions().map(|s| (s.id, s)).collect(),
            first_logged: plan.actuals.iter().map(|a| a.date).min(),
            last_logged: plan
                .actuals
                .iter()
                .map(|a| a.date)
                .chain(plan.wellness.iter().map(|w| w.date))
                .max(),
        }
    }

    /// The planned session with this id.
    pub fn get(&self, id: SessionId) -> Option<&'a Session> {
        self.by_id.get(&id).copied()
    }

    /// The session type an actual was: as logged, else its planned session's type.
    pub fn kind_of(&self, actual: &Actual) -> Option<SessionType> {
        actual
            .kind
            .or_else(|| actual.session.and_then(|id| self.get(id)).map(|s| s.kind))
    }

    /// Whether the log covers `date`: on or after the first logged actual and on or before the
    /// athlete's latest entry.
    pub fn logging_on(&self, date: NaiveDate) -> bool {
        self.logged_span(date, date).is_some()
    }

    /// The part of `start..=end` the log covers, `None` if none of it.
    pub fn logged_span(&self, start: NaiveDate, end: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let from = self.first_logged?.max(start);
        let to = self.last_logged?.min(end);
        (from <= to).then_some((from, to))
    }

    /// The athlete's latest entry and how many days before `end` it is, when the log has
    /// started by `end` but stops at least two days short of it (one day is just "not logged
    /// yet today"): the stretch a coach should merge or import before judging compliance.
    pub fn stale_log(&self, end: NaiveDate) -> Option<(NaiveDate, i64)> {
        self.first_logged.filter(|f| *f <= end)?;
        let last = self.last_logged?;
        let days = (end - last).num_days();
        (days >= 2).then_some((last, days))
    }
}

/// Actual load per day over `start..=end` ([`actual_daily`]: session RPE × minutes, Foster 2001).
pub fn actual_series(
    plan: &Plan,
    index: &SessionIndex<'_>,
    start: NaiveDate,
    end: NaiveDate,
) -> DailySeries {
    actual_daily(&plan.actuals, |id| index.get(id), start, end)
}

/// The load that shaped the athlete up to `end`: from the adopted plan's first week, what was
/// logged on days the athlete was logging and before `today`, the plan on every other day.
/// `None` without an adopted week. The flag says whether any logged day is in it (otherwise
/// the curve is the plan's projection).
pub fn load_history(
    plan: &Plan,
    index: &SessionIndex<'_>,
    end: NaiveDate,
    today: NaiveDate,
) -> Option<(DailySeries, bool)> {
    let start = plan.weeks().first()?.start;
    let planned = planned_daily(plan.weeks());
    let actual = actual_series(plan, index, start, end);
    let mut series = DailySeries::zeros(start, end);
    let mut any_logged = false;
    for (date, value) in start.iter_days().zip(series.values.iter_mut()) {
        if index.logging_on(date) && date < today {
            any_logged = true;
            *value = actual.value_on(date).unwrap_or(0.0);
        } else {
            *value = planned.value_on(date).unwrap_or(0.0);
        }
    }
    Some((series, any_logged))
}

/// Planned load over `start..=end`.
pub fn planned_au(plan: &Plan, start: NaiveDate, end: NaiveDate) -> f64 {
    plan.sessions()
        .filter(|s| start <= s.date && s.date <= end)
        .map(Session::load_au)
        .filter(|l| l.is_finite() && *l > 0.0)
        .total()
}

/// What became of one planned session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Done,
    Partly,
    Skipped,
    /// Nothing logged for it although the athlete was logging.
    Missing,
}

impl Outcome {
    /// Done or partly done.
    pub fn is_done(self) -> bool {
        matches!(self, Self::Done | Self::Partly)
    }
}

/// A planned session and what the log says about it.
#[derive(Clone, Debug)]
pub struct SessionOutcome<'a> {
    pub session: &'a Session,
    pub outcome: Outcome,
    /// The actual that fulfilled it, matched by id or, failing that, by date.
    pub actual: Option<&'a Actual>,
}

/// The planned training sessions (not rest days) of `start..=end` on days the athlete was
/// logging, each with its outcome. An actual matched to the session by id decides; otherwise an
/// unmatched actual on the same day counts for it (imports are not always matched).
pub fn session_outcomes<'a>(
    plan: &'a Plan,
    index: &SessionIndex<'a>,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<SessionOutcome<'a>> {
    let mut by_id: BTreeMap<SessionId, &Actual> = BTreeMap::new();
    let mut unmatched: BTreeMap<NaiveDate, Vec<&Actual>> = BTreeMap::new();
    for a in &plan.actuals {
        if a.date < start || a.date > end {
            continue;
        }
        match a.session {
            Some(id) if index.get(id).is_some() => {
                by_id.insert(id, a);
            }
            _ => unmatched.entry(a.date).or_default().push(a),
        }
    }
    let mut out = Vec::new();
    for s in plan.sessions() {
        if s.date < start || s.date > end || s.kind == SessionType::Rest || s.load_au() <= 0.0 {
            continue;
        }
        if !index.logging_on(s.date) {
            continue;
        }
        let actual = by_id.get(&s.id).copied().or_else(|| {
            let day = unmatched.get_mut(&s.date)?;
            // Prefer an actual of the same type, else the first of the day.
            let at = day.iter().position(|a| a.kind == Some(s.kind)).unwrap_or(0);
            (!day.is_empty()).then(|| day.remove(at))
        });
        let outcome = match actual.map(|a| a.completion) {
            Some(Completion::Done) => Outcome::Done,
            Some(Completion::Partly) => Outcome::Partly,
            Some(Completion::Skipped) => Outcome::Skipped,
            None => Outcome::Missing,
        };
        out.push(SessionOutcome {
            session: s,
            outcome,
            actual,
        });
    }
    out
}

/// Load and sessions over a window of days: what was planned, what was done.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadWindow {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Actual load (session RPE × minutes) over the days the athlete was logging.
    pub actual_au: f64,
    /// Planned load over the same days.
    pub planned_au: f64,
    /// Actual ÷ planned load over the logged days; `None` when the log does not cover the
    /// window or nothing was planned on the logged days.
    pub compliance: Option<f64>,
    pub sessions_planned: usize,
    /// Done or partly done.
    pub sessions_done: usize,
    /// Days of the window the log covers.
    pub logged_days: usize,
}

impl LoadWindow {
    /// Sessions done ÷ planned, `None` without planned sessions.
    pub fn session_share(&self) -> Option<f64> {
        (self.sessions_planned > 0)
            .then(|| self.sessions_done as f64 / self.sessions_planned as f64)
    }
}

/// Load and sessions over `start..=end`, counted over the days the log covers
/// ([`SessionIndex::logged_span`]).
pub fn load_window(
    plan: &Plan,
    index: &SessionIndex<'_>,
    start: NaiveDate,
    end: NaiveDate,
) -> LoadWindow {
    let span = index.logged_span(start, end);
    let logging = span.is_some();
    let (actual_au, planned, logged_days) = match span {
        Some((from, to)) => (
            actual_series(plan, index, from, to).total(),
            planned_au(plan, from, to),
            (to - from).num_days() + 1,
        ),
        None => (0.0, planned_au(plan, start, end), 0),
    };
    let outcomes = session_outcomes(plan, index, start, end);
    LoadWindow {
        start,
        end,
        actual_au,
        planned_au: planned,
        compliance: (logging && planned > 0.0).then(|| actual_au / planned),
        sessions_planned: outcomes.len(),
        sessions_done: outcomes.iter().filter(|o| o.outcome.is_done()).count(),
        logged_days: usize::try_from(logged_days).unwrap_or(0),
    }
}

/// The day's check-ins in `start..=end`, one per day (the last logged wins), in date order.
pub fn checkins(plan: &Plan, start: NaiveDate, end: NaiveDate) -> Vec<&Wellness> {
    let mut by_day: BTreeMap<NaiveDate, &Wellness> = BTreeMap::new();
    for w in &plan.wellness {
        if start <= w.date && w.date <= end {
            by_day.insert(w.date, w);
        }
    }
    by_day.into_values().collect()
}

/// Where a readiness baseline comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// The profile's `baseline.readiness`.
    Profile,
    /// The mean of this many earlier check-ins.
    OwnMean { checkins: usize },
}

/// Readiness over a window against the athlete's own baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadinessSignal {
    pub baseline: f64,
    pub baseline_source: BaselineSource,
    /// Mean readiness of the window's check-ins.
    pub mean: Option<f64>,
    pub checkins: usize,
    /// Consecutive days, ending at the window's latest check-in, with readiness below the
    /// baseline (by more than [`READINESS_LOW_MARGIN`]).
    pub low_days: usize,
}

/// Readiness in `start..=end`. The baseline is the mean of the check-ins of the
/// [`READINESS_BASELINE_DAYS`] before `start` when there are at least
/// [`READINESS_BASELINE_MIN_CHECKINS`] of them, else the profile's baseline readiness.
pub fn readiness(plan: &Plan, start: NaiveDate, end: NaiveDate) -> ReadinessSignal {
    let earlier: Vec<f64> = checkins(
        plan,
        add_days(start, -READINESS_BASELINE_DAYS),
        add_days(start, -1),
    )
    .iter()
    .filter_map(|w| w.readiness.map(f64::from))
    .collect();
    let (baseline, baseline_source) = match mean(earlier.iter().copied()) {
        Some(m) if earlier.len() >= READINESS_BASELINE_MIN_CHECKINS => (
            m,
            BaselineSource::OwnMean {
                checkins: earlier.len(),
            },
        ),
        _ => (
            f64::from(plan.athlete.baseline.readiness),
            BaselineSource::Profile,
        ),
    };
    let scored: Vec<(NaiveDate, f64)> = checkins(plan, start, end)
        .iter()
        .filter_map(|w| w.readiness.map(|r| (w.date, f64::from(r))))
        .collect();
    let mut low_days = 0;
    let mut next_day: Option<NaiveDate> = None;
    for &(date, score) in scored.iter().rev() {
        let consecutive = next_day.is_none_or(|n| add_days(date, 1) == n);
        if !consecutive || score > baseline - READINESS_LOW_MARGIN {
            break;
        }
        low_days += 1;
        next_day = Some(date);
    }
    ReadinessSignal {
        baseline,
        baseline_source,
        mean: mean(scored.iter().map(|&(_, r)| r)),
        checkins: scored.len(),
        low_days,
    }
}

/// Worst pain reported in `start..=end`, with where it hurt.
pub fn pain_max(plan: &Plan, start: NaiveDate, end: NaiveDate) -> Option<(u8, String)> {
    checkins(plan, start, end)
        .into_iter()
        .filter_map(|w| w.pain.map(|p| (p, w.pain_location.clone())))
        .max_by_key(|(p, _)| *p)
}

/// Mean sleep hours in `start..=end`.
pub fn sleep_mean_h(plan: &Plan, start: NaiveDate, end: NaiveDate) -> Option<f64> {
    mean(
        checkins(plan, start, end)
            .iter()
            .filter_map(|w| w.sleep_hours),
    )
}

/// Mean soreness (0–10) in `start..=end`.
pub fn soreness_mean(plan: &Plan, start: NaiveDate, end: NaiveDate) -> Option<f64> {
    mean(
        checkins(plan, start, end)
            .iter()
            .filter_map(|w| w.soreness.map(f64::from)),
    )
}

/// Fitness, fatigue and form going into a day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormSignal {
    pub date: NaiveDate,
    pub fitness: f64,
    pub fatigue: f64,
    /// Fitness − fatigue of the day before (TSB).
    pub form: f64,
    /// Form ÷ fitness; `None` without fitness.
    pub form_share: Option<f64>,
    /// Whether the curve is the plan's projection only (nothing logged yet).
    pub projected: bool,
}

/// Fitness, fatigue and form going into `date` on the load history up to the day before
/// ([`load_history`]), from the adopted plan's PMC start. `None` without an adopted week.
pub fn form_on(
    plan: &Plan,
    index: &SessionIndex<'_>,
    date: NaiveDate,
    today: NaiveDate,
) -> Option<FormSignal> {
    let adopted = plan.plan.as_ref()?;
    let (series, any_logged) = load_history(plan, index, add_days(date, -1), today)?;
    let curve = pmc(&series, adopted.pmc_start, &plan.model);
    let (fitness, fatigue) = curve.last().map_or(
        (adopted.pmc_start.fitness, adopted.pmc_start.fatigue),
        |d| (d.fitness, d.fatigue),
    );
    let form = fitness - fatigue;
    Some(FormSignal {
        date,
        fitness,
        fatigue,
        form,
        form_share: (fitness > 0.0).then(|| form / fitness),
        projected: !any_logged,
    })
}
