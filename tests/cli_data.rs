//! The data subcommands run as processes: `merge`, `import`, `export`, the hidden `demo-data`,
//! and the actuals and wellness of `summary --json`. Output lines and exit codes, including
//! hostile input files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use peakline::app::{Edit, edit::apply};
use peakline::io::examples::demo;
use peakline::io::{backup_path, load_plan, serialize_plan};
use peakline::model::{Actual, Plan, Wellness};

use crate::common::{date, temp_dir, write};

fn peakline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peakline"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn demo_plan() -> Plan {
    demo().load().unwrap()
}

fn save(dir: &Path, name: &str, plan: &Plan) -> PathBuf {
    write(dir, name, serialize_plan(plan).unwrap().as_bytes())
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The athlete's copy of the demo: a new run, a new check-in, a re-rated run (newer), and a
/// plan change made by hand (a different athlete name).
fn athlete_copy(plan: &Plan) -> Plan {
    let mut copy = plan.clone();
    let session = plan
        .sessions()
        .find(|s| s.date == date("2026-11-25"))
        .unwrap();
    let log = |copy: &mut Plan, edit: Edit| {
        apply(copy, &edit, date("2026-11-26")).unwrap();
    };
    log(
        &mut copy,
        Edit::LogActual(Actual {
            date: session.date,
            session: Some(session.id),
            duration_s: 2400.0,
            rpe: Some(2.0),
            notes: "Easy shakeout".to_owned(),
            logged_at: Some(at("2026-11-25T19:00:00Z")),
            ..Actual::default()
        }),
    );
    log(
        &mut copy,
        Edit::LogWellness(Wellness {
            date: date("2026-11-25"),
            readiness: Some(8),
            pain: Some(0),
            sleep_hours: Some(7.5),
            logged_at: Some(at("2026-11-25T06:00:00Z")),
            ..Wellness::default()
        }),
    );
    let mut rerated = copy
        .actuals
        .iter()
        .find(|a| a.rpe.is_some())
        .unwrap()
        .clone();
    rerated.rpe = Some(rerated.rpe.unwrap() + 1.0);
    rerated.logged_at = Some(at("2026-11-26T08:00:00Z"));
    log(&mut copy, Edit::LogActual(rerated));
    copy.athlete.name = "Maya L.".to_owned();
    copy
}

#[test]
fn merge_prints_a_line_per_entry_and_a_second_merge_changes_nothing() {
    let dir = temp_dir();
    let plan = demo_plan();
    let plan_path = save(dir.path(), "maya.peakline.ron", &plan);
    let copy_path = save(
        dir.path(),
        "maya-athlete.peakline.ron",
        &athlete_copy(&plan),
    );

    let out = peakline(&["merge", &s(&plan_path), &s(&copy_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let count = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("added actual 2026-11-25 run 0:40:00"), 1, "{text}");
    assert_eq!(count("added check-in 2026-11-25 readiness 8"), 1, "{text}");
    assert_eq!(count("conflict actual "), 1, "{text}");
    assert!(
        text.contains("differs in rpe, logged_at): took the athlete's (newer)"),
        "{text}"
    );
    assert_eq!(
        count("skipped identical actual "),
        plan.actuals.len() - 1,
        "{text}"
    );
    assert_eq!(count("skipped identical check-in "), plan.wellness.len());
    assert_eq!(
        count("ignored: the athlete's details differ in the copy (name)"),
        1
    );
    assert!(
        text.contains("usually the athlete's"),
        "the CLI says how it chose"
    );
    assert!(text.contains(&format!("wrote {}", s(&plan_path))));

    let merged = load_plan(&plan_path).unwrap();
    assert_eq!(merged.athlete.name, plan.athlete.name, "the plan is kept");
    assert_eq!(merged.actuals.len(), plan.actuals.len() + 1);
    assert_eq!(merged.wellness.len(), plan.wellness.len() + 1);
    assert!(backup_path(&plan_path).exists(), "saved with a .bak");

    let bytes = std::fs::read(&plan_path).unwrap();
    let again = peakline(&["merge", &s(&plan_path), &s(&copy_path)]);
    assert_eq!(again.status.code(), Some(0));
    let text = stdout(&again);
    assert!(!text.contains("added "), "{text}");
    assert!(!text.contains("conflict "), "{text}");
    assert!(text.contains("is unchanged"), "{text}");
    assert_eq!(std::fs::read(&plan_path).unwrap(), bytes, "byte-identical");
}

#[test]
fn merge_writes_to_out_and_leaves_the_plan_alone() {
    let dir = temp_dir();
    let plan = demo_plan();
    let plan_path = save(dir.path(), "maya.peakline.ron", &plan);
    let copy_path = save(dir.path(), "copy.peakline.ron", &athlete_copy(&plan));
    let out_path = dir.path().join("merged.peakline.ron");
    let before = std::fs::read(&plan_path).unwrap();
    let out = peakline(&["merge", &s(&plan_path), &s(&copy_path), "-o", &s(&out_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(&plan_path).unwrap(), before);
    assert_eq!(
        load_plan(&out_path).unwrap().actuals.len(),
        plan.actuals.len() + 1
    );
}

#[test]
fn merge_refuses_a_hostile_copy_and_keeps_the_plan_byte_identical() {
    let dir = temp_dir();
    let plan_path = save(dir.path(), "maya.peakline.ron", &demo_plan());
    let before = std::fs::read(&plan_path).unwrap();
    let text = serialize_plan(&demo_plan()).unwrap();
    let mut flipped = text.clone().into_bytes();
    flipped[text.len() / 2] = 0xff;
    let mut bad_value = demo_plan();
    bad_value.actuals[0].avg_hr = Some(900.0);
    let hostile: [(&str, Vec<u8>); 5] = [
        ("truncated", text.as_bytes()[..text.len() / 3].to_vec()),
        ("binary", flipped),
        ("empty", Vec::new()),
        ("brackets", "[".repeat(100_000).into_bytes()),
        ("bad-hr", serialize_plan(&bad_value).unwrap().into_bytes()),
    ];
    for (name, bytes) in hostile {
        let copy = write(dir.path(), &format!("{name}.peakline.ron"), &bytes);
        let out = peakline(&["merge", &s(&plan_path), &s(&copy)]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.starts_with(&s(&copy)), "{name}: names the file: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(std::fs::read(&plan_path).unwrap(), before, "{name}");
    }
    let missing = peakline(&["merge", &s(&plan_path), "/no/such/copy.peakline.ron"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("cannot read the file"));
}

#[test]
fn import_reports_each_file_and_exits_1_when_one_failed() {
    let dir = temp_dir();
    let plan_path = save(dir.path(), "maya.peakline.ron", &demo_plan());
    let mut fit = std::fs::read(data("Activity.fit")).unwrap();
    fit.truncate(fit.len() / 2);
    let cut = write(dir.path(), "cut.fit", &fit);
    let junk = write(dir.path(), "junk.gpx", b"<gpx><trk><trkseg><trkpt lat=");
    let run = data("easy-run.tcx");
    let settings = data("Settings.fit");
    let out = peakline(&[
        "import",
        &s(&plan_path),
        &s(&run),
        &s(&settings),
        &s(&cut),
        &s(&junk),
        "--today",
        "2026-11-25",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    // The fixture run is dated in the demo's season, after this "today": a note says so.
    assert!(
        text.contains(
            "  note: 1 activity is dated after today (from 14 Mar 2027): imported as dated; check the device's clock"
        ),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("  ")).collect();
    assert!(
        lines[0].starts_with(&format!("{}: imported 1 (", s(&run))),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!("{}: skipped (not an activity", s(&settings))),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!("{}: error: ", s(&cut))),
        "{text}"
    );
    assert!(
        lines[3].starts_with(&format!("{}: error: ", s(&junk))),
        "{text}"
    );
    assert!(
        lines[4].contains("imported 1 activity from 4 files; 2 failed"),
        "{text}"
    );
    assert!(!stderr(&out).contains("panicked"));
    // The good file was saved all the same.
    let plan = load_plan(&plan_path).unwrap();
    assert_eq!(plan.actuals.len(), demo_plan().actuals.len() + 1);

    // Again: the run is a duplicate now, nothing failed, nothing written.
    let bytes = std::fs::read(&plan_path).unwrap();
    let again = peakline(&["import", &s(&plan_path), &s(&run)]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stdout(&again).starts_with(&format!("{}: duplicate", s(&run))),
        "{}",
        stdout(&again)
    );
    assert_eq!(std::fs::read(&plan_path).unwrap(), bytes);
}

#[test]
fn import_lines_name_the_file_once_and_list_skipped_rows_and_assumptions() {
    let dir = temp_dir();
    let plan_path = save(dir.path(), "maya.peakline.ron", &demo_plan());
    // Every row bad: an error line, the file named once, the line of the first bad row.
    let bad = write(
        dir.path(),
        "x.csv",
        b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n\
          1,yesterday,Run,Run,1800\n",
    );
    // One bad row among good ones: imported, with a warning line for the bad row.
    let mixed = write(
        dir.path(),
        "mixed.csv",
        b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n\
          1,\"Jan 5, 2025, 6:30:00 AM\",Run,Run,1800\n\
          2,someday,Run,Run,1800\n",
    );
    let garmin = data("garmin-activities-mi.csv");
    let out = peakline(&[
        "import",
        &s(&plan_path),
        &s(&bad),
        &s(&mixed),
        &s(&garmin),
        "--garmin-units",
        "mi",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: error: line 2: \"yesterday\" is not a date like \"Oct 7, 2020, 2:43:11 PM\" \
             (Activity Date)",
            s(&bad)
        ),
        "{text}"
    );
    assert_eq!(
        lines[1],
        format!(
            "{}: imported 1 (none matched to a planned session, 1 row could not be read)",
            s(&mixed)
        ),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "  warning: line 3: \"someday\" is not a date like \"Oct 7, 2020, 2:43:11 PM\" \
         (Activity Date)",
        "{text}"
    );
    assert!(
        lines[3].starts_with(&format!("{}: imported 3 (", s(&garmin))),
        "{text}"
    );
    assert_eq!(
        lines[4],
        "  note: distances read in miles: the file does not say which unit it uses (Garmin \
         Connect follows the account's setting), so the unit you chose is assumed",
        "{text}"
    );
    let plan = load_plan(&plan_path).unwrap();
    let run = plan
        .actuals
        .iter()
        .find(|a| a.notes == "Long Run")
        .expect("Garmin's run");
    assert!((run.distance_m.unwrap() - 6.23 * 1609.344).abs() < 1e-6);

    // An unknown unit is refused by the argument parser.
    let out = peakline(&[
        "import",
        &s(&plan_path),
        &s(&garmin),
        "--garmin-units",
        "yd",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_prints_nothing_from_the_decoder_and_no_control_characters() {
    let dir = temp_dir();
    let plan_path = save(dir.path(), "maya.peakline.ron", &demo_plan());
    let odd = write(
        dir.path(),
        "odd.fit",
        &crate::io::import::fit_with_odd_field_size(),
    );
    let hostile = write(
        dir.path(),
        "esc.tcx",
        b"<TrainingCenterDatabase><Activities><Act\x1b[2J\x1b]0;pwned\x07ivity>\
          </Activities></TrainingCenterDatabase>",
    );
    let out = peakline(&["import", &s(&plan_path), &s(&odd), &s(&hostile)]);
    assert_eq!(out.status.code(), Some(1));
    // fitparser's "ERROR: field size …" does not reach the terminal.
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("{}: imported 1 (", s(&odd))),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}: error: line 1, column ", s(&hostile))),
        "{text}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn import_into_a_broken_plan_or_a_missing_file_fails_cleanly() {
    let dir = temp_dir();
    let broken = write(
        dir.path(),
        "broken.peakline.ron",
        b"(format: \"peakline-plan\", vers",
    );
    let out = peakline(&["import", &s(&broken), &s(&data("easy-run.tcx"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(&s(&broken)));

    let plan_path = save(dir.path(), "maya.peakline.ron", &demo_plan());
    let out = peakline(&["import", &s(&plan_path), "/no/such/run.fit"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("/no/such/run.fit: error: cannot read the file"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn export_writes_calendar_and_tables() {
    let dir = temp_dir();
    let plan = demo_plan();
    let plan_path = save(dir.path(), "maya.peakline.ron", &plan);
    let ics = dir.path().join("maya.ics");
    let csv = dir.path().join("sessions.csv");
    let actuals = dir.path().join("actuals.csv");
    let out = peakline(&[
        "export",
        &s(&plan_path),
        "--ics",
        &s(&ics),
        "--csv",
        &s(&csv),
        "--actuals-csv",
        &s(&actuals),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 3, "{}", stdout(&out));
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(
        calendar.matches("BEGIN:VEVENT").count(),
        plan.sessions()
            .filter(|s| s.kind != peakline::model::SessionType::Rest)
            .count()
    );
    let sessions = std::fs::read_to_string(&csv).unwrap();
    assert!(sessions.starts_with("session_id,date,"));
    assert_eq!(sessions.lines().count(), plan.sessions().count() + 1);
    let table = std::fs::read_to_string(&actuals).unwrap();
    assert!(table.starts_with("actual_id,date,start,"));
    assert_eq!(table.lines().count(), plan.actuals.len() + 1);

    // The coach removes a session and exports over the same calendar: that session's event
    // comes back cancelled under its old UID, once.
    let gone = plan
        .sessions()
        .find(|s| s.date > date("2026-12-01") && s.kind != peakline::model::SessionType::Rest)
        .unwrap()
        .clone();
    let mut edited = plan.clone();
    apply(
        &mut edited,
        &Edit::RemoveSession(gone.id),
        date("2026-11-25"),
    )
    .unwrap();
    save(dir.path(), "maya.peakline.ron", &edited);
    let out = peakline(&["export", &s(&plan_path), "--ics", &s(&ics)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let again = std::fs::read_to_string(&ics).unwrap();
    let uid = peakline::io::export::session_uid(&plan, gone.id);
    assert_eq!(again.matches(&format!("UID:{uid}\r\n")).count(), 1);
    assert_eq!(again.matches("STATUS:CANCELLED").count(), 1, "{again}");
    let event = again
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&uid))
        .unwrap();
    assert!(event.contains("STATUS:CANCELLED"), "{event}");
    assert!(
        event.contains(&format!(
            "DTSTART;VALUE=DATE:{}",
            gone.date.format("%Y%m%d")
        )),
        "{event}"
    );
}

#[test]
fn export_needs_a_target_and_reports_unwritable_ones() {
    let dir = temp_dir();
    let plan_path = save(dir.path(), "maya.peakline.ron", &demo_plan());
    let out = peakline(&["export", &s(&plan_path)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--ics"));

    let nowhere = dir.path().join("no-such-folder").join("plan.ics");
    let out = peakline(&["export", &s(&plan_path), "--ics", &s(&nowhere)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(&s(&nowhere)), "{}", stderr(&out));

    let hostile = write(dir.path(), "hostile.peakline.ron", &[0xff; 64]);
    let out = peakline(&[
        "export",
        &s(&hostile),
        "--csv",
        &s(&dir.path().join("x.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(&s(&hostile)));
    assert!(!dir.path().join("x.csv").exists());
}

#[test]
fn demo_data_is_hidden_and_regenerates_the_demo_history() {
    let help = stdout(&peakline(&["--help"]));
    assert!(help.contains("merge") && help.contains("import") && help.contains("export"));
    assert!(!help.contains("demo-data"), "{help}");

    let dir = temp_dir();
    let mut plan = demo_plan();
    plan.actuals.clear();
    plan.wellness.clear();
    let path = save(dir.path(), "m.peakline.ron", &plan);
    let out = peakline(&["demo-data", &s(&path), "--until", "2026-11-25"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("added "), "{}", stdout(&out));
    let regenerated = load_plan(&path).unwrap();
    assert_eq!(regenerated.actuals, demo_plan().actuals);
    assert_eq!(regenerated.wellness, demo_plan().wellness);

    let out = peakline(&["demo-data", &s(&path), "--until", "soon"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn summary_json_lists_actuals_and_wellness_with_their_fields() {
    let dir = temp_dir();
    let path = write(dir.path(), "m.peakline.ron", demo().text.as_bytes());
    let out = peakline(&["summary", &s(&path), "--json", "--today", "2026-11-25"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actuals = json["actuals"].as_array().unwrap();
    assert_eq!(actuals.len(), demo_plan().actuals.len());
    let keys = [
        "date",
        "start",
        "sport",
        "duration_s",
        "distance_m",
        "avg_hr",
        "rpe",
        "source",
    ];
    let is_date = |v: &serde_json::Value| {
        v.as_str()
            .is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
    };
    for a in actuals {
        let object = a.as_object().unwrap();
        for key in keys {
            assert!(object.contains_key(key), "actual without {key}: {a}");
        }
        assert!(is_date(&a["date"]), "{a}");
        assert!(a["start"].is_null() || a["start"].is_string(), "{a}");
        assert!(
            ["run", "ride", "swim", "walk", "strength", "other"]
                .contains(&a["sport"].as_str().unwrap())
        );
        assert!(a["duration_s"].is_number());
        for key in ["distance_m", "avg_hr", "rpe"] {
            assert!(a[key].is_null() || a[key].is_number(), "{key}: {a}");
        }
        assert!(
            ["manual", "fit", "gpx", "tcx", "csv"].contains(&a["source"].as_str().unwrap()),
            "{a}"
        );
    }
    // Both kinds of actual the demo shows: watch runs with start and heart rate, manual logs.
    assert!(
        actuals
            .iter()
            .any(|a| a["source"] == "fit" && a["start"].is_string() && a["avg_hr"].is_number())
    );
    assert!(
        actuals
            .iter()
            .any(|a| a["source"] == "manual" && a["rpe"].is_number())
    );

    let wellness = json["wellness"].as_array().unwrap();
    assert_eq!(wellness.len(), demo_plan().wellness.len());
    for w in wellness {
        assert!(is_date(&w["date"]), "{w}");
        for key in [
            "readiness",
            "pain",
            "sleep_hours",
            "sleep_quality",
            "soreness",
            "mood",
            "motivation",
        ] {
            assert!(w[key].is_number() || w[key].is_null(), "{key}: {w}");
        }
        assert!(w["pain_location"].is_string());
    }
    assert!(wellness.iter().any(|w| w["pain"] == 3));
}
