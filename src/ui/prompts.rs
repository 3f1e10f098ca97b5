//! Modal prompts: unsaved changes, and notices (errors the user must see).

use eframe::egui;

use crate::app::{Command, PeaklineApp, PendingAction};

/// "Save changes to NAME?" with Save / Discard / Cancel.
pub fn unsaved_changes_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    let Some(action) = &app.confirm else {
        return;
    };
    let doing = match action {
        PendingAction::New | PendingAction::NewPlan(_) => "starting a new plan",
        PendingAction::Open(_) | PendingAction::OpenExample(_) => "opening another plan",
        PendingAction::Quit => "quitting",
    };
    let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_width(360.0);
        ui.heading("Unsaved changes");
        ui.add_space(4.0);
        ui.label(format!(
            "Save the changes to {} before {doing}?",
            app.doc.display_name()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                out.push(Command::ConfirmSave);
            }
            if ui
                .button("Discard")
                .on_hover_text("Throw the unsaved changes away")
                .clicked()
            {
                out.push(Command::ConfirmDiscard);
            }
            if ui.button("Cancel").clicked() {
                out.push(Command::ConfirmCancel);
            }
        });
    });
    if modal.should_close() {
        out.push(Command::ConfirmCancel);
    }
}

/// A notice window with an OK button.
pub fn notice_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    let Some(notice) = &app.notice else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("notice")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(&notice.title);
        ui.add_space(4.0);
        let text = egui::RichText::new(&notice.text);
        let text = if notice.is_error {
            text.color(ui.visuals().error_fg_color)
        } else {
            text
        };
        ui.add(egui::Label::new(text).wrap());
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            out.push(Command::DismissNotice);
        }
    });
    if modal.should_close() {
        out.push(Command::DismissNotice);
    }
}

/// After a re-plan: weeks the coach owns that the new draft disagrees with. Keep them, or
/// take the new draft for them.
pub fn conflicts_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    if app.conflicts.is_empty() || app.confirm.is_some() {
        return;
    }
    let modal = egui::Modal::new(egui::Id::unique("replan_conflicts")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Re-plan conflicts with your weeks");
        ui.label("These weeks are approved or edited by you, so the re-plan kept them, but the new draft sees them differently:");
        for c in &app.conflicts {
            ui.label(format!("• {}", c.message));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Keep my weeks").clicked() {
                out.push(Command::KeepConflictingWeeks);
            }
            if ui
                .button("Use the new draft for these weeks")
                .on_hover_text("Replaces only the weeks listed above; one undo step")
                .clicked()
            {
                out.push(Command::Edit(
                    crate::app::Edit::TakeDraftWeeks(app.conflicts.iter().map(|c| c.week).collect()),
                    crate::model::Reason::new(
                        Some(crate::model::ReasonPick::CoachJudgement),
                        "Took the re-planned draft for conflicting weeks",
                    ),
                ));
                out.push(Command::KeepConflictingWeeks);
            }
        });
    });
    if modal.should_close() {
        out.push(Command::KeepConflictingWeeks);
    }
}

/// At start, after a crash: restore the autosaved work or discard it.
pub fn recovery_ui(ctx: &egui::Context, app: &PeaklineApp, out: &mut Vec<Command>) {
    let Some(r) = &app.recovery else {
        return;
    };
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "Peakline closed with unsaved changes to {} ({} on {}).",
            r.info.display_name,
            r.plan.athlete.name,
            r.info.saved_at.format("%-d %b %Y at %H:%M UTC")
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                out.push(Command::RestoreAutosave);
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete the autosaved copy")
                .clicked()
            {
                out.push(Command::DiscardAutosave);
            }
        });
    });
}
