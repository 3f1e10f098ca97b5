//! CSV tables (RFC 4180: comma-separated, CRLF line ends, quotes where needed) of the planned
//! sessions and of the actuals, for spreadsheets.
//!
//! Numbers use a dot and their unit is in the column name. Free-text cells that start with
//! `=`, `+`, `-`, `@` or a tab get a leading `'` so a spreadsheet shows them as text rather
//! than running them as formulas (OWASP "CSV injection").

use super::{min_sec, round_to};
use crate::model::{Actual, Plan};

const SESSION_COLUMNS: [&str; 15] = [
    "session_id",
    "date",
    "week_start",
    "phase",
    "type",
    "duration_min",
    "distance_km",
    "rpe",
    "load_au",
    "pace_min_per_km",
    "hr_zone",
    "description",
    "rationale",
    "coach_notes",
    "status",
];

const ACTUAL_COLUMNS: [&str; 17] = [
    "actual_id",
    "date",
    "start",
    "sport",
    "type",
    "duration_s",
    "moving_s",
    "distance_m",
    "avg_hr",
    "max_hr",
    "rpe",
    "load_au",
    "source",
    "session_id",
    "completion",
    "file",
    "notes",
];

/// The adopted plan's sessions, one row each (Rest days included: they are part of the plan).
pub fn sessions_csv(plan: &Plan) -> String {
    let mut out = String::new();
    row(&mut out, SESSION_COLUMNS.iter().map(|c| (*c).to_owned()));
    for week in plan.weeks() {
        for s in &week.sessions {
            row(
                &mut out,
                [
                    s.id.0.to_string(),
                    s.date.to_string(),
                    week.start.to_string(),
                    week.phase.code().to_owned(),
                    s.kind.code().to_owned(),
                    round_to(s.duration_min, 1),
                    s.distance_km.map(|d| round_to(d, 2)).unwrap_or_default(),
                    round_to(s.rpe, 1),
                    round_to(s.load_au(), 1),
                    s.pace
                        .map(|p| {
                            format!("{}-{}", min_sec(p.fast_s_per_km), min_sec(p.slow_s_per_km))
                        })
                        .unwrap_or_default(),
                    s.hr_zone.map(|z| z.to_string()).unwrap_or_default(),
                    text(&s.description),
                    text(&s.rationale),
                    text(&s.coach_notes),
                    match week.status {
                        crate::model::WeekStatus::Draft => "draft".to_owned(),
                        crate::model::WeekStatus::Approved => "approved".to_owned(),
                    },
                ],
            );
        }
    }
    out
}

/// The actuals in date order (then start time, then id).
pub fn actuals_csv(plan: &Plan) -> String {
    let mut actuals: Vec<&Actual> = plan.actuals.iter().collect();
    actuals.sort_by_key(|a| (a.date, a.start, a.id));
    let mut out = String::new();
    row(&mut out, ACTUAL_COLUMNS.iter().map(|c| (*c).to_owned()));
    let opt = |v: Option<f64>, d: i32| v.map(|x| round_to(x, d)).unwrap_or_default();
    for a in actuals {
        row(
            &mut out,
            [
                a.id.0.to_string(),
                a.date.to_string(),
                a.start
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                    .unwrap_or_default(),
                a.sport.code().to_owned(),
                a.kind.map(|k| k.code().to_owned()).unwrap_or_default(),
                round_to(a.duration_s, 1),
                opt(a.moving_s, 1),
                opt(a.distance_m, 1),
                opt(a.avg_hr, 0),
                opt(a.max_hr, 0),
                opt(a.rpe, 1),
                opt(a.rpe.map(|r| r * a.duration_min()), 1),
                a.source.code().to_owned(),
                a.session.map(|s| s.0.to_string()).unwrap_or_default(),
                match a.completion {
                    crate::model::Completion::Done => "done".to_owned(),
                    crate::model::Completion::Partly => "partly".to_owned(),
                    crate::model::Completion::Skipped => "skipped".to_owned(),
                },
                text(a.file.as_deref().unwrap_or_default()),
                text(&a.notes),
            ],
        );
    }
    out
}

/// A free-text cell, defused against spreadsheet formulas.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ') {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}
