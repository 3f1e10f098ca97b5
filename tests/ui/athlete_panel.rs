//! The athlete & guardrails panel: a validated form; saving asks why and then offers to
//! re-plan; a cancelled save offers nothing; undo puts the form back with the plan.

use eframe::egui;
use egui_kittest::kittest::{NodeT, Queryable};
use peakline::model::Change;

use super::app_harness;

const OFFER: &str = "The profile changed. Re-plan the draft weeks? Approved and edited weeks stay.";

fn name_field(h: &egui_kittest::Harness<'_, peakline::app::PeaklineApp>) -> Option<String> {
    h.get_by_label("Name").value()
}

fn retype_name(h: &mut egui_kittest::Harness<'_, peakline::app::PeaklineApp>, text: &str) {
    h.get_by_label("Name").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    if !text.is_empty() {
        h.get_by_label("Name").type_text(text);
    }
    h.run();
}

#[test]
fn the_profile_form_validates_asks_why_and_offers_a_re_plan_only_after_saving() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    h.get_by_label("Athlete & guardrails").click();
    h.run();
    assert_eq!(name_field(&h).as_deref(), Some("Maya Lindqvist"));

    // An empty name is refused with a message, and cannot be saved.
    retype_name(&mut h, "");
    h.get_by_label_contains("Name is empty");
    assert!(
        h.get_by_label("Save profile…")
            .accesskit_node()
            .is_disabled(),
        "bad input cannot be saved"
    );

    // A good name: save, then cancel the reason prompt: nothing changes, nothing is offered.
    retype_name(&mut h, "Maya Lindqvist-Berg");
    assert!(h.query_by_label_contains("Name is empty").is_none());
    h.get_by_label("Save profile…").click();
    h.run();
    h.get_by_label("Why this change?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc.plan(), &original);
    assert!(
        h.query_by_label(OFFER).is_none(),
        "a cancelled save offers no re-plan"
    );

    // Save with a reason: the profile changes and the re-plan is offered.
    h.get_by_label("Save profile…").click();
    h.run();
    h.get_by_label("Athlete preference").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    assert_eq!(h.state().doc.plan().athlete.name, "Maya Lindqvist-Berg");
    h.get_by_label(OFFER);
    let log_len = h.state().doc.plan().change_log.len();
    h.get_by_label("Re-plan drafts").click();
    h.run();
    if h.query_by_label("Keep my weeks").is_some() {
        h.get_by_label("Keep my weeks").click();
        h.run();
    }
    let plan = h.state().doc.plan();
    assert_eq!(plan.change_log.len(), log_len + 1);
    assert!(matches!(
        plan.change_log.last().map(|e| &e.change),
        Some(Change::Replanned { .. })
    ));
    assert!(h.query_by_label(OFFER).is_none(), "answered");
}

#[test]
fn undoing_a_profile_save_puts_the_form_back_and_withdraws_the_offer() {
    let mut h = app_harness();
    h.get_by_label("Athlete & guardrails").click();
    h.run();
    retype_name(&mut h, "Maya L.");
    h.get_by_label("Save profile…").click();
    h.run();
    h.get_by_label("Coach judgement").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    h.get_by_label(OFFER);
    assert_eq!(name_field(&h).as_deref(), Some("Maya L."));

    // The undo button in the tab bar (a text field may hold the keyboard).
    h.get_by_label("↺").click();
    h.run();
    assert_eq!(h.state().doc.plan().athlete.name, "Maya Lindqvist");
    assert_eq!(
        name_field(&h).as_deref(),
        Some("Maya Lindqvist"),
        "the form follows the plan back"
    );
    assert!(h.query_by_label(OFFER).is_none());
    assert!(
        h.get_by_label("Save profile…")
            .accesskit_node()
            .is_disabled(),
        "nothing to save: the form is the plan again"
    );
}
