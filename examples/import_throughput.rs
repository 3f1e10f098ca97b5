//! Import throughput over the test fixtures and over larger generated files.
//!
//! `cargo run --release --example import_throughput` — prints files/s and MB/s per format.
//! A timed loop rather than a criterion bench: the figures are for the README and the import
//! dialog's expectations, not for regression tracking.

use std::path::Path;
use std::time::{Duration, Instant};

use peakline::io::import::{ImportOptions, import_bytes};

fn main() {
    let opts = ImportOptions::fixed_offset_hours(0);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut fixtures: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x != "md"))
        .filter_map(|p| {
            Some((
                p.file_name()?.to_string_lossy().into_owned(),
                std::fs::read(&p).ok()?,
            ))
        })
        .collect();
    fixtures.sort();

    println!(
        "fixtures ({} files, {:.1} KiB):",
        fixtures.len(),
        total_kib(&fixtures)
    );
    let all = measure(&fixtures, &opts);
    report("all fixtures", &all);
    for ext in ["fit", "gpx", "tcx", "csv"] {
        let subset: Vec<(String, Vec<u8>)> = fixtures
            .iter()
            .filter(|(n, _)| n.ends_with(ext))
            .cloned()
            .collect();
        report(&format!("  .{ext}"), &measure(&subset, &opts));
    }

    println!("generated large files:");
    let large = vec![
        ("big.gpx".to_owned(), big_gpx(36_000)),
        ("big.tcx".to_owned(), big_tcx(36_000)),
        ("activities.csv".to_owned(), big_strava_csv(10_000)),
    ];
    for (name, bytes) in &large {
        report(
            &format!("  {name} ({:.1} MiB)", bytes.len() as f64 / 1_048_576.0),
            &measure(&[(name.clone(), bytes.clone())], &opts),
        );
    }
}

struct Figures {
    files: usize,
    bytes: usize,
    elapsed: Duration,
}

/// Repeats the set until at least a second has passed.
fn measure(files: &[(String, Vec<u8>)], opts: &ImportOptions) -> Figures {
    let start = Instant::now();
    let (mut n, mut bytes) = (0, 0);
    while start.elapsed() < Duration::from_secs(1) {
        for (name, data) in files {
            let _ = std::hint::black_box(import_bytes(name, data, opts));
            n += 1;
            bytes += data.len();
        }
    }
    Figures {
        files: n,
        bytes,
        elapsed: start.elapsed(),
    }
}

fn report(label: &str, f: &Figures) {
    let s = f.elapsed.as_secs_f64();
    println!(
        "{label:<32} {:>10.0} files/s {:>8.1} MB/s",
        f.files as f64 / s,
        f.bytes as f64 / 1e6 / s
    );
}

fn total_kib(files: &[(String, Vec<u8>)]) -> f64 {
    files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1024.0
}

/// A 10-hour track at 1 Hz with heart rate, as Garmin Connect writes it.
fn big_gpx(points: usize) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"bench\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:ns3=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\"><trk><name>Long</name><type>running</type><trkseg>\n",
    );
    for i in 0..points {
        s.push_str(&format!(
            "<trkpt lat=\"{:.7}\" lon=\"4.8900000\"><ele>2.0</ele><time>2027-03-14T{:02}:{:02}:{:02}Z</time><extensions><ns3:TrackPointExtension><ns3:hr>{}</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>\n",
            52.0 + i as f64 * 3e-5, 6 + i / 3600, (i / 60) % 60, i % 60, 120 + i % 40
        ));
    }
    s.push_str("</trkseg></trk></gpx>\n");
    s.into_bytes()
}

fn big_tcx(points: usize) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Running\"><Id>2027-03-14T06:00:00Z</Id><Lap StartTime=\"2027-03-14T06:00:00Z\"><TotalTimeSeconds>36000</TotalTimeSeconds><DistanceMeters>100000</DistanceMeters><Track>\n",
    );
    for i in 0..points {
        s.push_str(&format!(
            "<Trackpoint><Time>2027-03-14T{:02}:{:02}:{:02}Z</Time><Position><LatitudeDegrees>{:.7}</LatitudeDegrees><LongitudeDegrees>4.89</LongitudeDegrees></Position><DistanceMeters>{}</DistanceMeters><HeartRateBpm><Value>{}</Value></HeartRateBpm></Trackpoint>\n",
            6 + i / 3600, (i / 60) % 60, i % 60, 52.0 + i as f64 * 3e-5, i * 3, 120 + i % 40
        ));
    }
    s.push_str("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n");
    s.into_bytes()
}

fn big_strava_csv(rows: usize) -> Vec<u8> {
    let mut s = String::from(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed\n",
    );
    for i in 0..rows {
        s.push_str(&format!(
            "{i},\"Mar {}, 2027, 6:30:00 AM\",Morning Run,Run,\"easy, relaxed\",2715,8.52,171,,false,,,,,,2715.0,2650.0,8523.7,4.1,3.2\n",
            1 + i % 28
        ));
    }
    s.into_bytes()
}
