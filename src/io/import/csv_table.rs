//! What the Strava and Garmin CSV readers share: the header row, columns found by name
//! and position, and cells read leniently (blank and `--` mean "no value").

use std::borrow::Cow;

use csv::{ByteRecord, Reader, ReaderBuilder};

use super::{Activity, FileActivities, ImportError, checked, strip_bom};

/// A CSV export: its header row and a reader positioned on the first data row.
pub(super) struct Table<'a> {
    pub header: Vec<String>,
    pub reader: Reader<&'a [u8]>,
    /// The text the reader reads, for line numbers.
    text: &'a [u8],
    /// A byte offset into `text` and the line it is on, where [`Self::line_of`] left off.
    counted: (usize, u64),
}

impl<'a> Table<'a> {
    pub fn open(file: &str, bytes: &'a [u8]) -> Result<Self, ImportError> {
        let text = strip_bom(bytes);
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            // Rows with a missing trailing cell are read as they are; missing means no value.
            .flexible(true)
            .from_reader(text);
        let mut first = ByteRecord::new();
        let has_header = reader
            .read_byte_record(&mut first)
            .map_err(|e| csv_error(file, &e))?;
        if !has_header {
            return Err(ImportError::Empty {
                file: file.to_owned(),
            });
        }
        let header = first
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_owned())
            .collect();
        Ok(Self {
            header,
            reader,
            text,
            counted: (0, 1),
        })
    }

    /// The line `record` starts on, counted from its byte offset. (The `csv` crate's own line
    /// number lags one behind after a CRLF line end, as Garmin writes them: it has read the
    /// `\r` but not yet the `\n` when the next record starts.) Records come in order, so
    /// counting goes on from the previous one.
    pub fn line_of(&mut self, record: &ByteRecord) -> u64 {
        let Some(mut start) = record.position().map(|p| p.byte() as usize) else {
            return 0;
        };
        // The line end of the previous record, and blank lines, come before this one.
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let (from, line) = self.counted;
        let newlines = self
            .text
            .get(from..start)
            .map_or(0, |gap| memchr::memchr_iter(b'\n', gap).count());
        if start >= from {
            self.counted = (start, line + newlines as u64);
        }
        self.counted.1
    }

    /// Index of the `nth` (0-based) column called `name` (case-insensitive).
    pub fn column(&self, name: &str, nth: usize) -> Option<usize> {
        self.header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.eq_ignore_ascii_case(name))
            .nth(nth)
            .map(|(i, _)| i)
    }
}

/// One data row and its line in the file.
pub(super) struct Row<'r> {
    pub record: &'r ByteRecord,
    pub line: u64,
}

impl Row<'_> {
    /// The trimmed cell at `column`, or `None` when absent, blank or `--`.
    pub fn get(&self, column: Option<usize>) -> Option<Cow<'_, str>> {
        let raw = self.record.get(column?)?;
        let text = String::from_utf8_lossy(raw);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed == "--" {
            return None;
        }
        Some(if trimmed.len() == text.len() {
            text
        } else {
            Cow::Owned(trimmed.to_owned())
        })
    }

    pub fn error(&self, file: &str, message: String) -> ImportError {
        ImportError::Row {
            file: file.to_owned(),
            line: self.line,
            message,
        }
    }

    /// [`checked`] for the activity of this row; its complaint names the row's line.
    pub fn checked(&self, file: &str, a: Activity) -> Result<Activity, ImportError> {
        checked_row(file, self.line, a)
    }
}

/// [`checked`] for the activity of the row on `line`; its complaint names the line.
pub(super) fn checked_row(file: &str, line: u64, a: Activity) -> Result<Activity, ImportError> {
    checked(a, file, "the activity").map_err(|e| match e {
        ImportError::Invalid { message, .. } => ImportError::Row {
            file: file.to_owned(),
            line,
            message,
        },
        other => other,
    })
}

/// The rows of an export as they are read: activities, and the rows left out.
#[derive(Default)]
pub(super) struct RowsRead {
    read: FileActivities,
    first_error: Option<ImportError>,
}

impl RowsRead {
    pub fn push(&mut self, row: Result<Activity, ImportError>) {
        match row {
            Ok(a) => self.read.activities.push(a),
            Err(e) => {
                self.read.skip_row(&e);
                self.first_error.get_or_insert(e);
            }
        }
    }

    /// Assumptions the reader made for the whole file.
    pub fn assume(&mut self, text: String) {
        self.read.assumptions.push(text);
    }

    /// What was read. A bulk export with some bad rows is imported without them; it is an
    /// error only when rows were there but none could be read (then the first row's error,
    /// with the count of the others).
    pub fn finish(self) -> Result<FileActivities, ImportError> {
        match self.first_error {
            Some(first) if self.read.activities.is_empty() => {
                let others = self.read.skipped_rows.saturating_sub(1);
                Err(match (first, others) {
                    (e, 0) => e,
                    (
                        ImportError::Row {
                            file,
                            line,
                            message,
                        },
                        n,
                    ) => ImportError::Row {
                        file,
                        line,
                        message: format!(
                            "{message} (no row could be read; {n} more {} failed)",
                            if n == 1 { "row" } else { "rows" }
                        ),
                    },
                    (e, _) => e,
                })
            }
            _ => Ok(self.read),
        }
    }
}

pub(super) fn csv_error(file: &str, e: &csv::Error) -> ImportError {
    match e.position() {
        Some(p) => ImportError::Row {
            file: file.to_owned(),
            line: p.line(),
            message: format!("this CSV line cannot be read ({})", e.kind_text()),
        },
        None => ImportError::Invalid {
            file: file.to_owned(),
            message: format!("the CSV file cannot be read ({e})"),
        },
    }
}

trait KindText {
    fn kind_text(&self) -> String;
}

impl KindText for csv::Error {
    fn kind_text(&self) -> String {
        match self.kind() {
            csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".to_owned(),
            csv::ErrorKind::UnequalLengths { .. } => "it has the wrong number of cells".to_owned(),
            other => format!("{other:?}"),
        }
    }
}

/// A number as exports write it: `1,234.5` (thousands separators), `'-9` (a spreadsheet
/// guard quote), `12.3 km` (a unit after it) all read as numbers; anything else is `None`.
pub(super) fn number(cell: &str) -> Option<f64> {
    let s = cell.trim().trim_start_matches('\'');
    let s = s.split_once(' ').map_or(s, |(n, unit)| {
        if unit.chars().all(char::is_alphabetic) {
            n
        } else {
            s
        }
    });
    let plain: Cow<'_, str> = if has_thousands_separators(s) {
        Cow::Owned(s.replace(',', ""))
    } else {
        Cow::Borrowed(s)
    };
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `1,234` or `12,345,678.9`: groups of exactly three digits after each comma.
fn has_thousands_separators(s: &str) -> bool {
    let int_part = s.split('.').next().unwrap_or(s);
    let int_part = int_part.strip_prefix('-').unwrap_or(int_part);
    let mut groups = int_part.split(',');
    let Some(first) = groups.next() else {
        return false;
    };
    let mut any = false;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        any = true;
    }
    any && (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit())
}

/// A duration written `h:mm:ss`, `mm:ss` (either with decimals) or as plain seconds.
pub(super) fn seconds(cell: &str) -> Option<f64> {
    let s = cell.trim();
    if !s.contains(':') {
        return number(s);
    }
    let mut total = 0.0;
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    for part in parts {
        let v: f64 = part
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite() && *x >= 0.0)?;
        total = total * 60.0 + v;
    }
    Some(total)
}
