//! Synthetic training history for demo plans, so a new user's first look at the plots shows
//! planned *versus* actual rather than an empty "actual" line.
//!
//! [`synthesize_history`] fills a plan with what a committed athlete typically logs: about
//! nine sessions in ten done (a few skipped or cut short), session RPE near the target with
//! some noise, one slightly harder week, watch runs with start time and heart rate, manual logs
//! with RPE, a daily check-in most days, and one short niggle after the harder week.
//!
//! # Design
//! *Deterministic.* The same plan, date and seed give the same history on every machine: a
//! small `SplitMix64` generator (no RNG crate), and normal-ish noise from a sum of uniforms
//! (only `+` and `*`, no libm calls whose last bit may differ between platforms). Values are
//! rounded as a watch or a person would record them, which also keeps the file diff small.
//!
//! *Pure.* No I/O and no clock: "today" is `until`, and the check-in times are made from the
//! dates. It lives in `io` beside the example files it is used to produce
//! (`peakline demo-data`).

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

use crate::model::{
    Actual, ActualId, Completion, Plan, Session, SessionType, Source, Sport, Wellness,
};

/// Seed of the committed demo's history (`peakline demo-data`'s default).
pub const DEMO_SEED: u64 = 23;

/// Share of planned sessions done as planned or cut short (the rest skipped): the brief
/// says about 90 %.
const SKIP_UNLOGGED: f64 = 0.04;
/// Skipped and logged as skipped, with a reason.
const SKIP_LOGGED: f64 = 0.03;
/// Cut short.
const SHORTENED: f64 = 0.07;
/// Runs recorded with the watch (FIT import); the rest are logged by hand.
const WATCH_SHARE: f64 = 0.8;
/// Watch runs the athlete also rated with a session RPE.
const RATED_SHARE: f64 = 0.88;
/// Days without a check-in.
const MISSED_CHECK_IN: f64 = 0.06;
/// Resting heart rate of the synthetic athlete.
const REST_HR: f64 = 52.0;
/// The athlete's local offset from UTC in the demo (central Europe in winter), for
/// `logged_at`, which is stored in UTC.
const UTC_OFFSET_H: i64 = 1;

/// Adds realistic actuals and daily check-ins to `plan` for the days before `until`
/// (exclusive), from the first planned week (or the season start). Sessions that already have
/// an actual and days that already have a check-in are left alone; new actual ids continue
/// from the highest in the plan. Nothing but `actuals` and `wellness` changes.
pub fn synthesize_history(plan: &mut Plan, until: NaiveDate, seed: u64) {
    let first_day = plan.weeks().first().map_or(plan.season.start, |w| w.start);
    synthesize_between(plan, first_day, until, seed);
}

/// Carries a synthetic history on from the day after its latest entry (actual or check-in) up
/// to `until` (exclusive), leaving everything before untouched: the past a user has already
/// seen stays as it was, sessions skipped without a log stay skipped. Without any history it
/// does nothing (only demo plans that ship with a history are carried on).
pub fn extend_history(plan: &mut Plan, until: NaiveDate, seed: u64) {
    let latest = plan
        .actuals
        .iter()
        .map(|a| a.date)
        .chain(plan.wellness.iter().map(|w| w.date))
        .max();
    let Some(from) = latest.and_then(|d| d.succ_opt()) else {
        return;
    };
    synthesize_between(plan, from, until, seed);
}

fn synthesize_between(plan: &mut Plan, first_day: NaiveDate, until: NaiveDate, seed: u64) {
    let mut rng = Rng::new(seed);
    let weeks = plan.weeks().to_vec();
    if first_day >= until {
        return;
    }

    // One harder week among the full, normal weeks after the first; a niggle follows it.
    let eligible: Vec<NaiveDate> = weeks
        .iter()
        .enumerate()
        .filter(|(i, w)| *i > 0 && !w.down_week && w.end() < until)
        .map(|(_, w)| w.start)
        .collect();
    let hard_week = pick(&mut rng, &eligible);
    let niggle_start = hard_week
        .and_then(|start| start.checked_add_days(Days::new(5)))
        .or_else(|| first_day.checked_add_days(Days::new(10)));
    let niggle = Niggle::new(niggle_start);
    let in_hard_week = |d: NaiveDate| hard_week.is_some_and(|s| s <= d && (d - s).num_days() < 7);

    let hr_max = max_hr(plan.athlete.age);
    let logged: BTreeSet<_> = plan.actuals.iter().filter_map(|a| a.session).collect();
    let mut next_id = plan.actuals.iter().map(|a| a.id.0).max().unwrap_or(0) + 1;
    let mut new_actuals = Vec::new();

    for week in &weeks {
        for s in &week.sessions {
            if s.date < first_day
                || s.date >= until
                || s.kind == SessionType::Rest
                || logged.contains(&s.id)
            {
                continue;
            }
            let ctx = Context {
                hard: in_hard_week(s.date),
                niggle: niggle.pain_on(s.date).is_some(),
                hr_max,
            };
            if let Some(mut actual) = actual_for(&mut rng, s, &ctx) {
                actual.id = ActualId(next_id);
                next_id += 1;
                new_actuals.push(actual);
            }
        }
        // Now and then an easy ride on a free day: cross-training the plan did not ask for.
        if week.end() < until && rng.unit() < 0.35 {
            let free = week.dates().find(|d| {
                *d >= first_day
                    && d.weekday() != Weekday::Sun
                    && !week.sessions.iter().any(|s| s.date == *d)
                    && !plan.actuals.iter().any(|a| a.date == *d)
            });
            if let Some(day) = free {
                let mut ride = ride_on(&mut rng, day, hr_max);
                ride.id = ActualId(next_id);
                next_id += 1;
                new_actuals.push(ride);
            }
        }
    }

    let sessions_by_day: Vec<&Session> = weeks.iter().flat_map(|w| w.sessions.iter()).collect();
    let had_check_in: BTreeSet<NaiveDate> = plan.wellness.iter().map(|w| w.date).collect();
    let mut new_wellness = Vec::new();
    for day in first_day.iter_days().take_while(|d| *d < until) {
        let pain = niggle.pain_on(day);
        if had_check_in.contains(&day) || (pain.is_none() && rng.unit() < MISSED_CHECK_IN) {
            continue;
        }
        let yesterday = day.pred_opt().unwrap_or(day);
        let hard_yesterday = sessions_by_day
            .iter()
            .any(|s| s.date == yesterday && (s.is_hard() || s.kind == SessionType::Long));
        let ctx = DayContext {
            hard_week: in_hard_week(day),
            day_in_week: hard_week.map_or(0, |s| (day - s).num_days()),
            hard_yesterday,
            pain,
            first_niggle_day: niggle.start == Some(day),
        };
        new_wellness.push(check_in(&mut rng, day, &plan.athlete.baseline, &ctx));
    }

    plan.actuals.extend(new_actuals);
    plan.actuals.sort_by_key(|a| (a.date, a.start, a.id));
    plan.wellness.extend(new_wellness);
    plan.wellness.sort_by_key(|w| w.date);
}

/// What shapes one session's actual.
struct Context {
    hard: bool,
    niggle: bool,
    hr_max: f64,
}

/// What shapes one day's check-in.
struct DayContext {
    hard_week: bool,
    /// Days since the harder week started (negative before it).
    day_in_week: i64,
    hard_yesterday: bool,
    pain: Option<u8>,
    first_niggle_day: bool,
}

/// A short episode of pain: four days rising to 3/10 and settling.
struct Niggle {
    start: Option<NaiveDate>,
}

impl Niggle {
    const PAIN: [u8; 4] = [2, 3, 3, 1];
    const LOCATION: &'static str = "right Achilles";

    fn new(start: Option<NaiveDate>) -> Self {
        Self { start }
    }

    fn pain_on(&self, day: NaiveDate) -> Option<u8> {
        let start = self.start?;
        let i = usize::try_from((day - start).num_days()).ok()?;
        Self::PAIN.get(i).copied()
    }
}

fn actual_for(rng: &mut Rng, s: &Session, ctx: &Context) -> Option<Actual> {
    let roll = rng.unit();
    let sport = match s.kind {
        SessionType::Strength => Sport::Strength,
        SessionType::CrossTraining => Sport::Ride,
        _ => Sport::Run,
    };
    let mut a = Actual {
        date: s.date,
        sport,
        session: Some(s.id),
        kind: Some(s.kind),
        ..Actual::default()
    };
    let (completion, factor, note) = if roll < SKIP_UNLOGGED {
        return None;
    } else if roll < SKIP_UNLOGGED + SKIP_LOGGED {
        let reasons = ["Work ran late", "Felt a cold coming on", "Family day"];
        (Completion::Skipped, 0.0, pick_str(rng, &reasons))
    } else if ctx.niggle && s.is_hard() {
        (
            Completion::Partly,
            0.55,
            "Stopped the reps early: Achilles tight",
        )
    } else if roll < SKIP_UNLOGGED + SKIP_LOGGED + SHORTENED {
        let reasons = ["Short on time, cut it short", "Legs heavy, cut it short"];
        (
            Completion::Partly,
            rng.between(0.6, 0.85),
            pick_str(rng, &reasons),
        )
    } else if ctx.hard {
        (Completion::Done, rng.between(1.05, 1.12), "")
    } else {
        (Completion::Done, rng.between(0.95, 1.06), "")
    };
    a.completion = completion;
    a.notes = note.to_owned();
    if completion == Completion::Skipped {
        a.logged_at = Some(evening_utc(s.date, rng));
        return Some(a);
    }

    a.duration_s = (s.duration_min * 60.0 * factor).round();
    // Harder week: everything feels a notch harder; a niggle adds half a point.
    let hard_shift = if ctx.hard { 1.0 } else { 0.0 };
    let niggle_shift = if ctx.niggle { 0.5 } else { 0.0 };
    let rpe = (s.rpe + hard_shift + niggle_shift + 0.7 * rng.normal())
        .round()
        .clamp(1.0, 10.0);

    if sport != Sport::Run {
        a.rpe = Some(rpe);
        a.logged_at = Some(evening_utc(s.date, rng));
        return Some(a);
    }

    // Pace from the plan's own distance and time, a little faster in the harder week.
    let planned_pace = s
        .distance_km
        .filter(|d| *d > 0.0 && s.duration_min > 0.0)
        .map_or(330.0, |d| s.duration_min * 60.0 / d);
    let hard_factor = if ctx.hard { 0.98 } else { 1.0 };
    let pace = planned_pace * (1.0 + 0.02 * rng.normal()) * hard_factor;
    let distance_m = a.duration_s / pace * 1000.0;

    if rng.unit() < WATCH_SHARE {
        let start = start_time(rng, s.date);
        let avg = heart_rate(rng, s.kind, ctx);
        a.start = Some(start);
        a.source = Source::Fit;
        a.moving_s = Some((a.duration_s * rng.between(0.96, 0.995)).round());
        a.distance_m = Some(distance_m.round());
        a.avg_hr = Some(avg);
        let peak = if s.is_hard() { 18.0 } else { 10.0 };
        a.max_hr = Some((avg + peak + rng.between(0.0, 6.0)).round().min(ctx.hr_max));
        a.file = Some(format!("{}.fit", start.format("%Y-%m-%d-%H%M")));
        if rng.unit() < RATED_SHARE {
            a.rpe = Some(rpe);
            a.logged_at = Some(evening_utc(s.date, rng));
        }
    } else {
        // By hand: distance as the athlete remembers it, no heart rate.
        a.distance_m = Some((distance_m / 100.0).round() * 100.0);
        a.rpe = Some(rpe);
        a.logged_at = Some(evening_utc(s.date, rng));
    }
    Some(a)
}

/// An easy ride the plan did not ask for.
fn ride_on(rng: &mut Rng, day: NaiveDate, hr_max: f64) -> Actual {
    let start = start_time(rng, day);
    let duration_s = (rng.between(40.0, 60.0) * 60.0).round();
    let avg = (REST_HR + (hr_max - REST_HR) * 0.62 + 3.0 * rng.normal()).round();
    Actual {
        date: day,
        start: Some(start),
        sport: Sport::Ride,
        kind: Some(SessionType::CrossTraining),
        duration_s,
        moving_s: Some((duration_s * 0.95).round()),
        distance_m: Some((duration_s * rng.between(6.5, 7.5)).round()),
        avg_hr: Some(avg),
        max_hr: Some((avg + 15.0).min(hr_max)),
        rpe: Some(2.0),
        source: Source::Fit,
        file: Some(format!("{}.fit", start.format("%Y-%m-%d-%H%M"))),
        notes: "Easy spin".to_owned(),
        logged_at: Some(evening_utc(day, rng)),
        ..Actual::default()
    }
}

fn check_in(
    rng: &mut Rng,
    day: NaiveDate,
    baseline: &crate::model::Baseline,
    ctx: &DayContext,
) -> Wellness {
    let late_in_hard_week = ctx.hard_week && ctx.day_in_week >= 3;
    let mut readiness = f64::from(baseline.readiness) + 0.8 * rng.normal();
    let mut soreness = 2.0 + 0.8 * rng.normal();
    let mut mood = 7.0 + 0.8 * rng.normal();
    let mut motivation = f64::from(baseline.motivation) + 0.7 * rng.normal();
    let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    let mut sleep_h = 7.3 + if weekend { 0.4 } else { 0.0 } + 0.45 * rng.normal();
    let mut sleep_quality = 4.0 + 0.6 * rng.normal();
    if ctx.hard_yesterday {
        soreness += 2.0;
        readiness -= 0.7;
    }
    if ctx.hard_week {
        soreness += 1.0;
        readiness -= if late_in_hard_week { 2.0 } else { 1.0 };
        sleep_h -= 0.3;
        motivation -= if late_in_hard_week { 1.0 } else { 0.0 };
    }
    if let Some(p) = ctx.pain {
        readiness -= 1.0;
        mood -= f64::from(p) * 0.4;
        soreness += 1.0;
        sleep_quality -= 0.3;
    }
    let score = |x: f64, lo: f64, hi: f64| x.round().clamp(lo, hi) as u8;
    Wellness {
        date: day,
        readiness: Some(score(readiness, 1.0, 10.0)),
        pain: Some(ctx.pain.unwrap_or(0)),
        pain_location: if ctx.pain.is_some() {
            Niggle::LOCATION.to_owned()
        } else {
            String::new()
        },
        sleep_hours: Some((sleep_h.clamp(4.0, 10.0) * 4.0).round() / 4.0),
        sleep_quality: Some(score(sleep_quality, 1.0, 5.0)),
        soreness: Some(score(soreness, 0.0, 10.0)),
        mood: Some(score(mood, 1.0, 10.0)),
        motivation: Some(score(motivation, 1.0, 10.0)),
        notes: if ctx.first_niggle_day {
            "Achilles tight on the first steps this morning; eases after 10 min".to_owned()
        } else {
            String::new()
        },
        logged_at: Some(utc_at(day, 6, 40 + rng.below(40), rng)),
    }
}

/// Age-predicted maximal heart rate, 208 − 0.7 × age (Tanaka et al., 2001); 185 without age.
fn max_hr(age: Option<u32>) -> f64 {
    age.map_or(185.0, |a| 208.0 - 0.7 * f64::from(a)).round()
}

/// Session-average heart rate as a share of the heart-rate reserve (Karvonen), by type;
/// warm-up and cool-down included, so quality sessions average below their work intervals.
fn heart_rate(rng: &mut Rng, kind: SessionType, ctx: &Context) -> f64 {
    let share = match kind {
        SessionType::Recovery => 0.58,
        SessionType::Easy | SessionType::Strides => 0.64,
        SessionType::Long => 0.67,
        SessionType::RacePace => 0.76,
        SessionType::Hills | SessionType::Intervals => 0.77,
        SessionType::Threshold => 0.79,
        SessionType::Race => 0.88,
        _ => 0.6,
    };
    let drift = if ctx.hard { 3.0 } else { 0.0 };
    (REST_HR + (ctx.hr_max - REST_HR) * share + drift + 2.5 * rng.normal())
        .round()
        .min(ctx.hr_max)
}

/// Local start time of a run: early morning on weekdays, later at the weekend.
fn start_time(rng: &mut Rng, day: NaiveDate) -> NaiveDateTime {
    let (hour, spread) = match day.weekday() {
        Weekday::Sat | Weekday::Sun => (8, 75),
        _ => (6, 50),
    };
    let minutes = 20 + rng.below(spread);
    let time = NaiveTime::from_hms_opt(hour + minutes / 60, minutes % 60, rng.below(60))
        .unwrap_or(NaiveTime::MIN);
    day.and_time(time)
}

/// When the athlete logs the day's training: in the evening.
fn evening_utc(day: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    utc_at(day, 19, rng.below(120), rng)
}

/// Local `hour:minute` (minutes may run past 59) on `day`, as UTC.
fn utc_at(day: NaiveDate, hour: u32, minutes: u32, rng: &mut Rng) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN)
        + chrono::Duration::minutes(i64::from(hour) * 60 + i64::from(minutes))
        + chrono::Duration::seconds(i64::from(rng.below(60)));
    (local - chrono::Duration::hours(UTC_OFFSET_H)).and_utc()
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> Option<T> {
    let n = u32::try_from(items.len()).ok().filter(|n| *n > 0)?;
    items.get(rng.below(n) as usize).copied()
}

fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    pick(rng, items).unwrap_or_default()
}

/// `SplitMix64` (Steele, Lea & Flood, 2014): tiny, fast, and good enough for demo noise.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// Mean 0, standard deviation 1, within ±3.5: four uniforms summed (Irwin–Hall) and
    /// scaled, which needs no `ln` or `cos` and so gives the same bits everywhere.
    fn normal(&mut self) -> f64 {
        let sum: f64 = (0..4).map(|_| self.unit()).sum();
        (sum - 2.0) * 3.0_f64.sqrt()
    }
}
