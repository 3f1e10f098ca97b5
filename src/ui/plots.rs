//! Plots of projected versus actual adaptation (`egui_plot`): weekly load, fitness/fatigue/form,
//! projected performance against results, acute:chronic, monotony and strain, wellness.
//! All series come from `engine::series`; this module only turns dates into x values.

use chrono::NaiveDate;
use eframe::egui::{self, Color32};
use egui_plot::{Axis, Bar, BarChart, Corner, Legend, Line, LineStyle, Plot, Points, Span, VLine};

use crate::app::PeaklineApp;
use crate::engine::series::{PlotSeries, plot_series};

/// Days since 1970-01-01: the x value of a date on every plot (linked axes share it).
pub fn x_from_date(date: NaiveDate) -> f64 {
    (date - NaiveDate::default()).num_days() as f64
}

/// The date of an x value.
pub fn date_from_x(x: f64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(x.round() as i64)
}

/// A named line as handed to egui_plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: &'static str,
    pub points: Vec<[f64; 2]>,
}

/// The data of every plot: what egui_plot receives, so tests can check it against the engine.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlotData {
    pub weekly_load: Vec<Series>,
    pub pmc: Vec<Series>,
    pub performance: Vec<Series>,
    pub acute_chronic: Vec<Series>,
    pub monotony: Vec<Series>,
    pub wellness: Vec<Series>,
    pub today: f64,
    pub races: Vec<(f64, String)>,
}

fn pts<T>(items: &[T], f: impl Fn(&T) -> Option<(NaiveDate, f64)>) -> Vec<[f64; 2]> {
    items
        .iter()
        .filter_map(&f)
        .map(|(d, y)| [x_from_date(d), y])
        .collect()
}

/// Turns the engine's series into plot lines.
pub fn plot_data(plan: &crate::model::Plan, s: &PlotSeries, today: NaiveDate) -> PlotData {
    let weekly = |name, values: Vec<Option<f64>>| Series {
        name,
        points: s
            .weeks
            .iter()
            .zip(values)
            .filter_map(|(w, v)| v.map(|v| [x_from_date(*w) + 3.5, v]))
            .collect(),
    };
    let wellness = |name, f: fn(&crate::model::Wellness) -> Option<f64>| Series {
        name,
        points: pts(&s.wellness, |w| f(w).map(|v| (w.date, v))),
    };
    PlotData {
        weekly_load: vec![
            weekly(
                "Planned (baseline)",
                s.baseline_load.iter().copied().map(Some).collect(),
            ),
            weekly(
                "Current plan",
                s.current_load.iter().copied().map(Some).collect(),
            ),
            weekly("Actual", s.actual_load.clone()),
        ],
        pmc: vec![
            Series {
                name: "Fitness planned",
                points: pts(&s.planned, |d| Some((d.date, d.fitness))),
            },
            Series {
                name: "Fitness expected",
                points: pts(&s.expected, |d| Some((d.date, d.fitness))),
            },
            Series {
                name: "Fitness actual",
                points: pts(&s.actual, |d| Some((d.date, d.fitness))),
            },
            Series {
                name: "Fatigue expected",
                points: pts(&s.expected, |d| Some((d.date, d.fatigue))),
            },
            Series {
                name: "Form expected",
                points: pts(&s.expected, |d| Some((d.date, d.form))),
            },
            Series {
                name: "Form actual",
                points: pts(&s.actual, |d| Some((d.date, d.form))),
            },
        ],
        performance: vec![
            Series {
                name: "Projected performance",
                points: pts(&s.performance, |p| Some(*p)),
            },
            Series {
                name: "Race results and time trials",
                points: s
                    .results
                    .iter()
                    .map(|(d, v, _)| [x_from_date(*d), *v])
                    .collect(),
            },
        ],
        acute_chronic: vec![Series {
            name: "Acute:chronic",
            points: pts(&s.acute_chronic, |p| Some(*p)),
        }],
        monotony: vec![
            Series {
                name: "Monotony",
                points: pts(&s.monotony, |p| Some((p.0 + chrono::Days::new(3), p.1))),
            },
            Series {
                name: "Strain ÷ 1000",
                points: pts(&s.strain, |p| {
                    Some((p.0 + chrono::Days::new(3), p.1 / 1000.0))
                }),
            },
        ],
        wellness: vec![
            wellness("Readiness", |w| w.readiness.map(f64::from)),
            wellness("Sleep (h)", |w| w.sleep_hours),
            wellness("Soreness", |w| w.soreness.map(f64::from)),
            wellness("Pain", |w| w.pain.map(f64::from)),
            wellness("Mood", |w| w.mood.map(f64::from)),
        ],
        today: x_from_date(today),
        races: plan
            .races
            .iter()
            .map(|r| {
                (
                    x_from_date(r.date),
                    format!("{} ({})", r.name, r.priority.letter()),
                )
            })
            .collect(),
    }
}

const COLORS: [Color32; 6] = [
    Color32::from_rgb(120, 120, 130),
    Color32::from_rgb(60, 130, 200),
    Color32::from_rgb(220, 90, 50),
    Color32::from_rgb(150, 110, 190),
    Color32::from_rgb(76, 163, 121),
    Color32::from_rgb(230, 160, 40),
];

fn base_plot<'a>(id: &'a str, height: f32, today: f64) -> Plot<'a> {
    let group = egui::Id::unique("plots_x");
    Plot::new(id)
        .height(height)
        .legend(Legend::default().position(Corner::RightTop))
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .x_axis_formatter(|mark, _| date_from_x(mark.value).format("%-d %b").to_string())
        .label_formatter(|pos| {
            Some(match pos {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => format!(
                    "{plot_name}\n{}: {:.1}",
                    date_from_x(position.x).format("%a %-d %b %Y"),
                    position.y
                ),
                egui_plot::HoverPosition::Elsewhere { position } => {
                    date_from_x(position.x).format("%a %-d %b %Y").to_string()
                }
            })
        })
        .include_x(today - 30.0)
        .include_x(today + 60.0)
}

/// Today and race markers: unnamed, so they stay out of the legends; race names are written
/// at the top of the plot instead.
fn markers(plot_ui: &mut egui_plot::PlotUi<'_>, data: &PlotData) {
    plot_ui.vline(
        VLine::new("", data.today)
            .color(Color32::from_rgb(220, 50, 50))
            .width(2.0),
    );
    let top = plot_ui.plot_bounds().max()[1];
    for (x, name) in &data.races {
        plot_ui.vline(
            VLine::new("", *x)
                .color(Color32::from_rgb(200, 40, 40).gamma_multiply(0.5))
                .style(LineStyle::dashed_dense()),
        );
        plot_ui.text(
            egui_plot::Text::new("", egui_plot::PlotPoint::new(*x, top), name.as_str())
                .anchor(egui::Align2::RIGHT_TOP)
                .color(Color32::from_rgb(200, 40, 40)),
        );
    }
}

fn lines(plot_ui: &mut egui_plot::PlotUi<'_>, series: &[Series]) {
    for (i, s) in series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let style = if s.name.contains("planned") || s.name.contains("baseline") {
            LineStyle::dashed_loose()
        } else {
            LineStyle::Solid
        };
        plot_ui.line(
            Line::new(s.name, s.points.clone())
                .color(color)
                .style(style)
                .width(1.8),
        );
    }
}

/// The plots panel.
pub fn plots_ui(ui: &mut egui::Ui, app: &PeaklineApp, data: &PlotData) {
    if app.doc.plan().plan.is_none() {
        ui.label("Adopt a variant to see its plots.");
        return;
    }
    ui.label(
        egui::RichText::new(
            "Planned = the draft as adopted; expected = what was done up to today, then the current plan (as GoldenCheetah draws it); actual = logged training. Drag to pan, scroll to zoom; the x axes move together.",
        )
        .small()
        .weak(),
    );
    egui::ScrollArea::vertical().id_salt("plots").show(ui, |ui| {
        let h = 210.0;
        ui.strong("Weekly load (AU)");
        base_plot("plot_weekly", h, data.today).show(ui, |p| {
            let [baseline, current, actual] = [&data.weekly_load[0], &data.weekly_load[1], &data.weekly_load[2]];
            p.line(Line::new(baseline.name, baseline.points.clone()).color(COLORS[0]).style(LineStyle::dashed_loose()));
            p.bar_chart(
                BarChart::new(
                    current.name,
                    current.points.iter().map(|[x, y]| Bar::new(*x, *y).width(5.0)).collect(),
                )
                .color(COLORS[1].gamma_multiply(0.6)),
            );
            p.bar_chart(
                BarChart::new(
                    actual.name,
                    actual.points.iter().map(|[x, y]| Bar::new(*x, *y).width(2.5)).collect(),
                )
                .color(COLORS[2]),
            );
            markers(p, data);
        });
        ui.strong("Fitness, fatigue and form");
        base_plot("plot_pmc", h, data.today).show(ui, |p| {
            lines(p, &data.pmc);
            markers(p, data);
        });
        ui.strong("Projected performance (Banister, season start = 100) and results (VDOT, season start = 100)");
        base_plot("plot_perf", h, data.today).show(ui, |p| {
            lines(p, &data.performance[..1]);
            p.points(
                Points::new(data.performance[1].name, data.performance[1].points.clone())
                    .radius(5.0)
                    .color(COLORS[2]),
            );
            markers(p, data);
        });
        ui.strong("Acute:chronic load ratio (advisory)");
        base_plot("plot_acwr", h, data.today)
            .include_y(0.0)
            .include_y(1.7)
            .show(ui, |p| {
                p.span(
                    Span::new("Sweet spot 0.8–1.3", 0.8..=1.3)
                        .axis(Axis::Y)
                        .fill(Color32::from_rgba_unmultiplied(76, 163, 121, 40)),
                );
                p.hline(egui_plot::HLine::new("Danger 1.5", 1.5).color(Color32::from_rgb(215, 60, 50)));
                lines(p, &data.acute_chronic);
                markers(p, data);
            });
        ui.strong("Monotony and strain per week");
        base_plot("plot_monotony", h, data.today).show(ui, |p| {
            p.hline(egui_plot::HLine::new("Monotony 2.0", 2.0).color(Color32::from_rgb(225, 160, 30)));
            lines(p, &data.monotony);
            markers(p, data);
        });
        ui.strong("Wellness: readiness, sleep, soreness, pain, mood");
        base_plot("plot_wellness", h, data.today)
            .include_y(0.0)
            .include_y(10.0)
            .show(ui, |p| {
                lines(p, &data.wellness);
                markers(p, data);
            });
    });
}

/// Plot data for the document's current revision, from the engine.
pub fn compute(app: &PeaklineApp) -> PlotData {
    let plan = app.doc.plan();
    plot_data(plan, &plot_series(plan, app.today), app.today)
}
