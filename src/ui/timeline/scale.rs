//! Date ↔ pixel mapping and hit testing for the season timeline: pure functions, so they are
//! tested without a window.

use chrono::{Days, NaiveDate};

use crate::model::{Phase, PhaseKind, Race, Week};

/// Maps dates to x positions: `left` is the x of `start`'s left edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineScale {
    pub start: NaiveDate,
    pub left: f32,
    pub px_per_day: f32,
}

impl TimelineScale {
    /// The x of the left edge of `date`.
    pub fn x_from_date(&self, date: NaiveDate) -> f32 {
        self.left + (date - self.start).num_days() as f32 * self.px_per_day
    }

    /// The day under `x` (days left of `start` are before it).
    pub fn date_from_x(&self, x: f32) -> NaiveDate {
        let days = ((x - self.left) / self.px_per_day.max(0.01)).floor() as i64;
        offset(self.start, days)
    }

    /// The day whose left edge is nearest `x`: where a dragged boundary snaps to.
    pub fn nearest_day_edge(&self, x: f32) -> NaiveDate {
        let days = ((x - self.left) / self.px_per_day.max(0.01)).round() as i64;
        offset(self.start, days)
    }

    pub fn px_per_week(&self) -> f32 {
        self.px_per_day * 7.0
    }
}

fn offset(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    }
}

/// How far left and right of a race marker's centre its flag reaches, in points: the flag is
/// drawn this wide and grabbed within it.
pub const RACE_FLAG_HALF_WIDTH: f32 = 9.0;

/// How close to a phase boundary, in points, the pointer grabs it.
pub const BOUNDARY_GRAB: f32 = 5.0;

/// The timeline's rows from the top: phase bands, race markers, then the load bars (and the
/// month axis under them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineRows {
    pub top: f32,
    pub phase_h: f32,
    pub race_h: f32,
    pub bars_h: f32,
}

impl TimelineRows {
    /// Top of the race-marker row.
    pub fn races_top(&self) -> f32 {
        self.top + self.phase_h
    }

    /// Top of the load bars.
    pub fn bars_top(&self) -> f32 {
        self.races_top() + self.race_h
    }

    /// Bottom of the load bars (the axis line).
    pub fn bars_bottom(&self) -> f32 {
        self.bars_top() + self.bars_h
    }
}

/// What the pointer is on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    /// A draggable phase boundary: the phase starting there, and its start.
    Boundary(PhaseKind, NaiveDate),
    /// A race marker, by index into the races.
    Race(usize),
    /// A week column, by index into the weeks.
    Week(usize),
}

/// What is under `(x, y)`: a boundary handle in the phase row, a race flag in the race row,
/// otherwise the week column (the bars and the rows above them). Drawing uses the same scale
/// and rows, so what is hit is what is drawn there.
pub fn hit_test(
    scale: &TimelineScale,
    rows: &TimelineRows,
    phases: &[Phase],
    races: &[Race],
    weeks: &[Week],
    x: f32,
    y: f32,
) -> Option<Hit> {
    if y < rows.top || y > rows.bars_bottom() {
        return None;
    }
    if y < rows.races_top()
        && let Some((kind, start)) = hit_boundary(scale, phases, x, BOUNDARY_GRAB)
    {
        return Some(Hit::Boundary(kind, start));
    }
    if (rows.races_top()..rows.bars_top()).contains(&y)
        && let Some(index) = hit_race(scale, races, x, RACE_FLAG_HALF_WIDTH)
    {
        return Some(Hit::Race(index));
    }
    hit_week(scale, weeks, x).map(Hit::Week)
}

/// The week under `x`.
pub fn hit_week(scale: &TimelineScale, weeks: &[Week], x: f32) -> Option<usize> {
    let date = scale.date_from_x(x);
    weeks.iter().position(|w| w.contains(date))
}

/// Phases whose start the coach may drag (the boundary to the phase before).
pub fn is_draggable(kind: PhaseKind) -> bool {
    matches!(
        kind,
        PhaseKind::Build | PhaseKind::Specific | PhaseKind::Taper
    )
}

/// The draggable phase boundary within `tolerance_px` of `x`: the phase that starts there.
pub fn hit_boundary(
    scale: &TimelineScale,
    phases: &[Phase],
    x: f32,
    tolerance_px: f32,
) -> Option<(PhaseKind, NaiveDate)> {
    phases
        .iter()
        .filter(|p| is_draggable(p.kind))
        .map(|p| (p, (scale.x_from_date(p.start) - x).abs()))
        .filter(|(_, d)| *d <= tolerance_px)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| (p.kind, p.start))
}

/// The race whose marker is within `tolerance_px` of `x` (marker at the race day's centre).
pub fn hit_race(scale: &TimelineScale, races: &[Race], x: f32, tolerance_px: f32) -> Option<usize> {
    races
        .iter()
        .enumerate()
        .map(|(i, r)| (i, (race_x(scale, r.date) - x).abs()))
        .filter(|(_, d)| *d <= tolerance_px)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The x of a race marker: the middle of its day.
pub fn race_x(scale: &TimelineScale, date: NaiveDate) -> f32 {
    scale.x_from_date(date) + scale.px_per_day / 2.0
}

/// A race date moved by a drag of `dx` pixels, in whole weeks so the race keeps its weekday.
pub fn dragged_race_date(scale: &TimelineScale, original: NaiveDate, dx: f32) -> NaiveDate {
    let weeks = (dx / scale.px_per_week().max(0.01)).round() as i64;
    offset(original, weeks * 7)
}
