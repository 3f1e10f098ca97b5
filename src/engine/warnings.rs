//! Guardrails and science rules ➡ warnings (SPEC §2). Each warning has a stable code, a
//! severity, the day or week it is about, a plain message and a suggested fix.

use chrono::{Datelike, Days, NaiveDate};

use super::load::{DailySeries, PmcDay, monotony, planned_daily};
use super::rules::{LIGHTER_WEEK_SHARE, RAMP_REFERENCE_WEEKS, recovery_days, taper_days};
use crate::model::{
    Athlete, Guardrails, ModelSettings, Phase, PhaseKind, PmcStart, Priority, Race, RunnerType,
    SessionType, Severity, Total, Warning, Week, Wellness,
};

/// Stable warning codes, for tests, filters and scripts.
pub mod code {
    pub const RAMP_OVER_CAP: &str = "ramp_over_cap";
    pub const STACKED_HARD_DAYS: &str = "stacked_hard_days";
    pub const TOO_FEW_REST_DAYS: &str = "too_few_rest_days";
    pub const TOO_MANY_QUALITY: &str = "too_many_quality";
    pub const RACE_PACE_TOO_CLOSE: &str = "race_pace_too_close";
    pub const LONG_RUN_SHARE: &str = "long_run_share";
    pub const TAPER_TOO_SHORT: &str = "taper_too_short";
    pub const TAPER_TOO_LONG: &str = "taper_too_long";
    pub const PEAKING_TOO_OFTEN: &str = "peaking_too_often";
    pub const A_RACES_TOO_CLOSE: &str = "a_races_too_close";
    pub const B_RACE_NEAR_A_RACE: &str = "b_race_near_a_race";
    pub const ACUTE_CHRONIC_HIGH: &str = "acute_chronic_high";
    pub const MONOTONY_HIGH: &str = "monotony_high";
    pub const FITNESS_RAMP_HIGH: &str = "fitness_ramp_high";
    pub const INTENSITY_WHILE_PAIN: &str = "intensity_while_pain";
    pub const COMEBACK_RAMP_OVER_CAP: &str = "comeback_ramp_over_cap";
    pub const UNAVAILABLE_DAY: &str = "session_on_unavailable_day";
    pub const NO_A_RACE: &str = "no_a_race";
}

/// Acute:chronic ratio from which the advisory flag is raised (Gabbett 2016; advisory only,
/// the ratio is disputed: Lolli 2019, Impellizzeri 2020).
pub const ACWR_DANGER: f64 = 1.5;
/// Monotony above this is a warning (Foster 1998).
pub const MONOTONY_LIMIT: f64 = 2.0;
/// Race-pace sessions closer than this many days are too close (72 h).
pub const RACE_PACE_SPACING_DAYS: i64 = 3;
/// B races within this many days of an A race compromise the A race.
pub const B_RACE_A_RACE_DAYS: i64 = 10;
/// Two A races closer than this many weeks mean peaking too often.
pub const PEAK_SPACING_WEEKS: i64 = 8;
/// Fitness rising more than this fraction in a week is steep (Friel: 5–8 points a week on
/// a typical fitness is sustainable, ~10 a ceiling).
pub const FITNESS_RAMP_LIMIT: f64 = 0.10;

/// What the checks look at.
#[derive(Clone, Copy)]
pub struct WarningInput<'a> {
    pub weeks: &'a [Week],
    pub phases: &'a [Phase],
    pub races: &'a [Race],
    pub athlete: &'a Athlete,
    pub guardrails: &'a Guardrails,
    pub wellness: &'a [Wellness],
    pub pmc_start: PmcStart,
    pub settings: &'a ModelSettings,
}

fn warning(
    code: &str,
    severity: Severity,
    date: Option<NaiveDate>,
    week: Option<NaiveDate>,
    message: String,
    suggestion: impl Into<String>,
) -> Warning {
    Warning {
        code: code.to_owned(),
        severity,
        date,
        week,
        message,
        suggestion: suggestion.into(),
    }
}

/// Every warning for a season of weeks, sorted by date then code.
pub fn check(input: &WarningInput<'_>) -> Vec<Warning> {
    let daily = planned_daily(input.weeks);
    let pmc = super::load::pmc(&daily, input.pmc_start, input.settings);
    check_with_load(input, &daily, &pmc)
}

/// [`check`] with the weeks' planned daily load and its PMC already computed (the comparison
/// computes both for its curves: once is enough).
pub fn check_with_load(
    input: &WarningInput<'_>,
    daily: &DailySeries,
    pmc: &[PmcDay],
) -> Vec<Warning> {
    let mut out = Vec::new();
    week_rules(input, daily, &mut out);
    spacing_rules(input, &mut out);
    race_rules(input, &mut out);
    load_rules(input, daily, pmc, &mut out);
    pain_rules(input, &mut out);
    out.sort_by(|a, b| (a.date, &a.code, &a.message).cmp(&(b.date, &b.code, &b.message)));
    out
}

/// How many weeks back the week a ramp is measured from is (`loads` are the weeks' training
/// loads, `i` the week measured): the week before, or an earlier one when every week since was
/// a lighter week (travel, illness, missed sessions) — whichever allows more at the cap
/// compounded per week.
fn ramp_reference(loads: &[f64], i: usize, cap: f64) -> usize {
    let load = |k: usize| loads[i - k];
    let dip_since = |k: usize| (1..k).all(|j| load(j) < LIGHTER_WEEK_SHARE * load(k));
    (1..=RAMP_REFERENCE_WEEKS.min(i))
        .filter(|&k| load(k) > 0.0 && dip_since(k))
        .max_by(|&a, &b| {
            let allowed = |k: usize| load(k) * (1.0 + cap).powi(k as i32);
            allowed(a).total_cmp(&allowed(b))
        })
        .unwrap_or(1)
}

fn week_rules(input: &WarningInput<'_>, daily: &DailySeries, out: &mut Vec<Warning>) {
    let g = input.guardrails;
    let cap = g.max_weekly_increase_pct / 100.0;
    // Each week's load is read by the ramps of the weeks after it: summed once.
    let loads: Vec<f64> = input.weeks.iter().map(Week::training_load_au).collect();
    for (i, week) in input.weeks.iter().enumerate() {
        let at = Some(week.start);
        let load = loads[i];
        if let Some(prev) = i.checked_sub(1).and_then(|p| input.weeks.get(p))
            && prev.down_week
            && let Some(j) = (0..i - 1).rev().find(|&j| !input.weeks[j].down_week)
            && loads[j] > 0.0
        {
            // After down weeks (planned down, taper, race, recovery) the week may climb back
            // to the last normal week before them plus the cap once — the engine's own
            // bounce-back — but not beyond.
            let reference = &input.weeks[j];
            let rise = load / loads[j] - 1.0;
            let since = if i - 1 - j == 1 {
                "the down week"
            } else {
                "the down weeks"
            };
            if rise > cap + 1e-6 {
                out.push(warning(
                    code::RAMP_OVER_CAP,
                    if rise > cap * 1.5 {
                        Severity::Danger
                    } else {
                        Severity::Warning
                    },
                    at,
                    at,
                    format!(
                        "Training load (races aside) rises {:.0} % over the week of {}, the last normal week before {since}; the cap is {:.0} % a week.",
                        rise * 100.0,
                        reference.start.format("%-d %b"),
                        cap * 100.0
                    ),
                    "Return from a down week to about the level before it; trim easy volume.",
                ));
            }
            if input.athlete.runner_type == RunnerType::Comeback {
                out.extend(comeback_ramp(
                    reference,
                    week,
                    cap,
                    &format!(" over the last normal week before {since}, during a comeback"),
                    "Come back from the down week to the distance before it, not beyond the cap.",
                ));
            }
        }
        if let Some(prev) = i.checked_sub(1).and_then(|p| input.weeks.get(p))
            && !prev.down_week
            && loads[i - 1] > 0.0
        {
            // A return to the trajectory after lighter weeks is not a ramp: measured from a
            // week before the dip, allowed the cap once per week since (see the rules' notes).
            let weeks_back = ramp_reference(&loads, i, cap);
            let reference = &input.weeks[i - weeks_back];
            let total_rise = load / loads[i - weeks_back] - 1.0;
            let rise = (1.0 + total_rise).powf(1.0 / weeks_back as f64) - 1.0;
            let over = if weeks_back == 1 {
                "the week before".to_owned()
            } else {
                format!(
                    "the week of {}, {weeks_back} weeks earlier ({:.0} % a week)",
                    reference.start.format("%-d %b"),
                    rise * 100.0
                )
            };
            if rise > cap + 1e-6 {
                let severity = if rise > cap * 1.5 {
                    Severity::Danger
                } else {
                    Severity::Warning
                };
                out.push(warning(
                    code::RAMP_OVER_CAP,
                    severity,
                    at,
                    at,
                    format!(
                        "Training load (races aside) rises {:.0} % over {over}; the cap is {:.0} % a week.",
                        total_rise * 100.0,
                        cap * 100.0
                    ),
                    "Trim easy volume or move a session into the following week.",
                ));
            }
            if input.athlete.runner_type == RunnerType::Comeback {
                out.extend(comeback_ramp(
                    prev,
                    week,
                    cap,
                    " during a comeback",
                    "Hold the distance this week; progress only within the cap.",
                ));
            }
        }
        // Days with training as a bit set of day offsets: no date arithmetic per day.
        let trained = week
            .sessions
            .iter()
            .filter(|s| s.kind != SessionType::Rest && s.load_au() > 0.0)
            .filter_map(|s| u32::try_from((s.date - week.start).num_days()).ok())
            .filter(|&d| d < 7)
            .fold(0u8, |days, d| days | 1 << d);
        let rest_days = 7 - trained.count_ones() as usize;
        if rest_days < usize::from(g.min_rest_days_per_week) {
            out.push(warning(
                code::TOO_FEW_REST_DAYS,
                Severity::Warning,
                at,
                at,
                format!(
                    "{rest_days} rest day(s) this week; the guardrail asks for {}.",
                    g.min_rest_days_per_week
                ),
                "Turn the shortest easy run into a rest day.",
            ));
        }
        let hard = week.hard_sessions();
        if hard > usize::from(g.max_hard_sessions_per_week) {
            out.push(warning(
                code::TOO_MANY_QUALITY,
                Severity::Warning,
                at,
                at,
                format!(
                    "{hard} hard sessions (races included); the guardrail allows {}.",
                    g.max_hard_sessions_per_week
                ),
                "Make one of them an easy run, or move it to next week.",
            ));
        }
        let run_km: f64 = week
            .sessions
            .iter()
            .filter(|s| s.kind.is_run() && s.kind != SessionType::Race)
            .filter_map(|s| s.distance_km)
            .sum();
        for s in week.sessions.iter().filter(|s| s.kind == SessionType::Long) {
            let km = s.distance_km.unwrap_or(0.0);
            if run_km > 0.0 && km / run_km * 100.0 > g.max_long_run_share_pct + 0.5 {
                out.push(warning(
                    code::LONG_RUN_SHARE,
                    Severity::Warning,
                    Some(s.date),
                    at,
                    format!(
                        "Long run {km:.0} km is {:.0} % of the week's {run_km:.0} km; the guardrail is {:.0} %.",
                        km / run_km * 100.0,
                        g.max_long_run_share_pct
                    ),
                    "Shorten the long run or add easy volume on other days.",
                ));
            }
        }
        for s in &week.sessions {
            if s.kind != SessionType::Race && !input.athlete.is_available(s.date.weekday()) {
                out.push(warning(
                    code::UNAVAILABLE_DAY,
                    Severity::Warning,
                    Some(s.date),
                    at,
                    format!(
                        "{} is planned on {}, a day {} cannot train.",
                        s.kind.label(),
                        s.date.format("%a %-d %b"),
                        first_name(input.athlete)
                    ),
                    "Move it to an available day.",
                ));
            }
        }
        // Monotony of the week's daily loads (Foster 1998).
        if let Some(first) = daily.index_of(week.start)
            && let Some(days) = daily.values.get(first..first + 7)
            && let Some(m) = monotony(days)
            && m > MONOTONY_LIMIT
        {
            out.push(warning(
                code::MONOTONY_HIGH,
                Severity::Warning,
                at,
                at,
                format!(
                    "Training monotony {m:.1} (above {MONOTONY_LIMIT:.1}): days are too alike."
                ),
                "Make easy days easier or add a rest day so hard and easy days differ.",
            ));
        }
    }
}

/// A week's running distance without its races: what a comeback's distance cap is about.
/// A comeback's running volume rising more than the coach's cap over `reference`; `over` ends
/// the message's first clause (" during a comeback").
fn comeback_ramp(
    reference: &Week,
    week: &Week,
    cap: f64,
    over: &str,
    suggestion: &str,
) -> Option<Warning> {
    let (a, b) = (training_km(reference), training_km(week));
    let at = Some(week.start);
    (a > 0.0 && b / a - 1.0 > cap + 1e-6).then(|| {
        warning(
            code::COMEBACK_RAMP_OVER_CAP,
            Severity::Danger,
            at,
            at,
            format!(
                "Running volume rises {:.0} % ({a:.0} ➡ {b:.0} km){over}; the coach's cap is {:.0} %.",
                (b / a - 1.0) * 100.0,
                cap * 100.0
            ),
            suggestion,
        )
    })
}

fn training_km(week: &Week) -> f64 {
    week.sessions
        .iter()
        .filter(|s| s.kind.is_run() && s.kind != SessionType::Race)
        .filter_map(|s| s.distance_km)
        .total()
}

fn first_name(a: &Athlete) -> &str {
    a.name.split_whitespace().next().unwrap_or("the athlete")
}

/// Stacked hard days and race-pace spacing, across week boundaries.
fn spacing_rules(input: &WarningInput<'_>, out: &mut Vec<Warning>) {
    let mut hard: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut race_pace: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for w in input.weeks {
        for s in &w.sessions {
            if s.is_hard() {
                hard.push((s.date, w.start));
            }
            if s.kind == SessionType::RacePace {
                race_pace.push((s.date, w.start));
            }
        }
    }
    hard.sort();
    hard.dedup_by_key(|h| h.0);
    for pair in hard.windows(2) {
        let [(a, _), (b, week)] = [pair[0], pair[1]];
        if (b - a).num_days() == 1 {
            out.push(warning(
                code::STACKED_HARD_DAYS,
                Severity::Warning,
                Some(b),
                Some(week),
                format!(
                    "Hard sessions on {} and {}, back to back.",
                    a.format("%a %-d %b"),
                    b.format("%a %-d %b")
                ),
                "Move one of them so an easy day sits between.",
            ));
        }
    }
    race_pace.sort();
    for pair in race_pace.windows(2) {
        let [(a, _), (b, week)] = [pair[0], pair[1]];
        let gap = (b - a).num_days();
        if gap < RACE_PACE_SPACING_DAYS {
            out.push(warning(
                code::RACE_PACE_TOO_CLOSE,
                Severity::Warning,
                Some(b),
                Some(week),
                format!(
                    "Race-pace sessions {gap} day(s) apart ({} and {}); they need 72 h between.",
                    a.format("%a %-d"),
                    b.format("%a %-d")
                ),
                "Space race-pace sessions at least three days apart.",
            ));
        }
    }
}

fn week_start_of(weeks: &[Week], date: NaiveDate) -> Option<NaiveDate> {
    weeks.iter().find(|w| w.contains(date)).map(|w| w.start)
}

fn race_rules(input: &WarningInput<'_>, out: &mut Vec<Warning>) {
    let mut a_races: Vec<&Race> = input
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
        .collect();
    a_races.sort_by_key(|r| r.date);
    if a_races.is_empty() && !input.races.is_empty() {
        out.push(warning(
            code::NO_A_RACE,
            Severity::Info,
            None,
            None,
            "No A race: the season peaks for the latest most important race.".to_owned(),
            "Mark the race that matters most as A.",
        ));
    }
    for r in &a_races {
        // Taper length: the taper phase that ends the day before this race.
        let taper = input.phases.iter().find(|p| {
            p.kind == PhaseKind::Taper && p.end.checked_add_days(Days::new(1)) == Some(r.date)
        });
        let (_, range) = taper_days(r.class());
        let days = taper.map_or(0, Phase::days);
        let week = week_start_of(input.weeks, r.date);
        if days < *range.start() {
            out.push(warning(
                code::TAPER_TOO_SHORT,
                Severity::Warning,
                Some(r.date),
                week,
                format!(
                    "Taper before {} is {days} days; a {} taper is {}–{} days.",
                    r.name,
                    r.class().label(),
                    range.start(),
                    range.end()
                ),
                "Start the taper earlier (drag the taper boundary left).",
            ));
        } else if days > *range.end() {
            out.push(warning(
                code::TAPER_TOO_LONG,
                Severity::Warning,
                Some(r.date),
                week,
                format!(
                    "Taper before {} is {days} days; a {} taper is {}–{} days.",
                    r.name,
                    r.class().label(),
                    range.start(),
                    range.end()
                ),
                "Start the taper later to keep fitness.",
            ));
        }
    }
    for pair in a_races.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap_days = (b.date - a.date).num_days();
        let needed = recovery_days(a.distance_km) + taper_days(b.class()).0 + 21;
        let week = week_start_of(input.weeks, b.date);
        if gap_days < needed {
            out.push(warning(
                code::A_RACES_TOO_CLOSE,
                Severity::Danger,
                Some(b.date),
                week,
                format!(
                    "{} is {} weeks after {}: too close to recover, rebuild and taper again (about {} weeks needed). {} is still peaked for.",
                    b.name,
                    gap_days / 7,
                    a.name,
                    (needed + 6) / 7,
                    b.name
                ),
                "Make one of the two a B race.",
            ));
        } else if gap_days < PEAK_SPACING_WEEKS * 7 {
            out.push(warning(
                code::PEAKING_TOO_OFTEN,
                Severity::Warning,
                Some(b.date),
                week,
                format!(
                    "Two A races {} weeks apart ({} and {}): peaking this often costs training.",
                    gap_days / 7,
                    a.name,
                    b.name
                ),
                "Choose the race that matters most; make the other a B race.",
            ));
        }
    }
    if a_races.len() >= 3
        && let (Some(first), Some(last)) = (a_races.first(), a_races.last())
        && (last.date - first.date).num_days() < 26 * 7
    {
        out.push(warning(
            code::PEAKING_TOO_OFTEN,
            Severity::Warning,
            Some(last.date),
            week_start_of(input.weeks, last.date),
            format!(
                "{} A races within six months: too many peaks.",
                a_races.len()
            ),
            "Keep one or two A races; make the others B or C.",
        ));
    }
    for b in input.races.iter().filter(|r| r.priority == Priority::B) {
        for a in &a_races {
            let gap = (a.date - b.date).num_days();
            if gap.abs() <= B_RACE_A_RACE_DAYS {
                out.push(warning(
                    code::B_RACE_NEAR_A_RACE,
                    Severity::Warning,
                    Some(b.date),
                    week_start_of(input.weeks, b.date),
                    format!(
                        "{} (B) is {} days {} {} (A).",
                        b.name,
                        gap.abs(),
                        if gap > 0 { "before" } else { "after" },
                        a.name
                    ),
                    "Run it as a C race (trained through) or skip it.",
                ));
            }
        }
    }
}

fn load_rules(
    input: &WarningInput<'_>,
    daily: &DailySeries,
    pmc: &[PmcDay],
    out: &mut Vec<Warning>,
) {
    if daily.is_empty() {
        return;
    }
    let prior = input.pmc_start.fitness;
    let ratios = super::load::acute_chronic_series(daily, Some(prior));
    let mut flagged_weeks: Vec<NaiveDate> = Vec::new();
    for (i, ratio) in ratios.iter().enumerate() {
        let Some(r) = ratio else { continue };
        if *r < ACWR_DANGER {
            continue;
        }
        let Some(date) = daily.date_of(i) else {
            continue;
        };
        let week = week_start_of(input.weeks, date);
        if week.is_some_and(|w| flagged_weeks.contains(&w)) {
            continue;
        }
        // A race spikes the ratio for the week after by nature; the race is the point.
        let after_race = input
            .races
            .iter()
            .any(|x| (0..7).contains(&(date - x.date).num_days()));
        if after_race {
            continue;
        }
        if let Some(w) = week {
            flagged_weeks.push(w);
        }
        out.push(warning(
            code::ACUTE_CHRONIC_HIGH,
            Severity::Info,
            Some(date),
            week,
            format!(
                "Acute:chronic load ratio {r:.2} on {} (≥ {ACWR_DANGER}). Advisory only: the ratio is a rough signal.",
                date.format("%a %-d %b")
            ),
            "Check the weeks before: a sudden jump after a lighter spell is the usual cause.",
        ));
    }
    // Fitness ramp (Friel): week-over-week rise of fitness relative to its level.
    for w in input.weeks {
        let Some(begin) = daily.index_of(w.start) else {
            continue;
        };
        let end = begin + 6;
        if end >= daily.len() {
            continue;
        }
        let before = if begin == 0 {
            input.pmc_start.fitness
        } else {
            pmc.get(begin - 1).map_or(0.0, |d| d.fitness)
        };
        let after = pmc.get(end).map_or(0.0, |d| d.fitness);
        if before > 1.0 && (after - before) / before > FITNESS_RAMP_LIMIT {
            let races_in_week = input.races.iter().any(|r| w.contains(r.date));
            if races_in_week {
                continue;
            }
            out.push(warning(
                code::FITNESS_RAMP_HIGH,
                Severity::Info,
                Some(w.start),
                Some(w.start),
                format!(
                    "Fitness rises {:.0} % this week ({before:.0} ➡ {after:.0}); about 5–8 % is sustainable.",
                    (after - before) / before * 100.0
                ),
                "A slower build lowers the injury risk.",
            ));
        }
    }
}

fn pain_rules(input: &WarningInput<'_>, out: &mut Vec<Warning>) {
    let threshold = input.guardrails.pain_blocks_intensity_at;
    for check in input.wellness {
        let Some(pain) = check.pain else { continue };
        if pain < threshold {
            continue;
        }
        for w in input.weeks {
            for s in w
                .sessions
                .iter()
                .filter(|s| s.is_hard() && s.kind != SessionType::Race)
            {
                let days_after = (s.date - check.date).num_days();
                if (0..=3).contains(&days_after) {
                    out.push(warning(
                        code::INTENSITY_WHILE_PAIN,
                        Severity::Danger,
                        Some(s.date),
                        Some(w.start),
                        format!(
                            "{} on {} while pain was {pain}/10 on {}{}; intensity is blocked from {threshold}.",
                            s.kind.label(),
                            s.date.format("%a %-d %b"),
                            check.date.format("%a %-d %b"),
                            if check.pain_location.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", check.pain_location)
                            }
                        ),
                        "Replace it with an easy run or cross-training until pain settles.",
                    ));
                }
            }
        }
    }
}
