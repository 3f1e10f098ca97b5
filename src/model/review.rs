//! Reviews: weekly planning meetings, monthly audits and the season retrospective.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A review and the coach's decisions in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    pub kind: ReviewKind,
    pub date: NaiveDate,
    /// The week (weekly review) or first day of the period (audit, retrospective).
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub summary: String,
    pub decisions: Vec<Decision>,
    pub at: Option<DateTime<Utc>>,
}

impl Default for Review {
    fn default() -> Self {
        Self {
            kind: ReviewKind::Weekly,
            date: NaiveDate::MIN,
            period_start: NaiveDate::MIN,
            period_end: NaiveDate::MIN,
            summary: String::new(),
            decisions: Vec::new(),
            at: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewKind {
    Weekly,
    Audit,
    Retrospective,
}

/// A keep / adjust / replace decision about one subject (a session type, a rule).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Decision {
    pub subject: String,
    pub choice: DecisionChoice,
    pub evidence: String,
    pub note: String,
}

impl Default for Decision {
    fn default() -> Self {
        Self {
            subject: String::new(),
            choice: DecisionChoice::Keep,
            evidence: String::new(),
            note: String::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecisionChoice {
    Keep,
    Adjust,
    Replace,
}
