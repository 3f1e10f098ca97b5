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
//! - `Distance` follows the account's unit setting, kilometres or miles, usually without
//!   saying which (see "Distance unit" below). Pool swims are written in metres (or yards)
//!   with separators (`"1,500"`); a swim distance above 50 or with a separator is read that
//!   way.
//!
//! # Distance unit
//! One export comes from one account, so the unit is decided once per file, from the first
//! of these that gives an answer, and the file's report says which unit and why:
//! 1. a unit named in the header of a distance, pace or speed column (`Distance (mi)`,
//!    `Avg Pace (min/km)`, `Avg Speed (mph)`) or in its cells (`6.21 mi`, `8:23 min/mi`);
//!    a unit in a row's own Distance cell also wins for that row;
//! 2. the runs' speed: the median speed of the file's runs (distance ÷ moving time) under
//!    each reading; when one reading is inside [`RUN_SPEED_M_PER_S`] and the other is not,
//!    the plausible one is taken. Pace and speed columns cannot decide it: they are the same
//!    distance and time, so they agree with either reading;
//! 3. the caller's preference ([`ImportOptions::garmin_distance_unit`]: the app passes the
//!    user's unit setting, the CLI its `--garmin-units`);
//! 4. kilometres.
//!
//! A row that cannot be read (no date, no time) is left out and reported with its line; the
//! rest of the export is imported.

use chrono::NaiveDateTime;

use super::csv_table::{Row, RowsRead, Table, checked_row, csv_error, number, seconds};
use super::{Activity, DistanceUnit, FileActivities, ImportError, ImportOptions, sport_from_name};
use crate::model::{Source, Sport};

const DATE_FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
];
/// Metres in a yard, for pool swims in accounts set to miles.
const YARD_M: f64 = 0.9144;
/// Median running speed of an athlete's training, in m/s: 1.4 m/s is 11:54 /km, a walk-run;
/// 5.0 m/s is 3:20 /km, faster than even elite runners' usual training (their marathon race
/// pace is about 2:55 /km). A plausibility band chosen wide on purpose, not a published norm:
/// it only decides the unit when one reading falls outside it.
pub const RUN_SPEED_M_PER_S: std::ops::RangeInclusive<f64> = 1.4..=5.0;

pub(super) fn read(
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<FileActivities, ImportError> {
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
    // Columns whose header or cells may name the unit: distance, pace and speed.
    let unit_columns: Vec<usize> = table
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let h = h.to_ascii_lowercase();
            ["distance", "pace", "speed"].iter().any(|w| h.contains(w))
        })
        .map(|(i, _)| i)
        .collect();
    let mut named: Option<(DistanceUnit, String)> = unit_columns.iter().find_map(|&i| {
        let h = table.header.get(i)?;
        unit_in(h).map(|u| (u, format!("the \"{h}\" column says so")))
    });

    let mut rows: Vec<(u64, Result<Partial, ImportError>)> = Vec::new();
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
            line: table.line_of(&record),
        };
        if named.is_none() {
            named = unit_columns.iter().find_map(|&i| {
                let cell = row.get(Some(i))?;
                let unit = unit_in(&cell)?;
                let h = table.header.get(i).map_or("", String::as_str);
                Some((unit, format!("its \"{h}\" cells are written \"{cell}\"")))
            });
        }
        rows.push((row.line, partial(file, &row, &col)));
    }

    let (unit, why) = file_unit(named, &rows, opts.garmin_distance_unit);
    let mut read = RowsRead::default();
    let mut any_distance = false;
    for (line, result) in rows {
        read.push(result.and_then(|p| {
            any_distance |= p.distance.is_some_and(|d| !d.pool && d.unit.is_none());
            checked_row(file, line, p.finish(unit))
        }));
    }
    if any_distance {
        read.assume(format!("distances read in {}: {why}", unit_name(unit)));
    }
    read.finish()
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

/// A row read, its distance still in the file's unknown unit.
struct Partial {
    activity: Activity,
    distance: Option<RawDistance>,
}

#[derive(Clone, Copy)]
struct RawDistance {
    value: f64,
    /// A pool swim: metres or yards rather than kilometres or miles.
    pool: bool,
    /// The unit the cell itself names (`6.21 mi`).
    unit: Option<DistanceUnit>,
}

impl Partial {
    fn finish(mut self, file_unit: DistanceUnit) -> Activity {
        self.activity.distance_m = self.distance.map(|d| {
            let unit = d.unit.unwrap_or(file_unit);
            match (d.pool, unit) {
                (true, DistanceUnit::Km) => d.value,
                (true, DistanceUnit::Mi) => d.value * YARD_M,
                (false, u) => d.value * u.metres(),
            }
        });
        self.activity
    }

    /// Metres per second if the distance is in kilometres, for a run with a distance in the
    /// file's own unit and a time.
    fn run_speed_if_km(&self) -> Option<f64> {
        let d = self.distance.filter(|d| !d.pool && d.unit.is_none())?;
        let a = &self.activity;
        let time_s = a.moving_s.filter(|m| *m > 0.0).unwrap_or(a.duration_s);
        (a.sport == Sport::Run && d.value > 0.0 && time_s > 0.0)
            .then(|| d.value * DistanceUnit::Km.metres() / time_s)
    }
}

/// The file's distance unit and the reason, in the order of the module's "Distance unit".
fn file_unit(
    named: Option<(DistanceUnit, String)>,
    rows: &[(u64, Result<Partial, ImportError>)],
    preference: Option<DistanceUnit>,
) -> (DistanceUnit, String) {
    if let Some(found) = named {
        return found;
    }
    let mut speeds: Vec<f64> = rows
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok()?.run_speed_if_km())
        .collect();
    speeds.sort_by(f64::total_cmp);
    if let Some(&median) = speeds.get(speeds.len() / 2) {
        let as_miles = median * DistanceUnit::Mi.metres() / DistanceUnit::Km.metres();
        let km_ok = RUN_SPEED_M_PER_S.contains(&median);
        let mi_ok = RUN_SPEED_M_PER_S.contains(&as_miles);
        let runs = if speeds.len() == 1 {
            "its run would have a pace".to_owned()
        } else {
            format!("its {} runs would have a median pace", speeds.len())
        };
        if km_ok && !mi_ok {
            return (
                DistanceUnit::Km,
                format!(
                    "read as miles, {runs} of {} /km, faster than anyone trains",
                    pace_text(as_miles)
                ),
            );
        }
        if mi_ok && !km_ok {
            return (
                DistanceUnit::Mi,
                format!(
                    "read as kilometres, {runs} of {} /km, slower than running",
                    pace_text(median)
                ),
            );
        }
    }
    let silent = "the file does not say which unit it uses (Garmin Connect follows the \
                  account's setting)";
    match preference {
        Some(u) => (u, format!("{silent}, so the unit you chose is assumed")),
        None => (
            DistanceUnit::default(),
            format!("{silent} and no unit was chosen, so kilometres are assumed"),
        ),
    }
}

fn unit_name(unit: DistanceUnit) -> &'static str {
    match unit {
        DistanceUnit::Km => "kilometres",
        DistanceUnit::Mi => "miles",
    }
}

/// `m:ss` per km at `speed` m/s.
fn pace_text(speed_m_per_s: f64) -> String {
    let s = (1000.0 / speed_m_per_s).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// `km` or `mi` when a header or cell names it (`Distance (mi)`, `6.21 mi`, `min/mi`,
/// `km/h`, `mph`).
fn unit_in(text: &str) -> Option<DistanceUnit> {
    let t = text.to_ascii_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| matches!(*w, "mi" | "mile" | "miles" | "mph"))
    {
        Some(DistanceUnit::Mi)
    } else if words
        .iter()
        .any(|w| matches!(*w, "km" | "kilometers" | "kilometres" | "kph" | "kmh"))
    {
        Some(DistanceUnit::Km)
    } else {
        None
    }
}

fn partial(file: &str, row: &Row<'_>, col: &Columns) -> Result<Partial, ImportError> {
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
    let distance = row.get(col.distance).and_then(|cell| {
        let value = number(&cell)?;
        Some(RawDistance {
            value,
            pool: sport == Sport::Swim && (value > 50.0 || cell.contains(',')),
            unit: unit_in(&cell),
        })
    });
    Ok(Partial {
        activity: Activity {
            start,
            sport,
            duration_s,
            moving_s: row.get(col.moving).and_then(|c| seconds(&c)),
            distance_m: None,
            avg_hr: row.get(col.avg_hr).and_then(|c| number(&c)),
            max_hr: row.get(col.max_hr).and_then(|c| number(&c)),
            title: row.get(col.title).map(|t| t.into_owned()),
            source: Source::Csv,
        },
        distance,
    })
}
