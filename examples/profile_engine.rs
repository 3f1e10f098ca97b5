//! Runs the engine benchmark's season many times, for profiling with callgrind.

use std::time::Instant;

use peakline::engine::adopt::regenerate_variants;
use peakline::engine::analysis::draft_warnings;
use peakline::engine::compare::compare_variants;
use peakline::engine::{PlanInput, generate_variants};

#[path = "../benches/common/mod.rs"]
mod common;

/// The app's allocator (see src/main.rs), so the measurement is of what the app runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (mut plan, today) = common::season();
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
    let per_run = |t: Instant| t.elapsed() / u32::try_from(runs.max(1)).unwrap_or(u32::MAX);
    if std::env::args().nth(2).as_deref() == Some("parts") {
        let t = Instant::now();
        for _ in 0..runs {
            regenerate_variants(&mut plan, today);
        }
        println!("three variants: {:?}", per_run(t));
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(compare_variants(&plan));
        }
        println!("compare: {:?}", per_run(t));
    }
    // What the benchmark measures: a re-plan and the comparison the app shows of it.
    let t = Instant::now();
    for _ in 0..runs {
        drag(&mut plan, today);
    }
    println!("re-plan + compare: {:?}", per_run(t));
}

/// One re-plan and the comparison, as a function of its own so that a profiler can collect
/// exactly this (`valgrind --tool=callgrind --toggle-collect='*profile_engine::drag'`).
#[inline(never)]
fn drag(plan: &mut peakline::model::Plan, today: chrono::NaiveDate) {
    regenerate_variants(plan, today);
    std::hint::black_box(compare_variants(plan));
}
