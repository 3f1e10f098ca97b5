//! The Reviews tab driven by label: the weekly review approved as one undo step, a what-if
//! previewed, discarded and accepted, the monthly audit's decisions recorded, and the season
//! retrospective's fit made next season's model and its report exported.

use eframe::egui;
use egui_kittest::kittest::{NodeT as _, Queryable};
use peakline::app::{AppOptions, Document, ScriptedDialogs};
use peakline::engine::adopt::KeepPolicy;
use peakline::engine::audit::audit;
use peakline::engine::retro::{fitted_settings, retrospective};
use peakline::engine::review::draft_week;
use peakline::engine::scenario::{Scenario, apply_scenario};
use peakline::io::report::{FITNESS_PLOT, LOAD_PLOT, REPORT_FILE};
use peakline::model::{
    Change, DecisionChoice, Priority, ReasonPick, ReviewKind, SessionType, WeekStatus,
};

use super::{app_harness, app_harness_with};
use crate::common::{date, temp_dir, today};
use crate::engine::retro::{after_race, banister_athlete};

fn open_reviews(h: &mut egui_kittest::Harness<'static, peakline::app::PeaklineApp>, page: &str) {
    h.get_by_label("Reviews").click();
    h.run();
    h.get_by_label(page).click();
    h.run();
}

#[test]
fn approving_the_weekly_draft_replaces_the_week_logs_why_and_undoes_exactly() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    open_reviews(&mut h, "Weekly review");
    // The meeting plans next week by default.
    h.get_by_label_contains("Week of 30 Nov 2026");
    let start = date("2026-11-30");
    let draft = draft_week(&original, start, today());

    // The coach drops Saturday's easy run and lengthens Sunday's long run in the draft.
    h.get_by_label("Remove Easy on Sat 5 Dec").click();
    h.run();
    h.get_by_label("Minutes of Long run on Sun 6 Dec")
        .scroll_to_me();
    h.run();
    h.get_by_label("Minutes of Long run on Sun 6 Dec").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Minutes of Long run on Sun 6 Dec")
        .type_text("95");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().doc.plan(), &original, "edits stay in the draft");

    // Each edit needs its reason, as in the week editor, before the draft can be approved.
    assert!(
        h.get_by_label("✔ Approve draft…")
            .accesskit_node()
            .is_disabled()
    );
    for (edit, why) in [
        ("Why: Sat 5 Dec Easy", "Travel"),
        ("Why: Sun 6 Dec Long run", "Athlete preference"),
    ] {
        h.get_by_label(edit).scroll_to_me();
        h.run();
        h.get_by_label(edit).click();
        h.run();
        h.get_by_label(why).click();
        h.run();
    }
    h.get_by_label("Why: Sun 6 Dec Long run, details").click();
    h.run();
    h.get_by_label("Why: Sun 6 Dec Long run, details")
        .type_text("wants 95 min with the club");
    h.run();
    assert!(
        !h.get_by_label("✔ Approve draft…")
            .accesskit_node()
            .is_disabled()
    );

    h.get_by_label("✔ Approve draft…").click();
    h.run();
    h.get_by_label("Why this change?");
    assert_eq!(h.state().doc.plan(), &original);
    h.get_by_label("Life stress").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();

    let plan = h.state().doc.plan().clone();
    let week = plan.week_containing(start).expect("week").clone();
    assert_eq!(week.status, WeekStatus::Approved);
    let mut expected = draft.proposed.clone();
    expected
        .sessions
        .retain(|s| !(s.date == date("2026-12-05") && s.kind == SessionType::Easy));
    assert_eq!(expected.sessions.len() + 1, draft.proposed.sessions.len());
    let long = expected
        .sessions
        .iter_mut()
        .find(|s| s.kind == SessionType::Long)
        .expect("long run");
    assert_eq!(
        week.sessions
            .iter()
            .find(|s| s.id == long.id)
            .map(|s| s.duration_min),
        Some(95.0)
    );
    // Everything else is the engine's draft, as drafted.
    let approved_long = week
        .sessions
        .iter()
        .find(|s| s.id == long.id)
        .expect("long run kept")
        .clone();
    *long = approved_long;
    expected.status = WeekStatus::Approved;
    assert_eq!(
        week, expected,
        "the week is the draft with the coach's two edits"
    );

    let entry = plan.change_log.last().expect("logged");
    assert_eq!(plan.change_log.len(), original.change_log.len() + 1);
    let Change::WeeklyDraftApproved {
        before,
        drafted,
        after,
    } = &entry.change
    else {
        panic!("unexpected {:?}", entry.change)
    };
    assert_eq!(Some(before), original.week_containing(start));
    assert_eq!(drafted, &draft.proposed);
    assert_eq!(after, &week);
    assert_eq!(entry.reason.pick, Some(ReasonPick::LifeStress));
    assert_eq!(entry.week, Some(start));
    let review = plan.reviews.last().expect("minutes kept");
    assert_eq!(plan.reviews.len(), original.reviews.len() + 1);
    assert_eq!(review.kind, ReviewKind::Weekly);
    assert_eq!(review.period_start, start);
    assert_eq!(review.decisions.len(), 2, "{:?}", review.decisions);
    assert!(
        review
            .decisions
            .iter()
            .all(|d| d.choice == DecisionChoice::Adjust)
    );
    let notes: Vec<&str> = review.decisions.iter().map(|d| d.note.as_str()).collect();
    assert!(notes.iter().any(|n| n.ends_with("— Travel")), "{notes:?}");
    assert!(
        notes
            .iter()
            .any(|n| n.ends_with("— Athlete preference: wants 95 min with the club")),
        "{notes:?}"
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.plan(),
        &original,
        "one undo restores the plan exactly"
    );
}

#[test]
fn an_approved_week_is_not_replaced_by_a_draft_and_the_document_is_unchanged() {
    let mut h = app_harness();
    let start = date("2026-11-30");
    h.state_mut().view.tab = peakline::ui::Tab::Week;
    h.state_mut().view.selected_week = Some(start);
    h.run();
    h.get_by_label("✔ Approve week").click();
    h.run();
    let approved = h.state().doc.plan().clone();
    let draft = draft_week(&approved, start, today());
    let edit = peakline::app::Edit::ApproveDraftWeek(Box::new(peakline::app::DraftApproval {
        drafted: draft.proposed.clone(),
        week: draft.proposed.clone(),
        review: None,
    }));
    let reason = peakline::model::Reason::new(Some(ReasonPick::CoachJudgement), "test");
    assert!(!h.state_mut().apply_edit(&edit, &reason));
    assert_eq!(h.state().doc.plan(), &approved);
    assert!(h.state().notice.is_some(), "the coach is told why");

    // On the page the approve button is off for an approved week.
    h.state_mut().notice = None;
    open_reviews(&mut h, "Weekly review");
    assert!(
        h.get_by_label("✔ Approve draft…")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_race_moved_two_weeks_previews_the_taper_discards_cleanly_and_accepts_as_one_undo_step() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    let race = original
        .races
        .iter()
        .position(|r| r.priority == Priority::A)
        .expect("the demo's A race");
    let expected = apply_scenario(
        &original,
        &Scenario::MoveRace { race, weeks: 2 },
        KeepPolicy::KeepCoachWeeks,
        today(),
    )
    .expect("scenario applies");
    let taper = expected.diff.tapers.first().expect("the taper moves");
    let (from, to) = (taper.from.expect("from"), taper.to.expect("to"));
    assert_eq!((to - from).num_days(), 14);

    open_reviews(&mut h, "What-if");
    h.get_by_label("Move a race").click();
    h.run();
    // The next A race and +2 weeks are the defaults.
    h.get_by_label("Preview").click();
    h.run();
    let taper_line = format!(
        "Taper starts {} ➡ {}",
        from.format("%-d %b %Y"),
        to.format("%-d %b %Y")
    );
    h.get_by_label(&taper_line);
    h.get_by_label(&expected.description);
    assert_eq!(h.state().doc.plan(), &original, "a preview changes nothing");

    h.get_by_label("Discard").click();
    h.run();
    assert!(h.query_by_label(&taper_line).is_none(), "preview closed");
    assert!(!h.state().view.reviews.whatif.has_preview());
    assert_eq!(
        h.state().doc.plan(),
        &original,
        "discard leaves nothing behind"
    );
    assert!(!h.state().doc.can_undo());

    h.get_by_label("Preview").click();
    h.run();
    h.get_by_label("✔ Accept").click();
    h.run();
    let plan = h.state().doc.plan().clone();
    assert_eq!(plan.races, expected.plan.races);
    assert_eq!(plan.season, expected.plan.season);
    assert_eq!(plan.plan, expected.plan.plan);
    assert_eq!(plan.change_log.len(), original.change_log.len() + 1);
    let entry = plan.change_log.last().expect("logged");
    assert_eq!(entry.change, expected.change());
    assert_eq!(entry.reason.pick, Some(ReasonPick::Scenario));
    assert_eq!(entry.reason.text, expected.description);
    assert!(!h.state().view.reviews.whatif.has_preview());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.plan(),
        &original,
        "one Ctrl+Z restores the plan exactly"
    );
}

#[test]
fn the_monthly_audit_records_the_coachs_decisions_as_one_review() {
    let mut h = app_harness();
    let original = h.state().doc.plan().clone();
    let expected = audit(&original, today());
    assert!(
        expected
            .suggestions
            .iter()
            .any(|s| s.subject == SessionType::Easy)
    );
    open_reviews(&mut h, "Monthly audit");
    h.get_by_label("Run audit").click();
    h.run();
    assert!(
        h.get_all_by_label("easy-run RPE rising").next().is_some(),
        "the warning sign is shown"
    );

    // The coach overrides the engine on easy runs and leaves a note.
    h.get_by_label("Replace Easy").click();
    h.run();
    h.get_by_label("Note on Easy").click();
    h.run();
    h.get_by_label("Note on Easy")
        .type_text("Swap one easy run for the bike");
    h.run();
    h.get_by_label("Record decisions").click();
    h.run();

    let plan = h.state().doc.plan().clone();
    assert_eq!(plan.reviews.len(), original.reviews.len() + 1);
    let review = plan.reviews.last().expect("recorded");
    assert_eq!(review.kind, ReviewKind::Audit);
    assert_eq!(
        (review.period_start, review.period_end),
        (expected.start, expected.end)
    );
    assert_eq!(review.summary, expected.summary);
    assert_eq!(review.decisions.len(), expected.suggestions.len());
    for (d, s) in review.decisions.iter().zip(&expected.suggestions) {
        assert_eq!(d.subject, s.subject.label());
        if s.subject == SessionType::Easy {
            assert_eq!(d.choice, DecisionChoice::Replace);
            assert_eq!(d.note, "Swap one easy run for the bike");
        } else {
            assert_eq!(d.choice, s.choice, "{}", d.subject);
            assert!(d.note.is_empty());
        }
    }
    let entry = plan.change_log.last().expect("logged");
    assert_eq!(
        entry.change,
        Change::ReviewRecorded {
            review: review.clone()
        }
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &original, "one undo step");
}

#[test]
fn before_the_a_race_the_retrospective_says_so() {
    let mut h = app_harness();
    open_reviews(&mut h, "Retrospective");
    h.get_by_label_contains("No A race finished yet");
    h.get_by_label_contains("11 Apr 2027");
}

#[test]
fn after_the_a_race_the_fit_becomes_next_seasons_model_and_the_report_is_exported() {
    let (plan, _) = banister_athlete(8);
    let today = after_race();
    let folder = temp_dir();
    let out = folder.path().join("report");
    let mut options = AppOptions::for_tests(today);
    options.dialogs = Box::new(ScriptedDialogs {
        folders: vec![out.clone()],
        ..ScriptedDialogs::default()
    });
    let mut h = app_harness_with(options);
    h.state_mut()
        .set_document(Document::new(plan.clone(), None));
    h.run();
    let retro = retrospective(&plan, today);
    assert!(retro.race.is_some(), "the A race is run");
    assert!(retro.fit.fitted, "{}", retro.fit.message);

    open_reviews(&mut h, "Retrospective");
    h.get_by_label("Banister model fitted to this athlete");
    h.get_by_label(&format!("{:.5}", retro.fit.k1));
    h.get_by_label(&format!("{:.5}", retro.fit.k2));
    h.get_by_label(&format!("{:.2} VDOT", retro.fit.rmse.expect("fit error")));
    assert!(
        h.query_by_label_contains("No A race finished yet")
            .is_none()
    );

    h.get_by_label("Use as next season's model").click();
    h.run();
    let next = fitted_settings(&plan, &retro);
    let after = h.state().doc.plan().clone();
    assert_eq!(after.model, next);
    assert!(after.model.fitted);
    let entry = after.change_log.last().expect("logged");
    assert_eq!(
        entry.change,
        Change::ModelSet {
            before: plan.model.clone(),
            after: next
        }
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.plan(), &plan, "one undo step");

    h.get_by_label("Export report…").click();
    h.run();
    let md = std::fs::read_to_string(out.join(REPORT_FILE)).expect("report written");
    assert!(md.contains("Season retrospective"), "{md}");
    assert!(md.contains(&format!("{:.5}", retro.fit.k1)), "{md}");
    for png in [LOAD_PLOT, FITNESS_PLOT] {
        let bytes = std::fs::read(out.join(png)).expect("plot written");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{png} is a PNG");
    }
    assert!(
        h.state().status.contains(REPORT_FILE),
        "{}",
        h.state().status
    );
}

#[test]
fn the_reviews_tab_says_when_the_monthly_audit_is_due() {
    // The demo's athlete has logged since 26 Oct and no audit is recorded: due on 25 Nov.
    let mut h = app_harness();
    open_reviews(&mut h, "Weekly review");
    h.get_by_label_contains("Monthly audit due — No audit yet");
}
