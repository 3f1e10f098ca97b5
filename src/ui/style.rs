//! Colours and small formatting helpers shared by the panels.

use eframe::egui::{Color32, RichText};

use crate::model::{PhaseKind, SessionType, Severity};

/// Phase band colours: calm for base, warmer towards the race.
pub fn phase_color(kind: PhaseKind) -> Color32 {
    match kind {
        PhaseKind::Base => Color32::from_rgb(91, 143, 199),
        PhaseKind::Build => Color32::from_rgb(76, 163, 121),
        PhaseKind::Specific => Color32::from_rgb(230, 153, 60),
        PhaseKind::Taper => Color32::from_rgb(150, 110, 190),
        PhaseKind::Race => Color32::from_rgb(210, 70, 70),
        PhaseKind::Recovery => Color32::from_rgb(140, 150, 160),
    }
}

/// Session card colours by type: easy greens, quality warm, race red.
pub fn session_color(kind: SessionType) -> Color32 {
    match kind {
        SessionType::Rest => Color32::from_rgb(160, 160, 160),
        SessionType::Easy | SessionType::Strides => Color32::from_rgb(92, 170, 110),
        SessionType::Recovery => Color32::from_rgb(130, 190, 150),
        SessionType::Long => Color32::from_rgb(60, 130, 200),
        SessionType::Threshold => Color32::from_rgb(230, 150, 50),
        SessionType::Intervals => Color32::from_rgb(220, 90, 60),
        SessionType::RacePace => Color32::from_rgb(200, 110, 170),
        SessionType::Hills => Color32::from_rgb(170, 120, 70),
        SessionType::CrossTraining => Color32::from_rgb(70, 170, 180),
        SessionType::Strength => Color32::from_rgb(120, 120, 190),
        SessionType::Race => Color32::from_rgb(200, 40, 40),
    }
}

pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Info => Color32::from_rgb(70, 130, 200),
        Severity::Warning => Color32::from_rgb(225, 160, 30),
        Severity::Danger => Color32::from_rgb(215, 60, 50),
    }
}

/// "⚠ warning" style label for a severity.
pub fn severity_label(severity: Severity) -> RichText {
    let (icon, text) = match severity {
        Severity::Info => ("ℹ", "info"),
        Severity::Warning => ("⚠", "warning"),
        Severity::Danger => ("⛔", "danger"),
    };
    RichText::new(format!("{icon} {text}")).color(severity_color(severity))
}

/// Minutes as "1:45 h" or "50 min".
pub fn format_minutes(minutes: f64) -> String {
    let m = minutes.round() as i64;
    if m >= 90 {
        format!("{}:{:02} h", m / 60, m % 60)
    } else {
        format!("{m} min")
    }
}

/// A labelled form field: the label names the widget for screen readers and tests.
pub fn field(
    ui: &mut eframe::egui::Ui,
    label: &str,
    add: impl FnOnce(&mut eframe::egui::Ui) -> eframe::egui::Response,
) -> eframe::egui::Response {
    let l = ui.label(label);
    add(ui).labelled_by(l.id)
}

/// The days of the week in the order day pickers list them (Monday first, as ISO 8601).
pub const WEEKDAYS: [chrono::Weekday; 7] = [
    chrono::Weekday::Mon,
    chrono::Weekday::Tue,
    chrono::Weekday::Wed,
    chrono::Weekday::Thu,
    chrono::Weekday::Fri,
    chrono::Weekday::Sat,
    chrono::Weekday::Sun,
];

/// An icon-only button ("↺", "◀", "🗑"): its tooltip says what it does, also while it is
/// disabled (egui shows `on_hover_text` only on enabled widgets), and is its accessible
/// description.
pub fn icon_button(
    ui: &mut eframe::egui::Ui,
    enabled: bool,
    button: eframe::egui::Button<'_>,
    tooltip: &str,
) -> eframe::egui::Response {
    ui.add_enabled(enabled, button)
        .on_hover_text(tooltip)
        .on_disabled_hover_text(tooltip)
}

/// The ◀ ▶ buttons that step through a plan's weeks; returns the week to show when one is
/// clicked. `keys` names the shortcut in the tooltip when the panel has one.
pub fn week_stepper(
    ui: &mut eframe::egui::Ui,
    weeks: &[crate::model::Week],
    index: usize,
    keys: Option<(&str, &str)>,
) -> Option<chrono::NaiveDate> {
    let (back, forward) = keys.map_or(
        ("Previous week".to_owned(), "Next week".to_owned()),
        |(b, f)| (format!("Previous week ({b})"), format!("Next week ({f})")),
    );
    let mut to = None;
    if icon_button(ui, index > 0, eframe::egui::Button::new("◀"), &back).clicked() {
        to = index
            .checked_sub(1)
            .and_then(|i| weeks.get(i))
            .map(|w| w.start);
    }
    if icon_button(
        ui,
        index + 1 < weeks.len(),
        eframe::egui::Button::new("▶"),
        &forward,
    )
    .clicked()
    {
        to = weeks.get(index + 1).map(|w| w.start);
    }
    to
}
