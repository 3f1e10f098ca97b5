//! User preferences: display units, week start, theme. Stored in eframe's storage, never in
//! plan files (those belong to the athlete, preferences to the person at the keyboard).

use serde::{Deserialize, Serialize};

use crate::model::WeekStart;

/// Display preferences, persisted between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub units: Units,
    pub week_start: WeekStart,
    pub theme: Theme,
    /// Most recent first.
    pub recent_files: Vec<std::path::PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            units: Units::Metric,
            week_start: WeekStart::Monday,
            theme: Theme::Light,
            recent_files: Vec::new(),
        }
    }
}

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 8;

impl Prefs {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(MAX_RECENT);
    }
}

/// Kilometres and min/km, or miles and min/mi.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Units {
    #[default]
    Metric,
    Imperial,
}

/// Metres in a mile.
pub const METRES_PER_MILE: f64 = 1609.344;

impl Units {
    pub fn distance_label(self) -> &'static str {
        match self {
            Self::Metric => "km",
            Self::Imperial => "mi",
        }
    }

    /// A distance in km shown in these units.
    pub fn distance_from_km(self, km: f64) -> f64 {
        match self {
            Self::Metric => km,
            Self::Imperial => km * 1000.0 / METRES_PER_MILE,
        }
    }

    /// A distance typed in these units, as km.
    pub fn km_from_distance(self, value: f64) -> f64 {
        match self {
            Self::Metric => value,
            Self::Imperial => value * METRES_PER_MILE / 1000.0,
        }
    }

    /// "12.4 km" / "7.7 mi".
    pub fn format_distance(self, km: f64) -> String {
        format!("{:.1} {}", self.distance_from_km(km), self.distance_label())
    }

    /// "min/km" / "min/mi": what a pace is typed in.
    pub fn pace_label(self) -> &'static str {
        match self {
            Self::Metric => "min/km",
            Self::Imperial => "min/mi",
        }
    }

    /// A pace in seconds per km, in seconds per this unit's distance.
    pub fn pace_from_s_per_km(self, s_per_km: f64) -> f64 {
        match self {
            Self::Metric => s_per_km,
            Self::Imperial => s_per_km * METRES_PER_MILE / 1000.0,
        }
    }

    /// A pace typed in seconds per this unit's distance, in seconds per km.
    pub fn s_per_km_from_pace(self, s_per_unit: f64) -> f64 {
        match self {
            Self::Metric => s_per_unit,
            Self::Imperial => s_per_unit * 1000.0 / METRES_PER_MILE,
        }
    }

    /// "4:15" (per km or per mile, no unit): a pace as it is typed.
    pub fn format_pace_value(self, s_per_km: f64) -> String {
        let s = self.pace_from_s_per_km(s_per_km);
        if !s.is_finite() || s <= 0.0 {
            return "–".to_owned();
        }
        let total = s.round() as i64;
        format!("{}:{:02}", total / 60, total % 60)
    }

    /// "4:15 /km" / "6:50 /mi" from seconds per km.
    pub fn format_pace(self, s_per_km: f64) -> String {
        let value = self.format_pace_value(s_per_km);
        if value == "–" {
            return value;
        }
        format!("{value} /{}", self.distance_label())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}
