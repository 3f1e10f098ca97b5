//! The ten-minute view: a few signals for the current week, each with its colour's meaning
//! on hover.

use eframe::egui::{self, Color32, RichText};

use crate::app::PeaklineApp;
use crate::engine::agenda::{Agenda, DayState};
use crate::engine::dashboard::{Level, Signal};
use crate::ui::{Tab, ViewState};

/// The colour of a level, as the dots on the dashboard show it.
pub fn level_color(level: Level) -> Color32 {
    match level {
        Level::Green => Color32::from_rgb(60, 160, 90),
        Level::Amber => Color32::from_rgb(230, 160, 30),
        Level::Red => Color32::from_rgb(215, 60, 50),
        Level::Unknown => Color32::from_rgb(150, 150, 150),
    }
}

/// What a signal's colours mean, and why it has no value when it has none.
pub fn hover_text(s: &Signal) -> String {
    match s.missing {
        Some(why) => format!("No data: {why}\n{}", s.meaning),
        None => s.meaning.to_owned(),
    }
}

/// Width of one signal card; the cards wrap into as many columns as the window holds.
const CARD_WIDTH: f32 = 196.0;

/// The ten-minute view: one card per signal with its colour, value and meaning on hover, then
/// the week's agenda (races ahead, this week's sessions, what needs a decision).
pub fn dashboard_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    signals: &[Signal],
    agenda: &Agenda,
    view: &mut ViewState,
) {
    ui.heading(format!("This week — {}", app.today.format("%A %-d %B %Y")));
    ui.label(
        RichText::new("Hover a signal for what its colour means.")
            .small()
            .weak(),
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if signals.is_empty() {
                ui.label("Adopt a variant to see the dashboard.");
            } else {
                signal_cards(ui, signals);
            }
            ui.add_space(12.0);
            agenda_ui(ui, agenda, view);
        });
}

/// The cards in rows of as many as fit: a row never runs off the window's edge.
fn signal_cards(ui: &mut egui::Ui, signals: &[Signal]) {
    let spacing = ui.spacing().item_spacing.x;
    // A card's outer width: its content plus the group frame's margins and stroke.
    let outer = CARD_WIDTH + 2.0 * 10.0 + 2.0 + spacing;
    let columns = ((ui.available_width() + spacing) / outer).floor().max(1.0) as usize;
    for row in signals.chunks(columns) {
        ui.horizontal(|ui| {
            for s in row {
                signal_card(ui, s);
            }
        });
    }
}

fn signal_card(ui: &mut egui::Ui, s: &Signal) {
    let frame = egui::Frame::group(ui.style()).inner_margin(10.0);
    frame
        .show(ui, |ui| {
            ui.set_width(CARD_WIDTH);
            ui.set_min_height(80.0);
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter()
                        .circle_filled(rect.center(), 7.0, level_color(s.level));
                    ui.strong(s.name);
                });
                ui.label(RichText::new(&s.display).size(18.0));
                ui.label(
                    RichText::new(match s.level {
                        Level::Green => "green",
                        Level::Amber => "amber",
                        Level::Red => "red",
                        Level::Unknown => "no data",
                    })
                    .small()
                    .color(level_color(s.level)),
                );
            });
        })
        .response
        .on_hover_text(hover_text(s));
}

/// Races ahead, this week's sessions (click one to open its week) and what needs a decision.
fn agenda_ui(ui: &mut egui::Ui, agenda: &Agenda, view: &mut ViewState) {
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.strong("This week's sessions");
        if agenda.days.is_empty() {
            ui.label(RichText::new("No sessions planned this week.").weak());
        }
        egui::Grid::new("agenda_days")
            .num_columns(4)
            .spacing([16.0, 4.0])
            .striped(true)
            .show(ui, |ui| {
                for d in &agenda.days {
                    ui.label(d.date.format("%a %-d %b").to_string());
                    let open = ui
                        .link(format!("{} · {:.0} min", d.kind.label(), d.planned_min))
                        .on_hover_text("Open this session's week in the week editor");
                    if open.clicked() {
                        view.selected_week = agenda.week_start;
                        view.selected_day = Some(d.date);
                        view.selected_session = Some(d.session);
                        view.tab = Tab::Week;
                    }
                    ui.label(RichText::new(d.state.label()).color(state_color(d.state)));
                    ui.label(RichText::new(d.logged.as_deref().unwrap_or("")).weak());
                    ui.end_row();
                }
            });

        let ui = &mut cols[1];
        ui.strong("Races ahead");
        if agenda.races.is_empty() {
            ui.label(RichText::new("No races ahead.").weak());
        }
        for r in agenda.races.iter().take(4) {
            let when = match r.days {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                d if d < 14 => format!("in {d} days"),
                d => format!("in {} weeks ({d} days)", d / 7),
            };
            ui.label(format!(
                "{} · {} ({}) — {}, {when}",
                r.priority.letter(),
                r.name,
                r.date.format("%a %-d %b %Y"),
                r.priority.treatment(),
            ));
        }
        ui.add_space(10.0);
        ui.strong("Needs your attention");
        if agenda.attention.is_empty() {
            ui.label(RichText::new("Nothing waiting for a decision.").weak());
        }
        for a in &agenda.attention {
            ui.label(format!("• {a}"));
        }
    });
}

fn state_color(state: DayState) -> Color32 {
    match state {
        DayState::Done => level_color(Level::Green),
        DayState::Partly => level_color(Level::Amber),
        DayState::Skipped | DayState::NotLogged => level_color(Level::Red),
        DayState::Today | DayState::Upcoming => level_color(Level::Unknown),
    }
}
