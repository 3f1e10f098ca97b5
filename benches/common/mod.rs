//! The benchmark season, shared by `benches/engine.rs` and `examples/profile_engine.rs` so the
//! profile measures exactly what the benchmark does.

use chrono::{Days, NaiveDate};
use peakline::io::examples::EXAMPLES;
use peakline::model::{Plan, Priority, Race};

/// The multi-race example stretched to a 52-week season with four races.
pub fn season() -> (Plan, NaiveDate) {
    let mut plan = EXAMPLES[4].load().unwrap_or_default();
    let start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
    plan.season.start = start;
    plan.season.end = start + Days::new(7 * 52 - 1);
    plan.races = vec![
        race(
            "Spring half",
            start + Days::new(7 * 17 - 1),
            21.0975,
            Priority::A,
        ),
        race(
            "Summer 10K",
            start + Days::new(7 * 27 - 1),
            10.0,
            Priority::B,
        ),
        race("Track 5K", start + Days::new(7 * 35 - 2), 5.0, Priority::C),
        race(
            "Autumn marathon",
            start + Days::new(7 * 45 - 1),
            42.195,
            Priority::A,
        ),
    ];
    (plan, start - Days::new(5))
}

fn race(name: &str, date: NaiveDate, km: f64, priority: Priority) -> Race {
    Race {
        name: name.to_owned(),
        date,
        distance_km: km,
        priority,
        ..Race::default()
    }
}
