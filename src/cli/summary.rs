//! `peakline summary FILE [--json]`: the plan at a glance, for people or scripts.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Plan, Race, Week};

/// The JSON document `summary --json` prints (shape fixed by the planning-engine issue).
#[derive(Serialize)]
pub struct Summary {
    pub athlete: AthleteJson,
    pub races: Vec<RaceJson>,
}

#[derive(Serialize)]
pub struct AthleteJson {
    pub name: String,
    pub runner_type: String,
}

#[derive(Serialize)]
pub struct RaceJson {
    pub name: String,
    pub date: NaiveDate,
    pub distance_km: f64,
    pub priority: String,
}

impl RaceJson {
    fn from_race(r: &Race) -> Self {
        Self {
            name: r.name.clone(),
            date: r.date,
            distance_km: r.distance_km,
            priority: r.priority.letter().to_owned(),
        }
    }
}

/// Builds the summary of `plan`.
pub fn summarize(plan: &Plan, _today: NaiveDate) -> Summary {
    Summary {
        athlete: AthleteJson {
            name: plan.athlete.name.clone(),
            runner_type: plan.athlete.runner_type.code().to_owned(),
        },
        races: plan.races.iter().map(RaceJson::from_race).collect(),
    }
}

pub fn run(path: &Path, json: bool, today: NaiveDate) -> ExitCode {
    let Some(plan) = super::load_or_report(path) else {
        return ExitCode::FAILURE;
    };
    if json {
        match serde_json::to_string_pretty(&summarize(&plan, today)) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("{}: cannot write JSON: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", text_summary(&plan));
    }
    ExitCode::SUCCESS
}

fn text_summary(plan: &Plan) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let a = &plan.athlete;
    let _ = writeln!(s, "{} — {}", a.name, a.runner_type.label());
    let _ = writeln!(s, "Season {} to {}", plan.season.start, plan.season.end);
    let _ = writeln!(s, "Races:");
    for r in &plan.races {
        let _ = writeln!(
            s,
            "  {} {}  {} ({} km)",
            r.priority.letter(),
            r.date,
            r.name,
            r.distance_km
        );
    }
    if !plan.season.phases.is_empty() {
        let _ = writeln!(s, "Phases:");
        for p in &plan.season.phases {
            let _ = writeln!(s, "  {:<14} {} to {}", p.kind.label(), p.start, p.end);
        }
    }
    if let Some(adopted) = &plan.plan {
        let _ = writeln!(s, "Weeks ({} variant):", adopted.variant.code());
        for w in &adopted.weeks {
            let _ = writeln!(s, "  {}", week_line(w));
        }
    } else {
        let _ = writeln!(s, "No plan adopted yet (run `peakline generate`).");
    }
    s
}

fn week_line(w: &Week) -> String {
    format!(
        "{}  {:<13} {:>5.0} AU {:>6.1} km {:>4.0} min  {} hard{}",
        w.start,
        w.phase.label(),
        w.load_au(),
        w.distance_km(),
        w.duration_min(),
        w.hard_sessions(),
        if w.down_week { "  (down week)" } else { "" }
    )
}
