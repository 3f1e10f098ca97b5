//! Compare view, plots and dashboard: figures and series are the engine's, adopting goes
//! through a reason, and the dashboard colours change at their documented boundaries.

use egui_kittest::kittest::Queryable;
use peakline::engine::compare::variant_figures;
use peakline::engine::load::{actual_daily, expected_daily, planned_daily};
use peakline::engine::series::plot_series;
use peakline::model::{Actual, ActualId, Change, ReasonPick, Source, VariantKind, WeekStatus};
use peakline::ui::Tab;
use peakline::ui::plots::{plot_data, x_from_date};

use super::app_harness;
use crate::common::{date, today};

#[test]
fn compare_shows_the_engines_figures_for_three_variants() {
    let mut h = app_harness();
    h.get_by_label("Compare").click();
    h.run();
    let plan = h.state().doc.plan().clone();
    for kind in VariantKind::ALL {
        let draft = plan.variants.get(kind).expect("drafted");
        let f = variant_figures(&plan, draft);
        let shown = |label: &str| h.get_all_by_label(label).next().is_some();
        assert!(shown(kind.label()));
        assert!(
            shown(&format!("{:.0} AU", f.peak_week_load)),
            "{kind:?} peak"
        );
        assert!(shown(&format!("{:.0} AU", f.total_load)), "{kind:?} total");
        assert!(shown(&format!(
            "{} in all, {} at peak",
            f.hard_sessions, f.hard_at_peak
        )));
        assert!(shown(&units_km(f.longest_long_run_km)), "{kind:?} long run");
        let r = f.race_day.first().expect("A race");
        h.get_all_by_label(&format!("fitness {:.0}, form {:+.0}", r.fitness, r.form))
            .next()
            .expect("race-day figures shown");
    }
}

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

fn units_km(km: f64) -> String {
    peakline::app::Units::Metric.format_distance(km)
}

/// The demo with some logged training before today.
fn with_actuals() -> peakline::model::Plan {
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
    plan
}

#[test]
fn plotted_series_are_the_engines_series() {
    let plan = with_actuals();
    let series = plot_series(&plan, today());
    let data = plot_data(&plan, &series, today());
    let fitness_expected = &data.pmc[1];
    assert_eq!(fitness_expected.name, "Fitness expected");
    assert_eq!(fitness_expected.points.len(), series.expected.len());
    for (p, d) in fitness_expected.points.iter().zip(&series.expected) {
        assert_eq!(*p, [x_from_date(d.date), d.fitness]);
    }
    let actual_load = &data.weekly_load[2];
    let from_engine: Vec<[f64; 2]> = series
        .weeks
        .iter()
        .zip(&series.actual_load)
        .filter_map(|(w, l)| l.map(|l| [x_from_date(*w) + 3.5, l]))
        .collect();
    assert_eq!(actual_load.points, from_engine);
    assert_eq!(data.today, x_from_date(today()));
    assert_eq!(
        data.acute_chronic[0].points.len(),
        series.acute_chronic.len()
    );
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
    let plan = with_actuals();
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            plan,
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
