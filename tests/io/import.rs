//! Importers on real files written by others (fixtures from the `fitparser` and `gpx` crates,
//! see `tests/data/LICENSES.md`) and on hand-written TCX and CSV exports.
//!
//! Expected values are computed here independently of the importer: for FIT from the file's
//! lap and record messages (the importer reads the session message), for GPX by scanning the
//! raw XML text and summing haversine distances with this file's own formula.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use peakline::io::import::{
    Activity, DistanceUnit, Format, ImportError, ImportOptions, MAX_ROW_WARNINGS, import_bytes,
    import_path, import_paths, read_bytes, read_path, sniff,
};
use peakline::model::{Source, Sport};

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap()
}

/// UTC+1 everywhere: deterministic on any machine.
fn opts() -> ImportOptions {
    ImportOptions::fixed_offset_hours(1)
}

fn import(name: &str) -> Vec<Activity> {
    import_path(&data(name), &opts()).unwrap_or_else(|e| panic!("{e}"))
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

// --- FIT -----------------------------------------------------------------------------------

/// Per-session totals recomputed from the laps and records, with `fitparser` directly.
struct FitTruth {
    /// (start, summed lap elapsed s, summed lap distance m, max record HR)
    sessions: Vec<(chrono::DateTime<chrono::Utc>, f64, f64, Option<f64>)>,
}

fn fit_truth(name: &str) -> FitTruth {
    use fitparser::Value;
    use fitparser::profile::MesgNum;
    let records = fitparser::from_bytes(&bytes(name)).unwrap();
    let num = |v: &Value| -> Option<f64> {
        match v {
            Value::Float64(x) => Some(*x),
            Value::UInt8(x) => Some(f64::from(*x)),
            Value::UInt16(x) => Some(f64::from(*x)),
            Value::UInt32(x) => Some(f64::from(*x)),
            Value::SInt64(x) => Some(*x as f64),
            _ => None,
        }
    };
    let get = |r: &fitparser::FitDataRecord, n: &str| {
        r.fields()
            .iter()
            .find(|f| f.name() == n)
            .map(|f| f.value().clone())
    };
    let time = |v: Option<Value>| match v {
        Some(Value::Timestamp(t)) => Some(t.with_timezone(&chrono::Utc)),
        _ => None,
    };
    let mut sessions = Vec::new();
    for s in records.iter().filter(|r| r.kind() == MesgNum::Session) {
        if matches!(get(s, "sport"), Some(Value::String(ref x)) if x == "transition") {
            continue;
        }
        let start = time(get(s, "start_time")).unwrap();
        let elapsed = get(s, "total_elapsed_time").and_then(|v| num(&v)).unwrap();
        let end = start + chrono::Duration::milliseconds((elapsed * 1000.0) as i64);
        // A session owns laps first_lap_index .. first_lap_index + num_laps (FIT profile).
        let first = get(s, "first_lap_index").and_then(|v| num(&v)).unwrap();
        let count = get(s, "num_laps").and_then(|v| num(&v)).unwrap();
        let laps: Vec<_> = records
            .iter()
            .filter(|r| r.kind() == MesgNum::Lap)
            .filter(|r| {
                get(r, "message_index")
                    .and_then(|v| num(&v))
                    .is_some_and(|i| i >= first && i < first + count)
            })
            .collect();
        let lap_time: f64 = laps
            .iter()
            .filter_map(|l| get(l, "total_elapsed_time").and_then(|v| num(&v)))
            .sum();
        let lap_dist: f64 = laps
            .iter()
            .filter_map(|l| get(l, "total_distance").and_then(|v| num(&v)))
            .sum();
        let max_hr = records
            .iter()
            .filter(|r| r.kind() == MesgNum::Record)
            .filter(|r| time(get(r, "timestamp")).is_some_and(|t| t >= start && t <= end))
            .filter_map(|r| get(r, "heart_rate").and_then(|v| num(&v)))
            .fold(None, |m: Option<f64>, h| Some(m.map_or(h, |m| m.max(h))));
        sessions.push((start, lap_time, lap_dist, max_hr));
    }
    FitTruth { sessions }
}

#[test]
fn fit_files_match_their_own_laps_and_records() {
    for name in [
        "Activity.fit",
        "garmin-fenix-5-bike.fit",
        "hrv-activity.fit",
        "sample_mulitple_header.fit",
    ] {
        let truth = fit_truth(name);
        let got = import(name);
        assert_eq!(
            got.len(),
            truth.sessions.len(),
            "{name}: one activity per session"
        );
        for (a, (start, lap_time, lap_dist, record_max_hr)) in got.iter().zip(&truth.sessions) {
            assert_eq!(a.source, Source::Fit);
            // The sum of the laps is the session, to the rounding of each lap (1 ms, 1 cm).
            assert!(
                close(a.duration_s, *lap_time, 0.05),
                "{name}: {} vs {lap_time}",
                a.duration_s
            );
            let d = a.distance_m.unwrap();
            assert!(close(d, *lap_dist, 0.5), "{name}: {d} vs {lap_dist}");
            // The session's maximum is the highest sample (devices may keep a higher one they
            // did not record as a sample, so it is never lower).
            if let (Some(max), Some(rec)) = (a.max_hr, record_max_hr) {
                assert!(max >= *rec, "{name}: max HR {max} below a sample {rec}");
            }
            // Local time = UTC + the offset the device recorded, or + 1 h from the options.
            let diff = (a.start - start.naive_utc()).num_minutes();
            assert!(
                (-12 * 60..=14 * 60).contains(&diff),
                "{name}: offset {diff} min"
            );
        }
    }
}

#[test]
fn fit_sport_and_values_of_known_files() {
    let run = &import("Activity.fit")[0];
    assert_eq!(run.sport, Sport::Run);
    // The FIT SDK's example records local_timestamp 4 h behind UTC: the file's own offset wins
    // over the options' +1 h.
    assert_eq!(run.start, at("2012-04-09 17:22:26"));
    let mut no_file_offset = opts();
    no_file_offset.use_file_offset = false;
    let run = &import_path(&data("Activity.fit"), &no_file_offset).unwrap()[0];
    assert_eq!(run.start, at("2012-04-09 22:22:26"));

    let bike = &import("garmin-fenix-5-bike.fit")[0];
    assert_eq!(bike.sport, Sport::Ride);
    assert_eq!((bike.avg_hr, bike.max_hr), (Some(101.0), Some(114.0)));

    // A triathlon: swim, bike and run; the two transitions are left out.
    let tri = import("sample_mulitple_header.fit");
    let sports: Vec<Sport> = tri.iter().map(|a| a.sport).collect();
    assert_eq!(sports, [Sport::Swim, Sport::Ride, Sport::Run]);
}

#[test]
fn fit_files_without_activity_are_not_activities() {
    for name in ["Settings.fit", "WorkoutIndividualSteps.fit"] {
        let err = import_path(&data(name), &opts()).unwrap_err();
        assert!(err.is_not_activity(), "{name}: {err}");
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn a_fit_header_that_makes_the_decoder_panic_is_an_error() {
    // Header size 255 with a non-zero header CRC: fitparser 0.11 slices past the end.
    let mut evil = vec![255, 0x10, 0x00, 0x00, 0, 0, 0, 0];
    evil.extend_from_slice(b".FIT");
    evil.extend_from_slice(&[0x12, 0x34]);
    let err = import_bytes("evil.fit", &evil, &opts()).unwrap_err();
    assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
    assert!(err.to_string().starts_with("evil.fit: "), "{err}");
}

/// The FIT SDK's CRC-16 (`fit_crc.c`), written out again here so the test does not trust the
/// importer's.
fn sdk_crc(bytes: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    let mut crc = 0_u16;
    for &byte in bytes {
        for nibble in [byte & 0xF, byte >> 4] {
            let tmp = TABLE[usize::from(crc & 0xF)];
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ TABLE[usize::from(nibble)];
        }
    }
    crc
}

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
const FIT_EPOCH_UNIX_S: u32 = 631_065_600;
/// 2027-03-14T06:30:00Z, when the built FIT run starts.
pub const ODD_FIT_START_UNIX_S: u32 = 1_805_005_800;

/// A FIT activity built byte by byte: one run of 1 h (58:20 timer time), 10.00 km, HR 150
/// average and 172 max, whose session definition also declares field 200 as a `uint16` of 3
/// bytes — not a multiple of 2, as some Coros and NK devices write. `fitparser` decodes that
/// field as bytes after printing `ERROR: field size …` to stderr.
pub fn fit_with_odd_field_size() -> Vec<u8> {
    let start = ODD_FIT_START_UNIX_S - FIT_EPOCH_UNIX_S;
    let mut data = Vec::new();
    // Definition, local 0: file_id (global 0), little endian, field 0 `type` (enum, 1 byte).
    data.extend([0x40, 0, 0, 0, 0, 1, 0, 1, 0x00]);
    // Data, local 0: type 4 = activity.
    data.extend([0x00, 4]);
    // Definition, local 1: session (global 18): (field, size, base type).
    let fields: [(u8, u8, u8); 9] = [
        (253, 4, 0x86), // timestamp (uint32)
        (2, 4, 0x86),   // start_time
        (7, 4, 0x86),   // total_elapsed_time, ms
        (8, 4, 0x86),   // total_timer_time, ms
        (9, 4, 0x86),   // total_distance, cm
        (5, 1, 0x00),   // sport (enum)
        (16, 1, 0x02),  // avg_heart_rate (uint8)
        (17, 1, 0x02),  // max_heart_rate
        (200, 3, 0x84), // an unknown uint16 field, 3 bytes long
    ];
    data.extend([0x41, 0, 0, 18, 0, fields.len() as u8]);
    for (number, size, base_type) in fields {
        data.extend([number, size, base_type]);
    }
    data.push(0x01);
    data.extend((start + 3600).to_le_bytes());
    data.extend(start.to_le_bytes());
    data.extend(3_600_000_u32.to_le_bytes());
    data.extend(3_500_000_u32.to_le_bytes());
    data.extend(1_000_000_u32.to_le_bytes());
    data.extend([1, 150, 172]); // running, HR
    data.extend([7, 8, 9]);
    // 14-byte header with its CRC left 0, so the file CRC covers header and data.
    let mut file = vec![14, 0x20, 0x54, 0x08];
    file.extend((data.len() as u32).to_le_bytes());
    file.extend(b".FIT");
    file.extend([0, 0]);
    file.extend(data);
    let crc = sdk_crc(&file);
    file.extend(crc.to_le_bytes());
    file
}

#[test]
fn a_fit_field_of_odd_size_is_read_as_bytes_and_the_file_still_checks() {
    let bytes = fit_with_odd_field_size();
    // The decoder itself accepts the file (and would print its complaint).
    assert!(fitparser::from_bytes(&bytes).is_ok());
    let got = import_bytes("odd.fit", &bytes, &opts()).unwrap();
    assert_eq!(got.len(), 1);
    let run = &got[0];
    assert_eq!(run.sport, Sport::Run);
    assert_eq!(run.start, at("2027-03-14 07:30:00"), "06:30Z at UTC+1");
    assert_eq!(run.duration_s, 3600.0);
    assert_eq!(run.moving_s, Some(3500.0), "the timer time");
    assert_eq!(run.distance_m, Some(10_000.0));
    assert_eq!((run.avg_hr, run.max_hr), (Some(150.0), Some(172.0)));

    // The checksum is still checked, on the file's own bytes: one changed byte of the
    // distance is refused.
    let mut damaged = bytes.clone();
    let at_distance = damaged.len() - 2 - 6 - 4;
    damaged[at_distance] ^= 0x01;
    let err = import_bytes("odd.fit", &damaged, &opts()).unwrap_err();
    assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("checksum"), "{err}");
}

// --- GPX -----------------------------------------------------------------------------------

/// Time, latitude, longitude and HR of each `<trkpt>`, scanned from the raw text.
fn scan_gpx(text: &str) -> Vec<(chrono::DateTime<chrono::Utc>, f64, f64, Option<f64>)> {
    let attr = |s: &str, name: &str| -> f64 {
        let start = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[start..start + s[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let inner = |s: &str, tag: &str| -> Option<String> {
        let open = format!("{tag}>");
        let from = s.find(&format!("<{open}"))? + open.len() + 1;
        Some(s[from..from + s[from..].find('<')?].to_owned())
    };
    text.split("<trkpt ")
        .skip(1)
        .map(|p| {
            let p = &p[..p.find("</trkpt>").unwrap()];
            let t = chrono::DateTime::parse_from_rfc3339(&inner(p, "time").unwrap())
                .unwrap()
                .to_utc();
            let hr = inner(p, "ns3:hr").map(|h| h.parse().unwrap());
            (t, attr(p, "lat"), attr(p, "lon"), hr)
        })
        .collect()
}

fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6_371_008.8_f64;
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

#[test]
fn gpx_garmin_activity_matches_its_trackpoints() {
    let text = String::from_utf8(bytes("garmin-activity-first300.gpx")).unwrap();
    let points = scan_gpx(&text);
    assert_eq!(points.len(), 300);
    let duration = (points[299].0 - points[0].0).num_seconds() as f64;
    let distance: f64 = points
        .windows(2)
        .map(|w| haversine((w[0].1, w[0].2), (w[1].1, w[1].2)))
        .sum();
    let hrs: Vec<f64> = points.iter().filter_map(|p| p.3).collect();
    let avg = hrs.iter().sum::<f64>() / hrs.len() as f64;
    let max = hrs.iter().copied().fold(0.0, f64::max);

    let got = import("garmin-activity-first300.gpx");
    assert_eq!(got.len(), 1);
    let a = &got[0];
    assert_eq!(a.source, Source::Gpx);
    assert_eq!(a.sport, Sport::Run, "<type>running</type>");
    assert_eq!(a.title.as_deref(), Some("casual stroll"));
    assert_eq!(
        a.start,
        points[0].0.naive_utc() + chrono::Duration::hours(1)
    );
    assert!(
        close(a.duration_s, duration, 0.001),
        "{} vs {duration}",
        a.duration_s
    );
    assert!(
        close(a.distance_m.unwrap(), distance, 0.5),
        "{:?} vs {distance}",
        a.distance_m
    );
    assert!(
        close(a.avg_hr.unwrap(), avg, 1e-9),
        "{:?} vs {avg}",
        a.avg_hr
    );
    assert_eq!(a.max_hr, Some(max));
    // Recorded every second while moving: all of it is moving time.
    assert!(a.moving_s.unwrap() <= a.duration_s);
    assert!(a.moving_s.unwrap() > 0.9 * a.duration_s);
}

#[test]
fn gpx_without_a_timed_track_is_not_an_activity() {
    // A route (<rte>) and a planned track without <time>.
    for name in [
        "ecology-trail-and-lovers-lane-loop.gpx",
        "strava_route_example.gpx",
    ] {
        let err = import_path(&data(name), &opts()).unwrap_err();
        assert!(err.is_not_activity(), "{name}: {err}");
    }
    let waypoints = br#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="1" lon="2"><name>A</name></wpt></gpx>"#;
    let err = import_bytes("marks.gpx", waypoints, &opts()).unwrap_err();
    assert!(err.is_not_activity(), "{err}");
    assert!(err.to_string().contains("waypoints"), "{err}");
}

#[test]
fn gpx_other_exporters() {
    // CalTopo: two tracks; "Day 01" has three points at the same instant (no duration).
    let got = import("caltopo-export.gpx");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].title.as_deref(), Some("Day 02"));
    assert_eq!(got[0].duration_s, 17_700.0); // 16:51:00Z → 21:46:00Z
    assert_eq!(
        got[0].sport,
        Sport::Other,
        "no type and no sport in the name"
    );
    let wahoo = import("wahoo_example.gpx");
    assert_eq!(wahoo[0].duration_s, 2.0);
    assert_eq!(wahoo[0].start, at("2022-04-24 21:54:33"));
}

// --- TCX -----------------------------------------------------------------------------------

#[test]
fn tcx_laps_give_the_summary() {
    // Values worked out by hand in the fixture's header comment.
    let got = import("easy-run.tcx");
    assert_eq!(got.len(), 1);
    let a = &got[0];
    assert_eq!(a.source, Source::Tcx);
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.start, at("2027-03-14 08:30:00"));
    assert_eq!(a.duration_s, 1620.0);
    assert_eq!(a.moving_s, Some(1500.0));
    assert_eq!(a.distance_m, Some(4500.5));
    assert_eq!(a.avg_hr, Some(146.0));
    assert_eq!(a.max_hr, Some(163.0));
    assert_eq!(a.title.as_deref(), Some("Easy run & strides"));
}

#[test]
fn tcx_courses_and_workouts_are_not_activities() {
    let course = br#"<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Courses><Course><Name>Loop</Name><Track><Trackpoint><Time>2027-01-01T10:00:00Z</Time></Trackpoint></Track></Course></Courses></TrainingCenterDatabase>"#;
    let err = import_bytes("loop.tcx", course, &opts()).unwrap_err();
    assert!(err.is_not_activity(), "{err}");
    assert!(err.to_string().contains("course"), "{err}");
    let broken = br#"<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2027-01-01T10:00:00Z</Id></Activities></TrainingCenterDatabase>"#;
    let err = import_bytes("broken.tcx", broken, &opts()).unwrap_err();
    assert!(
        matches!(err, ImportError::Syntax { line: 1, .. }),
        "mismatched tags give line:col: {err}"
    );
}

// --- CSV -----------------------------------------------------------------------------------

#[test]
fn strava_csv_reads_columns_by_position() {
    let got = import("strava-activities.csv");
    assert_eq!(got.len(), 5);
    let run = &got[0];
    // "Mar 14, 2027, 6:30:00 AM" is UTC; +1 h.
    assert_eq!(run.start, at("2027-03-14 07:30:00"));
    assert_eq!(run.sport, Sport::Run);
    assert_eq!(run.title.as_deref(), Some("Morning Run"));
    assert_eq!(run.duration_s, 2715.0);
    assert_eq!(run.moving_s, Some(2650.0));
    // The second Distance column (metres), not the first (8.52 km).
    assert_eq!(run.distance_m, Some(8523.7));
    assert_eq!((run.avg_hr, run.max_hr), (Some(142.3), Some(171.0)));
    assert_eq!(run.source, Source::Csv);

    assert_eq!(got[1].sport, Sport::Ride);
    assert_eq!(got[1].start, at("2027-03-15 18:05:10"), "5:05:10 PM UTC");
    assert_eq!(
        (got[2].sport, got[2].distance_m),
        (Sport::Swim, Some(1500.0))
    );
    assert_eq!(got[3].sport, Sport::Strength, "Weight Training");
    // An older export without the second block: the first Distance, in km.
    assert_eq!(got[4].distance_m, Some(5010.0));
    assert_eq!(got[4].max_hr, Some(165.0));
    assert_eq!(got[4].moving_s, None);
}

#[test]
fn garmin_csv_in_kilometres() {
    let got = import("garmin-activities-km.csv");
    assert_eq!(got.len(), 4);
    let run = &got[0];
    // Garmin writes local time: taken as it is, whatever the offset option.
    assert_eq!(run.start, at("2027-03-14 07:30:12"));
    assert_eq!(run.sport, Sport::Run);
    assert_eq!(run.distance_m, Some(10_020.0));
    assert_eq!(run.duration_s, 3220.0, "Elapsed Time 00:53:40");
    assert_eq!(run.moving_s, Some(3118.0), "Moving Time 00:51:58");
    assert_eq!((run.avg_hr, run.max_hr), (Some(152.0), Some(171.0)));
    // A pool swim is written in metres with a thousands separator.
    assert_eq!(
        (got[1].sport, got[1].distance_m),
        (Sport::Swim, Some(1500.0))
    );
    // "--" is no value.
    assert_eq!((got[2].sport, got[2].distance_m), (Sport::Strength, None));
    assert_eq!(got[2].duration_s, 3930.0, "1:05:30");
    assert_eq!(got[3].distance_m, Some(42_500.0));
    assert_eq!(got[3].avg_hr, None);
}

#[test]
fn garmin_csv_in_miles() {
    let mut miles = opts();
    miles.garmin_distance_unit = Some(DistanceUnit::Mi);
    let got = import_path(&data("garmin-activities-mi.csv"), &miles).unwrap();
    assert_eq!(got.len(), 3);
    assert!(close(got[0].distance_m.unwrap(), 6.23 * 1609.344, 1e-6));
    // Pool swims in an account set to miles are in yards.
    assert!(close(got[1].distance_m.unwrap(), 1640.0 * 0.9144, 1e-6));
    assert!(close(got[2].distance_m.unwrap(), 26.41 * 1609.344, 1e-6));

    // The unit named in the header or a cell wins over the option.
    let csv = "\"Activity Type\",\"Date\",\"Title\",\"Distance (mi)\",\"Time\"\r\n\
               \"Running\",\"2027-03-14 07:30:12\",\"Run\",\"5.00\",\"00:40:00\"\r\n";
    let got = import_bytes("Activities.csv", csv.as_bytes(), &opts()).unwrap();
    assert!(close(got[0].distance_m.unwrap(), 5.0 * 1609.344, 1e-6));
    let csv = "\"Activity Type\",\"Date\",\"Title\",\"Distance\",\"Time\"\r\n\
               \"Running\",\"2027-03-14 07:30:12\",\"Run\",\"5.00 km\",\"00:40:00\"\r\n";
    let got = import_bytes("Activities.csv", csv.as_bytes(), &miles).unwrap();
    assert_eq!(got[0].distance_m, Some(5000.0));
}

#[test]
fn csv_errors_name_the_file_and_line() {
    // Every row bad: the file is an error, at the first bad row, counting the others.
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n\
               1,\"Mar 14, 2027\",Run,Run,1800\n\
               2,yesterday,Run,Run,1800\n";
    let err = import_bytes("activities.csv", csv.as_bytes(), &opts()).unwrap_err();
    assert!(err.to_string().starts_with("activities.csv:2: "), "{err}");
    assert!(err.to_string().contains("\"Mar 14, 2027\""), "{err}");
    assert!(
        err.to_string()
            .ends_with("(no row could be read; 1 more row failed)"),
        "{err}"
    );
    // The detail leaves the file out, for reports that name it already.
    assert!(err.detail().starts_with("line 2: "), "{}", err.detail());

    let unknown = "date,km\n2027-03-14,10\n";
    let err = import_bytes("log.csv", unknown.as_bytes(), &opts()).unwrap_err();
    assert!(matches!(err, ImportError::UnknownFormat { .. }), "{err}");
    assert!(err.to_string().contains("Strava"), "{err}");
}

#[test]
fn a_forgotten_stop_keeps_the_moving_time() {
    // 50 h elapsed (watch left running), 1 h moving: the plan gets the hour.
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,\
               Elapsed Time,Moving Time\n\
               1,\"Mar 14, 2027, 6:30:00 AM\",Run,Run,180000,10,180000.0,3600.0\n";
    let got = import_bytes("activities.csv", csv.as_bytes(), &opts()).unwrap();
    assert_eq!(got[0].duration_s, 3600.0);
}

#[test]
fn one_bad_row_does_not_drop_the_rest_of_an_export() {
    // Strava: a row with a date in another format between two good ones.
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n\
               1,\"Mar 14, 2027, 6:30:00 AM\",Run,Run,1800\n\
               2,yesterday,Run,Run,1800\n\
               3,\"Mar 16, 2027, 6:30:00 AM\",Run,Run,\n\
               4,\"Mar 17, 2027, 6:30:00 AM\",Ride,Ride,3600\n";
    let read = read_bytes("activities.csv", csv.as_bytes(), &opts()).unwrap();
    let days: Vec<u32> = read
        .activities
        .iter()
        .map(|a| chrono::Datelike::day(&a.start.date()))
        .collect();
    assert_eq!(days, [14, 17]);
    assert_eq!(read.skipped_rows, 2);
    assert_eq!(read.row_warnings.len(), 2);
    assert!(
        read.row_warnings[0].starts_with("line 3: \"yesterday\" is not a date"),
        "{:?}",
        read.row_warnings
    );
    assert!(
        read.row_warnings[1].starts_with("line 4: the activity has no valid"),
        "{:?}",
        read.row_warnings
    );

    // Garmin: a row with an implausible duration (60 h) is left out with its line.
    let csv = "\"Activity Type\",\"Date\",\"Title\",\"Distance\",\"Time\"\r\n\
               \"Running\",\"2027-03-14 07:30:12\",\"Run\",\"10.00\",\"00:50:00\"\r\n\
               \"Running\",\"2027-03-15 07:30:12\",\"Run\",\"10.00\",\"60:00:00\"\r\n";
    let read = read_bytes("Activities.csv", csv.as_bytes(), &opts()).unwrap();
    assert_eq!(read.activities.len(), 1);
    assert_eq!(read.skipped_rows, 1);
    assert!(
        read.row_warnings[0].starts_with("line 3: the activity lasts 60.0 h"),
        "{:?}",
        read.row_warnings
    );
}

#[test]
fn a_bulk_export_lists_the_first_bad_rows_and_counts_the_rest() {
    let mut csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n".to_owned();
    csv.push_str("0,\"Mar 14, 2027, 6:30:00 AM\",Run,Run,1800\n");
    let bad = MAX_ROW_WARNINGS + 15;
    for i in 0..bad {
        csv.push_str(&format!("{},never,Run,Run,1800\n", i + 1));
    }
    let read = read_bytes("activities.csv", csv.as_bytes(), &opts()).unwrap();
    assert_eq!(read.activities.len(), 1);
    assert_eq!(read.skipped_rows, bad);
    assert_eq!(read.row_warnings.len(), MAX_ROW_WARNINGS);
    // The first bad row is on line 3 (header, good row).
    assert!(read.row_warnings[0].starts_with("line 3: "));
}

/// A Garmin Connect export with one run of `distance` (the account's unit) in `time`.
fn garmin_run(distance: &str, time: &str) -> String {
    format!(
        "\"Activity Type\",\"Date\",\"Title\",\"Distance\",\"Time\",\"Avg Pace\"\r\n\
         \"Running\",\"2027-03-14 07:30:12\",\"Run\",\"{distance}\",\"{time}\",\"--\"\r\n"
    )
}

#[test]
fn garmin_unit_is_detected_where_the_file_allows_and_reported() {
    let mut miles = opts();
    miles.garmin_distance_unit = Some(DistanceUnit::Mi);
    let mut km = opts();
    km.garmin_distance_unit = Some(DistanceUnit::Km);

    // 10.02 in 51:58 moving: 5:11 /km as km, 3:13 /km as miles (no one trains at that).
    // The run's speed decides, whatever the preference says.
    let read = read_path(&data("garmin-activities-km.csv"), &miles).unwrap();
    assert_eq!(read.activities[0].distance_m, Some(10_020.0));
    assert_eq!(
        read.activities[1].distance_m,
        Some(1500.0),
        "pool in metres"
    );
    assert_eq!(read.assumptions.len(), 1, "{:?}", read.assumptions);
    assert!(
        read.assumptions[0].starts_with("distances read in kilometres: read as miles, its run"),
        "{:?}",
        read.assumptions
    );
    assert!(
        read.assumptions[0].contains("3:13 /km"),
        "{:?}",
        read.assumptions
    );

    // 6.23 in 51:58: 8:20 /km as km, 5:11 /km as miles. Both are runs: the preference
    // decides, and the report says it was assumed.
    let read = read_path(&data("garmin-activities-mi.csv"), &miles).unwrap();
    assert!(close(
        read.activities[0].distance_m.unwrap(),
        6.23 * 1609.344,
        1e-6
    ));
    assert!(
        read.assumptions[0].starts_with("distances read in miles: the file does not say")
            && read.assumptions[0].ends_with("so the unit you chose is assumed"),
        "{:?}",
        read.assumptions
    );
    let read = read_path(&data("garmin-activities-mi.csv"), &opts()).unwrap();
    assert!(close(read.activities[0].distance_m.unwrap(), 6230.0, 1e-6));
    assert!(
        read.assumptions[0].ends_with("no unit was chosen, so kilometres are assumed"),
        "{:?}",
        read.assumptions
    );

    // 5.00 in 1:05:00: 13:00 /km as km is walking; as miles 8:05 /km, a run.
    let read = read_bytes(
        "Activities.csv",
        garmin_run("5.00", "1:05:00").as_bytes(),
        &km,
    )
    .unwrap();
    assert!(close(
        read.activities[0].distance_m.unwrap(),
        5.0 * 1609.344,
        1e-6
    ));
    assert!(
        read.assumptions[0].starts_with("distances read in miles: read as kilometres"),
        "{:?}",
        read.assumptions
    );
    assert!(
        read.assumptions[0].contains("13:00 /km"),
        "{:?}",
        read.assumptions
    );

    // A pace column that names its unit decides before anything else.
    let csv = garmin_run("10.00", "00:50:00").replace("Avg Pace", "Avg Pace (min/mi)");
    let read = read_bytes("Activities.csv", csv.as_bytes(), &km).unwrap();
    assert!(close(
        read.activities[0].distance_m.unwrap(),
        10.0 * 1609.344,
        1e-6
    ));
    assert_eq!(
        read.assumptions,
        ["distances read in miles: the \"Avg Pace (min/mi)\" column says so"]
    );
    // So do its cells.
    let csv = garmin_run("10.00", "00:50:00").replace("\"--\"", "\"5:00 min/km\"");
    let read = read_bytes("Activities.csv", csv.as_bytes(), &miles).unwrap();
    assert_eq!(read.activities[0].distance_m, Some(10_000.0));
    assert!(
        read.assumptions[0].contains("\"5:00 min/km\""),
        "{:?}",
        read.assumptions
    );

    // Nothing to say when no distance depends on it.
    let read = read_bytes(
        "Activities.csv",
        garmin_run("--", "00:50:00").as_bytes(),
        &km,
    )
    .unwrap();
    assert!(read.assumptions.is_empty(), "{:?}", read.assumptions);
}

// --- Sniffing, sizes, progress --------------------------------------------------------------

#[test]
fn format_is_sniffed_from_content_not_name() {
    assert_eq!(sniff("x.gpx", &bytes("easy-run.tcx")), Some(Format::Tcx));
    assert_eq!(sniff("x.txt", &bytes("Activity.fit")), Some(Format::Fit));
    assert_eq!(sniff("x", &bytes("wahoo_example.gpx")), Some(Format::Gpx));
    assert_eq!(
        sniff("x", &bytes("strava-activities.csv")),
        Some(Format::StravaCsv)
    );
    assert_eq!(
        sniff("x", &bytes("garmin-activities-km.csv")),
        Some(Format::GarminCsv)
    );
    // A renamed TCX still imports.
    let got = import_bytes("renamed.gpx", &bytes("easy-run.tcx"), &opts()).unwrap();
    assert_eq!(got[0].source, Source::Tcx);
    let err = import_bytes("notes.txt", b"hello", &opts()).unwrap_err();
    assert!(matches!(err, ImportError::UnknownFormat { .. }), "{err}");
    let err = import_bytes("empty.fit", b"", &opts()).unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err}");
}

#[test]
fn gzipped_files_from_a_strava_export_import() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&bytes("garmin-fenix-5-bike.fit")).unwrap();
    let packed = gz.finish().unwrap();
    let got = import_bytes("activities/123.fit.gz", &packed, &opts()).unwrap();
    assert_eq!(got, import("garmin-fenix-5-bike.fit"));
    let err = import_bytes("bad.fit.gz", &packed[..packed.len() / 2], &opts()).unwrap_err();
    assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.gpx");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: 65 MiB on paper, nothing on disk; refused from its size alone.
    file.set_len(65 * 1024 * 1024).unwrap();
    let err = import_path(&path, &opts()).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge.gpx"), "{err}");
    let err = import_path(&dir.path().join("missing.fit"), &opts()).unwrap_err();
    assert!(matches!(err, ImportError::Read { .. }), "{err}");
}

#[test]
fn import_paths_reports_progress_and_can_be_cancelled() {
    let paths: Vec<PathBuf> = [
        "Activity.fit",
        "easy-run.tcx",
        "Settings.fit",
        "wahoo_example.gpx",
    ]
    .iter()
    .map(|n| data(n))
    .collect();
    let mut calls = Vec::new();
    let batch = import_paths(&paths, &opts(), |done, total| {
        calls.push((done, total));
        ControlFlow::Continue(())
    });
    assert_eq!(calls, [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]);
    assert!(!batch.cancelled);
    assert_eq!(batch.files.len(), 4);
    assert!(batch.files[2].1.as_ref().unwrap_err().is_not_activity());

    let batch = import_paths(&paths, &opts(), |done, _| {
        if done == 2 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(batch.cancelled);
    assert_eq!(batch.files.len(), 2);
    let rest: Vec<String> = paths[2..].iter().map(|p| p.display().to_string()).collect();
    assert_eq!(batch.not_read, rest);

    // Stopping after the last file is not a cancel.
    let batch = import_paths(&paths, &opts(), |done, total| {
        if done == total {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(!batch.cancelled && batch.not_read.is_empty());
}

#[test]
fn machine_zone_is_the_default() {
    // Whatever this machine's zone, the default options agree with chrono::Local.
    let got = import_path(&data("wahoo_example.gpx"), &ImportOptions::default()).unwrap();
    let utc = NaiveDate::from_ymd_opt(2022, 4, 24)
        .unwrap()
        .and_hms_opt(20, 54, 33)
        .unwrap()
        .and_utc();
    assert_eq!(
        got[0].start,
        utc.with_timezone(&chrono::Local).naive_local()
    );
}
