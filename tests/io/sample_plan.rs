//! A small adopted plan (two weeks of March 2027) shared by the import and export tests.

use chrono::NaiveDate;
use peakline::model::{
    AdoptedPlan, PaceRange, PhaseKind, Plan, Session, SessionId, SessionType, Week, WeekStatus,
};

pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
}

fn session(id: u64, d: u32, kind: SessionType, duration_min: f64) -> Session {
    Session {
        id: SessionId(id),
        date: day(d),
        kind,
        duration_min,
        rpe: kind.default_rpe(),
        ..Session::default()
    }
}

/// Week 1 (Mon 8 March, approved): rest Wed 10, threshold Thu 11, long run and strength
/// Sun 14. Week 2 (Mon 15, draft): swim/cross-training Mon 15, strength Tue 16, easy Wed 17.
pub fn sample_plan() -> Plan {
    let threshold = Session {
        pace: Some(PaceRange {
            fast_s_per_km: 250.0,
            slow_s_per_km: 260.0,
        }),
        hr_zone: Some(4),
        description: "3 × 10 min at threshold; 2 min jog, between".to_owned(),
        rationale: "Build 2/6: first threshold block".to_owned(),
        coach_notes: "Relaxed; don't race it. Really.".to_owned(),
        ..session(4, 11, SessionType::Threshold, 50.0)
    };
    let long = Session {
        distance_km: Some(16.0),
        description: "=Easy long run, conversational".to_owned(),
        ..session(1, 14, SessionType::Long, 90.0)
    };
    let week1 = Week {
        start: day(8),
        phase: PhaseKind::Build,
        status: WeekStatus::Approved,
        sessions: vec![
            session(3, 10, SessionType::Rest, 0.0),
            threshold,
            long,
            session(2, 14, SessionType::Strength, 30.0),
        ],
        ..Week::default()
    };
    let week2 = Week {
        start: day(15),
        phase: PhaseKind::Build,
        status: WeekStatus::Draft,
        sessions: vec![
            session(5, 15, SessionType::CrossTraining, 45.0),
            session(7, 16, SessionType::Strength, 40.0),
            session(6, 17, SessionType::Easy, 45.0),
        ],
        ..Week::default()
    };
    let mut plan = Plan::default();
    plan.athlete.name = "Zoë van Dijk".to_owned();
    plan.season.start = day(8);
    plan.season.end = day(21);
    plan.plan = Some(AdoptedPlan {
        weeks: vec![week1, week2],
        next_session_id: 8,
        ..AdoptedPlan::default()
    });
    plan
}
