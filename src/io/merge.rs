//! Merging an athlete's copy of a plan file back into the coach's plan: actuals and check-ins
//! only, never the plan (SPEC §3, "Athlete view").
//!
//! Two steps, like the activity import: [`merge_athlete_copy`] compares the two plans and
//! returns a [`MergePreview`] for the coach to read and decide on; [`apply_merge`] then takes
//! the new and chosen entries into the plan. Both are pure: no I/O, no clock. The caller
//! loads the copy with [`crate::io::load_plan`], which checks it like any untrusted file.
//!
//! # Design
//! *Why in `io`, not `engine`.* Merging reconciles two files of the file exchange between
//! coach and athlete; it plans nothing. It sits beside [`crate::io::import::apply_import`],
//! the pure half of the activity import, and is as free of I/O as that.
//!
//! *When two entries are "the same".* Ids cannot tell: the athlete's app gives a new actual
//! the next free id of the copy, which the coach may have used meanwhile for an import. An
//! actual of the copy and one of the plan are the same entry when they
//! 1. are equal in every field but the id: *identical*, skipped, never added twice;
//! 2. fulfil the same planned session ([`MatchedBy::SameSession`]), or
//! 3. started at the same moment: same date, start time and sport ([`MatchedBy::SameStart`]),
//!    or
//! 4. are logs without a session or start time, of the same date, sport and id: the athlete
//!    edited a log the coach already has ([`MatchedBy::SameLog`]).
//!
//! Same but not identical is a [`Conflict`]; anything else is new. A check-in is the same
//! entry as the plan's check-in of its date.
//!
//! *Logs the watch completed.* Importing a watch file merges it into the athlete's own log
//! of the session (see [`crate::io::import::apply_import`]): the plan's entry then has a start
//! time and the watch's measurements, the athlete's copy still the hand-written log. That
//! pair counts as identical when the athlete's own fields (date, session, type, completion,
//! RPE, notes, `logged_at`, and the duration they gave) are equal, so a later copy does not
//! bring the log back as a difference. When the athlete has changed the log since, the
//! conflict's "Take the athlete's" keeps the watch's start time and measurements and takes the
//! athlete's fields: a copy never knows the recording, so it cannot mean to remove it. Identical pairs are found first, over all entries,
//! so an entry identical to one plan entry is never reported as conflicting with another.
//!
//! *Conflicts* keep both versions. The newer by `logged_at` is preselected, usually the
//! athlete's; an entry without `logged_at` counts as older. On a tie (both without one, say
//! two imports of one run) the plan's is preselected: nothing in the coach's file is replaced
//! without a sign that it is older, and a stale copy cannot undo a newer one. That also makes
//! merging two copies commutative: the outcome of each conflict does not depend on which copy
//! came first.
//!
//! *Idempotence.* After [`apply_merge`], every entry of the copy is identical to one in the
//! plan, or is a conflict the coach settled by keeping the plan's version (proposed again,
//! with the same preselection), so merging the same file again changes nothing.
//!
//! *Order.* Merging two copies whose entries do not overlap gives the same actuals and
//! check-ins in either order; only the ids of the new actuals differ, since new ids continue
//! from the highest id in the plan (deterministic, and unique).
//!
//! *Limit.* There are no tombstones: an actual the coach deleted after sending the file comes
//! back as new if the copy still holds it.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::model::{Actual, ActualId, Plan, Source, Wellness, plural};

/// What merging an athlete's copy would do; nothing has changed yet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePreview {
    /// Actuals of the copy that the plan lacks, as the copy has them (new ids on apply).
    pub new_actuals: Vec<Actual>,
    /// Check-ins of the copy for days the plan has none.
    pub new_wellness: Vec<Wellness>,
    /// Actuals of the copy the plan already holds (equal but for the id): skipped.
    pub identical_actuals: Vec<Actual>,
    /// Check-ins of the copy the plan already holds: skipped.
    pub identical_wellness: Vec<Wellness>,
    /// Entries both hold in different versions, for the coach to choose.
    pub conflicts: Vec<Conflict>,
    /// Differences in the plan itself (athlete, guardrails, races, weeks, change log …),
    /// which a merge never takes, in plain words.
    pub ignored: Vec<IgnoredChange>,
    /// Change-log entries the plan has beyond the copy's: the copy was made before them, so
    /// plan differences may be the coach's own later edits rather than the athlete's.
    pub plan_changes_since_copy: usize,
}

impl MergePreview {
    /// The preselected choice of every conflict, in order: the starting point of the merge
    /// dialog's radio buttons, and what the CLI applies.
    pub fn preselected_choices(&self) -> Vec<ConflictChoice> {
        self.conflicts.iter().map(|c| c.preselected).collect()
    }

    /// Whether applying could change the plan: something new, or a conflict to decide.
    pub fn has_changes(&self) -> bool {
        !self.new_actuals.is_empty() || !self.new_wellness.is_empty() || !self.conflicts.is_empty()
    }
}

/// One entry both files hold in different versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub entry: ConflictEntry,
    /// Why the two versions are taken for the same entry.
    pub matched_by: MatchedBy,
    /// Names of the fields that differ (`rpe`, `notes`, …), for the dialog and the CLI.
    pub differs_in: Vec<&'static str>,
    /// The newer version by `logged_at` (the plan's on a tie).
    pub preselected: ConflictChoice,
}

/// The two versions of a conflicting entry.
#[derive(Clone, Debug, PartialEq)]
pub enum ConflictEntry {
    Actual { plan: Actual, copy: Actual },
    Wellness { plan: Wellness, copy: Wellness },
}

impl ConflictEntry {
    /// The date the entry is about.
    pub fn date(&self) -> NaiveDate {
        match self {
            Self::Actual { plan, .. } => plan.date,
            Self::Wellness { plan, .. } => plan.date,
        }
    }

    /// When each version was logged: `(plan, copy)`. Equal times mean neither is known to be
    /// newer, and the plan's is preselected.
    pub fn logged_at(&self) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        match self {
            Self::Actual { plan, copy } => (plan.logged_at, copy.logged_at),
            Self::Wellness { plan, copy } => (plan.logged_at, copy.logged_at),
        }
    }
}

/// Why two entries are taken for the same one (see the module's Design note).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchedBy {
    /// Both actuals fulfil the same planned session.
    SameSession,
    /// Both actuals started at the same moment with the same sport.
    SameStart,
    /// Both are logs without session or start, same date, sport and id.
    SameLog,
    /// Both check-ins are for the same day.
    SameDay,
}

impl MatchedBy {
    /// In words, for the dialog and the CLI.
    pub fn describe(self) -> &'static str {
        match self {
            Self::SameSession => "same planned session",
            Self::SameStart => "same start time",
            Self::SameLog => "same log",
            Self::SameDay => "same day",
        }
    }
}

/// Which version of a conflicting entry to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConflictChoice {
    /// Keep the coach's plan as it is.
    KeepPlan,
    /// Take the athlete's version (the plan's actual keeps its id).
    TakeCopy,
}

/// A difference in the plan itself, which merging ignores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoredChange {
    pub part: PlanPart,
    /// Plain words: what differs, and that the plan's version is kept.
    pub message: String,
}

/// The parts of a plan file a merge compares but never takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanPart {
    Athlete,
    Guardrails,
    Races,
    Season,
    Variants,
    /// The adopted plan: weeks and sessions.
    Weeks,
    ChangeLog,
    Reviews,
    Model,
    /// Entries of the copy a plan file cannot hold, such as a second check-in for one day.
    Wellness,
}

/// What [`apply_merge`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Ids given to the new actuals, in the preview's order.
    pub added_actuals: Vec<ActualId>,
    pub added_wellness: Vec<NaiveDate>,
    /// Plan actuals replaced by the athlete's version (their ids are kept).
    pub replaced_actuals: Vec<ActualId>,
    pub replaced_wellness: Vec<NaiveDate>,
    /// Conflicts settled by keeping the plan's version.
    pub kept: usize,
    /// Preview entries not applied because the plan changed since the preview (an entry
    /// already there, a conflicting version edited or removed): nothing is overwritten blind.
    pub stale: usize,
}

impl MergeSummary {
    /// Whether the plan changed.
    pub fn changed(&self) -> bool {
        !self.added_actuals.is_empty()
            || !self.added_wellness.is_empty()
            || !self.replaced_actuals.is_empty()
            || !self.replaced_wellness.is_empty()
    }
}

/// Compares the athlete's `copy` with the coach's `plan`: new, identical and conflicting
/// actuals and check-ins, and the plan differences a merge ignores. Pure and deterministic.
pub fn merge_athlete_copy(plan: &Plan, copy: &Plan) -> MergePreview {
    let mut preview = MergePreview::default();
    merge_actuals(plan, copy, &mut preview);
    merge_wellness(plan, copy, &mut preview);
    preview.ignored.extend(plan_differences(plan, copy));
    preview.plan_changes_since_copy = changes_since_copy(plan, copy);
    preview
}

fn merge_actuals(plan: &Plan, copy: &Plan, preview: &mut MergePreview) {
    let mut claimed = vec![false; plan.actuals.len()];
    // Pass 1: identical entries, preferring a plan entry no other copy entry took, so two
    // equal entries in both files pair up one to one.
    let mut pending = Vec::new();
    for c in &copy.actuals {
        let free = plan
            .actuals
            .iter()
            .enumerate()
            .find(|(i, p)| !claimed[*i] && same_entry(p, c))
            .map(|(i, _)| i);
        match free {
            Some(i) => {
                claimed[i] = true;
                preview.identical_actuals.push(c.clone());
            }
            None if plan.actuals.iter().any(|p| same_entry(p, c)) => {
                preview.identical_actuals.push(c.clone());
            }
            None => pending.push(c),
        }
    }
    // Pass 2: the same entry in another version, else new.
    for c in pending {
        let found = [
            MatchedBy::SameSession,
            MatchedBy::SameStart,
            MatchedBy::SameLog,
        ]
        .into_iter()
        .find_map(|rule| {
            plan.actuals
                .iter()
                .enumerate()
                .find(|(i, p)| !claimed[*i] && matches_by(rule, p, c))
                .map(|(i, _)| (i, rule))
        });
        if let Some((i, rule)) = found
            && let Some(p) = plan.actuals.get(i)
        {
            claimed[i] = true;
            preview.conflicts.push(Conflict {
                differs_in: actual_differences(p, c),
                preselected: newer(p.logged_at, c.logged_at),
                matched_by: rule,
                entry: ConflictEntry::Actual {
                    plan: p.clone(),
                    copy: c.clone(),
                },
            });
        } else if preview.new_actuals.iter().any(|n| same_content(n, c)) {
            // The copy holds the same new entry twice: take it once.
            preview.identical_actuals.push(c.clone());
        } else {
            preview.new_actuals.push(c.clone());
        }
    }
}

fn merge_wellness(plan: &Plan, copy: &Plan, preview: &mut MergePreview) {
    let mut seen = BTreeSet::new();
    for c in &copy.wellness {
        if !seen.insert(c.date) {
            preview.ignored.push(IgnoredChange {
                part: PlanPart::Wellness,
                message: format!(
                    "the copy has a second check-in for {}; only its first is merged",
                    c.date
                ),
            });
            continue;
        }
        match plan.wellness.iter().find(|p| p.date == c.date) {
            Some(p) if p == c => preview.identical_wellness.push(c.clone()),
            Some(p) => preview.conflicts.push(Conflict {
                differs_in: wellness_differences(p, c),
                preselected: newer(p.logged_at, c.logged_at),
                matched_by: MatchedBy::SameDay,
                entry: ConflictEntry::Wellness {
                    plan: p.clone(),
                    copy: c.clone(),
                },
            }),
            None => preview.new_wellness.push(c.clone()),
        }
    }
}

/// Takes the preview's new actuals and check-ins into `plan`, and each conflict's version as
/// `choices` says (by index; a missing choice is the preselected one). Nothing else of the
/// plan is touched: not the weeks, guardrails, races or change log.
///
/// New actuals get ids from the plan's highest id + 1 on, in the preview's order. Entries the
/// plan gained or changed since the preview are left alone and counted as stale, so applying
/// a preview twice changes nothing the second time.
pub fn apply_merge(
    plan: &mut Plan,
    preview: &MergePreview,
    choices: &[ConflictChoice],
) -> MergeSummary {
    let mut summary = MergeSummary::default();
    let mut next_id = plan
        .actuals
        .iter()
        .map(|a| a.id.0)
        .max()
        .map_or(1, |m| m.saturating_add(1));

    for (i, conflict) in preview.conflicts.iter().enumerate() {
        let choice = choices.get(i).copied().unwrap_or(conflict.preselected);
        if choice == ConflictChoice::KeepPlan {
            summary.kept += 1;
            continue;
        }
        match &conflict.entry {
            ConflictEntry::Actual { plan: before, copy } => {
                let slot = plan.actuals.iter_mut().find(|a| **a == *before);
                match slot {
                    Some(slot) => {
                        *slot = Actual {
                            id: before.id,
                            ..with_recording(copy, before)
                        };
                        summary.replaced_actuals.push(before.id);
                    }
                    None => summary.stale += 1,
                }
            }
            ConflictEntry::Wellness { plan: before, copy } => {
                match plan.wellness.iter_mut().find(|w| **w == *before) {
                    Some(slot) => {
                        *slot = copy.clone();
                        summary.replaced_wellness.push(copy.date);
                    }
                    None => summary.stale += 1,
                }
            }
        }
    }

    for actual in &preview.new_actuals {
        if plan.actuals.iter().any(|a| same_entry(a, actual)) {
            summary.stale += 1;
            continue;
        }
        let id = ActualId(next_id);
        next_id = next_id.saturating_add(1);
        plan.actuals.push(Actual {
            id,
            ..actual.clone()
        });
        summary.added_actuals.push(id);
    }
    for check_in in &preview.new_wellness {
        if plan.wellness.iter().any(|w| w.date == check_in.date) {
            summary.stale += 1;
            continue;
        }
        plan.wellness.push(check_in.clone());
        summary.added_wellness.push(check_in.date);
    }

    if summary.changed() {
        // The order the athlete view keeps (Edit::LogActual), so lists read by date.
        plan.actuals.sort_by_key(|a| (a.date, a.start, a.id));
        plan.wellness.sort_by_key(|w| w.date);
    }
    summary
}

/// A short description of an actual: "2026-11-03 07:05 run 45:00 8.2 km RPE 4 (fit)".
pub fn actual_label(a: &Actual) -> String {
    let mut s = match a.start {
        Some(start) => start.format("%Y-%m-%d %H:%M").to_string(),
        None => a.date.to_string(),
    };
    s.push(' ');
    s.push_str(a.sport.code());
    let secs = a.duration_s.max(0.0).round() as u64;
    s.push_str(&format!(
        " {}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ));
    if let Some(m) = a.distance_m {
        s.push_str(&format!(" {:.1} km", m / 1000.0));
    }
    if let Some(rpe) = a.rpe {
        s.push_str(&format!(" RPE {rpe}"));
    }
    s.push_str(&format!(" ({})", a.source.code()));
    s
}

/// The copy's version only if it was logged later (see the module's Design note).
fn newer(plan: Option<DateTime<Utc>>, copy: Option<DateTime<Utc>>) -> ConflictChoice {
    if copy > plan {
        ConflictChoice::TakeCopy
    } else {
        ConflictChoice::KeepPlan
    }
}

fn matches_by(rule: MatchedBy, p: &Actual, c: &Actual) -> bool {
    match rule {
        MatchedBy::SameSession => p.session.is_some() && p.session == c.session,
        MatchedBy::SameStart => {
            p.start.is_some() && p.start == c.start && p.date == c.date && p.sport == c.sport
        }
        MatchedBy::SameLog => {
            p.session.is_none()
                && c.session.is_none()
                && p.start.is_none()
                && c.start.is_none()
                && p.date == c.date
                && p.sport == c.sport
                && p.id == c.id
        }
        MatchedBy::SameDay => false,
    }
}

/// Equal in everything but the id.
fn same_content(a: &Actual, b: &Actual) -> bool {
    a.date == b.date && actual_differences(a, b).is_empty()
}

/// The plan's `p` is the copy's `c`, or `c` with a watch file merged in (see the module's
/// "Logs the watch completed").
fn same_entry(p: &Actual, c: &Actual) -> bool {
    same_content(p, c) || completes(p, c)
}

/// Whether `p` is the hand-written log `c` completed by an import: `p` recorded (a start
/// time, a file's source), `c` not, and the athlete's fields of both equal.
fn completes(p: &Actual, c: &Actual) -> bool {
    is_recorded(p)
        && !is_recorded(c)
        && p.date == c.date
        && p.session == c.session
        && p.kind == c.kind
        && p.completion == c.completion
        && p.rpe == c.rpe
        && p.notes == c.notes
        && p.logged_at == c.logged_at
        && (p.duration_s == c.duration_s || c.duration_s <= 0.0)
}

fn is_recorded(a: &Actual) -> bool {
    a.start.is_some() && a.source != Source::Manual
}

/// The copy's version of an entry, keeping what a watch file recorded in the plan's when the
/// copy has no recording of its own (the athlete edited their log after the coach imported
/// the watch file; see the module's "Logs the watch completed").
fn with_recording(copy: &Actual, plan: &Actual) -> Actual {
    if !is_recorded(plan) || is_recorded(copy) || copy.date != plan.date {
        return copy.clone();
    }
    Actual {
        start: plan.start,
        sport: plan.sport,
        duration_s: if copy.duration_s > 0.0 {
            copy.duration_s
        } else {
            plan.duration_s
        },
        moving_s: plan.moving_s.or(copy.moving_s),
        distance_m: plan.distance_m.or(copy.distance_m),
        avg_hr: plan.avg_hr.or(copy.avg_hr),
        max_hr: plan.max_hr.or(copy.max_hr),
        source: plan.source,
        file: plan.file.clone(),
        ..copy.clone()
    }
}

/// Fields (other than the id) in which two actuals differ.
fn actual_differences(a: &Actual, b: &Actual) -> Vec<&'static str> {
    // Destructured so a new field cannot be forgotten here: the build fails instead.
    let Actual {
        id: _,
        date,
        start,
        sport,
        session,
        kind,
        completion,
        duration_s,
        moving_s,
        distance_m,
        avg_hr,
        max_hr,
        rpe,
        source,
        file,
        notes,
        logged_at,
    } = a;
    let mut out = Vec::new();
    let mut check = |same: bool, name: &'static str| {
        if !same {
            out.push(name);
        }
    };
    check(*date == b.date, "date");
    check(*start == b.start, "start");
    check(*sport == b.sport, "sport");
    check(*session == b.session, "session");
    check(*kind == b.kind, "kind");
    check(*completion == b.completion, "completion");
    check(*duration_s == b.duration_s, "duration_s");
    check(*moving_s == b.moving_s, "moving_s");
    check(*distance_m == b.distance_m, "distance_m");
    check(*avg_hr == b.avg_hr, "avg_hr");
    check(*max_hr == b.max_hr, "max_hr");
    check(*rpe == b.rpe, "rpe");
    check(*source == b.source, "source");
    check(*file == b.file, "file");
    check(*notes == b.notes, "notes");
    check(*logged_at == b.logged_at, "logged_at");
    out
}

/// Fields in which two check-ins differ.
fn wellness_differences(a: &Wellness, b: &Wellness) -> Vec<&'static str> {
    let Wellness {
        date,
        readiness,
        pain,
        pain_location,
        sleep_hours,
        sleep_quality,
        soreness,
        mood,
        motivation,
        notes,
        logged_at,
    } = a;
    let mut out = Vec::new();
    let mut check = |same: bool, name: &'static str| {
        if !same {
            out.push(name);
        }
    };
    check(*date == b.date, "date");
    check(*readiness == b.readiness, "readiness");
    check(*pain == b.pain, "pain");
    check(*pain_location == b.pain_location, "pain_location");
    check(*sleep_hours == b.sleep_hours, "sleep_hours");
    check(*sleep_quality == b.sleep_quality, "sleep_quality");
    check(*soreness == b.soreness, "soreness");
    check(*mood == b.mood, "mood");
    check(*motivation == b.motivation, "motivation");
    check(*notes == b.notes, "notes");
    check(*logged_at == b.logged_at, "logged_at");
    out
}

/// Change-log entries the plan has after the copy's last one, when the copy's log is the
/// start of the plan's (the usual case: the coach kept editing after sending the file).
fn changes_since_copy(plan: &Plan, copy: &Plan) -> usize {
    if plan.change_log.starts_with(&copy.change_log) {
        plan.change_log.len() - copy.change_log.len()
    } else {
        0
    }
}

/// The plan differences a merge ignores, in plain words, in file order.
fn plan_differences(plan: &Plan, copy: &Plan) -> Vec<IgnoredChange> {
    let mut out = Vec::new();
    let mut push = |part: PlanPart, message: String| out.push(IgnoredChange { part, message });

    if plan.athlete != copy.athlete {
        push(
            PlanPart::Athlete,
            format!(
                "the athlete's details differ in the copy ({}); the plan's are kept",
                field_names(&plan.athlete, &copy.athlete)
            ),
        );
    }
    if plan.guardrails != copy.guardrails {
        push(
            PlanPart::Guardrails,
            format!(
                "the guardrails differ in the copy ({}); the plan's are kept",
                field_names(&plan.guardrails, &copy.guardrails)
            ),
        );
    }
    if plan.races != copy.races {
        push(PlanPart::Races, races_message(plan, copy));
    }
    if plan.season != copy.season {
        push(
            PlanPart::Season,
            format!(
                "the season differs in the copy ({}); the plan's is kept",
                field_names(&plan.season, &copy.season)
            ),
        );
    }
    if plan.variants != copy.variants {
        push(
            PlanPart::Variants,
            "the generated drafts differ in the copy; the plan's are kept".to_owned(),
        );
    }
    if plan.plan != copy.plan {
        push(PlanPart::Weeks, weeks_message(plan, copy));
    }
    let copy_only = copy
        .change_log
        .iter()
        .filter(|e| !plan.change_log.contains(e))
        .count();
    if copy_only > 0 {
        push(
            PlanPart::ChangeLog,
            format!(
                "the copy's change log has {copy_only} {} the plan does not have; the plan's log is kept",
                plural(copy_only as i64, "entry", "entries")
            ),
        );
    }
    if plan.reviews != copy.reviews {
        push(
            PlanPart::Reviews,
            "the reviews differ in the copy; the plan's are kept".to_owned(),
        );
    }
    if plan.model != copy.model {
        push(
            PlanPart::Model,
            format!(
                "the load-model settings differ in the copy ({}); the plan's are kept",
                field_names(&plan.model, &copy.model)
            ),
        );
    }
    out
}

fn races_message(plan: &Plan, copy: &Plan) -> String {
    let mut parts = Vec::new();
    for r in &copy.races {
        match plan.races.iter().find(|p| p.name == r.name) {
            None => parts.push(format!("\"{}\" only in the copy", r.name)),
            Some(p) if p != r => {
                parts.push(format!("\"{}\" changed ({})", r.name, field_names(p, r)));
            }
            Some(_) => {}
        }
    }
    for p in &plan.races {
        if !copy.races.iter().any(|r| r.name == p.name) {
            parts.push(format!("\"{}\" missing from the copy", p.name));
        }
    }
    if parts.is_empty() {
        parts.push("in order".to_owned());
    }
    format!(
        "the races differ in the copy: {}; the plan's races are kept",
        parts.join(", ")
    )
}

fn weeks_message(plan: &Plan, copy: &Plan) -> String {
    let (Some(ours), Some(theirs)) = (&plan.plan, &copy.plan) else {
        return if plan.plan.is_some() {
            "the copy has no adopted plan; the plan's weeks are kept".to_owned()
        } else {
            "the copy has an adopted plan the coach's file does not; it is not taken".to_owned()
        };
    };
    let mut weeks = BTreeSet::new();
    let (mut only_copy, mut missing, mut changed) = (0, 0, 0);
    for (w, s) in theirs
        .weeks
        .iter()
        .flat_map(|w| w.sessions.iter().map(move |s| (w, s)))
    {
        match plan.session(s.id) {
            None => {
                only_copy += 1;
                weeks.insert(w.start);
            }
            Some(p) if p != s => {
                changed += 1;
                weeks.insert(w.start);
            }
            Some(_) => {}
        }
    }
    for (w, s) in ours
        .weeks
        .iter()
        .flat_map(|w| w.sessions.iter().map(move |s| (w, s)))
    {
        if copy.session(s.id).is_none() {
            missing += 1;
            weeks.insert(w.start);
        }
    }
    for w in &theirs.weeks {
        let differs = plan
            .weeks()
            .iter()
            .find(|o| o.start == w.start)
            .is_none_or(|o| {
                o.status != w.status || o.phase != w.phase || o.down_week != w.down_week
            });
        if differs {
            weeks.insert(w.start);
        }
    }
    let mut parts = Vec::new();
    if changed > 0 {
        parts.push(format!(
            "{changed} planned {} changed",
            plural(changed as i64, "session", "sessions")
        ));
    }
    if only_copy > 0 {
        parts.push(format!(
            "{only_copy} {} only in the copy",
            plural(only_copy as i64, "session", "sessions")
        ));
    }
    if missing > 0 {
        parts.push(format!(
            "{missing} {} missing from the copy",
            plural(missing as i64, "session", "sessions")
        ));
    }
    if parts.is_empty() && weeks.is_empty() {
        parts.push("the adopted plan's settings differ".to_owned());
    } else if parts.is_empty() {
        parts.push("week status or phase differs".to_owned());
    }
    let mut message = format!("the weeks differ in the copy: {}", parts.join(", "));
    if !weeks.is_empty() {
        let list: Vec<String> = weeks.iter().take(6).map(ToString::to_string).collect();
        let more = weeks.len().saturating_sub(6);
        message.push_str(&format!(
            " (weeks of {}{})",
            list.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    message.push_str("; the plan's weeks are kept");
    message
}

/// Names of the top-level fields in which two values differ, as their serialized form shows:
/// "weekly volume km, notes". Generic so new fields are covered without a change here.
fn field_names<T: Serialize>(a: &T, b: &T) -> String {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return "details".to_owned();
    };
    let names: Vec<String> = a
        .keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| k.replace('_', " "))
        .collect();
    if names.is_empty() {
        "details".to_owned()
    } else {
        names.join(", ")
    }
}
