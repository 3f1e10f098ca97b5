//! The demo's synthetic history (`io::sample::synthesize_history`) and the embedded demo file
//! it produced: past days only, valid, realistic, deterministic.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use peakline::engine::load::{actual_daily, planned_daily};
use peakline::io::examples::demo;
use peakline::io::sample::{DEMO_SEED, synthesize_history};
use peakline::model::{Completion, Plan, SessionType, Source, Sport, validate};

use crate::common::{date, today};

fn embedded_demo() -> Plan {
    demo().load().unwrap()
}

/// The demo as the planning engine made it, before any history.
fn demo_without_history() -> Plan {
    let mut plan = embedded_demo();
    plan.actuals.clear();
    plan.wellness.clear();
    plan
}

#[test]
fn the_embedded_demo_holds_actuals_and_wellness_for_past_days_only() {
    let plan = embedded_demo();
    assert!(plan.actuals.len() >= 15, "{} actuals", plan.actuals.len());
    assert!(
        plan.wellness.len() >= 20,
        "{} check-ins",
        plan.wellness.len()
    );
    let first = plan.weeks()[0].start;
    for a in &plan.actuals {
        assert!(a.date < today() && a.date >= first, "actual on {}", a.date);
        if let Some(start) = a.start {
            assert_eq!(start.date(), a.date);
        }
        if let Some(id) = a.session {
            let session = plan.session(id).expect("linked session exists");
            assert_eq!(
                session.date, a.date,
                "actual {} on its session's day",
                a.id.0
            );
        }
    }
    for w in &plan.wellness {
        assert!(
            w.date < today() && w.date >= first,
            "check-in on {}",
            w.date
        );
    }
    // Every actual (and everything else) passes the checks a plan file gets on load and save.
    assert_eq!(validate(&plan), []);
    let ids: BTreeSet<_> = plan.actuals.iter().map(|a| a.id).collect();
    assert_eq!(ids.len(), plan.actuals.len());
}

#[test]
fn the_embedded_demo_is_what_the_generator_makes() {
    // If this fails after a change to the generator or to the demo's plan, regenerate it:
    // peakline demo-data assets/examples/marathoner.peakline.ron --until 2026-11-25
    let mut plan = demo_without_history();
    synthesize_history(&mut plan, today(), DEMO_SEED);
    let embedded = embedded_demo();
    assert_eq!(plan.actuals, embedded.actuals);
    assert_eq!(plan.wellness, embedded.wellness);
}

#[test]
fn history_is_deterministic_and_depends_on_the_seed() {
    let make = |seed| {
        let mut plan = demo_without_history();
        synthesize_history(&mut plan, today(), seed);
        plan
    };
    assert_eq!(make(7), make(7));
    assert_ne!(make(7).actuals, make(8).actuals);
}

#[test]
fn only_actuals_and_wellness_change_and_nothing_on_or_after_until() {
    let before = demo_without_history();
    for seed in 0..20 {
        let mut plan = before.clone();
        synthesize_history(&mut plan, date("2026-11-18"), seed);
        assert_eq!(
            Plan {
                actuals: Vec::new(),
                wellness: Vec::new(),
                ..plan.clone()
            },
            before
        );
        assert!(plan.actuals.iter().all(|a| a.date < date("2026-11-18")));
        assert!(plan.wellness.iter().all(|w| w.date < date("2026-11-18")));
        assert_eq!(validate(&plan), [], "seed {seed}");
    }
    // An `until` before the plan starts adds nothing.
    let mut plan = before.clone();
    synthesize_history(&mut plan, date("2026-01-01"), 1);
    assert_eq!(plan, before);
}

#[test]
fn history_looks_like_a_committed_athlete() {
    // Over many seeds: about nine sessions in ten done, RPE near target, runs mostly from the
    // watch, manual logs rated, one niggle peaking at 3/10.
    let (mut planned, mut done) = (0, 0);
    for seed in 0..30 {
        let mut plan = demo_without_history();
        synthesize_history(&mut plan, today(), seed);
        let sessions: Vec<_> = plan
            .sessions()
            .filter(|s| s.date < today() && s.kind != SessionType::Rest)
            .collect();
        planned += sessions.len();
        for s in &sessions {
            let actual = plan.actuals.iter().find(|a| a.session == Some(s.id));
            if let Some(a) = actual.filter(|a| a.completion != Completion::Skipped) {
                done += 1;
                if let Some(rpe) = a.rpe {
                    assert!((rpe - s.rpe).abs() <= 3.5, "RPE {rpe} for target {}", s.rpe);
                }
            }
        }
        let runs: Vec<_> = plan
            .actuals
            .iter()
            .filter(|a| a.sport == Sport::Run)
            .collect();
        for a in &runs {
            match a.source {
                Source::Fit => {
                    if a.completion != Completion::Skipped {
                        assert!(a.start.is_some() && a.avg_hr.is_some() && a.distance_m.is_some());
                    }
                }
                Source::Manual => assert!(a.completion == Completion::Skipped || a.rpe.is_some()),
                other => panic!("unexpected source {other:?}"),
            }
        }
        let watch = runs.iter().filter(|a| a.source == Source::Fit).count();
        assert!(
            watch * 2 > runs.len(),
            "seed {seed}: most runs from the watch"
        );

        // Exactly one niggle: consecutive days of pain, peaking at 3.
        let pain: Vec<(NaiveDate, u8)> = plan
            .wellness
            .iter()
            .filter_map(|w| w.pain.filter(|p| *p > 0).map(|p| (w.date, p)))
            .collect();
        assert!(!pain.is_empty(), "seed {seed}: a niggle");
        assert_eq!(pain.iter().map(|(_, p)| *p).max(), Some(3));
        let span = (pain.last().unwrap().0 - pain.first().unwrap().0).num_days();
        assert!(span < 4, "seed {seed}: one short episode");
        assert!(plan.wellness.iter().all(|w| w.pain.is_some()));
    }
    let compliance = done as f64 / planned as f64;
    assert!(
        (0.85..=0.96).contains(&compliance),
        "compliance {compliance:.2}"
    );
}

#[test]
fn the_demo_plots_planned_against_actual_load() {
    // What the load plot draws: weekly actual load close to planned for the weeks done, and
    // one of them clearly harder than planned.
    let plan = embedded_demo();
    let start = plan.weeks()[0].start;
    let end = today().pred_opt().unwrap();
    let planned = planned_daily(plan.weeks());
    let actual = actual_daily(&plan.actuals, |id| plan.session(id), start, end);
    let mut ratios = Vec::new();
    for week in plan.weeks().iter().filter(|w| w.end() < today()) {
        let sum = |s: &peakline::engine::load::DailySeries| {
            week.dates().filter_map(|d| s.value_on(d)).sum::<f64>()
        };
        ratios.push(sum(&actual) / sum(&planned));
    }
    assert!(ratios.len() >= 4, "{ratios:?}");
    for r in &ratios {
        assert!((0.7..=1.4).contains(r), "weekly actual/planned {ratios:?}");
    }
    assert!(
        ratios.iter().any(|r| *r > 1.1),
        "a harder week shows: {ratios:?}"
    );
}

#[test]
fn the_demo_opened_later_carries_its_history_on_to_yesterday_and_keeps_the_past() {
    let committed = embedded_demo();
    let last_committed = committed.wellness.iter().map(|w| w.date).max().unwrap();
    let later = date("2026-12-10");
    let plan = demo().load_as_of(later).unwrap();
    // The past is exactly as committed.
    let old: Vec<_> = plan
        .actuals
        .iter()
        .filter(|a| a.date <= last_committed)
        .cloned()
        .collect();
    assert_eq!(old, committed.actuals);
    let old: Vec<_> = plan
        .wellness
        .iter()
        .filter(|w| w.date <= last_committed)
        .cloned()
        .collect();
    assert_eq!(old, committed.wellness);
    // New days up to yesterday, none from today on.
    let newest = plan.wellness.iter().map(|w| w.date).max().unwrap();
    assert!(newest > last_committed && newest < later, "{newest}");
    assert!(plan.actuals.iter().all(|a| a.date < later));
    assert!(plan.actuals.len() > committed.actuals.len());
    assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    // Deterministic, and a no-op on the day the committed history ends.
    assert_eq!(demo().load_as_of(later).unwrap(), plan);
    assert_eq!(demo().load_as_of(today()).unwrap(), committed);
    // Examples without a history stay without one.
    let bare = peakline::io::examples::EXAMPLES[1]
        .load_as_of(later)
        .unwrap();
    assert!(bare.actuals.is_empty() && bare.wellness.is_empty());
}
