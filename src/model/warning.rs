//! A guardrail or science rule that a plan breaks, as the engine reports it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A rule violation (SPEC §2, "Guardrails ➡ warnings").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable identifier (`ramp_over_cap`), for tests, filters and scripts.
    pub code: String,
    pub severity: Severity,
    /// The day the warning is about, or the first day of its week.
    pub date: Option<NaiveDate>,
    /// The week it belongs to, for badges on the timeline.
    pub week: Option<NaiveDate>,
    pub message: String,
    pub suggestion: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Info,
    Warning,
    Danger,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Danger => "danger",
        }
    }
}
