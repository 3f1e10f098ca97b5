//! The change log: every change with its date, week, what, why and who; filterable by week
//! and reason; and the adopted draft (the baseline) against the current plan for a week.

use super::style::field;
use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use super::ViewState;
use crate::app::PeaklineApp;
use crate::model::{ReasonPick, Week};

/// Filters of the change-log panel.
#[derive(Clone, Debug, Default)]
pub struct ChangeLogView {
    pub week: Option<NaiveDate>,
    pub reason: Option<ReasonPick>,
    /// The week whose baseline and current plan are shown side by side.
    pub compare_week: Option<NaiveDate>,
}

pub fn change_log_ui(ui: &mut egui::Ui, app: &PeaklineApp, view: &mut ViewState) {
    let plan = app.doc.plan();
    // Until the coach picks one, the comparison shows the week changed last, else the week
    // open in the editor, else this week: never an empty pane.
    let default_week = plan
        .change_log
        .iter()
        .rev()
        .find_map(|e| e.week)
        .or(view.selected_week)
        .or_else(|| plan.week_containing(app.today).map(|w| w.start));
    let f = &mut view.change_log;
    ui.horizontal(|ui| {
        field(ui, "Week", |ui| {
            egui::ComboBox::from_id_salt("log_week")
                .selected_text(f.week.map_or("all weeks".to_owned(), |w| {
                    w.format("%-d %b %Y").to_string()
                }))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.week, None, "all weeks");
                    for w in plan.weeks() {
                        ui.selectable_value(
                            &mut f.week,
                            Some(w.start),
                            w.start.format("%-d %b %Y").to_string(),
                        );
                    }
                })
                .response
        });
        field(ui, "Reason", |ui| {
            egui::ComboBox::from_id_salt("log_reason")
                .selected_text(f.reason.map_or("all reasons", |r| r.label()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.reason, None, "all reasons");
                    for r in ReasonPick::ALL {
                        ui.selectable_value(&mut f.reason, Some(r), r.label());
                    }
                })
                .response
        });
    });
    let entries: Vec<_> = plan
        .change_log
        .iter()
        .rev()
        .filter(|e| f.week.is_none_or(|w| e.week == Some(w)))
        .filter(|e| f.reason.is_none_or(|r| e.reason.pick == Some(r)))
        .collect();
    ui.label(
        RichText::new(format!(
            "{} of {} changes",
            entries.len(),
            plan.change_log.len()
        ))
        .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("change_log")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| {
            egui::Grid::new("log_grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    ui.strong("When");
                    ui.strong("Week");
                    ui.strong("What");
                    ui.strong("Why");
                    ui.strong("Who");
                    ui.end_row();
                    for e in entries {
                        ui.label(e.at.format("%-d %b %Y %H:%M").to_string());
                        match e.week {
                            Some(w) => {
                                if ui
                                    .link(w.format("%-d %b").to_string())
                                    .on_hover_text("Show the baseline against the current plan")
                                    .clicked()
                                {
                                    f.compare_week = Some(w);
                                }
                            }
                            None => {
                                ui.label("—");
                            }
                        }
                        ui.label(e.change.describe());
                        ui.label(e.reason.describe());
                        ui.label(e.who.label());
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    let Some(adopted) = &plan.plan else { return };
    let shown = f
        .compare_week
        .or(default_week)
        .filter(|w| adopted.weeks.iter().any(|x| x.start == *w));
    ui.horizontal(|ui| {
        ui.strong("Baseline vs current");
        // Named, so a screen reader says what the list picks.
        field(ui, "for the week of", |ui| {
            egui::ComboBox::from_id_salt("compare_week")
                .selected_text(shown.map_or("pick a week".to_owned(), |w| {
                    w.format("%-d %b %Y").to_string()
                }))
                .show_ui(ui, |ui| {
                    for w in &adopted.weeks {
                        ui.selectable_value(
                            &mut f.compare_week,
                            Some(w.start),
                            w.start.format("%-d %b %Y").to_string(),
                        );
                    }
                })
                .response
        });
    });
    if let Some(w) = shown {
        let baseline = adopted.baseline.iter().find(|x| x.start == w);
        let current = adopted.weeks.iter().find(|x| x.start == w);
        ui.columns(2, |cols| {
            week_list(&mut cols[0], "Engine's draft (baseline)", baseline);
            week_list(&mut cols[1], "Current plan", current);
        });
    }
}

fn week_list(ui: &mut egui::Ui, title: &str, week: Option<&Week>) {
    ui.strong(title);
    let Some(week) = week else {
        ui.label("—");
        return;
    };
    ui.label(
        RichText::new(format!(
            "{:.0} AU, {} hard",
            week.load_au(),
            week.hard_sessions()
        ))
        .small(),
    );
    for s in &week.sessions {
        ui.label(format!(
            "{} {} {:.0} min",
            s.date.format("%a"),
            s.kind.label(),
            s.duration_min
        ));
    }
}
