//! The athlete side in the real app: athlete view, logging and check-in saved to the file,
//! merge of the athlete's copy, activity import with progress, and calendar export.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::kittest::Queryable;
use peakline::app::{AppOptions, Edit, PeaklineApp, Role, ScriptedDialogs};
use peakline::model::{Guardrails, Reason, ReasonPick, Source};

use super::app_harness_with;
use crate::common::{marathoner, temp_dir, today};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The demo saved to `dir/name` (with its history, as the coach sends it).
fn demo_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let plan = crate::common::example("marathoner.peakline.ron");
    peakline::io::save_plan(&plan, &path).expect("saved");
    path
}

fn wait_for_import(h: &mut egui_kittest::Harness<'_, PeaklineApp>) {
    for _ in 0..500 {
        h.run_steps(1);
        if h.state().import_job.is_none() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("import did not finish");
}

#[test]
fn athlete_view_has_no_plan_editing_and_saves_logs_and_check_ins() {
    let dir = temp_dir();
    let path = demo_file(dir.path(), "maya.peakline.ron");
    let before = peakline::io::load_plan(&path).expect("loads");
    let mut options = AppOptions::for_tests(today());
    options.role = Role::Athlete;
    options.file = Some(path.clone());
    let mut h = app_harness_with(options);

    // Plan-editing controls are absent.
    for label in [
        "✔ Approve week",
        "Compare",
        "Athlete & guardrails",
        "➕ Add race…",
    ] {
        assert!(
            h.query_by_label(label).is_none(),
            "{label} shown in athlete view"
        );
    }
    h.get_by_label("File").click();
    h.run();
    assert!(h.query_by_label_contains("Merge athlete file").is_none());
    assert!(h.query_by_label_contains("New season").is_none());
    h.key_press(egui::Key::Escape);
    h.run();

    // This week first: today's session can be logged.
    h.get_by_label("Daily check-in");
    h.get_by_label_contains("Log Recovery on Wed 25 Nov")
        .click();
    h.run();
    h.get_by_role_and_label(egui::Role::Slider, "Session effort, RPE (0–10)")
        .set_value_accesskit(4.0);
    h.run();
    h.get_by_label("Save log").click();
    h.run();
    h.get_by_role_and_label(egui::Role::Slider, "Readiness (1–10)")
        .set_value_accesskit(5.0);
    h.get_by_role_and_label(egui::Role::Slider, "Pain (0–10)")
        .set_value_accesskit(2.0);
    h.run();
    h.get_by_label("Save check-in").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();

    let saved = peakline::io::load_plan(&path).expect("saved plan loads");
    let logged = saved
        .actuals
        .iter()
        .find(|a| a.date == today() && a.source == Source::Manual && a.session.is_some())
        .expect("the log was saved");
    assert_eq!(logged.rpe, Some(4.0));
    let check = saved
        .wellness
        .iter()
        .find(|w| w.date == today())
        .expect("check-in saved");
    assert_eq!((check.readiness, check.pain), (Some(5), Some(2)));
    assert_eq!(saved.plan, before.plan, "the plan itself is untouched");
    assert_eq!(saved.change_log, before.change_log);

    // The app layer refuses plan edits in athlete role, whatever the UI shows.
    let edit = Edit::SetGuardrails(Guardrails::default());
    let reason = Reason::new(Some(ReasonPick::CoachJudgement), "sneaky");
    assert!(!h.state_mut().apply_edit(&edit, &reason));
    assert_eq!(h.state().doc.plan().guardrails, before.guardrails);
}

#[test]
fn the_coach_merges_the_athletes_copy_once() {
    let dir = temp_dir();
    let plan_path = demo_file(dir.path(), "maya.peakline.ron");
    // The athlete's copy: one more session logged and a check-in.
    let mut copy = peakline::io::load_plan(&plan_path).expect("loads");
    let session = copy
        .sessions()
        .find(|s| s.date == today())
        .cloned()
        .expect("a session today");
    copy.actuals.push(peakline::model::Actual {
        id: peakline::model::ActualId(9999),
        date: today(),
        session: Some(session.id),
        duration_s: 2400.0,
        rpe: Some(3.0),
        ..Default::default()
    });
    let copy_path = dir.path().join("maya-athlete.peakline.ron");
    peakline::io::save_plan(&copy, &copy_path).expect("saved");

    let mut options = AppOptions::for_tests(today());
    options.file = Some(plan_path);
    options.dialogs = Box::new(ScriptedDialogs {
        open: vec![copy_path.clone(), copy_path],
        ..ScriptedDialogs::default()
    });
    let mut h = app_harness_with(options);
    let n = h.state().doc.plan().actuals.len();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Merge athlete file…").click();
    h.run();
    h.get_by_label("Merge athlete file");
    h.get_by_role_and_label(egui::Role::Button, "Merge").click();
    h.run();
    assert_eq!(h.state().doc.plan().actuals.len(), n + 1);
    let after = h.state().doc.plan().clone();
    // Merging the same file again changes nothing.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Merge athlete file…").click();
    h.run();
    assert!(
        !h.state()
            .merge
            .as_ref()
            .expect("preview")
            .preview
            .has_changes()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc.plan(), &after);
    // One undo removes the merge.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan().actuals.len(), n);
}

#[test]
fn importing_watch_files_runs_with_progress_and_reports_each_file() {
    let files = vec![
        data("easy-run.tcx"),
        data("garmin-activity-first300.gpx"),
        data("Settings.fit"),
        data("strava_route_example.gpx"),
    ];
    let mut options = AppOptions::for_tests(today());
    options.dialogs = Box::new(ScriptedDialogs {
        activities: vec![files.clone()],
        ..ScriptedDialogs::default()
    });
    let mut h = app_harness_with(options);
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            marathoner(),
            "m.peakline.ron",
        ));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import activities…").click();
    h.run_steps(1);
    wait_for_import(&mut h);
    let report = h.state().import_report.clone().expect("report");
    assert_eq!(report.files.len(), files.len());
    assert!(report.imported() >= 2, "{report:?}");
    h.get_by_label("Import report");
    assert!(
        h.get_all_by_label_contains("skipped (not an activity)")
            .count()
            >= 2
    );
    assert_eq!(h.state().doc.plan().actuals.len(), report.imported());
    h.get_by_label("Close").click();
    h.run();
    // Importing the same files again adds nothing: duplicates are recognised.
    h.state_mut().start_import(files);
    wait_for_import(&mut h);
    assert_eq!(h.state().import_report.as_ref().expect("r").imported(), 0);
}

#[test]
fn export_writes_a_calendar() {
    let dir = temp_dir();
    let target = dir.path().join("maya.ics");
    let mut options = AppOptions::for_tests(today());
    options.dialogs = Box::new(ScriptedDialogs {
        exports: vec![target.clone()],
        ..ScriptedDialogs::default()
    });
    let mut h = app_harness_with(options);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("Calendar (.ics)…").click();
    h.run();
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    let events = text.matches("BEGIN:VEVENT").count();
    let sessions = h
        .state()
        .doc
        .plan()
        .sessions()
        .filter(|s| s.kind != peakline::model::SessionType::Rest)
        .count();
    assert_eq!(events, sessions);
}
