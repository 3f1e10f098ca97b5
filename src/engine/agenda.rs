//! The coach's agenda for the week holding today: the next races, this week's sessions with
//! what the log says about each, and the things waiting for a decision. The source article's
//! weekly meeting starts from exactly these: "what was planned, what was done, what is next".

use chrono::NaiveDate;

use super::audit::audit_due;
use super::signals::{Outcome, SessionIndex, add_days, pain_max, session_outcomes};
use crate::model::{Plan, Priority, SessionId, SessionType, Severity, Warning, WeekStatus};

/// Days ahead within which a draft week needs the coach's approval: the athlete opens the
/// file for the coming week, so next week must be settled by the weekly meeting.
pub const APPROVE_AHEAD_DAYS: i64 = 14;

/// Days ahead within which danger warnings are listed on the agenda.
pub const DANGER_AHEAD_DAYS: i64 = 14;

/// A race still ahead.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceCountdown {
    pub name: String,
    pub priority: Priority,
    pub date: NaiveDate,
    /// Days from today (0 = race day).
    pub days: i64,
}

/// Where a planned session stands on today's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayState {
    Done,
    Partly,
    Skipped,
    /// Its day has passed and nothing was logged for it.
    NotLogged,
    Today,
    Upcoming,
}

impl DayState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Partly => "partly done",
            Self::Skipped => "skipped",
            Self::NotLogged => "not logged",
            Self::Today => "today",
            Self::Upcoming => "coming",
        }
    }
}

/// One planned session of this week.
#[derive(Clone, Debug, PartialEq)]
pub struct DayLine {
    pub session: SessionId,
    pub date: NaiveDate,
    pub kind: SessionType,
    pub planned_min: f64,
    pub state: DayState,
    /// What the athlete logged for it ("52 min · RPE 6"), when something was.
    pub logged: Option<String>,
}

/// The agenda of the week holding `today`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agenda {
    /// Races from today on, nearest first.
    pub races: Vec<RaceCountdown>,
    /// Start of the adopted plan's week holding today, if the plan covers today.
    pub week_start: Option<NaiveDate>,
    pub days: Vec<DayLine>,
    /// Things to act on, each a sentence that says why.
    pub attention: Vec<String>,
}

/// The agenda for `today`; `warnings` are the adopted plan's.
pub fn agenda(plan: &Plan, today: NaiveDate, warnings: &[Warning]) -> Agenda {
    let mut races: Vec<RaceCountdown> = plan
        .races
        .iter()
        .filter(|r| r.date >= today)
        .map(|r| RaceCountdown {
            name: r.name.clone(),
            priority: r.priority,
            date: r.date,
            days: (r.date - today).num_days(),
        })
        .collect();
    races.sort_by_key(|r| r.date);

    let mut out = Agenda {
        races,
        ..Agenda::default()
    };
    let Some(adopted) = &plan.plan else {
        out.attention
            .push("No plan adopted yet: compare the three variants and adopt one.".to_owned());
        return out;
    };

    if let Some(week) = adopted.weeks.iter().find(|w| w.contains(today)) {
        out.week_start = Some(week.start);
        let index = SessionIndex::new(plan);
        let outcomes = session_outcomes(plan, &index, week.start, today);
        for s in &week.sessions {
            if s.kind == SessionType::Rest || s.load_au() <= 0.0 {
                continue;
            }
            let found = outcomes.iter().find(|o| o.session.id == s.id);
            let logged = found.and_then(|o| o.actual).map(|a| {
                let mut text = format!("{:.0} min", a.duration_s / 60.0);
                if let Some(rpe) = a.rpe {
                    text.push_str(&format!(" · RPE {rpe:.0}"));
                }
                text
            });
            let state = match found.map(|o| o.outcome) {
                Some(Outcome::Done) => DayState::Done,
                Some(Outcome::Partly) => DayState::Partly,
                Some(Outcome::Skipped) => DayState::Skipped,
                _ if s.date > today => DayState::Upcoming,
                _ if s.date == today => DayState::Today,
                _ => DayState::NotLogged,
            };
            out.days.push(DayLine {
                session: s.id,
                date: s.date,
                kind: s.kind,
                planned_min: s.duration_min,
                state,
                logged,
            });
        }
    }

    let due = audit_due(plan, today);
    if due.due {
        let why = due.text.trim_end_matches(": due.").trim_end_matches('.');
        out.attention.push(format!(
            "Monthly audit due: {why}. Open Reviews ➡ Monthly audit."
        ));
    }
    let horizon = add_days(today, APPROVE_AHEAD_DAYS);
    for w in &adopted.weeks {
        if w.status == WeekStatus::Draft && w.end() >= today && w.start <= horizon {
            out.attention.push(format!(
                "Week of {} is still a draft: approve or edit it before the athlete trains it.",
                w.start.format("%-d %b")
            ));
        }
    }
    if let Some((pain, place)) = pain_max(plan, add_days(today, -7), today)
        && pain >= plan.guardrails.pain_blocks_intensity_at
    {
        let place = if place.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", place.trim())
        };
        out.attention.push(format!(
            "Pain {pain}/10{place} reported in the last 7 days: at {}/10 or more your guardrail \
             blocks intensity; check the coming sessions.",
            plan.guardrails.pain_blocks_intensity_at
        ));
    }
    let danger_until = add_days(today, DANGER_AHEAD_DAYS);
    let danger = warnings
        .iter()
        .filter(|w| w.severity == Severity::Danger)
        .filter(|w| w.date.is_none_or(|d| d >= today && d <= danger_until))
        .count();
    if danger > 0 {
        out.attention.push(format!(
            "{danger} danger {} in the next two weeks (Warnings tab).",
            crate::model::plural(danger as i64, "warning", "warnings")
        ));
    }
    out
}
