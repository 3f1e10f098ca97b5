//! What the athlete actually did: logged by hand or imported from a watch.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{SessionId, SessionType};

/// Identity of an actual, so merges and edits can refer to it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ActualId(pub u64);

/// A session actually done (SPEC §1, "actuals").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Actual {
    pub id: ActualId,
    pub date: NaiveDate,
    /// Local start time, when the source records one (imports do; manual logs may not).
    pub start: Option<NaiveDateTime>,
    pub sport: Sport,
    /// The planned session this actual fulfils, if matched.
    pub session: Option<SessionId>,
    /// The session type the athlete did, when known.
    pub kind: Option<SessionType>,
    pub completion: Completion,
    pub duration_s: f64,
    pub moving_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    /// Session RPE (CR-10), rated ~30 min after; actual load = RPE × minutes (Foster 2001).
    pub rpe: Option<f64>,
    pub source: Source,
    /// The file it was imported from, for the import report.
    pub file: Option<String>,
    pub notes: String,
    pub logged_at: Option<DateTime<Utc>>,
}

impl Default for Actual {
    fn default() -> Self {
        Self {
            id: ActualId(0),
            date: NaiveDate::MIN,
            start: None,
            sport: Sport::Run,
            session: None,
            kind: None,
            completion: Completion::Done,
            duration_s: 0.0,
            moving_s: None,
            distance_m: None,
            avg_hr: None,
            max_hr: None,
            rpe: None,
            source: Source::Manual,
            file: None,
            notes: String::new(),
            logged_at: None,
        }
    }
}

impl Actual {
    pub fn duration_min(&self) -> f64 {
        self.duration_s / 60.0
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Sport {
    #[default]
    Run,
    Ride,
    Swim,
    Walk,
    Strength,
    Other,
}

impl Sport {
    pub fn code(self) -> &'static str {
        match self {
            Self::Run => "run",
            Self::Ride => "ride",
            Self::Swim => "swim",
            Self::Walk => "walk",
            Self::Strength => "strength",
            Self::Other => "other",
        }
    }
}

/// How much of the planned session was done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Completion {
    #[default]
    Done,
    Partly,
    Skipped,
}

/// Where an actual came from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Source {
    #[default]
    Manual,
    Fit,
    Gpx,
    Tcx,
    Csv,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::Fit => "fit",
            Self::Gpx => "gpx",
            Self::Tcx => "tcx",
            Self::Csv => "csv",
        }
    }
}
