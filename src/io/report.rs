//! The season retrospective as a report: Markdown text and PNG plots (weekly load — the
//! engine's draft, the coach's final plan, what was done — and fitness on each), for the coach's
//! records or to send to the athlete.
//!
//! # Design
//! The plots are drawn by `plotters` into an in-memory RGB buffer and encoded with `png`, with
//! a font embedded in the binary (Ubuntu Light from egui's `epaint_default_fonts`, Ubuntu Font
//! Licence 1.0, which allows embedding): no system fonts, no window, so it works headless and
//! the same on every machine. The Markdown is built as a string; only the `write_*` functions
//! touch the disk.

use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::engine::predict::format_duration_s;
use crate::engine::retro::Retrospective;
use crate::model::Plan;

/// File name of the weekly-load plot next to the report.
pub const LOAD_PLOT: &str = "weekly-load.png";
/// File name of the fitness plot next to the report.
pub const FITNESS_PLOT: &str = "fitness.png";
/// File name of the Markdown report.
pub const REPORT_FILE: &str = "retrospective.md";

/// Plot size in pixels.
const WIDTH: u32 = 1000;
const HEIGHT: u32 = 500;

/// Why a report could not be made; names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot draw the {plot} plot: {message}")]
    Draw { plot: &'static str, message: String },
}

/// Table cells must not break the Markdown table.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn au(v: f64) -> String {
    format!("{v:.0}")
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |c| format!("{:.0} %", c * 100.0))
}

/// The retrospective as Markdown, referring to the plots by their file names ([`LOAD_PLOT`],
/// [`FITNESS_PLOT`]) in the same folder.
pub fn retrospective_markdown(plan: &Plan, retro: &Retrospective) -> String {
    let mut md = String::new();
    let athlete = if plan.athlete.name.trim().is_empty() {
        "athlete"
    } else {
        plan.athlete.name.trim()
    };
    match &retro.race {
        Some(r) => {
            md.push_str(&format!(
                "# Season retrospective: {athlete} — {} ({})\n\n",
                r.name, r.date
            ));
            let mut line = format!("{} km A race", r.distance_km);
            if let Some(t) = r.time_s {
                line.push_str(&format!(", finished in {}", format_duration_s(t)));
            }
            if let Some(g) = r.goal_time_s {
                line.push_str(&format!(" (goal {})", format_duration_s(g)));
            }
            md.push_str(&format!(
                "{line}. Season {} to {}.\n\n",
                retro.start, retro.end
            ));
        }
        None => md.push_str(&format!(
            "# Season retrospective: {athlete} (season so far, {} to {})\n\n",
            retro.start, retro.end
        )),
    }

    md.push_str("## Load: the engine's draft, the coach's plan, what happened\n\n");
    md.push_str("| | Engine's draft | Final plan | Actual |\n|---|---:|---:|---:|\n");
    md.push_str(&format!(
        "| Total load (AU) | {} | {} | {} |\n",
        au(retro.baseline_total_au),
        au(retro.final_total_au),
        retro.actual_total_au.map_or("–".to_owned(), au)
    ));
    if let Some(actual) = retro.actual_total_au
        && retro.final_logged_au > 0.0
    {
        md.push_str(&format!(
            "| Compliance over the {} logged {} | | {} | {} % |\n",
            retro.logged_weeks,
            crate::model::plural(
                i64::try_from(retro.logged_weeks).unwrap_or(i64::MAX),
                "week",
                "weeks"
            ),
            au(retro.final_logged_au),
            au(actual / retro.final_logged_au * 100.0)
        ));
    }
    let changed = retro.weeks.iter().filter(|w| w.changed_by_coach).count();
    md.push_str(&format!(
        "\nThe coach changed {changed} of {} weeks of the engine's draft.\n\n",
        retro.weeks.len()
    ));
    md.push_str(&format!(
        "![Weekly load: engine's draft, final plan, actual]({LOAD_PLOT})\n\n"
    ));
    md.push_str("### Week by week\n\n");
    md.push_str(
        "| Week | Phase | Draft (AU) | Final (AU) | Actual (AU) | Compliance | Coach changed |\n\
         |---|---|---:|---:|---:|---:|---|\n",
    );
    for w in &retro.weeks {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            w.start,
            w.phase.label(),
            w.baseline_au.map_or("–".to_owned(), au),
            au(w.final_au),
            w.actual_au.map_or("–".to_owned(), au),
            pct(w.compliance),
            if w.changed_by_coach { "yes" } else { "" }
        ));
    }

    md.push_str("\n## Fitness\n\n");
    md.push_str(&format!(
        "![Fitness (CTL): engine's draft, final plan, actual]({FITNESS_PLOT})\n\n"
    ));
    if let Some(last) = retro.fitness.last() {
        md.push_str(&format!(
            "Fitness at the end ({}): engine's draft {:.0}, final plan {:.0}, actual {}.\n",
            last.date,
            last.baseline,
            last.planned,
            last.actual.map_or("–".to_owned(), |a| format!("{a:.0}"))
        ));
    }

    md.push_str("\n## Coach overrides by reason\n\n");
    if retro.overrides.is_empty() {
        md.push_str("The coach made no change to the engine's plan.\n");
    } else {
        md.push_str("| Reason | Count | Weeks | What followed |\n|---|---:|---|---|\n");
        for g in &retro.overrides {
            let weeks: Vec<String> = g.weeks.iter().map(ToString::to_string).collect();
            md.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&g.reason),
                g.count,
                weeks.join(", "),
                cell(&g.followed)
            ));
        }
    }

    let fit = &retro.fit;
    md.push_str("\n## Performance model (Banister)\n\n");
    md.push_str(&format!("{}\n\n", fit.message));
    md.push_str(&format!("Performances are scored as {}.\n\n", fit.score));
    if !fit.points.is_empty() {
        md.push_str("| Date | Performance | Distance | Time | VDOT | Model |\n|---|---|---:|---:|---:|---:|\n");
        for p in &fit.points {
            md.push_str(&format!(
                "| {} | {} | {:.1} km | {} | {:.1} | {} |\n",
                p.date,
                cell(&p.name),
                p.distance_m / 1000.0,
                format_duration_s(p.time_s),
                p.observed,
                p.predicted.map_or("–".to_owned(), |v| format!("{v:.1}"))
            ));
        }
        md.push('\n');
    }
    match fit.rmse {
        Some(rmse) if fit.fitted => md.push_str(&format!(
            "Fit error (RMS): {rmse:.2} VDOT. Next season's model on request: k1 = {:.5}, k2 = {:.5}, p0 = {:.1}, τ1 = {:.0} d, τ2 = {:.0} d.\n",
            fit.k1, fit.k2, fit.p0, fit.fitness_tau_days, fit.fatigue_tau_days
        )),
        _ => md.push_str(&format!(
            "Next season keeps the default model: k1 = {}, k2 = {}, p0 = {}, τ1 = {:.0} d, τ2 = {:.0} d.\n",
            fit.k1, fit.k2, fit.p0, fit.fitness_tau_days, fit.fatigue_tau_days
        )),
    }
    if !retro.notes.is_empty() {
        md.push_str("\n## Notes\n\n");
        for n in &retro.notes {
            md.push_str(&format!("- {n}\n"));
        }
    }
    md
}

/// Registers the embedded font under the family name plotters asks for, once per process.
fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Only fails on a broken font file, which the report test would catch.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        );
    });
}

/// One line of a plot: its legend and its points (x = week index), gaps as `None`.
struct Line<'a> {
    label: &'a str,
    color: RGBColor,
    /// Stroke width in pixels: the engine's draft is drawn wide underneath, so it shows as a
    /// halo where the coach kept it and as its own line where the coach changed it.
    width: u32,
    values: Vec<Option<f64>>,
}

/// Draws a line chart over the retrospective's weeks into a PNG.
fn line_chart(
    plot: &'static str,
    title: &str,
    y_label: &str,
    weeks: &[chrono::NaiveDate],
    lines: &[Line<'_>],
) -> Result<Vec<u8>, ReportError> {
    register_font();
    let draw_err = |e: String| ReportError::Draw { plot, message: e };
    let mut rgb = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| draw_err(e.to_string()))?;
        let y_max = lines
            .iter()
            .flat_map(|l| l.values.iter().flatten())
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max)
            .max(1.0)
            * 1.1;
        let x_max = (weeks.len().max(2) - 1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 24))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(64)
            .build_cartesian_2d(0f64..x_max, 0f64..y_max)
            .map_err(|e| draw_err(e.to_string()))?;
        let label_of = |x: &f64| {
            let i = x.round().max(0.0) as usize;
            weeks
                .get(i)
                .map_or(String::new(), |d| d.format("%d %b").to_string())
        };
        chart
            .configure_mesh()
            .x_desc("week starting")
            .y_desc(y_label)
            .x_labels(weeks.len().clamp(2, 12))
            .x_label_formatter(&label_of)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .light_line_style(RGBColor(235, 235, 235))
            .label_style(("sans-serif", 14))
            .draw()
            .map_err(|e| draw_err(e.to_string()))?;
        for line in lines {
            let (color, width) = (line.color, line.width);
            // Gaps (weeks without data) split a line into segments.
            let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (i, v) in line.values.iter().enumerate() {
                match v {
                    Some(v) if v.is_finite() => {
                        if let Some(seg) = segments.last_mut() {
                            seg.push((i as f64, *v));
                        }
                    }
                    _ => segments.push(Vec::new()),
                }
            }
            let mut labelled = false;
            for seg in segments.into_iter().filter(|s| !s.is_empty()) {
                let series = chart
                    .draw_series(LineSeries::new(seg, color.stroke_width(width)))
                    .map_err(|e| draw_err(e.to_string()))?;
                if !labelled {
                    series.label(line.label).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(width))
                    });
                    labelled = true;
                }
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font(("sans-serif", 16))
            .draw()
            .map_err(|e| draw_err(e.to_string()))?;
        root.present().map_err(|e| draw_err(e.to_string()))?;
    }
    encode_png(&rgb).map_err(draw_err)
}

fn encode_png(rgb: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(rgb).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

const DRAFT_COLOR: RGBColor = RGBColor(190, 190, 190);
const PLAN_COLOR: RGBColor = RGBColor(31, 119, 180);
const ACTUAL_COLOR: RGBColor = RGBColor(214, 39, 40);

/// The weekly-load plot as PNG bytes.
///
/// # Errors
/// When plotting or encoding fails (not expected with the embedded font).
pub fn load_plot_png(retro: &Retrospective) -> Result<Vec<u8>, ReportError> {
    let weeks: Vec<_> = retro.weeks.iter().map(|w| w.start).collect();
    line_chart(
        "weekly load",
        "Weekly load",
        "load (AU)",
        &weeks,
        &[
            Line {
                label: "Engine's draft",
                color: DRAFT_COLOR,
                width: 8,
                values: retro.weeks.iter().map(|w| w.baseline_au).collect(),
            },
            Line {
                label: "Final plan",
                color: PLAN_COLOR,
                width: 3,
                values: retro.weeks.iter().map(|w| Some(w.final_au)).collect(),
            },
            Line {
                label: "Actual",
                color: ACTUAL_COLOR,
                width: 3,
                values: retro.weeks.iter().map(|w| w.actual_au).collect(),
            },
        ],
    )
}

/// The fitness plot as PNG bytes.
///
/// # Errors
/// When plotting or encoding fails (not expected with the embedded font).
pub fn fitness_plot_png(retro: &Retrospective) -> Result<Vec<u8>, ReportError> {
    let weeks: Vec<_> = retro.weeks.iter().map(|w| w.start).collect();
    line_chart(
        "fitness",
        "Fitness (CTL) at the end of each week",
        "fitness",
        &weeks,
        &[
            Line {
                label: "Engine's draft",
                color: DRAFT_COLOR,
                width: 8,
                values: retro.fitness.iter().map(|f| Some(f.baseline)).collect(),
            },
            Line {
                label: "Final plan",
                color: PLAN_COLOR,
                width: 3,
                values: retro.fitness.iter().map(|f| Some(f.planned)).collect(),
            },
            Line {
                label: "Actual",
                color: ACTUAL_COLOR,
                width: 3,
                values: retro.fitness.iter().map(|f| f.actual).collect(),
            },
        ],
    )
}

fn write(path: PathBuf, bytes: &[u8]) -> Result<PathBuf, ReportError> {
    std::fs::write(&path, bytes).map_err(|source| ReportError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Writes the plots ([`LOAD_PLOT`], [`FITNESS_PLOT`]) into `dir` (created if needed) and
/// returns their paths.
///
/// # Errors
/// When the folder or a file cannot be written, or a plot cannot be drawn.
pub fn write_retrospective_plots(
    retro: &Retrospective,
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(vec![
        write(dir.join(LOAD_PLOT), &load_plot_png(retro)?)?,
        write(dir.join(FITNESS_PLOT), &fitness_plot_png(retro)?)?,
    ])
}

/// Writes the whole report into `dir`: [`REPORT_FILE`] and the plots. Returns the paths, the
/// Markdown first.
///
/// # Errors
/// As [`write_retrospective_plots`].
pub fn write_retrospective(
    plan: &Plan,
    retro: &Retrospective,
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let mut paths = write_retrospective_plots(retro, dir)?;
    let md = write(
        dir.join(REPORT_FILE),
        retrospective_markdown(plan, retro).as_bytes(),
    )?;
    paths.insert(0, md);
    Ok(paths)
}
