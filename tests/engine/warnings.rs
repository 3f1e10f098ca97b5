//! Each warning: a crafted plan that triggers it, and the clean plan that does not.

use chrono::{Datelike, Days, Weekday};
use peakline::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
use peakline::engine::analysis::plan_warnings;
use peakline::engine::warnings::code;
use peakline::model::{
    Plan, Priority, Race, RunnerType, Session, SessionId, SessionType, Severity, VariantKind,
    Wellness,
};

use crate::common::{date, marathoner, today};

/// The marathoner demo with the moderate variant adopted: the clean reference plan.
pub fn adopted_marathoner() -> Plan {
    let mut plan = marathoner();
    regenerate_variants(&mut plan, today());
    adopt(
        &mut plan,
        VariantKind::Moderate,
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("adopts");
    plan
}

fn codes(plan: &Plan) -> Vec<String> {
    plan_warnings(plan).into_iter().map(|w| w.code).collect()
}

fn has(plan: &Plan, code: &str) -> bool {
    codes(plan).iter().any(|c| c == code)
}

/// Index of a normal build week (not down, previous not down).
fn normal_week(plan: &Plan) -> usize {
    let weeks = plan.weeks();
    (1..weeks.len())
        .find(|&i| {
            !weeks[i].down_week
                && !weeks[i - 1].down_week
                && weeks[i].phase == peakline::model::PhaseKind::Build
        })
        .expect("a normal build week")
}

fn weeks_mut(plan: &mut Plan) -> &mut Vec<peakline::model::Week> {
    &mut plan.plan.as_mut().expect("adopted").weeks
}

fn extra(id: u64, on: chrono::NaiveDate, kind: SessionType, minutes: f64) -> Session {
    Session {
        id: SessionId(id),
        date: on,
        kind,
        duration_min: minutes,
        distance_km: Some(minutes / 5.5),
        rpe: kind.default_rpe(),
        rationale: "test".into(),
        ..Session::default()
    }
}

#[test]
fn the_generated_plan_is_clean() {
    let plan = adopted_marathoner();
    let serious: Vec<_> = plan_warnings(&plan)
        .into_iter()
        .filter(|w| w.severity >= Severity::Warning)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

#[test]
fn ramp_over_cap() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::RAMP_OVER_CAP));
    let i = normal_week(&plan);
    let week = &mut weeks_mut(&mut plan)[i];
    let day = week.start + Days::new(2);
    week.sessions
        .push(extra(9000, day, SessionType::Easy, 150.0));
    let ramp = plan_warnings(&plan)
        .into_iter()
        .find(|w| w.code == code::RAMP_OVER_CAP)
        .expect("a ramp warning");
    // No lighter week before it: measured from the week before, however heavy earlier ones were.
    assert!(
        ramp.message.contains("over the week before"),
        "{}",
        ramp.message
    );
}

#[test]
fn a_jump_after_a_down_week_is_a_ramp_but_the_return_is_not() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::RAMP_OVER_CAP), "{:?}", codes(&plan));
    let weeks = plan.weeks();
    let i = (2..weeks.len())
        .find(|&i| {
            weeks[i - 1].down_week
                && !weeks[i - 2].down_week
                && weeks[i].phase == peakline::model::PhaseKind::Build
        })
        .expect("a build week right after a down week");
    let before = weeks[i - 2].training_load_au();
    let now = weeks[i].training_load_au();
    // The engine's own bounce-back is within the cap over the week before the down week.
    let cap = plan.guardrails.max_weekly_increase_pct / 100.0;
    assert!(now <= before * (1.0 + cap) + 1.0, "{now} after {before}");
    // A hand edit well above that (the audit's 956 ➡ 2444 AU) is flagged.
    let target = before * 1.4;
    let week = &mut weeks_mut(&mut plan)[i];
    let minutes = ((target - now) / 3.0).ceil();
    week.sessions.push(extra(
        9000,
        week.start + Days::new(2),
        SessionType::Easy,
        minutes,
    ));
    let ramp = plan_warnings(&plan)
        .into_iter()
        .find(|w| w.code == code::RAMP_OVER_CAP)
        .expect("a ramp warning after the down week");
    assert_eq!(ramp.week, Some(plan.weeks()[i].start));
    assert!(
        ramp.message
            .contains("last normal week before the down week"),
        "{}",
        ramp.message
    );
}

#[test]
fn returning_to_the_load_before_a_lighter_week_is_not_a_ramp() {
    let mut plan = adopted_marathoner();
    let i = normal_week(&plan);
    // A travel week: the week before `i` keeps only its first session.
    let dip = &mut weeks_mut(&mut plan)[i - 1];
    let keep = dip
        .sessions
        .iter()
        .position(|s| s.load_au() > 0.0)
        .expect("a run");
    let kept = dip.sessions.swap_remove(keep);
    dip.sessions.retain(|s| s.load_au() == 0.0);
    dip.sessions.push(kept);
    let ramps = |plan: &Plan| -> Vec<_> {
        plan_warnings(plan)
            .into_iter()
            .filter(|w| w.code == code::RAMP_OVER_CAP)
            .collect()
    };
    assert!(ramps(&plan).is_empty(), "{:#?}", ramps(&plan));

    // Going well beyond that trajectory still is a ramp: the cap once per week from the
    // heaviest of the last weeks, which the message names.
    let week = &mut weeks_mut(&mut plan)[i];
    week.sessions.push(extra(
        9000,
        week.start + Days::new(2),
        SessionType::Easy,
        150.0,
    ));
    let found = ramps(&plan);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("weeks earlier"),
        "{}",
        found[0].message
    );
}

#[test]
fn stacked_hard_days() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::STACKED_HARD_DAYS));
    let i = normal_week(&plan);
    let week = &mut weeks_mut(&mut plan)[i];
    let hard_day = week
        .sessions
        .iter()
        .find(|s| s.is_hard())
        .expect("hard")
        .date;
    let next = week
        .sessions
        .iter_mut()
        .find(|s| s.date == hard_day + Days::new(1))
        .expect("a run the day after");
    next.kind = SessionType::Intervals;
    assert!(has(&plan, code::STACKED_HARD_DAYS));
}

#[test]
fn too_few_rest_days() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::TOO_FEW_REST_DAYS));
    let i = normal_week(&plan);
    let week = &mut weeks_mut(&mut plan)[i];
    let free: Vec<_> = week
        .dates()
        .filter(|d| !week.sessions.iter().any(|s| s.date == *d))
        .collect();
    for (k, d) in free.into_iter().enumerate() {
        week.sessions
            .push(extra(9100 + k as u64, d, SessionType::Recovery, 20.0));
    }
    assert!(has(&plan, code::TOO_FEW_REST_DAYS));
}

#[test]
fn too_many_quality() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::TOO_MANY_QUALITY));
    let i = normal_week(&plan);
    for s in weeks_mut(&mut plan)[i]
        .sessions
        .iter_mut()
        .filter(|s| !s.is_hard())
        .take(2)
    {
        s.kind = SessionType::Threshold;
    }
    assert!(has(&plan, code::TOO_MANY_QUALITY));
}

#[test]
fn race_pace_too_close() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::RACE_PACE_TOO_CLOSE));
    let i = normal_week(&plan);
    let week = &mut weeks_mut(&mut plan)[i];
    let start = week.start;
    week.sessions
        .retain(|s| s.date != start && s.date != start + Days::new(2));
    week.sessions
        .push(extra(9200, start, SessionType::RacePace, 60.0));
    week.sessions.push(extra(
        9201,
        start + Days::new(2),
        SessionType::RacePace,
        60.0,
    ));
    assert!(has(&plan, code::RACE_PACE_TOO_CLOSE));
}

#[test]
fn long_run_share() {
    let mut plan = adopted_marathoner();
    assert!(!has(&plan, code::LONG_RUN_SHARE));
    let i = normal_week(&plan);
    let long = weeks_mut(&mut plan)[i]
        .sessions
        .iter_mut()
        .find(|s| s.kind == SessionType::Long)
        .expect("long run");
    long.distance_km = Some(45.0);
    assert!(has(&plan, code::LONG_RUN_SHARE));
}

#[test]
fn taper_too_short_and_too_long() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::TAPER_TOO_SHORT) && !has(&plan, code::TAPER_TOO_LONG));
    let taper_index = plan
        .season
        .phases
        .iter()
        .position(|p| p.kind == peakline::model::PhaseKind::Taper)
        .expect("taper");
    for (days, expected) in [(7, code::TAPER_TOO_SHORT), (35, code::TAPER_TOO_LONG)] {
        let mut p = plan.clone();
        let end = p.season.phases[taper_index].end;
        p.season.phases[taper_index].start = end - Days::new(days - 1);
        p.season.phases[taper_index - 1].end = end - Days::new(days);
        assert!(has(&p, expected), "{days} days: {:?}", codes(&p));
    }
}

#[test]
fn a_races_too_close_and_peaking_too_often() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::A_RACES_TOO_CLOSE) && !has(&plan, code::PEAKING_TOO_OFTEN));
    let marathon = plan
        .races
        .iter()
        .find(|r| r.priority == Priority::A)
        .expect("A")
        .date;
    let mut close = plan.clone();
    close.races.push(Race {
        name: "Second marathon".into(),
        date: marathon + Days::new(21),
        distance_km: 42.195,
        priority: Priority::A,
        ..Race::default()
    });
    assert!(has(&close, code::A_RACES_TOO_CLOSE));
    let mut often = plan.clone();
    often.races.push(Race {
        name: "Summer 5K".into(),
        date: marathon + Days::new(55),
        distance_km: 5.0,
        priority: Priority::A,
        ..Race::default()
    });
    let c = codes(&often);
    assert!(c.iter().any(|x| x == code::PEAKING_TOO_OFTEN), "{c:?}");
    assert!(!c.iter().any(|x| x == code::A_RACES_TOO_CLOSE), "{c:?}");
}

#[test]
fn b_race_near_a_race() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::B_RACE_NEAR_A_RACE));
    let mut p = plan.clone();
    let b = p
        .races
        .iter_mut()
        .find(|r| r.priority == Priority::B)
        .expect("B");
    b.date = date("2027-04-04");
    assert!(has(&p, code::B_RACE_NEAR_A_RACE));
}

#[test]
fn acute_chronic_and_fitness_ramp() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::ACUTE_CHRONIC_HIGH));
    assert!(!has(&plan, code::FITNESS_RAMP_HIGH));
    let mut p = plan.clone();
    let i = normal_week(&p);
    let week = &mut weeks_mut(&mut p)[i];
    let start = week.start;
    for d in 0..7 {
        week.sessions.push(extra(
            9300 + d,
            start + Days::new(d),
            SessionType::Threshold,
            90.0,
        ));
    }
    let c = codes(&p);
    assert!(c.iter().any(|x| x == code::ACUTE_CHRONIC_HIGH), "{c:?}");
    assert!(c.iter().any(|x| x == code::FITNESS_RAMP_HIGH), "{c:?}");
}

#[test]
fn monotony_high() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::MONOTONY_HIGH));
    let mut p = plan.clone();
    let i = normal_week(&p);
    let week = &mut weeks_mut(&mut p)[i];
    let start = week.start;
    week.sessions.clear();
    for d in 0..7 {
        week.sessions.push(extra(
            9400 + d,
            start + Days::new(d),
            SessionType::Easy,
            60.0,
        ));
    }
    assert!(has(&p, code::MONOTONY_HIGH));
}

#[test]
fn intensity_while_pain() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::INTENSITY_WHILE_PAIN));
    let i = normal_week(&plan);
    let hard = plan.weeks()[i]
        .sessions
        .iter()
        .find(|s| s.is_hard())
        .expect("hard")
        .date;
    let mut low = plan.clone();
    low.wellness.push(Wellness {
        date: hard - Days::new(1),
        pain: Some(2),
        ..Wellness::default()
    });
    assert!(
        !has(&low, code::INTENSITY_WHILE_PAIN),
        "pain below the guardrail"
    );
    let mut p = plan.clone();
    p.wellness.push(Wellness {
        date: hard - Days::new(1),
        pain: Some(6),
        pain_location: "left calf".into(),
        ..Wellness::default()
    });
    let w = plan_warnings(&p);
    let hit = w
        .iter()
        .find(|w| w.code == code::INTENSITY_WHILE_PAIN)
        .expect("warned");
    assert_eq!(hit.severity, Severity::Danger);
    assert!(hit.message.contains("left calf"));
}

#[test]
fn comeback_ramp_over_cap() {
    let mut plan = crate::common::example("comeback.peakline.ron");
    regenerate_variants(&mut plan, today());
    adopt(
        &mut plan,
        VariantKind::Moderate,
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("adopts");
    assert_eq!(plan.athlete.runner_type, RunnerType::Comeback);
    assert!(
        !has(&plan, code::COMEBACK_RAMP_OVER_CAP),
        "{:?}",
        codes(&plan)
    );
    let weeks = plan.weeks();
    let i = (1..weeks.len())
        .find(|&i| !weeks[i - 1].down_week && weeks[i].phase == peakline::model::PhaseKind::Base)
        .expect("a base week after a normal one");
    let week = &mut weeks_mut(&mut plan)[i];
    let run = week
        .sessions
        .iter_mut()
        .find(|s| s.kind.is_run())
        .expect("a run");
    run.distance_km = run.distance_km.map(|d| d + 6.0);
    assert!(has(&plan, code::COMEBACK_RAMP_OVER_CAP));
}

#[test]
fn session_on_unavailable_day() {
    let mut plan = crate::common::example("masters.peakline.ron");
    regenerate_variants(&mut plan, today());
    adopt(
        &mut plan,
        VariantKind::Moderate,
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("adopts");
    assert!(plan.athlete.unavailable_days.contains(&Weekday::Wed));
    assert!(!has(&plan, code::UNAVAILABLE_DAY));
    let week = &mut weeks_mut(&mut plan)[3];
    let wednesday = week
        .dates()
        .find(|d| d.weekday() == Weekday::Wed)
        .expect("a Wednesday");
    let s = week
        .sessions
        .iter_mut()
        .find(|s| s.kind == SessionType::Easy)
        .expect("easy");
    s.date = wednesday;
    assert!(has(&plan, code::UNAVAILABLE_DAY));
}

#[test]
fn no_a_race() {
    let plan = adopted_marathoner();
    assert!(!has(&plan, code::NO_A_RACE));
    let mut p = plan.clone();
    for r in &mut p.races {
        if r.priority == Priority::A {
            r.priority = Priority::B;
        }
    }
    assert!(has(&p, code::NO_A_RACE));
}

#[test]
fn every_example_drafts_inside_every_guardrail_in_every_variant() {
    use peakline::engine::analysis::draft_warnings;
    for example in &peakline::io::examples::EXAMPLES {
        let mut plan = example.load().expect("loads");
        regenerate_variants(&mut plan, today());
        for draft in plan.variants.iter() {
            let serious: Vec<_> = draft_warnings(&plan, draft)
                .into_iter()
                .filter(|w| w.severity >= Severity::Warning)
                .map(|w| format!("{} {:?}: {}", w.code, w.date, w.message))
                .collect();
            assert!(
                serious.is_empty(),
                "{} {:?}: {serious:#?}",
                example.file_name,
                draft.variant
            );
        }
    }
}
