//! The ten-minute view: a few signals for the current week, each with its colour's meaning
//! on hover.

use eframe::egui::{self, Color32, RichText};

use crate::app::PeaklineApp;
use crate::engine::dashboard::{Level, Signal};

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

/// The ten-minute view: one card per signal with its colour, value and meaning on hover.
pub fn dashboard_ui(ui: &mut egui::Ui, app: &PeaklineApp, signals: &[Signal]) {
    ui.heading(format!("This week — {}", app.today.format("%A %-d %B %Y")));
    ui.label(
        RichText::new("Hover a signal for what its colour means.")
            .small()
            .weak(),
    );
    ui.add_space(6.0);
    if signals.is_empty() {
        ui.label("Adopt a variant to see the dashboard.");
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for s in signals {
            let frame = egui::Frame::group(ui.style()).inner_margin(10.0);
            frame
                .show(ui, |ui| {
                    ui.set_width(230.0);
                    ui.set_min_height(80.0);
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
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
    });
}
