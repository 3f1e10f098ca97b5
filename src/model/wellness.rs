//! Daily check-ins: the athlete's own signals (source article: "readiness score, pain scale").

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One day's check-in. Every score is optional: athletes skip questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Wellness {
    pub date: NaiveDate,
    /// 1 (not ready) – 10 (fully ready).
    pub readiness: Option<u8>,
    /// 0 (none) – 10 (worst).
    pub pain: Option<u8>,
    pub pain_location: String,
    pub sleep_hours: Option<f64>,
    /// 1 (poor) – 5 (excellent).
    pub sleep_quality: Option<u8>,
    /// 0 (none) – 10 (very sore).
    pub soreness: Option<u8>,
    /// 1 (low) – 10 (great).
    pub mood: Option<u8>,
    /// 1 (low) – 10 (great).
    pub motivation: Option<u8>,
    pub notes: String,
    pub logged_at: Option<DateTime<Utc>>,
}

impl Default for Wellness {
    fn default() -> Self {
        Self {
            date: NaiveDate::MIN,
            readiness: None,
            pain: None,
            pain_location: String::new(),
            sleep_hours: None,
            sleep_quality: None,
            soreness: None,
            mood: None,
            motivation: None,
            notes: String::new(),
            logged_at: None,
        }
    }
}
