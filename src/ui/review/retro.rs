//! The season retrospective after the A race (`engine::retro::retrospective`): week by week
//! the engine's draft, the coach's final plan and what was done; the coach's overrides grouped
//! by reason with what followed; the Banister model fitted to the athlete's performances (or
//! the defaults and why), which becomes next season's model on request; and the report export.

use std::rc::Rc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText};
use egui_plot::{Corner, Legend, Line, Plot};

use super::{facts_grid, percent, section, shown};
use crate::app::{Command, Edit, PeaklineApp};
use crate::engine::predict::format_duration_s;
use crate::engine::retro::{Retrospective, fitted_settings, retrospective};
use crate::model::{Reason, ReasonPick};
use crate::ui::plots::{date_from_x, x_from_date};
use crate::ui::style::phase_color;

const DRAFT_COLOR: Color32 = Color32::from_rgb(170, 170, 170);
const PLAN_COLOR: Color32 = Color32::from_rgb(31, 119, 180);
const ACTUAL_COLOR: Color32 = Color32::from_rgb(214, 39, 40);

/// The retrospective of the current revision and day (computed once per change).
#[derive(Clone, Default)]
pub struct RetroState {
    cache: Option<((u64, NaiveDate), Rc<Retrospective>)>,
}

impl RetroState {
    fn retro(&mut self, app: &PeaklineApp) -> Rc<Retrospective> {
        let key = (app.doc.revision(), app.today);
        if let Some((k, r)) = &self.cache
            && *k == key
        {
            return Rc::clone(r);
        }
        let r = Rc::new(retrospective(app.doc.plan(), app.today));
        self.cache = Some((key, Rc::clone(&r)));
        r
    }
}

/// The retrospective page.
pub fn retro_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    state: &mut RetroState,
    out: &mut Vec<Command>,
) {
    let retro = state.retro(app);
    let plan = app.doc.plan();
    ui.horizontal(|ui| {
        ui.heading("Season retrospective");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Export report…")
                .on_hover_text("Write the report (Markdown) and its plots (PNG) into a folder")
                .clicked()
            {
                out.push(Command::ExportRetrospective);
            }
        });
    });
    match &retro.race {
        Some(r) => {
            let mut line = format!(
                "{} on {}, {} km A race",
                r.name,
                r.date.format("%-d %b %Y"),
                r.distance_km
            );
            if let Some(t) = r.time_s {
                line.push_str(&format!(": finished in {}", format_duration_s(t)));
            }
            if let Some(g) = r.goal_time_s {
                line.push_str(&format!(" (goal {})", format_duration_s(g)));
            }
            ui.label(RichText::new(line).strong());
        }
        None => {
            let next = plan
                .a_races()
                .filter(|r| r.date > app.today)
                .min_by_key(|r| r.date);
            let text = match next {
                Some(r) => format!(
                    "No A race finished yet: the retrospective is made after {} on {}. Until then it shows the season so far.",
                    r.name,
                    r.date.format("%-d %b %Y")
                ),
                None => {
                    "No A race finished yet: the retrospective shows the season so far.".to_owned()
                }
            };
            egui::Frame::group(ui.style())
                .fill(Color32::from_rgb(225, 160, 30).gamma_multiply(0.15))
                .inner_margin(8.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(format!("ℹ {text}")).strong());
                });
        }
    }
    let changed = retro.weeks.iter().filter(|w| w.changed_by_coach).count();
    let mut totals = format!(
        "{} to {}: engine's draft {:.0} AU · final plan {:.0} AU",
        retro.start.format("%-d %b %Y"),
        retro.end.format("%-d %b %Y"),
        retro.baseline_total_au,
        retro.final_total_au
    );
    if let Some(a) = retro.actual_total_au {
        totals.push_str(&format!(
            " · done {a:.0} AU of {:.0} planned over the {} logged {} ({})",
            retro.final_logged_au,
            retro.logged_weeks,
            crate::model::plural(
                i64::try_from(retro.logged_weeks).unwrap_or(i64::MAX),
                "week",
                "weeks"
            ),
            percent((retro.final_logged_au > 0.0).then(|| a / retro.final_logged_au))
        ));
    }
    ui.label(totals);
    ui.label(format!(
        "The coach changed {changed} of {} weeks of the engine's draft.",
        retro.weeks.len()
    ));
    // The banner above already says there is no A race yet.
    for n in retro
        .notes
        .iter()
        .filter(|n| retro.race.is_some() || !n.starts_with("No A race"))
    {
        ui.label(RichText::new(format!("• {}", shown(n))).small().weak());
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("retro_scroll")
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                weeks_ui(&mut cols[0], &retro);
                section(
                    &mut cols[0],
                    "Weekly load: engine's draft, final plan, actual",
                );
                load_plot(&mut cols[0], &retro);
                fit_ui(&mut cols[1], app, &retro, out);
                overrides_ui(&mut cols[1], &retro);
            });
        });
}

fn weeks_ui(ui: &mut egui::Ui, retro: &Retrospective) {
    section(ui, "Week by week");
    egui::ScrollArea::vertical()
        .id_salt("retro_weeks")
        .max_height(250.0)
        .show(ui, |ui| {
            egui::Grid::new("retro_weeks_grid")
                .num_columns(7)
                .striped(true)
                .spacing([12.0, 3.0])
                .show(ui, |ui| {
                    for h in ["Week", "Phase", "Draft", "Final", "Actual", "Done", "Coach"] {
                        ui.label(RichText::new(h).weak());
                    }
                    ui.end_row();
                    let au = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.0}"));
                    for w in &retro.weeks {
                        let week = RichText::new(w.start.format("%-d %b %y").to_string());
                        ui.label(if w.changed_by_coach {
                            week.strong()
                        } else {
                            week
                        })
                        .on_hover_text(if w.changed_by_coach {
                            "The coach changed this week"
                        } else {
                            "As the engine drafted it"
                        });
                        ui.label(RichText::new(w.phase.label()).color(phase_color(w.phase)));
                        ui.label(au(w.baseline_au));
                        let final_text = RichText::new(format!("{:.0}", w.final_au));
                        ui.label(if w.changed_by_coach {
                            final_text.strong()
                        } else {
                            final_text
                        });
                        ui.label(au(w.actual_au));
                        ui.label(percent(w.compliance));
                        if w.changed_by_coach {
                            ui.label("✏").on_hover_text("The coach changed this week");
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
    ui.label(
        RichText::new("Load in AU. ✏: weeks the coach changed.")
            .small()
            .weak(),
    );
}

fn fit_ui(ui: &mut egui::Ui, app: &PeaklineApp, retro: &Retrospective, out: &mut Vec<Command>) {
    let fit = &retro.fit;
    section(
        ui,
        if fit.fitted {
            "Banister model fitted to this athlete"
        } else {
            "Banister model: defaults kept"
        },
    );
    facts_grid(
        ui,
        "retro_fit",
        &[
            ("k1 (fitness gain)", gain(fit.k1, fit.fitted)),
            ("k2 (fatigue gain)", gain(fit.k2, fit.fitted)),
            (
                "p0 (baseline)",
                if fit.fitted {
                    format!("{:.1} VDOT", fit.p0)
                } else {
                    format!("{} (default)", fit.p0)
                },
            ),
            (
                "Time constants",
                format!(
                    "{:.0} d fitness, {:.0} d fatigue (fixed)",
                    fit.fitness_tau_days, fit.fatigue_tau_days
                ),
            ),
            (
                "RMS error",
                fit.rmse
                    .map_or("– (not fitted)".to_owned(), |e| format!("{e:.2} VDOT")),
            ),
            ("Performances", fit.points.len().to_string()),
        ],
    );
    ui.label(RichText::new(shown(&fit.message)).small());
    if !fit.points.is_empty() {
        egui::Grid::new("retro_fit_points")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for h in ["Performance", "VDOT", "Model"] {
                    ui.label(RichText::new(h).weak());
                }
                ui.end_row();
                for p in &fit.points {
                    ui.label(format!("{} ({})", p.name, p.date.format("%-d %b %y")));
                    ui.label(format!("{:.1}", p.observed));
                    ui.label(p.predicted.map_or("–".to_owned(), |v| format!("{v:.1}")));
                    ui.end_row();
                }
            });
    }
    let plan = app.doc.plan();
    let next = fitted_settings(plan, retro);
    let already = plan.model == next;
    ui.add_space(4.0);
    // In a row, so the button keeps its own width in the column.
    let button = ui
        .horizontal(|ui| {
            ui.add_enabled(
                fit.fitted && !already,
                egui::Button::new("Use as next season's model"),
            )
        })
        .inner
        .on_hover_text("Make the fitted k1, k2 and p0 the plan's load model")
        .on_disabled_hover_text(if already {
            "The plan already uses this model"
        } else {
            "Nothing fitted to carry over: the fit fell back to the defaults"
        });
    if button.clicked() {
        let rmse = fit
            .rmse
            .map_or(String::new(), |e| format!(", RMS error {e:.2}"));
        out.push(Command::Edit(
            Edit::SetModel(next),
            Reason::new(
                Some(ReasonPick::CoachJudgement),
                format!(
                    "Season retrospective: the Banister model fitted to {} performances{rmse} becomes next season's model",
                    fit.points.len()
                ),
            ),
        ));
    }
    if already && fit.fitted {
        ui.label(
            RichText::new("✔ The plan uses this model.")
                .small()
                .color(Color32::from_rgb(60, 150, 80)),
        );
    }
}

/// A fitted gain to five decimals (they are small: 0.0008); a default as it is.
fn gain(v: f64, fitted: bool) -> String {
    if fitted {
        format!("{v:.5}")
    } else {
        format!("{v} (default)")
    }
}

fn overrides_ui(ui: &mut egui::Ui, retro: &Retrospective) {
    section(ui, "The coach's overrides by reason");
    if retro.overrides.is_empty() {
        ui.label(RichText::new("None: the plan is the engine's as drafted.").weak());
        return;
    }
    egui::Grid::new("retro_overrides")
        .num_columns(3)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for h in ["Reason", "Count", "What followed"] {
                ui.label(RichText::new(h).weak());
            }
            ui.end_row();
            for g in &retro.overrides {
                let weeks: Vec<String> = g
                    .weeks
                    .iter()
                    .map(|w| w.format("%-d %b").to_string())
                    .collect();
                ui.label(shown(&g.reason))
                    .on_hover_text(format!("Weeks: {}", weeks.join(", ")));
                ui.label(g.count.to_string());
                ui.label(RichText::new(shown(&g.followed)).small());
                ui.end_row();
            }
        });
}

fn load_plot(ui: &mut egui::Ui, retro: &Retrospective) {
    let x = |d: NaiveDate| x_from_date(d) + 3.5;
    let series = |f: &dyn Fn(&crate::engine::retro::RetroWeek) -> Option<f64>| -> Vec<[f64; 2]> {
        retro
            .weeks
            .iter()
            .filter_map(|w| f(w).map(|v| [x(w.start), v]))
            .collect()
    };
    Plot::new("retro_load")
        .height(220.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_scroll(false)
        .x_axis_formatter(|m, _| date_from_x(m.value).format("%-d %b").to_string())
        .show(ui, |p| {
            p.line(
                Line::new("Engine's draft", series(&|w| w.baseline_au))
                    .color(DRAFT_COLOR)
                    .width(5.0),
            );
            p.line(
                Line::new("Final plan", series(&|w| Some(w.final_au)))
                    .color(PLAN_COLOR)
                    .width(2.0),
            );
            p.line(
                Line::new("Actual", series(&|w| w.actual_au))
                    .color(ACTUAL_COLOR)
                    .width(2.0),
            );
        });
}
