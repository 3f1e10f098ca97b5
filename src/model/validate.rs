//! Consistency checks after parsing: a file can be valid RON and still make no sense.

use std::collections::BTreeSet;

use chrono::Days;

use super::{Plan, Session, Week};

/// Longest accepted name (athlete, race).
const MAX_NAME_CHARS: usize = 200;
/// Longest accepted free text (notes, descriptions, reasons).
const MAX_TEXT_CHARS: usize = 20_000;
/// Longest race the engine plans, km. Ultras to 100 km are real and are trained like a
/// marathon (long runs capped at 35 km / 3 h, SCIENCE.md); the race itself stays under a day
/// at any plausible pace (VDOT 15 runs 100 km in about 19 h), so its session fits the 24 h
/// session limit. Beyond 100 km (24-hour and multi-day events) training is a different sport:
/// back-to-back long days, night running, sleep — not what this engine models.
const MAX_RACE_KM: f64 = 100.0;

/// One inconsistency in a plan, located by its path in the file ("races[2].date").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every inconsistency in `plan`; empty when the plan is sound.
///
/// Runs after parsing and migration, and on every save, so a bad plan is never written.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut v = Validator::default();
    v.plan(plan);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, text: &str, max: usize) {
        let chars = text.chars().count();
        if chars > max {
            self.push(
                path,
                format!("is {chars} characters long; at most {max} are allowed"),
            );
        }
    }

    /// A finite number in `lo..=hi`.
    fn range(&mut self, path: &str, value: f64, lo: f64, hi: f64, unit: &str) {
        if !value.is_finite() {
            self.push(path, "is not a number");
        } else if value < lo || value > hi {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            self.push(
                path,
                format!("is {value}{unit}; it must be between {lo} and {hi}{unit}"),
            );
        }
    }

    fn score(&mut self, path: &str, value: Option<u8>, lo: u8, hi: u8) {
        if let Some(v) = value
            && !(lo..=hi).contains(&v)
        {
            self.push(path, format!("is {v}; the scale is {lo}–{hi}"));
        }
    }

    fn plan(&mut self, plan: &Plan) {
        let a = &plan.athlete;
        if a.name.trim().is_empty() {
            self.push(
                "athlete.name",
                "is empty; every plan needs the athlete's name",
            );
        }
        self.text("athlete.name", &a.name, MAX_NAME_CHARS);
        self.text("athlete.notes", &a.notes, MAX_TEXT_CHARS);
        if let Some(age) = a.age {
            self.range("athlete.age", f64::from(age), 5.0, 110.0, "years");
        }
        self.range(
            "athlete.training_age_years",
            a.training_age_years,
            0.0,
            90.0,
            "years",
        );
        self.range(
            "athlete.weekly_volume_km",
            a.weekly_volume_km,
            0.0,
            400.0,
            "km",
        );
        self.range(
            "athlete.longest_recent_run_km",
            a.longest_recent_run_km,
            0.0,
            400.0,
            "km",
        );
        for (i, r) in a.recent_results.iter().enumerate() {
            let p = format!("athlete.recent_results[{i}]");
            self.text(&format!("{p}.name"), &r.name, MAX_NAME_CHARS);
            self.range(
                &format!("{p}.distance_m"),
                r.distance_m,
                100.0,
                400_000.0,
                "m",
            );
            self.range(&format!("{p}.time_s"), r.time_s, 10.0, 1_000_000.0, "s");
        }
        for (i, inj) in a.injury_history.iter().enumerate() {
            let p = format!("athlete.injury_history[{i}]");
            self.text(
                &format!("{p}.description"),
                &inj.description,
                MAX_TEXT_CHARS,
            );
            self.text(&format!("{p}.location"), &inj.location, MAX_NAME_CHARS);
        }
        if a.unavailable_days.len() >= 7 {
            self.push(
                "athlete.unavailable_days",
                "lists every day of the week; at least one day must be available",
            );
        }
        if a.unavailable_days.contains(&a.long_run_day) {
            self.push(
                "athlete.long_run_day",
                format!("is {}, which is also an unavailable day", a.long_run_day),
            );
        }
        self.score("athlete.baseline.fatigue", Some(a.baseline.fatigue), 1, 10);
        self.score(
            "athlete.baseline.motivation",
            Some(a.baseline.motivation),
            1,
            10,
        );
        self.score(
            "athlete.baseline.confidence",
            Some(a.baseline.confidence),
            1,
            10,
        );
        self.score(
            "athlete.baseline.readiness",
            Some(a.baseline.readiness),
            1,
            10,
        );

        let g = &plan.guardrails;
        self.range(
            "guardrails.max_weekly_increase_pct",
            g.max_weekly_increase_pct,
            0.0,
            50.0,
            "%",
        );
        self.score(
            "guardrails.max_hard_sessions_per_week",
            Some(g.max_hard_sessions_per_week),
            0,
            7,
        );
        self.score(
            "guardrails.min_rest_days_per_week",
            Some(g.min_rest_days_per_week),
            0,
            6,
        );
        self.range(
            "guardrails.max_long_run_share_pct",
            g.max_long_run_share_pct,
            5.0,
            100.0,
            "%",
        );
        self.score(
            "guardrails.pain_blocks_intensity_at",
            Some(g.pain_blocks_intensity_at),
            0,
            10,
        );
        if let Some(cap) = g.max_weekly_volume_km {
            self.range("guardrails.max_weekly_volume_km", cap, 1.0, 400.0, "km");
        }

        let s = &plan.season;
        if s.end < s.start {
            self.push(
                "season.end",
                format!("({}) is before the season start ({})", s.end, s.start),
            );
        }
        if (s.end - s.start).num_days() > 2 * 366 {
            self.push(
                "season",
                "is longer than two years; plan one season per file",
            );
        }
        for (i, ph) in s.phases.iter().enumerate() {
            let p = format!("season.phases[{i}]");
            if ph.end < ph.start {
                self.push(
                    &p,
                    format!("ends ({}) before it starts ({})", ph.end, ph.start),
                );
            }
            if let Some(prev) = i.checked_sub(1).and_then(|j| s.phases.get(j))
                && ph.start <= prev.end
            {
                self.push(
                    &p,
                    format!(
                        "starts {} but the previous phase runs to {}; phases may not overlap",
                        ph.start, prev.end
                    ),
                );
            }
        }

        for (i, r) in plan.races.iter().enumerate() {
            let p = format!("races[{i}]");
            if r.name.trim().is_empty() {
                self.push(format!("{p}.name"), "is empty");
            }
            self.text(&format!("{p}.name"), &r.name, MAX_NAME_CHARS);
            self.text(&format!("{p}.notes"), &r.notes, MAX_TEXT_CHARS);
            if r.distance_km.is_finite() && r.distance_km > MAX_RACE_KM {
                self.push(
                    format!("{p}.distance_km"),
                    format!(
                        "is {} km; Peakline plans races up to {MAX_RACE_KM} km (ultras up to \
                         100 km are trained like a marathon; longer events are another kind \
                         of training)",
                        r.distance_km
                    ),
                );
            } else {
                self.range(
                    &format!("{p}.distance_km"),
                    r.distance_km,
                    0.8,
                    MAX_RACE_KM,
                    "km",
                );
            }
            if let Some(goal) = r.goal_time_s {
                self.range(&format!("{p}.goal_time_s"), goal, 60.0, 1_000_000.0, "s");
            }
            if r.date < s.start || r.date > s.end {
                self.push(
                    format!("{p}.date"),
                    format!(
                        "{} ({}) is outside the season ({} to {})",
                        r.name, r.date, s.start, s.end
                    ),
                );
            }
        }

        for v in plan.variants.iter() {
            let p = format!("variants.{}", v.variant.code());
            self.weeks(&p, &v.weeks);
        }
        if let Some(adopted) = &plan.plan {
            self.weeks("plan.weeks", &adopted.weeks);
            self.weeks("plan.baseline", &adopted.baseline);
            let mut ids = BTreeSet::new();
            for (wi, w) in adopted.weeks.iter().enumerate() {
                for (si, sess) in w.sessions.iter().enumerate() {
                    if !ids.insert(sess.id) {
                        self.push(
                            format!("plan.weeks[{wi}].sessions[{si}].id"),
                            format!("{} is used by two sessions", sess.id.0),
                        );
                    }
                    if sess.id.0 >= adopted.next_session_id {
                        self.push(
                            format!("plan.weeks[{wi}].sessions[{si}].id"),
                            format!(
                                "{} is not below plan.next_session_id ({})",
                                sess.id.0, adopted.next_session_id
                            ),
                        );
                    }
                }
            }
        }

        for (i, e) in plan.change_log.iter().enumerate() {
            self.text(
                &format!("change_log[{i}].reason.text"),
                &e.reason.text,
                MAX_TEXT_CHARS,
            );
        }

        for (i, act) in plan.actuals.iter().enumerate() {
            let p = format!("actuals[{i}]");
            self.range(
                &format!("{p}.duration_s"),
                act.duration_s,
                0.0,
                172_800.0,
                "s",
            );
            if let Some(m) = act.moving_s {
                self.range(&format!("{p}.moving_s"), m, 0.0, 172_800.0, "s");
            }
            if let Some(d) = act.distance_m {
                self.range(&format!("{p}.distance_m"), d, 0.0, 1_000_000.0, "m");
            }
            if let Some(hr) = act.avg_hr {
                self.range(&format!("{p}.avg_hr"), hr, 20.0, 250.0, "bpm");
            }
            if let Some(hr) = act.max_hr {
                self.range(&format!("{p}.max_hr"), hr, 20.0, 250.0, "bpm");
            }
            if let Some(rpe) = act.rpe {
                self.range(&format!("{p}.rpe"), rpe, 0.0, 10.0, "");
            }
            self.text(&format!("{p}.notes"), &act.notes, MAX_TEXT_CHARS);
        }

        let mut days = BTreeSet::new();
        for (i, w) in plan.wellness.iter().enumerate() {
            let p = format!("wellness[{i}]");
            if !days.insert(w.date) {
                self.push(&p, format!("is a second check-in for {}", w.date));
            }
            self.score(&format!("{p}.readiness"), w.readiness, 1, 10);
            self.score(&format!("{p}.pain"), w.pain, 0, 10);
            self.score(&format!("{p}.sleep_quality"), w.sleep_quality, 1, 5);
            self.score(&format!("{p}.soreness"), w.soreness, 0, 10);
            self.score(&format!("{p}.mood"), w.mood, 1, 10);
            self.score(&format!("{p}.motivation"), w.motivation, 1, 10);
            if let Some(h) = w.sleep_hours {
                self.range(&format!("{p}.sleep_hours"), h, 0.0, 24.0, "h");
            }
            self.text(
                &format!("{p}.pain_location"),
                &w.pain_location,
                MAX_NAME_CHARS,
            );
            self.text(&format!("{p}.notes"), &w.notes, MAX_TEXT_CHARS);
        }

        let m = &plan.model;
        self.range(
            "model.fitness_tau_days",
            m.fitness_tau_days,
            1.0,
            365.0,
            "days",
        );
        self.range(
            "model.fatigue_tau_days",
            m.fatigue_tau_days,
            1.0,
            365.0,
            "days",
        );
        self.range("model.k1", m.k1, 0.0, 1000.0, "");
        self.range("model.k2", m.k2, 0.0, 1000.0, "");
        if !m.p0.is_finite() {
            self.push("model.p0", "is not a number");
        }
    }

    fn weeks(&mut self, path: &str, weeks: &[Week]) {
        for (wi, w) in weeks.iter().enumerate() {
            let wp = format!("{path}[{wi}]");
            if let Some(prev) = wi.checked_sub(1).and_then(|j| weeks.get(j))
                && w.start <= prev.start
            {
                self.push(
                    &wp,
                    format!(
                        "starts {} but the week before starts {}; weeks must be in date order",
                        w.start, prev.start
                    ),
                );
            }
            if w.start.checked_add_days(Days::new(7)).is_none() {
                self.push(format!("{wp}.start"), "is too far in the future");
                continue;
            }
            self.text(&format!("{wp}.rationale"), &w.rationale, MAX_TEXT_CHARS);
            for (si, s) in w.sessions.iter().enumerate() {
                self.session(&format!("{wp}.sessions[{si}]"), w, s);
            }
        }
    }

    fn session(&mut self, path: &str, week: &Week, s: &Session) {
        if !week.contains(s.date) {
            self.push(
                format!("{path}.date"),
                format!(
                    "{} is outside its week ({} to {})",
                    s.date,
                    week.start,
                    week.end()
                ),
            );
        }
        self.range(
            &format!("{path}.duration_min"),
            s.duration_min,
            0.0,
            1440.0,
            "min",
        );
        if let Some(d) = s.distance_km {
            self.range(&format!("{path}.distance_km"), d, 0.0, 400.0, "km");
        }
        self.range(&format!("{path}.rpe"), s.rpe, 0.0, 10.0, "");
        if let Some(z) = s.hr_zone {
            self.score(&format!("{path}.hr_zone"), Some(z), 1, 5);
        }
        if let Some(p) = s.pace {
            self.range(
                &format!("{path}.pace.fast_s_per_km"),
                p.fast_s_per_km,
                60.0,
                1800.0,
                "s/km",
            );
            self.range(
                &format!("{path}.pace.slow_s_per_km"),
                p.slow_s_per_km,
                60.0,
                1800.0,
                "s/km",
            );
        }
        self.text(
            &format!("{path}.description"),
            &s.description,
            MAX_TEXT_CHARS,
        );
        self.text(&format!("{path}.rationale"), &s.rationale, MAX_TEXT_CHARS);
        self.text(
            &format!("{path}.coach_notes"),
            &s.coach_notes,
            MAX_TEXT_CHARS,
        );
    }
}
