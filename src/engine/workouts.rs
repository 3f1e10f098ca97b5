//! Session content: what a session of a given type and length looks like for this athlete —
//! description, target pace, distance and RPE — from the athlete's training paces.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::predict::{
    TrainingPaces, best_recent_vdot, format_duration_s, format_pace, time_for_vdot, training_paces,
};
use super::rounding::Rounding;
use super::text::{Fixed1, Whole, text};
use crate::model::{Athlete, PaceRange, PhaseKind, Race, RaceDistance, RunnerType, SessionType};

/// VDOT assumed when the athlete has no recent result (a typical recreational runner).
pub const DEFAULT_VDOT: f64 = 40.0;

/// Results older than this do not set training paces (a season ago is another athlete).
pub const RESULT_WINDOW_DAYS: i64 = 400;

/// VDOT points taken off after an injury break, so comeback paces start gentle.
pub const COMEBACK_VDOT_PENALTY: f64 = 3.0;

/// Distance the strides add to an easy run: 6 × 20 s at about mile pace, ≈ 70 m each.
pub const STRIDES_EXTRA_KM: f64 = 0.4;

/// The athlete's paces and where they come from.
#[derive(Clone, Debug)]
pub struct PaceBook {
    pub vdot: f64,
    pub paces: TrainingPaces,
    /// "VDOT 47.9 from Autumn Half 1:38:30".
    pub source: String,
    /// Race pace (s/km) at 5K, 10K, half and marathon, solved once: sessions ask often.
    race_paces: [f64; 4],
    /// The paces sessions quote, written once ("5:12"): every session text names one.
    pace_texts: Vec<(f64, String)>,
}

impl PaceBook {
    /// Paces from the best recent result, adjusted for runner type; a default otherwise.
    pub fn for_athlete(athlete: &Athlete, today: NaiveDate) -> Self {
        let found = best_recent_vdot(&athlete.recent_results, today, RESULT_WINDOW_DAYS);
        let (mut vdot, mut source) = match found {
            Some(v) => {
                let best = athlete
                    .recent_results
                    .iter()
                    .filter(|r| {
                        super::predict::vdot_checked(r.distance_m, r.time_s)
                            .is_some_and(|x| (x - v).abs() < 1e-9)
                    })
                    .map(|r| format!("{} {}", r.name, format_duration_s(r.time_s)))
                    .next()
                    .unwrap_or_default();
                (v, format!("VDOT {v:.1} from {best}"))
            }
            None => (
                DEFAULT_VDOT,
                format!("no recent result: paces assume VDOT {DEFAULT_VDOT:.0}"),
            ),
        };
        if athlete.runner_type == RunnerType::Comeback {
            vdot = (vdot - COMEBACK_VDOT_PENALTY).max(20.0);
            source.push_str(&format!(
                ", less {COMEBACK_VDOT_PENALTY:.0} after the injury break"
            ));
        }
        let paces = training_paces(vdot)
            .or_else(|| training_paces(DEFAULT_VDOT))
            .unwrap_or(FALLBACK_PACES);
        let race_paces = STANDARD_KM.map(|km| solve_race_pace(vdot, km, &paces));
        let pace_texts = [
            paces.easy.fast_s_per_km,
            paces.easy.slow_s_per_km,
            paces.threshold_s_per_km,
            paces.interval_s_per_km,
            paces.marathon_s_per_km,
        ]
        .into_iter()
        .chain(race_paces)
        .map(|s| (s, format_pace(s)))
        .collect();
        Self {
            vdot,
            paces,
            source,
            race_paces,
            pace_texts,
        }
    }

    /// [`format_pace`] of a pace, from the texts written once when it is one of the book's.
    pub fn pace_text(&self, s_per_km: f64) -> Cow<'_, str> {
        match self
            .pace_texts
            .iter()
            .find(|(s, _)| s.to_bits() == s_per_km.to_bits())
        {
            Some((_, text)) => Cow::Borrowed(text),
            None => Cow::Owned(format_pace(s_per_km)),
        }
    }

    /// Middle of the easy range, s/km: what easy minutes are converted to distance with.
    pub fn easy_s_per_km(&self) -> f64 {
        (self.paces.easy.fast_s_per_km + self.paces.easy.slow_s_per_km) / 2.0
    }

    /// Race pace for a distance, s/km, from the VDOT-equivalent time.
    pub fn race_s_per_km(&self, distance_km: f64) -> f64 {
        match STANDARD_KM
            .iter()
            .position(|km| (km - distance_km).abs() < 1e-9)
        {
            Some(i) => self.race_paces[i],
            None => solve_race_pace(self.vdot, distance_km, &self.paces),
        }
    }

    /// Predicted race time in seconds.
    pub fn race_time_s(&self, distance_km: f64) -> f64 {
        self.race_s_per_km(distance_km) * distance_km
    }
}

/// The distances whose race paces a pace book keeps at hand.
const STANDARD_KM: [f64; 4] = [5.0, 10.0, 21.0975, 42.195];

fn solve_race_pace(vdot: f64, distance_km: f64, paces: &TrainingPaces) -> f64 {
    time_for_vdot(vdot, distance_km * 1000.0)
        .map_or(paces.threshold_s_per_km, |t| t / distance_km.max(0.1))
}

/// Paces of VDOT 40, used only if the pace model itself fails.
const FALLBACK_PACES: TrainingPaces = TrainingPaces {
    easy: PaceRange {
        fast_s_per_km: 355.0,
        slow_s_per_km: 395.0,
    },
    marathon_s_per_km: 325.0,
    threshold_s_per_km: 305.0,
    interval_s_per_km: 280.0,
    repetition_s_per_km: 262.0,
};

/// What the builder asks for: a session of `kind` lasting about `minutes`.
pub struct WorkoutRequest<'a> {
    pub kind: SessionType,
    pub minutes: f64,
    pub phase: PhaseKind,
    pub class: RaceDistance,
    pub athlete: &'a Athlete,
    pub paces: &'a PaceBook,
    /// Comeback run-walk weeks.
    pub run_walk: bool,
    /// Marathon-pace finish on a race-specific long run.
    pub long_with_pace: bool,
    pub race: Option<&'a Race>,
}

/// The content of a session: pace, RPE, distance and a description for the athlete.
pub struct Workout {
    pub kind: SessionType,
    pub duration_min: f64,
    pub distance_km: Option<f64>,
    pub rpe: f64,
    pub pace: Option<PaceRange>,
    pub description: String,
}

fn range(center: f64, spread: f64) -> PaceRange {
    PaceRange {
        fast_s_per_km: center - spread,
        slow_s_per_km: center + spread,
    }
}

fn km(minutes: f64, s_per_km: f64) -> f64 {
    if s_per_km > 0.0 {
        minutes * 60.0 / s_per_km
    } else {
        0.0
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).rounded() / 10.0
}

/// Whole minutes of a session and its warm-up, cool-down and main part: short sessions get a
/// short warm-up and cool-down, so the parts add up to the whole.
fn session_parts(req: &WorkoutRequest<'_>) -> (f64, f64, f64, f64) {
    let minutes = req.minutes.rounded().max(10.0);
    let (warm, cool) = if minutes >= 40.0 {
        (15.0, 10.0)
    } else {
        ((minutes * 0.3).rounded(), (minutes * 0.2).rounded())
    };
    let work = (minutes - warm - cool).max(5.0);
    (minutes, warm, cool, work)
}

/// Interval reps: length in metres, pace and what the pace is.
fn interval_spec(req: &WorkoutRequest<'_>) -> (f64, f64, &'static str) {
    match (req.phase, req.class) {
        (PhaseKind::Specific | PhaseKind::Taper, RaceDistance::TenK) => {
            (1000.0, req.paces.race_s_per_km(10.0), "10K pace")
        }
        (PhaseKind::Specific | PhaseKind::Taper, RaceDistance::FiveK) => {
            (600.0, req.paces.race_s_per_km(5.0), "5K pace")
        }
        _ => (800.0, req.paces.paces.interval_s_per_km, "interval pace"),
    }
}

/// Number of interval reps and the minutes one takes.
fn interval_reps(work: f64, rep_m: f64, pace_s: f64) -> (f64, f64) {
    let hard_min = (work * 0.55).max(6.0);
    let rep_min = rep_m / 1000.0 * pace_s / 60.0;
    let reps = (hard_min / rep_min.max(0.5)).rounded().clamp(3.0, 12.0);
    (reps, rep_min)
}

/// Race-pace work: pace and what the pace is.
fn race_pace_spec(req: &WorkoutRequest<'_>) -> (f64, &'static str) {
    let p = &req.paces.paces;
    match req.class {
        RaceDistance::Marathon => (p.marathon_s_per_km, "marathon pace"),
        RaceDistance::Half => (req.paces.race_s_per_km(21.0975), "half-marathon pace"),
        RaceDistance::TenK => (req.paces.race_s_per_km(10.0), "10K pace"),
        RaceDistance::FiveK => (req.paces.race_s_per_km(5.0), "5K pace"),
    }
}

/// Minutes at goal pace in a long run with a pace finish, and that pace.
fn long_pace_spec(req: &WorkoutRequest<'_>, minutes: f64) -> (f64, f64) {
    let mp = match req.class {
        RaceDistance::Marathon => req.paces.paces.marathon_s_per_km,
        _ => req.paces.race_s_per_km(21.0975),
    };
    ((minutes * 0.3).rounded(), mp)
}

/// A session's distance (unrounded): the one formula both [`workout`] and
/// [`workout_distance_km`] use.
fn session_distance(req: &WorkoutRequest<'_>) -> Option<f64> {
    let p = &req.paces.paces;
    let easy = req.paces.easy_s_per_km();
    let (minutes, warm, cool, work) = session_parts(req);
    match req.kind {
        SessionType::Easy | SessionType::Rest | SessionType::Hills => Some(km(minutes, easy)),
        SessionType::Recovery => Some(km(minutes, p.easy.slow_s_per_km + 15.0)),
        SessionType::Strides => Some(km(minutes, easy) + STRIDES_EXTRA_KM),
        SessionType::Long if req.long_with_pace => {
            let (mp_min, mp) = long_pace_spec(req, minutes);
            Some(km(minutes - mp_min, easy) + km(mp_min, mp))
        }
        SessionType::Long => Some(km(minutes, easy)),
        SessionType::Threshold => Some(km(warm + cool, easy) + km(work, p.threshold_s_per_km)),
        SessionType::Intervals => {
            let (rep_m, pace_s, _) = interval_spec(req);
            let (reps, rep_min) = interval_reps(work, rep_m, pace_s);
            Some(
                km(warm + cool, easy)
                    + reps * rep_m / 1000.0
                    + km(work - reps * rep_min, easy + 60.0),
            )
        }
        SessionType::RacePace => {
            let (pace_s, _) = race_pace_spec(req);
            Some(km(warm + cool, easy) + km(work, pace_s))
        }
        SessionType::CrossTraining | SessionType::Strength => None,
        SessionType::Race => Some(req.race.map_or(10.0, |r| r.distance_km)),
    }
}

/// The distance [`workout`] gives the session, without writing its description: the caps
/// measure weeks many times while planning, and only the final sessions need their text.
pub fn workout_distance_km(req: &WorkoutRequest<'_>) -> Option<f64> {
    session_distance(req).map(round1)
}

/// Builds the session content for a request. Durations are whole minutes.
pub fn workout(req: &WorkoutRequest<'_>) -> Workout {
    let p = &req.paces.paces;
    let easy = req.paces.easy_s_per_km();
    let (minutes, warm, cool, work) = session_parts(req);
    let pace_str = |s: f64| req.paces.pace_text(s);
    let (minutes_t, warm_t, cool_t, work_t) =
        (Whole(minutes), Whole(warm), Whole(cool), Whole(work));
    let track = if req.athlete.equipment.track {
        "on the track"
    } else if req.athlete.equipment.treadmill {
        "on a measured road loop or the treadmill"
    } else {
        "on a measured road loop"
    };
    // The distance comes from `session_distance` below; an arm's own figure only feeds its text.
    let (rpe, pace, _, description): (f64, Option<PaceRange>, Option<f64>, String) = match req.kind
    {
        SessionType::Easy | SessionType::Rest => {
            let d = km(minutes, easy);
            let text = if req.run_walk {
                let cycles_t = Whole((minutes / 5.0).rounded().max(1.0));
                text!(
                    "Run-walk ",
                    minutes_t,
                    " min: ",
                    cycles_t,
                    " × (4 min easy run, 1 min walk). Stop if pain rises above 3/10."
                )
            } else {
                text!(
                    minutes_t,
                    " min easy, conversational (",
                    pace_str(p.easy.fast_s_per_km),
                    "–",
                    pace_str(p.easy.slow_s_per_km),
                    " /km)"
                )
            };
            (3.0, Some(p.easy), Some(d), text)
        }
        SessionType::Recovery => {
            let slow = p.easy.slow_s_per_km + 15.0;
            (
                2.0,
                Some(range(slow, 10.0)),
                Some(km(minutes, slow)),
                text!(
                    minutes_t,
                    " min very easy recovery jog, slower than ",
                    pace_str(p.easy.slow_s_per_km),
                    " /km"
                ),
            )
        }
        SessionType::Strides => (
            3.0,
            Some(p.easy),
            Some(km(minutes, easy) + STRIDES_EXTRA_KM),
            text!(
                minutes_t,
                " min easy, then 6 × 20 s strides (quick and relaxed, full recovery)"
            ),
        ),
        SessionType::Long => {
            if req.long_with_pace {
                let (mp_min, mp) = long_pace_spec(req, minutes);
                let d = km(minutes - mp_min, easy) + km(mp_min, mp);
                let mp_min_t = Whole(mp_min);
                (
                    5.0,
                    Some(p.easy),
                    Some(d),
                    text!(
                        "Long run ",
                        Whole(d.rounded()),
                        " km: easy, with the last ",
                        mp_min_t,
                        " min at goal race pace (",
                        pace_str(mp),
                        " /km). Rehearse fuelling."
                    ),
                )
            } else {
                let d = km(minutes, easy);
                // Base and recovery long runs are easy all the way; later ones finish steady.
                let controlled = if matches!(req.phase, PhaseKind::Base | PhaseKind::Recovery)
                    || minutes < 45.0
                {
                    "easy throughout"
                } else {
                    "easy, last 15 min steady"
                };
                (
                    4.0,
                    Some(p.easy),
                    Some(d),
                    text!(
                        "Long run ",
                        Whole(d.rounded()),
                        " km (",
                        minutes_t,
                        " min), ",
                        controlled
                    ),
                )
            }
        }
        SessionType::Threshold => {
            let reps = (work / 10.0).rounded().max(1.0);
            let rep = (work / reps).rounded();
            let (reps_t, rep_t) = (Whole(reps), Whole(rep));
            let d = km(warm + cool, easy) + km(work, p.threshold_s_per_km);
            let text = if reps <= 1.0 {
                text!(
                    warm_t,
                    " min warm-up · ",
                    work_t,
                    " min tempo at threshold (",
                    pace_str(p.threshold_s_per_km),
                    " /km) · ",
                    cool_t,
                    " min cool-down"
                )
            } else {
                text!(
                    warm_t,
                    " min warm-up · ",
                    reps_t,
                    " × ",
                    rep_t,
                    " min at threshold (",
                    pace_str(p.threshold_s_per_km),
                    " /km), 2 min jog · ",
                    cool_t,
                    " min cool-down"
                )
            };
            (7.0, Some(range(p.threshold_s_per_km, 4.0)), Some(d), text)
        }
        SessionType::Intervals => {
            let (rep_m, pace_s, what) = interval_spec(req);
            let (reps, _) = interval_reps(work, rep_m, pace_s);
            let (reps_t, rep_m_t) = (Whole(reps), Whole(rep_m));
            (
                8.0,
                Some(range(pace_s, 3.0)),
                None,
                text!(
                    warm_t,
                    " min warm-up · ",
                    reps_t,
                    " × ",
                    rep_m_t,
                    " m at ",
                    what,
                    " (",
                    pace_str(pace_s),
                    " /km) ",
                    track,
                    ", equal-time jog · ",
                    cool_t,
                    " min cool-down"
                ),
            )
        }
        SessionType::RacePace => {
            let (pace_s, what) = race_pace_spec(req);
            let at_pace_km = km(work, pace_s);
            let d = km(warm + cool, easy) + at_pace_km;
            (
                6.0,
                Some(range(pace_s, 3.0)),
                Some(d),
                text!(
                    warm_t,
                    " min warm-up · ",
                    Fixed1(at_pace_km),
                    " km at ",
                    what,
                    " (",
                    pace_str(pace_s),
                    " /km) · ",
                    cool_t,
                    " min cool-down"
                ),
            )
        }
        SessionType::Hills => {
            let reps_t = Whole((work / 3.0).rounded().clamp(4.0, 12.0));
            let d = km(minutes, easy);
            (
                7.0,
                None,
                Some(d),
                text!(
                    warm_t,
                    " min warm-up · ",
                    reps_t,
                    " × 75 s uphill at 5K effort, jog down · ",
                    cool_t,
                    " min cool-down"
                ),
            )
        }
        SessionType::CrossTraining => (
            4.0,
            None,
            None,
            text!(minutes_t, " min easy cycling, elliptical or pool running"),
        ),
        SessionType::Strength => (
            4.0,
            None,
            None,
            text!(
                minutes_t,
                " min strength: squats, lunges, calf raises, hip and core work"
            ),
        ),
        SessionType::Race => {
            let race_km = req.race.map_or(10.0, |r| r.distance_km);
            let predicted = req.paces.race_time_s(race_km);
            let goal = req
                .race
                .and_then(|r| r.goal_time_s)
                .map(|g| text!(", goal ", format_duration_s(g)))
                .unwrap_or_default();
            let name = req.race.map_or("Race", |r| r.name.as_str());
            (
                9.0,
                Some(range(predicted / race_km.max(0.1), 3.0)),
                Some(race_km),
                text!(
                    name,
                    ": ",
                    Fixed1(race_km),
                    " km, predicted ",
                    format_duration_s(predicted),
                    goal,
                    ".",
                    if race_km <= 21.0 {
                        " Warm up 15 min beforehand."
                    } else {
                        " Start conservatively; fuel every 30–40 min."
                    }
                ),
            )
        }
    };
    let duration_min = if req.kind == SessionType::Race {
        let race_km = req.race.map_or(10.0, |r| r.distance_km);
        let predicted_min = req.paces.race_time_s(race_km) / 60.0;
        let warmup = if race_km <= 21.0 { 15.0 } else { 0.0 };
        (predicted_min + warmup).rounded().min(24.0 * 60.0)
    } else {
        minutes
    };
    Workout {
        kind: req.kind,
        duration_min,
        distance_km: workout_distance_km(req),
        rpe,
        pace,
        description,
    }
}
