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

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, Utc};

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
    /// The distance unit to assume for Garmin Connect CSV exports that neither name nor
    /// reveal theirs (they follow the account's km/mi setting without saying so): the app
    /// passes the user's unit setting, the CLI its `--garmin-units`. `None`: kilometres. The
    /// file's own evidence always wins; see the "Distance unit" notes of the Garmin reader.
    pub garmin_distance_unit: Option<DistanceUnit>,
    /// The user's today: activities dated after it are imported (the coach decides) but
    /// the file's report says so, since a device with a wrong clock is the usual cause.
    /// `None`: no check.
    pub today: Option<NaiveDate>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            zone: LocalZone::Machine,
            use_file_offset: true,
            garmin_distance_unit: None,
            today: None,
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

/// Why a file gave no activities. Every message names the file: `FILE: detail`, or
/// `FILE:LINE: detail` and `FILE:LINE:COL: detail` for a place in a text file, as compilers
/// write them. [`ImportError::detail`] is the same text without the file, for reports that
/// show the file in a column of its own.
///
/// Texts quoted from a file (a tag name in an XML error, a cell of a CSV row) are made
/// printable first: see [`printable`].
#[derive(Debug)]
pub enum ImportError {
    Read {
        file: String,
        source: std::io::Error,
    },
    TooLarge {
        file: String,
        bytes: u64,
        limit: u64,
    },
    Empty {
        file: String,
    },
    UnknownFormat {
        file: String,
        hint: String,
    },
    Damaged {
        file: String,
        format: &'static str,
        detail: String,
    },
    Syntax {
        file: String,
        line: usize,
        col: usize,
        message: String,
    },
    Row {
        file: String,
        line: u64,
        message: String,
    },
    Invalid {
        file: String,
        message: String,
    },
    NotActivity {
        file: String,
        what: String,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax {
                file,
                line,
                col,
                message,
            } => write!(f, "{file}:{line}:{col}: {message}"),
            Self::Row {
                file,
                line,
                message,
            } => write!(f, "{file}:{line}: {message}"),
            other => write!(f, "{}: {}", other.file(), other.detail()),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } => Some(source),
            _ => None,
        }
    }
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

    /// What is wrong, without the file's name: "line 8: …", "the file is empty; …".
    pub fn detail(&self) -> String {
        match self {
            Self::Read { source, .. } => format!("cannot read the file: {source}"),
            Self::TooLarge { bytes, limit, .. } => format!(
                "the file is {:.1} MiB; activity files larger than {} MiB are refused",
                *bytes as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
            Self::Empty { .. } => {
                "the file is empty; it may have been cut off while copying".to_owned()
            }
            Self::UnknownFormat { hint, .. } => format!(
                "not a FIT, GPX, TCX or CSV activity file{}",
                if hint.is_empty() {
                    String::new()
                } else {
                    format!(" ({hint})")
                }
            ),
            Self::Damaged { format, detail, .. } => {
                format!("this {format} file is damaged or cut off: {detail}")
            }
            Self::Syntax {
                line, col, message, ..
            } => format!("line {line}, column {col}: {message}"),
            Self::Row { line, message, .. } => format!("line {line}: {message}"),
            Self::Invalid { message, .. } => message.clone(),
            Self::NotActivity { what, .. } => format!("not an activity: {what}"),
        }
    }

    /// The same error with every text made printable (see [`printable`]). The file name is
    /// cleaned too: a hostile archive can name its files with escape sequences.
    fn into_printable(self) -> Self {
        let p = |s: String| printable(&s);
        match self {
            Self::Read { file, source } => Self::Read {
                file: p(file),
                source,
            },
            Self::TooLarge { file, bytes, limit } => Self::TooLarge {
                file: p(file),
                bytes,
                limit,
            },
            Self::Empty { file } => Self::Empty { file: p(file) },
            Self::UnknownFormat { file, hint } => Self::UnknownFormat {
                file: p(file),
                hint: p(hint),
            },
            Self::Damaged {
                file,
                format,
                detail,
            } => Self::Damaged {
                file: p(file),
                format,
                detail: p(detail),
            },
            Self::Syntax {
                file,
                line,
                col,
                message,
            } => Self::Syntax {
                file: p(file),
                line,
                col,
                message: p(message),
            },
            Self::Row {
                file,
                line,
                message,
            } => Self::Row {
                file: p(file),
                line,
                message: p(message),
            },
            Self::Invalid { file, message } => Self::Invalid {
                file: p(file),
                message: p(message),
            },
            Self::NotActivity { file, what } => Self::NotActivity {
                file: p(file),
                what: p(what),
            },
        }
    }
}

/// Longest text taken from a file that a message or report shows.
pub const MAX_MESSAGE_CHARS: usize = 300;

/// `text` made safe to print on a terminal or show in the UI: control characters (escape
/// sequences, carriage returns, NUL …) and the bidirectional-override characters that can
/// make a line read differently from what it says become `�`, and anything past
/// [`MAX_MESSAGE_CHARS`] characters is cut with `…`. Applied to every error and report text
/// that can carry a file's content (XML errors quote tag names, CSV errors quote cells).
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS * 4));
    for (i, c) in text.chars().enumerate() {
        if i == MAX_MESSAGE_CHARS {
            out.push('…');
            break;
        }
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        out.push(if c.is_control() || bidi {
            '\u{fffd}'
        } else {
            c
        });
    }
    out
}

/// What reading one file gave: its activities, and what the coach should know about how
/// they were read. Every text here is already [`printable`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileActivities {
    pub activities: Vec<Activity>,
    /// How the reader filled in what the file does not say, one sentence each (the
    /// distance unit of a Garmin Connect export).
    pub assumptions: Vec<String>,
    /// Rows of a CSV export left out because they could not be read, "line 8: …"; at most
    /// [`MAX_ROW_WARNINGS`] of them, [`Self::skipped_rows`] counts them all.
    pub row_warnings: Vec<String>,
    /// Rows left out, all of them.
    pub skipped_rows: usize,
}

impl FileActivities {
    /// Adds a note when activities are dated after `today` (a device clock set wrong, or a
    /// file from another time zone near midnight).
    fn with_future_note(mut self, today: Option<NaiveDate>) -> Self {
        let Some(today) = today else {
            return self;
        };
        let future: Vec<NaiveDate> = self
            .activities
            .iter()
            .map(|a| a.start.date())
            .filter(|d| *d > today)
            .collect();
        if let Some(first) = future.iter().min() {
            self.assumptions.push(format!(
                "{} dated after today (from {}): imported as dated; check the device's clock",
                if future.len() == 1 {
                    "1 activity is".to_owned()
                } else {
                    format!("{} activities are", future.len())
                },
                first.format("%-d %b %Y")
            ));
        }
        self
    }
}

impl From<Vec<Activity>> for FileActivities {
    fn from(activities: Vec<Activity>) -> Self {
        Self {
            activities,
            ..Self::default()
        }
    }
}

/// Bad rows listed one by one in a file's report; more are only counted (a bulk export with
/// a systematic problem should not drown the report).
pub const MAX_ROW_WARNINGS: usize = 20;

impl FileActivities {
    /// Records a row left out.
    pub(crate) fn skip_row(&mut self, e: &ImportError) {
        self.skipped_rows += 1;
        if self.row_warnings.len() < MAX_ROW_WARNINGS {
            self.row_warnings.push(e.detail());
        }
    }

    fn into_printable(mut self) -> Self {
        for a in &mut self.activities {
            a.title = a.title.as_deref().map(printable);
        }
        for s in self.assumptions.iter_mut().chain(&mut self.row_warnings) {
            *s = printable(s);
        }
        self
    }
}

/// Reads the activities in `bytes`, which came from a file called `file_name` (used for the
/// format hint of its extension and in messages), with what the report should say about
/// them. The format is sniffed from the content; the extension only breaks ties and improves
/// messages. A gzip-compressed file (Strava's bulk export ships `.fit.gz` and `.gpx.gz`) is
/// unpacked first, up to the same size limit.
///
/// # Errors
/// Any reason the bytes hold no usable activity; see [`ImportError`]. A CSV export with some
/// unreadable rows is not an error: those rows are listed in
/// [`FileActivities::row_warnings`]; it is one only when no row could be read.
pub fn read_bytes(
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<FileActivities, ImportError> {
    let result = if bytes.starts_with(&[0x1f, 0x8b]) {
        gunzip(file_name, bytes).and_then(|inner| {
            let inner_name = file_name.strip_suffix(".gz").unwrap_or(file_name);
            import_plain(file_name, inner_name, &inner, opts)
        })
    } else {
        import_plain(file_name, file_name, bytes, opts)
    };
    result
        .map(|f| f.with_future_note(opts.today))
        .map(FileActivities::into_printable)
        .map_err(ImportError::into_printable)
}

/// The activities of [`read_bytes`] alone, for callers that do not report on the file.
///
/// # Errors
/// As [`read_bytes`].
pub fn import_bytes(
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    read_bytes(file_name, bytes, opts).map(|f| f.activities)
}

/// Reads the file at `path` like [`read_bytes`]. The size is checked before reading.
///
/// # Errors
/// As [`read_bytes`], plus reading errors and [`ImportError::TooLarge`].
pub fn read_path(path: &Path, opts: &ImportOptions) -> Result<FileActivities, ImportError> {
    let file = path.display().to_string();
    let bytes = read_limited(path, &file).map_err(ImportError::into_printable)?;
    read_bytes(&file, &bytes, opts)
}

/// The activities of [`read_path`] alone.
///
/// # Errors
/// As [`read_path`].
pub fn import_path(path: &Path, opts: &ImportOptions) -> Result<Vec<Activity>, ImportError> {
    read_path(path, opts).map(|f| f.activities)
}

/// Every file of an import and what reading it gave, in the order given.
#[derive(Debug, Default)]
pub struct ImportBatch {
    pub files: Vec<(String, Result<FileActivities, ImportError>)>,
    /// The caller stopped the import before the last file; `files` holds those read so far.
    pub cancelled: bool,
    /// The files given but not read because of the cancel, in the order given.
    pub not_read: Vec<String>,
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
    let mut read = 0;
    if progress(0, total).is_continue() {
        for (i, path) in paths.iter().enumerate() {
            batch
                .files
                .push((path.display().to_string(), read_path(path, opts)));
            read = i + 1;
            if progress(read, total).is_break() {
                break;
            }
        }
    }
    batch.not_read = paths[read..]
        .iter()
        .map(|p| printable(&p.display().to_string()))
        .collect();
    batch.cancelled = !batch.not_read.is_empty();
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
) -> Result<FileActivities, ImportError> {
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
    let read = match format {
        Format::Fit => FileActivities::from(fit::read(file, bytes, opts)?),
        Format::Gpx => FileActivities::from(gpx::read(file, bytes, opts)?),
        Format::Tcx => FileActivities::from(tcx::read(file, bytes, opts)?),
        Format::StravaCsv => strava_csv::read(file, bytes, opts)?,
        Format::GarminCsv => garmin_csv::read(file, bytes, opts)?,
    };
    if read.activities.is_empty() {
        return Err(ImportError::NotActivity {
            file: file.to_owned(),
            what: format!("the {} file holds no activities", format.label()),
        });
    }
    Ok(read)
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
