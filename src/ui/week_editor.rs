//! The week editor: seven day columns of session cards, the engine's reasons and the week's
//! warnings beside them, and "Approve week".

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText, Stroke};

use super::style::{format_minutes, icon_button, session_color, severity_label, week_stepper};
use super::timeline::shown_weeks;
use super::{ReasonPrompt, SessionDialog, ViewState};
use crate::app::{Command, Edit, PeaklineApp, Units};
use crate::engine::analysis::PlanFigures;
use crate::model::{Reason, ReasonPick, Session, SessionId, Week, WeekStatus};

/// Draws the week editor for the selected week (today's week when none is selected).
pub fn week_editor_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    figures: &PlanFigures,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let plan = app.doc.plan();
    let weeks = shown_weeks(plan);
    if plan.plan.is_none() {
        ui.label("No plan adopted yet: pick a variant first (File ➡ New season…).");
        return;
    }
    let index = view
        .selected_week
        .and_then(|s| weeks.iter().position(|w| w.start == s))
        .or_else(|| weeks.iter().position(|w| w.contains(app.today)))
        .unwrap_or(0);
    let Some(week) = weeks.get(index) else {
        ui.label("The plan has no weeks.");
        return;
    };
    view.selected_week = Some(week.start);
    if view.selected_day.is_some_and(|d| !week.contains(d)) {
        view.selected_day = None;
    }

    ui.horizontal(|ui| {
        // Left/Right move between days here (and on into the next week), so the buttons
        // name no key.
        if let Some(to) = week_stepper(ui, weeks, index, None) {
            view.selected_week = Some(to);
            view.selected_day = None;
            view.selected_session = None;
        }
        if ui
            .button("This week")
            .on_hover_text("Jump to the week holding today")
            .clicked()
        {
            view.selected_week = weeks
                .iter()
                .find(|w| w.contains(app.today))
                .map(|w| w.start);
        }
        ui.heading(format!(
            "Week of {} — {}",
            week.start.format("%-d %b %Y"),
            week.phase.label()
        ));
        let status = match week.status {
            WeekStatus::Approved => {
                RichText::new("✔ Approved").color(Color32::from_rgb(60, 150, 80))
            }
            WeekStatus::Draft => RichText::new("Draft").weak(),
        };
        ui.label(status);
        if week.status == WeekStatus::Draft && week.has_coach_edits() {
            ui.label(RichText::new("✏ edited by you").small())
                .on_hover_text("You changed this week: re-planning keeps it as it is");
        }
        ui.with_layout(
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| match week.status {
                WeekStatus::Draft => {
                    if ui
                        .button("✔ Approve week")
                        .on_hover_text(
                            "Mark the week as the coach's: re-planning will not touch it",
                        )
                        .clicked()
                    {
                        out.push(Command::Edit(
                            Edit::ApproveWeek(week.start),
                            Reason::new(Some(ReasonPick::CoachJudgement), "Week approved"),
                        ));
                    }
                }
                WeekStatus::Approved => {
                    if ui
                        .button("Reopen as draft")
                        .on_hover_text("Allow edits and re-planning again")
                        .clicked()
                    {
                        view.reason_prompt = Some(ReasonPrompt::new(
                            Edit::ReopenWeek(week.start),
                            format!("Reopen the week of {} as a draft", week.start),
                        ));
                    }
                }
            },
        );
    });
    ui.label(format!(
        "Planned {:.0} AU · {} · {} · {} hard session(s){}",
        week.load_au(),
        app.prefs.units.format_distance(week.distance_km()),
        format_minutes(week.duration_min()),
        week.hard_sessions(),
        figures
            .week_actual_load
            .get(index)
            .copied()
            .flatten()
            .map(|a| format!(" · actual {a:.0} AU"))
            .unwrap_or_default()
    ));
    ui.add_space(4.0);

    let editable = week.status == WeekStatus::Draft;
    egui::Panel::right("week_side")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| side_ui(ui, week, figures));
    // The day columns reach down the window: the whole column is the drop target.
    let column_h = (ui.available_height() - 40.0).max(220.0);
    egui::ScrollArea::both()
        .id_salt("week_days")
        .show(ui, |ui| {
            days_ui(ui, app, week, editable, column_h, view);
        });
    let _ = out;
}

fn side_ui(ui: &mut egui::Ui, week: &Week, figures: &PlanFigures) {
    egui::ScrollArea::vertical()
        .id_salt("week_side_scroll")
        .show(ui, |ui| {
            ui.strong("Why this week looks like this");
            for part in week.rationale.split(" · ") {
                ui.label(RichText::new(format!("• {part}")).small());
            }
            ui.add_space(8.0);
            ui.strong("Warnings");
            let mut any = false;
            for w in figures
                .warnings
                .iter()
                .filter(|w| w.week == Some(week.start))
            {
                any = true;
                ui.horizontal_wrapped(|ui| {
                    ui.label(severity_label(w.severity));
                    ui.label(RichText::new(&w.message).small());
                });
                ui.label(RichText::new(format!("➡ {}", w.suggestion)).small().weak());
            }
            if !any {
                ui.label(
                    RichText::new("None: the week is inside every guardrail.")
                        .small()
                        .weak(),
                );
            }
        });
}

fn days_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    week: &Week,
    editable: bool,
    column_h: f32,
    view: &mut ViewState,
) {
    let units = app.prefs.units;
    let column_w = ((ui.available_width() - 6.0 * 8.0) / 7.0).max(130.0);
    let mut moved: Option<(SessionId, NaiveDate)> = None;
    ui.horizontal_top(|ui| {
        for date in week.dates() {
            ui.vertical(|ui| {
                ui.set_width(column_w);
                let today = date == app.today;
                let header = RichText::new(date.format("%a %-d %b").to_string()).strong();
                let header = if today {
                    header.color(Color32::from_rgb(220, 60, 60))
                } else {
                    header
                };
                ui.horizontal(|ui| {
                    ui.label(header);
                    if !app.athlete_available(date) {
                        ui.label(RichText::new("unavailable").small().weak())
                            .on_hover_text("The athlete cannot train on this weekday");
                    }
                    if editable {
                        let label = format!("Add a session on {}", date.format("%a %-d %b"));
                        let add = icon_button(ui, true, egui::Button::new("➕").small(), &label);
                        add.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if add.clicked() {
                            view.session_dialog = Some(SessionDialog::add(date));
                        }
                    }
                });
                let mut frame = egui::Frame::group(ui.style()).inner_margin(4.0);
                if view.selected_day == Some(date) {
                    // The day picked with the arrow keys or from a warning.
                    frame = frame
                        .stroke(Stroke::new(2.0, ui.visuals().selection.stroke.color))
                        .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.25));
                }
                let (_, dropped) = ui.dnd_drop_zone::<SessionId, ()>(frame, |ui| {
                    ui.set_min_size(egui::vec2(column_w - 10.0, column_h));
                    let sessions: Vec<&Session> =
                        week.sessions.iter().filter(|s| s.date == date).collect();
                    if sessions.is_empty() {
                        ui.label(RichText::new("Rest").weak());
                    }
                    for s in sessions {
                        card_ui(ui, s, app.doc.plan(), units, editable, view);
                    }
                });
                if let Some(id) = dropped {
                    moved = Some((*id, date));
                }
            });
        }
    });
    if let Some((id, date)) = moved
        && let Some(s) = week.sessions.iter().find(|s| s.id == id)
        && s.date != date
    {
        let mut after = s.clone();
        after.date = date;
        view.reason_prompt = Some(ReasonPrompt::new(
            Edit::UpdateSession(after),
            format!(
                "Move {} from {} to {}",
                s.kind.label(),
                s.date.format("%a %-d %b"),
                date.format("%a %-d %b")
            ),
        ));
    }
}

fn card_ui(
    ui: &mut egui::Ui,
    s: &Session,
    plan: &crate::model::Plan,
    units: Units,
    editable: bool,
    view: &mut ViewState,
) {
    let color = session_color(s.kind);
    let selected = view.selected_session == Some(s.id);
    let stroke = if selected {
        Stroke::new(2.0, ui.visuals().selection.stroke.color)
    } else {
        Stroke::new(1.0, color)
    };
    let response = egui::Frame::new()
        .fill(color.gamma_multiply(0.15))
        .stroke(stroke)
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                // The title is the drag handle: drop it on another day to move the session.
                let title = RichText::new(s.kind.label()).strong().color(color);
                if editable {
                    let id = egui::Id::unique(("session_card", s.id.0));
                    ui.dnd_drag_source(id, s.id, |ui| {
                        ui.label(title);
                    })
                    .response
                    .on_hover_text("Drag to another day to move it");
                } else {
                    ui.label(title);
                }
                if s.edited {
                    ui.label(RichText::new("✏").small())
                        .on_hover_text("Changed by the coach: re-planning keeps it");
                }
            });
            let mut line = format_minutes(s.duration_min);
            if let Some(d) = s.distance_km {
                line.push_str(&format!(" · {}", units.format_distance(d)));
            }
            ui.label(line);
            let mut target = format!("RPE {}", s.rpe);
            if let Some(p) = s.pace {
                target.push_str(&format!(
                    " · {}–{}",
                    units.format_pace(p.fast_s_per_km),
                    units.format_pace(p.slow_s_per_km)
                ));
            }
            if let Some(z) = s.hr_zone {
                target.push_str(&format!(" · HR zone {z}"));
            }
            ui.label(RichText::new(target).small());
            ui.label(RichText::new(&s.description).small());
            if !s.coach_notes.is_empty() {
                ui.label(
                    RichText::new(format!("Note: {}", s.coach_notes))
                        .small()
                        .italics(),
                );
            }
            logged_ui(ui, plan, s);
            if editable {
                ui.horizontal(|ui| {
                    let what = format!("{} on {}", s.kind.label(), s.date.format("%a %-d %b"));
                    let edit = icon_button(
                        ui,
                        true,
                        egui::Button::new("✏").small(),
                        &format!("Edit {} (Enter)", s.kind.label()),
                    );
                    edit.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Edit {what}"))
                    });
                    if edit.clicked() {
                        view.selected_session = Some(s.id);
                        view.session_dialog = Some(SessionDialog::edit(s, units));
                    }
                    let delete = icon_button(
                        ui,
                        true,
                        egui::Button::new("🗑").small(),
                        &format!("Delete {} (Del)", s.kind.label()),
                    );
                    delete.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Delete {what}"),
                        )
                    });
                    if delete.clicked() {
                        view.reason_prompt = Some(ReasonPrompt::new(
                            Edit::RemoveSession(s.id),
                            format!(
                                "Remove {} on {}",
                                s.kind.label(),
                                s.date.format("%a %-d %b")
                            ),
                        ));
                    }
                });
            }
        })
        .response;
    response.on_hover_text(&s.rationale);
}

/// What the athlete logged for this session, if anything.
fn logged_ui(ui: &mut egui::Ui, plan: &crate::model::Plan, s: &Session) {
    use crate::model::Completion;
    let Some(a) = plan.actuals.iter().find(|a| a.session == Some(s.id)) else {
        return;
    };
    let (text, color) = match a.completion {
        Completion::Skipped => ("✖ skipped".to_owned(), Color32::from_rgb(200, 70, 60)),
        c => (
            format!(
                "{} {:.0} min · RPE {}",
                if c == Completion::Done {
                    "✔ done"
                } else {
                    "✔ partly"
                },
                a.duration_s / 60.0,
                a.rpe.map_or("–".to_owned(), |r| r.to_string())
            ),
            Color32::from_rgb(60, 150, 80),
        ),
    };
    ui.label(RichText::new(text).small().color(color))
        .on_hover_text(if a.notes.is_empty() {
            "Logged by the athlete"
        } else {
            a.notes.as_str()
        });
    // The athlete's words are what a coach reads first: shown, not hidden in a tooltip.
    let note = a.notes.trim();
    if !note.is_empty() {
        const SHOWN_CHARS: usize = 90;
        let shown: String = note.chars().take(SHOWN_CHARS).collect();
        let ellipsis = if note.chars().count() > SHOWN_CHARS {
            "…"
        } else {
            ""
        };
        ui.label(
            RichText::new(format!("“{shown}{ellipsis}”"))
                .small()
                .italics(),
        )
        .on_hover_text(note);
    }
}
