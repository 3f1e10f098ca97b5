//! What-if scenarios on the marathoner demo: each produces a new plan and a diff, and leaves
//! the input alone.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use peakline::engine::adopt::KeepPolicy;
use peakline::engine::scenario::{Scenario, ScenarioError, apply_scenario};
use peakline::model::{
    Change, Completion, PhaseKind, Plan, Priority, Race, SessionType, WeekStatus,
};

use crate::common::{marathoner, today};

fn a_race(plan: &Plan) -> usize {
    plan.races
        .iter()
        .position(|r| r.priority == Priority::A)
        .expect("an A race")
}

/// A future week (from the one after next) with quality sessions and no race.
fn future_week(plan: &Plan) -> NaiveDate {
    plan.weeks()
        .iter()
        .find(|w| {
            w.start > today() + Days::new(7)
                && w.hard_sessions() >= 1
                && !w.sessions.iter().any(|s| s.kind == SessionType::Race)
        })
        .expect("a future week with quality")
        .start
}

fn taper_start(plan: &Plan) -> NaiveDate {
    plan.season
        .phases
        .iter()
        .find(|p| p.kind == PhaseKind::Taper)
        .expect("a taper")
        .start
}

#[test]
fn moving_the_a_race_two_weeks_later_moves_the_taper_with_it() {
    let plan = marathoner();
    let before = plan.clone();
    let race = a_race(&plan);
    let out = apply_scenario(
        &plan,
        &Scenario::MoveRace { race, weeks: 2 },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("applies");
    assert_eq!(plan, before, "the input plan is untouched");
    let new = &out.plan;
    assert_eq!(new.races[race].date, plan.races[race].date + Days::new(14));
    assert_eq!(taper_start(new), taper_start(&plan) + Days::new(14));
    assert_eq!(out.diff.tapers.len(), 1);
    assert_eq!(out.diff.tapers[0].from, Some(taper_start(&plan)));
    assert_eq!(out.diff.tapers[0].to, Some(taper_start(new)));
    // Phases stay ordered and do not overlap; each week's phase follows the season's order.
    let phases = &new.season.phases;
    for pair in phases.windows(2) {
        assert!(pair[0].end < pair[1].start, "{pair:?}");
    }
    let order: Vec<PhaseKind> = phases.iter().map(|p| p.kind).collect();
    let rank = |k: PhaseKind| PhaseKind::ALL.iter().position(|x| *x == k).expect("kind");
    for pair in order.windows(2) {
        assert!(rank(pair[0]) < rank(pair[1]), "{order:?}");
    }
    // The race week is the race phase, the taper ends the day before.
    let race_day = new.races[race].date;
    let race_week = new.week_containing(race_day).expect("race week");
    assert!(
        race_week
            .sessions
            .iter()
            .any(|s| s.kind == SessionType::Race && s.date == race_day)
    );
    // Every changed week says why; weeks already lived are not changed.
    assert!(!out.diff.weeks.is_empty());
    for w in &out.diff.weeks {
        assert!(
            w.start + Days::new(6) >= today(),
            "past week {} changed",
            w.start
        );
        assert!(w.reason.starts_with("What-if:"), "{}", w.reason);
    }
    match out.change() {
        Change::ScenarioApplied {
            scenario,
            changed_weeks,
        } => {
            assert!(scenario.contains("+2 week"), "{scenario}");
            assert_eq!(changed_weeks.len(), out.diff.weeks.len());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_travel_week_trains_only_on_the_available_days_within_the_minutes() {
    let plan = marathoner();
    let week = future_week(&plan);
    let days = vec![Weekday::Tue, Weekday::Thu, Weekday::Sat];
    let out = apply_scenario(
        &plan,
        &Scenario::TravelWeek {
            week,
            days: days.clone(),
            minutes_per_day: 45.0,
        },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("applies");
    let before = plan.week_containing(week).expect("week");
    let after = out.plan.week_containing(week).expect("week");
    assert!(!after.sessions.is_empty());
    for s in &after.sessions {
        assert!(
            days.contains(&s.date.weekday()),
            "{} on {}",
            s.kind.label(),
            s.date
        );
    }
    for d in after.dates() {
        let minutes: f64 = after
            .sessions
            .iter()
            .filter(|s| s.date == d)
            .map(|s| s.duration_min)
            .sum();
        assert!(minutes <= 45.0, "{d}: {minutes} min");
    }
    assert!(after.load_au() < before.load_au());
    // A quality session is kept only whole: each one left is as long as planned.
    for s in after.sessions.iter().filter(|s| s.is_hard()) {
        let p = before
            .sessions
            .iter()
            .find(|p| p.id == s.id)
            .expect("planned");
        assert_eq!(s.duration_min, p.duration_min);
    }
    assert_eq!(out.diff.weeks.len(), 1);
    assert!(out.diff.weeks[0].load_after < out.diff.weeks[0].load_before);
    assert!(out.diff.weeks[0].reason.contains("Travel"));
}

#[test]
fn illness_means_no_training_while_ill_and_no_quality_for_three_days() {
    let plan = marathoner();
    let week = future_week(&plan);
    let from = week + Days::new(1);
    let out = apply_scenario(
        &plan,
        &Scenario::Illness { from, days: 3 },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("applies");
    let last_ill = from + Days::new(2);
    let sessions: Vec<_> = out.plan.sessions().collect();
    assert!(
        sessions
            .iter()
            .all(|s| s.date < from || s.date > last_ill || s.kind == SessionType::Rest),
        "no session while ill"
    );
    let back = last_ill + Days::new(1)..=last_ill + Days::new(3);
    assert!(
        sessions
            .iter()
            .filter(|s| back.contains(&s.date))
            .all(|s| !s.is_hard()),
        "no quality in the 3 days back"
    );
    assert!(
        sessions
            .iter()
            .filter(|s| back.contains(&s.date))
            .all(|s| s.duration_min <= 40.0)
    );
    // The following week comes back gradually: lower than planned, at most one quality session.
    let next = week + Days::new(7);
    let (b, a) = (
        plan.week_containing(next).expect("week"),
        out.plan.week_containing(next).expect("week"),
    );
    assert!(
        a.load_au() <= b.load_au() * 0.75 + 1e-6,
        "{} vs {}",
        a.load_au(),
        b.load_au()
    );
    assert!(a.hard_sessions() <= 1);
    assert!(a.rationale.starts_with("What-if:"));
    assert_eq!(plan, marathoner(), "input untouched");
}

#[test]
fn missed_workouts_are_marked_and_never_made_up() {
    let plan = marathoner();
    let week = future_week(&plan);
    let out = apply_scenario(
        &plan,
        &Scenario::MissedWorkouts { week, count: 3 },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("applies");
    let skipped: Vec<_> = out
        .plan
        .actuals
        .iter()
        .filter(|a| a.completion == Completion::Skipped)
        .collect();
    assert_eq!(skipped.len(), 3);
    let w = plan.week_containing(week).expect("week");
    let first_three: Vec<_> = w
        .sessions
        .iter()
        .filter(|s| s.kind != SessionType::Rest)
        .take(3)
        .map(|s| Some(s.id))
        .collect();
    assert_eq!(
        skipped.iter().map(|a| a.session).collect::<Vec<_>>(),
        first_three
    );
    // The missed week keeps its sessions (history); the next week never rises above the plan.
    let next = week + Days::new(7);
    let (b, a) = (
        plan.week_containing(next).expect("week"),
        out.plan.week_containing(next).expect("week"),
    );
    assert!(a.load_au() <= b.load_au() + 1e-9);
    assert_eq!(
        out.plan.week_containing(week).expect("week").sessions,
        w.sessions
    );
    let missed_diff = out
        .diff
        .weeks
        .iter()
        .find(|d| d.start == week)
        .expect("in the diff");
    assert!(missed_diff.load_after < missed_diff.load_before);
    assert!(missed_diff.reason.contains("not made up"));
}

#[test]
fn missing_most_of_a_week_holds_the_next_week_at_what_was_done() {
    let plan = marathoner();
    let week = future_week(&plan);
    let out = apply_scenario(
        &plan,
        &Scenario::MissedWorkouts { week, count: 10 },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("applies");
    let next = week + Days::new(7);
    let a = out.plan.week_containing(next).expect("week");
    let b = plan.week_containing(next).expect("week");
    // All sessions missed: nothing done, so the week after is cut to what is left uncut
    // (races and nothing else), and says why.
    assert!(a.load_au() < b.load_au());
    assert!(a.rationale.contains("held"), "{}", a.rationale);
    assert!(out.diff.notes.iter().any(|n| n.contains("Only")));
}

#[test]
fn approved_weeks_are_kept_unless_the_coach_replaces_them() {
    let mut plan = marathoner();
    let week = future_week(&plan);
    let w = plan
        .plan
        .as_mut()
        .expect("adopted")
        .weeks
        .iter_mut()
        .find(|w| w.start == week)
        .expect("week");
    w.status = WeekStatus::Approved;
    let travel = Scenario::TravelWeek {
        week,
        days: vec![Weekday::Sat],
        minutes_per_day: 30.0,
    };
    let kept = apply_scenario(&plan, &travel, KeepPolicy::KeepCoachWeeks, today()).expect("ok");
    assert_eq!(kept.diff.kept_weeks, vec![week]);
    assert!(kept.diff.weeks.is_empty());
    assert_eq!(kept.plan, plan);
    let replaced = apply_scenario(&plan, &travel, KeepPolicy::ReplaceDrafts, today()).expect("ok");
    assert_eq!(replaced.diff.changed_weeks(), vec![week]);
    let after = replaced.plan.week_containing(week).expect("week");
    assert_eq!(
        after.status,
        WeekStatus::Draft,
        "a changed week needs approving again"
    );
}

#[test]
fn adding_a_c_race_replans_and_lists_the_changes() {
    let plan = marathoner();
    let date = future_week(&plan) + Days::new(6);
    let race = Race {
        name: "Club 5K".into(),
        date,
        distance_km: 5.0,
        priority: Priority::C,
        ..Race::default()
    };
    let out = apply_scenario(
        &plan,
        &Scenario::AddRace { race },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("applies");
    assert_eq!(out.plan.races.len(), plan.races.len() + 1);
    let week = out.plan.week_containing(date).expect("week");
    assert!(
        week.sessions
            .iter()
            .any(|s| s.kind == SessionType::Race && s.date == date)
    );
    assert!(out.diff.changed_weeks().contains(&week.start));
    assert!(out.description.contains("Club 5K"));
}

#[test]
fn scenarios_leave_the_input_plan_unchanged() {
    let plan = marathoner();
    let week = future_week(&plan);
    let scenarios = [
        Scenario::MissedWorkouts { week, count: 2 },
        Scenario::MoveRace {
            race: a_race(&plan),
            weeks: -1,
        },
        Scenario::TravelWeek {
            week,
            days: vec![Weekday::Mon],
            minutes_per_day: 60.0,
        },
        Scenario::Illness {
            from: week,
            days: 5,
        },
        Scenario::AddRace {
            race: Race {
                name: "Tune-up 10K".into(),
                date: week + Days::new(5),
                priority: Priority::B,
                ..Race::default()
            },
        },
    ];
    for s in &scenarios {
        let before = plan.clone();
        let out = apply_scenario(&plan, s, KeepPolicy::KeepCoachWeeks, today()).expect("applies");
        assert_eq!(plan, before, "{}", s.describe());
        assert_ne!(out.plan, plan, "{} changes something", s.describe());
        assert!(
            peakline::model::validate(&out.plan).is_empty(),
            "{}: {:?}",
            s.describe(),
            peakline::model::validate(&out.plan)
        );
    }
}

#[test]
fn impossible_scenarios_are_errors() {
    let plan = marathoner();
    let err = |s: Scenario| {
        apply_scenario(&plan, &s, KeepPolicy::KeepCoachWeeks, today()).expect_err("error")
    };
    assert_eq!(
        err(Scenario::MoveRace { race: 9, weeks: 1 }),
        ScenarioError::NoSuchRace(9)
    );
    let race = a_race(&plan);
    assert!(matches!(
        err(Scenario::MoveRace { race, weeks: -40 }),
        ScenarioError::InThePast(..)
    ));
    assert!(matches!(
        err(Scenario::Illness {
            from: today(),
            days: 0
        }),
        ScenarioError::Invalid(_)
    ));
    let far = NaiveDate::from_ymd_opt(2031, 1, 1).expect("date");
    assert_eq!(
        err(Scenario::MissedWorkouts {
            week: far,
            count: 1
        }),
        ScenarioError::NoSuchWeek(far)
    );
    let mut none = plan.clone();
    none.plan = None;
    assert_eq!(
        apply_scenario(
            &none,
            &Scenario::Illness {
                from: today(),
                days: 2
            },
            KeepPolicy::KeepCoachWeeks,
            today()
        ),
        Err(ScenarioError::NoPlan)
    );
}
