//! Strava's bulk export `activities.csv` ("Download your data" in Strava's account settings).
//!
//! # Layout
//! The header repeats names: a first block written for display and a second, more precise
//! block added later. In real exports (2020–2024) the first columns are
//!
//! `Activity ID, Activity Date, Activity Name, Activity Type, Activity Description,
//! Elapsed Time, Distance, Max Heart Rate, Relative Effort, Commute, Activity Private Note,
//! Activity Gear, Filename, Athlete Weight, Bike Weight, Elapsed Time, Moving Time, Distance,
//! Max Speed, Average Speed, …, Max Heart Rate, Average Heart Rate, …`
//!
//! - first `Elapsed Time`: whole seconds; second `Elapsed Time`, `Moving Time`: seconds with
//!   decimals (`5601.0`);
//! - first `Distance`: kilometres with two decimals (`18.96`), except for swims, where it is
//!   metres; second `Distance`: metres (`18962.80078125`). We use the second and fall back to
//!   the first only when the second is blank (older exports);
//! - `Max Heart Rate` appears twice with the same value; `Average Heart Rate` once;
//! - `Activity Date` is the start in **UTC**, written `Oct 7, 2020, 2:43:11 PM`; it becomes
//!   local time like the UTC times of FIT and GPX files.
//!
//! Columns are therefore found by name *and* occurrence from the header row (never by fixed
//! index: Strava has added columns over the years), and a missing column is simply no value.
//!
//! A row that cannot be read (a date in another format, no elapsed time) is left out and
//! reported with its line; the rest of the export is imported.

use chrono::NaiveDateTime;

use super::csv_table::{Row, RowsRead, Table, csv_error, number, seconds};
use super::{Activity, FileActivities, ImportError, ImportOptions, sport_from_name};
use crate::model::{Source, Sport};

/// Date formats seen in Strava exports (English locale first).
const DATE_FORMATS: [&str; 5] = [
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%d %b %Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
];

pub(super) fn read(
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<FileActivities, ImportError> {
    let mut table = Table::open(file, bytes)?;
    let col = Columns {
        date: table.column("Activity Date", 0),
        name: table.column("Activity Name", 0),
        kind: table.column("Activity Type", 0),
        elapsed_display: table.column("Elapsed Time", 0),
        elapsed: table.column("Elapsed Time", 1),
        moving: table.column("Moving Time", 0),
        distance_display: table.column("Distance", 0),
        distance_m: table.column("Distance", 1),
        max_hr_display: table.column("Max Heart Rate", 0),
        max_hr: table.column("Max Heart Rate", 1),
        avg_hr: table.column("Average Heart Rate", 0),
    };
    if col.date.is_none() || (col.elapsed.is_none() && col.elapsed_display.is_none()) {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            message: "this Strava export has no \"Activity Date\" or \"Elapsed Time\" column"
                .to_owned(),
        });
    }

    let mut read = RowsRead::default();
    let mut record = csv::ByteRecord::new();
    loop {
        match table.reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(file, &e)),
        }
        let line = table.line_of(&record);
        let row = Row {
            record: &record,
            line,
        };
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        read.push(activity(file, &row, &col, opts));
    }
    read.finish()
}

struct Columns {
    date: Option<usize>,
    name: Option<usize>,
    kind: Option<usize>,
    elapsed_display: Option<usize>,
    elapsed: Option<usize>,
    moving: Option<usize>,
    distance_display: Option<usize>,
    distance_m: Option<usize>,
    max_hr_display: Option<usize>,
    max_hr: Option<usize>,
    avg_hr: Option<usize>,
}

fn activity(
    file: &str,
    row: &Row<'_>,
    col: &Columns,
    opts: &ImportOptions,
) -> Result<Activity, ImportError> {
    let date_text = row
        .get(col.date)
        .ok_or_else(|| row.error(file, "the activity has no \"Activity Date\"".to_owned()))?;
    let utc = DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&date_text, f).ok())
        .ok_or_else(|| {
            row.error(
                file,
                format!(
                    "\"{date_text}\" is not a date like \"Oct 7, 2020, 2:43:11 PM\" \
                     (Activity Date)"
                ),
            )
        })?
        .and_utc();
    let sport = row
        .get(col.kind)
        .map_or(Sport::Other, |k| sport_from_name(&k));
    let duration_s = row
        .get(col.elapsed)
        .or_else(|| row.get(col.elapsed_display))
        .and_then(|c| seconds(&c))
        .ok_or_else(|| {
            row.error(
                file,
                "the activity has no valid \"Elapsed Time\"".to_owned(),
            )
        })?;
    let distance_m = row
        .get(col.distance_m)
        .and_then(|c| number(&c))
        .or_else(|| {
            let shown = number(&row.get(col.distance_display)?)?;
            Some(if sport == Sport::Swim {
                shown
            } else {
                shown * 1000.0
            })
        });
    let a = Activity {
        start: opts.local_from_utc(utc),
        sport,
        duration_s,
        moving_s: row.get(col.moving).and_then(|c| seconds(&c)),
        distance_m,
        avg_hr: row.get(col.avg_hr).and_then(|c| number(&c)),
        max_hr: row
            .get(col.max_hr)
            .or_else(|| row.get(col.max_hr_display))
            .and_then(|c| number(&c)),
        title: row.get(col.name).map(|n| n.into_owned()),
        source: Source::Csv,
    };
    row.checked(file, a)
}
