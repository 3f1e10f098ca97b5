//! Compare view, the wizard's compare step and the plots panel: every figure and series shown
//! is the engine's, per column and per series, and adopting goes through a reason after
//! showing what the coach would lose.

use chrono::Days;
use eframe::egui;
use egui_kittest::kittest::Queryable;
use peakline::app::Units;
use peakline::engine::analysis::season_pmc;
use peakline::engine::compare::{
    Figure, RaceDayFigures, Tone, VariantComparison, VariantFigures, compare_variants,
    notable_differences, variant_figures, weeks_at_stake,
};
use peakline::engine::load::{actual_daily, expected_daily, monotony, planned_daily};
use peakline::engine::predict::vdot_checked;
use peakline::engine::series::{PerformanceSource, performances, plot_series};
use peakline::model::{
    Actual, ActualId, Change, Plan, RaceResult, ReasonPick, SessionType, Severity, Source,
    VariantKind, Warning, WeekStatus, Wellness,
};
use peakline::ui::Tab;
use peakline::ui::compare::figure_name;
use peakline::ui::plots::{PlotData, x_from_date};

use super::app_harness;
use crate::common::{date, today};

/// The text a figure's value shows, formatted here from the engine's figures.
fn expected_values(f: &VariantFigures) -> Vec<(Figure, String)> {
    let km = |v| Units::Metric.format_distance(v);
    let mut out = vec![
        (Figure::PeakWeekLoad, format!("{:.0} AU", f.peak_week_load)),
        (Figure::TotalLoad, format!("{:.0} AU", f.total_load)),
        (Figure::PeakWeekKm, km(f.peak_week_km)),
        (Figure::LongestLongRun, km(f.longest_long_run_km)),
        (
            Figure::HardSessions,
            format!("{} in all, {} at peak", f.hard_sessions, f.hard_at_peak),
        ),
        (Figure::TaperWeeks, format!("{:.1} weeks", f.taper_weeks)),
        (
            Figure::Warnings,
            format!(
                "{} danger, {} warning, {} info",
                f.count(Severity::Danger),
                f.count(Severity::Warning),
                f.count(Severity::Info)
            ),
        ),
    ];
    for (i, r) in f.race_day.iter().enumerate() {
        out.push((
            Figure::RaceDay(i),
            format!("fitness {:.0}, form {:+.0}", r.fitness, r.form),
        ));
    }
    out
}

#[test]
fn compare_shows_the_engines_figures_in_each_column() {
    let mut h = app_harness();
    h.get_by_label("Compare").click();
    h.run();
    let plan = h.state().doc.plan().clone();
    let mut peaks = Vec::new();
    for kind in VariantKind::ALL {
        let draft = plan.variants.get(kind).expect("drafted");
        let f = variant_figures(&plan, draft);
        assert!(!f.race_day.is_empty(), "the demo has an A race");
        for (figure, text) in expected_values(&f) {
            let name = figure_name(kind, figure, &f);
            let node = h.get_by_label(&name);
            assert_eq!(node.value().as_deref(), Some(text.as_str()), "{name}");
        }
        peaks.push(f.peak_week_load);
    }
    // The columns differ, so finding each value under its own column's name matters.
    assert!(peaks.windows(2).all(|p| p[0] != p[1]), "{peaks:?}");
}

#[test]
fn notable_differences_are_highlighted_with_the_reason_on_hover() {
    let mut h = app_harness();
    h.get_by_label("Compare").click();
    h.run();
    let plan = h.state().doc.plan().clone();
    let comparison = compare_variants(&plan);
    assert!(
        comparison
            .notable
            .iter()
            .any(|n| n.variant == VariantKind::Aggressive && n.figure == Figure::LongestLongRun),
        "the aggressive draft's longest long run stands out: {:?}",
        comparison.notable
    );
    for n in &comparison.notable {
        let f = &comparison.get(n.variant).expect("variant").figures;
        h.get_by_label(&figure_name(n.variant, n.figure, f)).hover();
        h.run();
        h.get_by_label(&n.why);
    }
    // A figure that is not notable has no reason to show.
    let f = &comparison.get(VariantKind::Moderate).expect("m").figures;
    assert!(
        comparison
            .notable(VariantKind::Moderate, Figure::TotalLoad)
            .is_none()
    );
    h.get_by_label(&figure_name(VariantKind::Moderate, Figure::TotalLoad, f))
        .hover();
    h.run();
    assert!(h.query_by_label_contains("of the three").is_none());
}

fn figures(peak: f64, taper: f64, form: f64, warnings: Vec<Warning>) -> VariantFigures {
    VariantFigures {
        peak_week_load: peak,
        total_load: 20_000.0,
        peak_week_km: 60.0,
        longest_long_run_km: 30.0,
        hard_sessions: 20,
        hard_at_peak: 2,
        taper_weeks: taper,
        race_day: vec![RaceDayFigures {
            race: "Spring Marathon".to_owned(),
            date: date("2027-04-11"),
            fitness: 100.0,
            form,
        }],
        warnings,
    }
}

fn variants(figs: [VariantFigures; 3]) -> Vec<VariantComparison> {
    VariantKind::ALL
        .into_iter()
        .zip(figs)
        .map(|(variant, figures)| VariantComparison {
            variant,
            figures,
            weekly_load: Vec::new(),
            fitness: Vec::new(),
        })
        .collect()
}

fn warning(code: &str, severity: Severity) -> Warning {
    Warning {
        code: code.to_owned(),
        severity,
        date: None,
        week: None,
        message: String::new(),
        suggestion: String::new(),
    }
}

#[test]
fn notable_rules_flag_the_extremes_at_their_thresholds() {
    // Peak: the highest is flagged once it is 10 % above the lowest, not before.
    let at_spread = notable_differences(&variants([
        figures(1000.0, 2.0, 5.0, vec![]),
        figures(1050.0, 2.0, 5.0, vec![]),
        figures(1100.0, 2.0, 5.0, vec![]),
    ]));
    let peak: Vec<_> = at_spread
        .iter()
        .filter(|n| n.figure == Figure::PeakWeekLoad)
        .collect();
    assert_eq!(peak.len(), 1);
    assert_eq!(peak[0].variant, VariantKind::Aggressive);
    assert_eq!(peak[0].tone, Tone::Notice);
    assert!(peak[0].why.contains("10 % above the lowest (conservative)"));
    let below = notable_differences(&variants([
        figures(1000.0, 2.0, 5.0, vec![]),
        figures(1050.0, 2.0, 5.0, vec![]),
        figures(1099.0, 2.0, 5.0, vec![]),
    ]));
    assert!(below.is_empty(), "{below:?}");

    // Taper: the shortest is a concern from half a week shorter.
    let taper = notable_differences(&variants([
        figures(1000.0, 2.0, 5.0, vec![]),
        figures(1000.0, 2.0, 5.0, vec![]),
        figures(1000.0, 1.5, 5.0, vec![]),
    ]));
    assert_eq!(taper.len(), 1);
    assert_eq!(
        (taper[0].variant, taper[0].figure, taper[0].tone),
        (VariantKind::Aggressive, Figure::TaperWeeks, Tone::Concern)
    );
    assert!(
        notable_differences(&variants([
            figures(1000.0, 2.0, 5.0, vec![]),
            figures(1000.0, 2.0, 5.0, vec![]),
            figures(1000.0, 1.6, 5.0, vec![]),
        ]))
        .is_empty()
    );

    // Race day: negative form is a concern; the freshest stands out from a 3-point spread.
    let form = notable_differences(&variants([
        figures(1000.0, 2.0, 5.0, vec![]),
        figures(1000.0, 2.0, 2.0, vec![]),
        figures(1000.0, 2.0, -1.0, vec![]),
    ]));
    let race: Vec<_> = form.iter().map(|n| (n.variant, n.figure, n.tone)).collect();
    assert_eq!(
        race,
        vec![
            (VariantKind::Conservative, Figure::RaceDay(0), Tone::Notice),
            (VariantKind::Aggressive, Figure::RaceDay(0), Tone::Concern),
        ]
    );
    assert!(
        form[1].why.contains("negative form (-1)"),
        "{}",
        form[1].why
    );
    assert!(
        notable_differences(&variants([
            figures(1000.0, 2.0, 5.0, vec![]),
            figures(1000.0, 2.0, 3.0, vec![]),
            figures(1000.0, 2.0, 2.1, vec![]),
        ]))
        .is_empty()
    );

    // Warnings: more than the calmest variant, or any danger, with what they are.
    let ramp = || warning("ramp_over_cap", Severity::Warning);
    let warned = notable_differences(&variants([
        figures(
            1000.0,
            2.0,
            5.0,
            vec![warning("monotony_high", Severity::Info)],
        ),
        figures(
            1000.0,
            2.0,
            5.0,
            vec![warning("long_run_share", Severity::Danger)],
        ),
        figures(1000.0, 2.0, 5.0, vec![ramp(), ramp()]),
    ]));
    let by_variant = |k| {
        warned
            .iter()
            .find(|n| n.variant == k && n.figure == Figure::Warnings)
    };
    assert!(by_variant(VariantKind::Conservative).is_none(), "info only");
    let moderate = by_variant(VariantKind::Moderate).expect("danger");
    assert!(moderate.why.contains("1 × long run share (danger)"));
    let aggressive = by_variant(VariantKind::Aggressive).expect("ramp warnings");
    assert_eq!(aggressive.tone, Tone::Concern);
    assert!(
        aggressive
            .why
            .starts_with("2 more warnings than the calmest variant: 2 × ramp over cap"),
        "{}",
        aggressive.why
    );

    // One variant has nothing to differ from.
    assert!(
        notable_differences(
            &variants([
                figures(1000.0, 2.0, 5.0, vec![]),
                figures(2000.0, 1.0, -5.0, vec![ramp()]),
                figures(3000.0, 0.5, -9.0, vec![ramp()]),
            ])[..1]
        )
        .is_empty()
    );
}

#[test]
fn compare_overlays_plot_the_engines_weekly_load_and_fitness() {
    let mut h = app_harness();
    h.get_by_label("Compare").click();
    h.run();
    let plan = h.state().doc.plan().clone();
    let mut view = h.state().view.clone();
    let derived = view.derived(h.state());
    let data = &derived.compare;
    assert_eq!(data.comparison, compare_variants(&plan));
    assert_eq!(data.weekly_load.len(), 3);
    for (i, kind) in VariantKind::ALL.into_iter().enumerate() {
        let draft = plan.variants.get(kind).expect("draft");
        let load = &data.weekly_load[i];
        assert_eq!(load.name, kind.label());
        let weeks: Vec<[f64; 2]> = draft
            .weeks
            .iter()
            .map(|w| [x_from_date(w.start) + 3.5, w.load_au()])
            .collect();
        assert_eq!(load.points, weeks, "{kind:?} weekly load");
        let fitness: Vec<[f64; 2]> = season_pmc(&draft.weeks, draft.pmc_start, &plan)
            .iter()
            .map(|d| [x_from_date(d.date), d.fitness])
            .collect();
        assert_eq!(data.fitness[i].name, kind.label());
        assert_eq!(data.fitness[i].points, fitness, "{kind:?} fitness");
        // Both overlays draw it: one legend entry per plot.
        let entries = h
            .query_all_by_role_and_label(egui::Role::CheckBox, kind.label())
            .count();
        assert_eq!(entries, 2, "{kind:?} legend entries");
    }
}

#[test]
fn load_curves_include_races_and_the_peak_training_week_leaves_them_out() {
    let plan = crate::engine::warnings::adopted_marathoner();
    let comparison = compare_variants(&plan);
    for v in &comparison.variants {
        let draft = plan.variants.get(v.variant).expect("draft");
        // The curve is the season timeline's weekly load: every session, races included.
        let race_week = draft
            .weeks
            .iter()
            .find(|w| w.sessions.iter().any(|s| s.kind == SessionType::Race))
            .expect("a race week");
        let on_curve = v
            .weekly_load
            .iter()
            .find(|(d, _)| *d == race_week.start)
            .map(|(_, l)| *l)
            .expect("race week on the curve");
        assert_eq!(on_curve, race_week.load_au());
        assert!(on_curve > race_week.training_load_au());
        // The total adds up the curve.
        let sum: f64 = v.weekly_load.iter().map(|(_, l)| l).sum();
        assert!((sum - v.figures.total_load).abs() < 1e-6);
        // The peak training week is the heaviest week without races, as the ramp rule counts.
        let heaviest_training = draft
            .weeks
            .iter()
            .map(|w| w.training_load_au())
            .fold(0.0, f64::max);
        assert_eq!(v.figures.peak_week_load, heaviest_training);
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

/// The demo with an approved week (7 Dec), an edited session (week of 14 Dec) and an approved
/// week already lived (26 Oct).
fn with_coach_weeks() -> Plan {
    let mut plan = crate::common::example("marathoner.peakline.ron");
    let weeks = &mut plan.plan.as_mut().expect("adopted").weeks;
    for w in weeks.iter_mut() {
        if w.start == date("2026-12-07") || w.start == date("2026-10-26") {
            w.status = WeekStatus::Approved;
        }
        if w.start == date("2026-12-14") {
            let s = w
                .sessions
                .iter_mut()
                .find(|s| s.kind == SessionType::Long)
                .expect("a long run");
            s.edited = true;
            s.duration_min += 15.0;
            s.description = "Long run with the club, last 5 km steady".to_owned();
        }
    }
    plan
}

#[test]
fn weeks_at_stake_list_what_replacing_them_would_lose() {
    let plan = with_coach_weeks();
    let at_stake = weeks_at_stake(&plan, VariantKind::Aggressive, today());
    let starts: Vec<_> = at_stake.iter().map(|w| w.start).collect();
    assert_eq!(
        starts,
        vec![date("2026-12-07"), date("2026-12-14")],
        "past weeks are never replaced, so never at stake"
    );
    let approved = plan.week_containing(date("2026-12-07")).expect("week");
    let draft = plan.variants.get(VariantKind::Aggressive).expect("draft");
    assert!(at_stake[0].approved);
    assert_eq!(at_stake[0].load_au, approved.load_au());
    assert_eq!(
        at_stake[0].draft_load_au,
        draft
            .weeks
            .iter()
            .find(|w| w.start == approved.start)
            .map(|w| w.load_au())
    );
    let trained: Vec<_> = approved
        .sessions
        .iter()
        .filter(|s| s.kind != SessionType::Rest)
        .map(|s| (s.date, s.kind))
        .collect();
    let listed: Vec<_> = at_stake[0]
        .sessions
        .iter()
        .map(|s| (s.date, s.kind))
        .collect();
    assert_eq!(listed, trained, "all of an approved week's sessions");
    assert!(!at_stake[1].approved);
    assert_eq!(at_stake[1].sessions.len(), 1, "only the edited session");
    assert!(at_stake[1].sessions[0].edited);
    assert_eq!(
        at_stake[1].sessions[0].description,
        "Long run with the club, last 5 km steady"
    );
}

#[test]
fn the_adopt_prompt_shows_per_week_what_would_be_lost() {
    let mut h = app_harness();
    h.state_mut()
        .set_document(peakline::app::Document::unsaved_but_clean(
            with_coach_weeks(),
            "m.peakline.ron",
        ));
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h.get_by_label("Adopt aggressive").click();
    h.run();
    h.get_by_label_contains("2 weeks from today on are yours");
    h.get_by_label_contains("Week of Mon 7 Dec: approved");
    h.get_by_label_contains("Week of Mon 14 Dec: edited sessions");
    let plan = h.state().doc.plan().clone();
    for w in weeks_at_stake(&plan, VariantKind::Aggressive, today()) {
        for s in &w.sessions {
            let line = format!("{} · {}", s.date.format("%a %-d %b"), s.kind.label());
            h.get_by_label_contains(&line);
        }
    }
    h.get_by_label_contains("Long run with the club, last 5 km steady (edited)");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().view.adopt_request.is_none());
    assert_eq!(h.state().doc.plan(), &plan, "nothing adopted");
}

#[test]
fn the_wizard_shows_the_engines_comparison_computed_once() {
    let mut h = app_harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Sam Okoro");
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.get_by_label("Name").type_text("Lakeside Half");
    h.get_by_label("Date").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Date").type_text("2027-05-02");
    h.get_by_role_and_label(egui::Role::RadioButton, "A")
        .click();
    h.run();
    h.get_by_label("➕ Add this race").click();
    h.run();
    let wizard = h.state().view.wizard.clone().expect("wizard open");
    assert!(
        wizard.comparison.is_none(),
        "nothing to compare before drafting"
    );
    h.get_by_label("Next ▶").click();
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    let wizard = h.state().view.wizard.clone().expect("wizard open");
    let shown = wizard.comparison.clone().expect("compared on drafting");
    assert_eq!(shown, compare_variants(&wizard.plan));
    for kind in VariantKind::ALL {
        let draft = wizard.plan.variants.get(kind).expect("draft");
        let f = variant_figures(&wizard.plan, draft);
        for (figure, text) in expected_values(&f) {
            let name = figure_name(kind, figure, &f);
            assert_eq!(
                h.get_by_label(&name).value().as_deref(),
                Some(text.as_str()),
                "{name}"
            );
        }
    }
    // Frames on the same step reuse the stored comparison.
    h.run();
    let again = h.state().view.wizard.clone().expect("wizard open");
    assert_eq!(again.comparison, Some(shown));
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

/// The comparison computes each draft's daily load and PMC once and hands them to the
/// warnings: its warnings and fitness curves are exactly those computed on their own
/// (`draft_warnings`, `season_pmc`), for every example.
#[test]
fn the_comparison_shares_one_load_model_with_the_warnings() {
    for example in &peakline::io::examples::EXAMPLES {
        let plan = example.load().expect("loads");
        let comparison = compare_variants(&plan);
        assert_eq!(comparison.variants.len(), 3, "{}", example.file_name);
        for v in &comparison.variants {
            let draft = plan.variants.get(v.variant).expect("drafted");
            assert_eq!(
                v.figures.warnings,
                peakline::engine::analysis::draft_warnings(&plan, draft),
                "{} {:?}",
                example.file_name,
                v.variant
            );
            let pmc = season_pmc(&draft.weeks, draft.pmc_start, &plan);
            let fitness: Vec<_> = pmc.iter().map(|d| (d.date, d.fitness)).collect();
            assert_eq!(v.fitness, fitness, "{} {:?}", example.file_name, v.variant);
            assert_eq!(v.figures, variant_figures(&plan, draft));
        }
    }
}
