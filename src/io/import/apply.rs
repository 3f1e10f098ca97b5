//! Putting imported activities into a plan: the pure step after reading the files.
//!
//! - Runs become actuals with sport Run; every other sport is kept as it is and marked as
//!   cross-training (`kind: CrossTraining`, or `Strength` for strength work, which the plan
//!   has its own session type for).
//! - An activity that starts within a minute of an actual already in the plan (or of one
//!   added earlier in the same import, e.g. the FIT and the GPX of one run) is a duplicate and
//!   is skipped.
//! - A new actual is matched to a planned session of its day in the adopted plan when the type
//!   fits — a run to a running session, anything else to `CrossTraining` or `Strength` — and that
//!   session is not matched already. A strength activity prefers a Strength session.
//! - New ids continue from the highest `ActualId` in the plan.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDateTime;

use super::{Activity, ImportError};
use crate::model::{Actual, ActualId, Completion, Plan, Session, SessionId, SessionType, Sport};

/// Two starts closer than this are the same activity.
const DUPLICATE_WINDOW_S: i64 = 60;

/// What importing one file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This many new actuals were added (some of the file's activities may have been
    /// duplicates; see [`FileReport::duplicates`]).
    Imported(usize),
    /// Every activity in the file was in the plan already.
    Duplicate,
    /// A valid file without an activity (a route, a settings file): what it is.
    NotActivity(String),
    /// The file could not be read: the message to show.
    Error(String),
}

/// One line of the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    pub file: String,
    pub outcome: Outcome,
    /// Activities of this file skipped as already present.
    pub duplicates: usize,
    /// New actuals of this file matched to a planned session.
    pub matched: usize,
}

/// What an import did, file by file, and the actuals it added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    /// Ids of the actuals added, in the order added.
    pub added: Vec<ActualId>,
}

impl ImportReport {
    /// The files that could not be read (not those that were valid but held no activity).
    pub fn failed(&self) -> impl Iterator<Item = &FileReport> {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Error(_)))
    }

    /// Number of actuals added.
    pub fn imported(&self) -> usize {
        self.added.len()
    }
}

/// Adds the activities read from `files` to `plan.actuals` and reports, file by file, what
/// happened. Pure: no I/O, no clock; the same input gives the same plan and report.
pub fn apply_import(
    plan: &mut Plan,
    files: Vec<(String, Result<Vec<Activity>, ImportError>)>,
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
        let mut activities = match result {
            Ok(activities) => activities,
            Err(e) => {
                let outcome = match &e {
                    ImportError::NotActivity { what, .. } => Outcome::NotActivity(what.clone()),
                    other => Outcome::Error(other.to_string()),
                };
                report.files.push(FileReport {
                    file,
                    outcome,
                    duplicates: 0,
                    matched: 0,
                });
                continue;
            }
        };
        activities.sort_by_key(|a| a.start);
        let short_name = Path::new(&file)
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
        let (mut added, mut duplicates, mut matched) = (0, 0, 0);
        for activity in activities {
            let is_duplicate = starts
                .iter()
                .any(|s| (*s - activity.start).num_seconds().abs() < DUPLICATE_WINDOW_S);
            if is_duplicate {
                duplicates += 1;
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
        let outcome = if added == 0 && duplicates > 0 {
            Outcome::Duplicate
        } else {
            Outcome::Imported(added)
        };
        report.files.push(FileReport {
            file,
            outcome,
            duplicates,
            matched,
        });
    }
    report
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
