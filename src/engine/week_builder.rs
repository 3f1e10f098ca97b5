//! Places one week's sessions on days: races first, then the long run on its day, quality
//! sessions on preferred days with hard days apart, rest days, then easy volume.
//!
//! The result is a list of [`Slot`]s (type, day, minutes, reason); content (paces,
//! descriptions) is added later, after the season-level caps have adjusted the minutes.

use std::borrow::Cow;

use arrayvec::ArrayVec;
use chrono::{Datelike, NaiveDate, Weekday};

use super::rounding::Rounding;
use super::rules::{
    B_RACE_EASY_MAX_MIN, EASY_OF_LONG, MEDIUM_LONG_OF_LONG, RECOVERY_RUN_MAX_MIN, running_days,
};
use super::text::{Fixed0, text, weekday_short};
use crate::model::{Athlete, PhaseKind, SessionType};

/// Days of one week by index (0..7): at most seven, kept on the stack. The builder makes
/// several such lists per week and weeks are built by the thousand.
type DayList = ArrayVec<usize, 7>;

/// What the planner knows about one day of the week.
#[derive(Clone, Debug, PartialEq)]
pub struct DayInfo {
    pub date: NaiveDate,
    pub phase: PhaseKind,
    pub available: bool,
    /// A race on this day (index into the race list).
    pub race: Option<usize>,
    /// Inside an A race's taper.
    pub a_taper: bool,
    /// The last two days before an A race: shakeouts only.
    pub pre_race: bool,
    /// Mini-taper before, or short recovery after, a B race: easy running only.
    pub b_easy: bool,
    /// Recovery after an A race: easy running only.
    pub recovery: bool,
    /// A day that must stay free (the days right after an A race).
    pub rest: bool,
    /// The last week before an A race: no long run any more.
    pub final_week: bool,
    /// Volume relative to the week's normal level (taper shares, recovery ramps).
    pub volume_factor: f64,
}

impl DayInfo {
    /// Whether a hard session may go on this day (before spacing rules).
    fn allows_quality(&self) -> bool {
        self.available
            && !self.rest
            && self.race.is_none()
            && !self.pre_race
            && !self.b_easy
            && !self.recovery
            && self.phase != PhaseKind::Recovery
    }
}

/// A session before its content is written: what, when, how long, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub day: usize,
    pub kind: SessionType,
    pub minutes: f64,
    pub rpe: f64,
    pub why: Cow<'static, str>,
    pub long_with_pace: bool,
    pub race: Option<usize>,
    /// Minutes the season-level caps may scale (easy volume), as opposed to fixed work.
    pub flexible: bool,
}

impl Slot {
    pub fn load(&self) -> f64 {
        self.rpe * self.minutes
    }
}

/// Everything the builder needs for one week.
pub struct WeekRequest<'a> {
    pub days: &'a [DayInfo; 7],
    pub athlete: &'a Athlete,
    pub min_rest_days: u8,
    /// Minimum days between two hard days (2 = not back to back, 3 = 72 h).
    pub hard_spacing_days: i64,
    /// Hard days of the previous week and race days of the next, as dates.
    pub nearby_hard: &'a [NaiveDate],
    /// Planned running minutes for the week, races excluded.
    pub run_minutes: f64,
    /// The weekly minutes that set how many days are run: the pre-taper level in a taper,
    /// since frequency is maintained while volume drops (Bosquet 2007).
    pub frequency_minutes: f64,
    /// Quality sessions wanted, with each one's reason, most important first.
    pub quality: &'a [(SessionType, f64, String)],
    /// The long run wanted this week: minutes and whether it carries race-pace work.
    pub long_run: Option<(f64, bool, String)>,
    pub strides_days: usize,
    pub strength_sessions: usize,
    pub cross_training: bool,
    pub run_walk: bool,
    /// Beginners run on fewer days.
    pub beginner: bool,
    /// The shortest easy run for this week's volume (`rules::min_easy_run_min`): fewer,
    /// longer runs rather than many short ones.
    pub min_easy_min: f64,
    /// Give one easy day midweek the weight of a medium-long run.
    pub medium_long: bool,
}

/// The placed week: slots and what the builder had to give up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BuiltWeek {
    pub slots: Vec<Slot>,
    pub notes: Vec<String>,
}

/// Weekday preference for quality days when the athlete has none: the article's templates put
/// workouts on Tuesday and Thursday.
const QUALITY_DAY_ORDER: [Weekday; 7] = [
    Weekday::Tue,
    Weekday::Thu,
    Weekday::Wed,
    Weekday::Sat,
    Weekday::Fri,
    Weekday::Mon,
    Weekday::Sun,
];

/// The reason of an easy run the day after a workout that is too long for a recovery jog.
pub const AFTER_WORKOUT_EASY: &str =
    "Easy run the day after a workout: relaxed, the slow end of easy";

/// The longest plain easy run (a medium-long run may be longer).
pub const MAX_EASY_MIN: f64 = 75.0;
const MIN_RUN_WALK_MIN: f64 = 20.0;

/// Target RPE for a slot type (SCIENCE.md, "Target session RPE").
pub fn slot_rpe(kind: SessionType, long_with_pace: bool) -> f64 {
    match kind {
        SessionType::Long if long_with_pace => 5.0,
        SessionType::Long => 4.0,
        SessionType::CrossTraining | SessionType::Strength => 4.0,
        other => other.default_rpe(),
    }
}

/// Places a week's sessions.
pub fn build_week(req: &WeekRequest<'_>) -> BuiltWeek {
    let days = req.days;
    // Room for a full week (seven runs and a few strength sessions) without growing.
    let mut out = BuiltWeek {
        slots: Vec::with_capacity(10),
        notes: Vec::new(),
    };
    let mut taken = [false; 7];
    // Days as numbers from the week's first and their weekdays, worked out once: the
    // placement rules compare them many times per week, and weeks are built by the thousand.
    let first = days[0].date;
    let day_no = |date: NaiveDate| (date - first).num_days();
    let nums: [i64; 7] = std::array::from_fn(|d| day_no(days[d].date));
    let weekdays: [Weekday; 7] = std::array::from_fn(|d| days[d].date.weekday());
    // Room for this week's hard days too.
    let mut hard: Vec<i64> = Vec::with_capacity(req.nearby_hard.len() + 4);
    hard.extend(req.nearby_hard.iter().map(|&h| day_no(h)));

    // 1. Races are fixed.
    for (d, info) in days.iter().enumerate() {
        if let Some(race) = info.race {
            out.slots.push(Slot {
                day: d,
                kind: SessionType::Race,
                minutes: 0.0,
                rpe: SessionType::Race.default_rpe(),
                why: Cow::Borrowed(""),
                long_with_pace: false,
                race: Some(race),
                flexible: false,
            });
            taken[d] = true;
            hard.push(nums[d]);
        }
    }
    let is_near_hard =
        |d: usize, hard: &[i64], spacing: i64| hard.iter().any(|h| (nums[d] - h).abs() < spacing);

    // 2. The long run: its own day if possible, never the day after a hard session.
    let mut long_day = None;
    if let Some((minutes, with_pace, why)) = &req.long_run {
        let preferred = req.athlete.long_run_day;
        // Its own day, or the day before or after within the week; never on two days in a row
        // with another long effort, so otherwise it is skipped for the week.
        let mut order: Vec<usize> = Vec::with_capacity(3);
        if let Some(p) = index_of_weekday(&weekdays, preferred) {
            order.push(p);
            if p > 0 {
                order.push(p - 1);
            }
            if p < 6 {
                order.push(p + 1);
            }
        }
        let pick = order.into_iter().find(|&d| {
            let info = &days[d];
            info.available
                && !info.rest
                && !taken[d]
                && !info.pre_race
                && !info.final_week
                && !info.b_easy
                && !is_near_hard(d, &hard, 2)
        });
        match pick {
            Some(d) => {
                if weekdays[d] != preferred {
                    out.notes.push(text!(
                        "long run moved to ",
                        weekday_short(weekdays[d]),
                        " (",
                        weekday_short(preferred),
                        " not possible this week)"
                    ));
                }
                out.slots.push(Slot {
                    day: d,
                    kind: SessionType::Long,
                    minutes: *minutes,
                    rpe: slot_rpe(SessionType::Long, *with_pace),
                    why: Cow::Owned(why.clone()),
                    long_with_pace: *with_pace,
                    race: None,
                    flexible: true,
                });
                taken[d] = true;
                long_day = Some(d);
            }
            None => out.notes.push(if days.iter().any(|d| d.race.is_some()) {
                "no long run: the race is this week's long effort".to_owned()
            } else {
                "no long run this week: its day is taken".to_owned()
            }),
        }
    }

    // 3. Quality sessions: preferred days first, spaced from every other hard day, never the
    //    day before the long run.
    let mut order: Vec<usize> = Vec::with_capacity(14);
    for &wd in &req.athlete.preferred_days {
        order.extend(index_of_weekday(&weekdays, wd));
    }
    for wd in QUALITY_DAY_ORDER {
        order.extend(index_of_weekday(&weekdays, wd));
    }
    let mut placed_quality = 0usize;
    for (kind, minutes, why) in req.quality {
        let pick = order.iter().copied().find(|&d| {
            let info = &days[d];
            info.allows_quality()
                && !taken[d]
                && long_day != Some(d + 1)
                && !is_near_hard(d, &hard, req.hard_spacing_days)
        });
        let Some(d) = pick else {
            let any_day = days.iter().any(DayInfo::allows_quality);
            out.notes.push(if any_day {
                text!(
                    kind.label(),
                    " left out: no free day away from the other hard days, the days around a race and the eve of the long run"
                )
            } else {
                text!(kind.label(), " left out: easy days around the race")
            });
            continue;
        };
        let preferred = req.athlete.preferred_days.contains(&weekdays[d]);
        let why = if preferred {
            text!(
                why,
                " · ",
                weekday_short(weekdays[d]),
                " is a preferred day"
            )
        } else {
            why.clone()
        };
        out.slots.push(Slot {
            day: d,
            kind: *kind,
            minutes: *minutes * days[d].volume_factor.clamp(0.6, 1.0),
            rpe: slot_rpe(*kind, false),
            why: Cow::Owned(why),
            long_with_pace: false,
            race: None,
            flexible: false,
        });
        taken[d] = true;
        hard.push(nums[d]);
        placed_quality += 1;
    }

    // 4. Rest days: at least the guardrail; easy days fill the rest of the running days.
    let min_rest = usize::from(req.min_rest_days).min(6);
    let unavailable = days.iter().filter(|d| !d.available).count();
    let mut fixed_run_days = taken.iter().filter(|t| **t).count();
    // Too many fixed sessions for the rest days the coach wants: drop quality, last first.
    while fixed_run_days > 7 - min_rest && placed_quality > 0 {
        if let Some(pos) = out
            .slots
            .iter()
            .rposition(|s| s.kind.is_hard() && s.race.is_none())
        {
            let removed = out.slots.remove(pos);
            taken[removed.day] = false;
            hard.retain(|h| *h != nums[removed.day]);
            fixed_run_days -= 1;
            placed_quality -= 1;
            out.notes.push(text!(
                removed.kind.label(),
                " dropped to keep ",
                min_rest,
                " rest days"
            ));
        } else {
            break;
        }
    }
    let target_days = running_days(req.frequency_minutes, req.athlete.runner_type, req.beginner)
        .min(7 - min_rest.max(unavailable));
    let free: DayList = (0..7)
        .filter(|&d| days[d].available && !days[d].rest && !taken[d])
        .collect();
    let mut easy_count = target_days.saturating_sub(fixed_run_days).min(free.len());
    // Easy runs stay shorter than the long run: when the week's easy minutes would not fit
    // under that on the days planned, one more day is run (within the runner type's days and
    // the coach's rest days).
    if let Some(long) = long_day.and_then(|l| out.slots.iter().find(|s| s.day == l)) {
        let easy_minutes = req.run_minutes
            - out
                .slots
                .iter()
                .filter(|s| s.race.is_none())
                .map(|s| s.minutes)
                .sum::<f64>();
        let most_days = running_days(f64::INFINITY, req.athlete.runner_type, req.beginner)
            .min(7 - min_rest.max(unavailable));
        while easy_count < free.len()
            && fixed_run_days + easy_count < most_days
            && easy_minutes > easy_count as f64 * (long.minutes * EASY_OF_LONG).floored()
        {
            easy_count += 1;
        }
    }
    // Rest goes where the templates put it: the day after the long run (template A: Monday),
    // then Friday (templates B and C), then days that keep runs spread out.
    let after_long = long_day.map(|l| (l + 1) % 7);
    let rest_rank = |d: usize| -> (u8, u8) {
        let first = if Some(d) == after_long { 0 } else { 1 };
        let weekday_rank = match weekdays[d] {
            Weekday::Fri => 0,
            Weekday::Mon => 1,
            Weekday::Wed => 2,
            Weekday::Sat => 3,
            Weekday::Thu => 4,
            Weekday::Tue => 5,
            Weekday::Sun => 6,
        };
        (first, weekday_rank)
    };
    let ranks: [(u8, u8); 7] = std::array::from_fn(rest_rank);
    let mut by_rest = free.clone();
    by_rest.sort_by_key(|&d| ranks[d]);
    let rest_count = free.len() - easy_count;
    let mut easy_days: DayList = by_rest.into_iter().skip(rest_count).collect();
    easy_days.sort_unstable();

    // 5. Minutes: what the long run and quality do not use goes to easy days, within limits.
    let fixed_minutes: f64 = out
        .slots
        .iter()
        .filter(|s| s.race.is_none())
        .map(|s| s.minutes)
        .sum();
    let min_easy = if req.run_walk {
        MIN_RUN_WALK_MIN
    } else {
        req.min_easy_min
    };
    // Marathon and half builds keep a medium-long run midweek (template A: Wednesday).
    // The hard days are settled from here on.
    let after_hard_days: [bool; 7] = std::array::from_fn(|d| hard.iter().any(|h| nums[d] - h == 1));
    let after_hard_day = |d: usize| after_hard_days[d];
    let medium_long = if req.medium_long && easy_days.len() >= 3 {
        easy_days
            .iter()
            .copied()
            .filter(|&d| {
                !after_hard_day(d)
                    && !days[d].pre_race
                    && !days[d].b_easy
                    && Some(d + 1) != long_day
            })
            .min_by_key(|&d| (weekdays[d].num_days_from_monday() as i64 - 2).abs())
    } else {
        None
    };
    // Easy days alternate a little longer and shorter: identical days make a monotonous
    // week (Foster 1998), even when all of them are easy.
    let weight = |d: usize| {
        let w = days[d].volume_factor.max(0.2);
        let swing = if d.is_multiple_of(2) { 1.15 } else { 0.85 };
        if Some(d) == medium_long {
            w * 1.5
        } else {
            w * swing
        }
    };
    // Each easy day's ceiling: recovery jogs stay short, the days around a B race are short
    // easy runs, and no run is as long as the long run (the medium-long well below it). The
    // first and last are wishes (`level`): when the other days have no room, the week's
    // volume wins over them; the days around a race stay short regardless.
    let long_minutes =
        long_day.and_then(|l| out.slots.iter().find(|s| s.day == l).map(|s| s.minutes));
    let after_hard = after_hard_day;
    let is_medium_long = |d: usize| Some(d) == medium_long && !after_hard(d);
    // `level` 0: every ceiling; 1: runs may reach the long run's length; 2: recovery jogs
    // may be longer too.
    let ceiling = |d: usize, level: u8| -> f64 {
        let info = &days[d];
        let mut max = if is_medium_long(d) {
            MAX_EASY_MIN * 1.3
        } else {
            MAX_EASY_MIN
        };
        if info.pre_race {
            max = max.min(30.0);
        }
        if level < 2 && after_hard(d) && !info.pre_race {
            max = max.min(RECOVERY_RUN_MAX_MIN);
        }
        if info.b_easy {
            max = max.min(B_RACE_EASY_MAX_MIN);
        }
        if level == 0
            && let Some(long) = long_minutes
        {
            let share = if is_medium_long(d) {
                MEDIUM_LONG_OF_LONG
            } else {
                EASY_OF_LONG
            };
            max = max.min((long * share).floored());
        }
        max
    };
    let easy_total = (req.run_minutes - fixed_minutes).max(0.0);
    // Fewer, longer easy runs rather than many very short ones — but a day is only dropped
    // while the others keep below their ceilings (shorter than the long run), unless the runs
    // would be shorter than the shortest run-walk session. The easy run the day after a
    // workout is a short recovery run on purpose: it neither counts as too short nor goes.
    while easy_days.len() > 1 {
        let total_weight: f64 = easy_days.iter().map(|&d| weight(d)).sum();
        let smallest = easy_days
            .iter()
            .filter(|&&d| !after_hard_day(d))
            .map(|&d| easy_total * weight(d) / total_weight)
            .fold(f64::INFINITY, f64::min);
        if smallest >= min_easy {
            break;
        }
        // Drop the easy day with the smallest weight (latest on ties).
        let Some(pos) = easy_days
            .iter()
            .enumerate()
            .filter(|(_, d)| !after_hard_day(**d))
            .min_by(|a, b| weight(*a.1).total_cmp(&weight(*b.1)).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
        else {
            break;
        };
        let mut fewer = easy_days.clone();
        fewer.remove(pos);
        let room: f64 = fewer.iter().map(|&d| ceiling(d, 0)).sum();
        let overflows = room < easy_total;
        if overflows && smallest >= MIN_RUN_WALK_MIN {
            break;
        }
        easy_days = fewer;
    }
    let total_weight: f64 = easy_days.iter().map(|&d| weight(d)).sum();
    let mut planned: ArrayVec<(usize, f64), 7> = easy_days
        .iter()
        .map(|&d| {
            let share = if total_weight > 0.0 {
                easy_total * weight(d) / total_weight
            } else {
                0.0
            };
            (d, share.max(min_easy.min(share.max(20.0))))
        })
        .collect();
    // Minutes over a day's ceiling go to the days that still have room: first below the long
    // run, then (rather than losing the week's volume) up to the plain easy-run cap.
    // Only what the long run's ceiling took moves past it: minutes cut by the short-run
    // ceilings (recovery jogs, the days around a race) make the week lighter, as meant.
    let (mut overflow, mut soft, mut lost_hard) = (0.0, 0.0, 0.0);
    for (d, m) in &mut planned {
        let (max, loose_max) = (ceiling(*d, 0), ceiling(*d, 2));
        if *m > max {
            overflow += *m - max;
            soft += (*m).min(loose_max) - max.min(loose_max);
            *m = max;
        }
    }
    for level in [0u8, 1, 2] {
        if level == 1 {
            lost_hard = (overflow - soft).max(0.0);
            overflow = overflow.min(soft);
        }
        if overflow < 1.0 {
            continue;
        }
        let room: f64 = planned
            .iter()
            .map(|&(d, m)| (ceiling(d, level) - m).max(0.0))
            .sum();
        if room < 1.0 {
            continue;
        }
        let give = overflow.min(room);
        for (d, m) in &mut planned {
            let spare = (ceiling(*d, level) - *m).max(0.0);
            *m += give * spare / room;
        }
        overflow -= give;
    }
    let lost = overflow + lost_hard;
    let mut strides_left = req.strides_days;
    for &(d, minutes) in &planned {
        let info = &days[d];
        let after_hard = after_hard(d);
        let (kind, why) = if is_medium_long(d) {
            (
                SessionType::Easy,
                Cow::Borrowed("Medium-long easy run: midweek endurance (marathon base template)"),
            )
        } else if info.pre_race {
            (
                SessionType::Easy,
                Cow::Borrowed("Shakeout before race day: short and relaxed"),
            )
        } else if after_hard && minutes.rounded() <= RECOVERY_RUN_MAX_MIN {
            (
                SessionType::Recovery,
                Cow::Borrowed("Day after a hard session: a short recovery jog"),
            )
        } else if after_hard {
            // A high-volume week has no other day for these minutes: an easy run, not a
            // recovery jog of an hour.
            (SessionType::Easy, Cow::Borrowed(AFTER_WORKOUT_EASY))
        } else if strides_left > 0 && !info.recovery && !info.b_easy && !req.run_walk {
            strides_left -= 1;
            (
                SessionType::Strides,
                Cow::Borrowed("Easy run with strides: leg speed without fatigue"),
            )
        } else if req.run_walk {
            (
                SessionType::Easy,
                Cow::Borrowed("Run-walk: rebuilding tolerance after injury"),
            )
        } else if info.recovery {
            (
                SessionType::Easy,
                Cow::Borrowed("Recovery block: easy running only"),
            )
        } else if info.b_easy {
            (
                SessionType::Easy,
                Cow::Borrowed("Around a B race: a short easy run only"),
            )
        } else {
            (SessionType::Easy, Cow::Borrowed("Easy aerobic volume"))
        };
        out.slots.push(Slot {
            day: d,
            kind,
            minutes: minutes.rounded(),
            rpe: slot_rpe(kind, false),
            why,
            long_with_pace: false,
            race: None,
            flexible: true,
        });
        taken[d] = true;
    }
    if lost > 15.0 {
        out.notes.push(text!(
            Fixed0(lost),
            " min of planned volume left out: easy runs are capped (recovery jogs ",
            Fixed0(RECOVERY_RUN_MAX_MIN),
            " min, others ",
            Fixed0(MAX_EASY_MIN),
            " min and shorter than the long run)"
        ));
    }

    // 6. Cross-training on a spare day, when rest days allow it (comeback balance).
    if req.cross_training {
        let rest_now = 7 - taken.iter().filter(|t| **t).count();
        if rest_now > min_rest
            && let Some(d) = (0..7)
                .find(|&d| days[d].available && !days[d].rest && !taken[d] && after_long != Some(d))
        {
            out.slots.push(Slot {
                day: d,
                kind: SessionType::CrossTraining,
                minutes: 40.0,
                rpe: slot_rpe(SessionType::CrossTraining, false),
                why: Cow::Borrowed("Cross-training: aerobic work without impact"),
                long_with_pace: false,
                race: None,
                flexible: true,
            });
        }
    }

    // 7. Strength on easy days, as a second session (it does not take a rest day).
    let mut strength_left = req.strength_sessions;
    // Easy runs are one a day: at most seven (`take` keeps that a fact, not a hope).
    let strength_days: DayList = out
        .slots
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SessionType::Easy | SessionType::Recovery | SessionType::Strides
            )
        })
        .map(|s| s.day)
        .take(7)
        .collect();
    for d in strength_days {
        if strength_left == 0 {
            break;
        }
        if days[d].pre_race {
            continue;
        }
        strength_left -= 1;
        out.slots.push(Slot {
            day: d,
            kind: SessionType::Strength,
            minutes: 30.0,
            rpe: slot_rpe(SessionType::Strength, false),
            why: Cow::Borrowed("Strength for durability (joints and tendons)"),
            long_with_pace: false,
            race: None,
            // A fixed prescription: the caps scale running, not the strength routine.
            flexible: false,
        });
    }

    out.slots
        .sort_by_key(|s| (s.day, s.kind == SessionType::Strength));
    out
}

fn index_of_weekday(weekdays: &[Weekday; 7], wd: Weekday) -> Option<usize> {
    weekdays.iter().position(|d| *d == wd)
}
