//! Peakline's coaching rules in one place, each with its source (SCIENCE.md).
//!
//! Everything the engine decides by rule of thumb is a number or a small function here, so a
//! coach (or a test) can find it and its reason. The planning code only combines them.

use crate::model::{
    Athlete, Guardrails, PhaseKind, RaceDistance, RunnerType, SessionType, VariantKind,
};

/// Down weeks cut load to about 70–80 % of the week before (SCIENCE.md, "Recovery weeks").
pub const DOWN_WEEK_FACTOR: f64 = 0.75;

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
        VariantKind::Aggressive => (0.10, 4, 1.6, 2, 3, 1),
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
            q_base = 0;
        }
        // 5K/10K: intensity density over volume — the top of each variant's quality range,
        // and quality from the second base week.
        RunnerType::FiveTenK => {
            peak_factor = 1.0 + (peak_factor - 1.0) * 0.6;
            q_build = q_build.max(2);
            q_base = q_base.max(1);
            if variant != VariantKind::Conservative {
                q_specific = 3;
            }
            if variant == VariantKind::Aggressive {
                q_build = 3;
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
    let variant_cap_reason = format!("{} cap {:.0} %", variant.code(), ramp * 100.0);
    let (ramp, ramp_reason) = if cap < ramp {
        (cap, format!("coach's cap {:.0} %", cap * 100.0))
    } else {
        (ramp, variant_cap_reason)
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

/// Weeks of no quality at all for a comeback runner (SCIENCE.md: first 3 weeks).
pub const COMEBACK_EASY_WEEKS: usize = 3;

/// Weeks of run-walk at the start of a comeback.
pub const COMEBACK_RUN_WALK_WEEKS: usize = 2;

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
