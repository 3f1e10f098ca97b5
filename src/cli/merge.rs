//! `peakline merge PLAN ATHLETE_COPY [-o OUT]`: the athlete's actuals and check-ins into the
//! coach's plan, one line per entry, never the plan itself.

use std::path::Path;
use std::process::ExitCode;

use crate::io;
use crate::io::merge::{
    ConflictChoice, ConflictEntry, MergePreview, actual_label, apply_merge, merge_athlete_copy,
};
use crate::model::Wellness;

/// Loads both files, merges and saves. Conflicts cannot be asked about here, so each takes
/// the preselected version: the newer by `logged_at`, usually the athlete's (the plan's on a
/// tie).
pub fn run(plan_path: &Path, copy_path: &Path, output: Option<&Path>) -> ExitCode {
    let Some(mut plan) = super::load_or_report(plan_path) else {
        return ExitCode::FAILURE;
    };
    let Some(copy) = super::load_or_report(copy_path) else {
        return ExitCode::FAILURE;
    };
    let preview = merge_athlete_copy(&plan, &copy);
    for line in preview_lines(&preview) {
        println!("{line}");
    }
    let summary = apply_merge(&mut plan, &preview, &preview.preselected_choices());
    println!(
        "merged: {} new actuals, {} new check-ins, {} replaced by the athlete's version, {} kept, {} identical skipped",
        summary.added_actuals.len(),
        summary.added_wellness.len(),
        summary.replaced_actuals.len() + summary.replaced_wellness.len(),
        summary.kept,
        preview.identical_actuals.len() + preview.identical_wellness.len()
    );
    if !preview.conflicts.is_empty() {
        println!(
            "conflicts took the newer version by when it was logged, usually the athlete's (the plan's on a tie); open the file in Peakline to choose"
        );
    }
    if !summary.changed() && output.is_none() {
        println!("nothing new; {} is unchanged", plan_path.display());
        return ExitCode::SUCCESS;
    }
    let target = output.unwrap_or(plan_path);
    match io::save_plan(&plan, target) {
        Ok(()) => {
            println!("wrote {}", target.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// One line per new, identical, conflicting entry and per ignored plan change.
fn preview_lines(p: &MergePreview) -> Vec<String> {
    let mut lines = Vec::new();
    for a in &p.new_actuals {
        lines.push(format!("added actual {}", actual_label(a)));
    }
    for w in &p.new_wellness {
        lines.push(format!("added check-in {}", wellness_label(w)));
    }
    for a in &p.identical_actuals {
        lines.push(format!("skipped identical actual {}", actual_label(a)));
    }
    for w in &p.identical_wellness {
        lines.push(format!("skipped identical check-in {}", w.date));
    }
    for c in &p.conflicts {
        let (what, label) = match &c.entry {
            ConflictEntry::Actual { copy, .. } => ("actual", actual_label(copy)),
            ConflictEntry::Wellness { copy, .. } => ("check-in", wellness_label(copy)),
        };
        let (plan_at, copy_at) = c.entry.logged_at();
        let taken = match c.preselected {
            ConflictChoice::TakeCopy => "took the athlete's (newer)",
            ConflictChoice::KeepPlan if plan_at == copy_at => {
                "kept the plan's (neither is known to be newer)"
            }
            ConflictChoice::KeepPlan => "kept the plan's (newer)",
        };
        lines.push(format!(
            "conflict {what} {label} ({}; differs in {}): {taken}",
            c.matched_by.describe(),
            c.differs_in.join(", ")
        ));
    }
    for i in &p.ignored {
        lines.push(format!("ignored: {}", i.message));
    }
    if p.plan_changes_since_copy > 0
        && p.ignored
            .iter()
            .any(|i| i.part != crate::io::merge::PlanPart::Wellness)
    {
        lines.push(format!(
            "note: the plan has {} change-log entries made after this copy; some differences may be those",
            p.plan_changes_since_copy
        ));
    }
    lines
}

fn wellness_label(w: &Wellness) -> String {
    let mut s = w.date.to_string();
    if let Some(r) = w.readiness {
        s.push_str(&format!(" readiness {r}"));
    }
    if let Some(p) = w.pain.filter(|p| *p > 0) {
        s.push_str(&format!(" pain {p}"));
        if !w.pain_location.is_empty() {
            s.push_str(&format!(" ({})", w.pain_location));
        }
    }
    if let Some(h) = w.sleep_hours {
        s.push_str(&format!(" sleep {h} h"));
    }
    s
}
