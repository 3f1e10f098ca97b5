//! Adopting a variant and re-planning: drafts become the working plan without overwriting
//! what the coach owns — approved weeks, weeks the coach edited, and weeks already past.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::periodize::PlanInput;
use super::variants::generate_variants;
use crate::model::{AdoptedPlan, Plan, SessionId, VariantKind, Week, WeekStatus};

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
    pub message: String,
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
            let outcome = merge_weeks(&mut current, &draft.weeks, policy, today);
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
    regenerate_variants(plan, today);
    let Some(variant) = plan.plan.as_ref().map(|p| p.variant) else {
        return MergeOutcome::default();
    };
    let Some(draft) = plan.variants.get(variant).cloned() else {
        return MergeOutcome::default();
    };
    plan.season.phases = draft.phases.clone();
    if let Some(last) = draft.weeks.last() {
        plan.season.end = plan.season.end.max(last.end());
    }
    let Some(current) = plan.plan.as_mut() else {
        return MergeOutcome::default();
    };
    current.pmc_start = draft.pmc_start;
    merge_weeks(current, &draft.weeks, policy, today)
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
                if prev.phase != new.phase && prev.end() >= today {
                    outcome.conflicts.push(Conflict {
                        week: prev.start,
                        message: format!(
                            "Week of {} is kept as {} but the new draft makes it {}.",
                            prev.start,
                            prev.phase.label(),
                            new.phase.label()
                        ),
                    });
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
