//! The app shell: demo on start, title and dirty marker, unsaved-changes prompt, open errors.

use eframe::egui;
use egui_kittest::kittest::Queryable;
use peakline::app::{AppOptions, Edit, Role, ScriptedDialogs};
use peakline::model::{Guardrails, Reason, ReasonPick};

use super::{app_harness, app_harness_with};
use crate::common::{temp_dir, today, write};

fn some_edit() -> (Edit, Reason) {
    let guardrails = Guardrails {
        max_hard_sessions_per_week: 2,
        ..Guardrails::default()
    };
    (
        Edit::SetGuardrails(guardrails),
        Reason::new(
            Some(ReasonPick::CoachJudgement),
            "two quality days are enough",
        ),
    )
}

#[test]
fn starts_on_the_demo_and_shows_the_athletes_name() {
    let harness = app_harness();
    harness.get_by_label("Maya Lindqvist");
    assert_eq!(
        harness.state().window_title(),
        "Peakline — marathoner.peakline.ron"
    );
}

#[test]
fn an_edit_sets_the_dirty_marker_and_undo_clears_it() {
    let mut harness = app_harness();
    assert!(!harness.state().doc.is_dirty());
    let (edit, reason) = some_edit();
    assert!(harness.state_mut().apply_edit(&edit, &reason));
    harness.run();
    assert!(harness.state().window_title().ends_with(" •"));
    harness.get_by_label("Modified, not saved");

    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo").click();
    harness.run();
    assert!(!harness.state().doc.is_dirty());
    assert!(!harness.state().window_title().contains('•'));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut harness = app_harness();
    let (edit, reason) = some_edit();
    harness.state_mut().apply_edit(&edit, &reason);
    harness.run();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Quit").click();
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert!(harness.state().confirm.is_none());
    assert!(harness.state().doc.is_dirty(), "cancel keeps the changes");
}

#[test]
fn save_from_the_prompt_writes_the_file_then_proceeds() {
    let dir = temp_dir();
    let target = dir.path().join("maya.peakline.ron");
    let mut options = AppOptions::for_tests(today());
    options.dialogs = Box::new(ScriptedDialogs {
        save: vec![target.clone()],
        ..ScriptedDialogs::default()
    });
    let mut harness = app_harness_with(options);
    let (edit, reason) = some_edit();
    harness.state_mut().apply_edit(&edit, &reason);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Example").click();
    harness.run();
    harness.get_by_label("Comeback runner").click();
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Save").click();
    harness.run();
    let saved = peakline::io::load_plan(&target).expect("saved plan loads");
    assert_eq!(saved.guardrails.max_hard_sessions_per_week, 2);
    assert_eq!(harness.state().doc.plan().athlete.name, "Daniel Reyes");
}

#[test]
fn opening_a_bad_file_shows_the_error_and_keeps_the_document() {
    let dir = temp_dir();
    let bad = write(
        dir.path(),
        "broken.peakline.ron",
        b"(format: \"peakline-plan\", version: 1, athlete: (name: 3))",
    );
    let mut options = AppOptions::for_tests(today());
    options.dialogs = Box::new(ScriptedDialogs {
        open: vec![bad],
        ..ScriptedDialogs::default()
    });
    let mut harness = app_harness_with(options);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run();
    harness.get_by_label("Could not open the file");
    assert_eq!(harness.state().doc.plan().athlete.name, "Maya Lindqvist");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().notice.is_none());
}

#[test]
fn athlete_role_cannot_change_the_plan() {
    let mut options = AppOptions::for_tests(today());
    options.role = Role::Athlete;
    let mut harness = app_harness_with(options);
    let (edit, reason) = some_edit();
    assert!(!harness.state_mut().apply_edit(&edit, &reason));
    assert!(!harness.state().doc.is_dirty());
    assert!(harness.state().window_title().contains("athlete view"));
}

#[test]
fn icon_only_buttons_explain_themselves_also_while_disabled() {
    let mut harness = app_harness();
    assert!(!harness.state().doc.can_redo());
    for (icon, tip) in [
        ("↻", "Redo (Ctrl+Shift+Z or Ctrl+Y): nothing to redo"),
        ("↺", "Undo (Ctrl+Z): nothing to undo"),
    ] {
        assert!(harness.query_by_label(tip).is_none(), "no tooltip yet");
        harness.get_by_label(icon).hover();
        harness.run();
        harness.get_by_label(tip);
    }
    // The week editor's ◀ on the first week is disabled and still says what it does.
    let first = harness.state().doc.plan().weeks()[0].start;
    harness.state_mut().view.selected_week = Some(first);
    harness.state_mut().view.tab = peakline::ui::Tab::Week;
    harness.run();
    harness.get_by_label("◀").hover();
    harness.run();
    harness.get_by_label("Previous week");
    // Enabled ones too.
    harness.get_by_label("▶").hover();
    harness.run();
    harness.get_by_label("Next week");
}
