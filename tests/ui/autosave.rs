//! Autosave: a dirty document reaches the autosave folder and the recovery path restores it.

use egui_kittest::kittest::Queryable;
use peakline::app::autosave::{AUTOSAVE_INTERVAL_S, Autosave};
use peakline::app::{AppOptions, Document, Edit, Role};
use peakline::model::{Guardrails, Reason, ReasonPick};

use super::app_harness_with;
use crate::common::{marathoner, temp_dir, today};

fn edit() -> (Edit, Reason) {
    (
        Edit::SetGuardrails(Guardrails {
            max_hard_sessions_per_week: 2,
            ..Guardrails::default()
        }),
        Reason::new(Some(ReasonPick::CoachJudgement), "autosave test"),
    )
}

#[test]
fn a_dirty_document_is_autosaved_after_the_interval_and_not_before() {
    let dir = temp_dir();
    let mut autosave = Autosave::new(dir.path().join("autosave"));
    let mut doc = Document::unsaved_but_clean(marathoner(), "m.peakline.ron");
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    assert!(
        autosave.tick(&doc, 0.0, now).is_none(),
        "clean: nothing to save"
    );
    let (e, r) = edit();
    doc.apply(&e, &r, Role::Coach, now, today())
        .expect("applies");
    assert!(
        autosave.tick(&doc, 100.0, now).is_none(),
        "the clock starts when it gets dirty"
    );
    assert!(
        autosave
            .tick(&doc, 100.0 + AUTOSAVE_INTERVAL_S - 1.0, now)
            .is_none()
    );
    assert!(autosave.pending().is_none());
    autosave
        .tick(&doc, 100.0 + AUTOSAVE_INTERVAL_S, now)
        .expect("due")
        .expect("written");
    let recovered = autosave.pending().expect("recoverable");
    assert_eq!(&recovered.plan, doc.plan());
    assert_eq!(recovered.info.display_name, "m.peakline.ron");
    autosave.discard();
    assert!(autosave.pending().is_none());
}

#[test]
fn the_next_start_offers_to_restore_and_restores() {
    let dir = temp_dir();
    let folder = dir.path().join("autosave");
    // A previous run left unsaved work behind.
    let mut doc = Document::unsaved_but_clean(marathoner(), "maya.peakline.ron");
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let (e, r) = edit();
    doc.apply(&e, &r, Role::Coach, now, today())
        .expect("applies");
    Autosave::new(folder.clone())
        .write(&doc, now)
        .expect("written");

    let mut options = AppOptions::for_tests(today());
    options.autosave_dir = Some(folder.clone());
    let mut h = app_harness_with(options);
    h.get_by_label("Restore unsaved work?");
    h.get_by_label("Restore").click();
    h.run();
    let app = h.state();
    assert_eq!(app.doc.plan().guardrails.max_hard_sessions_per_week, 2);
    assert!(app.doc.is_dirty(), "restored work still needs saving");
    assert!(app.recovery.is_none());

    // Discard removes it for good.
    let mut options = AppOptions::for_tests(today());
    options.autosave_dir = Some(folder.clone());
    let mut h = app_harness_with(options);
    h.get_by_label("Discard").click();
    h.run();
    assert!(Autosave::new(folder).pending().is_none());
    assert_eq!(
        h.state().doc.plan().guardrails.max_hard_sessions_per_week,
        3
    );
}

fn app_with_autosave(
    folder: &std::path::Path,
    save_to: Option<std::path::PathBuf>,
) -> egui_kittest::Harness<'static, peakline::app::PeaklineApp> {
    let mut options = AppOptions::for_tests(today());
    options.autosave_dir = Some(folder.to_owned());
    if let Some(path) = save_to {
        options.dialogs = Box::new(peakline::app::ScriptedDialogs {
            save: vec![path],
            ..peakline::app::ScriptedDialogs::default()
        });
    }
    app_harness_with(options)
}

/// Applies an edit and lets the autosave interval pass, so the autosave is on disk.
fn edit_and_autosave(
    h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>,
    folder: &std::path::Path,
) {
    let (e, r) = edit();
    assert!(h.state_mut().apply_edit(&e, &r));
    h.state_mut().autosave_tick(1000.0);
    h.state_mut().autosave_tick(1000.0 + AUTOSAVE_INTERVAL_S);
    assert!(
        Autosave::new(folder.to_owned()).pending().is_some(),
        "autosaved"
    );
}

#[test]
fn undoing_back_to_the_saved_state_removes_the_autosave() {
    use eframe::egui;
    let dir = temp_dir();
    let folder = dir.path().join("autosave");
    let mut h = app_with_autosave(&folder, None);
    edit_and_autosave(&mut h, &folder);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().doc.is_dirty());
    h.state_mut()
        .autosave_tick(1000.0 + 2.0 * AUTOSAVE_INTERVAL_S);
    assert!(
        Autosave::new(folder.clone()).pending().is_none(),
        "nothing unsaved is left to restore"
    );
    // The next start has nothing to offer.
    let next = app_with_autosave(&folder, None);
    assert!(next.state().recovery.is_none());
    assert!(next.query_by_label("Restore unsaved work?").is_none());
}

#[test]
fn saving_discards_the_autosave() {
    use eframe::egui;
    let dir = temp_dir();
    let folder = dir.path().join("autosave");
    let target = dir.path().join("maya.peakline.ron");
    let mut h = app_with_autosave(&folder, Some(target.clone()));
    edit_and_autosave(&mut h, &folder);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(target.exists(), "saved");
    assert!(!h.state().doc.is_dirty());
    assert!(
        Autosave::new(folder.clone()).pending().is_none(),
        "the saved file is the work now"
    );
    assert!(app_with_autosave(&folder, None).state().recovery.is_none());
}

#[test]
fn a_previous_runs_autosave_waits_for_the_answer() {
    let dir = temp_dir();
    let folder = dir.path().join("autosave");
    let mut doc = Document::unsaved_but_clean(marathoner(), "maya.peakline.ron");
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let (e, r) = edit();
    doc.apply(&e, &r, Role::Coach, now, today())
        .expect("applies");
    Autosave::new(folder.clone())
        .write(&doc, now)
        .expect("written");
    // The new run's clean document ticks on: the old work is not thrown away unasked.
    let mut h = app_with_autosave(&folder, None);
    h.state_mut().autosave_tick(0.0);
    h.state_mut().autosave_tick(AUTOSAVE_INTERVAL_S * 3.0);
    assert!(Autosave::new(folder).pending().is_some());
    h.get_by_label("Restore unsaved work?");
}
