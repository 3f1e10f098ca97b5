//! The load model: daily load, fitness/fatigue/form, acute:chronic ratio, monotony and strain,
//! and the Banister performance model (SCIENCE.md, "Load" and "Performance model").
//!
//! Everything works on a [`DailySeries`]: one load value per calendar day, rest days 0. The
//! planned series comes from the plan's sessions, the actual series from what the athlete logged,
//! and the expected series joins the two at "today". The curves are plain loops over that
//! series with one output allocation each, because the UI re-runs them on every drag.
//!
//! # Design
//! Loads are in arbitrary units (AU): session RPE (CR-10) × minutes. Days are indices into the
//! series, so the curves never look dates up; dates are only turned into indices at the edges.

use crate::model::Total;
use chrono::{Days, NaiveDate};

use crate::model::{
    Actual, Completion, ModelSettings, PmcStart, Session, SessionId, SessionType, Sport, Week,
};

/// The longest series the engine builds: 100 years of days, far beyond any real plan.
pub const MAX_SERIES_DAYS: usize = 36_525;

/// Load per calendar day over a contiguous range of days; rest days hold 0.
///
/// A dense vector rather than a map of dates: the curves walk it day by day and index arithmetic
/// is all they need.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DailySeries {
    /// The date of `values[0]`.
    pub start: NaiveDate,
    /// Load in AU, one value per day from `start`.
    pub values: Vec<f64>,
}

impl DailySeries {
    /// A series of `values` starting on `start`.
    pub fn new(start: NaiveDate, values: Vec<f64>) -> Self {
        Self { start, values }
    }

    /// All-rest series from `start` to `end` inclusive; empty when `end` is before `start`.
    /// At most [`MAX_SERIES_DAYS`] long: a longer span comes from a malformed date and is cut
    /// there, so a bad file cannot make the engine allocate gigabytes.
    pub fn zeros(start: NaiveDate, end: NaiveDate) -> Self {
        let days = (end - start).num_days();
        let len = usize::try_from(days.saturating_add(1))
            .unwrap_or(0)
            .min(MAX_SERIES_DAYS);
        Self {
            start,
            values: vec![0.0; len],
        }
    }

    /// Number of days in the series.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the series covers no day at all.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The last day covered, or `None` for an empty series.
    pub fn end(&self) -> Option<NaiveDate> {
        let last = self.values.len().checked_sub(1)?;
        self.date_of(last)
    }

    /// The date of day `index`; `None` past the end of the series (or of the calendar).
    pub fn date_of(&self, index: usize) -> Option<NaiveDate> {
        if index >= self.values.len() {
            return None;
        }
        self.start.checked_add_days(Days::new(index as u64))
    }

    /// The index of `date`, or `None` when the series does not cover it.
    pub fn index_of(&self, date: NaiveDate) -> Option<usize> {
        let days = (date - self.start).num_days();
        let index = usize::try_from(days).ok()?;
        (index < self.values.len()).then_some(index)
    }

    /// The load on `date`, or `None` when the series does not cover it.
    pub fn value_on(&self, date: NaiveDate) -> Option<f64> {
        self.index_of(date)
            .and_then(|i| self.values.get(i).copied())
    }

    /// `(date, load)` for every day, in order.
    pub fn iter(&self) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        self.start.iter_days().zip(self.values.iter().copied())
    }

    /// Total load over the series.
    pub fn total(&self) -> f64 {
        self.values.iter().copied().total()
    }

    /// Adds `load` to `date`; a date outside the series is ignored and reported as `false`.
    fn add(&mut self, date: NaiveDate, load: f64) -> bool {
        let Some(value) = self.index_of(date).and_then(|i| self.values.get_mut(i)) else {
            return false;
        };
        *value += load;
        true
    }
}

/// A load that cannot poison the curves: NaN, infinities and negatives count as 0.
fn sane_load(load: f64) -> f64 {
    if load.is_finite() && load > 0.0 {
        load
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Planned, actual and expected load

/// Planned load per day from the first week's start to the last week's end: each session's
/// target RPE × planned minutes ([`Session::load_au`], Foster et al., 2001), summed per day.
///
/// Sessions are placed by their own date; one dated outside the weeks' span is ignored.
/// No weeks give an empty series ([`DailySeries::default`]).
pub fn planned_daily(weeks: &[Week]) -> DailySeries {
    let Some(first) = weeks.iter().map(|w| w.start).min() else {
        return DailySeries::default();
    };
    let last = weeks.iter().map(Week::end).max().unwrap_or(first);
    let mut series = DailySeries::zeros(first, last);
    for session in weeks.iter().flat_map(|w| &w.sessions) {
        series.add(session.date, sane_load(session.load_au()));
    }
    series
}

/// Where an actual's load came from, so the UI can say why a number is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoadBasis {
    /// The athlete's own session RPE × minutes.
    Rpe,
    /// No RPE given: the matched planned session's target RPE × actual minutes.
    PlannedRpe,
    /// No RPE and no planned session: a default RPE for the session type or sport × minutes.
    Estimated,
    /// The session was skipped: no load.
    Skipped,
}

impl LoadBasis {
    /// Stable machine name, for JSON and CSV output.
    pub fn code(self) -> &'static str {
        match self {
            Self::Rpe => "rpe",
            Self::PlannedRpe => "planned_rpe",
            Self::Estimated => "estimated",
            Self::Skipped => "skipped",
        }
    }

    /// A short reason to show next to the load.
    pub fn label(self) -> &'static str {
        match self {
            Self::Rpe => "athlete's RPE × minutes",
            Self::PlannedRpe => "no RPE given: planned RPE × minutes",
            Self::Estimated => "no RPE given: typical RPE for the session × minutes",
            Self::Skipped => "skipped",
        }
    }
}

/// A typical session RPE (CR-10) for an unrated activity of `sport`, when nothing better is
/// known: most unlabelled training is easy (SCIENCE.md target RPEs: easy 3, recovery 2).
pub fn sport_default_rpe(sport: Sport) -> f64 {
    match sport {
        Sport::Run | Sport::Ride | Sport::Swim | Sport::Strength | Sport::Other => 3.0,
        Sport::Walk => 2.0,
    }
}

/// An RPE usable for load: on the CR-10 scale and a real number.
fn valid_rpe(rpe: f64) -> Option<f64> {
    (rpe.is_finite() && (0.0..=10.0).contains(&rpe)).then_some(rpe)
}

/// Load of one actual in AU, and what it is based on: session RPE × minutes (Foster et al., 2001).
///
/// Without the athlete's RPE the best estimate is used, in this order: the matched `planned`
/// session's target RPE; the default RPE of the actual's session type
/// ([`SessionType::default_rpe`], except `Rest`, which says nothing about effort); the sport's
/// default ([`sport_default_rpe`]). An RPE outside 0–10 is treated as missing. A skipped actual
/// has no load whatever was logged.
pub fn actual_load_au(actual: &Actual, planned: Option<&Session>) -> (f64, LoadBasis) {
    if actual.completion == Completion::Skipped {
        return (0.0, LoadBasis::Skipped);
    }
    let minutes = sane_load(actual.duration_min());
    let (rpe, basis) = if let Some(rpe) = actual.rpe.and_then(valid_rpe) {
        (rpe, LoadBasis::Rpe)
    } else if let Some(rpe) = planned.and_then(|s| valid_rpe(s.rpe)) {
        (rpe, LoadBasis::PlannedRpe)
    } else {
        let rpe = match actual.kind {
            Some(kind) if kind != SessionType::Rest => kind.default_rpe(),
            _ => sport_default_rpe(actual.sport),
        };
        (rpe, LoadBasis::Estimated)
    };
    (rpe * minutes, basis)
}

/// Actual load per day from `start` to `end` inclusive, each actual's load from
/// [`actual_load_au`]; `planned_session` looks up the planned session an actual was matched to
/// (a closure, so the caller picks the index: a slice scan, a map, the plan itself).
///
/// Actuals dated outside the range are ignored; `end` before `start` gives an empty series.
pub fn actual_daily<'a, F>(
    actuals: &[Actual],
    planned_session: F,
    start: NaiveDate,
    end: NaiveDate,
) -> DailySeries
where
    F: Fn(SessionId) -> Option<&'a Session>,
{
    let mut series = DailySeries::zeros(start, end);
    for actual in actuals {
        if series.index_of(actual.date).is_none() {
            continue;
        }
        let planned = actual.session.and_then(&planned_session);
        let (load, _) = actual_load_au(actual, planned);
        series.add(actual.date, load);
    }
    series
}

/// The "expected" load (GoldenCheetah's expected curve): what was done before `today`, what is
/// planned from `today` on. It spans both series (from the earlier start to the later end,
/// ignoring an empty one); a day one series does not cover counts as 0 from it.
pub fn expected_daily(
    planned: &DailySeries,
    actual: &DailySeries,
    today: NaiveDate,
) -> DailySeries {
    let spans = [planned, actual]
        .into_iter()
        .filter_map(|s| Some((s.start, s.end()?)));
    let Some((start, end)) = spans.reduce(|(s0, e0), (s1, e1)| (s0.min(s1), e0.max(e1))) else {
        return DailySeries::default();
    };
    let mut series = DailySeries::zeros(start, end);
    for (date, value) in start.iter_days().zip(series.values.iter_mut()) {
        let source = if date < today { actual } else { planned };
        *value = source.value_on(date).unwrap_or(0.0);
    }
    series
}

// ---------------------------------------------------------------------------------------------
// Performance Management Chart

/// One day of the Performance Management Chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PmcDay {
    /// The day.
    pub date: NaiveDate,
    /// The day's load in AU.
    pub load: f64,
    /// Fitness (CTL) at the end of the day, after its load.
    pub fitness: f64,
    /// Fatigue (ATL) at the end of the day, after its load.
    pub fatigue: f64,
    /// Form (TSB) going into the day: yesterday's fitness − yesterday's fatigue, so a hard day
    /// does not lower its own form (as TrainingPeaks shows it).
    pub form: f64,
}

/// Smoothing factor of an exponentially weighted average with time constant `tau_days`:
/// `λ = 1 − e^(−1/τ)` (GoldenCheetah, intervals.icu). A non-positive or non-finite τ gives 1
/// (no memory) rather than a curve that explodes.
pub fn ewma_lambda(tau_days: f64) -> f64 {
    if tau_days.is_finite() && tau_days > 0.0 {
        1.0 - (-1.0 / tau_days).exp()
    } else {
        1.0
    }
}

/// Fitness, fatigue and form for every day of `series`:
/// `CTL_t = CTL_{t−1} + λ·(load_t − CTL_{t−1})` with `λ = 1 − e^(−1/τ)`, τ = fitness time
/// constant; the same for ATL with the fatigue time constant; form on day t = CTL_{t−1} − ATL_{t−1}
/// (Performance Management Chart; GoldenCheetah, TrainingPeaks).
///
/// `start` is the state on the day before the series starts, so the first day's form is
/// `start.fitness − start.fatigue`.
pub fn pmc(series: &DailySeries, start: PmcStart, settings: &ModelSettings) -> Vec<PmcDay> {
    let fitness_lambda = ewma_lambda(settings.fitness_tau_days);
    let fatigue_lambda = ewma_lambda(settings.fatigue_tau_days);
    let mut fitness = start.fitness;
    let mut fatigue = start.fatigue;
    series
        .iter()
        .map(|(date, load)| {
            let form = fitness - fatigue;
            fitness += fitness_lambda * (load - fitness);
            fatigue += fatigue_lambda * (load - fatigue);
            PmcDay {
                date,
                load,
                fitness,
                fatigue,
                form,
            }
        })
        .collect()
}

/// The PMC state of an athlete who has trained at `daily_load_au` every day for a long time:
/// both averages have converged to that load (fitness = fatigue = load, form 0). The engine
/// seeds a season with the athlete's pre-season daily load. A negative or non-finite load
/// counts as 0.
pub fn pmc_start_steady(daily_load_au: f64) -> PmcStart {
    let load = sane_load(daily_load_au);
    PmcStart {
        fitness: load,
        fatigue: load,
    }
}

// ---------------------------------------------------------------------------------------------
// Acute:chronic workload ratio

/// Days in the acute window (one week).
pub const ACUTE_DAYS: usize = 7;
/// Days in the chronic window (four weeks).
pub const CHRONIC_DAYS: usize = 28;

/// Acute:chronic workload ratio on day `index` (Gabbett, BJSM 2016), needing 28 days of
/// history in the series: acute = load of the 7 days ending on `index`; chronic = load of the
/// 28 days ending on `index` ÷ 4, i.e. as a weekly equivalent (the "coupled" form: the acute
/// week is part of the chronic window).
///
/// Advisory only: the ratio is criticised as a statistical artefact with weak evidence for
/// injury prediction (Lolli et al., 2019; Impellizzeri et al., 2020), so Peakline shows it as a
/// flag to look at, never a rule that blocks a plan. 0.8–1.3 is Gabbett's "sweet spot", ≥ 1.5
/// his "danger zone".
///
/// `None` when `index` is outside the series, when fewer than 28 days end on `index`
/// (`index < 27`), or when the chronic load is 0. For a season's first weeks use
/// [`acute_chronic_with_prior`].
pub fn acute_chronic(series: &DailySeries, index: usize) -> Option<f64> {
    if index >= series.len() || index + 1 < CHRONIC_DAYS {
        return None;
    }
    acute_chronic_with_prior(series, index, 0.0)
}

/// [`acute_chronic`] with a steady prior: every day before the series starts counts as
/// `prior_daily_load_au` (the athlete's pre-season daily load, the same figure that seeds
/// [`pmc_start_steady`]), so the season's first weeks have a ratio too. A steady athlete who
/// keeps training the same has a ratio of 1.
///
/// `None` when `index` is outside the series or the chronic load is 0. A negative or
/// non-finite prior counts as 0.
pub fn acute_chronic_with_prior(
    series: &DailySeries,
    index: usize,
    prior_daily_load_au: f64,
) -> Option<f64> {
    if index >= series.len() {
        return None;
    }
    let prior = sane_load(prior_daily_load_au);
    let acute = window_sum(&series.values, index, ACUTE_DAYS, prior);
    let chronic_weekly = window_sum(&series.values, index, CHRONIC_DAYS, prior) / 4.0;
    (chronic_weekly > 0.0).then(|| acute / chronic_weekly)
}

/// Acute:chronic ratio for every day of the series with [`acute_chronic_with_prior`]; `prior`
/// `None` gives [`acute_chronic`] (no ratio for the first 27 days).
///
/// The windows roll from day to day (a day enters, one leaves) instead of being summed afresh
/// for each day: a season's ratios are checked on every re-plan. They are summed afresh every
/// [`CHRONIC_DAYS`] days, so rounding cannot drift; whole-number loads and prior roll exactly.
pub fn acute_chronic_series(
    series: &DailySeries,
    prior_daily_load_au: Option<f64>,
) -> Vec<Option<f64>> {
    let values = &series.values;
    if !values.iter().all(|v| v.is_finite()) {
        // A NaN or infinity would stay in a rolling sum after its day left the window.
        return (0..series.len())
            .map(|i| match prior_daily_load_au {
                Some(prior) => acute_chronic_with_prior(series, i, prior),
                None => acute_chronic(series, i),
            })
            .collect();
    }
    let prior = prior_daily_load_au.map_or(0.0, sane_load);
    let leaving = |i: usize, days: usize| i.checked_sub(days).map_or(prior, |j| values[j]);
    let (mut acute, mut chronic) = (0.0, 0.0);
    let mut out = Vec::with_capacity(values.len());
    for (i, &value) in values.iter().enumerate() {
        if i % CHRONIC_DAYS == 0 {
            acute = window_sum(values, i, ACUTE_DAYS, prior);
            chronic = window_sum(values, i, CHRONIC_DAYS, prior);
        } else {
            acute += value - leaving(i, ACUTE_DAYS);
            chronic += value - leaving(i, CHRONIC_DAYS);
        }
        let chronic_weekly = chronic / 4.0;
        let known = prior_daily_load_au.is_some() || i + 1 >= CHRONIC_DAYS;
        out.push((known && chronic_weekly > 0.0).then(|| acute / chronic_weekly));
    }
    out
}

/// Sum of the `days` values ending at `index` (inclusive), days before the start counting as
/// `prior`. `index` must be within `values`.
fn window_sum(values: &[f64], index: usize, days: usize, prior: f64) -> f64 {
    let end = index + 1;
    let first = end.saturating_sub(days);
    let missing = days - (end - first);
    let inside: f64 = values.get(first..end).map_or(0.0, |w| w.iter().sum());
    inside + prior * missing as f64
}

// ---------------------------------------------------------------------------------------------
// Monotony and strain

/// The monotony reported for a week whose daily loads are all the same (and not all 0), where
/// mean ÷ SD divides by zero. Any monotony is capped here too, so a nearly flat week does not
/// produce a meaningless 10⁶. Monotony above 2 is already a warning (Foster, 1998), so the cap
/// only keeps the figure finite and the plots readable.
pub const MONOTONY_CAP: f64 = 10.0;

/// Training monotony (Foster, 1998): mean daily load ÷ population standard deviation of the
/// daily loads, over `days` (normally the 7 days of a week, rest days as 0).
///
/// `None` for no days, for a week with no load at all (nothing to be monotonous about) or
/// when a value is not finite. Identical non-zero loads (SD = 0) give [`MONOTONY_CAP`], and
/// every result is capped at it.
pub fn monotony(days: &[f64]) -> Option<f64> {
    if days.is_empty() || days.iter().any(|d| !d.is_finite()) {
        return None;
    }
    let n = days.len() as f64;
    let mean = days.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let variance = days.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n;
    let sd = variance.sqrt();
    if sd * MONOTONY_CAP <= mean {
        return Some(MONOTONY_CAP);
    }
    Some(mean / sd)
}

/// Training strain (Foster, 1998): the days' total load × [`monotony`]; 0 for a week without
/// load. Illness thresholds are individual: compare against the athlete's own history.
pub fn strain(days: &[f64]) -> f64 {
    monotony(days).map_or(0.0, |m| days.iter().sum::<f64>() * m)
}

/// Load, monotony and strain of one 7-day block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekStats {
    /// First day of the block.
    pub start: NaiveDate,
    /// Total load of the 7 days in AU.
    pub load: f64,
    /// [`monotony`] of the block; `None` for a week without load.
    pub monotony: Option<f64>,
    /// [`strain`] of the block.
    pub strain: f64,
}

/// [`WeekStats`] for each complete 7-day block from the series start (a trailing partial week
/// is left out: Foster's monotony is a 7-day measure). Start the series on a week start to get
/// calendar weeks.
pub fn week_stats(series: &DailySeries) -> Vec<WeekStats> {
    series
        .values
        .chunks_exact(7)
        .zip(series.start.iter_weeks())
        .map(|(days, start)| {
            let monotony = monotony(days);
            let load = days.iter().sum::<f64>();
            WeekStats {
                start,
                load,
                monotony,
                strain: monotony.map_or(0.0, |m| load * m),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Banister impulse-response model

/// Steady state of one Banister component for a constant daily load `w` with time constant τ:
/// the fixed point of `g = g·e^(−1/τ) + w`, i.e. `w / (1 − e^(−1/τ))`. A non-positive τ gives
/// `w` (no memory).
pub fn banister_steady_component(daily_load_au: f64, tau_days: f64) -> f64 {
    sane_load(daily_load_au) / ewma_lambda(tau_days)
}

/// Steady-state Banister components `(g, h)` of an athlete who has trained at `daily_load_au`
/// every day for a long time, to start [`banister`] from (τ1, τ2 from `settings`).
pub fn banister_steady(daily_load_au: f64, settings: &ModelSettings) -> (f64, f64) {
    (
        banister_steady_component(daily_load_au, settings.fitness_tau_days),
        banister_steady_component(daily_load_au, settings.fatigue_tau_days),
    )
}

/// Modelled performance for every day of `series`, Banister's impulse-response model
/// (Banister et al., 1975; Morton et al., 1990):
/// `g_t = g_{t−1}·e^(−1/τ1) + w_t`, `h_t = h_{t−1}·e^(−1/τ2) + w_t`, `p_t = p0 + k1·g_t − k2·h_t`,
/// with τ1 = fitness and τ2 = fatigue time constants, k1, k2, p0 from `settings`.
///
/// `g0`, `h0` are the components on the day before the series starts (0 for an untrained
/// start, or [`banister_steady`]).
pub fn banister(series: &DailySeries, settings: &ModelSettings, g0: f64, h0: f64) -> Vec<f64> {
    let fitness_decay = 1.0 - ewma_lambda(settings.fitness_tau_days);
    let fatigue_decay = 1.0 - ewma_lambda(settings.fatigue_tau_days);
    let mut g = g0;
    let mut h = h0;
    series
        .values
        .iter()
        .map(|&w| {
            g = g * fitness_decay + w;
            h = h * fatigue_decay + w;
            settings.p0 + settings.k1 * g - settings.k2 * h
        })
        .collect()
}
