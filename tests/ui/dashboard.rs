//! The dashboard: each signal's colour at its boundaries, the readiness trend over two weeks,
//! open warnings, and thresholds explained on hover even without data.

use chrono::{Days, NaiveDate};
use egui_kittest::kittest::Queryable;
use peakline::engine::dashboard::{
    Level, Signal, acute_chronic_level, compliance_level, form_level, monotony_level,
    open_warnings_level, readiness_trend, readiness_trend_level, signals,
};
use peakline::model::{Severity, Warning, Wellness};
use peakline::ui::Tab;

use super::app_harness;
use crate::common::{check_in, marathoner, today, usual_day};

fn days_ago(n: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(n)).expect("date")
}

fn readiness(score: u8) -> impl Fn(NaiveDate) -> Wellness {
    move |d| Wellness {
        readiness: Some(score),
        ..usual_day(d)
    }
}

/// The app on the dashboard of `plan`.
fn dashboard_of(
    plan: peakline::model::Plan,
) -> egui_kittest::Harness<'static, peakline::app::PeaklineApp> {
    let mut h = app_harness();
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            plan,
            "m.peakline.ron",
        ));
    h.state_mut().view.tab = Tab::Dashboard;
    h.run();
    h
}

fn signal<'a>(all: &'a [Signal], name: &str) -> &'a Signal {
    all.iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no signal {name}"))
}

#[test]
fn dashboard_colours_change_at_their_boundaries() {
    assert_eq!(form_level(-10.0, 100.0), Level::Green);
    assert_eq!(form_level(-10.1, 100.0), Level::Amber);
    assert_eq!(form_level(-30.0, 100.0), Level::Amber);
    assert_eq!(form_level(-30.1, 100.0), Level::Red);
    assert_eq!(form_level(5.0, 0.0), Level::Unknown);
    assert_eq!(acute_chronic_level(0.8), Level::Green);
    assert_eq!(acute_chronic_level(1.3), Level::Green);
    assert_eq!(acute_chronic_level(0.79), Level::Amber);
    assert_eq!(acute_chronic_level(1.31), Level::Amber);
    assert_eq!(acute_chronic_level(1.49), Level::Amber);
    assert_eq!(acute_chronic_level(1.5), Level::Red);
    assert_eq!(monotony_level(1.49), Level::Green);
    assert_eq!(monotony_level(1.5), Level::Amber);
    assert_eq!(monotony_level(2.0), Level::Amber);
    assert_eq!(monotony_level(2.01), Level::Red);
    assert_eq!(compliance_level(0.85), Level::Green);
    assert_eq!(compliance_level(1.15), Level::Green);
    assert_eq!(compliance_level(0.84), Level::Amber);
    assert_eq!(compliance_level(0.70), Level::Amber);
    assert_eq!(compliance_level(1.30), Level::Amber);
    assert_eq!(compliance_level(0.69), Level::Red);
    assert_eq!(compliance_level(1.31), Level::Red);
    // Readiness trend: the change of the weekly mean.
    assert_eq!(readiness_trend_level(1.0), Level::Green);
    assert_eq!(readiness_trend_level(0.0), Level::Green);
    assert_eq!(readiness_trend_level(-0.49), Level::Green);
    assert_eq!(readiness_trend_level(-0.5), Level::Amber);
    assert_eq!(readiness_trend_level(-1.5), Level::Amber);
    assert_eq!(readiness_trend_level(-1.51), Level::Red);
    // Open warnings: any warning amber, any danger red.
    assert_eq!(open_warnings_level(0, 0), Level::Green);
    assert_eq!(open_warnings_level(1, 0), Level::Amber);
    assert_eq!(open_warnings_level(1, 1), Level::Red);
    assert_eq!(open_warnings_level(4, 1), Level::Red);
}

#[test]
fn readiness_trend_compares_the_last_week_with_the_week_before() {
    let mut plan = marathoner();
    check_in(&mut plan, days_ago(14), days_ago(8), readiness(8));
    check_in(&mut plan, days_ago(7), days_ago(1), readiness(6));
    // Outside both windows: today's check-in and one from 15 days ago.
    check_in(&mut plan, today(), today(), readiness(1));
    check_in(&mut plan, days_ago(15), days_ago(15), readiness(1));
    let trend = readiness_trend(&plan, today()).expect("two weeks of check-ins");
    assert_eq!(trend.previous, 8.0);
    assert_eq!(trend.last, 6.0);
    assert_eq!(trend.change, -2.0);
    assert_eq!(trend.checkins, 14);
    let all = signals(&plan, today(), &[]);
    let s = signal(&all, "Readiness trend");
    assert_eq!(s.value, Some(-2.0));
    assert_eq!(s.level, Level::Red);
    assert_eq!(s.display, "-2.0 (6.0 from 8.0)");
    assert!(s.missing.is_none());

    // A steady athlete is green whatever their level.
    let mut steady = marathoner();
    check_in(&mut steady, days_ago(14), days_ago(1), readiness(5));
    let all = signals(&steady, today(), &[]);
    assert_eq!(signal(&all, "Readiness trend").level, Level::Green);
}

#[test]
fn a_readiness_trend_needs_three_check_ins_in_each_week() {
    let mut plan = marathoner();
    check_in(&mut plan, days_ago(14), days_ago(8), readiness(8));
    check_in(&mut plan, days_ago(2), days_ago(1), readiness(4));
    assert!(readiness_trend(&plan, today()).is_none());
    let all = signals(&plan, today(), &[]);
    let s = signal(&all, "Readiness trend");
    assert_eq!(s.level, Level::Unknown);
    assert!(s.missing.is_some_and(|m| m.contains("3 check-ins")));
    assert!(s.meaning.contains("down more than 1.5"), "{}", s.meaning);
    check_in(&mut plan, days_ago(3), days_ago(3), readiness(4));
    assert_eq!(
        readiness_trend(&plan, today()).map(|t| t.change),
        Some(-4.0)
    );
}

fn warning(severity: Severity, date: Option<NaiveDate>) -> Warning {
    Warning {
        code: "ramp_over_cap".to_owned(),
        severity,
        date,
        week: date,
        message: String::new(),
        suggestion: String::new(),
    }
}

#[test]
fn open_warnings_count_from_today_on() {
    let plan = marathoner();
    let level = |warnings: &[Warning]| {
        let all = signals(&plan, today(), warnings);
        let s = signal(&all, "Open warnings");
        (s.level, s.display.clone())
    };
    assert_eq!(level(&[]), (Level::Green, "0 (0 danger)".to_owned()));
    assert_eq!(
        level(&[
            warning(Severity::Warning, None),
            warning(Severity::Info, Some(today())),
            warning(Severity::Danger, Some(days_ago(1))),
        ]),
        (Level::Amber, "1 (0 danger)".to_owned()),
        "info and past warnings are not open"
    );
    assert_eq!(
        level(&[
            warning(Severity::Warning, None),
            warning(Severity::Danger, Some(today()))
        ]),
        (Level::Red, "2 (1 danger)".to_owned())
    );
}

#[test]
fn signals_without_data_still_explain_their_thresholds() {
    let plan = marathoner();
    let all = signals(&plan, today(), &[]);
    let unknown: Vec<_> = all.iter().filter(|s| s.level == Level::Unknown).collect();
    assert!(unknown.len() >= 5, "nothing logged: {all:?}");
    for s in &unknown {
        assert!(s.missing.is_some(), "{}", s.name);
        for colour in ["Green", "Amber", "Red"] {
            assert!(s.meaning.contains(colour), "{}: {}", s.name, s.meaning);
        }
    }

    let mut h = dashboard_of(plan);
    h.get_by_label("Monotony").hover();
    h.run();
    h.get_by_label_contains("No data: Needs the last 7 days logged.");
    h.get_by_label_contains("Green: below 1.5. Amber: 1.5–2.0. Red: above 2.0");
}

#[test]
fn signals_on_the_load_done_start_when_logging_starts() {
    let mut plan = marathoner();
    crate::common::log_as_planned(&mut plan, days_ago(10), days_ago(1));
    let first = plan.actuals.iter().map(|a| a.date).min().expect("logged");
    let all = signals(&plan, today(), &[]);
    // Ten days done as planned: full compliance, counted from the first logged day.
    let c28 = signal(&all, "Compliance 28 d");
    assert_eq!(c28.level, Level::Green);
    assert_eq!(
        c28.display,
        format!("100 % since {}", first.format("%-d %b"))
    );
    assert_eq!(signal(&all, "Compliance 7 d").display, "100 %");
    for name in ["Form", "Acute:chronic", "Monotony"] {
        let s = signal(&all, name);
        assert!(s.value.is_some() && s.missing.is_none(), "{name}: {s:?}");
    }
}

#[test]
fn a_log_that_stopped_shows_as_behind_and_compliance_covers_only_the_logged_days() {
    let mut plan = marathoner();
    // Logged as planned until eight days ago, then nothing came back.
    crate::common::log_as_planned(&mut plan, days_ago(30), days_ago(8));
    let last = plan.actuals.iter().map(|a| a.date).max().expect("logged");
    let all = signals(&plan, today(), &[]);
    let log = signal(&all, "Athlete's log");
    let behind = (today() - last).num_days();
    assert_eq!(log.value, Some(behind as f64));
    assert_eq!(log.level, peakline::engine::dashboard::log_level(behind));
    assert_eq!(log.level, Level::Red, "{log:?}");
    assert!(
        log.display.contains(&last.format("%-d %b").to_string()),
        "{log:?}"
    );
    // The unlogged days are not read as missed: 100 % over the days the log covers.
    let c28 = signal(&all, "Compliance 28 d");
    assert_eq!(c28.level, Level::Green, "{c28:?}");
    assert!(c28.display.starts_with("100 %"), "{c28:?}");
    assert!(
        c28.display
            .ends_with(&format!("to {}", last.format("%-d %b"))),
        "{c28:?}"
    );
    // Nothing in the last 7 days: unknown, not 0 %.
    let c7 = signal(&all, "Compliance 7 d");
    assert_eq!(c7.level, Level::Unknown, "{c7:?}");
    assert_eq!(signal(&all, "Monotony").level, Level::Unknown);
}

#[test]
fn log_levels_at_their_boundaries() {
    use peakline::engine::dashboard::log_level;
    assert_eq!(log_level(0), Level::Green);
    assert_eq!(log_level(2), Level::Green);
    assert_eq!(log_level(3), Level::Amber);
    assert_eq!(log_level(7), Level::Amber);
    assert_eq!(log_level(8), Level::Red);
}

#[test]
fn a_log_that_began_before_the_season_and_reaches_today_counts() {
    // A watch history imported from before the season, and today's run logged already.
    let mut plan = marathoner();
    let season_start = plan.weeks()[0].start;
    crate::common::log_as_planned(&mut plan, days_ago(20), today());
    let mut old = plan.actuals[0].clone();
    old.id = peakline::model::ActualId(9_999);
    old.session = None;
    old.date = season_start - chrono::Days::new(400);
    plan.actuals.push(old);
    let all = signals(&plan, today(), &[]);
    let log = signal(&all, "Athlete's log");
    assert_eq!(
        (log.level, log.display.as_str()),
        (Level::Green, "up to today")
    );
    for name in ["Form", "Acute:chronic", "Compliance 7 d", "Compliance 28 d"] {
        let s = signal(&all, name);
        assert!(s.value.is_some(), "{name}: {s:?}");
    }
}

#[test]
fn the_agenda_lists_this_weeks_sessions_races_ahead_and_what_needs_a_decision() {
    use peakline::engine::agenda::{DayState, agenda};
    use peakline::model::WeekStatus;

    let mut plan = marathoner();
    let week = plan
        .week_containing(today())
        .expect("the plan covers today")
        .clone();
    let before: Vec<_> = week
        .sessions
        .iter()
        .filter(|s| s.date < today() && s.load_au() > 0.0)
        .map(|s| s.id)
        .collect();
    assert!(!before.is_empty(), "sessions before today to log");
    // The first session before today skipped, the others done at RPE 6.
    let skipped = before[0];
    crate::common::log_sessions(&mut plan, week.start, days_ago(1), |s| {
        Some(if s.id == skipped {
            (0.0, 0.0)
        } else {
            (1.0, 6.0)
        })
    });
    check_in(&mut plan, days_ago(1), days_ago(1), |d| Wellness {
        pain: Some(5),
        pain_location: "left calf".to_owned(),
        ..usual_day(d)
    });

    let a = agenda(&plan, today(), &[]);
    assert_eq!(a.week_start, Some(week.start));
    let planned = week.sessions.iter().filter(|s| s.load_au() > 0.0).count();
    assert_eq!(a.days.len(), planned);
    for d in &a.days {
        let expected = if d.session == skipped {
            DayState::Skipped
        } else if d.date < today() {
            DayState::Done
        } else if d.date == today() {
            DayState::Today
        } else {
            DayState::Upcoming
        };
        assert_eq!(d.state, expected, "{d:?}");
        assert_eq!(d.logged.is_some(), d.date < today(), "{d:?}");
        if d.state == DayState::Done {
            assert!(
                d.logged.as_deref().is_some_and(|t| t.ends_with("RPE 6")),
                "{d:?}"
            );
        }
    }
    // Races ahead, nearest first, counted in days.
    let dates: Vec<_> = a.races.iter().map(|r| r.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(a.races.len(), plan.races.len());
    let first = &a.races[0];
    assert_eq!(first.days, (first.date - today()).num_days());
    // Drafts within two weeks and the pain report need the coach.
    assert!(
        a.attention
            .iter()
            .any(|t| t.contains("still a draft")
                && t.contains(&week.start.format("%-d %b").to_string())),
        "{:?}",
        a.attention
    );
    assert!(
        a.attention
            .iter()
            .any(|t| t.contains("Pain 5/10 (left calf)")),
        "{:?}",
        a.attention
    );

    // Approved weeks and a pain-free log leave nothing about them.
    for w in &mut plan.plan.as_mut().expect("adopted").weeks {
        w.status = WeekStatus::Approved;
    }
    plan.wellness.clear();
    let calm = agenda(&plan, today(), &[]);
    assert!(
        calm.attention
            .iter()
            .all(|t| !t.contains("draft") && !t.contains("Pain")),
        "{:?}",
        calm.attention
    );
}

#[test]
fn the_dashboard_wraps_its_cards_and_opens_a_session_from_the_agenda() {
    let plan = marathoner();
    let week = plan
        .week_containing(today())
        .expect("the plan covers today")
        .clone();
    let session = week
        .sessions
        .iter()
        .find(|s| s.load_au() > 0.0)
        .expect("a session")
        .clone();
    let mut h = dashboard_of(plan);
    // Every card lies inside the window (1366 px wide): rows wrap instead of running off.
    for name in ["Athlete's log", "Open warnings", "Readiness trend"] {
        let rect = h.get_by_label(name).rect();
        assert!(rect.right() <= 1366.0, "{name} at {rect:?}");
    }
    h.get_by_label("Needs your attention");
    h.get_by_label("Races ahead");
    let link = format!("{} · {:.0} min", session.kind.label(), session.duration_min);
    h.get_all_by_label(&link)
        .next()
        .expect("session link")
        .click();
    h.run();
    let view = &h.state().view;
    assert_eq!(view.tab, Tab::Week);
    assert_eq!(view.selected_week, Some(week.start));
    assert_eq!(view.selected_day, Some(session.date));
}

#[test]
fn the_agenda_says_when_the_monthly_audit_is_due() {
    use peakline::engine::agenda::agenda;
    let mut plan = marathoner();
    crate::common::log_as_planned(&mut plan, days_ago(20), days_ago(1));
    let not_yet = agenda(&plan, today(), &[]);
    assert!(
        not_yet.attention.iter().all(|t| !t.contains("audit")),
        "{:?}",
        not_yet.attention
    );
    crate::common::log_as_planned(&mut plan, days_ago(35), days_ago(21));
    let due = agenda(&plan, today(), &[]);
    let line = due
        .attention
        .iter()
        .find(|t| t.starts_with("Monthly audit due: "))
        .unwrap_or_else(|| panic!("{:?}", due.attention));
    assert!(
        line.contains(" weeks)") && line.ends_with("Open Reviews ➡ Monthly audit."),
        "{line}"
    );
}
