//! The weekly review: the engine drafts a week from the plan and the athlete's log
//! (`engine::review::draft_week`); the plan's week and the draft side by side, day by day, with
//! every difference's reasons, the rules that fired and the signals they read. The coach edits
//! the draft (remove a session, change its minutes) and approves it: one undo step that
//! replaces the week, approved, and keeps the meeting's minutes in the plan's reviews.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText};

use super::{facts_grid, percent, section, shown};
use crate::app::{DraftApproval, Edit, PeaklineApp, Units};
use crate::engine::review::{DraftRule, WeeklyDraft, draft_week, to_review};
use crate::engine::signals::{BaselineSource, add_days};
use crate::model::{
    Decision, DecisionChoice, Reason, ReasonPick, Session, SessionId, SessionType, Week, WeekStatus,
};
use crate::ui::ReasonPrompt;
use crate::ui::style::{format_minutes, session_color, week_stepper};

/// Shortest and longest minutes the coach can give a session in the draft.
const MIN_MINUTES: f64 = 5.0;
const MAX_MINUTES: f64 = 360.0;

/// Which week is reviewed, the engine's draft of it (cached per revision, week and today),
/// and the coach's edits of that draft.
#[derive(Clone, Default)]
pub struct WeeklyState {
    /// Start of the reviewed week; `None`: the week after today's.
    pub week: Option<NaiveDate>,
    cache: Option<((u64, NaiveDate, NaiveDate), Rc<WeeklyDraft>)>,
    /// The engine's proposal the coach started editing, and the edited week. Kept while the
    /// engine proposes the same week, dropped when it proposes another.
    edits: Option<(Week, Week)>,
    /// Why the coach changed each session of the draft, as in the week editor.
    reasons: BTreeMap<SessionId, Reason>,
}

impl WeeklyState {
    fn draft(&mut self, app: &PeaklineApp, week: NaiveDate) -> Rc<WeeklyDraft> {
        let key = (app.doc.revision(), week, app.today);
        if let Some((k, d)) = &self.cache
            && *k == key
        {
            return Rc::clone(d);
        }
        let d = Rc::new(draft_week(app.doc.plan(), week, app.today));
        self.cache = Some((key, Rc::clone(&d)));
        d
    }

    /// The week the coach would approve: the engine's proposal with the coach's edits.
    fn working(&self, draft: &WeeklyDraft) -> Week {
        match &self.edits {
            Some((base, edited)) if *base == draft.proposed => edited.clone(),
            _ => draft.proposed.clone(),
        }
    }

    fn edit(&mut self, draft: &WeeklyDraft, f: impl FnOnce(&mut Week)) {
        let mut week = self.working(draft);
        if !matches!(&self.edits, Some((base, _)) if *base == draft.proposed) {
            self.reasons.clear();
        }
        f(&mut week);
        self.edits = Some((draft.proposed.clone(), week));
    }

    /// The coach's reason for changing this session, if given.
    fn reason(&self, id: SessionId) -> Option<&Reason> {
        self.reasons.get(&id).filter(|r| r.is_given())
    }
}

/// The week the review opens on: the week after today's, or the nearest the plan has.
fn default_week(app: &PeaklineApp) -> Option<NaiveDate> {
    let plan = app.doc.plan();
    let next = add_days(plan.season.week_start.week_of(app.today), 7);
    let weeks = plan.weeks();
    weeks
        .iter()
        .find(|w| w.contains(next))
        .or_else(|| weeks.iter().rfind(|w| w.start <= next))
        .or_else(|| weeks.first())
        .map(|w| w.start)
}

/// "Threshold 49 min · 9.8 km".
fn session_line(s: &Session, units: Units) -> String {
    let mut line = format!("{} {}", s.kind.label(), format_minutes(s.duration_min));
    if let Some(d) = s.distance_km.filter(|d| *d > 0.0) {
        line.push_str(&format!(" · {}", units.format_distance(d)));
    }
    line
}

fn day(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// A coach edit of the draft, for the screen and the review's minutes.
struct CoachEdit {
    session: SessionId,
    date: NaiveDate,
    subject: String,
    what: String,
}

/// What the coach changed in the engine's proposal, session by session.
fn coach_edits(proposed: &Week, working: &Week) -> Vec<CoachEdit> {
    let mut out = Vec::new();
    for p in &proposed.sessions {
        let subject = format!("{} {}", day(p.date), p.kind.label());
        match working.sessions.iter().find(|w| w.id == p.id) {
            None => out.push(CoachEdit {
                session: p.id,
                date: p.date,
                subject,
                what: format!("removed ({})", format_minutes(p.duration_min)),
            }),
            Some(w) if w.duration_min != p.duration_min => out.push(CoachEdit {
                session: p.id,
                date: p.date,
                subject,
                what: format!(
                    "{:.0} ➡ {:.0} min",
                    p.duration_min.round(),
                    w.duration_min.round()
                ),
            }),
            Some(_) => {}
        }
    }
    out
}

/// The review's decisions: each engine difference kept as drafted or adjusted by the coach,
/// and each edit of the coach's own, with the coach's reason.
fn decisions(draft: &WeeklyDraft, working: &Week, state: &WeeklyState) -> Vec<Decision> {
    let edits = coach_edits(&draft.proposed, working);
    let why = |id: SessionId| {
        state
            .reason(id)
            .map_or_else(String::new, |r| format!(" — {}", r.describe()))
    };
    let mut out: Vec<Decision> = draft
        .differences
        .iter()
        .map(|d| {
            let after = working.sessions.iter().find(|s| s.id == d.session);
            let kept = after == d.after.as_ref();
            Decision {
                subject: format!("{} {}", day(d.date), d.before.kind.label()),
                choice: if kept {
                    DecisionChoice::Keep
                } else {
                    DecisionChoice::Adjust
                },
                evidence: shown(&format!("{}: {}", d.summary, d.reasons.join("; "))),
                note: if kept {
                    String::new()
                } else {
                    format!("changed by the coach in the review{}", why(d.session))
                },
            }
        })
        .collect();
    for e in edits {
        let engine_touched = draft
            .differences
            .iter()
            .any(|d| format!("{} {}", day(d.date), d.before.kind.label()) == e.subject);
        if !engine_touched {
            out.push(Decision {
                subject: e.subject,
                choice: DecisionChoice::Adjust,
                evidence: "The coach's edit of the draft".to_owned(),
                note: format!("{}{}", e.what, why(e.session)),
            });
        }
    }
    out
}

/// The weekly review page.
pub fn weekly_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    state: &mut WeeklyState,
    reason_prompt: &mut Option<ReasonPrompt>,
) {
    let plan = app.doc.plan();
    let weeks = plan.weeks();
    let Some(start) = state
        .week
        .filter(|s| weeks.iter().any(|w| w.start == *s))
        .or_else(|| default_week(app))
    else {
        ui.label("The plan has no weeks to review.");
        return;
    };
    let index = weeks.iter().position(|w| w.start == start).unwrap_or(0);
    let draft = state.draft(app, start);
    let working = state.working(&draft);
    let approved = draft.planned.status == WeekStatus::Approved;
    let edits = coach_edits(&draft.proposed, &working);
    let unexplained = edits
        .iter()
        .filter(|e| state.reason(e.session).is_none())
        .count();
    let units = app.prefs.units;

    ui.horizontal(|ui| {
        if let Some(to) = week_stepper(ui, weeks, index, None) {
            state.week = Some(to);
        }
        if ui
            .button("Next week")
            .on_hover_text("The week after today's: the one the weekly meeting plans")
            .clicked()
        {
            state.week = default_week(app);
        }
        ui.heading(format!(
            "Week of {} — {}",
            start.format("%-d %b %Y"),
            draft.planned.phase.label()
        ));
        ui.label(if approved {
            RichText::new("✔ Approved").color(Color32::from_rgb(60, 150, 80))
        } else {
            RichText::new("Draft").weak()
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let approve = ui
                .add_enabled(
                    !approved && unexplained == 0,
                    egui::Button::new("✔ Approve draft…"),
                )
                .on_hover_text(
                    "Replace the plan's week with this draft and approve it; you will be asked why",
                )
                .on_disabled_hover_text(if approved {
                    "The week is approved already: reopen it in the week editor to review it again"
                        .to_owned()
                } else {
                    format!(
                        "Give each of your edits a reason first ({unexplained} without one)"
                    )
                });
            if approve.clicked() {
                let summary = format!(
                    "Approve the weekly draft for the week of {}: load {:.0} ➡ {:.0} AU, {} change(s) by the engine, {} by you",
                    start.format("%-d %b"),
                    draft.planned.load_au(),
                    working.load_au(),
                    draft.differences.len(),
                    edits.len()
                );
                let review = to_review(
                    &draft,
                    decisions(&draft, &working, state),
                    app.today,
                    app.now(),
                );
                *reason_prompt = Some(ReasonPrompt::new(
                    Edit::ApproveDraftWeek(Box::new(DraftApproval {
                        drafted: draft.proposed.clone(),
                        week: working.clone(),
                        review: Some(review),
                    })),
                    summary,
                ));
            }
            if ui
                .add_enabled(!edits.is_empty(), egui::Button::new("Reset my edits"))
                .on_hover_text("Back to the engine's draft")
                .clicked()
            {
                state.edits = None;
                state.reasons.clear();
            }
        });
    });
    let change = |after: f64| {
        let before = draft.planned.load_au();
        if before > 0.0 && (after - before).abs() >= 0.5 {
            format!(" ({:+.0} %)", (after / before - 1.0) * 100.0)
        } else {
            String::new()
        }
    };
    let mut load = format!(
        "Load: plan {:.0} AU ➡ engine's draft {:.0} AU{}",
        draft.planned.load_au(),
        draft.proposed.load_au(),
        change(draft.proposed.load_au())
    );
    if !edits.is_empty() {
        load.push_str(&format!(
            " ➡ with your edits {:.0} AU{}",
            working.load_au(),
            change(working.load_au())
        ));
    }
    ui.label(load);
    if approved {
        ui.label(
            RichText::new(
                "This week is approved: the draft below is for reading only. Reopen the week in the week editor to review it again.",
            )
            .weak(),
        );
    } else if !draft.changes_week() {
        ui.label(
            RichText::new("No rule fired: the engine proposes the plan's week as it stands. You can still edit it before approving.")
                .weak(),
        );
    }
    ui.add_space(4.0);

    egui::Panel::right("weekly_review_side")
        .resizable(true)
        .default_size(340.0)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("weekly_review_side_scroll")
                .show(ui, |ui| side_ui(ui, &draft));
        });
    // Not shrunk to the grid: a floating scroll bar would otherwise lie over the last day.
    egui::ScrollArea::both()
        .id_salt("weekly_review_days")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            days_ui(ui, app, state, &draft, &working, &edits, approved, units);
        });
}

fn rule_label(rule: DraftRule) -> &'static str {
    match rule {
        DraftRule::Pain => "⚠ Pain at or above the coach's limit",
        DraftRule::LowReadiness => "⚠ Readiness below baseline",
        DraftRule::LowCompliance => "⚠ Load compliance low",
        DraftRule::VeryNegativeForm => "⚠ Form very negative",
    }
}

fn side_ui(ui: &mut egui::Ui, draft: &WeeklyDraft) {
    let s = &draft.signals;
    ui.strong("Rules that fired");
    if draft.rules.is_empty() {
        ui.label(RichText::new("None: every signal is inside its limits.").weak());
    }
    for r in &draft.rules {
        ui.label(RichText::new(rule_label(r.rule)).strong());
        ui.label(shown(&r.reason));
        ui.add_space(4.0);
    }
    section(
        ui,
        &format!("Signals (up to {})", s.window_end.format("%-d %b")),
    );
    let load = |w: &crate::engine::signals::LoadWindow| {
        format!(
            "{:.0} of {:.0} AU · {}/{} sessions",
            w.actual_au, w.planned_au, w.sessions_done, w.sessions_planned
        )
    };
    let r = &s.readiness;
    let baseline = match r.baseline_source {
        BaselineSource::Profile => "profile",
        BaselineSource::OwnMean { .. } => "own mean",
    };
    let mut rows = vec![
        ("Load, 7 days", load(&s.load_7d)),
        ("Load, 28 days", load(&s.load_28d)),
        (
            "Compliance",
            format!(
                "{} (7 d) · {} (28 d)",
                percent(s.load_7d.compliance),
                percent(s.load_28d.compliance)
            ),
        ),
        (
            "Readiness",
            format!(
                "{} vs {:.1} ({baseline})",
                r.mean.map_or("–".to_owned(), |m| format!("{m:.1}")),
                r.baseline
            ),
        ),
        ("Days low in a row", r.low_days.to_string()),
        (
            "Pain",
            match s.pain_max {
                Some(p) if !s.pain_location.is_empty() => {
                    format!("{p}/10, {} (limit {})", s.pain_location, s.pain_limit)
                }
                Some(p) => format!("{p}/10 (limit {})", s.pain_limit),
                None => format!("none reported (limit {})", s.pain_limit),
            },
        ),
        (
            "Sleep",
            s.sleep_mean_h
                .map_or("–".to_owned(), |h| format!("{h:.1} h a night")),
        ),
        (
            "Soreness",
            match (s.soreness_mean, s.soreness_trend) {
                (Some(m), Some(t)) => format!("{m:.1}/10 ({t:+.1} on the week before)"),
                (Some(m), None) => format!("{m:.1}/10"),
                _ => "–".to_owned(),
            },
        ),
    ];
    if let Some(f) = &s.form {
        rows.push((
            "Form",
            format!(
                "{:.0} ({} of fitness {:.0}){}",
                f.form,
                percent(f.form_share),
                f.fitness,
                if f.projected { ", projected" } else { "" }
            ),
        ));
    }
    facts_grid(ui, "weekly_signals", &rows);
    if !draft.notes.is_empty() {
        section(ui, "Notes");
        for n in &draft.notes {
            ui.label(RichText::new(format!("• {}", shown(n))).small());
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn days_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    state: &mut WeeklyState,
    draft: &WeeklyDraft,
    working: &Week,
    edits: &[CoachEdit],
    approved: bool,
    units: Units,
) {
    // Days already lived stay as they are, in the draft as in the engine.
    let first_open = app.today.max(draft.planned.start);
    // The plan and the draft need a line per session; the reasons get the rest of the width.
    const DAY_COLUMN: f32 = 90.0;
    const GAP: f32 = 12.0;
    const PLAN_COLUMN: f32 = 220.0;
    const DRAFT_COLUMN: f32 = 290.0;
    let why_column =
        (ui.available_width() - DAY_COLUMN - PLAN_COLUMN - DRAFT_COLUMN - 4.0 * GAP).max(240.0);
    egui::Grid::new("weekly_review_grid")
        .num_columns(4)
        .striped(true)
        .spacing([GAP, 8.0])
        .min_col_width(DAY_COLUMN)
        .show(ui, |ui| {
            ui.strong("Day");
            ui.strong("Plan");
            ui.strong("Draft (yours to edit)");
            ui.strong("Why it differs");
            ui.end_row();
            for date in draft.planned.dates() {
                let lived = date < first_open;
                ui.vertical(|ui| {
                    let header = RichText::new(day(date)).strong();
                    ui.label(if date == app.today {
                        header.color(Color32::from_rgb(220, 60, 60))
                    } else {
                        header
                    });
                    if lived {
                        ui.label(RichText::new("lived").small().weak());
                    }
                });
                ui.vertical(|ui| {
                    ui.set_width(PLAN_COLUMN);
                    let planned: Vec<&Session> = draft
                        .planned
                        .sessions
                        .iter()
                        .filter(|s| s.date == date)
                        .collect();
                    if planned.is_empty() {
                        ui.label(RichText::new("Rest").weak());
                    }
                    for s in planned {
                        ui.label(
                            RichText::new(session_line(s, units)).color(session_color(s.kind)),
                        );
                    }
                });
                ui.vertical(|ui| {
                    ui.set_width(DRAFT_COLUMN);
                    let sessions: Vec<&Session> =
                        working.sessions.iter().filter(|s| s.date == date).collect();
                    if sessions.is_empty() {
                        ui.label(RichText::new("Rest").weak());
                    }
                    for s in sessions {
                        let editable = !approved && !lived && s.kind != SessionType::Race;
                        draft_session_ui(ui, state, draft, s, editable, units);
                    }
                });
                ui.vertical(|ui| {
                    ui.set_width(why_column);
                    for d in draft.differences.iter().filter(|d| d.date == date) {
                        ui.label(RichText::new(shown(&d.summary)).strong());
                        for r in &d.reasons {
                            ui.label(RichText::new(format!("• {}", shown(r))).small());
                        }
                    }
                    for e in edits.iter().filter(|e| e.date == date) {
                        ui.label(
                            RichText::new(format!("✏ You: {} {}", e.subject, e.what))
                                .italics()
                                .color(ui.visuals().hyperlink_color),
                        );
                        edit_reason_ui(ui, state, e);
                    }
                });
                ui.end_row();
            }
        });
}

/// Why the coach made one edit: a quick pick and optional words, as in the week editor.
fn edit_reason_ui(ui: &mut egui::Ui, state: &mut WeeklyState, edit: &CoachEdit) {
    let reason = state.reasons.entry(edit.session).or_default();
    let label = format!("Why: {}", edit.subject);
    ui.horizontal(|ui| {
        let shown_text = if reason.is_given() {
            RichText::new(reason.describe())
        } else {
            RichText::new("Why? (needed)").color(ui.visuals().warn_fg_color)
        };
        let combo = egui::ComboBox::from_id_salt(("draft_reason", edit.session.0))
            .selected_text(shown_text)
            .show_ui(ui, |ui| {
                for pick in ReasonPick::QUICK {
                    ui.selectable_value(&mut reason.pick, Some(pick), pick.label());
                }
            });
        let title = label.clone();
        combo
            .response
            .widget_info(move || egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &title));
        let words = ui.add(
            egui::TextEdit::singleline(&mut reason.text)
                .desired_width(180.0)
                .hint_text("details"),
        );
        words.widget_info(move || {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, format!("{label}, details"))
        });
    });
}

fn draft_session_ui(
    ui: &mut egui::Ui,
    state: &mut WeeklyState,
    draft: &WeeklyDraft,
    s: &Session,
    editable: bool,
    units: Units,
) {
    let color = session_color(s.kind);
    if !editable {
        ui.label(RichText::new(session_line(s, units)).color(color));
        return;
    }
    let what = format!("{} on {}", s.kind.label(), day(s.date));
    ui.horizontal(|ui| {
        ui.label(RichText::new(s.kind.label()).color(color));
        let mut minutes = s.duration_min.round();
        let drag = ui
            .add(
                egui::DragValue::new(&mut minutes)
                    .range(MIN_MINUTES..=MAX_MINUTES)
                    .speed(1.0)
                    .suffix(" min"),
            )
            .on_hover_text("Drag or type the minutes");
        drag.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SpinButton, true, format!("Minutes of {what}"))
        });
        if drag.changed() && minutes != s.duration_min {
            let id = s.id;
            state.edit(draft, |w| {
                if let Some(x) = w.sessions.iter_mut().find(|x| x.id == id) {
                    set_minutes(x, minutes);
                }
            });
        }
        if let Some(d) = s.distance_km.filter(|d| *d > 0.0) {
            ui.label(RichText::new(units.format_distance(d)).small().weak());
        }
        let remove = ui
            .small_button("🗑")
            .on_hover_text(format!("Remove {what} from the draft"));
        remove.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {what}"))
        });
        if remove.clicked() {
            let id = s.id;
            state.edit(draft, |w| w.sessions.retain(|x| x.id != id));
        }
    });
}

/// The coach's new length for a session: distance pro rata, marked as the coach's.
fn set_minutes(s: &mut Session, minutes: f64) {
    let minutes = minutes.clamp(MIN_MINUTES, MAX_MINUTES);
    if s.duration_min > 0.0 {
        let factor = minutes / s.duration_min;
        s.distance_km = s.distance_km.map(|d| (d * factor * 10.0).round() / 10.0);
    }
    s.rationale = format!(
        "Coach, weekly review: {:.0} ➡ {minutes:.0} min",
        s.duration_min
    );
    s.duration_min = minutes;
    s.edited = true;
}
