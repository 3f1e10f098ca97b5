//! The engine re-plans on every drag: all three variants of a 52-week season with four
//! races, their warnings and the load model, well under a millisecond.

use criterion::{Criterion, criterion_group, criterion_main};
use peakline::engine::analysis::{draft_warnings, season_pmc};
use peakline::engine::{PlanInput, generate_variants};

mod common;

use common::season;

/// The app's allocator (see src/main.rs), so the measurement is of what the app runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
