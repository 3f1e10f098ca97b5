//! What the plan says about itself agrees with what it plans: every number and claim in a
//! week's or session's rationale, checked against the week, for every example and variant.

use peakline::engine::{PlanInput, generate_variants};
use peakline::io::examples::EXAMPLES;
use peakline::model::{SeasonDraft, SessionType, Week};

use crate::common::today;

fn all_drafts() -> Vec<(&'static str, SeasonDraft)> {
    EXAMPLES
        .iter()
        .flat_map(|e| {
            let plan = e.load().expect("example loads");
            generate_variants(&PlanInput::from_plan(&plan, today()))
                .into_iter()
                .map(move |d| (e.file_name, d))
        })
        .collect()
}

/// The first signed whole number before " % load" (or " % training load", in a week holding
/// a race) in a headline, and whether it is the training load without the race.
fn headline_change(rationale: &str) -> Option<(f64, bool)> {
    let (at, training) = match (
        rationale.find(" % load"),
        rationale.find(" % training load"),
    ) {
        (Some(a), Some(t)) if t < a => (t, true),
        (Some(a), _) => (a, false),
        (None, Some(t)) => (t, true),
        (None, None) => return None,
    };
    let head = &rationale[..at];
    let start = head.rfind(['+', '-'])?;
    Some((head[start..].parse().ok()?, training))
}

/// The number after a prefix, up to the next space.
fn number_after(text: &str, prefix: &str) -> Option<f64> {
    let rest = &text[text.find(prefix)? + prefix.len()..];
    rest.split_whitespace().next()?.parse().ok()
}

fn hard(week: &Week) -> bool {
    week.sessions.iter().any(|s| s.is_hard())
}

#[test]
fn rationales_agree_with_the_plan() {
    let mut checked_long = 0;
    let mut checked_headlines = 0;
    for (file, d) in all_drafts() {
        let v = d.variant;
        for (i, week) in d.weeks.iter().enumerate() {
            let at = format!("{file} {v:?} week {}", week.start);
            // The long run's distance in its reason is the session's distance.
            for s in &week.sessions {
                if let Some(said) = number_after(&s.rationale, "Long run ≈ ") {
                    assert_eq!(s.kind, SessionType::Long, "{at}: {}", s.rationale);
                    let km = s.distance_km.expect("a long run has a distance");
                    assert!(
                        (said - km).abs() <= 0.5,
                        "{at}: rationale says {said} km, the run is {km} km"
                    );
                    checked_long += 1;
                }
            }
            // "Easy running only" only on weeks without any hard session or steady finish.
            if week.rationale.contains("easy running only") {
                assert!(!hard(week), "{at}: {}", week.rationale);
                for s in &week.sessions {
                    assert!(
                        !s.description.contains("steady") && !s.description.contains("pace"),
                        "{at}: easy week has `{}`",
                        s.description
                    );
                }
            }
            // The headline's load change is the week's real change: over the week before, or
            // after a down week over the last normal week before it when it says so.
            if let (Some((said, training)), Some(prev)) =
                (headline_change(&week.rationale), i.checked_sub(1))
            {
                let reference = if week.rationale.contains("on the week before it")
                    || week.rationale.contains("on the last full training week")
                {
                    d.weeks[..i]
                        .iter()
                        .rev()
                        .find(|w| !w.down_week)
                        .expect("a normal week before")
                } else {
                    &d.weeks[prev]
                };
                // A week holding a race is measured on its training, races aside.
                let load = |w: &Week| {
                    if training {
                        w.training_load_au()
                    } else {
                        w.load_au()
                    }
                };
                let actual = (load(week) / load(reference) - 1.0) * 100.0;
                assert!(
                    (said - actual).abs() <= 0.51,
                    "{at}: headline says {said:+} %, the load changes {actual:+.1} % ({})",
                    week.rationale
                );
                checked_headlines += 1;
            }
            // A week's own long-run line names the long run's distance.
            if let Some(said) = number_after(&week.rationale, "long run ") {
                let long = week
                    .sessions
                    .iter()
                    .find(|s| s.kind == SessionType::Long)
                    .and_then(|s| s.distance_km)
                    .expect("the week has the long run it names");
                assert!((said - long).abs() <= 0.5, "{at}: {}", week.rationale);
            }
        }
    }
    assert!(checked_long > 50 && checked_headlines > 100);
}

#[test]
fn a_return_from_a_down_week_says_so() {
    for (file, d) in all_drafts() {
        for pair in d.weeks.windows(2) {
            let (before, week) = (&pair[0], &pair[1]);
            let normal_build_up = matches!(
                week.phase,
                peakline::model::PhaseKind::Base
                    | peakline::model::PhaseKind::Build
                    | peakline::model::PhaseKind::Specific
            ) && !week.down_week;
            if before.down_week && normal_build_up {
                assert!(
                    week.rationale.contains("back from the down week")
                        || week.rationale.contains("back from the recovery block"),
                    "{file} {:?} {}: {}",
                    d.variant,
                    week.start,
                    week.rationale
                );
            }
        }
    }
}

/// A race week's headline names the race and describes the training around it (the race
/// itself would read "+188 % load" on a marathon's week), measured on the last full
/// training week.
#[test]
fn a_race_week_names_its_race_and_measures_the_training_without_it() {
    let mut checked = 0;
    for example in &EXAMPLES {
        let plan = example.load().expect("example loads");
        let file = example.file_name;
        for d in generate_variants(&PlanInput::from_plan(&plan, today())) {
            for (i, week) in d.weeks.iter().enumerate() {
                if week.phase != peakline::model::PhaseKind::Race {
                    continue;
                }
                let name = &plan
                    .races
                    .iter()
                    .filter(|r| week.contains(r.date))
                    .min_by_key(|r| r.priority)
                    .expect("a race week holds its race")
                    .name;
                assert!(
                    week.rationale.starts_with(&format!("Race week: {name} · ")),
                    "{file} {:?} {}: {}",
                    d.variant,
                    week.start,
                    week.rationale
                );
                let Some((said, true)) = headline_change(&week.rationale) else {
                    panic!(
                        "{file} {}: no training-load change: {}",
                        week.start, week.rationale
                    );
                };
                let full = d.weeks[..i]
                    .iter()
                    .rev()
                    .find(|w| !w.down_week)
                    .expect("a full training week before the race");
                let actual = (week.training_load_au() / full.training_load_au() - 1.0) * 100.0;
                assert!(
                    (said - actual).abs() <= 0.51 && said < 0.0,
                    "{file} {}: says {said:+} %, training changes {actual:+.1} %",
                    week.start
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "{checked} race weeks checked");
}
