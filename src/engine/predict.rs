//! Race prediction and training paces (SCIENCE.md, "Race prediction").
//!
//! Two models side by side, because they disagree usefully: Riegel's power law (simple,
//! calibrated from the mile to the half, optimistic beyond) and Daniels–Gilbert VDOT (an
//! oxygen-cost model that also gives training paces). Parsing and printing of distances and
//! times live here too, so the CLI and the UI read `5k` and `41:21` the same way.
//!
//! # Design
//! The numeric functions take and return plain seconds and metres. Whatever can fail on user
//! input (parsing, solving for a time) returns `Result`/`Option` and never panics or loops
//! forever: solving uses bisection with a fixed number of steps.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::text::{TwoDigits, text};
use crate::model::{PaceRange, RaceResult};

// ---------------------------------------------------------------------------------------------
// Riegel

/// Riegel's fatigue exponent (Riegel, 1981).
pub const RIEGEL_EXPONENT: f64 = 1.06;

/// Equivalent time over `to_m` for a `time_s` effort over `from_m`: `T2 = T1 · (D2/D1)^1.06`
/// (Riegel, 1981). Meant for efforts of about 3.5–230 minutes; well calibrated from the mile to
/// the half marathon, optimistic beyond. Inputs are not checked: non-positive distances give a
/// meaningless (possibly NaN or infinite) result, so validate first (the `parse_*` functions do).
pub fn riegel(time_s: f64, from_m: f64, to_m: f64) -> f64 {
    time_s * (to_m / from_m).powf(RIEGEL_EXPONENT)
}

// ---------------------------------------------------------------------------------------------
// Daniels–Gilbert VDOT

/// Oxygen cost (ml/kg/min) of running at `v_m_per_min` (Daniels & Gilbert, 1979).
pub fn vo2_at_speed(v_m_per_min: f64) -> f64 {
    -4.60 + 0.182258 * v_m_per_min + 0.000104 * v_m_per_min * v_m_per_min
}

/// Fraction of VO2max a runner can sustain for `minutes` (Daniels & Gilbert, 1979).
pub fn fraction_sustainable(minutes: f64) -> f64 {
    0.8 + 0.1894393 * (-0.012778 * minutes).exp() + 0.2989558 * (-0.1932605 * minutes).exp()
}

/// VDOT of a race: the VO2max that explains running `distance_m` in `time_s`,
/// `VDOT = VO2(v) / %max(t)` (Daniels & Gilbert, 1979). Inputs are not checked (see
/// [`vdot_checked`] for results from user data).
pub fn vdot(distance_m: f64, time_s: f64) -> f64 {
    let minutes = time_s / 60.0;
    vo2_at_speed(distance_m / minutes) / fraction_sustainable(minutes)
}

/// The VDOT range treated as a plausible human performance: below is a walk or a typo, above
/// is faster than world records (whose VDOTs are in the mid-80s).
pub const VDOT_PLAUSIBLE: std::ops::RangeInclusive<f64> = 15.0..=90.0;

/// [`vdot`] for data from a file or a form: `None` unless distance and time are finite and
/// positive and the VDOT is within [`VDOT_PLAUSIBLE`].
pub fn vdot_checked(distance_m: f64, time_s: f64) -> Option<f64> {
    if !(positive(distance_m) && positive(time_s)) {
        return None;
    }
    let v = vdot(distance_m, time_s);
    VDOT_PLAUSIBLE.contains(&v).then_some(v)
}

fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

/// Bisection steps of [`time_for_vdot`]: each halves the log-time bracket (ln 10⁹ ≈ 21 wide),
/// so after about 55 steps the ends are neighbouring floats; 64 is a safe fixed count.
const SOLVE_STEPS: usize = 64;

/// Equivalent race time in seconds over `distance_m` for `vdot`: solves `vdot(d, t) = vdot` for
/// t (the Daniels–Gilbert equivalence). At a given distance VDOT falls as the time grows
/// (checked numerically for 100 m–1000 km over the whole bracket), so bisection on log(t) over
/// 0.06 s–2 years finds the one root, in a fixed number of steps.
///
/// `None` when an input is not finite and positive, or the root lies outside the bracket
/// (a VDOT of 10³⁰⁰). Plausibility is the caller's call: see [`vdot_checked`].
pub fn time_for_vdot(vdot_target: f64, distance_m: f64) -> Option<f64> {
    if !(positive(vdot_target) && positive(distance_m)) {
        return None;
    }
    // In minutes; VDOT is above the target at `lo` and below it at `hi`.
    let (mut lo, mut hi) = (1e-3_f64, 1e6_f64);
    let gap = |minutes: f64| vdot(distance_m, minutes * 60.0) - vdot_target;
    if !(gap(lo) > 0.0 && gap(hi) < 0.0) {
        return None;
    }
    for _ in 0..SOLVE_STEPS {
        let mid = (lo * hi).sqrt();
        if gap(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let minutes = (lo * hi).sqrt();
    minutes.is_finite().then_some(minutes * 60.0)
}

// ---------------------------------------------------------------------------------------------
// Training paces

/// Velocity (m/min) at which running costs `vo2` ml/kg/min: the regression
/// `vVDOT = 29.54 + 5.000663·VO2 − 0.007546·VO2²` (Daniels; SCIENCE.md). With VO2 = VDOT this is
/// vVDOT, the speed at VO2max; with a fraction of VDOT, the speed at that intensity.
pub fn speed_at_vo2(vo2: f64) -> f64 {
    29.54 + 5.000663 * vo2 - 0.007546 * vo2 * vo2
}

/// Training intensities as fractions of VDOT (of VO2max, not of vVDOT speed). Daniels' tables
/// follow oxygen cost: threshold at 88 % of VDOT gives 4:15/km at VDOT 50 as published, while
/// 88 % of vVDOT *speed* would give 4:22/km. The others are fitted to Daniels' Running Formula
/// tables at VDOT 50 (E 4:51–5:27, T 4:15, I 3:55, R 3:40 per km) and checked at VDOT 49, both
/// within about 2 s/km (see the tests); paces keep their order and fall with VDOT from 30 to 85.
pub mod intensity {
    /// Easy pace, slow end (≈ 65 % of VO2max).
    pub const EASY_SLOW: f64 = 0.65;
    /// Easy pace, fast end (≈ 75 % of VO2max).
    pub const EASY_FAST: f64 = 0.75;
    /// Threshold (T) pace, comfortably hard, about an hour's race effort (≈ 88 %).
    pub const THRESHOLD: f64 = 0.88;
    /// Interval (I) pace, at VO2max for 3–5 minute reps (≈ 97.5 %).
    pub const INTERVAL: f64 = 0.975;
    /// Repetition (R) pace, about mile race pace, for speed and economy (≈ 105.5 %).
    pub const REPETITION: f64 = 1.055;
}

/// Daniels' training paces for one VDOT, in seconds per kilometre.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrainingPaces {
    /// Easy and long runs: a range, since the right easy pace varies day to day.
    pub easy: PaceRange,
    /// The equivalent marathon's average pace.
    pub marathon_s_per_km: f64,
    /// Tempo runs and cruise intervals.
    pub threshold_s_per_km: f64,
    /// VO2max intervals of 3–5 minutes.
    pub interval_s_per_km: f64,
    /// Short fast repetitions for speed and economy.
    pub repetition_s_per_km: f64,
}

/// Training paces for `vdot` (Daniels' Running Formula): each intensity's speed from
/// [`speed_at_vo2`] at a fraction of VDOT (see [`intensity`]); marathon pace is the
/// equivalent marathon time ÷ 42.195 km rather than a fixed fraction, so it always agrees
/// with the predicted marathon.
///
/// `None` outside [`VDOT_PLAUSIBLE`].
pub fn training_paces(vdot: f64) -> Option<TrainingPaces> {
    if !VDOT_PLAUSIBLE.contains(&vdot) {
        return None;
    }
    let pace = |fraction: f64| 60_000.0 / speed_at_vo2(fraction * vdot);
    let marathon_s = time_for_vdot(vdot, MARATHON_M)?;
    Some(TrainingPaces {
        easy: PaceRange {
            fast_s_per_km: pace(intensity::EASY_FAST),
            slow_s_per_km: pace(intensity::EASY_SLOW),
        },
        marathon_s_per_km: marathon_s / (MARATHON_M / 1000.0),
        threshold_s_per_km: pace(intensity::THRESHOLD),
        interval_s_per_km: pace(intensity::INTERVAL),
        repetition_s_per_km: pace(intensity::REPETITION),
    })
}

// ---------------------------------------------------------------------------------------------
// Distances

/// A race distance Peakline knows by name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StandardDistance {
    /// Machine name, used in JSON and on the command line.
    pub code: &'static str,
    /// Name for people ("Half marathon").
    pub label: &'static str,
    /// Official length in metres.
    pub metres: f64,
}

/// One statute mile in metres.
pub const MILE_M: f64 = 1609.344;
/// The half marathon in metres.
pub const HALF_MARATHON_M: f64 = 21_097.5;
/// The marathon in metres.
pub const MARATHON_M: f64 = 42_195.0;

/// The standard distances, shortest first: the default prediction targets.
pub const STANDARD_DISTANCES: [StandardDistance; 6] = [
    StandardDistance {
        code: "1500",
        label: "1500 m",
        metres: 1500.0,
    },
    StandardDistance {
        code: "mile",
        label: "Mile",
        metres: MILE_M,
    },
    StandardDistance {
        code: "5k",
        label: "5K",
        metres: 5000.0,
    },
    StandardDistance {
        code: "10k",
        label: "10K",
        metres: 10_000.0,
    },
    StandardDistance {
        code: "half",
        label: "Half marathon",
        metres: HALF_MARATHON_M,
    },
    StandardDistance {
        code: "marathon",
        label: "Marathon",
        metres: MARATHON_M,
    },
];

/// Relative tolerance within which a typed distance is taken as a standard one, so "21.1k"
/// and "42.2k" mean the half and the marathon; "1600" (0.6 % short of a mile) stays 1600 m.
const SNAP_TOLERANCE: f64 = 0.001;

/// Shortest and longest distance [`parse_distance`] accepts, in metres.
pub const DISTANCE_RANGE_M: std::ops::RangeInclusive<f64> = 100.0..=1_000_000.0;

/// The standard distance within 0.1 % of `metres`, if any.
pub fn standard_distance(metres: f64) -> Option<&'static StandardDistance> {
    STANDARD_DISTANCES
        .iter()
        .find(|d| (metres - d.metres).abs() <= d.metres * SNAP_TOLERANCE)
}

/// A short machine name for a distance: the standard code ("5k", "half") when it is one,
/// otherwise the metres ("3000m", "1609.5m").
pub fn distance_code(metres: f64) -> String {
    match standard_distance(metres) {
        Some(d) => d.code.to_owned(),
        None => format!("{}m", Metres(metres)),
    }
}

/// Why a distance or a time could not be read.
///
/// # Design
/// One error type for both parsers, with messages written for the person who typed the value
/// (the CLI prints them as they are), each naming the input and showing accepted forms.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("no distance given: try 5k, 10k, half, marathon, mile or metres like 1500")]
    /// Nothing but spaces.
    EmptyDistance,
    #[error(
        "'{0}' is not a distance: use metres (1500, 3000m), kilometres (5k, 21.1k), miles (1mi) \
         or a name (mile, half, hm, marathon)"
    )]
    /// Not a number with a known unit nor a known name.
    Distance(String),
    #[error(
        "'{input}' is {metres} m: distances from 100 m to 1000 km are accepted \
         (kilometres need a k, as in 5k)"
    )]
    /// A readable distance, but shorter than 100 m or longer than 1000 km.
    DistanceRange {
        /// What was typed.
        input: String,
        /// What it reads as.
        metres: f64,
    },
    #[error("no time given: try 41:21, 1:23:45 or seconds like 2481")]
    /// Nothing but spaces.
    EmptyTime,
    #[error("'{0}' is not a time: use h:mm:ss, m:ss or seconds (1:23:45, 41:21, 2481.5)")]
    /// Not `h:mm:ss`, `m:ss` or seconds.
    Time(String),
    #[error("'{0}' has minutes or seconds of 60 or more after a colon")]
    /// Minutes or seconds of 60 or more after a colon ("41:75").
    TimeField(String),
    #[error("'{0}' is not a positive time")]
    /// A zero duration.
    TimeZero(String),
}

/// Reads a distance in metres: a bare number is metres ("1500", "3000m", "1500 m"), a `k`/`km`
/// suffix kilometres ("5k", "10K", "21.1k"), `mi`/`mile`/`miles` miles ("1mi"), and the names
/// "mile", "half" (or "hm", "half marathon") and "marathon" (or "full"). Case and spaces do
/// not matter, nor `-` and `_` in a name ("half-marathon"). A value within 0.1 % of a standard distance snaps to it ("21.1k" is the
/// half, 21 097.5 m).
///
/// # Errors
/// [`ParseError`] for an empty or unreadable input, or a distance outside 100 m–1000 km.
pub fn parse_distance(input: &str) -> Result<f64, ParseError> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if compact.is_empty() {
        return Err(ParseError::EmptyDistance);
    }
    // Hyphens and underscores only join words ("half-marathon"); in a number ("-5k") they are
    // an error, so they are dropped for the name lookup alone.
    let name: String = compact.chars().filter(|c| *c != '-' && *c != '_').collect();
    let named = match name.as_str() {
        "mile" | "mi" => Some(MILE_M),
        "half" | "hm" | "halfmarathon" | "hmarathon" => Some(HALF_MARATHON_M),
        "marathon" | "full" | "fullmarathon" | "fm" => Some(MARATHON_M),
        _ => None,
    };
    let metres = match named {
        Some(m) => m,
        None => {
            let split = compact
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(compact.len());
            let (number, unit) = compact.split_at(split);
            let unit_m = match unit {
                "" | "m" => 1.0,
                "k" | "km" => 1000.0,
                "mi" | "mile" | "miles" => MILE_M,
                _ => return Err(ParseError::Distance(input.trim().to_owned())),
            };
            let Some(value) = parse_decimal(number) else {
                return Err(ParseError::Distance(input.trim().to_owned()));
            };
            value * unit_m
        }
    };
    if !DISTANCE_RANGE_M.contains(&metres) {
        return Err(ParseError::DistanceRange {
            input: input.trim().to_owned(),
            metres,
        });
    }
    Ok(standard_distance(metres).map_or(metres, |d| d.metres))
}

/// Digits with at most one decimal point and at least one digit ("12", "21.1", ".5", "5."),
/// so `f64::from_str`'s "inf", "NaN" and "1e3" are not accepted.
fn parse_decimal(text: &str) -> Option<f64> {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let dots = text.chars().filter(|&c| c == '.').count();
    if digits == 0 || dots > 1 || digits + dots != text.chars().count() {
        return None;
    }
    text.parse().ok().filter(|v: &f64| v.is_finite())
}

/// Reads a duration in seconds: "1:23:45" (h:mm:ss), "41:21" (m:ss) or "2481" (seconds); the
/// last field may have decimals ("41:21.5", "2481.5"). After a colon, minutes and seconds must
/// be below 60; the leading field may be any size ("90:00" is 90 minutes).
///
/// # Errors
/// [`ParseError`] for an empty or unreadable input, a field of 60 or more after a colon, or a
/// zero time.
pub fn parse_time(input: &str) -> Result<f64, ParseError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ParseError::EmptyTime);
    }
    let bad = || ParseError::Time(text.to_owned());
    let fields: Vec<&str> = text.split(':').collect();
    if fields.len() > 3 {
        return Err(bad());
    }
    let last = fields.len() - 1;
    let mut seconds = 0.0;
    for (i, field) in fields.iter().enumerate() {
        // Only the last field may have decimals.
        if i < last && field.contains('.') {
            return Err(bad());
        }
        let value = parse_decimal(field).ok_or_else(bad)?;
        if i > 0 && value >= 60.0 {
            return Err(ParseError::TimeField(text.to_owned()));
        }
        seconds = seconds * 60.0 + value;
    }
    if !seconds.is_finite() {
        return Err(bad());
    }
    if seconds <= 0.0 {
        return Err(ParseError::TimeZero(text.to_owned()));
    }
    Ok(seconds)
}

// ---------------------------------------------------------------------------------------------
// Printing

/// "2:58:07" or "41:21": the time rounded to the second, hours only when there are any.
/// A negative or non-finite value prints as "--:--".
pub fn format_duration_s(seconds: f64) -> String {
    let Some(total) = whole_seconds(seconds) else {
        return "--:--".to_owned();
    };
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    if h > 0 {
        text!(h, ":", TwoDigits(m), ":", TwoDigits(s))
    } else {
        text!(m, ":", TwoDigits(s))
    }
}

/// A pace per kilometre as "4:15" (minutes:seconds, rounded to the second); "--:--" for a
/// negative or non-finite value.
pub fn format_pace(s_per_km: f64) -> String {
    let Some(total) = whole_seconds(s_per_km) else {
        return "--:--".to_owned();
    };
    text!(total / 60, ":", TwoDigits(total % 60))
}

/// Seconds rounded to a whole number; `None` when negative, non-finite or beyond `u64`.
fn whole_seconds(seconds: f64) -> Option<u64> {
    let rounded = seconds.round();
    (rounded.is_finite() && (0.0..1.8e19).contains(&rounded)).then_some(rounded as u64)
}

// ---------------------------------------------------------------------------------------------
// Prediction report

/// A distance in metres that prints as an integer when whole (10000) and as a decimal
/// otherwise (21097.5), in JSON and in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metres(pub f64);

impl Metres {
    /// The value as a whole number, when it is one (and fits exactly in an `i64`).
    fn whole(self) -> Option<i64> {
        let whole = self.0.fract() == 0.0 && self.0.abs() < 9.0e15;
        whole.then_some(self.0 as i64)
    }
}

impl Serialize for Metres {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.whole() {
            Some(m) => serializer.serialize_i64(m),
            None => serializer.serialize_f64(self.0),
        }
    }
}

impl std::fmt::Display for Metres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.whole() {
            Some(m) => write!(f, "{m}"),
            None => write!(f, "{}", self.0),
        }
    }
}

/// The performance a prediction starts from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PredictionFrom {
    /// Distance raced.
    pub distance_m: Metres,
    /// Time taken, as given.
    pub time_s: f64,
}

/// Equivalent time over one target distance by both models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prediction {
    /// The target's code ("marathon", "3000m").
    pub distance: String,
    /// The target's length.
    pub distance_m: Metres,
    /// Riegel's prediction in seconds, to 0.1 s.
    pub riegel_s: Option<f64>,
    /// The VDOT-equivalent time in seconds, to 0.1 s.
    pub vdot_s: Option<f64>,
}

/// Equivalent race times from one performance, as `peakline predict` prints it (JSON via
/// serde). Times are rounded to 0.1 s and the VDOT to 0.1 for the report; a value that cannot
/// be computed (an absurd input) is `null`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PredictionReport {
    /// The performance predicted from.
    pub from: PredictionFrom,
    /// Its VDOT, to 0.1.
    pub vdot: Option<f64>,
    /// One per target, in the targets' order.
    pub predictions: Vec<Prediction>,
}

/// `value` to one decimal; dividing by 10 (not multiplying by 0.1) gives the nearest double to
/// the decimal, so 41.3 prints as 41.3 and not 41.300000000000004.
fn round_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Predicts equivalent times over `targets` (code, metres) from `from_time_s` over
/// `from_distance_m`, by Riegel and by VDOT; no targets means all [`STANDARD_DISTANCES`].
/// The VDOT is computed once at full precision and rounded only in the report.
pub fn predict<S: AsRef<str>>(
    from_distance_m: f64,
    from_time_s: f64,
    targets: &[(S, f64)],
) -> PredictionReport {
    let valid_input = positive(from_distance_m) && positive(from_time_s);
    let vdot_full = valid_input
        .then(|| vdot(from_distance_m, from_time_s))
        .filter(|v| positive(*v));
    let one = |code: &str, metres: f64| {
        let riegel_s = (valid_input && positive(metres))
            .then(|| riegel(from_time_s, from_distance_m, metres))
            .filter(|t| t.is_finite())
            .map(round_tenth);
        let vdot_s = vdot_full
            .and_then(|v| time_for_vdot(v, metres))
            .map(round_tenth);
        Prediction {
            distance: code.to_owned(),
            distance_m: Metres(metres),
            riegel_s,
            vdot_s,
        }
    };
    let predictions = if targets.is_empty() {
        STANDARD_DISTANCES
            .iter()
            .map(|d| one(d.code, d.metres))
            .collect()
    } else {
        targets.iter().map(|(c, m)| one(c.as_ref(), *m)).collect()
    };
    PredictionReport {
        from: PredictionFrom {
            distance_m: Metres(from_distance_m),
            time_s: from_time_s,
        },
        vdot: vdot_full.map(round_tenth),
        predictions,
    }
}

/// The best VDOT among `results` dated within the last `window_days` up to `today` (inclusive);
/// the fitness to plan from is the best recent performance, not the average (Daniels). Results
/// in the future, and implausible ones (see [`vdot_checked`]: bad numbers, a typo'd time), are
/// ignored. `None` when nothing qualifies.
pub fn best_recent_vdot(results: &[RaceResult], today: NaiveDate, window_days: i64) -> Option<f64> {
    results
        .iter()
        .filter(|r| {
            let age_days = (today - r.date).num_days();
            (0..=window_days).contains(&age_days)
        })
        .filter_map(|r| vdot_checked(r.distance_m, r.time_s))
        .reduce(f64::max)
}
