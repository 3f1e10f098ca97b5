//! The engine re-plans on every drag: all three variants of a 52-week season with four
//! races, then what the app shows of them (each draft's warnings and load model, and the
//! comparison built from those), well under a millisecond.

use criterion::{Criterion, criterion_group, criterion_main};
use peakline::engine::adopt::regenerate_variants;
use peakline::engine::compare::compare_variants;

mod common;

use common::season;

/// The app's allocator (see src/main.rs), so the measurement is of what the app runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let (mut plan, today) = season();
    c.bench_function(
        "three variants + warnings + load model, 52 weeks, 4 races",
        |b| {
            // What a drag costs the engine: the app re-drafts the variants (replacing the
            // previous drafts) and compares them (warnings and load model per draft).
            b.iter(|| {
                regenerate_variants(&mut plan, today);
                std::hint::black_box(compare_variants(&plan))
            });
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches, part_benches);

fn parts(c: &mut Criterion) {
    let (mut plan, today) = season();
    c.bench_function("parts: three variants only", |b| {
        b.iter(|| regenerate_variants(&mut plan, today));
    });
    c.bench_function(
        "parts: compare (warnings + load model of three drafts)",
        |b| {
            b.iter(|| std::hint::black_box(compare_variants(&plan)));
        },
    );
}

criterion_group!(part_benches, parts);
