//! The athlete side in the real app: athlete view, logging and check-in saved to the file,
//! merge of the athlete's copy, activity import with progress, and calendar export.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::kittest::Queryable;
use peakline::app::{AppOptions, Edit, PeaklineApp, Role, ScriptedDialogs};
use peakline::io::import::Outcome;
use peakline::model::{Completion, Guardrails, Reason, ReasonPick, Source};

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

/// Controls of the coach's first screen (the season timeline and the tab bar) and of the
/// File menu that edit the plan: the athlete view must not have them.
const COACH_ONLY: [&str; 6] = [
    "➕ Add race…",
    "⟳ Re-plan drafts",
    "Compare",
    "Athlete & guardrails",
    "Reviews",
    "Change log",
];
const COACH_ONLY_FILE_MENU: [&str; 2] = ["Merge athlete file…", "New season…"];

/// Which of `COACH_ONLY` and `COACH_ONLY_FILE_MENU` the app on `path` in `role` shows.
fn coach_controls_shown(path: &Path, role: Role) -> Vec<&'static str> {
    let mut options = AppOptions::for_tests(today());
    options.role = role;
    options.file = Some(path.to_owned());
    let mut h = app_harness_with(options);
    let mut shown: Vec<&str> = COACH_ONLY
        .into_iter()
        .filter(|label| h.query_by_label(label).is_some())
        .collect();
    h.get_by_label("File").click();
    h.run();
    shown.extend(
        COACH_ONLY_FILE_MENU
            .into_iter()
            .filter(|label| h.query_by_label_contains(label).is_some()),
    );
    shown
}

/// Types `text` into the text field or number field `node` (its old content selected first).
fn type_into(h: &mut egui_kittest::Harness<'_, PeaklineApp>, label: &str, nth: usize, text: &str) {
    h.get_all_by_label(label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {label} #{nth}"))
        .click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_all_by_label(label)
        .nth(nth)
        .expect("still there")
        .type_text(text);
    h.run();
}

#[test]
fn athlete_view_has_no_plan_editing_and_saves_logs_and_check_ins() {
    let dir = temp_dir();
    let path = demo_file(dir.path(), "maya.peakline.ron");
    let before = peakline::io::load_plan(&path).expect("loads");

    // The same screen in coach view has every plan-editing control; athlete view none.
    assert_eq!(
        coach_controls_shown(&path, Role::Coach),
        COACH_ONLY
            .iter()
            .chain(&COACH_ONLY_FILE_MENU)
            .copied()
            .collect::<Vec<_>>(),
        "the coach's screen shows them all, so their absence below means something"
    );
    assert_eq!(
        coach_controls_shown(&path, Role::Athlete),
        Vec::<&str>::new()
    );

    let mut options = AppOptions::for_tests(today());
    options.role = Role::Athlete;
    options.file = Some(path.clone());
    let mut h = app_harness_with(options);

    // This week first: today's session done, tomorrow's partly, Friday's skipped.
    h.get_by_label("Daily check-in");
    h.get_by_label_contains("Log Recovery on Wed 25 Nov")
        .click();
    h.run();
    h.get_by_role_and_label(egui::Role::Slider, "Session effort, RPE (0–10)")
        .set_value_accesskit(4.0);
    h.run();
    type_into(&mut h, "Duration (min)", 0, "35");
    // A slip of the finger: 65 km in 35 min is not a run; the dialog says so.
    type_into(&mut h, "Distance (km)", 0, "65");
    h.get_by_label_contains("Check the numbers: that is 0:32 /km");
    type_into(&mut h, "Distance (km)", 0, "6.5");
    assert!(h.query_by_label_contains("Check the numbers").is_none());
    // Notes: the log dialog's field comes after the check-in panel's.
    type_into(&mut h, "Notes", 1, "felt fresh");
    h.get_by_label("Save log").click();
    h.run();

    h.get_by_label_contains("Log Easy on Thu 26 Nov").click();
    h.run();
    h.get_by_label("Partly").click();
    h.run();
    type_into(&mut h, "Duration (min)", 0, "20");
    h.get_by_label("Save log").click();
    h.run();

    h.get_by_label_contains("on Fri 27 Nov").click();
    h.run();
    h.get_by_label("Skipped").click();
    h.run();
    assert!(
        h.query_by_label("Duration (min)").is_none(),
        "a skipped session has no duration to give"
    );
    h.get_by_label("Save log").click();
    h.run();
    // Each card says what became of its session.
    h.get_by_label("✔ done: 35 min, effort 4");
    h.get_by_label_contains("✔ partly done: 20 min");
    h.get_by_label("✖ skipped");

    // The check-in, every field.
    for (label, value) in [
        ("Readiness (1–10)", 5.0),
        ("Pain (0–10)", 2.0),
        ("Sleep (hours)", 6.5),
        ("Sleep quality (1–5)", 2.0),
        ("Soreness (0–10)", 6.0),
        ("Mood (1–10)", 4.0),
        ("Motivation (1–10)", 8.0),
    ] {
        h.get_by_role_and_label(egui::Role::Slider, label)
            .set_value_accesskit(value);
        h.run();
    }
    type_into(&mut h, "Where does it hurt?", 0, "left calf");
    h.get_by_label("Save check-in").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();

    let saved = peakline::io::load_plan(&path).expect("saved plan loads");
    let log_of = |day: &str| {
        let date = crate::common::date(day);
        saved
            .actuals
            .iter()
            .find(|a| a.date == date && a.source == Source::Manual && a.session.is_some())
            .unwrap_or_else(|| panic!("the log of {day} was saved"))
    };
    let done = log_of("2026-11-25");
    assert_eq!(done.completion, Completion::Done);
    assert_eq!(done.rpe, Some(4.0));
    assert_eq!(done.duration_s, 35.0 * 60.0);
    assert_eq!(done.distance_m, Some(6500.0));
    assert_eq!(done.notes, "felt fresh");
    let partly = log_of("2026-11-26");
    assert_eq!(partly.completion, Completion::Partly);
    assert_eq!(partly.duration_s, 20.0 * 60.0);
    let skipped = log_of("2026-11-27");
    assert_eq!(skipped.completion, Completion::Skipped);
    assert_eq!((skipped.duration_s, skipped.distance_m), (0.0, None));

    let check = saved
        .wellness
        .iter()
        .find(|w| w.date == today())
        .expect("check-in saved");
    assert_eq!((check.readiness, check.pain), (Some(5), Some(2)));
    assert_eq!(check.pain_location, "left calf");
    assert_eq!(check.sleep_hours, Some(6.5));
    assert_eq!(check.sleep_quality, Some(2));
    assert_eq!(check.soreness, Some(6));
    assert_eq!((check.mood, check.motivation), (Some(4), Some(8)));
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

#[test]
fn a_cancelled_import_reports_the_files_it_did_not_read() {
    // Many copies of a 300-point GPX: reading them all takes far longer than the Cancel.
    let files: Vec<PathBuf> = std::iter::repeat_n(data("garmin-activity-first300.gpx"), 400)
        .chain([data("easy-run.tcx")])
        .collect();
    let mut h = app_harness_with(AppOptions::for_tests(today()));
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            marathoner(),
            "m.peakline.ron",
        ));
    h.run();
    h.state_mut().start_import(files.clone());
    // The progress dialog appears while the worker reads.
    for _ in 0..20 {
        h.run_steps(1);
        if h.query_by_label("Importing activities").is_some() {
            break;
        }
    }
    h.get_by_label("Importing activities");
    h.get_by_role_and_label(egui::Role::Button, "Cancel")
        .click();
    h.run_steps(1);
    assert!(
        h.state()
            .import_job
            .as_ref()
            .is_none_or(|j| j.is_cancelling()),
        "Cancel reached the job"
    );
    wait_for_import(&mut h);

    let report = h.state().import_report.clone().expect("report");
    // Every file has a line: those read, then those not read, in the order given.
    assert_eq!(report.files.len(), files.len());
    let not_read: Vec<&str> = report.not_read().map(|f| f.file.as_str()).collect();
    assert!(!not_read.is_empty(), "cancelled before the end");
    assert_eq!(
        not_read.last().copied(),
        Some(data("easy-run.tcx").display().to_string().as_str())
    );
    let read = files.len() - not_read.len();
    assert!(
        report.files[..read]
            .iter()
            .all(|f| f.outcome != Outcome::Cancelled)
    );
    assert!(
        report.files[read..]
            .iter()
            .all(|f| f.outcome == Outcome::Cancelled)
    );
    // What was read is in the plan; the TCX run, never read, is not.
    assert_eq!(h.state().doc.plan().actuals.len(), report.imported());
    assert!(
        h.state()
            .doc
            .plan()
            .actuals
            .iter()
            .all(|a| a.source != Source::Tcx)
    );
    h.get_by_label("Import report");
    assert!(
        h.query_by_label_contains("not read: the import was cancelled")
            .is_some()
    );
    assert_eq!(
        h.get_all_by_label("not imported: the import was cancelled first")
            .count(),
        not_read.len()
    );
}

#[test]
fn a_garmin_export_that_hides_its_unit_is_read_in_the_users_unit() {
    let mut h = app_harness_with(AppOptions::for_tests(today()));
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            marathoner(),
            "m.peakline.ron",
        ));
    h.state_mut().prefs.units = peakline::app::Units::Imperial;
    h.run();
    h.state_mut()
        .start_import(vec![data("garmin-activities-mi.csv")]);
    wait_for_import(&mut h);
    let report = h.state().import_report.clone().expect("report");
    assert!(
        report.files[0].assumptions[0].starts_with("distances read in miles"),
        "{:?}",
        report.files[0].assumptions
    );
    h.get_by_label_contains("note: distances read in miles");
    let run = h
        .state()
        .doc
        .plan()
        .actuals
        .iter()
        .find(|a| a.notes == "Long Run")
        .cloned()
        .expect("the run");
    assert!((run.distance_m.expect("distance") - 6.23 * 1609.344).abs() < 1e-6);
}

#[test]
fn a_filled_in_check_in_is_never_silently_lost() {
    let dir = temp_dir();
    let path = demo_file(dir.path(), "maya.peakline.ron");
    let open = || {
        let mut options = AppOptions::for_tests(today());
        options.role = Role::Athlete;
        options.file = Some(path.clone());
        app_harness_with(options)
    };

    // Answers given, "Save check-in" not pressed: the window shows unsaved work and Quit asks.
    let mut h = open();
    assert!(!h.state().has_unsaved_work());
    h.get_by_role_and_label(egui::Role::Slider, "Readiness (1–10)")
        .set_value_accesskit(4.0);
    h.run();
    h.get_by_label("Not saved yet");
    assert!(h.state().has_unsaved_work());
    assert!(h.state().window_title().contains('•'));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();

    // File ➡ Save keeps them: the check-in is recorded, then the file written.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().has_unsaved_work());
    assert!(h.query_by_label("Not saved yet").is_none());
    let saved = peakline::io::load_plan(&path).expect("saved plan loads");
    let check = saved
        .wellness
        .iter()
        .find(|w| w.date == today())
        .expect("check-in saved with the file");
    assert_eq!(check.readiness, Some(4));
    assert!(check.logged_at.is_some());

    // An untouched form is not unsaved work: opening and closing writes nothing.
    let h = open();
    assert!(!h.state().has_unsaved_work());
}

#[test]
fn a_new_check_in_starts_from_the_athletes_last_one() {
    let dir = temp_dir();
    let path = demo_file(dir.path(), "maya.peakline.ron");
    let mut plan = peakline::io::load_plan(&path).expect("demo loads");
    plan.wellness.retain(|w| w.date < today());
    plan.wellness.push(peakline::model::Wellness {
        date: today(),
        readiness: Some(4),
        pain: Some(3),
        pain_location: "left knee".to_owned(),
        sleep_hours: Some(6.0),
        notes: "slept badly".to_owned(),
        ..peakline::model::Wellness::default()
    });
    peakline::io::save_plan(&plan, &path).expect("saved");

    let mut options = AppOptions::for_tests(today() + chrono::Days::new(1));
    options.role = Role::Athlete;
    options.file = Some(path.clone());
    let h = app_harness_with(options);
    let value = |label: &str| {
        use egui_kittest::kittest::NodeT;
        h.get_by_role_and_label(egui::Role::Slider, label)
            .accesskit_node()
            .numeric_value()
    };
    // Yesterday's answers, not a stranger's 7 out of 10; the note is not carried over.
    assert_eq!(value("Readiness (1–10)"), Some(4.0));
    assert_eq!(value("Pain (0–10)"), Some(3.0));
    assert_eq!(value("Sleep (hours)"), Some(6.0));
    assert!(h.query_by_label_contains("slept badly").is_none());
    // Untouched, it is not the athlete's answer yet: nothing unsaved.
    assert!(!h.state().has_unsaved_work());
}
