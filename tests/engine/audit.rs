//! The monthly audit on synthetic athletes built on the marathoner demo: "today" is
//! 2026-11-25, so the audit covers the season's first four weeks (2026-10-26 to 2026-11-22).

use chrono::{Days, NaiveDate, TimeZone, Utc};
use peakline::engine::audit::{SignKind, audit, audit_range, record};
use peakline::model::{DecisionChoice, Plan, ReviewKind, SessionType, Wellness};

use crate::common::{check_in, date, log_as_planned, log_sessions, marathoner, today, usual_day};

fn period() -> (NaiveDate, NaiveDate) {
    (date("2026-10-26"), date("2026-11-22"))
}

fn easy(kind: SessionType) -> bool {
    matches!(
        kind,
        SessionType::Easy | SessionType::Recovery | SessionType::Long | SessionType::Strides
    )
}

/// Logs everything as planned, with usual check-ins.
fn on_track() -> Plan {
    let mut plan = marathoner();
    let (start, end) = period();
    log_as_planned(&mut plan, start, end);
    check_in(&mut plan, start, end, usual_day);
    plan
}

/// Easy runs cut to half the planned minutes, their RPE climbing from 3 to 5 over the
/// month; quality sessions done as planned.
fn undershooting() -> Plan {
    let mut plan = marathoner();
    let (start, end) = period();
    log_sessions(&mut plan, start, end, |s| {
        if easy(s.kind) {
            let day = (s.date - start).num_days() as f64;
            Some((0.5, 3.0 + 2.0 * day / 27.0))
        } else {
            Some((1.0, s.rpe))
        }
    });
    check_in(&mut plan, start, end, usual_day);
    plan
}

#[test]
fn the_audit_covers_the_last_four_complete_weeks() {
    let a = audit(&on_track(), today());
    assert_eq!((a.start, a.end), period());
    assert_eq!(a.weeks.len(), 4);
}

#[test]
fn an_athlete_on_track_keeps_every_session_type() {
    let a = audit(&on_track(), today());
    assert!((a.load.compliance.expect("logged") - 1.0).abs() < 1e-9);
    assert!(a.signs.iter().all(|s| !s.present), "{:?}", a.signs);
    assert!(!a.too_aggressive);
    assert!(!a.suggestions.is_empty());
    for s in &a.suggestions {
        assert_eq!(s.choice, DecisionChoice::Keep, "{s:?}");
        assert!(!s.evidence.is_empty());
        assert!(s.evidence[0].starts_with("Done"), "{:?}", s.evidence);
    }
    let f = a.fitness.expect("fitness");
    assert!((f.actual - f.projected).abs() < 1e-6, "{f:?}");
    assert!(
        a.summary.contains("keep every session type"),
        "{}",
        a.summary
    );
}

#[test]
fn undershooting_load_with_rising_easy_rpe_means_adjust_with_that_evidence() {
    let a = audit(&undershooting(), today());
    assert!(a.load.compliance.expect("logged") < 0.8);
    let sign = a
        .signs
        .iter()
        .find(|s| s.kind == SignKind::EasyRpeRising)
        .expect("sign");
    assert!(sign.present, "{sign:?}");
    let easy_suggestions: Vec<_> = a.suggestions.iter().filter(|s| easy(s.subject)).collect();
    assert!(!easy_suggestions.is_empty());
    for s in easy_suggestions {
        assert_eq!(s.choice, DecisionChoice::Adjust, "{s:?}");
        assert!(
            s.evidence.iter().any(|e| e.contains("Easy-run RPE")),
            "{:?}",
            s.evidence
        );
    }
    let easy_run = a
        .suggestions
        .iter()
        .find(|s| s.subject == SessionType::Easy)
        .expect("easy runs");
    assert!(
        easy_run.evidence.iter().any(|e| e.starts_with("Load")),
        "{:?}",
        easy_run.evidence
    );
    let f = a.fitness.expect("fitness");
    assert!(f.actual < f.projected);
    assert!(a.summary.contains("easy-run RPE rising"), "{}", a.summary);
}

#[test]
fn a_session_type_rarely_done_is_a_candidate_to_replace() {
    let mut plan = marathoner();
    let (start, end) = period();
    log_sessions(&mut plan, start, end, |s| {
        if s.kind == SessionType::Strides {
            Some((0.0, 0.0))
        } else {
            Some((1.0, s.rpe))
        }
    });
    let a = audit(&plan, today());
    let strides = a
        .suggestions
        .iter()
        .find(|s| s.subject == SessionType::Strides)
        .expect("strides planned");
    assert_eq!(strides.choice, DecisionChoice::Replace);
    assert!(
        strides.evidence[0].contains("Done 0 of"),
        "{:?}",
        strides.evidence
    );
}

#[test]
fn several_warning_signs_together_flag_an_over_aggressive_plan() {
    let mut plan = on_track();
    let (start, end) = period();
    plan.wellness.clear();
    let mid = start + Days::new(14);
    check_in(&mut plan, start, end, |d| {
        if d < mid {
            usual_day(d)
        } else {
            Wellness {
                sleep_hours: Some(6.2),
                soreness: Some(5),
                ..usual_day(d)
            }
        }
    });
    let a = audit(&plan, today());
    let present: Vec<_> = a
        .signs
        .iter()
        .filter(|s| s.present)
        .map(|s| s.kind)
        .collect();
    assert!(present.contains(&SignKind::SleepWorsening));
    assert!(present.contains(&SignKind::SorenessPersisting));
    assert!(a.too_aggressive);
    let long = a
        .suggestions
        .iter()
        .find(|s| s.subject == SessionType::Long)
        .expect("long runs");
    assert_eq!(long.choice, DecisionChoice::Adjust);
    assert!(long.evidence.iter().any(|e| e.contains("reduce load")));
}

#[test]
fn pace_at_heart_rate_on_easy_runs_is_compared_early_against_late() {
    let mut plan = on_track();
    let (start, _) = period();
    let mid = start + Days::new(14);
    for a in &mut plan.actuals {
        a.avg_hr = Some(if a.date < mid { 150.0 } else { 142.0 });
    }
    let a = audit(&plan, today());
    let e = a.efficiency.expect("easy runs with HR and distance");
    assert!(e.change > 0.03, "{e:?}");
    assert!(e.late_pace_s_per_km < e.early_pace_s_per_km);
    let easy_run = a
        .suggestions
        .iter()
        .find(|s| s.subject == SessionType::Easy)
        .expect("easy");
    assert_eq!(easy_run.choice, DecisionChoice::Keep);
    assert!(easy_run.evidence.iter().any(|x| x.contains("bpm")));
}

#[test]
fn a_race_result_in_the_period_is_compared_with_its_projection() {
    let mut plan = on_track();
    plan.athlete
        .recent_results
        .push(peakline::model::RaceResult {
            name: "Parkrun".into(),
            date: date("2026-11-14"),
            distance_m: 5000.0,
            time_s: 1230.0,
            time_trial: true,
        });
    let a = audit(&plan, today());
    assert_eq!(a.performances.len(), 1);
    let p = &a.performances[0];
    assert!(p.vdot.is_some() && p.expected_vdot.is_some());
    assert!(p.expected_from.contains("best VDOT"));
}

#[test]
fn recording_saves_the_coachs_decisions_as_an_audit_review() {
    let mut plan = undershooting();
    let a = audit_range(&plan, period().0, period().1, today());
    let decisions: Vec<_> = a.suggestions.iter().map(|s| s.to_decision()).collect();
    let n = decisions.len();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 25, 18, 0, 0)
        .single()
        .expect("time");
    record(&mut plan, &a, decisions, today(), now);
    let r = plan.reviews.last().expect("a review");
    assert_eq!(r.kind, ReviewKind::Audit);
    assert_eq!((r.period_start, r.period_end), period());
    assert_eq!(r.decisions.len(), n);
    assert!(
        r.decisions
            .iter()
            .any(|d| d.choice == DecisionChoice::Adjust)
    );
    assert!(peakline::model::validate(&plan).is_empty());
}

#[test]
fn an_audit_is_due_four_weeks_after_the_last_one_or_after_logging_starts() {
    use peakline::engine::audit::audit_due;
    use peakline::model::{Review, ReviewKind};
    let mut plan = crate::common::marathoner();
    let first = plan.weeks()[0].start;
    // Nothing logged: never due.
    let d = audit_due(&plan, first + chrono::Days::new(60));
    assert!(!d.due && d.text.contains("Nothing logged"), "{d:?}");

    crate::common::log_as_planned(&mut plan, first, first + chrono::Days::new(40));
    let logged_from = plan.actuals.iter().map(|a| a.date).min().unwrap();
    let d = audit_due(&plan, logged_from + chrono::Days::new(27));
    assert!(!d.due, "3 weeks and 6 days: {d:?}");
    let d = audit_due(&plan, logged_from + chrono::Days::new(28));
    assert!(
        d.due && d.weeks == 4 && d.text.contains("No audit yet"),
        "{d:?}"
    );

    // A recorded audit resets the clock from the end of its period.
    let end = logged_from + chrono::Days::new(27);
    plan.reviews.push(Review {
        kind: ReviewKind::Audit,
        date: end + chrono::Days::new(1),
        period_start: logged_from,
        period_end: end,
        ..Review::default()
    });
    // Weekly reviews do not count as audits.
    plan.reviews.push(Review {
        kind: ReviewKind::Weekly,
        date: end + chrono::Days::new(30),
        period_start: end + chrono::Days::new(24),
        period_end: end + chrono::Days::new(30),
        ..Review::default()
    });
    let d = audit_due(&plan, end + chrono::Days::new(27));
    assert!(!d.due && d.last_audit == Some(end), "{d:?}");
    let d = audit_due(&plan, end + chrono::Days::new(35));
    assert!(
        d.due && d.weeks == 5 && d.text.contains("Last audit 5 weeks ago"),
        "{d:?}"
    );
}
