//! All warnings by severity; clicking one selects its week and day.

use eframe::egui::{self, RichText};

use super::style::severity_label;
use super::{Tab, ViewState};
use crate::engine::analysis::PlanFigures;
use crate::model::Severity;

pub fn warnings_ui(ui: &mut egui::Ui, figures: &PlanFigures, view: &mut ViewState) {
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
                        let when = w
                            .date
                            .map_or("season".to_owned(), |d| d.format("%a %-d %b").to_string());
                        if ui.link(when).on_hover_text("Open this week").clicked()
                            && let Some(week) = w.week
                        {
                            view.selected_week = Some(week);
                            view.tab = Tab::Week;
                        }
                        ui.label(&w.message);
                        ui.label(RichText::new(format!("➡ {}", w.suggestion)).weak());
                        ui.label(RichText::new(format!("[{}]", w.code)).small().weak());
                    });
                }
            }
        });
}
