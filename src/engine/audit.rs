//! The monthly audit: projected against actual adaptation over the last four weeks (source
//! article: "every four weeks, zoom out"). Load compliance, fitness reached against the plan's
//! projection, race results and time trials against their projection, pace at heart rate on
//! easy runs, and the warning signs of an over-aggressive plan — each feeding a keep / adjust /
//! replace suggestion per session type with its evidence. The coach's decisions are saved as a
//! [`Review`] in the plan.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::load::{actual_load_au, planned_daily, pmc};
use super::predict::{best_recent_vdot, vdot_checked};
use super::retro::performance_history;
use super::rules::{
    AUDIT_LOAD_COMPLIANCE_LOW, AUDIT_WEEKS, COMPLETION_DROP, EASY_RPE_RISE, EFFICIENCY_CHANGE,
    HARD_RPE_RISE, REPLACE_COMPLETION_BELOW, RPE_OVER_TARGET, SIGNS_FOR_TOO_AGGRESSIVE,
    SLEEP_DROP_H, SLEEP_QUALITY_DROP, SORENESS_HIGH, equivalent_type,
};
use super::signals::{
    LoadWindow, SessionIndex, add_days, checkins, load_history, load_window, mean, session_outcomes,
};
use crate::model::{
    Actual, Completion, Decision, DecisionChoice, Plan, RaceDistance, Review, ReviewKind,
    SessionType,
};

/// Fitness reached on the load done against the plan's projection.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FitnessCheck {
    /// Last day of the period.
    pub date: NaiveDate,
    /// Fitness (CTL) at the end of the period on the load done (the plan before logging began).
    pub actual: f64,
    /// Fitness the plan projected for that day.
    pub projected: f64,
    /// Actual ÷ projected.
    pub share: Option<f64>,
    /// Fitness at the start of the period on the load done and as projected.
    pub actual_start: f64,
    pub projected_start: f64,
}

/// A race result or time trial in the period against its projection.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerformanceCheck {
    pub name: String,
    pub date: NaiveDate,
    pub distance_m: f64,
    pub time_s: f64,
    pub time_trial: bool,
    /// VDOT of the performance (Daniels–Gilbert).
    pub vdot: Option<f64>,
    /// What was expected, in VDOT.
    pub expected_vdot: Option<f64>,
    /// Where the expectation comes from.
    pub expected_from: String,
}

/// Aerobic efficiency on easy runs: speed per heartbeat, early against late in the period.
///
/// Efficiency factor = speed ÷ average heart rate on easy aerobic runs (Friel; TrainingPeaks'
/// "EF"); a rise means more pace at the same heart rate (source article: "Did the athlete hit
/// the predicted pace at lower heart rate?").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EfficiencyTrend {
    pub runs_early: usize,
    pub runs_late: usize,
    /// Metres per heartbeat.
    pub early_m_per_beat: f64,
    pub late_m_per_beat: f64,
    /// Late ÷ early − 1.
    pub change: f64,
    /// The heart rate paces are shown at: the mean of all the runs.
    pub reference_hr: f64,
    /// Pace at the reference heart rate, early and late, in s/km.
    pub early_pace_s_per_km: f64,
    pub late_pace_s_per_km: f64,
}

/// The warning signs of an over-aggressive plan (source article; SCIENCE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignKind {
    EasyRpeRising,
    SleepWorsening,
    SorenessPersisting,
    WorkoutQualityFalling,
}

impl SignKind {
    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::EasyRpeRising => "easy-run RPE rising",
            Self::SleepWorsening => "sleep worsening",
            Self::SorenessPersisting => "soreness persisting",
            Self::WorkoutQualityFalling => "workout quality falling",
        }
    }
}

/// One warning sign: whether it is present and what the numbers say.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WarningSign {
    pub kind: SignKind,
    pub present: bool,
    /// The numbers behind it, or why it could not be judged.
    pub evidence: String,
}

/// A keep / adjust / replace suggestion for one session type, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub subject: SessionType,
    pub choice: DecisionChoice,
    pub evidence: Vec<String>,
}

impl Suggestion {
    /// The suggestion as a decision the coach can accept as it is.
    pub fn to_decision(&self) -> Decision {
        Decision {
            subject: self.subject.label().to_owned(),
            choice: self.choice,
            evidence: self.evidence.join("; "),
            note: String::new(),
        }
    }
}

/// The monthly audit of a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Audit {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Load and sessions over the whole period.
    pub load: LoadWindow,
    /// The same per 7-day block from `start`.
    pub weeks: Vec<LoadWindow>,
    pub fitness: Option<FitnessCheck>,
    pub performances: Vec<PerformanceCheck>,
    pub efficiency: Option<EfficiencyTrend>,
    pub signs: Vec<WarningSign>,
    /// Several signs at once: reduce load and reassess (source article).
    pub too_aggressive: bool,
    pub suggestions: Vec<Suggestion>,
    /// One paragraph for the review record.
    pub summary: String,
    pub notes: Vec<String>,
}

/// Whether the monthly audit is due, and why: the source article's rhythm is a weekly meeting
/// and a zoom-out "every four weeks".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditDue {
    pub due: bool,
    /// End of the last recorded audit's period, if any.
    pub last_audit: Option<NaiveDate>,
    /// Whole weeks since the last audit (or since the athlete started logging).
    pub weeks: i64,
    /// "Last audit 5 weeks ago (period ending 25 Oct): due." for the screen.
    pub text: String,
}

/// Whether an audit is due on `today`: [`AUDIT_WEEKS`] weeks or more since the end of the
/// last recorded audit, or, before the first one, since the athlete's first logged day. Never
/// due before anything is logged: there is nothing to compare with.
pub fn audit_due(plan: &Plan, today: NaiveDate) -> AuditDue {
    let last_audit = plan
        .reviews
        .iter()
        .filter(|r| r.kind == ReviewKind::Audit)
        .map(|r| r.period_end)
        .max();
    let first_logged = plan.actuals.iter().map(|a| a.date).min();
    let since = last_audit.or(first_logged);
    let weeks = since.map_or(0, |d| (today - d).num_days().max(0) / 7);
    let due = since.is_some_and(|d| d < today) && weeks >= AUDIT_WEEKS;
    let text = match (last_audit, first_logged) {
        (Some(end), _) => format!(
            "Last audit {weeks} {} ago (period ending {}){}",
            crate::model::plural(weeks, "week", "weeks"),
            end.format("%-d %b %Y"),
            if due { ": due." } else { "." }
        ),
        (None, Some(first)) => format!(
            "No audit yet; the athlete has logged since {} ({weeks} {}){}",
            first.format("%-d %b %Y"),
            crate::model::plural(weeks, "week", "weeks"),
            if due { ": due." } else { "." }
        ),
        (None, None) => "Nothing logged yet: an audit has nothing to compare.".to_owned(),
    };
    AuditDue {
        due,
        last_audit,
        weeks,
        text,
    }
}

/// Audits the last [`AUDIT_WEEKS`] complete weeks before today's week.
pub fn audit(plan: &Plan, today: NaiveDate) -> Audit {
    let end = add_days(plan.season.week_start.week_of(today), -1);
    let start = add_days(end, -(7 * AUDIT_WEEKS) + 1);
    audit_range(plan, start, end, today)
}

fn is_easy(kind: SessionType) -> bool {
    matches!(
        kind,
        SessionType::Easy | SessionType::Recovery | SessionType::Long | SessionType::Strides
    )
}

fn is_quality(kind: SessionType) -> bool {
    kind.is_hard() && kind != SessionType::Race
}

/// Audits `start..=end` (the first half of the period is "earlier", the second "recent" for
/// the trends).
pub fn audit_range(plan: &Plan, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Audit {
    let (start, end) = if end < start {
        (end, start)
    } else {
        (start, end)
    };
    let index = SessionIndex::new(plan);
    let mut notes = Vec::new();
    if index.first_logged.is_none_or(|f| f > end) {
        notes.push("Nothing logged in the period: the audit can only show the plan.".to_owned());
    }
    let days = (end - start).num_days() + 1;
    let mid = add_days(start, days / 2);
    let load = load_window(plan, &index, start, end);
    let weeks = start
        .iter_weeks()
        .take_while(|w| *w <= end)
        .map(|w| load_window(plan, &index, w, add_days(w, 6).min(end)))
        .collect();

    let actuals: Vec<&Actual> = plan
        .actuals
        .iter()
        .filter(|a| start <= a.date && a.date <= end && a.completion != Completion::Skipped)
        .collect();
    let rpe_of = |pred: &dyn Fn(SessionType) -> bool, from: NaiveDate, to: NaiveDate| {
        let v: Vec<f64> = actuals
            .iter()
            .filter(|a| from <= a.date && a.date <= to)
            .filter(|a| index.kind_of(a).is_some_and(pred))
            .filter_map(|a| a.rpe)
            .collect();
        (mean(v.iter().copied()), v.len())
    };
    let last_early = add_days(mid, -1);
    let mut signs = Vec::new();

    // Easy-run RPE rising.
    let (e0, n0) = rpe_of(&is_easy, start, last_early);
    let (e1, n1) = rpe_of(&is_easy, mid, end);
    signs.push(match (e0, e1) {
        (Some(a), Some(b)) if n0 >= 2 && n1 >= 2 => WarningSign {
            kind: SignKind::EasyRpeRising,
            present: b - a >= EASY_RPE_RISE,
            evidence: format!(
                "Easy-run RPE {a:.1} ➡ {b:.1} ({n0} ➡ {n1} runs, earlier vs recent half)"
            ),
        },
        _ => unknown(SignKind::EasyRpeRising, "too few easy runs with an RPE"),
    });

    // Sleep worsening.
    let sleep = |from, to| {
        let c = checkins(plan, from, to);
        (
            mean(c.iter().filter_map(|w| w.sleep_hours)),
            mean(c.iter().filter_map(|w| w.sleep_quality.map(f64::from))),
            c.iter().filter(|w| w.sleep_hours.is_some()).count(),
        )
    };
    let (h0, q0, sn0) = sleep(start, last_early);
    let (h1, q1, sn1) = sleep(mid, end);
    signs.push(match (h0, h1) {
        (Some(a), Some(b)) if sn0 >= 3 && sn1 >= 3 => {
            let quality_drop = q0.zip(q1).map(|(x, y)| x - y);
            let mut evidence = format!("Sleep {a:.1} h ➡ {b:.1} h a night");
            if let (Some(x), Some(y)) = (q0, q1) {
                evidence.push_str(&format!(", quality {x:.1} ➡ {y:.1} of 5"));
            }
            WarningSign {
                kind: SignKind::SleepWorsening,
                present: a - b >= SLEEP_DROP_H
                    || quality_drop.is_some_and(|d| d >= SLEEP_QUALITY_DROP),
                evidence,
            }
        }
        _ => unknown(SignKind::SleepWorsening, "too few sleep check-ins"),
    });

    // Soreness persisting.
    let recent: Vec<u8> = checkins(plan, mid, end)
        .iter()
        .filter_map(|w| w.soreness)
        .collect();
    signs.push(if recent.len() >= 4 {
        let high = recent.iter().filter(|&&s| s >= SORENESS_HIGH).count();
        WarningSign {
            kind: SignKind::SorenessPersisting,
            present: high * 2 >= recent.len(),
            evidence: format!(
                "Soreness ≥ {SORENESS_HIGH}/10 on {high} of {} recent check-ins",
                recent.len()
            ),
        }
    } else {
        unknown(SignKind::SorenessPersisting, "too few soreness check-ins")
    });

    // Workout quality falling: quality-session RPE rising, or fewer of them done.
    let (r0, hn0) = rpe_of(&is_quality, start, last_early);
    let (r1, hn1) = rpe_of(&is_quality, mid, end);
    let done_share = |from, to| {
        let o: Vec<_> = session_outcomes(plan, &index, from, to)
            .into_iter()
            .filter(|o| is_quality(o.session.kind))
            .collect();
        let done = o.iter().filter(|o| o.outcome.is_done()).count();
        (o.len(), done)
    };
    let (p0, d0) = done_share(start, last_early);
    let (p1, d1) = done_share(mid, end);
    let mut quality = Vec::new();
    let mut quality_falling = false;
    if let (Some(a), Some(b)) = (r0, r1)
        && hn0 >= 2
        && hn1 >= 2
    {
        quality.push(format!("quality-session RPE {a:.1} ➡ {b:.1}"));
        quality_falling |= b - a >= HARD_RPE_RISE;
    }
    if p0 >= 2 && p1 >= 2 {
        let (s0, s1) = (d0 as f64 / p0 as f64, d1 as f64 / p1 as f64);
        quality.push(format!("quality sessions done {d0}/{p0} ➡ {d1}/{p1}"));
        quality_falling |= s0 - s1 >= COMPLETION_DROP;
    }
    signs.push(if quality.is_empty() {
        unknown(
            SignKind::WorkoutQualityFalling,
            "too few quality sessions logged",
        )
    } else {
        let mut evidence = quality.join(", ");
        if let Some(first) = evidence.get(..1) {
            evidence = first.to_uppercase() + evidence.get(1..).unwrap_or_default();
        }
        WarningSign {
            kind: SignKind::WorkoutQualityFalling,
            present: quality_falling,
            evidence,
        }
    });

    let present = signs.iter().filter(|s| s.present).count();
    let too_aggressive = present >= SIGNS_FOR_TOO_AGGRESSIVE;
    let efficiency = efficiency(&actuals, &index, start, mid, end);
    let fitness = fitness_check(plan, &index, start, end, today);
    let performances = performances(plan, &index, start, end, today);
    let suggestions = suggestions(
        plan,
        &index,
        start,
        end,
        &load,
        &signs,
        too_aggressive,
        efficiency.as_ref(),
    );
    let summary = summary(&load, fitness.as_ref(), &signs, &suggestions);
    Audit {
        start,
        end,
        load,
        weeks,
        fitness,
        performances,
        efficiency,
        signs,
        too_aggressive,
        suggestions,
        summary,
        notes,
    }
}

fn unknown(kind: SignKind, why: &str) -> WarningSign {
    WarningSign {
        kind,
        present: false,
        evidence: format!("Not judged: {why}"),
    }
}

fn efficiency(
    actuals: &[&Actual],
    index: &SessionIndex<'_>,
    start: NaiveDate,
    mid: NaiveDate,
    end: NaiveDate,
) -> Option<EfficiencyTrend> {
    // (date, m per beat, hr)
    let runs: Vec<(NaiveDate, f64, f64)> = actuals
        .iter()
        .filter(|a| index.kind_of(a).is_some_and(is_easy))
        .filter_map(|a| {
            let hr = a
                .avg_hr
                .filter(|h| h.is_finite() && (60.0..=230.0).contains(h))?;
            let metres = a.distance_m.filter(|d| d.is_finite() && *d > 0.0)?;
            let seconds = a
                .moving_s
                .filter(|s| s.is_finite() && *s > 0.0)
                .unwrap_or(a.duration_s);
            (seconds.is_finite() && seconds > 0.0)
                .then(|| (a.date, metres / (seconds / 60.0) / hr, hr))
        })
        .collect();
    let early: Vec<f64> = runs
        .iter()
        .filter(|r| start <= r.0 && r.0 < mid)
        .map(|r| r.1)
        .collect();
    let late: Vec<f64> = runs
        .iter()
        .filter(|r| mid <= r.0 && r.0 <= end)
        .map(|r| r.1)
        .collect();
    if early.len() < 2 || late.len() < 2 {
        return None;
    }
    let (e, l) = (mean(early.iter().copied())?, mean(late.iter().copied())?);
    let hr = mean(runs.iter().map(|r| r.2))?;
    let pace = |ef: f64| 1000.0 / (ef * hr) * 60.0;
    Some(EfficiencyTrend {
        runs_early: early.len(),
        runs_late: late.len(),
        early_m_per_beat: e,
        late_m_per_beat: l,
        change: l / e - 1.0,
        reference_hr: hr,
        early_pace_s_per_km: pace(e),
        late_pace_s_per_km: pace(l),
    })
}

fn fitness_check(
    plan: &Plan,
    index: &SessionIndex<'_>,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Option<FitnessCheck> {
    let adopted = plan.plan.as_ref()?;
    let (history, _) = load_history(plan, index, end, today)?;
    let actual = pmc(&history, adopted.pmc_start, &plan.model);
    let projected = pmc(&planned_daily(plan.weeks()), adopted.pmc_start, &plan.model);
    let on = |curve: &[super::load::PmcDay], date: NaiveDate| {
        curve
            .iter()
            .find(|d| d.date == date)
            .map_or(adopted.pmc_start.fitness, |d| d.fitness)
    };
    let (a, p) = (on(&actual, end), on(&projected, end));
    let before = add_days(start, -1);
    Some(FitnessCheck {
        date: end,
        actual: a,
        projected: p,
        share: (p > 0.0).then(|| a / p),
        actual_start: on(&actual, before),
        projected_start: on(&projected, before),
    })
}

fn performances(
    plan: &Plan,
    index: &SessionIndex<'_>,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Vec<PerformanceCheck> {
    let curve = if plan.model.fitted {
        performance_history(plan, index, end, today, &plan.model)
    } else {
        None
    };
    plan.athlete
        .recent_results
        .iter()
        .filter(|r| start <= r.date && r.date <= end)
        .map(|r| {
            let (expected_vdot, expected_from) = match curve
                .as_ref()
                .and_then(|c| c.iter().find(|(d, _)| *d == r.date).map(|(_, p)| *p))
            {
                Some(p) => (
                    Some(p),
                    "Banister model fitted to this athlete (VDOT units)".to_owned(),
                ),
                None => {
                    let earlier: Vec<_> = plan
                        .athlete
                        .recent_results
                        .iter()
                        .filter(|o| o.date < r.date)
                        .cloned()
                        .collect();
                    (
                        best_recent_vdot(&earlier, add_days(r.date, -1), 365),
                        "best VDOT of the 12 months before".to_owned(),
                    )
                }
            };
            PerformanceCheck {
                name: r.name.clone(),
                date: r.date,
                distance_m: r.distance_m,
                time_s: r.time_s,
                time_trial: r.time_trial,
                vdot: vdot_checked(r.distance_m, r.time_s),
                expected_vdot,
                expected_from,
            }
        })
        .collect()
}

/// Per session type: planned, done, planned and actual load, RPE done vs prescribed.
#[derive(Default)]
struct TypeStats {
    planned: usize,
    done: usize,
    planned_au: f64,
    actual_au: f64,
    rpe: Vec<f64>,
    target_rpe: Vec<f64>,
}

#[allow(clippy::too_many_arguments)]
fn suggestions(
    plan: &Plan,
    index: &SessionIndex<'_>,
    start: NaiveDate,
    end: NaiveDate,
    load: &LoadWindow,
    signs: &[WarningSign],
    too_aggressive: bool,
    efficiency: Option<&EfficiencyTrend>,
) -> Vec<Suggestion> {
    let mut stats: BTreeMap<SessionType, TypeStats> = BTreeMap::new();
    // Every type the plan has in the period is present, even when nothing was logged.
    for s in plan.sessions() {
        if start <= s.date
            && s.date <= end
            && s.kind != SessionType::Rest
            && s.kind != SessionType::Race
        {
            stats.entry(s.kind).or_default();
        }
    }
    for o in session_outcomes(plan, index, start, end) {
        let Some(t) = stats.get_mut(&o.session.kind) else {
            continue;
        };
        t.planned += 1;
        t.planned_au += o.session.load_au();
        t.target_rpe.push(o.session.rpe);
        if o.outcome.is_done() {
            t.done += 1;
        }
        if let Some(a) = o.actual {
            t.actual_au += actual_load_au(a, Some(o.session)).0;
            if a.completion != Completion::Skipped
                && let Some(rpe) = a.rpe
            {
                t.rpe.push(rpe);
            }
        }
    }
    let sign = |k: SignKind| signs.iter().find(|s| s.kind == k && s.present);
    let class = plan
        .a_races()
        .next()
        .map_or(RaceDistance::Marathon, crate::model::Race::class);
    let compliance_low = load
        .compliance
        .is_some_and(|c| c < AUDIT_LOAD_COMPLIANCE_LOW);
    let present: Vec<&str> = signs
        .iter()
        .filter(|s| s.present)
        .map(|s| s.kind.label())
        .collect();
    stats
        .into_iter()
        .map(|(kind, t)| {
            let mut replace = Vec::new();
            let mut adjust = Vec::new();
            let mut keep = Vec::new();
            let done = format!("Done {} of {} planned", t.done, t.planned);
            if t.planned >= 2 && (t.done as f64) < REPLACE_COMPLETION_BELOW * t.planned as f64 {
                let instead = equivalent_type(kind, class)
                    .map_or(String::new(), |e| format!("; consider {} instead", e.label()));
                replace.push(format!(
                    "{done} ({:.0} %): consistently not done{instead}",
                    t.done as f64 / t.planned as f64 * 100.0
                ));
            }
            if is_easy(kind)
                && let Some(s) = sign(SignKind::EasyRpeRising)
            {
                adjust.push(s.evidence.clone());
            }
            if is_quality(kind)
                && let Some(s) = sign(SignKind::WorkoutQualityFalling)
            {
                adjust.push(s.evidence.clone());
            }
            let (rpe, target) = (mean(t.rpe.iter().copied()), mean(t.target_rpe.iter().copied()));
            if let (Some(r), Some(p)) = (rpe, target)
                && r - p >= RPE_OVER_TARGET
            {
                adjust.push(format!(
                    "Felt harder than prescribed: session RPE {r:.1} vs {p:.1} planned"
                ));
            }
            if compliance_low && t.planned_au > 0.0 {
                let share = t.actual_au / t.planned_au;
                if share < AUDIT_LOAD_COMPLIANCE_LOW {
                    adjust.push(format!(
                        "Load {:.0} % of plan for this type ({done}); overall {:.0} % — the plan asks for more than the athlete fits in",
                        share * 100.0,
                        load.compliance.unwrap_or(0.0) * 100.0
                    ));
                }
            }
            if too_aggressive && (is_quality(kind) || kind == SessionType::Long) {
                adjust.push(format!(
                    "{} warning signs together ({}): reduce load and reassess",
                    present.len(),
                    present.join(", ")
                ));
            }
            if is_easy(kind)
                && let Some(e) = efficiency
            {
                let text = format!(
                    "Pace at {:.0} bpm on easy runs {} ➡ {} /km ({:+.1} % efficiency)",
                    e.reference_hr,
                    super::predict::format_pace(e.early_pace_s_per_km),
                    super::predict::format_pace(e.late_pace_s_per_km),
                    e.change * 100.0
                );
                if e.change <= -EFFICIENCY_CHANGE {
                    adjust.push(text);
                } else {
                    keep.push(text);
                }
            }
            let (choice, mut evidence) = if !replace.is_empty() {
                (DecisionChoice::Replace, replace)
            } else if !adjust.is_empty() {
                (DecisionChoice::Adjust, adjust)
            } else {
                let mut line = done;
                if let (Some(r), Some(p)) = (rpe, target) {
                    line.push_str(&format!(", session RPE {r:.1} vs {p:.1} planned"));
                }
                keep.insert(0, line);
                (DecisionChoice::Keep, Vec::new())
            };
            if choice == DecisionChoice::Keep {
                evidence = keep;
            }
            Suggestion {
                subject: kind,
                choice,
                evidence,
            }
        })
        .collect()
}

fn summary(
    load: &LoadWindow,
    fitness: Option<&FitnessCheck>,
    signs: &[WarningSign],
    suggestions: &[Suggestion],
) -> String {
    let mut parts = Vec::new();
    match load.compliance {
        Some(c) => parts.push(format!(
            "Load {:.0} % of plan ({:.0} of {:.0} AU), {} of {} sessions done",
            c * 100.0,
            load.actual_au,
            load.planned_au,
            load.sessions_done,
            load.sessions_planned
        )),
        None => parts.push("Nothing logged".to_owned()),
    }
    if let Some(f) = fitness
        && let Some(s) = f.share
    {
        parts.push(format!(
            "fitness {:.0} vs {:.0} projected ({:.0} %)",
            f.actual,
            f.projected,
            s * 100.0
        ));
    }
    let present: Vec<&str> = signs
        .iter()
        .filter(|s| s.present)
        .map(|s| s.kind.label())
        .collect();
    if present.is_empty() {
        parts.push("no warning signs".to_owned());
    } else {
        parts.push(format!("warning signs: {}", present.join(", ")));
    }
    let choices: Vec<String> = suggestions
        .iter()
        .filter(|s| s.choice != DecisionChoice::Keep)
        .map(|s| {
            let verb = match s.choice {
                DecisionChoice::Keep => "keep",
                DecisionChoice::Adjust => "adjust",
                DecisionChoice::Replace => "replace",
            };
            format!("{verb} {}", s.subject.label())
        })
        .collect();
    if choices.is_empty() {
        parts.push("keep every session type".to_owned());
    } else {
        parts.push(format!("suggested: {}", choices.join(", ")));
    }
    let mut text = parts.join("; ");
    text.push('.');
    text
}

/// The coach's decisions on an audit as a review record (kind Audit), for the app to apply as
/// an edit or for [`record`].
pub fn to_review(
    audit: &Audit,
    decisions: Vec<Decision>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Review {
    Review {
        kind: ReviewKind::Audit,
        date: today,
        period_start: audit.start,
        period_end: audit.end,
        summary: audit.summary.clone(),
        decisions,
        at: Some(now),
    }
}

/// Saves the coach's decisions on an audit in the plan's reviews.
pub fn record(
    plan: &mut Plan,
    audit: &Audit,
    decisions: Vec<Decision>,
    today: NaiveDate,
    now: DateTime<Utc>,
) {
    plan.reviews.push(to_review(audit, decisions, today, now));
}
