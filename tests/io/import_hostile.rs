//! Hostile input through the public API: every fixture truncated at many lengths and with a
//! few hundred deterministic bit flips, plus XML bombs. Each must give `Ok` or an error, never
//! a panic; a hang would show as a test that never ends.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use peakline::io::import::{ImportOptions, MAX_MESSAGE_CHARS, import_bytes, read_bytes};

use super::import::data;

const FIXTURES: [&str; 15] = [
    "Activity.fit",
    "garmin-fenix-5-bike.fit",
    "hrv-activity.fit",
    "sample_mulitple_header.fit",
    "Settings.fit",
    "WorkoutIndividualSteps.fit",
    "garmin-activity-first300.gpx",
    "caltopo-export.gpx",
    "wahoo_example.gpx",
    "ecology-trail-and-lovers-lane-loop.gpx",
    "easy-run.tcx",
    "strava-activities.csv",
    "garmin-activities-km.csv",
    "garmin-activities-mi.csv",
    "strava_route_example.gpx",
];

/// xorshift64*: a fixed, seeded sequence, so a failure reproduces exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Imports `bytes` and fails the test if that panics (whatever it returns is fine).
fn survives(name: &str, what: &str, bytes: &[u8]) {
    let opts = ImportOptions::fixed_offset_hours(1);
    let outcome = catch_unwind(AssertUnwindSafe(|| import_bytes(name, bytes, &opts)));
    match outcome {
        Ok(Ok(activities)) => {
            for a in activities {
                assert!(a.duration_s.is_finite() && (0.0..=172_800.0).contains(&a.duration_s));
            }
        }
        Ok(Err(e)) => assert!(
            e.to_string().contains(name),
            "{what}: message without file: {e}"
        ),
        Err(_) => panic!("{name}: {what}: the importer panicked"),
    }
}

/// Lengths to cut at: every length up to 64 bytes, then ~150 spread over the file.
fn cut_lengths(len: usize) -> Vec<usize> {
    let mut lengths: Vec<usize> = (0..len.min(64)).collect();
    let step = (len / 150).max(1);
    lengths.extend((64..len).step_by(step));
    lengths.extend([len.saturating_sub(2), len.saturating_sub(1)]);
    lengths
}

#[test]
fn truncated_fixtures_never_panic() {
    for name in FIXTURES {
        let bytes = std::fs::read(data(name)).unwrap();
        for cut in cut_lengths(bytes.len()) {
            survives(name, &format!("cut at {cut}"), &bytes[..cut]);
        }
    }
}

#[test]
fn bit_flipped_fixtures_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for name in FIXTURES {
        let bytes = std::fs::read(data(name)).unwrap();
        for round in 0..300 {
            let mut damaged = bytes.clone();
            // One to four flips per copy, anywhere (headers included).
            for _ in 0..=rng.below(4) {
                let i = rng.below(damaged.len());
                damaged[i] ^= 1 << rng.below(8);
            }
            survives(name, &format!("flip round {round}"), &damaged);
        }
    }
}

#[test]
fn xml_entity_bombs_are_not_expanded() {
    // "Billion laughs": ten levels of ten references.
    let mut dtd = String::from("<!DOCTYPE gpx [<!ENTITY a0 \"lol\">");
    for i in 1..10 {
        dtd.push_str(&format!(
            "<!ENTITY a{i} \"{}\">",
            format!("&a{};", i - 1).repeat(10)
        ));
    }
    dtd.push(']');
    dtd.push('>');
    let gpx = format!(
        "<?xml version=\"1.0\"?>{dtd}<gpx version=\"1.1\" creator=\"x\"><trk><name>&a9;</name><trkseg>\
         <trkpt lat=\"1\" lon=\"1\"><time>2027-01-01T10:00:00Z</time></trkpt>\
         <trkpt lat=\"1.01\" lon=\"1\"><time>2027-01-01T10:10:00Z</time></trkpt></trkseg></trk></gpx>"
    );
    let tcx = format!(
        "<?xml version=\"1.0\"?>{}<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">\
         <Id>2027-01-01T10:00:00Z</Id><Lap StartTime=\"2027-01-01T10:00:00Z\">\
         <TotalTimeSeconds>600</TotalTimeSeconds></Lap><Notes>&a9;</Notes></Activity></Activities>\
         </TrainingCenterDatabase>",
        dtd.replace("gpx", "TrainingCenterDatabase")
    );
    for (name, text) in [("bomb.gpx", gpx), ("bomb.tcx", tcx)] {
        let start = Instant::now();
        survives(name, "entity bomb", text.as_bytes());
        let opts = ImportOptions::fixed_offset_hours(0);
        if let Ok(activities) = import_bytes(name, text.as_bytes(), &opts) {
            for a in activities {
                let title = a.title.unwrap_or_default();
                assert!(title.len() <= 800, "{name}: an entity was expanded");
            }
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{name}: too slow");
    }
}

#[test]
fn deeply_nested_xml_is_refused_without_overflowing_the_stack() {
    let depth = 200_000;
    let gpx = format!(
        "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"x\"><extensions>{}{}</extensions></gpx>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let tcx = format!(
        "<TrainingCenterDatabase>{}{}</TrainingCenterDatabase>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    survives("deep.gpx", "deep nesting", gpx.as_bytes());
    survives("deep.tcx", "deep nesting", tcx.as_bytes());
}

#[test]
fn a_gpx_with_millions_of_points_is_refused_before_building_it() {
    let gpx = format!(
        "<gpx version=\"1.1\" creator=\"x\"><trk><trkseg>{}</trkseg></trk></gpx>",
        "<trkpt lat=\"1\" lon=\"1\"/>".repeat(500_001)
    );
    let opts = ImportOptions::fixed_offset_hours(0);
    let err = import_bytes("many.gpx", gpx.as_bytes(), &opts).unwrap_err();
    assert!(err.to_string().contains("500k points"), "{err}");
}

/// Escape sequences that clear the screen and retitle the terminal, plus a bidi override.
const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\r\u{202e}";

fn is_printable(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
}

#[test]
fn control_characters_in_a_file_never_reach_a_message() {
    let opts = ImportOptions::fixed_offset_hours(1);
    let long_tag = "x".repeat(5000);
    let cases = [
        (
            "esc.tcx",
            format!(
                "<TrainingCenterDatabase><Activities><Act{HOSTILE}ivity></Activities>\
                 </TrainingCenterDatabase>"
            ),
        ),
        (
            "esc.gpx",
            format!("<gpx version=\"1.1\"><trk><na{HOSTILE}me></trk></gpx>"),
        ),
        (
            "long.tcx",
            format!("<TrainingCenterDatabase><{long_tag}></Activities></TrainingCenterDatabase>"),
        ),
        (
            "esc.csv",
            format!(
                "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n\
                 1,\"{HOSTILE}\",Run,Run,1800\n"
            ),
        ),
        (format!("evil{HOSTILE}.fit").leak(), String::new()),
    ];
    for (name, text) in &cases {
        let err = read_bytes(name, text.as_bytes(), &opts).unwrap_err();
        for message in [err.to_string(), err.detail(), err.file().to_owned()] {
            assert!(is_printable(&message), "{name}: {message:?}");
            assert!(
                message.chars().count() < MAX_MESSAGE_CHARS + 60,
                "{name}: {} chars",
                message.chars().count()
            );
        }
    }

    // A bad row of an otherwise good export: its warning is printable too, and so is the
    // title (Strava's activity name) that goes into the plan.
    let csv = format!(
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n\
         1,\"{HOSTILE}\",Run,Run,1800\n\
         2,\"Mar 14, 2027, 6:30:00 AM\",\"Morning{HOSTILE}Run\",Run,1800\n"
    );
    let read = read_bytes("esc.csv", csv.as_bytes(), &opts).unwrap();
    assert_eq!(read.row_warnings.len(), 1);
    assert!(
        is_printable(&read.row_warnings[0]),
        "{:?}",
        read.row_warnings
    );
    let title = read.activities[0].title.as_deref().unwrap();
    assert!(is_printable(title), "{title:?}");
    assert!(
        title.starts_with("Morning") && title.ends_with("Run"),
        "{title:?}"
    );
}
