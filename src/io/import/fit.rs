//! FIT (Garmin/ANT binary) activities, decoded with `fitparser`.
//!
//! One activity per `session` message: a multisport file (swim, bike, run) gives one per
//! leg, transitions left out. Summary values come from the session; heart rate falls back to
//! the `record` samples when the session has none. A file without sessions but with records
//! (some older devices) gives one activity computed from the records.
//!
//! `fitparser` 0.11 panics on some damaged files (slice indexing on a bad header size, among
//! others), so each decoding call runs under `catch_unwind`; the panic message is silenced for
//! that call only, through a hook installed once that defers to the previous hook otherwise.
//! This needs the default `panic = "unwind"` profile, which Peakline keeps.
//!
//! # Odd field sizes, without `fitparser`'s stderr line
//! A definition message may give a field a size that is not a multiple of its base type's
//! size (some Coros and NK devices write such files; bit flips make more). `fitparser` then
//! reads the field as bytes, which is right, but first prints `ERROR: field size: …` with
//! `eprintln!`, which no `catch_unwind` stops and which would land in the middle of the CLI's
//! report and the app's terminal. So [`decode`] follows the decoder's framing (header,
//! messages, CRC, and chained files: [`Framing`] mirrors `fitparser`'s own position
//! arithmetic) and, before each definition message, retypes such fields as bytes itself in a
//! copy of that message: the decoder sees a definition it accepts silently and decodes every
//! message exactly as before. As the copy no longer matches the file's checksum, the data CRC
//! is checked here, on the original bytes, with the FIT SDK's algorithm
//! (`DecodeOption::SkipDataCrcValidation` turns the decoder's own check off); the header's
//! CRC is still checked by the decoder.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

use chrono::{DateTime, Duration, Utc};
use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};

use super::{Activity, ImportError, ImportOptions, checked, hr_stats, sport_from_name};
use crate::model::{Source, Sport};

/// Samples kept for the fallbacks: 48 h at 1 Hz is 173k; a damaged or hostile file with
/// millions of tiny record messages stops adding at this many (about 24 MB).
const MAX_SAMPLES: usize = 500_000;
/// Largest UTC offset on Earth (Kiribati, +14 h); a recorded offset beyond it is corrupt.
const MAX_OFFSET_S: i64 = 14 * 3600;

pub(super) fn read(
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    let summary = decode(file, bytes)?;
    let offset = opts
        .use_file_offset
        .then_some(summary.local_offset)
        .flatten();
    let local = |utc: DateTime<Utc>| match offset {
        Some(off) => (utc + off).naive_utc(),
        None => opts.local_from_utc(utc),
    };

    let mut activities = Vec::new();
    for (i, s) in summary.sessions.iter().enumerate() {
        let Some(sport) = s.sport else { continue };
        let Some(duration_s) = s.elapsed_s.or(s.timer_s) else {
            continue;
        };
        let Some(start) = s.start.or_else(|| {
            let end = s.end?;
            Duration::try_milliseconds((duration_s * 1000.0) as i64).map(|d| end - d)
        }) else {
            continue;
        };
        let (mut avg_hr, mut max_hr) = (s.avg_hr, s.max_hr);
        if avg_hr.is_none() || max_hr.is_none() {
            let end = start + Duration::try_seconds(duration_s.ceil() as i64).unwrap_or_default();
            let (avg, max) = hr_stats(
                summary
                    .records
                    .iter()
                    .filter(|r| r.time >= start && r.time <= end)
                    .filter_map(|r| r.hr),
            );
            avg_hr = avg_hr.or(avg);
            max_hr = max_hr.or(max);
        }
        let what = format!("session {}", i + 1);
        activities.push(checked(
            Activity {
                start: local(start),
                sport,
                duration_s,
                moving_s: s.moving_s.or(s.timer_s),
                distance_m: s.distance_m,
                avg_hr,
                max_hr,
                title: None,
                source: Source::Fit,
            },
            file,
            &what,
        )?);
    }

    if summary.sessions.is_empty()
        && let Some(a) = from_records(&summary, &local)
    {
        activities.push(checked(a, file, "the recording")?);
    }
    if activities.is_empty() {
        return Err(ImportError::NotActivity {
            file: file.to_owned(),
            what: describe_file_type(summary.file_type.as_deref()),
        });
    }
    Ok(activities)
}

/// One activity from the raw samples of a file that has no session summary.
fn from_records(
    summary: &Summary,
    local: &impl Fn(DateTime<Utc>) -> chrono::NaiveDateTime,
) -> Option<Activity> {
    let first = summary.records.iter().map(|r| r.time).min()?;
    let last = summary.records.iter().map(|r| r.time).max()?;
    if last <= first {
        return None;
    }
    let (avg_hr, max_hr) = hr_stats(summary.records.iter().filter_map(|r| r.hr));
    let distance_m = summary
        .records
        .iter()
        .filter_map(|r| r.distance_m)
        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))));
    Some(Activity {
        start: local(first),
        sport: summary.first_sport.unwrap_or(Sport::Other),
        duration_s: (last - first).num_milliseconds() as f64 / 1000.0,
        moving_s: None,
        distance_m,
        avg_hr,
        max_hr,
        title: None,
        source: Source::Fit,
    })
}

fn describe_file_type(file_type: Option<&str>) -> String {
    match file_type {
        Some("settings") => "a FIT device-settings file, with no recorded activity".to_owned(),
        Some("workout") => "a planned workout (FIT), not a recorded activity".to_owned(),
        Some("course") => "a FIT course (a route to follow), not a recorded activity".to_owned(),
        Some(t) if t.starts_with("monitoring") => {
            "daily activity-monitoring data (FIT), not a training session".to_owned()
        }
        Some("weight") => "weight-scale data (FIT), not a training session".to_owned(),
        Some("activity") => "a FIT activity file with no recorded session in it".to_owned(),
        Some(t) => format!("a FIT \"{t}\" file, with no recorded activity"),
        None => "a FIT file with no recorded activity".to_owned(),
    }
}

#[derive(Default)]
struct Summary {
    file_type: Option<String>,
    sessions: Vec<SessionSummary>,
    records: Vec<Sample>,
    first_sport: Option<Sport>,
    /// Local time minus UTC as the device recorded it (`activity.local_timestamp`).
    local_offset: Option<Duration>,
}

#[derive(Default)]
struct SessionSummary {
    /// `None` for transitions, which are not training.
    sport: Option<Sport>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    elapsed_s: Option<f64>,
    timer_s: Option<f64>,
    moving_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
}

/// What we keep of a `record` message (48 bytes), at most [`MAX_SAMPLES`] of them.
struct Sample {
    time: DateTime<Utc>,
    hr: Option<f64>,
    distance_m: Option<f64>,
}

/// Streams the file message by message, keeping only what the summary needs.
fn decode(file: &str, bytes: &[u8]) -> Result<Summary, ImportError> {
    let damaged = |detail: String| ImportError::Damaged {
        file: file.to_owned(),
        format: "FIT",
        detail,
    };
    let mut processor = FitStreamProcessor::new();
    // Checked below on the original bytes; see the module's "Odd field sizes".
    processor.add_option(DecodeOption::SkipDataCrcValidation);
    let mut framing = Framing::default();
    let mut summary = Summary::default();
    let mut input = bytes;
    while !input.is_empty() {
        let retyped = framing
            .at_message()
            .then(|| definition_with_byte_fields(input))
            .flatten();
        let step_input = retyped.as_deref().unwrap_or(input);
        let (rest, object) = without_panics(|| processor.deserialize_next(step_input))
            .map_err(|p| damaged(format!("the decoder gave up ({p})")))?
            .map_err(|e| damaged(fit_error_text(&e)))?;
        let consumed = step_input.len() - rest.len();
        // Every step must consume input; anything else would loop forever.
        let (Some(original), Some(remaining)) = (input.get(..consumed), input.get(consumed..))
        else {
            return Err(damaged("the decoder lost its place in the file".to_owned()));
        };
        if consumed == 0 {
            return Err(damaged("the decoder stopped making progress".to_owned()));
        }
        if !framing.step(&object, input, original) {
            return Err(damaged(
                "its checksum does not match its content".to_owned(),
            ));
        }
        input = remaining;
        match object {
            FitObject::Crc(_) => processor.reset(),
            FitObject::DataMessage(message) => {
                // Every message is decoded, even unused ones: compressed timestamps in later
                // messages depend on the decoder having seen the earlier ones.
                let record = without_panics(|| processor.decode_message(message))
                    .map_err(|p| damaged(format!("the decoder gave up ({p})")))?
                    .map_err(|e| damaged(fit_error_text(&e)))?;
                summary.add(&record);
            }
            FitObject::Header(_) | FitObject::DefinitionMessage(_) => {}
        }
    }
    Ok(summary)
}

/// Where the decoder is in the file, computed as `fitparser`'s `Deserializer` does (its
/// `position` and `end_of_messages`), and the data CRC so far.
#[derive(Default)]
struct Framing {
    position: usize,
    end_of_messages: usize,
    crc: u16,
}

impl Framing {
    /// Whether the decoder's next step reads a message (not a file header or a CRC).
    fn at_message(&self) -> bool {
        let at_crc = self.position > 0 && self.position == self.end_of_messages;
        let at_header = self.position == 0 || self.position > self.end_of_messages;
        !at_crc && !at_header
    }

    /// Follows one decoded step: `input` is where it started, `original` the bytes of the
    /// file it covered. `false` when it was a CRC that does not match.
    fn step(&mut self, object: &FitObject, input: &[u8], original: &[u8]) -> bool {
        match object {
            FitObject::Header(h) => {
                let size = usize::from(h.header_size());
                self.end_of_messages = self.position + size + h.data_size() as usize;
                self.position += size;
                // A header without its own CRC counts towards the data CRC.
                self.crc = if h.crc().unwrap_or(0) == 0 {
                    fit_crc(0, input.get(..size).unwrap_or(original))
                } else {
                    0
                };
                true
            }
            FitObject::Crc(stored) => {
                self.position += 2;
                *stored == self.crc
            }
            FitObject::DataMessage(_) | FitObject::DefinitionMessage(_) => {
                self.position += original.len();
                self.crc = fit_crc(self.crc, original);
                true
            }
        }
    }
}

/// The FIT SDK's CRC-16 (`fit_crc.c`), continued from `crc` over `bytes`.
fn fit_crc(crc: u16, bytes: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    let nibble = |crc: u16, n: u8| {
        let tmp = TABLE[usize::from(crc & 0xF)];
        ((crc >> 4) & 0x0FFF) ^ tmp ^ TABLE[usize::from(n & 0xF)]
    };
    bytes
        .iter()
        .fold(crc, |crc, &b| nibble(nibble(crc, b), b >> 4))
}

/// Base type `byte` (FIT profile, "Base Types").
const BYTE_BASE_TYPE: u8 = 0x0D;

/// Size in bytes of a FIT base type (its number with the endian bit kept, as `fitparser`
/// masks it: `& 0x9F`); unknown types count as bytes, as there.
fn base_type_size(base_type: u8) -> u8 {
    match base_type & 0x9F {
        0x83 | 0x84 | 0x8B => 2,
        0x85 | 0x86 | 0x88 | 0x8C => 4,
        0x89 | 0x8E | 0x8F | 0x90 => 8,
        _ => 1,
    }
}

/// A copy of the definition message at the start of `input` with every field whose size is
/// not a multiple of its base type's size retyped as bytes; `None` when `input` does not
/// start with a definition, or with one that needs no change, or is cut off (the decoder
/// reports that itself). See the module's "Odd field sizes".
fn definition_with_byte_fields(input: &[u8]) -> Option<Vec<u8>> {
    let header = *input.first()?;
    // Bit 7: compressed-timestamp data message; bit 6: definition; bit 5: developer fields.
    if header & 0x80 != 0 || header & 0x40 == 0 {
        return None;
    }
    // Header, reserved, architecture, global message number (2), field count, then 3 bytes
    // per field: number, size, base type.
    let count = usize::from(*input.get(5)?);
    let fields_end = 6 + 3 * count;
    let odd: Vec<usize> = input
        .get(6..fields_end)?
        .chunks_exact(3)
        .enumerate()
        .filter(|(_, f)| f[1] % base_type_size(f[2]) != 0)
        .map(|(i, _)| 6 + 3 * i + 2)
        .collect();
    if odd.is_empty() {
        return None;
    }
    let len = if header & 0x20 != 0 {
        fields_end + 1 + 3 * usize::from(*input.get(fields_end)?)
    } else {
        fields_end
    };
    let mut copy = input.get(..len)?.to_vec();
    for i in odd {
        if let Some(b) = copy.get_mut(i) {
            *b = BYTE_BASE_TYPE;
        }
    }
    Some(copy)
}

fn fit_error_text(e: &fitparser::Error) -> String {
    match e.as_ref() {
        fitparser::ErrorKind::UnexpectedEof(_) => {
            "it ends in the middle of a message (cut off while copying or recording?)".to_owned()
        }
        fitparser::ErrorKind::InvalidCrc(..) => {
            "its checksum does not match its content".to_owned()
        }
        fitparser::ErrorKind::ParseError(at, _) => {
            format!("the data at byte {at} is not valid FIT")
        }
        fitparser::ErrorKind::MissingDefinitionMessage(_, at) => {
            format!("the message at byte {at} uses a layout the file never defined")
        }
        other => other.to_string(),
    }
}

impl Summary {
    fn add(&mut self, record: &FitDataRecord) {
        match record.kind() {
            MesgNum::FileId => {
                if let Some(Value::String(t)) = field(record, "type") {
                    self.file_type.get_or_insert_with(|| t.clone());
                }
            }
            MesgNum::Sport if self.first_sport.is_none() => {
                self.first_sport = sport_of(record);
            }
            MesgNum::Session => self.sessions.push(SessionSummary {
                sport: sport_of(record),
                start: field(record, "start_time").and_then(time),
                end: field(record, "timestamp").and_then(time),
                elapsed_s: field(record, "total_elapsed_time").and_then(number),
                timer_s: field(record, "total_timer_time").and_then(number),
                moving_s: field(record, "total_moving_time").and_then(number),
                distance_m: field(record, "total_distance").and_then(number),
                avg_hr: field(record, "avg_heart_rate").and_then(number),
                max_hr: field(record, "max_heart_rate").and_then(number),
            }),
            MesgNum::Record if self.records.len() < MAX_SAMPLES => {
                if let Some(t) = field(record, "timestamp").and_then(time) {
                    self.records.push(Sample {
                        time: t,
                        hr: field(record, "heart_rate").and_then(number),
                        distance_m: field(record, "distance").and_then(number),
                    });
                }
            }
            MesgNum::Activity => {
                let utc = field(record, "timestamp").and_then(time);
                let local = field(record, "local_timestamp").and_then(time);
                if let (Some(utc), Some(local)) = (utc, local) {
                    let offset_s = (local - utc).num_seconds();
                    if offset_s.abs() <= MAX_OFFSET_S {
                        // Round to the quarter hour: the two stamps may be a second apart.
                        let quarter = (offset_s as f64 / 900.0).round() as i64 * 900;
                        self.local_offset = Duration::try_seconds(quarter);
                    }
                }
            }
            _ => {}
        }
    }
}

fn field<'a>(record: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    record
        .fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

/// The sport of a session or sport message; `None` for a multisport transition.
fn sport_of(record: &FitDataRecord) -> Option<Sport> {
    let sport = match field(record, "sport") {
        Some(Value::String(s)) => s.as_str(),
        _ => return Some(Sport::Other),
    };
    let sub_sport = match field(record, "sub_sport") {
        Some(Value::String(s)) => s.as_str(),
        _ => "",
    };
    Some(match sport {
        "transition" => return None,
        "running" => Sport::Run,
        "cycling" | "e_biking" => Sport::Ride,
        "swimming" => Sport::Swim,
        "walking" | "hiking" => Sport::Walk,
        "training" if sub_sport == "strength_training" => Sport::Strength,
        other => sport_from_name(other),
    })
}

fn time(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::Timestamp(t) => Some(t.with_timezone(&Utc)),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    let x = match *v {
        Value::UInt8(x) | Value::UInt8z(x) | Value::Byte(x) => f64::from(x),
        Value::SInt8(x) => f64::from(x),
        Value::UInt16(x) | Value::UInt16z(x) => f64::from(x),
        Value::SInt16(x) => f64::from(x),
        Value::UInt32(x) | Value::UInt32z(x) => f64::from(x),
        Value::SInt32(x) => f64::from(x),
        Value::Float32(x) => f64::from(x),
        Value::Float64(x) => x,
        Value::UInt64(x) | Value::UInt64z(x) => x as f64,
        Value::SInt64(x) => x as f64,
        _ => return None,
    };
    x.is_finite().then_some(x)
}

thread_local! {
    /// Set while a guarded call runs on this thread: its panic message is not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into an error with the panic's message.
fn without_panics<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".to_owned())
    })
}
