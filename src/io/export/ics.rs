//! iCalendar (RFC 5545) export of the adopted plan: one all-day event per session.
//!
//! Written by hand rather than with a crate: the subset is small (VCALENDAR, VEVENT, a few
//! TEXT properties), and the two rules that matter are easy to get right and are tested —
//! TEXT escaping (§3.3.11) and folding lines at 75 octets without splitting a UTF-8
//! character (§3.1), with CRLF line ends.
//!
//! # Stable UIDs
//! Calendars recognise an event by its UID: re-importing a calendar with the same UIDs
//! updates the events instead of duplicating them. A session's UID is made of the plan's
//! stable id ([`Plan::stable_id`], stored in the file, so renaming the athlete or moving the
//! season keeps it) and the session's [`SessionId`], which survives edits:
//! `session-<session id>-<plan id>@peakline`. Nothing else goes in, so two exports of the
//! same plan with the same time stamp are byte-identical. For a file from before plans had
//! an id, the id is derived from the athlete's name and season start, which gives exactly
//! the UIDs earlier versions wrote.
//!
//! # Sessions that disappear
//! A re-plan may drop a session or give it a new id (a moved or retyped session is a new
//! one), so its old event would linger in the athlete's calendar. When an export replaces an
//! earlier one ([`plan_to_ics_replacing`]), the events of this plan that the earlier file had
//! and the plan no longer has are written again with `STATUS:CANCELLED`, a higher `SEQUENCE`
//! and "Cancelled: " before their title, and kept in later exports to the same file.
//! RFC 5545 only lets a cancellation update an event the calendar already holds by that UID:
//! an app that subscribes to the file or re-imports it over the old one removes or strikes
//! through the event; an app that imports each file as new events (some do) cannot be told,
//! and a calendar exported to a different file knows nothing of the earlier one.

use chrono::{DateTime, Days, Utc};

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

use super::{pace_text, session_title};
use crate::io::import::DistanceUnit;
use crate::model::{Plan, SessionId, SessionType, WeekStatus};

/// An earlier calendar larger than this is not read back (a season is about 100 KB).
const MAX_PREVIOUS_BYTES: u64 = 16 * 1024 * 1024;

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
    plan_to_ics_replacing(plan, opts, "")
}

/// [`plan_to_ics`] for a file that replaces `previous`, an earlier export (empty when there
/// is none): events of this plan in `previous` whose session is gone are written as
/// cancelled (see the module's "Sessions that disappear"). Anything else in `previous` is
/// ignored, so a damaged or foreign file only means nothing is cancelled.
pub fn plan_to_ics_replacing(plan: &Plan, opts: &IcsOptions, previous: &str) -> String {
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

    let mut exported = BTreeSet::new();
    for week in plan.weeks() {
        for s in week.sessions.iter().filter(|s| s.kind != SessionType::Rest) {
            let Some(next_day) = s.date.checked_add_days(Days::new(1)) else {
                continue;
            };
            let uid = session_uid(plan, s.id);
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:{uid}"));
            exported.insert(uid);
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
    let suffix = uid_suffix(plan);
    for old in previous_events(previous) {
        if !old.uid.ends_with(&suffix) || exported.contains(&old.uid) {
            continue;
        }
        let Some(next_day) = old.date.checked_add_days(Days::new(1)) else {
            continue;
        };
        // A cancellation already written is repeated as it was: exports stay identical.
        let (sequence, summary) = if old.cancelled {
            (old.sequence, old.summary)
        } else {
            (
                old.sequence.saturating_add(1),
                format!("Cancelled: {}", old.summary),
            )
        };
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", old.uid));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", old.date.format("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
        );
        line(&mut out, &format!("SUMMARY:{summary}"));
        line(&mut out, &format!("SEQUENCE:{sequence}"));
        line(&mut out, "STATUS:CANCELLED");
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The calendar UID of a session of `plan`; see the module docs.
pub fn session_uid(plan: &Plan, id: SessionId) -> String {
    format!("session-{}{}", id.0, uid_suffix(plan))
}

/// What every UID of `plan` ends with: `-<plan id>@peakline`.
fn uid_suffix(plan: &Plan) -> String {
    format!("-{}@peakline", plan.stable_id())
}

/// The calendar at `path` that an export is about to replace, if there is one that can be
/// read (at most 16 MiB of UTF-8); otherwise empty. The one function here that reads a file.
pub fn read_previous_export(path: &Path) -> String {
    let mut text = String::new();
    let read = std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PREVIOUS_BYTES + 1).read_to_string(&mut text));
    if read.is_err() || text.len() as u64 > MAX_PREVIOUS_BYTES {
        text.clear();
    }
    text
}

/// An event of an earlier export, as much as a cancellation needs.
struct PreviousEvent {
    uid: String,
    date: NaiveDate,
    /// The SUMMARY as written (already escaped).
    summary: String,
    sequence: u32,
    cancelled: bool,
}

/// The all-day Peakline session events of an earlier export, in file order. Lenient: an
/// event without a Peakline UID or a date is skipped; copied values are checked (the UID's
/// characters, the date) or stripped of control characters (the summary), so nothing from the
/// old file can break the new one.
fn previous_events(text: &str) -> Vec<PreviousEvent> {
    /// An event being read: its UID and date may not have come yet.
    #[derive(Default)]
    struct Partial {
        uid: Option<String>,
        date: Option<NaiveDate>,
        summary: String,
        sequence: u32,
        cancelled: bool,
    }
    let mut events = Vec::new();
    let mut current: Option<Partial> = None;
    for content in unfolded_lines(text) {
        if content == "BEGIN:VEVENT" {
            current = Some(Partial::default());
            continue;
        }
        let Some(event) = current.as_mut() else {
            continue;
        };
        if content == "END:VEVENT" {
            if let Some(Partial {
                uid: Some(uid),
                date: Some(date),
                summary,
                sequence,
                cancelled,
            }) = current.take()
            {
                events.push(PreviousEvent {
                    uid,
                    date,
                    summary,
                    sequence,
                    cancelled,
                });
            }
            continue;
        }
        let Some((name, value)) = content.split_once(':') else {
            continue;
        };
        match name {
            "UID" if is_peakline_uid(value) => event.uid = Some(value.to_owned()),
            "DTSTART;VALUE=DATE" => event.date = NaiveDate::parse_from_str(value, "%Y%m%d").ok(),
            "SUMMARY" => {
                event.summary = value
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(500)
                    .collect();
            }
            "SEQUENCE" => event.sequence = value.parse().unwrap_or(0),
            "STATUS" => event.cancelled = value == "CANCELLED",
            _ => {}
        }
    }
    events
}

/// `session-<digits>-<id>@peakline` with the characters a plan id may have.
fn is_peakline_uid(uid: &str) -> bool {
    let Some(rest) = uid
        .strip_prefix("session-")
        .and_then(|r| r.strip_suffix("@peakline"))
    else {
        return false;
    };
    uid.len() <= 200
        && rest.split_once('-').is_some_and(|(n, id)| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Content lines with folding undone (RFC 5545 §3.1): a line starting with a space or tab
/// continues the previous one. CRLF or bare LF line ends.
fn unfolded_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(raw.to_owned()),
        }
    }
    lines
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
