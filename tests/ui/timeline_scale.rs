//! The timeline's pure date ↔ x mapping and hit testing.

use peakline::model::{Phase, PhaseKind, Race, Week};
use peakline::ui::timeline::scale::{
    BOUNDARY_GRAB, Hit, RACE_FLAG_HALF_WIDTH, TimelineRows, TimelineScale, dragged_race_date,
    hit_boundary, hit_race, hit_test, hit_week, race_x,
};
use proptest::prelude::*;

use crate::common::date;

fn scale() -> TimelineScale {
    TimelineScale {
        start: date("2027-01-04"),
        left: 100.0,
        px_per_day: 5.0,
    }
}

#[test]
fn dates_map_to_x_and_back() {
    let s = scale();
    assert_eq!(s.x_from_date(date("2027-01-04")), 100.0);
    assert_eq!(s.x_from_date(date("2027-01-11")), 135.0);
    assert_eq!(
        s.x_from_date(date("2026-12-28")),
        65.0,
        "days before the start"
    );
    assert_eq!(s.date_from_x(100.0), date("2027-01-04"));
    assert_eq!(s.date_from_x(104.9), date("2027-01-04"));
    assert_eq!(s.date_from_x(105.0), date("2027-01-05"));
    assert_eq!(s.date_from_x(99.0), date("2027-01-03"));
    assert_eq!(s.nearest_day_edge(102.4), date("2027-01-04"));
    assert_eq!(s.nearest_day_edge(102.6), date("2027-01-05"));
    assert_eq!(s.px_per_week(), 35.0);
}

proptest! {
    #[test]
    fn x_from_date_and_date_from_x_round_trip(days in -400i64..800, px in 0.5f32..40.0) {
        let s = TimelineScale { start: date("2027-01-04"), left: -50.0, px_per_day: px };
        let d = date("2027-01-04") + chrono::Duration::days(days);
        let x = s.x_from_date(d);
        prop_assert_eq!(s.date_from_x(x + px * 0.5), d);
        prop_assert_eq!(s.nearest_day_edge(x + px * 0.4), d);
    }
}

#[test]
fn hit_testing_finds_weeks_boundaries_and_races() {
    let s = scale();
    let weeks: Vec<Week> = (0..4)
        .map(|i| Week {
            start: date("2027-01-04") + chrono::Duration::days(7 * i),
            ..Week::default()
        })
        .collect();
    assert_eq!(hit_week(&s, &weeks, 101.0), Some(0));
    assert_eq!(hit_week(&s, &weeks, 136.0), Some(1));
    assert_eq!(hit_week(&s, &weeks, 99.0), None);
    assert_eq!(
        hit_week(&s, &weeks, 100.0 + 28.0 * 5.0),
        None,
        "after the last week"
    );

    let phases = vec![
        Phase {
            kind: PhaseKind::Base,
            start: date("2027-01-04"),
            end: date("2027-01-17"),
            rationale: String::new(),
        },
        Phase {
            kind: PhaseKind::Build,
            start: date("2027-01-18"),
            end: date("2027-01-31"),
            rationale: String::new(),
        },
    ];
    let build_x = s.x_from_date(date("2027-01-18"));
    assert_eq!(
        hit_boundary(&s, &phases, build_x + 3.0, 6.0),
        Some((PhaseKind::Build, date("2027-01-18")))
    );
    assert_eq!(hit_boundary(&s, &phases, build_x + 7.0, 6.0), None);
    assert_eq!(
        hit_boundary(&s, &phases, 100.0, 6.0),
        None,
        "the season start is not draggable"
    );

    let races = vec![
        Race {
            name: "a".into(),
            date: date("2027-01-10"),
            ..Race::default()
        },
        Race {
            name: "b".into(),
            date: date("2027-01-24"),
            ..Race::default()
        },
    ];
    assert_eq!(race_x(&s, date("2027-01-10")), 132.5);
    assert_eq!(hit_race(&s, &races, 130.0, 10.0), Some(0));
    assert_eq!(
        hit_race(&s, &races, race_x(&s, date("2027-01-24")) - 4.0, 10.0),
        Some(1)
    );
    assert_eq!(hit_race(&s, &races, 160.0, 10.0), None);
    // Races move in whole weeks so they keep their weekday.
    assert_eq!(
        dragged_race_date(&s, date("2027-01-10"), 36.0),
        date("2027-01-17")
    );
    assert_eq!(
        dragged_race_date(&s, date("2027-01-10"), -16.0),
        date("2027-01-10")
    );
    assert_eq!(
        dragged_race_date(&s, date("2027-01-10"), -20.0),
        date("2027-01-03")
    );
}

#[test]
fn hit_test_picks_by_row_what_is_drawn_there() {
    let s = scale();
    let rows = TimelineRows {
        top: 10.0,
        phase_h: 26.0,
        race_h: 30.0,
        bars_h: 170.0,
    };
    let weeks: Vec<Week> = (0..4)
        .map(|i| Week {
            start: date("2027-01-04") + chrono::Duration::days(7 * i),
            ..Week::default()
        })
        .collect();
    let phases = vec![
        Phase {
            kind: PhaseKind::Base,
            start: date("2027-01-04"),
            end: date("2027-01-17"),
            rationale: String::new(),
        },
        Phase {
            kind: PhaseKind::Build,
            start: date("2027-01-18"),
            end: date("2027-01-31"),
            rationale: String::new(),
        },
    ];
    let races = vec![Race {
        name: "a".into(),
        date: date("2027-01-18"),
        ..Race::default()
    }];
    let boundary_x = s.x_from_date(date("2027-01-18"));
    let phase_y = rows.top + 5.0;
    let race_y = rows.races_top() + 5.0;
    let bar_y = rows.bars_top() + 50.0;
    let hit = |x: f32, y: f32| hit_test(&s, &rows, &phases, &races, &weeks, x, y);
    // The same x is a boundary in the phase row, a race in the race row, a week in the bars.
    assert_eq!(
        hit(boundary_x + BOUNDARY_GRAB - 0.5, phase_y),
        Some(Hit::Boundary(PhaseKind::Build, date("2027-01-18")))
    );
    assert_eq!(hit(boundary_x + 2.0, race_y), Some(Hit::Race(0)));
    assert_eq!(hit(boundary_x + 2.0, bar_y), Some(Hit::Week(2)));
    // Past the grab widths, the rows fall back to the week under the pointer.
    assert_eq!(
        hit(boundary_x + BOUNDARY_GRAB + 1.0, phase_y),
        Some(Hit::Week(2))
    );
    let race_centre = race_x(&s, date("2027-01-18"));
    assert_eq!(
        hit(race_centre + RACE_FLAG_HALF_WIDTH + 1.0, race_y),
        Some(Hit::Week(2))
    );
    // Outside the canvas rows: nothing.
    assert_eq!(hit(boundary_x, rows.top - 1.0), None);
    assert_eq!(hit(boundary_x, rows.bars_bottom() + 1.0), None);
}
