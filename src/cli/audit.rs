//! `peakline audit PLAN [--from DATE --to DATE] [--json]`: the monthly audit.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::engine::audit::{Audit, audit, audit_range};
use crate::engine::predict::{format_duration_s, format_pace};
use crate::model::DecisionChoice;

pub fn run(
    file: &Path,
    range: Option<(NaiveDate, NaiveDate)>,
    json: bool,
    today: NaiveDate,
) -> ExitCode {
    let Some(plan) = super::load_or_report(file) else {
        return ExitCode::FAILURE;
    };
    let report = match range {
        Some((from, to)) => audit_range(&plan, from, to, today),
        None => audit(&plan, today),
    };
    if json {
        return super::print_json(&report);
    }
    print!("{}", text(&report));
    ExitCode::SUCCESS
}

fn choice(c: DecisionChoice) -> &'static str {
    match c {
        DecisionChoice::Keep => "keep",
        DecisionChoice::Adjust => "adjust",
        DecisionChoice::Replace => "replace",
    }
}

/// The audit as text for people.
pub fn text(a: &Audit) -> String {
    let mut out = format!("Audit {} to {}\n{}\n\n", a.start, a.end, a.summary);
    out.push_str("Weeks:\n");
    for w in &a.weeks {
        out.push_str(&format!(
            "  {}  {:>6.0} of {:>6.0} AU  {:>5}  sessions {}/{}\n",
            w.start,
            w.actual_au,
            w.planned_au,
            w.compliance
                .map_or("–".to_owned(), |c| format!("{:.0} %", c * 100.0)),
            w.sessions_done,
            w.sessions_planned
        ));
    }
    if let Some(f) = &a.fitness {
        out.push_str(&format!(
            "Fitness: {:.0} ➡ {:.0} on the load done; {:.0} ➡ {:.0} projected\n",
            f.actual_start, f.actual, f.projected_start, f.projected
        ));
    }
    for p in &a.performances {
        out.push_str(&format!(
            "Performance: {} {} {:.1} km in {}: VDOT {} vs expected {} ({})\n",
            p.date,
            p.name,
            p.distance_m / 1000.0,
            format_duration_s(p.time_s),
            p.vdot.map_or("–".to_owned(), |v| format!("{v:.1}")),
            p.expected_vdot
                .map_or("–".to_owned(), |v| format!("{v:.1}")),
            p.expected_from
        ));
    }
    if let Some(e) = &a.efficiency {
        out.push_str(&format!(
            "Easy runs at {:.0} bpm: {} ➡ {} /km ({:+.1} % efficiency, {} ➡ {} runs)\n",
            e.reference_hr,
            format_pace(e.early_pace_s_per_km),
            format_pace(e.late_pace_s_per_km),
            e.change * 100.0,
            e.runs_early,
            e.runs_late
        ));
    }
    out.push_str("\nWarning signs:\n");
    for s in &a.signs {
        out.push_str(&format!(
            "  [{}] {}: {}\n",
            if s.present { "!" } else { " " },
            s.kind.label(),
            s.evidence
        ));
    }
    out.push_str("\nSuggestions:\n");
    for s in &a.suggestions {
        out.push_str(&format!(
            "  {:<8} {}\n",
            choice(s.choice),
            s.subject.label()
        ));
        for e in &s.evidence {
            out.push_str(&format!("           - {e}\n"));
        }
    }
    for n in &a.notes {
        out.push_str(&format!("Note: {n}\n"));
    }
    out
}
