//! The review cycle (SPEC §3 "Reviews" and "What-if"): the weekly review, what-if scenarios,
//! the monthly audit and the season retrospective, as four pages of one tab.
//!
//! Every figure comes from the engine (`engine::review`, `scenario`, `audit`, `retro`); each
//! page caches its engine result per document revision and inputs, so nothing is recomputed
//! per frame. Changes leave as [`Command`]s (one edit, one undo step) like everywhere else.

mod audit;
mod retro;
mod weekly;
mod whatif;

use eframe::egui::{self, RichText};

use super::ViewState;
use crate::app::{Command, PeaklineApp};

pub use audit::AuditState;
pub use retro::RetroState;
pub use weekly::WeeklyState;
pub use whatif::{ScenarioKind, WhatIfState};

/// The pages of the Reviews tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewPage {
    #[default]
    Weekly,
    WhatIf,
    Audit,
    Retrospective,
}

impl ReviewPage {
    const ALL: [(ReviewPage, &'static str, &'static str); 4] = [
        (
            ReviewPage::Weekly,
            "Weekly review",
            "Draft a week from the plan and the athlete's log, edit it, approve it",
        ),
        (
            ReviewPage::WhatIf,
            "What-if",
            "Preview a scenario (missed workouts, a moved race, travel, illness, a new race)",
        ),
        (
            ReviewPage::Audit,
            "Monthly audit",
            "Projected against actual over the last four weeks: keep, adjust or replace",
        ),
        (
            ReviewPage::Retrospective,
            "Retrospective",
            "After the A race: draft vs plan vs actual, overrides, the fitted model",
        ),
    ];
}

/// View state of the Reviews tab: the page shown and each page's inputs and cache.
#[derive(Clone, Default)]
pub struct ReviewsView {
    pub page: ReviewPage,
    pub weekly: WeeklyState,
    pub whatif: WhatIfState,
    pub audit: AuditState,
    pub retro: RetroState,
}

/// The Reviews tab.
pub fn reviews_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let due = crate::engine::audit::audit_due(app.doc.plan(), app.today);
    ui.horizontal(|ui| {
        for (page, label, hint) in ReviewPage::ALL {
            let mut text = RichText::new(label).strong();
            if page == ReviewPage::Audit && due.due {
                text = text.color(ui.visuals().warn_fg_color);
            }
            let tab = ui.selectable_label(view.reviews.page == page, text);
            let tab = if page == ReviewPage::Audit {
                tab.on_hover_text(format!("{hint}. {}", due.text))
            } else {
                tab.on_hover_text(hint)
            };
            if tab.clicked() {
                view.reviews.page = page;
            }
        }
        if due.due {
            ui.separator();
            ui.label(
                RichText::new(format!("⚠ Monthly audit due — {}", due.text))
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
    ui.separator();
    if app.doc.plan().plan.is_none() {
        ui.label("No plan adopted yet: pick a variant first (File ➡ New season…).");
        return;
    }
    match view.reviews.page {
        ReviewPage::Weekly => {
            weekly::weekly_ui(ui, app, &mut view.reviews.weekly, &mut view.reason_prompt);
        }
        ReviewPage::WhatIf => whatif::whatif_ui(ui, app, &mut view.reviews.whatif, out),
        ReviewPage::Audit => audit::audit_ui(ui, app, &mut view.reviews.audit, out),
        ReviewPage::Retrospective => retro::retro_ui(ui, app, &mut view.reviews.retro, out),
    }
}

/// Engine text for the screen: its arrows drawn with a glyph the bundled fonts have.
fn shown(text: &str) -> String {
    text.replace('→', "➡").replace('−', "-")
}

/// "88 %" or "–".
fn percent(share: Option<f64>) -> String {
    share.map_or("–".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

/// A two-column grid of label ➡ value rows.
fn facts_grid(ui: &mut egui::Ui, id: &str, rows: &[(&str, String)]) {
    egui::Grid::new(id)
        .num_columns(2)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (label, value) in rows {
                ui.label(RichText::new(*label).weak());
                ui.label(value);
                ui.end_row();
            }
        });
}

/// A section heading with a little air above it.
fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(8.0);
    ui.strong(title);
    ui.add_space(2.0);
}
