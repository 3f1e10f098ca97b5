//! egui panels. Each draws from the app's state and returns [`Command`]s; none of them
//! changes the document or computes a plan itself (they call the engine for figures).

mod athlete_panel;
pub mod athlete_view;
mod change_log;
pub mod compare;
pub mod dashboard;
mod data_dialogs;
mod menu;
pub mod plots;
mod prompts;
pub mod races;
mod reason;
pub mod review;
mod session_dialog;
pub mod style;
pub mod timeline;
mod warnings_panel;
mod week_editor;
mod wizard;

use std::rc::Rc;

use chrono::NaiveDate;
use eframe::egui;

use crate::app::{Command, PeaklineApp, Role};
use crate::engine::analysis::{PlanFigures, plan_figures};
use crate::model::SessionId;

pub use reason::ReasonPrompt;
pub use session_dialog::SessionDialog;
pub use wizard::Wizard;

/// The workspace's screens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Season,
    Week,
    Compare,
    Plots,
    Dashboard,
    Reviews,
    Athlete,
    ChangeLog,
    Warnings,
}

impl Tab {
    const ALL: [(Tab, &'static str, &'static str); 9] = [
        (
            Tab::Season,
            "Season",
            "The season timeline: phases, races and weekly load",
        ),
        (
            Tab::Week,
            "Week",
            "The selected week's sessions, day by day",
        ),
        (
            Tab::Compare,
            "Compare",
            "Conservative, moderate and aggressive drafts side by side",
        ),
        (
            Tab::Plots,
            "Plots",
            "Planned versus actual load, fitness, performance and wellness",
        ),
        (
            Tab::Dashboard,
            "Dashboard",
            "This week's key signals in ten minutes",
        ),
        (
            Tab::Reviews,
            "Reviews",
            "Weekly review, what-if scenarios, monthly audit and season retrospective",
        ),
        (
            Tab::Athlete,
            "Athlete & guardrails",
            "The athlete profile and the coach's limits",
        ),
        (
            Tab::ChangeLog,
            "Change log",
            "Every change to the plan, with its reason",
        ),
        (
            Tab::Warnings,
            "Warnings",
            "Every rule the plan breaks, worst first",
        ),
    ];
}

/// View-only state: what is selected and which panels and dialogs are open. Never saved in
/// a plan.
#[derive(Clone, Default)]
pub struct ViewState {
    pub tab: Tab,
    pub selected_week: Option<NaiveDate>,
    /// The day highlighted in the week editor (arrow keys, a warning's day).
    pub selected_day: Option<NaiveDate>,
    pub selected_session: Option<SessionId>,
    pub timeline: timeline::TimelineState,
    pub session_dialog: Option<SessionDialog>,
    pub reason_prompt: Option<ReasonPrompt>,
    pub race_dialog: Option<races::RaceDialog>,
    pub wizard: Option<Wizard>,
    pub athlete_form: Option<athlete_panel::AthleteForm>,
    /// The document revision a profile or guardrails edit produced: the athlete panel offers
    /// to re-plan while the plan is still at it.
    pub replan_offer: Option<u64>,
    pub change_log: change_log::ChangeLogView,
    pub adopt_request: Option<compare::AdoptRequest>,
    pub athlete_tab: athlete_view::AthleteTab,
    pub log_dialog: Option<athlete_view::LogDialog>,
    pub check_in: Option<athlete_view::CheckIn>,
    pub reviews: review::ReviewsView,
    /// Figures of the current revision: computed once per change, not every frame.
    figures: Option<(u64, Rc<PlanFigures>)>,
    derived: Option<(u64, Rc<Derived>)>,
}

/// What the compare, plots and dashboard screens show, from the engine, per revision.
pub struct Derived {
    pub compare: compare::CompareData,
    pub plots: plots::PlotData,
    pub signals: Vec<crate::engine::dashboard::Signal>,
    pub agenda: crate::engine::agenda::Agenda,
}

impl ViewState {
    /// Warnings and actual loads of the document's current revision (cached).
    pub fn figures(&mut self, app: &PeaklineApp) -> Rc<PlanFigures> {
        let revision = app.doc.revision();
        match &self.figures {
            Some((r, f)) if *r == revision => Rc::clone(f),
            _ => {
                let f = Rc::new(plan_figures(app.doc.plan()));
                self.figures = Some((revision, Rc::clone(&f)));
                f
            }
        }
    }

    /// Compare figures, plot data and dashboard signals of the current revision (cached).
    pub fn derived(&mut self, app: &PeaklineApp) -> Rc<Derived> {
        let revision = app.doc.revision();
        if let Some((r, d)) = &self.derived
            && *r == revision
        {
            return Rc::clone(d);
        }
        let plan = app.doc.plan();
        let figures = self.figures(app);
        let d = Rc::new(Derived {
            compare: compare::compute(app),
            plots: plots::compute(app),
            signals: crate::engine::dashboard::signals(plan, app.today, &figures.warnings),
            agenda: crate::engine::agenda::agenda(plan, app.today, &figures.warnings),
        });
        self.derived = Some((revision, Rc::clone(&d)));
        d
    }

    /// Whether a modal dialog is open (keyboard navigation pauses then).
    pub fn dialog_open(&self) -> bool {
        self.session_dialog.is_some()
            || self.reason_prompt.is_some()
            || self.race_dialog.is_some()
            || self.wizard.is_some()
            || self.adopt_request.is_some()
            || self.log_dialog.is_some()
    }
}

/// Draws the whole window for one frame.
pub fn app_ui(ui: &mut egui::Ui, app: &PeaklineApp, view: &mut ViewState) -> Vec<Command> {
    let mut out = Vec::new();
    let figures = view.figures(app);
    egui::Panel::top("menu_bar").show(ui, |ui| {
        menu::menu_bar_ui(ui, app, view, &mut out);
    });
    if app.role == Role::Coach {
        egui::Panel::top("tabs").show(ui, |ui| {
            tabs_ui(ui, app, view, &figures, &mut out);
        });
    }
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        status_bar_ui(ui, app);
    });
    egui::CentralPanel::default_margins().show(ui, |ui| match view.tab {
        _ if app.role == Role::Athlete => athlete_view::athlete_view_ui(ui, app, view, &mut out),
        Tab::Season => season_ui(ui, app, &figures, view, &mut out),
        Tab::Week => week_editor::week_editor_ui(ui, app, &figures, view, &mut out),
        Tab::Compare => {
            let d = view.derived(app);
            compare::compare_ui(ui, app, &d.compare, view);
        }
        Tab::Plots => {
            let d = view.derived(app);
            plots::plots_ui(ui, app, &d.plots);
        }
        Tab::Dashboard => {
            let d = view.derived(app);
            dashboard::dashboard_ui(ui, app, &d.signals, &d.agenda, view);
        }
        Tab::Reviews => review::reviews_ui(ui, app, view, &mut out),
        Tab::Athlete => athlete_panel::athlete_panel_ui(ui, app, view, &mut out),
        Tab::ChangeLog => change_log::change_log_ui(ui, app, view),
        Tab::Warnings => warnings_panel::warnings_ui(ui, app, &figures, view),
    });
    let ctx = ui.ctx().clone();
    if app.role == Role::Coach {
        keyboard(&ctx, app, view);
    }
    session_dialog::session_dialog_ui(&ctx, app, view);
    compare::adopt_request_ui(&ctx, view);
    reason::reason_prompt_ui(&ctx, app, view, &mut out);
    races::race_dialog_ui(&ctx, view);
    wizard::wizard_ui(&ctx, app, view, &mut out);
    prompts::conflicts_ui(&ctx, app, &mut out);
    data_dialogs::import_progress_ui(&ctx, app, &mut out);
    data_dialogs::import_report_ui(&ctx, app, &mut out);
    data_dialogs::merge_ui(&ctx, app, &mut out);
    prompts::recovery_ui(&ctx, app, &mut out);
    prompts::unsaved_changes_ui(&ctx, app, &mut out);
    prompts::notice_ui(&ctx, app, &mut out);
    out
}

fn tabs_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    figures: &PlanFigures,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let plan = app.doc.plan();
        ui.heading(&plan.athlete.name);
        ui.label(
            egui::RichText::new(format!(
                "{} · {}",
                plan.athlete.runner_type.label(),
                plan.plan
                    .as_ref()
                    .map_or("no variant adopted".to_owned(), |p| format!(
                        "{} plan",
                        p.variant.label()
                    ))
            ))
            .weak(),
        );
        ui.separator();
        for (tab, label, hint) in Tab::ALL {
            let text = if tab == Tab::Warnings {
                let serious = figures
                    .warnings
                    .iter()
                    .filter(|w| w.severity >= crate::model::Severity::Warning)
                    .count();
                if serious > 0 {
                    format!("{label} ({serious})")
                } else {
                    label.to_owned()
                }
            } else {
                label.to_owned()
            };
            if ui
                .selectable_label(view.tab == tab, text)
                .on_hover_text(hint)
                .clicked()
            {
                view.tab = tab;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let redo = if app.doc.can_redo() {
                "Redo (Ctrl+Shift+Z or Ctrl+Y)"
            } else {
                "Redo (Ctrl+Shift+Z or Ctrl+Y): nothing to redo"
            };
            if style::icon_button(ui, app.doc.can_redo(), egui::Button::new("↻"), redo).clicked()
            {
                out.push(Command::Redo);
            }
            let undo = if app.doc.can_undo() {
                "Undo (Ctrl+Z)"
            } else {
                "Undo (Ctrl+Z): nothing to undo"
            };
            if style::icon_button(ui, app.doc.can_undo(), egui::Button::new("↺"), undo).clicked()
            {
                out.push(Command::Undo);
            }
        });
    });
}

fn season_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    figures: &PlanFigures,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    timeline::timeline_ui(ui, app, figures, view, out);
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .id_salt("season_details")
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                races::race_list_ui(&mut cols[0], app, view, out);
                phases_ui(&mut cols[1], app);
                cols[1].add_space(8.0);
                season_settings_ui(&mut cols[1], app, view);
            });
        });
}

/// The plan's own settings: the weekday its weeks start on (the preference of the same name
/// only sets it for new plans).
fn season_settings_ui(ui: &mut egui::Ui, app: &PeaklineApp, view: &mut ViewState) {
    use crate::model::WeekStart;
    let plan = app.doc.plan();
    ui.strong("Season settings");
    let locked = crate::app::week_start_locked(plan, app.today);
    let now = plan.season.week_start;
    ui.horizontal(|ui| {
        ui.label("Weeks of this plan start on");
        for ws in [WeekStart::Monday, WeekStart::Sunday] {
            let hint = match &locked {
                Some(why) => format!("Fixed for this plan: {why}."),
                None => format!(
                    "Lay the weeks out {} to {}; the draft weeks re-plan",
                    ws.label(),
                    match ws {
                        WeekStart::Monday => "Sunday",
                        WeekStart::Sunday => "Saturday",
                    }
                ),
            };
            let r = ui
                .add_enabled(
                    locked.is_none() || ws == now,
                    egui::RadioButton::new(now == ws, ws.label()),
                )
                .on_hover_text(&hint)
                .on_disabled_hover_text(&hint);
            if r.clicked() && ws != now {
                view.reason_prompt = Some(ReasonPrompt::new(
                    crate::app::Edit::SetWeekStart(ws),
                    format!(
                        "Weeks of this plan start on {} instead of {}; the draft weeks re-plan",
                        ws.label(),
                        now.label()
                    ),
                ));
            }
        }
    });
    if let Some(why) = locked {
        ui.label(
            egui::RichText::new(format!(
                "Fixed: {why}. New seasons start on the day set in View ➡ Weeks of new plans start on."
            ))
            .small()
            .weak(),
        );
    }
}

fn phases_ui(ui: &mut egui::Ui, app: &PeaklineApp) {
    let plan = app.doc.plan();
    ui.strong("Phases");
    egui::Grid::new("phases").striped(true).show(ui, |ui| {
        for p in &plan.season.phases {
            ui.label(egui::RichText::new(p.kind.label()).color(style::phase_color(p.kind)));
            ui.label(format!(
                "{} – {}",
                p.start.format("%-d %b"),
                p.end.format("%-d %b %Y")
            ));
            ui.label(egui::RichText::new(&p.rationale).small());
            ui.end_row();
        }
    });
    if let Some(d) = plan
        .plan
        .as_ref()
        .and_then(|p| plan.variants.get(p.variant))
    {
        ui.add_space(6.0);
        ui.strong("Engine notes");
        for note in &d.notes {
            ui.label(egui::RichText::new(format!("• {note}")).small());
        }
    }
}

/// Keyboard navigation (issue 4): on the timeline and other screens Left/Right move between
/// weeks and Enter opens the week; in the week editor Left/Right move between days (across
/// into the next or previous week), Up/Down between the day's sessions, Enter opens the
/// session (or adds one on an empty day) and Delete removes it, asking why. Esc closes the
/// dialogs (egui's `Modal`). Nothing here runs while a dialog is open or a field has focus.
fn keyboard(ctx: &egui::Context, app: &PeaklineApp, view: &mut ViewState) {
    if view.dialog_open() || view.timeline.drag.is_some() || ctx.egui_wants_keyboard_input() {
        return;
    }
    let keys = ctx.input(|i| NavKeys {
        left: i.key_pressed(egui::Key::ArrowLeft),
        right: i.key_pressed(egui::Key::ArrowRight),
        up: i.key_pressed(egui::Key::ArrowUp),
        down: i.key_pressed(egui::Key::ArrowDown),
        enter: i.key_pressed(egui::Key::Enter),
        delete: i.key_pressed(egui::Key::Delete),
    });
    if !keys.any() {
        return;
    }
    let weeks = timeline::shown_weeks(app.doc.plan());
    if view.tab == Tab::Week && app.doc.plan().plan.is_some() {
        week_keys(app, weeks, keys, view);
        return;
    }
    let current = view
        .selected_week
        .and_then(|s| weeks.iter().position(|w| w.start == s));
    if keys.left || keys.right {
        let next = match (current, keys.left) {
            (Some(i), true) => i.saturating_sub(1),
            (Some(i), false) => (i + 1).min(weeks.len().saturating_sub(1)),
            (None, _) => weeks
                .iter()
                .position(|w| w.contains(app.today))
                .unwrap_or(0),
        };
        view.selected_week = weeks.get(next).map(|w| w.start);
        view.selected_day = None;
        view.selected_session = None;
    }
    if keys.enter && view.selected_week.is_some() {
        view.tab = Tab::Week;
    }
}

/// The navigation keys pressed this frame.
#[derive(Clone, Copy)]
struct NavKeys {
    left: bool,
    right: bool,
    up: bool,
    down: bool,
    enter: bool,
    delete: bool,
}

impl NavKeys {
    fn any(self) -> bool {
        self.left || self.right || self.up || self.down || self.enter || self.delete
    }
}

/// The week editor's keys: days, the day's sessions, open, delete.
fn week_keys(app: &PeaklineApp, weeks: &[crate::model::Week], keys: NavKeys, view: &mut ViewState) {
    let Some(week) = view
        .selected_week
        .and_then(|s| weeks.iter().find(|w| w.start == s))
        .or_else(|| weeks.iter().find(|w| w.contains(app.today)))
        .or_else(|| weeks.first())
    else {
        return;
    };
    let plan = app.doc.plan();
    let day = view.selected_day.filter(|d| week.contains(*d)).or_else(|| {
        view.selected_session
            .and_then(|id| plan.session(id))
            .map(|s| s.date)
            .filter(|d| week.contains(*d))
    });
    if keys.left || keys.right {
        let next = match day {
            Some(d) if keys.left => d.pred_opt(),
            Some(d) => d.succ_opt(),
            None if week.contains(app.today) => Some(app.today),
            None => Some(week.start),
        };
        // Past the week's edge: the next or previous planned week, if there is one.
        if let Some(next) = next
            && let Some(target) = weeks.iter().find(|w| w.contains(next))
        {
            view.selected_week = Some(target.start);
            view.selected_day = Some(next);
            // The day's first session is ready for Enter and Delete.
            view.selected_session = target
                .sessions
                .iter()
                .find(|s| s.date == next)
                .map(|s| s.id);
        }
        return;
    }
    view.selected_week = Some(week.start);
    if keys.up || keys.down {
        let Some(day) = day.or(Some(week.start)) else {
            return;
        };
        let ids: Vec<SessionId> = week
            .sessions
            .iter()
            .filter(|s| s.date == day)
            .map(|s| s.id)
            .collect();
        let pos = view
            .selected_session
            .and_then(|id| ids.iter().position(|x| *x == id));
        let next = match (pos, keys.up) {
            (Some(p), true) => p.saturating_sub(1),
            (Some(p), false) => (p + 1).min(ids.len().saturating_sub(1)),
            (None, true) => ids.len().saturating_sub(1),
            (None, false) => 0,
        };
        view.selected_day = Some(day);
        view.selected_session = ids.get(next).copied();
        return;
    }
    let editable = week.status == crate::model::WeekStatus::Draft;
    let session = view
        .selected_session
        .and_then(|id| week.sessions.iter().find(|s| s.id == id));
    if keys.enter {
        match (session, day) {
            (Some(s), _) if editable => {
                view.session_dialog = Some(SessionDialog::edit(s, app.prefs.units));
            }
            (None, Some(d)) if editable => view.session_dialog = Some(SessionDialog::add(d)),
            _ => {}
        }
    }
    if keys.delete
        && editable
        && let Some(s) = session
    {
        view.reason_prompt = Some(ReasonPrompt::new(
            crate::app::Edit::RemoveSession(s.id),
            format!(
                "Remove {} on {}",
                s.kind.label(),
                s.date.format("%a %-d %b")
            ),
        ));
    }
}

fn status_bar_ui(ui: &mut egui::Ui, app: &PeaklineApp) {
    ui.horizontal(|ui| {
        let saved = if app.doc.is_dirty() {
            "Modified, not saved"
        } else {
            "Saved"
        };
        ui.label(saved);
        ui.separator();
        ui.label(&app.status);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("Today {}", app.today.format("%a %-d %b %Y")));
            if app.role == Role::Athlete {
                ui.separator();
                ui.label("Athlete view");
            }
        });
    });
}
