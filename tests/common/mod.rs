//! Shared fixtures for the test modules.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use peakline::io::examples::EXAMPLES;
use peakline::model::{Actual, ActualId, Completion, Plan, Session, SessionType, Wellness};

/// The fixed "today" of the tests: before the demo seasons start.
#[allow(dead_code)]
pub fn today() -> NaiveDate {
    date("2026-11-25")
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The example plan with this file name.
pub fn example(file_name: &str) -> Plan {
    EXAMPLES
        .iter()
        .find(|e| e.file_name == file_name)
        .expect("example exists")
        .load()
        .expect("example loads")
}

/// The marathoner demo without its logged history: a clean plan that tests script logs into.
pub fn marathoner() -> Plan {
    let mut plan = example("marathoner.peakline.ron");
    plan.actuals.clear();
    plan.wellness.clear();
    plan
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// Logs an actual for every planned training session (not rest, not race) dated
/// `from..=to`: `how` returns `Some((share of the planned minutes, session RPE))`, a share of 0
/// logging the session as skipped, or `None` to log nothing for it. Deterministic ids.
#[allow(dead_code)]
pub fn log_sessions(
    plan: &mut Plan,
    from: NaiveDate,
    to: NaiveDate,
    mut how: impl FnMut(&Session) -> Option<(f64, f64)>,
) {
    let mut next = plan.actuals.iter().map(|a| a.id.0).max().unwrap_or(0) + 1;
    let sessions: Vec<Session> = plan
        .sessions()
        .filter(|s| from <= s.date && s.date <= to)
        .filter(|s| !matches!(s.kind, SessionType::Rest | SessionType::Race))
        .cloned()
        .collect();
    for s in sessions {
        let Some((share, rpe)) = how(&s) else {
            continue;
        };
        let skipped = share <= 0.0;
        plan.actuals.push(Actual {
            id: ActualId(next),
            date: s.date,
            session: Some(s.id),
            kind: Some(s.kind),
            completion: if skipped {
                Completion::Skipped
            } else {
                Completion::Done
            },
            duration_s: s.duration_min * 60.0 * share.max(0.0),
            distance_m: s.distance_km.map(|d| d * 1000.0 * share.max(0.0)),
            rpe: (!skipped).then_some(rpe),
            ..Actual::default()
        });
        next += 1;
    }
}

/// Logs every planned session of `from..=to` as done exactly as planned.
#[allow(dead_code)]
pub fn log_as_planned(plan: &mut Plan, from: NaiveDate, to: NaiveDate) {
    log_sessions(plan, from, to, |s| Some((1.0, s.rpe)));
}

/// A daily check-in for every day of `from..=to`, from `day` (which gets the date).
#[allow(dead_code)]
pub fn check_in(
    plan: &mut Plan,
    from: NaiveDate,
    to: NaiveDate,
    day: impl Fn(NaiveDate) -> Wellness,
) {
    for date in from.iter_days().take_while(|d| *d <= to) {
        let mut w = day(date);
        w.date = date;
        plan.wellness.push(w);
    }
}

/// A check-in at the athlete's usual level: readiness 7, no pain, 7.5 h sleep, soreness 2.
#[allow(dead_code)]
pub fn usual_day(_: NaiveDate) -> Wellness {
    Wellness {
        readiness: Some(7),
        pain: Some(0),
        sleep_hours: Some(7.5),
        sleep_quality: Some(4),
        soreness: Some(2),
        ..Wellness::default()
    }
}
