//! Compare the three variants side by side: compact timelines, key figures, overlaid weekly
//! load and fitness curves, and "Adopt this variant".

use eframe::egui::{self, Color32, Pos2, Rect, RichText, Sense, Vec2};
use egui_plot::{Legend, Line, Plot};

use super::plots::{date_from_x, x_from_date};
use super::style::{phase_color, severity_color};
use super::{ReasonPrompt, ViewState};
use crate::app::{Edit, PeaklineApp};
use crate::engine::adopt::{KeepPolicy, is_kept};
use crate::engine::analysis::season_pmc;
use crate::engine::compare::VariantFigures;
use crate::model::{SeasonDraft, Severity, VariantKind, plural};

const VARIANT_COLORS: [Color32; 3] = [
    Color32::from_rgb(76, 163, 121),
    Color32::from_rgb(60, 130, 200),
    Color32::from_rgb(215, 80, 60),
];

/// An adopt request waiting for the coach's choice about their own weeks.
#[derive(Clone, Debug)]
pub struct AdoptRequest {
    pub variant: VariantKind,
    /// Weeks of the current plan the coach owns (approved, edited or past).
    pub owned: Vec<chrono::NaiveDate>,
}

/// The compare screen. `figures` holds the engine's figures for the three drafts.
pub fn compare_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    figures: &[(VariantKind, VariantFigures)],
    view: &mut ViewState,
) {
    let plan = app.doc.plan();
    let drafts: Vec<&SeasonDraft> = plan.variants.iter().collect();
    if drafts.is_empty() {
        ui.label("No drafts yet: add a race and re-plan.");
        return;
    }
    let adopted = plan.plan.as_ref().map(|p| p.variant);
    egui::ScrollArea::vertical()
        .id_salt("compare")
        .show(ui, |ui| {
            ui.columns(3, |cols| {
                for (col, (kind, f)) in cols.iter_mut().zip(figures) {
                    let Some(draft) = plan.variants.get(*kind) else {
                        continue;
                    };
                    column_ui(
                        col,
                        app,
                        *kind,
                        draft,
                        f,
                        figures,
                        adopted == Some(*kind),
                        view,
                    );
                }
            });
            ui.add_space(8.0);
            ui.strong("Weekly training load (AU)");
            overlay(ui, "cmp_load", &drafts, |d| {
                d.weeks
                    .iter()
                    .map(|w| [x_from_date(w.start) + 3.5, w.training_load_au()])
                    .collect()
            });
            ui.strong("Fitness");
            overlay(ui, "cmp_fitness", &drafts, |d| {
                season_pmc(&d.weeks, d.pmc_start, plan)
                    .iter()
                    .map(|p| [x_from_date(p.date), p.fitness])
                    .collect()
            });
        });
}

fn overlay(
    ui: &mut egui::Ui,
    id: &str,
    drafts: &[&SeasonDraft],
    f: impl Fn(&SeasonDraft) -> Vec<[f64; 2]>,
) {
    Plot::new(id)
        .height(200.0)
        .legend(Legend::default())
        .link_axis(egui::Id::unique("cmp_x"), [true, false])
        .x_axis_formatter(|m, _| date_from_x(m.value).format("%-d %b").to_string())
        .show(ui, |p| {
            for d in drafts {
                let i = d.variant as usize;
                p.line(
                    Line::new(d.variant.label(), f(d))
                        .color(VARIANT_COLORS[i % 3])
                        .width(2.0),
                );
            }
        });
}

#[allow(clippy::too_many_arguments)]
fn column_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    kind: VariantKind,
    draft: &SeasonDraft,
    f: &VariantFigures,
    all: &[(VariantKind, VariantFigures)],
    is_adopted: bool,
    view: &mut ViewState,
) {
    let color = VARIANT_COLORS[kind as usize % 3];
    ui.horizontal(|ui| {
        ui.heading(RichText::new(kind.label()).color(color));
        if is_adopted {
            ui.label(RichText::new("adopted").small().weak());
        }
    });
    mini_timeline(ui, draft);
    let units = app.prefs.units;
    // Highlight: the highest load figures and any danger warnings stand out.
    let max =
        |g: fn(&VariantFigures) -> f64| all.iter().map(|(_, x)| g(x)).fold(f64::MIN, f64::max);
    let strong_if = |text: String, is_max: bool| {
        let t = RichText::new(text);
        if is_max { t.strong() } else { t }
    };
    egui::Grid::new(("cmp_grid", kind as u8))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("Peak weekly load");
            ui.label(strong_if(
                format!("{:.0} AU", f.peak_week_load),
                f.peak_week_load >= max(|x| x.peak_week_load),
            ));
            ui.end_row();
            ui.label("Total load");
            ui.label(strong_if(
                format!("{:.0} AU", f.total_load),
                f.total_load >= max(|x| x.total_load),
            ));
            ui.end_row();
            ui.label("Peak weekly distance");
            ui.label(units.format_distance(f.peak_week_km));
            ui.end_row();
            ui.label("Longest long run");
            ui.label(units.format_distance(f.longest_long_run_km));
            ui.end_row();
            ui.label("Hard sessions");
            ui.label(format!(
                "{} in all, {} at peak",
                f.hard_sessions, f.hard_at_peak
            ));
            ui.end_row();
            ui.label("Taper");
            ui.label(format!("{:.1} weeks", f.taper_weeks));
            ui.end_row();
            for r in &f.race_day {
                ui.label(format!("{} day", r.race));
                ui.label(format!("fitness {:.0}, form {:+.0}", r.fitness, r.form));
                ui.end_row();
            }
            ui.label("Warnings");
            ui.horizontal(|ui| {
                for s in [Severity::Danger, Severity::Warning, Severity::Info] {
                    let n = f.count(s);
                    let text = RichText::new(format!("{n} {}", s.code())).color(severity_color(s));
                    ui.label(if n > 0 && s >= Severity::Warning {
                        text.strong()
                    } else {
                        text
                    });
                }
            });
            ui.end_row();
        });
    for w in f
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
        let plan = app.doc.plan();
        let owned: Vec<_> = plan
            .weeks()
            .iter()
            .filter(|w| is_kept(w, KeepPolicy::KeepCoachWeeks, app.today))
            .filter(|w| w.end() >= app.today)
            .map(|w| w.start)
            .collect();
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
            });
        }
    }
}

fn mini_timeline(ui: &mut egui::Ui, draft: &SeasonDraft) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), 56.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let n = draft.weeks.len().max(1) as f32;
    let w = rect.width() / n;
    let max = draft.weeks.iter().map(|x| x.load_au()).fold(1.0, f64::max);
    for (i, week) in draft.weeks.iter().enumerate() {
        let h = (week.load_au() / max) as f32 * 44.0;
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
}

/// Asks what to do with the coach's own weeks before adopting another variant.
pub fn adopt_request_ui(ctx: &egui::Context, view: &mut ViewState) {
    let Some(req) = view.adopt_request.clone() else {
        return;
    };
    let mut done = false;
    let modal = egui::Modal::new(egui::Id::unique("adopt_request")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(format!("Adopt the {} variant?", req.variant.code()));
        ui.label(format!(
            "{} {} from today on {} yours (approved or edited): {}.",
            req.owned.len(),
            plural(req.owned.len() as i64, "week", "weeks"),
            plural(req.owned.len() as i64, "is", "are"),
            req.owned
                .iter()
                .map(|d| d.format("%-d %b").to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
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
                    "Adopt the {} variant, keeping {} of your weeks",
                    req.variant.code(),
                    req.owned.len()
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
                    "Adopt the {} variant, replacing {} of your weeks",
                    req.variant.code(),
                    req.owned.len()
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
