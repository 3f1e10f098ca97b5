//! The athlete's view of the plan file the coach sent: this week first with today marked, the
//! season after; each session's purpose, target paces in the athlete's units and the coach's
//! notes. The athlete logs how sessions went and a daily check-in. Nothing here edits the
//! plan: the app refuses plan edits in athlete role in any case.

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText};

use super::ViewState;
use super::style::{field, format_minutes, session_color};
use crate::app::{Command, Edit, PeaklineApp};
use crate::model::{
    Actual, ActualId, Completion, Reason, Session, SessionType, Source, Sport, Wellness,
};

/// Which part of the athlete view is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AthleteTab {
    #[default]
    ThisWeek,
    Season,
}

/// The "how did it go?" form for one session.
#[derive(Clone, Debug)]
pub struct LogDialog {
    pub session: Session,
    pub actual: Actual,
    pub minutes: f64,
    pub km: f64,
}

impl LogDialog {
    fn new(app: &PeaklineApp, s: &Session) -> Self {
        let existing = app
            .doc
            .plan()
            .actuals
            .iter()
            .find(|a| a.session == Some(s.id))
            .cloned();
        let actual = existing.unwrap_or_else(|| Actual {
            id: ActualId(0),
            date: s.date,
            sport: if s.kind.is_run() {
                Sport::Run
            } else {
                Sport::Other
            },
            session: Some(s.id),
            kind: Some(s.kind),
            duration_s: s.duration_min * 60.0,
            distance_m: s.distance_km.map(|d| d * 1000.0),
            rpe: Some(s.rpe),
            source: Source::Manual,
            ..Actual::default()
        });
        Self {
            minutes: actual.duration_s / 60.0,
            km: actual.distance_m.unwrap_or(0.0) / 1000.0,
            session: s.clone(),
            actual,
        }
    }
}

/// The day's check-in form.
#[derive(Clone, Debug)]
pub struct CheckIn {
    pub wellness: Wellness,
    /// What the form showed when it opened or was last saved: a form that differs from it
    /// holds the athlete's unsaved answers.
    original: Wellness,
}

impl CheckIn {
    /// The day's check-in if there is one; else a form starting from the athlete's last
    /// check-in before it (their own usual, so an unchanged slider does not pull their readiness
    /// towards someone else's 7), or from middle values on the first day.
    fn for_day(app: &PeaklineApp, date: NaiveDate) -> Self {
        let all = &app.doc.plan().wellness;
        let last_before = all
            .iter()
            .filter(|w| w.date < date)
            .max_by_key(|w| w.date)
            .map(|w| Wellness {
                date,
                notes: String::new(),
                logged_at: None,
                ..w.clone()
            });
        let mut wellness = all
            .iter()
            .find(|w| w.date == date)
            .cloned()
            .or(last_before)
            .unwrap_or(Wellness {
                date,
                ..Wellness::default()
            });
        // Answers never given start in the middle of their scale (every slider shows a value;
        // filled in here, so the untouched form equals what it started from).
        wellness.readiness.get_or_insert(7);
        wellness.pain.get_or_insert(0);
        wellness.sleep_hours.get_or_insert(7.5);
        wellness.sleep_quality.get_or_insert(3);
        wellness.soreness.get_or_insert(2);
        wellness.mood.get_or_insert(7);
        wellness.motivation.get_or_insert(7);
        Self {
            original: wellness.clone(),
            wellness,
        }
    }

    /// The check-in to record when the athlete has changed the form since it was last
    /// recorded: Save and Quit record or ask about it like any unsaved change.
    pub fn pending(&self) -> Option<Wellness> {
        (self.wellness != self.original).then(|| self.wellness.clone())
    }

    /// The form's answers are in the plan now.
    pub fn mark_recorded(&mut self) {
        self.original = self.wellness.clone();
    }
}

/// The athlete view (replaces the coach's workspace in athlete role).
pub fn athlete_view_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let plan = app.doc.plan();
    ui.horizontal(|ui| {
        ui.heading(format!(
            "Hi {}",
            plan.athlete
                .name
                .split_whitespace()
                .next()
                .unwrap_or("there")
        ));
        ui.separator();
        for (tab, label) in [
            (AthleteTab::ThisWeek, "This week"),
            (AthleteTab::Season, "Season"),
        ] {
            if ui
                .selectable_label(view.athlete_tab == tab, label)
                .clicked()
            {
                view.athlete_tab = tab;
            }
        }
    });
    ui.separator();
    match view.athlete_tab {
        AthleteTab::ThisWeek => {
            egui::Panel::right("check_in")
                .default_size(320.0)
                .show(ui, |ui| check_in_ui(ui, app, view, out));
            egui::ScrollArea::vertical()
                .id_salt("athlete_week")
                .show(ui, |ui| {
                    let week = plan
                        .week_containing(app.today)
                        .or_else(|| plan.weeks().first());
                    match week {
                        Some(w) => week_ui(ui, app, w, view),
                        None => {
                            ui.label("Your coach has not sent a plan yet.");
                        }
                    }
                });
        }
        AthleteTab::Season => season_ui(ui, app, view),
    }
    log_dialog_ui(ui.ctx(), app, view, out);
}

fn week_ui(ui: &mut egui::Ui, app: &PeaklineApp, week: &crate::model::Week, view: &mut ViewState) {
    ui.strong(format!(
        "Week of {} — {}",
        week.start.format("%-d %B"),
        week.phase.label()
    ));
    for date in week.dates() {
        let today = date == app.today;
        let title = RichText::new(date.format("%A %-d %b").to_string()).strong();
        ui.add_space(4.0);
        ui.label(if today {
            title.color(Color32::from_rgb(220, 60, 60))
        } else {
            title
        });
        if today {
            ui.label(
                RichText::new("today")
                    .small()
                    .color(Color32::from_rgb(220, 60, 60)),
            );
        }
        let sessions: Vec<&Session> = week.sessions.iter().filter(|s| s.date == date).collect();
        if sessions.is_empty() {
            ui.label(RichText::new("Rest").weak());
        }
        for s in sessions {
            session_card(ui, app, s, view);
        }
    }
}

fn session_card(ui: &mut egui::Ui, app: &PeaklineApp, s: &Session, view: &mut ViewState) {
    let units = app.prefs.units;
    let logged = app
        .doc
        .plan()
        .actuals
        .iter()
        .find(|a| a.session == Some(s.id));
    egui::Frame::new()
        .fill(session_color(s.kind).gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.0, session_color(s.kind)))
        .corner_radius(4.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(s.kind.label())
                        .strong()
                        .color(session_color(s.kind)),
                );
                let mut line = format_minutes(s.duration_min);
                if let Some(d) = s.distance_km {
                    line.push_str(&format!(" · {}", units.format_distance(d)));
                }
                ui.label(line);
                if let Some(p) = s.pace {
                    ui.label(format!(
                        "· {}–{}",
                        units.format_pace(p.fast_s_per_km),
                        units.format_pace(p.slow_s_per_km)
                    ));
                }
                ui.label(format!("· effort {}/10", s.rpe));
            });
            ui.label(&s.description);
            ui.label(
                RichText::new(format!("Why: {}", s.rationale))
                    .small()
                    .weak(),
            );
            if !s.coach_notes.is_empty() {
                ui.label(RichText::new(format!("Coach: {}", s.coach_notes)).italics());
            }
            ui.horizontal(|ui| {
                if let Some(a) = logged {
                    let (text, color) = match a.completion {
                        Completion::Skipped => ("✖ skipped".to_owned(), ui.visuals().warn_fg_color),
                        done => (
                            format!(
                                "✔ {}: {} min, effort {}",
                                if done == Completion::Partly {
                                    "partly done"
                                } else {
                                    "done"
                                },
                                (a.duration_s / 60.0).round(),
                                a.rpe.map_or("–".to_owned(), |r| r.to_string())
                            ),
                            Color32::from_rgb(60, 150, 80),
                        ),
                    };
                    ui.label(RichText::new(text).color(color));
                }
                let label = format!(
                    "{} {} on {}",
                    if logged.is_some() {
                        "Update log of"
                    } else {
                        "Log"
                    },
                    s.kind.label(),
                    s.date.format("%a %-d %b")
                );
                let b = ui.button(if logged.is_some() {
                    "Update log"
                } else {
                    "Log how it went"
                });
                b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if b.clicked() {
                    view.log_dialog = Some(LogDialog::new(app, s));
                }
            });
        });
}

fn season_ui(ui: &mut egui::Ui, app: &PeaklineApp, view: &mut ViewState) {
    egui::ScrollArea::vertical()
        .id_salt("athlete_season")
        .show(ui, |ui| {
            for w in app.doc.plan().weeks() {
                let current = w.contains(app.today);
                let text = format!(
                    "{} · {} · {} · {} sessions",
                    w.start.format("%-d %b"),
                    w.phase.label(),
                    app.prefs.units.format_distance(w.distance_km()),
                    w.sessions.len()
                );
                egui::CollapsingHeader::new(if current {
                    RichText::new(text).strong()
                } else {
                    RichText::new(text)
                })
                .id_salt(("athlete_week", w.start))
                .default_open(current)
                .show(ui, |ui| {
                    for s in &w.sessions {
                        session_card(ui, app, s, view);
                    }
                });
            }
        });
}

fn check_in_ui(ui: &mut egui::Ui, app: &PeaklineApp, view: &mut ViewState, out: &mut Vec<Command>) {
    let form = view
        .check_in
        .get_or_insert_with(|| CheckIn::for_day(app, app.today));
    let w = &mut form.wellness;
    ui.heading("Daily check-in");
    ui.label(w.date.format("%A %-d %B").to_string());
    let score = |ui: &mut egui::Ui, label: &str, v: &mut Option<u8>, lo: u8, hi: u8| {
        let mut x = v.unwrap_or(lo);
        field(ui, label, |ui| ui.add(egui::Slider::new(&mut x, lo..=hi)));
        *v = Some(x);
    };
    score(ui, "Readiness (1–10)", &mut w.readiness, 1, 10);
    score(ui, "Pain (0–10)", &mut w.pain, 0, 10);
    if w.pain.unwrap_or(0) > 0 {
        field(ui, "Where does it hurt?", |ui| {
            ui.text_edit_singleline(&mut w.pain_location)
        });
    }
    let mut sleep = w.sleep_hours.unwrap_or(7.5);
    field(ui, "Sleep (hours)", |ui| {
        ui.add(egui::Slider::new(&mut sleep, 0.0..=14.0).step_by(0.25))
    });
    w.sleep_hours = Some(sleep);
    score(ui, "Sleep quality (1–5)", &mut w.sleep_quality, 1, 5);
    score(ui, "Soreness (0–10)", &mut w.soreness, 0, 10);
    score(ui, "Mood (1–10)", &mut w.mood, 1, 10);
    score(ui, "Motivation (1–10)", &mut w.motivation, 1, 10);
    field(ui, "Notes", |ui| ui.text_edit_multiline(&mut w.notes));
    ui.horizontal(|ui| {
        if ui.button("Save check-in").clicked() {
            let mut w = form.wellness.clone();
            w.logged_at = Some(app.now());
            out.push(Command::Edit(Edit::LogWellness(w), Reason::default()));
            form.mark_recorded();
        }
        if form.pending().is_some() {
            ui.label(RichText::new("Not saved yet").color(ui.visuals().warn_fg_color))
                .on_hover_text("Save check-in, or File ➡ Save, keeps these answers");
        }
    });
    ui.label(
        RichText::new("Then File ➡ Save (Ctrl+S) and send the file back to your coach.")
            .small()
            .weak(),
    );
}

/// A run's pace in s/km when minutes and distance cannot both be right: faster than 2:30 /km
/// (quicker than the 5K world record) or slower than 15:00 /km (walking).
fn implausible_run_pace(kind: SessionType, minutes: f64, km: f64) -> Option<f64> {
    if !kind.is_run() || minutes <= 0.0 || km <= 0.0 {
        return None;
    }
    let pace = minutes * 60.0 / km;
    (!(150.0..=900.0).contains(&pace)).then_some(pace)
}

fn log_dialog_ui(
    ctx: &egui::Context,
    app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let Some(d) = view.log_dialog.as_mut() else {
        return;
    };
    let units = app.prefs.units;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("log_dialog")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(format!("How did the {} go?", d.session.kind.label().to_lowercase()));
        ui.label(d.session.date.format("%A %-d %B").to_string());
        ui.horizontal(|ui| {
            for (c, label) in [(Completion::Done, "Done"), (Completion::Partly, "Partly"), (Completion::Skipped, "Skipped")] {
                ui.radio_value(&mut d.actual.completion, c, label);
            }
        });
        if d.actual.completion != Completion::Skipped {
            field(ui, "Duration (min)", |ui| ui.add(egui::DragValue::new(&mut d.minutes).range(0.0..=600.0)));
            let mut dist = units.distance_from_km(d.km);
            field(ui, &format!("Distance ({})", units.distance_label()), |ui| {
                ui.add(egui::DragValue::new(&mut dist).range(0.0..=300.0).speed(0.1))
            });
            d.km = units.km_from_distance(dist);
            if let Some(pace) = implausible_run_pace(d.session.kind, d.minutes, d.km) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Check the numbers: that is {} for a run.", units.format_pace(pace)),
                );
            }
            let mut rpe = d.actual.rpe.unwrap_or(d.session.rpe);
            field(ui, "Session effort, RPE (0–10)", |ui| ui.add(egui::Slider::new(&mut rpe, 0.0..=10.0).step_by(0.5)))
                .on_hover_text("How hard was the whole session, about 30 min after? 0 rest, 3 easy, 5 hard-ish, 7 very hard, 10 maximal");
            d.actual.rpe = Some(rpe);
        }
        field(ui, "Notes", |ui| ui.text_edit_multiline(&mut d.actual.notes));
        ui.horizontal(|ui| {
            if ui.button("Save log").clicked() {
                let mut a = d.actual.clone();
                if a.completion == Completion::Skipped {
                    a.duration_s = 0.0;
                    a.distance_m = None;
                    a.rpe = Some(0.0);
                } else {
                    a.duration_s = d.minutes * 60.0;
                    a.distance_m = (d.km > 0.0).then_some(d.km * 1000.0);
                }
                a.logged_at = Some(app.now());
                out.push(Command::Edit(Edit::LogActual(a), Reason::default()));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        view.log_dialog = None;
    }
}
