//! Any sequence of edits (sessions, weeks, races, phases, athlete, guardrails, re-plans,
//! adoptions) followed by as many undos returns the original plan.

use chrono::{Datelike, Days};
use peakline::app::{Document, Edit, Role};
use peakline::engine::adopt::KeepPolicy;
use peakline::model::{
    Guardrails, PhaseKind, Priority, Race, Reason, ReasonPick, Session, SessionType, VariantKind,
};
use proptest::prelude::*;

use crate::common::{marathoner, today};
use crate::engine::warnings::adopted_marathoner;

fn reason() -> Reason {
    Reason::new(Some(ReasonPick::CoachJudgement), "test")
}

/// An edit built from random numbers against the current plan.
fn edit_from(doc: &Document, kind: u8, a: usize, b: u64) -> Edit {
    let plan = doc.plan();
    let sessions: Vec<&Session> = plan.sessions().collect();
    let pick = |i: usize| sessions.get(i % sessions.len().max(1)).copied();
    match kind % 13 {
        0 => match pick(a) {
            Some(s) => {
                let mut s = s.clone();
                s.duration_min = 20.0 + (b % 60) as f64;
                Edit::UpdateSession(s)
            }
            None => Edit::Replan(KeepPolicy::KeepCoachWeeks),
        },
        1 => match pick(a) {
            Some(s) => {
                let mut s = s.clone();
                let week = plan.week_containing(s.date).map_or(s.date, |w| w.start);
                s.date = week + Days::new(b % 7);
                Edit::UpdateSession(s)
            }
            None => Edit::Replan(KeepPolicy::KeepCoachWeeks),
        },
        2 => match pick(a) {
            Some(s) => Edit::RemoveSession(s.id),
            None => Edit::Replan(KeepPolicy::KeepCoachWeeks),
        },
        3 => {
            let week = &plan.weeks()[a % plan.weeks().len()];
            Edit::AddSession(Session {
                date: week.start + Days::new(b % 7),
                kind: SessionType::Easy,
                duration_min: 30.0,
                rpe: 3.0,
                ..Session::default()
            })
        }
        4 => Edit::ApproveWeek(plan.weeks()[a % plan.weeks().len()].start),
        5 => Edit::AddRace(Race {
            name: format!("Race {b}"),
            date: plan.season.start + Days::new(60 + b % 100),
            distance_km: 5.0 + (b % 20) as f64,
            priority: [Priority::B, Priority::C][a % 2],
            ..Race::default()
        }),
        6 => {
            let start = plan.season.start + Days::new(7 * (5 + b % 12));
            Edit::MovePhase {
                kind: PhaseKind::Build,
                start: start - Days::new(u64::from(start.weekday().num_days_from_monday())),
            }
        }
        7 => match plan.races.len() {
            0 => Edit::Replan(KeepPolicy::KeepCoachWeeks),
            n => {
                // Move a race by a few weeks, change its priority or distance.
                let index = a % n;
                let mut race = plan.races[index].clone();
                match b % 3 {
                    0 => race.date = race.date + Days::new(7 * (1 + b % 3)),
                    1 => race.priority = [Priority::A, Priority::B, Priority::C][a % 3],
                    _ => race.distance_km = 5.0 + (b % 38) as f64,
                }
                Edit::UpdateRace { index, race }
            }
        },
        8 => match plan.races.len() {
            0 => Edit::Replan(KeepPolicy::KeepCoachWeeks),
            n => Edit::RemoveRace(a % n),
        },
        9 => {
            let mut athlete = plan.athlete.clone();
            athlete.weekly_volume_km = 20.0 + (b % 80) as f64;
            athlete.name = format!("Athlete {}", b % 10);
            Edit::SetAthlete(Box::new(athlete))
        }
        10 => Edit::SetGuardrails(Guardrails {
            max_hard_sessions_per_week: 1 + (b % 3) as u8,
            max_weekly_increase_pct: 5.0 + (a % 10) as f64,
            ..plan.guardrails.clone()
        }),
        11 => Edit::Adopt {
            variant: VariantKind::ALL[a % 3],
            keep: [KeepPolicy::KeepCoachWeeks, KeepPolicy::ReplaceDrafts][(b % 2) as usize],
        },
        _ => Edit::Replan(KeepPolicy::KeepCoachWeeks),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn edits_then_as_many_undos_restore_the_original(
        steps in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u64>()), 1..8)
    ) {
        let original = adopted_marathoner();
        let mut doc = Document::unsaved_but_clean(original.clone(), "test.peakline.ron");
        let mut applied = 0;
        for (kind, a, b) in steps {
            let edit = edit_from(&doc, kind, a, b);
            let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
            if doc.apply(&edit, &reason(), Role::Coach, now, today()).is_ok() {
                applied += 1;
            }
        }
        prop_assert!(applied > 0 || !doc.can_undo());
        for _ in 0..applied {
            prop_assert!(doc.undo());
        }
        prop_assert!(!doc.can_undo());
        prop_assert_eq!(doc.plan(), &original);
        prop_assert!(!doc.is_dirty(), "back at the opened state");
    }
}

#[test]
fn a_failed_edit_changes_nothing_and_costs_no_undo_step() {
    let mut doc = Document::new(marathoner(), None);
    let before = doc.plan().clone();
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let err = doc.apply(
        &Edit::RemoveSession(peakline::model::SessionId(424_242)),
        &reason(),
        Role::Coach,
        now,
        today(),
    );
    assert!(err.is_err());
    assert_eq!(doc.plan(), &before);
    assert!(!doc.can_undo());
    let err = doc.apply(
        &Edit::ApproveWeek(today()),
        &Reason::default(),
        Role::Coach,
        now,
        today(),
    );
    assert!(matches!(err, Err(peakline::app::EditError::ReasonMissing)));
}

fn guardrails_edit() -> (Edit, Reason) {
    (
        Edit::SetGuardrails(peakline::model::Guardrails {
            max_hard_sessions_per_week: 2,
            ..peakline::model::Guardrails::default()
        }),
        reason(),
    )
}

#[test]
fn ctrl_z_does_not_undo_the_plan_under_an_open_dialog() {
    use eframe::egui;
    use egui_kittest::kittest::Queryable;
    let mut h = crate::ui::app_harness();
    let (edit, why) = guardrails_edit();
    assert!(h.state_mut().apply_edit(&edit, &why));
    h.run();
    let edited = h.state().doc.plan().clone();
    h.get_by_label_contains("Week of 7 Dec 2026").click();
    h.run();
    h.get_by_label_contains("Edit Threshold on").click();
    h.run();
    h.get_by_label("Edit session");
    for shortcut in [
        egui::Modifiers::COMMAND,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
    ] {
        h.key_press_modifiers(shortcut, egui::Key::Z);
        h.run();
    }
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().doc.plan(), &edited, "the plan is untouched");
    assert!(h.state().doc.can_undo());
    h.get_by_label("Edit session");
    // Closed, Ctrl+Z undoes the plan again.
    h.get_by_label("Cancel").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_ne!(h.state().doc.plan(), &edited);
    assert!(!h.state().doc.can_undo());
}

#[test]
fn ctrl_z_in_a_text_field_undoes_the_typing_not_the_plan() {
    use eframe::egui;
    use egui_kittest::kittest::Queryable;
    let mut h = crate::ui::app_harness();
    let (edit, why) = guardrails_edit();
    assert!(h.state_mut().apply_edit(&edit, &why));
    h.run();
    let edited = h.state().doc.plan().clone();
    h.get_by_label("Athlete & guardrails").click();
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.key_press(egui::Key::End);
    h.get_by_label("Name").type_text(" Jr");
    h.run();
    assert_eq!(
        h.get_by_label("Name").value().as_deref(),
        Some("Maya Lindqvist Jr")
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &edited, "the plan is untouched");
    assert_eq!(
        h.get_by_label("Name").value().as_deref(),
        Some("Maya Lindqvist"),
        "the field's own undo took the typing back"
    );
}

/// The generator above is not vacuous: every kind of edit it makes applies to the plan.
#[test]
fn every_generated_kind_of_edit_applies() {
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    for kind in 0..13u8 {
        let mut doc = Document::unsaved_but_clean(adopted_marathoner(), "test.peakline.ron");
        let edit = edit_from(&doc, kind, 1, 5);
        let result = doc.apply(&edit, &reason(), Role::Coach, now, today());
        assert!(result.is_ok(), "kind {kind}: {edit:?} failed: {result:?}");
    }
}
