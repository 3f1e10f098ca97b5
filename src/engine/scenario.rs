//! What-if scenarios: missed workouts, a race moved, a travel week, illness, a race added. Each
//! produces a new plan — the input is never touched, so discarding a preview leaves nothing
//! behind — and a readable diff: weeks changed with their load before and after, taper moves,
//! warnings added and removed. The app applies an accepted outcome as one undo step with
//! [`ScenarioOutcome::change`] as its change-log record.
//!
//! Approved weeks stay as they are unless the coach chooses [`KeepPolicy::ReplaceDrafts`];
//! weeks already lived, sessions before today and races never change.

use crate::model::Total;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::adopt::{KeepPolicy, replan};
use super::analysis::plan_warnings;
use super::rules::{
    COMPLIANCE_HOLD_BELOW, HARD_SESSION_CUT, ILLNESS_EASY_MAX_MIN, ILLNESS_NO_HARD_DAYS,
    ILLNESS_RETURN_DAYS_PER_DAY, ILLNESS_RETURN_LOAD_FACTOR, LOW_READINESS_MAX_HARD,
    MIN_TRIMMED_SESSION_MIN,
};
use super::season_map::target_races;
use super::signals::add_days;
use super::trim::{ReasonLog, annotate, ease_hard_keeping, easy_pace, shorten, to_easy, trim_to};
use crate::model::{
    Actual, ActualId, Change, Completion, PhaseKind, Plan, Race, SessionId, SessionType, Source,
    Warning, Week, WeekStatus, plural,
};

/// A what-if the coach can preview.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// The athlete misses the next `count` planned sessions of the week containing `week`.
    MissedWorkouts { week: NaiveDate, count: usize },
    /// Race number `race` (index into the plan's races) moves by `weeks` (negative: earlier).
    MoveRace { race: usize, weeks: i32 },
    /// A travel week: training only on `days`, at most `minutes_per_day` each.
    TravelWeek {
        week: NaiveDate,
        days: Vec<Weekday>,
        minutes_per_day: f64,
    },
    /// Ill for `days` days from `from`.
    Illness { from: NaiveDate, days: u32 },
    /// A new race on the calendar (usually a B or C race).
    AddRace { race: Race },
}

fn weekday_list(days: &[Weekday]) -> String {
    if days.is_empty() {
        return "no day".to_owned();
    }
    days.iter()
        .map(|d| format!("{d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Scenario {
    /// Stable machine name.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissedWorkouts { .. } => "missed_workouts",
            Self::MoveRace { .. } => "move_race",
            Self::TravelWeek { .. } => "travel_week",
            Self::Illness { .. } => "illness",
            Self::AddRace { .. } => "add_race",
        }
    }

    /// One line for people: "Travel in the week of 2026-12-07: Mon, Wed, up to 45 min a day".
    pub fn describe(&self) -> String {
        match self {
            Self::MissedWorkouts { week, count } => {
                let noun = plural(*count as i64, "workout", "workouts");
                format!("{count} missed {noun} in the week of {week}")
            }
            Self::MoveRace { race, weeks } => {
                let noun = plural(i64::from(*weeks), "week", "weeks");
                format!("Race #{} moved by {weeks:+} {noun}", race + 1)
            }
            Self::TravelWeek {
                week,
                days,
                minutes_per_day,
            } => format!(
                "Travel in the week of {week}: training on {} only, up to {minutes_per_day:.0} min a day",
                weekday_list(days)
            ),
            Self::Illness { from, days } => {
                let noun = plural(i64::from(*days), "day", "days");
                format!("Ill for {days} {noun} from {from}")
            }
            Self::AddRace { race } => format!(
                "{} race {} added on {} ({} km)",
                race.priority.letter(),
                race.name,
                race.date,
                race.distance_km
            ),
        }
    }

    /// [`Self::describe`] with the race's name and dates for a race move.
    pub fn describe_for(&self, plan: &Plan) -> String {
        match self {
            Self::MoveRace { race, weeks } => match plan.races.get(*race) {
                Some(r) => format!(
                    "{} moved by {weeks:+} {} ({} ➡ {})",
                    r.name,
                    plural(i64::from(*weeks), "week", "weeks"),
                    r.date,
                    add_days(r.date, 7 * i64::from(*weeks))
                ),
                None => self.describe(),
            },
            _ => self.describe(),
        }
    }
}

/// Why a scenario cannot be applied. The input plan is never changed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    #[error("no plan has been adopted yet")]
    NoPlan,
    #[error("there is no race number {}", .0 + 1)]
    NoSuchRace(usize),
    #[error("the adopted plan has no week containing {0}")]
    NoSuchWeek(NaiveDate),
    #[error("{0} is already past (today is {1})")]
    InThePast(NaiveDate, NaiveDate),
    #[error("{0}")]
    Invalid(String),
}

/// A week's change in a scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeekDiff {
    pub start: NaiveDate,
    pub phase_before: Option<PhaseKind>,
    pub phase_after: Option<PhaseKind>,
    /// Load expected in the week: planned sessions not marked missed, in AU.
    pub load_before: f64,
    pub load_after: f64,
    pub sessions_before: usize,
    pub sessions_after: usize,
    pub hard_before: usize,
    pub hard_after: usize,
    /// The week's rationale after the scenario (it starts with the scenario's reason).
    pub reason: String,
}

/// A taper that starts on another day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaperMove {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// What a scenario changes, for people.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlanDiff {
    pub weeks: Vec<WeekDiff>,
    /// Weeks the scenario would have touched but the coach's policy keeps (approved).
    pub kept_weeks: Vec<NaiveDate>,
    pub tapers: Vec<TaperMove>,
    /// Warnings of the new plan that the old one did not have (by code and week).
    pub warnings_added: Vec<Warning>,
    /// Warnings of the old plan that the new one no longer has.
    pub warnings_removed: Vec<Warning>,
    pub notes: Vec<String>,
}

impl PlanDiff {
    /// Start dates of the changed weeks.
    pub fn changed_weeks(&self) -> Vec<NaiveDate> {
        self.weeks.iter().map(|w| w.start).collect()
    }

    /// Total expected load before and after over the changed weeks.
    pub fn load_change(&self) -> (f64, f64) {
        self.weeks.iter().fold((0.0, 0.0), |(b, a), w| {
            (b + w.load_before, a + w.load_after)
        })
    }
}

/// A previewed scenario: the new plan and what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioOutcome {
    pub scenario: Scenario,
    /// [`Scenario::describe_for`] on the input plan.
    pub description: String,
    pub plan: Plan,
    pub diff: PlanDiff,
}

impl ScenarioOutcome {
    /// The change-log record of accepting it (with reason pick `Scenario`).
    pub fn change(&self) -> Change {
        Change::ScenarioApplied {
            scenario: self.description.clone(),
            changed_weeks: self.diff.changed_weeks(),
        }
    }
}

/// Applies `scenario` to a copy of `plan` and describes the difference.
///
/// # Errors
/// No adopted plan, a race or week that does not exist, a date already past, or an invalid
/// input (0 sessions, 0 days, negative minutes, an empty race name). `plan` is unchanged either
/// way.
pub fn apply_scenario(
    plan: &Plan,
    scenario: &Scenario,
    keep: KeepPolicy,
    today: NaiveDate,
) -> Result<ScenarioOutcome, ScenarioError> {
    if plan.plan.is_none() {
        return Err(ScenarioError::NoPlan);
    }
    let description = scenario.describe_for(plan);
    let mut new = plan.clone();
    let mut notes = Vec::new();
    let mut kept = Vec::new();
    match scenario {
        Scenario::MissedWorkouts { week, count } => {
            missed(
                &mut new,
                *week,
                *count,
                keep,
                today,
                &description,
                &mut notes,
                &mut kept,
            )?;
        }
        Scenario::MoveRace { race, weeks } => {
            move_race(
                &mut new,
                *race,
                *weeks,
                keep,
                today,
                &description,
                &mut notes,
            )?;
        }
        Scenario::TravelWeek {
            week,
            days,
            minutes_per_day,
        } => travel(
            &mut new,
            *week,
            days,
            *minutes_per_day,
            keep,
            today,
            &description,
            &mut notes,
            &mut kept,
        )?,
        Scenario::Illness { from, days } => illness(
            &mut new,
            *from,
            *days,
            keep,
            today,
            &description,
            &mut notes,
            &mut kept,
        )?,
        Scenario::AddRace { race } => {
            add_race(&mut new, race, keep, today, &description, &mut notes)?;
        }
    }
    let mut diff = plan_diff(plan, &new);
    diff.kept_weeks = kept;
    diff.notes.extend(notes);
    Ok(ScenarioOutcome {
        scenario: scenario.clone(),
        description,
        plan: new,
        diff,
    })
}

/// Whether a scenario may change this week: not already lived, and not approved unless the
/// coach chose to replace approved weeks too.
fn may_change(week: &Week, keep: KeepPolicy, today: NaiveDate) -> bool {
    week.end() >= today
        && (keep == KeepPolicy::ReplaceDrafts || week.status != WeekStatus::Approved)
}

fn weeks_mut(plan: &mut Plan) -> Result<&mut Vec<Week>, ScenarioError> {
    plan.plan
        .as_mut()
        .map(|p| &mut p.weeks)
        .ok_or(ScenarioError::NoPlan)
}

fn week_index(plan: &Plan, date: NaiveDate) -> Result<usize, ScenarioError> {
    plan.weeks()
        .iter()
        .position(|w| w.contains(date))
        .ok_or(ScenarioError::NoSuchWeek(date))
}

/// Marks a week changed by a scenario: its reason first in the rationale, draft status.
fn mark_changed(week: &mut Week, note: &str) {
    week.rationale = annotate(&week.rationale, &format!("What-if: {note}"));
    week.status = WeekStatus::Draft;
}

#[allow(clippy::too_many_arguments)]
fn missed(
    plan: &mut Plan,
    week: NaiveDate,
    count: usize,
    keep: KeepPolicy,
    today: NaiveDate,
    description: &str,
    notes: &mut Vec<String>,
    kept: &mut Vec<NaiveDate>,
) -> Result<(), ScenarioError> {
    if count == 0 {
        return Err(ScenarioError::Invalid(
            "missing 0 workouts changes nothing".to_owned(),
        ));
    }
    let wi = week_index(plan, week)?;
    let logged: BTreeSet<SessionId> = plan.actuals.iter().filter_map(|a| a.session).collect();
    let (start, from) = {
        let w = &plan.weeks()[wi];
        // For a week already lived, the sessions not logged from its start; otherwise the next
        // ones from today.
        let from = if w.end() < today {
            w.start
        } else {
            today.max(w.start)
        };
        (w.start, from)
    };
    let candidates: Vec<(SessionId, NaiveDate, SessionType, f64)> = plan.weeks()[wi]
        .sessions
        .iter()
        .filter(|s| {
            s.date >= from
                && !matches!(s.kind, SessionType::Rest | SessionType::Race)
                && s.load_au() > 0.0
                && !logged.contains(&s.id)
        })
        .take(count)
        .map(|s| (s.id, s.date, s.kind, s.load_au()))
        .collect();
    if candidates.is_empty() {
        return Err(ScenarioError::Invalid(format!(
            "the week of {start} has no planned session left to miss"
        )));
    }
    if candidates.len() < count {
        notes.push(format!(
            "Only {} planned session(s) left in the week of {start}: all marked missed.",
            candidates.len()
        ));
    }
    let first_id = plan.actuals.iter().map(|a| a.id.0).max().unwrap_or(0) + 1;
    let missed_au: f64 = candidates.iter().map(|c| c.3).sum();
    for (next_id, &(id, date, kind, _)) in (first_id..).zip(&candidates) {
        plan.actuals.push(Actual {
            id: ActualId(next_id),
            date,
            session: Some(id),
            kind: Some(kind),
            completion: Completion::Skipped,
            source: Source::Manual,
            notes: "What-if: missed; not made up".to_owned(),
            ..Actual::default()
        });
    }
    let weeks = weeks_mut(plan)?;
    let Some(w) = weeks.get_mut(wi) else {
        return Err(ScenarioError::NoSuchWeek(week));
    };
    let planned_au = w.load_au();
    let done_au = (planned_au - missed_au).max(0.0);
    let missed_note = format!("{description}: {missed_au:.0} AU not done and not made up");
    w.rationale = annotate(&w.rationale, &format!("What-if: {missed_note}"));
    // The week after: never above the plan; held at what was done when too little was.
    let Some(next) = weeks.get_mut(wi + 1) else {
        return Ok(());
    };
    let share = if planned_au > 0.0 {
        done_au / planned_au
    } else {
        1.0
    };
    if share < COMPLIANCE_HOLD_BELOW && next.load_au() > done_au {
        if !may_change(next, keep, today) {
            kept.push(next.start);
            notes.push(format!(
                "The week of {} is approved and kept: it would otherwise be held at {done_au:.0} AU.",
                next.start
            ));
            return Ok(());
        }
        let reason = format!(
            "only {:.0} % of the week before done (under {:.0} %): load held at its {done_au:.0} AU instead of ramping",
            share * 100.0,
            COMPLIANCE_HOLD_BELOW * 100.0
        );
        let mut log = ReasonLog::new();
        let from = today.max(next.start);
        trim_to(next, from, done_au, &reason, &mut log);
        mark_changed(next, &reason);
    }
    Ok(())
}

fn move_race(
    plan: &mut Plan,
    race: usize,
    weeks: i32,
    keep: KeepPolicy,
    today: NaiveDate,
    description: &str,
    notes: &mut Vec<String>,
) -> Result<(), ScenarioError> {
    let Some(old) = plan.races.get(race).map(|r| r.date) else {
        return Err(ScenarioError::NoSuchRace(race));
    };
    if weeks == 0 {
        return Err(ScenarioError::Invalid(
            "moving a race by 0 weeks changes nothing".to_owned(),
        ));
    }
    if old < today {
        return Err(ScenarioError::InThePast(old, today));
    }
    let shift = 7 * i64::from(weeks);
    let new_date = add_days(old, shift);
    if new_date < today {
        return Err(ScenarioError::InThePast(new_date, today));
    }
    // Phase starts the coach pinned for this race's build-up move with the race: they were
    // placed relative to it.
    if target_races(&plan.races).contains(&race) {
        let previous = target_races(&plan.races)
            .into_iter()
            .filter(|&i| i != race)
            .filter_map(|i| plan.races.get(i).map(|r| r.date))
            .filter(|&d| d < old)
            .max();
        for (_, start) in &mut plan.season.pinned_phase_starts {
            if previous.is_none_or(|p| *start > p) && *start <= old {
                *start = add_days(*start, shift);
            }
        }
    }
    if let Some(r) = plan.races.get_mut(race) {
        r.date = new_date;
    }
    plan.season.end = plan.season.end.max(add_days(plan.season.end, shift));
    replan_and_mark(plan, keep, today, description, notes);
    Ok(())
}

fn add_race(
    plan: &mut Plan,
    race: &Race,
    keep: KeepPolicy,
    today: NaiveDate,
    description: &str,
    notes: &mut Vec<String>,
) -> Result<(), ScenarioError> {
    if race.name.trim().is_empty() {
        return Err(ScenarioError::Invalid(
            "the new race needs a name".to_owned(),
        ));
    }
    if race.date < today {
        return Err(ScenarioError::InThePast(race.date, today));
    }
    if !(race.distance_km.is_finite() && race.distance_km > 0.0) {
        return Err(ScenarioError::Invalid(
            "the new race needs a distance".to_owned(),
        ));
    }
    plan.races.push(race.clone());
    replan_and_mark(plan, keep, today, description, notes);
    Ok(())
}

/// Re-plans after a race change and puts the scenario's reason on every week it changed.
fn replan_and_mark(
    plan: &mut Plan,
    keep: KeepPolicy,
    today: NaiveDate,
    description: &str,
    notes: &mut Vec<String>,
) {
    let outcome = replan(plan, keep, today);
    let changed: BTreeSet<NaiveDate> = outcome.changed_weeks.iter().copied().collect();
    if let Some(adopted) = plan.plan.as_mut() {
        for w in adopted
            .weeks
            .iter_mut()
            .filter(|w| changed.contains(&w.start))
        {
            mark_changed(w, &format!("{description}; re-planned"));
        }
    }
    for c in outcome.conflicts {
        notes.push(c.message);
    }
}

#[allow(clippy::too_many_arguments)]
fn travel(
    plan: &mut Plan,
    week: NaiveDate,
    days: &[Weekday],
    minutes_per_day: f64,
    keep: KeepPolicy,
    today: NaiveDate,
    description: &str,
    notes: &mut Vec<String>,
    kept: &mut Vec<NaiveDate>,
) -> Result<(), ScenarioError> {
    if !(minutes_per_day.is_finite() && minutes_per_day >= 0.0) {
        return Err(ScenarioError::Invalid(
            "minutes per day must be 0 or more".to_owned(),
        ));
    }
    let wi = week_index(plan, week)?;
    let weeks = weeks_mut(plan)?;
    let Some(w) = weeks.get_mut(wi) else {
        return Err(ScenarioError::NoSuchWeek(week));
    };
    if w.end() < today {
        return Err(ScenarioError::InThePast(w.end(), today));
    }
    if !may_change(w, keep, today) {
        kept.push(w.start);
        notes.push(format!(
            "The week of {} is approved and kept; reopen it or include approved weeks to apply the travel.",
            w.start
        ));
        return Ok(());
    }
    let from = today.max(w.start);
    let pace = easy_pace(w);
    let mut budget: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    // Quality first within a day, then the biggest sessions: what matters most gets the time.
    let mut order: Vec<usize> = (0..w.sessions.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&w.sessions[a], &w.sessions[b]);
        (sa.date, !sa.is_hard(), -sa.load_au())
            .partial_cmp(&(sb.date, !sb.is_hard(), -sb.load_au()))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut drop: BTreeSet<usize> = BTreeSet::new();
    for i in order {
        let Some(s) = w.sessions.get_mut(i) else {
            continue;
        };
        if s.date < from || s.kind == SessionType::Rest || s.load_au() <= 0.0 {
            continue;
        }
        let available = days.contains(&s.date.weekday());
        if s.kind == SessionType::Race {
            if !available || s.duration_min > minutes_per_day {
                notes.push(format!(
                    "The race on {} stays on the calendar although it is outside the travel days or minutes.",
                    s.date
                ));
            }
            continue;
        }
        if !available {
            drop.insert(i);
            continue;
        }
        let left = budget.entry(s.date).or_insert(minutes_per_day);
        if s.duration_min <= *left {
            *left -= s.duration_min;
        } else if *left >= MIN_TRIMMED_SESSION_MIN {
            let minutes = left.floor();
            let why = format!("Travel: {minutes:.0} min available that day");
            if s.is_hard() {
                to_easy(
                    s,
                    Some(minutes),
                    pace,
                    &format!("{why}; the {} does not fit", s.kind.label()),
                );
            } else {
                shorten(s, minutes, &why);
            }
            *left -= s.duration_min;
        } else {
            drop.insert(i);
        }
    }
    let mut index = 0;
    w.sessions.retain(|_| {
        let keep_it = !drop.contains(&index);
        index += 1;
        keep_it
    });
    mark_changed(w, description);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn illness(
    plan: &mut Plan,
    from: NaiveDate,
    days: u32,
    keep: KeepPolicy,
    today: NaiveDate,
    description: &str,
    notes: &mut Vec<String>,
    kept: &mut Vec<NaiveDate>,
) -> Result<(), ScenarioError> {
    if days == 0 {
        return Err(ScenarioError::Invalid(
            "an illness of 0 days changes nothing".to_owned(),
        ));
    }
    let last_ill = add_days(from, i64::from(days) - 1);
    if last_ill < today {
        return Err(ScenarioError::InThePast(last_ill, today));
    }
    let no_hard_end = add_days(last_ill, ILLNESS_NO_HARD_DAYS);
    let return_end = add_days(last_ill, ILLNESS_RETURN_DAYS_PER_DAY * i64::from(days));
    let ill_week = week_index(plan, from.max(today)).or_else(|_| week_index(plan, last_ill))?;
    let weeks = weeks_mut(plan)?;
    let illness_end_week = weeks
        .iter()
        .position(|w| w.contains(last_ill))
        .unwrap_or(ill_week);
    for (wi, w) in weeks.iter_mut().enumerate() {
        let during = w.start <= no_hard_end && w.end() >= from;
        let returning =
            wi > illness_end_week && (wi == illness_end_week + 1 || w.start <= return_end);
        if !during && !returning {
            continue;
        }
        if !may_change(w, keep, today) {
            kept.push(w.start);
            notes.push(format!("The week of {} is approved and kept.", w.start));
            continue;
        }
        let edit_from = today.max(w.start);
        let mut log = ReasonLog::new();
        let mut reasons = Vec::new();
        if during {
            let ill_from = from.max(edit_from);
            let why = format!("{description}: no training while ill");
            let before = w.sessions.len();
            w.sessions.retain(|s| {
                let ill_day = ill_from <= s.date && s.date <= last_ill;
                if ill_day && s.kind == SessionType::Race {
                    notes.push(format!(
                        "The race on {} falls in the illness: move it or withdraw (the coach's call).",
                        s.date
                    ));
                }
                !(ill_day && s.kind != SessionType::Race && s.kind != SessionType::Rest)
            });
            if w.sessions.len() < before {
                reasons.push(why);
            }
            let why = format!(
                "no quality session or long run in the first {ILLNESS_NO_HARD_DAYS} days back (easy, at most {ILLNESS_EASY_MAX_MIN:.0} min)"
            );
            let (back_from, pace) = (add_days(last_ill, 1).max(edit_from), easy_pace(w));
            let mut touched = false;
            for s in &mut w.sessions {
                if s.date < back_from || s.date > no_hard_end || s.kind == SessionType::Race {
                    continue;
                }
                if s.is_hard() || s.kind == SessionType::Long {
                    to_easy(s, Some(ILLNESS_EASY_MAX_MIN), pace, &why);
                    touched = true;
                } else if s.duration_min > ILLNESS_EASY_MAX_MIN {
                    shorten(s, ILLNESS_EASY_MAX_MIN, &why);
                    touched = true;
                }
            }
            if touched {
                reasons.push(why);
            }
        }
        if returning {
            let why = format!(
                "return gradually after {days} day(s) ill (about {ILLNESS_RETURN_DAYS_PER_DAY} easy days per day lost): at most one quality session, load at most {:.0} % of the plan",
                ILLNESS_RETURN_LOAD_FACTOR * 100.0
            );
            let target = w.load_au() * ILLNESS_RETURN_LOAD_FACTOR;
            ease_hard_keeping(
                w,
                edit_from,
                LOW_READINESS_MAX_HARD,
                HARD_SESSION_CUT,
                &why,
                &mut log,
            );
            trim_to(w, edit_from, target, &why, &mut log);
            reasons.push(why);
        }
        if !reasons.is_empty() {
            mark_changed(w, &format!("{description}: {}", reasons.join("; ")));
        }
    }
    Ok(())
}

/// Planned load of the week without the sessions the athlete's log marks as skipped.
fn expected_load(week: &Week, skipped: &BTreeSet<SessionId>) -> f64 {
    week.sessions
        .iter()
        .filter(|s| !skipped.contains(&s.id))
        .map(crate::model::Session::load_au)
        .total()
}

fn skipped_ids(plan: &Plan) -> BTreeSet<SessionId> {
    plan.actuals
        .iter()
        .filter(|a| a.completion == Completion::Skipped)
        .filter_map(|a| a.session)
        .collect()
}

/// The readable difference between two versions of a plan.
pub fn plan_diff(before: &Plan, after: &Plan) -> PlanDiff {
    let (skip_before, skip_after) = (skipped_ids(before), skipped_ids(after));
    let starts: BTreeSet<NaiveDate> = before
        .weeks()
        .iter()
        .chain(after.weeks())
        .map(|w| w.start)
        .collect();
    let mut weeks = Vec::new();
    for start in starts {
        let b = before.weeks().iter().find(|w| w.start == start);
        let a = after.weeks().iter().find(|w| w.start == start);
        let skipped_changed = |w: &Week| {
            w.sessions
                .iter()
                .any(|s| skip_before.contains(&s.id) != skip_after.contains(&s.id))
        };
        let changed = match (b, a) {
            (Some(b), Some(a)) => b != a || skipped_changed(a),
            _ => true,
        };
        if !changed {
            continue;
        }
        weeks.push(WeekDiff {
            start,
            phase_before: b.map(|w| w.phase),
            phase_after: a.map(|w| w.phase),
            load_before: b.map_or(0.0, |w| expected_load(w, &skip_before)),
            load_after: a.map_or(0.0, |w| expected_load(w, &skip_after)),
            sessions_before: b.map_or(0, |w| w.sessions.len()),
            sessions_after: a.map_or(0, |w| w.sessions.len()),
            hard_before: b.map_or(0, Week::hard_sessions),
            hard_after: a.map_or(0, Week::hard_sessions),
            reason: a.map(|w| w.rationale.clone()).unwrap_or_default(),
        });
    }
    let tapers = |p: &Plan| -> Vec<NaiveDate> {
        let mut t: Vec<NaiveDate> = p
            .season
            .phases
            .iter()
            .filter(|ph| ph.kind == PhaseKind::Taper)
            .map(|ph| ph.start)
            .collect();
        t.sort();
        t
    };
    let (tb, ta) = (tapers(before), tapers(after));
    let taper_moves = (0..tb.len().max(ta.len()))
        .map(|i| TaperMove {
            from: tb.get(i).copied(),
            to: ta.get(i).copied(),
        })
        .filter(|m| m.from != m.to)
        .collect();
    let (wb, wa) = (plan_warnings(before), plan_warnings(after));
    let key = |w: &Warning| (w.code.clone(), w.week, w.date);
    let kb: BTreeSet<_> = wb.iter().map(key).collect();
    let ka: BTreeSet<_> = wa.iter().map(key).collect();
    PlanDiff {
        weeks,
        kept_weeks: Vec::new(),
        tapers: taper_moves,
        warnings_added: wa
            .iter()
            .filter(|w| !kb.contains(&key(w)))
            .cloned()
            .collect(),
        warnings_removed: wb
            .iter()
            .filter(|w| !ka.contains(&key(w)))
            .cloned()
            .collect(),
        notes: Vec::new(),
    }
}
