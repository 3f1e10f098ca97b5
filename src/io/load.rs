//! Reading a plan file: size check, UTF-8, header pass, full parse, migration, validation.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::line_col_at;
use super::migrate::{MigrateError, migrate};
use crate::model::{FORMAT_TAG, Plan, Problem, validate};

/// Plan files above this size are refused before parsing: a real season is well under 2 MiB.
pub const MAX_PLAN_BYTES: u64 = 32 * 1024 * 1024;

/// Nesting deeper than this is not a plan (ours nests about 8 deep); ron stops there.
const RECURSION_LIMIT: usize = 64;

/// Why a plan file could not be opened. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: the file is {:.1} MiB; plan files larger than {} MiB are refused (a season is well under 2 MiB)",
        path.display(), *bytes as f64 / 1_048_576.0, MAX_PLAN_BYTES / 1_048_576
    )]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("{}: the file is empty; it may have been cut off while copying", path.display())]
    Empty { path: PathBuf },
    #[error(
        "{}:{line}:{col}: the file is not UTF-8 text (byte 0x{byte:02x}); it may be damaged or not a plan file",
        path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        col: usize,
        byte: u8,
    },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}: this is not a Peakline plan file ({found})", path.display())]
    NotAPlan { path: PathBuf, found: String },
    #[error("{}: {source}", path.display())]
    Version { path: PathBuf, source: MigrateError },
    #[error(
        "{}: the plan is inconsistent: {}{}",
        path.display(),
        problems.first().map(ToString::to_string).unwrap_or_default(),
        if problems.len() > 1 { format!(" (and {} more problems)", problems.len() - 1) } else { String::new() }
    )]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// One line per problem, as `peakline check` prints them (`FILE:LINE:COL: message`).
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Invalid { path, problems } => problems
                .iter()
                .map(|p| format!("{}: {p}", path.display()))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Reads, migrates and validates the plan at `path`.
///
/// # Errors
/// Any reason the file is not a usable plan; see [`LoadError`].
pub fn load_plan(path: &Path) -> Result<Plan, LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    if size > MAX_PLAN_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: size,
        });
    }
    // `take` also bounds files that grow while we read or lie about their size.
    let mut bytes = Vec::new();
    file.take(MAX_PLAN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
        });
    }
    parse_plan(path, &bytes)
}

/// Parses plan bytes that claim to come from `path` (used for messages only).
///
/// # Errors
/// As [`load_plan`], except for reading.
pub fn parse_plan(path: &Path, bytes: &[u8]) -> Result<Plan, LoadError> {
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, col) = line_col_at(bytes, e.valid_up_to());
            return Err(LoadError::NotUtf8 {
                path: path.to_owned(),
                line,
                col,
                byte: bytes.get(e.valid_up_to()).copied().unwrap_or(0),
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);

    // Pass 1: only the header, so a newer file is refused with a version message rather than
    // with whatever its new fields would make the full parse say.
    let header: Header = options
        .clone()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| syntax_error(path, text, &e))?;
    match header.format.as_deref() {
        Some(FORMAT_TAG) => {}
        Some(other) => {
            return Err(LoadError::NotAPlan {
                path: path.to_owned(),
                found: format!("its format is \"{other}\", not \"{FORMAT_TAG}\""),
            });
        }
        None => {
            return Err(LoadError::NotAPlan {
                path: path.to_owned(),
                found: format!("it has no `format: \"{FORMAT_TAG}\"` header"),
            });
        }
    }
    let version = header.version.ok_or_else(|| LoadError::NotAPlan {
        path: path.to_owned(),
        found: "it has no `version` in its header".to_owned(),
    })?;
    if version > crate::model::FORMAT_VERSION {
        return Err(LoadError::Version {
            path: path.to_owned(),
            source: MigrateError::Newer {
                found: version,
                supported: crate::model::FORMAT_VERSION,
            },
        });
    }

    // Pass 2: the whole plan, then migration and validation.
    let plan: Plan = options
        .from_str(text)
        .map_err(|e| syntax_error(path, text, &e))?;
    let plan = migrate(plan, version).map_err(|source| LoadError::Version {
        path: path.to_owned(),
        source,
    })?;
    let problems = validate(&plan);
    if !problems.is_empty() {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(plan)
}

/// The first fields of every plan file; everything else is skipped in pass 1.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

fn syntax_error(path: &Path, text: &str, e: &ron::error::SpannedError) -> LoadError {
    let (line, col) = (e.span.start.line, e.span.start.col);
    // Whatever the parser expected next, an error with nothing but whitespace after it means
    // the text stops in the middle of the plan: say that, not "expected a comma".
    // A cut inside a text value: the string opened here never closes.
    let open_string = matches!(
        e.code,
        ron::Error::ExpectedStringEnd | ron::Error::ExpectedString
    ) && rest_of_text(text, line, col).matches('"').count() <= 1;
    // A cut inside a field name or value: only the start of a word is left after the error.
    let cut_word = rest_of_text(text, line, col)
        .trim_end()
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-');
    let message = if open_string || cut_word || at_end_of_text(text, line, col) {
        ENDS_EARLY.to_owned()
    } else {
        humanize(&e.code)
    };
    LoadError::Syntax {
        path: path.to_owned(),
        line,
        col,
        message,
    }
}

/// What a plan file that stops before its end is told.
const ENDS_EARLY: &str =
    "the file ends too early: it is probably truncated (cut off while saving or copying)";

/// Whether the 1-based `line`:`col` (in characters) is at the end of `text` or followed only
/// by whitespace.
fn at_end_of_text(text: &str, line: usize, col: usize) -> bool {
    rest_of_text(text, line, col).trim().is_empty()
}

/// The text from the 1-based `line`:`col` (in characters) on; empty past the end.
fn rest_of_text(text: &str, line: usize, col: usize) -> &str {
    let Some(line_start) = line_offset(text, line) else {
        return "";
    };
    let rest = &text[line_start..];
    let offset = rest
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    rest.get(offset..).unwrap_or("")
}

/// Byte offset of the start of 1-based `line`; `None` past the last line.
fn line_offset(text: &str, line: usize) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

/// A coach-readable sentence for a RON error.
fn humanize(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Eof => ENDS_EARLY.into(),
        E::ExceededRecursionLimit => {
            "the data is nested far too deeply to be a Peakline plan".into()
        }
        E::ExpectedString | E::ExpectedStringEnd => "expected text in double quotes here".into(),
        E::ExpectedInteger | E::ExpectedFloat | E::IntegerOutOfBounds => {
            "expected a number here (or the number is too large)".into()
        }
        E::ExpectedBoolean => "expected true or false here".into(),
        E::ExpectedComma => "expected a comma between two entries here".into(),
        E::ExpectedArray => "expected a list starting with `[` here".into(),
        E::ExpectedArrayEnd => "expected `]` to close the list here".into(),
        E::ExpectedMapColon => "expected `:` between a field name and its value".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected a record in parentheses `( … )` here".into()
        }
        E::ExpectedStructLikeEnd => "expected `)` to close the record here".into(),
        E::ExpectedIdentifier => "expected a field name (such as `athlete:`) here; the text \
             does not read as a Peakline plan at this point"
            .into(),
        E::UnclosedBlockComment | E::UnclosedLineComment => {
            "a comment is never closed; the rest of the file is inside it".into()
        }

        E::ExpectedOption => "expected Some(…) or None here".into(),
        E::TrailingCharacters => "unexpected text after the end of the plan".into(),
        E::UnexpectedChar(c) => format!("unexpected character `{c}`"),
        E::InvalidValueForType { expected, found } => {
            format!("expected {expected} but found {found}")
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "`{found}` is not a valid {}; use one of: {}",
            outer.as_deref().unwrap_or("value"),
            expected.join(", ")
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}` in {}; known fields are: {}",
            outer.as_deref().unwrap_or("this record"),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => format!(
            "{} is missing its required field `{field}`",
            outer.as_deref().unwrap_or("a record")
        ),
        E::DuplicateStructField { field, outer } => format!(
            "field `{field}` appears twice in {}",
            outer.as_deref().unwrap_or("a record")
        ),
        E::Message(m) => humanize_message(m),
        other => other.to_string(),
    }
}

/// serde and chrono report some errors as plain messages; make the common ones readable.
fn humanize_message(m: &str) -> String {
    const DATE_ERRORS: [&str; 5] = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date",
    ];
    if DATE_ERRORS.iter().any(|d| m.contains(d)) {
        return format!("not a valid date or time ({m}); dates are written like \"2027-04-18\"");
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        return format!("wrong kind of value: {rest}");
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        return format!("invalid value: {rest}");
    }
    m.to_owned()
}
