//! The season map: phases as date ranges, worked backwards from each A race.
//!
//! Race day and taper first, then race-specific, build and base in the weeks left; with too
//! little time phases are compressed in Daniels' priority, with more time base is extended.
//! After each A race comes a recovery block; a second A race starts a second macro-cycle.

use chrono::{Days, NaiveDate};

use super::rules::{
    COMPRESSION_PRIORITY, MIN_PHASE_WEEKS, ideal_phase_weeks, min_recovery_days, recovery_days,
    taper_days,
};
use crate::model::{Athlete, Phase, PhaseKind, Priority, Race, RaceDistance, WeekStart};

/// One macro-cycle: the build-up to an A race and the recovery after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cycle {
    /// Index of the A race in the race list.
    pub race: usize,
    pub class: RaceDistance,
    pub start: NaiveDate,
    pub build_start: NaiveDate,
    pub specific_start: NaiveDate,
    pub taper_start: NaiveDate,
    pub race_day: NaiveDate,
    /// Last day of recovery (the end of a week).
    pub recovery_end: NaiveDate,
}

/// The phases of a season and the macro-cycles they come from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeasonMap {
    /// First day of the first week.
    pub start: NaiveDate,
    /// Last day of the last week.
    pub end: NaiveDate,
    pub phases: Vec<Phase>,
    pub cycles: Vec<Cycle>,
    /// Season-level reasoning shown to the coach.
    pub notes: Vec<String>,
}

impl SeasonMap {
    /// The phase a day belongs to (base outside any phase).
    pub fn phase_on(&self, date: NaiveDate) -> PhaseKind {
        self.phases
            .iter()
            .find(|p| p.contains(date))
            .map_or(PhaseKind::Base, |p| p.kind)
    }

    /// The phase (with its index among phases of that kind in its cycle) holding `date`.
    pub fn phase_holding(&self, date: NaiveDate) -> Option<&Phase> {
        self.phases.iter().find(|p| p.contains(date))
    }

    /// The cycle whose build-up or recovery holds `date`.
    pub fn cycle_on(&self, date: NaiveDate) -> Option<&Cycle> {
        self.cycles
            .iter()
            .find(|c| c.start <= date && date <= c.recovery_end)
    }

    /// Number of weeks in the season.
    pub fn weeks(&self) -> usize {
        usize::try_from(((self.end - self.start).num_days() + 1) / 7).unwrap_or(0)
    }
}

/// The races the season is built around: the A races, or, when there is none, the latest of
/// the highest priority present (peaking for something beats peaking for nothing).
pub fn target_races(races: &[Race]) -> Vec<usize> {
    let best = races.iter().map(|r| r.priority).min();
    let Some(best) = best else {
        return Vec::new();
    };
    if best == Priority::A {
        let mut idx: Vec<usize> = (0..races.len())
            .filter(|&i| races[i].priority == Priority::A)
            .collect();
        idx.sort_by_key(|&i| (races[i].date, i));
        idx
    } else {
        (0..races.len())
            .filter(|&i| races[i].priority == best)
            .max_by_key(|&i| (races[i].date, i))
            .into_iter()
            .collect()
    }
}

/// Races longer than a marathon (with a little slack for course length) are ultras.
const ULTRA_FROM_KM: f64 = 42.5;

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    }
}

fn weeks_between(from: NaiveDate, to: NaiveDate) -> usize {
    usize::try_from((to - from).num_days().max(0) / 7).unwrap_or(0)
}

/// Lays out the season from `start` (any day; weeks are aligned to `week_start`).
///
/// `pins` are phase starts the coach fixed by dragging; they win over the computed boundary
/// of the same phase in the cycle that holds them. `season_end` (the season's last day, or
/// `NaiveDate::MIN` when it has none) bounds the last recovery block: the plan does not run
/// past the season the coach set, only to the end of the race's week at least.
pub fn season_map(
    athlete: &Athlete,
    races: &[Race],
    start: NaiveDate,
    week_start: WeekStart,
    pins: &[(PhaseKind, NaiveDate)],
    season_end: NaiveDate,
) -> SeasonMap {
    let season_start = week_start.week_of(start);
    let mut map = SeasonMap {
        start: season_start,
        end: add_days(season_start, 7 * 12 - 1),
        ..SeasonMap::default()
    };
    let targets = target_races(races);
    if let Some(&only) = targets.first()
        && races[only].priority != Priority::A
    {
        map.notes.push(format!(
            "No A race: the season peaks for {} ({}), the latest {} race.",
            races[only].name,
            races[only].date,
            races[only].priority.letter()
        ));
    }
    let mut cycle_start = season_start;
    for &ri in &targets {
        let race = &races[ri];
        if race.date < season_start {
            map.notes.push(format!(
                "{} on {} is before the season starts: not planned.",
                race.name, race.date
            ));
            continue;
        }
        // A later A race too close to the previous one: its recovery is cut short so this race
        // still gets a build-up and a taper (it is peaked for; a warning says the gap is short),
        // but never below a short block of easy days: no quality before the legs are back.
        if let Some(prev) = map.cycles.last_mut() {
            let (taper_ideal, _) = taper_days(race.class());
            let latest_start = add_days(race.date, -(taper_ideal + 7));
            if prev.recovery_end >= latest_start {
                let prev_km = races[prev.race].distance_km;
                let shortest = add_days(prev.race_day, min_recovery_days(prev_km));
                let mut end = week_end(week_start, add_days(latest_start, -7))
                    .max(prev.race_day)
                    .max(week_end(week_start, shortest));
                if end >= race.date {
                    end = add_days(race.date, -1);
                }
                if end < prev.recovery_end {
                    map.notes.push(format!(
                        "{} comes soon after {}: recovery shortened to {} easy days (about {} advised), then straight into {}'s taper.",
                        race.name,
                        races[prev.race].name,
                        (end - prev.race_day).num_days(),
                        recovery_days(prev_km),
                        race.name
                    ));
                    prev.recovery_end = end;
                }
                cycle_start = add_days(prev.recovery_end, 1);
            }
        }
        let mut cycle = plan_cycle(
            athlete,
            race,
            ri,
            cycle_start,
            week_start,
            pins,
            &mut map.notes,
        );
        if race.distance_km > ULTRA_FROM_KM {
            map.notes.push(format!(
                "{} ({:.0} km) is an ultra: trained like a marathon (long runs up to 35 km or \
                 3 h); the race's time is the VDOT prediction, and recovery is one easy day per \
                 mile.",
                race.name, race.distance_km
            ));
        }
        if season_end >= race.date {
            let last_week = week_end(week_start, season_end).max(week_end(week_start, race.date));
            if cycle.recovery_end > last_week {
                map.notes.push(format!(
                    "{}: the season ends on {season_end}, so its recovery block is cut to {} days \
                     (about {} are advised); keep the days after the season easy.",
                    race.name,
                    (last_week - race.date).num_days(),
                    recovery_days(race.distance_km)
                ));
                cycle.recovery_end = last_week;
            }
        }
        cycle_start = add_days(cycle.recovery_end, 1);
        map.cycles.push(cycle);
    }
    if let Some(last) = map.cycles.last() {
        map.end = last.recovery_end;
        // Races inside the last recovery are on the plan (as races); only later ones are not.
        for r in races
            .iter()
            .filter(|r| r.date > last.race_day && r.date <= last.recovery_end)
        {
            map.notes.push(format!(
                "{} ({}) falls in the recovery after {}: it is on the plan, but run it easy or skip it.",
                r.name,
                r.priority.letter(),
                races[last.race].name
            ));
        }
        let later: Vec<&str> = races
            .iter()
            .filter(|r| r.date > last.recovery_end)
            .map(|r| r.name.as_str())
            .collect();
        if !later.is_empty() {
            map.notes.push(format!(
                "After the last A race the season ends with its recovery; not planned: {}.",
                later.join(", ")
            ));
        }
    } else if targets.is_empty() {
        map.notes.push(
            "No races yet: twelve weeks of base training. Add a race to plan a peak.".to_owned(),
        );
    }
    map.phases = phases_of(&map);
    if map.cycles.is_empty() {
        map.phases = vec![Phase {
            kind: PhaseKind::Base,
            start: map.start,
            end: map.end,
            rationale: "Base: no race to peak for yet.".to_owned(),
        }];
    }
    map
}

fn plan_cycle(
    athlete: &Athlete,
    race: &Race,
    race_index: usize,
    cycle_start: NaiveDate,
    week_start: WeekStart,
    pins: &[(PhaseKind, NaiveDate)],
    notes: &mut Vec<String>,
) -> Cycle {
    let class = race.class();
    let race_day = race.date;
    let (taper_ideal, taper_range) = taper_days(class);
    let days_available = (race_day - cycle_start).num_days();
    // The taper keeps its length unless the whole cycle is shorter than it.
    let taper_len = if days_available >= taper_ideal {
        taper_ideal
    } else {
        notes.push(format!(
            "{}: only {days_available} days to race day, so the whole build-up is a taper \
             (ideal {taper_ideal} days).",
            race.name
        ));
        days_available.max(0)
    };
    let _ = taper_range;
    let taper_start = add_days(race_day, -taper_len);
    let taper_week = week_start.week_of(taper_start);
    let weeks_before_taper = weeks_between(cycle_start, taper_week);
    let ideal = ideal_phase_weeks(class, athlete);
    let [base, build, specific] = allocate_weeks(weeks_before_taper, ideal);
    let ideal_sum: usize = ideal.iter().sum();
    if weeks_before_taper < ideal_sum {
        notes.push(format!(
            "{}: {weeks_before_taper} weeks before the taper (ideal {ideal_sum}), so phases are \
             compressed to base {base}, build {build}, race-specific {specific} weeks — Daniels' \
             priority keeps base first, then race-specific, then build.",
            race.name
        ));
    } else if base > ideal[0] {
        notes.push(format!(
            "{}: {weeks_before_taper} weeks before the taper, more than the {ideal_sum} needed; \
             base is extended to {base} weeks.",
            race.name
        ));
    }
    let build_start = add_days(cycle_start, 7 * i64::try_from(base).unwrap_or(0));
    let specific_start = add_days(build_start, 7 * i64::try_from(build).unwrap_or(0));
    // Pins: the coach's phase starts, kept in order.
    let mut bounds = [build_start, specific_start.min(taper_start), taper_start];
    for &(kind, date) in pins {
        let slot = match kind {
            PhaseKind::Build => 0,
            PhaseKind::Specific => 1,
            PhaseKind::Taper => 2,
            _ => continue,
        };
        if date < cycle_start || date >= race_day {
            continue;
        }
        let date = if slot == 2 {
            date
        } else {
            week_start.week_of(date).max(cycle_start)
        };
        bounds[slot] = date;
        for later in bounds.iter_mut().skip(slot + 1) {
            *later = (*later).max(date);
        }
        for earlier in bounds.iter_mut().take(slot) {
            *earlier = (*earlier).min(date);
        }
        notes.push(format!(
            "{}: the coach set the {} start to {date}.",
            race.name,
            kind.label().to_lowercase()
        ));
    }
    let recovery = recovery_days(race.distance_km);
    let recovery_end = week_end(week_start, add_days(race_day, recovery));
    Cycle {
        race: race_index,
        class,
        start: cycle_start,
        build_start: bounds[0],
        specific_start: bounds[1],
        taper_start: bounds[2],
        race_day,
        recovery_end,
    }
}

/// Weeks for base, build and race-specific from `available` weeks: extend base when there is
/// more time than ideal; otherwise give each phase its minimum in priority order, then fill up
/// to the ideal in the same order.
pub fn allocate_weeks(available: usize, ideal: [usize; 3]) -> [usize; 3] {
    let [base, build, specific] = ideal;
    if available >= base + build + specific {
        return [available - build - specific, build, specific];
    }
    let slot = |kind: PhaseKind| match kind {
        PhaseKind::Base => 0,
        PhaseKind::Build => 1,
        _ => 2,
    };
    let mut alloc = [0usize; 3];
    let mut left = available;
    for kind in COMPRESSION_PRIORITY {
        let i = slot(kind);
        let give = MIN_PHASE_WEEKS.min(ideal[i]).min(left);
        alloc[i] = give;
        left -= give;
    }
    for kind in COMPRESSION_PRIORITY {
        let i = slot(kind);
        let give = (ideal[i] - alloc[i]).min(left);
        alloc[i] += give;
        left -= give;
    }
    alloc
}

/// The last day of the week holding `date`.
pub fn week_end(week_start: WeekStart, date: NaiveDate) -> NaiveDate {
    add_days(week_start.week_of(date), 6)
}

fn phases_of(map: &SeasonMap) -> Vec<Phase> {
    let mut phases = Vec::new();
    let mut push = |kind: PhaseKind, start: NaiveDate, end: NaiveDate, rationale: String| {
        if start <= end {
            phases.push(Phase {
                kind,
                start,
                end,
                rationale,
            });
        }
    };
    for c in &map.cycles {
        let weeks = |a: NaiveDate, b: NaiveDate| ((b - a).num_days() + 6) / 7;
        push(
            PhaseKind::Base,
            c.start,
            add_days(c.build_start, -1),
            format!(
                "Base {} weeks: aerobic volume, strides, one steady or hill session",
                weeks(c.start, c.build_start)
            ),
        );
        push(
            PhaseKind::Build,
            c.build_start,
            add_days(c.specific_start, -1),
            format!(
                "Build {} weeks: threshold and VO2max work on top of volume",
                weeks(c.build_start, c.specific_start)
            ),
        );
        push(
            PhaseKind::Specific,
            c.specific_start,
            add_days(c.taper_start, -1),
            format!(
                "Race-specific {} weeks: {} work, fewer new session types",
                weeks(c.specific_start, c.taper_start),
                specific_focus(c.class)
            ),
        );
        push(
            PhaseKind::Taper,
            c.taper_start,
            add_days(c.race_day, -1),
            format!(
                "Taper {} days: volume cut progressively by about half, intensity kept (Bosquet 2007)",
                (c.race_day - c.taper_start).num_days()
            ),
        );
        push(
            PhaseKind::Race,
            c.race_day,
            c.race_day,
            format!("Race day: {}", c.class.label()),
        );
        push(
            PhaseKind::Recovery,
            add_days(c.race_day, 1),
            c.recovery_end,
            format!(
                "Recovery {} days: about one easy day per mile raced before hard training returns",
                (c.recovery_end - c.race_day).num_days()
            ),
        );
    }
    phases
}

fn specific_focus(class: RaceDistance) -> &'static str {
    match class {
        RaceDistance::Marathon => "long runs with marathon-pace segments",
        RaceDistance::Half => "threshold and half-marathon-pace",
        RaceDistance::TenK => "1–2 km repeats at 10K pace",
        RaceDistance::FiveK => "400–1000 m repeats at 3–5K pace",
    }
}
