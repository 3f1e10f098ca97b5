//! Command line: `peakline [FILE]` opens the app; subcommands run the same engine headless.

mod audit;
mod demo_data;
mod export;
mod generate;
mod import;
mod merge;
mod predict;
mod retro;
mod review;
mod summary;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::app::{AppOptions, NativeDialogs, PeaklineApp, Role};
use crate::io;

/// Peakline: hybrid running coaching. The engine drafts the season; the coach decides.
#[derive(Parser, Debug)]
#[command(name = "peakline", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Plan file to open (`*.peakline.ron`); without one, the app opens the demo season.
    pub file: Option<PathBuf>,
    /// Open FILE in athlete view: read-only plan, log sessions and check-ins.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    pub athlete: Option<PathBuf>,
    /// Use this date as "today" (YYYY-MM-DD) instead of the system date.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<NaiveDate>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check plan files; exit 0 when all are valid, 1 otherwise (one line per problem on stderr).
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// (Re)compute the three variants; adopt moderate when nothing is adopted yet.
    Generate {
        file: PathBuf,
        /// Write the result here instead of back to FILE.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Adopt this variant (conservative, moderate, aggressive), replacing the adopted plan's
        /// draft weeks; approved and edited weeks are kept.
        #[arg(long, value_name = "VARIANT")]
        adopt: Option<String>,
    },
    /// Equivalent race times (Riegel and VDOT) from a result like `10k=41:21`.
    Predict {
        /// DISTANCE=TIME, e.g. `10k=41:21`, `half=1:38:30`, `5000=19:57`.
        result: String,
        /// Only this distance (e.g. `marathon`, `21.1k`, `1500`); all standard ones otherwise.
        #[arg(long, value_name = "DISTANCE")]
        to: Vec<String>,
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a plan's athlete, races, phases and weekly totals.
    Summary {
        file: PathBuf,
        /// Machine-readable JSON instead of text.
        #[arg(long)]
        json: bool,
        /// List every session of every week (text output).
        #[arg(long)]
        sessions: bool,
    },
    /// Weekly review: draft a week from the plan and the athlete's log, with each change's reason.
    Review {
        file: PathBuf,
        /// A day of the week to draft (YYYY-MM-DD): the week containing it.
        #[arg(long, value_name = "DATE")]
        week: NaiveDate,
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
    /// Monthly audit of the last four complete weeks: keep / adjust / replace per session type.
    Audit {
        file: PathBuf,
        /// First day of the period (with --to) instead of the last four weeks.
        #[arg(long, value_name = "DATE", requires = "to")]
        from: Option<NaiveDate>,
        /// Last day of the period.
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<NaiveDate>,
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
    /// Season retrospective after the A race; --md writes a Markdown report with PNG plots.
    Retro {
        file: PathBuf,
        /// Write retrospective.md, weekly-load.png and fitness.png into this folder.
        #[arg(long, value_name = "OUT_DIR")]
        md: Option<PathBuf>,
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
    /// Merge an athlete's copy of PLAN: their actuals and check-ins only, never the plan.
    /// Conflicts take the newer version (usually the athlete's); the app lets you choose.
    Merge {
        plan: PathBuf,
        athlete_copy: PathBuf,
        /// Write the result here instead of back to PLAN.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Import activity files (FIT, GPX, TCX, Strava or Garmin CSV) into PLAN's actuals;
    /// exit 1 if any file failed (the others are still imported).
    Import {
        plan: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the result here instead of back to PLAN.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Distance unit of Garmin Connect CSV exports that neither say nor show which one
        /// they use (they follow the account's setting); default km.
        #[arg(long, value_name = "UNIT", value_parser = ["km", "mi"])]
        garmin_units: Option<String>,
    },
    /// Export the plan as iCalendar and/or CSV.
    Export {
        plan: PathBuf,
        /// Calendar (.ics) of the planned sessions.
        #[arg(long, value_name = "OUT")]
        ics: Option<PathBuf>,
        /// CSV of the planned sessions.
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
        /// CSV of the actuals.
        #[arg(long, value_name = "OUT")]
        actuals_csv: Option<PathBuf>,
        /// Distances and paces in miles in the calendar.
        #[arg(long)]
        miles: bool,
    },
    /// Add synthetic actuals and check-ins before DATE (for the demo files).
    #[command(hide = true)]
    DemoData {
        plan: PathBuf,
        #[arg(long, value_name = "DATE")]
        until: NaiveDate,
        /// Seed of the noise; the default made the committed demo.
        #[arg(long, default_value_t = crate::io::sample::DEMO_SEED)]
        seed: u64,
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match cli.command {
        None => run_app(
            cli.file.or(cli.athlete.clone()),
            cli.athlete.is_some(),
            today,
        ),
        Some(Command::Check { files }) => check(&files),
        Some(Command::Summary {
            file,
            json,
            sessions,
        }) => summary::run(&file, json, sessions, today),
        Some(Command::Predict { result, to, json }) => predict::run(&result, &to, json),
        Some(Command::Generate {
            file,
            output,
            adopt,
        }) => generate::run(&file, output.as_deref(), adopt.as_deref(), today),
        Some(Command::Review { file, week, json }) => review::run(&file, week, json, today),
        Some(Command::Audit {
            file,
            from,
            to,
            json,
        }) => audit::run(&file, from.zip(to), json, today),
        Some(Command::Retro { file, md, json }) => retro::run(&file, md.as_deref(), json, today),
        Some(Command::Merge {
            plan,
            athlete_copy,
            output,
        }) => merge::run(&plan, &athlete_copy, output.as_deref()),
        Some(Command::Import {
            plan,
            files,
            output,
            garmin_units,
        }) => import::run(
            &plan,
            &files,
            output.as_deref(),
            garmin_units.as_deref(),
            today,
        ),
        Some(Command::Export {
            plan,
            ics,
            csv,
            actuals_csv,
            miles,
        }) => export::run(
            &plan,
            &export::Targets {
                ics: ics.as_deref(),
                csv: csv.as_deref(),
                actuals_csv: actuals_csv.as_deref(),
            },
            miles,
        ),
        Some(Command::DemoData {
            plan,
            until,
            seed,
            output,
        }) => demo_data::run(&plan, until, seed, output.as_deref()),
    }
}

fn run_app(file: Option<PathBuf>, athlete: bool, today: NaiveDate) -> ExitCode {
    let options = AppOptions {
        today,
        file,
        role: if athlete { Role::Athlete } else { Role::Coach },
        dialogs: Box::new(NativeDialogs),
        clock: chrono::Utc::now,
        autosave_dir: crate::app::autosave::Autosave::default_dir(),
    };
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Peakline")
            .with_app_id("peakline")
            .with_inner_size([1366.0, 820.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true)
            .with_icon(app_icon()),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Peakline",
        native,
        Box::new(move |cc| Ok(Box::new(PeaklineApp::new(cc, options)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peakline: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The window icon, from the PNG in `dist/`.
fn app_icon() -> eframe::egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../dist/peakline.png")).unwrap_or_default()
}

/// `peakline check FILE...`: one line per problem, `FILE:LINE:COL: message` or `FILE: message`.
fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match io::load_plan(file) {
            Ok(_) => println!("{}: ok", file.display()),
            Err(e) => {
                failed = true;
                for line in e.lines() {
                    eprintln!("{line}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads a plan for a subcommand, printing the error lines on failure.
fn load_or_report(path: &std::path::Path) -> Option<crate::model::Plan> {
    match io::load_plan(path) {
        Ok(plan) => Some(plan),
        Err(e) => {
            for line in e.lines() {
                eprintln!("{line}");
            }
            None
        }
    }
}

/// Prints `value` as pretty JSON for a subcommand's `--json`.
fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("peakline: {e}");
            ExitCode::FAILURE
        }
    }
}
