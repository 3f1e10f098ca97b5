//! Compare view and plots panel: every series shown is the engine's, and adopting goes through
//! a reason.

use chrono::Days;
use eframe::egui;
use egui_kittest::kittest::Queryable;
use peakline::engine::analysis::season_pmc;
use peakline::engine::load::{actual_daily, expected_daily, monotony, planned_daily};
use peakline::engine::predict::vdot_checked;
use peakline::engine::series::{PerformanceSource, performances, plot_series};
use peakline::model::{
    Actual, ActualId, Change, Plan, RaceResult, ReasonPick, SessionType, Source, VariantKind,
    WeekStatus, Wellness,
};
use peakline::ui::Tab;
use peakline::ui::plots::{PlotData, x_from_date};

use super::app_harness;
use crate::common::{date, today};

#[test]
fn adopting_the_conservative_variant_asks_why_and_keeps_approved_weeks_on_request() {
    let mut h = app_harness();
    // Approve a coming week first: it is the coach's.
    h.state_mut().view.selected_week = Some(date("2026-12-07"));
    h.state_mut().view.tab = Tab::Week;
    h.run();
    h.get_by_label("✔ Approve week").click();
    h.run();
    let approved = h
        .state()
        .doc
        .plan()
        .week_containing(date("2026-12-07"))
        .cloned()
        .expect("week");

    h.get_by_label("Compare").click();
    h.run();
    h.get_by_label("Adopt conservative").click();
    h.run();
    h.get_by_label("Adopt, keep my weeks").click();
    h.run();
    h.get_by_label("Why this change?");
    h.get_by_label("Athlete preference").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();

    let plan = h.state().doc.plan();
    let adopted = plan.plan.as_ref().expect("plan");
    assert_eq!(adopted.variant, VariantKind::Conservative);
    let draft = plan.variants.get(VariantKind::Conservative).expect("draft");
    assert_eq!(
        adopted.baseline, draft.weeks,
        "the draft is the new baseline"
    );
    for w in &adopted.weeks {
        if w.start == approved.start {
            assert_eq!(w, &approved, "approved week kept");
            assert_eq!(w.status, WeekStatus::Approved);
        } else if w.end() >= today() {
            let d = draft
                .weeks
                .iter()
                .find(|d| d.start == w.start)
                .expect("draft week");
            assert_eq!(w.sessions.len(), d.sessions.len());
            assert_eq!(
                w.load_au(),
                d.load_au(),
                "week {} equals the draft",
                w.start
            );
        }
    }
    let entry = plan.change_log.last().expect("logged");
    assert!(matches!(
        entry.change,
        Change::VariantAdopted {
            variant: VariantKind::Conservative,
            ..
        }
    ));
    assert_eq!(entry.reason.pick, Some(ReasonPick::AthletePreference));
}

#[test]
fn replacing_the_coachs_weeks_is_a_choice() {
    let mut h = app_harness();
    h.state_mut().view.selected_week = Some(date("2026-12-07"));
    h.state_mut().view.tab = Tab::Week;
    h.run();
    h.get_by_label("✔ Approve week").click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h.get_by_label("Adopt aggressive").click();
    h.run();
    h.get_by_label("Adopt and replace them too").click();
    h.run();
    h.get_by_label("Coach judgement").click();
    h.run();
    h.get_by_label("Record change").click();
    h.run();
    let plan = h.state().doc.plan();
    let week = plan.week_containing(date("2026-12-07")).expect("week");
    let draft = plan.variants.get(VariantKind::Aggressive).expect("draft");
    assert_eq!(week.status, WeekStatus::Draft);
    assert_eq!(
        week.load_au(),
        draft
            .weeks
            .iter()
            .find(|w| w.start == week.start)
            .expect("w")
            .load_au()
    );
}

/// The demo with logged training before today, check-ins, a time trial and a race in the
/// season, and a logged race.
fn with_actuals() -> Plan {
    let mut plan = crate::engine::warnings::adopted_marathoner();
    let done: Vec<_> = plan
        .sessions()
        .filter(|s| s.date < today())
        .cloned()
        .collect();
    plan.actuals = done
        .iter()
        .enumerate()
        .map(|(i, s)| Actual {
            id: ActualId(i as u64 + 1),
            date: s.date,
            session: Some(s.id),
            duration_s: s.duration_min * 60.0 * 0.9,
            rpe: Some(s.rpe + 0.5),
            source: Source::Manual,
            ..Actual::default()
        })
        .collect();
    let start = plan.weeks()[0].start;
    plan.wellness = start
        .iter_days()
        .take_while(|d| *d < today())
        .enumerate()
        .map(|(i, d)| Wellness {
            date: d,
            readiness: Some(5 + (i % 4) as u8),
            sleep_hours: Some(7.0 + (i % 3) as f64 * 0.5),
            soreness: Some((i % 5) as u8),
            pain: Some(u8::from(i % 11 == 0)),
            mood: Some(6 + (i % 3) as u8),
            ..Wellness::default()
        })
        .collect();
    plan.athlete.recent_results.extend([
        RaceResult {
            name: "Club 5K time trial".to_owned(),
            date: date("2026-11-08"),
            distance_m: 5000.0,
            time_s: 1230.0,
            time_trial: true,
        },
        RaceResult {
            name: "Parkrun".to_owned(),
            date: date("2026-11-14"),
            distance_m: 5000.0,
            time_s: 1215.0,
            time_trial: false,
        },
    ]);
    let next = plan.actuals.len() as u64 + 1;
    plan.actuals.extend([
        // A logged 10K race without a recorded result: it is plotted.
        Actual {
            id: ActualId(next),
            date: date("2026-11-21"),
            kind: Some(SessionType::Race),
            duration_s: 2650.0,
            distance_m: Some(10_000.0),
            rpe: Some(9.0),
            ..Actual::default()
        },
        // The parkrun as logged by the watch: the recorded result stands for it.
        Actual {
            id: ActualId(next + 1),
            date: date("2026-11-14"),
            kind: Some(SessionType::Race),
            duration_s: 1290.0,
            distance_m: Some(5050.0),
            rpe: Some(9.0),
            ..Actual::default()
        },
    ]);
    plan
}

#[test]
fn performances_are_recorded_results_and_logged_races_indexed_to_before_the_season() {
    let plan = with_actuals();
    let start = plan.weeks()[0].start;
    let found = performances(&plan, start, today());
    let seen: Vec<_> = found
        .iter()
        .map(|p| (p.date, p.source, p.name.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                date("2026-11-08"),
                PerformanceSource::TimeTrial,
                "Club 5K time trial"
            ),
            (date("2026-11-14"), PerformanceSource::Race, "Parkrun"),
            (
                date("2026-11-21"),
                PerformanceSource::LoggedRace,
                "Logged race"
            ),
        ]
    );
    let reference = plan
        .athlete
        .recent_results
        .iter()
        .filter(|r| r.date < start)
        .filter_map(|r| vdot_checked(r.distance_m, r.time_s))
        .fold(f64::MIN, f64::max);
    let logged = vdot_checked(10_000.0, 2650.0).expect("vdot");
    assert_eq!(found[2].vdot, logged);
    assert_eq!(found[2].index, logged / reference * 100.0);
    // Nothing after today.
    assert!(performances(&plan, start, date("2026-11-10")).len() == 1);
}

fn series<'a>(data: &'a PlotData, name: &str) -> &'a [[f64; 2]] {
    &data
        .series(name)
        .unwrap_or_else(|| panic!("no series {name}"))
        .points
}

#[test]
fn plotted_series_are_the_engines_series() {
    let plan = with_actuals();
    let mut h = app_harness();
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            plan.clone(),
            "m.peakline.ron",
        ));
    h.run();
    h.get_by_label("Plots").click();
    h.run();
    let mut view = h.state().view.clone();
    let derived = view.derived(h.state());
    let data = &derived.plots;
    let s = plot_series(&plan, today());
    let x = x_from_date;
    let weekly = |values: Vec<Option<f64>>| -> Vec<[f64; 2]> {
        s.weeks
            .iter()
            .zip(values)
            .filter_map(|(w, v)| v.map(|v| [x(*w) + 3.5, v]))
            .collect()
    };

    // Weekly load: the baseline as adopted, the current plan, what was done.
    let adopted = plan.plan.as_ref().expect("adopted");
    let baseline: Vec<_> = adopted.baseline.iter().map(|w| Some(w.load_au())).collect();
    assert_eq!(series(data, "Planned (baseline)"), weekly(baseline));
    let current: Vec<_> = adopted.weeks.iter().map(|w| Some(w.load_au())).collect();
    assert_eq!(series(data, "Current plan"), weekly(current));
    assert_eq!(series(data, "Actual"), weekly(s.actual_load.clone()));
    assert!(s.actual_load.iter().flatten().count() >= 4);

    // Fitness, fatigue and form: planned, expected and actual.
    for (name, days) in [
        ("planned", &s.planned),
        ("expected", &s.expected),
        ("actual", &s.actual),
    ] {
        assert!(!days.is_empty(), "{name}");
        let of = |f: fn(&peakline::engine::load::PmcDay) -> f64| -> Vec<[f64; 2]> {
            days.iter().map(|d| [x(d.date), f(d)]).collect()
        };
        assert_eq!(series(data, &format!("Fitness {name}")), of(|d| d.fitness));
        assert_eq!(series(data, &format!("Fatigue {name}")), of(|d| d.fatigue));
        assert_eq!(series(data, &format!("Form {name}")), of(|d| d.form));
    }
    // The planned curve is the baseline's PMC, the actual one stops before today.
    assert_eq!(
        s.planned,
        season_pmc(&adopted.baseline, adopted.pmc_start, &plan)
    );
    assert_eq!(
        s.actual.last().map(|d| d.date),
        today().checked_sub_days(Days::new(1))
    );

    // Performance: the projection, and the results by kind.
    let projected: Vec<_> = s.performance.iter().map(|(d, p)| [x(*d), *p]).collect();
    assert_eq!(series(data, "Projected performance"), projected);
    for (name, source) in [
        ("Race results", PerformanceSource::Race),
        ("Time trials", PerformanceSource::TimeTrial),
        ("Logged races", PerformanceSource::LoggedRace),
    ] {
        let points: Vec<_> = s
            .results
            .iter()
            .filter(|r| r.source == source)
            .map(|r| [x(r.date), r.index])
            .collect();
        assert_eq!(points.len(), 1, "{name}");
        assert_eq!(series(data, name), points);
    }

    // Acute:chronic, every value.
    let acwr: Vec<_> = s.acute_chronic.iter().map(|(d, r)| [x(*d), *r]).collect();
    assert!(!acwr.is_empty());
    assert_eq!(series(data, "Acute:chronic"), acwr);

    // Monotony and strain per week, in the middle of the week; monotony from the expected load.
    let planned = planned_daily(&adopted.weeks);
    let start = adopted.weeks[0].start;
    let end = adopted.weeks.last().expect("w").end();
    let actual = actual_daily(&plan.actuals, |id| plan.session(id), start, end);
    let expected = expected_daily(&planned, &actual, today());
    let first_week: Vec<f64> = expected.values[..7].to_vec();
    let mono: Vec<_> = s.monotony.iter().map(|(d, m)| [x(*d) + 3.0, *m]).collect();
    assert_eq!(series(data, "Monotony"), mono);
    assert_eq!(
        series(data, "Monotony")[0],
        [
            x(start) + 3.0,
            monotony(&first_week).expect("a varied week")
        ]
    );
    let strain: Vec<_> = s
        .strain
        .iter()
        .map(|(d, v)| [x(*d) + 3.0, v / 1000.0])
        .collect();
    assert_eq!(series(data, "Strain ÷ 1000"), strain);

    // Wellness, each measure from the check-ins.
    let measure = |f: fn(&Wellness) -> Option<f64>| -> Vec<[f64; 2]> {
        plan.wellness
            .iter()
            .filter_map(|w| f(w).map(|v| [x(w.date), v]))
            .collect()
    };
    assert_eq!(
        series(data, "Readiness"),
        measure(|w| w.readiness.map(f64::from))
    );
    assert_eq!(series(data, "Sleep (h)"), measure(|w| w.sleep_hours));
    assert_eq!(
        series(data, "Soreness"),
        measure(|w| w.soreness.map(f64::from))
    );
    assert_eq!(series(data, "Pain"), measure(|w| w.pain.map(f64::from)));
    assert_eq!(series(data, "Mood"), measure(|w| w.mood.map(f64::from)));

    assert_eq!(data.today, x(today()));
    assert_eq!(
        data.races.iter().map(|(x, _)| *x).collect::<Vec<_>>(),
        plan.races.iter().map(|r| x(r.date)).collect::<Vec<_>>()
    );
    // Every series reaches egui_plot: each has its legend entry, which toggles it.
    for s in data.all() {
        assert!(
            h.query_all_by_role_and_label(egui::Role::CheckBox, s.name)
                .next()
                .is_some(),
            "{} not drawn",
            s.name
        );
    }
}

#[test]
fn the_expected_curve_is_actual_before_today_and_planned_after() {
    let plan = with_actuals();
    let adopted = plan.plan.as_ref().expect("plan");
    let planned = planned_daily(&adopted.weeks);
    let start = adopted.weeks[0].start;
    let end = adopted.weeks.last().expect("w").end();
    let actual = actual_daily(&plan.actuals, |id| plan.session(id), start, end);
    let expected = expected_daily(&planned, &actual, today());
    let mut before = 0;
    let mut after = 0;
    for (d, v) in expected.iter() {
        if d < today() {
            assert_eq!(Some(v), actual.value_on(d), "{d}: actual before today");
            before += 1;
        } else {
            assert_eq!(Some(v), planned.value_on(d), "{d}: planned from today");
            after += 1;
        }
    }
    assert!(before > 20 && after > 20);
    // And it differs from the plan where the athlete did less.
    assert!(
        expected
            .iter()
            .any(|(d, v)| d < today() && planned.value_on(d) != Some(v))
    );
}

#[test]
fn dashboard_and_plots_render_with_logged_training() {
    let mut h = app_harness();
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            with_actuals(),
            "m.peakline.ron",
        ));
    h.run();
    h.get_by_label("Dashboard").click();
    h.run();
    for name in [
        "Form",
        "Acute:chronic",
        "Monotony",
        "Compliance 7 d",
        "Compliance 28 d",
        "Readiness trend",
        "Open warnings",
    ] {
        h.get_by_label(name);
    }
    h.get_by_label("Plots").click();
    h.run();
    h.get_by_label("Fitness, fatigue and form");
}
