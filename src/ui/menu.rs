//! The menu bar: File, Edit, View.

use eframe::egui;

use super::ViewState;
use crate::app::{Command, PeaklineApp, Theme, Units};
use crate::io::examples::EXAMPLES;
use crate::model::WeekStart;

/// Draws the menu bar, pushing the chosen commands.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, app, view, out));
        ui.menu_button("Edit", |ui| {
            let undo = egui::Button::new("Undo").shortcut_text(shortcut(ui, "Z", false));
            if ui.add_enabled(app.doc.can_undo(), undo).clicked() {
                out.push(Command::Undo);
            }
            let redo = egui::Button::new("Redo").shortcut_text(shortcut(ui, "Z", true));
            if ui.add_enabled(app.doc.can_redo(), redo).clicked() {
                out.push(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, app, out));
    });
}

fn file_menu_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    if app.role == crate::app::Role::Coach
        && ui
            .add(egui::Button::new("New season…").shortcut_text(shortcut(ui, "N", false)))
            .on_hover_text("Athlete ➡ races ➡ guardrails ➡ three drafts ➡ pick one")
            .clicked()
    {
        out.push(Command::New);
        let _ = &view;
    }
    if ui
        .add(egui::Button::new("Open…").shortcut_text(shortcut(ui, "O", false)))
        .clicked()
    {
        out.push(Command::Open);
    }
    ui.menu_button("Open Recent", |ui| {
        if app.prefs.recent_files.is_empty() {
            ui.label("No recent files");
        }
        for path in &app.prefs.recent_files {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                out.push(Command::OpenPath(path.clone()));
            }
        }
    });
    ui.menu_button("Open Example", |ui| {
        for (i, example) in EXAMPLES.iter().enumerate() {
            if ui.button(example.title).clicked() {
                out.push(Command::OpenExample(i));
            }
        }
    });
    ui.separator();
    if ui
        .button("Import activities…")
        .on_hover_text("FIT, GPX, TCX, Strava or Garmin CSV; you can also drop files on the window")
        .clicked()
    {
        out.push(Command::ImportActivities);
    }
    if app.role == crate::app::Role::Coach
        && ui
            .button("Merge athlete file…")
            .on_hover_text("Take the athlete's logs and check-ins from their copy of this plan")
            .clicked()
    {
        out.push(Command::MergeAthleteCopy);
    }
    ui.menu_button("Export", |ui| {
        use crate::app::data::ExportKind;
        if ui
            .button("Calendar (.ics)…")
            .on_hover_text("Planned sessions for any calendar app; re-exporting updates the events")
            .clicked()
        {
            out.push(Command::Export(ExportKind::Calendar));
        }
        if ui.button("Plan as CSV…").clicked() {
            out.push(Command::Export(ExportKind::PlanCsv));
        }
        if ui.button("Training log as CSV…").clicked() {
            out.push(Command::Export(ExportKind::ActualsCsv));
        }
    });
    ui.separator();
    if ui
        .add(egui::Button::new("Save").shortcut_text(shortcut(ui, "S", false)))
        .clicked()
    {
        out.push(Command::Save);
    }
    if ui
        .add(egui::Button::new("Save As…").shortcut_text(shortcut(ui, "S", true)))
        .clicked()
    {
        out.push(Command::SaveAs);
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Quit").shortcut_text(shortcut(ui, "Q", false)))
        .clicked()
    {
        out.push(Command::Quit);
    }
}

fn view_menu_ui(ui: &mut egui::Ui, app: &PeaklineApp, out: &mut Vec<Command>) {
    let mut prefs = app.prefs.clone();
    ui.label("Units");
    ui.radio_value(&mut prefs.units, Units::Metric, "Kilometres (min/km)");
    ui.radio_value(&mut prefs.units, Units::Imperial, "Miles (min/mi)");
    ui.separator();
    // A preference for plans still to be made: the open plan's weeks are laid out already
    // and change only as an edit (Season tab ➡ Season settings).
    ui.label("Weeks of new plans start on")
        .on_hover_text("The open plan's week start: Season tab ➡ Season settings");
    ui.radio_value(
        &mut prefs.week_start,
        WeekStart::Monday,
        "Monday (new plans)",
    );
    ui.radio_value(
        &mut prefs.week_start,
        WeekStart::Sunday,
        "Sunday (new plans)",
    );
    ui.separator();
    ui.label("Theme");
    ui.radio_value(&mut prefs.theme, Theme::Light, "Light");
    ui.radio_value(&mut prefs.theme, Theme::Dark, "Dark");
    if prefs != app.prefs {
        out.push(Command::SetPrefs(prefs));
    }
}

/// "Ctrl+S" / "⌘S", in the platform's style.
fn shortcut(ui: &egui::Ui, key: &str, shift: bool) -> String {
    let mac = ui.ctx().os() == egui::os::OperatingSystem::Mac;
    match (mac, shift) {
        (true, false) => format!("⌘{key}"),
        (true, true) => format!("Shift+⌘{key}"),
        (false, false) => format!("Ctrl+{key}"),
        (false, true) => format!("Ctrl+Shift+{key}"),
    }
}
