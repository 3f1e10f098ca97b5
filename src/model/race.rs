//! Races on the calendar and their priorities.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A race the season is planned around.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Race {
    pub name: String,
    pub date: NaiveDate,
    pub distance_km: f64,
    pub priority: Priority,
    pub goal_time_s: Option<f64>,
    pub notes: String,
}

impl Default for Race {
    fn default() -> Self {
        Self {
            name: String::new(),
            date: NaiveDate::MIN,
            distance_km: 10.0,
            priority: Priority::C,
            goal_time_s: None,
            notes: String::new(),
        }
    }
}

impl Race {
    /// The standard distance class the engine plans for.
    pub fn class(&self) -> RaceDistance {
        RaceDistance::from_km(self.distance_km)
    }
}

/// A is peaked for, B gets a mini-taper, C is trained through (SCIENCE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    A,
    B,
    C,
}

impl Priority {
    pub fn letter(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
            Self::C => "C",
        }
    }

    /// How the plan treats a race of this priority, in the coach's words.
    pub fn treatment(self) -> &'static str {
        match self {
            Self::A => "peaked for",
            Self::B => "mini-taper",
            Self::C => "trained through",
        }
    }
}

/// Distance classes whose training differs; any distance maps to the nearest class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RaceDistance {
    FiveK,
    TenK,
    Half,
    Marathon,
}

impl RaceDistance {
    /// Class of an arbitrary distance: up to 7.5 km is 5K-like, up to 15 km 10K-like, up to
    /// 30 km half-like, beyond that marathon-like.
    pub fn from_km(km: f64) -> Self {
        if km <= 7.5 {
            Self::FiveK
        } else if km <= 15.0 {
            Self::TenK
        } else if km <= 30.0 {
            Self::Half
        } else {
            Self::Marathon
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FiveK => "5K",
            Self::TenK => "10K",
            Self::Half => "half marathon",
            Self::Marathon => "marathon",
        }
    }
}
