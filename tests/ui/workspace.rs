//! The coach workspace driven by label: week editor with reasons, undo/redo, approve and
//! re-plan, the race dialog, and dragging a phase boundary as one undo step.

use eframe::egui;
use egui_kittest::kittest::Queryable;
use peakline::model::{Change, PhaseKind, ReasonPick, SessionType, WeekStatus};

use super::app_harness;
use crate::common::date;

/// Answers the reason prompt a released timeline drag opens, with a quick pick.
fn say_why(h: &mut egui_kittest::Harness<'static, peakline::app::PeaklineApp>, pick: &str) {
    h.get_by_label("Why this change?");
    h.get_by_label(pick).click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
}

#[test]
fn editing_a_session_asks_why_logs_it_and_undoes_exactly() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();

    let log_len = original.change_log.len();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    assert_eq!(h.state().view.selected_week, Some(date("2026-12-07")));
    h.get_by_label_contains("Edit Threshold on").click();
    h.run();
    h.get_by_label("Edit session");
    let before = original
        .sessions()
        .find(|s| s.date == date("2026-12-08") && s.kind == SessionType::Threshold)
        .expect("the demo's Tuesday threshold")
        .clone();

    h.get_by_label("Duration (min)").click();
    h.run();
    h.get_by_label("Duration (min)").type_text("40");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Apply…").click();
    h.run();

    // The reason prompt: nothing is recorded until a reason is given.
    h.get_by_label("Why this change?");
    assert_eq!(h.state().doc.plan(), &original);
    h.get_by_label("Fatigue").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();

    let plan = h.state().doc.plan().clone();
    assert_eq!(plan.change_log.len(), log_len + 1, "exactly one entry");
    let entry = plan.change_log.last().expect("logged");
    let Change::SessionEdited { before: b, after } = &entry.change else {
        panic!("unexpected {:?}", entry.change)
    };
    assert_eq!(b, &before);
    assert_eq!(after.duration_min, 40.0);
    assert!(after.edited);
    assert_eq!(entry.reason.pick, Some(ReasonPick::Fatigue));
    assert_eq!(entry.week, Some(date("2026-12-07")));
    assert_eq!(plan.session(before.id).expect("kept").duration_min, 40.0);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.plan(),
        &original,
        "undo restores the exact previous plan"
    );
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(h.state().doc.plan(), &plan, "redo re-applies");
    // Ctrl+Y redoes too.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &original);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().doc.plan(), &plan, "Ctrl+Y re-applies");
    assert_eq!(h.state().doc.plan().change_log.len(), log_len + 1);
}

#[test]
fn approved_weeks_survive_a_re_plan_and_a_new_race_gets_a_taper() {
    let mut h = app_harness();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    h.get_by_label("✔ Approve week").click();
    h.run();
    let approved = h
        .state()
        .doc
        .plan()
        .week_containing(date("2026-12-07"))
        .expect("week")
        .clone();
    assert_eq!(approved.status, WeekStatus::Approved);
    let draft_before = h
        .state()
        .doc
        .plan()
        .week_containing(date("2026-12-14"))
        .cloned();

    // Add an A race early in the season through the dialog: the draft re-plans around it.
    h.get_by_label("Season").click();
    h.run();
    h.get_by_label("➕ Add race…").click();
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Winter 10K Championship");
    h.get_by_label("Date").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Date").type_text("2027-01-31");
    h.get_by_label("10K").click();
    h.get_by_role_and_label(egui::Role::RadioButton, "A")
        .click();
    h.run();
    h.get_by_role_and_label(egui::Role::Button, "Add race")
        .click();
    h.run();
    // Like any change to the plan, the race asks why first.
    h.get_by_label("Why this change?");
    assert!(
        !h.state()
            .doc
            .plan()
            .races
            .iter()
            .any(|r| r.name == "Winter 10K Championship")
    );
    h.get_by_label("Coach judgement").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }

    let plan = h.state().doc.plan();
    assert!(
        plan.races
            .iter()
            .any(|r| r.name == "Winter 10K Championship")
    );
    assert!(
        plan.season
            .phases
            .iter()
            .any(|p| p.kind == PhaseKind::Taper && p.end == date("2027-01-30")),
        "a taper now ends the day before the new race: {:?}",
        plan.season.phases
    );
    assert_eq!(
        plan.week_containing(date("2026-12-07")),
        Some(&approved),
        "approved week kept"
    );
    assert_ne!(
        plan.week_containing(date("2026-12-14")).cloned(),
        draft_before,
        "draft weeks re-planned"
    );
    // Adding the race and re-planning is one undo step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        !h.state()
            .doc
            .plan()
            .races
            .iter()
            .any(|r| r.name == "Winter 10K Championship")
    );
}

#[test]
fn dragging_a_phase_boundary_replans_as_one_undo_step() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    let log_len = original.change_log.len();
    let handle = h.get_by_label_contains("Race-specific start").rect();
    let week_px = {
        let a = h.get_by_label_contains("Week of 4 Jan 2027").rect();
        let b = h.get_by_label_contains("Week of 11 Jan 2027").rect();
        b.center().x - a.center().x
    };
    let from = handle.center();
    let to = from + egui::vec2(2.0 * week_px, 0.0);
    h.drag_at(from);
    h.run();
    for step in 1..=4 {
        h.hover_at(from + egui::vec2(step as f32 * week_px / 2.0, 0.0));
        h.run();
    }
    assert!(h.state().view.timeline.drag.is_some(), "dragging");
    assert_eq!(
        h.state().doc.plan(),
        &original,
        "nothing is committed while dragging"
    );
    h.drop_at(to);
    h.run();
    // Released: the move waits for its reason; the timeline still shows the re-plan.
    assert_eq!(h.state().doc.plan(), &original, "nothing before the reason");
    assert!(
        h.state()
            .view
            .timeline
            .drag
            .as_ref()
            .is_some_and(|d| d.awaiting_reason && d.preview.is_some())
    );
    say_why(&mut h, "Athlete preference");

    let plan = h.state().doc.plan();
    let specific = plan
        .season
        .phases
        .iter()
        .find(|p| p.kind == PhaseKind::Specific)
        .expect("specific");
    let was = original
        .season
        .phases
        .iter()
        .find(|p| p.kind == PhaseKind::Specific)
        .expect("specific");
    assert_eq!(
        (specific.start - was.start).num_days(),
        14,
        "moved two weeks later"
    );
    assert_eq!(plan.change_log.len(), log_len + 1, "one change-log entry");
    assert!(matches!(
        plan.change_log.last().map(|e| &e.change),
        Some(Change::PhaseMoved {
            kind: PhaseKind::Specific,
            ..
        })
    ));
    assert_eq!(
        plan.change_log.last().and_then(|e| e.reason.pick),
        Some(ReasonPick::AthletePreference)
    );
    assert!(h.state().view.timeline.drag.is_none(), "the drag is over");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.plan(),
        &original,
        "one undo reverts the whole drag"
    );
}

#[test]
fn the_new_season_wizard_drafts_and_opens_a_season() {
    let mut h = app_harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("New season");
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Sam Okoro");
    h.get_by_label("Next ▶").click();
    h.run();
    // Races: one A race.
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Lakeside Half");
    h.get_by_label("Date").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Date").type_text("2027-05-02");
    // The first race is the A race unless the coach says otherwise; quick picks set the
    // distance exactly, as in the race dialog.
    h.get_by_label("Half").click();
    h.run();
    h.get_by_label("➕ Add this race").click();
    h.run();
    // A second race starts as a B race.
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Spring 10K");
    h.get_by_label("Date").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Date").type_text("2027-04-04");
    h.get_by_label("10K").click();
    h.run();
    h.get_by_label("➕ Add this race").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Start with Moderate").click();
    h.run();
    let plan = h.state().doc.plan();
    assert_eq!(plan.athlete.name, "Sam Okoro");
    let races: Vec<_> = plan
        .races
        .iter()
        .map(|r| (r.name.as_str(), r.distance_km, r.priority))
        .collect();
    assert_eq!(
        races,
        [
            ("Spring 10K", 10.0, peakline::model::Priority::B),
            ("Lakeside Half", 21.0975, peakline::model::Priority::A),
        ]
    );
    let adopted = plan.plan.as_ref().expect("adopted");
    assert_eq!(adopted.variant, peakline::model::VariantKind::Moderate);
    assert!(
        plan.season
            .phases
            .iter()
            .any(|p| p.kind == PhaseKind::Taper)
    );
    assert!(h.state().doc.is_dirty(), "a new season is unsaved");
}

/// Adds a race through the race dialog (Season tab), giving a reason when asked, and
/// returns whether the re-plan conflicts prompt is showing afterwards.
fn add_race_through_dialog(
    h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>,
    name: &str,
    date_text: &str,
    priority: &str,
) -> bool {
    h.get_by_label("Season").click();
    h.run();
    h.get_by_label("➕ Add race…").click();
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text(name);
    h.get_by_label("Date").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Date").type_text(date_text);
    h.get_by_label("5K").click();
    h.get_by_role_and_label(egui::Role::RadioButton, priority)
        .click();
    h.run();
    h.get_by_role_and_label(egui::Role::Button, "Add race")
        .click();
    h.run();
    if h.query_by_label("Why this change?").is_some() {
        h.get_by_label("Coach judgement").click();
        h.run();
        h.get_by_label("Record change").click();
        h.run();
    }
    h.query_by_label("Re-plan conflicts with your weeks")
        .is_some()
}

/// Deletes the demo's Tuesday threshold of the week of 7 Dec 2026 through the week editor.
fn delete_the_tuesday_threshold(
    h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>,
) -> peakline::model::Session {
    let session = h
        .state()
        .doc
        .plan()
        .sessions()
        .find(|s| s.date == date("2026-12-08") && s.kind == SessionType::Threshold)
        .expect("the demo's Tuesday threshold")
        .clone();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    h.get_by_label("Delete Threshold on Tue 8 Dec").click();
    h.run();
    h.get_by_label("Why this change?");
    h.get_by_label("Niggle / pain").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    assert!(
        h.state().doc.plan().session(session.id).is_none(),
        "deleted"
    );
    session
}

fn week_of(
    h: &egui_kittest::Harness<'_, peakline::app::PeaklineApp>,
    d: &str,
) -> peakline::model::Week {
    h.state()
        .doc
        .plan()
        .week_containing(date(d))
        .expect("week")
        .clone()
}

#[test]
fn a_deleted_session_stays_deleted_through_every_kind_of_re_plan() {
    let mut h = app_harness();
    let deleted = delete_the_tuesday_threshold(&mut h);
    let edited_week = week_of(&h, "2026-12-07");
    assert!(edited_week.coach_edited, "the week remembers the removal");
    let gone = |h: &egui_kittest::Harness<'_, peakline::app::PeaklineApp>| {
        !h.state()
            .doc
            .plan()
            .sessions()
            .any(|s| s.date == deleted.date && s.kind == deleted.kind)
    };

    // 1. Re-plan drafts from the timeline.
    h.get_by_label("Season").click();
    h.run();
    let log_len = h.state().doc.plan().change_log.len();
    h.get_by_label("⟳ Re-plan drafts").click();
    h.run();
    assert_eq!(h.state().doc.plan().change_log.len(), log_len + 1);
    assert!(gone(&h), "re-plan drafts keeps the deletion");
    assert_eq!(week_of(&h, "2026-12-07"), edited_week);

    // 2. A new race re-plans the drafts around it.
    if add_race_through_dialog(&mut h, "Spring 5K", "2027-02-28", "C") {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    assert!(
        h.state()
            .doc
            .plan()
            .races
            .iter()
            .any(|r| r.name == "Spring 5K")
    );
    assert!(gone(&h), "adding a race keeps the deletion");
    assert_eq!(week_of(&h, "2026-12-07"), edited_week);

    // 3. Dragging a phase boundary re-plans too.
    h.get_by_label("Season").click();
    h.run();
    drag_race_specific_start(&mut h, 1.0);
    h.run();
    say_why(&mut h, "Coach judgement");
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    assert!(matches!(
        h.state().doc.plan().change_log.last().map(|e| &e.change),
        Some(Change::PhaseMoved { .. })
    ));
    assert!(gone(&h), "dragging a boundary keeps the deletion");
    assert_eq!(week_of(&h, "2026-12-07"), edited_week);
}

#[test]
fn moving_a_session_to_another_week_marks_both_weeks_as_the_coachs() {
    use peakline::app::{Edit, Role};
    use peakline::engine::adopt::KeepPolicy;
    use peakline::model::Reason;
    let mut doc = peakline::app::Document::new(crate::common::marathoner(), None);
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let reason = Reason::new(Some(ReasonPick::Travel), "away on Sunday");
    let long = doc
        .plan()
        .week_containing(date("2026-12-07"))
        .and_then(|w| w.sessions.iter().find(|s| s.kind == SessionType::Long))
        .expect("a long run")
        .clone();
    let mut moved = long.clone();
    moved.date = date("2026-12-14");
    doc.apply(
        &Edit::UpdateSession(moved),
        &reason,
        Role::Coach,
        now,
        crate::common::today(),
    )
    .expect("moves");
    let from = doc
        .plan()
        .week_containing(date("2026-12-07"))
        .expect("week")
        .clone();
    let to = doc
        .plan()
        .week_containing(date("2026-12-14"))
        .expect("week")
        .clone();
    assert!(from.coach_edited && to.coach_edited);
    doc.apply(
        &Edit::Replan(KeepPolicy::KeepCoachWeeks),
        &reason,
        Role::Coach,
        now,
        crate::common::today(),
    )
    .expect("re-plans");
    assert_eq!(
        doc.plan().week_containing(date("2026-12-07")),
        Some(&from),
        "the long run does not come back to the week it left"
    );
    assert_eq!(doc.plan().week_containing(date("2026-12-14")), Some(&to));
}

#[test]
fn a_re_plan_that_puts_a_race_in_an_approved_week_asks_and_keep_my_weeks_keeps_it() {
    let mut h = app_harness();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    h.get_by_label("✔ Approve week").click();
    h.run();
    let approved = week_of(&h, "2026-12-07");
    let before_race = h.state().doc.plan().clone();

    assert!(
        add_race_through_dialog(&mut h, "Club 5K", "2026-12-12", "C"),
        "a race inside an approved week is a conflict"
    );
    let conflicts = h.state().conflicts.clone();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].week, date("2026-12-07"));
    assert!(
        conflicts[0].message.contains("Club 5K (C) on Sat 12 Dec"),
        "says what differs: {}",
        conflicts[0].message
    );
    h.get_by_label_contains("Club 5K (C) on Sat 12 Dec");
    let after_race = h.state().doc.plan().clone();

    h.get_by_label("Keep my weeks").click();
    h.run();
    assert!(
        h.query_by_label("Re-plan conflicts with your weeks")
            .is_none()
    );
    assert!(h.state().conflicts.is_empty());
    assert_eq!(h.state().doc.plan(), &after_race, "keeping costs no edit");
    assert_eq!(
        week_of(&h, "2026-12-07"),
        approved,
        "the approved week stays"
    );
    // Adding the race (with its re-plan) is the one undo step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &before_race);
}

#[test]
fn use_the_new_draft_replaces_the_conflicting_week_as_one_undo_step() {
    let mut h = app_harness();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    h.get_by_label("✔ Approve week").click();
    h.run();
    assert!(add_race_through_dialog(
        &mut h,
        "Club 5K",
        "2026-12-12",
        "C"
    ));
    let after_race = h.state().doc.plan().clone();
    let log_len = after_race.change_log.len();

    h.get_by_label("Use the new draft for these weeks").click();
    h.run();
    assert!(h.state().conflicts.is_empty());
    let week = week_of(&h, "2026-12-07");
    assert_eq!(week.status, WeekStatus::Draft, "the draft's week, not mine");
    assert!(
        week.sessions
            .iter()
            .any(|s| s.kind == SessionType::Race && s.date == date("2026-12-12")),
        "the new draft's week races on Saturday"
    );
    let plan = h.state().doc.plan();
    assert_eq!(plan.change_log.len(), log_len + 1, "one change-log entry");
    assert!(matches!(
        plan.change_log.last().map(|e| &e.change),
        Some(Change::Replanned { changed_weeks, .. }) if changed_weeks == &vec![date("2026-12-07")]
    ));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &after_race, "one undo step");
}

#[test]
fn a_kept_week_whose_load_no_longer_fits_the_new_draft_is_a_conflict_once() {
    use peakline::app::{Edit, Role};
    use peakline::engine::adopt::KeepPolicy;
    use peakline::model::Reason;
    let mut doc = peakline::app::Document::new(crate::common::marathoner(), None);
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let today = crate::common::today();
    let reason = Reason::new(Some(ReasonPick::CoachJudgement), "test");
    let week = date("2026-12-07");
    doc.apply(&Edit::ApproveWeek(week), &reason, Role::Coach, now, today)
        .expect("approves");
    // Nothing the draft depends on changed: the approved week fits.
    let same = doc
        .apply(
            &Edit::Replan(KeepPolicy::KeepCoachWeeks),
            &reason,
            Role::Coach,
            now,
            today,
        )
        .expect("re-plans");
    assert!(same.conflicts.is_empty(), "{:?}", same.conflicts);

    // The athlete runs much more now: the new draft's week is far heavier than the approved one.
    let mut athlete = doc.plan().athlete.clone();
    athlete.weekly_volume_km *= 1.6;
    athlete.longest_recent_run_km *= 1.4;
    doc.apply(
        &Edit::SetAthlete(Box::new(athlete)),
        &reason,
        Role::Coach,
        now,
        today,
    )
    .expect("saves");
    let replanned = doc
        .apply(
            &Edit::Replan(KeepPolicy::KeepCoachWeeks),
            &reason,
            Role::Coach,
            now,
            today,
        )
        .expect("re-plans");
    let conflict = replanned
        .conflicts
        .iter()
        .find(|c| c.week == week)
        .unwrap_or_else(|| panic!("approved week conflicts: {:?}", replanned.conflicts));
    assert!(
        conflict.message.contains("(approved)") && conflict.message.contains("ramp step"),
        "says the load differs by more than the cap: {}",
        conflict.message
    );
    let draft_load = doc
        .plan()
        .variants
        .moderate
        .as_ref()
        .and_then(|d| d.weeks.iter().find(|w| w.start == week))
        .expect("draft week")
        .training_load_au();
    let kept = doc.plan().week_containing(week).expect("week");
    assert_eq!(
        kept.status,
        WeekStatus::Approved,
        "kept until the coach decides"
    );
    assert!(
        (kept.training_load_au() / draft_load - 1.0).abs() > 0.08,
        "the difference is more than the moderate cap"
    );
    // Asked once: the same draft again raises nothing new.
    let again = doc
        .apply(
            &Edit::Replan(KeepPolicy::KeepCoachWeeks),
            &reason,
            Role::Coach,
            now,
            today,
        )
        .expect("re-plans");
    assert!(again.conflicts.is_empty(), "{:?}", again.conflicts);
}

#[test]
fn clicking_a_warning_opens_its_week_with_the_day_highlighted_and_season_warnings_the_timeline() {
    use peakline::app::Edit;
    use peakline::model::{Guardrails, Priority, Reason};
    let mut h = app_harness();
    let reason = Reason::new(Some(ReasonPick::CoachJudgement), "test");
    // A tight long-run share makes day warnings (on the long runs); no A race is season-wide.
    let guardrails = Guardrails {
        max_long_run_share_pct: 15.0,
        ..h.state().doc.plan().guardrails.clone()
    };
    assert!(
        h.state_mut()
            .apply_edit(&Edit::SetGuardrails(guardrails), &reason)
    );
    let (index, mut race) = h
        .state()
        .doc
        .plan()
        .races
        .iter()
        .enumerate()
        .find(|(_, r)| r.priority == Priority::A)
        .map(|(i, r)| (i, r.clone()))
        .expect("an A race");
    race.priority = Priority::B;
    assert!(
        h.state_mut()
            .apply_edit(&Edit::UpdateRace { index, race }, &reason)
    );
    h.run();
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    let warnings = peakline::engine::analysis::plan_figures(h.state().doc.plan()).warnings;
    let day_warning = warnings
        .iter()
        .find(|w| w.code == "long_run_share" && w.week.is_some() && w.date != w.week)
        .expect("a long run over the share")
        .clone();
    assert!(
        warnings
            .iter()
            .any(|w| w.week.is_none() && w.date.is_none())
    );
    let day = day_warning.date.expect("dated");

    h.get(
        egui_kittest::kittest::By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Warnings"),
    )
    .click();
    h.run();
    h.query_all_by_label(&day.format("%a %-d %b").to_string())
        .next()
        .expect("the warning's day link")
        .click();
    h.run();
    let view = &h.state().view;
    assert_eq!(view.tab, peakline::ui::Tab::Week);
    assert_eq!(view.selected_week, day_warning.week);
    assert_eq!(view.selected_day, Some(day), "the day is highlighted too");
    h.get_by_label_contains(&format!(
        "Week of {}",
        day_warning.week.expect("week").format("%-d %b %Y")
    ));

    h.get(
        egui_kittest::kittest::By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Warnings"),
    )
    .click();
    h.run();
    h.get_by_label("season").click();
    h.run();
    assert_eq!(h.state().view.tab, peakline::ui::Tab::Season);
}

#[test]
fn arrow_keys_walk_weeks_on_the_timeline_and_days_and_sessions_in_the_week() {
    use peakline::app::Edit;
    use peakline::model::{Reason, Session};
    let mut h = app_harness();
    // Tuesday 8 Dec gets a second session after the threshold.
    let extra = Session {
        date: date("2026-12-08"),
        kind: SessionType::Easy,
        duration_min: 25.0,
        rpe: 3.0,
        ..Session::default()
    };
    assert!(h.state_mut().apply_edit(
        &Edit::AddSession(extra),
        &Reason::new(Some(ReasonPick::AthletePreference), "double day")
    ));
    h.run();
    let tuesday: Vec<_> = h
        .state()
        .doc
        .plan()
        .sessions()
        .filter(|s| s.date == date("2026-12-08"))
        .map(|s| (s.id, s.kind))
        .collect();
    assert_eq!(tuesday.len(), 2);
    assert_eq!(tuesday[0].1, SessionType::Threshold);

    // Timeline: Right starts at today's week, then steps; Left steps back; Enter opens.
    let press = |h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>, key| {
        h.key_press(key);
        h.run();
    };
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().view.selected_week, Some(date("2026-11-23")));
    for _ in 0..3 {
        press(&mut h, egui::Key::ArrowRight);
    }
    press(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().view.selected_week, Some(date("2026-12-07")));
    press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().view.tab, peakline::ui::Tab::Week);
    h.get_by_label_contains("Week of 7 Dec 2026");

    // Week editor: Right picks the first day, then the next; the day's first session is ready.
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().view.selected_day, Some(date("2026-12-07")));
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().view.selected_day, Some(date("2026-12-08")));
    assert_eq!(h.state().view.selected_session, Some(tuesday[0].0));
    press(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().view.selected_session, Some(tuesday[1].0));
    press(&mut h, egui::Key::ArrowUp);
    assert_eq!(h.state().view.selected_session, Some(tuesday[0].0));

    // Enter opens the session; Esc closes the dialog without a change.
    let plan = h.state().doc.plan().clone();
    press(&mut h, egui::Key::Enter);
    h.get_by_label("Edit session");
    press(&mut h, egui::Key::Escape);
    assert!(h.query_by_label("Edit session").is_none());
    assert_eq!(h.state().doc.plan(), &plan);

    // Delete asks why, then removes it as one change.
    press(&mut h, egui::Key::Delete);
    h.get_by_label("Why this change?");
    h.get_by_label_contains("Remove Threshold on Tue 8 Dec");
    h.get_by_label("Fatigue").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    assert!(h.state().doc.plan().session(tuesday[0].0).is_none());
    assert_eq!(
        h.state().doc.plan().change_log.len(),
        plan.change_log.len() + 1
    );

    // Left past Monday goes to the Sunday of the week before.
    press(&mut h, egui::Key::ArrowLeft);
    press(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().view.selected_day, Some(date("2026-12-06")));
    assert_eq!(h.state().view.selected_week, Some(date("2026-11-30")));
    h.get_by_label_contains("Week of 30 Nov 2026");
}

#[test]
fn the_session_dialog_sets_a_pace_range_in_miles_and_an_hr_zone() {
    use peakline::app::Units;
    let mut h = app_harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Miles (min/mi)").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().prefs.units, Units::Imperial);
    let session = h
        .state()
        .doc
        .plan()
        .sessions()
        .find(|s| s.date == date("2026-12-08") && s.kind == SessionType::Threshold)
        .expect("the demo's Tuesday threshold")
        .clone();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    h.get_by_label_contains("Edit Threshold on").click();
    h.run();
    h.get_by_label("Target pace (min/mi)");

    let type_into =
        |h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>, label: &str, text: &str| {
            h.get_by_label(label).click();
            h.run();
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
            h.key_press(egui::Key::Backspace);
            h.get_by_label(label).type_text(text);
            h.run();
        };
    // The wrong way round is refused with a message; the dialog stays.
    type_into(&mut h, "from", "7:30");
    type_into(&mut h, "to", "7:00");
    h.get_by_label("Apply…").click();
    h.run();
    h.get_by_label_contains("The range goes from the faster pace to the slower one");
    h.get_by_label("Edit session");
    // Not a pace.
    type_into(&mut h, "from", "fast");
    h.get_by_label("Apply…").click();
    h.run();
    h.get_by_label_contains("is not minutes:seconds (min/mi)");

    type_into(&mut h, "from", "6:50");
    type_into(&mut h, "to", "7:10");
    h.get_by_label("HR zone").click();
    h.run();
    h.get_by_label("Zone 4 · threshold").click();
    h.run();
    h.get_by_label("Apply…").click();
    h.run();
    h.get_by_label_contains("HR zone");
    h.get_by_label("Fatigue").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();

    let after = h
        .state()
        .doc
        .plan()
        .session(session.id)
        .expect("kept")
        .clone();
    let pace = after.pace.expect("a pace range");
    // An international mile is 1.609344 km.
    let mile_km = 1.609_344;
    assert!(
        (pace.fast_s_per_km - 410.0 / mile_km).abs() < 1e-9,
        "{pace:?}"
    );
    assert!(
        (pace.slow_s_per_km - 430.0 / mile_km).abs() < 1e-9,
        "{pace:?}"
    );
    assert_eq!(after.hr_zone, Some(4));
    // The card shows it back in the user's units.
    h.get_by_label_contains("6:50 /mi–7:10 /mi");
    h.get_by_label_contains("HR zone 4");
    let entry = h
        .state()
        .doc
        .plan()
        .change_log
        .last()
        .expect("logged")
        .clone();
    assert!(
        entry.change.describe().contains("HR zone") && entry.change.describe().contains("pace"),
        "{}",
        entry.change.describe()
    );
}

#[test]
fn the_race_dialog_follows_the_units_offers_standard_distances_and_asks_why() {
    let mut h = app_harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Miles (min/mi)").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    let races_before = h.state().doc.plan().races.len();

    h.get_by_label("➕ Add race…").click();
    h.run();
    h.get_by_label("Distance (mi)");
    assert!(h.query_by_label("Distance (km)").is_none());
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Bay Half");
    h.get_by_label("Half").click();
    h.run();
    assert_eq!(
        h.get_by_label("Distance (mi)").value().as_deref(),
        Some("13.109"),
        "a half marathon, in miles"
    );
    h.get_by_role_and_label(egui::Role::Button, "Add race")
        .click();
    h.run();
    h.get_by_label("Why this change?");
    h.get_by_label_contains("Add the B race Bay Half");
    h.get_by_label("Athlete preference").click();
    h.run();
    h.get_by_label("Details (optional with a quick pick):")
        .click();
    h.run();
    h.get_by_label("Details (optional with a quick pick):")
        .type_text("her club's championship");
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    let plan = h.state().doc.plan();
    assert_eq!(plan.races.len(), races_before + 1);
    let race = plan
        .races
        .iter()
        .find(|r| r.name == "Bay Half")
        .expect("added");
    assert_eq!(race.distance_km, 21.0975, "the quick pick stays exact");
    let entry = plan.change_log.last().expect("logged");
    assert!(matches!(entry.change, Change::RaceAdded { .. }));
    assert_eq!(entry.reason.pick, Some(ReasonPick::AthletePreference));
    assert_eq!(entry.reason.text, "her club's championship");

    // A typed distance is in miles too.
    h.get_by_label("Season").click();
    h.run();
    h.get_by_label("Edit Bay Half").click();
    h.run();
    h.get_by_label("Distance (mi)").click();
    h.run();
    h.get_by_label("Distance (mi)").type_text("10");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Save…").click();
    h.run();
    h.get_by_label("Coach judgement").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    let race = &h.state().doc.plan().races;
    let race = race.iter().find(|r| r.name == "Bay Half").expect("kept");
    assert!(
        (race.distance_km - 16.093_44).abs() < 1e-9,
        "{}",
        race.distance_km
    );

    // Removing asks why too; Cancel keeps the race.
    let races = h.state().doc.plan().races.len();
    h.get_by_label("Remove Bay Half").click();
    h.run();
    h.get_by_label("Why this change?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc.plan().races.len(), races);
}

#[test]
fn dragging_a_race_marker_previews_live_and_commits_one_edit() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    let log_len = original.change_log.len();
    let race = original
        .races
        .iter()
        .find(|r| r.name == "Riverside Half")
        .expect("the demo's B race")
        .clone();
    let week_px = {
        let a = h.get_by_label_contains("Week of 4 Jan 2027").rect();
        let b = h.get_by_label_contains("Week of 11 Jan 2027").rect();
        b.center().x - a.center().x
    };
    let from = h
        .get_by_label_contains("Race Riverside Half (B)")
        .rect()
        .center();
    h.drag_at(from);
    h.run();
    for step in 1..=4 {
        h.hover_at(from + egui::vec2(step as f32 * week_px / 4.0, 0.0));
        h.run();
    }
    // Mid-drag: the timeline shows a re-planned copy; the document is untouched.
    let later = race.date + chrono::Days::new(7);
    {
        let drag = h.state().view.timeline.drag.as_ref().expect("dragging");
        let preview = drag.preview.as_deref().expect("a live re-plan");
        assert_eq!(drag.current, later);
        assert_eq!(
            preview
                .races
                .iter()
                .find(|r| r.name == race.name)
                .map(|r| r.date),
            Some(later)
        );
        assert_ne!(
            preview.weeks(),
            original.weeks(),
            "the preview re-planned the weeks"
        );
        assert_eq!(
            h.state().doc.plan(),
            &original,
            "nothing committed while dragging"
        );
    }
    h.get_by_label_contains(&format!(
        "Moving the race to {}",
        later.format("%a %-d %b %Y")
    ));
    h.drop_at(from + egui::vec2(week_px, 0.0));
    h.run();
    say_why(&mut h, "Travel");
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    let plan = h.state().doc.plan();
    assert_eq!(
        plan.races
            .iter()
            .find(|r| r.name == race.name)
            .map(|r| r.date),
        Some(later)
    );
    assert_eq!(plan.change_log.len(), log_len + 1, "one change-log entry");
    assert!(matches!(
        &plan.change_log.last().expect("logged").change,
        Change::RaceEdited { before, after } if before.date == race.date && after.date == later
    ));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &original, "one undo step");
}

#[test]
fn the_change_log_filters_by_week_and_reason_and_compares_a_week_with_its_baseline() {
    use peakline::app::Edit;
    use peakline::model::Reason;
    let mut h = app_harness();
    let plan = h.state().doc.plan().clone();
    let session_in = |start: &str, kind: SessionType| {
        plan.week_containing(date(start))
            .and_then(|w| w.sessions.iter().find(|s| s.kind == kind))
            .expect("session")
            .clone()
    };
    let mut shorter = session_in("2026-12-07", SessionType::Threshold);
    shorter.duration_min -= 10.0;
    let removed = session_in("2026-12-14", SessionType::Long);
    let shortened_on = shorter.date;
    for (edit, pick) in [
        (Edit::UpdateSession(shorter), ReasonPick::Fatigue),
        (Edit::RemoveSession(removed.id), ReasonPick::Travel),
        (
            Edit::ApproveWeek(date("2026-12-21")),
            ReasonPick::CoachJudgement,
        ),
    ] {
        assert!(
            h.state_mut()
                .apply_edit(&edit, &Reason::new(Some(pick), ""))
        );
    }
    h.run();
    let total = h.state().doc.plan().change_log.len();
    h.get_by_label("Change log").click();
    h.run();
    h.get_by_label(&format!("{total} of {total} changes"));

    // By week: only the removal in the week of 14 Dec.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Week")
        .click();
    h.run();
    h.get_by_label("14 Dec 2026").click();
    h.run();
    h.get_by_label(&format!("1 of {total} changes"));
    h.get_by_label_contains(&format!(
        "Removed {} on {}",
        removed.kind.label(),
        removed.date
    ));
    assert!(
        h.query_by_label_contains(&format!("Threshold on {shortened_on}"))
            .is_none()
    );

    // By reason (all weeks again): the one for fatigue.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Week")
        .click();
    h.run();
    h.get_by_label("all weeks").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Reason")
        .click();
    h.run();
    // The option in the open list, not the log's reason column.
    h.get(
        egui_kittest::kittest::By::new()
            .label("Fatigue")
            .predicate(|n| n.role() != egui::accesskit::Role::Label),
    )
    .click();
    h.run();
    let fatigue = h
        .state()
        .doc
        .plan()
        .change_log
        .iter()
        .filter(|e| e.reason.pick == Some(ReasonPick::Fatigue))
        .count();
    h.get_by_label(&format!("{fatigue} of {total} changes"));
    h.get_by_label_contains(&format!("Threshold on {shortened_on}: duration"));
    assert!(h.query_by_label_contains("Removed ").is_none());

    // Baseline against current for the week of 14 Dec: the long run is only in the baseline.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Reason")
        .click();
    h.run();
    h.get_by_label("all reasons").click();
    h.run();
    h.get_by_label("14 Dec").click();
    h.run();
    h.get_by_label("Engine's draft (baseline)");
    h.get_by_label("Current plan");
    let line = format!(
        "{} {} {:.0} min",
        removed.date.format("%a"),
        removed.kind.label(),
        removed.duration_min
    );
    assert_eq!(
        h.query_all_by_label(&line).count(),
        1,
        "the removed long run is in the baseline column only"
    );
}

#[test]
fn dragging_the_timeline_off_the_handles_pans_it_and_changes_nothing() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    // Zoomed in, the season is wider than the window.
    for _ in 0..4 {
        h.get_by_label("🔍+").click();
        h.run();
    }
    let before = h.get_by_label_contains("Week of 7 Dec 2026").rect();
    let from = before.center();
    h.drag_at(from);
    h.run();
    for step in 1..=5 {
        h.hover_at(from - egui::vec2(step as f32 * 40.0, 0.0));
        h.run();
    }
    h.drop_at(from - egui::vec2(200.0, 0.0));
    h.run();
    let after = h.get_by_label_contains("Week of 7 Dec 2026").rect();
    assert!(
        (after.center().x - (before.center().x - 200.0)).abs() < 1.0,
        "the weeks follow the pointer: {before:?} ➡ {after:?}"
    );
    assert_eq!(h.state().doc.plan(), &original);
    assert!(h.state().view.timeline.drag.is_none());
    assert_eq!(
        h.state().view.tab,
        peakline::ui::Tab::Season,
        "a pan is not a click"
    );
}

#[test]
fn the_week_editor_shows_what_the_athlete_logged_and_wrote() {
    let mut plan = crate::common::marathoner();
    let week = plan.weeks()[5].clone();
    let session = week
        .sessions
        .iter()
        .find(|s| s.kind.is_hard())
        .expect("a quality session")
        .clone();
    plan.actuals.push(peakline::model::Actual {
        id: peakline::model::ActualId(1),
        date: session.date,
        session: Some(session.id),
        kind: Some(session.kind),
        completion: peakline::model::Completion::Partly,
        duration_s: 30.0 * 60.0,
        rpe: Some(8.0),
        notes: "Legs heavy, stopped after one rep".to_owned(),
        ..peakline::model::Actual::default()
    });
    let mut h = app_harness();
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            plan,
            "m.peakline.ron",
        ));
    h.state_mut().view.tab = peakline::ui::Tab::Week;
    h.state_mut().view.selected_week = Some(week.start);
    h.run();
    h.get_by_label("✔ partly 30 min · RPE 8");
    h.get_by_label("“Legs heavy, stopped after one rep”");
}

#[test]
fn cancelling_the_reason_of_a_drag_leaves_the_plan_as_it_was() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    drag_race_specific_start(&mut h, 2.0);
    h.run();
    h.get_by_label("Why this change?");
    h.get_by_label("Cancel").click();
    h.run();
    h.run();
    assert_eq!(h.state().doc.plan(), &original);
    assert!(!h.state().doc.can_undo());
    assert!(
        h.state().view.timeline.drag.is_none(),
        "the preview is gone"
    );
}

#[test]
fn the_change_log_compares_a_week_before_one_is_picked() {
    let mut h = app_harness();
    h.state_mut().view.tab = peakline::ui::Tab::ChangeLog;
    h.run();
    // No week picked and no week changed yet: this week's baseline and current plan.
    let week = h
        .state()
        .doc
        .plan()
        .week_containing(crate::common::today())
        .expect("the demo covers today")
        .clone();
    h.get_by_label("Engine's draft (baseline)");
    h.get_by_label("Current plan");
    // Unchanged since adoption: both panes show this week's figures.
    let figures = format!("{:.0} AU, {} hard", week.load_au(), week.hard_sessions());
    assert_eq!(h.get_all_by_label(&figures).count(), 2, "{figures}");
}

/// Drags the race-specific phase's start on the timeline `weeks` weeks later, in four pointer
/// moves, and releases it (the reason prompt comes next).
fn drag_race_specific_start(
    h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>,
    weeks: f32,
) {
    let week_px = {
        let a = h.get_by_label_contains("Week of 4 Jan 2027").rect();
        let b = h.get_by_label_contains("Week of 11 Jan 2027").rect();
        b.center().x - a.center().x
    };
    let from = h
        .get_by_label_contains("Race-specific start")
        .rect()
        .center();
    h.drag_at(from);
    h.run();
    for step in 1..=4 {
        h.hover_at(from + egui::vec2(step as f32 * weeks * week_px / 4.0, 0.0));
        h.run();
    }
    h.drop_at(from + egui::vec2(weeks * week_px, 0.0));
}
