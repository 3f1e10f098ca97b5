//! Compare the three variants side by side: compact timelines, key figures with the notable
//! differences highlighted, overlaid weekly load and fitness curves, and "Adopt this variant".
//! Every number comes from [`compare_variants`]; this module only lays it out.

use eframe::egui::{self, Color32, Pos2, Rect, RichText, Sense, Vec2};
use egui_plot::{Legend, Plot};

use super::plots::{
    Draw, Series, WEEKLY_LOAD_TITLE, date_from_x, draw_series, x_from_date, x_from_week,
};
use super::style::{phase_color, severity_color};
use super::{ReasonPrompt, ViewState};
use crate::app::{Edit, PeaklineApp, Units};
use crate::engine::adopt::KeepPolicy;
use crate::engine::compare::{
    Comparison, Figure, Notable, Tone, VariantFigures, WeekAtStake, compare_variants,
    weeks_at_stake,
};
use crate::model::{SeasonDraft, Severity, VariantKind, plural};

const VARIANT_COLORS: [Color32; 3] = [
    Color32::from_rgb(76, 163, 121),
    Color32::from_rgb(60, 130, 200),
    Color32::from_rgb(215, 80, 60),
];

/// The colour a variant is drawn in, in columns and curves alike.
pub fn variant_color(kind: VariantKind) -> Color32 {
    VARIANT_COLORS[kind as usize % VARIANT_COLORS.len()]
}

/// What the compare screen shows: the engine's comparison and the curves handed to egui_plot,
/// computed once per document revision.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareData {
    pub comparison: Comparison,
    /// Weekly load per variant, one point per week (middle of the week).
    pub weekly_load: Vec<Series>,
    /// Planned fitness per variant, one point per day.
    pub fitness: Vec<Series>,
}

/// Turns the engine's comparison into plot series.
pub fn compare_data(comparison: Comparison) -> CompareData {
    let series = |f: &dyn Fn(&crate::engine::compare::VariantComparison) -> Vec<[f64; 2]>| {
        comparison
            .variants
            .iter()
            .map(|v| Series {
                name: v.variant.label(),
                points: f(v),
                draw: Draw::Solid,
                color: variant_color(v.variant),
            })
            .collect()
    };
    let weekly_load = series(&|v| {
        v.weekly_load
            .iter()
            .map(|(w, l)| [x_from_week(*w), *l])
            .collect()
    });
    let fitness = series(&|v| {
        v.fitness
            .iter()
            .map(|(d, f)| [x_from_date(*d), *f])
            .collect()
    });
    CompareData {
        comparison,
        weekly_load,
        fitness,
    }
}

/// The compare data of the document's current revision, from the engine.
pub fn compute(app: &PeaklineApp) -> CompareData {
    compare_data(compare_variants(app.doc.plan()))
}

/// An adopt request waiting for the coach's choice about their own weeks.
#[derive(Clone, Debug)]
pub struct AdoptRequest {
    pub variant: VariantKind,
    /// Weeks of the current plan the coach owns (approved or edited) from today's week on,
    /// with what replacing them would lose.
    pub owned: Vec<WeekAtStake>,
    /// The units the sessions' distances are shown in.
    pub units: Units,
}

/// The compare screen.
pub fn compare_ui(ui: &mut egui::Ui, app: &PeaklineApp, data: &CompareData, view: &mut ViewState) {
    let plan = app.doc.plan();
    if data.comparison.variants.is_empty() {
        ui.label("No drafts yet: add a race and re-plan.");
        return;
    }
    let adopted = plan.plan.as_ref().map(|p| p.variant);
    egui::ScrollArea::vertical()
        .id_salt("compare")
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Highlighted figures differ notably between the variants: hover one for why.",
                )
                .small()
                .weak(),
            );
            ui.columns(3, |cols| {
                for (col, v) in cols.iter_mut().zip(&data.comparison.variants) {
                    let Some(draft) = plan.variants.get(v.variant) else {
                        continue;
                    };
                    column_ui(
                        col,
                        app,
                        draft,
                        v,
                        &data.comparison,
                        adopted == Some(v.variant),
                        view,
                    );
                }
            });
            ui.add_space(8.0);
            ui.strong(WEEKLY_LOAD_TITLE);
            overlay(ui, "cmp_load", &data.weekly_load);
            ui.strong("Planned fitness (from each draft's pre-season fitness)");
            overlay(ui, "cmp_fitness", &data.fitness);
        });
}

fn overlay(ui: &mut egui::Ui, id: &str, series: &[Series]) {
    Plot::new(id)
        .height(200.0)
        .legend(Legend::default())
        .link_axis(egui::Id::unique("cmp_x"), [true, false])
        .x_axis_formatter(|m, _| date_from_x(m.value).format("%-d %b").to_string())
        .label_formatter(|pos| {
            Some(match pos {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => format!(
                    "{plot_name}\n{}: {:.0}",
                    date_from_x(position.x).format("%a %-d %b %Y"),
                    position.y
                ),
                egui_plot::HoverPosition::Elsewhere { position } => {
                    date_from_x(position.x).format("%a %-d %b %Y").to_string()
                }
            })
        })
        .show(ui, |p| draw_series(p, series));
}

fn column_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    draft: &SeasonDraft,
    v: &crate::engine::compare::VariantComparison,
    comparison: &Comparison,
    is_adopted: bool,
    view: &mut ViewState,
) {
    let kind = v.variant;
    ui.horizontal(|ui| {
        ui.heading(RichText::new(kind.label()).color(variant_color(kind)));
        if is_adopted {
            ui.label(RichText::new("adopted").small().weak());
        }
    });
    mini_timeline(ui, draft, &v.weekly_load);
    figures_grid(ui, kind, &v.figures, comparison, app.prefs.units);
    for w in v
        .figures
        .warnings
        .iter()
        .filter(|w| w.severity >= Severity::Warning)
        .take(4)
    {
        ui.label(
            RichText::new(format!("• {}", w.message))
                .small()
                .color(severity_color(w.severity)),
        );
    }
    if let Some(note) = draft.notes.first() {
        ui.label(RichText::new(note).small().weak());
    }
    ui.add_space(4.0);
    let label = format!("Adopt {}", kind.label().to_lowercase());
    if ui
        .add_enabled(!is_adopted, egui::Button::new(&label))
        .on_hover_text("Make this draft the working plan; you will be asked why")
        .clicked()
    {
        let owned = weeks_at_stake(app.doc.plan(), kind, app.today);
        if owned.is_empty() {
            view.reason_prompt = Some(ReasonPrompt::new(
                Edit::Adopt {
                    variant: kind,
                    keep: KeepPolicy::KeepCoachWeeks,
                },
                format!("Adopt the {} variant", kind.code()),
            ));
        } else {
            view.adopt_request = Some(AdoptRequest {
                variant: kind,
                owned,
                units: app.prefs.units,
            });
        }
    }
}

/// The key figures of one variant, two columns (what, value). Each value's accessible name is
/// "Variant: what" (e.g. "Moderate: peak training week") and its value the text shown, so tests
/// and screen readers tell the columns apart; notable values are highlighted, with the reason
/// on hover. Shared with the wizard's "pick a variant" step.
pub fn figures_grid(
    ui: &mut egui::Ui,
    kind: VariantKind,
    f: &VariantFigures,
    comparison: &Comparison,
    units: Units,
) {
    let notable = |figure| comparison.notable(kind, figure);
    egui::Grid::new(("cmp_grid", kind as u8))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, what: &str, text: String, figure: Figure| {
                let label = ui.label(what);
                if let Some(hint) = row_hint(figure) {
                    label.on_hover_text(hint);
                }
                figure_value(
                    ui,
                    kind,
                    &figure_name(kind, figure, f),
                    &text,
                    notable(figure),
                );
                ui.end_row();
            };
            row(
                ui,
                "Peak training week",
                format!("{:.0} AU", f.peak_week_load),
                Figure::PeakWeekLoad,
            );
            row(
                ui,
                "Total load",
                format!("{:.0} AU", f.total_load),
                Figure::TotalLoad,
            );
            row(
                ui,
                "Peak weekly distance",
                units.format_distance(f.peak_week_km),
                Figure::PeakWeekKm,
            );
            row(
                ui,
                "Longest long run",
                units.format_distance(f.longest_long_run_km),
                Figure::LongestLongRun,
            );
            row(
                ui,
                "Hard sessions",
                format!("{} in all, {} at peak", f.hard_sessions, f.hard_at_peak),
                Figure::HardSessions,
            );
            row(
                ui,
                "Taper",
                format!("{:.1} weeks", f.taper_weeks),
                Figure::TaperWeeks,
            );
            for (i, r) in f.race_day.iter().enumerate() {
                row(
                    ui,
                    &format!("{} day", r.race),
                    format!("fitness {:.0}, form {:+.0}", r.fitness, r.form),
                    Figure::RaceDay(i),
                );
            }
            ui.label("Warnings");
            warnings_value(ui, kind, f, notable(Figure::Warnings));
            ui.end_row();
        });
}

/// What a figure's row measures, for the hover on its name.
fn row_hint(figure: Figure) -> Option<&'static str> {
    match figure {
        Figure::PeakWeekLoad => Some(
            "The heaviest week's load without races (session RPE × minutes): how hard the build gets. A race is not a step in the build, so the ramp warnings leave races out too.",
        ),
        Figure::TotalLoad => Some(
            "Every session's load over the season, races included: what the fitness curve integrates and the weekly load curve below adds up to.",
        ),
        Figure::HardSessions => {
            Some("Hard sessions over the season, and in the peak training week.")
        }
        Figure::TaperWeeks => Some("Length of the taper phase before the A race."),
        Figure::RaceDay(_) => Some(
            "Fitness on race morning (yesterday's value) and form (yesterday's fitness − fatigue).",
        ),
        _ => None,
    }
}

/// The accessible name of a figure's value in `kind`'s column: "Moderate: peak training
/// week", "Moderate: Harbour City Marathon day".
pub fn figure_name(kind: VariantKind, figure: Figure, f: &VariantFigures) -> String {
    let what = match figure {
        Figure::PeakWeekLoad => "peak training week",
        Figure::TotalLoad => "total load",
        Figure::PeakWeekKm => "peak weekly distance",
        Figure::LongestLongRun => "longest long run",
        Figure::HardSessions => "hard sessions",
        Figure::TaperWeeks => "taper",
        Figure::Warnings => "warnings",
        Figure::RaceDay(i) => {
            let race = f.race_day.get(i).map_or("race", |r| r.race.as_str());
            return format!("{}: {race} day", kind.label());
        }
    };
    format!("{}: {what}", kind.label())
}

fn highlight(text: RichText, notable: Option<&Notable>, kind: VariantKind) -> RichText {
    match notable.map(|n| n.tone) {
        None => text,
        Some(Tone::Notice) => text
            .strong()
            .background_color(variant_color(kind).gamma_multiply(0.25)),
        Some(Tone::Concern) => text
            .strong()
            .background_color(severity_color(Severity::Warning).gamma_multiply(0.3)),
    }
}

fn figure_value(
    ui: &mut egui::Ui,
    kind: VariantKind,
    name: &str,
    text: &str,
    notable: Option<&Notable>,
) {
    let shown = match notable.map(|n| n.tone) {
        Some(Tone::Concern) => format!("⚠ {text}"),
        _ => text.to_owned(),
    };
    let response = ui.label(highlight(RichText::new(shown), notable, kind));
    accessible_value(&response, name, text);
    if let Some(n) = notable {
        response.on_hover_text(&n.why);
    }
}

/// Names a value for accessibility: `name` as its label, `text` as its value.
fn accessible_value(response: &egui::Response, name: &str, text: &str) {
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Cell, true, name);
        info.current_text_value = Some(text.to_owned());
        info
    });
}

/// Warnings by severity, each in its colour, as one label ("1 danger, 3 warning, 2 info").
fn warnings_value(
    ui: &mut egui::Ui,
    kind: VariantKind,
    f: &VariantFigures,
    notable: Option<&Notable>,
) {
    let mut job = egui::text::LayoutJob::default();
    let mut plain = Vec::new();
    if notable.is_some() {
        highlight(RichText::new("⚠ "), notable, kind).append_to(
            &mut job,
            ui.style(),
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    }
    for (i, s) in [Severity::Danger, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        let n = f.count(s);
        let part = format!("{}{n} {}", if i > 0 { ", " } else { "" }, s.code());
        plain.push(format!("{n} {}", s.code()));
        let mut text = RichText::new(part).color(severity_color(s));
        if n > 0 && s >= Severity::Warning {
            text = text.strong();
        }
        highlight(text, notable, kind).append_to(
            &mut job,
            ui.style(),
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    }
    let response = ui.label(job);
    accessible_value(
        &response,
        &figure_name(kind, Figure::Warnings, f),
        &plain.join(", "),
    );
    if let Some(n) = notable {
        response.on_hover_text(&n.why);
    }
}

/// Phase-coloured weekly load bars ([`crate::model::Week::load_au`], as the overlay and the
/// season timeline draw them); down weeks are paler.
fn mini_timeline(ui: &mut egui::Ui, draft: &SeasonDraft, weekly_load: &[(chrono::NaiveDate, f64)]) {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), 56.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let n = draft.weeks.len().max(1) as f32;
    let w = rect.width() / n;
    let max = weekly_load.iter().map(|(_, l)| *l).fold(1.0, f64::max);
    for (i, (week, (_, load))) in draft.weeks.iter().zip(weekly_load).enumerate() {
        let h = (load / max) as f32 * 44.0;
        let x = rect.left() + i as f32 * w;
        painter.rect_filled(
            Rect::from_min_max(
                Pos2::new(x + 0.5, rect.bottom() - h),
                Pos2::new(x + w - 0.5, rect.bottom()),
            ),
            1.0,
            phase_color(week.phase).gamma_multiply(if week.down_week { 0.4 } else { 0.8 }),
        );
    }
    response.on_hover_text(
        "Weekly load (session RPE × minutes, races included), coloured by phase; paler bars are down weeks.",
    );
}

/// Asks what to do with the coach's own weeks before adopting another variant, showing per
/// week what replacing them would lose.
pub fn adopt_request_ui(ctx: &egui::Context, view: &mut ViewState) {
    let Some(req) = view.adopt_request.clone() else {
        return;
    };
    let mut done = false;
    let n = req.owned.len();
    let modal = egui::Modal::new(egui::Id::unique("adopt_request")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(format!("Adopt the {} variant?", req.variant.code()));
        ui.label(format!(
            "{n} {} from today on {} yours. Replacing {} would lose:",
            plural(n as i64, "week", "weeks"),
            plural(n as i64, "is", "are"),
            plural(n as i64, "it", "them"),
        ));
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .id_salt("adopt_at_stake")
            .show(ui, |ui| {
                for week in &req.owned {
                    week_at_stake_ui(ui, week, req.units);
                }
            });
        ui.add_space(6.0);
        if ui
            .button("Adopt, keep my weeks")
            .on_hover_text("Approved and edited weeks stay as they are")
            .clicked()
        {
            view.reason_prompt = Some(ReasonPrompt::new(
                Edit::Adopt {
                    variant: req.variant,
                    keep: KeepPolicy::KeepCoachWeeks,
                },
                format!(
                    "Adopt the {} variant, keeping {n} of your weeks",
                    req.variant.code(),
                ),
            ));
            done = true;
        }
        if ui
            .button("Adopt and replace them too")
            .on_hover_text("Your approved and edited weeks from today on are replaced by the draft")
            .clicked()
        {
            view.reason_prompt = Some(ReasonPrompt::new(
                Edit::Adopt {
                    variant: req.variant,
                    keep: KeepPolicy::ReplaceDrafts,
                },
                format!(
                    "Adopt the {} variant, replacing {n} of your weeks",
                    req.variant.code(),
                ),
            ));
            done = true;
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    if done || modal.should_close() {
        view.adopt_request = None;
    }
}

/// "Week of Mon 7 Dec: approved, 2450 AU (the draft: 2210 AU)" and one line per session.
fn week_at_stake_ui(ui: &mut egui::Ui, week: &WeekAtStake, units: Units) {
    let what = if week.approved {
        "approved"
    } else {
        "edited sessions"
    };
    let draft = week.draft_load_au.map_or_else(
        || "not in the draft".to_owned(),
        |l| format!("the draft: {l:.0} AU"),
    );
    ui.label(
        RichText::new(format!(
            "Week of {}: {what}, {:.0} AU ({draft})",
            week.start.format("%a %-d %b"),
            week.load_au
        ))
        .strong(),
    );
    for s in &week.sessions {
        let mut line = format!(
            "    {} · {} · {:.0} min",
            s.date.format("%a %-d %b"),
            s.kind.label(),
            s.duration_min
        );
        if let Some(km) = s.distance_km {
            line.push_str(&format!(", {}", units.format_distance(km)));
        }
        let description = short(&s.description, 60);
        if !description.is_empty() {
            line.push_str(&format!(" · {description}"));
        }
        if s.edited {
            line.push_str(" (edited)");
        }
        ui.label(RichText::new(line).small());
    }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}
