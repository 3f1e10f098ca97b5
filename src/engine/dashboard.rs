//! The ten-minute view (source article: "keep it simple enough to act on in 10 minutes"):
//! a few signals for the current week, each green, amber or red with its meaning.

use chrono::NaiveDate;

use super::load::{acute_chronic_with_prior, monotony};
use super::rules::READINESS_LOW_MARGIN;
use super::signals::{SessionIndex, add_days, checkins, form_on, load_history, load_window, mean};
use crate::model::{Plan, Severity};

/// Traffic-light level of a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Green,
    Amber,
    Red,
    /// Not enough data.
    Unknown,
}

/// One dashboard signal: its value, level and what the colours mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub name: &'static str,
    pub value: Option<f64>,
    pub display: String,
    pub level: Level,
    /// What green, amber and red mean for this signal, and the source: shown on hover whether
    /// or not there is data, so a coach learns the thresholds before the first log.
    pub meaning: &'static str,
    /// Why there is no value, when there is none.
    pub missing: Option<&'static str>,
}

/// Form (TSB) as a share of fitness: above −10 % fresh, down to −30 % productive fatigue,
/// below that overreaching (TrainingPeaks' usual zones, relative to fitness).
pub fn form_level(form: f64, fitness: f64) -> Level {
    if fitness <= 0.0 {
        return Level::Unknown;
    }
    let r = form / fitness;
    if r >= -0.10 {
        Level::Green
    } else if r >= -0.30 {
        Level::Amber
    } else {
        Level::Red
    }
}

/// Acute:chronic 0.8–1.3 green, up to 1.5 amber, ≥ 1.5 red (Gabbett 2016; advisory only).
pub fn acute_chronic_level(ratio: f64) -> Level {
    if (0.8..=1.3).contains(&ratio) {
        Level::Green
    } else if ratio < 1.5 {
        Level::Amber
    } else {
        Level::Red
    }
}

/// Monotony below 1.5 green, up to 2.0 amber, above 2.0 red (Foster 1998).
pub fn monotony_level(m: f64) -> Level {
    if m < 1.5 {
        Level::Green
    } else if m <= 2.0 {
        Level::Amber
    } else {
        Level::Red
    }
}

/// Compliance (actual ÷ planned load) 85–115 % green, 70–130 % amber, else red (a missed
/// quarter of the plan, or a third too much, needs a conversation).
pub fn compliance_level(c: f64) -> Level {
    if (0.85..=1.15).contains(&c) {
        Level::Green
    } else if (0.70..=1.30).contains(&c) {
        Level::Amber
    } else {
        Level::Red
    }
}

/// Days in each window of the readiness trend: the last week against the week before.
pub const READINESS_TREND_DAYS: i64 = 7;

/// Check-ins a trend window needs: fewer than three in a week is not a trend, it is a mood.
pub const READINESS_TREND_MIN_CHECKINS: usize = 3;

/// A fall of readiness beyond this many points in a week is red: three times the noise margin
/// (`rules::READINESS_LOW_MARGIN`), a clear fall rather than a few bad nights.
pub const READINESS_TREND_RED_FALL: f64 = 1.5;

/// Readiness trend, the change of the mean score (1–10) from the week before to the last week:
/// steady or rising (down by less than half a point, the margin the weekly draft treats as noise,
/// `rules::READINESS_LOW_MARGIN`) green; down 0.5–1.5 amber; down more than 1.5 red (source
/// article: "if multiple markers trend the wrong way for more than a week or two, reduce load
/// and reassess").
pub fn readiness_trend_level(change: f64) -> Level {
    if change > -READINESS_LOW_MARGIN {
        Level::Green
    } else if change >= -READINESS_TREND_RED_FALL {
        Level::Amber
    } else {
        Level::Red
    }
}

/// Open warnings: none green, any warning amber, any danger red.
pub fn open_warnings_level(open: usize, danger: usize) -> Level {
    if danger > 0 {
        Level::Red
    } else if open > 0 {
        Level::Amber
    } else {
        Level::Green
    }
}

/// The readiness trend as of `today`: mean readiness of the check-ins of the last
/// [`READINESS_TREND_DAYS`] days before today and of the same number of days before those, each
/// needing [`READINESS_TREND_MIN_CHECKINS`]. `None` without enough check-ins.
pub fn readiness_trend(plan: &Plan, today: NaiveDate) -> Option<ReadinessTrend> {
    let window = |from: i64, to: i64| -> Option<(f64, usize)> {
        let scores: Vec<f64> = checkins(plan, add_days(today, from), add_days(today, to))
            .iter()
            .filter_map(|w| w.readiness.map(f64::from))
            .collect();
        (scores.len() >= READINESS_TREND_MIN_CHECKINS)
            .then(|| mean(scores.iter().copied()).map(|m| (m, scores.len())))
            .flatten()
    };
    let (last, n_last) = window(-READINESS_TREND_DAYS, -1)?;
    let (previous, n_previous) = window(-2 * READINESS_TREND_DAYS, -READINESS_TREND_DAYS - 1)?;
    Some(ReadinessTrend {
        last,
        previous,
        change: last - previous,
        checkins: n_last + n_previous,
    })
}

/// Readiness over the last week against the week before.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReadinessTrend {
    /// Mean readiness of the last week's check-ins.
    pub last: f64,
    /// Mean readiness of the week before.
    pub previous: f64,
    /// `last − previous`: negative is falling.
    pub change: f64,
    pub checkins: usize,
}

/// The signals for the week holding `today`.
pub fn signals(plan: &Plan, today: NaiveDate, warnings: &[crate::model::Warning]) -> Vec<Signal> {
    let mut out = Vec::new();
    let Some(adopted) = &plan.plan else {
        return out;
    };
    let (Some(first), Some(last)) = (adopted.weeks.first(), adopted.weeks.last()) else {
        return out;
    };
    let yesterday = add_days(today, -1);
    let end = yesterday.min(last.end());
    // Signals on the load done start when the athlete starts logging: before that there is no
    // "done", only days nobody wrote down (`signals::SessionIndex::logging_on`).
    let index = SessionIndex::new(plan);
    // A log that began before the season (a watch history imported) counts from its start.
    let logging_from = index
        .first_logged
        .filter(|d| *d <= end)
        .map(|d| d.max(first.start));
    let not_logging = "No training logged yet.";
    out.push(log_signal(&index, today));
    // The load that shaped the athlete: logged where logging, the plan before.
    let history = load_history(plan, &index, end, today).map(|(s, _)| s);

    out.push(
        match form_on(plan, &index, today, today).filter(|_| logging_from.is_some()) {
            Some(f) => Signal {
                name: "Form",
                value: Some(f.form),
                display: format!("{:+.0} (fitness {:.0})", f.form, f.fitness),
                level: form_level(f.form, f.fitness),
                meaning: FORM_MEANING,
                missing: None,
            },
            None => unknown("Form", FORM_MEANING, not_logging),
        },
    );

    let ratio = history
        .as_ref()
        .filter(|_| logging_from.is_some())
        .and_then(|h| {
            let i = h.len().checked_sub(1)?;
            acute_chronic_with_prior(h, i, adopted.pmc_start.fitness)
        });
    out.push(match ratio {
        Some(r) => Signal {
            name: "Acute:chronic",
            value: Some(r),
            display: format!("{r:.2}"),
            level: acute_chronic_level(r),
            meaning: ACUTE_CHRONIC_MEANING,
            missing: None,
        },
        None => unknown("Acute:chronic", ACUTE_CHRONIC_MEANING, not_logging),
    });

    // Monotony describes the days as trained: the log must cover the seven days (the last
    // one or two may still be unwritten, as on a green log signal: the plan stands in there).
    let week_logged = index
        .logged_span(add_days(end, -6), end)
        .is_some_and(|(from, to)| from == add_days(end, -6) && to >= add_days(end, -2));
    let last7: Vec<f64> = history
        .as_ref()
        .map(|h| h.values.iter().rev().take(7).copied().collect())
        .unwrap_or_default();
    out.push(
        match (week_logged && last7.len() == 7)
            .then(|| monotony(&last7))
            .flatten()
        {
            Some(m) => Signal {
                name: "Monotony",
                value: Some(m),
                display: format!("{m:.1}"),
                level: monotony_level(m),
                meaning: MONOTONY_MEANING,
                missing: None,
            },
            None => unknown(
                "Monotony",
                MONOTONY_MEANING,
                "Needs the last 7 days logged.",
            ),
        },
    );

    for (days, name) in [(7, "Compliance 7 d"), (28, "Compliance 28 d")] {
        if logging_from.is_none() {
            out.push(unknown(name, COMPLIANCE_MEANING, not_logging));
            continue;
        }
        let window = add_days(yesterday, 1 - days);
        // Over the days the log covers: before the first entry nothing was written down, after
        // the last the athlete's file has not come back yet (`signals::load_window`).
        let Some((from, to)) = index.logged_span(window, yesterday) else {
            out.push(unknown(
                name,
                COMPLIANCE_MEANING,
                "Nothing logged in this window yet: merge the athlete's file or import activities.",
            ));
            continue;
        };
        let w = load_window(plan, &index, window, yesterday);
        let mut span = String::new();
        if from > window {
            span.push_str(&format!(" since {}", from.format("%-d %b")));
        }
        if to < add_days(yesterday, -1) {
            span.push_str(&format!(" to {}", to.format("%-d %b")));
        }
        out.push(match w.compliance {
            Some(c) => Signal {
                name,
                value: Some(c),
                display: format!("{:.0} %{span}", c * 100.0),
                level: compliance_level(c),
                meaning: COMPLIANCE_MEANING,
                missing: None,
            },
            None => unknown(
                name,
                COMPLIANCE_MEANING,
                "Nothing was planned on the logged days of this window.",
            ),
        });
    }
    out.push(match readiness_trend(plan, today) {
        Some(r) => Signal {
            name: "Readiness trend",
            value: Some(r.change),
            display: format!("{:+.1} ({:.1} from {:.1})", r.change, r.last, r.previous),
            level: readiness_trend_level(r.change),
            meaning: READINESS_TREND_MEANING,
            missing: None,
        },
        None => unknown(
            "Readiness trend",
            READINESS_TREND_MEANING,
            "Needs 3 check-ins in each of the last two weeks.",
        ),
    });
    let open = warnings
        .iter()
        .filter(|w| w.severity >= Severity::Warning && w.date.is_none_or(|d| d >= today))
        .count();
    let danger = warnings
        .iter()
        .filter(|w| w.severity == Severity::Danger && w.date.is_none_or(|d| d >= today))
        .count();
    out.push(Signal {
        name: "Open warnings",
        value: Some(open as f64),
        display: format!("{open} ({danger} danger)"),
        level: open_warnings_level(open, danger),
        meaning: OPEN_WARNINGS_MEANING,
        missing: None,
    });
    out
}

/// How far behind the athlete's log is on `today`: days since the last entry (an actual or a
/// check-in). Up to 2 days green (yesterday's training may not be logged yet), up to 7 amber
/// (the weekly file has not come back), more red: every signal on the load done is stale.
pub fn log_level(days_behind: i64) -> Level {
    if days_behind <= 2 {
        Level::Green
    } else if days_behind <= 7 {
        Level::Amber
    } else {
        Level::Red
    }
}

fn log_signal(index: &SessionIndex<'_>, today: NaiveDate) -> Signal {
    let Some(last) = index.last_logged else {
        return unknown("Athlete's log", LOG_MEANING, "Nothing logged yet.");
    };
    // Today's entry (or one dated later by a wrong device clock) is as current as it gets.
    let last = last.min(today);
    let days = (today - last).num_days();
    Signal {
        name: "Athlete's log",
        value: Some(days as f64),
        display: if days == 0 {
            "up to today".to_owned()
        } else if days == 1 {
            format!("up to {}", last.format("%-d %b"))
        } else {
            format!(
                "to {} ({days} {} ago)",
                last.format("%-d %b"),
                crate::model::plural(days, "day", "days")
            )
        },
        level: log_level(days),
        meaning: LOG_MEANING,
        missing: None,
    }
}

fn unknown(name: &'static str, meaning: &'static str, why: &'static str) -> Signal {
    Signal {
        name,
        value: None,
        display: "–".to_owned(),
        level: Level::Unknown,
        meaning,
        missing: Some(why),
    }
}

const FORM_MEANING: &str = "Form = yesterday's fitness − fatigue. Green: above −10 % of fitness (fresh). Amber: −10 to −30 % (productive fatigue). Red: below −30 % (overreaching).";
const ACUTE_CHRONIC_MEANING: &str = "Last 7 days' load against the 28-day average, on the load done (Gabbett 2016). Green: 0.8–1.3. Amber: below 0.8 or 1.3–1.5. Red: 1.5 or more. Advisory: the ratio is disputed (Impellizzeri 2020).";
const MONOTONY_MEANING: &str = "Mean ÷ SD of the last 7 days' load (Foster 1998). Green: below 1.5. Amber: 1.5–2.0. Red: above 2.0, hard and easy days too alike.";
const LOG_MEANING: &str = "The athlete's latest entry (a session or a check-in). Green: up to 2 days ago. Amber: 3–7 days, the weekly file has not come back. Red: more than a week: signals on the load done use the plan for the days not logged.";
const COMPLIANCE_MEANING: &str = "Actual ÷ planned load over the days the log covers (from the first entry to the latest). Green: 85–115 %. Amber: 70–130 %. Red: outside, the plan and the training have parted ways.";
const READINESS_TREND_MEANING: &str = "Mean readiness (1–10) of the last 7 days' check-ins against the 7 days before. Green: steady or rising (down less than 0.5). Amber: down 0.5–1.5. Red: down more than 1.5 — readiness trending the wrong way for a week or two calls for less load.";
const OPEN_WARNINGS_MEANING: &str = "Warnings about today and later. Green: none. Amber: at least one warning. Red: at least one danger.";
