//! The athlete profile: everything the engine needs to shape a season for one runner.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::SessionType;

/// Who the plan is for. Field names carry their units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Athlete {
    pub name: String,
    pub age: Option<u32>,
    pub sex: Option<Sex>,
    pub runner_type: RunnerType,
    /// Years of structured training; under one year the engine plans as for a beginner.
    pub training_age_years: f64,
    /// What the athlete runs in a normal week now: the starting point of every ramp.
    pub weekly_volume_km: f64,
    pub longest_recent_run_km: f64,
    pub recent_results: Vec<RaceResult>,
    pub injury_history: Vec<Injury>,
    /// Days the athlete prefers for key sessions (hard days and the long run).
    pub preferred_days: Vec<Weekday>,
    /// Days on which nothing may be scheduled.
    pub unavailable_days: Vec<Weekday>,
    pub long_run_day: Weekday,
    pub equipment: Equipment,
    pub preferences: Preferences,
    pub sleep_consistency: SleepConsistency,
    pub baseline: Baseline,
    pub notes: String,
}

impl Default for Athlete {
    fn default() -> Self {
        Self {
            name: String::new(),
            age: None,
            sex: None,
            runner_type: RunnerType::Marathoner,
            training_age_years: 3.0,
            weekly_volume_km: 40.0,
            longest_recent_run_km: 16.0,
            recent_results: Vec::new(),
            injury_history: Vec::new(),
            preferred_days: vec![Weekday::Tue, Weekday::Thu],
            unavailable_days: Vec::new(),
            long_run_day: Weekday::Sun,
            equipment: Equipment::default(),
            preferences: Preferences::default(),
            sleep_consistency: SleepConsistency::Fair,
            baseline: Baseline::default(),
            notes: String::new(),
        }
    }
}

impl Athlete {
    /// Under one year of structured training the engine keeps the plan simple (SCIENCE.md).
    pub fn is_beginner(&self) -> bool {
        self.training_age_years < 1.0
    }

    /// Whether sessions may be placed on this weekday.
    pub fn is_available(&self, day: Weekday) -> bool {
        !self.unavailable_days.contains(&day)
    }
}

/// The five runner types of the product (source article, "Sample Season Structures").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RunnerType {
    Marathoner,
    FiveTenK,
    Masters,
    Comeback,
    MultiRace,
}

impl RunnerType {
    pub const ALL: [RunnerType; 5] = [
        Self::Marathoner,
        Self::FiveTenK,
        Self::Masters,
        Self::Comeback,
        Self::MultiRace,
    ];

    /// Stable machine name, used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Self::Marathoner => "marathoner",
            Self::FiveTenK => "5k10k",
            Self::Masters => "masters",
            Self::Comeback => "comeback",
            Self::MultiRace => "multi_race",
        }
    }

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Marathoner => "Marathoner",
            Self::FiveTenK => "5K/10K racer",
            Self::Masters => "Masters runner",
            Self::Comeback => "Comeback runner",
            Self::MultiRace => "Multi-race athlete",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    Female,
    Male,
    Other,
}

/// A past race or time trial: the input to race prediction and training paces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RaceResult {
    pub name: String,
    pub date: NaiveDate,
    pub distance_m: f64,
    pub time_s: f64,
    /// A time trial in training rather than a race.
    pub time_trial: bool,
}

impl Default for RaceResult {
    fn default() -> Self {
        Self {
            name: String::new(),
            date: NaiveDate::MIN,
            distance_m: 5000.0,
            time_s: 1500.0,
            time_trial: false,
        }
    }
}

/// A past injury. Unresolved injuries and recent ones make the engine more careful.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Injury {
    pub description: String,
    pub location: String,
    pub date: Option<NaiveDate>,
    pub weeks_off: u32,
    pub resolved: bool,
}

/// What the athlete can train on; missing equipment changes session choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Equipment {
    pub track: bool,
    pub hills: bool,
    pub treadmill: bool,
    pub gym: bool,
}

impl Default for Equipment {
    fn default() -> Self {
        Self {
            track: true,
            hills: true,
            treadmill: false,
            gym: false,
        }
    }
}

/// The athlete's likes and dislikes: adherence beats theoretical perfection (source article).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub disliked: Vec<SessionType>,
    /// A "weekly win" workout kept every week when the phase allows.
    pub favourite: Option<SessionType>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SleepConsistency {
    Poor,
    #[default]
    Fair,
    Good,
}

/// Subjective baselines on a 1–10 scale, against which check-ins are read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Baseline {
    pub fatigue: u8,
    pub motivation: u8,
    pub confidence: u8,
    pub readiness: u8,
}

impl Default for Baseline {
    fn default() -> Self {
        Self {
            fatigue: 4,
            motivation: 7,
            confidence: 6,
            readiness: 7,
        }
    }
}
