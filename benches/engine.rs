//! The engine re-plans on every drag: all three variants of a 52-week season with four
//! races, their warnings and the load model, well under a millisecond.

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use peakline::engine::analysis::{draft_warnings, season_pmc};
use peakline::engine::{PlanInput, generate_variants};
use peakline::io::examples::EXAMPLES;
use peakline::model::{Plan, Priority, Race};

/// The multi-race example stretched to a 52-week season with four races.
fn season() -> (Plan, NaiveDate) {
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

fn bench(c: &mut Criterion) {
    let (plan, today) = season();
    c.bench_function(
        "three variants + warnings + load model, 52 weeks, 4 races",
        |b| {
            b.iter(|| {
                let drafts = generate_variants(&PlanInput::from_plan(&plan, today));
                let mut warnings = 0;
                let mut days = 0;
                for d in &drafts {
                    warnings += draft_warnings(&plan, d).len();
                    days += season_pmc(&d.weeks, d.pmc_start, &plan).len();
                }
                std::hint::black_box((drafts, warnings, days))
            });
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches, part_benches);

fn parts(c: &mut Criterion) {
    let (plan, today) = season();
    c.bench_function("parts: generate_variants only", |b| {
        b.iter(|| std::hint::black_box(generate_variants(&PlanInput::from_plan(&plan, today))));
    });
    let drafts = generate_variants(&PlanInput::from_plan(&plan, today));
    c.bench_function("parts: warnings of three drafts", |b| {
        b.iter(|| {
            std::hint::black_box(
                drafts
                    .iter()
                    .map(|d| draft_warnings(&plan, d).len())
                    .sum::<usize>(),
            )
        });
    });
}

criterion_group!(part_benches, parts);
