//! The season retrospective: weeks, overrides by reason, the Banister fit, and the report.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use peakline::engine::load::{DailySeries, banister, banister_steady};
use peakline::engine::predict::time_for_vdot;
use peakline::engine::retro::{
    FitError, fit_banister, fitted_settings, least_squares, retrospective,
};
use peakline::io::report::{
    FITNESS_PLOT, LOAD_PLOT, REPORT_FILE, retrospective_markdown, write_retrospective,
};
use peakline::model::{
    Actual, ActualId, Author, Change, ChangeEntry, ModelSettings, Plan, RaceResult, Reason,
    ReasonPick, Session, Sport, WeekStatus,
};

use crate::common::{check_in, date, log_as_planned, marathoner, temp_dir, usual_day};

/// After the marathoner's A race (2027-04-11).
pub fn after_race() -> NaiveDate {
    date("2027-04-20")
}

/// Known model parameters for the synthetic athlete.
const K1: f64 = 0.0015;
const K2: f64 = 0.004;
const P0: f64 = 42.0;

/// A marathoner whose daily load varies in two-week blocks for 22 weeks and whose race results
/// are exactly what the Banister model with [`K1`], [`K2`], [`P0`] predicts, scored as VDOT.
pub fn banister_athlete(performances: usize) -> (Plan, NaiveDate) {
    let mut plan = marathoner();
    plan.actuals.clear();
    plan.athlete.recent_results.clear();
    let start = plan.weeks()[0].start;
    let days = 154;
    let levels = [250.0, 420.0, 560.0, 160.0];
    let loads: Vec<f64> = (0..days)
        .map(|d: usize| {
            if d % 7 == 6 {
                0.0
            } else {
                levels[(d / 14) % 4] * (0.7 + 0.06 * ((d * 37 % 11) as f64))
            }
        })
        .collect();
    for (d, load) in loads.iter().enumerate() {
        if *load > 0.0 {
            plan.actuals.push(Actual {
                id: ActualId(d as u64 + 1),
                date: start + Days::new(d as u64),
                sport: Sport::Run,
                duration_s: load / 5.0 * 60.0,
                rpe: Some(5.0),
                ..Actual::default()
            });
        }
    }
    let settings = ModelSettings {
        k1: K1,
        k2: K2,
        p0: P0,
        ..ModelSettings::default()
    };
    let pmc_start = plan.plan.as_ref().expect("adopted").pmc_start;
    let (g0, h0) = banister_steady(pmc_start.fitness, &settings);
    let p = banister(&DailySeries::new(start, loads), &settings, g0, h0);
    let perf_days = [20usize, 38, 55, 73, 90, 108, 125, 140];
    let distances = [
        5000.0, 10000.0, 21097.5, 5000.0, 10000.0, 5000.0, 21097.5, 10000.0,
    ];
    for (i, &d) in perf_days.iter().take(performances).enumerate() {
        let distance_m = distances[i];
        plan.athlete.recent_results.push(RaceResult {
            name: format!("Race {}", i + 1),
            date: start + Days::new(d as u64),
            distance_m,
            time_s: time_for_vdot(p[d], distance_m).expect("time"),
            time_trial: i % 2 == 1,
        });
    }
    (plan, start + Days::new(days as u64 + 1))
}

fn within(actual: f64, expected: f64, share: f64) -> bool {
    (actual - expected).abs() <= expected.abs() * share
}

#[test]
fn the_banister_fit_recovers_known_gains_within_five_percent() {
    let (plan, today) = banister_athlete(8);
    let fit = fit_banister(&plan, today);
    assert!(fit.fitted, "{}", fit.message);
    assert!(within(fit.k1, K1, 0.05), "k1 {}", fit.k1);
    assert!(within(fit.k2, K2, 0.05), "k2 {}", fit.k2);
    assert!(within(fit.p0, P0, 0.05), "p0 {}", fit.p0);
    assert!(fit.rmse.expect("rmse") < 0.05);
    assert_eq!(fit.points.len(), 8);
    assert!(fit.points.iter().all(|p| p.predicted.is_some()));
    assert!(fit.message.contains("RMS error"));
}

#[test]
fn with_three_performances_the_fit_falls_back_to_the_defaults_and_says_so() {
    let (plan, today) = banister_athlete(3);
    let fit = fit_banister(&plan, today);
    assert!(!fit.fitted);
    assert_eq!((fit.k1, fit.k2, fit.p0), (1.0, 2.0, 0.0));
    assert!(fit.rmse.is_none());
    assert!(
        fit.message.contains("Only 3 performance"),
        "{}",
        fit.message
    );
    assert!(fit.message.contains("at least 4"), "{}", fit.message);
    assert!(fit.message.contains("default"), "{}", fit.message);
    let retro = retrospective(&plan, today);
    let next = fitted_settings(&plan, &retro);
    assert!(!next.fitted);
    assert_eq!(next.k2, 2.0);
}

#[test]
fn fitted_settings_become_next_seasons_model() {
    let (plan, today) = banister_athlete(6);
    let retro = retrospective(&plan, today);
    let next = fitted_settings(&plan, &retro);
    assert!(next.fitted);
    assert!(within(next.k1, K1, 0.05));
    assert_eq!(next.fit_error, retro.fit.rmse);
    assert_eq!(next.fitness_tau_days, plan.model.fitness_tau_days);
    let mut updated = plan.clone();
    updated.model = next;
    assert!(peakline::model::validate(&updated).is_empty());
}

#[test]
fn least_squares_needs_four_points_and_a_regular_system() {
    assert_eq!(
        least_squares(&[(1.0, 1.0, 1.0); 3]),
        Err(FitError::TooFew(3))
    );
    // g and h proportional: k1 and k2 cannot be told apart.
    let same: Vec<_> = (1..6)
        .map(|i| (i as f64, i as f64, 50.0 + i as f64))
        .collect();
    assert_eq!(least_squares(&same), Err(FitError::Singular));
}

fn entry(week: NaiveDate, who: Author, pick: Option<ReasonPick>, text: &str) -> ChangeEntry {
    let at: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("time");
    ChangeEntry {
        at,
        who,
        week: Some(week),
        change: Change::SessionRemoved {
            session: Session::default(),
        },
        reason: Reason::new(pick, text),
    }
}

/// The marathoner's season run as planned, with the coach's overrides in the change log.
fn fixture_season() -> Plan {
    let mut plan = marathoner();
    // The coach changed one week's sessions by hand.
    let adopted = plan.plan.as_mut().expect("adopted");
    adopted.weeks[5].sessions.pop();
    adopted.weeks[5].status = WeekStatus::Approved;
    let start = plan.weeks()[0].start;
    log_as_planned(&mut plan, start, date("2027-04-11"));
    check_in(&mut plan, start, date("2027-04-11"), usual_day);
    let w = |i: usize| plan.weeks()[i].start;
    let (w1, w2, w3, w5, w8, w9) = (w(1), w(2), w(3), w(5), w(8), w(9));
    let mut log = vec![
        entry(w1, Author::Coach, Some(ReasonPick::Fatigue), ""),
        entry(w2, Author::Coach, Some(ReasonPick::Fatigue), "heavy legs"),
        entry(w5, Author::Coach, Some(ReasonPick::Fatigue), ""),
        entry(w3, Author::Coach, Some(ReasonPick::Travel), "conference"),
        entry(w8, Author::Coach, Some(ReasonPick::Travel), ""),
        entry(w5, Author::Coach, None, "knee felt off"),
        entry(w9, Author::Coach, None, "  Knee felt   off "),
        entry(w9, Author::Coach, Some(ReasonPick::Niggle), "left calf"),
        // Not overrides: the athlete's log, the engine, and approving a week.
        entry(w2, Author::Athlete, Some(ReasonPick::Fatigue), ""),
        entry(
            w2,
            Author::Engine,
            Some(ReasonPick::CoachJudgement),
            "re-plan",
        ),
    ];
    let mut approve = entry(w3, Author::Coach, Some(ReasonPick::CoachJudgement), "");
    approve.change = Change::WeekApproved { week: w3 };
    log.push(approve);
    plan.change_log.extend(log);
    plan
}

#[test]
fn the_retrospective_counts_overrides_by_reason() {
    let plan = fixture_season();
    let retro = retrospective(&plan, after_race());
    let counts: Vec<(&str, usize)> = retro
        .overrides
        .iter()
        .map(|g| (g.reason.as_str(), g.count))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("Fatigue", 3),
            ("Travel", 2),
            ("knee felt off", 2),
            ("Niggle / pain", 1),
        ]
    );
    let fatigue = &retro.overrides[0];
    assert_eq!(fatigue.pick, Some(ReasonPick::Fatigue));
    assert_eq!(fatigue.weeks.len(), 3);
    let c = fatigue.next_week_compliance.expect("logged weeks follow");
    assert!((c - 1.0).abs() < 1e-9, "{c}");
    assert!((fatigue.next_week_readiness.expect("check-ins") - 7.0).abs() < 1e-9);
    assert!(
        fatigue.followed.contains("compliance 100 %"),
        "{}",
        fatigue.followed
    );
}

#[test]
fn an_approved_weekly_draft_is_an_override_only_when_the_coach_edited_it() {
    let mut plan = fixture_season();
    let before = retrospective(&plan, after_race()).overrides;
    let week = plan.weeks()[10].clone();
    let mut edited = week.clone();
    edited.sessions.pop();
    let approved = |after: &peakline::model::Week, pick| {
        let mut e = entry(week.start, Author::Coach, Some(pick), "");
        e.change = Change::WeeklyDraftApproved {
            before: week.clone(),
            drafted: week.clone(),
            after: after.clone(),
        };
        e
    };
    // As drafted: agreeing with the engine, like approving a week.
    plan.change_log.push(approved(&week, ReasonPick::Weather));
    // Saving minutes or the fitted model changes no training.
    let mut minutes = entry(week.start, Author::Coach, Some(ReasonPick::Weather), "");
    minutes.change = Change::ModelSet {
        before: plan.model.clone(),
        after: plan.model.clone(),
    };
    plan.change_log.push(minutes);
    assert_eq!(retrospective(&plan, after_race()).overrides, before);
    // Edited in the review: the coach overrode the draft.
    plan.change_log.push(approved(&edited, ReasonPick::Weather));
    let weather: Vec<_> = retrospective(&plan, after_race())
        .overrides
        .into_iter()
        .filter(|g| g.pick == Some(ReasonPick::Weather))
        .collect();
    assert_eq!(weather.len(), 1);
    assert_eq!(weather[0].count, 1);
}

#[test]
fn the_retrospective_compares_draft_final_and_actual_week_by_week() {
    let plan = fixture_season();
    let retro = retrospective(&plan, after_race());
    let race = retro.race.as_ref().expect("the A race");
    assert_eq!(race.name, "Harbour City Marathon");
    let last = retro.weeks.last().expect("weeks");
    assert!(last.start <= race.date && race.date <= last.start + Days::new(6));
    assert_eq!(retro.weeks.iter().filter(|w| w.changed_by_coach).count(), 1);
    let changed = &retro.weeks[5];
    assert!(changed.changed_by_coach);
    assert!(changed.final_au < changed.baseline_au.expect("baseline"));
    // Logged as planned, races aside (not logged): actual = final except the race week.
    for w in &retro.weeks[..retro.weeks.len() - 1] {
        let a = w.actual_au.expect("logged");
        let race_load: f64 = plan
            .week_containing(w.start)
            .expect("week")
            .sessions
            .iter()
            .filter(|s| s.kind == peakline::model::SessionType::Race)
            .map(Session::load_au)
            .sum();
        assert!(
            (a + race_load - w.final_au).abs() < 1e-6,
            "{}: {a} vs {}",
            w.start,
            w.final_au
        );
    }
    assert_eq!(retro.fitness.len(), retro.weeks.len());
    assert!(retro.fitness.iter().all(|f| f.actual.is_some()));
    assert!(
        (retro.final_total_au - retro.weeks.iter().map(|w| w.final_au).sum::<f64>()).abs() < 1e-6
    );
}

#[test]
fn the_report_mentions_the_key_numbers_and_writes_valid_pngs() {
    let (mut plan, today) = banister_athlete(8);
    plan.change_log = fixture_season().change_log;
    let retro = retrospective(&plan, today);
    let md = retrospective_markdown(&plan, &retro);
    assert!(md.contains(&plan.athlete.name));
    assert!(md.contains(&format!("{:.0}", retro.final_total_au)));
    assert!(md.contains(&format!("{:.0}", retro.baseline_total_au)));
    assert!(md.contains("| Fatigue | 3 |"), "{md}");
    assert!(md.contains(&format!("k1 = {:.5}", retro.fit.k1)));
    assert!(md.contains(&format!("{:.2} VDOT", retro.fit.rmse.expect("fitted"))));
    assert!(md.contains(LOAD_PLOT) && md.contains(FITNESS_PLOT));

    let dir = temp_dir();
    let out = dir.path().join("report");
    let paths = write_retrospective(&plan, &retro, &out).expect("writes");
    assert_eq!(paths.len(), 3);
    assert_eq!(
        std::fs::read_to_string(out.join(REPORT_FILE)).expect("md"),
        md
    );
    for name in [LOAD_PLOT, FITNESS_PLOT] {
        let bytes = std::fs::read(out.join(name)).expect("png");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}");
        assert!(
            bytes.len() > 5_000,
            "{name} has a drawing: {} bytes",
            bytes.len()
        );
    }
}

#[test]
fn compliance_counts_only_the_weeks_the_athlete_logged_in() {
    // The demo's history stops in late November; its season runs to the April race. One
    // check-in in February makes that week logged too (a check-in is logging).
    let mut plan = crate::common::example("marathoner.peakline.ron");
    let february = date("2027-02-03");
    check_in(&mut plan, february, february, usual_day);
    let today = after_race();
    let retro = retrospective(&plan, today);

    let logged_days = plan
        .actuals
        .iter()
        .map(|a| a.date)
        .chain(plan.wellness.iter().map(|w| w.date))
        .filter(|d| *d < today);
    let mut expected: Vec<NaiveDate> = logged_days
        .filter_map(|d| plan.week_containing(d).map(|w| w.start))
        .filter(|start| retro.weeks.iter().any(|w| w.start == *start))
        .collect();
    expected.sort();
    expected.dedup();
    let with_actual: Vec<NaiveDate> = retro
        .weeks
        .iter()
        .filter(|w| w.actual_au.is_some())
        .map(|w| w.start)
        .collect();
    assert_eq!(with_actual, expected);
    assert_eq!(retro.logged_weeks, expected.len());
    assert!(expected.len() < retro.weeks.len() / 2, "{expected:?}");
    // The February week: logged, nothing done in it.
    let feb = retro
        .weeks
        .iter()
        .find(|w| w.start <= february && february < w.start + Days::new(7))
        .expect("week");
    assert_eq!(feb.actual_au, Some(0.0));
    assert!(feb.compliance.is_some());
    // The weeks in between have no actual and no compliance.
    let december = retro
        .weeks
        .iter()
        .find(|w| w.start.format("%Y-%m").to_string() == "2026-12")
        .expect("a December week");
    assert_eq!((december.actual_au, december.compliance), (None, None));

    // The totals are over the logged weeks only, and within them over the days the log
    // covers (from the first logged actual to the athlete's last entry).
    let first = plan.actuals.iter().map(|a| a.date).min().unwrap();
    let last = plan
        .actuals
        .iter()
        .map(|a| a.date)
        .chain(plan.wellness.iter().map(|w| w.date))
        .max()
        .unwrap();
    let final_logged: f64 = retro
        .weeks
        .iter()
        .filter(|w| w.actual_au.is_some())
        .flat_map(|w| {
            let week = plan.week_containing(w.start).unwrap();
            week.sessions.iter().filter(move |s| {
                s.date >= first && s.date <= last && s.date < today && week.contains(s.date)
            })
        })
        .map(|s| s.load_au())
        .sum();
    assert!(
        (retro.final_logged_au - final_logged).abs() < 1e-6,
        "{} vs {final_logged}",
        retro.final_logged_au
    );
    let md = retrospective_markdown(&plan, &retro);
    let n = expected.len();
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| Compliance over the {n} logged weeks |")))
        .unwrap_or_else(|| panic!("{md}"));
    let actual = retro.actual_total_au.expect("logged");
    let percent = format!("{:.0} % |", actual / final_logged * 100.0);
    assert!(line.ends_with(&percent), "{line}");
}

#[test]
fn the_week_in_progress_has_no_actual_yet() {
    // Mid-season, on a Tuesday: the weeks before are logged, the current one has only begun.
    let mut plan = marathoner();
    let first = plan.weeks()[0].start;
    let current = plan.weeks()[5].start;
    let today = current + Days::new(1);
    log_as_planned(&mut plan, first, today - Days::new(1));
    check_in(&mut plan, first, today - Days::new(1), usual_day);
    let retro = retrospective(&plan, today);
    let week = retro
        .weeks
        .iter()
        .find(|w| w.start == current)
        .expect("current week shown");
    assert_eq!((week.actual_au, week.compliance), (None, None));
    assert_eq!(retro.logged_weeks, 5);
    let before = retro
        .weeks
        .iter()
        .find(|w| w.start == plan.weeks()[4].start)
        .expect("last full week");
    assert!(before.actual_au.is_some_and(|a| a > 0.0));
}
