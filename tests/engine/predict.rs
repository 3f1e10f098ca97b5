//! Race prediction and training paces against Daniels' published tables and hand-computed
//! Riegel values; parsers fuzzed for panics.

use chrono::NaiveDate;
use peakline::engine::predict::{
    ParseError, STANDARD_DISTANCES, TrainingPaces, best_recent_vdot, distance_code,
    format_duration_s, format_pace, parse_distance, parse_time, predict, riegel, speed_at_vo2,
    standard_distance, time_for_vdot, training_paces, vdot, vdot_checked, vo2_at_speed,
};
use peakline::model::RaceResult;
use proptest::prelude::*;

// `allow-unwrap-in-tests` covers `#[test]` functions only, not their helpers.
#[allow(clippy::unwrap_used)]
fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[track_caller]
fn assert_close(actual: f64, expected: f64, tol: f64) {
    assert!(
        (actual - expected).abs() <= tol,
        "expected {expected} ± {tol}, got {actual}"
    );
}

/// "h:mm:ss" or "m:ss" from a table, in seconds.
#[allow(clippy::unwrap_used)]
fn hms(text: &str) -> f64 {
    parse_time(text).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Riegel

#[test]
fn riegel_10k_to_marathon_by_hand() {
    // 41:21 = 2481 s; 42195 / 10000 = 4.2195; ln 4.2195 = 1.439717; × 1.06 = 1.526100;
    // e^1.526100 = 4.600199; 2481 × 4.600199 = 11413.1 s = 3:10:13.
    let t = riegel(2481.0, 10_000.0, 42_195.0);
    assert_close(t, 11_413.1, 0.05);
    assert_eq!(format_duration_s(t), "3:10:13");
}

#[test]
fn riegel_is_consistent_both_ways() {
    assert_eq!(riegel(1200.0, 5000.0, 5000.0), 1200.0);
    let there = riegel(1200.0, 5000.0, 21_097.5);
    assert_close(riegel(there, 21_097.5, 5000.0), 1200.0, 1e-9);
    // Halving the distance: 2481 × 0.5^1.06 = 2481 × 0.479632 = 1189.97 s.
    assert_close(riegel(2481.0, 10_000.0, 5000.0), 1189.97, 0.01);
}

// ---------------------------------------------------------------------------------------------
// VDOT

#[test]
fn vdot_of_a_41_21_10k_is_50() {
    // Daniels' table: VDOT 50 ↔ 10K 41:21. The formula gives 49.97.
    let v = vdot(10_000.0, 2481.0);
    assert_close(v, 50.0, 0.05);
}

/// Daniels' Running Formula, Table 3.1 (equivalent race times for a VDOT).
const DANIELS_TABLE: [(f64, [&str; 4]); 3] = [
    (30.0, ["30:40", "1:03:46", "2:21:04", "4:49:17"]),
    (40.0, ["24:08", "50:03", "1:50:59", "3:49:45"]),
    (50.0, ["19:57", "41:21", "1:31:35", "3:10:49"]),
];

#[test]
fn time_for_vdot_reproduces_daniels_table() {
    // The published table was smoothed by hand; the formula stays within 0.2 % of it
    // (at most 32 s over a 4:49 marathon at VDOT 30, 9 s over a 3:10 one at VDOT 50).
    let distances = [5000.0, 10_000.0, 21_097.5, 42_195.0];
    for (v, times) in DANIELS_TABLE {
        for (distance, published) in distances.into_iter().zip(times) {
            let published = hms(published);
            let t = time_for_vdot(v, distance).unwrap();
            assert_close(t, published, published * 0.002);
        }
    }
}

#[test]
fn equivalents_of_a_41_21_10k() {
    // From the race itself rather than from the rounded VDOT 50: 5K 19:57, half 1:31:34,
    // marathon 3:10:46 (table for VDOT 50: 19:57, 1:31:35, 3:10:49).
    let v = vdot(10_000.0, 2481.0);
    assert_eq!(
        format_duration_s(time_for_vdot(v, 5000.0).unwrap()),
        "19:57"
    );
    assert_eq!(
        format_duration_s(time_for_vdot(v, 21_097.5).unwrap()),
        "1:31:34"
    );
    assert_eq!(
        format_duration_s(time_for_vdot(v, 42_195.0).unwrap()),
        "3:10:46"
    );
    // And back to the 10K itself.
    assert_close(time_for_vdot(v, 10_000.0).unwrap(), 2481.0, 1e-6);
}

#[test]
fn time_for_vdot_refuses_absurd_input() {
    for (v, distance) in [
        (0.0, 10_000.0),
        (-50.0, 10_000.0),
        (f64::NAN, 10_000.0),
        (f64::INFINITY, 10_000.0),
        (50.0, 0.0),
        (50.0, -1.0),
        (50.0, f64::NAN),
        (50.0, f64::INFINITY),
        // No root within 0.06 s–2 years.
        (1e300, 10_000.0),
        (50.0, 1e300),
    ] {
        assert_eq!(time_for_vdot(v, distance), None, "{v} {distance}");
    }
    // Absurd but solvable: a finite, positive answer (plausibility is the caller's call, see
    // `vdot_checked`).
    let t = time_for_vdot(1e9, 10_000.0).unwrap();
    assert!(t > 0.0 && t < 1.0);
}

#[test]
fn vdot_checked_rejects_implausible_results() {
    assert!(vdot_checked(10_000.0, 2481.0).is_some());
    // A 10K in 10 minutes (a typo for 40?) and one in 10 hours.
    assert_eq!(vdot_checked(10_000.0, 600.0), None);
    assert_eq!(vdot_checked(10_000.0, 36_000.0), None);
    assert_eq!(vdot_checked(0.0, 2481.0), None);
    assert_eq!(vdot_checked(10_000.0, f64::NAN), None);
}

// ---------------------------------------------------------------------------------------------
// Training paces

#[test]
fn vvdot_regression_inverts_the_oxygen_cost() {
    // speed_at_vo2 is Daniels' regression for the inverse of vo2_at_speed: within 0.2 %.
    for v in (30..=85).map(f64::from) {
        let round_trip = vo2_at_speed(speed_at_vo2(v));
        assert_close(round_trip, v, v * 0.002);
    }
    // vVDOT at 50 = 29.54 + 250.033 − 18.865 = 260.71 m/min (3:50/km).
    assert_close(speed_at_vo2(50.0), 260.708, 0.001);
}

#[track_caller]
fn assert_pace(actual_s_per_km: f64, published: &str, tol_s: f64) {
    assert_close(actual_s_per_km, hms(published), tol_s);
}

#[test]
fn paces_at_vdot_50_match_daniels() {
    // Daniels' table at VDOT 50: E 4:51–5:27, M 4:31, T 4:15, I 3:55, R 3:40 per km.
    let p = training_paces(50.0).unwrap();
    assert_pace(p.easy.fast_s_per_km, "4:51", 2.0);
    assert_pace(p.easy.slow_s_per_km, "5:27", 2.0);
    assert_pace(p.marathon_s_per_km, "4:31", 1.0);
    assert_pace(p.threshold_s_per_km, "4:15", 1.0);
    assert_pace(p.interval_s_per_km, "3:55", 1.0);
    assert_pace(p.repetition_s_per_km, "3:40", 1.0);
    assert_eq!(format_pace(p.threshold_s_per_km), "4:15");
}

#[test]
fn paces_at_vdot_49_match_daniels() {
    // Daniels at VDOT 49: M 7:24/mile (4:36/km), T 4:20/km, I 3:59/km, R 1:29 per 400 m
    // (3:42.5/km).
    let p = training_paces(49.0).unwrap();
    assert_pace(p.marathon_s_per_km, "4:36", 1.5);
    assert_pace(p.threshold_s_per_km, "4:20", 1.5);
    assert_pace(p.interval_s_per_km, "3:59", 1.5);
    assert_close(p.repetition_s_per_km, 222.5, 2.0);
}

#[test]
fn paces_get_faster_with_vdot_and_keep_their_order() {
    let paces: Vec<TrainingPaces> = (60..=170)
        .map(|half| training_paces(f64::from(half) / 2.0).unwrap())
        .collect();
    for p in &paces {
        assert!(p.repetition_s_per_km < p.interval_s_per_km);
        assert!(p.interval_s_per_km < p.threshold_s_per_km);
        assert!(p.threshold_s_per_km < p.marathon_s_per_km);
        assert!(p.marathon_s_per_km < p.easy.fast_s_per_km);
        assert!(p.easy.fast_s_per_km < p.easy.slow_s_per_km);
    }
    for pair in paces.windows(2) {
        let (slower, faster) = (&pair[0], &pair[1]);
        assert!(faster.easy.slow_s_per_km < slower.easy.slow_s_per_km);
        assert!(faster.easy.fast_s_per_km < slower.easy.fast_s_per_km);
        assert!(faster.marathon_s_per_km < slower.marathon_s_per_km);
        assert!(faster.threshold_s_per_km < slower.threshold_s_per_km);
        assert!(faster.interval_s_per_km < slower.interval_s_per_km);
        assert!(faster.repetition_s_per_km < slower.repetition_s_per_km);
    }
}

#[test]
fn no_paces_for_implausible_vdot() {
    assert_eq!(training_paces(5.0), None);
    assert_eq!(training_paces(150.0), None);
    assert_eq!(training_paces(f64::NAN), None);
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn parse_distance_accepts_the_usual_forms() {
    let cases = [
        ("1500", 1500.0),
        ("1500m", 1500.0),
        ("1500 m", 1500.0),
        ("3000m", 3000.0),
        ("3000M", 3000.0),
        ("mile", 1609.344),
        ("Mile", 1609.344),
        ("1mi", 1609.344),
        ("2 miles", 3218.688),
        ("5k", 5000.0),
        ("5K", 5000.0),
        ("5 km", 5000.0),
        ("10K", 10_000.0),
        ("10k", 10_000.0),
        ("15k", 15_000.0),
        ("half", 21_097.5),
        ("HM", 21_097.5),
        ("half marathon", 21_097.5),
        ("half-marathon", 21_097.5),
        ("21.1k", 21_097.5),
        ("21.0975km", 21_097.5),
        ("marathon", 42_195.0),
        ("42.2k", 42_195.0),
        ("42195", 42_195.0),
        ("  10k  ", 10_000.0),
        ("1600", 1600.0),
        (".8k", 800.0),
    ];
    for (input, metres) in cases {
        assert_eq!(parse_distance(input), Ok(metres), "{input}");
    }
}

#[test]
fn parse_distance_errors_are_clear() {
    assert_eq!(parse_distance("  "), Err(ParseError::EmptyDistance));
    for input in [
        "abc", "5x", "1.2.3k", "-5k", "k", "inf", "nan", "1e3", "5k5", "5_k", "10km-",
    ] {
        let err = parse_distance(input).unwrap_err();
        assert_eq!(
            err,
            ParseError::Distance(input.trim().to_owned()),
            "{input}"
        );
        assert!(err.to_string().contains("is not a distance"), "{err}");
    }
    let err = parse_distance("5").unwrap_err();
    assert!(matches!(err, ParseError::DistanceRange { .. }));
    assert_eq!(
        err.to_string(),
        "'5' is 5 m: distances from 100 m to 1000 km are accepted (kilometres need a k, as in 5k)"
    );
    assert!(parse_distance("0").is_err());
    assert!(parse_distance("2000k").is_err());
}

#[test]
fn distance_codes() {
    assert_eq!(distance_code(42_195.0), "marathon");
    assert_eq!(distance_code(21_100.0), "half");
    assert_eq!(distance_code(1609.344), "mile");
    assert_eq!(distance_code(1500.0), "1500");
    assert_eq!(distance_code(1600.0), "1600m");
    assert_eq!(distance_code(3000.0), "3000m");
    assert_eq!(distance_code(1609.5), "mile");
    assert_eq!(distance_code(2500.5), "2500.5m");
    assert_eq!(standard_distance(5000.0).map(|s| s.label), Some("5K"));
    // Every standard code parses back to its own distance.
    for s in &STANDARD_DISTANCES {
        assert_eq!(parse_distance(s.code), Ok(s.metres), "{}", s.code);
        assert_eq!(distance_code(s.metres), s.code);
    }
}

#[test]
fn parse_time_accepts_the_usual_forms() {
    let cases = [
        ("41:21", 2481.0),
        ("1:23:45", 5025.0),
        ("2481", 2481.0),
        ("2481.5", 2481.5),
        ("41:21.5", 2481.5),
        (" 41:21 ", 2481.0),
        ("0:41:21", 2481.0),
        ("90:00", 5400.0),
        ("3:10:49", 11_449.0),
        ("0:59", 59.0),
    ];
    for (input, seconds) in cases {
        assert_eq!(parse_time(input), Ok(seconds), "{input}");
    }
}

#[test]
fn parse_time_errors_are_clear() {
    assert_eq!(parse_time(""), Err(ParseError::EmptyTime));
    for input in [
        "41:", ":21", "1:2:3:4", "abc", "-41:21", "41.5:21", "inf", "NaN", "1e3", "41 21", "4:1:",
    ] {
        assert_eq!(
            parse_time(input),
            Err(ParseError::Time(input.to_owned())),
            "{input}"
        );
    }
    assert_eq!(
        parse_time("41:60"),
        Err(ParseError::TimeField("41:60".to_owned()))
    );
    assert!(parse_time("1:60:00").is_err());
    assert_eq!(
        parse_time("0:00"),
        Err(ParseError::TimeZero("0:00".to_owned()))
    );
    assert_eq!(
        parse_time("4x").unwrap_err().to_string(),
        "'4x' is not a time: use h:mm:ss, m:ss or seconds (1:23:45, 41:21, 2481.5)"
    );
}

// ---------------------------------------------------------------------------------------------
// Printing

#[test]
fn durations_and_paces_print_like_a_stopwatch() {
    assert_eq!(format_duration_s(10_687.0), "2:58:07");
    assert_eq!(format_duration_s(2481.0), "41:21");
    assert_eq!(format_duration_s(2481.4), "41:21");
    assert_eq!(format_duration_s(59.6), "1:00");
    assert_eq!(format_duration_s(3599.6), "1:00:00");
    assert_eq!(format_duration_s(0.0), "0:00");
    assert_eq!(format_duration_s(-1.0), "--:--");
    assert_eq!(format_duration_s(f64::NAN), "--:--");
    assert_eq!(format_pace(255.0), "4:15");
    assert_eq!(format_pace(299.6), "5:00");
    assert_eq!(format_pace(f64::INFINITY), "--:--");
}

// ---------------------------------------------------------------------------------------------
// Prediction report

#[test]
fn predict_json_has_the_agreed_shape() {
    // Riegel 11413.09 → 11413.1; VDOT-equivalent 3:10:46.08 → 11446.1; VDOT 49.97 → 50.0.
    let report = predict(10_000.0, 2481.0, &[("marathon", 42_195.0)]);
    let json = serde_json::to_string(&report).unwrap();
    assert_eq!(
        json,
        r#"{"from":{"distance_m":10000,"time_s":2481.0},"vdot":50.0,"predictions":[{"distance":"marathon","distance_m":42195,"riegel_s":11413.1,"vdot_s":11446.1}]}"#
    );
}

#[test]
fn predict_defaults_to_the_standard_distances() {
    let report = predict::<&str>(10_000.0, 2481.0, &[]);
    let codes: Vec<&str> = report
        .predictions
        .iter()
        .map(|p| p.distance.as_str())
        .collect();
    assert_eq!(codes, ["1500", "mile", "5k", "10k", "half", "marathon"]);
    let json = serde_json::to_value(&report).unwrap();
    // The half keeps its half metre; whole distances print as integers.
    assert_eq!(json["predictions"][4]["distance_m"].to_string(), "21097.5");
    assert_eq!(json["predictions"][2]["distance_m"].to_string(), "5000");
    assert_eq!(json["predictions"][1]["distance_m"].to_string(), "1609.344");
    // The 10K predicts itself by both models.
    assert_eq!(report.predictions[3].riegel_s, Some(2481.0));
    assert_eq!(report.predictions[3].vdot_s, Some(2481.0));
}

#[test]
fn predict_accepts_owned_codes_from_the_parser() {
    let metres = parse_distance("3000m").unwrap();
    let targets = vec![(distance_code(metres), metres)];
    let report = predict(5000.0, 1197.0, &targets);
    assert_eq!(report.predictions[0].distance, "3000m");
    assert!(report.predictions[0].vdot_s.unwrap() < 1197.0);
}

#[test]
fn predict_with_absurd_input_reports_nulls() {
    let report = predict(0.0, 0.0, &[("10k", 10_000.0)]);
    assert_eq!(report.vdot, None);
    assert_eq!(report.predictions[0].riegel_s, None);
    assert_eq!(report.predictions[0].vdot_s, None);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains(r#""vdot":null"#), "{json}");
}

// ---------------------------------------------------------------------------------------------
// Best recent VDOT

fn result(date: &str, distance_m: f64, time: &str) -> RaceResult {
    RaceResult {
        date: d(date),
        distance_m,
        time_s: hms(time),
        ..RaceResult::default()
    }
}

#[test]
fn best_recent_vdot_takes_the_best_plausible_result_in_the_window() {
    let today = d("2025-06-01");
    let results = [
        result("2025-05-02", 10_000.0, "41:21"), // 30 days ago: VDOT 49.97
        result("2025-05-22", 5000.0, "20:30"),   // 10 days ago: VDOT 48.4
        result("2024-11-13", 5000.0, "18:00"),   // 200 days ago: outside 90 days
        result("2025-05-25", 10_000.0, "10:00"), // a typo: VDOT far above 90, ignored
        result("2025-06-10", 5000.0, "17:00"),   // in the future, ignored
        RaceResult {
            date: d("2025-05-30"),
            distance_m: 5000.0,
            time_s: f64::NAN,
            ..RaceResult::default()
        },
    ];
    let best = best_recent_vdot(&results, today, 90).unwrap();
    assert_close(best, vdot(10_000.0, 2481.0), 1e-12);
    // The window is inclusive: 30 days still holds the 10K run exactly 30 days ago.
    assert_eq!(best_recent_vdot(&results, today, 30), Some(best));
    // A 20-day window only has the 5K.
    assert_close(
        best_recent_vdot(&results, today, 20).unwrap(),
        vdot(5000.0, 1230.0),
        1e-12,
    );
    assert_eq!(best_recent_vdot(&results, today, 1), None);
    assert_eq!(best_recent_vdot(&results, today, -5), None);
    assert_eq!(best_recent_vdot(&[], today, 90), None);
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #[test]
    fn vdot_round_trip(distance in 1500.0..42_195.0f64, speed in 150.0..400.0f64) {
        // Any realistic race: distance at 150–400 m/min (6:40/km to 2:30/km).
        let time_s = distance / speed * 60.0;
        let t = time_for_vdot(vdot(distance, time_s), distance).unwrap();
        prop_assert!((t - time_s).abs() <= time_s * 1e-9, "{} vs {}", t, time_s);
    }

    #[test]
    fn time_for_vdot_never_panics(v in any::<f64>(), distance in any::<f64>()) {
        if let Some(t) = time_for_vdot(v, distance) {
            prop_assert!(t.is_finite() && t > 0.0);
        }
    }

    #[test]
    fn parsers_never_panic(input in ".{0,24}") {
        if let Ok(m) = parse_distance(&input) {
            prop_assert!(m.is_finite() && m >= 100.0);
        }
        if let Ok(t) = parse_time(&input) {
            prop_assert!(t.is_finite() && t > 0.0);
        }
    }

    #[test]
    fn parsers_never_panic_on_near_misses(input in "[0-9:. kKmMiIlLeEhH-]{0,16}") {
        if let Ok(m) = parse_distance(&input) {
            prop_assert!(m.is_finite() && m >= 100.0);
        }
        if let Ok(t) = parse_time(&input) {
            prop_assert!(t.is_finite() && t > 0.0);
        }
    }

    #[test]
    fn formatted_times_parse_back(seconds in 1u32..360_000) {
        let text = format_duration_s(f64::from(seconds));
        prop_assert_eq!(parse_time(&text), Ok(f64::from(seconds)));
    }
}
