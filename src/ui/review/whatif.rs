//! What-if: pick a scenario and its inputs, preview what `engine::scenario::apply_scenario`
//! makes of the current plan (weeks changed with their load before and after, the taper
//! moved, warnings added and removed, weeks kept), then accept it as one undo step with the
//! scenario as the change-log reason, or discard it: the preview lives in the view only.

use std::rc::Rc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText};
use egui_plot::{Corner, Legend, Line, Plot};

use super::{section, shown};
use crate::app::{Command, Edit, PeaklineApp};
use crate::engine::adopt::KeepPolicy;
use crate::engine::scenario::{Scenario, ScenarioOutcome, apply_scenario};
use crate::engine::signals::add_days;
use crate::model::{Plan, Priority, Race, Reason, ReasonPick, Warning, plural};
use crate::ui::plots::{date_from_x, x_from_date};
use crate::ui::style::{WEEKDAYS, field, severity_label};

/// The scenarios the coach can pick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScenarioKind {
    #[default]
    MissedWorkouts,
    MoveRace,
    TravelWeek,
    Illness,
    AddRace,
}

impl ScenarioKind {
    pub const ALL: [ScenarioKind; 5] = [
        Self::MissedWorkouts,
        Self::MoveRace,
        Self::TravelWeek,
        Self::Illness,
        Self::AddRace,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::MissedWorkouts => "Missed workouts",
            Self::MoveRace => "Move a race",
            Self::TravelWeek => "Travel week",
            Self::Illness => "Illness",
            Self::AddRace => "Add a B/C race",
        }
    }
}

/// A previewed scenario: what was asked, on which revision and day, and the engine's answer.
#[derive(Clone)]
struct Preview {
    scenario: Scenario,
    keep: KeepPolicy,
    key: (u64, NaiveDate),
    result: Result<Rc<ScenarioOutcome>, String>,
}

/// The scenario form and its preview.
#[derive(Clone)]
pub struct WhatIfState {
    pub kind: ScenarioKind,
    /// The week of a missed-workouts or travel scenario; `None`: the week after today's.
    pub week: Option<NaiveDate>,
    pub missed: usize,
    /// Index into the plan's races; `None`: the next A race.
    pub race: Option<usize>,
    pub race_weeks: i32,
    /// Monday first.
    pub travel_days: [bool; 7],
    pub travel_minutes: f64,
    /// As typed, YYYY-MM-DD; empty: tomorrow.
    pub illness_from: String,
    pub illness_days: u32,
    pub new_race_name: String,
    /// As typed, YYYY-MM-DD.
    pub new_race_date: String,
    pub new_race_km: f64,
    pub new_race_priority: Priority,
    /// Let the scenario change approved weeks too.
    pub include_approved: bool,
    preview: Option<Preview>,
}

impl Default for WhatIfState {
    fn default() -> Self {
        Self {
            kind: ScenarioKind::default(),
            week: None,
            missed: 2,
            race: None,
            race_weeks: 2,
            travel_days: [true, false, true, false, false, true, false],
            travel_minutes: 45.0,
            illness_from: String::new(),
            illness_days: 3,
            new_race_name: String::new(),
            new_race_date: String::new(),
            new_race_km: 10.0,
            new_race_priority: Priority::C,
            include_approved: false,
            preview: None,
        }
    }
}

impl WhatIfState {
    /// Whether a preview is showing.
    pub fn has_preview(&self) -> bool {
        self.preview.is_some()
    }

    fn keep(&self) -> KeepPolicy {
        if self.include_approved {
            KeepPolicy::ReplaceDrafts
        } else {
            KeepPolicy::KeepCoachWeeks
        }
    }

    /// The scenario the form describes, or what is missing.
    fn scenario(&self, app: &PeaklineApp) -> Result<Scenario, String> {
        let plan = app.doc.plan();
        let week = || {
            self.week
                .or_else(|| next_week(plan, app.today))
                .ok_or_else(|| "Pick a week.".to_owned())
        };
        match self.kind {
            ScenarioKind::MissedWorkouts => Ok(Scenario::MissedWorkouts {
                week: week()?,
                count: self.missed,
            }),
            ScenarioKind::MoveRace => {
                let race = self
                    .race
                    .or_else(|| next_a_race(plan, app.today))
                    .ok_or_else(|| "The plan has no race to move.".to_owned())?;
                Ok(Scenario::MoveRace {
                    race,
                    weeks: self.race_weeks,
                })
            }
            ScenarioKind::TravelWeek => Ok(Scenario::TravelWeek {
                week: week()?,
                days: WEEKDAYS
                    .iter()
                    .zip(self.travel_days)
                    .filter(|(_, on)| *on)
                    .map(|(d, _)| *d)
                    .collect(),
                minutes_per_day: self.travel_minutes,
            }),
            ScenarioKind::Illness => Ok(Scenario::Illness {
                from: parse_date(&self.illness_from, "first day ill")?,
                days: self.illness_days,
            }),
            ScenarioKind::AddRace => Ok(Scenario::AddRace {
                race: Race {
                    name: self.new_race_name.trim().to_owned(),
                    date: parse_date(&self.new_race_date, "race date")?,
                    distance_km: self.new_race_km,
                    priority: self.new_race_priority,
                    ..Race::default()
                },
            }),
        }
    }

    /// Runs the scenario on the current plan (again when the plan or today changed).
    fn refresh(&mut self, app: &PeaklineApp) {
        let key = (app.doc.revision(), app.today);
        let Some(p) = self.preview.as_mut() else {
            return;
        };
        if p.key != key {
            p.result = run(app, &p.scenario, p.keep);
            p.key = key;
        }
    }
}

fn run(
    app: &PeaklineApp,
    scenario: &Scenario,
    keep: KeepPolicy,
) -> Result<Rc<ScenarioOutcome>, String> {
    apply_scenario(app.doc.plan(), scenario, keep, app.today)
        .map(Rc::new)
        .map_err(|e| {
            let mut text = e.to_string();
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + text.get(1..).unwrap_or_default();
            }
            format!("{text}.")
        })
}

fn parse_date(text: &str, what: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("The {what} must be a date like 2027-01-31."))
}

/// The week after today's, as the plan has it.
fn next_week(plan: &Plan, today: NaiveDate) -> Option<NaiveDate> {
    let next = add_days(plan.season.week_start.week_of(today), 7);
    plan.weeks()
        .iter()
        .find(|w| w.contains(next))
        .or_else(|| plan.weeks().last())
        .map(|w| w.start)
}

/// The next A race from today (else the first race still ahead, else the first).
fn next_a_race(plan: &Plan, today: NaiveDate) -> Option<usize> {
    let ahead = |i: &usize| plan.races[*i].date >= today;
    (0..plan.races.len())
        .filter(ahead)
        .find(|i| plan.races[*i].priority == Priority::A)
        .or_else(|| (0..plan.races.len()).find(ahead))
        .or_else(|| (!plan.races.is_empty()).then_some(0))
}

fn race_label(r: &Race) -> String {
    format!(
        "{} · {} · {}",
        r.priority.letter(),
        r.name,
        r.date.format("%-d %b %Y")
    )
}

/// The what-if page.
pub fn whatif_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    state: &mut WhatIfState,
    out: &mut Vec<Command>,
) {
    state.refresh(app);
    egui::Panel::left("whatif_form")
        .resizable(true)
        .default_size(330.0)
        .min_size(280.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("whatif_form_scroll")
                .show(ui, |ui| form_ui(ui, app, state));
        });
    egui::ScrollArea::vertical()
        .id_salt("whatif_preview")
        .show(ui, |ui| {
            ui.add_space(4.0);
            preview_ui(ui, app, state, out);
        });
}

fn form_ui(ui: &mut egui::Ui, app: &PeaklineApp, state: &mut WhatIfState) {
    let plan = app.doc.plan();
    ui.heading("What if…");
    ui.add_space(4.0);
    for kind in ScenarioKind::ALL {
        ui.radio_value(&mut state.kind, kind, kind.label());
    }
    ui.add_space(6.0);
    ui.separator();
    if state.illness_from.is_empty() {
        state.illness_from = add_days(app.today, 1).to_string();
    }
    if state.new_race_date.is_empty() {
        state.new_race_date = add_days(app.today, 42).to_string();
    }
    let weeks: Vec<NaiveDate> = plan
        .weeks()
        .iter()
        .filter(|w| w.end() >= app.today)
        .map(|w| w.start)
        .collect();
    let week_picker = |ui: &mut egui::Ui, state: &mut WhatIfState| {
        let current = state.week.or_else(|| next_week(plan, app.today));
        field(ui, "Week", |ui| {
            egui::ComboBox::from_id_salt("whatif_week")
                .selected_text(current.map_or("–".to_owned(), |w| {
                    format!("Week of {}", w.format("%-d %b %Y"))
                }))
                .show_ui(ui, |ui| {
                    for w in &weeks {
                        ui.selectable_value(
                            &mut state.week,
                            Some(*w),
                            format!("Week of {}", w.format("%-d %b %Y")),
                        );
                    }
                })
                .response
        });
    };
    egui::Grid::new("whatif_inputs")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| match state.kind {
            ScenarioKind::MissedWorkouts => {
                week_picker(ui, state);
                ui.end_row();
                field(ui, "Workouts missed", |ui| {
                    ui.add(egui::DragValue::new(&mut state.missed).range(1..=7))
                });
                ui.end_row();
            }
            ScenarioKind::MoveRace => {
                let current = state.race.or_else(|| next_a_race(plan, app.today));
                field(ui, "Race", |ui| {
                    egui::ComboBox::from_id_salt("whatif_race")
                        .width(200.0)
                        .selected_text(
                            current
                                .and_then(|i| plan.races.get(i))
                                .map_or("–".to_owned(), race_label),
                        )
                        .show_ui(ui, |ui| {
                            for (i, r) in plan.races.iter().enumerate() {
                                ui.selectable_value(&mut state.race, Some(i), race_label(r));
                            }
                        })
                        .response
                });
                ui.end_row();
                field(ui, "Move by (weeks)", |ui| {
                    ui.add(
                        egui::DragValue::new(&mut state.race_weeks)
                            .range(-12..=12)
                            .custom_formatter(|v, _| format!("{v:+.0}")),
                    )
                    .on_hover_text("Positive: later; negative: earlier")
                });
                ui.end_row();
            }
            ScenarioKind::TravelWeek => {
                week_picker(ui, state);
                ui.end_row();
                ui.label("Days available");
                // Two fixed rows (Mon–Thu, Fri–Sun): a wrapped row inside the grid cell would
                // overlap the next field on the first frame.
                ui.vertical(|ui| {
                    let mut days = WEEKDAYS.iter().zip(state.travel_days.iter_mut());
                    for row in [4, 3] {
                        ui.horizontal(|ui| {
                            for (day, on) in days.by_ref().take(row) {
                                ui.checkbox(on, day.to_string());
                            }
                        });
                    }
                });
                ui.end_row();
                field(ui, "Minutes a day", |ui| {
                    ui.add(
                        egui::DragValue::new(&mut state.travel_minutes)
                            .range(0.0..=240.0)
                            .speed(5.0),
                    )
                });
                ui.end_row();
            }
            ScenarioKind::Illness => {
                field(ui, "First day ill", |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut state.illness_from)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                });
                ui.end_row();
                field(ui, "Days ill", |ui| {
                    ui.add(egui::DragValue::new(&mut state.illness_days).range(1..=28))
                });
                ui.end_row();
            }
            ScenarioKind::AddRace => {
                field(ui, "Race name", |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut state.new_race_name)
                            .hint_text("Club 10K")
                            .desired_width(160.0),
                    )
                });
                ui.end_row();
                field(ui, "Race date", |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut state.new_race_date)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                });
                ui.end_row();
                field(ui, "Distance (km)", |ui| {
                    ui.add(
                        egui::DragValue::new(&mut state.new_race_km)
                            .range(0.8..=100.0)
                            .speed(0.1),
                    )
                });
                ui.end_row();
                ui.label("Priority");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut state.new_race_priority, Priority::B, "B")
                        .on_hover_text("Mini-taper of 3–5 days and a short recovery");
                    ui.radio_value(&mut state.new_race_priority, Priority::C, "C")
                        .on_hover_text("Trained through: replaces a workout");
                });
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    ui.checkbox(&mut state.include_approved, "Also change approved weeks")
        .on_hover_text("Off: weeks you approved stay as they are and are listed as kept");
    ui.add_space(8.0);
    let scenario = state.scenario(app);
    ui.horizontal(|ui| {
        let preview = ui
            .add_enabled(scenario.is_ok(), egui::Button::new("Preview"))
            .on_hover_text("Run the scenario on a copy of the plan: nothing changes yet");
        if preview.clicked()
            && let Ok(s) = &scenario
        {
            let keep = state.keep();
            state.preview = Some(Preview {
                result: run(app, s, keep),
                scenario: s.clone(),
                keep,
                key: (app.doc.revision(), app.today),
            });
        }
    });
    if let Err(e) = scenario {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
}

fn preview_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    state: &mut WhatIfState,
    out: &mut Vec<Command>,
) {
    let Some(preview) = state.preview.clone() else {
        ui.label(
            RichText::new(
                "Pick a scenario and its inputs, then Preview: the plan with the scenario is shown next to the current one. Nothing changes until you accept it.",
            )
            .weak(),
        );
        return;
    };
    let outcome = match &preview.result {
        Ok(o) => Rc::clone(o),
        Err(e) => {
            ui.heading(shown(&preview.scenario.describe_for(app.doc.plan())));
            ui.colored_label(ui.visuals().error_fg_color, format!("Cannot preview: {e}"));
            if ui.button("Discard").clicked() {
                state.preview = None;
            }
            return;
        }
    };
    let diff = &outcome.diff;
    ui.horizontal(|ui| {
        ui.heading(shown(&outcome.description));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Discard")
                .on_hover_text("Close the preview: the plan stays as it is")
                .clicked()
            {
                state.preview = None;
            }
            let accept = ui
                .add_enabled(!diff.weeks.is_empty(), egui::Button::new("✔ Accept"))
                .on_hover_text(
                    "Apply the scenario to the plan: one undo step, the scenario as the reason",
                )
                .on_disabled_hover_text("The scenario changes no week");
            if accept.clicked() {
                out.push(Command::Edit(
                    Edit::ReplacePlan {
                        plan: Box::new(outcome.plan.clone()),
                        scenario: outcome.description.clone(),
                    },
                    Reason::new(Some(ReasonPick::Scenario), outcome.description.clone()),
                ));
                state.preview = None;
            }
        });
    });
    let (before, after) = diff.load_change();
    ui.label(format!(
        "{} {} changed · load over them {before:.0} ➡ {after:.0} AU ({:+.0} AU)",
        diff.weeks.len(),
        plural(diff.weeks.len() as i64, "week", "weeks"),
        after - before
    ));
    for t in &diff.tapers {
        let d = |x: Option<NaiveDate>| {
            x.map_or("none".to_owned(), |d| d.format("%-d %b %Y").to_string())
        };
        ui.label(
            RichText::new(format!("Taper starts {} ➡ {}", d(t.from), d(t.to)))
                .strong()
                .color(crate::ui::style::phase_color(
                    crate::model::PhaseKind::Taper,
                )),
        );
    }
    if !diff.kept_weeks.is_empty() {
        ui.label(format!(
            "Kept as approved: {}",
            diff.kept_weeks
                .iter()
                .map(|w| w.format("%-d %b").to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for n in &diff.notes {
        ui.label(RichText::new(format!("• {}", shown(n))).small());
    }

    section(ui, "Weekly load: current plan and with the scenario");
    load_plot(ui, app.doc.plan(), &outcome.plan);

    ui.columns(2, |cols| {
        warnings_list(&mut cols[0], "Warnings added", &diff.warnings_added);
        warnings_list(&mut cols[1], "Warnings removed", &diff.warnings_removed);
    });

    section(ui, "Weeks changed");
    if outcome.diff.weeks.is_empty() {
        ui.label(RichText::new("None: the plan stays as it is.").weak());
    } else {
        weeks_table(ui, &outcome);
    }
}

fn load_plot(ui: &mut egui::Ui, before: &Plan, after: &Plan) {
    let line = |p: &Plan| -> Vec<[f64; 2]> {
        p.weeks()
            .iter()
            .map(|w| [x_from_date(w.start) + 3.5, w.load_au()])
            .collect()
    };
    Plot::new("whatif_load")
        .height(170.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_scroll(false)
        .x_axis_formatter(|m, _| date_from_x(m.value).format("%-d %b").to_string())
        .show(ui, |p| {
            p.line(
                Line::new("Current plan", line(before))
                    .color(Color32::from_rgb(140, 150, 160))
                    .width(2.0),
            );
            p.line(
                Line::new("With the scenario", line(after))
                    .color(Color32::from_rgb(230, 150, 50))
                    .width(2.0),
            );
        });
}

/// The scenario's note on a week: the part of its rationale before the plan's own.
fn week_reason(rationale: &str) -> String {
    shown(
        rationale
            .split(crate::engine::trim::PLAN_SEPARATOR)
            .next()
            .unwrap_or_default(),
    )
}

fn weeks_table(ui: &mut egui::Ui, outcome: &ScenarioOutcome) {
    let phase = |p: Option<crate::model::PhaseKind>| p.map_or("–", |p| p.label());
    let weeks = &outcome.diff.weeks;
    // One reason for every week (a re-plan) is said once, above the table.
    let reasons: std::collections::BTreeSet<String> =
        weeks.iter().map(|w| week_reason(&w.reason)).collect();
    let common = (reasons.len() == 1).then(|| reasons.into_iter().next().unwrap_or_default());
    if let Some(reason) = &common {
        ui.label(RichText::new(format!("Why: {reason}")).weak());
    }
    let headers: &[&str] = if common.is_some() {
        &["Week", "Phase", "Load (AU)", "Sessions", "Hard"]
    } else {
        &["Week", "Phase", "Load (AU)", "Sessions", "Hard", "Why"]
    };
    egui::Grid::new("whatif_weeks")
        .num_columns(headers.len())
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in headers {
                ui.strong(*h);
            }
            ui.end_row();
            for w in weeks {
                ui.label(w.start.format("%-d %b %Y").to_string());
                ui.label(if w.phase_before == w.phase_after {
                    phase(w.phase_after).to_owned()
                } else {
                    format!("{} ➡ {}", phase(w.phase_before), phase(w.phase_after))
                });
                let delta = w.load_after - w.load_before;
                let color = if delta < 0.0 {
                    Color32::from_rgb(60, 130, 200)
                } else {
                    Color32::from_rgb(220, 120, 40)
                };
                ui.label(
                    RichText::new(format!(
                        "{:.0} ➡ {:.0} ({delta:+.0})",
                        w.load_before, w.load_after
                    ))
                    .color(color),
                );
                ui.label(format!("{} ➡ {}", w.sessions_before, w.sessions_after));
                ui.label(format!("{} ➡ {}", w.hard_before, w.hard_after));
                if common.is_none() {
                    ui.label(RichText::new(week_reason(&w.reason)).small())
                        .on_hover_text(shown(&w.reason));
                }
                ui.end_row();
            }
        });
}

fn warnings_list(ui: &mut egui::Ui, title: &str, warnings: &[Warning]) {
    section(ui, &format!("{title} ({})", warnings.len()));
    if warnings.is_empty() {
        ui.label(RichText::new("None").weak());
    }
    for w in warnings {
        ui.horizontal_wrapped(|ui| {
            ui.label(severity_label(w.severity));
            let when = w
                .week
                .map(|d| format!("week of {}: ", d.format("%-d %b")))
                .unwrap_or_default();
            ui.label(RichText::new(format!("{when}{}", shown(&w.message))).small());
        });
    }
}
