//! GUI tests: the real app driven headlessly with `egui_kittest`, by accessible label.

mod athlete;
mod athlete_panel;
mod autosave;
mod compare_plots;
mod dashboard;
mod prefs;
mod reviews;
mod shell;
mod timeline_scale;
mod undo;
mod workspace;

use egui_kittest::Harness;
use peakline::app::{AppOptions, PeaklineApp};

/// The app on the demo with a fixed today, as every GUI test starts it.
pub fn app_harness() -> Harness<'static, PeaklineApp> {
    app_harness_with(AppOptions::for_tests(crate::common::today()))
}

pub fn app_harness_with(options: AppOptions) -> Harness<'static, PeaklineApp> {
    let mut harness = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| PeaklineApp::new(cc, options));
    harness.run();
    harness
}
