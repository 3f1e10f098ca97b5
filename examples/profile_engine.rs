//! Runs the engine benchmark's season many times, for profiling with callgrind.

use peakline::engine::analysis::{draft_warnings, season_pmc};
use peakline::engine::{PlanInput, generate_variants};

#[path = "../benches/common/mod.rs"]
mod common;

/// The app's allocator (see src/main.rs), so the measurement is of what the app runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (plan, today) = common::season();
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
