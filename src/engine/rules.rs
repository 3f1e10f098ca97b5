//! Peakline's coaching rules in one place, each with its source (SCIENCE.md).
//!
//! Everything the engine decides by rule of thumb is a number or a small function here, so a
//! coach (or a test) can find it and its reason. The planning code only combines them.

use super::text::{Fixed0, Fixed1, text};
use crate::model::{
    Athlete, Guardrails, PhaseKind, RaceDistance, RunnerType, SessionType, VariantKind,
};

/// Down weeks cut load to about 70–80 % of the week before (SCIENCE.md, "Recovery weeks").
pub const DOWN_WEEK_FACTOR: f64 = 0.75;

/// A down week (planned, or lighter around a B or C race) carries at most this share of the
/// week before's training load, races aside: the top of the 70–80 % band (SCIENCE.md,
/// "Recovery weeks"), so a week labelled "down" always is one, whatever caps trimmed the
/// week before it.
pub const DOWN_WEEK_MAX_LOAD_SHARE: f64 = 0.80;

/// A down week also runs at most this share of the week before's distance: the cut is made
/// mostly in volume while intensity is kept in a smaller dose (the taper's logic, Bosquet
/// 2007), so a week that is lighter in load but longer in kilometres is not a down week.
pub const DOWN_WEEK_MAX_DISTANCE_SHARE: f64 = 0.90;

/// Weeks looked back over for the ramp check. After lighter weeks (below
/// [`LIGHTER_WEEK_SHARE`] of the week before them: travel, illness, missed sessions) a week is
/// measured from the last normal week, with the cap once per week since, so returning to the
/// plan's trajectory is not a ramp; flat weeks followed by a jump still are. Coming back too
/// fast after a long break is the acute:chronic check's job (Gabbett 2016).
pub const RAMP_REFERENCE_WEEKS: usize = 3;

/// A week under this share of an earlier one is a lighter week for the ramp check: below the
/// 70–80 % of a planned down week (SCIENCE.md, "Recovery weeks").
pub const LIGHTER_WEEK_SHARE: f64 = 0.8;

/// The aggressive variant's weekly ramp cap (SCIENCE.md defaults: 5 / 8 / 10 %).
const AGGRESSIVE_RAMP: f64 = 0.10;

/// How a variant pushes, after runner type and guardrails are applied.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantParams {
    pub variant: VariantKind,
    /// Largest week-over-week load increase outside down weeks, as a fraction (0.08 = 8 %).
    pub ramp: f64,
    /// Why the ramp is what it is ("moderate cap 8 %", "coach's cap 6 %").
    pub ramp_reason: String,
    /// A down week every this many weeks.
    pub down_every: usize,
    pub down_reason: &'static str,
    /// Peak weekly running volume as a multiple of the current volume.
    pub peak_factor: f64,
    /// Quality sessions per week in build and in race-specific weeks.
    pub quality_build: u8,
    pub quality_specific: u8,
    /// Quality sessions in base weeks after the first two.
    pub quality_base: u8,
    /// Minimum days between the starts of two hard days (2 = not back to back; 3 = 72 h).
    pub hard_spacing_days: i64,
}

/// Variant defaults (SCIENCE.md, "Peakline's starting defaults"), then runner-type ceilings,
/// then the coach's guardrails, which bound every variant.
pub fn variant_params(
    variant: VariantKind,
    athlete: &Athlete,
    guardrails: &Guardrails,
) -> VariantParams {
    let (ramp, mut down_every, peak_factor, q_build, q_specific, q_base) = match variant {
        VariantKind::Conservative => (0.05, 3, 1.2, 1, 2, 0),
        VariantKind::Moderate => (0.08, 4, 1.4, 2, 2, 1),
        VariantKind::Aggressive => (AGGRESSIVE_RAMP, 4, 1.6, 2, 3, 1),
    };
    let mut down_reason = match variant {
        VariantKind::Conservative => "every 3rd week (conservative)",
        _ => "every 4th week",
    };
    let mut peak_factor = peak_factor;
    let (mut q_build, mut q_specific, mut q_base) = (q_build, q_specific, q_base);
    let mut hard_spacing_days = 2;
    match athlete.runner_type {
        // Masters: down week every 3rd, 72 h between hard sessions, lower ceilings.
        RunnerType::Masters => {
            down_every = 3;
            down_reason = "every 3rd week (masters)";
            hard_spacing_days = 3;
            peak_factor = 1.0 + (peak_factor - 1.0) * 0.75;
            q_specific = q_specific.min(2);
        }
        // Comeback: down week every 3rd; the coach's cap governs the ramp (below); a higher
        // multiple because the current volume is a fraction of what the athlete ran before.
        RunnerType::Comeback => {
            down_every = 3;
            down_reason = "every 3rd week (comeback)";
            peak_factor = 1.0 + (peak_factor - 1.0) * 2.0;
            // One tempo session in the later base weeks (from COMEBACK_TEMPO_FROM_WEEK).
            q_base = 1;
        }
        // 5K/10K: intensity density over volume — two quality sessions a week in build and
        // race-specific weeks (three when aggressive), and quality from the third base week.
        RunnerType::FiveTenK => {
            peak_factor = 1.0 + (peak_factor - 1.0) * 0.6;
            q_build = q_build.max(2);
            q_specific = q_specific.max(2);
            q_base = q_base.max(1);
            if variant == VariantKind::Aggressive {
                q_build = 3;
                q_specific = 3;
                q_base = 2;
            }
        }
        RunnerType::Marathoner | RunnerType::MultiRace => {}
    }
    // Beginners: at most one quality session a week and a simple week.
    if athlete.is_beginner() {
        q_build = q_build.min(1);
        q_specific = q_specific.min(1);
        q_base = 0;
        peak_factor = 1.0 + (peak_factor - 1.0) * 0.6;
    }
    let cap = guardrails.max_weekly_increase_pct / 100.0;
    let (ramp, ramp_reason) =
        if athlete.runner_type == RunnerType::Comeback && cap < AGGRESSIVE_RAMP {
            // Comeback: the coach's cap is the ceiling whatever the variant (SCIENCE.md); the
            // variants keep their default proportions (5 : 8 : 10) below it, so the three drafts
            // still differ in how fast they rebuild. (A cap above the aggressive default leaves
            // the defaults as they are.)
            let share = ramp / AGGRESSIVE_RAMP;
            let ramp = cap * share;
            let reason = if share < 1.0 {
                text!(
                    variant.code(),
                    " comeback ",
                    Fixed1(ramp * 100.0),
                    " % = ",
                    Fixed0(share * 100.0),
                    " % of the coach's cap ",
                    Fixed0(cap * 100.0),
                    " %"
                )
            } else {
                text!("coach's cap ", Fixed0(cap * 100.0), " %")
            };
            (ramp, reason)
        } else if cap < ramp {
            (cap, text!("coach's cap ", Fixed0(cap * 100.0), " %"))
        } else {
            (
                ramp,
                text!(variant.code(), " cap ", Fixed0(ramp * 100.0), " %"),
            )
        };
    let max_hard = guardrails.max_hard_sessions_per_week;
    VariantParams {
        variant,
        ramp,
        ramp_reason,
        down_every,
        down_reason,
        peak_factor,
        quality_build: q_build.min(max_hard),
        quality_specific: q_specific.min(max_hard),
        quality_base: q_base.min(max_hard),
        hard_spacing_days,
    }
}

/// Taper length in days before race day, and its allowed range (Bosquet et al., 2007: 8–14
/// days; marathon up to 3 weeks, Pfitzinger; 5K ≈ 5–7, 10K ≈ 7–10 days).
pub fn taper_days(class: RaceDistance) -> (i64, std::ops::RangeInclusive<i64>) {
    match class {
        RaceDistance::FiveK => (6, 5..=7),
        RaceDistance::TenK => (9, 7..=10),
        RaceDistance::Half => (13, 10..=14),
        RaceDistance::Marathon => (20, 14..=21),
    }
}

/// Share of pre-taper volume in each taper week, first to last (SCIENCE.md, "Taper shape":
/// marathon ≈ 80/60/40 %; the last week lands 41–60 % below the pre-taper week, Bosquet 2007).
pub fn taper_volume_shares(class: RaceDistance) -> &'static [f64] {
    match class {
        RaceDistance::Marathon => &[0.80, 0.62, 0.48],
        RaceDistance::Half => &[0.70, 0.50],
        RaceDistance::TenK | RaceDistance::FiveK => &[0.52],
    }
}

/// The taper's load cut the engine aims for, and the band it must land in (Bosquet 2007).
pub const TAPER_CUT_TARGET: f64 = 0.50;
pub const TAPER_CUT_RANGE: std::ops::RangeInclusive<f64> = 0.41..=0.60;

/// Recovery days after an A race: one easy day per mile raced (coaching rule of thumb;
/// marathon ≈ 3–4 weeks, 10K ≈ 6 days).
pub fn recovery_days(distance_km: f64) -> i64 {
    ((distance_km / 1.609_344).ceil() as i64).max(3)
}

/// The shortest recovery after an A race when the next A race is close: a third of the
/// one-day-per-mile rule, at least three days (a marathon ≈ 9 easy days, a 10K 3). Below
/// that the legs are not back and quality would be a gamble; the "too close" warning says the
/// rest.
pub fn min_recovery_days(distance_km: f64) -> i64 {
    let full = recovery_days(distance_km);
    full.min(((full as f64) / 3.0).ceil().max(3.0) as i64)
}

/// Days of mini-taper before a B race (SCIENCE.md: 3–5 days).
pub fn b_race_taper_days(class: RaceDistance) -> i64 {
    match class {
        RaceDistance::FiveK | RaceDistance::TenK => 3,
        RaceDistance::Half => 4,
        RaceDistance::Marathon => 5,
    }
}

/// Easy days after a B race: a short recovery, about one day per 5 km raced (min 2).
pub fn b_race_recovery_days(distance_km: f64) -> i64 {
    ((distance_km / 5.0).ceil() as i64).clamp(2, 9)
}

/// Ideal phase lengths in weeks (base, build, race-specific) before the taper.
/// Marathon after Daniels' 24-week ideal and the source article (base 10–14, build 6–8,
/// specific 4–6); shorter races need less base.
pub fn ideal_phase_weeks(class: RaceDistance, athlete: &Athlete) -> [usize; 3] {
    let [base, build, specific] = match class {
        RaceDistance::Marathon => [10, 6, 5],
        RaceDistance::Half => [8, 5, 4],
        RaceDistance::TenK => [6, 4, 4],
        RaceDistance::FiveK => [6, 4, 3],
    };
    let extra_base = match athlete.runner_type {
        RunnerType::Comeback => 4,
        _ if athlete.is_beginner() => 2,
        _ => 0,
    };
    [base + extra_base, build, specific]
}

/// Minimum weeks per phase when compressing (Daniels: at least 3 weeks each).
pub const MIN_PHASE_WEEKS: usize = 3;

/// The order in which phases keep their weeks when time is short: base, then race-specific,
/// then build (Daniels: keep phases I, IV, II, III in that priority).
pub const COMPRESSION_PRIORITY: [PhaseKind; 3] =
    [PhaseKind::Base, PhaseKind::Specific, PhaseKind::Build];

/// Longest long run for the race distance (SCIENCE.md; Pfitzinger, Hansons): marathon
/// ≤ 35 km or 3 h, half ≤ 22 km, 10K ≤ 18 km, 5K ≤ 15 km.
pub fn long_run_cap(class: RaceDistance) -> (f64, f64) {
    match class {
        RaceDistance::Marathon => (35.0, 180.0),
        RaceDistance::Half => (22.0, 140.0),
        RaceDistance::TenK => (18.0, 110.0),
        RaceDistance::FiveK => (15.0, 95.0),
    }
}

/// The shortest quality session, in minutes: 15 min warm-up, about 10 min of work, 10 min
/// cool-down. Quality is shortened to this before it is dropped to fit a cap.
pub const MIN_QUALITY_MIN: f64 = 35.0;

/// One quality session takes at most this share of the week's running minutes, and all of
/// them together at most [`QUALITY_WEEK_SHARE`]: most running stays easy (Seiler's ~80/20 by
/// sessions; by minutes the hard sessions' warm-ups and cool-downs are easy running too).
pub const QUALITY_SESSION_SHARE: f64 = 0.30;
pub const QUALITY_WEEK_SHARE: f64 = 0.45;

/// Long run as a share of the week's running distance (SCIENCE.md: 25–30 %).
pub const LONG_RUN_SHARE: f64 = 0.28;

/// A run shorter than this is an easy run, not a long run.
pub const MIN_LONG_RUN_MIN: f64 = 60.0;

/// The long run in taper and recovery weeks, as a share of the cycle's longest long run:
/// taper weeks step down (Pfitzinger: about 3/4, then 1/2), recovery weeks build back.
pub fn long_run_step(phase: PhaseKind, n: usize) -> Option<f64> {
    match (phase, n) {
        (PhaseKind::Taper, 1) => Some(0.75),
        (PhaseKind::Taper, 2) => Some(0.55),
        (PhaseKind::Recovery, 2) => Some(0.5),
        (PhaseKind::Recovery, 3..) => Some(0.65),
        _ => None,
    }
}

/// A recovery jog the day after a hard session lasts at most this long: its job is blood
/// flow, not volume (Pfitzinger: recovery runs of 30–40 min).
pub const RECOVERY_RUN_MAX_MIN: f64 = 40.0;

/// In a B race's mini-taper and short recovery, easy runs last at most this long: the days
/// around the race are for freshness (SCIENCE.md: 3–5 days of mini-taper).
pub const B_RACE_EASY_MAX_MIN: f64 = 45.0;

/// The long run is the week's longest run: a medium-long run is at most this share of it
/// (Pfitzinger's medium-long runs are about 2/3–3/4 of the long run), any other easy run at
/// most [`EASY_OF_LONG`].
pub const MEDIUM_LONG_OF_LONG: f64 = 0.8;
pub const EASY_OF_LONG: f64 = 0.75;

/// Weeks of no quality at all for a comeback runner (SCIENCE.md: first 3 weeks).
pub const COMEBACK_EASY_WEEKS: usize = 3;

/// A comeback's first workout comes in this week of the build-up at the earliest: after the
/// run-walk weeks, continuous easy running, then strides (source article, comeback runners:
/// "gradual reintroduction of intensity"; SCIENCE.md, first 3 weeks without quality).
pub const COMEBACK_TEMPO_FROM_WEEK: usize = 6;

/// A comeback's long run once running is continuous: modest, at least this long to be worth
/// the name, and within the coach's long-run share.
pub const COMEBACK_LONG_RUN_MIN: f64 = 30.0;

/// Quality for a comeback runner, in the order intensity returns: steady and threshold
/// (tempo) running first, hill reps not at all (they load the Achilles and calf), VO2max
/// intervals only in the race-specific weeks before the race.
pub fn comeback_quality_types(phase: PhaseKind, class: RaceDistance) -> &'static [SessionType] {
    use SessionType::{Intervals, RacePace, Threshold};
    match (phase, class) {
        (PhaseKind::Base | PhaseKind::Build, _) => &[Threshold],
        (PhaseKind::Specific, RaceDistance::FiveK | RaceDistance::TenK) => &[Intervals, Threshold],
        (PhaseKind::Specific, _) => &[Threshold, RacePace],
        (PhaseKind::Taper | PhaseKind::Race, RaceDistance::FiveK | RaceDistance::TenK) => {
            &[Intervals]
        }
        (PhaseKind::Taper | PhaseKind::Race, _) => &[RacePace],
        (PhaseKind::Recovery, _) => &[],
    }
}

/// An Achilles or calf injury in the athlete's history: hill running loads both (uphill
/// running raises Achilles tendon load), so hills wait.
pub fn achilles_or_calf_history(athlete: &Athlete) -> bool {
    athlete.injury_history.iter().any(|i| {
        let text = format!("{} {}", i.location, i.description).to_lowercase();
        text.contains("achilles") || text.contains("calf") || text.contains("soleus")
    })
}

/// Weeks of run-walk at the start of a comeback.
pub const COMEBACK_RUN_WALK_WEEKS: usize = 2;

/// A comeback rebuilds toward the athlete's previous level, and the coach's weekly volume cap
/// is where the coach puts that level for now: the running volume aims at this share of the
/// cap (conservative 75 %, moderate 90 %, aggressive all of it, never above), climbing at the
/// coach's ramp cap outside down weeks when the weeks allow. SCIENCE.md's "× current volume"
/// peaks are for athletes training at their usual level; a comeback's current volume is a
/// fraction of it (the source article: comeback runners "rebuild gradually", within the
/// coach's caps). Without a volume cap the variant's peak factor applies.
pub fn comeback_volume_share(variant: VariantKind) -> f64 {
    match variant {
        VariantKind::Conservative => 0.75,
        VariantKind::Moderate => 0.90,
        VariantKind::Aggressive => 1.0,
    }
}

/// During a comeback the running is what is being rebuilt: when the ramp cap leaves no room
/// for the week's planned running (a first tempo session, a longer run), cross-training gives
/// way first and strength is shortened (not below [`COMEBACK_STRENGTH_MIN_MIN`]) before any
/// running is cut. Cross-training stands in for running the athlete cannot do yet (source
/// article, comeback runners: "cross-training balance"), so it yields as running returns.
pub const COMEBACK_STRENGTH_MIN_MIN: f64 = 20.0;

/// The shortest easy run (recovery jogs and shakeouts aside) for a week's running distance:
/// a runner at 30 km a week and more gets fewer, longer easy runs — at least 30 min, 35 min
/// from 45 km — rather than several short ones; a day is dropped (one more rest day) when the
/// minutes are too few to fill the days (coaching convention: Pfitzinger's general aerobic
/// runs are 40 min and longer; very short runs add impact without much aerobic stimulus).
/// Below 30 km a week, 20-minute runs are what the volume allows (a comeback's or a
/// beginner's third run of the week), better than one run fewer.
pub fn min_easy_run_min(week_km: f64) -> f64 {
    if week_km >= 45.0 {
        35.0
    } else if week_km >= 30.0 {
        30.0
    } else {
        20.0
    }
}

/// Running days per week for a weekly volume in minutes: fewer, longer runs at low volume.
pub fn running_days(week_minutes: f64, runner_type: RunnerType, beginner: bool) -> usize {
    let days: usize = if week_minutes < 150.0 {
        3
    } else if week_minutes < 230.0 {
        4
    } else if week_minutes < 330.0 {
        5
    } else {
        6
    };
    let max = if beginner || runner_type == RunnerType::Comeback {
        4
    } else if runner_type == RunnerType::Masters {
        5
    } else {
        6
    };
    days.min(max)
}

/// Quality session types for a phase and race distance, for week number `n` of the phase.
/// Race-specific and taper weeks only use types the build already introduced, so the plan
/// gets simpler as the race nears (source article, "Race-specific block planning").
pub fn quality_types(phase: PhaseKind, class: RaceDistance, n: usize) -> &'static [SessionType] {
    use SessionType::{Hills, Intervals, RacePace, Threshold};
    let alternate = n % 2 == 1;
    match (phase, class) {
        (PhaseKind::Base, _) => {
            if alternate {
                &[Hills, Threshold]
            } else {
                &[Threshold, Hills]
            }
        }
        (PhaseKind::Build, RaceDistance::Marathon | RaceDistance::Half) => {
            if alternate {
                &[Threshold, RacePace, Intervals]
            } else {
                &[Threshold, Intervals, RacePace]
            }
        }
        (PhaseKind::Build, RaceDistance::TenK) => {
            if alternate {
                &[Intervals, Hills, Threshold]
            } else {
                &[Intervals, Threshold, Hills]
            }
        }
        (PhaseKind::Build, RaceDistance::FiveK) => {
            if alternate {
                &[Intervals, Hills, Threshold]
            } else {
                &[Intervals, Threshold, Hills]
            }
        }
        (PhaseKind::Specific, RaceDistance::Marathon) => &[RacePace, Threshold, Intervals],
        (PhaseKind::Specific, RaceDistance::Half) => &[Threshold, RacePace, Intervals],
        (PhaseKind::Specific, RaceDistance::TenK | RaceDistance::FiveK) => {
            &[Intervals, Threshold, Hills]
        }
        (PhaseKind::Taper | PhaseKind::Race, RaceDistance::Marathon | RaceDistance::Half) => {
            &[RacePace]
        }
        (PhaseKind::Taper | PhaseKind::Race, _) => &[Intervals],
        (PhaseKind::Recovery, _) => &[],
    }
}

/// An equivalent session type for one the athlete cannot or would rather not do.
/// `None` when nothing equivalent exists (the session is kept and the reason says so).
pub fn equivalent_type(kind: SessionType, class: RaceDistance) -> Option<SessionType> {
    use SessionType::{Easy, Hills, Intervals, RacePace, Strength, Threshold};
    match kind {
        Hills => Some(Threshold),
        Threshold => Some(match class {
            RaceDistance::Marathon | RaceDistance::Half => RacePace,
            _ => Intervals,
        }),
        Intervals => Some(Threshold),
        RacePace => match class {
            RaceDistance::FiveK | RaceDistance::TenK => Some(Intervals),
            _ => Some(Threshold),
        },
        SessionType::CrossTraining => Some(Easy),
        Strength => None,
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The review cycle: weekly draft, what-if scenarios, monthly audit, retrospective

/// Readiness below the athlete's baseline on this many consecutive check-in days makes the
/// weekly draft cut intensity, then volume. Several days, not one: a single low score is noise
/// (source article: "a good coach looks at the whole picture rather than reacting to one metric
/// in isolation"; "if the athlete feels flat, the coach should not be afraid to downshift").
pub const READINESS_LOW_DAYS: usize = 3;

/// How far below the baseline a readiness score must be to count as low: half a point on the
/// 1–10 scale, so an athlete whose scores hover at their own mean does not trip the rule.
pub const READINESS_LOW_MARGIN: f64 = 0.5;

/// Earlier check-ins needed before their mean replaces the profile's baseline readiness:
/// readiness scales are personal ("the athlete's own baseline"), but a mean of a handful of
/// days is not a baseline. Ten check-ins is about two weeks of a daily habit.
pub const READINESS_BASELINE_MIN_CHECKINS: usize = 10;

/// Days before the signal window whose check-ins make the athlete's own readiness baseline.
pub const READINESS_BASELINE_DAYS: i64 = 28;

/// Low readiness: the week's load is held to at most this share of the plan (intensity is cut
/// first; volume only when that is not enough). 85 % is milder than a down week (70–80 %,
/// SCIENCE.md "Recovery weeks"): the athlete is flat, not injured (source article: warning signs
/// ➡ "reduce load and reassess").
pub const LOW_READINESS_LOAD_FACTOR: f64 = 0.85;

/// Low readiness keeps at most this many quality sessions, the latest of the week, shortened.
pub const LOW_READINESS_MAX_HARD: usize = 1;

/// A quality session kept while readiness is low is shortened by this share (reps or segments
/// cut pro rata): intensity in a smaller dose, as in a taper (Bosquet et al., 2007).
pub const HARD_SESSION_CUT: f64 = 1.0 / 3.0;

/// Pain at or above the coach's guardrail (`pain_blocks_intensity_at`): no quality session at
/// all, and the week's load at most a down week's (SCIENCE.md: down weeks at 70–80 %; source
/// article, comeback runners: "pain signals … human intuition is the primary safety system").
pub const PAIN_LOAD_FACTOR: f64 = 0.80;

/// Load compliance (actual ÷ planned load over the last 7 days) under this holds next week's
/// load at last week's actual load instead of ramping (issue #7: "compliance under ~70 % ➡ hold
/// load"; a ramp only makes sense from a load that was absorbed — Friel's 5–8 points a week
/// assume the previous week was done).
pub const COMPLIANCE_HOLD_BELOW: f64 = 0.70;

/// The compliance hold never drafts a week below this share of the plan: a week of nothing
/// logged as done (illness, a lost week) is not a reason to plan nothing; the coach decides
/// whether to rest fully. Half the plan is a gentle return (coaching convention: after a
/// missed week, resume at about half to two thirds of the previous load).
pub const COMPLIANCE_HOLD_FLOOR: f64 = 0.50;

/// Load compliance is judged only when the log covers at least this many of the last 7 days:
/// one or two logged days say little about a week (a rest day, or only the long run).
pub const COMPLIANCE_MIN_LOGGED_DAYS: usize = 4;

/// Form (TSB) below this share of fitness (CTL) is "very negative": the weekly draft adds an
/// extra easy or rest day. intervals.icu reads form relative to fitness: −10 to −30 % is the
/// optimal training zone, below −30 % the high-risk zone.
pub const FORM_VERY_NEGATIVE_SHARE: f64 = -0.30;

/// The shortest a session is cut to when volume is trimmed; shorter ones are dropped instead
/// (a 10-minute run is not worth the shoes).
pub const MIN_TRIMMED_SESSION_MIN: f64 = 20.0;

/// Illness: no quality session on the first days back (issue #7: 3 days), and no session of
/// any kind while ill.
pub const ILLNESS_NO_HARD_DAYS: i64 = 3;

/// Illness: days of reduced training per day ill before full load returns ("return
/// gradually": the common coaching rule of thumb of about two easy days per day lost).
pub const ILLNESS_RETURN_DAYS_PER_DAY: i64 = 2;

/// Illness: the load of the weeks in the return period, as a share of the plan — a down week's
/// level (SCIENCE.md, "Recovery weeks": 70–80 %).
pub const ILLNESS_RETURN_LOAD_FACTOR: f64 = 0.75;

/// Illness: a quality session in the first days back becomes an easy run of at most this long.
pub const ILLNESS_EASY_MAX_MIN: f64 = 40.0;

/// The monthly audit looks at the last four complete weeks (source article: "every four
/// weeks, zoom out").
pub const AUDIT_WEEKS: i64 = 4;

/// Warning signs are trends over the last two weeks against the two before (source article:
/// "if multiple markers trend the wrong way for more than a week or two, reduce load and
/// reassess"; SCIENCE.md "Warning signs").
pub const TREND_DAYS: i64 = 14;

/// Easy-run session RPE rising by this much (CR-10 points, recent vs earlier mean) is
/// "elevated perceived effort at easy pace" (source article).
pub const EASY_RPE_RISE: f64 = 0.5;

/// Quality-session RPE rising by this much at the same prescription is "declining workout
/// quality" (source article).
pub const HARD_RPE_RISE: f64 = 0.5;

/// Quality sessions done dropping by this share (e.g. 100 % ➡ 75 %) is declining workout
/// quality too.
pub const COMPLETION_DROP: f64 = 0.20;

/// Sleep falling by this many hours a night (recent vs earlier mean) is "worsening sleep".
pub const SLEEP_DROP_H: f64 = 0.5;

/// Sleep quality (1–5) falling by this much is worsening sleep too.
pub const SLEEP_QUALITY_DROP: f64 = 0.5;

/// Soreness (0–10) at or above this on at least half of the recent check-ins is "persistent
/// soreness" (source article).
pub const SORENESS_HIGH: u8 = 4;

/// Warning signs present together that mean the plan is too aggressive (source article:
/// "multiple markers").
pub const SIGNS_FOR_TOO_AGGRESSIVE: usize = 2;

/// The audit calls load "undershooting" below this compliance over the period: the plan asks
/// for more than the athlete's life allows, which is a planning problem, not the athlete's.
pub const AUDIT_LOAD_COMPLIANCE_LOW: f64 = 0.80;

/// A session type done less than this share of the times planned is a candidate to replace
/// (source article: "Was one type of session consistently underperforming?"; adherence beats
/// theoretical perfection).
pub const REPLACE_COMPLETION_BELOW: f64 = 0.50;

/// Session RPE this far above the prescription on average: the sessions feel harder than
/// intended.
pub const RPE_OVER_TARGET: f64 = 1.0;

/// A change in aerobic efficiency (pace at heart rate on easy runs) smaller than this share is
/// noise (day-to-day HR varies by a few beats).
pub const EFFICIENCY_CHANGE: f64 = 0.03;

/// Fewest performances for a Banister fit of k1, k2 and p0 (SCIENCE.md: "with fewer than ~4
/// performances the fit is unreliable"; three unknowns need more than three points).
pub const MIN_PERFORMANCES_FOR_FIT: usize = 4;
