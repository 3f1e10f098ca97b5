//! Edit or add a session: type, duration, distance, RPE, description and notes.

use super::style::field;
use chrono::NaiveDate;
use eframe::egui;

use super::{ReasonPrompt, ViewState};
use crate::app::{Edit, PeaklineApp, Units};
use crate::model::{Session, SessionType};

/// An open session dialog: the session as edited so far.
#[derive(Clone, Debug)]
pub struct SessionDialog {
    pub original: Option<Session>,
    pub draft: Session,
    /// Distance as typed, in the user's units.
    pub distance_text: String,
    pub error: Option<String>,
}

impl SessionDialog {
    pub fn edit(session: &Session, units: Units) -> Self {
        Self {
            original: Some(session.clone()),
            draft: session.clone(),
            distance_text: session
                .distance_km
                .map(|d| format!("{:.1}", units.distance_from_km(d)))
                .unwrap_or_default(),
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
            error: None,
        }
    }
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
                match parse_distance(&dialog.distance_text, units) {
                    Ok(km) => {
                        dialog.draft.distance_km = km;
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
