//! Edit or add a session: type, duration, distance, target pace range and HR zone (in the
//! user's units), RPE, description and notes.

use super::style::field;
use chrono::NaiveDate;
use eframe::egui;

use super::{ReasonPrompt, ViewState};
use crate::app::{Edit, PeaklineApp, Units};
use crate::engine::predict::parse_time;
use crate::model::{PaceRange, Session, SessionType};

/// Paces a plan file may hold, in seconds per km (`model::validate`: 1:00 to 30:00 /km, a
/// sprint to a slow walk): the dialog refuses what the file would refuse.
const PACE_S_PER_KM: std::ops::RangeInclusive<f64> = 60.0..=1800.0;

/// An open session dialog: the session as edited so far.
#[derive(Clone, Debug)]
pub struct SessionDialog {
    pub original: Option<Session>,
    pub draft: Session,
    /// Distance as typed, in the user's units.
    pub distance_text: String,
    /// The target pace range as typed ("4:20"), per km or per mile as the user prefers.
    pub pace_fast_text: String,
    pub pace_slow_text: String,
    pub error: Option<String>,
}

impl SessionDialog {
    pub fn edit(session: &Session, units: Units) -> Self {
        let pace = |f: fn(&PaceRange) -> f64| {
            session
                .pace
                .map(|p| units.format_pace_value(f(&p)))
                .unwrap_or_default()
        };
        Self {
            original: Some(session.clone()),
            draft: session.clone(),
            distance_text: session
                .distance_km
                .map(|d| format!("{:.1}", units.distance_from_km(d)))
                .unwrap_or_default(),
            pace_fast_text: pace(|p| p.fast_s_per_km),
            pace_slow_text: pace(|p| p.slow_s_per_km),
            error: None,
        }
    }

    pub fn add(date: NaiveDate) -> Self {
        let draft = Session {
            date,
            kind: SessionType::Easy,
            duration_min: 40.0,
            rpe: SessionType::Easy.default_rpe(),
            description: "Easy run".to_owned(),
            rationale: "Added by the coach".to_owned(),
            ..Session::default()
        };
        Self {
            original: None,
            draft,
            distance_text: String::new(),
            pace_fast_text: String::new(),
            pace_slow_text: String::new(),
            error: None,
        }
    }
}

/// Heart-rate zones of the five-zone model, for the picker.
const HR_ZONES: [(u8, &str); 5] = [
    (1, "Zone 1 · recovery"),
    (2, "Zone 2 · easy aerobic"),
    (3, "Zone 3 · steady / marathon"),
    (4, "Zone 4 · threshold"),
    (5, "Zone 5 · VO2max"),
];

fn hr_zone_text(zone: Option<u8>) -> &'static str {
    zone.and_then(|z| HR_ZONES.iter().find(|(n, _)| *n == z))
        .map_or("none", |(_, t)| *t)
}

/// The session dialog; "Apply…" asks for the reason next.
pub fn session_dialog_ui(ctx: &egui::Context, app: &PeaklineApp, view: &mut ViewState) {
    let Some(dialog) = view.session_dialog.as_mut() else {
        return;
    };
    let units = app.prefs.units;
    let mut close = false;
    let mut next_prompt = None;
    let title = if dialog.original.is_some() {
        "Edit session"
    } else {
        "Add session"
    };
    let modal = egui::Modal::new(egui::Id::unique("session_dialog")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(title);
        ui.label(dialog.draft.date.format("%A %-d %B %Y").to_string());
        ui.add_space(4.0);
        egui::Grid::new("session_form")
            .num_columns(2)
            .show(ui, |ui| {
                let before = dialog.draft.kind;
                field(ui, "Type", |ui| {
                    egui::ComboBox::from_id_salt("session_type")
                        .selected_text(dialog.draft.kind.label())
                        .show_ui(ui, |ui| {
                            for kind in SessionType::ALL {
                                ui.selectable_value(&mut dialog.draft.kind, kind, kind.label());
                            }
                        })
                        .response
                });
                if dialog.draft.kind != before {
                    dialog.draft.rpe = dialog.draft.kind.default_rpe();
                }
                ui.end_row();
                field(ui, "Duration (min)", |ui| {
                    ui.add(
                        egui::DragValue::new(&mut dialog.draft.duration_min)
                            .range(0.0..=600.0)
                            .speed(1.0),
                    )
                    .on_hover_text("Planned minutes, warm-up and cool-down included")
                });
                ui.end_row();
                field(
                    ui,
                    &format!("Distance ({})", units.distance_label()),
                    |ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut dialog.distance_text)
                                .desired_width(80.0)
                                .hint_text("optional"),
                        )
                    },
                );
                ui.end_row();
                let pace = units.pace_label();
                ui.label(format!("Target pace ({pace})"));
                ui.horizontal(|ui| {
                    let fast = ui.label("from");
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.pace_fast_text)
                            .desired_width(56.0)
                            .hint_text("4:20"),
                    )
                    .labelled_by(fast.id)
                    .on_hover_text(format!("Fastest pace ({pace}); empty for none"));
                    let slow = ui.label("to");
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.pace_slow_text)
                            .desired_width(56.0)
                            .hint_text("4:40"),
                    )
                    .labelled_by(slow.id)
                    .on_hover_text(format!("Slowest pace ({pace}); empty for none"));
                });
                ui.end_row();
                field(ui, "HR zone", |ui| {
                    egui::ComboBox::from_id_salt("session_hr_zone")
                        .selected_text(hr_zone_text(dialog.draft.hr_zone))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut dialog.draft.hr_zone, None, "none");
                            for (zone, text) in HR_ZONES {
                                ui.selectable_value(&mut dialog.draft.hr_zone, Some(zone), text);
                            }
                        })
                        .response
                });
                ui.end_row();
                ui.label("Target RPE (0–10)");
                let load = dialog.draft.load_au();
                ui.add(
                    egui::Slider::new(&mut dialog.draft.rpe, 0.0..=10.0)
                        .step_by(0.5)
                        .text(format!("load {load:.0} AU")),
                )
                .on_hover_text(
                    "Session RPE on the CR-10 scale; planned load = RPE × minutes (Foster 2001)",
                );
                ui.end_row();
                field(ui, "Description", |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut dialog.draft.description)
                            .desired_rows(2)
                            .desired_width(300.0),
                    )
                });
                ui.end_row();
                field(ui, "Notes for the athlete", |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut dialog.draft.coach_notes)
                            .desired_rows(2)
                            .desired_width(300.0),
                    )
                });
                ui.end_row();
            });
        if let Some(e) = &dialog.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Apply…").on_hover_text("Next: say why").clicked() {
                let parsed = parse_distance(&dialog.distance_text, units).and_then(|km| {
                    parse_pace_range(&dialog.pace_fast_text, &dialog.pace_slow_text, units)
                        .map(|pace| (km, pace))
                });
                match parsed {
                    Ok((km, pace)) => {
                        dialog.draft.distance_km = km;
                        dialog.draft.pace = pace;
                        let summary = summary(dialog);
                        let edit = match &dialog.original {
                            Some(_) => Edit::UpdateSession(dialog.draft.clone()),
                            None => Edit::AddSession(dialog.draft.clone()),
                        };
                        next_prompt = Some(ReasonPrompt::new(edit, summary));
                        close = true;
                    }
                    Err(e) => dialog.error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        view.session_dialog = None;
    }
    if next_prompt.is_some() {
        view.reason_prompt = next_prompt;
    }
}

fn parse_distance(text: &str, units: Units) -> Result<Option<f64>, String> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=400.0).contains(&v) => Ok(Some(units.km_from_distance(v))),
        _ => Err(format!(
            "Distance \"{text}\" is not a number of {} between 0 and 400",
            units.distance_label()
        )),
    }
}

/// The pace range typed in the user's units ("4:20" to "4:40"), in seconds per km; both
/// empty for none.
///
/// # Errors
/// A message naming the problem: one end missing, not a pace, out of range, or the ends the
/// wrong way round.
pub fn parse_pace_range(fast: &str, slow: &str, units: Units) -> Result<Option<PaceRange>, String> {
    let (fast, slow) = (fast.trim(), slow.trim());
    if fast.is_empty() && slow.is_empty() {
        return Ok(None);
    }
    if fast.is_empty() || slow.is_empty() {
        return Err("Give both ends of the pace range, or neither.".to_owned());
    }
    let label = units.pace_label();
    let (lo, hi) = (
        units.format_pace_value(*PACE_S_PER_KM.start()),
        units.format_pace_value(*PACE_S_PER_KM.end()),
    );
    let one = |text: &str| -> Result<f64, String> {
        // "4:30" is minutes and seconds; a bare "5" or "4.5" is minutes.
        let seconds = if text.contains(':') {
            parse_time(text).ok()
        } else {
            text.replace(',', ".").parse::<f64>().ok().map(|m| m * 60.0)
        };
        let s_per_km = seconds
            .filter(|s| s.is_finite())
            .ok_or(())
            .map(|s| units.s_per_km_from_pace(s))
            .map_err(|_| format!("Pace \"{text}\" is not minutes:seconds ({label}), like 4:30."))?;
        if PACE_S_PER_KM.contains(&s_per_km) {
            Ok(s_per_km)
        } else {
            Err(format!(
                "Pace {text} {label} is outside {lo} to {hi} {label}."
            ))
        }
    };
    let (fast_s_per_km, slow_s_per_km) = (one(fast)?, one(slow)?);
    if fast_s_per_km > slow_s_per_km {
        return Err(format!(
            "The range goes from the faster pace to the slower one: {fast} is slower than {slow}."
        ));
    }
    Ok(Some(PaceRange {
        fast_s_per_km,
        slow_s_per_km,
    }))
}

fn summary(dialog: &SessionDialog) -> String {
    let d = &dialog.draft;
    match &dialog.original {
        Some(o) => crate::model::Change::SessionEdited {
            before: o.clone(),
            after: d.clone(),
        }
        .describe(),
        None => format!(
            "Add {} on {} ({:.0} min)",
            d.kind.label(),
            d.date.format("%a %-d %b"),
            d.duration_min
        ),
    }
}
