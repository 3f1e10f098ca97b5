//! Plots of projected versus actual adaptation (`egui_plot`): weekly load, fitness/fatigue/form,
//! projected performance against results, acute:chronic, monotony and strain, wellness.
//! All series come from `engine::series`; this module only turns dates into x values and picks
//! how each is drawn.

use chrono::NaiveDate;
use eframe::egui::{self, Color32};
use egui_plot::{Axis, Bar, BarChart, Corner, Legend, Line, LineStyle, Plot, Points, Span, VLine};

use crate::app::PeaklineApp;
use crate::engine::load::PmcDay;
use crate::engine::series::{PerformanceSource, PlotSeries, plot_series};

/// Days since 1970-01-01: the x value of a date on every plot (linked axes share it).
pub fn x_from_date(date: NaiveDate) -> f64 {
    (date - NaiveDate::default()).num_days() as f64
}

/// The date of an x value.
pub fn date_from_x(x: f64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(x.round() as i64)
}

/// How a series is drawn. Planned curves are dashed, expected curves solid and actual curves
/// dotted, on every plot, so the three read apart at a glance (as GoldenCheetah draws them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draw {
    /// What was planned (the draft as adopted).
    Dashed,
    /// What is expected, or a single measured value.
    Solid,
    /// What was done, one small dot per day, on top of the expected line it follows.
    Dots,
    /// Single events: race results and time trials.
    Markers,
    /// Weekly bars, wide (the plan) and narrow (what was done) so both stay visible.
    WideBars,
    NarrowBars,
}

/// A named series as handed to egui_plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: &'static str,
    pub points: Vec<[f64; 2]>,
    pub draw: Draw,
    pub color: Color32,
}

impl Series {
    fn new(name: &'static str, draw: Draw, color: Color32, points: Vec<[f64; 2]>) -> Self {
        Self {
            name,
            points,
            draw,
            color,
        }
    }
}

/// The data of every plot: what egui_plot receives, so tests can check it against the engine.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlotData {
    pub weekly_load: Vec<Series>,
    pub pmc: Vec<Series>,
    pub performance: Vec<Series>,
    /// The name of each result on the performance plot, by its point, for the hover.
    pub performance_names: Vec<([f64; 2], String)>,
    pub acute_chronic: Vec<Series>,
    pub monotony: Vec<Series>,
    pub wellness: Vec<Series>,
    pub today: f64,
    pub races: Vec<(f64, String)>,
}

impl PlotData {
    /// Every series of every plot, for tests and for finding one by name.
    pub fn all(&self) -> impl Iterator<Item = &Series> {
        self.weekly_load
            .iter()
            .chain(&self.pmc)
            .chain(&self.performance)
            .chain(&self.acute_chronic)
            .chain(&self.monotony)
            .chain(&self.wellness)
    }

    /// The series with this name.
    pub fn series(&self, name: &str) -> Option<&Series> {
        self.all().find(|s| s.name == name)
    }
}

/// What the weekly-load axis measures (`engine::compare` explains the two load definitions).
pub const WEEKLY_LOAD_TITLE: &str = "Weekly load (AU = session RPE × minutes, races included)";

const GREY: Color32 = Color32::from_rgb(120, 120, 130);
const BLUE: Color32 = Color32::from_rgb(60, 130, 200);
const RED: Color32 = Color32::from_rgb(220, 90, 50);
const PURPLE: Color32 = Color32::from_rgb(150, 110, 190);
const GREEN: Color32 = Color32::from_rgb(76, 163, 121);
const ORANGE: Color32 = Color32::from_rgb(230, 160, 40);
const TEAL: Color32 = Color32::from_rgb(40, 170, 180);

fn pts<T>(items: &[T], f: impl Fn(&T) -> Option<(NaiveDate, f64)>) -> Vec<[f64; 2]> {
    items
        .iter()
        .filter_map(&f)
        .map(|(d, y)| [x_from_date(d), y])
        .collect()
}

/// The x of a week's bar or weekly value: the middle of the week.
pub fn x_from_week(start: NaiveDate) -> f64 {
    x_from_date(start) + 3.5
}

/// Turns the engine's series into plot series.
pub fn plot_data(plan: &crate::model::Plan, s: &PlotSeries, today: NaiveDate) -> PlotData {
    let weekly = |values: &[Option<f64>]| -> Vec<[f64; 2]> {
        s.weeks
            .iter()
            .zip(values)
            .filter_map(|(w, v)| v.map(|v| [x_from_week(*w), v]))
            .collect()
    };
    let all = |values: &[f64]| -> Vec<Option<f64>> { values.iter().copied().map(Some).collect() };
    let wellness = |name, color, f: fn(&crate::model::Wellness) -> Option<f64>| {
        Series::new(
            name,
            Draw::Solid,
            color,
            pts(&s.wellness, |w| f(w).map(|v| (w.date, v))),
        )
    };
    let pmc = |name, draw, color, days: &[PmcDay], f: fn(&PmcDay) -> f64| {
        Series::new(name, draw, color, pts(days, |d| Some((d.date, f(d)))))
    };
    let results = |name, source| {
        Series::new(
            name,
            Draw::Markers,
            match source {
                PerformanceSource::Race => RED,
                PerformanceSource::TimeTrial => ORANGE,
                PerformanceSource::LoggedRace => PURPLE,
            },
            s.results
                .iter()
                .filter(|r| r.source == source)
                .map(|r| [x_from_date(r.date), r.index])
                .collect(),
        )
    };
    let mid_week = |p: &(NaiveDate, f64)| Some((p.0 + chrono::Days::new(3), p.1));
    PlotData {
        weekly_load: vec![
            Series::new(
                "Planned (baseline)",
                Draw::Dashed,
                GREY,
                weekly(&all(&s.baseline_load)),
            ),
            Series::new(
                "Current plan",
                Draw::WideBars,
                BLUE,
                weekly(&all(&s.current_load)),
            ),
            Series::new("Actual", Draw::NarrowBars, RED, weekly(&s.actual_load)),
        ],
        pmc: vec![
            pmc("Fitness planned", Draw::Dashed, BLUE, &s.planned, |d| {
                d.fitness
            }),
            pmc("Fitness expected", Draw::Solid, BLUE, &s.expected, |d| {
                d.fitness
            }),
            pmc("Fitness actual", Draw::Dots, BLUE, &s.actual, |d| d.fitness),
            pmc("Fatigue planned", Draw::Dashed, PURPLE, &s.planned, |d| {
                d.fatigue
            }),
            pmc("Fatigue expected", Draw::Solid, PURPLE, &s.expected, |d| {
                d.fatigue
            }),
            pmc("Fatigue actual", Draw::Dots, PURPLE, &s.actual, |d| {
                d.fatigue
            }),
            pmc("Form planned", Draw::Dashed, ORANGE, &s.planned, |d| d.form),
            pmc("Form expected", Draw::Solid, ORANGE, &s.expected, |d| {
                d.form
            }),
            pmc("Form actual", Draw::Dots, ORANGE, &s.actual, |d| d.form),
        ],
        performance: vec![
            Series::new(
                "Projected performance",
                Draw::Solid,
                GREEN,
                pts(&s.performance, |p| Some(*p)),
            ),
            results("Race results", PerformanceSource::Race),
            results("Time trials", PerformanceSource::TimeTrial),
            results("Logged races", PerformanceSource::LoggedRace),
        ],
        performance_names: s
            .results
            .iter()
            .map(|r| ([x_from_date(r.date), r.index], r.name.clone()))
            .collect(),
        acute_chronic: vec![Series::new(
            "Acute:chronic",
            Draw::Solid,
            BLUE,
            pts(&s.acute_chronic, |p| Some(*p)),
        )],
        monotony: vec![
            Series::new("Monotony", Draw::Solid, PURPLE, pts(&s.monotony, mid_week)),
            Series::new(
                "Strain ÷ 1000",
                Draw::Solid,
                TEAL,
                pts(&s.strain, |p| mid_week(&(p.0, p.1 / 1000.0))),
            ),
        ],
        wellness: vec![
            wellness("Readiness", GREEN, |w| w.readiness.map(f64::from)),
            wellness("Sleep (h)", BLUE, |w| w.sleep_hours),
            wellness("Soreness", ORANGE, |w| w.soreness.map(f64::from)),
            wellness("Pain", RED, |w| w.pain.map(f64::from)),
            wellness("Mood", PURPLE, |w| w.mood.map(f64::from)),
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

/// The x axes of every plot on the plots panel move together.
fn base_plot<'a>(
    id: &'a str,
    height: f32,
    today: f64,
    names: &'a [([f64; 2], String)],
) -> Plot<'a> {
    let group = egui::Id::unique("plots_x");
    Plot::new(id)
        .height(height)
        .legend(
            Legend::default()
                .position(Corner::RightTop)
                .follow_insertion_order(true),
        )
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .x_axis_formatter(|mark, _| date_from_x(mark.value).format("%-d %b").to_string())
        .label_formatter(move |pos| Some(hover_text(pos, names)))
        .include_x(today - 30.0)
        .include_x(today + 60.0)
}

/// "Fitness expected · Tue 3 Mar 2026: 61.2", with the result's name on a result.
fn hover_text(pos: &egui_plot::HoverPosition<'_>, names: &[([f64; 2], String)]) -> String {
    match pos {
        egui_plot::HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => {
            let day = date_from_x(position.x).format("%a %-d %b %Y");
            let named = names
                .iter()
                .find(|(p, _)| p[0] == position.x && p[1] == position.y)
                .map_or(String::new(), |(_, n)| format!(" — {n}"));
            format!("{plot_name}{named}\n{day}: {:.1}", position.y)
        }
        egui_plot::HoverPosition::Elsewhere { position } => {
            date_from_x(position.x).format("%a %-d %b %Y").to_string()
        }
    }
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

/// Hands each series to egui_plot, drawn as its [`Draw`] says.
pub fn draw_series(plot_ui: &mut egui_plot::PlotUi<'_>, series: &[Series]) {
    for s in series {
        let points = s.points.clone();
        match s.draw {
            Draw::Dashed => plot_ui.line(
                Line::new(s.name, points)
                    .color(s.color)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            ),
            Draw::Solid => plot_ui.line(Line::new(s.name, points).color(s.color).width(2.0)),
            Draw::Dots => plot_ui.points(
                Points::new(s.name, points)
                    .color(s.color.gamma_multiply(0.8))
                    .radius(1.8),
            ),
            Draw::Markers => plot_ui.points(
                Points::new(s.name, points)
                    .color(s.color)
                    .shape(egui_plot::MarkerShape::Diamond)
                    .radius(6.0),
            ),
            Draw::WideBars | Draw::NarrowBars => {
                let width = if s.draw == Draw::WideBars { 5.0 } else { 2.5 };
                let color = if s.draw == Draw::WideBars {
                    s.color.gamma_multiply(0.6)
                } else {
                    s.color
                };
                plot_ui.bar_chart(
                    BarChart::new(
                        s.name,
                        s.points
                            .iter()
                            .map(|[x, y]| Bar::new(*x, *y).width(width))
                            .collect(),
                    )
                    .color(color),
                );
            }
        }
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
            "Dashed = planned (the draft as adopted); solid = expected (what was done up to today, then the current plan, as GoldenCheetah draws it); dots = actual (logged training). Click a legend entry to hide or show it; drag to pan, scroll to zoom; the x axes move together.",
        )
        .small()
        .weak(),
    );
    let names = data.performance_names.as_slice();
    egui::ScrollArea::vertical().id_salt("plots").show(ui, |ui| {
        let h = 210.0;
        ui.strong(WEEKLY_LOAD_TITLE);
        base_plot("plot_weekly", h, data.today, names).show(ui, |p| {
            draw_series(p, &data.weekly_load);
            markers(p, data);
        });
        ui.strong("Fitness, fatigue and form");
        base_plot("plot_pmc", 300.0, data.today, names).show(ui, |p| {
            draw_series(p, &data.pmc);
            markers(p, data);
        });
        ui.strong(
            "Projected performance (Banister, season start = 100) and results (VDOT, best result before the season = 100)",
        );
        base_plot("plot_perf", h, data.today, names).show(ui, |p| {
            draw_series(p, &data.performance);
            markers(p, data);
        });
        ui.strong("Acute:chronic load ratio (advisory)");
        base_plot("plot_acwr", h, data.today, names)
            .include_y(0.0)
            .include_y(1.7)
            .show(ui, |p| {
                p.span(
                    Span::new("Sweet spot 0.8–1.3", 0.8..=1.3)
                        .axis(Axis::Y)
                        .fill(Color32::from_rgba_unmultiplied(76, 163, 121, 40)),
                );
                p.hline(
                    egui_plot::HLine::new("Danger 1.5", 1.5).color(Color32::from_rgb(215, 60, 50)),
                );
                draw_series(p, &data.acute_chronic);
                markers(p, data);
            });
        ui.strong("Monotony and strain per week");
        base_plot("plot_monotony", h, data.today, names).show(ui, |p| {
            p.hline(
                egui_plot::HLine::new("Monotony 2.0", 2.0).color(Color32::from_rgb(225, 160, 30)),
            );
            draw_series(p, &data.monotony);
            markers(p, data);
        });
        ui.strong("Wellness: readiness, sleep, soreness, pain, mood");
        base_plot("plot_wellness", h, data.today, names)
            .include_y(0.0)
            .include_y(10.0)
            .show(ui, |p| {
                draw_series(p, &data.wellness);
                markers(p, data);
            });
    });
}

/// Plot data for the document's current revision, from the engine.
pub fn compute(app: &PeaklineApp) -> PlotData {
    let plan = app.doc.plan();
    plot_data(plan, &plot_series(plan, app.today), app.today)
}
