//! The season timeline: weeks left to right, phase bands, race markers, weekly load bars
//! (planned and actual), warning badges and a today line. Hover a week for its figures and
//! reasons; click to open it; drag a phase boundary or a race to re-plan live.

pub mod scale;

use chrono::{Datelike, Days, NaiveDate};
use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use self::scale::{
    BOUNDARY_GRAB, Hit, RACE_FLAG_HALF_WIDTH, TimelineRows, TimelineScale, hit_test, race_x,
};
use super::style::{phase_color, severity_color};
use super::{Tab, ViewState};
use crate::app::{Command, Edit, PeaklineApp};
use crate::engine::analysis::PlanFigures;
use crate::model::{PhaseKind, Plan, Priority, Reason, ReasonPick, Severity, Warning, Week};

const PHASE_ROW: f32 = 26.0;
const RACE_ROW: f32 = 30.0;
/// Height of the load bars: at least this, and up to [`BARS_MAX`] on a tall window (the
/// share of the height the races and phases lists below do not need).
const BARS: f32 = 170.0;
const BARS_MAX: f32 = 380.0;
const AXIS: f32 = 22.0;
/// Zoom limits: a week no narrower than a bar can show, no wider than a quarter of a screen.
const MIN_PX_PER_WEEK: f32 = 8.0;
const MAX_PX_PER_WEEK: f32 = 160.0;

/// View state of the timeline (zoom, a drag in progress and its live re-plan).
#[derive(Clone, Debug, Default)]
pub struct TimelineState {
    /// Zoom; `None` fits the season to the window.
    pub px_per_week: Option<f32>,
    pub drag: Option<TimelineDrag>,
    /// A drag that started off the handles: it pans the timeline until released.
    pub panning: bool,
}

/// What is being dragged, and the re-planned plan shown while dragging.
#[derive(Clone, Debug)]
pub struct TimelineDrag {
    pub target: DragTarget,
    pub current: NaiveDate,
    pub preview: Option<Box<Plan>>,
    /// Released: the edit waits in the reason prompt, and the timeline keeps showing its
    /// re-plan until the coach records it (or cancels, which drops the drag).
    pub awaiting_reason: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DragTarget {
    Boundary {
        kind: PhaseKind,
        original: NaiveDate,
    },
    Race {
        index: usize,
        original: NaiveDate,
    },
}

impl DragTarget {
    /// Where the dragged thing was before the drag.
    pub fn original(&self) -> NaiveDate {
        match *self {
            Self::Boundary { original, .. } | Self::Race { original, .. } => original,
        }
    }

    /// The edit this drag makes when it ends at `date`.
    pub fn edit(&self, plan: &Plan, date: NaiveDate) -> Option<Edit> {
        match *self {
            Self::Boundary { kind, original } => {
                (date != original).then_some(Edit::MovePhase { kind, start: date })
            }
            Self::Race { index, original } => {
                let mut race = plan.races.get(index)?.clone();
                race.date = date;
                (date != original).then_some(Edit::UpdateRace { index, race })
            }
        }
    }
}

/// The weeks the timeline shows: the adopted plan, or the moderate draft before adoption.
pub fn shown_weeks(plan: &Plan) -> &[Week] {
    if !plan.weeks().is_empty() {
        return plan.weeks();
    }
    plan.variants
        .get(crate::model::VariantKind::Moderate)
        .map_or(&[], |d| d.weeks.as_slice())
}

/// Draws the timeline with its toolbar.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    figures: &PlanFigures,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let fit = {
        let weeks = shown_weeks(app.doc.plan()).len().max(1) as f32;
        ((ui.available_width() - 30.0) / weeks).clamp(MIN_PX_PER_WEEK, MAX_PX_PER_WEEK)
    };
    let zoom_now = view.timeline.px_per_week.unwrap_or(fit);
    ui.horizontal(|ui| {
        if super::style::icon_button(
            ui,
            zoom_now > MIN_PX_PER_WEEK,
            egui::Button::new("🔍−"),
            "Zoom out (Ctrl+scroll on the timeline)",
        )
        .clicked()
        {
            view.timeline.px_per_week = Some((zoom_now / 1.25).max(MIN_PX_PER_WEEK));
        }
        if super::style::icon_button(
            ui,
            zoom_now < MAX_PX_PER_WEEK,
            egui::Button::new("🔍+"),
            "Zoom in (Ctrl+scroll on the timeline)",
        )
        .clicked()
        {
            view.timeline.px_per_week = Some((zoom_now * 1.25).min(MAX_PX_PER_WEEK));
        }
        if ui
            .button("Fit")
            .on_hover_text("Fit the whole season in the window")
            .clicked()
        {
            view.timeline.px_per_week = None;
        }
        ui.separator();
        if ui
            .button("➕ Add race…")
            .on_hover_text("Add a race; the draft weeks re-plan around it")
            .clicked()
        {
            view.race_dialog = Some(super::races::RaceDialog::new_race(app));
        }
        if ui
            .button("⟳ Re-plan drafts")
            .on_hover_text("Draft the weeks again from the athlete, races and guardrails; approved and edited weeks stay")
            .clicked()
        {
            out.push(Command::Edit(
                Edit::Replan(crate::engine::adopt::KeepPolicy::KeepCoachWeeks),
                Reason::new(Some(ReasonPick::CoachJudgement), "Re-planned from the timeline"),
            ));
        }
        ui.separator();
        legend_ui(ui);
    });

    // While dragging, the live re-plan is drawn (a copy: the drag state keeps changing).
    let drag_preview: Option<Box<Plan>> =
        view.timeline.drag.as_ref().and_then(|d| d.preview.clone());
    let plan = drag_preview.as_deref().unwrap_or(app.doc.plan());
    let weeks = shown_weeks(plan);
    let Some(first) = weeks.first() else {
        ui.label("No weeks yet: add a race and generate the season (File ➡ New season…).");
        return;
    };
    let n_weeks = weeks.len() as f32;
    let px_per_week = view.timeline.px_per_week.unwrap_or(fit);
    let width = (n_weeks * px_per_week + 24.0).max(ui.available_width());
    let bars_h = ((ui.available_height() - 300.0) * 0.6).clamp(BARS, BARS_MAX);
    let height = PHASE_ROW + RACE_ROW + bars_h + AXIS;
    // Ctrl+scroll zooms.
    let zoom = ui.input(|i| {
        if i.modifiers.command {
            i.smooth_scroll_delta.y
        } else {
            0.0
        }
    });
    egui::ScrollArea::horizontal()
        .id_salt("timeline_scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            // One widget for the whole canvas: what the pointer is on comes from the same
            // scale and rows the drawing uses (`scale::hit_test`). A drag that starts on a
            // handle moves it; one that starts elsewhere pans the timeline.
            let (rect, response) =
                ui.allocate_exact_size(Vec2::new(width, height), Sense::click_and_drag());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Season timeline")
            });
            if response.hovered() && zoom != 0.0 {
                let factor = (1.0 + zoom * 0.002).clamp(0.8, 1.25);
                view.timeline.px_per_week =
                    Some((px_per_week * factor).clamp(MIN_PX_PER_WEEK, MAX_PX_PER_WEEK));
            }
            let scale = TimelineScale {
                start: first.start,
                left: rect.left() + 12.0,
                px_per_day: px_per_week / 7.0,
            };
            let rows = TimelineRows {
                top: rect.top(),
                phase_h: PHASE_ROW,
                race_h: RACE_ROW,
                bars_h,
            };
            let base = app.doc.plan();
            let hovered = response.hover_pos().and_then(|p| {
                hit_test(
                    &scale,
                    &rows,
                    &base.season.phases,
                    &base.races,
                    weeks,
                    p.x,
                    p.y,
                )
            });
            let painter = ui.painter_at(rect);
            let visuals = ui.visuals().clone();
            let figures_shown = if drag_preview.is_some() {
                None
            } else {
                Some(figures)
            };
            let canvas = Canvas { scale, rows, rect };
            paint(
                &painter,
                &visuals,
                &canvas,
                plan,
                weeks,
                figures_shown,
                app.today,
                view.selected_week,
                view.timeline
                    .drag
                    .as_ref()
                    // The dragged boundary is drawn where the drag has it now.
                    .map_or(hovered, |d| match d.target {
                        DragTarget::Boundary { kind, .. } => Some(Hit::Boundary(kind, d.current)),
                        DragTarget::Race { index, .. } => Some(Hit::Race(index)),
                    }),
            );
            accessibility_ui(ui, &canvas, app, weeks, view);
            interact(ui, &response, &canvas, hovered, app, weeks, figures, view);
        });
    if let Some(drag) = &view.timeline.drag {
        ui.label(
            egui::RichText::new(match drag.target {
                DragTarget::Boundary { kind, .. } => format!(
                    "Moving the {} start to {} — release, then say why; Esc cancels",
                    kind.label().to_lowercase(),
                    drag.current.format("%a %-d %b")
                ),
                DragTarget::Race { .. } => format!(
                    "Moving the race to {} — release, then say why; Esc cancels",
                    drag.current.format("%a %-d %b %Y")
                ),
            })
            .italics(),
        );
    }
}

fn legend_ui(ui: &mut egui::Ui) {
    for kind in PhaseKind::ALL {
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, phase_color(kind));
        ui.label(egui::RichText::new(kind.label()).small());
    }
}

/// Where the timeline is drawn: the date ↔ x mapping, the rows, and the canvas rectangle.
struct Canvas {
    scale: TimelineScale,
    rows: TimelineRows,
    rect: Rect,
}

#[allow(clippy::too_many_arguments)]
fn paint(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    canvas: &Canvas,
    plan: &Plan,
    weeks: &[Week],
    figures: Option<&PlanFigures>,
    today: NaiveDate,
    selected: Option<NaiveDate>,
    active: Option<Hit>,
) {
    let Canvas { scale, rows, rect } = canvas;
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let top = rows.top;
    let bars_top = rows.bars_top();
    let bars_bottom = rows.bars_bottom();
    let font = FontId::proportional(12.0);
    let small = FontId::proportional(10.5);

    // Phase bands with labels.
    for phase in &plan.season.phases {
        let x0 = scale.x_from_date(phase.start);
        let x1 = scale.x_from_date(phase.end + Days::new(1));
        let band = Rect::from_min_max(
            Pos2::new(x0, top + 2.0),
            Pos2::new(x1, top + PHASE_ROW - 2.0),
        );
        painter.rect_filled(band, 3.0, phase_color(phase.kind));
        if band.width() > 44.0 {
            painter.text(
                band.center(),
                Align2::CENTER_CENTER,
                phase.kind.label(),
                font.clone(),
                Color32::WHITE,
            );
        }
        // Drag handle on draggable boundaries: a grip the width that grabs it.
        if scale::is_draggable(phase.kind) {
            let active = active == Some(Hit::Boundary(phase.kind, phase.start));
            painter.line_segment(
                [Pos2::new(x0, top), Pos2::new(x0, bars_bottom)],
                Stroke::new(
                    if active { 2.5 } else { 1.0 },
                    phase_color(phase.kind).gamma_multiply(if active { 1.0 } else { 0.6 }),
                ),
            );
            let grip = Rect::from_center_size(
                Pos2::new(x0, top + PHASE_ROW / 2.0),
                Vec2::new(3.0, PHASE_ROW - 10.0),
            );
            painter.rect_filled(grip, 1.0, Color32::WHITE.gamma_multiply(0.8));
        }
    }
    // Race markers.
    for (index, race) in plan.races.iter().enumerate() {
        let x = race_x(scale, race.date);
        let color = match race.priority {
            Priority::A => Color32::from_rgb(200, 40, 40),
            Priority::B => Color32::from_rgb(230, 140, 30),
            Priority::C => Color32::from_rgb(110, 110, 120),
        };
        let y = rows.races_top() + 4.0;
        painter.line_segment(
            [Pos2::new(x, y), Pos2::new(x, bars_bottom)],
            Stroke::new(1.0, color.gamma_multiply(0.5)),
        );
        let flag = Rect::from_min_max(
            Pos2::new(x - RACE_FLAG_HALF_WIDTH, y),
            Pos2::new(x + RACE_FLAG_HALF_WIDTH, y + 16.0),
        );
        painter.rect_filled(flag, 3.0, color);
        if active == Some(Hit::Race(index)) {
            painter.rect_stroke(
                flag.expand(1.5),
                3.0,
                Stroke::new(1.5, text_color),
                StrokeKind::Outside,
            );
        }
        painter.text(
            flag.center(),
            Align2::CENTER_CENTER,
            race.priority.letter(),
            FontId::proportional(11.0),
            Color32::WHITE,
        );
        painter.text(
            Pos2::new(x + 12.0, y + 8.0),
            Align2::LEFT_CENTER,
            &race.name,
            small.clone(),
            text_color,
        );
    }
    // Load bars: planned (light) and actual (dark), scaled to the season's highest week.
    let actual = figures.map_or(&[][..], |f| f.week_actual_load.as_slice());
    let max_load = weeks
        .iter()
        .map(Week::load_au)
        .chain(actual.iter().flatten().copied())
        .fold(1.0, f64::max);
    let bar_w = scale.px_per_week() * 0.7;
    for (i, week) in weeks.iter().enumerate() {
        let x0 = scale.x_from_date(week.start) + scale.px_per_week() * 0.15;
        let planned_h = (week.load_au() / max_load) as f32 * (rows.bars_h - 22.0);
        let bar = Rect::from_min_max(
            Pos2::new(x0, bars_bottom - planned_h),
            Pos2::new(x0 + bar_w, bars_bottom),
        );
        let base = phase_color(week.phase);
        painter.rect_filled(
            bar,
            2.0,
            base.gamma_multiply(if week.down_week { 0.35 } else { 0.55 }),
        );
        if week.status == crate::model::WeekStatus::Approved {
            painter.rect_stroke(bar, 2.0, Stroke::new(1.5, base), StrokeKind::Inside);
        }
        if let Some(Some(load)) = actual.get(i) {
            let h = (*load / max_load) as f32 * (rows.bars_h - 22.0);
            let a = Rect::from_min_max(
                Pos2::new(x0 + bar_w * 0.3, bars_bottom - h),
                Pos2::new(x0 + bar_w * 0.7, bars_bottom),
            );
            painter.rect_filled(a, 1.0, text_color.gamma_multiply(0.8));
        }
        if selected == Some(week.start) {
            painter.rect_stroke(
                bar.expand(2.0),
                3.0,
                Stroke::new(2.0, visuals.selection.stroke.color),
                StrokeKind::Outside,
            );
        }
        // Warning badge: the worst severity of the week, with the count.
        if let Some(f) = figures {
            let ws: Vec<&Warning> = f
                .warnings
                .iter()
                .filter(|w| w.week == Some(week.start))
                .collect();
            if let Some(worst) = ws.iter().map(|w| w.severity).max()
                && worst >= Severity::Warning
            {
                let c = Pos2::new(x0 + bar_w / 2.0, bars_bottom - planned_h - 9.0);
                painter.circle_filled(c, 7.0, severity_color(worst));
                painter.text(
                    c,
                    Align2::CENTER_CENTER,
                    ws.len().to_string(),
                    small.clone(),
                    Color32::WHITE,
                );
            }
        }
    }
    // Axis: month labels at the first week of each month.
    let mut last_month = 0;
    let mut last_x = f32::NEG_INFINITY;
    for week in weeks {
        if week.start.month() != last_month {
            last_month = week.start.month();
            let x = scale.x_from_date(week.start);
            // Labels too close to the previous one are left out rather than overlapping.
            if x - last_x < 64.0 {
                continue;
            }
            last_x = x;
            painter.text(
                Pos2::new(x, bars_bottom + 4.0),
                Align2::LEFT_TOP,
                week.start.format("%b %Y").to_string(),
                small.clone(),
                weak,
            );
        }
    }
    // Today.
    let tx = scale.x_from_date(today);
    if tx >= rect.left() && tx <= rect.right() {
        painter.line_segment(
            [Pos2::new(tx, top), Pos2::new(tx, bars_bottom)],
            Stroke::new(2.0, Color32::from_rgb(220, 50, 50)),
        );
        painter.text(
            Pos2::new(tx + 3.0, bars_top),
            Align2::LEFT_TOP,
            "today",
            small,
            Color32::from_rgb(220, 50, 50),
        );
    }
}

/// Accessible nodes for the canvas' parts (screen readers, and tests by label): each week
/// column, each draggable boundary and each race flag, where they are drawn. A screen
/// reader's "click" on a week opens it, on a race edits it.
fn accessibility_ui(
    ui: &egui::Ui,
    canvas: &Canvas,
    app: &PeaklineApp,
    weeks: &[Week],
    view: &mut ViewState,
) {
    let Canvas { scale, rows, .. } = canvas;
    let base = app.doc.plan();
    let node = |id: egui::Id, role: egui::accesskit::Role, label: &str, r: Rect| {
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_role(role);
            node.set_label(label);
            node.set_bounds(egui::accesskit::Rect {
                x0: r.min.x.into(),
                y0: r.min.y.into(),
                x1: r.max.x.into(),
                y1: r.max.y.into(),
            });
            node.add_action(egui::accesskit::Action::Click);
        });
        ui.input(|i| i.has_accesskit_action_request(id, egui::accesskit::Action::Click))
    };
    for phase in base
        .season
        .phases
        .iter()
        .filter(|p| scale::is_draggable(p.kind))
    {
        let x = scale.x_from_date(phase.start);
        node(
            egui::Id::unique(("timeline_boundary", phase.kind, phase.start)),
            egui::accesskit::Role::Slider,
            &format!(
                "{} start, {}",
                phase.kind.label(),
                phase.start.format("%-d %b %Y")
            ),
            Rect::from_min_max(
                Pos2::new(x - BOUNDARY_GRAB, rows.top),
                Pos2::new(x + BOUNDARY_GRAB, rows.races_top()),
            ),
        );
    }
    for (index, race) in base.races.iter().enumerate() {
        let x = race_x(scale, race.date);
        let clicked = node(
            egui::Id::unique(("timeline_race", index)),
            egui::accesskit::Role::Slider,
            &format!(
                "Race {} ({}), {}",
                race.name,
                race.priority.letter(),
                race.date.format("%-d %b %Y")
            ),
            Rect::from_min_max(
                Pos2::new(x - RACE_FLAG_HALF_WIDTH, rows.races_top()),
                Pos2::new(x + RACE_FLAG_HALF_WIDTH, rows.bars_top()),
            ),
        );
        if clicked {
            view.race_dialog = Some(super::races::RaceDialog::edit(index, race, app.prefs.units));
        }
    }
    for week in weeks {
        let x0 = scale.x_from_date(week.start);
        let clicked = node(
            egui::Id::unique(("timeline_week", week.start)),
            egui::accesskit::Role::Button,
            &format!(
                "Week of {}, {}, {:.0} AU planned",
                week.start.format("%-d %b %Y"),
                week.phase.label(),
                week.load_au()
            ),
            Rect::from_min_max(
                Pos2::new(x0, rows.bars_top()),
                Pos2::new(x0 + scale.px_per_week(), rows.bars_bottom()),
            ),
        );
        if clicked {
            open_week(view, week.start);
        }
    }
}

fn open_week(view: &mut ViewState, start: NaiveDate) {
    view.selected_week = Some(start);
    view.selected_day = None;
    view.selected_session = None;
    view.tab = Tab::Week;
}

/// Pointer input on the canvas: hover tooltips, clicks on weeks and races, and dragging a
/// boundary or a race with a live re-plan, handed to the reason prompt on release (one edit,
/// one undo step, once the coach says why).
#[allow(clippy::too_many_arguments)]
fn interact(
    ui: &mut egui::Ui,
    response: &egui::Response,
    canvas: &Canvas,
    hovered: Option<Hit>,
    app: &PeaklineApp,
    weeks: &[Week],
    figures: &PlanFigures,
    view: &mut ViewState,
) {
    if let Some(drag) = &view.timeline.drag
        && drag.awaiting_reason
    {
        // The prompt answered (recorded or cancelled): the drag is over either way.
        if view.reason_prompt.is_none() {
            view.timeline.drag = None;
        }
        return;
    }
    let scale = &canvas.scale;
    let base = app.doc.plan();
    let hit_at = |pos: Pos2| {
        hit_test(
            scale,
            &canvas.rows,
            &base.season.phases,
            &base.races,
            weeks,
            pos.x,
            pos.y,
        )
    };
    if response.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin());
        let target = origin.and_then(hit_at).and_then(|hit| match hit {
            Hit::Boundary(kind, original) => Some(DragTarget::Boundary { kind, original }),
            Hit::Race(index) => base.races.get(index).map(|r| DragTarget::Race {
                index,
                original: r.date,
            }),
            Hit::Week(_) => None,
        });
        view.timeline.drag = target.map(|target| TimelineDrag {
            target,
            current: target.original(),
            preview: None,
            awaiting_reason: false,
        });
        view.timeline.panning = target.is_none();
    }
    if response.drag_stopped() || !response.dragged() {
        view.timeline.panning = false;
    }
    if view.timeline.panning {
        // Not on a handle: the drag pans, as dragging a scroll area's background does.
        ui.scroll_with_delta_animation(
            Vec2::new(response.drag_delta().x, 0.0),
            egui::style::ScrollAnimation::none(),
        );
    }
    if view.timeline.drag.is_some() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        view.timeline.drag = None;
    }
    if let Some(drag) = view.timeline.drag.as_mut() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
        let target = drag.target;
        if let Some(pos) = ui.ctx().pointer_interact_pos()
            && (response.dragged() || response.drag_stopped())
        {
            let date = match target {
                DragTarget::Boundary { kind, .. } => {
                    let day = scale.nearest_day_edge(pos.x);
                    if kind == PhaseKind::Taper {
                        day
                    } else {
                        base.season.week_start.week_of(day)
                    }
                }
                DragTarget::Race { original, .. } => {
                    scale::dragged_race_date(scale, original, pos.x - race_x(scale, original))
                }
            };
            if date != drag.current || drag.preview.is_none() {
                drag.current = date;
                // Live re-plan: the same edit the release will make, on a scratch copy.
                drag.preview = target.edit(base, date).and_then(|edit| {
                    let mut scratch = base.clone();
                    crate::app::edit::apply(&mut scratch, &edit, app.today)
                        .ok()
                        .map(|_| Box::new(scratch))
                });
            }
        }
        if response.drag_stopped() {
            // Like every change of the plan, a drag asks why; until then it stays a preview.
            match target.edit(base, drag.current) {
                Some(edit) => {
                    let when = drag.current.format("%a %-d %b %Y");
                    let what = match target {
                        DragTarget::Boundary { kind, .. } => format!(
                            "Move the start of {} to {when}; the draft weeks re-plan",
                            kind.label().to_lowercase()
                        ),
                        DragTarget::Race { index, .. } => format!(
                            "Move {} to {when}; the draft weeks re-plan",
                            base.races
                                .get(index)
                                .map_or("the race", |r| r.name.as_str())
                        ),
                    };
                    drag.awaiting_reason = true;
                    view.reason_prompt = Some(super::ReasonPrompt::new(edit, what));
                }
                None => view.timeline.drag = None,
            }
        }
        return;
    }
    match hovered {
        Some(Hit::Boundary(kind, start)) => {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(format!(
                    "{} starts {}: drag to move it; the draft weeks re-plan",
                    kind.label(),
                    start.format("%a %-d %b %Y")
                ));
            });
        }
        Some(Hit::Race(index)) => {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
            if let Some(race) = base.races.get(index) {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.strong(format!("{} ({})", race.name, race.priority.letter()));
                    ui.label(format!(
                        "{} · {}",
                        race.date.format("%a %-d %b %Y"),
                        app.prefs.units.format_distance(race.distance_km)
                    ));
                    ui.label(
                        egui::RichText::new("Drag to move it by whole weeks; click to edit")
                            .weak()
                            .small(),
                    );
                });
            }
        }
        Some(Hit::Week(i)) => {
            if let Some(week) = weeks.get(i) {
                let actual = figures.week_actual_load.get(i).copied().flatten();
                response.clone().on_hover_ui_at_pointer(|ui| {
                    week_tooltip_ui(ui, app, week, actual, &figures.warnings);
                });
            }
        }
        None => {}
    }
    if response.clicked() {
        match response.interact_pointer_pos().and_then(hit_at) {
            Some(Hit::Week(i)) => {
                if let Some(week) = weeks.get(i) {
                    open_week(view, week.start);
                }
            }
            Some(Hit::Race(index)) => {
                if let Some(race) = base.races.get(index) {
                    view.race_dialog =
                        Some(super::races::RaceDialog::edit(index, race, app.prefs.units));
                }
            }
            Some(Hit::Boundary(..)) | None => {}
        }
    }
}

fn week_tooltip_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    week: &Week,
    actual: Option<f64>,
    warnings: &[Warning],
) {
    ui.set_max_width(360.0);
    ui.strong(format!(
        "Week of {} · {}{}",
        week.start.format("%-d %b %Y"),
        week.phase.label(),
        if week.down_week {
            " (lighter week)"
        } else {
            ""
        }
    ));
    ui.label(format!(
        "Planned {:.0} AU · {} · {} · {} hard",
        week.load_au(),
        app.prefs.units.format_distance(week.distance_km()),
        super::style::format_minutes(week.duration_min()),
        week.hard_sessions()
    ));
    if let Some(a) = actual {
        ui.label(format!(
            "Actual {a:.0} AU ({:.0} % of plan)",
            a / week.load_au().max(1.0) * 100.0
        ));
    }
    ui.separator();
    ui.label(egui::RichText::new(&week.rationale).small());
    for w in warnings.iter().filter(|w| w.week == Some(week.start)) {
        ui.label(
            egui::RichText::new(format!("• {}", w.message))
                .color(severity_color(w.severity))
                .small(),
        );
    }
    ui.label(egui::RichText::new("Click to open the week").weak().small());
}
