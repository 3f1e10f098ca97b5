//! `peakline review PLAN --week YYYY-MM-DD [--json]`: the weekly draft and its reasons.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::engine::review::{WeeklyDraft, draft_week};
use crate::model::{Session, Week};

pub fn run(file: &Path, week: NaiveDate, json: bool, today: NaiveDate) -> ExitCode {
    let Some(plan) = super::load_or_report(file) else {
        return ExitCode::FAILURE;
    };
    if plan.plan.is_none() {
        eprintln!(
            "{}: no plan adopted yet; run `peakline generate` first",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let draft = draft_week(&plan, week, today);
    if json {
        return super::print_json(&draft);
    }
    print!("{}", text(&draft, today));
    ExitCode::SUCCESS
}

fn title(s: &Session) -> String {
    let mut t = format!("{} {:.0} min", s.kind.label(), s.duration_min);
    if let Some(km) = s.distance_km.filter(|d| *d > 0.0) {
        t.push_str(&format!(" · {km:.1} km"));
    }
    t
}

fn day_titles(week: &Week, date: NaiveDate) -> String {
    let titles: Vec<String> = week
        .sessions
        .iter()
        .filter(|s| s.date == date)
        .map(title)
        .collect();
    if titles.is_empty() {
        "rest".to_owned()
    } else {
        titles.join(" + ")
    }
}

/// The draft as text for people.
pub fn text(draft: &WeeklyDraft, today: NaiveDate) -> String {
    let mut out = String::new();
    let s = &draft.signals;
    out.push_str(&format!(
        "Weekly review: week of {} ({}), drafted {today}\n\n",
        draft.week_start,
        draft.planned.phase.label()
    ));
    out.push_str(&format!("Signals up to {}:\n", s.window_end));
    for (label, w) in [("7 days", &s.load_7d), ("28 days", &s.load_28d)] {
        let compliance = w
            .compliance
            .map_or("unknown".to_owned(), |c| format!("{:.0} %", c * 100.0));
        out.push_str(&format!(
            "  load {label}: {:.0} of {:.0} AU planned ({compliance}), {} of {} sessions done\n",
            w.actual_au, w.planned_au, w.sessions_done, w.sessions_planned
        ));
    }
    let r = &s.readiness;
    out.push_str(&format!(
        "  readiness: {} vs baseline {:.1}; {} day(s) low in a row\n",
        r.mean
            .map_or("no check-ins".to_owned(), |m| format!("mean {m:.1}")),
        r.baseline,
        r.low_days
    ));
    out.push_str(&format!(
        "  pain: {} (limit {})\n",
        s.pain_max.map_or("none reported".to_owned(), |p| {
            if s.pain_location.is_empty() {
                format!("max {p}/10")
            } else {
                format!("max {p}/10, {}", s.pain_location)
            }
        }),
        s.pain_limit
    ));
    out.push_str(&format!(
        "  sleep: {}; soreness: {}{}\n",
        s.sleep_mean_h
            .map_or("–".to_owned(), |h| format!("{h:.1} h")),
        s.soreness_mean
            .map_or("–".to_owned(), |m| format!("{m:.1}")),
        s.soreness_trend
            .map_or(String::new(), |t| format!(" ({t:+.1} vs the week before)"))
    ));
    if let Some(f) = &s.form {
        out.push_str(&format!(
            "  form: {:.0} ({}) with fitness {:.0}{}\n",
            f.form,
            f.form_share.map_or("–".to_owned(), |x| format!(
                "{:.0} % of fitness",
                x * 100.0
            )),
            f.fitness,
            if f.projected {
                ", projected from the plan"
            } else {
                ""
            }
        ));
    }
    out.push('\n');
    if draft.rules.is_empty() {
        out.push_str("Rules: none fired; the plan's week stands.\n");
    } else {
        out.push_str("Rules:\n");
        for rule in &draft.rules {
            out.push_str(&format!("  - {}: {}\n", rule.rule.code(), rule.reason));
        }
    }
    out.push_str("\nPlan vs draft:\n");
    for date in draft.planned.dates() {
        let (p, d) = (
            day_titles(&draft.planned, date),
            day_titles(&draft.proposed, date),
        );
        let mark = if p == d { " " } else { "*" };
        out.push_str(&format!(
            "{mark} {} {date}  {p:<34} ➡ {d}\n",
            date.format("%a")
        ));
    }
    out.push_str(&format!(
        "\nLoad: {:.0} AU planned ➡ {:.0} AU drafted\n",
        draft.planned.load_au(),
        draft.proposed.load_au()
    ));
    if !draft.differences.is_empty() {
        out.push_str("\nDifferences:\n");
        for d in &draft.differences {
            out.push_str(&format!(
                "  {} {}: {}\n",
                d.date,
                d.summary,
                d.reasons.join(" ")
            ));
        }
    }
    for n in &draft.notes {
        out.push_str(&format!("Note: {n}\n"));
    }
    out
}
