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

/// A new season (weeks per `week_start`) with one A race, the moderate variant adopted.
fn fresh_plan(week_start: WeekStart) -> peakline::model::Plan {
    use peakline::app::{Document, Edit, Role};
    use peakline::model::{Priority, Race, Reason, ReasonPick, VariantKind};
    let today = crate::common::today();
    let mut doc = Document::new(peakline::app::new_plan(today, week_start), None);
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let reason = Reason::new(Some(ReasonPick::CoachJudgement), "season set-up");
    doc.apply(
        &Edit::AddRace(Race {
            name: "Lakeside Half".to_owned(),
            date: crate::common::date("2027-05-02"),
            distance_km: 21.0975,
            priority: Priority::A,
            ..Race::default()
        }),
        &reason,
        Role::Coach,
        now,
        today,
    )
    .expect("race added");
    doc.apply(
        &Edit::Adopt {
            variant: VariantKind::Moderate,
            keep: peakline::engine::adopt::KeepPolicy::KeepCoachWeeks,
        },
        &reason,
        Role::Coach,
        now,
        today,
    )
    .expect("adopted");
    doc.plan().clone()
}

fn open_plan(
    h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>,
    plan: peakline::model::Plan,
) {
    h.state_mut()
        .set_document(peakline::app::Document::new(plan, None));
    h.run();
}

#[test]
fn the_week_editor_lays_out_a_sunday_plan_sunday_first() {
    let plan = fresh_plan(WeekStart::Sunday);
    let first = plan.weeks()[0].start;
    assert_eq!(chrono::Datelike::weekday(&first), chrono::Weekday::Sun);
    let mut h = app_harness();
    open_plan(&mut h, plan);
    h.state_mut().view.selected_week = Some(first);
    h.get_by_label("Week").click();
    h.run();
    let header = |d: chrono::NaiveDate| {
        h.get_by_label(&d.format("%a %-d %b").to_string())
            .rect()
            .left()
    };
    let columns: Vec<f32> = (0..7)
        .map(|i| header(first + chrono::Days::new(i)))
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] < w[1]),
        "Sunday to Saturday, left to right: {columns:?}"
    );
    assert!(
        h.query_by_label(
            &(first - chrono::Days::new(1))
                .format("%a %-d %b")
                .to_string()
        )
        .is_none(),
        "the Saturday before belongs to the week before"
    );
}

#[test]
fn the_preference_is_for_new_plans_and_leaves_the_open_plan_alone() {
    let mut h = app_harness();
    let before = h.state().doc.plan().clone();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Weeks of new plans start on");
    h.get_by_label("Sunday (new plans)").click();
    h.run();
    assert_eq!(h.state().prefs.week_start, WeekStart::Sunday);
    assert_eq!(
        h.state().doc.plan(),
        &before,
        "the open plan keeps its weeks"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn changing_a_plans_week_start_re_plans_its_weeks_as_one_undo_step() {
    let plan = fresh_plan(WeekStart::Monday);
    let mut h = app_harness();
    open_plan(&mut h, plan.clone());
    h.get_by_label("Season").click();
    h.run();
    h.get_by_label("Sunday").click();
    h.run();
    h.get_by_label("Why this change?");
    assert_eq!(
        h.state().doc.plan(),
        &plan,
        "nothing changes before the reason"
    );
    h.get_by_label("Athlete preference").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();

    let after = h.state().doc.plan().clone();
    assert_eq!(after.season.week_start, WeekStart::Sunday);
    let adopted = after.plan.as_ref().expect("adopted");
    assert!(
        adopted
            .weeks
            .iter()
            .chain(&adopted.baseline)
            .all(|w| chrono::Datelike::weekday(&w.start) == chrono::Weekday::Sun),
        "every week and the baseline start on Sunday"
    );
    assert_eq!(
        adopted.weeks[0].start,
        plan.weeks()[0].start - chrono::Days::new(1),
        "the first week starts the Sunday before"
    );
    assert!(peakline::model::validate(&after).is_empty());
    assert!(matches!(
        after.change_log.last().map(|e| &e.change),
        Some(peakline::model::Change::WeekStartChanged {
            before: WeekStart::Monday,
            after: WeekStart::Sunday
        })
    ));
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &plan);
}

#[test]
fn a_plan_with_lived_or_approved_weeks_keeps_its_week_start() {
    use peakline::app::{Edit, EditError};
    use peakline::model::{Reason, ReasonPick};
    let mut h = app_harness();
    // The demo's season began before today.
    let demo = h.state().doc.plan().clone();
    assert!(peakline::app::week_start_locked(&demo, crate::common::today()).is_some());
    h.get_by_label_contains("Fixed: the week of 26 Oct 2026 has begun");
    let reason = Reason::new(Some(ReasonPick::CoachJudgement), "try");
    assert!(
        !h.state_mut()
            .apply_edit(&Edit::SetWeekStart(WeekStart::Sunday), &reason)
    );
    assert_eq!(h.state().doc.plan(), &demo);

    // A fresh plan with one approved week: locked too, and says which week.
    let mut plan = fresh_plan(WeekStart::Monday);
    let approved = plan.weeks()[2].start;
    let mut doc = peakline::app::Document::new(plan.clone(), None);
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    doc.apply(
        &Edit::ApproveWeek(approved),
        &reason,
        peakline::app::Role::Coach,
        now,
        crate::common::today(),
    )
    .expect("approves");
    plan = doc.plan().clone();
    let err = doc.apply(
        &Edit::SetWeekStart(WeekStart::Sunday),
        &reason,
        peakline::app::Role::Coach,
        now,
        crate::common::today(),
    );
    assert!(
        matches!(&err, Err(EditError::WeekStartLocked(why)) if why.contains("approved")),
        "{err:?}"
    );
    assert_eq!(doc.plan(), &plan);
}
