//! Dialogs for training data: import progress with Cancel, the import report, and the merge
//! of an athlete's copy with its conflicts.

use eframe::egui::{self, RichText};

use crate::app::{Command, PeaklineApp};
use crate::io::import::{FileReport, Outcome};
use crate::io::merge::{ConflictChoice, ConflictEntry, actual_label};

/// Progress of a running import, with Cancel.
pub fn import_progress_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    let Some(job) = &app.import_job else { return };
    egui::Modal::new(egui::Id::unique("import_progress")).show(ctx, |ui| {
        ui.set_width(380.0);
        ui.heading("Importing activities");
        let done = job.done();
        ui.add(
            egui::ProgressBar::new(done as f32 / job.total.max(1) as f32)
                .text(format!("{done} of {} files", job.total))
                .show_percentage(),
        );
        ui.add_space(6.0);
        if job.is_cancelling() {
            ui.label("Cancelling after the current file…");
        } else if ui
            .button("Cancel")
            .on_hover_text("Stop after the current file; files read so far are kept")
            .clicked()
        {
            out.push(Command::CancelImport);
        }
    });
}

/// The per-file result of the last import.
pub fn import_report_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    let Some(report) = &app.import_report else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("import_report")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Import report");
        let mut summary = format!("{} new session log(s)", report.added.len());
        if !report.merged.is_empty() {
            summary.push_str(&format!(
                ", {} merged with the athlete's logs",
                report.merged.len()
            ));
        }
        let not_read = report.not_read().count();
        summary.push_str(&format!(" from {} file(s).", report.files.len() - not_read));
        if not_read > 0 {
            summary.push_str(&format!(
                " {not_read} file(s) not read: the import was cancelled."
            ));
        }
        ui.label(summary);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                egui::Grid::new("import_report_grid")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for f in &report.files {
                            ui.label(&f.file);
                            ui.vertical(|ui| file_report_ui(ui, f));
                            ui.end_row();
                        }
                    });
            });
        if ui.button("Close").clicked() {
            out.push(Command::DismissImportReport);
        }
    });
    if modal.should_close() {
        out.push(Command::DismissImportReport);
    }
}

/// One file's line of the import report: the outcome, then what was assumed and which rows
/// were left out.
fn file_report_ui(ui: &mut egui::Ui, f: &FileReport) {
    let (text, color) = match &f.outcome {
        Outcome::Imported(n) => {
            let mut details = Vec::new();
            if f.matched > 0 {
                details.push(format!("{} matched to planned sessions", f.matched));
            }
            if f.merged > 0 {
                details.push(format!("{} merged with the athlete's log", f.merged));
            }
            if f.duplicates > 0 {
                details.push(format!("{} duplicate(s) skipped", f.duplicates));
            }
            let details = if details.is_empty() {
                String::new()
            } else {
                format!(" ({})", details.join(", "))
            };
            (format!("imported {n}{details}"), ui.visuals().text_color())
        }
        Outcome::Duplicate => (
            "duplicate: already in the plan".to_owned(),
            ui.visuals().weak_text_color(),
        ),
        Outcome::NotActivity(what) => (
            format!("skipped (not an activity): {what}"),
            ui.visuals().weak_text_color(),
        ),
        Outcome::Error(e) => (format!("error: {e}"), ui.visuals().error_fg_color),
        Outcome::Cancelled => (
            "not imported: the import was cancelled first".to_owned(),
            ui.visuals().warn_fg_color,
        ),
    };
    ui.label(RichText::new(text).color(color));
    for a in &f.assumptions {
        ui.label(RichText::new(format!("note: {a}")).small());
    }
    for w in &f.row_warnings {
        ui.label(
            RichText::new(format!("row skipped: {w}"))
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    let unlisted = f.skipped_rows.saturating_sub(f.row_warnings.len());
    if unlisted > 0 {
        ui.label(
            RichText::new(format!("{unlisted} more row(s) skipped"))
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
}

/// The merge preview: what is new, what is identical, conflicts to decide, and the plan
/// differences that are ignored.
pub fn merge_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    let Some(m) = &app.merge else { return };
    let p = &m.preview;
    let modal = egui::Modal::new(egui::Id::unique("merge_dialog")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading("Merge athlete file");
        ui.label(RichText::new(m.file.display().to_string()).small().weak());
        ui.label(format!(
            "{} new session log(s), {} new check-in(s); {} identical entr{} skipped.",
            p.new_actuals.len(),
            p.new_wellness.len(),
            p.identical_actuals.len() + p.identical_wellness.len(),
            if p.identical_actuals.len() + p.identical_wellness.len() == 1 { "y" } else { "ies" }
        ));
        egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
            for a in &p.new_actuals {
                ui.label(format!("+ {}", actual_label(a)));
            }
            for w in &p.new_wellness {
                ui.label(format!("+ check-in {}", w.date.format("%a %-d %b")));
            }
            if !p.conflicts.is_empty() {
                ui.add_space(6.0);
                ui.strong("Differences to decide (the newer version is preselected)");
                for (i, c) in p.conflicts.iter().enumerate() {
                    let what = match &c.entry {
                        ConflictEntry::Actual { plan, .. } => actual_label(plan),
                        ConflictEntry::Wellness { plan, .. } => format!("check-in {}", plan.date.format("%a %-d %b")),
                    };
                    ui.label(format!("{what}: {} differ ({})", c.differs_in.join(", "), c.matched_by.describe()));
                    let chosen = m.choices.get(i).copied().unwrap_or(c.preselected);
                    ui.horizontal(|ui| {
                        if ui.radio(chosen == ConflictChoice::KeepPlan, "Keep mine").clicked() {
                            out.push(Command::SetMergeChoice(i, ConflictChoice::KeepPlan));
                        }
                        if ui.radio(chosen == ConflictChoice::TakeCopy, "Take the athlete's").clicked() {
                            out.push(Command::SetMergeChoice(i, ConflictChoice::TakeCopy));
                        }
                    });
                }
            }
            if !p.ignored.is_empty() {
                ui.add_space(6.0);
                ui.strong("Ignored: a merge never changes the plan");
                for x in &p.ignored {
                    ui.label(RichText::new(format!("• {}", x.message)).small());
                }
                if p.plan_changes_since_copy > 0 {
                    ui.label(
                        RichText::new(format!(
                            "{} of your changes came after this copy was made, so some differences are your own edits.",
                            p.plan_changes_since_copy
                        ))
                        .small()
                        .weak(),
                    );
                }
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(p.has_changes(), egui::Button::new("Merge"))
                .on_disabled_hover_text("Nothing new in this file")
                .clicked()
            {
                out.push(Command::ApplyMerge);
            }
            if ui.button("Cancel").clicked() {
                out.push(Command::CancelMerge);
            }
        });
    });
    if modal.should_close() {
        out.push(Command::CancelMerge);
    }
}
