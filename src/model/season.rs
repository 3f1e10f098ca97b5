//! The season map: dates and phases.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The season's frame and the adopted plan's phases (SPEC §1, "season").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Season {
    pub start: NaiveDate,
    /// Last day of the season (inclusive).
    pub end: NaiveDate,
    pub week_start: WeekStart,
    /// Phases of the adopted plan as date ranges; empty until a variant is adopted.
    pub phases: Vec<Phase>,
    /// Phase starts the coach fixed by dragging a boundary; the engine plans around them.
    pub pinned_phase_starts: Vec<(PhaseKind, NaiveDate)>,
}

impl Default for Season {
    fn default() -> Self {
        Self {
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
            week_start: WeekStart::Monday,
            phases: Vec::new(),
            pinned_phase_starts: Vec::new(),
        }
    }
}

/// Whether weeks start on Monday or Sunday.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    /// "Monday" / "Sunday".
    pub fn label(self) -> &'static str {
        match self {
            Self::Monday => "Monday",
            Self::Sunday => "Sunday",
        }
    }

    pub fn weekday(self) -> Weekday {
        match self {
            Self::Monday => Weekday::Mon,
            Self::Sunday => Weekday::Sun,
        }
    }

    /// The first day of the week that contains `date`.
    pub fn week_of(self, date: NaiveDate) -> NaiveDate {
        let offset = match self {
            Self::Monday => date.weekday().num_days_from_monday(),
            Self::Sunday => date.weekday().num_days_from_sunday(),
        };
        date.checked_sub_days(Days::new(u64::from(offset)))
            .unwrap_or(date)
    }
}

/// One block of the season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub kind: PhaseKind,
    pub start: NaiveDate,
    /// Last day of the phase (inclusive).
    pub end: NaiveDate,
    /// Why the phase has this length ("compressed: 9 weeks available").
    #[serde(default)]
    pub rationale: String,
}

impl Phase {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// The periodization phases (source article; SCIENCE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PhaseKind {
    Base,
    Build,
    Specific,
    Taper,
    Race,
    Recovery,
}

impl PhaseKind {
    pub const ALL: [PhaseKind; 6] = [
        Self::Base,
        Self::Build,
        Self::Specific,
        Self::Taper,
        Self::Race,
        Self::Recovery,
    ];

    /// Stable machine name, used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Self::Base => "base",
            Self::Build => "build",
            Self::Specific => "specific",
            Self::Taper => "taper",
            Self::Race => "race",
            Self::Recovery => "recovery",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Base => "Base",
            Self::Build => "Build",
            Self::Specific => "Race-specific",
            Self::Taper => "Taper",
            Self::Race => "Race",
            Self::Recovery => "Recovery",
        }
    }
}
