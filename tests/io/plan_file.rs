//! Plan files: round trips, every class of bad file, migration and atomic saves.

use std::path::Path;

use peakline::io::examples::{EXAMPLES, demo};
use peakline::io::{
    LoadError, MAX_PLAN_BYTES, MigrateError, backup_path, load_plan, migrate, parse_plan,
    save_plan, serialize_plan,
};
use peakline::model::{
    AdoptedPlan, FORMAT_VERSION, Plan, Race, Session, SessionId, SessionType, Week, validate,
};

use crate::common::{date, marathoner, temp_dir, write};

fn parse(name: &str, text: &str) -> Result<Plan, LoadError> {
    parse_plan(Path::new(name), text.as_bytes())
}

/// The demo file text with one substitution, which must apply.
fn demo_with(from: &str, to: &str) -> String {
    let text = demo().text;
    assert!(text.contains(from), "fixture text has {from:?}");
    text.replacen(from, to, 1)
}

/// A plan with one adopted week holding one session.
fn plan_with_session(session: Session) -> Plan {
    let mut plan = marathoner();
    let week = Week {
        start: date("2026-11-30"),
        sessions: vec![session],
        ..Week::default()
    };
    plan.plan = Some(AdoptedPlan {
        weeks: vec![week],
        next_session_id: 10,
        ..AdoptedPlan::default()
    });
    plan
}

fn easy_run(on: &str, minutes: f64) -> Session {
    Session {
        id: SessionId(1),
        date: date(on),
        kind: SessionType::Easy,
        duration_min: minutes,
        rpe: 3.0,
        ..Session::default()
    }
}

#[test]
fn every_example_round_trips_through_a_file() {
    let dir = temp_dir();
    for example in &EXAMPLES {
        let original = example.load().expect("example loads");
        let path = dir.path().join(example.file_name);
        save_plan(&original, &path).expect("saves");
        let restored = load_plan(&path).expect("reloads");
        assert_eq!(original, restored, "{}", example.file_name);
        assert!(validate(&restored).is_empty());
    }
}

#[test]
fn the_embedded_demo_is_the_marathoner() {
    let plan = demo().load().expect("demo loads");
    assert_eq!(plan.athlete.name, "Maya Lindqvist");
    assert_eq!(plan.races.len(), 3);
}

#[test]
fn saved_files_start_with_the_header() {
    let text = serialize_plan(&marathoner()).expect("serializes");
    let format_at = text.find("format:").expect("has format");
    let version_at = text.find("version:").expect("has version");
    let athlete_at = text.find("athlete:").expect("has athlete");
    assert!(format_at < version_at && version_at < athlete_at);
    assert!(text.contains("format: \"peakline-plan\""));
    assert!(text.contains(&format!("version: {FORMAT_VERSION}")));
}

#[test]
fn empty_file_is_refused() {
    for text in ["", "   \n\t\n"] {
        let err = parse("empty.peakline.ron", text).expect_err("empty");
        assert!(matches!(err, LoadError::Empty { .. }));
        assert!(
            err.to_string()
                .starts_with("empty.peakline.ron: the file is empty")
        );
    }
}

#[test]
fn truncated_file_says_so_with_its_position() {
    let text = demo().text;
    for cut in [text.len() / 3, text.len() / 2, text.len() - 3] {
        let cut = (cut..text.len())
            .find(|&c| text.is_char_boundary(c))
            .expect("boundary");
        let err = parse("cut.peakline.ron", &text[..cut]).expect_err("truncated");
        let msg = err.to_string();
        let LoadError::Syntax { line, col, .. } = err else {
            panic!("expected a syntax error, got {msg}");
        };
        assert!(line > 1 && col >= 1, "{msg}");
        assert!(
            msg.starts_with(&format!("cut.peakline.ron:{line}:{col}: ")),
            "{msg}"
        );
        assert!(
            msg.contains("ends too early") && msg.contains("truncated"),
            "{msg}"
        );
        assert!(!msg.contains("comma"), "{msg}");
    }
}

#[test]
fn nonsense_gets_a_sentence_not_a_parser_token() {
    let err = parse("nest.peakline.ron", "((((((((").expect_err("not a plan");
    let msg = err.to_string();
    assert!(!msg.contains("Expected identifier"), "{msg}");
    assert!(msg.contains("expected a field name"), "{msg}");
    // Text after the error position: not mistaken for a truncated file.
    let err = parse("nest.peakline.ron", "(((( format: 1 )))").expect_err("not a plan");
    assert!(!err.to_string().contains("ends too early"), "{err}");
}

#[test]
fn non_utf8_file_is_refused_with_the_position_of_the_bad_byte() {
    let mut bytes =
        b"(\n  format: \"peakline-plan\",\n  version: 1,\n  athlete: (name: \"M".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\"),\n)");
    let err = parse_plan(Path::new("bin.peakline.ron"), &bytes).expect_err("not utf-8");
    assert!(
        matches!(
            err,
            LoadError::NotUtf8 {
                line: 4,
                col: 21,
                byte: 0xff,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("not UTF-8"));
}

#[test]
fn wrong_type_names_the_position_and_what_was_expected() {
    let text = demo_with("age: Some(34)", "age: Some(\"thirty-four\")");
    let err = parse("type.peakline.ron", &text).expect_err("wrong type");
    let msg = err.to_string();
    assert!(msg.starts_with("type.peakline.ron:"), "{msg}");
    assert!(msg.contains("expected") || msg.contains("number"), "{msg}");
    let LoadError::Syntax { line, .. } = err else {
        panic!("{msg}")
    };
    let expected_line = text
        .lines()
        .position(|l| l.contains("thirty-four"))
        .expect("line")
        + 1;
    assert_eq!(line, expected_line, "{msg}");
}

#[test]
fn unknown_enum_value_lists_the_valid_ones() {
    let text = demo_with("runner_type: Marathoner", "runner_type: Ultrarunner");
    let msg = parse("enum.peakline.ron", &text)
        .expect_err("bad enum")
        .to_string();
    assert!(
        msg.contains("Ultrarunner") && msg.contains("Comeback"),
        "{msg}"
    );
}

#[test]
fn a_million_brackets_hit_the_recursion_limit_not_the_stack() {
    let depth = 1_000_000;
    let mut text = String::with_capacity(2 * depth + 64);
    text.push_str("(format: \"peakline-plan\", version: 1, races: ");
    text.extend(std::iter::repeat_n('[', depth));
    text.extend(std::iter::repeat_n(']', depth));
    text.push(')');
    let msg = parse("deep.peakline.ron", &text)
        .expect_err("too deep")
        .to_string();
    assert!(msg.contains("nested far too deeply"), "{msg}");
}

#[test]
fn huge_string_is_refused_by_validation() {
    let name = "x".repeat(30 * 1024 * 1024);
    let text = demo_with("name: \"Maya Lindqvist\"", &format!("name: \"{name}\""));
    assert!(text.len() as u64 <= MAX_PLAN_BYTES);
    let err = parse("huge.peakline.ron", &text).expect_err("huge name");
    let LoadError::Invalid { problems, .. } = &err else {
        panic!("expected a validation error, got {err}")
    };
    assert!(problems[0].path == "athlete.name");
    assert!(problems[0].message.contains("at most 200"));
}

#[test]
fn files_over_32_mib_are_refused_before_parsing() {
    let dir = temp_dir();
    let path = dir.path().join("big.peakline.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(40 * 1024 * 1024).expect("sparse 40 MiB");
    let err = load_plan(&path).expect_err("too large");
    assert!(matches!(err, LoadError::TooLarge { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("big.peakline.ron") && msg.contains("40.0 MiB"),
        "{msg}"
    );
}

#[test]
fn invalid_date_is_explained() {
    let text = demo_with("date: \"2027-04-11\"", "date: \"2027-02-30\"");
    let msg = parse("date.peakline.ron", &text)
        .expect_err("bad date")
        .to_string();
    assert!(msg.contains("not a valid date"), "{msg}");
    assert!(
        msg.contains("2027-04-18") || msg.contains("YYYY") || msg.contains("like"),
        "{msg}"
    );
}

#[test]
fn race_outside_the_season_is_inconsistent() {
    let text = demo_with("date: \"2027-04-11\"", "date: \"2027-06-11\"");
    let err = parse("race.peakline.ron", &text).expect_err("race outside");
    let lines = err.lines();
    assert!(
        lines.iter().any(|l| l.starts_with("race.peakline.ron: races[")
            && l.contains("outside the season")),
        "{lines:?}"
    );
}

#[test]
fn session_outside_its_week_is_inconsistent() {
    let plan = plan_with_session(easy_run("2026-12-09", 40.0));
    let text = serialize_plan(&plan).expect("serializes");
    let msg = parse("week.peakline.ron", &text)
        .expect_err("outside")
        .to_string();
    assert!(msg.contains("plan.weeks[0].sessions[0].date"), "{msg}");
    assert!(msg.contains("outside its week"), "{msg}");
}

#[test]
fn negative_duration_is_inconsistent() {
    let plan = plan_with_session(easy_run("2026-12-01", -30.0));
    let text = serialize_plan(&plan).expect("serializes");
    let msg = parse("neg.peakline.ron", &text)
        .expect_err("negative")
        .to_string();
    assert!(msg.contains("duration_min") && msg.contains("-30"), "{msg}");
}

#[test]
fn a_sound_plan_with_weeks_validates() {
    let plan = plan_with_session(easy_run("2026-12-01", 40.0));
    assert_eq!(validate(&plan), vec![]);
    let text = serialize_plan(&plan).expect("serializes");
    assert_eq!(parse("ok.peakline.ron", &text).expect("loads"), plan);
}

#[test]
fn newer_version_is_refused_with_both_versions() {
    let text = demo_with("version: 1", "version: 7");
    let msg = parse("new.peakline.ron", &text)
        .expect_err("newer")
        .to_string();
    assert_eq!(
        msg,
        format!(
            "new.peakline.ron: made by a newer Peakline (file version 7, this build reads up to \
             {FORMAT_VERSION}); update Peakline to open it"
        )
    );
}

#[test]
fn newer_version_is_refused_even_when_its_content_is_unknown() {
    // A future file may hold fields and types this build cannot parse; the header pass
    // still reports the version, not a confusing syntax error.
    let text = "(format: \"peakline-plan\", version: 2, athlete: NewShape(x: 1, y: [Some(2)]))";
    let err = parse("future.peakline.ron", text).expect_err("newer");
    assert!(matches!(err, LoadError::Version { .. }), "{err}");
}

#[test]
fn other_ron_files_are_not_plans() {
    let msg = parse("x.ron", "(format: \"other-app\", version: 1)")
        .expect_err("not a plan")
        .to_string();
    assert!(
        msg.contains("not a Peakline plan file") && msg.contains("other-app"),
        "{msg}"
    );
    let msg = parse("y.ron", "(width: 3)")
        .expect_err("no header")
        .to_string();
    assert!(msg.contains("no `format"), "{msg}");
}

#[test]
fn migration_brings_a_file_to_the_current_version_and_refuses_the_impossible() {
    let mut old = marathoner();
    old.version = 1;
    let migrated = migrate(old.clone(), 1).expect("v1 migrates");
    assert_eq!(migrated.version, FORMAT_VERSION);
    assert_eq!(migrated.athlete, old.athlete);
    assert_eq!(
        migrate(old.clone(), 0),
        Err(MigrateError::TooOld { found: 0 })
    );
    assert_eq!(
        migrate(old, FORMAT_VERSION + 1),
        Err(MigrateError::Newer {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        })
    );
    let text = demo_with("version: 1", "version: 0");
    let msg = parse("zero.peakline.ron", &text)
        .expect_err("v0")
        .to_string();
    assert!(msg.contains("older than any Peakline release"), "{msg}");
}

#[test]
fn saving_keeps_the_previous_file_as_bak() {
    let dir = temp_dir();
    let path = dir.path().join("maya.peakline.ron");
    let mut plan = marathoner();
    save_plan(&plan, &path).expect("first save");
    let first = std::fs::read(&path).expect("read");
    assert!(
        !backup_path(&path).exists(),
        "no backup before there is a previous file"
    );

    plan.races.push(Race {
        name: "Extra 5K".into(),
        date: date("2027-02-21"),
        distance_km: 5.0,
        ..Race::default()
    });
    save_plan(&plan, &path).expect("second save");
    assert_eq!(std::fs::read(backup_path(&path)).expect("bak"), first);
    assert_eq!(load_plan(&path).expect("new version loads"), plan);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_failed_save_leaves_the_original_byte_identical() {
    let dir = temp_dir();
    let path = dir.path().join("maya.peakline.ron");
    let plan = marathoner();
    save_plan(&plan, &path).expect("first save");
    let before = std::fs::read(&path).expect("read");

    // The backup cannot be written: its name is taken by a non-empty folder.
    let bak = backup_path(&path);
    std::fs::create_dir(&bak).expect("dir");
    write(&bak, "keep", b"x");
    let mut changed = plan.clone();
    changed.athlete.name = "Changed".into();
    let err = save_plan(&changed, &path).expect_err("save must fail");
    let msg = err.to_string();
    assert!(
        msg.contains("maya.peakline.ron") && msg.contains("unchanged"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // The folder does not exist at all.
    let missing = dir.path().join("no-such-folder").join("x.peakline.ron");
    let msg = save_plan(&plan, &missing)
        .expect_err("no folder")
        .to_string();
    assert!(msg.contains("temporary file"), "{msg}");
}

#[test]
fn an_inconsistent_plan_is_not_written() {
    let dir = temp_dir();
    let path = dir.path().join("bad.peakline.ron");
    let plan = plan_with_session(easy_run("2026-12-01", -5.0));
    let msg = save_plan(&plan, &path).expect_err("invalid").to_string();
    assert!(
        msg.contains("not saved") && msg.contains("duration_min"),
        "{msg}"
    );
    assert!(!path.exists());
}
