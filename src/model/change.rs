//! The change log: every edit of the plan with what changed and why.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Athlete, DecisionChoice, Guardrails, ModelSettings, PhaseKind, Race, Review, ReviewKind,
    Session, VariantKind, Week, WeekStart,
};

/// One recorded edit (SPEC §1, "change log"): when, who, what (before/after) and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub at: DateTime<Utc>,
    pub who: Author,
    /// The week the change is about, when it is about one.
    #[serde(default)]
    pub week: Option<NaiveDate>,
    pub change: Change,
    pub reason: Reason,
}

/// Who made a change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Author {
    #[default]
    Coach,
    Athlete,
    /// The engine, on the coach's request (re-plan, scenario).
    Engine,
}

impl Author {
    pub fn label(self) -> &'static str {
        match self {
            Self::Coach => "coach",
            Self::Athlete => "athlete",
            Self::Engine => "engine",
        }
    }
}

/// Why a change was made: a quick pick and/or free text. At least one is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reason {
    pub pick: Option<ReasonPick>,
    pub text: String,
}

impl Reason {
    pub fn new(pick: Option<ReasonPick>, text: impl Into<String>) -> Self {
        Self {
            pick,
            text: text.into(),
        }
    }

    /// A reason needs a quick pick or some words.
    pub fn is_given(&self) -> bool {
        self.pick.is_some() || !self.text.trim().is_empty()
    }

    /// "Travel: away Thursday to Sunday".
    pub fn describe(&self) -> String {
        match (self.pick, self.text.trim()) {
            (Some(p), "") => p.label().to_owned(),
            (Some(p), t) => format!("{}: {t}", p.label()),
            (None, t) => t.to_owned(),
        }
    }
}

/// Quick-pick reasons of the week editor (SPEC §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReasonPick {
    Fatigue,
    LifeStress,
    Travel,
    Niggle,
    AthletePreference,
    Weather,
    CoachJudgement,
    Illness,
    Scenario,
}

impl ReasonPick {
    pub const ALL: [ReasonPick; 9] = [
        Self::Fatigue,
        Self::LifeStress,
        Self::Travel,
        Self::Niggle,
        Self::AthletePreference,
        Self::Weather,
        Self::CoachJudgement,
        Self::Illness,
        Self::Scenario,
    ];

    /// The quick picks a coach chooses from when editing a week (SPEC §3, plus illness);
    /// `Scenario` is only set by the app, for an accepted what-if.
    pub const QUICK: [ReasonPick; 8] = [
        Self::Fatigue,
        Self::LifeStress,
        Self::Travel,
        Self::Niggle,
        Self::AthletePreference,
        Self::Weather,
        Self::Illness,
        Self::CoachJudgement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Fatigue => "Fatigue",
            Self::LifeStress => "Life stress",
            Self::Travel => "Travel",
            Self::Niggle => "Niggle / pain",
            Self::AthletePreference => "Athlete preference",
            Self::Weather => "Weather",
            Self::CoachJudgement => "Coach judgement",
            Self::Illness => "Illness",
            Self::Scenario => "What-if scenario",
        }
    }
}

/// What changed, with the values before and after, so the log can show and compare them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Change {
    SessionAdded {
        session: Session,
    },
    SessionEdited {
        before: Session,
        after: Session,
    },
    SessionRemoved {
        session: Session,
    },
    WeekApproved {
        week: NaiveDate,
    },
    WeekReopened {
        week: NaiveDate,
    },
    /// A whole week replaced at once (weekly review, scenario).
    WeekReplaced {
        before: Week,
        after: Week,
    },
    RaceAdded {
        race: Race,
    },
    RaceEdited {
        before: Race,
        after: Race,
    },
    RaceRemoved {
        race: Race,
    },
    PhaseMoved {
        kind: PhaseKind,
        before: NaiveDate,
        after: NaiveDate,
    },
    /// The plan's weeks now start on another day (the draft weeks re-planned on it).
    WeekStartChanged {
        before: WeekStart,
        after: WeekStart,
    },
    AthleteEdited {
        before: Box<Athlete>,
        after: Box<Athlete>,
    },
    GuardrailsEdited {
        before: Guardrails,
        after: Guardrails,
    },
    VariantAdopted {
        variant: VariantKind,
        /// Weeks kept from the previous plan (approved or edited by the coach).
        kept_weeks: Vec<NaiveDate>,
    },
    Replanned {
        changed_weeks: Vec<NaiveDate>,
        kept_weeks: Vec<NaiveDate>,
    },
    ScenarioApplied {
        scenario: String,
        changed_weeks: Vec<NaiveDate>,
    },
    /// The weekly review's draft approved as the week: the plan's week before, what the
    /// engine drafted, and what the coach approved (the draft with the coach's edits).
    WeeklyDraftApproved {
        before: Week,
        drafted: Week,
        after: Week,
    },
    /// A review (weekly, audit, retrospective) and its decisions saved in the plan.
    ReviewRecorded {
        review: Review,
    },
    /// The load model's parameters replaced (e.g. by the retrospective's fit).
    ModelSet {
        before: ModelSettings,
        after: ModelSettings,
    },
}

impl Change {
    /// One line for the change-log panel.
    pub fn describe(&self) -> String {
        match self {
            Self::SessionAdded { session } => format!(
                "Added {} on {} ({:.0} min)",
                session.kind.label(),
                session.date,
                session.duration_min
            ),
            Self::SessionEdited { before, after } => describe_session_edit(before, after),
            Self::SessionRemoved { session } => format!(
                "Removed {} on {} ({:.0} min)",
                session.kind.label(),
                session.date,
                session.duration_min
            ),
            Self::WeekApproved { week } => format!("Approved week of {week}"),
            Self::WeekReopened { week } => format!("Reopened week of {week} as draft"),
            Self::WeekReplaced { before, after } => format!(
                "Replaced week of {}: load {:.0} ➡ {:.0} AU",
                before.start,
                before.load_au(),
                after.load_au()
            ),
            Self::RaceAdded { race } => format!(
                "Added {} race {} on {}",
                race.priority.letter(),
                race.name,
                race.date
            ),
            Self::RaceEdited { before, after } => {
                let mut parts = Vec::new();
                if before.date != after.date {
                    parts.push(format!("date {} ➡ {}", before.date, after.date));
                }
                if before.priority != after.priority {
                    parts.push(format!(
                        "priority {} ➡ {}",
                        before.priority.letter(),
                        after.priority.letter()
                    ));
                }
                if before.distance_km != after.distance_km {
                    parts.push(format!(
                        "distance {} ➡ {} km",
                        before.distance_km, after.distance_km
                    ));
                }
                if before.name != after.name {
                    parts.push(format!("renamed from {}", before.name));
                }
                if parts.is_empty() {
                    parts.push("details".to_owned());
                }
                format!("Race {}: {}", after.name, parts.join(", "))
            }
            Self::RaceRemoved { race } => format!("Removed race {} on {}", race.name, race.date),
            Self::PhaseMoved {
                kind,
                before,
                after,
            } => format!("{} now starts {after} (was {before})", kind.label()),
            Self::WeekStartChanged { before, after } => format!(
                "Weeks now start on {} (were {}); draft weeks re-planned",
                after.label(),
                before.label()
            ),
            Self::AthleteEdited { .. } => "Edited the athlete profile".to_owned(),
            Self::GuardrailsEdited { .. } => "Edited the guardrails".to_owned(),
            Self::VariantAdopted {
                variant,
                kept_weeks,
            } => {
                if kept_weeks.is_empty() {
                    format!("Adopted the {} variant", variant.code())
                } else {
                    format!(
                        "Adopted the {} variant, keeping {} of the coach's weeks",
                        variant.code(),
                        kept_weeks.len()
                    )
                }
            }
            Self::Replanned {
                changed_weeks,
                kept_weeks,
            } => format!(
                "Re-planned: {} weeks changed, {} kept",
                changed_weeks.len(),
                kept_weeks.len()
            ),
            Self::ScenarioApplied {
                scenario,
                changed_weeks,
            } => format!(
                "What-if applied: {scenario} ({} {})",
                changed_weeks.len(),
                super::plural(changed_weeks.len() as i64, "week", "weeks")
            ),
            Self::WeeklyDraftApproved {
                before,
                drafted,
                after,
            } => {
                let edits = if drafted.sessions == after.sessions {
                    "as drafted".to_owned()
                } else {
                    format!("coach-edited from the draft's {:.0} AU", drafted.load_au())
                };
                format!(
                    "Weekly review: approved the week of {}, load {:.0} ➡ {:.0} AU ({edits})",
                    before.start,
                    before.load_au(),
                    after.load_au()
                )
            }
            Self::ReviewRecorded { review } => {
                let count =
                    |c: DecisionChoice| review.decisions.iter().filter(|d| d.choice == c).count();
                let kind = match review.kind {
                    ReviewKind::Weekly => "weekly review",
                    ReviewKind::Audit => "monthly audit",
                    ReviewKind::Retrospective => "retrospective",
                };
                format!(
                    "Recorded the {kind} of {} to {}: keep {}, adjust {}, replace {}",
                    review.period_start,
                    review.period_end,
                    count(DecisionChoice::Keep),
                    count(DecisionChoice::Adjust),
                    count(DecisionChoice::Replace)
                )
            }
            Self::ModelSet { before, after } => {
                let source = match (after.fitted, after.fit_error) {
                    (true, Some(e)) => format!("fitted, RMS error {e:.2}"),
                    (true, None) => "fitted".to_owned(),
                    (false, _) => "defaults".to_owned(),
                };
                format!(
                    "Load model: k1 {} ➡ {}, k2 {} ➡ {}, p0 {} ➡ {} ({source})",
                    gain(before.k1),
                    gain(after.k1),
                    gain(before.k2),
                    gain(after.k2),
                    gain(before.p0),
                    gain(after.p0)
                )
            }
        }
    }
}

/// A model parameter short enough for one log line: fitted gains are small (0.0015).
fn gain(v: f64) -> String {
    if v != 0.0 && v.abs() < 0.1 {
        format!("{v:.5}")
    } else {
        format!("{v:.1}")
    }
}

/// Seconds as "4:05".
fn min_sec(s: f64) -> String {
    let total = s.round() as i64;
    format!("{}:{:02}", total / 60, total % 60)
}

fn describe_session_edit(before: &Session, after: &Session) -> String {
    let mut parts = Vec::new();
    if before.date != after.date {
        parts.push(format!("moved {} ➡ {}", before.date, after.date));
    }
    if before.kind != after.kind {
        parts.push(format!(
            "type {} ➡ {}",
            before.kind.label(),
            after.kind.label()
        ));
    }
    if before.duration_min != after.duration_min {
        parts.push(format!(
            "duration {:.0} ➡ {:.0} min",
            before.duration_min, after.duration_min
        ));
    }
    if before.distance_km != after.distance_km {
        let km = |d: Option<f64>| d.map_or("–".to_owned(), |d| format!("{d:.1}"));
        parts.push(format!(
            "distance {} ➡ {} km",
            km(before.distance_km),
            km(after.distance_km)
        ));
    }
    if before.rpe != after.rpe {
        parts.push(format!("RPE {} ➡ {}", before.rpe, after.rpe));
    }
    if before.pace != after.pace {
        let pace = |p: Option<super::PaceRange>| {
            p.map_or("–".to_owned(), |p| {
                format!("{}–{}", min_sec(p.fast_s_per_km), min_sec(p.slow_s_per_km))
            })
        };
        parts.push(format!(
            "pace {} ➡ {} /km",
            pace(before.pace),
            pace(after.pace)
        ));
    }
    if before.hr_zone != after.hr_zone {
        let zone = |z: Option<u8>| z.map_or("–".to_owned(), |z| z.to_string());
        parts.push(format!(
            "HR zone {} ➡ {}",
            zone(before.hr_zone),
            zone(after.hr_zone)
        ));
    }
    if before.description != after.description {
        parts.push("description".to_owned());
    }
    if before.coach_notes != after.coach_notes {
        parts.push("notes".to_owned());
    }
    if parts.is_empty() {
        parts.push("no visible change".to_owned());
    }
    format!(
        "{} on {}: {}",
        before.kind.label(),
        before.date,
        parts.join(", ")
    )
}
