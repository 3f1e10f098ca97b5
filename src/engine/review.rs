//! The weekly draft: the weekly planning meeting of the source article. The adopted plan's week
//! is the base; the athlete's last 7 and 28 days (load done against planned, sessions done,
//! readiness, pain, sleep, soreness, form) may cut it. Every difference carries its reason, and
//! the coach edits and approves the result.
//!
//! Missed sessions are never crammed back in: the draft only ever eases, shortens or drops
//! sessions of the plan's week, so its load never exceeds the plan's.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::rules::{
    COMPLIANCE_HOLD_BELOW, COMPLIANCE_HOLD_FLOOR, COMPLIANCE_MIN_LOGGED_DAYS,
    FORM_VERY_NEGATIVE_SHARE, HARD_SESSION_CUT, LOW_READINESS_LOAD_FACTOR, LOW_READINESS_MAX_HARD,
    PAIN_LOAD_FACTOR, READINESS_LOW_DAYS,
};
use super::signals::{
    FormSignal, LoadWindow, ReadinessSignal, SessionIndex, add_days, form_on, load_window,
    pain_max, readiness, sleep_mean_h, soreness_mean,
};
use super::trim::{
    ReasonLog, add_rest_day, annotate, ease_first_hard, ease_hard_between, ease_hard_keeping,
    trim_to,
};
use crate::model::{Decision, Plan, Review, ReviewKind, Session, SessionId, Week, WeekStatus};

/// The rules of the weekly draft, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftRule {
    /// Pain at or above the coach's guardrail: no quality, load at most a down week's.
    Pain,
    /// Readiness below the athlete's baseline for several days: intensity first, then volume.
    LowReadiness,
    /// Load compliance under ~70 %: hold at last week's actual load (with a floor).
    LowCompliance,
    /// Form very negative: an extra easy day (or rest day when nothing is left to ease).
    VeryNegativeForm,
}

impl DraftRule {
    /// Stable machine name, for JSON and scripts.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pain => "pain",
            Self::LowReadiness => "low_readiness",
            Self::LowCompliance => "low_compliance",
            Self::VeryNegativeForm => "very_negative_form",
        }
    }
}

/// A rule that fired, with the reason shown to the coach.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppliedRule {
    pub rule: DraftRule,
    pub reason: String,
}

/// How a session of the plan's week differs in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// Dropped: the day becomes lighter or a rest day.
    Removed,
    /// A quality session became an easy run.
    Eased,
    /// Same type, shorter.
    Shortened,
}

/// One difference between the plan's week and the draft, with its reasons.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    pub date: NaiveDate,
    pub session: SessionId,
    pub kind: DifferenceKind,
    /// "Threshold 60 min ➡ Easy 60 min".
    pub summary: String,
    pub before: Session,
    pub after: Option<Session>,
    /// Why, one line per rule that touched it.
    pub reasons: Vec<String>,
}

/// What the draft read from the athlete's log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DraftSignals {
    /// Last day read: today, or the day before the drafted week when that week is past.
    pub window_end: NaiveDate,
    pub load_7d: LoadWindow,
    pub load_28d: LoadWindow,
    pub readiness: ReadinessSignal,
    /// Worst pain of the last 7 days (0–10) and where.
    pub pain_max: Option<u8>,
    pub pain_location: String,
    /// The coach's pain guardrail it is compared with.
    pub pain_limit: u8,
    pub sleep_mean_h: Option<f64>,
    /// Mean soreness (0–10) of the last 7 days.
    pub soreness_mean: Option<f64>,
    /// Mean soreness of the last 7 days minus that of the 7 before (positive = more sore).
    pub soreness_trend: Option<f64>,
    /// Form going into the drafted week.
    pub form: Option<FormSignal>,
}

/// The engine's proposal for one week, next to the plan's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeeklyDraft {
    pub week_start: NaiveDate,
    /// The adopted plan's week: the base.
    pub planned: Week,
    /// The proposal (a draft week; the coach edits and approves it).
    pub proposed: Week,
    pub differences: Vec<Difference>,
    pub rules: Vec<AppliedRule>,
    pub signals: DraftSignals,
    /// What the draft could not do or did not know ("nothing logged yet: compliance unknown").
    pub notes: Vec<String>,
}

impl WeeklyDraft {
    /// Whether any rule changed the week.
    pub fn changes_week(&self) -> bool {
        !self.differences.is_empty()
    }
}

/// Reads the signals for a week starting on `week_start`, up to `window_end`.
fn read_signals(
    plan: &Plan,
    index: &SessionIndex<'_>,
    week_start: NaiveDate,
    window_end: NaiveDate,
    today: NaiveDate,
) -> DraftSignals {
    let start_7 = add_days(window_end, -6);
    let (pain, location) = pain_max(plan, start_7, window_end).unzip();
    let soreness = soreness_mean(plan, start_7, window_end);
    let soreness_before = soreness_mean(plan, add_days(start_7, -7), add_days(start_7, -1));
    DraftSignals {
        window_end,
        load_7d: load_window(plan, index, start_7, window_end),
        load_28d: load_window(plan, index, add_days(window_end, -27), window_end),
        readiness: readiness(plan, start_7, window_end),
        pain_max: pain,
        pain_location: location.unwrap_or_default(),
        pain_limit: plan.guardrails.pain_blocks_intensity_at,
        sleep_mean_h: sleep_mean_h(plan, start_7, window_end),
        soreness_mean: soreness,
        soreness_trend: soreness.zip(soreness_before).map(|(a, b)| a - b),
        form: form_on(plan, index, week_start, today),
    }
}

/// Drafts the week containing `week_start` from the adopted plan's week and the athlete's log
/// up to `today` (for a week already past, up to the day before it).
///
/// Rules, each with its reason in the output (thresholds in [`super::rules`]):
/// - pain ≥ the coach's guardrail in the last 7 days ➡ no quality session at all, and the
///   week's load at most [`PAIN_LOAD_FACTOR`] of the plan (intensity first, then volume);
/// - readiness below the athlete's baseline for [`READINESS_LOW_DAYS`]+ consecutive days ➡ at
///   most [`LOW_READINESS_MAX_HARD`] quality session, shortened, and the load at most
///   [`LOW_READINESS_LOAD_FACTOR`] of the plan (intensity first, then volume);
/// - load compliance under [`COMPLIANCE_HOLD_BELOW`] in the last 7 days (judged only when the
///   log covers at least [`COMPLIANCE_MIN_LOGGED_DAYS`] of them) ➡ the load held at last week's
///   actual load, but not below [`COMPLIANCE_HOLD_FLOOR`] of the plan, instead of ramping
///   (volume first, then intensity);
/// - form under [`FORM_VERY_NEGATIVE_SHARE`] of fitness ➡ an extra easy day: the first quality
///   session eased (an easy day made a rest day when no quality session is left).
///
/// Sessions before `today` and races are never changed; the draft's load never exceeds the
/// plan's. Without an adopted week there the draft is an empty week with a note.
pub fn draft_week(plan: &Plan, week_start: NaiveDate, today: NaiveDate) -> WeeklyDraft {
    let index = SessionIndex::new(plan);
    let base = plan.week_containing(week_start).cloned();
    let start = base.as_ref().map_or(week_start, |w| w.start);
    // The log up to today; for a week already lived, what was known the day before it.
    let window_end = if today > add_days(start, 6) {
        add_days(start, -1)
    } else {
        today
    };
    let signals = read_signals(plan, &index, start, window_end, today);
    let mut notes = Vec::new();
    let Some(base) = base else {
        notes.push(format!(
            "The adopted plan has no week containing {week_start}."
        ));
        let empty = Week {
            start,
            ..Week::default()
        };
        return WeeklyDraft {
            week_start: start,
            planned: empty.clone(),
            proposed: empty,
            differences: Vec::new(),
            rules: Vec::new(),
            signals,
            notes,
        };
    };

    let mut week = base.clone();
    let from = today.max(week.start);
    let plan_load = base.load_au();
    let mut log = ReasonLog::new();
    let mut rules = Vec::new();
    let mut target = plan_load;

    if index.first_logged.is_none_or(|f| f > window_end) {
        notes.push(
            "Nothing logged yet: load compliance and form from actual training are unknown."
                .to_owned(),
        );
    } else if let Some((last, days)) = index.stale_log(window_end) {
        notes.push(format!(
            "Nothing logged after {last} ({days} {} before {window_end}): those days count as \
             not known yet, not as missed. Merge the athlete's file or import activities before reviewing.",
            crate::model::plural(days, "day", "days")
        ));
    }
    if signals.readiness.checkins == 0 {
        notes.push("No readiness check-ins in the last 7 days.".to_owned());
    }
    if from > week.start {
        notes.push(format!(
            "Days before {from} are already lived and stay as they are."
        ));
    }

    if let Some(pain) = signals.pain_max
        && pain >= signals.pain_limit
    {
        let location = if signals.pain_location.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", signals.pain_location.trim())
        };
        let reason = format!(
            "Pain {pain}/10{location} in the last 7 days, at or above the coach's limit of {}: \
             no quality sessions; load at most {:.0} % of the plan (intensity first, then volume).",
            signals.pain_limit,
            PAIN_LOAD_FACTOR * 100.0
        );
        let (first, last) = (week.start, week.end());
        let intensity = format!("Pain {pain}/10: no quality sessions (easy run instead)");
        ease_hard_between(&mut week, from, first, last, None, &intensity, &mut log);
        target = target.min(plan_load * PAIN_LOAD_FACTOR);
        let volume = format!(
            "Pain {pain}/10: volume trimmed to {:.0} % of the plan",
            PAIN_LOAD_FACTOR * 100.0
        );
        trim_to(&mut week, from, target, &volume, &mut log);
        rules.push(AppliedRule {
            rule: DraftRule::Pain,
            reason,
        });
    }

    let r = &signals.readiness;
    if r.low_days >= READINESS_LOW_DAYS {
        let baseline = match r.baseline_source {
            super::signals::BaselineSource::Profile => "profile baseline",
            super::signals::BaselineSource::OwnMean { .. } => "own recent mean",
        };
        let reason = format!(
            "Readiness below the athlete's {baseline} ({:.1}) for {} days in a row: intensity \
             cut first (at most {LOW_READINESS_MAX_HARD} quality session, {:.0} % shorter), then \
             volume to at most {:.0} % of the plan.",
            r.baseline,
            r.low_days,
            HARD_SESSION_CUT * 100.0,
            LOW_READINESS_LOAD_FACTOR * 100.0
        );
        let intensity = format!(
            "Readiness low {} days: intensity cut (at most {LOW_READINESS_MAX_HARD} quality session, {:.0} % shorter)",
            r.low_days,
            HARD_SESSION_CUT * 100.0
        );
        ease_hard_keeping(
            &mut week,
            from,
            LOW_READINESS_MAX_HARD,
            HARD_SESSION_CUT,
            &intensity,
            &mut log,
        );
        target = target.min(plan_load * LOW_READINESS_LOAD_FACTOR);
        let volume = format!(
            "Readiness low {} days: volume trimmed to {:.0} % of the plan",
            r.low_days,
            LOW_READINESS_LOAD_FACTOR * 100.0
        );
        trim_to(&mut week, from, target, &volume, &mut log);
        rules.push(AppliedRule {
            rule: DraftRule::LowReadiness,
            reason,
        });
    }

    let last_week = &signals.load_7d;
    // A week the athlete only partly logged (they started logging mid-week) counts as its
    // weekly equivalent.
    let weekly_actual = if last_week.logged_days > 0 {
        last_week.actual_au * 7.0 / last_week.logged_days as f64
    } else {
        last_week.actual_au
    };
    let hold_to = weekly_actual.max(plan_load * COMPLIANCE_HOLD_FLOOR);
    match last_week.compliance {
        Some(compliance)
            if compliance < COMPLIANCE_HOLD_BELOW
                && last_week.logged_days < COMPLIANCE_MIN_LOGGED_DAYS =>
        {
            notes.push(format!(
                "Load compliance {:.0} % over only {} logged {}: too few to judge, so the \
                 load is not held.",
                compliance * 100.0,
                last_week.logged_days,
                crate::model::plural(last_week.logged_days as i64, "day", "days")
            ));
        }
        Some(compliance) if compliance < COMPLIANCE_HOLD_BELOW && hold_to < target => {
            let floor = if hold_to > weekly_actual {
                format!(
                    " (not below {:.0} % of the plan: a lost week is no reason to plan nothing)",
                    COMPLIANCE_HOLD_FLOOR * 100.0
                )
            } else {
                String::new()
            };
            let reason = format!(
                "Load compliance {:.0} % of plan over the last 7 days (under {:.0} %): load held \
                 at {hold_to:.0} AU{floor} instead of ramping to the planned {plan_load:.0} AU; \
                 last week's actual was {weekly_actual:.0} AU. Missed sessions are not made up.",
                compliance * 100.0,
                COMPLIANCE_HOLD_BELOW * 100.0,
            );
            target = hold_to;
            let why = format!(
                "Compliance {:.0} %: load held at {hold_to:.0} AU",
                compliance * 100.0
            );
            let left = trim_to(&mut week, from, target, &why, &mut log);
            if left > 0.0 {
                notes.push(format!(
                    "The hold could not reach {target:.0} AU: {left:.0} AU are in days already \
                     lived or races."
                ));
            }
            rules.push(AppliedRule {
                rule: DraftRule::LowCompliance,
                reason,
            });
        }
        _ => {}
    }

    if let Some(form) = &signals.form
        && let Some(share) = form.form_share
        && share < FORM_VERY_NEGATIVE_SHARE
    {
        let form_text = format!(
            "Form {:.0} is {:.0} % of fitness {:.0} going into the week (below {:.0} %, the \
             high-risk zone)",
            form.form,
            share * 100.0,
            form.fitness,
            FORM_VERY_NEGATIVE_SHARE * 100.0
        );
        // An extra easy day: the first quality session eased; with none left, an easy day
        // becomes a rest day.
        let easy = format!("Form {:.0} % of fitness: an extra easy day", share * 100.0);
        let rest = format!("Form {:.0} % of fitness: an extra rest day", share * 100.0);
        if let Some(day) = ease_first_hard(&mut week, from, &easy, &mut log) {
            rules.push(AppliedRule {
                rule: DraftRule::VeryNegativeForm,
                reason: format!(
                    "{form_text}: one more easy day ({} eased to an easy run).",
                    day.format("%a %-d %b")
                ),
            });
        } else if let Some(day) = add_rest_day(&mut week, from, &rest, &mut log) {
            rules.push(AppliedRule {
                rule: DraftRule::VeryNegativeForm,
                reason: format!(
                    "{form_text}: no quality session left to ease, so {} becomes a rest day.",
                    day.format("%a %-d %b")
                ),
            });
        } else {
            notes.push(format!(
                "{form_text}. No quality session or easy day is left to lighten: the coach \
                 decides."
            ));
        }
    }

    for s in week
        .sessions
        .iter()
        .filter(|s| s.kind == crate::model::SessionType::Race)
    {
        if rules.iter().any(|r| r.rule == DraftRule::Pain) {
            notes.push(format!(
                "{} on {} stays on the calendar: whether to start with pain is the coach's call.",
                s.description, s.date
            ));
        }
    }

    week.status = WeekStatus::Draft;
    let note = if rules.is_empty() {
        format!("Weekly review {today}: no rule fired; the plan's week stands")
    } else {
        let codes: Vec<&str> = rules.iter().map(|r| r.rule.code()).collect();
        format!(
            "Weekly review {today}: {} ({:.0} ➡ {:.0} AU)",
            codes.join(", "),
            plan_load,
            week.load_au()
        )
    };
    week.rationale = annotate(&base.rationale, &note);
    let differences = differences(&base, &week, &log);
    WeeklyDraft {
        week_start: start,
        planned: base,
        proposed: week,
        differences,
        rules,
        signals,
        notes,
    }
}

/// The differences between the plan's week and the draft, by session, with the logged reasons.
fn differences(before: &Week, after: &Week, log: &ReasonLog) -> Vec<Difference> {
    let mut out = Vec::new();
    for b in &before.sessions {
        let a = after.sessions.iter().find(|s| s.id == b.id);
        let kind = match a {
            None => DifferenceKind::Removed,
            Some(a) if a.kind != b.kind => DifferenceKind::Eased,
            Some(a) if a.duration_min < b.duration_min => DifferenceKind::Shortened,
            Some(_) => continue,
        };
        let summary = match a {
            None => format!(
                "{} {:.0} min removed (rest)",
                b.kind.label(),
                b.duration_min
            ),
            Some(a) => format!(
                "{} {:.0} min ➡ {} {:.0} min",
                b.kind.label(),
                b.duration_min,
                a.kind.label(),
                a.duration_min
            ),
        };
        out.push(Difference {
            date: b.date,
            session: b.id,
            kind,
            summary,
            before: b.clone(),
            after: a.cloned(),
            reasons: log.get(&b.id).cloned().unwrap_or_default(),
        });
    }
    out
}

/// The weekly review as a record for the plan's reviews (kind Weekly): the week, the rules that
/// fired as the summary, and the coach's decisions (e.g. one per difference kept or undone).
/// The app applies the approved week itself as an edit; this only keeps the meeting's minutes.
pub fn to_review(
    draft: &WeeklyDraft,
    decisions: Vec<Decision>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Review {
    let summary = if draft.rules.is_empty() {
        format!(
            "No rule fired; the plan's week stands ({:.0} AU).",
            draft.planned.load_au()
        )
    } else {
        let reasons: Vec<&str> = draft.rules.iter().map(|r| r.reason.as_str()).collect();
        format!(
            "{} Load {:.0} ➡ {:.0} AU.",
            reasons.join(" "),
            draft.planned.load_au(),
            draft.proposed.load_au()
        )
    };
    Review {
        kind: ReviewKind::Weekly,
        date: today,
        period_start: draft.week_start,
        period_end: draft.planned.end().max(draft.week_start),
        summary,
        decisions,
        at: Some(now),
    }
}
