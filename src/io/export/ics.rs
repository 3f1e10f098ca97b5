//! iCalendar (RFC 5545) export of the adopted plan: one all-day event per session.
//!
//! Written by hand rather than with a crate: the subset is small (VCALENDAR, VEVENT, a few
//! TEXT properties), and the two rules that matter are easy to get right and are tested —
//! TEXT escaping (§3.3.11) and folding lines at 75 octets without splitting a UTF-8
//! character (§3.1), with CRLF line ends.
//!
//! # Stable UIDs
//! Calendars recognise an event by its UID: re-importing a calendar with the same UIDs
//! updates the events instead of duplicating them. A session's UID is made from the plan's
//! identity and the session's [`SessionId`], which survives edits:
//! `session-<id>-<athlete slug>-<season start>@peakline`. The slug keeps ASCII letters and
//! digits; a name with other characters ("Zoë") also gets a short hash of the exact name, so
//! two athletes whose names differ only in accents do not share UIDs.

use chrono::{DateTime, Days, Utc};

use super::{pace_text, session_title};
use crate::io::import::DistanceUnit;
use crate::model::{Plan, SessionId, SessionType, WeekStatus};

/// Octets per line before folding (RFC 5545 §3.1), CRLF not counted.
const FOLD_OCTETS: usize = 75;

/// Choices for a calendar export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcsOptions {
    /// The DTSTAMP of every event: when the calendar was made (the caller's "now").
    pub stamp: DateTime<Utc>,
    /// Unit for distances and paces in titles and descriptions.
    pub unit: DistanceUnit,
}

/// The adopted plan's sessions as an iCalendar document (Rest days left out). A plan with no
/// adopted variant gives a valid calendar with no events.
pub fn plan_to_ics(plan: &Plan, opts: &IcsOptions) -> String {
    let mut out = String::new();
    let stamp = opts.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//Peakline//Peakline {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    let cal_name = if plan.athlete.name.trim().is_empty() {
        "Training plan".to_owned()
    } else {
        format!("{} – training plan", plan.athlete.name.trim())
    };
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape_text(&cal_name)),
    );

    for week in plan.weeks() {
        for s in week.sessions.iter().filter(|s| s.kind != SessionType::Rest) {
            let Some(next_day) = s.date.checked_add_days(Days::new(1)) else {
                continue;
            };
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:{}", session_uid(plan, s.id)));
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", s.date.format("%Y%m%d")),
            );
            line(
                &mut out,
                &format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
            );
            line(
                &mut out,
                &format!("SUMMARY:{}", escape_text(&session_title(s, opts.unit))),
            );

            let mut description = Vec::new();
            if !s.description.trim().is_empty() {
                description.push(s.description.trim().to_owned());
            }
            let mut target = Vec::new();
            if let Some(p) = &s.pace {
                target.push(format!("pace {}", pace_text(p, opts.unit)));
            }
            if let Some(z) = s.hr_zone {
                target.push(format!("HR zone {z}"));
            }
            if s.rpe > 0.0 {
                target.push(format!("RPE {}/10", super::round_to(s.rpe, 1)));
            }
            if !target.is_empty() {
                description.push(format!("Target: {}", target.join(" · ")));
            }
            if !s.coach_notes.trim().is_empty() {
                description.push(format!("Coach: {}", s.coach_notes.trim()));
            }
            description.push(format!("Phase: {}", week.phase.label()));
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&description.join("\n"))),
            );
            line(
                &mut out,
                &format!("CATEGORIES:{}", escape_text(s.kind.label())),
            );
            let status = match week.status {
                WeekStatus::Approved => "CONFIRMED",
                WeekStatus::Draft => "TENTATIVE",
            };
            line(&mut out, &format!("STATUS:{status}"));
            // An all-day training reminder should not block the athlete's day as busy.
            line(&mut out, "TRANSP:TRANSPARENT");
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The calendar UID of a session of `plan`; see the module docs.
pub fn session_uid(plan: &Plan, id: SessionId) -> String {
    format!(
        "session-{}-{}-{}@peakline",
        id.0,
        athlete_slug(&plan.athlete.name),
        plan.season.start.format("%Y%m%d")
    )
}

fn athlete_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("athlete");
    }
    let lossless = name
        .trim()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    if !lossless {
        slug.push_str(&format!("-{:08x}", fnv1a32(name.trim().as_bytes())));
    }
    slug
}

/// FNV-1a, 32 bits: a fixed, dependency-free hash (never changes between builds).
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// TEXT value escaping (RFC 5545 §3.3.11); control characters other than tab are dropped.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets on character boundaries, ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > FOLD_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}
