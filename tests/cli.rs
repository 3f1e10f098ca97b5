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
    let inconsistent = EXAMPLES[0]
        .text
        .replace("date: \"2027-04-11\"", "date: \"2028-04-11\"")
        .replace("name: \"Maya Lindqvist\"", "name: \"\"");
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
