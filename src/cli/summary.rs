//! `peakline summary FILE [--json]`: the plan at a glance, for people or scripts.

use std::path::Path;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::engine::analysis::{draft_warnings, plan_warnings, season_pmc};
use crate::model::{Phase, Plan, PmcStart, Race, Session, Warning, Week};

/// The JSON document `summary --json` prints (shape fixed by the planning-engine issue).
#[derive(Serialize)]
pub struct Summary {
    pub athlete: AthleteJson,
    pub races: Vec<RaceJson>,
    /// Whether the file holds generated variants. `false`: it has none (no `generate` yet),
    /// so `variants` were drafted by the engine for this summary and are not saved; the
    /// fixed shape (three variants, never null) holds either way.
    pub variants_generated: bool,
    pub variants: VariantsJson,
    pub plan: Option<SeasonJson>,
    /// The adopted plan's warnings.
    pub warnings: Vec<WarningJson>,
    pub actuals: Vec<ActualJson>,
    pub wellness: Vec<WellnessJson>,
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

#[derive(Serialize)]
pub struct VariantsJson {
    pub conservative: Option<SeasonJson>,
    pub moderate: Option<SeasonJson>,
    pub aggressive: Option<SeasonJson>,
}

#[derive(Serialize)]
pub struct SeasonJson {
    pub phases: Vec<PhaseJson>,
    pub pmc_start: PmcJson,
    pub weeks: Vec<WeekJson>,
    pub daily: Vec<DayJson>,
    pub warnings: Vec<WarningJson>,
    pub notes: Vec<String>,
}

#[derive(Serialize)]
pub struct PhaseJson {
    pub kind: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Serialize)]
pub struct PmcJson {
    pub fitness: f64,
    pub fatigue: f64,
}

#[derive(Serialize)]
pub struct WeekJson {
    pub start: NaiveDate,
    pub phase: &'static str,
    pub status: &'static str,
    pub load: f64,
    pub distance_km: f64,
    pub duration_min: f64,
    pub hard_sessions: usize,
    pub down_week: bool,
    pub rationale: String,
    pub sessions: Vec<SessionJson>,
}

#[derive(Serialize)]
pub struct SessionJson {
    pub id: u64,
    pub date: NaiveDate,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub duration_min: f64,
    pub distance_km: Option<f64>,
    pub rpe: f64,
    pub load: f64,
    pub hard: bool,
    pub description: String,
    pub rationale: String,
}

#[derive(Serialize)]
pub struct DayJson {
    pub date: NaiveDate,
    pub load: f64,
    pub fitness: f64,
    pub fatigue: f64,
    pub form: f64,
}

#[derive(Serialize)]
pub struct WarningJson {
    pub code: String,
    pub severity: &'static str,
    pub date: Option<NaiveDate>,
    pub message: String,
    pub suggestion: String,
}

#[derive(Serialize)]
pub struct ActualJson {
    pub date: NaiveDate,
    pub start: Option<NaiveDateTime>,
    pub sport: &'static str,
    pub duration_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub rpe: Option<f64>,
    pub source: &'static str,
}

#[derive(Serialize)]
pub struct WellnessJson {
    pub date: NaiveDate,
    pub readiness: Option<u8>,
    pub pain: Option<u8>,
    pub pain_location: String,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<u8>,
    pub soreness: Option<u8>,
    pub mood: Option<u8>,
    pub motivation: Option<u8>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn warning_json(w: &Warning) -> WarningJson {
    WarningJson {
        code: w.code.clone(),
        severity: w.severity.code(),
        date: w.date,
        message: w.message.clone(),
        suggestion: w.suggestion.clone(),
    }
}

fn session_json(s: &Session) -> SessionJson {
    SessionJson {
        id: s.id.0,
        date: s.date,
        kind: s.kind.code(),
        duration_min: s.duration_min,
        distance_km: s.distance_km,
        rpe: s.rpe,
        load: round1(s.load_au()),
        hard: s.is_hard(),
        description: s.description.clone(),
        rationale: s.rationale.clone(),
    }
}

fn week_json(w: &Week) -> WeekJson {
    WeekJson {
        start: w.start,
        phase: w.phase.code(),
        status: match w.status {
            crate::model::WeekStatus::Draft => "draft",
            crate::model::WeekStatus::Approved => "approved",
        },
        load: round1(w.load_au()),
        distance_km: round1(w.distance_km()),
        duration_min: w.duration_min(),
        hard_sessions: w.hard_sessions(),
        down_week: w.down_week,
        rationale: w.rationale.clone(),
        sessions: w.sessions.iter().map(session_json).collect(),
    }
}

fn season_json(
    plan: &Plan,
    phases: &[Phase],
    weeks: &[Week],
    start: PmcStart,
    warnings: &[Warning],
    notes: &[String],
) -> SeasonJson {
    SeasonJson {
        phases: phases
            .iter()
            .map(|p| PhaseJson {
                kind: p.kind.code(),
                start: p.start,
                end: p.end,
            })
            .collect(),
        pmc_start: PmcJson {
            fitness: round1(start.fitness),
            fatigue: round1(start.fatigue),
        },
        weeks: weeks.iter().map(week_json).collect(),
        daily: season_pmc(weeks, start, plan)
            .into_iter()
            .map(|d| DayJson {
                date: d.date,
                load: round1(d.load),
                fitness: round1(d.fitness),
                fatigue: round1(d.fatigue),
                form: round1(d.form),
            })
            .collect(),
        warnings: warnings.iter().map(warning_json).collect(),
        notes: notes.to_vec(),
    }
}

/// Builds the summary of `plan`. A plan without variants gets them drafted as of `today`
/// (on a copy: the file is not changed), so scripts always see the same shape.
pub fn summarize(plan: &Plan, today: NaiveDate) -> Summary {
    use crate::model::VariantKind as V;
    let variants_generated = V::ALL.iter().any(|&v| plan.variants.get(v).is_some());
    if !variants_generated {
        let mut drafted = plan.clone();
        crate::engine::adopt::regenerate_variants(&mut drafted, today);
        return summarize_with(&drafted, false);
    }
    summarize_with(plan, true)
}

fn summarize_with(plan: &Plan, variants_generated: bool) -> Summary {
    let variant = |kind| {
        plan.variants.get(kind).map(|d| {
            season_json(
                plan,
                &d.phases,
                &d.weeks,
                d.pmc_start,
                &draft_warnings(plan, d),
                &d.notes,
            )
        })
    };
    use crate::model::VariantKind as V;
    let warnings = plan_warnings(plan);
    Summary {
        athlete: AthleteJson {
            name: plan.athlete.name.clone(),
            runner_type: plan.athlete.runner_type.code().to_owned(),
        },
        races: plan.races.iter().map(race_json).collect(),
        variants_generated,
        variants: VariantsJson {
            conservative: variant(V::Conservative),
            moderate: variant(V::Moderate),
            aggressive: variant(V::Aggressive),
        },
        plan: plan.plan.as_ref().map(|p| {
            season_json(
                plan,
                &plan.season.phases,
                &p.weeks,
                p.pmc_start,
                &warnings,
                &[],
            )
        }),
        warnings: warnings.iter().map(warning_json).collect(),
        actuals: plan
            .actuals
            .iter()
            .map(|a| ActualJson {
                date: a.date,
                start: a.start,
                sport: a.sport.code(),
                duration_s: a.duration_s,
                distance_m: a.distance_m,
                avg_hr: a.avg_hr,
                rpe: a.rpe,
                source: a.source.code(),
            })
            .collect(),
        wellness: plan
            .wellness
            .iter()
            .map(|w| WellnessJson {
                date: w.date,
                readiness: w.readiness,
                pain: w.pain,
                pain_location: w.pain_location.clone(),
                sleep_hours: w.sleep_hours,
                sleep_quality: w.sleep_quality,
                soreness: w.soreness,
                mood: w.mood,
                motivation: w.motivation,
            })
            .collect(),
    }
}

fn race_json(r: &Race) -> RaceJson {
    RaceJson {
        name: r.name.clone(),
        date: r.date,
        distance_km: r.distance_km,
        priority: r.priority.letter().to_owned(),
    }
}

pub fn run(path: &Path, json: bool, sessions: bool, today: NaiveDate) -> ExitCode {
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
        print!("{}", text_summary(&plan, sessions));
    }
    ExitCode::SUCCESS
}

fn text_summary(plan: &Plan, sessions: bool) -> String {
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
            if sessions {
                let _ = writeln!(s, "      {}", w.rationale);
                for x in &w.sessions {
                    let _ = writeln!(
                        s,
                        "      {} {:<15} {:>4.0} min {:>5} km RPE {:>3.1}  {}  [{}]",
                        x.date.format("%a %d"),
                        x.kind.label(),
                        x.duration_min,
                        x.distance_km.map_or("-".to_owned(), |d| format!("{d:.1}")),
                        x.rpe,
                        x.description,
                        x.rationale
                    );
                }
            }
        }
        let warnings = plan_warnings(plan);
        if !warnings.is_empty() {
            let _ = writeln!(s, "Warnings:");
            for w in warnings {
                let _ = writeln!(
                    s,
                    "  [{}] {} {}: {} ({})",
                    w.severity.code(),
                    w.date.map(|d| d.to_string()).unwrap_or_default(),
                    w.code,
                    w.message,
                    w.suggestion
                );
            }
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
