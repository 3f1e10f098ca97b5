//! Putting imported activities into a plan: the pure step after reading the files.
//!
//! - Runs become actuals with sport Run; every other sport is kept as it is and marked as
//!   cross-training (`kind: CrossTraining`, or `Strength` for strength work, which the plan
//!   has its own session type for).
//! - An activity that starts within a minute of an actual already in the plan (or of one
//!   added earlier in the same import, e.g. the FIT and the GPX of one run) is a duplicate and
//!   is skipped.
//! - An activity on a day where the athlete logged a planned session by hand (an actual
//!   linked to the session, without a start time, not skipped) whose type it fits is that
//!   session: the watch's measurements are *merged* into the athlete's log instead of adding
//!   a second actual, which would count the session's load twice. See [`merge_into_log`] for
//!   which fields come from where.
//! - A new actual is matched to a planned session of its day in the adopted plan when the type
//!   fits — a run to a running session, anything else to `CrossTraining` or `Strength` — and that
//!   session is not matched already. A strength activity prefers a Strength session.
//! - New ids continue from the highest `ActualId` in the plan.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDateTime;

use super::{Activity, FileActivities, ImportError, printable};
use crate::model::{Actual, ActualId, Completion, Plan, Session, SessionId, SessionType, Sport};

/// Two starts closer than this are the same activity.
const DUPLICATE_WINDOW_S: i64 = 60;

/// What importing one file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This many of the file's activities were taken into the plan: as new actuals, or
    /// merged into the athlete's own log of the session ([`FileReport::merged`]). Some of the
    /// file's activities may have been duplicates; see [`FileReport::duplicates`].
    Imported(usize),
    /// Every activity in the file was in the plan already.
    Duplicate,
    /// A valid file without an activity (a route, a settings file): what it is.
    NotActivity(String),
    /// The file could not be read: what is wrong, without the file's name (the report names
    /// the file already), e.g. "line 3, column 5: …".
    Error(String),
    /// The import was cancelled before this file was read: nothing of it is in the plan.
    Cancelled,
}

/// One line of the import report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// The file as the caller named it, made printable.
    pub file: String,
    pub outcome: Outcome,
    /// Activities of this file skipped as already present.
    pub duplicates: usize,
    /// New actuals of this file matched to a planned session.
    pub matched: usize,
    /// Activities of this file merged with the athlete's log of the same session.
    pub merged: usize,
    /// How the reader interpreted what the file leaves open (Garmin's distance unit).
    pub assumptions: Vec<String>,
    /// Rows of a CSV export left out, "line 8: …" (the first few; see `skipped_rows`).
    pub row_warnings: Vec<String>,
    /// Rows of a CSV export left out, all of them.
    pub skipped_rows: usize,
}

impl Default for Outcome {
    fn default() -> Self {
        Self::Imported(0)
    }
}

/// What an import did, file by file, and the actuals it added or completed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    /// Ids of the actuals added, in the order added.
    pub added: Vec<ActualId>,
    /// Ids of the athlete's logs the watch data was merged into, in order.
    pub merged: Vec<ActualId>,
}

impl ImportReport {
    /// Adds a line for each file the import did not get to because it was cancelled.
    pub fn add_not_read(&mut self, files: impl IntoIterator<Item = String>) {
        self.files.extend(files.into_iter().map(|file| FileReport {
            file: printable(&file),
            outcome: Outcome::Cancelled,
            ..FileReport::default()
        }));
    }

    /// The files not read because the import was cancelled.
    pub fn not_read(&self) -> impl Iterator<Item = &FileReport> {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Cancelled))
    }

    /// The files that could not be read (not those that were valid but held no activity).
    pub fn failed(&self) -> impl Iterator<Item = &FileReport> {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Error(_)))
    }

    /// Activities taken into the plan: actuals added plus logs completed by a merge. Zero
    /// means the plan did not change.
    pub fn imported(&self) -> usize {
        self.added.len() + self.merged.len()
    }
}

/// Adds the activities read from `files` to `plan.actuals` and reports, file by file, what
/// happened. Pure: no I/O, no clock; the same input gives the same plan and report.
pub fn apply_import(
    plan: &mut Plan,
    files: Vec<(String, Result<FileActivities, ImportError>)>,
) -> ImportReport {
    let mut next_id = plan
        .actuals
        .iter()
        .map(|a| a.id.0)
        .max()
        .map_or(1, |m| m + 1);
    let mut starts: Vec<NaiveDateTime> = plan.actuals.iter().filter_map(|a| a.start).collect();
    let mut taken: BTreeSet<SessionId> = plan.actuals.iter().filter_map(|a| a.session).collect();
    let mut report = ImportReport::default();

    for (file, result) in files {
        let file = printable(&file);
        let read = match result {
            Ok(read) => read,
            Err(e) => {
                let outcome = match &e {
                    ImportError::NotActivity { what, .. } => Outcome::NotActivity(what.clone()),
                    other => Outcome::Error(other.detail()),
                };
                report.files.push(FileReport {
                    file,
                    outcome,
                    ..FileReport::default()
                });
                continue;
            }
        };
        let FileActivities {
            mut activities,
            assumptions,
            row_warnings,
            skipped_rows,
        } = read;
        activities.sort_by_key(|a| a.start);
        let short_name = Path::new(&file)
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
        let (mut added, mut duplicates, mut matched, mut merged) = (0, 0, 0, 0);
        for activity in activities {
            let is_duplicate = starts
                .iter()
                .any(|s| (*s - activity.start).num_seconds().abs() < DUPLICATE_WINDOW_S);
            if is_duplicate {
                duplicates += 1;
                continue;
            }
            if let Some(log) = athletes_log(plan, &activity) {
                starts.push(activity.start);
                merge_into_log(log, &activity, &short_name);
                report.merged.push(log.id);
                merged += 1;
                continue;
            }
            let session = matching_session(plan, &activity, &taken);
            if let Some(id) = session {
                taken.insert(id);
                matched += 1;
            }
            let id = ActualId(next_id);
            next_id += 1;
            starts.push(activity.start);
            plan.actuals
                .push(actual_from(activity, id, session, &short_name));
            report.added.push(id);
            added += 1;
        }
        let outcome = if added + merged == 0 && duplicates > 0 {
            Outcome::Duplicate
        } else {
            Outcome::Imported(added + merged)
        };
        report.files.push(FileReport {
            file,
            outcome,
            duplicates,
            matched,
            merged,
            assumptions,
            row_warnings,
            skipped_rows,
        });
    }
    report
}

/// The athlete's hand-written log that `activity` is the recording of: an actual of the
/// activity's day, linked to a planned session whose type the activity fits, without a start
/// time (so not from a file) and not marked skipped. The first such log in the plan's order.
fn athletes_log<'p>(plan: &'p mut Plan, activity: &Activity) -> Option<&'p mut Actual> {
    let day = activity.start.date();
    let week = plan.week_containing(day)?;
    let fitting: BTreeSet<SessionId> = week
        .sessions
        .iter()
        .filter(|s| fits(activity.sport, s))
        .map(|s| s.id)
        .collect();
    plan.actuals.iter_mut().find(|a| {
        a.date == day
            && a.start.is_none()
            && a.completion != Completion::Skipped
            && a.session.is_some_and(|id| fitting.contains(&id))
    })
}

/// Completes the athlete's log with what the watch measured. From the file: the start time,
/// moving time, distance, heart rate, sport, source and file name (measured beats typed). The
/// athlete's: session RPE, notes, completion, session link and `logged_at`, and the duration
/// when they gave one — session-RPE load is their RPE × *their* minutes (Foster 2001), and
/// the watch's elapsed time includes pauses; the file's duration fills an empty one.
fn merge_into_log(log: &mut Actual, a: &Activity, file: &str) {
    log.start = Some(a.start);
    log.sport = a.sport;
    if log.duration_s <= 0.0 {
        log.duration_s = a.duration_s;
    }
    log.moving_s = a.moving_s.or(log.moving_s);
    log.distance_m = a.distance_m.or(log.distance_m);
    log.avg_hr = a.avg_hr.or(log.avg_hr);
    log.max_hr = a.max_hr.or(log.max_hr);
    log.source = a.source;
    log.file = Some(file.to_owned());
}

/// The session type an actual of this sport counts as; `None` for runs (the file does not say
/// whether a run was easy or hard).
fn kind_for(sport: Sport) -> Option<SessionType> {
    match sport {
        Sport::Run => None,
        Sport::Strength => Some(SessionType::Strength),
        Sport::Ride | Sport::Swim | Sport::Walk | Sport::Other => Some(SessionType::CrossTraining),
    }
}

fn fits(sport: Sport, session: &Session) -> bool {
    match sport {
        Sport::Run => session.kind.is_run(),
        _ => matches!(
            session.kind,
            SessionType::CrossTraining | SessionType::Strength
        ),
    }
}

fn matching_session(
    plan: &Plan,
    activity: &Activity,
    taken: &BTreeSet<SessionId>,
) -> Option<SessionId> {
    let day = activity.start.date();
    let week = plan.week_containing(day)?;
    let free = || {
        week.sessions
            .iter()
            .filter(|s| s.date == day && !taken.contains(&s.id) && fits(activity.sport, s))
    };
    let preferred = kind_for(activity.sport).filter(|k| *k == SessionType::Strength);
    preferred
        .and_then(|k| free().find(|s| s.kind == k))
        .or_else(|| free().next())
        .map(|s| s.id)
}

fn actual_from(a: Activity, id: ActualId, session: Option<SessionId>, file: &str) -> Actual {
    Actual {
        id,
        date: a.start.date(),
        start: Some(a.start),
        sport: a.sport,
        session,
        kind: kind_for(a.sport),
        completion: Completion::Done,
        duration_s: a.duration_s,
        moving_s: a.moving_s,
        distance_m: a.distance_m,
        avg_hr: a.avg_hr,
        max_hr: a.max_hr,
        rpe: None,
        source: a.source,
        file: Some(file.to_owned()),
        notes: a.title.unwrap_or_default(),
        logged_at: None,
    }
}
