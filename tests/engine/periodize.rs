//! Periodization properties over random athletes, calendars and guardrails, and the
//! behaviour the product promises for each runner type.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use peakline::engine::rules::TAPER_CUT_RANGE;
use peakline::engine::season_map::{allocate_weeks, target_races};
use peakline::engine::{PlanInput, generate_variants};
use peakline::model::{
    Athlete, Equipment, Guardrails, ModelSettings, PhaseKind, Preferences, Priority, Race,
    RaceDistance, RunnerType, Season, SeasonDraft, SessionType, VariantKind, Week, WeekStart,
};
use proptest::prelude::*;

use crate::common::date;

/// A plan's inputs, owned, so proptest can generate them.
#[derive(Clone, Debug)]
pub struct Case {
    pub athlete: Athlete,
    pub races: Vec<Race>,
    pub guardrails: Guardrails,
    pub season: Season,
    pub today: NaiveDate,
}

impl Case {
    pub fn drafts(&self) -> [SeasonDraft; 3] {
        let settings = ModelSettings::default();
        generate_variants(&PlanInput {
            athlete: &self.athlete,
            races: &self.races,
            guardrails: &self.guardrails,
            season: &self.season,
            settings: &settings,
            today: self.today,
        })
    }
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn runner_type() -> impl Strategy<Value = RunnerType> {
    prop::sample::select(RunnerType::ALL.to_vec())
}

fn athlete() -> impl Strategy<Value = Athlete> {
    (
        runner_type(),
        0.3f64..25.0,
        15.0f64..110.0,
        5.0f64..32.0,
        prop::sample::subsequence(WEEKDAYS.to_vec(), 0..=3),
        prop::sample::subsequence(WEEKDAYS.to_vec(), 0..=2),
        prop::sample::select(vec![Weekday::Sat, Weekday::Sun, Weekday::Fri, Weekday::Wed]),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        prop::sample::subsequence(
            vec![
                SessionType::Hills,
                SessionType::Intervals,
                SessionType::Threshold,
                SessionType::RacePace,
                SessionType::Strength,
                SessionType::CrossTraining,
            ],
            0..=2,
        ),
        prop::option::of(prop::sample::select(vec![
            SessionType::Threshold,
            SessionType::Intervals,
            SessionType::Hills,
            SessionType::RacePace,
        ])),
    )
        .prop_map(
            |(
                rt,
                training_age,
                volume,
                longest,
                preferred,
                unavailable,
                long_day,
                eq,
                disliked,
                favourite,
            )| {
                let unavailable: Vec<Weekday> =
                    unavailable.into_iter().filter(|d| *d != long_day).collect();
                // Real athletes: a beginner does not run 100 km a week, and a longest recent
                // run is at least a fifth of the weekly volume.
                let volume = if training_age < 1.0 {
                    volume.min(45.0)
                } else {
                    volume
                };
                Athlete {
                    name: "Prop Runner".into(),
                    runner_type: rt,
                    training_age_years: training_age,
                    weekly_volume_km: volume,
                    longest_recent_run_km: longest.min(volume * 0.6).max(volume * 0.2),
                    preferred_days: preferred,
                    unavailable_days: unavailable,
                    long_run_day: long_day,
                    equipment: Equipment {
                        track: eq.0,
                        hills: eq.1,
                        treadmill: eq.2,
                        gym: eq.3,
                    },
                    preferences: Preferences {
                        disliked: disliked.clone(),
                        favourite: favourite.filter(|f| !disliked.contains(f)),
                    },
                    ..Athlete::default()
                }
            },
        )
}

fn guardrails() -> impl Strategy<Value = Guardrails> {
    (
        3.0f64..15.0,
        1u8..=3,
        1u8..=3,
        22.0f64..40.0,
        2u8..=6,
        prop::option::of(20.0f64..160.0),
    )
        .prop_map(|(inc, hard, rest, share, pain, cap)| Guardrails {
            max_weekly_increase_pct: inc,
            max_hard_sessions_per_week: hard,
            min_rest_days_per_week: rest,
            max_long_run_share_pct: share,
            pain_blocks_intensity_at: pain,
            max_weekly_volume_km: cap,
        })
}

fn distance() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![5.0, 10.0, 15.0, 21.0975, 30.0, 42.195]),
        3.0f64..50.0,
    ]
}

/// 1–4 races 6–52 weeks after the season start, at least one A, at least a week apart.
fn races(start: NaiveDate) -> impl Strategy<Value = Vec<Race>> {
    prop::collection::vec(
        (
            42i64..=364,
            distance(),
            prop::sample::select(vec![Priority::A, Priority::B, Priority::C]),
        ),
        1..=4,
    )
    .prop_map(move |mut raw| {
        raw.sort_by_key(|r| r.0);
        let mut out: Vec<Race> = Vec::new();
        let mut last: Option<i64> = None;
        for (i, (day, km, priority)) in raw.into_iter().enumerate() {
            let day = match last {
                Some(l) if day < l + 7 => l + 7,
                _ => day,
            };
            last = Some(day);
            out.push(Race {
                name: format!("Race {i}"),
                date: start + Days::new(day as u64),
                distance_km: km,
                priority,
                ..Race::default()
            });
        }
        if !out.iter().any(|r| r.priority == Priority::A)
            && let Some(last) = out.last_mut()
        {
            last.priority = Priority::A;
        }
        out
    })
}

pub fn case() -> impl Strategy<Value = Case> {
    (0u64..7, any::<bool>(), 0u64..14)
        .prop_flat_map(|(offset, sunday, before)| {
            let start = date("2027-01-04") + Days::new(offset);
            let week_start = if sunday {
                WeekStart::Sunday
            } else {
                WeekStart::Monday
            };
            (
                athlete(),
                races(start),
                guardrails(),
                Just(start),
                Just(week_start),
                Just(before),
            )
        })
        .prop_map(|(athlete, races, guardrails, start, week_start, before)| {
            let end = races.iter().map(|r| r.date).max().unwrap_or(start) + Days::new(60);
            Case {
                athlete,
                races,
                guardrails,
                season: Season {
                    start,
                    end,
                    week_start,
                    ..Season::default()
                },
                today: start - Days::new(before),
            }
        })
}

/// Variant ramp caps (SCIENCE.md defaults), bounded by the coach's cap; a comeback's variants
/// keep their 5 : 8 : 10 proportions below the coach's cap.
fn ramp_cap(variant: VariantKind, runner: RunnerType, g: &Guardrails) -> f64 {
    let v: f64 = match variant {
        VariantKind::Conservative => 0.05,
        VariantKind::Moderate => 0.08,
        VariantKind::Aggressive => 0.10,
    };
    let coach = g.max_weekly_increase_pct / 100.0;
    if runner == RunnerType::Comeback {
        coach.min(0.10) * v / 0.10
    } else {
        v.min(coach)
    }
}

/// The allowed taper length for a race distance (SCIENCE.md), in days before race day.
fn taper_bounds(km: f64) -> (i64, i64) {
    match RaceDistance::from_km(km) {
        RaceDistance::FiveK => (5, 7),
        RaceDistance::TenK => (7, 10),
        RaceDistance::Half => (10, 14),
        RaceDistance::Marathon => (14, 21),
    }
}

fn session_load_on(draft: &SeasonDraft, from: NaiveDate, to: NaiveDate) -> f64 {
    draft
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .filter(|s| s.kind != SessionType::Race && s.date >= from && s.date < to)
        .map(|s| s.rpe * s.duration_min)
        .sum()
}

/// The share of the week before's training load a down week may carry at most (SCIENCE.md,
/// "Recovery weeks": 70–80 % of the week before, with a little room for whole minutes).
const DOWN_WEEK_MAX_SHARE: f64 = 0.85;

/// Running distance of a week, races aside, as its sessions show it.
fn run_km(week: &Week) -> f64 {
    week.sessions
        .iter()
        .filter(|s| s.kind.is_run() && s.kind != SessionType::Race)
        .filter_map(|s| s.distance_km)
        .sum()
}

/// Down weeks that are not lighter than the week before them: every down week with no day
/// in a taper, race or recovery phase (those have their own rules) carries at most
/// [`DOWN_WEEK_MAX_SHARE`] of the week before's training load (races aside) and no more
/// running distance. After lighter weeks (a B race's week, then a C race's) the reference is
/// the last normal week, as for the ramp: down weeks in a row do not compound toward zero.
pub fn heavy_down_weeks(draft: &SeasonDraft) -> Vec<String> {
    let in_taper_race_or_recovery = |week: &Week| {
        draft.phases.iter().any(|p| {
            matches!(
                p.kind,
                PhaseKind::Taper | PhaseKind::Race | PhaseKind::Recovery
            ) && p.start <= week.end()
                && p.end >= week.start
        })
    };
    let weeks = &draft.weeks;
    (1..weeks.len())
        .filter(|&i| weeks[i].down_week && !in_taper_race_or_recovery(&weeks[i]))
        .filter_map(|i| {
            let week = &weeks[i];
            let before = weeks[..i].iter().rev().find(|w| !w.down_week)?;
            let (load, load_before) = (week.training_load_au(), before.training_load_au());
            let (km, km_before) = (run_km(week), run_km(before));
            (load > load_before * DOWN_WEEK_MAX_SHARE + 1.0 || km > km_before + 0.05).then(|| {
                format!(
                    "{:?} down week {}: {load:.0} AU after {load_before:.0}, {km:.1} km after {km_before:.1}",
                    draft.variant, week.start
                )
            })
        })
        .collect()
}

fn check_draft(case: &Case, draft: &SeasonDraft) -> Result<(), TestCaseError> {
    let g = &case.guardrails;
    let weeks = &draft.weeks;
    prop_assert!(!weeks.is_empty());
    // Phases contiguous and ordered within each macro-cycle.
    let phases = &draft.phases;
    prop_assert_eq!(phases[0].start, weeks[0].start);
    for pair in phases.windows(2) {
        prop_assert_eq!(pair[0].end + Days::new(1), pair[1].start, "{:?}", pair);
        let restart = pair[0].kind == PhaseKind::Recovery || pair[0].kind == PhaseKind::Race;
        // An A race closer than its predecessor's shortest recovery: recover, then race.
        let recover_then_race =
            pair[0].kind == PhaseKind::Recovery && pair[1].kind == PhaseKind::Race;
        prop_assert!(
            pair[0].kind < pair[1].kind
                || restart && pair[1].kind <= PhaseKind::Taper
                || recover_then_race,
            "phase order {:?} → {:?}",
            pair[0].kind,
            pair[1].kind
        );
    }
    // The season ends with an A race or its recovery.
    let last = phases.last().expect("phases");
    prop_assert!(matches!(last.kind, PhaseKind::Race | PhaseKind::Recovery));
    let last_race = phases
        .iter()
        .rev()
        .find(|p| p.kind == PhaseKind::Race)
        .expect("a race phase");
    let targets = target_races(&case.races);
    prop_assert!(
        targets
            .iter()
            .any(|&i| case.races[i].date == last_race.start),
        "last race phase {} is not a target race",
        last_race.start
    );
    prop_assert_eq!(weeks.last().expect("weeks").end(), last.end);

    for (i, week) in weeks.iter().enumerate() {
        prop_assert!(!week.rationale.trim().is_empty());
        // Rest days ≥ guardrail.
        let rest = week
            .dates()
            .filter(|d| {
                !week
                    .sessions
                    .iter()
                    .any(|s| s.date == *d && s.load_au() > 0.0)
            })
            .count();
        prop_assert!(
            rest >= usize::from(g.min_rest_days_per_week),
            "week {} has {} rest days, guardrail {}",
            week.start,
            rest,
            g.min_rest_days_per_week
        );
        for s in &week.sessions {
            prop_assert!(week.contains(s.date));
            prop_assert!(!s.rationale.trim().is_empty());
            prop_assert!(s.duration_min > 0.0, "{:?}", s);
            if s.kind != SessionType::Race {
                prop_assert!(
                    case.athlete.is_available(s.date.weekday()),
                    "{} on unavailable {}",
                    s.kind.label(),
                    s.date
                );
            }
        }
        // Hard sessions within the guardrail (a week's races count, and are never dropped).
        let races_in_week = week
            .sessions
            .iter()
            .filter(|s| s.kind == SessionType::Race)
            .count();
        prop_assert!(
            week.hard_sessions() <= usize::from(g.max_hard_sessions_per_week).max(races_in_week),
            "week {}: {} hard sessions, guardrail {}",
            week.start,
            week.hard_sessions(),
            g.max_hard_sessions_per_week
        );
        // The long run within the coach's share of the week's running distance (races aside),
        // as the long_run_share warning measures it.
        let run_km: f64 = week
            .sessions
            .iter()
            .filter(|s| s.kind.is_run() && s.kind != SessionType::Race)
            .filter_map(|s| s.distance_km)
            .sum();
        for s in week.sessions.iter().filter(|s| s.kind == SessionType::Long) {
            let km = s.distance_km.unwrap_or(0.0);
            prop_assert!(
                km / run_km * 100.0 <= g.max_long_run_share_pct + 0.5,
                "{:?} {:?} week {}: long run {km} km of {run_km:.1} km, guardrail {:.0} %",
                draft.variant,
                week.phase,
                week.start,
                g.max_long_run_share_pct
            );
        }
        // Weekly running distance within the coach's volume cap, races aside.
        if let Some(cap) = g.max_weekly_volume_km {
            prop_assert!(
                run_km <= cap + 0.5,
                "week {}: {run_km:.1} km over the {cap:.0} km cap",
                week.start
            );
        }
        // Training-load ramp (races aside) within the variant's cap, outside down weeks and
        // the week after one.
        if let Some(prev) = i.checked_sub(1).map(|p| &weeks[p])
            && !prev.down_week
        {
            let cap = ramp_cap(draft.variant, case.athlete.runner_type, g);
            prop_assert!(
                week.training_load_au() <= prev.training_load_au() * (1.0 + cap) + 1.0,
                "{:?} week {}: training load {:.0} after {:.0} exceeds the {:.0} % cap",
                draft.variant,
                week.start,
                week.training_load_au(),
                prev.training_load_au(),
                cap * 100.0
            );
        }
    }
    // Down weeks are down.
    let heavy = heavy_down_weeks(draft);
    prop_assert!(heavy.is_empty(), "{:#?}", heavy);
    // After every race phase a recovery phase (or the end of the season) comes before the
    // next quality session.
    for race in phases.iter().filter(|p| p.kind == PhaseKind::Race) {
        let next_quality = weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .filter(|s| s.is_hard() && s.kind != SessionType::Race && s.date > race.end)
            .map(|s| s.date)
            .min();
        if let Some(q) = next_quality {
            let recovery = phases
                .iter()
                .find(|p| p.kind == PhaseKind::Recovery && p.start == race.end + Days::new(1));
            prop_assert!(
                recovery.is_some_and(|r| r.end < q),
                "quality on {q} after the race on {} without a recovery block first ({:?})",
                race.start,
                recovery
            );
        }
    }
    // No two hard days in a row, across weeks.
    let mut hard: Vec<NaiveDate> = weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .filter(|s| s.is_hard())
        .map(|s| s.date)
        .collect();
    hard.sort();
    hard.dedup();
    for pair in hard.windows(2) {
        prop_assert!((pair[1] - pair[0]).num_days() >= 2, "hard days {:?}", pair);
    }
    // Taper: length within the distance's bounds, load cut 41–60 % below the last full
    // pre-taper week.
    for taper in phases.iter().filter(|p| p.kind == PhaseKind::Taper) {
        let race_day = taper.end + Days::new(1);
        let Some(race) = case.races.iter().find(|r| r.date == race_day) else {
            continue;
        };
        // Exempt only when the taper itself was cut for lack of time (the season map's note),
        // not for any note that happens to name the race.
        let compressed = draft
            .notes
            .iter()
            .any(|n| n.contains(&race.name) && n.contains("the whole build-up is a taper"));
        let (lo, hi) = taper_bounds(race.distance_km);
        let days = taper.days();
        prop_assert!(
            (lo..=hi).contains(&days) || compressed,
            "taper of {days} days for {} km",
            race.distance_km
        );
        let reference = weeks
            .iter()
            .rev()
            .find(|w| w.end() < taper.start && !w.down_week && w.phase != PhaseKind::Recovery);
        // This race's build-up starts the day after the previous race phase (or the season).
        let cycle_start = phases
            .iter()
            .rev()
            .find(|p| p.kind == PhaseKind::Race && p.end < taper.start)
            .map_or(weeks[0].start, |p| p.end + Days::new(1));
        if let Some(reference) = reference.filter(|w| w.start >= cycle_start) {
            let pre = session_load_on(draft, reference.start, reference.start + Days::new(7)) / 7.0;
            let final_days = days.min(7);
            let fin = session_load_on(draft, race_day - Days::new(final_days as u64), race_day)
                / final_days as f64;
            if pre > 0.0 {
                let cut = 1.0 - fin / pre;
                prop_assert!(
                    TAPER_CUT_RANGE.contains(&cut),
                    "{:?}: taper cut {:.2} before {} (pre {:.0}/day, final {:.0}/day)",
                    draft.variant,
                    cut,
                    race.name,
                    pre,
                    fin
                );
            }
        }
    }
    Ok(())
}

/// Peak weekly and total training load (races aside: a race's load is the same in every
/// variant and says nothing about how hard the plan pushes).
fn peak_and_total(d: &SeasonDraft) -> (f64, f64) {
    let peak = d
        .weeks
        .iter()
        .map(|w| w.training_load_au())
        .fold(0.0, f64::max);
    let total = d.weeks.iter().map(|w| w.training_load_au()).sum();
    (peak, total)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn drafts_keep_every_promise(case in case()) {
        let drafts = case.drafts();
        for d in &drafts {
            check_draft(&case, d)?;
        }
        let [c, m, a] = &drafts;
        let (cp, ct) = peak_and_total(c);
        let (mp, mt) = peak_and_total(m);
        let (ap, at) = peak_and_total(a);
        prop_assert!(cp <= mp * 1.005 && mp <= ap * 1.005, "peaks {cp:.0} {mp:.0} {ap:.0}");
        prop_assert!(ct <= mt * 1.005 && mt <= at * 1.005, "totals {ct:.0} {mt:.0} {at:.0}");
    }

    #[test]
    fn same_input_same_output(case in case()) {
        prop_assert_eq!(case.drafts(), case.drafts());
    }
}

#[test]
fn allocation_extends_base_or_compresses_in_daniels_order() {
    // More time than ideal: base takes the extra weeks.
    assert_eq!(allocate_weeks(30, [10, 6, 5]), [19, 6, 5]);
    // Short: minimums first in priority base → specific → build, then base fills up.
    assert_eq!(allocate_weeks(13, [10, 6, 5]), [7, 3, 3]);
    assert_eq!(allocate_weeks(9, [10, 6, 5]), [3, 3, 3]);
    assert_eq!(allocate_weeks(5, [10, 6, 5]), [3, 0, 2]);
    assert_eq!(allocate_weeks(2, [10, 6, 5]), [2, 0, 0]);
}

#[test]
fn ultras_up_to_100_km_are_planned_and_longer_races_refused() {
    use peakline::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
    let mut plan = crate::common::example("marathoner.peakline.ron");
    plan.plan = None;
    plan.variants = peakline::model::Variants::default();
    plan.season.phases.clear();
    plan.actuals.clear();
    plan.wellness.clear();
    let a = plan
        .races
        .iter_mut()
        .find(|r| r.priority == Priority::A)
        .expect("an A race");
    a.distance_km = 100.0;
    let (name, race_day) = (a.name.clone(), a.date);
    // The season ends two weeks after the race: less than the 63 days one easy day per mile
    // would ask for.
    plan.season.end = race_day + Days::new(14);
    assert!(peakline::model::validate(&plan).is_empty());
    regenerate_variants(&mut plan, crate::common::today());
    adopt(
        &mut plan,
        VariantKind::Moderate,
        KeepPolicy::KeepCoachWeeks,
        crate::common::today(),
    )
    .expect("adopts");
    // The drafted plan is a valid file: the race session's duration is allowed.
    let problems = peakline::model::validate(&plan);
    assert!(problems.is_empty(), "{problems:?}");
    let text = peakline::io::serialize_plan(&plan).expect("serializes");
    peakline::io::parse_plan(std::path::Path::new("ultra.peakline.ron"), text.as_bytes())
        .expect("the saved plan loads again");
    let race = plan
        .weeks()
        .iter()
        .flat_map(|w| &w.sessions)
        .find(|s| s.kind == SessionType::Race && s.date == race_day)
        .expect("the race session");
    assert!(race.duration_min > 300.0 && race.duration_min < 24.0 * 60.0);
    // The recovery stops at the end of the season's last week, and says so.
    let season_last_week_end = race_day + Days::new(14 + 6);
    for p in &plan.season.phases {
        assert!(p.end <= season_last_week_end, "{p:?} runs past the season");
    }
    let notes = &plan
        .variants
        .get(VariantKind::Moderate)
        .expect("drafted")
        .notes;
    assert!(
        notes
            .iter()
            .any(|n| n.contains(&name) && n.contains("recovery block is cut")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("ultra")), "{notes:?}");
    // Beyond 100 km: refused with the reason.
    let a = plan
        .races
        .iter_mut()
        .find(|r| r.priority == Priority::A)
        .expect("an A race");
    a.distance_km = 160.0;
    let problems = peakline::model::validate(&plan);
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("up to 100 km")),
        "{problems:?}"
    );
}

#[test]
fn two_close_a_races_keep_a_recovery_block_and_a_warning() {
    use peakline::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
    use peakline::engine::analysis::plan_warnings;
    let mut plan = crate::common::marathoner();
    plan.plan = None;
    plan.variants = peakline::model::Variants::default();
    plan.season.phases.clear();
    let first = plan
        .races
        .iter()
        .find(|r| r.priority == Priority::A)
        .expect("an A marathon")
        .clone();
    // A second marathon three weeks later.
    let second_day = first.date + Days::new(21);
    plan.races.push(Race {
        name: "Second Marathon".into(),
        date: second_day,
        distance_km: 42.195,
        priority: Priority::A,
        ..Race::default()
    });
    plan.season.end = plan.season.end.max(second_day + Days::new(35));
    let today = crate::common::today();
    regenerate_variants(&mut plan, today);
    adopt(
        &mut plan,
        VariantKind::Moderate,
        KeepPolicy::KeepCoachWeeks,
        today,
    )
    .expect("adopts");
    let phases = &plan.season.phases;
    let recovery = phases
        .iter()
        .find(|p| p.kind == PhaseKind::Recovery && p.start == first.date + Days::new(1))
        .expect("a recovery block after the first marathon");
    assert!(recovery.days() >= 9, "{recovery:?}");
    let sessions: Vec<_> = plan.weeks().iter().flat_map(|w| &w.sessions).collect();
    for s in &sessions {
        if s.date > first.date && s.date <= recovery.end {
            assert!(
                !s.is_hard() || s.kind == SessionType::Race,
                "{s:?} in recovery"
            );
            assert!(!s.description.contains("pace"), "{s:?} in recovery");
        }
    }
    // The second marathon is still peaked for: a taper right before it, and the race.
    assert!(
        phases
            .iter()
            .any(|p| p.kind == PhaseKind::Taper && p.end + Days::new(1) == second_day)
    );
    assert!(
        sessions
            .iter()
            .any(|s| s.kind == SessionType::Race && s.date == second_day)
    );
    assert!(
        plan_warnings(&plan)
            .iter()
            .any(|w| w.code == "a_races_too_close"),
        "the short gap is flagged"
    );
    let notes = &plan
        .variants
        .get(VariantKind::Moderate)
        .expect("draft")
        .notes;
    assert!(
        notes.iter().any(|n| n.contains("recovery shortened")),
        "{notes:?}"
    );
}

#[test]
fn a_race_inside_the_last_recovery_is_not_called_unplanned() {
    let mut plan = crate::common::marathoner();
    let a_day = plan
        .races
        .iter()
        .find(|r| r.priority == Priority::A)
        .expect("A")
        .date;
    let b = plan
        .races
        .iter_mut()
        .find(|r| r.priority == Priority::B)
        .expect("B");
    b.date = a_day + Days::new(7);
    let name = b.name.clone();
    let [_, m, _] = generate_variants(&PlanInput::from_plan(&plan, crate::common::today()));
    assert!(
        m.weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .any(|s| s.kind == SessionType::Race && s.date == a_day + Days::new(7)),
        "the B race is on the plan"
    );
    assert!(
        !m.notes
            .iter()
            .any(|n| n.contains("not planned") && n.contains(&name)),
        "{:?}",
        m.notes
    );
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains(&name) && n.contains("falls in the recovery")),
        "{:?}",
        m.notes
    );
}

/// Every down week of every variant of every example is lighter than the week before it, in
/// training load and in distance.
#[test]
fn every_examples_down_weeks_are_down_in_every_variant() {
    for example in &peakline::io::examples::EXAMPLES {
        let plan = example.load().expect("loads");
        for draft in generate_variants(&PlanInput::from_plan(&plan, crate::common::today())) {
            let heavy = heavy_down_weeks(&draft);
            assert!(heavy.is_empty(), "{}: {heavy:#?}", example.file_name);
        }
    }
}

/// CI's proptest case (shrunk): a 5K/10K runner at 24 km a week aiming at a half marathon
/// under a 5.2 % ramp cap. The aggressive draft's extra workouts leave it lighter than the
/// moderate one, and trimming the moderate draft to fit under it once emptied its weeks. Now
/// every variant keeps real training weeks and the order holds; a variant that takes the
/// lighter one's weeks says so.
#[test]
fn keeping_the_variants_in_order_never_empties_a_draft() {
    let case = Case {
        athlete: Athlete {
            runner_type: RunnerType::FiveTenK,
            training_age_years: 20.4,
            weekly_volume_km: 24.32,
            longest_recent_run_km: 5.0,
            preferred_days: vec![Weekday::Wed],
            long_run_day: Weekday::Sat,
            equipment: Equipment {
                track: false,
                hills: true,
                treadmill: false,
                gym: false,
            },
            preferences: Preferences {
                disliked: vec![],
                favourite: Some(SessionType::Intervals),
            },
            ..Athlete::default()
        },
        races: vec![Race {
            name: "Race 0".into(),
            date: date("2027-05-22"),
            distance_km: 21.0975,
            priority: Priority::A,
            ..Race::default()
        }],
        guardrails: Guardrails {
            max_weekly_increase_pct: 5.19,
            max_hard_sessions_per_week: 2,
            min_rest_days_per_week: 1,
            max_long_run_share_pct: 22.0,
            pain_blocks_intensity_at: 2,
            max_weekly_volume_km: None,
        },
        season: Season {
            start: date("2027-01-06"),
            end: date("2027-07-21"),
            week_start: WeekStart::Sunday,
            ..Season::default()
        },
        today: date("2026-12-30"),
    };
    let drafts = case.drafts();
    for d in &drafts {
        check_draft(&case, d).expect("keeps every promise");
        for w in d.weeks.iter().filter(|w| w.phase == PhaseKind::Base) {
            assert!(
                w.training_load_au() > 200.0,
                "{:?} {}: {w:?}",
                d.variant,
                w.start
            );
        }
    }
    let [c, m, a] = &drafts;
    let ((cp, ct), (mp, mt), (ap, at)) = (peak_and_total(c), peak_and_total(m), peak_and_total(a));
    assert!(
        cp <= mp && mp <= ap && ct <= mt && mt <= at,
        "{cp} {mp} {ap} / {ct} {mt} {at}"
    );
    // Here the aggressive draft came out lighter: it takes the moderate weeks and says why.
    assert!(
        a.notes
            .iter()
            .any(|n| n.starts_with("Same weeks as the moderate variant")),
        "{:#?}",
        a.notes
    );
    assert!(!m.notes.iter().any(|n| n.starts_with("Same weeks as")));
}
