//! Preferences: units change what is shown; they persist as RON in eframe's storage.

use egui_kittest::kittest::Queryable;
use peakline::app::{Prefs, Theme, Units};
use peakline::model::WeekStart;

use super::app_harness;

#[test]
fn switching_to_miles_shows_miles() {
    let mut h = app_harness();
    h.get_by_label_contains("42.2 km");
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Miles (min/mi)").click();
    h.run();
    assert_eq!(h.state().prefs.units, Units::Imperial);
    h.get_by_label_contains("26.2 mi");
    assert!(h.query_by_label_contains("42.2 km").is_none());
}

#[test]
fn prefs_round_trip_through_storage_format() {
    let prefs = Prefs {
        units: Units::Imperial,
        week_start: WeekStart::Sunday,
        theme: Theme::Dark,
        recent_files: vec!["/tmp/a.peakline.ron".into()],
    };
    let text = ron::to_string(&prefs).expect("serializes");
    assert_eq!(ron::from_str::<Prefs>(&text).expect("parses"), prefs);
    // Older or partial stored prefs still load, with defaults.
    assert_eq!(
        ron::from_str::<Prefs>("(units: Imperial)")
            .expect("partial")
            .week_start,
        WeekStart::Monday
    );
}

#[test]
fn new_plans_use_the_preferred_week_start() {
    let plan = peakline::app::new_plan(crate::common::today(), WeekStart::Sunday);
    assert_eq!(plan.season.week_start, WeekStart::Sunday);
    assert_eq!(
        chrono::Datelike::weekday(&plan.season.start),
        chrono::Weekday::Sun
    );
}
