//! New season wizard: athlete ➡ races ➡ guardrails ➡ generate ➡ pick a variant ➡ workspace.

use super::style::field;
use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use super::ViewState;
use super::races::RaceDialog;
use crate::app::{Command, PeaklineApp};
use crate::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
use crate::engine::compare::{Comparison, compare_variants};
use crate::model::{Author, Change, ChangeEntry, Guardrails, Plan, Reason, ReasonPick, RunnerType};

/// The wizard's steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Athlete,
    Races,
    Guardrails,
    Variants,
}

/// A season being set up.
#[derive(Clone, Debug)]
pub struct Wizard {
    pub step: Step,
    pub plan: Plan,
    pub race_form: RaceDialog,
    pub start: String,
    pub error: Option<String>,
    pub generated: bool,
    /// The engine's comparison of the drafts, computed when they are generated (entering the
    /// last step) rather than every frame; `None` before.
    pub comparison: Option<Comparison>,
}

impl Wizard {
    pub fn new(app: &PeaklineApp) -> Self {
        let mut plan = crate::app::new_plan(app.today, app.prefs.week_start);
        plan.athlete.name.clear();
        Self {
            step: Step::Athlete,
            start: plan.season.start.to_string(),
            plan,
            // The season is built around its first race: it starts as the A race.
            race_form: RaceDialog {
                priority: crate::model::Priority::A,
                ..RaceDialog::new_race(app)
            },
            error: None,
            generated: false,
            comparison: None,
        }
    }
}

pub fn wizard_ui(
    ctx: &egui::Context,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let Some(w) = view.wizard.as_mut() else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("wizard")).show(ctx, |ui| {
        // The last step shows three columns of figures: wider.
        ui.set_width(if w.step == Step::Variants {
            900.0
        } else {
            620.0
        });
        ui.heading("New season");
        ui.horizontal(|ui| {
            for (step, label) in [
                (Step::Athlete, "1 Athlete"),
                (Step::Races, "2 Races"),
                (Step::Guardrails, "3 Guardrails"),
                (Step::Variants, "4 Pick a variant"),
            ] {
                let text = RichText::new(label);
                ui.label(if step == w.step {
                    text.strong()
                } else {
                    text.weak()
                });
            }
        });
        ui.separator();
        match w.step {
            Step::Athlete => athlete_step(ui, w),
            Step::Races => races_step(ui, w),
            Step::Guardrails => guardrails_step(ui, w),
            Step::Variants => variants_step(ui, app, w, out, &mut close),
        }
        if let Some(e) = &w.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.separator();
        ui.horizontal(|ui| {
            if w.step != Step::Athlete && ui.button("◀ Back").clicked() {
                w.error = None;
                w.step = match w.step {
                    Step::Races => Step::Athlete,
                    Step::Guardrails => Step::Races,
                    _ => Step::Guardrails,
                };
            }
            if w.step != Step::Variants && ui.button("Next ▶").clicked() {
                next(w, app.today);
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        view.wizard = None;
    }
}

fn next(w: &mut Wizard, today: NaiveDate) {
    w.error = None;
    match w.step {
        Step::Athlete => {
            if w.plan.athlete.name.trim().is_empty() {
                w.error = Some("Enter the athlete's name.".to_owned());
                return;
            }
            match NaiveDate::parse_from_str(w.start.trim(), "%Y-%m-%d") {
                Ok(d) => w.plan.season.start = d,
                Err(_) => {
                    w.error = Some(format!("\"{}\" is not a date like 2027-01-04.", w.start));
                    return;
                }
            }
            w.plan.guardrails = Guardrails::defaults_for(w.plan.athlete.runner_type);
            w.step = Step::Races;
        }
        Step::Races => {
            if w.plan.races.is_empty() {
                w.error = Some("Add at least one race to plan a peak.".to_owned());
                return;
            }
            w.step = Step::Guardrails;
        }
        Step::Guardrails => {
            if let Some(last) = w.plan.races.iter().map(|r| r.date).max() {
                w.plan.season.end = w.plan.season.end.max(last);
            }
            regenerate_variants(&mut w.plan, today);
            w.comparison = Some(compare_variants(&w.plan));
            w.generated = true;
            w.step = Step::Variants;
        }
        Step::Variants => {}
    }
}

fn athlete_step(ui: &mut egui::Ui, w: &mut Wizard) {
    let a = &mut w.plan.athlete;
    egui::Grid::new("wiz_athlete")
        .num_columns(2)
        .show(ui, |ui| {
            field(ui, "Name", |ui| ui.text_edit_singleline(&mut a.name));
            ui.end_row();
            field(ui, "Runner type", |ui| {
                egui::ComboBox::from_id_salt("wiz_type")
                    .selected_text(a.runner_type.label())
                    .show_ui(ui, |ui| {
                        for t in RunnerType::ALL {
                            ui.selectable_value(&mut a.runner_type, t, t.label());
                        }
                    })
                    .response
            });
            ui.end_row();
            field(ui, "Training age (years)", |ui| {
                ui.add(
                    egui::DragValue::new(&mut a.training_age_years)
                        .range(0.0..=90.0)
                        .speed(0.1),
                )
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
            field(ui, "Season starts", |ui| {
                ui.text_edit_singleline(&mut w.start)
            });
            ui.end_row();
        });
    ui.label(
        RichText::new(
            "Days, equipment and preferences can be refined later under Athlete & guardrails.",
        )
        .small()
        .weak(),
    );
}

fn races_step(ui: &mut egui::Ui, w: &mut Wizard) {
    for (i, r) in w.plan.races.clone().iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} · {} · {} · {}",
                r.priority.letter(),
                r.name,
                r.date.format("%a %-d %b %Y"),
                w.race_form.units.format_distance(r.distance_km)
            ));
            if ui
                .small_button("🗑")
                .on_hover_text("Remove this race")
                .clicked()
            {
                w.plan.races.remove(i);
            }
        });
    }
    let f = &mut w.race_form;
    super::races::race_form_ui(ui, f, "wiz_race");
    if ui.button("➕ Add this race").clicked() {
        match f.race() {
            Ok(race) => {
                w.plan.races.push(race);
                w.plan.races.sort_by_key(|r| r.date);
                w.error = None;
                f.name.clear();
                f.goal.clear();
                f.notes.clear();
                f.priority = crate::model::Priority::B;
            }
            Err(e) => w.error = Some(e),
        }
    }
}

fn guardrails_step(ui: &mut egui::Ui, w: &mut Wizard) {
    let g = &mut w.plan.guardrails;
    ui.label(format!(
        "Defaults for a {}; adjust to your athlete.",
        w.plan.athlete.runner_type.label()
    ));
    egui::Grid::new("wiz_guard").num_columns(2).show(ui, |ui| {
        field(ui, "Max weekly load increase (%)", |ui| {
            ui.add(egui::DragValue::new(&mut g.max_weekly_increase_pct).range(0.0..=50.0))
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
            ui.add(egui::DragValue::new(&mut g.max_long_run_share_pct).range(5.0..=100.0))
        });
        ui.end_row();
    });
}

fn variants_step(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    w: &mut Wizard,
    out: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.label("Three drafts of the same season. Pick one to start from; you can compare and switch later.");
    let Some(comparison) = w.comparison.as_ref() else {
        return;
    };
    let mut start = None;
    ui.columns(3, |cols| {
        for (col, v) in cols.iter_mut().zip(&comparison.variants) {
            let kind = v.variant;
            col.strong(RichText::new(kind.label()).color(super::compare::variant_color(kind)));
            col.label(format!("{} weeks", v.weekly_load.len()));
            super::compare::figures_grid(col, kind, &v.figures, comparison, app.prefs.units);
            if col.button(format!("Start with {}", kind.label())).clicked() {
                start = Some(kind);
            }
        }
    });
    if let Some(kind) = start {
        let mut plan = w.plan.clone();
        if adopt(&mut plan, kind, KeepPolicy::KeepCoachWeeks, app.today).is_some() {
            plan.change_log.push(ChangeEntry {
                at: app.now(),
                who: Author::Coach,
                week: None,
                change: Change::VariantAdopted {
                    variant: kind,
                    kept_weeks: Vec::new(),
                },
                reason: Reason::new(Some(ReasonPick::CoachJudgement), "New season"),
            });
            out.push(Command::OpenNewPlan(Box::new(plan)));
            *close = true;
        }
    }
}
