//! Cutting a week down: quality sessions eased or shortened, easy volume trimmed, a day made a
//! rest day. The weekly draft and the what-if scenarios both use these, so a week is always
//! cut the same way and every touched session says why.
//!
//! Nothing here ever adds load: every operation leaves each session no longer and no harder
//! than it was, which is how "missed sessions are never crammed back in" holds by construction.
//! Sessions before `from` (days already lived) and races (the coach's call) are never touched.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::rules::MIN_TRIMMED_SESSION_MIN;
use crate::model::{PaceRange, Session, SessionId, SessionType, Week};

/// Why each session was changed or removed, by session id, in the order the rules ran.
pub type ReasonLog = BTreeMap<SessionId, Vec<String>>;

fn note(log: &mut ReasonLog, id: SessionId, why: &str) {
    let reasons = log.entry(id).or_default();
    if !reasons.iter().any(|r| r == why) {
        reasons.push(why.to_owned());
    }
}

/// Whether the rules may change this session: on or after `from`, and not a race.
fn editable(s: &Session, from: NaiveDate) -> bool {
    s.date >= from && s.kind != SessionType::Race
}

/// A quality session that the rules may ease (races stay the coach's call).
fn easable(s: &Session, from: NaiveDate) -> bool {
    editable(s, from) && s.is_hard()
}

/// The week's easy pace, from any easy-type session that has one.
pub fn easy_pace(week: &Week) -> Option<PaceRange> {
    week.sessions
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SessionType::Easy
                    | SessionType::Recovery
                    | SessionType::Long
                    | SessionType::Strides
            )
        })
        .find_map(|s| s.pace)
}

/// Turns a quality session into an easy run of the same length (or `max_min`, if shorter).
pub fn to_easy(session: &mut Session, max_min: Option<f64>, pace: Option<PaceRange>, why: &str) {
    let minutes = max_min.map_or(session.duration_min, |m| {
        session.duration_min.min(m).floor()
    });
    let was = session.kind.label();
    session.kind = SessionType::Easy;
    session.rpe = SessionType::Easy.default_rpe().min(session.rpe);
    session.duration_min = minutes;
    session.hr_zone = None;
    session.pace = pace;
    session.distance_km = pace.map(|p| {
        let s_per_km = (p.fast_s_per_km + p.slow_s_per_km) / 2.0;
        (minutes * 60.0 / s_per_km * 10.0).round() / 10.0
    });
    session.description = format!("{minutes:.0} min easy, conversational (replaces {was})");
    session.rationale = why.to_owned();
}

/// Shortens a session to `minutes` (never lengthens), distance pro rata.
pub fn shorten(session: &mut Session, minutes: f64, why: &str) {
    let minutes = minutes.floor().min(session.duration_min);
    if minutes >= session.duration_min {
        return;
    }
    let factor = if session.duration_min > 0.0 {
        minutes / session.duration_min
    } else {
        1.0
    };
    session.distance_km = session
        .distance_km
        .map(|d| (d * factor * 10.0).round() / 10.0);
    session.duration_min = minutes;
    session.description = match session.kind {
        SessionType::Easy | SessionType::Recovery => {
            format!("{minutes:.0} min easy, conversational")
        }
        SessionType::Long => format!("Long run {minutes:.0} min, easy throughout"),
        _ => {
            let base = session
                .description
                .split_once(" — shortened to ")
                .map_or(session.description.as_str(), |(b, _)| b)
                .to_owned();
            format!("{base} — shortened to {minutes:.0} min: cut the reps or segments pro rata")
        }
    };
    session.rationale = why.to_owned();
}

/// Eases every quality session (races aside) dated in `first..=last` and on or after `from`:
/// each becomes an easy run, of at most `max_min` when given.
pub fn ease_hard_between(
    week: &mut Week,
    from: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
    max_min: Option<f64>,
    why: &str,
    log: &mut ReasonLog,
) {
    let pace = easy_pace(week);
    for s in &mut week.sessions {
        if easable(s, from) && first <= s.date && s.date <= last {
            to_easy(s, max_min, pace, why);
            note(log, s.id, why);
        }
    }
}

/// Turns the week's first quality session (races aside) on or after `from` into an easy run:
/// the earliest, because fatigue is highest at the start of the week. Returns its day, or
/// `None` when no quality session is left to ease.
pub fn ease_first_hard(
    week: &mut Week,
    from: NaiveDate,
    why: &str,
    log: &mut ReasonLog,
) -> Option<NaiveDate> {
    let pace = easy_pace(week);
    let s = week
        .sessions
        .iter_mut()
        .filter(|s| easable(s, from))
        .min_by_key(|s| s.date)?;
    to_easy(s, None, pace, why);
    note(log, s.id, why);
    Some(s.date)
}

/// Keeps at most `keep` quality sessions (the latest of the week, when the athlete has had the
/// most days to recover), shortened by `cut` (a share); the earlier ones become easy runs.
pub fn ease_hard_keeping(
    week: &mut Week,
    from: NaiveDate,
    keep: usize,
    cut: f64,
    why: &str,
    log: &mut ReasonLog,
) {
    let pace = easy_pace(week);
    let hard: Vec<usize> = (0..week.sessions.len())
        .filter(|&i| week.sessions.get(i).is_some_and(|s| easable(s, from)))
        .collect();
    let eased = hard.len().saturating_sub(keep);
    for (n, &i) in hard.iter().enumerate() {
        let Some(s) = week.sessions.get_mut(i) else {
            continue;
        };
        if n < eased {
            to_easy(s, None, pace, why);
        } else {
            let minutes = (s.duration_min * (1.0 - cut)).max(MIN_TRIMMED_SESSION_MIN);
            shorten(s, minutes, why);
        }
        note(log, s.id, why);
    }
}

/// Trims easy volume (every editable non-quality session, pro rata, none below
/// [`MIN_TRIMMED_SESSION_MIN`]; the smallest dropped when trimming is not enough) until the
/// week's load is at most `target_au`. Returns the load still above the target.
pub fn trim_volume(
    week: &mut Week,
    from: NaiveDate,
    target_au: f64,
    why: &str,
    log: &mut ReasonLog,
) -> f64 {
    loop {
        let excess = week.load_au() - target_au;
        if excess <= 1e-9 {
            return 0.0;
        }
        let trimmable = |s: &Session| editable(s, from) && !s.is_hard() && s.load_au() > 0.0;
        let reducible: f64 = week
            .sessions
            .iter()
            .filter(|s| trimmable(s))
            .map(|s| (s.duration_min - MIN_TRIMMED_SESSION_MIN).max(0.0) * s.rpe)
            .sum();
        if reducible >= excess && reducible > 0.0 {
            let share = excess / reducible;
            for s in week.sessions.iter_mut().filter(|s| trimmable(s)) {
                let spare = (s.duration_min - MIN_TRIMMED_SESSION_MIN).max(0.0);
                if spare > 0.0 {
                    // Floor to whole minutes: the week lands at or just under the target.
                    let minutes = (s.duration_min - spare * share).floor();
                    shorten(s, minutes.max(MIN_TRIMMED_SESSION_MIN), why);
                    note(log, s.id, why);
                }
            }
            return (week.load_au() - target_au).max(0.0);
        }
        // Not enough to trim: drop the smallest session (long runs last) and try again.
        let smallest = week
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| trimmable(s))
            .min_by(|(_, a), (_, b)| {
                (a.kind == SessionType::Long, a.load_au())
                    .partial_cmp(&(b.kind == SessionType::Long, b.load_au()))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(i, s)| (i, s.id));
        let Some((i, id)) = smallest else {
            return excess;
        };
        week.sessions.remove(i);
        note(log, id, why);
    }
}

/// Cuts the week to at most `target_au`: easy volume first ([`trim_volume`]); only when that
/// is not enough do quality sessions become easy runs (the earliest first). Rules that must cut
/// intensity first do so explicitly before calling this ([`ease_hard_keeping`],
/// [`ease_hard_between`]). Returns the load still above the target (sessions before `from` and
/// races are never cut).
pub fn trim_to(
    week: &mut Week,
    from: NaiveDate,
    target_au: f64,
    why: &str,
    log: &mut ReasonLog,
) -> f64 {
    if trim_volume(week, from, target_au, why, log) <= 0.0 {
        return 0.0;
    }
    let pace = easy_pace(week);
    while week.load_au() > target_au {
        let Some(s) = week.sessions.iter_mut().find(|s| easable(s, from)) else {
            break;
        };
        to_easy(s, None, pace, why);
        note(log, s.id, why);
    }
    trim_volume(week, from, target_au, why, log)
}

/// Makes one more day of the week a rest day: the lightest day on or after `from` whose
/// sessions are all easy (no quality, no long run, no race). Returns the day, or `None` when no
/// such day exists.
pub fn add_rest_day(
    week: &mut Week,
    from: NaiveDate,
    why: &str,
    log: &mut ReasonLog,
) -> Option<NaiveDate> {
    let mut days: BTreeMap<NaiveDate, (bool, f64)> = BTreeMap::new();
    for s in &week.sessions {
        if s.kind == SessionType::Rest || s.load_au() <= 0.0 {
            continue;
        }
        let entry = days.entry(s.date).or_insert((true, 0.0));
        entry.0 &= editable(s, from) && !s.is_hard() && s.kind != SessionType::Long;
        entry.1 += s.load_au();
    }
    let (day, _) = days
        .into_iter()
        .filter(|(_, (easy, _))| *easy)
        .min_by(|a, b| {
            a.1.1
                .partial_cmp(&b.1.1)
                .unwrap_or(std::cmp::Ordering::Equal)
        })?;
    week.sessions.retain(|s| {
        let drop = s.date == day && s.kind != SessionType::Rest && s.load_au() > 0.0;
        if drop {
            note(log, s.id, why);
        }
        !drop
    });
    Some(day)
}

/// Sets a week's rationale to `note` followed by the plan's own reasoning, replacing an earlier
/// note of this kind so repeated reviews do not pile up.
pub fn annotate(rationale: &str, note: &str) -> String {
    let plan_part = rationale
        .split_once(PLAN_SEPARATOR)
        .map_or(rationale, |(_, rest)| rest);
    if plan_part.is_empty() {
        note.to_owned()
    } else {
        format!("{note}{PLAN_SEPARATOR}{plan_part}")
    }
}

/// Separates a review or what-if note from the plan's rationale in a week's rationale.
pub const PLAN_SEPARATOR: &str = " | Plan: ";
