//! Adopting a variant and re-planning: drafts become the working plan without overwriting
//! what the coach owns — approved weeks, weeks the coach edited, and weeks already past.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::periodize::PlanInput;
use super::rules::variant_params;
use super::variants::generate_variants;
use crate::model::{
    AdoptedPlan, PhaseKind, Plan, Race, SessionId, SessionType, VariantKind, Variants, Week,
    WeekStatus,
};

/// Which of the current plan's weeks survive a re-plan or adoption.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeepPolicy {
    /// Keep approved weeks, weeks with coach edits, and weeks before today's week.
    #[default]
    KeepCoachWeeks,
    /// Replace every week from today's on (past weeks are always kept).
    ReplaceDrafts,
}

/// A kept week that no longer fits the new draft (e.g. an approved build week that the new
/// draft puts in the taper): shown to the coach, who decides.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub week: NaiveDate,
    /// What differs, in words: "Week of 2026-12-07 (approved): phase Build ➡ Taper; …".
    pub message: String,
}

/// What a merge compares the coach's kept weeks against.
struct ConflictCheck<'a> {
    /// The draft the plan was last merged from. A kept week only conflicts where the re-plan
    /// changed the draft: where the coach's week already differed from the old draft, that
    /// difference is the coach's own, known and decided (e.g. a deleted long run).
    previous_draft: Option<&'a [Week]>,
    /// The variant's ramp cap as a fraction, and its reason ("moderate cap 8 %"): a kept week
    /// whose load is further than one ramp step from the new draft's no longer fits it.
    ramp: f64,
    ramp_reason: String,
    /// The calendar after the change, to name races.
    races: &'a [Race],
}

impl<'a> ConflictCheck<'a> {
    fn new(plan: &'a Plan, variant: VariantKind, previous_draft: Option<&'a [Week]>) -> Self {
        let params = variant_params(variant, &plan.athlete, &plan.guardrails);
        Self {
            previous_draft,
            ramp: params.ramp,
            ramp_reason: params.ramp_reason,
            races: &plan.races,
        }
    }

    /// The conflict of a kept week with the new draft's week of the same start, if any.
    fn conflict(&self, kept: &Week, new: &Week, today: NaiveDate) -> Option<Conflict> {
        let owned = kept.status == WeekStatus::Approved || kept.has_coach_edits();
        if !owned || kept.end() < today {
            return None;
        }
        if let Some(old) = self
            .previous_draft
            .and_then(|d| d.iter().find(|w| w.start == new.start))
            && DraftShape::of(old) == DraftShape::of(new)
        {
            return None;
        }
        let differences = self.differences(kept, new);
        if differences.is_empty() {
            return None;
        }
        let whose = if kept.status == WeekStatus::Approved {
            "approved"
        } else {
            "edited by you"
        };
        Some(Conflict {
            week: kept.start,
            message: format!(
                "Week of {} ({whose}): {}.",
                kept.start.format("%-d %b %Y"),
                differences.join("; ")
            ),
        })
    }

    /// How the kept week differs from the new draft's: phase, races, load.
    fn differences(&self, kept: &Week, new: &Week) -> Vec<String> {
        let mut out = Vec::new();
        if kept.phase != new.phase {
            out.push(format!(
                "kept as {} but the new draft makes it {}",
                kept.phase.label(),
                new.phase.label()
            ));
        }
        let kept_races = race_days(kept);
        let new_races = race_days(new);
        for d in new_races.difference(&kept_races) {
            out.push(format!(
                "the new draft has {} on {} in this week",
                self.race_name(*d),
                d.format("%a %-d %b")
            ));
        }
        for d in kept_races.difference(&new_races) {
            out.push(format!(
                "your week races on {} but the new draft has no race that day",
                d.format("%a %-d %b")
            ));
        }
        let (mine, drafted) = (kept.training_load_au(), new.training_load_au());
        if drafted > 0.0 {
            let change = mine / drafted - 1.0;
            if change.abs() > self.ramp + 1e-9 {
                out.push(format!(
                    "your week has {mine:.0} AU of training, the new draft {drafted:.0} AU \
                     ({:+.0} %, more than one ramp step: {})",
                    change * 100.0,
                    self.ramp_reason
                ));
            }
        } else if mine > 0.0 {
            out.push(format!(
                "your week has {mine:.0} AU of training, the new draft none"
            ));
        }
        out
    }

    fn race_name(&self, date: NaiveDate) -> String {
        self.races.iter().find(|r| r.date == date).map_or_else(
            || "a race".to_owned(),
            |r| format!("{} ({})", r.name, r.priority.letter()),
        )
    }
}

/// The parts of a drafted week a conflict is about.
#[derive(PartialEq)]
struct DraftShape {
    phase: PhaseKind,
    races: BTreeSet<NaiveDate>,
    /// Whole AU: rounding noise is no change.
    training_load_au: i64,
}

impl DraftShape {
    fn of(week: &Week) -> Self {
        Self {
            phase: week.phase,
            races: race_days(week),
            training_load_au: week.training_load_au().round() as i64,
        }
    }
}

fn race_days(week: &Week) -> BTreeSet<NaiveDate> {
    week.sessions
        .iter()
        .filter(|s| s.kind == SessionType::Race)
        .map(|s| s.date)
        .collect()
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeOutcome {
    pub changed_weeks: Vec<NaiveDate>,
    pub kept_weeks: Vec<NaiveDate>,
    pub conflicts: Vec<Conflict>,
}

/// Recomputes the three variants from the plan's athlete, races and guardrails.
pub fn regenerate_variants(plan: &mut Plan, today: NaiveDate) {
    // The old drafts go first: the new ones are then written into memory that is still in
    // the cache (on re-plan per drag, old and new together would be twice the working set).
    plan.variants = Variants::default();
    let drafts = generate_variants(&PlanInput::from_plan(plan, today));
    for draft in drafts {
        plan.variants.set(draft);
    }
}

/// Makes `variant` the working plan. A first adoption takes the draft as it is; a later one
/// merges it under `policy`. Either way the draft becomes the new fixed baseline.
///
/// Returns `None` when the variant has not been generated.
pub fn adopt(
    plan: &mut Plan,
    variant: VariantKind,
    policy: KeepPolicy,
    today: NaiveDate,
) -> Option<MergeOutcome> {
    let draft = plan.variants.get(variant)?.clone();
    plan.season.phases = draft.phases.clone();
    if let Some(last) = draft.weeks.last() {
        plan.season.end = plan.season.end.max(last.end());
    }
    let outcome = match plan.plan.take() {
        None => {
            let next = max_id(&draft.weeks) + 1;
            plan.plan = Some(AdoptedPlan {
                variant,
                adopted_on: today,
                weeks: draft.weeks.clone(),
                pmc_start: draft.pmc_start,
                baseline: draft.weeks,
                next_session_id: next,
            });
            MergeOutcome {
                changed_weeks: plan.weeks().iter().map(|w| w.start).collect(),
                ..MergeOutcome::default()
            }
        }
        Some(mut current) => {
            let previous = plan
                .variants
                .get(current.variant)
                .map(|d| d.weeks.as_slice());
            let check = ConflictCheck::new(plan, variant, previous);
            let outcome = merge_weeks(&mut current, &draft.weeks, policy, today, &check);
            current.variant = variant;
            current.adopted_on = today;
            current.pmc_start = draft.pmc_start;
            current.baseline = draft.weeks;
            plan.plan = Some(current);
            outcome
        }
    };
    Some(outcome)
}

/// Re-plans the working plan after its inputs changed: regenerates the variants and merges the
/// adopted variant's new draft under `policy`. The baseline stays as adopted.
pub fn replan(plan: &mut Plan, policy: KeepPolicy, today: NaiveDate) -> MergeOutcome {
    let Some(variant) = plan.plan.as_ref().map(|p| p.variant) else {
        regenerate_variants(plan, today);
        return MergeOutcome::default();
    };
    // The draft before the change: kept weeks conflict only where the draft moved.
    let previous = plan.variants.get(variant).map(|d| d.weeks.clone());
    regenerate_variants(plan, today);
    let Some(draft) = plan.variants.get(variant).cloned() else {
        return MergeOutcome::default();
    };
    plan.season.phases = draft.phases.clone();
    if let Some(last) = draft.weeks.last() {
        plan.season.end = plan.season.end.max(last.end());
    }
    let Some(mut current) = plan.plan.take() else {
        return MergeOutcome::default();
    };
    current.pmc_start = draft.pmc_start;
    let check = ConflictCheck::new(plan, variant, previous.as_deref());
    let outcome = merge_weeks(&mut current, &draft.weeks, policy, today, &check);
    plan.plan = Some(current);
    outcome
}

/// Whether the coach owns a week: approved, edited, or already lived.
pub fn is_kept(week: &Week, policy: KeepPolicy, today: NaiveDate) -> bool {
    let past = week.end() < today;
    match policy {
        KeepPolicy::KeepCoachWeeks => {
            past || week.status == WeekStatus::Approved || week.has_coach_edits()
        }
        KeepPolicy::ReplaceDrafts => past,
    }
}

fn merge_weeks(
    current: &mut AdoptedPlan,
    draft: &[Week],
    policy: KeepPolicy,
    today: NaiveDate,
    check: &ConflictCheck<'_>,
) -> MergeOutcome {
    let mut outcome = MergeOutcome::default();
    let old = std::mem::take(&mut current.weeks);
    let mut used: BTreeSet<SessionId> = old
        .iter()
        .filter(|w| is_kept(w, policy, today))
        .flat_map(|w| w.sessions.iter().map(|s| s.id))
        .collect();
    let mut next = current.next_session_id.max(max_id(&old) + 1);
    let mut merged: Vec<Week> = Vec::with_capacity(draft.len().max(old.len()));
    // Kept weeks outside the new draft's span (e.g. past weeks before a later start) stay too.
    let draft_starts: BTreeSet<NaiveDate> = draft.iter().map(|w| w.start).collect();
    for w in &old {
        if !draft_starts.contains(&w.start) && is_kept(w, policy, today) {
            outcome.kept_weeks.push(w.start);
            merged.push(w.clone());
        }
    }
    for new in draft {
        let previous = old.iter().find(|w| w.start == new.start);
        match previous {
            Some(prev) if is_kept(prev, policy, today) => {
                if let Some(conflict) = check.conflict(prev, new, today) {
                    outcome.conflicts.push(conflict);
                }
                outcome.kept_weeks.push(prev.start);
                merged.push(prev.clone());
            }
            _ => {
                let mut week = new.clone();
                for s in &mut week.sessions {
                    // Reuse the id of the same session in the old week, so calendar exports
                    // update events instead of duplicating them.
                    let reuse = previous.and_then(|p| {
                        p.sessions
                            .iter()
                            .find(|o| o.date == s.date && o.kind == s.kind && !used.contains(&o.id))
                            .map(|o| o.id)
                    });
                    s.id = reuse.unwrap_or_else(|| {
                        let id = SessionId(next);
                        next += 1;
                        id
                    });
                    used.insert(s.id);
                }
                if previous != Some(&week) {
                    outcome.changed_weeks.push(week.start);
                }
                merged.push(week);
            }
        }
    }
    merged.sort_by_key(|w| w.start);
    current.weeks = merged;
    current.next_session_id = next.max(max_id(&current.weeks) + 1);
    outcome
}

fn max_id(weeks: &[Week]) -> u64 {
    weeks
        .iter()
        .flat_map(|w| w.sessions.iter().map(|s| s.id.0))
        .max()
        .unwrap_or(0)
}

/// Replaces the listed weeks of the working plan with the adopted variant's current draft
/// weeks — the coach's answer "use the new draft" to a re-plan conflict. Returns the weeks
/// replaced.
pub fn take_draft_weeks(plan: &mut Plan, weeks: &[NaiveDate]) -> Vec<NaiveDate> {
    let Some(variant) = plan.plan.as_ref().map(|p| p.variant) else {
        return Vec::new();
    };
    let Some(draft) = plan.variants.get(variant).cloned() else {
        return Vec::new();
    };
    let Some(current) = plan.plan.as_mut() else {
        return Vec::new();
    };
    let mut next = current.next_session_id.max(max_id(&current.weeks) + 1);
    let mut replaced = Vec::new();
    for start in weeks {
        let Some(new) = draft.weeks.iter().find(|w| w.start == *start) else {
            continue;
        };
        let Some(slot) = current.weeks.iter_mut().find(|w| w.start == *start) else {
            continue;
        };
        let mut week = new.clone();
        for s in &mut week.sessions {
            s.id = SessionId(next);
            next += 1;
        }
        *slot = week;
        replaced.push(*start);
    }
    current.next_session_id = next;
    replaced
}
