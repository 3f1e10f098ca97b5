//! Races: the list on the season screen and the add/edit dialog.

use super::style::{field, icon_button};
use chrono::NaiveDate;
use eframe::egui;

use super::{ReasonPrompt, ViewState};
use crate::app::{Command, Edit, PeaklineApp, Units};
use crate::engine::predict::{format_duration_s, parse_time};
use crate::model::{Priority, Race};

/// Race distances the dialog takes, in km: from a half-mile track race to a 400 km ultra.
const RACE_KM: std::ops::RangeInclusive<f64> = 0.8..=400.0;

/// The standard road distances offered as quick picks, in km.
const STANDARD_KM: [(&str, f64); 4] = [
    ("5K", 5.0),
    ("10K", 10.0),
    ("Half", 21.0975),
    ("Marathon", 42.195),
];

/// The race dialog's form, as typed.
#[derive(Clone, Debug)]
pub struct RaceDialog {
    /// The units the distance is shown and typed in (the user's preference).
    pub units: Units,
    /// The race being edited, by index; `None` adds a race.
    pub index: Option<usize>,
    pub name: String,
    pub date: String,
    /// Kept in km whatever the units, so a quick pick (a marathon's 42.195 km) stays exact.
    pub distance_km: f64,
    pub priority: Priority,
    pub goal: String,
    pub notes: String,
    pub error: Option<String>,
}

impl RaceDialog {
    pub fn new_race(app: &PeaklineApp) -> Self {
        let date = app.today + chrono::Days::new(12 * 7);
        Self {
            units: app.prefs.units,
            index: None,
            name: String::new(),
            date: date.to_string(),
            distance_km: 10.0,
            priority: Priority::B,
            goal: String::new(),
            notes: String::new(),
            error: None,
        }
    }

    pub fn edit(index: usize, race: &Race, units: Units) -> Self {
        Self {
            units,
            index: Some(index),
            name: race.name.clone(),
            date: race.date.to_string(),
            distance_km: race.distance_km,
            priority: race.priority,
            goal: race.goal_time_s.map(format_duration_s).unwrap_or_default(),
            notes: race.notes.clone(),
            error: None,
        }
    }

    /// The race as entered, or what is wrong with the form.
    pub fn race(&self) -> Result<Race, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("Give the race a name.".to_owned());
        }
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("\"{}\" is not a date like 2027-04-18.", self.date.trim()))?;
        if !RACE_KM.contains(&self.distance_km) {
            let (lo, hi) = (
                self.units.distance_from_km(*RACE_KM.start()),
                self.units.distance_from_km(*RACE_KM.end()),
            );
            return Err(format!(
                "The distance must be between {lo:.1} and {hi:.0} {}.",
                self.units.distance_label()
            ));
        }
        let goal_time_s = if self.goal.trim().is_empty() {
            None
        } else {
            Some(parse_time(self.goal.trim()).map_err(|e| format!("Goal time: {e}"))?)
        };
        Ok(Race {
            name: name.to_owned(),
            date,
            distance_km: self.distance_km,
            priority: self.priority,
            goal_time_s,
            notes: self.notes.trim().to_owned(),
        })
    }
}

/// The list of races with edit and remove buttons.
pub fn race_list_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let plan = app.doc.plan();
    ui.horizontal(|ui| {
        ui.strong("Races");
        if icon_button(ui, true, egui::Button::new("➕").small(), "Add a race").clicked() {
            view.race_dialog = Some(RaceDialog::new_race(app));
        }
    });
    egui::Grid::new("race_list").striped(true).show(ui, |ui| {
        for (i, race) in plan.races.iter().enumerate() {
            ui.label(egui::RichText::new(race.priority.letter()).strong());
            ui.label(&race.name);
            ui.label(race.date.format("%a %-d %b %Y").to_string());
            ui.label(app.prefs.units.format_distance(race.distance_km));
            ui.label(race.goal_time_s.map(format_duration_s).unwrap_or_default());
            let edit = icon_button(
                ui,
                true,
                egui::Button::new("✏").small(),
                &format!("Edit {}", race.name),
            );
            edit.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Edit {}", race.name))
            });
            if edit.clicked() {
                view.race_dialog = Some(RaceDialog::edit(i, race, app.prefs.units));
            }
            let remove = icon_button(
                ui,
                true,
                egui::Button::new("🗑").small(),
                &format!("Remove {}", race.name),
            );
            remove.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {}", race.name))
            });
            if remove.clicked() {
                view.reason_prompt = Some(ReasonPrompt::new(
                    Edit::RemoveRace(i),
                    format!(
                        "Remove the race {} ({}); draft weeks re-plan",
                        race.name, race.date
                    ),
                ));
            }
            ui.end_row();
        }
    });
    if plan.races.is_empty() {
        ui.label(egui::RichText::new("No races yet.").weak());
    }
    let _ = out;
}

/// The add/edit race dialog. Adding or saving asks for the reason next; the race and the
/// re-plan of the draft weeks around it are then one undo step.
pub fn race_dialog_ui(ctx: &egui::Context, view: &mut ViewState) {
    let Some(dialog) = view.race_dialog.as_mut() else {
        return;
    };
    let mut close = false;
    let mut prompt = None;
    let modal = egui::Modal::new(egui::Id::unique("race_dialog")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(if dialog.index.is_some() {
            "Edit race"
        } else {
            "Add race"
        });
        race_form_ui(ui, dialog, "race_form");
        if let Some(e) = &dialog.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            let label = if dialog.index.is_some() {
                "Save…"
            } else {
                "Add race"
            };
            if ui.button(label).clicked() {
                match dialog.race() {
                    Ok(race) => {
                        // Like every change to the plan, a race added or changed says why.
                        prompt = Some(match dialog.index {
                            None => ReasonPrompt::new(
                                Edit::AddRace(race.clone()),
                                format!(
                                    "Add the {} race {} on {}; draft weeks re-plan",
                                    race.priority.letter(),
                                    race.name,
                                    race.date.format("%a %-d %b %Y")
                                ),
                            ),
                            Some(index) => ReasonPrompt::new(
                                Edit::UpdateRace {
                                    index,
                                    race: race.clone(),
                                },
                                format!("Change the race {}; draft weeks re-plan", race.name),
                            ),
                        });
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
        view.race_dialog = None;
    }
    if prompt.is_some() {
        view.reason_prompt = prompt;
    }
}

/// The race's fields (name, date, distance with quick picks in the user's units, priority,
/// goal, notes): shared by the race dialog and the new-season wizard.
pub fn race_form_ui(ui: &mut egui::Ui, dialog: &mut RaceDialog, id: &str) {
    egui::Grid::new(id).num_columns(2).show(ui, |ui| {
        field(ui, "Name", |ui| {
            ui.add(egui::TextEdit::singleline(&mut dialog.name).hint_text("City 10K"))
        });
        ui.end_row();
        field(ui, "Date", |ui| {
            ui.add(egui::TextEdit::singleline(&mut dialog.date).hint_text("YYYY-MM-DD"))
        });
        ui.end_row();
        let units = dialog.units;
        let label = ui.label(format!("Distance ({})", units.distance_label()));
        ui.horizontal(|ui| {
            let mut shown = units.distance_from_km(dialog.distance_km);
            let typed = ui
                .add(
                    egui::DragValue::new(&mut shown)
                        .range(
                            units.distance_from_km(*RACE_KM.start())
                                ..=units.distance_from_km(*RACE_KM.end()),
                        )
                        .speed(0.1)
                        .max_decimals(3),
                )
                .labelled_by(label.id);
            // Only a change converts back: an untouched 42.195 km stays exact in miles.
            if typed.changed() {
                dialog.distance_km = units.km_from_distance(shown);
            }
            for (label, km) in STANDARD_KM {
                if ui
                    .small_button(label)
                    .on_hover_text(units.format_distance(km))
                    .clicked()
                {
                    dialog.distance_km = km;
                }
            }
        });
        ui.end_row();
        ui.label("Priority");
        ui.horizontal(|ui| {
            ui.radio_value(&mut dialog.priority, Priority::A, "A")
                .on_hover_text("Peaked for: full taper and recovery");
            ui.radio_value(&mut dialog.priority, Priority::B, "B")
                .on_hover_text("Mini-taper of 3–5 days and a short recovery");
            ui.radio_value(&mut dialog.priority, Priority::C, "C")
                .on_hover_text("Trained through: replaces a workout");
        });
        ui.end_row();
        field(ui, "Goal time", |ui| {
            ui.add(egui::TextEdit::singleline(&mut dialog.goal).hint_text("h:mm:ss, optional"))
        });
        ui.end_row();
        field(ui, "Notes", |ui| {
            ui.add(egui::TextEdit::singleline(&mut dialog.notes))
        });
        ui.end_row();
    });
}
