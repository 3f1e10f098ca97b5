//! The ten-minute view (source article: "keep it simple enough to act on in 10 minutes"):
//! a few signals for the current week, each green, amber or red with its meaning.

use crate::model::Total;
use chrono::{Days, NaiveDate};

use super::load::{acute_chronic_with_prior, monotony};
use super::series::actual_series;
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
    /// What green, amber and red mean for this signal, and the source.
    pub meaning: &'static str,
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

/// Readiness trend: the last 3 days' mean against the athlete's baseline; within 1 point
/// green, 1–2 below amber, more than 2 below red (source article: readiness score).
pub fn readiness_level(mean: f64, baseline: f64) -> Level {
    let d = baseline - mean;
    if d <= 1.0 {
        Level::Green
    } else if d <= 2.0 {
        Level::Amber
    } else {
        Level::Red
    }
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
    let start = first.start;
    let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    let actual = actual_series(plan, start, yesterday.min(last.end()));
    let pmc = super::load::pmc(&actual, adopted.pmc_start, &plan.model);
    let latest = pmc.last();
    out.push(match latest {
        Some(d) => Signal {
            name: "Form",
            value: Some(d.form),
            display: format!("{:+.0} (fitness {:.0})", d.form, d.fitness),
            level: form_level(d.form, d.fitness),
            meaning: "Form = yesterday's fitness − fatigue. Green: above −10 % of fitness (fresh). Amber: −10 to −30 % (productive fatigue). Red: below −30 % (overreaching).",
        },
        None => unknown("Form", "No actual training logged yet."),
    });
    let ratio = actual
        .len()
        .checked_sub(1)
        .and_then(|i| acute_chronic_with_prior(&actual, i, adopted.pmc_start.fitness));
    out.push(match ratio {
        Some(r) => Signal {
            name: "Acute:chronic",
            value: Some(r),
            display: format!("{r:.2}"),
            level: acute_chronic_level(r),
            meaning: "Last 7 days' load against the 28-day average (Gabbett 2016). Green 0.8–1.3, amber below 0.8 or 1.3–1.5, red ≥ 1.5. Advisory: the ratio is disputed (Impellizzeri 2020).",
        },
        None => unknown("Acute:chronic", "Not enough logged days."),
    });
    let last7: Vec<f64> = actual.values.iter().rev().take(7).copied().collect();
    out.push(match (last7.len() == 7).then(|| monotony(&last7)).flatten() {
        Some(m) => Signal {
            name: "Monotony",
            value: Some(m),
            display: format!("{m:.1}"),
            level: monotony_level(m),
            meaning: "Mean ÷ SD of the last 7 days' load (Foster 1998). Green below 1.5, amber 1.5–2.0, red above 2.0: hard and easy days too alike.",
        },
        None => unknown("Monotony", "Needs 7 days of logged training."),
    });
    for (days, name) in [(7, "Compliance 7 d"), (28, "Compliance 28 d")] {
        let from = yesterday
            .checked_sub_days(Days::new(days - 1))
            .unwrap_or(yesterday);
        let planned: f64 = plan
            .sessions()
            .filter(|s| s.date >= from && s.date <= yesterday)
            .map(|s| s.load_au())
            .total();
        let done: f64 = actual
            .iter()
            .filter(|(d, _)| *d >= from && *d <= yesterday)
            .map(|(_, l)| l)
            .total();
        out.push(if planned > 0.0 {
            let c = done / planned;
            Signal {
                name,
                value: Some(c),
                display: format!("{:.0} %", c * 100.0),
                level: compliance_level(c),
                meaning: "Actual ÷ planned load. Green 85–115 %, amber 70–130 %, red outside: the plan and the training have parted ways.",
            }
        } else {
            unknown(name, "Nothing was planned in this window.")
        });
    }
    let recent: Vec<f64> = plan
        .wellness
        .iter()
        .filter(|w| w.date < today && (today - w.date).num_days() <= 3)
        .filter_map(|w| w.readiness.map(f64::from))
        .collect();
    out.push(if recent.is_empty() {
        unknown("Readiness", "No check-ins in the last 3 days.")
    } else {
        let mean = recent.iter().sum::<f64>() / recent.len() as f64;
        let baseline = f64::from(plan.athlete.baseline.readiness);
        Signal {
            name: "Readiness",
            value: Some(mean),
            display: format!("{mean:.1} (baseline {baseline:.0})"),
            level: readiness_level(mean, baseline),
            meaning: "Mean readiness of the last 3 check-ins against the athlete's baseline. Green within 1 point, amber 1–2 below, red more than 2 below.",
        }
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
        level: if danger > 0 {
            Level::Red
        } else if open > 0 {
            Level::Amber
        } else {
            Level::Green
        },
        meaning: "Warnings from today on. Green none, amber warnings, red at least one danger.",
    });
    out
}

fn unknown(name: &'static str, why: &'static str) -> Signal {
    Signal {
        name,
        value: None,
        display: "–".to_owned(),
        level: Level::Unknown,
        meaning: why,
    }
}
