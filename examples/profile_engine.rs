//! Runs the engine benchmark's season many times, for profiling with callgrind.

use chrono::{Days, NaiveDate};
use peakline::engine::analysis::{draft_warnings, season_pmc};
use peakline::engine::{PlanInput, generate_variants};
use peakline::io::examples::EXAMPLES;
use peakline::model::{Plan, Priority, Race};

fn race(name: &str, date: NaiveDate, km: f64, priority: Priority) -> Race {
    Race {
        name: name.to_owned(),
        date,
        distance_km: km,
        priority,
        ..Race::default()
    }
}

fn main() {
    let mut plan: Plan = EXAMPLES[4].load().unwrap_or_default();
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
    let today = start - Days::new(5);
    if std::env::args().nth(1).as_deref() == Some("dump") {
        // Every draft in full, to compare before and after a change.
        let drafts = generate_variants(&PlanInput::from_plan(&plan, today));
        let warnings: Vec<_> = drafts.iter().map(|d| draft_warnings(&plan, d)).collect();
        println!("{drafts:#?}\n{warnings:#?}");
        return;
    }
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let mut total = 0;
    if std::env::args().nth(2).as_deref() == Some("parts") {
        let t = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(generate_variants(&PlanInput::from_plan(&plan, today)));
        }
        println!("generate_variants: {:?}", t.elapsed() / runs as u32);
        let drafts = generate_variants(&PlanInput::from_plan(&plan, today));
        let t = std::time::Instant::now();
        for _ in 0..runs {
            for d in &drafts {
                total += draft_warnings(&plan, d).len();
                total += season_pmc(&d.weeks, d.pmc_start, &plan).len();
            }
        }
        println!("warnings + pmc: {:?}", t.elapsed() / runs as u32);
    }
    for _ in 0..runs {
        let drafts = generate_variants(&PlanInput::from_plan(&plan, today));
        for d in &drafts {
            total += draft_warnings(&plan, d).len();
            total += season_pmc(&d.weeks, d.pmc_start, &plan).len();
        }
        std::hint::black_box(&drafts);
    }
    println!("{total}");
}
