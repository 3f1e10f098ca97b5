//! The plan overview: who the plan is for, the races and the season at a glance.

use eframe::egui;

use crate::app::{Command, PeaklineApp};
use crate::ui::ViewState;

/// Draws the athlete, races and season.
pub fn overview_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    _view: &mut ViewState,
    _out: &mut [Command],
) {
    let plan = app.doc.plan();
    let a = &plan.athlete;
    ui.heading(&a.name);
    ui.label(format!(
        "{} · {} km/week now · longest recent run {} km",
        a.runner_type.label(),
        a.weekly_volume_km,
        a.longest_recent_run_km
    ));
    ui.add_space(8.0);
    ui.label(format!(
        "Season {} – {}",
        plan.season.start, plan.season.end
    ));
    egui::Grid::new("races").striped(true).show(ui, |ui| {
        for race in &plan.races {
            ui.label(race.priority.letter());
            ui.label(&race.name);
            ui.label(race.date.to_string());
            ui.label(app.prefs.units.format_distance(race.distance_km));
            ui.end_row();
        }
    });
}
