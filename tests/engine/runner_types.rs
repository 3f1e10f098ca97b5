//! The plan each runner type and preference should get (SCIENCE.md, source article).

use std::collections::BTreeSet;

use chrono::{Datelike, Days};
use peakline::engine::{PlanInput, generate_variants};
use peakline::model::{PhaseKind, Plan, Priority, SeasonDraft, SessionType, VariantKind, Week};

use crate::common::{example, today};

fn drafts(plan: &Plan) -> [SeasonDraft; 3] {
    generate_variants(&PlanInput::from_plan(plan, today()))
}

fn moderate(plan: &Plan) -> SeasonDraft {
    let [_, m, _] = drafts(plan);
    assert_eq!(m.variant, VariantKind::Moderate);
    m
}

fn sessions(d: &SeasonDraft) -> impl Iterator<Item = &peakline::model::Session> {
    d.weeks.iter().flat_map(|w| &w.sessions)
}

fn pre_taper(w: &Week) -> bool {
    matches!(
        w.phase,
        PhaseKind::Base | PhaseKind::Build | PhaseKind::Specific
    )
}

#[test]
fn marathon_base_week_follows_template_a() {
    let d = moderate(&example("marathoner.peakline.ron"));
    let week = d
        .weeks
        .iter()
        .find(|w| w.phase == PhaseKind::Base && !w.down_week && w.hard_sessions() == 1)
        .expect("a normal base week");
    let long = week
        .sessions
        .iter()
        .find(|s| s.kind == SessionType::Long)
        .expect("long run");
    assert_eq!(
        long.date.weekday(),
        chrono::Weekday::Sun,
        "long run on the athlete's day"
    );
    let hard = week
        .sessions
        .iter()
        .find(|s| s.is_hard())
        .expect("one quality day");
    assert_eq!(
        hard.date.weekday(),
        chrono::Weekday::Tue,
        "quality on a preferred day"
    );
    assert!(week.sessions.iter().any(|s| s.kind == SessionType::Strides));
    assert!(
        week.sessions
            .iter()
            .any(|s| s.rationale.contains("Medium-long")),
        "template A has a medium-long midweek run"
    );
    assert!(week.rationale.starts_with("Base "));
}

#[test]
fn marathon_long_run_progresses_and_is_capped() {
    let d = moderate(&example("marathoner.peakline.ron"));
    let longs: Vec<f64> = d
        .weeks
        .iter()
        .filter(|w| pre_taper(w) && !w.down_week)
        .filter_map(|w| w.sessions.iter().find(|s| s.kind == SessionType::Long))
        .filter_map(|s| s.distance_km)
        .collect();
    let first = longs.first().copied().expect("long runs");
    let best = longs.iter().copied().fold(0.0, f64::max);
    assert!(best > first + 4.0, "long run grows from {first} to {best}");
    assert!(best <= 35.0, "marathon long run cap");
    assert!(
        sessions(&d).any(|s| s.kind == SessionType::Long && s.description.contains("race pace")),
        "race-specific long runs carry marathon-pace segments"
    );
}

#[test]
fn masters_gets_a_down_week_every_third_and_72_hours_between_hard_days() {
    let plan = example("masters.peakline.ron");
    for d in drafts(&plan) {
        let hard: Vec<_> = sessions(&d)
            .filter(|s| s.is_hard())
            .map(|s| s.date)
            .collect();
        for pair in hard.windows(2) {
            assert!(
                (pair[1] - pair[0]).num_days() >= 3,
                "{:?}: {pair:?}",
                d.variant
            );
        }
        // In the first build-up, no run of more than two normal weeks.
        let mut run = 0;
        for w in d.weeks.iter().take_while(|w| pre_taper(w)) {
            run = if w.down_week { 0 } else { run + 1 };
            assert!(
                run <= 2,
                "{:?}: week {} is the third normal week in a row",
                d.variant,
                w.start
            );
        }
        assert!(
            sessions(&d).any(|s| s.kind == SessionType::Strength),
            "masters with a gym get strength work"
        );
    }
}

#[test]
fn comeback_starts_with_run_walk_and_no_intensity() {
    let plan = example("comeback.peakline.ron");
    let cap = plan.guardrails.max_weekly_increase_pct / 100.0;
    for d in drafts(&plan) {
        for (i, w) in d.weeks.iter().enumerate().take(3) {
            assert_eq!(
                w.hard_sessions(),
                0,
                "{:?} week {i} has intensity",
                d.variant
            );
            assert!(!w.sessions.iter().any(|s| s.kind == SessionType::Strides));
        }
        assert!(
            d.weeks[0]
                .sessions
                .iter()
                .any(|s| s.description.starts_with("Run-walk"))
        );
        // Weekly running distance never rises faster than the coach's cap after a normal week.
        for pair in d.weeks.windows(2) {
            let (a, b) = (pair[0].distance_km(), pair[1].distance_km());
            if !pair[0].down_week && a > 0.0 && pre_taper(&pair[1]) {
                assert!(
                    b <= a * (1.0 + cap) + 0.6,
                    "{:?} {}: {a:.1} → {b:.1} km",
                    d.variant,
                    pair[1].start
                );
            }
        }
        let peak = d.weeks.iter().map(Week::distance_km).fold(0.0, f64::max);
        assert!(peak <= 40.0 + 1.0, "the 40 km cap holds: {peak}");
    }
}

#[test]
fn beginners_get_at_most_one_quality_session_and_a_simple_week() {
    let mut plan = example("marathoner.peakline.ron");
    plan.athlete.training_age_years = 0.5;
    for d in drafts(&plan) {
        for w in &d.weeks {
            let quality = w
                .sessions
                .iter()
                .filter(|s| s.is_hard() && s.kind != SessionType::Race)
                .count();
            assert!(quality <= 1, "{:?} {} has {quality}", d.variant, w.start);
        }
        let types: BTreeSet<_> = sessions(&d)
            .filter(|s| s.is_hard() && s.kind != SessionType::Race)
            .map(|s| s.kind)
            .collect();
        assert!(types.len() <= 1, "{types:?}");
    }
}

#[test]
fn five_ten_k_racer_trains_more_intensity_per_volume_than_the_marathoner() {
    let share = |d: &SeasonDraft| {
        let hard: f64 = sessions(d)
            .filter(|s| s.is_hard())
            .map(|s| s.duration_min)
            .sum();
        let all: f64 = sessions(d).map(|s| s.duration_min).sum();
        hard / all
    };
    let fast = moderate(&example("5k10k.peakline.ron"));
    let marathon = moderate(&example("marathoner.peakline.ron"));
    assert!(
        share(&fast) > share(&marathon),
        "{} vs {}",
        share(&fast),
        share(&marathon)
    );
}

#[test]
fn equipment_and_preferences_shape_the_sessions() {
    let plan = example("5k10k.peakline.ron");
    assert!(!plan.athlete.equipment.track);
    let d = moderate(&plan);
    let intervals: Vec<_> = sessions(&d)
        .filter(|s| s.kind == SessionType::Intervals)
        .collect();
    assert!(!intervals.is_empty());
    for s in &intervals {
        assert!(
            s.description.contains("road loop or the treadmill"),
            "{}",
            s.description
        );
        assert!(s.rationale.contains("no track"), "{}", s.rationale);
    }
    // Disliked hills: none planned.
    assert!(!sessions(&d).any(|s| s.kind == SessionType::Hills));
    // Favourite intervals: kept weekly where the phase has quality.
    for w in d
        .weeks
        .iter()
        .filter(|w| matches!(w.phase, PhaseKind::Build | PhaseKind::Specific))
    {
        let has_quality = w
            .sessions
            .iter()
            .any(|s| s.is_hard() && s.kind != SessionType::Race);
        if has_quality {
            assert!(
                w.sessions.iter().any(|s| s.kind == SessionType::Intervals),
                "week {} lost the favourite",
                w.start
            );
        }
    }
    // Masters example: no hills nearby.
    let masters = moderate(&example("masters.peakline.ron"));
    assert!(!sessions(&masters).any(|s| s.kind == SessionType::Hills));
    assert!(sessions(&masters).any(|s| s.rationale.contains("no hills nearby")));
}

#[test]
fn b_races_get_a_mini_taper_and_c_races_replace_a_workout() {
    let plan = example("marathoner.peakline.ron");
    let d = moderate(&plan);
    let b = plan
        .races
        .iter()
        .find(|r| r.priority == Priority::B)
        .expect("B");
    for k in 1..=4 {
        let day = b.date - Days::new(k);
        assert!(
            !sessions(&d).any(|s| s.date == day && s.is_hard()),
            "hard session {k} days before the B race"
        );
    }
    let c = plan
        .races
        .iter()
        .find(|r| r.priority == Priority::C)
        .expect("C");
    let week = d.weeks.iter().find(|w| w.contains(c.date)).expect("C week");
    assert!(
        week.sessions
            .iter()
            .any(|s| s.kind == SessionType::Race && s.date == c.date)
    );
    assert!(
        week.rationale.contains("replaces a workout"),
        "{}",
        week.rationale
    );
    let normal_quality = d
        .weeks
        .iter()
        .filter(|w| w.phase == week.phase && !w.down_week)
        .map(|w| w.hard_sessions())
        .max()
        .unwrap_or(0);
    assert!(
        week.hard_sessions() <= normal_quality,
        "the race takes a workout's place"
    );
}

#[test]
fn plans_get_simpler_as_the_a_race_nears() {
    for name in [
        "marathoner.peakline.ron",
        "5k10k.peakline.ron",
        "multi_race.peakline.ron",
    ] {
        let d = moderate(&example(name));
        let mut seen: BTreeSet<SessionType> = BTreeSet::new();
        for w in &d.weeks {
            if w.phase == PhaseKind::Recovery {
                seen.clear();
                continue;
            }
            for s in w
                .sessions
                .iter()
                .filter(|s| s.is_hard() && s.kind != SessionType::Race)
            {
                if matches!(
                    w.phase,
                    PhaseKind::Specific | PhaseKind::Taper | PhaseKind::Race
                ) {
                    assert!(
                        seen.contains(&s.kind),
                        "{name}: new {:?} in {:?} week {}",
                        s.kind,
                        w.phase,
                        w.start
                    );
                }
                seen.insert(s.kind);
            }
        }
    }
}

#[test]
fn two_a_races_make_two_macro_cycles() {
    let d = moderate(&example("multi_race.peakline.ron"));
    let tapers = d
        .phases
        .iter()
        .filter(|p| p.kind == PhaseKind::Taper)
        .count();
    let races = d
        .phases
        .iter()
        .filter(|p| p.kind == PhaseKind::Race)
        .count();
    assert_eq!((tapers, races), (2, 2));
    assert!(
        d.phases
            .iter()
            .filter(|p| p.kind == PhaseKind::Base)
            .count()
            == 2
    );
}

#[test]
fn short_time_compresses_and_says_so() {
    let mut plan = example("marathoner.peakline.ron");
    plan.season.start = crate::common::date("2027-01-25");
    let d = moderate(&plan);
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("compressed") && n.contains("Harbour City Marathon")),
        "{:?}",
        d.notes
    );
    let mut long = example("marathoner.peakline.ron");
    long.season.start = crate::common::date("2026-07-06");
    let d = moderate(&long);
    assert!(
        d.notes.iter().any(|n| n.contains("base is extended")),
        "{:?}",
        d.notes
    );
}

/// Quality sessions (races aside) in a week.
fn quality(w: &Week) -> usize {
    w.sessions
        .iter()
        .filter(|s| s.is_hard() && s.kind != SessionType::Race)
        .count()
}

#[test]
fn five_ten_k_build_and_specific_weeks_carry_two_quality_sessions() {
    let plan = example("5k10k.peakline.ron");
    let [_, m, a] = drafts(&plan);
    let normal = |d: &SeasonDraft| -> Vec<usize> {
        d.weeks
            .iter()
            .filter(|w| matches!(w.phase, PhaseKind::Build | PhaseKind::Specific) && !w.down_week)
            .map(quality)
            .collect()
    };
    let counts = normal(&m);
    let two = counts.iter().filter(|&&q| q >= 2).count();
    assert!(
        !counts.is_empty() && two * 2 > counts.len(),
        "moderate quality per normal build/specific week: {counts:?}"
    );
    // Aggressive asks for three where the guardrail (3 hard sessions) allows.
    let agg = normal(&a);
    assert!(
        agg.iter().sum::<usize>() >= counts.iter().sum::<usize>(),
        "{agg:?} vs {counts:?}"
    );
    assert!(
        agg.iter()
            .all(|&q| q <= usize::from(plan.guardrails.max_hard_sessions_per_week))
    );
}

#[test]
fn a_quality_session_dropped_for_a_cap_is_named_in_the_week() {
    // A low-volume 5K/10K runner: two workouts do not fit in 45 % of the week's minutes.
    let mut plan = example("5k10k.peakline.ron");
    plan.athlete.weekly_volume_km = 14.0;
    plan.athlete.longest_recent_run_km = 6.0;
    let m = moderate(&plan);
    let mut named = 0;
    for w in m
        .weeks
        .iter()
        .filter(|w| matches!(w.phase, PhaseKind::Build | PhaseKind::Specific) && !w.down_week)
    {
        if quality(w) < 2 {
            assert!(
                w.rationale.contains("left out")
                    || w.rationale.contains("made an easy run")
                    || w.rationale.contains("dropped"),
                "{}: {} quality without a reason: {}",
                w.start,
                quality(w),
                w.rationale
            );
            named += 1;
        }
    }
    assert!(named > 0, "the low volume leaves a workout out somewhere");
}

#[test]
fn marathon_weeks_have_a_coachs_shape() {
    let plan = example("marathoner.peakline.ron");
    for d in drafts(&plan) {
        let v = d.variant;
        for (i, w) in d.weeks.iter().enumerate() {
            let at = format!("{v:?} {}", w.start);
            // The long run is the week's longest easy effort.
            if let Some(long) = w.sessions.iter().find(|s| s.kind == SessionType::Long) {
                for s in w.sessions.iter().filter(|s| {
                    matches!(
                        s.kind,
                        SessionType::Easy | SessionType::Recovery | SessionType::Strides
                    )
                }) {
                    assert!(
                        s.duration_min < long.duration_min,
                        "{at}: {} of {} min vs a {} min long run",
                        s.kind.label(),
                        s.duration_min,
                        long.duration_min
                    );
                }
            }
            // Recovery jogs are short (≈30–40 min; a little over only when every other day of
            // the week is already full).
            for s in w
                .sessions
                .iter()
                .filter(|s| s.kind == SessionType::Recovery)
            {
                assert!(
                    s.duration_min <= 45.0,
                    "{at}: {} min recovery",
                    s.duration_min
                );
            }
            // A down week's workouts are no bigger than the week before's.
            if w.down_week
                && pre_taper(w)
                && let Some(prev) = i.checked_sub(1).map(|p| &d.weeks[p])
            {
                let biggest = |w: &Week| {
                    w.sessions
                        .iter()
                        .filter(|s| s.is_hard() && s.kind != SessionType::Race)
                        .map(|s| s.duration_min)
                        .fold(0.0, f64::max)
                };
                if biggest(prev) > 0.0 {
                    assert!(
                        biggest(w) <= biggest(prev),
                        "{at}: down-week workout {} min after {} min",
                        biggest(w),
                        biggest(prev)
                    );
                }
            }
        }
        // Race-specific long runs carry marathon-pace segments most weeks.
        let specific_longs: Vec<bool> = d
            .weeks
            .iter()
            .filter(|w| w.phase == PhaseKind::Specific && !w.down_week)
            .filter_map(|w| w.sessions.iter().find(|s| s.kind == SessionType::Long))
            .map(|s| s.description.contains("goal race pace"))
            .collect();
        let with_pace = specific_longs.iter().filter(|&&p| p).count();
        assert!(
            with_pace * 2 > specific_longs.len(),
            "{v:?}: {specific_longs:?}"
        );
        // The longest long run names what holds it there.
        let peak = sessions(&d)
            .filter(|s| s.kind == SessionType::Long)
            .max_by(|a, b| a.duration_min.total_cmp(&b.duration_min))
            .expect("long runs");
        assert!(
            ["share of the week", "cap for the", "progression", "within"]
                .iter()
                .any(|k| peak.rationale.contains(k)),
            "{v:?}: {}",
            peak.rationale
        );
    }
}

#[test]
fn a_b_race_mini_taper_has_only_short_easy_runs() {
    use peakline::engine::rules::b_race_taper_days;
    let plan = example("marathoner.peakline.ron");
    let b = plan
        .races
        .iter()
        .find(|r| r.priority == Priority::B)
        .expect("B");
    let window = b_race_taper_days(b.class());
    for d in drafts(&plan) {
        for s in sessions(&d) {
            let before = (b.date - s.date).num_days();
            if !(1..=window).contains(&before) || !s.kind.is_run() {
                continue;
            }
            assert!(
                matches!(
                    s.kind,
                    SessionType::Easy | SessionType::Strides | SessionType::Recovery
                ),
                "{:?}: {} {before} days before the B race",
                d.variant,
                s.kind.label()
            );
            assert!(
                s.duration_min <= 45.0,
                "{:?}: {} min {before} days before the B race",
                d.variant,
                s.duration_min
            );
        }
    }
}

#[test]
fn a_comeback_progresses_from_tempo_to_intervals_with_an_easy_long_run() {
    use peakline::engine::rules::COMEBACK_TEMPO_FROM_WEEK;
    let plan = example("comeback.peakline.ron");
    assert!(
        plan.athlete
            .injury_history
            .iter()
            .any(|i| i.location.contains("Achilles"))
    );
    for d in drafts(&plan) {
        let v = d.variant;
        let quality: Vec<(usize, &Week, &peakline::model::Session)> = d
            .weeks
            .iter()
            .enumerate()
            .flat_map(|(i, w)| {
                w.sessions
                    .iter()
                    .filter(|s| s.is_hard() && s.kind != SessionType::Race)
                    .map(move |s| (i, w, s))
            })
            .collect();
        let (first_i, first_w, first) = quality.first().copied().expect("some quality");
        // Easy running and strides first; the first workout is tempo, in a normal week.
        assert!(
            first_i >= COMEBACK_TEMPO_FROM_WEEK,
            "{v:?}: first quality in week {first_i}"
        );
        assert_eq!(first.kind, SessionType::Threshold, "{v:?}");
        assert!(!first_w.down_week, "{v:?}: first workout in a down week");
        for (_, w, s) in &quality {
            // No hills at all with an Achilles history; VO2max intervals only late.
            assert_ne!(s.kind, SessionType::Hills, "{v:?} {}", s.date);
            if s.kind == SessionType::Intervals {
                assert!(
                    !matches!(w.phase, PhaseKind::Base | PhaseKind::Build),
                    "{v:?}: intervals in {:?} on {}",
                    w.phase,
                    s.date
                );
            }
            if matches!(w.phase, PhaseKind::Base | PhaseKind::Build) {
                assert!(s.rationale.contains("Achilles"), "{v:?}: {}", s.rationale);
            }
        }
        // Workouts grow: the longest tempo of the build-up is longer than the first.
        let longest = quality
            .iter()
            .filter(|(_, w, _)| pre_taper(w))
            .map(|(_, _, s)| s.duration_min)
            .fold(0.0, f64::max);
        assert!(
            longest >= first.duration_min + 3.0,
            "{v:?}: {} → {longest}",
            first.duration_min
        );
        // An easy long run once the week's running carries one (two hours), within the share;
        // the moderate plan gets there in the base already.
        let with_long = |phases: &[PhaseKind]| {
            d.weeks.iter().any(|w| {
                phases.contains(&w.phase) && w.sessions.iter().any(|s| s.kind == SessionType::Long)
            })
        };
        assert!(
            with_long(&[PhaseKind::Base, PhaseKind::Build, PhaseKind::Specific]),
            "{v:?}: no long run"
        );
        if v == VariantKind::Moderate {
            assert!(with_long(&[PhaseKind::Base]), "no long run in the base");
        }
    }
}

/// Running distance of a week, races aside, as its sessions show it.
fn run_km(w: &Week) -> f64 {
    w.sessions
        .iter()
        .filter(|s| s.kind.is_run() && s.kind != SessionType::Race)
        .filter_map(|s| s.distance_km)
        .sum()
}

/// The comeback athlete (15 km a week now, coach's caps: +6 % a week, 40 km a week) rebuilds
/// toward the level the coach's volume cap stands for instead of sitting at "current × 1.4":
/// at the coach's full ramp (aggressive) the running at least doubles by the last normal build
/// or race-specific week, at 80 % of it (moderate) it grows by more than 70 %; never above the
/// cap, never faster than the coach's ramp in distance nor the variant's ramp in load, and the
/// down weeks are down.
#[test]
fn a_comeback_rebuilds_toward_the_coachs_volume_cap_within_the_ramp() {
    let plan = example("comeback.peakline.ron");
    let coach_ramp = plan.guardrails.max_weekly_increase_pct / 100.0;
    let cap = plan
        .guardrails
        .max_weekly_volume_km
        .expect("the example has a volume cap");
    for (d, (share, growth)) in drafts(&plan)
        .iter()
        .zip([(0.5, 1.4), (0.8, 1.7), (1.0, 2.0)])
    {
        let ramp = coach_ramp * share;
        let first = run_km(&d.weeks[0]);
        let last_normal = d
            .weeks
            .iter()
            .rev()
            .find(|w| matches!(w.phase, PhaseKind::Build | PhaseKind::Specific) && !w.down_week)
            .expect("a normal build or race-specific week");
        let last = run_km(last_normal);
        assert!(
            last >= growth * first && last <= cap,
            "{:?}: running {first:.1} km in week 1, {last:.1} km on {} (cap {cap:.0} km)",
            d.variant,
            last_normal.start
        );
        // Outside down weeks, each week grows at most by the ramp over the last normal week
        // before it: running distance by the coach's, training load by the variant's.
        for (i, week) in d.weeks.iter().enumerate().skip(1) {
            if week.down_week || !pre_taper(week) {
                continue;
            }
            let Some(before) = d.weeks[..i].iter().rev().find(|w| !w.down_week) else {
                continue;
            };
            assert!(
                run_km(week) <= run_km(before) * (1.0 + coach_ramp) + 0.1,
                "{:?} {}: {:.1} km after {:.1} km",
                d.variant,
                week.start,
                run_km(week),
                run_km(before)
            );
            assert!(
                week.training_load_au() <= before.training_load_au() * (1.0 + ramp) + 1.0,
                "{:?} {}: {:.0} AU after {:.0} AU",
                d.variant,
                week.start,
                week.training_load_au(),
                before.training_load_au()
            );
        }
        let heavy = crate::engine::periodize::heavy_down_weeks(d);
        assert!(heavy.is_empty(), "{heavy:#?}");
    }
}

/// Every example's three variants are three different plans: each pushes further than the one
/// before it in peak weekly load and in total load (the comeback too, where the coach's ramp cap
/// binds every variant: the variants rebuild at 50 / 80 / 100 % of it), and the week
/// rationales name the ramp each variant climbs at.
#[test]
fn every_examples_three_variants_are_three_different_plans() {
    for example in &peakline::io::examples::EXAMPLES {
        let plan = example.load().expect("loads");
        let ds = drafts(&plan);
        let figures: Vec<(f64, f64)> = ds
            .iter()
            .map(|d| {
                let peak = d
                    .weeks
                    .iter()
                    .map(|w| w.training_load_au())
                    .fold(0.0, f64::max);
                (peak, d.weeks.iter().map(|w| w.training_load_au()).sum())
            })
            .collect();
        for pair in figures.windows(2) {
            let ((p0, t0), (p1, t1)) = (pair[0], pair[1]);
            assert!(
                p1 > p0 * 1.02 && t1 > t0 * 1.02,
                "{}: peaks {p0:.0} ➡ {p1:.0}, totals {t0:.0} ➡ {t1:.0}",
                example.file_name
            );
        }
    }
    let plan = example("comeback.peakline.ron");
    let ds = drafts(&plan);
    let ramps: Vec<&str> = ds
        .iter()
        .map(|d| {
            let r = &d.weeks[1].rationale;
            r.split(" · ").find(|part| part.contains(" %")).unwrap_or(r)
        })
        .collect();
    assert!(
        ramps[0].contains("3.0 % = 50 % of the coach's cap 6 %"),
        "{ramps:?}"
    );
    assert!(
        ramps[1].contains("4.8 % = 80 % of the coach's cap 6 %"),
        "{ramps:?}"
    );
    assert!(ramps[2].contains("coach's cap 6 %"), "{ramps:?}");
}

/// A B race's week has no long run of its own (the race is the long effort), and none of its
/// easy runs is as long as the week before's long run: the minutes the short days around the
/// race cannot take are left out, not piled onto one long "easy" run.
#[test]
fn a_b_race_week_has_no_easy_run_as_long_as_last_weeks_long_run() {
    let mut checked = 0;
    for example in &peakline::io::examples::EXAMPLES {
        let plan = example.load().expect("loads");
        for d in drafts(&plan) {
            for pair in d.weeks.windows(2) {
                let (before, week) = (&pair[0], &pair[1]);
                let b_race = plan
                    .races
                    .iter()
                    .any(|r| r.priority == Priority::B && week.contains(r.date));
                let Some(long) = before.sessions.iter().find(|s| s.kind == SessionType::Long)
                else {
                    continue;
                };
                if !b_race || week.sessions.iter().any(|s| s.kind == SessionType::Long) {
                    continue;
                }
                for s in week
                    .sessions
                    .iter()
                    .filter(|s| matches!(s.kind, SessionType::Easy | SessionType::Strides))
                {
                    assert!(
                        s.duration_min < long.duration_min,
                        "{} {:?} {}: {} min easy after a {} min long run",
                        example.file_name,
                        d.variant,
                        s.date,
                        s.duration_min,
                        long.duration_min
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 6, "{checked} B-race weeks checked");
}

/// The comeback's proportional ramps apply below the aggressive default only: a coach's cap of
/// 15 % leaves the defaults (5 / 8 / 10 %), and no reason claims a cap the coach did not set.
#[test]
fn a_comeback_ramp_follows_the_coachs_cap_only_below_the_defaults() {
    use peakline::engine::rules::variant_params;
    let mut plan = example("comeback.peakline.ron");
    for (cap, expected) in [(6.0, [0.03, 0.048, 0.06]), (15.0, [0.05, 0.08, 0.10])] {
        plan.guardrails.max_weekly_increase_pct = cap;
        for (kind, want) in VariantKind::ALL.into_iter().zip(expected) {
            let p = variant_params(kind, &plan.athlete, &plan.guardrails);
            assert!((p.ramp - want).abs() < 1e-12, "{cap} {kind:?}: {}", p.ramp);
            let claims_coach = p.ramp_reason.contains("coach's cap");
            assert_eq!(
                claims_coach,
                cap < 10.0,
                "{cap} {kind:?}: {}",
                p.ramp_reason
            );
        }
    }
}
