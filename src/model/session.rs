//! A planned session: one thing to do on one day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Stable identity of a planned session: edits, actuals and calendar exports refer to it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SessionId(pub u64);

/// A planned session (SPEC §1): what, when, how long, how hard, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub id: SessionId,
    pub date: NaiveDate,
    pub kind: SessionType,
    pub duration_min: f64,
    pub distance_km: Option<f64>,
    /// Target session RPE on the CR-10 scale; planned load = rpe × minutes (Foster 2001).
    pub rpe: f64,
    pub pace: Option<PaceRange>,
    /// Heart-rate zone 1–5, when the coach prescribes by HR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hr_zone: Option<u8>,
    /// What to do, for the athlete ("6 × 1 km at 10K pace, 2 min jog").
    pub description: String,
    /// Why the engine (or the coach) put it here.
    pub rationale: String,
    /// The coach's notes for the athlete.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub coach_notes: String,
    /// The coach changed this session by hand; re-planning leaves it alone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            id: SessionId(0),
            date: NaiveDate::MIN,
            kind: SessionType::Easy,
            duration_min: 0.0,
            distance_km: None,
            rpe: 3.0,
            pace: None,
            hr_zone: None,
            description: String::new(),
            rationale: String::new(),
            coach_notes: String::new(),
            edited: false,
        }
    }
}

impl Session {
    /// Planned load in arbitrary units: target RPE × minutes (Foster et al., 2001).
    pub fn load_au(&self) -> f64 {
        self.rpe * self.duration_min
    }

    pub fn is_hard(&self) -> bool {
        self.kind.is_hard()
    }
}

/// A pace window in seconds per kilometre (fast end first).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaceRange {
    pub fast_s_per_km: f64,
    pub slow_s_per_km: f64,
}

/// Session types of SPEC §1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SessionType {
    Rest,
    Easy,
    Recovery,
    Long,
    Threshold,
    Intervals,
    RacePace,
    Hills,
    Strides,
    CrossTraining,
    Strength,
    Race,
}

impl SessionType {
    pub const ALL: [SessionType; 12] = [
        Self::Rest,
        Self::Easy,
        Self::Recovery,
        Self::Long,
        Self::Threshold,
        Self::Intervals,
        Self::RacePace,
        Self::Hills,
        Self::Strides,
        Self::CrossTraining,
        Self::Strength,
        Self::Race,
    ];

    /// Quality sessions: the ones that must not be stacked (Seiler's ~20 % hard).
    pub fn is_hard(self) -> bool {
        matches!(
            self,
            Self::Threshold | Self::Intervals | Self::RacePace | Self::Hills | Self::Race
        )
    }

    /// Whether the session is running (counts towards weekly distance).
    pub fn is_run(self) -> bool {
        !matches!(self, Self::Rest | Self::CrossTraining | Self::Strength)
    }

    /// Target session RPE on the CR-10 scale (SCIENCE.md, "Target session RPE").
    pub fn default_rpe(self) -> f64 {
        match self {
            Self::Rest => 0.0,
            Self::Recovery => 2.0,
            Self::Easy | Self::Strides => 3.0,
            Self::CrossTraining | Self::Strength => 3.0,
            Self::Long => 4.5,
            Self::RacePace => 6.0,
            Self::Threshold => 7.0,
            Self::Hills => 7.0,
            Self::Intervals => 8.0,
            Self::Race => 9.0,
        }
    }

    /// Stable machine name, used in JSON, CSV and calendar output.
    pub fn code(self) -> &'static str {
        match self {
            Self::Rest => "rest",
            Self::Easy => "easy",
            Self::Recovery => "recovery",
            Self::Long => "long",
            Self::Threshold => "threshold",
            Self::Intervals => "intervals",
            Self::RacePace => "race_pace",
            Self::Hills => "hills",
            Self::Strides => "strides",
            Self::CrossTraining => "cross_training",
            Self::Strength => "strength",
            Self::Race => "race",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Rest => "Rest",
            Self::Easy => "Easy",
            Self::Recovery => "Recovery",
            Self::Long => "Long run",
            Self::Threshold => "Threshold",
            Self::Intervals => "Intervals",
            Self::RacePace => "Race pace",
            Self::Hills => "Hills",
            Self::Strides => "Easy + strides",
            Self::CrossTraining => "Cross-training",
            Self::Strength => "Strength",
            Self::Race => "Race",
        }
    }
}
