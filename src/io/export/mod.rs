//! Exporting the plan for other programs: an iCalendar file of the adopted plan's sessions
//! for the athlete's calendar, and CSV tables of the planned sessions and of the actuals.
//!
//! Every function here is pure: it returns the text, and the caller writes it (with the
//! atomic writer) wherever the user chose. Nothing reads the clock: the calendar's time stamp
//! is passed in. The one exception, [`read_previous_export`], reads the calendar an export is
//! about to replace, so that sessions gone since can be cancelled in it.

mod csv;
mod ics;

pub use csv::{actuals_csv, sessions_csv};
pub use ics::{IcsOptions, plan_to_ics, plan_to_ics_replacing, read_previous_export, session_uid};

use crate::io::import::DistanceUnit;
use crate::model::{PaceRange, Session};

/// "Threshold 50 min", "Long run 90 min · 16 km", "Race 10 km".
pub fn session_title(s: &Session, unit: DistanceUnit) -> String {
    let mut title = s.kind.label().to_owned();
    if s.duration_min > 0.0 {
        title.push_str(&format!(" {} min", round_to(s.duration_min, 0)));
    }
    if let Some(km) = s.distance_km.filter(|d| *d > 0.0) {
        let value = km * 1000.0 / unit.metres();
        let sep = if s.duration_min > 0.0 { " · " } else { " " };
        title.push_str(&format!("{sep}{} {}", round_to(value, 1), unit.code()));
    }
    title
}

/// "4:10–4:20 /km" (fast end first), in the unit asked for.
pub fn pace_text(p: &PaceRange, unit: DistanceUnit) -> String {
    let scale = unit.metres() / 1000.0;
    format!(
        "{}–{} /{}",
        min_sec(p.fast_s_per_km * scale),
        min_sec(p.slow_s_per_km * scale),
        unit.code()
    )
}

/// Seconds as `m:ss`.
fn min_sec(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "?".to_owned();
    }
    let total = seconds.round() as u64;
    format!("{}:{:02}", total / 60, total % 60)
}

/// A number with at most `decimals` decimals and no trailing zeros ("50", "10.5").
fn round_to(x: f64, decimals: i32) -> String {
    let factor = 10f64.powi(decimals);
    let r = (x * factor).round() / factor;
    if r == 0.0 {
        "0".to_owned()
    } else {
        format!("{r}")
    }
}
