//! Load model: daily series, PMC, acute:chronic, monotony/strain, Banister — against values
//! computed by hand (the arithmetic is in the comments).

use chrono::NaiveDate;
use peakline::engine::load::{
    DailySeries, LoadBasis, MONOTONY_CAP, PmcDay, actual_daily, actual_load_au, acute_chronic,
    acute_chronic_series, acute_chronic_with_prior, banister, banister_steady,
    banister_steady_component, ewma_lambda, expected_daily, monotony, planned_daily, pmc,
    pmc_start_steady, sport_default_rpe, strain, week_stats,
};
use peakline::model::{
    Actual, ActualId, Completion, ModelSettings, PmcStart, Session, SessionId, SessionType, Sport,
    Week,
};
use proptest::prelude::*;

// `allow-unwrap-in-tests` covers `#[test]` functions only, not their helpers.
#[allow(clippy::unwrap_used)]
fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[track_caller]
fn assert_close(actual: f64, expected: f64, tol: f64) {
    assert!(
        close(actual, expected, tol),
        "expected {expected} ± {tol}, got {actual}"
    );
}

/// Time constants chosen so the smoothing factors are round: τ = 1/ln 2 gives
/// λ = 1 − e^(−ln 2) = 0.5, τ = 1/ln 4 gives λ = 0.75. The arithmetic stays checkable by hand.
fn round_settings() -> ModelSettings {
    ModelSettings {
        fitness_tau_days: 1.0 / 2f64.ln(),
        fatigue_tau_days: 1.0 / 4f64.ln(),
        k1: 1.0,
        k2: 2.0,
        p0: 500.0,
        ..ModelSettings::default()
    }
}

fn session(id: u64, date: &str, kind: SessionType, rpe: f64, minutes: f64) -> Session {
    Session {
        id: SessionId(id),
        date: d(date),
        kind,
        rpe,
        duration_min: minutes,
        ..Session::default()
    }
}

// ---------------------------------------------------------------------------------------------
// DailySeries

#[test]
fn daily_series_maps_dates_and_indices() {
    let s = DailySeries::new(d("2025-03-30"), vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(s.len(), 4);
    assert!(!s.is_empty());
    assert_eq!(s.date_of(0), Some(d("2025-03-30")));
    assert_eq!(s.date_of(3), Some(d("2025-04-02")));
    assert_eq!(s.date_of(4), None);
    assert_eq!(s.end(), Some(d("2025-04-02")));
    assert_eq!(s.index_of(d("2025-04-01")), Some(2));
    assert_eq!(s.index_of(d("2025-03-29")), None);
    assert_eq!(s.index_of(d("2025-04-03")), None);
    assert_eq!(s.value_on(d("2025-03-31")), Some(2.0));
    assert_eq!(s.total(), 10.0);
    let pairs: Vec<_> = s.iter().collect();
    assert_eq!(pairs[0], (d("2025-03-30"), 1.0));
    assert_eq!(pairs[3], (d("2025-04-02"), 4.0));
}

#[test]
fn zeros_is_inclusive_and_empty_when_reversed() {
    assert_eq!(
        DailySeries::zeros(d("2025-01-01"), d("2025-01-07")).len(),
        7
    );
    assert_eq!(
        DailySeries::zeros(d("2025-01-01"), d("2025-01-01")).len(),
        1
    );
    let empty = DailySeries::zeros(d("2025-01-02"), d("2025-01-01"));
    assert!(empty.is_empty());
    assert_eq!(empty.end(), None);
}

#[test]
fn zeros_caps_absurd_spans() {
    // A default (NaiveDate::MIN) date from a broken file must not allocate gigabytes.
    let s = DailySeries::zeros(NaiveDate::MIN, d("2025-01-01"));
    assert_eq!(s.len(), peakline::engine::load::MAX_SERIES_DAYS);
}

// ---------------------------------------------------------------------------------------------
// Planned, actual, expected

fn two_weeks() -> Vec<Week> {
    vec![
        Week {
            start: d("2025-03-03"), // Monday
            sessions: vec![
                // Tue: 3 × 40 = 120
                session(1, "2025-03-04", SessionType::Easy, 3.0, 40.0),
                // Thu: 7 × 50 = 350, plus strength 3 × 30 = 90 on the same day → 440
                session(2, "2025-03-06", SessionType::Threshold, 7.0, 50.0),
                session(3, "2025-03-06", SessionType::Strength, 3.0, 30.0),
                // Sun: 4.5 × 90 = 405
                session(4, "2025-03-09", SessionType::Long, 4.5, 90.0),
            ],
            ..Week::default()
        },
        Week {
            start: d("2025-03-10"),
            // Wed: 8 × 45 = 360
            sessions: vec![session(5, "2025-03-12", SessionType::Intervals, 8.0, 45.0)],
            ..Week::default()
        },
    ]
}

#[test]
fn planned_daily_sums_sessions_per_day() {
    let s = planned_daily(&two_weeks());
    assert_eq!(s.start, d("2025-03-03"));
    assert_eq!(s.len(), 14);
    #[rustfmt::skip]
    let expected = [
        0.0, 120.0, 0.0, 440.0, 0.0, 0.0, 405.0,
        0.0, 0.0, 360.0, 0.0, 0.0, 0.0, 0.0,
    ];
    assert_eq!(s.values, expected);
    assert_eq!(
        s.total(),
        two_weeks().iter().map(Week::load_au).sum::<f64>()
    );
}

#[test]
fn planned_daily_does_not_depend_on_week_order() {
    let mut weeks = two_weeks();
    let forward = planned_daily(&weeks);
    weeks.reverse();
    assert_eq!(planned_daily(&weeks), forward);
}

#[test]
fn planned_daily_of_no_weeks_is_empty() {
    assert!(planned_daily(&[]).is_empty());
}

#[test]
fn planned_daily_ignores_sessions_outside_the_weeks_and_bad_loads() {
    let mut weeks = two_weeks();
    weeks[1]
        .sessions
        .push(session(6, "2025-04-01", SessionType::Easy, 3.0, 40.0));
    weeks[1]
        .sessions
        .push(session(7, "2025-03-13", SessionType::Easy, f64::NAN, 40.0));
    let s = planned_daily(&weeks);
    assert_eq!(s.len(), 14);
    assert_eq!(s.total(), 120.0 + 440.0 + 405.0 + 360.0);
}

#[test]
fn actual_load_uses_the_athletes_rpe_first() {
    // RPE 5 × 60 min = 300 AU (Foster 2001).
    let actual = Actual {
        rpe: Some(5.0),
        duration_s: 3600.0,
        ..Actual::default()
    };
    let planned = session(1, "2025-03-04", SessionType::Threshold, 7.0, 50.0);
    assert_eq!(
        actual_load_au(&actual, Some(&planned)),
        (300.0, LoadBasis::Rpe)
    );
    assert_eq!(actual_load_au(&actual, None), (300.0, LoadBasis::Rpe));
}

#[test]
fn actual_load_falls_back_to_the_planned_rpe() {
    // No RPE: planned RPE 7 × actual 60 min = 420 (not the planned 50 min).
    let actual = Actual {
        duration_s: 3600.0,
        kind: Some(SessionType::Easy),
        ..Actual::default()
    };
    let planned = session(1, "2025-03-04", SessionType::Threshold, 7.0, 50.0);
    assert_eq!(
        actual_load_au(&actual, Some(&planned)),
        (420.0, LoadBasis::PlannedRpe)
    );
}

#[test]
fn actual_load_estimates_from_kind_then_sport() {
    let by_kind = Actual {
        duration_s: 3600.0,
        kind: Some(SessionType::Intervals),
        ..Actual::default()
    };
    // Intervals default RPE 8 × 60 = 480.
    assert_eq!(
        actual_load_au(&by_kind, None),
        (480.0, LoadBasis::Estimated)
    );

    let walk = Actual {
        duration_s: 1800.0,
        sport: Sport::Walk,
        ..Actual::default()
    };
    // Walk default RPE 2 × 30 = 60.
    assert_eq!(actual_load_au(&walk, None), (60.0, LoadBasis::Estimated));

    let run = Actual {
        duration_s: 1800.0,
        ..Actual::default()
    };
    // Unlabelled run: easy, RPE 3 × 30 = 90.
    assert_eq!(actual_load_au(&run, None), (90.0, LoadBasis::Estimated));

    // "Rest" says nothing about effort: the sport default is used, not RPE 0.
    let rest_kind = Actual {
        kind: Some(SessionType::Rest),
        ..run.clone()
    };
    assert_eq!(
        actual_load_au(&rest_kind, None),
        (90.0, LoadBasis::Estimated)
    );
}

#[test]
fn sport_defaults_are_on_the_cr10_scale() {
    for sport in [
        Sport::Run,
        Sport::Ride,
        Sport::Swim,
        Sport::Walk,
        Sport::Strength,
        Sport::Other,
    ] {
        let rpe = sport_default_rpe(sport);
        assert!((1.0..=5.0).contains(&rpe), "{sport:?}: {rpe}");
    }
    assert_eq!(sport_default_rpe(Sport::Run), 3.0);
}

#[test]
fn actual_load_ignores_rpe_off_the_scale() {
    let actual = Actual {
        rpe: Some(12.0),
        duration_s: 600.0,
        ..Actual::default()
    };
    assert_eq!(actual_load_au(&actual, None), (30.0, LoadBasis::Estimated));
    let nan = Actual {
        rpe: Some(f64::NAN),
        ..actual.clone()
    };
    assert_eq!(actual_load_au(&nan, None), (30.0, LoadBasis::Estimated));
    let bad_duration = Actual {
        rpe: Some(5.0),
        duration_s: f64::INFINITY,
        ..actual
    };
    assert_eq!(actual_load_au(&bad_duration, None), (0.0, LoadBasis::Rpe));
}

#[test]
fn skipped_actuals_have_no_load() {
    let actual = Actual {
        rpe: Some(5.0),
        duration_s: 3600.0,
        completion: Completion::Skipped,
        ..Actual::default()
    };
    assert_eq!(actual_load_au(&actual, None), (0.0, LoadBasis::Skipped));
}

#[test]
fn actual_daily_sums_per_day_with_planned_lookup() {
    let sessions = [session(9, "2025-03-04", SessionType::Threshold, 7.0, 50.0)];
    let actual = |id: u64, date: &str, rpe: Option<f64>, minutes: f64| Actual {
        id: ActualId(id),
        date: d(date),
        rpe,
        duration_s: minutes * 60.0,
        ..Actual::default()
    };
    let mut matched = actual(2, "2025-03-04", None, 40.0);
    matched.session = Some(SessionId(9));
    let mut skipped = actual(4, "2025-03-05", Some(9.0), 90.0);
    skipped.completion = Completion::Skipped;
    let actuals = vec![
        actual(1, "2025-03-03", Some(4.0), 30.0), // 120
        matched,                                  // planned RPE 7 × 40 = 280
        actual(3, "2025-03-04", Some(2.0), 15.0), // + 30 on the same day → 310
        skipped,                                  // 0
        actual(5, "2025-03-02", Some(5.0), 60.0), // before the range: ignored
        actual(6, "2025-03-06", Some(5.0), 60.0), // after the range: ignored
    ];
    let s = actual_daily(
        &actuals,
        |id| sessions.iter().find(|s| s.id == id),
        d("2025-03-03"),
        d("2025-03-05"),
    );
    assert_eq!(s.start, d("2025-03-03"));
    assert_eq!(s.values, vec![120.0, 310.0, 0.0]);
}

#[test]
fn actual_daily_with_unknown_session_estimates() {
    let actuals = vec![Actual {
        date: d("2025-03-03"),
        session: Some(SessionId(404)),
        duration_s: 3600.0,
        ..Actual::default()
    }];
    let s = actual_daily(&actuals, |_| None, d("2025-03-03"), d("2025-03-03"));
    assert_eq!(s.values, vec![180.0]);
}

#[test]
fn expected_daily_switches_at_today() {
    let planned = DailySeries::new(d("2025-03-03"), vec![100.0; 10]);
    let actual = DailySeries::new(d("2025-03-03"), vec![50.0; 10]);
    let e = expected_daily(&planned, &actual, d("2025-03-07"));
    assert_eq!(e.start, d("2025-03-03"));
    // 3rd–6th done (actual), 7th on planned: today itself is still ahead.
    assert_eq!(
        e.values,
        [
            50.0, 50.0, 50.0, 50.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0
        ]
    );
}

#[test]
fn expected_daily_spans_both_series() {
    // Actuals start two days before the plan; the plan runs past the actuals.
    let planned = DailySeries::new(d("2025-03-03"), vec![100.0; 5]);
    let actual = DailySeries::new(d("2025-03-01"), vec![50.0; 3]);
    let e = expected_daily(&planned, &actual, d("2025-03-05"));
    assert_eq!(e.start, d("2025-03-01"));
    // 1st–3rd actual, 4th before today but not in the actual series → 0, 5th on planned.
    assert_eq!(e.values, [50.0, 50.0, 50.0, 0.0, 100.0, 100.0, 100.0]);
    // An empty actual series contributes no span.
    let none = DailySeries::default();
    let e = expected_daily(&planned, &none, d("2025-01-01"));
    assert_eq!(e, planned);
    assert!(expected_daily(&none, &none, d("2025-01-01")).is_empty());
}

// ---------------------------------------------------------------------------------------------
// PMC

#[test]
fn lambda_matches_the_formula() {
    // 1 − e^(−1/42) = 0.0235283…, 1 − e^(−1/7) = 0.1331221…
    assert_close(ewma_lambda(42.0), 0.023_528_313, 1e-9);
    assert_close(ewma_lambda(7.0), 0.133_122_100, 1e-9);
    assert_eq!(ewma_lambda(0.0), 1.0);
    assert_eq!(ewma_lambda(f64::NAN), 1.0);
}

#[test]
fn constant_load_from_steady_state_stays_put() {
    let load = 60.0;
    let series = DailySeries::new(d("2025-01-01"), vec![load; 120]);
    let days = pmc(&series, pmc_start_steady(load), &ModelSettings::default());
    assert_eq!(days.len(), 120);
    for day in &days {
        assert_close(day.fitness, load, 1e-9);
        assert_close(day.fatigue, load, 1e-9);
        assert_close(day.form, 0.0, 1e-9);
    }
}

#[test]
fn steady_start_is_the_daily_load() {
    assert_eq!(
        pmc_start_steady(55.0),
        PmcStart {
            fitness: 55.0,
            fatigue: 55.0
        }
    );
    assert_eq!(pmc_start_steady(-5.0), PmcStart::default());
}

#[test]
fn single_impulse_decays_by_e_to_minus_one_over_tau_per_day() {
    let mut values = vec![0.0; 30];
    values[0] = 100.0;
    let series = DailySeries::new(d("2025-01-01"), values);
    let days = pmc(&series, PmcStart::default(), &ModelSettings::default());
    // Day 0: CTL = 0 + λ·100 = 2.3528…, ATL = 13.312…
    assert_close(days[0].fitness, 100.0 * ewma_lambda(42.0), 1e-12);
    assert_close(days[0].fatigue, 100.0 * ewma_lambda(7.0), 1e-12);
    // Then, with no load, each day keeps (1 − λ) = e^(−1/τ) of the day before.
    for t in 1..30 {
        assert_close(
            days[t].fitness / days[t - 1].fitness,
            (-1.0_f64 / 42.0).exp(),
            1e-12,
        );
        assert_close(
            days[t].fatigue / days[t - 1].fatigue,
            (-1.0_f64 / 7.0).exp(),
            1e-12,
        );
    }
}

#[test]
fn form_uses_yesterdays_fitness_and_fatigue() {
    // λ_fitness = 0.5, λ_fatigue = 0.75 (see `round_settings`); start F = 10, A = 20.
    // Day 0, load 0:   form = 10 − 20 = −10;   F = 10 + 0.5·(0 − 10) = 5;
    //                  A = 20 + 0.75·(0 − 20) = 5
    // Day 1, load 100: form = 5 − 5 = 0;        F = 5 + 0.5·95 = 52.5;  A = 5 + 0.75·95 = 76.25
    // Day 2, load 0:   form = 52.5 − 76.25 = −23.75; F = 26.25;  A = 76.25·0.25 = 19.0625
    // Day 3, load 0:   form = 26.25 − 19.0625 = 7.1875; F = 13.125; A = 4.765625
    let series = DailySeries::new(d("2025-01-01"), vec![0.0, 100.0, 0.0, 0.0]);
    let start = PmcStart {
        fitness: 10.0,
        fatigue: 20.0,
    };
    let days = pmc(&series, start, &round_settings());
    let expected = [
        (d("2025-01-01"), 0.0, 5.0, 5.0, -10.0),
        (d("2025-01-02"), 100.0, 52.5, 76.25, 0.0),
        (d("2025-01-03"), 0.0, 26.25, 19.0625, -23.75),
        (d("2025-01-04"), 0.0, 13.125, 4.765625, 7.1875),
    ];
    for (day, (date, load, fitness, fatigue, form)) in days.iter().zip(expected) {
        let want = PmcDay {
            date,
            load,
            fitness,
            fatigue,
            form,
        };
        assert_close(day.fitness, want.fitness, 1e-9);
        assert_close(day.fatigue, want.fatigue, 1e-9);
        assert_close(day.form, want.form, 1e-9);
        assert_eq!((day.date, day.load), (want.date, want.load));
    }
}

#[test]
fn pmc_of_an_empty_series_is_empty() {
    assert!(
        pmc(
            &DailySeries::default(),
            PmcStart::default(),
            &ModelSettings::default()
        )
        .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// Acute:chronic

/// 28 days at 10 AU (70 a week), then 7 days at 20 (140 a week).
fn acwr_series() -> DailySeries {
    let mut values = vec![10.0; 28];
    values.extend([20.0; 7]);
    DailySeries::new(d("2025-01-06"), values)
}

#[test]
fn acute_chronic_on_a_crafted_series() {
    let s = acwr_series();
    // Index 27: acute = 7·10 = 70; chronic = 28·10 / 4 = 70 → 1.0
    assert_close(acute_chronic(&s, 27).unwrap(), 1.0, 1e-12);
    // Index 30: acute = 4·10 + 3·20 = 100; chronic = (25·10 + 3·20) / 4 = 77.5 → 1.2903…
    assert_close(acute_chronic(&s, 30).unwrap(), 100.0 / 77.5, 1e-12);
    // Index 34: acute = 7·20 = 140; chronic = (21·10 + 7·20) / 4 = 87.5 → 1.6 (danger zone)
    assert_close(acute_chronic(&s, 34).unwrap(), 1.6, 1e-12);
}

#[test]
fn acute_chronic_needs_28_days_without_a_prior() {
    let s = acwr_series();
    assert_eq!(acute_chronic(&s, 26), None);
    assert_eq!(acute_chronic(&s, 0), None);
    assert_eq!(acute_chronic(&s, 35), None);
    let ratios = acute_chronic_series(&s, None);
    assert_eq!(ratios.len(), 35);
    assert!(ratios[..27].iter().all(Option::is_none));
    assert!(ratios[27..].iter().all(Option::is_some));
}

#[test]
fn acute_chronic_with_a_steady_prior() {
    let s = acwr_series();
    // Prior 10 a day, like the series' first weeks: day 0 already reads 1.0.
    // acute = 10 + 6·10 = 70; chronic = (10 + 27·10) / 4 = 70.
    assert_close(acute_chronic_with_prior(&s, 0, 10.0).unwrap(), 1.0, 1e-12);
    // With 28 days of history the prior no longer matters.
    assert_eq!(
        acute_chronic_with_prior(&s, 34, 10.0),
        acute_chronic(&s, 34)
    );
    // A season that starts with a jump: prior 10, then 40 a day for a week.
    // Index 6: acute = 7·40 = 280; chronic = (280 + 21·10) / 4 = 122.5 → 2.2857…
    let jump = DailySeries::new(d("2025-01-06"), vec![40.0; 7]);
    assert_close(
        acute_chronic_with_prior(&jump, 6, 10.0).unwrap(),
        280.0 / 122.5,
        1e-12,
    );
    // No prior and no load: no chronic load, no ratio.
    let rest = DailySeries::new(d("2025-01-06"), vec![0.0; 7]);
    assert_eq!(acute_chronic_with_prior(&rest, 6, 0.0), None);
    assert_eq!(acute_chronic_with_prior(&rest, 7, 10.0), None);
    let series = acute_chronic_series(&jump, Some(10.0));
    assert_eq!(series[6], acute_chronic_with_prior(&jump, 6, 10.0));
}

#[test]
fn a_non_finite_day_leaves_the_ratio_series_once_it_leaves_the_window() {
    // A rolling sum would keep the NaN; the series falls back to summing each day's windows.
    let mut loads = vec![50.0; 60];
    loads[3] = f64::NAN;
    let series = DailySeries::new(d("2025-01-06"), loads);
    let ratios = acute_chronic_series(&series, Some(50.0));
    assert!(ratios[3].is_none_or(f64::is_nan));
    assert_eq!(ratios[31], Some(1.0));
    assert_eq!(ratios[59], Some(1.0));
}

// ---------------------------------------------------------------------------------------------
// Monotony and strain

#[test]
fn monotony_of_a_known_week() {
    // [60, 0, 45, 0, 90, 30, 0]: total 225, mean 225/7 = 32.142857
    // Σx² = 3600 + 2025 + 8100 + 900 = 14625; population variance = 14625/7 − 32.142857²
    //     = 2089.285714 − 1033.163265 = 1056.122449; SD = 32.498038
    // monotony = 32.142857 / 32.498038 = 0.989071; strain = 225 × 0.989071 = 222.5409
    let week = [60.0, 0.0, 45.0, 0.0, 90.0, 30.0, 0.0];
    assert_close(monotony(&week).unwrap(), 0.989_071, 1e-6);
    assert_close(strain(&week), 222.5409, 1e-4);
}

#[test]
fn monotony_of_six_equal_days_and_a_rest_day_is_root_six() {
    // Six days of a, one of 0: mean 6a/7, SD a·√6/7 → monotony 6/√6 = √6 ≈ 2.449 (a warning).
    let week = [60.0, 60.0, 60.0, 60.0, 60.0, 60.0, 0.0];
    assert_close(monotony(&week).unwrap(), 6f64.sqrt(), 1e-12);
}

#[test]
fn monotony_guards_a_zero_standard_deviation() {
    // Identical non-zero loads: SD = 0 → the cap, not infinity.
    assert_eq!(monotony(&[50.0; 7]), Some(MONOTONY_CAP));
    assert_eq!(strain(&[50.0; 7]), 350.0 * MONOTONY_CAP);
    // Nearly identical loads are capped too (mean/SD would be 16.7).
    assert_eq!(
        monotony(&[60.0, 60.0, 60.0, 60.0, 60.0, 60.0, 50.0]),
        Some(MONOTONY_CAP)
    );
    // No load at all: nothing to be monotonous about.
    assert_eq!(monotony(&[0.0; 7]), None);
    assert_eq!(strain(&[0.0; 7]), 0.0);
    assert_eq!(monotony(&[]), None);
    assert_eq!(monotony(&[10.0, f64::NAN, 5.0]), None);
}

#[test]
fn week_stats_per_seven_day_block() {
    let mut values = vec![60.0, 0.0, 45.0, 0.0, 90.0, 30.0, 0.0];
    values.extend([0.0; 7]);
    values.extend([100.0; 3]); // a partial third week: left out
    let s = DailySeries::new(d("2025-03-03"), values);
    let stats = week_stats(&s);
    assert_eq!(stats.len(), 2);
    assert_eq!(stats[0].start, d("2025-03-03"));
    assert_eq!(stats[0].load, 225.0);
    assert_close(stats[0].monotony.unwrap(), 0.989_071, 1e-6);
    assert_close(stats[0].strain, 225.0 * stats[0].monotony.unwrap(), 1e-9);
    assert_eq!(stats[1].start, d("2025-03-10"));
    assert_eq!(stats[1].load, 0.0);
    assert_eq!(stats[1].monotony, None);
    assert_eq!(stats[1].strain, 0.0);
}

// ---------------------------------------------------------------------------------------------
// Banister

#[test]
fn banister_steady_state_is_w_over_lambda() {
    // 100 / (1 − e^(−1/42)) = 4250.198…, 100 / (1 − e^(−1/7)) = 751.190…
    let settings = ModelSettings::default();
    let (g, h) = banister_steady(100.0, &settings);
    assert_close(g, 4_250.198_41, 1e-4);
    assert_close(h, 751.190_07, 1e-4);
    assert_eq!(banister_steady_component(100.0, 42.0), g);

    // Training on at the same load keeps g, h and so p constant:
    // p = 0 + 1·4250.198 − 2·751.190 = 2747.818
    let series = DailySeries::new(d("2025-01-01"), vec![100.0; 50]);
    let p = banister(&series, &settings, g, h);
    for value in p {
        assert_close(value, g - 2.0 * h, 1e-6);
    }
}

#[test]
fn banister_impulse_response_by_hand() {
    // Decays e^(−1/τ1) = 0.5, e^(−1/τ2) = 0.25; k1 = 1, k2 = 2, p0 = 500; w = [100, 0, 0]:
    // g = 100, 50, 25;  h = 100, 25, 6.25
    // p = 500 + 100 − 200 = 400;  500 + 50 − 50 = 500;  500 + 25 − 12.5 = 512.5
    let series = DailySeries::new(d("2025-01-01"), vec![100.0, 0.0, 0.0]);
    let p = banister(&series, &round_settings(), 0.0, 0.0);
    assert_eq!(p.len(), 3);
    assert_close(p[0], 400.0, 1e-9);
    assert_close(p[1], 500.0, 1e-9);
    assert_close(p[2], 512.5, 1e-9);
}

#[test]
fn banister_impulse_turns_positive_after_fatigue_clears() {
    // Defaults: p_t = 100·(e^(−t/42) − 2·e^(−t/7)) > 0 once e^(t·(1/7 − 1/42)) > 2,
    // i.e. t > 42·ln 2 / 5 = 5.82 days: negative through day 5, positive from day 6.
    let mut values = vec![0.0; 60];
    values[0] = 100.0;
    let series = DailySeries::new(d("2025-01-01"), values);
    let p = banister(&series, &ModelSettings::default(), 0.0, 0.0);
    assert!(p[5] < 0.0, "{}", p[5]);
    assert!(p[6] > 0.0, "{}", p[6]);
    // And it peaks later, then decays towards p0 = 0.
    let peak = (0..60).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
    assert!((15..30).contains(&peak), "peak on day {peak}");
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #[test]
    fn steady_state_is_a_fixed_point(load in 0.0..2000.0f64, days in 1usize..200) {
        let series = DailySeries::new(d("2025-01-01"), vec![load; days]);
        let out = pmc(&series, pmc_start_steady(load), &ModelSettings::default());
        for day in out {
            prop_assert!(close(day.fitness, load, 1e-9 * load.max(1.0)));
            prop_assert!(close(day.form, 0.0, 1e-9 * load.max(1.0)));
        }
        let ratio = acute_chronic_with_prior(&series, days - 1, load);
        if load > 0.0 {
            prop_assert!(close(ratio.unwrap(), 1.0, 1e-9));
        } else {
            prop_assert_eq!(ratio, None);
        }
    }

    #[test]
    fn the_ratio_series_rolls_to_the_same_ratios_as_each_day_alone(
        whole in prop::collection::vec(0u32..900, 0..200),
        fraction in prop::collection::vec(0.0..1.0f64, 200),
        prior in prop::option::of(0u32..300),
        fractional in any::<bool>(),
    ) {
        // Whole-number loads roll exactly; others within rounding.
        let prior = prior.map(|p| f64::from(p) + if fractional { 0.37 } else { 0.0 });
        let loads: Vec<f64> = whole
            .iter()
            .zip(&fraction)
            .map(|(&w, &f)| f64::from(w) + if fractional { f } else { 0.0 })
            .collect();
        let series = DailySeries::new(d("2025-01-01"), loads);
        let rolled = acute_chronic_series(&series, prior);
        prop_assert_eq!(rolled.len(), series.len());
        for (i, got) in rolled.iter().enumerate() {
            let alone = match prior {
                Some(p) => acute_chronic_with_prior(&series, i, p),
                None => acute_chronic(&series, i),
            };
            match (got, alone) {
                (Some(a), Some(b)) if fractional => prop_assert!(close(*a, b, 1e-9 * b.max(1.0))),
                (a, b) if !fractional => prop_assert_eq!(*a, b),
                (None, None) => {}
                other => prop_assert!(false, "day {}: {:?}", i, other),
            }
        }
    }

    #[test]
    fn monotony_is_scale_free_and_bounded(
        week in prop::collection::vec(0.0..500.0f64, 7),
        scale in 0.1..10.0f64,
    ) {
        let scaled: Vec<f64> = week.iter().map(|x| x * scale).collect();
        match (monotony(&week), monotony(&scaled)) {
            (Some(a), Some(b)) => {
                prop_assert!(a > 0.0 && a <= MONOTONY_CAP);
                prop_assert!(close(a, b, 1e-6 * a));
            }
            (None, None) => prop_assert!(week.iter().all(|&x| x == 0.0)),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn pmc_stays_between_the_load_extremes(
        loads in prop::collection::vec(0.0..1000.0f64, 1..120),
    ) {
        // An average of non-negative loads starting at 0 never goes negative nor above the
        // largest load.
        let max = loads.iter().copied().fold(0.0, f64::max);
        let series = DailySeries::new(d("2025-01-01"), loads);
        for day in pmc(&series, PmcStart::default(), &ModelSettings::default()) {
            prop_assert!(day.fitness >= 0.0 && day.fitness <= max + 1e-9);
            prop_assert!(day.fatigue >= 0.0 && day.fatigue <= max + 1e-9);
        }
    }
}
