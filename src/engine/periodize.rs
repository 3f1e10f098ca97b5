//! Periodize: athlete + races + guardrails + variant + today ➡ a season of weeks and sessions.
//!
//! The season map gives the phases; here each week gets its volume (ramp, down weeks, phase
//! ceilings, taper shares, recovery), its quality sessions and long run, and the week builder
//! places them. Season-level caps then keep every week inside the guardrails, and the taper is
//! calibrated to its load cut. Every week and session carries its reason.

use std::borrow::Cow;

use chrono::{Datelike, Days, NaiveDate};

use super::load::pmc_start_steady;
use super::rounding::Rounding;
use super::rules::{
    COMEBACK_EASY_WEEKS, COMEBACK_LONG_RUN_MIN, COMEBACK_RUN_WALK_WEEKS, COMEBACK_STRENGTH_MIN_MIN,
    COMEBACK_TEMPO_FROM_WEEK, DOWN_WEEK_FACTOR, DOWN_WEEK_MAX_DISTANCE_SHARE,
    DOWN_WEEK_MAX_LOAD_SHARE, EASY_OF_LONG, LONG_RUN_SHARE, MEDIUM_LONG_OF_LONG, MIN_LONG_RUN_MIN,
    MIN_QUALITY_MIN, QUALITY_SESSION_SHARE, QUALITY_WEEK_SHARE, RECOVERY_RUN_MAX_MIN,
    TAPER_CUT_RANGE, TAPER_CUT_TARGET, VariantParams, achilles_or_calf_history,
    b_race_recovery_days, b_race_taper_days, comeback_quality_types, comeback_volume_share,
    equivalent_type, long_run_cap, long_run_step, min_easy_run_min, quality_types,
    taper_volume_shares, variant_params,
};
use super::season_map::{Cycle, SeasonMap, season_map};
use super::text::{Fixed0, Piece, Signed0, push_text, text, weekday_short};
use super::week_builder::{BuiltWeek, DayInfo, MAX_EASY_MIN, Slot, WeekRequest, build_week};
use super::workouts::{PaceBook, STRIDES_EXTRA_KM, WorkoutRequest, workout, workout_distance_km};
use crate::model::{
    Athlete, Guardrails, ModelSettings, PhaseKind, Priority, Race, RaceDistance, RunnerType,
    Season, SeasonDraft, Session, SessionId, SessionType, Total, VariantKind, Week, WeekStatus,
};

/// The inputs of periodization, borrowed from a plan.
#[derive(Clone, Copy)]
pub struct PlanInput<'a> {
    pub athlete: &'a Athlete,
    pub races: &'a [Race],
    pub guardrails: &'a Guardrails,
    pub season: &'a Season,
    pub settings: &'a ModelSettings,
    pub today: NaiveDate,
}

impl<'a> PlanInput<'a> {
    /// The inputs held by a plan file.
    pub fn from_plan(plan: &'a crate::model::Plan, today: NaiveDate) -> Self {
        Self {
            athlete: &plan.athlete,
            races: &plan.races,
            guardrails: &plan.guardrails,
            season: &plan.season,
            settings: &plan.model,
            today,
        }
    }

    /// First day of planning: the season start, or next week when the season has none.
    pub fn start(&self) -> NaiveDate {
        if self.season.start == NaiveDate::MIN {
            self.season.week_start.week_of(
                self.today
                    .checked_add_days(Days::new(7))
                    .unwrap_or(self.today),
            )
        } else {
            self.season.start
        }
    }
}

/// The shakeout the day before a race lasts at most this long.
const PRE_RACE_MAX_MIN: f64 = 30.0;

/// Marks a long run's reason until rendering fills in its distance and share.
const LONG_RUN_WHY: &str = "Long run:";

/// The shortest session the engine plans, in minutes.
const MIN_SESSION_MIN: f64 = 15.0;

/// When the load cap would cut a week's easy running below this share, its workouts are
/// shortened first (not below the shortest real workout), and only then does one become an
/// easy run: most running stays easy (Seiler's ~80/20). Set higher, workouts turn into easy
/// runs so often that the next week's cap (measured on the lighter week) shrinks the season.
const EASY_KEPT_UNDER_CAP: f64 = 0.6;

/// Average session RPE of an athlete's current training (mostly easy, some quality): turns the
/// current weekly minutes into the pre-season load the PMC starts from.
const CURRENT_TRAINING_RPE: f64 = 3.6;

/// Drafts the season for one variant.
pub fn periodize(input: &PlanInput<'_>, variant: VariantKind) -> SeasonDraft {
    let map = season_map(
        input.athlete,
        input.races,
        input.start(),
        input.season.week_start,
        &input.season.pinned_phase_starts,
        input.season.end,
    );
    periodize_on(input, variant, &map)
}

/// Drafts the season for one variant on a given season map.
pub fn periodize_on(input: &PlanInput<'_>, variant: VariantKind, map: &SeasonMap) -> SeasonDraft {
    let days = day_infos(input, map);
    let paces = PaceBook::for_athlete(input.athlete, input.today);
    let mut planner = Planner::new(input, variant, map, &days, &paces);
    planner.plan_weeks();
    planner.finish()
}

/// The three variants on one season map, kept in order: the conservative draft never
/// carries more training load than the moderate one (peak week and season total), nor the
/// moderate more than the aggressive. Down weeks falling on different weeks could otherwise
/// tip a variant past the next one; easy volume is trimmed to restore the order.
///
/// One thread on purpose: the three variants take well under a millisecond, and on a virtual
/// machine waking a second core costs more than it saves (measured here: starting a thread
/// 60–75 µs; rayon tasks, whose idle pool threads take a few hundred µs to wake between
/// drags, made the benchmark's re-plan + compare slower: median 1.18 against 1.10 ms).
pub fn periodize_all(input: &PlanInput<'_>, map: &SeasonMap) -> [SeasonDraft; 3] {
    let days = day_infos(input, map);
    // The paces are the athlete's, the same for every variant: solved once.
    let paces = PaceBook::for_athlete(input.athlete, input.today);
    let [mut conservative, mut moderate, mut aggressive] =
        VariantKind::ALL.map(|v| Planner::new(input, v, map, &days, &paces));
    conservative.plan_weeks();
    moderate.plan_weeks();
    aggressive.plan_weeks();
    let mut planners = [conservative, moderate, aggressive];
    // Ordering and taper calibration adjust each other a little; a few rounds settle both.
    for _ in 0..4 {
        let [conservative, moderate, aggressive] = &mut planners;
        keep_below(moderate, aggressive);
        keep_below(conservative, moderate);
        for p in &mut planners {
            p.calibrate_tapers();
        }
        let [c, m, a] = &planners;
        if is_below(c, m) && is_below(m, a) {
            break;
        }
    }
    planners.map(Planner::finish)
}

fn is_below(lower: &Planner<'_>, upper: &Planner<'_>) -> bool {
    let (peak_l, total_l) = lower.training_peak_total();
    let (peak_u, total_u) = upper.training_peak_total();
    peak_l <= peak_u && total_l <= total_u
}

/// The most a variant's easy volume is trimmed to stay below the next variant. A lower
/// variant further above than this is not a matter of easy volume (its workouts or ramp
/// pattern carry more load), and trimming more takes its weeks apart: each trimmed week
/// lowers the ramp reference of the next, down to empty weeks.
const MAX_ORDER_TRIM: f64 = 0.85;

/// Trims `lower`'s easy volume until its peak and total training load are at most `upper`'s.
/// When that would take more than [`MAX_ORDER_TRIM`] (or `lower`'s weeks are already another
/// variant's), `lower` keeps its weeks and `upper` takes them too: they are within `upper`'s
/// caps (its ramp cap is at least `lower`'s, the coach's guardrails are the same), and a
/// heavier plan is what `upper` stands for.
fn keep_below(lower: &mut Planner<'_>, upper: &mut Planner<'_>) {
    let (peak_u, total_u) = upper.training_peak_total();
    let fits = |p: &Planner<'_>| {
        let (peak, total) = p.training_peak_total();
        peak <= peak_u && total <= total_u
    };
    if fits(lower) {
        return;
    }
    let original = lower.weeks.clone();
    let mut trimmed = 1.0;
    // Weeks `lower` took from the variant below it are not trimmed: that variant would be
    // above it again. They move up instead.
    let tries = if lower.same_as.is_some() { 0 } else { 12 };
    for _ in 0..tries {
        let (peak_l, total_l) = lower.training_peak_total();
        let ratio = (peak_u / peak_l.max(1.0)).min(total_u / total_l.max(1.0)) * 0.99;
        trimmed *= ratio;
        if trimmed < MAX_ORDER_TRIM {
            break;
        }
        lower.scale_build_up_volume(ratio);
        lower.reenforce_ramps();
        if fits(lower) {
            return;
        }
    }
    lower.weeks = original;
    upper.weeks = lower.weeks.clone();
    upper.same_as = Some(lower.params.variant);
}

/// A week before its sessions are rendered.
#[derive(Clone)]
struct PlannedWeek {
    start: NaiveDate,
    phase: PhaseKind,
    down_week: bool,
    slots: Vec<Slot>,
    /// Position in the labelled phase ("Build 3/7").
    n: usize,
    of: usize,
    /// A base, build or race-specific week before any taper day.
    pre_taper: bool,
    /// Why the week is lighter, when it is ("down week (every 4th week)").
    headline_change: String,
    notes: Vec<String>,
    class: RaceDistance,
}

struct Planner<'a> {
    input: &'a PlanInput<'a>,
    map: &'a SeasonMap,
    params: VariantParams,
    paces: &'a PaceBook,
    v0: f64,
    peak: f64,
    cap_minutes: Option<f64>,
    pre_season_load: f64,
    days: &'a [DayInfo],
    weeks: Vec<PlannedWeek>,
    /// The lighter variant whose weeks this one took (see [`keep_below`]).
    same_as: Option<VariantKind>,
}

impl<'a> Planner<'a> {
    fn new(
        input: &'a PlanInput<'a>,
        variant: VariantKind,
        map: &'a SeasonMap,
        days: &'a [DayInfo],
        paces: &'a PaceBook,
    ) -> Self {
        let athlete = input.athlete;
        let params = variant_params(variant, athlete, input.guardrails);
        let easy_pace = paces.easy_s_per_km();
        let v0 = (athlete.weekly_volume_km * easy_pace / 60.0).max(60.0);
        let cap_minutes = input
            .guardrails
            .max_weekly_volume_km
            .map(|km| km * easy_pace / 60.0);
        let mut peak = v0 * params.peak_factor;
        if athlete.runner_type == RunnerType::Comeback
            && let Some(cap) = cap_minutes
        {
            // A comeback rebuilds toward the level the coach's cap stands for.
            peak = cap * comeback_volume_share(variant);
        }
        if let Some(cap) = cap_minutes {
            peak = peak.min(cap);
        }
        let peak = peak.max(v0.min(cap_minutes.unwrap_or(f64::INFINITY)));
        let pre_season_load = v0 * CURRENT_TRAINING_RPE + supplementary_load(athlete);
        Self {
            input,
            map,
            params,
            paces,
            v0,
            peak,
            cap_minutes,
            pre_season_load,
            days,
            weeks: Vec::new(),
            same_as: None,
        }
    }

    fn calibrate_tapers(&mut self) {
        for cycle in &self.map.cycles {
            self.calibrate_taper(cycle);
        }
    }

    /// Weeks whose days are too alike (monotony near Foster's 2.0) get more contrast: minutes
    /// move from the shortest to the longest easy run of the same effort, so load and ramp
    /// stay as they are.
    fn add_contrast(&mut self) {
        let days = self.days;
        // The taper's final days are calibrated as a block: minutes never cross into or out of it.
        let first = self.map.start;
        let in_final = |week_start: NaiveDate, s: &Slot| {
            usize::try_from((week_start - first).num_days() + s.day as i64)
                .ok()
                .and_then(|i| days.get(i))
                .is_some_and(|d| d.a_taper && d.final_week)
        };
        let mut weeks = std::mem::take(&mut self.weeks);
        let ceiling = |week: &PlannedWeek, slot: &Slot| self.easy_ceiling(week, slot, true);
        for week in &mut weeks {
            let start = week.start;
            for _ in 0..4 {
                let mut days = [0.0f64; 7];
                for s in &week.slots {
                    if let Some(d) = days.get_mut(s.day) {
                        *d += s.load();
                    }
                }
                if super::load::monotony(&days).is_none_or(|m| m < 1.9) {
                    break;
                }
                let movable =
                    |s: &Slot| s.flexible && s.race.is_none() && s.kind != SessionType::Long;
                let Some(lo) = week
                    .slots
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| movable(s))
                    .min_by(|a, b| a.1.minutes.total_cmp(&b.1.minutes))
                    .map(|(i, _)| i)
                else {
                    break;
                };
                let group = in_final(start, &week.slots[lo]);
                let rpe = week.slots[lo].rpe;
                let Some(hi) = week
                    .slots
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| {
                        *i != lo && movable(s) && s.rpe == rpe && in_final(start, s) == group
                    })
                    .max_by(|a, b| a.1.minutes.total_cmp(&b.1.minutes))
                    .map(|(i, _)| i)
                else {
                    break;
                };
                let room = ceiling(week, &week.slots[hi]) - week.slots[hi].minutes;
                let shift = (week.slots[lo].minutes * 0.35).min(room).floored();
                if week.slots[lo].minutes - shift < MIN_SESSION_MIN || shift < 1.0 {
                    break;
                }
                week.slots[lo].minutes -= shift;
                week.slots[hi].minutes += shift;
            }
        }
        self.weeks = weeks;
    }

    /// The most minutes an easy run may have once placed: recovery jogs stay short, the
    /// shakeout before a race too, and no easy run is as long as the week's long run.
    fn easy_ceiling(&self, week: &PlannedWeek, slot: &Slot, below_long: bool) -> f64 {
        if slot.race.is_some()
            || !matches!(
                slot.kind,
                SessionType::Easy | SessionType::Recovery | SessionType::Strides
            )
        {
            return f64::INFINITY;
        }
        let mut max = f64::INFINITY;
        if slot.kind == SessionType::Recovery {
            max = RECOVERY_RUN_MAX_MIN;
        }
        let offset = (week.start - self.map.start).num_days() + slot.day as i64;
        if usize::try_from(offset)
            .ok()
            .and_then(|i| self.days.get(i))
            .is_some_and(|d| d.pre_race)
        {
            max = max.min(PRE_RACE_MAX_MIN);
        }
        if below_long
            && let Some(long) = week
                .slots
                .iter()
                .find(|s| s.kind == SessionType::Long)
                .map(|s| s.minutes)
        {
            max = max.min((long * MEDIUM_LONG_OF_LONG).floored());
        }
        max.max(MIN_SESSION_MIN)
    }

    /// Calibrates the tapers and renders the draft.
    fn finish(mut self) -> SeasonDraft {
        self.calibrate_tapers();
        // Calibration shrank the taper's other days: its long runs stay within their share.
        // Only lighter weeks are touched, and no ramp is measured from one of those.
        let mut weeks = std::mem::take(&mut self.weeks);
        for week in weeks.iter_mut().filter(|w| w.down_week) {
            self.enforce_long_share(week, false);
        }
        self.weeks = weeks;
        self.add_contrast();
        let weeks = self.render();
        let athlete = self.input.athlete;
        let easy_pace = self.paces.easy_s_per_km();
        let mut notes = self.map.notes.clone();
        let peak_why = match self.input.guardrails.max_weekly_volume_km {
            Some(cap) if athlete.runner_type == RunnerType::Comeback => text!(
                Fixed0(comeback_volume_share(self.params.variant) * 100.0),
                " % of the coach's ",
                Fixed0(cap),
                " km cap: a comeback rebuilds toward it at the ramp cap as the weeks allow, ",
                Fixed0(athlete.weekly_volume_km),
                " km now"
            ),
            _ => format!(
                "×{:.2} of {} km now",
                self.peak / self.v0,
                Fixed0(athlete.weekly_volume_km)
            ),
        };
        notes.insert(
            0,
            text!(
                self.params.variant.label(),
                " variant: ramp ≤ ",
                Fixed0(self.params.ramp * 100.0),
                " % (",
                self.params.ramp_reason,
                "), down week ",
                self.params.down_reason,
                ", peak ≈ ",
                Fixed0(self.peak * 60.0 / easy_pace),
                " km/week (",
                peak_why,
                "). Paces: ",
                self.paces.source,
                "."
            ),
        );
        if let Some(lighter) = self.same_as {
            notes.insert(
                1,
                format!(
                    "Same weeks as the {} variant: this variant's own draft came out lighter within the same caps, and a bolder variant never plans less training than a more careful one.",
                    lighter.code()
                ),
            );
        }
        SeasonDraft {
            variant: self.params.variant,
            generated_on: self.input.today,
            phases: self.map.phases.clone(),
            weeks,
            pmc_start: pmc_start_steady(self.pre_season_load / 7.0),
            notes,
        }
    }

    /// Peak weekly and total training load (races aside).
    fn training_peak_total(&self) -> (f64, f64) {
        let loads = self.weeks.iter().map(nonrace_load);
        loads.fold((0.0, 0.0), |(peak, total), l| {
            (f64::max(peak, l), total + l)
        })
    }

    /// Scales the easy volume of base, build and race-specific weeks.
    fn scale_build_up_volume(&mut self, factor: f64) {
        for week in &mut self.weeks {
            if !matches!(
                week.phase,
                PhaseKind::Base | PhaseKind::Build | PhaseKind::Specific
            ) {
                continue;
            }
            for slot in &mut week.slots {
                if slot.flexible && slot.race.is_none() {
                    slot.minutes = (slot.minutes * factor).floored();
                }
            }
            week.slots
                .retain(|s| s.minutes >= MIN_SESSION_MIN || s.race.is_some());
        }
    }

    /// Applies the ramp cap again, in week order, after volumes changed.
    fn reenforce_ramps(&mut self) {
        let mut prev_nonrace = self.pre_season_load;
        let mut last_normal = self.pre_season_load;
        let mut prev_down = false;
        let (mut prev_km, mut last_normal_km) = (0.0, 0.0);
        let mut prev_long = None;
        let mut weeks = std::mem::take(&mut self.weeks);
        for week in &mut weeks {
            // The weeks had their shape before the scaling: one over the cap now is scaled
            // as a whole (workouts too), not reshaped — turning a workout into an easy run
            // loses more load than needed, and the next week, measured on this one, would
            // lose more again. Not the comeback distance ramp either: scaling only lowers
            // volumes, and re-measuring each week on a trimmed one compounds the same way.
            let reference = if prev_down { last_normal } else { prev_nonrace };
            let limit = reference * (1.0 + self.params.ramp);
            let load = nonrace_load(week);
            if load > limit && load > 0.0 {
                let factor = limit / load;
                for slot in week.slots.iter_mut().filter(|s| s.race.is_none()) {
                    slot.minutes = (slot.minutes * factor).floored();
                }
                week.slots
                    .retain(|s| s.minutes >= MIN_SESSION_MIN || s.race.is_some());
            }
            if prev_down {
                self.enforce_down_week(week, last_normal, last_normal_km);
            } else {
                self.enforce_down_week(week, prev_nonrace, prev_km);
            }
            // A workout made an easy run shrinks the week's running: the long run keeps its share.
            self.enforce_long_share(week, false);
            self.cap_b_race_week_easy(week, prev_long);
            prev_long = long_minutes(week);
            prev_nonrace = nonrace_load(week);
            prev_down = week.down_week;
            prev_km = self.rendered_km(week);
            if !week.down_week {
                last_normal = prev_nonrace;
                last_normal_km = prev_km;
            }
        }
        self.weeks = weeks;
    }

    fn plan_weeks(&mut self) {
        let pre_season_load = self.pre_season_load;
        let athlete = self.input.athlete;
        let n_weeks = self.map.weeks();
        let mut level = self.v0;
        let mut since_down = 0usize;
        let mut prev_down = false;
        let mut prev_run_km = 0.0;
        let mut prev_run_minutes = 0.0;
        let mut last_normal_run_km = 0.0;
        let mut last_normal_nonrace = pre_season_load;
        let mut prev_nonrace = pre_season_load;
        let mut pre_taper_level = self.v0;
        let mut cycle_peak_level = self.v0;
        let mut seen_types: Vec<SessionType> = Vec::new();
        // Weeks with quality so far in this cycle (a comeback's workouts grow with them).
        let mut quality_weeks = 0usize;
        let mut current_cycle: Option<usize> = None;
        let mut long_min_prev: Option<f64> = None;
        let mut peak_long: Option<f64> = None;
        for w in 0..n_weeks {
            let Some(days) = self.days.get(w * 7..w * 7 + 7) else {
                break;
            };
            let Ok(days): Result<&[DayInfo; 7], _> = days.try_into() else {
                break;
            };
            let start = days[0].date;
            let cycle_index = self
                .map
                .cycles
                .iter()
                .position(|c| c.start <= start && start <= c.recovery_end);
            let cycle = cycle_index.and_then(|i| self.map.cycles.get(i));
            if cycle_index != current_cycle {
                // A new macro-cycle: resume near the last cycle's level after its recovery.
                if current_cycle.is_some() {
                    level = (cycle_peak_level * 0.8).max(self.v0);
                    since_down = 0;
                    seen_types.clear();
                    peak_long = None;
                    quality_weeks = 0;
                }
                current_cycle = cycle_index;
            }
            let class = cycle.map_or(RaceDistance::TenK, |c| c.class);
            let label = week_label(days, self.map, cycle);
            let (n, of) = phase_position(self.map, cycle, start, label);
            let mean_factor = days.iter().map(|d| d.volume_factor).sum::<f64>() / 7.0;
            // "Valentine 5K (B) on Sun": the race a lighter week is lighter for.
            let race_in_week = |priority: Priority| {
                days.iter().find_map(|d| {
                    let race = self.input.races.get(d.race?)?;
                    (race.priority == priority).then(|| {
                        text!(
                            race.name,
                            " (",
                            priority.letter(),
                            ") on ",
                            weekday_short(d.date.weekday())
                        )
                    })
                })
            };
            let has_c_race = days.iter().any(|d| {
                d.race
                    .is_some_and(|r| self.input.races[r].priority == Priority::C)
            });
            // The week holding a B race is its lighter week; a neighbouring week only when its
            // mini-taper or short recovery fills most of it (otherwise those days are just
            // short easy runs, and two down weeks in a row would compound).
            let b_race_days = days.iter().filter(|d| d.b_easy).count();
            let has_b_race = b_race_days >= 4
                || days.iter().any(|d| {
                    d.race
                        .is_some_and(|r| self.input.races[r].priority == Priority::B)
                });
            let pre_taper = matches!(
                label,
                PhaseKind::Base | PhaseKind::Build | PhaseKind::Specific
            ) && !days.iter().any(|d| d.a_taper);
            let week_of_cycle = cycle.map_or(w, |c| {
                usize::try_from((start - c.start).num_days() / 7).unwrap_or(0)
            });
            let comeback = athlete.runner_type == RunnerType::Comeback;
            let run_walk = comeback && w < COMEBACK_RUN_WALK_WEEKS;
            let no_quality = comeback && w < COMEBACK_EASY_WEEKS;

            // Volume for the week.
            let mut down_week = false;
            let mut headline_change = String::new();
            let run_minutes;
            if pre_taper {
                let ceiling = match label {
                    PhaseKind::Base => self.v0 + 0.75 * (self.peak - self.v0),
                    PhaseKind::Build => self.v0 + 0.92 * (self.peak - self.v0),
                    _ => self.peak,
                };
                let last_before_taper = cycle.is_some_and(|c| {
                    start.checked_add_days(Days::new(7)).is_some_and(|next| {
                        next >= self.input.season.week_start.week_of(c.taper_start)
                    })
                });
                since_down += 1;
                let planned_down =
                    w > 0 && since_down >= self.params.down_every && !last_before_taper;
                if has_b_race || planned_down {
                    down_week = true;
                    since_down = 0;
                    // From what the week before really ran (caps may have trimmed it below
                    // the level), so the down week is lighter than the week it follows.
                    let basis = if prev_run_minutes > 0.0 {
                        level.min(prev_run_minutes)
                    } else {
                        level
                    };
                    run_minutes = basis * DOWN_WEEK_FACTOR.min(mean_factor.max(0.5));
                    headline_change = if has_b_race {
                        match race_in_week(Priority::B) {
                            Some(race) => text!("lighter week: ", race, " this week"),
                            None => "lighter week around a B race".to_owned(),
                        }
                    } else {
                        text!("down week (", self.params.down_reason, ")")
                    };
                } else {
                    if has_c_race {
                        // The race replaces a workout: a lighter training week.
                        down_week = true;
                        headline_change = match race_in_week(Priority::C) {
                            Some(race) => {
                                text!("lighter training: ", race, " this week replaces a workout")
                            }
                            None => "a C race replaces a workout".to_owned(),
                        };
                    }
                    if w > 0 {
                        // Spread the climb to the phase ceiling over the phase's remaining
                        // weeks, never faster than the ramp cap.
                        let remaining = of.saturating_sub(n) + 1;
                        let climbing = (remaining - remaining / self.params.down_every).max(1);
                        let needed = (ceiling.max(level) / level).powf(1.0 / climbing as f64) - 1.0;
                        let growth = needed.clamp(0.0, self.params.ramp);
                        level *= 1.0 + growth;
                    }
                    run_minutes = level * mean_factor;
                }
                pre_taper_level = level;
                cycle_peak_level = cycle_peak_level.max(level);
            } else {
                down_week = true;
                since_down = 0;
                run_minutes = pre_taper_level * mean_factor;
            }
            let run_minutes = match self.cap_minutes {
                Some(cap) => run_minutes.min(cap),
                None => run_minutes,
            };

            // Quality sessions and their reasons.
            let races_in_week = days
                .iter()
                .filter(|d| d.race.is_some_and(|r| cycle.is_none_or(|c| c.race != r)))
                .count();
            let mut quality_count = match label {
                // A comeback: continuous easy running and strides before the first tempo.
                PhaseKind::Base if comeback && week_of_cycle < COMEBACK_TEMPO_FROM_WEEK => 0,
                PhaseKind::Base if week_of_cycle >= 2 => self.params.quality_base,
                // An experienced athlete's current training already has its workout (the
                // pre-season load assumes it): the season keeps it from the first week, so a
                // workout arriving in week 3 does not cost a third of the running under the
                // load cap. After a recovery block, two easy weeks come first.
                PhaseKind::Base if current_cycle == Some(0) && !athlete.is_beginner() => {
                    self.params.quality_base
                }
                PhaseKind::Base => 0,
                PhaseKind::Build => self.params.quality_build,
                PhaseKind::Specific => self.params.quality_specific,
                PhaseKind::Taper | PhaseKind::Race => 1,
                PhaseKind::Recovery => 0,
            };
            if down_week && pre_taper && quality_count > 1 {
                quality_count -= 1;
            }
            // B and C races replace a workout; the A race week keeps its short sharpener.
            let all_races = days.iter().filter(|d| d.race.is_some()).count();
            let race_count = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
            quality_count = quality_count.saturating_sub(race_count(races_in_week)).min(
                self.input
                    .guardrails
                    .max_hard_sessions_per_week
                    .saturating_sub(race_count(all_races)),
            );
            if no_quality {
                quality_count = 0;
            }
            // A comeback's first workout comes in a normal week, not a down week.
            if comeback && down_week && pre_taper && quality_weeks == 0 {
                quality_count = 0;
            }
            let mut quality = self.choose_quality(label, class, n, quality_count, &mut seen_types);
            // A comeback's workouts start short and grow a little every week they are done.
            if comeback {
                let grown = MIN_QUALITY_MIN + 3.0 * quality_weeks as f64;
                for q in &mut quality {
                    q.1 = q.1.min(grown);
                }
            }
            if !quality.is_empty() {
                quality_weeks += 1;
            }
            // A down week's workouts are no bigger than last week's: the week is for absorbing.
            if down_week
                && pre_taper
                && let Some(last) = self.weeks.last()
            {
                let last_quality = |kind: Option<SessionType>| {
                    last.slots
                        .iter()
                        .filter(|s| s.kind.is_hard() && s.race.is_none())
                        .filter(|s| kind.is_none_or(|k| s.kind == k))
                        .map(|s| s.minutes)
                        .reduce(f64::min)
                };
                for q in &mut quality {
                    if let Some(m) = last_quality(Some(q.0)).or(last_quality(None)) {
                        q.1 = q.1.min(m.max(MIN_QUALITY_MIN));
                    }
                }
            }
            // Quality fits the week: at most ~30 % of its minutes each, ~45 % together.
            // Sessions are shortened to fit (down to the shortest real workout) before one is
            // dropped, and a dropped one is named in the week's reasons.
            for q in &mut quality {
                q.1 =
                    q.1.min((run_minutes * QUALITY_SESSION_SHARE).max(MIN_QUALITY_MIN));
            }
            let mut quality_notes = Vec::new();
            while quality.len() > 1 {
                let budget = run_minutes * QUALITY_WEEK_SHARE;
                let total: f64 = quality.iter().map(|q| q.1).sum();
                if total <= budget {
                    break;
                }
                let floor = MIN_QUALITY_MIN * quality.len() as f64;
                if budget >= floor {
                    // Shorten the longer sessions first, none below the shortest workout.
                    let excess_room: f64 = quality.iter().map(|q| q.1 - MIN_QUALITY_MIN).sum();
                    let cut = (total - budget) / excess_room.max(1.0);
                    for q in &mut quality {
                        q.1 = (q.1 - (q.1 - MIN_QUALITY_MIN) * cut).floored();
                    }
                    break;
                }
                if let Some((kind, _, _)) = quality.pop() {
                    quality_notes.push(text!(
                        kind.label(),
                        " left out: ",
                        quality.len() + 1,
                        " quality sessions do not fit in ",
                        Fixed0(QUALITY_WEEK_SHARE * 100.0),
                        " % of the week's ",
                        Fixed0(run_minutes),
                        " running minutes"
                    ));
                }
            }

            // The long run.
            let long_run = self.long_run(LongRunAsk {
                label,
                class,
                n,
                run_minutes,
                down_week,
                run_walk,
                week_index: w,
                prev: long_min_prev,
                peak_long,
            });
            long_min_prev = long_run.as_ref().map(|l| l.0).or(long_min_prev);
            if pre_taper && let Some((m, _, _)) = &long_run {
                peak_long = Some(peak_long.map_or(*m, |p: f64| p.max(*m)));
            }

            let strides_days = match label {
                _ if no_quality => 0,
                PhaseKind::Base | PhaseKind::Build | PhaseKind::Specific => {
                    if class <= RaceDistance::TenK { 2 } else { 1 }
                }
                PhaseKind::Taper | PhaseKind::Race => 1,
                PhaseKind::Recovery => 0,
            };
            let wants_strength = wants_strength(athlete);
            let strength_sessions = match (wants_strength, label) {
                (false, _) | (true, PhaseKind::Race | PhaseKind::Recovery) => 0,
                (true, PhaseKind::Taper) => 1,
                // A down week is lighter in everything: one strength session.
                (true, _) if down_week => 1,
                (true, _) => 2,
            };
            let cross_training = wants_cross_training(athlete) && label == PhaseKind::Base;

            let nearby_hard = self.nearby_hard(w);
            let built: BuiltWeek = build_week(&WeekRequest {
                days,
                athlete,
                min_rest_days: self.input.guardrails.min_rest_days_per_week,
                hard_spacing_days: self.params.hard_spacing_days,
                nearby_hard: &nearby_hard,
                run_minutes,
                frequency_minutes: if days.iter().any(|d| d.a_taper) {
                    pre_taper_level
                } else {
                    run_minutes
                },
                quality: &quality,
                long_run,
                strides_days,
                strength_sessions,
                cross_training,
                run_walk,
                beginner: athlete.is_beginner(),
                min_easy_min: min_easy_run_min(run_minutes * 60.0 / self.paces.easy_s_per_km()),
                // Not in a B race's week: its days around the race are short and easy.
                medium_long: !has_b_race
                    && pre_taper
                    && (matches!(class, RaceDistance::Marathon | RaceDistance::Half)
                        && label != PhaseKind::Base
                        || class == RaceDistance::Marathon),
            });
            let mut week = PlannedWeek {
                start,
                phase: label,
                down_week,
                slots: built.slots,
                n,
                of,
                pre_taper,
                headline_change,
                notes: {
                    let mut notes = quality_notes;
                    notes.extend(built.notes);
                    notes
                },
                class,
            };
            for d in days {
                if let Some(ri) = d.race {
                    let race = &self.input.races[ri];
                    week.notes.push(match race.priority {
                        Priority::A => {
                            text!(race.name, " (A) on ", weekday_short(d.date.weekday()))
                        }
                        Priority::B => text!(
                            race.name,
                            " (B) on ",
                            weekday_short(d.date.weekday()),
                            ": ",
                            b_race_taper_days(race.class()),
                            "-day mini-taper and a short recovery"
                        ),
                        Priority::C => text!(
                            race.name,
                            " (C) on ",
                            weekday_short(d.date.weekday()),
                            ": trained through, replaces a workout"
                        ),
                    });
                }
            }
            self.fill_race_minutes(&mut week);
            // Whole minutes from here on, so what the caps check is what the plan shows.
            for slot in &mut week.slots {
                slot.minutes = slot.minutes.rounded();
            }
            let prev_long = self.weeks.last().and_then(long_minutes);
            self.cap_b_race_week_easy(&mut week, prev_long);
            self.enforce_long_share(&mut week, true);
            let mut cap_reason =
                self.enforce_ramp(&mut week, prev_nonrace, prev_down, last_normal_nonrace);
            // After a down week the distance climbs back to the last normal week's, plus
            // the cap (the ramp warning measures it the same way).
            let km_reference = if prev_down {
                last_normal_run_km
            } else {
                prev_run_km
            };
            if comeback && km_reference > 0.0 {
                cap_reason = cap_reason.or(self.enforce_distance_ramp(&mut week, km_reference));
            }
            if let Some(reason) = cap_reason {
                week.notes.push(reason);
            }
            // Shortened workouts shrink the week: the long run stays within its share.
            self.enforce_long_share(&mut week, true);

            if let Some(note) = self.enforce_volume_cap(&mut week) {
                week.notes.push(note);
            }
            self.consolidate_easy_runs(&mut week);
            // Measured on the week before, or after lighter weeks on the last normal week
            // (as the ramp is): down weeks in a row do not compound.
            if prev_down {
                self.enforce_down_week(&mut week, last_normal_nonrace, last_normal_run_km);
            } else {
                self.enforce_down_week(&mut week, prev_nonrace, prev_run_km);
            }
            prev_nonrace = nonrace_load(&week);
            prev_down = week.down_week;
            if !week.down_week {
                last_normal_nonrace = nonrace_load(&week);
            }
            prev_run_minutes = run_minutes_of(&week);
            // The caps may have trimmed the week below its planned level (a first workout, a
            // longer long run): the next week grows from what this one really runs, so
            // planned and capped weeks do not drift apart (and trims do not leave stubs).
            if comeback && pre_taper && !week.down_week && mean_factor > 0.3 {
                level = level
                    .min(prev_run_minutes / mean_factor)
                    .max(MIN_SESSION_MIN);
                pre_taper_level = level;
            }
            prev_run_km = self.rendered_km(&week);
            if !week.down_week {
                last_normal_run_km = prev_run_km;
            }
            self.weeks.push(week);
        }
    }

    /// Quality sessions for a week: the phase's types, adjusted for equipment, dislikes, the
    /// favourite workout, beginners, and "no new types close to the race".
    fn choose_quality(
        &self,
        label: PhaseKind,
        class: RaceDistance,
        n: usize,
        count: u8,
        seen: &mut Vec<SessionType>,
    ) -> Vec<(SessionType, f64, String)> {
        let athlete = self.input.athlete;
        if count == 0 {
            return Vec::new();
        }
        let comeback = athlete.runner_type == RunnerType::Comeback;
        let candidates: &[SessionType] = if athlete.is_beginner() {
            &[SessionType::Threshold]
        } else if comeback {
            comeback_quality_types(label, class)
        } else {
            quality_types(label, class, n)
        };
        // Minutes are set once the types are settled.
        let mut chosen: Vec<(SessionType, f64, String)> = Vec::with_capacity(usize::from(count));
        for &kind in candidates {
            if chosen.len() >= usize::from(count) {
                break;
            }
            let mut kind = kind;
            let mut why = text!(label.label(), " quality");
            if comeback && kind == SessionType::Threshold && label == PhaseKind::Base {
                why = "Comeback: steady tempo running is the first intensity to return".to_owned();
            }
            if comeback
                && matches!(label, PhaseKind::Base | PhaseKind::Build)
                && achilles_or_calf_history(athlete)
            {
                why.push_str(
                    " · no hills yet: uphill running loads the Achilles and calf (injury history)",
                );
            }
            if kind == SessionType::Hills
                && achilles_or_calf_history(athlete)
                && matches!(label, PhaseKind::Base | PhaseKind::Build)
            {
                kind = SessionType::Threshold;
                why.push_str(" · threshold instead of hills: uphill running loads the Achilles and calf (injury history)");
            }
            if kind == SessionType::Hills && !athlete.equipment.hills {
                kind = SessionType::Threshold;
                why.push_str(" · no hills nearby: threshold instead of hill reps");
            }
            if athlete.preferences.disliked.contains(&kind) {
                match equivalent_type(kind, class)
                    .filter(|e| !athlete.preferences.disliked.contains(e))
                    .filter(|e| *e != SessionType::Hills || athlete.equipment.hills)
                {
                    Some(instead) => {
                        push_text!(
                            why,
                            " · ",
                            instead.label(),
                            " instead of ",
                            kind.label(),
                            " (disliked)"
                        );
                        kind = instead;
                    }
                    None => push_text!(
                        why,
                        " · ",
                        kind.label(),
                        " kept although disliked: no equivalent here"
                    ),
                }
            }

            // Close to the race: only session types the athlete already knows from this cycle.
            if matches!(
                label,
                PhaseKind::Specific | PhaseKind::Taper | PhaseKind::Race
            ) && !seen.is_empty()
                && !seen.contains(&kind)
                && let Some(known) = seen
                    .iter()
                    .copied()
                    .find(|k| !chosen.iter().any(|(c, _, _)| c == k))
            {
                push_text!(
                    why,
                    " · ",
                    known.label(),
                    " rather than a new ",
                    kind.label(),
                    " this close to the race"
                );
                kind = known;
            }
            if chosen.iter().any(|(c, _, _)| *c == kind) {
                continue;
            }
            chosen.push((kind, 0.0, why));
        }
        // The favourite workout, weekly when the phase allows.
        if let Some(fav) = athlete.preferences.favourite
            && fav.is_hard()
            && fav != SessionType::Race
            && (fav != SessionType::Hills || athlete.equipment.hills)
            && matches!(
                label,
                PhaseKind::Base | PhaseKind::Build | PhaseKind::Specific
            )
            && !chosen.iter().any(|(k, _, _)| *k == fav)
            && (label != PhaseKind::Specific || seen.contains(&fav))
            && let Some(last) = chosen.last_mut()
        {
            *last = (
                fav,
                0.0,
                text!(
                    label.label(),
                    " quality · ",
                    fav.label(),
                    " kept weekly: the athlete's favourite"
                ),
            );
        }
        for (kind, minutes, why) in &mut chosen {
            if *kind == SessionType::Intervals && !athlete.equipment.track {
                why.push_str(" · no track: on road or treadmill");
            }
            if !seen.contains(kind) {
                seen.push(*kind);
            }
            *minutes = quality_minutes(*kind, label, n, class);
        }
        chosen
    }

    fn long_run(&self, ask: LongRunAsk) -> Option<(f64, bool, String)> {
        let athlete = self.input.athlete;
        let comeback = athlete.runner_type == RunnerType::Comeback;
        // A comeback gets a modest long run (from two hours of running a week).
        let min_long = self.min_long_run();
        if ask.run_walk || ask.run_minutes < 120.0 {
            return None;
        }
        let easy = self.paces.easy_s_per_km();
        let (cap_km, cap_min) = long_run_cap(ask.class);
        let cap = (cap_km * easy / 60.0).min(cap_min);
        let guard_share = self.input.guardrails.max_long_run_share_pct / 100.0;
        let (minutes, limit) = if let Some(step) = long_run_step(ask.label, ask.n) {
            let peak = ask.peak_long.unwrap_or(ask.run_minutes * LONG_RUN_SHARE);
            (
                (peak * step).min(ask.run_minutes * guard_share),
                text!(" (", Fixed0(step * 100.0), " % of the longest long run)"),
            )
        } else {
            let share = match ask.label {
                PhaseKind::Base if comeback => guard_share,
                PhaseKind::Base => LONG_RUN_SHARE - 0.02,
                PhaseKind::Specific if ask.class == RaceDistance::Marathon => LONG_RUN_SHARE + 0.02,
                PhaseKind::Build | PhaseKind::Specific => LONG_RUN_SHARE,
                _ => return None,
            }
            .min(guard_share);
            // Long-run progression: from the longest recent run, about 1.5 km more per week.
            let progression_km =
                athlete.longest_recent_run_km.max(8.0) + 1.5 * (ask.week_index as f64 + 1.0);
            let progression = progression_km * easy / 60.0;
            let by_share = ask.run_minutes * share;
            let mut minutes = by_share.min(cap).min(progression);
            if ask.down_week {
                minutes = minutes.min(ask.prev.unwrap_or(minutes) * 0.8);
            }
            // Name what holds the long run where it is.
            let limit = if ask.down_week && minutes < by_share.min(cap).min(progression) - 0.5 {
                " (down week: 80 % of last week's)".to_owned()
            } else if minutes >= cap - 0.5 {
                text!(
                    " (cap for the ",
                    ask.class.label(),
                    ": ",
                    Fixed0(cap_km),
                    " km or ",
                    Fixed0(cap_min),
                    " min)"
                )
            } else if minutes >= progression - 0.5 {
                " (progression from the longest recent run: about 1.5 km more a week)".to_owned()
            } else if share >= guard_share - 1e-9 {
                text!(
                    " (held by the coach's ",
                    Fixed0(guard_share * 100.0),
                    " % long-run share of the week)"
                )
            } else {
                text!(
                    " (the phase's ",
                    Fixed0(share * 100.0),
                    " % share of the week)"
                )
            };
            (minutes, limit)
        };
        let minutes = minutes.rounded();
        if minutes < min_long {
            return None;
        }
        // Marathon: race-specific long runs carry marathon-pace segments most weeks (SCIENCE.md,
        // "long runs with marathon-pace segments"), not in down weeks; the half every other week.
        let with_pace = ask.label == PhaseKind::Specific
            && match ask.class {
                RaceDistance::Marathon => !ask.down_week,
                RaceDistance::Half => ask.n.is_multiple_of(2),
                _ => false,
            };
        // The distance and share are written when the session is rendered (see `render`).
        Some((minutes, with_pace, text!(LONG_RUN_WHY, limit)))
    }

    /// The shortest run worth calling a long run for this athlete.
    fn min_long_run(&self) -> f64 {
        if self.input.athlete.runner_type == RunnerType::Comeback {
            COMEBACK_LONG_RUN_MIN
        } else {
            MIN_LONG_RUN_MIN
        }
    }

    /// Hard days of the previous week and race days of the next: spacing crosses weeks.
    fn nearby_hard(&self, w: usize) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if let Some(prev) = w.checked_sub(1).and_then(|p| self.weeks.get(p)) {
            for s in &prev.slots {
                if s.kind.is_hard() {
                    out.push(prev.start + Days::new(s.day as u64));
                }
            }
        }
        if let Some(next) = self.days.get((w + 1) * 7..(w + 2) * 7) {
            out.extend(next.iter().filter(|d| d.race.is_some()).map(|d| d.date));
        }
        out
    }

    /// Race sessions last as long as the predicted race (plus a warm-up for short races).
    fn fill_race_minutes(&self, week: &mut PlannedWeek) {
        for slot in &mut week.slots {
            if let Some(ri) = slot.race {
                let race = &self.input.races[ri];
                let predicted = self.paces.race_time_s(race.distance_km) / 60.0;
                let warmup = if race.distance_km <= 21.0 { 15.0 } else { 0.0 };
                // A session lasts at most a day (the file's limit); races are ≤ 100 km, so
                // this only guards against a pace model gone wrong.
                slot.minutes = (predicted + warmup).rounded().min(24.0 * 60.0);
                slot.why = Cow::Borrowed(match race.priority {
                    Priority::A => "A race",
                    Priority::B => "B race",
                    Priority::C => "C race",
                });
            }
        }
    }

    /// The long run stays within the coach's share of the week's running distance.
    fn enforce_long_share(&self, week: &mut PlannedWeek, redistribute: bool) {
        let share = self.input.guardrails.max_long_run_share_pct / 100.0;
        let easy = self.paces.easy_s_per_km();
        let km_of = |s: &Slot| -> f64 {
            if s.kind.is_run() {
                s.minutes * 60.0 / pace_of(s.kind, easy, self.paces)
            } else {
                0.0
            }
        };
        let Some(li) = week.slots.iter().position(|s| s.kind == SessionType::Long) else {
            return;
        };
        let other: f64 = week
            .slots
            .iter()
            .enumerate()
            .filter(|(i, s)| *i != li && s.race.is_none())
            .map(|(_, s)| km_of(s))
            .sum();
        let long_km = km_of(&week.slots[li]);
        // Margin: minutes-to-km here is an estimate (race-pace segments run faster).
        let max_km = share * other / (1.0 - share).max(0.01) * 0.93;
        if long_km > max_km {
            let before = week.slots[li].minutes;
            let slot = &mut week.slots[li];
            slot.minutes = (slot.minutes * max_km / long_km).floored();
            let freed = before - slot.minutes;
            let note = text!(
                " · shortened to stay within the coach's ",
                Fixed0(share * 100.0),
                " % long-run share of the week"
            );
            if !slot.why.contains(&note) {
                slot.why.to_mut().push_str(&note);
            }
            if slot.minutes < 30.0 {
                slot.kind = SessionType::Easy;
                slot.rpe = 3.0;
                slot.long_with_pace = false;
            }
            // The minutes go to the week's other easy runs rather than vanish: the week keeps
            // its volume (and the next week's ramp its reference). They only lower the share.
            let others: Vec<usize> = week
                .slots
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    *i != li
                        && s.race.is_none()
                        && matches!(s.kind, SessionType::Easy | SessionType::Strides)
                })
                .map(|(i, _)| i)
                .collect();
            if redistribute && !others.is_empty() {
                let each = (freed / others.len() as f64).floored();
                for i in others {
                    week.slots[i].minutes += each;
                }
            }
        }
    }

    /// Week-over-week load stays within the ramp cap. After a down week (or taper, race,
    /// recovery) the week climbs back to at most the last normal week plus the cap, races
    /// aside.
    fn enforce_ramp(
        &self,
        week: &mut PlannedWeek,
        prev_nonrace: f64,
        prev_down: bool,
        last_normal_nonrace: f64,
    ) -> Option<String> {
        let reference = if prev_down {
            last_normal_nonrace
        } else {
            prev_nonrace
        };
        let limit = reference * (1.0 + self.params.ramp);
        let mut notes: Vec<String> = Vec::new();
        if self.input.athlete.runner_type == RunnerType::Comeback {
            notes.extend(give_way_to_running(week, limit));
        }
        let mut shortened = false;
        // Most running stays easy (Seiler's ~80/20): when the cap would squeeze easy volume
        // below EASY_KEPT_UNDER_CAP, the quality sessions are shortened first (not below the shortest
        // real workout), and only then does one go.
        loop {
            let load = nonrace_load(week);
            let fixed: f64 = week
                .slots
                .iter()
                .filter(|s| !s.flexible && s.race.is_none())
                .map(Slot::load)
                .sum();
            let flexible = load - fixed;
            let squeezed = flexible > 0.0 && (limit - fixed) / flexible < EASY_KEPT_UNDER_CAP;
            if load <= limit || !squeezed {
                break;
            }
            let is_quality = |s: &Slot| s.kind.is_hard() && s.race.is_none() && !s.flexible;
            let room: f64 = week
                .slots
                .iter()
                .filter(|s| is_quality(s))
                .map(|s| (s.minutes - MIN_QUALITY_MIN).max(0.0) * s.rpe)
                .sum();
            if !shortened && room >= 1.0 {
                shortened = true;
                let needed = fixed - (limit - EASY_KEPT_UNDER_CAP * flexible);
                let cut = (needed / room).clamp(0.0, 1.0);
                let mut shortest = f64::INFINITY;
                for slot in week.slots.iter_mut().filter(|s| is_quality(s)) {
                    let spare = (slot.minutes - MIN_QUALITY_MIN).max(0.0);
                    slot.minutes = (slot.minutes - (spare * cut).ceil()).max(MIN_QUALITY_MIN);
                    shortest = shortest.min(slot.minutes);
                }
                notes.push(text!(
                    "quality shortened (to ",
                    Fixed0(shortest),
                    " min at the shortest) to fit the ",
                    Fixed0(self.params.ramp * 100.0),
                    " % load cap"
                ));
                continue;
            }
            let Some(slot) = week
                .slots
                .iter_mut()
                .rev()
                .find(|s| s.kind.is_hard() && s.race.is_none())
            else {
                break;
            };
            notes.push(text!(
                slot.kind.label(),
                " made an easy run: the load cap leaves no room for it without cutting easy running"
            ));
            slot.kind = SessionType::Easy;
            slot.rpe = SessionType::Easy.default_rpe();
            slot.flexible = true;
            slot.why = Cow::Borrowed("Easy run in place of a workout the load cap has no room for");
            let next_day = slot.day + 1;
            // The recovery run that followed the workout is now just an easy run.
            for s in week.slots.iter_mut() {
                if s.day == next_day && s.kind == SessionType::Recovery {
                    s.kind = SessionType::Easy;
                    s.rpe = SessionType::Easy.default_rpe();
                    s.why = Cow::Borrowed("Easy aerobic volume");
                }
            }
        }
        let load = nonrace_load(week);
        let joined = |notes: Vec<String>| (!notes.is_empty()).then(|| notes.join(" · "));
        if limit <= 0.0 || load <= limit {
            return joined(notes);
        }
        let fixed: f64 = week
            .slots
            .iter()
            .filter(|s| !s.flexible && s.race.is_none())
            .map(Slot::load)
            .sum();
        let flexible = load - fixed;
        let (factor_flex, factor_fixed) = if fixed < limit && flexible > 0.0 {
            ((limit - fixed) / flexible, 1.0)
        } else {
            (0.0, limit / fixed.max(1.0))
        };
        for slot in &mut week.slots {
            if slot.race.is_some() {
                continue;
            }
            let f = if slot.flexible {
                factor_flex
            } else {
                factor_fixed
            };
            if f < 1.0 {
                slot.minutes = (slot.minutes * f * 0.999).floored();
            }
        }
        week.slots.retain(|s| s.minutes >= 10.0 || s.race.is_some());
        notes.push(text!(
            "volume trimmed to keep the training-load rise within ",
            Fixed0(self.params.ramp * 100.0),
            " %"
        ));
        joined(notes)
    }

    /// Adds an easy run with strides on a free day in `[from, to)`, latest day first but not
    /// the day before the race. Returns whether one was added.
    fn add_taper_run(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        minutes: f64,
        keep_rest_days: bool,
    ) -> bool {
        let mut day = to - chrono::Duration::days(2);
        while day >= from {
            let free = usize::try_from((day - self.map.start).num_days())
                .ok()
                .and_then(|i| self.days.get(i))
                .is_some_and(|d| d.available && !d.rest && d.race.is_none());
            let wi = self
                .weeks
                .iter()
                .position(|w| w.start <= day && day < w.start + Days::new(7));
            if let Some(wi) = wi
                && free
            {
                let rpe = SessionType::Strides.default_rpe();
                let room = self.make_room(wi, minutes * rpe, from, to);
                let minutes = (room / rpe).floored().min(minutes);
                let min_rest = usize::from(self.input.guardrails.min_rest_days_per_week);
                let week = &mut self.weeks[wi];
                let index = usize::try_from((day - week.start).num_days()).unwrap_or(0);
                let mut used: Vec<usize> = week.slots.iter().map(|s| s.day).collect();
                used.sort_unstable();
                used.dedup();
                let keeps_rest = !keep_rest_days || 7 - used.len() > min_rest;
                if minutes >= MIN_SESSION_MIN
                    && keeps_rest
                    && !week.slots.iter().any(|s| s.day == index)
                {
                    week.slots.push(Slot {
                        day: index,
                        kind: SessionType::Strides,
                        minutes,
                        rpe: SessionType::Strides.default_rpe(),
                        why: Cow::Borrowed("Taper: a short easy run with strides keeps the rhythm"),
                        long_with_pace: false,
                        race: None,
                        flexible: true,
                    });
                    week.slots
                        .sort_by_key(|s| (s.day, s.kind == SessionType::Strength));
                    return true;
                }
            }
            day -= chrono::Duration::days(1);
        }
        false
    }

    /// Trims the days of week `wi` outside `[from, to)` so that `needed` more load fits under
    /// the ramp cap; returns the room there is afterwards, within the coach's weekly volume
    /// cap too (the guardrail wins over the taper's load band).
    fn make_room(&mut self, wi: usize, needed: f64, from: NaiveDate, to: NaiveDate) -> f64 {
        let ramp_room = self.make_ramp_room(wi, needed, from, to);
        let Some(cap) = self.input.guardrails.max_weekly_volume_km else {
            return ramp_room;
        };
        // Load of the kilometres left under the cap, run as easy running with strides (what
        // the taper adds); workouts cover more ground per load, so this errs low.
        let easy_rpe = SessionType::Easy.default_rpe();
        let min_per_km = self.paces.easy_s_per_km() / 60.0;
        let volume_room = |planner: &Self| {
            planner.weeks.get(wi).map_or(0.0, |week| {
                let km_left = (cap - planner.rendered_km(week) - STRIDES_EXTRA_KM).max(0.0);
                km_left * min_per_km * easy_rpe
            })
        };
        let room = volume_room(self);
        if needed > room
            && let Some(week) = self.weeks.get_mut(wi)
        {
            // The days outside the window give up easy running for it.
            let window = day_span(week.start, from, to);
            let outside = |s: &Slot| {
                s.race.is_none()
                    && s.flexible
                    && s.kind.is_run()
                    && !window.contains(&(s.day as i64))
            };
            let before: f64 = week
                .slots
                .iter()
                .filter(|s| outside(s))
                .map(|s| s.minutes)
                .sum();
            if before > 0.0 {
                let give = (needed - room) / easy_rpe;
                let keep = ((before - give) / before).clamp(0.0, 1.0);
                for slot in week.slots.iter_mut().filter(|s| outside(s)) {
                    slot.minutes = (slot.minutes * keep).floored();
                }
                week.slots
                    .retain(|s| s.minutes >= MIN_SESSION_MIN || s.race.is_some());
            }
        }
        ramp_room.min(volume_room(self))
    }

    /// [`Self::make_room`] under the ramp cap alone.
    fn make_ramp_room(&mut self, wi: usize, needed: f64, from: NaiveDate, to: NaiveDate) -> f64 {
        let limit = self.ramp_limit(wi);
        let Some(week) = self.weeks.get_mut(wi) else {
            return 0.0;
        };
        let window = day_span(week.start, from, to);
        let outside = |s: &Slot| s.race.is_none() && !window.contains(&(s.day as i64));
        let room = limit - nonrace_load(week);
        if needed <= room {
            return room;
        }
        let before: f64 = week
            .slots
            .iter()
            .filter(|s| outside(s))
            .map(Slot::load)
            .sum();
        if before > 0.0 {
            let keep = ((before - (needed - room)) / before).clamp(0.0, 1.0);
            for slot in week.slots.iter_mut().filter(|s| outside(s)) {
                slot.minutes = (slot.minutes * keep).floored();
            }
            week.slots
                .retain(|s| s.minutes >= MIN_SESSION_MIN || s.race.is_some());
        }
        limit - nonrace_load(week)
    }

    /// The most training load week `wi` may carry under the ramp cap.
    fn ramp_limit(&self, wi: usize) -> f64 {
        self.ramp_limit_by(wi, |j| nonrace_load(&self.weeks[j]))
    }

    /// [`Self::ramp_limit`] with each week's training load from `load` (a cache of it).
    fn ramp_limit_by(&self, wi: usize, load: impl Fn(usize) -> f64) -> f64 {
        let Some(prev) = wi.checked_sub(1).filter(|&p| p < self.weeks.len()) else {
            return self.pre_season_load * (1.0 + self.params.ramp);
        };
        if !self.weeks[prev].down_week {
            return load(prev) * (1.0 + self.params.ramp);
        }
        let last_normal = self.weeks[..wi]
            .iter()
            .rposition(|w| !w.down_week)
            .map_or(self.pre_season_load, load);
        last_normal * (1.0 + self.params.ramp)
    }

    /// Running distance of a week as its rendered sessions will show it (races aside): the
    /// same session content `render` writes, so the volume cap holds on what the coach sees.
    fn rendered_km(&self, week: &PlannedWeek) -> f64 {
        week.slots
            .iter()
            .filter(|s| s.kind.is_run() && s.race.is_none())
            .map(|s| {
                // Only an interval session's distance depends on the phase (its rep length):
                // the others skip the date arithmetic and the phase lookup.
                let phase = if s.kind == SessionType::Intervals {
                    self.map.phase_on(week.start + Days::new(s.day as u64))
                } else {
                    week.phase
                };
                workout_distance_km(&WorkoutRequest {
                    kind: s.kind,
                    minutes: s.minutes,
                    phase,
                    class: week.class,
                    athlete: self.input.athlete,
                    paces: self.paces,
                    run_walk: s.why.starts_with("Run-walk"),
                    long_with_pace: s.long_with_pace,
                    race: None,
                })
                .unwrap_or(0.0)
            })
            .sum()
    }

    /// The coach's weekly volume cap holds on the week's running distance: the minutes are
    /// planned at easy pace, but workouts run faster and strides add distance.
    fn enforce_volume_cap(&self, week: &mut PlannedWeek) -> Option<String> {
        let cap = self.input.guardrails.max_weekly_volume_km?;
        let mut trimmed = false;
        for _ in 0..4 {
            let km = self.rendered_km(week);
            if km <= cap {
                break;
            }
            let factor = cap / km * 0.99;
            for slot in week
                .slots
                .iter_mut()
                .filter(|s| s.kind.is_run() && s.race.is_none())
            {
                slot.minutes = (slot.minutes * factor)
                    .floored()
                    .max(MIN_SESSION_MIN.min(slot.minutes));
            }
            trimmed = true;
        }
        trimmed.then(|| {
            text!(
                "running trimmed to the coach's ",
                Fixed0(cap),
                " km weekly cap"
            )
        })
    }

    /// Running distance of a planned week, races excluded: an estimate from each session's
    /// average pace (`rendered_km` is what the sessions will show).
    fn run_km(&self, week: &PlannedWeek) -> f64 {
        week.slots.iter().map(|s| self.slot_km(s)).sum()
    }

    /// Estimated distance of one slot (0 for races and sessions that are not runs).
    fn slot_km(&self, s: &Slot) -> f64 {
        if !s.kind.is_run() || s.race.is_some() {
            return 0.0;
        }
        let strides = if s.kind == SessionType::Strides {
            STRIDES_EXTRA_KM
        } else {
            0.0
        };
        s.minutes * 60.0 / pace_of(s.kind, self.paces.easy_s_per_km(), self.paces) + strides
    }

    /// A comeback runner's running distance (as the sessions show it) rises no faster than
    /// the coach's cap.
    fn enforce_distance_ramp(&self, week: &mut PlannedWeek, prev_km: f64) -> Option<String> {
        let cap = self.input.guardrails.max_weekly_increase_pct / 100.0;
        let limit = prev_km * (1.0 + cap);
        let mut trimmed = false;
        let easy = self.paces.easy_s_per_km();
        for _ in 0..6 {
            let km = self.rendered_km(week);
            if km <= limit || km <= 0.0 {
                break;
            }
            trimmed = true;
            // The minutes over the cap come off the longest easy runs, a minute at a time:
            // scaling every run would round away more than the excess.
            let mut excess_min = ((km - limit) * easy / 60.0).ceil().max(1.0);
            while excess_min > 0.0 {
                let Some(slot) = week
                    .slots
                    .iter_mut()
                    .filter(|s| s.race.is_none() && s.flexible && s.kind.is_run())
                    .filter(|s| s.minutes > MIN_SESSION_MIN)
                    .max_by(|a, b| a.minutes.total_cmp(&b.minutes))
                else {
                    // Only workouts left: they shorten too.
                    for slot in week
                        .slots
                        .iter_mut()
                        .filter(|s| s.race.is_none() && s.kind.is_run())
                    {
                        slot.minutes = (slot.minutes * 0.95).floored();
                    }
                    break;
                };
                slot.minutes -= 1.0;
                excess_min -= 1.0;
            }
        }
        trimmed.then(|| {
            text!(
                "running distance held within the coach's ",
                Fixed0(cap * 100.0),
                " % comeback cap"
            )
        })
    }

    /// A B race's week has no long run (the race is the long effort): its easy runs stay
    /// shorter than the week before's long run, as in any week (`rules::EASY_OF_LONG`), instead
    /// of taking the minutes the short days around the race cannot.
    fn cap_b_race_week_easy(&self, week: &mut PlannedWeek, prev_long: Option<f64>) {
        let b_race = week.slots.iter().any(|s| {
            s.race
                .and_then(|r| self.input.races.get(r))
                .is_some_and(|r| r.priority == Priority::B)
        });
        let Some(long) = prev_long else {
            return;
        };
        if !b_race || week.slots.iter().any(|s| s.kind == SessionType::Long) {
            return;
        }
        let ceiling = (long * EASY_OF_LONG).floored().max(MIN_SESSION_MIN);
        let mut capped = false;
        for slot in week.slots.iter_mut().filter(|s| {
            s.race.is_none() && matches!(s.kind, SessionType::Easy | SessionType::Strides)
        }) {
            if slot.minutes > ceiling {
                slot.minutes = ceiling;
                capped = true;
            }
        }
        let note = text!(
            "easy runs at most ",
            Fixed0(ceiling),
            " min, shorter than last week's long run: the race is this week's long effort"
        );
        if capped && !week.notes.contains(&note) {
            week.notes.push(note);
        }
    }

    /// A down week is lighter than the week before it (after lighter weeks: the last normal
    /// week), in training load (races aside) and in distance, whatever the caps did to that
    /// week (`DOWN_WEEK_MAX_*_SHARE`). Easy
    /// volume goes first; when that would leave too little easy running, the workouts are
    /// shortened, and only then does one go.
    fn enforce_down_week(&self, week: &mut PlannedWeek, prev_load: f64, prev_km: f64) {
        if !week.down_week || !week.pre_taper || prev_load <= 0.0 {
            return;
        }
        let max_load = prev_load * DOWN_WEEK_MAX_LOAD_SHARE;
        let max_km = if prev_km > 0.0 {
            prev_km * DOWN_WEEK_MAX_DISTANCE_SHARE
        } else {
            f64::INFINITY
        };
        let mut trimmed = false;
        if self.input.athlete.runner_type == RunnerType::Comeback
            && give_way_to_running(week, max_load).is_some()
        {
            trimmed = true;
        }
        for _ in 0..16 {
            let load = nonrace_load(week);
            let km = self.rendered_km(week);
            if load <= max_load && km <= max_km {
                break;
            }
            trimmed = true;
            let trainable = |s: &Slot| s.race.is_none();
            let fixed_load: f64 = week
                .slots
                .iter()
                .filter(|s| trainable(s) && !s.flexible)
                .map(Slot::load)
                .sum();
            let flex_load = load - fixed_load;
            let f_load = if load > max_load {
                (max_load - fixed_load) / flex_load.max(1e-9)
            } else {
                1.0
            };
            let flex_km: f64 = week
                .slots
                .iter()
                .filter(|s| trainable(s) && s.flexible && s.kind.is_run())
                .map(|s| self.slot_km(s))
                .sum();
            let f_km = if km > max_km {
                1.0 - (km - max_km) / flex_km.max(1e-9)
            } else {
                1.0
            };
            let factor = f_load.min(f_km);
            if factor >= 0.5 {
                for slot in week
                    .slots
                    .iter_mut()
                    .filter(|s| s.race.is_none() && s.flexible)
                {
                    slot.minutes = (slot.minutes * factor * 0.995).floored();
                }
                week.slots
                    .retain(|s| s.minutes >= MIN_SESSION_MIN || s.race.is_some());
                continue;
            }
            // Too little easy running would be left: everything is cut in proportion, so the
            // week keeps its shape (a smaller dose of the same workouts).
            let all = (max_load / load.max(1.0))
                .min(if km > max_km {
                    max_km / km.max(1e-9)
                } else {
                    1.0
                })
                .clamp(0.0, 1.0);
            for slot in week.slots.iter_mut().filter(|s| s.race.is_none()) {
                slot.minutes = (slot.minutes * all * 0.995).floored();
            }
            week.slots
                .retain(|s| s.minutes >= MIN_SESSION_MIN || s.race.is_some());
        }
        if trimmed {
            self.consolidate_easy_runs(week);
            self.enforce_long_share(week, false);
            let note = text!(
                "held to ",
                Fixed0(DOWN_WEEK_MAX_LOAD_SHARE * 100.0),
                " % of last week's training load and ",
                Fixed0(DOWN_WEEK_MAX_DISTANCE_SHARE * 100.0),
                " % of its distance"
            );
            if !week.notes.contains(&note) {
                week.notes.push(note);
            }
        }
    }

    /// Fewer, longer easy runs: after the caps trimmed a week, an easy run shorter than the
    /// week's volume calls for (`rules::min_easy_run_min`) gives its minutes to the other easy
    /// runs and the day becomes a rest day. Recovery jogs, shakeouts, run-walk and the short
    /// runs around a B race are short on purpose and stay. Minutes the other runs have no
    /// room for are left out, so the week never grows.
    fn consolidate_easy_runs(&self, week: &mut PlannedWeek) {
        let km = self.run_km(week);
        let min = min_easy_run_min(km);
        // Below 30 km a week short runs are what the volume allows: merging them would
        // make one run out of two.
        if min <= min_easy_run_min(0.0) {
            return;
        }
        let days = self.days;
        // Days as offsets from the planner's first day, worked out once for the week.
        let week_offset = (week.start - self.map.start).num_days();
        let day_info = |s: &Slot| {
            usize::try_from(week_offset + s.day as i64)
                .ok()
                .and_then(|i| days.get(i))
        };
        let mut changed = false;
        // The easy run the day after a workout is short on purpose, like a recovery jog.
        let hard_days = day_mask(week.slots.iter().filter(|s| s.kind.is_hard()));
        let candidate = |s: &Slot| {
            matches!(s.kind, SessionType::Easy | SessionType::Strides)
                && s.race.is_none()
                && s.flexible
                && !s.why.starts_with("Run-walk")
                && !s.day.checked_sub(1).is_some_and(|d| in_mask(hard_days, d))
                && day_info(s).is_some_and(|d| !d.pre_race && !d.b_easy)
        };
        // Slot indices, allocated once for the week.
        let mut runs: Vec<usize> = Vec::with_capacity(week.slots.len());
        let mut others: Vec<usize> = Vec::with_capacity(week.slots.len());
        loop {
            runs.clear();
            runs.extend((0..week.slots.len()).filter(|&i| candidate(&week.slots[i])));
            let Some(&shortest) = runs
                .iter()
                .min_by(|&&a, &&b| week.slots[a].minutes.total_cmp(&week.slots[b].minutes))
            else {
                break;
            };
            if runs.len() < 2 || week.slots[shortest].minutes >= min - 0.5 {
                break;
            }
            // Only when the other easy runs can take all its minutes: the week keeps its
            // volume (a lighter week would lower the next week's ramp reference).
            let room: f64 = runs
                .iter()
                .filter(|&&i| i != shortest)
                .map(|&i| {
                    let ceiling = self
                        .easy_ceiling(week, &week.slots[i], true)
                        .min(MAX_EASY_MIN);
                    (ceiling - week.slots[i].minutes).max(0.0)
                })
                .sum();
            if room < week.slots[shortest].minutes + runs.len() as f64 {
                break;
            }
            changed = true;
            let gone = week.slots.remove(shortest);
            let strength_day = gone.day;
            // Strides move to another easy run, so the week keeps its leg speed.
            others.clear();
            others.extend((0..week.slots.len()).filter(|&i| candidate(&week.slots[i])));
            if gone.kind == SessionType::Strides
                && let Some(&plain) = others.iter().find(|&&i| {
                    week.slots[i].kind == SessionType::Easy
                        && week.slots[i].why == "Easy aerobic volume"
                })
            {
                week.slots[plain].kind = SessionType::Strides;
                week.slots[plain].why = gone.why.clone();
            }
            let mut left = gone.minutes;
            let mut rooms: Vec<(usize, f64)> = Vec::with_capacity(others.len());
            for _ in 0..3 {
                rooms.clear();
                rooms.extend(others.iter().map(|&i| {
                    let ceiling = self
                        .easy_ceiling(week, &week.slots[i], true)
                        .min(MAX_EASY_MIN);
                    (i, (ceiling - week.slots[i].minutes).max(0.0))
                }));
                let room: f64 = rooms.iter().map(|r| r.1).sum();
                if room < 1.0 || left < 1.0 {
                    break;
                }
                let give = left.min(room);
                for &(i, r) in &rooms {
                    let add = (give * r / room).floored();
                    week.slots[i].minutes += add;
                    left -= add;
                }
            }
            // A strength session on the emptied day moves to another easy day.
            if !week
                .slots
                .iter()
                .any(|s| s.day == strength_day && s.kind.is_run())
            {
                let taken = day_mask(
                    week.slots
                        .iter()
                        .filter(|s| s.kind == SessionType::Strength),
                );
                let free_run_day = week
                    .slots
                    .iter()
                    .find(|s| {
                        matches!(
                            s.kind,
                            SessionType::Easy | SessionType::Recovery | SessionType::Strides
                        ) && !in_mask(taken, s.day)
                    })
                    .map(|s| s.day);
                for slot in week
                    .slots
                    .iter_mut()
                    .filter(|s| s.day == strength_day && s.kind == SessionType::Strength)
                {
                    match free_run_day {
                        Some(d) => slot.day = d,
                        None => slot.minutes = 0.0,
                    }
                }
                week.slots.retain(|s| s.minutes > 0.0 || s.race.is_some());
                week.slots
                    .sort_by_key(|s| (s.day, s.kind == SessionType::Strength));
            }
        }
        // Minutes the other runs had no room for are gone: the long run keeps its share.
        if changed {
            self.enforce_long_share(week, false);
        }
    }

    /// Scales the taper's last days so its load lands at the target cut below the week before
    /// the taper (Bosquet 2007: 41–60 %).
    fn calibrate_taper(&mut self, cycle: &Cycle) {
        let taper_days = (cycle.race_day - cycle.taper_start).num_days();
        if taper_days <= 0 {
            return;
        }
        let final_days = taper_days.min(7);
        let final_start = cycle.race_day - chrono::Duration::days(final_days);
        // Reference: the last full training week before the taper (not a down week).
        let Some(reference) = self
            .weeks
            .iter()
            .rev()
            .find(|w| {
                w.start >= cycle.start && w.start + Days::new(6) < cycle.taper_start && !w.down_week
            })
            .map(|w| w.start)
        else {
            return;
        };
        // Slots are compared as day offsets from their week's start (no date arithmetic per
        // slot): this runs for every week, every round, of every cycle and variant.
        let daily = |weeks: &[PlannedWeek], from: NaiveDate, to: NaiveDate| -> f64 {
            // Weeks are in date order: only the one or two around the window hold its days.
            let first = weeks.partition_point(|w| w.start + Days::new(7) <= from);
            weeks[first..]
                .iter()
                .take_while(|w| w.start < to)
                .flat_map(|w| {
                    let days = day_span(w.start, from, to);
                    w.slots
                        .iter()
                        .filter(move |s| s.race.is_none() && days.contains(&(s.day as i64)))
                        .map(Slot::load)
                })
                .sum()
        };
        let pre = daily(&self.weeks, reference, reference + Days::new(7)) / 7.0;
        if pre <= 0.0 {
            return;
        }
        let in_window = |week_start: NaiveDate, slot: &Slot| {
            slot.race.is_none()
                && day_span(week_start, final_start, cycle.race_day).contains(&(slot.day as i64))
        };
        // A week holding no day of the window: its slots are never in it.
        let touches_window = |week_start: NaiveDate| {
            let days = day_span(week_start, final_start, cycle.race_day);
            days.start < 7 && days.end > 0
        };
        let mut over_ceilings = false;
        // Only a taper outside the band is adjusted, and then to just inside it, so the
        // week keeps the shape the builder gave it. Very small volumes cannot be scaled below
        // the shortest sensible run, so the smallest easy session goes instead.
        for _ in 0..12 {
            let fin = daily(&self.weeks, final_start, cycle.race_day) / final_days as f64;
            if fin <= 0.0 {
                // Nothing left to scale: a short easy run with strides keeps the rhythm.
                let minutes = ((1.0 - TAPER_CUT_TARGET) * pre * final_days as f64
                    / SessionType::Strides.default_rpe())
                .rounded()
                .max(MIN_SESSION_MIN);
                if !self.add_taper_run(final_start, cycle.race_day, minutes, false) {
                    return;
                }
                continue;
            }
            let cut = 1.0 - fin / pre;
            let target = if cut < *TAPER_CUT_RANGE.start() {
                TAPER_CUT_TARGET.min(TAPER_CUT_RANGE.start() + 0.03)
            } else if cut > *TAPER_CUT_RANGE.end() {
                TAPER_CUT_TARGET.max(TAPER_CUT_RANGE.end() - 0.03)
            } else {
                return;
            };
            let factor = (1.0 - target) * pre / fin;
            let mut changed = false;
            // Each week's training load, kept current through the pass: the ramp check of
            // the weeks outside the window (most of the season) reads it instead of summing
            // two weeks' sessions again.
            let mut loads: Vec<f64> = if factor > 1.0 {
                self.weeks.iter().map(nonrace_load).collect()
            } else {
                Vec::new()
            };
            for wi in 0..self.weeks.len() {
                if !touches_window(self.weeks[wi].start)
                    && self.weeks[wi].slots.iter().all(|s| s.day < 7)
                {
                    // Nothing of this week is scaled. Only the ramp room's trim has an effect
                    // here (asked for no load, the volume room changes nothing), and only on
                    // a week over its ramp limit.
                    if factor > 1.0 && loads[wi] > self.ramp_limit_by(wi, |j| loads[j]) {
                        self.make_ramp_room(wi, 0.0, final_start, cycle.race_day);
                        loads[wi] = nonrace_load(&self.weeks[wi]);
                    }
                    continue;
                }
                // Scaling up never takes a week past the ramp cap (the guardrail wins).
                let week_factor = if factor > 1.0 {
                    let week = &self.weeks[wi];
                    let start = week.start;
                    let window: f64 = week
                        .slots
                        .iter()
                        .filter(|s| in_window(start, s))
                        .map(Slot::load)
                        .sum();
                    let needed = window * (factor - 1.0);
                    let room = self.make_room(wi, needed, final_start, cycle.race_day);
                    if window > 0.0 && needed > room {
                        (1.0 + (room / window).max(0.0)).min(factor)
                    } else {
                        factor
                    }
                } else {
                    factor
                };
                let week = &self.weeks[wi];
                let scales_up = week_factor > 1.0
                    && !over_ceilings
                    && week.slots.iter().any(|s| in_window(week.start, s));
                let ceilings: Vec<f64> = week
                    .slots
                    .iter()
                    .map(|s| {
                        if scales_up {
                            self.easy_ceiling(week, s, true)
                        } else {
                            f64::INFINITY
                        }
                    })
                    .collect();
                let week = &mut self.weeks[wi];
                let start = week.start;
                for (slot, ceiling) in week.slots.iter_mut().zip(ceilings) {
                    if in_window(start, slot) {
                        let scaled = slot.minutes * week_factor;
                        // The shortest session is a floor for cuts, not a reason to add load
                        // the ramp cap has no room for.
                        let minutes = if week_factor > 1.0 {
                            scaled.floored().min(ceiling.max(slot.minutes))
                        } else {
                            scaled.rounded()
                        }
                        .max(MIN_SESSION_MIN.min(slot.minutes));
                        changed |= minutes != slot.minutes;
                        slot.minutes = minutes;
                    }
                }
                if let Some(load) = loads.get_mut(wi) {
                    *load = nonrace_load(week);
                }
            }
            if !changed && factor > 1.0 {
                // Every run of the final days is at its ceiling (short recovery jogs, the
                // shakeout): another short easy run with strides carries the missing load.
                let missing = ((1.0 - target) * pre - fin) * final_days as f64;
                let minutes = (missing / SessionType::Strides.default_rpe())
                    .rounded()
                    .clamp(MIN_SESSION_MIN, 45.0);
                if !self.add_taper_run(final_start, cycle.race_day, minutes, true) {
                    // No free day either: the taper's load band wins over short jogs.
                    if over_ceilings {
                        return;
                    }
                    over_ceilings = true;
                }
                continue;
            }
            if !changed && factor < 1.0 {
                let smallest = self
                    .weeks
                    .iter()
                    .enumerate()
                    .flat_map(|(wi, w)| {
                        w.slots
                            .iter()
                            .enumerate()
                            .filter(|(_, s)| in_window(w.start, s) && !s.kind.is_hard())
                            .map(move |(si, s)| (s.load(), wi, si))
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0));
                match smallest {
                    Some((_, wi, si)) => {
                        self.weeks[wi].slots.remove(si);
                    }
                    None => {
                        // Only hard sessions left at their shortest: keep the day, lose the
                        // intensity (strides keep the rhythm).
                        let hard = self.weeks.iter_mut().find_map(|w| {
                            let start = w.start;
                            w.slots
                                .iter_mut()
                                .find(|s| in_window(start, s) && s.kind.is_hard())
                        });
                        match hard {
                            Some(slot) => {
                                slot.kind = SessionType::Strides;
                                slot.rpe = SessionType::Strides.default_rpe();
                                slot.why = Cow::Borrowed(
                                    "Taper: a short easy run with strides keeps the rhythm",
                                );
                            }
                            None => return,
                        }
                    }
                }
            }
        }
    }

    /// The week's first line: phase position, the load change the plan really has (computed
    /// from the rendered sessions, after every cap and calibration) and why.
    fn headline(&self, out: &mut String, pw: &PlannedWeek, before: &[Week], sessions: &[Session]) {
        let at = PhasePosition {
            label: pw.phase.label(),
            n: pw.n,
            of: pw.of,
        };
        // A week holding a race is measured on its training (a race is the point of the
        // training, not a step in its progression), and says so.
        let has_race = sessions.iter().any(|s| s.kind == SessionType::Race);
        let measure = |w: &Week| {
            if has_race {
                w.training_load_au()
            } else {
                w.load_au()
            }
        };
        let load = sessions
            .iter()
            .filter(|s| !has_race || s.kind != SessionType::Race)
            .map(Session::load_au)
            .total();
        let unit = if has_race {
            "% training load (race aside)"
        } else {
            "% load"
        };
        let change_over = |reference: Option<&Week>| {
            reference
                .map(measure)
                .filter(|l| *l > 0.0)
                .map_or(0.0, |r| (load / r - 1.0) * 100.0)
        };
        let prev = before.last();
        let change_from = |reference: &Week| Change {
            percent: change_over(Some(reference)),
            unit,
        };
        let change = Change {
            percent: change_over(prev),
            unit,
        };
        let hard = sessions
            .iter()
            .any(|s| s.is_hard() && s.kind != SessionType::Race);
        if !pw.headline_change.is_empty() {
            return push_text!(*out, at, " · ", change, ", ", pw.headline_change);
        }
        if pw.pre_taper {
            // Back from a down week: measured, like the ramp cap, from the week before it.
            if prev.is_some_and(|p| p.phase == PhaseKind::Recovery)
                && let Some(normal) = before.iter().rev().find(|w| !w.down_week)
            {
                return push_text!(
                    *out,
                    at,
                    " · back from the recovery block: ",
                    change_from(normal),
                    " on the last full training week (",
                    self.params.ramp_reason,
                    ")"
                );
            }
            if prev.is_some_and(|p| p.down_week)
                && let Some(normal) = before.iter().rev().find(|w| !w.down_week)
            {
                return push_text!(
                    *out,
                    at,
                    " · back from the down week: ",
                    change_from(normal),
                    " on the week before it (",
                    self.params.ramp_reason,
                    ")"
                );
            }
            return push_text!(*out, at, " · ", change, " (", self.params.ramp_reason, ")");
        }
        let last_full = before.iter().rev().find(|w| !w.down_week);
        match pw.phase {
            PhaseKind::Taper => match last_full {
                Some(full) => push_text!(
                    *out,
                    at,
                    " · ",
                    change_from(full),
                    " on the last full training week: volume cut, intensity kept"
                ),
                None => push_text!(*out, at, " · ", change, ": volume cut, intensity kept"),
            },
            PhaseKind::Race => {
                // The race itself is most of the week's load: name it, and measure the
                // training around it against the last full training week.
                let name = pw
                    .slots
                    .iter()
                    .filter_map(|s| s.race)
                    .filter_map(|r| self.input.races.get(r))
                    .min_by_key(|r| r.priority)
                    .map_or("the race", |r| r.name.as_str());
                match last_full {
                    Some(full) => push_text!(
                        *out,
                        "Race week: ",
                        name,
                        " · ",
                        change_from(full),
                        " on the last full training week"
                    ),
                    None => push_text!(*out, "Race week: ", name, " · ", change),
                }
            }
            PhaseKind::Recovery if !hard => {
                push_text!(*out, at, " · easy running only");
            }
            PhaseKind::Recovery => push_text!(*out, at, " · ", change),
            _ => push_text!(
                *out,
                at,
                " · ",
                change,
                ": the taper starts this week, volume cut, intensity kept"
            ),
        }
    }

    /// Turns planned weeks into model weeks with sessions, ids and reasons.
    fn render(&self) -> Vec<Week> {
        let athlete = self.input.athlete;
        let easy = self.paces.easy_s_per_km();
        let mut next_id = 1u64;
        let mut weeks = Vec::with_capacity(self.weeks.len());
        for pw in &self.weeks {
            // The week's days as the planner saw them: their dates and phases without date
            // arithmetic or a phase search per session.
            let first_day = usize::try_from((pw.start - self.map.start).num_days()).ok();
            let run_km: f64 = pw
                .slots
                .iter()
                .filter(|s| s.kind.is_run())
                .map(|s| s.minutes * 60.0 / pace_of(s.kind, easy, self.paces))
                .sum();
            let run_minutes: f64 = pw
                .slots
                .iter()
                .filter(|s| s.kind.is_run() && s.race.is_none())
                .map(|s| s.minutes)
                .sum();
            let mut sessions = Vec::with_capacity(pw.slots.len());
            for slot in &pw.slots {
                let info = first_day.and_then(|f| self.days.get(f + slot.day));
                let (date, phase) = match info {
                    Some(day) => (day.date, day.phase),
                    None => {
                        let date = pw.start + Days::new(slot.day as u64);
                        (date, self.map.phase_on(date))
                    }
                };
                let race = slot.race.and_then(|r| self.input.races.get(r));
                let w = workout(&WorkoutRequest {
                    kind: slot.kind,
                    minutes: slot.minutes,
                    phase,
                    class: pw.class,
                    athlete,
                    paces: self.paces,
                    run_walk: slot.why.starts_with("Run-walk"),
                    long_with_pace: slot.long_with_pace,
                    race,
                });
                sessions.push(Session {
                    id: SessionId(next_id),
                    date,
                    kind: w.kind,
                    duration_min: w.duration_min,
                    distance_km: w.distance_km,
                    rpe: slot.rpe,
                    pace: w.pace,
                    hr_zone: None,
                    description: w.description,
                    rationale: if slot.why.is_empty() {
                        text!(w.kind.label(), " session")
                    } else if let Some(limit) = long_run_limit(&slot.why) {
                        // Said from the final session, after every cap has had its say.
                        match w.distance_km {
                            Some(km) if w.kind == SessionType::Long => text!(
                                "Long run ≈ ",
                                Fixed0(km),
                                " km, ",
                                Fixed0(w.duration_min / run_minutes.max(1.0) * 100.0),
                                " % of the week's running minutes",
                                limit
                            ),
                            _ => "Easy run: too short for a long run this week".to_owned(),
                        }
                    } else {
                        slot.why.to_string()
                    },
                    coach_notes: String::new(),
                    edited: false,
                });
                next_id += 1;
            }
            let long = sessions
                .iter()
                .find(|s| s.kind == SessionType::Long)
                .and_then(|s| s.distance_km);
            // Headline, long run and notes written into one string.
            let notes_len: usize = pw.notes.iter().map(|n| n.len() + 3).sum();
            let mut rationale = String::with_capacity(RATIONALE_HINT + notes_len);
            self.headline(&mut rationale, pw, &weeks, &sessions);
            if let Some(long_km) = long
                && run_km > 0.0
            {
                push_text!(
                    rationale,
                    " · long run ",
                    Fixed0(long_km),
                    " km = ",
                    Fixed0(long_km / run_km * 100.0),
                    " % of week"
                );
            }
            for note in &pw.notes {
                rationale.push_str(" · ");
                rationale.push_str(note);
            }
            weeks.push(Week {
                start: pw.start,
                phase: pw.phase,
                status: WeekStatus::Draft,
                down_week: pw.down_week,
                rationale,
                sessions,
                coach_edited: false,
            });
        }
        weeks
    }
}

/// Bytes a week's reason takes before its notes (headline and long run), to allocate once.
const RATIONALE_HINT: usize = 160;

/// "Build 3/7": a week's place in its phase, as its headline starts.
struct PhasePosition {
    label: &'static str,
    n: usize,
    of: usize,
}

impl Piece for PhasePosition {
    fn put(&self, out: &mut String) {
        for piece in [&self.label as &dyn Piece, &" ", &self.n, &"/", &self.of] {
            piece.put(out);
        }
    }
    fn size_hint(&self) -> usize {
        self.label.len() + 6
    }
}

/// "+7 % load": a week's change in percent and what it measures.
struct Change {
    percent: f64,
    unit: &'static str,
}

impl Piece for Change {
    fn put(&self, out: &mut String) {
        Signed0(self.percent).put(out);
        out.push(' ');
        out.push_str(self.unit);
    }
    fn size_hint(&self) -> usize {
        self.unit.len() + 4
    }
}

#[derive(Clone, Copy)]
struct LongRunAsk {
    label: PhaseKind,
    class: RaceDistance,
    n: usize,
    run_minutes: f64,
    down_week: bool,
    run_walk: bool,
    week_index: usize,
    prev: Option<f64>,
    /// The longest long run so far in this cycle.
    peak_long: Option<f64>,
}

/// The days of some slots as a bit set (days 0..64; a week's slots are on days 0..7).
fn day_mask<'s>(slots: impl Iterator<Item = &'s Slot>) -> u64 {
    slots.fold(0, |mask, s| {
        mask | 1u64
            .checked_shl(u32::try_from(s.day).unwrap_or(u32::MAX))
            .unwrap_or(0)
    })
}

/// Whether `day` is in a [`day_mask`].
fn in_mask(mask: u64, day: usize) -> bool {
    u32::try_from(day)
        .ok()
        .and_then(|d| mask.checked_shr(d))
        .is_some_and(|m| m & 1 == 1)
}

/// What follows [`LONG_RUN_WHY`] in a long run's reason. The planner writes it at the start
/// (`long_run`) and only ever appends notes or replaces the whole reason, so a prefix test
/// finds it without scanning every session's reason.
fn long_run_limit(why: &str) -> Option<&str> {
    why.strip_prefix(LONG_RUN_WHY)
}

/// Day offsets from `week_start` of the dates in `[from, to)`: a slot's date is in the
/// window exactly when its day is in the span.
fn day_span(week_start: NaiveDate, from: NaiveDate, to: NaiveDate) -> std::ops::Range<i64> {
    (from - week_start).num_days()..(to - week_start).num_days()
}

/// Minutes of a week's long run, if it has one.
fn long_minutes(week: &PlannedWeek) -> Option<f64> {
    week.slots
        .iter()
        .find(|s| s.kind == SessionType::Long)
        .map(|s| s.minutes)
}

/// Running minutes of a week without its races.
fn run_minutes_of(week: &PlannedWeek) -> f64 {
    week.slots
        .iter()
        .filter(|s| s.kind.is_run() && s.race.is_none())
        .map(|s| s.minutes)
        .sum()
}

/// Load of a week without its races.
fn nonrace_load(week: &PlannedWeek) -> f64 {
    week.slots
        .iter()
        .filter(|s| s.race.is_none())
        .map(Slot::load)
        .sum()
}

/// A comeback's cross-training and strength give way to its running when the ramp cap has
/// no room for both (`rules::COMEBACK_STRENGTH_MIN_MIN`): cross-training first, then strength
/// down to its shortest. Returns what was done, for the week's reasons.
fn give_way_to_running(week: &mut PlannedWeek, limit: f64) -> Option<String> {
    let mut excess = nonrace_load(week) - limit;
    if excess <= 0.0 {
        return None;
    }
    let mut cross_cut = false;
    for slot in week
        .slots
        .iter_mut()
        .filter(|s| s.kind == SessionType::CrossTraining)
    {
        let cut = (excess / slot.rpe).ceil().min(slot.minutes);
        slot.minutes -= cut;
        excess -= cut * slot.rpe;
        cross_cut |= cut > 0.0;
    }
    week.slots
        .retain(|s| s.kind != SessionType::CrossTraining || s.minutes >= MIN_SESSION_MIN);
    let mut strength_cut = false;
    for slot in week
        .slots
        .iter_mut()
        .filter(|s| s.kind == SessionType::Strength)
    {
        if excess <= 0.0 {
            break;
        }
        let spare = (slot.minutes - COMEBACK_STRENGTH_MIN_MIN).max(0.0);
        let cut = (excess / slot.rpe).ceil().min(spare);
        slot.minutes -= cut;
        excess -= cut * slot.rpe;
        strength_cut |= cut > 0.0;
    }
    let what = match (cross_cut, strength_cut) {
        (true, true) => "cross-training and strength shortened",
        (true, false) => "cross-training shortened",
        (false, true) => "strength shortened",
        (false, false) => return None,
    };
    Some(text!(
        what,
        " so the running can grow within the load cap (comeback: running comes first)"
    ))
}

/// Strength twice a week for masters and comeback runners and anyone carrying an injury
/// (source article: masters "strength work", comeback "cross-training balance").
fn wants_strength(athlete: &Athlete) -> bool {
    athlete.equipment.gym
        && !athlete
            .preferences
            .disliked
            .contains(&SessionType::Strength)
        && (matches!(
            athlete.runner_type,
            RunnerType::Masters | RunnerType::Comeback
        ) || athlete.injury_history.iter().any(|i| !i.resolved))
}

fn wants_cross_training(athlete: &Athlete) -> bool {
    athlete.runner_type == RunnerType::Comeback
        && !athlete
            .preferences
            .disliked
            .contains(&SessionType::CrossTraining)
}

/// Weekly load of the strength and cross-training the athlete is assumed to do already
/// (rehab and gym routines), so adding them in week one is not counted as a jump.
fn supplementary_load(athlete: &Athlete) -> f64 {
    let strength = if wants_strength(athlete) {
        2.0 * 30.0 * 4.0
    } else {
        0.0
    };
    let cross = if wants_cross_training(athlete) {
        40.0 * 4.0
    } else {
        0.0
    };
    strength + cross
}

/// Average pace (s/km) of a session type, for turning minutes into distance.
fn pace_of(kind: SessionType, easy: f64, paces: &PaceBook) -> f64 {
    match kind {
        SessionType::Threshold | SessionType::RacePace => {
            (easy * 25.0 + paces.paces.threshold_s_per_km * 35.0) / 60.0
        }
        SessionType::Intervals => (easy + paces.paces.interval_s_per_km) / 2.0 + 15.0,
        SessionType::Recovery => easy + 25.0,
        _ => easy,
    }
}

/// Minutes of a quality session, growing a little through its phase.
fn quality_minutes(kind: SessionType, phase: PhaseKind, n: usize, class: RaceDistance) -> f64 {
    let base: f64 = match kind {
        SessionType::Threshold => 50.0,
        SessionType::Intervals => 55.0,
        SessionType::RacePace => match class {
            RaceDistance::Marathon => 70.0,
            RaceDistance::Half => 60.0,
            _ => 50.0,
        },
        SessionType::Hills => 45.0,
        _ => 45.0,
    };
    let grow = 3.0 * (n.min(6) as f64);
    match phase {
        PhaseKind::Taper | PhaseKind::Race => (base * 0.8).rounded(),
        PhaseKind::Base => base,
        _ => base + grow,
    }
}

/// The phase a week is labelled with: the A race week is "race"; otherwise the phase holding
/// most of its days (later phase on ties).
fn week_label(days: &[DayInfo; 7], map: &SeasonMap, cycle: Option<&Cycle>) -> PhaseKind {
    if let Some(c) = cycle
        && days.iter().any(|d| d.date == c.race_day)
    {
        return PhaseKind::Race;
    }
    let mut counts = [0usize; 6];
    for d in days {
        let idx = PhaseKind::ALL
            .iter()
            .position(|k| *k == map.phase_on(d.date))
            .unwrap_or(0);
        counts[idx] += 1;
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    let idx = counts.iter().rposition(|c| *c == best).unwrap_or(0);
    PhaseKind::ALL[idx]
}

/// "Build 3/7": the week's number within its labelled phase in this cycle.
fn phase_position(
    map: &SeasonMap,
    cycle: Option<&Cycle>,
    start: NaiveDate,
    label: PhaseKind,
) -> (usize, usize) {
    let Some(phase) = map.phases.iter().find(|p| {
        p.kind == label
            && cycle.is_none_or(|c| c.start <= p.start && p.end <= c.recovery_end)
            && p.start <= start.checked_add_days(Days::new(6)).unwrap_or(start)
            && start <= p.end
    }) else {
        return (1, 1);
    };
    let weeks = ((phase.end - phase.start).num_days() + 7) / 7;
    let n = (start - phase.start).num_days().max(0) / 7 + 1;
    (
        usize::try_from(n).unwrap_or(1),
        usize::try_from(weeks.max(n)).unwrap_or(1),
    )
}

/// What each day of the season is: phase, availability, races, taper and recovery windows.
fn day_infos(input: &PlanInput<'_>, map: &SeasonMap) -> Vec<DayInfo> {
    let n_days = usize::try_from((map.end - map.start).num_days() + 1).unwrap_or(0);
    let mut days: Vec<DayInfo> = (0..n_days)
        .map(|i| {
            let date = map.start + Days::new(i as u64);
            DayInfo {
                date,
                phase: map.phase_on(date),
                available: input.athlete.is_available(date.weekday()),
                race: None,
                a_taper: false,
                pre_race: false,
                b_easy: false,
                recovery: false,
                rest: false,
                final_week: false,
                volume_factor: 1.0,
            }
        })
        .collect();
    let index = |date: NaiveDate| -> Option<usize> {
        usize::try_from((date - map.start).num_days())
            .ok()
            .filter(|i| *i < n_days)
    };
    for cycle in &map.cycles {
        let shares = taper_volume_shares(cycle.class);
        let mut d = cycle.taper_start;
        while d < cycle.race_day {
            if let Some(i) = index(d) {
                let k = usize::try_from((d - cycle.taper_start).num_days() / 7).unwrap_or(0);
                let k = k.min(shares.len().saturating_sub(1));
                days[i].a_taper = true;
                days[i].volume_factor = shares.get(k).copied().unwrap_or(0.5);
                days[i].pre_race = (cycle.race_day - d).num_days() <= 2;
                days[i].final_week = (cycle.race_day - d).num_days() <= 7;
            }
            d = d + Days::new(1);
        }
        let recovery_len = (cycle.recovery_end - cycle.race_day).num_days().max(1) as f64;
        let mut d = cycle.race_day + Days::new(1);
        while d <= cycle.recovery_end {
            if let Some(i) = index(d) {
                let j = (d - cycle.race_day).num_days() as f64 / recovery_len;
                days[i].recovery = true;
                // Rest right after the race: one day, two after a half or a marathon.
                let after = (d - cycle.race_day).num_days();
                days[i].rest = after == 1
                    || (after == 2
                        && matches!(cycle.class, RaceDistance::Half | RaceDistance::Marathon));
                days[i].volume_factor = if j < 0.4 {
                    0.3
                } else if j < 0.7 {
                    0.5
                } else {
                    0.62
                };
            }
            d = d + Days::new(1);
        }
    }
    for (ri, race) in input.races.iter().enumerate() {
        let Some(i) = index(race.date) else {
            continue;
        };
        let is_target = map.cycles.iter().any(|c| c.race == ri);
        days[i].race = Some(ri);
        if is_target {
            days[i].volume_factor = 0.0;
            continue;
        }
        // The day before any race: a shakeout at most.
        if let Some(j) = race.date.checked_sub_days(Days::new(1)).and_then(index) {
            days[j].pre_race = true;
        }
        if race.priority == Priority::B && !days[i].a_taper && !days[i].recovery {
            let before = b_race_taper_days(race.class());
            let after = b_race_recovery_days(race.distance_km);
            for k in 1..=before {
                if let Some(j) = index(race.date - Days::new(k as u64))
                    && !days[j].a_taper
                {
                    days[j].b_easy = true;
                    days[j].volume_factor = days[j].volume_factor.min(0.6);
                }
            }
            for k in 1..=after {
                if let Some(j) = index(race.date + Days::new(k as u64))
                    && !days[j].a_taper
                {
                    days[j].b_easy = true;
                    days[j].volume_factor = days[j].volume_factor.min(0.6);
                }
            }
        }
    }
    days
}
