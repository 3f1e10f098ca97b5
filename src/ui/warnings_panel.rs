//! All warnings by severity; clicking one selects its week and day.

use eframe::egui::{self, RichText};

use super::style::severity_label;
use super::{Tab, ViewState};
use crate::app::PeaklineApp;
use crate::engine::analysis::PlanFigures;
use crate::model::{Severity, Warning};

/// Where clicking a warning goes: its week in the week editor, with its day highlighted when
/// it is about one day; a season-wide warning opens the season timeline.
pub fn open_warning(app: &PeaklineApp, view: &mut ViewState, w: &Warning) {
    let week = w.week.or_else(|| {
        w.date
            .and_then(|d| app.doc.plan().week_containing(d))
            .map(|wk| wk.start)
    });
    match week {
        Some(week) => {
            view.selected_week = Some(week);
            // Week-level warnings carry the week's first day as their date (`Warning::date`):
            // highlighting that day would point at a day that is not the problem.
            view.selected_day = w.date.filter(|d| Some(*d) != w.week);
            view.selected_session = None;
            view.tab = Tab::Week;
        }
        None => view.tab = Tab::Season,
    }
}

pub fn warnings_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    figures: &PlanFigures,
    view: &mut ViewState,
) {
    if figures.warnings.is_empty() {
        ui.label("No warnings: the plan is inside every guardrail and rule.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("warnings")
        .show(ui, |ui| {
            for severity in [Severity::Danger, Severity::Warning, Severity::Info] {
                let list: Vec<_> = figures
                    .warnings
                    .iter()
                    .filter(|w| w.severity == severity)
                    .collect();
                if list.is_empty() {
                    continue;
                }
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    ui.label(severity_label(severity).strong());
                    ui.label(format!("({})", list.len()));
                });
                for w in list {
                    ui.horizontal_wrapped(|ui| {
                        let (when, hint) = match (w.date, w.week) {
                            (None, None) => ("season".to_owned(), "Open the season timeline"),
                            (Some(d), week) if Some(d) != week => (
                                d.format("%a %-d %b").to_string(),
                                "Open the week with this day highlighted",
                            ),
                            (_, Some(week)) | (Some(week), None) => (
                                format!("week of {}", week.format("%-d %b")),
                                "Open this week",
                            ),
                        };
                        if ui.link(when).on_hover_text(hint).clicked() {
                            open_warning(app, view, w);
                        }
                        ui.label(&w.message);
                        ui.label(RichText::new(format!("➡ {}", w.suggestion)).weak());
                        ui.label(RichText::new(format!("[{}]", w.code)).small().weak());
                    });
                }
            }
        });
}
