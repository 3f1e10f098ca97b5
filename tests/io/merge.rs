//! Merging an athlete's copy back: new, identical and conflicting entries, ignored plan
//! changes, and the properties (idempotent, order-free, the plan never touched).

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use peakline::app::{Edit, edit::apply};
use peakline::io::merge::{
    ConflictChoice, ConflictEntry, MatchedBy, MergePreview, PlanPart, apply_merge,
    merge_athlete_copy,
};
use peakline::model::{
    Actual, ActualId, Author, Change, ChangeEntry, Completion, Plan, Reason, SessionId, Source,
    Sport, WeekStatus, Wellness, validate,
};
use proptest::prelude::*;

use super::sample_plan::{day, sample_plan};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn start(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// The coach's plan: the sample plan with a watch run, a manual log and two check-ins.
fn coach_plan() -> Plan {
    let mut plan = sample_plan();
    plan.actuals = vec![
        Actual {
            id: ActualId(1),
            date: day(11),
            start: Some(start("2027-03-11 07:00")),
            session: Some(SessionId(4)),
            duration_s: 3000.0,
            distance_m: Some(10_100.0),
            avg_hr: Some(158.0),
            source: Source::Fit,
            file: Some("thu.fit".to_owned()),
            ..Actual::default()
        },
        Actual {
            id: ActualId(2),
            date: day(14),
            session: Some(SessionId(1)),
            kind: Some(peakline::model::SessionType::Long),
            duration_s: 5400.0,
            rpe: Some(5.0),
            logged_at: Some(at("2027-03-14T18:00:00Z")),
            ..Actual::default()
        },
    ];
    plan.wellness = vec![check_in(9, 7), check_in(10, 8)];
    plan
}

fn check_in(d: u32, readiness: u8) -> Wellness {
    Wellness {
        date: day(d),
        readiness: Some(readiness),
        sleep_hours: Some(7.5),
        logged_at: Some(at(&format!("2027-03-{d:02}T06:30:00Z"))),
        ..Wellness::default()
    }
}

/// The athlete's path to a change: the same `Edit`s the athlete view applies.
fn log(plan: &mut Plan, actual: Actual) {
    apply(plan, &Edit::LogActual(actual), day(20)).unwrap();
}

fn log_wellness(plan: &mut Plan, w: Wellness) {
    apply(plan, &Edit::LogWellness(w), day(20)).unwrap();
}

fn manual(session: u64, d: u32, minutes: f64, rpe: f64) -> Actual {
    Actual {
        date: day(d),
        session: Some(SessionId(session)),
        duration_s: minutes * 60.0,
        rpe: Some(rpe),
        logged_at: Some(at(&format!("2027-03-{d:02}T19:00:00Z"))),
        ..Actual::default()
    }
}

/// Everything but actuals and check-ins: what a merge must never touch.
fn plan_part(plan: &Plan) -> Plan {
    Plan {
        actuals: Vec::new(),
        wellness: Vec::new(),
        ..plan.clone()
    }
}

/// Actuals without their ids, in a fixed order: what "the same result" means when two
/// merge orders hand out ids differently.
fn entries(plan: &Plan) -> (Vec<String>, Vec<Wellness>) {
    let mut actuals: Vec<String> = plan
        .actuals
        .iter()
        .map(|a| {
            format!(
                "{:?}",
                Actual {
                    id: ActualId(0),
                    ..a.clone()
                }
            )
        })
        .collect();
    actuals.sort();
    let mut wellness = plan.wellness.clone();
    wellness.sort_by_key(|w| w.date);
    (actuals, wellness)
}

fn merge(plan: &mut Plan, copy: &Plan) -> MergePreview {
    let preview = merge_athlete_copy(plan, copy);
    apply_merge(plan, &preview, &preview.preselected_choices());
    preview
}

fn ids_are_unique(plan: &Plan) -> bool {
    let ids: BTreeSet<ActualId> = plan.actuals.iter().map(|a| a.id).collect();
    ids.len() == plan.actuals.len()
}

#[test]
fn a_copy_with_nothing_new_changes_nothing() {
    let plan = coach_plan();
    let preview = merge_athlete_copy(&plan, &plan);
    assert!(!preview.has_changes());
    assert_eq!(preview.identical_actuals.len(), 2);
    assert_eq!(preview.identical_wellness.len(), 2);
    assert!(preview.ignored.is_empty(), "{:?}", preview.ignored);
    let mut merged = plan.clone();
    let summary = apply_merge(&mut merged, &preview, &[]);
    assert!(!summary.changed());
    assert_eq!(merged, plan);
}

#[test]
fn new_entries_are_added_with_fresh_ids_and_identical_ones_skipped() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    log(&mut copy, manual(6, 17, 40.0, 3.0));
    log_wellness(&mut copy, check_in(17, 6));

    let preview = merge_athlete_copy(&plan, &copy);
    assert_eq!(preview.new_actuals.len(), 1);
    assert_eq!(preview.new_wellness.len(), 1);
    assert_eq!(preview.identical_actuals.len(), 2);
    assert_eq!(preview.identical_wellness.len(), 2);
    assert!(preview.conflicts.is_empty());

    let mut merged = plan.clone();
    let summary = apply_merge(&mut merged, &preview, &[]);
    assert_eq!(summary.added_actuals, [ActualId(3)], "max + 1");
    assert_eq!(summary.added_wellness, [day(17)]);
    assert_eq!(merged.actuals.len(), 3);
    assert_eq!(merged.wellness.len(), 3);
    assert!(validate(&merged).is_empty());
    assert_eq!(plan_part(&merged), plan_part(&plan));
}

#[test]
fn new_ids_continue_from_the_highest_even_when_the_copy_reused_one() {
    // The coach imported a run (id 3) after sending the file; the athlete's new log also got
    // id 3 in the copy. Both are kept, the athlete's as id 4.
    let mut plan = coach_plan();
    let mut copy = plan.clone();
    plan.actuals.push(Actual {
        id: ActualId(3),
        date: day(15),
        start: Some(start("2027-03-15 18:00")),
        sport: Sport::Swim,
        duration_s: 1800.0,
        source: Source::Fit,
        ..Actual::default()
    });
    log(&mut copy, manual(6, 17, 40.0, 3.0));
    assert_eq!(copy.actuals.last().map(|a| a.id), Some(ActualId(3)));

    let mut merged = plan.clone();
    let preview = merge(&mut merged, &copy);
    assert_eq!(preview.new_actuals.len(), 1);
    assert!(ids_are_unique(&merged));
    assert!(
        merged
            .actuals
            .iter()
            .any(|a| a.id == ActualId(4) && a.date == day(17))
    );
}

#[test]
fn conflicts_list_both_versions_with_the_newer_preselected() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    // The athlete re-rated the long run later that evening: theirs is newer.
    let mut long = copy.actuals[1].clone();
    long.rpe = Some(6.0);
    long.notes = "Windy".to_owned();
    long.logged_at = Some(at("2027-03-14T21:00:00Z"));
    log(&mut copy, long.clone());
    // The check-in of the 9th was corrected by the coach after the athlete's copy was made:
    // the plan's is newer.
    let mut plan = plan;
    plan.wellness[0].readiness = Some(5);
    plan.wellness[0].logged_at = Some(at("2027-03-20T10:00:00Z"));
    copy.wellness[0].readiness = Some(9);

    let preview = merge_athlete_copy(&plan, &copy);
    assert_eq!(preview.conflicts.len(), 2, "{:#?}", preview.conflicts);
    let actual = &preview.conflicts[0];
    assert_eq!(actual.matched_by, MatchedBy::SameSession);
    assert_eq!(actual.preselected, ConflictChoice::TakeCopy);
    assert_eq!(actual.differs_in, ["rpe", "notes", "logged_at"]);
    let ConflictEntry::Actual {
        plan: ours,
        copy: theirs,
    } = &actual.entry
    else {
        panic!("an actual conflict")
    };
    assert_eq!(ours.rpe, Some(5.0));
    assert_eq!(theirs.rpe, Some(6.0));

    let check = &preview.conflicts[1];
    assert_eq!(check.matched_by, MatchedBy::SameDay);
    assert_eq!(check.preselected, ConflictChoice::KeepPlan);
    assert_eq!(check.differs_in, ["readiness", "logged_at"]);

    // Preselected: the athlete's run, the coach's check-in; ids are kept.
    let mut merged = plan.clone();
    let summary = apply_merge(&mut merged, &preview, &preview.preselected_choices());
    assert_eq!(summary.replaced_actuals, [ActualId(2)]);
    assert_eq!(summary.kept, 1);
    let long_now = merged.actuals.iter().find(|a| a.id == ActualId(2)).unwrap();
    assert_eq!(long_now.rpe, Some(6.0));
    assert_eq!(merged.wellness[0].readiness, Some(5));
    assert_eq!(merged.actuals.len(), plan.actuals.len());

    // The coach can choose otherwise.
    let mut other = plan.clone();
    apply_merge(
        &mut other,
        &preview,
        &[ConflictChoice::KeepPlan, ConflictChoice::TakeCopy],
    );
    assert_eq!(other.actuals, plan.actuals);
    assert_eq!(other.wellness[0].readiness, Some(9));
}

#[test]
fn a_watch_run_and_a_manual_log_of_the_same_session_conflict() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    // The athlete logged Thursday's threshold session by hand; the coach has the FIT file.
    copy.actuals.retain(|a| a.id != ActualId(1));
    log(&mut copy, manual(4, 11, 50.0, 7.0));
    let preview = merge_athlete_copy(&plan, &copy);
    assert!(preview.new_actuals.is_empty());
    assert_eq!(preview.conflicts.len(), 1);
    assert_eq!(preview.conflicts[0].matched_by, MatchedBy::SameSession);
    // Only the manual log says when it was logged, so it is the newer.
    assert_eq!(preview.conflicts[0].preselected, ConflictChoice::TakeCopy);
}

#[test]
fn same_start_and_same_log_are_the_same_entry() {
    let mut plan = coach_plan();
    plan.actuals.push(Actual {
        id: ActualId(5),
        date: day(16),
        start: Some(start("2027-03-16 12:00")),
        sport: Sport::Ride,
        duration_s: 2400.0,
        source: Source::Gpx,
        ..Actual::default()
    });
    plan.actuals.push(Actual {
        id: ActualId(6),
        date: day(19),
        sport: Sport::Walk,
        duration_s: 1800.0,
        ..Actual::default()
    });
    let mut copy = plan.clone();
    copy.actuals[2].rpe = Some(3.0);
    copy.actuals[3].notes = "With the dog".to_owned();
    let preview = merge_athlete_copy(&plan, &copy);
    let rules: Vec<MatchedBy> = preview.conflicts.iter().map(|c| c.matched_by).collect();
    assert_eq!(rules, [MatchedBy::SameStart, MatchedBy::SameLog]);
    assert!(preview.new_actuals.is_empty());
}

#[test]
fn an_entry_twice_in_the_copy_is_taken_once() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    let extra = Actual {
        id: ActualId(10),
        date: day(20),
        start: Some(start("2027-03-20 09:00")),
        duration_s: 1800.0,
        ..Actual::default()
    };
    copy.actuals.push(extra.clone());
    copy.actuals.push(Actual {
        id: ActualId(11),
        ..extra
    });
    let mut merged = plan.clone();
    let preview = merge(&mut merged, &copy);
    assert_eq!(preview.new_actuals.len(), 1);
    assert_eq!(merged.actuals.len(), plan.actuals.len() + 1);
}

#[test]
fn plan_changes_in_the_copy_are_ignored_and_reported() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    copy.athlete.weekly_volume_km = 90.0;
    copy.guardrails.max_weekly_increase_pct = 30.0;
    copy.races.push(peakline::model::Race {
        name: "Parkrun".to_owned(),
        date: day(20),
        distance_km: 5.0,
        ..peakline::model::Race::default()
    });
    let adopted = copy.plan.as_mut().unwrap();
    adopted.weeks[1].sessions[2].duration_min = 90.0;
    adopted.weeks[1].status = WeekStatus::Approved;
    copy.change_log.push(ChangeEntry {
        at: at("2027-03-16T10:00:00Z"),
        who: Author::Athlete,
        week: None,
        change: Change::WeekApproved { week: day(15) },
        reason: Reason::new(None, "I approve"),
    });
    log(&mut copy, manual(6, 17, 40.0, 3.0));

    let mut merged = plan.clone();
    let preview = merge(&mut merged, &copy);
    let parts: Vec<PlanPart> = preview.ignored.iter().map(|i| i.part).collect();
    assert_eq!(
        parts,
        [
            PlanPart::Athlete,
            PlanPart::Guardrails,
            PlanPart::Races,
            PlanPart::Weeks,
            PlanPart::ChangeLog
        ]
    );
    let text: Vec<&str> = preview.ignored.iter().map(|i| i.message.as_str()).collect();
    assert!(text[0].contains("weekly volume km"), "{}", text[0]);
    assert!(
        text[2].contains("\"Parkrun\" only in the copy"),
        "{}",
        text[2]
    );
    assert!(
        text[3].contains("1 planned session changed") && text[3].contains("2027-03-15"),
        "{}",
        text[3]
    );
    assert!(text[4].contains("1 entry"), "{}", text[4]);
    for message in text {
        assert!(message.contains("kept"), "{message}");
    }
    // Only the athlete's log came in.
    assert_eq!(plan_part(&merged), plan_part(&plan));
    assert_eq!(merged.actuals.len(), plan.actuals.len() + 1);
}

#[test]
fn the_coach_s_later_edits_are_counted_not_blamed_on_the_copy() {
    let copy = coach_plan();
    let mut plan = copy.clone();
    plan.change_log.push(ChangeEntry {
        at: at("2027-03-16T10:00:00Z"),
        who: Author::Coach,
        week: Some(day(15)),
        change: Change::WeekApproved { week: day(15) },
        reason: Reason::new(None, "looks good"),
    });
    plan.plan.as_mut().unwrap().weeks[1].status = WeekStatus::Approved;
    let preview = merge_athlete_copy(&plan, &copy);
    assert_eq!(preview.plan_changes_since_copy, 1);
    assert!(
        !preview
            .ignored
            .iter()
            .any(|i| i.part == PlanPart::ChangeLog)
    );
}

#[test]
fn a_stale_preview_applied_twice_changes_nothing_the_second_time() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    log(&mut copy, manual(6, 17, 40.0, 3.0));
    log_wellness(&mut copy, check_in(17, 6));
    let mut long = copy.actuals[1].clone();
    long.rpe = Some(7.0);
    long.logged_at = Some(at("2027-03-15T08:00:00Z"));
    log(&mut copy, long);

    let preview = merge_athlete_copy(&plan, &copy);
    let mut merged = plan.clone();
    let first = apply_merge(&mut merged, &preview, &[]);
    assert!(first.changed());
    let after_first = merged.clone();
    let second = apply_merge(&mut merged, &preview, &[]);
    assert!(!second.changed(), "{second:?}");
    assert_eq!(second.stale, 3);
    assert_eq!(merged, after_first);
}

#[test]
fn skipped_and_partly_logs_merge_like_any_other() {
    let plan = coach_plan();
    let mut copy = plan.clone();
    log(
        &mut copy,
        Actual {
            completion: Completion::Skipped,
            duration_s: 0.0,
            rpe: None,
            notes: "Work ran late".to_owned(),
            ..manual(7, 16, 0.0, 0.0)
        },
    );
    let mut merged = plan.clone();
    merge(&mut merged, &copy);
    assert!(
        merged
            .actuals
            .iter()
            .any(|a| a.completion == Completion::Skipped && a.session == Some(SessionId(7)))
    );
}

// ---------------------------------------------------------------------------------------------
// Properties

/// An athlete's log, generated.
#[derive(Clone, Debug)]
enum Log {
    /// A manual log of a planned session.
    Session {
        id: u64,
        minutes: u32,
        rpe: u8,
        hour: u32,
    },
    /// A watch activity not matched to a session.
    Watch {
        d: u32,
        hour: u32,
        minute: u32,
        ride: bool,
        minutes: u32,
    },
    CheckIn {
        d: u32,
        readiness: u8,
        hour: u32,
    },
    /// The athlete re-rates an existing actual (index into the base plan's actuals).
    Rerate {
        index: usize,
        rpe: u8,
        hour: u32,
    },
}

/// Session ids of the sample plan by week: week 1 runs the 8th to the 14th.
const WEEK1: [u64; 3] = [1, 2, 4];
const WEEK2: [u64; 3] = [5, 6, 7];

fn session_date(id: u64) -> u32 {
    match id {
        1 | 2 => 14,
        4 => 11,
        5 => 15,
        6 => 17,
        _ => 16,
    }
}

fn log_strategy(week1: bool) -> impl Strategy<Value = Log> {
    let ids = if week1 { WEEK1 } else { WEEK2 };
    let days = if week1 { 8_u32..=14 } else { 15_u32..=21 };
    prop_oneof![
        (
            prop::sample::select(ids.to_vec()),
            10_u32..120,
            1_u8..=10,
            0_u32..24
        )
            .prop_map(|(id, minutes, rpe, hour)| Log::Session {
                id,
                minutes,
                rpe,
                hour
            }),
        (
            days.clone(),
            5_u32..21,
            0_u32..60,
            any::<bool>(),
            10_u32..180
        )
            .prop_map(|(d, hour, minute, ride, minutes)| Log::Watch {
                d,
                hour,
                minute,
                ride,
                minutes
            }),
        (days, 1_u8..=10, 0_u32..24).prop_map(|(d, readiness, hour)| Log::CheckIn {
            d,
            readiness,
            hour
        }),
    ]
}

fn any_log() -> impl Strategy<Value = Log> {
    prop_oneof![
        4 => prop_oneof![log_strategy(true), log_strategy(false)],
        1 => (0_usize..2, 1_u8..=10, 0_u32..48).prop_map(|(index, rpe, hour)| Log::Rerate {
            index,
            rpe,
            hour
        }),
    ]
}

fn logged_at(d: u32, hour: u32) -> Option<DateTime<Utc>> {
    let base = at(&format!("2027-03-{d:02}T00:00:00Z"));
    Some(base + chrono::Duration::hours(i64::from(hour)))
}

/// The athlete's copy: the base plan with these logs applied the way the athlete view does.
fn copy_with(base: &Plan, logs: &[Log]) -> Plan {
    let mut copy = base.clone();
    for entry in logs {
        match *entry {
            Log::Session {
                id,
                minutes,
                rpe,
                hour,
            } => {
                let d = session_date(id);
                log(
                    &mut copy,
                    Actual {
                        logged_at: logged_at(d, hour),
                        ..manual(id, d, f64::from(minutes), f64::from(rpe))
                    },
                );
            }
            Log::Watch {
                d,
                hour,
                minute,
                ride,
                minutes,
            } => log(
                &mut copy,
                Actual {
                    date: day(d),
                    start: Some(day(d).and_hms_opt(hour, minute, 0).unwrap()),
                    sport: if ride { Sport::Ride } else { Sport::Run },
                    duration_s: f64::from(minutes) * 60.0,
                    source: Source::Fit,
                    ..Actual::default()
                },
            ),
            Log::CheckIn { d, readiness, hour } => log_wellness(
                &mut copy,
                Wellness {
                    logged_at: logged_at(d, hour),
                    ..check_in(d, readiness)
                },
            ),
            Log::Rerate { index, rpe, hour } => {
                let Some(mut a) = base.actuals.get(index).cloned() else {
                    continue;
                };
                a.rpe = Some(f64::from(rpe));
                a.logged_at = logged_at(a.date.day(), hour);
                log(&mut copy, a);
            }
        }
    }
    copy
}

/// A copy that also changed the plan itself, every way the athlete's file might.
fn tamper(copy: &mut Plan, what: u8) {
    if what & 1 != 0 {
        copy.athlete.name = "Someone Else".to_owned();
    }
    if what & 2 != 0 {
        copy.guardrails.max_hard_sessions_per_week = 7;
    }
    if what & 4 != 0 {
        copy.races.push(peakline::model::Race {
            name: "Parkrun".to_owned(),
            date: day(20),
            distance_km: 5.0,
            ..peakline::model::Race::default()
        });
    }
    if what & 8 != 0
        && let Some(adopted) = copy.plan.as_mut()
    {
        adopted.weeks[0].sessions.clear();
        adopted.weeks[1].status = WeekStatus::Approved;
    }
    if what & 16 != 0 {
        copy.change_log.push(ChangeEntry {
            at: at("2027-03-16T10:00:00Z"),
            who: Author::Athlete,
            week: None,
            change: Change::WeekApproved { week: day(15) },
            reason: Reason::new(None, "done"),
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merging_the_same_copy_twice_changes_nothing_the_second_time(
        logs in prop::collection::vec(any_log(), 0..12),
        choose_plan in prop::collection::vec(any::<bool>(), 0..6),
        what in 0_u8..32,
    ) {
        let plan = coach_plan();
        let mut copy = copy_with(&plan, &logs);
        tamper(&mut copy, what);

        let mut merged = plan.clone();
        let first = merge_athlete_copy(&merged, &copy);
        let choices: Vec<ConflictChoice> = first
            .conflicts
            .iter()
            .zip(choose_plan.iter().chain(std::iter::repeat(&false)))
            .map(|(_, keep)| if *keep { ConflictChoice::KeepPlan } else { ConflictChoice::TakeCopy })
            .collect();
        apply_merge(&mut merged, &first, &choices);
        prop_assert!(validate(&merged).is_empty(), "{:?}", validate(&merged));
        prop_assert!(ids_are_unique(&merged));

        // Second time: nothing new; only the conflicts the coach settled for the plan come
        // back, and settling them the same way changes nothing.
        let second = merge_athlete_copy(&merged, &copy);
        prop_assert!(second.new_actuals.is_empty(), "{:?}", second.new_actuals);
        prop_assert!(second.new_wellness.is_empty());
        let kept = choices.iter().filter(|c| **c == ConflictChoice::KeepPlan).count();
        prop_assert_eq!(second.conflicts.len(), kept);
        let before = merged.clone();
        let summary = apply_merge(&mut merged, &second, &vec![ConflictChoice::KeepPlan; kept]);
        prop_assert!(!summary.changed());
        prop_assert_eq!(&merged, &before);

        // With the preselected choices both times, the second merge is a no-op too.
        let mut again = plan.clone();
        merge(&mut again, &copy);
        let snapshot = again.clone();
        let preview = merge(&mut again, &copy);
        prop_assert!(preview.new_actuals.is_empty());
        prop_assert_eq!(again, snapshot);
    }

    #[test]
    fn the_plan_itself_is_never_changed(
        logs in prop::collection::vec(any_log(), 0..12),
        what in 0_u8..32,
    ) {
        let plan = coach_plan();
        let mut copy = copy_with(&plan, &logs);
        tamper(&mut copy, what);
        let mut merged = plan.clone();
        let preview = merge(&mut merged, &copy);
        prop_assert_eq!(plan_part(&merged), plan_part(&plan));
        // Every kind of tampering is reported.
        let parts: BTreeSet<PlanPart> = preview.ignored.iter().map(|i| i.part).collect();
        for (bit, part) in [
            (1, PlanPart::Athlete),
            (2, PlanPart::Guardrails),
            (4, PlanPart::Races),
            (8, PlanPart::Weeks),
            (16, PlanPart::ChangeLog),
        ] {
            prop_assert_eq!(what & bit != 0, parts.contains(&part), "{:?}", part);
        }
    }

    #[test]
    fn two_copies_without_overlap_merge_the_same_in_either_order(
        a in prop::collection::vec(log_strategy(true), 0..8),
        b in prop::collection::vec(log_strategy(false), 0..8),
    ) {
        let plan = coach_plan();
        // Copy A logs only in week 1, copy B only in week 2: their new entries cannot be the
        // same entry. A may re-log the base plan's week-1 entries, which B holds unchanged.
        let copy_a = copy_with(&plan, &a);
        let copy_b = copy_with(&plan, &b);

        let mut ab = plan.clone();
        merge(&mut ab, &copy_a);
        merge(&mut ab, &copy_b);
        let mut ba = plan.clone();
        merge(&mut ba, &copy_b);
        merge(&mut ba, &copy_a);

        prop_assert_eq!(entries(&ab), entries(&ba));
        prop_assert_eq!(plan_part(&ab), plan_part(&ba));
        prop_assert!(ids_are_unique(&ab) && ids_are_unique(&ba));
        // New ids are max + 1 onwards: dense after the base plan's.
        let max = ab.actuals.iter().map(|x| x.id.0).max().unwrap_or(0);
        prop_assert_eq!(max as usize, ab.actuals.len());
    }
}

#[test]
fn a_log_the_watch_completed_is_not_a_difference_and_a_later_edit_keeps_the_recording() {
    // The athlete logs Sunday's long run by hand; the coach merges the copy...
    let mut plan = sample_plan();
    let mut copy = plan.clone();
    let hand_log = Actual {
        id: ActualId(1),
        date: day(14),
        session: Some(SessionId(1)),
        duration_s: 5400.0,
        distance_m: Some(16_000.0),
        rpe: Some(5.0),
        notes: "windy".to_owned(),
        logged_at: Some(at("2027-03-14T18:00:00Z")),
        ..Actual::default()
    };
    copy.actuals.push(hand_log.clone());
    let preview = merge_athlete_copy(&plan, &copy);
    apply_merge(&mut plan, &preview, &preview.preselected_choices());
    // ...and imports the watch file of that run, which completes the athlete's log.
    let watch = peakline::io::import::Activity {
        start: start("2027-03-14 08:02"),
        sport: Sport::Run,
        duration_s: 5520.0,
        moving_s: Some(5460.0),
        distance_m: Some(16_240.0),
        avg_hr: Some(141.0),
        max_hr: Some(163.0),
        title: None,
        source: Source::Fit,
    };
    let report = peakline::io::import::apply_import(
        &mut plan,
        vec![("long.fit".to_owned(), Ok(vec![watch].into()))],
    );
    assert_eq!(report.merged.len(), 1);
    let completed = plan.clone();

    // The same copy again: nothing new, nothing to decide.
    let again = merge_athlete_copy(&plan, &copy);
    assert!(!again.has_changes(), "{again:?}");
    assert!(again.conflicts.is_empty());
    assert_eq!(again.identical_actuals.len(), 1);
    apply_merge(&mut plan, &again, &again.preselected_choices());
    assert_eq!(plan, completed);

    // The athlete re-rates the run later: taking their version keeps the watch's data.
    let mut rerated = copy.clone();
    rerated.actuals[0].rpe = Some(6.0);
    rerated.actuals[0].logged_at = Some(at("2027-03-15T07:00:00Z"));
    let preview = merge_athlete_copy(&plan, &rerated);
    assert_eq!(preview.conflicts.len(), 1);
    assert_eq!(preview.conflicts[0].preselected, ConflictChoice::TakeCopy);
    apply_merge(&mut plan, &preview, &preview.preselected_choices());
    let a = &plan.actuals[0];
    assert_eq!(a.rpe, Some(6.0));
    assert_eq!(a.logged_at, rerated.actuals[0].logged_at);
    assert_eq!(a.start, Some(start("2027-03-14 08:02")));
    assert_eq!((a.distance_m, a.avg_hr), (Some(16_240.0), Some(141.0)));
    assert_eq!(
        (a.source, a.file.as_deref()),
        (Source::Fit, Some("long.fit"))
    );
    assert_eq!(a.duration_s, hand_log.duration_s, "the athlete's minutes");
    // And that merge is idempotent too.
    let settled = plan.clone();
    let once_more = merge_athlete_copy(&plan, &rerated);
    assert!(!once_more.has_changes(), "{once_more:?}");
    apply_merge(&mut plan, &once_more, &once_more.preselected_choices());
    assert_eq!(plan, settled);
    assert_eq!(validate(&plan), []);
}
