//! "Why this change?": every change to the plan carries a reason — a quick pick and/or words.

use super::style::field;
use eframe::egui;

use super::ViewState;
use crate::app::{Command, Edit, PeaklineApp};
use crate::model::{Reason, ReasonPick};

/// A pending edit waiting for its reason.
#[derive(Clone, Debug)]
pub struct ReasonPrompt {
    pub edit: Edit,
    /// What the change does, in words ("Threshold on Tue 12 Jan: 50 ➡ 40 min").
    pub summary: String,
    pub pick: Option<ReasonPick>,
    pub text: String,
}

impl ReasonPrompt {
    pub fn new(edit: Edit, summary: impl Into<String>) -> Self {
        Self {
            edit,
            summary: summary.into(),
            pick: None,
            text: String::new(),
        }
    }

    fn reason(&self) -> Reason {
        Reason::new(self.pick, self.text.trim())
    }
}

/// The reason modal; "Record change" sends the edit with its reason.
pub fn reason_prompt_ui(
    ctx: &egui::Context,
    _app: &PeaklineApp,
    view: &mut ViewState,
    out: &mut Vec<Command>,
) {
    let Some(prompt) = view.reason_prompt.as_mut() else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("reason_prompt")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.heading("Why this change?");
        ui.label(&prompt.summary);
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            for pick in ReasonPick::QUICK {
                let selected = prompt.pick == Some(pick);
                if ui.selectable_label(selected, pick.label()).clicked() {
                    prompt.pick = if selected { None } else { Some(pick) };
                }
            }
        });
        ui.add_space(4.0);
        field(ui, "Details (optional with a quick pick):", |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut prompt.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("e.g. Work trip Thursday to Sunday"),
            )
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let reason = prompt.reason();
            let record = ui
                .add_enabled(reason.is_given(), egui::Button::new("Record change"))
                .on_disabled_hover_text("Pick a reason or write one");
            if record.clicked() {
                out.push(Command::Edit(prompt.edit.clone(), reason));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        view.reason_prompt = None;
    }
}
