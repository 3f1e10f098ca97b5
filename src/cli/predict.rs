//! `peakline predict 10k=41:21 [--to marathon] [--json]`.

use std::process::ExitCode;

use crate::engine::predict::{
    VDOT_PLAUSIBLE, distance_code, format_duration_s, parse_distance, parse_time, predict,
    training_paces, vdot_checked,
};

pub fn run(result: &str, to: &[String], json: bool) -> ExitCode {
    let Some((distance, time)) = result.split_once('=') else {
        eprintln!("peakline predict: write the result as DISTANCE=TIME, e.g. 10k=41:21");
        return ExitCode::from(2);
    };
    let from_m = match parse_distance(distance) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("peakline predict: {e}");
            return ExitCode::from(2);
        }
    };
    let time_s = match parse_time(time) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("peakline predict: {e}");
            return ExitCode::from(2);
        }
    };
    // A result no human runs (a marathon in a minute, 5 km in a day) is a typo: refuse it
    // rather than print paces from it.
    if vdot_checked(from_m, time_s).is_none() {
        eprintln!(
            "peakline predict: {} in {} is not a plausible race result (its VDOT is outside {:.0}–{:.0}); check the distance and the time (H:MM:SS or MM:SS)",
            distance_code(from_m),
            format_duration_s(time_s),
            VDOT_PLAUSIBLE.start(),
            VDOT_PLAUSIBLE.end()
        );
        return ExitCode::from(2);
    }
    let mut targets = Vec::new();
    for t in to {
        match parse_distance(t) {
            Ok(m) => targets.push((distance_code(m), m)),
            Err(e) => {
                eprintln!("peakline predict: --to {t}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let report = predict(from_m, time_s, &targets);
    if json {
        match serde_json::to_string(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("peakline predict: {e}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    let vdot = report.vdot.map_or("–".to_owned(), |v| format!("{v:.1}"));
    println!(
        "{} in {} ➡ VDOT {vdot}",
        distance_code(from_m),
        format_duration_s(time_s)
    );
    println!("{:<10} {:>10} {:>10}", "distance", "Riegel", "VDOT");
    for p in &report.predictions {
        let show = |t: Option<f64>| t.map_or("–".to_owned(), format_duration_s);
        println!(
            "{:<10} {:>10} {:>10}",
            p.distance,
            show(p.riegel_s),
            show(p.vdot_s)
        );
    }
    if let Some(paces) = report.vdot.and_then(training_paces) {
        use crate::engine::predict::format_pace;
        println!(
            "Training paces /km: easy {}–{}, marathon {}, threshold {}, interval {}, repetition {}",
            format_pace(paces.easy.fast_s_per_km),
            format_pace(paces.easy.slow_s_per_km),
            format_pace(paces.marathon_s_per_km),
            format_pace(paces.threshold_s_per_km),
            format_pace(paces.interval_s_per_km),
            format_pace(paces.repetition_s_per_km)
        );
    }
    ExitCode::SUCCESS
}
