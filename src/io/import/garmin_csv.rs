//! Garmin Connect's `Activities.csv` (the "Export CSV" button of the activity list).
//!
//! # Layout
//! Every cell is quoted; `--` means no value; numbers carry thousands separators (`"1,234"`)
//! and sometimes a guard quote (`"'-9"`). The columns used:
//! `"Activity Type","Date","Title","Distance","Time","Avg HR","Max HR", …,
//! "Moving Time","Elapsed Time"` (the last two only in newer exports).
//!
//! - `Date` is the **local** start time (`2024-03-10 07:31:12`) and is taken as it is;
//! - `Time` is the timer time, `Moving Time` and `Elapsed Time` speak for themselves; all are
//!   `h:mm:ss` with optional decimals;
//! - `Distance` follows the account's unit setting, kilometres or miles, and the file does not
//!   say which. The unit is taken from the header or the cells when they carry one
//!   (`Distance (mi)`, `6.21 mi`), else from [`ImportOptions::garmin_distance_unit`], else
//!   kilometres. Pool swims are written in metres (or yards) with separators (`"1,500"`); a
//!   swim distance above 50 or with a separator is read that way.

use chrono::NaiveDateTime;

use super::csv_table::{Row, Table, csv_error, number, seconds};
use super::{Activity, DistanceUnit, ImportError, ImportOptions, checked, sport_from_name};
use crate::model::{Source, Sport};

const DATE_FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
];
/// Metres in a yard, for pool swims in accounts set to miles.
const YARD_M: f64 = 0.9144;

pub(super) fn read(
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    let mut table = Table::open(file, bytes)?;
    let distance = table
        .header
        .iter()
        .position(|h| h.to_ascii_lowercase().starts_with("distance"));
    let col = Columns {
        kind: table.column("Activity Type", 0),
        date: table.column("Date", 0),
        title: table.column("Title", 0),
        distance,
        time: table.column("Time", 0),
        moving: table.column("Moving Time", 0),
        elapsed: table.column("Elapsed Time", 0),
        avg_hr: table.column("Avg HR", 0),
        max_hr: table.column("Max HR", 0),
    };
    if col.date.is_none() || (col.time.is_none() && col.elapsed.is_none()) {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            message: "this Garmin Connect export has no \"Date\" or \"Time\" column \
                      (export it with Garmin Connect set to English)"
                .to_owned(),
        });
    }
    let header_unit = distance
        .and_then(|i| table.header.get(i))
        .and_then(|h| unit_in(h));

    let mut activities = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match table.reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(file, &e)),
        }
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let row = Row {
            record: &record,
            line: record.position().map_or(0, csv::Position::line),
        };
        let unit = row
            .get(col.distance)
            .and_then(|c| unit_in(&c))
            .or(header_unit)
            .or(opts.garmin_distance_unit)
            .unwrap_or_default();
        activities.push(activity(file, &row, &col, unit)?);
    }
    Ok(activities)
}

struct Columns {
    kind: Option<usize>,
    date: Option<usize>,
    title: Option<usize>,
    distance: Option<usize>,
    time: Option<usize>,
    moving: Option<usize>,
    elapsed: Option<usize>,
    avg_hr: Option<usize>,
    max_hr: Option<usize>,
}

/// `km` or `mi` when a header or cell names it (`Distance (mi)`, `6.21 mi`).
fn unit_in(text: &str) -> Option<DistanceUnit> {
    let t = text.to_ascii_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| matches!(*w, "mi" | "mile" | "miles")) {
        Some(DistanceUnit::Mi)
    } else if words
        .iter()
        .any(|w| matches!(*w, "km" | "kilometers" | "kilometres"))
    {
        Some(DistanceUnit::Km)
    } else {
        None
    }
}

fn activity(
    file: &str,
    row: &Row<'_>,
    col: &Columns,
    unit: DistanceUnit,
) -> Result<Activity, ImportError> {
    let date_text = row
        .get(col.date)
        .ok_or_else(|| row.error(file, "the activity has no \"Date\"".to_owned()))?;
    let start = DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&date_text, f).ok())
        .ok_or_else(|| {
            row.error(
                file,
                format!("\"{date_text}\" is not a date like \"2024-03-10 07:31:12\" (Date)"),
            )
        })?;
    let sport = row
        .get(col.kind)
        .map_or(Sport::Other, |k| sport_from_name(&k));
    let timer_s = row.get(col.time).and_then(|c| seconds(&c));
    let duration_s = row
        .get(col.elapsed)
        .and_then(|c| seconds(&c))
        .or(timer_s)
        .ok_or_else(|| row.error(file, "the activity has no valid \"Time\"".to_owned()))?;
    let distance_m = row.get(col.distance).and_then(|cell| {
        let value = number(&cell)?;
        let pool_units = sport == Sport::Swim && (value > 50.0 || cell.contains(','));
        Some(match (pool_units, unit) {
            (true, DistanceUnit::Km) => value,
            (true, DistanceUnit::Mi) => value * YARD_M,
            (false, u) => value * u.metres(),
        })
    });
    let what = format!("the activity on line {}", row.line);
    let a = Activity {
        start,
        sport,
        duration_s,
        moving_s: row.get(col.moving).and_then(|c| seconds(&c)),
        distance_m,
        avg_hr: row.get(col.avg_hr).and_then(|c| number(&c)),
        max_hr: row.get(col.max_hr).and_then(|c| number(&c)),
        title: row.get(col.title).map(|t| t.into_owned()),
        source: Source::Csv,
    };
    checked(a, file, &what)
}
