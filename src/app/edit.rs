//! Edits as data: every change to a document is an [`Edit`] value applied in one place.
//!
//! The same value feeds undo (the document snapshots before applying it) and the change log
//! (the applied [`Change`] records before/after). Views never mutate the plan themselves.

use chrono::NaiveDate;

use crate::engine::adopt::{Conflict, KeepPolicy, adopt, regenerate_variants, replan};
use crate::model::{
    Actual, Athlete, Change, Guardrails, ModelSettings, PhaseKind, Plan, Race, Review, Session,
    SessionId, VariantKind, Week, WeekStart, WeekStatus, Wellness,
};

/// Who is editing: the athlete may only log actuals and check-ins (SPEC §3, "Athlete view").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    #[default]
    Coach,
    Athlete,
}

/// One user action on the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace a session (matched by id); a new date moves it, also into another week.
    UpdateSession(Session),
    /// Add a session; its id is assigned on apply.
    AddSession(Session),
    RemoveSession(SessionId),
    ApproveWeek(NaiveDate),
    ReopenWeek(NaiveDate),
    /// Replace a whole week (weekly review, scenarios); matched by start date.
    ReplaceWeek(Week),
    AddRace(Race),
    UpdateRace {
        index: usize,
        race: Race,
    },
    RemoveRace(usize),
    SetAthlete(Box<Athlete>),
    SetGuardrails(Guardrails),
    /// Lay the plan's weeks out from another weekday and re-plan them (see
    /// [`week_start_locked`] for when that is possible).
    SetWeekStart(WeekStart),
    /// Fix where a phase starts (a dragged boundary) and re-plan around it.
    MovePhase {
        kind: PhaseKind,
        start: NaiveDate,
    },
    /// Recompute the drafts and merge the adopted variant's new draft.
    Replan(KeepPolicy),
    /// Make a variant the working plan.
    Adopt {
        variant: VariantKind,
        keep: KeepPolicy,
    },
    /// Use the adopted variant's new draft for these weeks (answer to a re-plan conflict).
    TakeDraftWeeks(Vec<NaiveDate>),
    /// Replace the whole plan with an engine result (an accepted what-if scenario).
    ReplacePlan {
        plan: Box<Plan>,
        scenario: String,
    },
    /// Approve the weekly review's draft (with the coach's edits) as the week: it replaces the
    /// plan's week, approved, and the review's minutes are saved in the plan's reviews.
    ApproveDraftWeek(Box<DraftApproval>),
    /// Save a review and its decisions (a monthly audit) in the plan's reviews.
    AddReview(Box<Review>),
    /// Replace the load model's parameters (the retrospective's fit for next season).
    SetModel(ModelSettings),
    /// Athlete log: add or replace an actual (matched by id; id 0 = new).
    LogActual(Actual),
    /// Athlete check-in: add or replace the check-in of that date.
    LogWellness(Wellness),
    /// Replace the whole training log (an import or a merge computed on a copy).
    ReplaceLog {
        actuals: Vec<Actual>,
        wellness: Vec<Wellness>,
    },
}

/// What approving a weekly draft carries: the engine's proposal (for the change log: what the
/// engine drafted against what the coach approved), the week as approved, and the minutes.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftApproval {
    /// The engine's draft of the week (`engine::review::WeeklyDraft::proposed`).
    pub drafted: Week,
    /// The week to approve: the draft with the coach's edits. Matched by start date.
    pub week: Week,
    /// The weekly review record (`engine::review::to_review`), when one is kept.
    pub review: Option<Review>,
}

impl Edit {
    /// Whether this edit changes the plan (and so needs a reason and a change-log entry),
    /// rather than logging what the athlete did.
    pub fn is_plan_edit(&self) -> bool {
        !matches!(
            self,
            Self::LogActual(_) | Self::LogWellness(_) | Self::ReplaceLog { .. }
        )
    }

    /// Whether `role` may make this edit. Enforced by the document, not only hidden in the UI.
    pub fn allowed_for(&self, role: Role) -> bool {
        match role {
            Role::Coach => true,
            Role::Athlete => !self.is_plan_edit(),
        }
    }
}

/// Why an edit could not be applied. The document is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the athlete view cannot change the plan")]
    NotAllowed,
    #[error("no plan has been adopted yet")]
    NoPlan,
    #[error("session {0} is not in the plan")]
    NoSuchSession(u64),
    #[error("no week starts on {0}")]
    NoSuchWeek(NaiveDate),
    #[error("{0} is outside the planned weeks")]
    OutsidePlan(NaiveDate),
    #[error("week of {0} is approved; reopen it before editing")]
    WeekApproved(NaiveDate),
    #[error("there is no race number {0}")]
    NoSuchRace(usize),
    #[error("a reason is required for every change to the plan")]
    ReasonMissing,
    #[error("the change would make the plan inconsistent: {0}")]
    Invalid(String),
    #[error("the {0:?} variant could not be drafted")]
    NoVariant(VariantKind),
    #[error("the weeks cannot start on another day now: {0}")]
    WeekStartLocked(String),
}

/// What an applied edit did: the change-log record and the week it concerns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// `None` for athlete logs, which are not plan changes.
    pub change: Option<Change>,
    pub week: Option<NaiveDate>,
    /// Weeks the coach owns that no longer fit a re-planned draft: the coach decides.
    pub conflicts: Vec<Conflict>,
}

/// Applies `edit` to `plan` in place. Edits that change the plan's inputs (races, phase
/// starts) re-plan the draft weeks on `today`, never touching approved or edited weeks.
///
/// # Errors
/// When the edit does not fit the plan (unknown session, approved week, …). `plan` may be
/// partly modified then; callers apply to a copy (see `Document::apply`).
pub fn apply(plan: &mut Plan, edit: &Edit, today: NaiveDate) -> Result<Applied, EditError> {
    let mut applied = apply_inputs(plan, edit, today)?;
    if edit.replans() && plan.plan.is_some() {
        applied.conflicts = replan(plan, KeepPolicy::KeepCoachWeeks, today).conflicts;
    } else if edit.replans() {
        regenerate_variants(plan, today);
    }
    match edit {
        Edit::Replan(keep) => {
            let outcome = replan(plan, *keep, today);
            applied.change = Some(Change::Replanned {
                changed_weeks: outcome.changed_weeks,
                kept_weeks: outcome.kept_weeks,
            });
            applied.conflicts = outcome.conflicts;
        }
        Edit::Adopt { variant, keep } => {
            if plan.variants.get(*variant).is_none() {
                regenerate_variants(plan, today);
            }
            let outcome =
                adopt(plan, *variant, *keep, today).ok_or(EditError::NoVariant(*variant))?;
            applied.change = Some(Change::VariantAdopted {
                variant: *variant,
                kept_weeks: outcome.kept_weeks,
            });
            applied.conflicts = outcome.conflicts;
        }
        Edit::SetWeekStart(_) => {
            // Every week moved, none was the coach's (see `week_start_locked`): the new draft
            // is what the engine proposes for these weeks, so it becomes the baseline, as on
            // adoption; a baseline on the old boundaries would match no week.
            let draft = plan
                .plan
                .as_ref()
                .and_then(|p| plan.variants.get(p.variant))
                .map(|d| d.weeks.clone());
            if let (Some(adopted), Some(weeks)) = (plan.plan.as_mut(), draft) {
                adopted.baseline = weeks;
            }
        }
        _ => {}
    }
    Ok(applied)
}

/// Why the plan's weeks cannot start on another weekday now, or `None` when they can.
///
/// Moving the week start moves every week's boundaries by a day. A week that has begun, or
/// that the coach approved or edited, would be split across two new weeks: neither could be
/// kept as it is, and re-planning must never overwrite them. So the week start is the coach's
/// to change until the first week begins and while every week is an untouched draft.
pub fn week_start_locked(plan: &Plan, today: NaiveDate) -> Option<String> {
    let weeks = plan.weeks();
    let date = |w: &Week| w.start.format("%-d %b %Y").to_string();
    if let Some(w) = weeks.iter().find(|w| w.start <= today) {
        return Some(format!(
            "the week of {} has begun; weeks already lived keep their days",
            date(w)
        ));
    }
    if let Some(w) = weeks.iter().find(|w| w.status == WeekStatus::Approved) {
        return Some(format!(
            "the week of {} is approved and would be split across two weeks",
            date(w)
        ));
    }
    if let Some(w) = weeks.iter().find(|w| w.has_coach_edits()) {
        return Some(format!(
            "you edited the week of {} and it would be split across two weeks",
            date(w)
        ));
    }
    None
}

impl Edit {
    /// Edits that change what the engine plans from, and so re-plan the draft weeks.
    pub fn replans(&self) -> bool {
        matches!(
            self,
            Self::AddRace(_)
                | Self::UpdateRace { .. }
                | Self::RemoveRace(_)
                | Self::MovePhase { .. }
                | Self::SetWeekStart(_)
        )
    }
}

fn apply_inputs(plan: &mut Plan, edit: &Edit, today: NaiveDate) -> Result<Applied, EditError> {
    match edit {
        Edit::UpdateSession(after) => {
            let adopted = plan.plan.as_mut().ok_or(EditError::NoPlan)?;
            let (wi, si) = find_session(&adopted.weeks, after.id)?;
            let before = adopted.weeks[wi].sessions[si].clone();
            ensure_draft(&adopted.weeks[wi])?;
            let mut after = after.clone();
            after.edited = true;
            adopted.weeks[wi].coach_edited = true;
            if adopted.weeks[wi].contains(after.date) {
                adopted.weeks[wi].sessions[si] = after.clone();
                sort_sessions(&mut adopted.weeks[wi]);
            } else {
                // Moving out of a week is a coach edit of both weeks: re-plans keep the week
                // it left (or the session would come back there) and the week it joined.
                let target = week_index(&adopted.weeks, after.date)?;
                ensure_draft(&adopted.weeks[target])?;
                adopted.weeks[wi].sessions.remove(si);
                adopted.weeks[target].sessions.push(after.clone());
                adopted.weeks[target].coach_edited = true;
                sort_sessions(&mut adopted.weeks[target]);
            }
            let week = week_start_of(&adopted.weeks, after.date);
            Ok(Applied {
                change: Some(Change::SessionEdited { before, after }),
                week,
                ..Applied::default()
            })
        }
        Edit::AddSession(session) => {
            let adopted = plan.plan.as_mut().ok_or(EditError::NoPlan)?;
            let wi = week_index(&adopted.weeks, session.date)?;
            ensure_draft(&adopted.weeks[wi])?;
            let mut session = session.clone();
            session.id = SessionId(adopted.next_session_id);
            session.edited = true;
            adopted.next_session_id += 1;
            adopted.weeks[wi].coach_edited = true;
            adopted.weeks[wi].sessions.push(session.clone());
            sort_sessions(&mut adopted.weeks[wi]);
            Ok(Applied {
                week: Some(adopted.weeks[wi].start),
                change: Some(Change::SessionAdded { session }),
                ..Applied::default()
            })
        }
        Edit::RemoveSession(id) => {
            let adopted = plan.plan.as_mut().ok_or(EditError::NoPlan)?;
            let (wi, si) = find_session(&adopted.weeks, *id)?;
            ensure_draft(&adopted.weeks[wi])?;
            // The week remembers the removal: a re-plan keeps it instead of bringing the
            // session back.
            adopted.weeks[wi].coach_edited = true;
            let session = adopted.weeks[wi].sessions.remove(si);
            Ok(Applied {
                week: Some(adopted.weeks[wi].start),
                change: Some(Change::SessionRemoved { session }),
                ..Applied::default()
            })
        }
        Edit::ApproveWeek(start) | Edit::ReopenWeek(start) => {
            let adopted = plan.plan.as_mut().ok_or(EditError::NoPlan)?;
            let week = adopted
                .weeks
                .iter_mut()
                .find(|w| w.start == *start)
                .ok_or(EditError::NoSuchWeek(*start))?;
            let approve = matches!(edit, Edit::ApproveWeek(_));
            week.status = if approve {
                WeekStatus::Approved
            } else {
                WeekStatus::Draft
            };
            Ok(Applied {
                week: Some(*start),
                change: Some(if approve {
                    Change::WeekApproved { week: *start }
                } else {
                    Change::WeekReopened { week: *start }
                }),
                ..Applied::default()
            })
        }
        Edit::ReplaceWeek(after) => {
            let adopted = plan.plan.as_mut().ok_or(EditError::NoPlan)?;
            let week = adopted
                .weeks
                .iter_mut()
                .find(|w| w.start == after.start)
                .ok_or(EditError::NoSuchWeek(after.start))?;
            let mut after = after.clone();
            after.coach_edited = true;
            let before = std::mem::replace(week, after.clone());
            let max_id = after.sessions.iter().map(|s| s.id.0).max().unwrap_or(0);
            adopted.next_session_id = adopted.next_session_id.max(max_id + 1);
            Ok(Applied {
                week: Some(after.start),
                change: Some(Change::WeekReplaced { before, after }),
                ..Applied::default()
            })
        }
        Edit::AddRace(race) => {
            plan.races.push(race.clone());
            sort_races(plan);
            widen_season(plan, race.date);
            Ok(Applied {
                week: None,
                change: Some(Change::RaceAdded { race: race.clone() }),
                ..Applied::default()
            })
        }
        Edit::UpdateRace { index, race } => {
            let slot = plan
                .races
                .get_mut(*index)
                .ok_or(EditError::NoSuchRace(*index))?;
            let before = std::mem::replace(slot, race.clone());
            sort_races(plan);
            widen_season(plan, race.date);
            Ok(Applied {
                week: None,
                change: Some(Change::RaceEdited {
                    before,
                    after: race.clone(),
                }),
                ..Applied::default()
            })
        }
        Edit::RemoveRace(index) => {
            if *index >= plan.races.len() {
                return Err(EditError::NoSuchRace(*index));
            }
            let race = plan.races.remove(*index);
            Ok(Applied {
                week: None,
                change: Some(Change::RaceRemoved { race }),
                ..Applied::default()
            })
        }
        Edit::SetAthlete(athlete) => {
            let before = std::mem::replace(&mut plan.athlete, (**athlete).clone());
            Ok(Applied {
                week: None,
                change: Some(Change::AthleteEdited {
                    before: Box::new(before),
                    after: athlete.clone(),
                }),
                ..Applied::default()
            })
        }
        Edit::SetGuardrails(g) => {
            let before = std::mem::replace(&mut plan.guardrails, g.clone());
            Ok(Applied {
                week: None,
                change: Some(Change::GuardrailsEdited {
                    before,
                    after: g.clone(),
                }),
                ..Applied::default()
            })
        }
        Edit::SetWeekStart(after) => {
            if let Some(why) = week_start_locked(plan, today) {
                return Err(EditError::WeekStartLocked(why));
            }
            let before = plan.season.week_start;
            let season = &mut plan.season;
            season.week_start = *after;
            if season.start != NaiveDate::MIN {
                season.start = after.week_of(season.start);
            }
            // Pinned starts sit on week boundaries (a taper may start any day): move them to
            // the new boundary of the same week.
            for (kind, start) in &mut season.pinned_phase_starts {
                if *kind != PhaseKind::Taper {
                    *start = after.week_of(*start);
                }
            }
            Ok(Applied {
                week: None,
                change: Some(Change::WeekStartChanged {
                    before,
                    after: *after,
                }),
                ..Applied::default()
            })
        }
        Edit::MovePhase { kind, start } => {
            let before = plan
                .season
                .phases
                .iter()
                .find(|p| {
                    p.kind == *kind
                        && p.start <= *start + chrono::Days::new(120)
                        && *start <= p.end + chrono::Days::new(120)
                })
                .map_or(*start, |p| p.start);
            plan.season
                .pinned_phase_starts
                .retain(|(k, d)| !(*k == *kind && (*d - before).num_days().abs() < 120));
            plan.season.pinned_phase_starts.push((*kind, *start));
            plan.season.pinned_phase_starts.sort();
            Ok(Applied {
                week: None,
                change: Some(Change::PhaseMoved {
                    kind: *kind,
                    before,
                    after: *start,
                }),
                ..Applied::default()
            })
        }
        Edit::Replan(_) | Edit::Adopt { .. } => Ok(Applied::default()),
        Edit::TakeDraftWeeks(weeks) => {
            let changed_weeks = crate::engine::adopt::take_draft_weeks(plan, weeks);
            Ok(Applied {
                week: changed_weeks.first().copied(),
                change: Some(Change::Replanned {
                    changed_weeks,
                    kept_weeks: Vec::new(),
                }),
                ..Applied::default()
            })
        }
        Edit::ReplacePlan {
            plan: next,
            scenario,
        } => {
            let changed_weeks = next
                .weeks()
                .iter()
                .filter(|w| plan.weeks().iter().find(|o| o.start == w.start) != Some(*w))
                .map(|w| w.start)
                .collect();
            let log = std::mem::take(&mut plan.change_log);
            *plan = (**next).clone();
            plan.change_log = log;
            Ok(Applied {
                week: None,
                change: Some(Change::ScenarioApplied {
                    scenario: scenario.clone(),
                    changed_weeks,
                }),
                ..Applied::default()
            })
        }
        Edit::ApproveDraftWeek(approval) => {
            let adopted = plan.plan.as_mut().ok_or(EditError::NoPlan)?;
            let start = approval.week.start;
            let week = adopted
                .weeks
                .iter_mut()
                .find(|w| w.start == start)
                .ok_or(EditError::NoSuchWeek(start))?;
            ensure_draft(week)?;
            let mut after = approval.week.clone();
            after.status = WeekStatus::Approved;
            let before = std::mem::replace(week, after.clone());
            let max_id = after.sessions.iter().map(|s| s.id.0).max().unwrap_or(0);
            adopted.next_session_id = adopted.next_session_id.max(max_id + 1);
            if let Some(review) = &approval.review {
                plan.reviews.push(review.clone());
            }
            Ok(Applied {
                week: Some(start),
                change: Some(Change::WeeklyDraftApproved {
                    before,
                    drafted: approval.drafted.clone(),
                    after,
                }),
                ..Applied::default()
            })
        }
        Edit::AddReview(review) => {
            plan.reviews.push((**review).clone());
            Ok(Applied {
                week: None,
                change: Some(Change::ReviewRecorded {
                    review: (**review).clone(),
                }),
                ..Applied::default()
            })
        }
        Edit::SetModel(model) => {
            let before = std::mem::replace(&mut plan.model, model.clone());
            Ok(Applied {
                week: None,
                change: Some(Change::ModelSet {
                    before,
                    after: model.clone(),
                }),
                ..Applied::default()
            })
        }
        Edit::LogActual(actual) => {
            let mut actual = actual.clone();
            if actual.id.0 == 0 {
                actual.id.0 = plan.actuals.iter().map(|a| a.id.0).max().unwrap_or(0) + 1;
                plan.actuals.push(actual);
            } else if let Some(slot) = plan.actuals.iter_mut().find(|a| a.id == actual.id) {
                *slot = actual;
            } else {
                plan.actuals.push(actual);
            }
            plan.actuals.sort_by_key(|a| (a.date, a.start, a.id));
            Ok(Applied::default())
        }
        Edit::ReplaceLog { actuals, wellness } => {
            plan.actuals = actuals.clone();
            plan.wellness = wellness.clone();
            Ok(Applied::default())
        }
        Edit::LogWellness(w) => {
            if let Some(slot) = plan.wellness.iter_mut().find(|x| x.date == w.date) {
                *slot = w.clone();
            } else {
                plan.wellness.push(w.clone());
                plan.wellness.sort_by_key(|x| x.date);
            }
            Ok(Applied::default())
        }
    }
}

fn find_session(weeks: &[Week], id: SessionId) -> Result<(usize, usize), EditError> {
    weeks
        .iter()
        .enumerate()
        .find_map(|(wi, w)| {
            w.sessions
                .iter()
                .position(|s| s.id == id)
                .map(|si| (wi, si))
        })
        .ok_or(EditError::NoSuchSession(id.0))
}

fn week_index(weeks: &[Week], date: NaiveDate) -> Result<usize, EditError> {
    weeks
        .iter()
        .position(|w| w.contains(date))
        .ok_or(EditError::OutsidePlan(date))
}

fn week_start_of(weeks: &[Week], date: NaiveDate) -> Option<NaiveDate> {
    weeks.iter().find(|w| w.contains(date)).map(|w| w.start)
}

fn ensure_draft(week: &Week) -> Result<(), EditError> {
    match week.status {
        WeekStatus::Draft => Ok(()),
        WeekStatus::Approved => Err(EditError::WeekApproved(week.start)),
    }
}

fn sort_sessions(week: &mut Week) {
    week.sessions.sort_by_key(|s| (s.date, s.id));
}

fn sort_races(plan: &mut Plan) {
    plan.races.sort_by_key(|r| r.date);
}

/// A race after the season's end extends the season to it, so the plan stays consistent.
fn widen_season(plan: &mut Plan, date: NaiveDate) {
    if date > plan.season.end {
        plan.season.end = date;
    }
    if date < plan.season.start {
        plan.season.start = date;
    }
}
