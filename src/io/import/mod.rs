//! Importing activities from watch and platform files: FIT, GPX, TCX, Strava's bulk-export
//! `activities.csv` and Garmin Connect's `Activities.csv`, then putting them into a plan.
//!
//! Reading a file ([`import_bytes`], [`import_path`], [`import_paths`]) and changing the plan
//! ([`apply_import`]) are separate steps: the first does I/O and may run on a worker thread
//! with a progress bar; the second is pure and runs where edits are applied.
//!
//! Every file is untrusted. A malformed, truncated or hostile file gives an [`ImportError`]
//! that names the file and says what is wrong, never a panic, a hang or unbounded memory:
//! sizes are checked before anything is parsed (and a `.gz` is never unpacked past the same
//! limit), the XML readers stream and cap nesting, and the FIT decoder, which can panic on
//! damaged input, runs under [`std::panic::catch_unwind`].
//!
//! # Design
//! *One error type, "not an activity" included.* A valid file that holds no activity (a
//! GPX route, a FIT settings file) is an [`ImportError`] too, because the caller handles it
//! the same way (one line in the report), but [`ImportError::is_not_activity`] tells it apart
//! so the report can say "not an activity" rather than "failed".
//!
//! *Times.* Plans think in the athlete's local days. FIT, GPX, TCX and Strava's CSV record UTC;
//! [`ImportOptions::zone`] turns that into local time (the machine's zone by default, a fixed
//! offset in tests). A FIT file that records its own local time (`activity.local_timestamp`)
//! is trusted over the option, because the coach's laptop need not be in the athlete's zone.
//! Garmin Connect's CSV is already in local time and is taken as it is.

mod apply;
mod csv_table;
mod fit;
mod garmin_csv;
mod gpx;
mod strava_csv;
mod tcx;

use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, Utc};

use crate::model::{Source, Sport};

pub use apply::{FileReport, ImportReport, Outcome, apply_import};

/// FIT, GPX and TCX files above this size are refused before reading (a 24-hour GPX track
/// recorded every second is about 10 MiB).
pub const MAX_ACTIVITY_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// CSV exports above this size are refused before reading (ten years of daily training in
/// Strava's `activities.csv` is about 5 MiB).
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// Longest activity accepted: the plan file's own limit for an actual (48 h).
const MAX_DURATION_S: f64 = 172_800.0;
/// Longest distance accepted: the plan file's own limit for an actual (1000 km).
const MAX_DISTANCE_M: f64 = 1_000_000.0;
/// Heart rates outside this range are sensor noise, and the plan file refuses them.
const HR_RANGE: std::ops::RangeInclusive<f64> = 20.0..=250.0;
/// Titles longer than this are cut (the plan's limit for names).
const MAX_TITLE_CHARS: usize = 200;

/// One activity read from a file: what the athlete did, in the file's own terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// Local start time (see the module's "Times" note).
    pub start: NaiveDateTime,
    pub sport: Sport,
    /// Elapsed time from start to finish, pauses included.
    pub duration_s: f64,
    /// Time spent moving: the file's moving time, or the device's timer time (pauses
    /// excluded) when that is all it records; computed from the track for GPX.
    pub moving_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    /// The activity's name, when the file has one ("Morning Run").
    pub title: Option<String>,
    pub source: Source,
}

/// How local times are made from the UTC times files record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LocalZone {
    /// The machine's time zone, daylight saving included (`chrono::Local`).
    #[default]
    Machine,
    /// A fixed offset from UTC (tests, or an athlete living in another zone).
    Fixed(FixedOffset),
}

/// Kilometres or miles, for files that do not say which they use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DistanceUnit {
    #[default]
    Km,
    Mi,
}

impl DistanceUnit {
    /// Metres in one unit.
    pub fn metres(self) -> f64 {
        match self {
            Self::Km => 1000.0,
            Self::Mi => 1609.344,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Km => "km",
            Self::Mi => "mi",
        }
    }
}

/// Choices the caller makes for a whole import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    pub zone: LocalZone,
    /// Use the local time a FIT file records for itself when it has one (recommended).
    pub use_file_offset: bool,
    /// Distance unit of Garmin Connect CSV exports, which follow the account's km/mi setting
    /// without saying so. `None`: read it from the header or the values when they carry it,
    /// otherwise kilometres. The app should pass the unit the user picks in the import dialog.
    pub garmin_distance_unit: Option<DistanceUnit>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            zone: LocalZone::Machine,
            use_file_offset: true,
            garmin_distance_unit: None,
        }
    }
}

impl ImportOptions {
    /// Options with a fixed UTC offset in hours (tests; deterministic on any machine).
    pub fn fixed_offset_hours(hours: i32) -> Self {
        Self {
            zone: FixedOffset::east_opt(hours * 3600).map_or(LocalZone::Machine, LocalZone::Fixed),
            ..Self::default()
        }
    }

    /// Local time of a UTC instant under these options.
    pub fn local_from_utc(&self, utc: DateTime<Utc>) -> NaiveDateTime {
        match self.zone {
            LocalZone::Machine => utc.with_timezone(&Local).naive_local(),
            LocalZone::Fixed(offset) => utc.with_timezone(&offset).naive_local(),
        }
    }
}

/// The file formats the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Fit,
    Gpx,
    Tcx,
    StravaCsv,
    GarminCsv,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Self::Fit => "FIT",
            Self::Gpx => "GPX",
            Self::Tcx => "TCX",
            Self::StravaCsv => "Strava activities.csv",
            Self::GarminCsv => "Garmin Connect Activities.csv",
        }
    }
}

/// Why a file gave no activities. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read the file: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error(
        "{file}: the file is {:.1} MiB; activity files larger than {} MiB are refused",
        *bytes as f64 / 1_048_576.0, limit / 1_048_576
    )]
    TooLarge {
        file: String,
        bytes: u64,
        limit: u64,
    },
    #[error("{file}: the file is empty; it may have been cut off while copying")]
    Empty { file: String },
    #[error(
        "{file}: not a FIT, GPX, TCX or CSV activity file{}",
        if hint.is_empty() { String::new() } else { format!(" ({hint})") }
    )]
    UnknownFormat { file: String, hint: String },
    #[error("{file}: this {format} file is damaged or cut off: {detail}")]
    Damaged {
        file: String,
        format: &'static str,
        detail: String,
    },
    #[error("{file}:{line}:{col}: {message}")]
    Syntax {
        file: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{file}:{line}: {message}")]
    Row {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{file}: not an activity: {what}")]
    NotActivity { file: String, what: String },
}

impl ImportError {
    /// A valid file without any activity in it, as opposed to a file that failed.
    pub fn is_not_activity(&self) -> bool {
        matches!(self, Self::NotActivity { .. })
    }

    /// The file the error is about, as the caller named it.
    pub fn file(&self) -> &str {
        match self {
            Self::Read { file, .. }
            | Self::TooLarge { file, .. }
            | Self::Empty { file }
            | Self::UnknownFormat { file, .. }
            | Self::Damaged { file, .. }
            | Self::Syntax { file, .. }
            | Self::Row { file, .. }
            | Self::Invalid { file, .. }
            | Self::NotActivity { file, .. } => file,
        }
    }
}

/// Reads the activities in `bytes`, which came from a file called `file_name` (used for the
/// format hint of its extension and in messages). The format is sniffed from the content;
/// the extension only breaks ties and improves messages. A gzip-compressed file (Strava's bulk
/// export ships `.fit.gz` and `.gpx.gz`) is unpacked first, up to the same size limit.
///
/// # Errors
/// Any reason the bytes hold no usable activity; see [`ImportError`].
pub fn import_bytes(
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let inner = gunzip(file_name, bytes)?;
        let inner_name = file_name.strip_suffix(".gz").unwrap_or(file_name);
        return import_plain(file_name, inner_name, &inner, opts);
    }
    import_plain(file_name, file_name, bytes, opts)
}

/// Reads the activities of the file at `path`. The size is checked before reading.
///
/// # Errors
/// As [`import_bytes`], plus reading errors and [`ImportError::TooLarge`].
pub fn import_path(path: &Path, opts: &ImportOptions) -> Result<Vec<Activity>, ImportError> {
    let file = path.display().to_string();
    let bytes = read_limited(path, &file)?;
    import_bytes(&file, &bytes, opts)
}

/// Every file of an import and what reading it gave, in the order given.
#[derive(Debug, Default)]
pub struct ImportBatch {
    pub files: Vec<(String, Result<Vec<Activity>, ImportError>)>,
    /// The caller stopped the import before the last file; `files` holds those read so far.
    pub cancelled: bool,
}

/// Imports `paths` one by one, calling `progress(done, total)` after each file (and once with
/// `done == 0` before the first). Returning [`ControlFlow::Break`] cancels the rest: this is
/// how the app's Cancel button stops a worker thread.
pub fn import_paths(
    paths: &[PathBuf],
    opts: &ImportOptions,
    mut progress: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> ImportBatch {
    let total = paths.len();
    let mut batch = ImportBatch::default();
    if progress(0, total).is_break() {
        batch.cancelled = total > 0;
        return batch;
    }
    for (i, path) in paths.iter().enumerate() {
        batch
            .files
            .push((path.display().to_string(), import_path(path, opts)));
        if progress(i + 1, total).is_break() {
            batch.cancelled = i + 1 < total;
            break;
        }
    }
    batch
}

/// Which format `bytes` are in, from their content, then from `file_name`'s extension.
pub fn sniff(file_name: &str, bytes: &[u8]) -> Option<Format> {
    if is_fit(bytes) {
        return Some(Format::Fit);
    }
    let text = strip_bom(bytes);
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    if head.trim_ascii_start().starts_with(b"<") {
        // The root element decides; look for it only in the first few KiB (prolog included).
        if contains(head, b"<TrainingCenterDatabase") {
            return Some(Format::Tcx);
        }
        if contains(head, b"<gpx") {
            return Some(Format::Gpx);
        }
    }
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    if contains(first_line, b"Activity ID") && contains(first_line, b"Activity Date") {
        return Some(Format::StravaCsv);
    }
    if contains(first_line, b"Activity Type") && contains(first_line, b"Title") {
        return Some(Format::GarminCsv);
    }
    match extension(file_name).as_deref() {
        Some("fit") => Some(Format::Fit),
        Some("gpx") => Some(Format::Gpx),
        Some("tcx") => Some(Format::Tcx),
        _ => None,
    }
}

fn import_plain(
    file: &str,
    inner_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    let format = sniff(inner_name, bytes);
    let limit = match format {
        Some(Format::StravaCsv | Format::GarminCsv) => MAX_CSV_BYTES,
        _ => MAX_ACTIVITY_FILE_BYTES,
    };
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            bytes: bytes.len() as u64,
            limit,
        });
    }
    if strip_bom(bytes).trim_ascii().is_empty() {
        return Err(ImportError::Empty {
            file: file.to_owned(),
        });
    }
    let Some(format) = format else {
        return Err(ImportError::UnknownFormat {
            file: file.to_owned(),
            hint: unknown_hint(inner_name, bytes),
        });
    };
    let activities = match format {
        Format::Fit => fit::read(file, bytes, opts)?,
        Format::Gpx => gpx::read(file, bytes, opts)?,
        Format::Tcx => tcx::read(file, bytes, opts)?,
        Format::StravaCsv => strava_csv::read(file, bytes, opts)?,
        Format::GarminCsv => garmin_csv::read(file, bytes, opts)?,
    };
    if activities.is_empty() {
        return Err(ImportError::NotActivity {
            file: file.to_owned(),
            what: format!("the {} file holds no activities", format.label()),
        });
    }
    Ok(activities)
}

/// Something helpful to say about a file we do not recognise.
fn unknown_hint(file_name: &str, bytes: &[u8]) -> String {
    let ext = extension(file_name);
    match ext.as_deref() {
        Some("csv") => "a CSV file, but not Strava's activities.csv or Garmin Connect's \
                        Activities.csv (export them in English, without editing the columns)"
            .to_owned(),
        Some("zip") => "a ZIP archive; unpack it and import the files inside".to_owned(),
        Some("fit" | "gpx" | "tcx") => "its content does not match its extension".to_owned(),
        _ if bytes.starts_with(b"PK") => {
            "a ZIP archive; unpack it and import the files inside".to_owned()
        }
        _ => String::new(),
    }
}

fn read_limited(path: &Path, file: &str) -> Result<Vec<u8>, ImportError> {
    let read_err = |source| ImportError::Read {
        file: file.to_owned(),
        source,
    };
    let handle = std::fs::File::open(path).map_err(read_err)?;
    let size = handle.metadata().map_err(read_err)?.len();
    let limit = MAX_ACTIVITY_FILE_BYTES.max(MAX_CSV_BYTES);
    if size > limit {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            bytes: size,
            limit,
        });
    }
    // `take` also bounds files that grow while we read or lie about their size.
    let mut bytes = Vec::new();
    handle
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Unpacks a gzip member, refusing output past the size limit (a "zip bomb" stops there).
fn gunzip(file: &str, bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let limit = MAX_ACTIVITY_FILE_BYTES.max(MAX_CSV_BYTES);
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| ImportError::Damaged {
            file: file.to_owned(),
            format: "gzip",
            detail: e.to_string(),
        })?;
    if out.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            bytes: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

fn is_fit(bytes: &[u8]) -> bool {
    bytes.get(8..12) == Some(b".FIT")
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

fn extension(file_name: &str) -> Option<String> {
    let name = file_name.strip_suffix(".gz").unwrap_or(file_name);
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Sport from a file's own name for it ("running", "Trail Run", "Biking", `WeightTraining`).
pub(crate) fn sport_from_name(name: &str) -> Sport {
    let n = name.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["run", "jog"]) {
        Sport::Run
    } else if has(&["cycl", "bik", "ride", "velo", "spinning"]) {
        Sport::Ride
    } else if has(&["swim"]) {
        Sport::Swim
    } else if has(&["walk", "hik"]) {
        Sport::Walk
    } else if has(&["strength", "weight", "crossfit", "gym"]) {
        Sport::Strength
    } else {
        Sport::Other
    }
}

/// Local start time, duration and the rest, checked against what a plan file accepts.
/// Implausible optional values (a heart rate of 3, a negative distance) are dropped; an
/// implausible duration makes the activity an error, since nothing else can stand in for it.
pub(crate) fn checked(mut a: Activity, file: &str, what: &str) -> Result<Activity, ImportError> {
    if !a.duration_s.is_finite() || a.duration_s < 0.0 {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            message: format!("{what} has no valid duration"),
        });
    }
    // A watch left running overnight: the moving time is the training, keep that.
    if a.duration_s > MAX_DURATION_S
        && let Some(m) = a
            .moving_s
            .filter(|m| m.is_finite() && (0.0..=MAX_DURATION_S).contains(m))
    {
        a.duration_s = m;
    }
    if a.duration_s > MAX_DURATION_S {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            message: format!(
                "{what} lasts {:.1} h; activities longer than 48 h are refused",
                a.duration_s / 3600.0
            ),
        });
    }
    let in_range =
        |v: Option<f64>, lo: f64, hi: f64| v.filter(|x| x.is_finite() && (lo..=hi).contains(x));
    a.moving_s =
        in_range(a.moving_s, 0.0, a.duration_s.max(0.0) + 1.0).map(|m| m.min(a.duration_s));
    a.distance_m = in_range(a.distance_m, 0.0, MAX_DISTANCE_M);
    a.avg_hr = in_range(a.avg_hr, *HR_RANGE.start(), *HR_RANGE.end());
    a.max_hr = in_range(a.max_hr, *HR_RANGE.start(), *HR_RANGE.end());
    a.title = a
        .title
        .map(|t| t.trim().chars().take(MAX_TITLE_CHARS).collect::<String>())
        .filter(|t| !t.is_empty());
    Ok(a)
}

/// Mean of heart-rate samples within the plausible range, and their maximum.
pub(crate) fn hr_stats(samples: impl IntoIterator<Item = f64>) -> (Option<f64>, Option<f64>) {
    let (mut sum, mut n, mut max) = (0.0, 0_u64, None::<f64>);
    for hr in samples.into_iter().filter(|h| HR_RANGE.contains(h)) {
        sum += hr;
        n += 1;
        max = Some(max.map_or(hr, |m| m.max(hr)));
    }
    let avg = (n > 0).then(|| sum / n as f64);
    (avg, max)
}

/// Parses an XML Schema / RFC 3339 date-time; one without an offset is taken as UTC, as GPX
/// and TCX require.
pub(crate) fn parse_xml_time(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc())
}
