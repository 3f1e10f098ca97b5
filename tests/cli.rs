//! The `peakline` binary run as a process.

use std::path::Path;
use std::process::{Command, Output};

use peakline::io::examples::EXAMPLES;

use crate::common::{temp_dir, write};

fn peakline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peakline"))
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_accepts_every_example() {
    let dir = temp_dir();
    let paths: Vec<String> = EXAMPLES
        .iter()
        .map(|e| {
            write(dir.path(), e.file_name, e.text.as_bytes())
                .display()
                .to_string()
        })
        .collect();
    let args: Vec<&str> = std::iter::once("check")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let out = peakline(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        EXAMPLES.len()
    );
}

#[test]
fn check_reports_one_line_per_problem_and_exits_1() {
    let dir = temp_dir();
    let good = write(dir.path(), "good.peakline.ron", EXAMPLES[0].text.as_bytes());
    let truncated = write(
        dir.path(),
        "cut.peakline.ron",
        &EXAMPLES[0].text.as_bytes()[..400],
    );
    let mut plan = EXAMPLES[0].load().expect("example");
    plan.athlete.name = String::new();
    plan.races[2].date = chrono::NaiveDate::from_ymd_opt(2028, 4, 11).expect("date");
    let inconsistent = peakline::io::serialize_plan(&plan).expect("serializes");
    let bad = write(dir.path(), "bad.peakline.ron", inconsistent.as_bytes());
    let out = peakline(&[
        "check",
        &good.display().to_string(),
        &truncated.display().to_string(),
        &bad.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    let cut = truncated.display().to_string();
    assert!(
        lines[0].starts_with(&format!("{cut}:")) && lines[0].matches(':').count() >= 3,
        "FILE:LINE:COL: message expected, got {}",
        lines[0]
    );
    let bad = bad.display().to_string();
    assert!(
        lines[1].starts_with(&format!("{bad}: athlete.name")),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!("{bad}: races[2].date")),
        "{}",
        lines[2]
    );
}

#[test]
fn check_of_a_missing_file_exits_1() {
    let out = peakline(&["check", "/no/such/plan.peakline.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("/no/such/plan.peakline.ron: cannot read the file"));
}

#[test]
fn summary_json_names_the_athlete_and_races() {
    let dir = temp_dir();
    let path = write(dir.path(), "m.peakline.ron", EXAMPLES[0].text.as_bytes());
    let out = peakline(&[
        "summary",
        &path.display().to_string(),
        "--json",
        "--today",
        "2026-11-25",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["athlete"]["name"], "Maya Lindqvist");
    assert_eq!(json["athlete"]["runner_type"], "marathoner");
    assert_eq!(json["races"][2]["priority"], "A");
    assert_eq!(json["races"][2]["date"], "2027-04-11");
    let _ = Path::new(&path);
}

#[test]
fn predict_prints_the_documented_json() {
    let out = peakline(&["predict", "10k=41:21", "--to", "marathon", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["from"]["distance_m"], 10000);
    assert_eq!(json["from"]["time_s"], 2481.0);
    assert_eq!(json["vdot"], 50.0);
    let p = &json["predictions"][0];
    assert_eq!(p["distance"], "marathon");
    assert_eq!(p["distance_m"], 42195);
    // Riegel: 2481 × 4.2195^1.06 = 11413.1 s; Daniels' VDOT 50 marathon is 3:10:49 (11449 s).
    assert!((p["riegel_s"].as_f64().expect("riegel") - 11413.1).abs() < 1.0);
    assert!((p["vdot_s"].as_f64().expect("vdot") - 11449.0).abs() < 10.0);
    let all = peakline(&["predict", "10k=41:21", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&all.stdout).expect("json");
    let names: Vec<&str> = json["predictions"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["distance"].as_str())
        .collect();
    assert_eq!(names, ["1500", "mile", "5k", "10k", "half", "marathon"]);
}

#[test]
fn predict_rejects_bad_input_with_usage_exit_code() {
    let out = peakline(&["predict", "10k=fast"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a time"));
}

#[test]
fn predict_refuses_an_implausible_result() {
    // A one-minute marathon used to print VDOT 156349 and paces from it.
    for (arg, json) in [("marathon=1:00", false), ("5k=23:59:00", true)] {
        let mut args = vec!["predict", arg];
        if json {
            args.push("--json");
        }
        let out = peakline(&args);
        assert_eq!(out.status.code(), Some(2), "{arg}");
        assert!(out.stdout.is_empty(), "{arg}: nothing on stdout");
        let err = stderr(&out);
        assert!(err.contains("not a plausible race result"), "{arg}: {err}");
        assert!(!err.contains("156349"), "{err}");
    }
    // A real result still predicts.
    let out = peakline(&["predict", "marathon=3:20:00"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Pipes `json` into the official shape checker; `None` when Python is not available.
fn shape_check(json: &[u8]) -> Option<Output> {
    use std::io::Write;
    let mut child = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.ci/check_summary_shape.py"
        ))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(json).ok()?;
    child.wait_with_output().ok()
}

#[test]
fn summary_drafts_variants_for_a_plan_that_has_none() {
    let dir = temp_dir();
    // Athlete, races and guardrails, never generated: the summary still has three variants.
    let mut fresh = EXAMPLES[0].load().expect("example");
    fresh.plan = None;
    fresh.variants = peakline::model::Variants::default();
    fresh.season.phases.clear();
    let text = peakline::io::serialize_plan(&fresh).expect("serializes");
    let path = write(dir.path(), "fresh.peakline.ron", text.as_bytes());
    let p = path.display().to_string();
    let out = peakline(&["summary", &p, "--json", "--today", "2026-11-25"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["variants_generated"], serde_json::Value::Bool(false));
    for v in ["conservative", "moderate", "aggressive"] {
        let weeks = json["variants"][v]["weeks"].as_array().expect("weeks");
        assert!(!weeks.is_empty(), "{v} drafted");
    }
    assert!(json["plan"].is_null(), "nothing adopted");
    // The file itself is untouched.
    assert_eq!(std::fs::read_to_string(&path).expect("reads"), text);
    match shape_check(&out.stdout) {
        Some(checked) => assert!(
            checked.status.success(),
            "{}",
            String::from_utf8_lossy(&checked.stdout)
        ),
        None => eprintln!("python3 not available: shape checker skipped"),
    }
    // A generated plan says its variants come from the file.
    let example = write(dir.path(), "demo.peakline.ron", EXAMPLES[0].text.as_bytes());
    let out = peakline(&["summary", &example.display().to_string(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["variants_generated"], serde_json::Value::Bool(true));
}

#[test]
fn generate_adopts_moderate_and_summary_has_the_fixed_shape() {
    let dir = temp_dir();
    // The example without its drafts and plan: what a coach has before the first generate.
    let mut fresh = EXAMPLES[0].load().expect("example");
    fresh.plan = None;
    fresh.variants = peakline::model::Variants::default();
    fresh.season.phases.clear();
    let text = peakline::io::serialize_plan(&fresh).expect("serializes");
    let path = write(dir.path(), "m.peakline.ron", text.as_bytes());
    let p = path.display().to_string();
    let out = peakline(&["generate", &p, "--today", "2026-11-25"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = peakline(&["summary", &p, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for v in ["conservative", "moderate", "aggressive"] {
        assert!(
            json["variants"][v]["weeks"]
                .as_array()
                .is_some_and(|w| !w.is_empty()),
            "{v}"
        );
    }
    let plan = &json["plan"];
    assert_eq!(
        plan["weeks"], json["variants"]["moderate"]["weeks"],
        "moderate adopted"
    );
    let week = &plan["weeks"][0];
    for key in [
        "start",
        "phase",
        "load",
        "distance_km",
        "duration_min",
        "hard_sessions",
        "down_week",
        "rationale",
    ] {
        assert!(!week[key].is_null(), "week.{key}");
    }
    let session = &week["sessions"][0];
    for key in [
        "date",
        "type",
        "duration_min",
        "rpe",
        "load",
        "hard",
        "rationale",
    ] {
        assert!(!session[key].is_null(), "session.{key}");
    }
    let day = &plan["daily"][0];
    for key in ["date", "load", "fitness", "fatigue", "form"] {
        assert!(day[key].is_number() || day[key].is_string(), "daily.{key}");
    }
    assert!(json["warnings"].is_array());
    // The official shape checker agrees, when Python is available.
    if let Ok(mut child) = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.ci/check_summary_shape.py"
        ))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&out.stdout)
            .expect("write");
        let checked = child.wait_with_output().expect("checker runs");
        assert!(
            checked.status.success(),
            "{}",
            String::from_utf8_lossy(&checked.stdout)
        );
    }
    // A second generate keeps the adopted plan unless --adopt says otherwise.
    let out = peakline(&["generate", &p, "--today", "2026-11-25"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged"));
    let out = peakline(&[
        "generate",
        &p,
        "--adopt",
        "conservative",
        "--today",
        "2026-11-25",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = peakline::io::load_plan(Path::new(&p)).expect("loads");
    assert_eq!(
        plan.plan.expect("adopted").variant,
        peakline::model::VariantKind::Conservative
    );
}

/// The marathoner with the season logged as planned up to `to`, usual check-ins, and three
/// low-readiness days before it, saved into `dir`.
fn logged_marathoner(dir: &Path, to: &str) -> String {
    use crate::common::{check_in, date, log_as_planned, marathoner, usual_day};
    let mut plan = marathoner();
    let start = plan.weeks()[0].start;
    let to = date(to);
    log_as_planned(&mut plan, start, to);
    check_in(&mut plan, start, to, |d| {
        let mut w = usual_day(d);
        if (to - d).num_days() < 3 {
            w.readiness = Some(4);
        }
        w
    });
    let path = dir.join("logged.peakline.ron");
    peakline::io::save_plan(&plan, &path).expect("saves");
    path.display().to_string()
}

#[test]
fn review_prints_the_next_weeks_draft_and_its_reasons() {
    let dir = temp_dir();
    let p = logged_marathoner(dir.path(), "2026-11-25");
    let args = [
        "review",
        &p,
        "--week",
        "2026-11-30",
        "--today",
        "2026-11-25",
    ];
    let out = peakline(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Weekly review: week of 2026-11-30"), "{text}");
    assert!(text.contains("low_readiness: Readiness below"), "{text}");
    assert!(text.contains("Plan vs draft"), "{text}");
    let out = peakline(&[&args[..], &["--json"]].concat());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["week_start"], "2026-11-30");
    assert_eq!(json["rules"][0]["rule"], "low_readiness");
    assert!(
        json["proposed"]["sessions"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(json["signals"]["load_7d"]["compliance"].is_number());
}

#[test]
fn audit_prints_suggestions_per_session_type() {
    let dir = temp_dir();
    let p = logged_marathoner(dir.path(), "2026-11-25");
    let out = peakline(&["audit", &p, "--today", "2026-11-25", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["start"], "2026-10-26");
    let suggestions = json["suggestions"].as_array().expect("suggestions");
    assert!(!suggestions.is_empty());
    assert!(
        suggestions
            .iter()
            .all(|s| s["choice"].is_string() && s["evidence"].is_array())
    );
    let out = peakline(&["audit", &p, "--today", "2026-11-25"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Suggestions:"));
}

#[test]
fn retro_writes_the_markdown_report_and_plots() {
    let dir = temp_dir();
    let p = logged_marathoner(dir.path(), "2027-04-11");
    let out_dir = dir.path().join("retro");
    let o = out_dir.display().to_string();
    let out = peakline(&["retro", &p, "--md", &o, "--today", "2027-04-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(out_dir.join("retrospective.md")).expect("report");
    assert!(md.contains("Harbour City Marathon"));
    for png in ["weekly-load.png", "fitness.png"] {
        let bytes = std::fs::read(out_dir.join(png)).expect("png");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    }
    let out = peakline(&["retro", &p, "--today", "2027-04-20"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Season retrospective"));
}

#[test]
fn a_review_before_anything_is_logged_shows_no_negative_zero() {
    // An empty f64 sum is -0.0 in Rust; a coach must never read "-0 AU".
    let dir = temp_dir();
    let p = dir.path().join("comeback.peakline.ron");
    peakline::io::save_plan(&crate::common::example("comeback.peakline.ron"), &p).expect("saves");
    let p = p.display().to_string();
    let out = peakline(&[
        "review",
        &p,
        "--week",
        "2026-11-30",
        "--today",
        "2026-11-25",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("AU planned"), "{text}");
    assert!(!text.contains("-0 "), "{text}");
}
