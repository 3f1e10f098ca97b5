//! The three variants side by side: key figures, the weekly-load and fitness curves the
//! compare view overlays, which differences are worth a coach's attention, and what adopting
//! another variant would take away from the coach.
//!
//! # Design
//! One function, [`compare_variants`], computes everything the compare view and the wizard's
//! "pick a variant" step show, so both read the same numbers and each caches one value.
//!
//! Load has two meanings in Peakline, each used for one purpose only, and named where shown:
//! - **weekly load** ([`Week::load_au`]): every session, races included. It is what the
//!   fitness curve integrates, so every load bar and curve (here, on the season timeline and
//!   on the plots) and the season's total use it.
//! - **training load** ([`Week::training_load_au`]): races excluded. It measures how hard the
//!   build gets: the ramp rule (`engine::warnings`) and the "peak training week" figure. A
//!   marathon alone outweighs any training week, so with races the peak would always be the
//!   race week and say nothing about the build.

use crate::model::Total;
use chrono::NaiveDate;

use super::adopt::{KeepPolicy, is_kept};
use super::analysis::draft_warnings_with_load;
use super::load::{DailySeries, PmcDay, planned_daily, pmc};
use crate::model::{
    PhaseKind, Plan, Priority, SeasonDraft, SessionType, Severity, VariantKind, Warning, Week,
    WeekStatus, plural,
};

/// What a coach compares between variants (SPEC §3, "Compare variants").
#[derive(Clone, Debug, PartialEq)]
pub struct VariantFigures {
    /// The heaviest training week's load, races excluded ([`Week::training_load_au`]).
    pub peak_week_load: f64,
    /// The season's load, races included.
    pub total_load: f64,
    pub peak_week_km: f64,
    pub longest_long_run_km: f64,
    pub hard_sessions: usize,
    /// Hard sessions in the heaviest training week.
    pub hard_at_peak: usize,
    pub taper_weeks: f64,
    /// Fitness and form on the morning of each A race.
    pub race_day: Vec<RaceDayFigures>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RaceDayFigures {
    pub race: String,
    pub date: NaiveDate,
    pub fitness: f64,
    pub form: f64,
}

impl VariantFigures {
    pub fn count(&self, severity: Severity) -> usize {
        self.warnings
            .iter()
            .filter(|w| w.severity == severity)
            .count()
    }

    /// Warnings a coach must look at: warning and danger, not info.
    pub fn serious_warnings(&self) -> usize {
        self.warnings
            .iter()
            .filter(|w| w.severity >= Severity::Warning)
            .count()
    }
}

/// One variant's figures and the curves the compare view overlays.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantComparison {
    pub variant: VariantKind,
    pub figures: VariantFigures,
    /// Weekly load ([`Week::load_au`], races included) per week start.
    pub weekly_load: Vec<(NaiveDate, f64)>,
    /// Planned fitness per day, from the draft's pre-season state.
    pub fitness: Vec<(NaiveDate, f64)>,
}

/// The three drafts compared: what the compare view and the wizard show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// In the order of `plan.variants` (conservative, moderate, aggressive).
    pub variants: Vec<VariantComparison>,
    /// Differences worth a coach's attention.
    pub notable: Vec<Notable>,
}

impl Comparison {
    /// The comparison of one variant.
    pub fn get(&self, kind: VariantKind) -> Option<&VariantComparison> {
        self.variants.iter().find(|v| v.variant == kind)
    }

    /// Why `figure` of `kind` is highlighted, if it is.
    pub fn notable(&self, kind: VariantKind, figure: Figure) -> Option<&Notable> {
        self.notable
            .iter()
            .find(|n| n.variant == kind && n.figure == figure)
    }
}

/// A key figure of the compare view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    PeakWeekLoad,
    TotalLoad,
    PeakWeekKm,
    LongestLongRun,
    HardSessions,
    TaperWeeks,
    /// Fitness and form on the morning of the A race at this index of `race_day`.
    RaceDay(usize),
    Warnings,
}

/// Whether a highlighted difference is only the extreme of the three or a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// The most of the three, by a clear margin: worth knowing, not necessarily wrong.
    Notice,
    /// Something the coach should weigh before adopting: warnings, arriving at a race tired.
    Concern,
}

/// A figure of one variant that stands out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Notable {
    pub variant: VariantKind,
    pub figure: Figure,
    pub tone: Tone,
    /// One sentence for the hover.
    pub why: String,
}

/// A volume figure stands out when the highest of the three is at least 10 % above the lowest:
/// the drafts' ramp caps differ by 3–5 points a week (SCIENCE.md starting defaults), so a
/// smaller spread is the variants working as designed rather than a difference to weigh.
pub const NOTABLE_SPREAD: f64 = 0.10;

/// Race-day form differing by at least this many points between variants is worth a look:
/// about a day of an easy run's load in the fatigue average, below which the curves are noise.
pub const NOTABLE_FORM_POINTS: f64 = 3.0;

/// Tapers differing by at least half a week: Bosquet's 8–14 days span a week, so half of it
/// changes how fresh the athlete arrives.
pub const NOTABLE_TAPER_WEEKS: f64 = 0.5;

/// The figures of one draft of `plan`.
pub fn variant_figures(plan: &Plan, draft: &SeasonDraft) -> VariantFigures {
    let daily = planned_daily(&draft.weeks);
    figures_from(
        plan,
        draft,
        &daily,
        &pmc(&daily, draft.pmc_start, &plan.model),
    )
}

fn figures_from(
    plan: &Plan,
    draft: &SeasonDraft,
    daily: &DailySeries,
    pmc: &[PmcDay],
) -> VariantFigures {
    // Each week's training load summed once (the search compares every week with the peak).
    let training: Vec<f64> = draft.weeks.iter().map(Week::training_load_au).collect();
    let peak_index = training
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    let peak = peak_index.and_then(|i| draft.weeks.get(i));
    let race_day = plan
        .races
        .iter()
        .filter(|r| r.priority == Priority::A)
        .filter_map(|r| {
            // The morning of the race: yesterday's fitness, and form from yesterday's values.
            let i = pmc.iter().position(|d| d.date == r.date)?;
            let morning = i
                .checked_sub(1)
                .and_then(|p| pmc.get(p))
                .map_or(draft.pmc_start.fitness, |d| d.fitness);
            Some(RaceDayFigures {
                race: r.name.clone(),
                date: r.date,
                fitness: morning,
                form: pmc.get(i)?.form,
            })
        })
        .collect();
    VariantFigures {
        peak_week_load: peak_index
            .and_then(|i| training.get(i))
            .copied()
            .unwrap_or(0.0),
        total_load: draft.weeks.iter().map(Week::load_au).total(),
        peak_week_km: draft
            .weeks
            .iter()
            .map(Week::distance_km)
            .fold(0.0, f64::max),
        longest_long_run_km: draft
            .weeks
            .iter()
            .flat_map(|w| &w.sessions)
            .filter(|s| s.kind == SessionType::Long)
            .filter_map(|s| s.distance_km)
            .fold(0.0, f64::max),
        hard_sessions: draft.weeks.iter().map(Week::hard_sessions).sum(),
        hard_at_peak: peak.map_or(0, Week::hard_sessions),
        taper_weeks: draft
            .phases
            .iter()
            .filter(|p| p.kind == PhaseKind::Taper)
            .map(|p| p.days() as f64 / 7.0)
            .total(),
        race_day,
        warnings: draft_warnings_with_load(plan, draft, daily, pmc),
    }
}

/// The variants of `plan` compared: figures, curves and notable differences. One thread: the
/// three drafts take about 0.1 ms, and as rayon tasks they measured no faster.
pub fn compare_variants(plan: &Plan) -> Comparison {
    let variants: Vec<VariantComparison> = plan
        .variants
        .iter()
        .map(|draft| {
            // `season_pmc`, with the daily series kept for the warnings.
            let daily = planned_daily(&draft.weeks);
            let pmc = pmc(&daily, draft.pmc_start, &plan.model);
            VariantComparison {
                variant: draft.variant,
                figures: figures_from(plan, draft, &daily, &pmc),
                weekly_load: draft.weeks.iter().map(|w| (w.start, w.load_au())).collect(),
                fitness: pmc.iter().map(|d| (d.date, d.fitness)).collect(),
            }
        })
        .collect();
    let notable = notable_differences(&variants);
    Comparison { variants, notable }
}

/// The differences between variants worth highlighting, per figure:
/// - a volume figure (peak and total load, peak distance, longest long run, hard sessions)
///   where the highest is at least [`NOTABLE_SPREAD`] above the lowest: the highest;
/// - the taper, when the shortest is [`NOTABLE_TAPER_WEEKS`] shorter than the longest;
/// - race-day form: the freshest variant when the spread reaches [`NOTABLE_FORM_POINTS`], and
///   any variant arriving with negative form (more fatigue than fitness) as a concern;
/// - warnings: any variant with danger warnings, or with more warnings than the fewest.
///
/// Fewer than two variants have nothing to differ from.
pub fn notable_differences(variants: &[VariantComparison]) -> Vec<Notable> {
    let mut out = Vec::new();
    if variants.len() < 2 {
        return out;
    }
    let volume: [(Figure, &str, FigureOf); 5] = [
        (Figure::PeakWeekLoad, "Heaviest peak training week", |f| {
            f.peak_week_load
        }),
        (Figure::TotalLoad, "Largest total load", |f| f.total_load),
        (Figure::PeakWeekKm, "Highest peak weekly distance", |f| {
            f.peak_week_km
        }),
        (Figure::LongestLongRun, "Longest long run", |f| {
            f.longest_long_run_km
        }),
        (Figure::HardSessions, "Most hard sessions", |f| {
            f.hard_sessions as f64
        }),
    ];
    for (figure, what, get) in volume {
        let values: Vec<f64> = variants.iter().map(|v| get(&v.figures)).collect();
        let (min, max) = min_max(&values);
        if min <= 0.0 || max < min * (1.0 + NOTABLE_SPREAD) {
            continue;
        }
        let lowest = lowest_names(variants, &values, min);
        for (v, value) in variants.iter().zip(&values) {
            if *value >= max {
                out.push(Notable {
                    variant: v.variant,
                    figure,
                    tone: Tone::Notice,
                    why: format!(
                        "{what} of the three: {:.0} % above the lowest ({lowest}).",
                        (max / min - 1.0) * 100.0
                    ),
                });
            }
        }
    }

    let tapers: Vec<f64> = variants.iter().map(|v| v.figures.taper_weeks).collect();
    let (short, long) = min_max(&tapers);
    if long - short >= NOTABLE_TAPER_WEEKS {
        for (v, t) in variants.iter().zip(&tapers) {
            if *t <= short {
                out.push(Notable {
                    variant: v.variant,
                    figure: Figure::TaperWeeks,
                    tone: Tone::Concern,
                    why: format!(
                        "Shortest taper of the three: {t:.1} weeks against up to {long:.1}; \
                         the athlete has less time to shed fatigue before the race."
                    ),
                });
            }
        }
    }

    let races = variants
        .iter()
        .map(|v| v.figures.race_day.len())
        .min()
        .unwrap_or(0);
    for r in 0..races {
        let forms: Vec<f64> = variants
            .iter()
            .filter_map(|v| v.figures.race_day.get(r).map(|d| d.form))
            .collect();
        let (low, high) = min_max(&forms);
        for (v, form) in variants.iter().zip(&forms) {
            let race = v.figures.race_day.get(r).map_or("", |d| d.race.as_str());
            if *form < 0.0 {
                out.push(Notable {
                    variant: v.variant,
                    figure: Figure::RaceDay(r),
                    tone: Tone::Concern,
                    why: format!(
                        "Arrives at {race} with negative form ({form:+.0}): more fatigue than \
                         fitness on race morning."
                    ),
                });
            } else if high - low >= NOTABLE_FORM_POINTS && *form >= high {
                out.push(Notable {
                    variant: v.variant,
                    figure: Figure::RaceDay(r),
                    tone: Tone::Notice,
                    why: format!(
                        "Freshest at {race}: form {form:+.0}, {:.0} points above the least fresh.",
                        high - low
                    ),
                });
            }
        }
    }

    let serious: Vec<usize> = variants
        .iter()
        .map(|v| v.figures.serious_warnings())
        .collect();
    let fewest = serious.iter().copied().min().unwrap_or(0);
    for (v, n) in variants.iter().zip(&serious) {
        let danger = v.figures.count(Severity::Danger);
        if danger == 0 && *n <= fewest {
            continue;
        }
        let lead = if *n > fewest {
            let more = n - fewest;
            format!(
                "{more} more {} than the calmest variant",
                plural(more as i64, "warning", "warnings")
            )
        } else {
            format!(
                "{danger} danger {}",
                plural(danger as i64, "warning", "warnings")
            )
        };
        out.push(Notable {
            variant: v.variant,
            figure: Figure::Warnings,
            tone: Tone::Concern,
            why: format!("{lead}: {}.", warning_summary(&v.figures.warnings)),
        });
    }
    out
}

/// Reads one figure's value.
type FigureOf = fn(&VariantFigures) -> f64;

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        })
}

fn lowest_names(variants: &[VariantComparison], values: &[f64], min: f64) -> String {
    variants
        .iter()
        .zip(values)
        .filter(|(_, v)| **v <= min)
        .map(|(v, _)| v.variant.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "2 × ramp over cap, 1 × long run share (danger)": serious warnings by code, worst first.
fn warning_summary(warnings: &[Warning]) -> String {
    let mut by_code: Vec<(Severity, &str, usize)> = Vec::new();
    for w in warnings.iter().filter(|w| w.severity >= Severity::Warning) {
        match by_code
            .iter_mut()
            .find(|(s, c, _)| *c == w.code && *s == w.severity)
        {
            Some(entry) => entry.2 += 1,
            None => by_code.push((w.severity, &w.code, 1)),
        }
    }
    by_code.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    by_code
        .iter()
        .map(|(s, code, n)| {
            let danger = if *s == Severity::Danger {
                " (danger)"
            } else {
                ""
            };
            format!("{n} × {}{danger}", code.replace('_', " "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A week of the working plan that belongs to the coach, and what replacing it would lose.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekAtStake {
    pub start: NaiveDate,
    pub approved: bool,
    /// The week's load now, and in the draft that would replace it (if the draft has it).
    pub load_au: f64,
    pub draft_load_au: Option<f64>,
    /// The sessions the coach would lose: all of an approved week, else the edited ones.
    pub sessions: Vec<SessionAtStake>,
}

/// A session the coach approved or edited.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionAtStake {
    pub date: NaiveDate,
    pub kind: SessionType,
    pub duration_min: f64,
    pub distance_km: Option<f64>,
    /// What to do, as the coach wrote or kept it.
    pub description: String,
    pub edited: bool,
}

/// The coach's weeks from today's week on (approved or with edited sessions) that adopting
/// `variant` and replacing them would take away, with the sessions that would go. Past weeks
/// are always kept (`engine::adopt`), so they are never at stake.
pub fn weeks_at_stake(plan: &Plan, variant: VariantKind, today: NaiveDate) -> Vec<WeekAtStake> {
    let draft = plan.variants.get(variant);
    plan.weeks()
        .iter()
        .filter(|w| w.end() >= today && is_kept(w, KeepPolicy::KeepCoachWeeks, today))
        .map(|w| {
            let approved = w.status == WeekStatus::Approved;
            WeekAtStake {
                start: w.start,
                approved,
                load_au: w.load_au(),
                draft_load_au: draft
                    .and_then(|d| d.weeks.iter().find(|d| d.start == w.start))
                    .map(Week::load_au),
                sessions: w
                    .sessions
                    .iter()
                    .filter(|s| approved || s.edited)
                    .filter(|s| s.kind != SessionType::Rest || s.edited)
                    .map(|s| SessionAtStake {
                        date: s.date,
                        kind: s.kind,
                        duration_min: s.duration_min,
                        distance_km: s.distance_km,
                        description: s.description.clone(),
                        edited: s.edited,
                    })
                    .collect(),
            }
        })
        .collect()
}
