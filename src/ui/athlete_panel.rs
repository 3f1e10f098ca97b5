//! The athlete profile and the coach's guardrails as a validated form. Saving asks for a
//! reason; afterwards the panel offers to re-plan the draft weeks.

use super::style::{WEEKDAYS, field};
use chrono::Weekday;
use eframe::egui;

use super::{ReasonPrompt, ViewState};
use crate::app::{Command, Edit, PeaklineApp};
use crate::engine::adopt::KeepPolicy;
use crate::model::{Athlete, Guardrails, Reason, ReasonPick, RunnerType, validate};

/// The form's working copy, and the plan's values it started from: when the plan changes
/// under the form (undo, redo, the save itself, another edit), the part that changed is
/// loaded again, so the form never shows values the plan does not hold as if saved.
#[derive(Clone, Debug)]
pub struct AthleteForm {
    pub athlete: Athlete,
    pub guardrails: Guardrails,
    base_athlete: Athlete,
    base_guardrails: Guardrails,
}

impl AthleteForm {
    fn from_plan(plan: &crate::model::Plan) -> Self {
        Self {
            athlete: plan.athlete.clone(),
            guardrails: plan.guardrails.clone(),
            base_athlete: plan.athlete.clone(),
            base_guardrails: plan.guardrails.clone(),
        }
    }

    /// Loads what the plan changed since the form read it; keeps the coach's typing in the
    /// other part (profile and guardrails are saved one after the other).
    fn follow(&mut self, plan: &crate::model::Plan) {
        if self.base_athlete != plan.athlete {
            self.athlete = plan.athlete.clone();
            self.base_athlete = plan.athlete.clone();
        }
        if self.base_guardrails != plan.guardrails {
            self.guardrails = plan.guardrails.clone();
            self.base_guardrails = plan.guardrails.clone();
        }
    }
}

/// The form's field for a validation path, so problems read "Name is empty", not
/// "athlete.name: is empty".
fn field_name(path: &str) -> Option<&'static str> {
    Some(match path {
        "athlete.name" => "Name",
        "athlete.age" => "Age",
        "athlete.training_age_years" => "Training age",
        "athlete.weekly_volume_km" => "Weekly volume",
        "athlete.longest_recent_run_km" => "Longest recent run",
        "athlete.unavailable_days" => "Unavailable days",
        "athlete.long_run_day" => "Long run day",
        "athlete.notes" => "Notes",
        "guardrails.max_weekly_increase_pct" => "Max weekly load increase",
        "guardrails.max_hard_sessions_per_week" => "Max hard sessions / week",
        "guardrails.min_rest_days_per_week" => "Min rest days / week",
        "guardrails.max_long_run_share_pct" => "Max long-run share",
        "guardrails.pain_blocks_intensity_at" => "Pain that blocks intensity",
        "guardrails.max_weekly_volume_km" => "Weekly volume cap",
        _ => return None,
    })
}

/// Draws the form.
pub fn athlete_panel_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let plan = app.doc.plan();
    let form = view
        .athlete_form
        .get_or_insert_with(|| AthleteForm::from_plan(plan));
    form.follow(plan);
    let dirty_form = form.athlete != plan.athlete || form.guardrails != plan.guardrails;
    // Offered once a profile or guardrails edit is applied (`PeaklineApp::apply_edit`), and
    // only while that edit is the plan's latest state: a cancelled reason prompt never got
    // here, and undo takes the offer away with the edit.
    if view.replan_offer == Some(app.doc.revision()) {
        ui.horizontal(|ui| {
            ui.label(
                "The profile changed. Re-plan the draft weeks? Approved and edited weeks stay.",
            );
            if ui.button("Re-plan drafts").clicked() {
                out.push(Command::Edit(
                    Edit::Replan(KeepPolicy::KeepCoachWeeks),
                    Reason::new(
                        Some(ReasonPick::CoachJudgement),
                        "Re-planned after a profile change",
                    ),
                ));
                view.replan_offer = None;
            }
            if ui.button("Not now").clicked() {
                view.replan_offer = None;
            }
        });
        ui.separator();
    }
    egui::ScrollArea::vertical()
        .id_salt("athlete_form")
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                athlete_ui(&mut cols[0], &mut form.athlete);
                guardrails_ui(&mut cols[1], &mut form.guardrails, form.athlete.runner_type);
            });
        });
    // Validation of the form as it would be saved.
    let mut check = plan.clone();
    check.athlete = form.athlete.clone();
    check.guardrails = form.guardrails.clone();
    let problems: Vec<String> = validate(&check)
        .into_iter()
        .filter(|p| p.path.starts_with("athlete") || p.path.starts_with("guardrails"))
        .map(|p| match field_name(&p.path) {
            Some(name) => format!("{name} {}", p.message),
            None => p.to_string(),
        })
        .collect();
    for p in &problems {
        ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {p}"));
    }
    ui.horizontal(|ui| {
        let can_save = dirty_form && problems.is_empty();
        let why_not = if dirty_form {
            "Fix the problems above first"
        } else {
            "Nothing changed"
        };
        if ui
            .add_enabled(can_save, egui::Button::new("Save profile…"))
            .on_hover_text("Next: say why; then you can re-plan the draft weeks")
            .on_disabled_hover_text(why_not)
            .clicked()
        {
            view.reason_prompt = Some(if form.athlete == plan.athlete {
                ReasonPrompt::new(
                    Edit::SetGuardrails(form.guardrails.clone()),
                    "Update the guardrails",
                )
            } else {
                ReasonPrompt::new(
                    Edit::SetAthlete(Box::new(form.athlete.clone())),
                    "Update the athlete profile",
                )
            });
        }
        if ui
            .add_enabled(dirty_form, egui::Button::new("Revert"))
            .on_hover_text("Back to what the plan holds")
            .clicked()
        {
            form.athlete = plan.athlete.clone();
            form.guardrails = plan.guardrails.clone();
        }
        if dirty_form && form.athlete != plan.athlete && form.guardrails != plan.guardrails {
            ui.label(
                egui::RichText::new("Profile and guardrails are saved one after the other.")
                    .small(),
            );
        }
    });
}

fn athlete_ui(ui: &mut egui::Ui, a: &mut Athlete) {
    ui.strong("Athlete");
    egui::Grid::new("athlete_grid")
        .num_columns(2)
        .show(ui, |ui| {
            field(ui, "Name", |ui| ui.text_edit_singleline(&mut a.name));
            ui.end_row();
            field(ui, "Runner type", |ui| {
                egui::ComboBox::from_id_salt("runner_type")
                    .selected_text(a.runner_type.label())
                    .show_ui(ui, |ui| {
                        for t in RunnerType::ALL {
                            ui.selectable_value(&mut a.runner_type, t, t.label());
                        }
                    })
                    .response
            });
            ui.end_row();
            let label = ui.label("Age");
            let mut age = a.age.unwrap_or(0);
            if ui
                .add(egui::DragValue::new(&mut age).range(0..=110))
                .labelled_by(label.id)
                .changed()
            {
                a.age = (age > 0).then_some(age);
            }
            ui.end_row();
            field(ui, "Training age (years)", |ui| {
                ui.add(
                    egui::DragValue::new(&mut a.training_age_years)
                        .range(0.0..=90.0)
                        .speed(0.1),
                )
                .on_hover_text("Under one year plans as for a beginner")
            });
            ui.end_row();
            field(ui, "Weekly volume now (km)", |ui| {
                ui.add(
                    egui::DragValue::new(&mut a.weekly_volume_km)
                        .range(0.0..=400.0)
                        .speed(0.5),
                )
            });
            ui.end_row();
            field(ui, "Longest recent run (km)", |ui| {
                ui.add(
                    egui::DragValue::new(&mut a.longest_recent_run_km)
                        .range(0.0..=400.0)
                        .speed(0.5),
                )
            });
            ui.end_row();
            field(ui, "Long run day", |ui| {
                egui::ComboBox::from_id_salt("long_day")
                    .selected_text(a.long_run_day.to_string())
                    .show_ui(ui, |ui| {
                        for d in WEEKDAYS {
                            ui.selectable_value(&mut a.long_run_day, d, d.to_string());
                        }
                    })
                    .response
            });
            ui.end_row();
            ui.label("Preferred days");
            days_ui(ui, &mut a.preferred_days, "preferred");
            ui.end_row();
            ui.label("Unavailable days");
            days_ui(ui, &mut a.unavailable_days, "unavailable");
            ui.end_row();
            ui.label("Equipment");
            ui.horizontal(|ui| {
                ui.checkbox(&mut a.equipment.track, "track");
                ui.checkbox(&mut a.equipment.hills, "hills");
                ui.checkbox(&mut a.equipment.treadmill, "treadmill");
                ui.checkbox(&mut a.equipment.gym, "gym");
            });
            ui.end_row();
            field(ui, "Notes", |ui| ui.text_edit_multiline(&mut a.notes));
            ui.end_row();
        });
}

fn days_ui(ui: &mut egui::Ui, days: &mut Vec<Weekday>, salt: &str) {
    ui.horizontal(|ui| {
        for d in WEEKDAYS {
            let mut on = days.contains(&d);
            let label = d.to_string();
            if ui
                .toggle_value(&mut on, &label[..2])
                .on_hover_text(format!("{label} ({salt})"))
                .changed()
            {
                if on {
                    days.push(d);
                    days.sort_by_key(Weekday::num_days_from_monday);
                } else {
                    days.retain(|x| *x != d);
                }
            }
        }
    });
}

fn guardrails_ui(ui: &mut egui::Ui, g: &mut Guardrails, runner_type: RunnerType) {
    ui.strong("Guardrails");
    ui.label(
        egui::RichText::new("Every variant, even the aggressive one, stays inside these.").small(),
    );
    egui::Grid::new("guardrail_grid")
        .num_columns(2)
        .show(ui, |ui| {
            field(ui, "Max weekly load increase (%)", |ui| {
                ui.add(
                    egui::DragValue::new(&mut g.max_weekly_increase_pct)
                        .range(0.0..=50.0)
                        .speed(0.5),
                )
            });
            ui.end_row();
            field(ui, "Max hard sessions / week", |ui| {
                ui.add(egui::DragValue::new(&mut g.max_hard_sessions_per_week).range(0..=7))
            });
            ui.end_row();
            field(ui, "Min rest days / week", |ui| {
                ui.add(egui::DragValue::new(&mut g.min_rest_days_per_week).range(0..=6))
            });
            ui.end_row();
            field(ui, "Max long-run share (%)", |ui| {
                ui.add(
                    egui::DragValue::new(&mut g.max_long_run_share_pct)
                        .range(5.0..=100.0)
                        .speed(0.5),
                )
            });
            ui.end_row();
            field(ui, "Pain that blocks intensity (0–10)", |ui| {
                ui.add(egui::DragValue::new(&mut g.pain_blocks_intensity_at).range(0..=10))
            });
            ui.end_row();
            let label = ui.label("Weekly volume cap (km)");
            let mut capped = g.max_weekly_volume_km.is_some();
            ui.horizontal(|ui| {
                if ui
                    .checkbox(&mut capped, "capped")
                    .labelled_by(label.id)
                    .changed()
                {
                    g.max_weekly_volume_km = capped.then_some(40.0);
                }
                if let Some(cap) = g.max_weekly_volume_km.as_mut() {
                    ui.add(egui::DragValue::new(cap).range(1.0..=400.0).speed(0.5))
                        .labelled_by(label.id);
                }
            });
            ui.end_row();
        });
    if ui
        .button("Runner-type defaults")
        .on_hover_text("Reset the guardrails to the defaults of the athlete's runner type")
        .clicked()
    {
        *g = Guardrails::defaults_for(runner_type);
    }
}
