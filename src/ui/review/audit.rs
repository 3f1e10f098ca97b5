//! The monthly audit: run on demand over the last four complete weeks (or a chosen period),
//! show what `engine::audit` found — load compliance, fitness reached against the projection,
//! performances against their projection, pace at heart rate on easy runs, the warning signs
//! with their evidence — and one keep / adjust / replace suggestion per session type. The coach
//! sets each decision and a note; "Record decisions" saves the review in the plan.

use std::rc::Rc;

use chrono::NaiveDate;
use eframe::egui::{self, Color32, RichText};

use super::{facts_grid, percent, section, shown};
use crate::app::{Command, Edit, PeaklineApp};
use crate::engine::audit::{Audit, audit, audit_range, to_review};
use crate::engine::predict::format_duration_s;
use crate::model::{Decision, DecisionChoice, Reason, ReasonPick, ReviewKind, SessionType};
use crate::ui::style::{field, session_color};

/// The coach's decision on one session type.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionRow {
    pub subject: SessionType,
    /// What the engine suggested.
    pub suggested: DecisionChoice,
    pub choice: DecisionChoice,
    pub note: String,
}

/// An audit that was asked for: its period (`None`: the last four complete weeks), the
/// engine's result on a revision and day, and the coach's decisions.
#[derive(Clone)]
struct Run {
    period: Option<(NaiveDate, NaiveDate)>,
    key: (u64, NaiveDate),
    audit: Rc<Audit>,
    decisions: Vec<DecisionRow>,
}

/// The audit page's inputs and its last run.
#[derive(Clone, Default)]
pub struct AuditState {
    /// Audit a chosen period instead of the last four complete weeks.
    pub custom: bool,
    /// As typed, YYYY-MM-DD.
    pub from: String,
    pub to: String,
    run: Option<Run>,
}

impl AuditState {
    /// The coach's decisions of the last run, for tests and the record.
    pub fn decisions(&self) -> &[DecisionRow] {
        self.run.as_ref().map_or(&[], |r| r.decisions.as_slice())
    }

    fn period(&self) -> Result<Option<(NaiveDate, NaiveDate)>, String> {
        if !self.custom {
            return Ok(None);
        }
        let parse = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d");
        match (parse(&self.from), parse(&self.to)) {
            (Ok(a), Ok(b)) if a <= b => Ok(Some((a, b))),
            (Ok(_), Ok(_)) => Err("The period must end after it starts.".to_owned()),
            _ => Err("Both dates must be like 2026-10-26.".to_owned()),
        }
    }

    /// Runs the audit for `period` on the current plan, keeping the coach's decisions for the
    /// session types that are still there when it is the same period.
    fn run(&mut self, app: &PeaklineApp, period: Option<(NaiveDate, NaiveDate)>) {
        let plan = app.doc.plan();
        let audit = Rc::new(match period {
            Some((from, to)) => audit_range(plan, from, to, app.today),
            None => audit(plan, app.today),
        });
        let previous: Vec<DecisionRow> = self
            .run
            .take()
            .filter(|r| r.period == period)
            .map(|r| r.decisions)
            .unwrap_or_default();
        let decisions = audit
            .suggestions
            .iter()
            .map(|s| {
                previous
                    .iter()
                    .find(|d| d.subject == s.subject && d.suggested == s.choice)
                    .cloned()
                    .unwrap_or(DecisionRow {
                        subject: s.subject,
                        suggested: s.choice,
                        choice: s.choice,
                        note: String::new(),
                    })
            })
            .collect();
        self.run = Some(Run {
            period,
            key: (app.doc.revision(), app.today),
            audit,
            decisions,
        });
    }

    /// Re-runs the shown audit when the plan or today changed.
    fn refresh(&mut self, app: &PeaklineApp) {
        if let Some(r) = &self.run
            && r.key != (app.doc.revision(), app.today)
        {
            let period = r.period;
            self.run(app, period);
        }
    }
}

fn choice_label(c: DecisionChoice) -> &'static str {
    match c {
        DecisionChoice::Keep => "Keep",
        DecisionChoice::Adjust => "Adjust",
        DecisionChoice::Replace => "Replace",
    }
}

fn choice_color(c: DecisionChoice) -> Color32 {
    match c {
        DecisionChoice::Keep => Color32::from_rgb(60, 150, 80),
        DecisionChoice::Adjust => Color32::from_rgb(225, 150, 30),
        DecisionChoice::Replace => Color32::from_rgb(215, 60, 50),
    }
}

fn period_text(start: NaiveDate, end: NaiveDate) -> String {
    format!("{} – {}", start.format("%-d %b"), end.format("%-d %b %Y"))
}

/// The monthly audit page.
pub fn audit_ui(
    ui: &mut egui::Ui,
    app: &PeaklineApp,
    state: &mut AuditState,
    out: &mut Vec<Command>,
) {
    state.refresh(app);
    let period = state.period();
    ui.horizontal(|ui| {
        let run = ui
            .add_enabled(period.is_ok(), egui::Button::new("Run audit"))
            .on_hover_text("Compare what was planned with what happened");
        if run.clicked()
            && let Ok(p) = &period
        {
            state.run(app, *p);
        }
        ui.checkbox(&mut state.custom, "Choose the period")
            .on_hover_text("Off: the last four complete weeks before today's week");
        if state.custom {
            if state.from.is_empty() && state.to.is_empty() {
                let week = app.doc.plan().season.week_start.week_of(app.today);
                state.from = crate::engine::signals::add_days(week, -28).to_string();
                state.to = crate::engine::signals::add_days(week, -1).to_string();
            }
            field(ui, "From", |ui| {
                ui.add(egui::TextEdit::singleline(&mut state.from).desired_width(100.0))
            });
            field(ui, "To", |ui| {
                ui.add(egui::TextEdit::singleline(&mut state.to).desired_width(100.0))
            });
        } else {
            ui.label(RichText::new("Last four complete weeks").weak());
        }
        if let Err(e) = &period {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
    ui.separator();
    let Some(run) = state.run.as_mut() else {
        ui.label(
            RichText::new(
                "Every four weeks, zoom out: run the audit to compare the plan's projection with what the athlete did, and decide per session type whether to keep, adjust or replace it.",
            )
            .weak(),
        );
        ui.label(crate::engine::audit::audit_due(app.doc.plan(), app.today).text);
        recorded_ui(ui, app);
        return;
    };
    let audit = Rc::clone(&run.audit);
    ui.horizontal(|ui| {
        ui.heading(format!("Audit {}", period_text(audit.start, audit.end)));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Record decisions")
                .on_hover_text("Save the audit and your decisions in the plan's reviews")
                .clicked()
            {
                let decisions = run
                    .decisions
                    .iter()
                    .map(|d| {
                        let evidence = audit
                            .suggestions
                            .iter()
                            .find(|s| s.subject == d.subject)
                            .map(|s| shown(&s.evidence.join("; ")))
                            .unwrap_or_default();
                        Decision {
                            subject: d.subject.label().to_owned(),
                            choice: d.choice,
                            evidence,
                            note: d.note.trim().to_owned(),
                        }
                    })
                    .collect();
                let review = to_review(&audit, decisions, app.today, app.now());
                out.push(Command::Edit(
                    Edit::AddReview(Box::new(review)),
                    Reason::new(
                        Some(ReasonPick::CoachJudgement),
                        format!("Monthly audit {}", period_text(audit.start, audit.end)),
                    ),
                ));
            }
        });
    });
    ui.label(shown(&audit.summary));
    if audit.too_aggressive {
        ui.colored_label(
            Color32::from_rgb(215, 60, 50),
            "⚠ Several warning signs at once: the plan looks too aggressive. Reduce load and reassess.",
        );
    }
    for n in &audit.notes {
        ui.label(RichText::new(format!("• {}", shown(n))).small().weak());
    }
    egui::ScrollArea::vertical()
        .id_salt("audit_scroll")
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                findings_ui(&mut cols[0], app, &audit);
                decisions_ui(&mut cols[1], &audit, &mut run.decisions);
            });
            recorded_ui(ui, app);
        });
}

fn findings_ui(ui: &mut egui::Ui, app: &PeaklineApp, audit: &Audit) {
    section(ui, "Load compliance");
    egui::Grid::new("audit_weeks")
        .num_columns(4)
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in ["Week", "Done of planned (AU)", "Compliance", "Sessions"] {
                ui.label(RichText::new(h).weak());
            }
            ui.end_row();
            for w in audit.weeks.iter().chain(std::iter::once(&audit.load)) {
                let total = std::ptr::eq(w, &audit.load);
                let label = if total {
                    RichText::new("All four weeks").strong()
                } else {
                    RichText::new(w.start.format("%-d %b").to_string())
                };
                ui.label(label);
                ui.label(format!("{:.0} of {:.0}", w.actual_au, w.planned_au));
                ui.label(percent(w.compliance));
                ui.label(format!("{} of {}", w.sessions_done, w.sessions_planned));
                ui.end_row();
            }
        });

    section(ui, "Fitness reached vs projected");
    match &audit.fitness {
        Some(f) => facts_grid(
            ui,
            "audit_fitness",
            &[
                (
                    "At the end",
                    format!(
                        "{:.0} reached vs {:.0} projected ({})",
                        f.actual,
                        f.projected,
                        percent(f.share)
                    ),
                ),
                (
                    "At the start",
                    format!(
                        "{:.0} reached vs {:.0} projected",
                        f.actual_start, f.projected_start
                    ),
                ),
            ],
        ),
        None => {
            ui.label(RichText::new("No adopted plan to project from.").weak());
        }
    }

    section(ui, "Performances vs projection");
    if audit.performances.is_empty() {
        ui.label(RichText::new("No race or time trial in the period.").weak());
    } else {
        egui::Grid::new("audit_perf")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for h in ["Performance", "Time", "VDOT", "Expected"] {
                    ui.label(RichText::new(h).weak());
                }
                ui.end_row();
                for p in &audit.performances {
                    let kind = if p.time_trial { "time trial" } else { "race" };
                    ui.label(format!("{} ({kind}, {})", p.name, p.date.format("%-d %b")));
                    ui.label(format!(
                        "{} for {}",
                        format_duration_s(p.time_s),
                        app.prefs.units.format_distance(p.distance_m / 1000.0)
                    ));
                    ui.label(p.vdot.map_or("–".to_owned(), |v| format!("{v:.1}")));
                    ui.label(
                        p.expected_vdot
                            .map_or("–".to_owned(), |v| format!("{v:.1}")),
                    )
                    .on_hover_text(&p.expected_from);
                    ui.end_row();
                }
            });
    }

    section(ui, "Pace at heart rate, easy runs");
    match &audit.efficiency {
        Some(e) => {
            ui.label(format!(
                "At {:.0} bpm: {} ➡ {} ({:+.1} % efficiency; {} ➡ {} runs)",
                e.reference_hr,
                app.prefs.units.format_pace(e.early_pace_s_per_km),
                app.prefs.units.format_pace(e.late_pace_s_per_km),
                e.change * 100.0,
                e.runs_early,
                e.runs_late
            ));
        }
        None => {
            ui.label(
                RichText::new("Too few easy runs with heart rate and distance to compare.").weak(),
            );
        }
    }

    section(ui, "Warning signs");
    for s in &audit.signs {
        // The engine marks a sign it could not judge (too little data) by its evidence.
        let judged = !s.evidence.starts_with("Not judged");
        ui.horizontal_wrapped(|ui| {
            if s.present {
                ui.colored_label(Color32::from_rgb(225, 150, 30), "⚠");
                ui.label(RichText::new(s.kind.label()).strong());
            } else if judged {
                ui.label(RichText::new("✔").color(Color32::from_rgb(60, 150, 80)));
                ui.label(s.kind.label());
            } else {
                ui.label(RichText::new("○").weak());
                ui.label(RichText::new(s.kind.label()).weak());
            }
        });
        ui.label(RichText::new(shown(&s.evidence)).small());
    }
}

fn decisions_ui(ui: &mut egui::Ui, audit: &Audit, rows: &mut [DecisionRow]) {
    section(ui, "Per session type: keep, adjust or replace");
    if rows.is_empty() {
        ui.label(RichText::new("No training sessions planned in the period.").weak());
    }
    for row in rows.iter_mut() {
        let label = row.subject.label();
        egui::Frame::group(ui.style())
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(label)
                            .strong()
                            .color(session_color(row.subject)),
                    );
                    ui.label(
                        RichText::new(format!("engine: {}", choice_label(row.suggested)))
                            .small()
                            .color(choice_color(row.suggested)),
                    );
                });
                ui.horizontal(|ui| {
                    for c in [
                        DecisionChoice::Keep,
                        DecisionChoice::Adjust,
                        DecisionChoice::Replace,
                    ] {
                        let selected = row.choice == c;
                        let r = ui.radio_value(&mut row.choice, c, choice_label(c));
                        r.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::RadioButton,
                                true,
                                selected,
                                format!("{} {label}", choice_label(c)),
                            )
                        });
                    }
                });
                if let Some(s) = audit.suggestions.iter().find(|s| s.subject == row.subject) {
                    for e in &s.evidence {
                        ui.label(RichText::new(format!("• {}", shown(e))).small());
                    }
                }
                field(ui, &format!("Note on {label}"), |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut row.note)
                            .hint_text("optional")
                            .desired_width(f32::INFINITY),
                    )
                });
            });
    }
}

/// Audits already recorded in the plan, newest first.
fn recorded_ui(ui: &mut egui::Ui, app: &PeaklineApp) {
    let recorded: Vec<_> = app
        .doc
        .plan()
        .reviews
        .iter()
        .rev()
        .filter(|r| r.kind == ReviewKind::Audit)
        .collect();
    if recorded.is_empty() {
        return;
    }
    section(ui, "Recorded audits");
    for r in recorded {
        let choices: Vec<String> = r
            .decisions
            .iter()
            .map(|d| format!("{} {}", choice_label(d.choice).to_lowercase(), d.subject))
            .collect();
        ui.label(
            RichText::new(format!(
                "{} (recorded {}): {}",
                period_text(r.period_start, r.period_end),
                r.date.format("%-d %b %Y"),
                choices.join(", ")
            ))
            .small(),
        );
    }
}
