//! egui panels. Each draws from the app's state and returns [`Command`]s; none of them
//! changes the document or computes a plan itself.

mod menu;
mod overview;
mod prompts;

use eframe::egui;

use crate::app::{Command, PeaklineApp};

/// View-only state: what is selected and which panels are open. Never saved in a plan.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    pub selected_week: Option<chrono::NaiveDate>,
}

/// Draws the whole window for one frame.
pub fn app_ui(ui: &mut egui::Ui, app: &PeaklineApp, view: &mut ViewState) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        menu::menu_bar_ui(ui, app, &mut out);
    });
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        status_bar_ui(ui, app);
    });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        overview::overview_ui(ui, app, view, &mut out);
    });
    prompts::unsaved_changes_ui(ui.ctx(), app, &mut out);
    prompts::notice_ui(ui.ctx(), app, &mut out);
    out
}

fn status_bar_ui(ui: &mut egui::Ui, app: &PeaklineApp) {
    ui.horizontal(|ui| {
        let saved = if app.doc.is_dirty() {
            "Modified, not saved"
        } else {
            "Saved"
        };
        ui.label(saved);
        ui.separator();
        ui.label(&app.status);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("Today {}", app.today.format("%a %-d %b %Y")));
        });
    });
}
