//! GPX tracks, read with the `gpx` crate; heart rate from Garmin's `TrackPointExtension`.
//!
//! One activity per track with at least two timed points. GPX has no summary, so everything
//! is computed from the points:
//! - duration: last point time − first point time (pauses included);
//! - distance: great-circle (haversine) distance between consecutive points of a segment;
//!   the gap between two segments (a paused recording) adds none;
//! - moving time: the intervals within a segment covered at ≥ [`MOVING_SPEED_M_PER_S`];
//! - heart rate: mean and maximum of the `hr` samples of the track's points (the `gpx` crate
//!   skips extensions, so a second, streaming pass with `quick-xml` reads them).
//!
//! The sport comes from the track's `type` ("running", "cycling"), else from its name
//! ("Morning Run"), else it is [`Sport::Other`]: a guess from speed would be wrong too often.

use chrono::{DateTime, Utc};
use quick_xml::events::Event;

use super::{Activity, ImportError, ImportOptions, checked, contains, hr_stats, sport_from_name};
use crate::io::line_col_at;
use crate::model::{Source, Sport};

/// Slower than this (1.8 km/h) an interval counts as standing still.
pub const MOVING_SPEED_M_PER_S: f64 = 0.5;
/// GPX nests about 8 deep (with extensions); far deeper is an attack or not GPX.
const MAX_DEPTH: usize = 100;
/// More points than this are refused before the `gpx` crate builds them in memory (about
/// 350 bytes each there). A 48-hour activity recorded every second has 172 800.
const MAX_POINTS: usize = 500_000;
/// Mean Earth radius (IUGG), for haversine distances.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

pub(super) fn read(
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    // The fast streaming pass first: it refuses deep nesting, on which the `gpx` crate's
    // XML reader (xml-rs) takes time quadratic in the depth, and reads the heart rates.
    let heart_rates = prescan(file, bytes)?;
    let doc = ::gpx::read(bytes).map_err(|e| ImportError::Damaged {
        file: file.to_owned(),
        format: "GPX",
        detail: e.to_string(),
    })?;
    let doc_name = doc.metadata.as_ref().and_then(|m| m.name.clone());

    let mut activities = Vec::new();
    for (i, track) in doc.tracks.iter().enumerate() {
        let Some(stats) = TrackStats::of(track) else {
            continue;
        };
        let title = track.name.clone().or_else(|| doc_name.clone());
        let sport = [track.type_.as_deref(), title.as_deref()]
            .into_iter()
            .flatten()
            .map(sport_from_name)
            .find(|s| *s != Sport::Other)
            .unwrap_or(Sport::Other);
        let (avg_hr, max_hr) = hr_stats(heart_rates.get(i).into_iter().flatten().copied());
        activities.push(checked(
            Activity {
                start: opts.local_from_utc(stats.first),
                sport,
                duration_s: (stats.last - stats.first).num_milliseconds() as f64 / 1000.0,
                moving_s: Some(stats.moving_s),
                distance_m: Some(stats.distance_m),
                avg_hr,
                max_hr,
                title,
                source: Source::Gpx,
            },
            file,
            &format!("track {}", i + 1),
        )?);
    }
    if activities.is_empty() {
        let what = if doc
            .tracks
            .iter()
            .any(|t| t.segments.iter().any(|s| !s.points.is_empty()))
        {
            "a track without times: a planned route, not a recorded activity"
        } else if !doc.routes.is_empty() {
            "a GPX route (a path to follow), not a recorded activity"
        } else if !doc.waypoints.is_empty() {
            "GPX waypoints only, not a recorded activity"
        } else {
            "an empty GPX file"
        };
        return Err(ImportError::NotActivity {
            file: file.to_owned(),
            what: what.to_owned(),
        });
    }
    Ok(activities)
}

struct TrackStats {
    first: DateTime<Utc>,
    last: DateTime<Utc>,
    distance_m: f64,
    moving_s: f64,
}

impl TrackStats {
    /// `None` unless the track has two timed points.
    fn of(track: &::gpx::Track) -> Option<Self> {
        let mut first: Option<DateTime<Utc>> = None;
        let mut last: Option<DateTime<Utc>> = None;
        let (mut distance_m, mut moving_s, mut timed) = (0.0, 0.0, 0_usize);
        for segment in &track.segments {
            let mut previous: Option<(DateTime<Utc>, f64, f64)> = None;
            for point in &segment.points {
                let Some(t) = point.time.and_then(utc) else {
                    continue;
                };
                let p = point.point();
                let (lat, lon) = (p.y(), p.x());
                if !(lat.is_finite() && lon.is_finite()) {
                    continue;
                }
                timed += 1;
                first = Some(first.map_or(t, |f| f.min(t)));
                last = Some(last.map_or(t, |l| l.max(t)));
                if let Some((t0, lat0, lon0)) = previous {
                    let d = haversine_m(lat0, lon0, lat, lon);
                    distance_m += d;
                    let dt = (t - t0).num_milliseconds() as f64 / 1000.0;
                    if dt > 0.0 && d / dt >= MOVING_SPEED_M_PER_S {
                        moving_s += dt;
                    }
                }
                previous = Some((t, lat, lon));
            }
        }
        let (first, last) = (first?, last?);
        (timed >= 2 && last > first).then_some(Self {
            first,
            last,
            distance_m,
            moving_s,
        })
    }
}

/// Great-circle distance in metres between two points given in degrees.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

fn utc(t: ::gpx::Time) -> Option<DateTime<Utc>> {
    let t = time::OffsetDateTime::from(t);
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond())
}

/// Heart-rate samples (`<gpxtpx:hr>` and the like) per track, in document order, read in a
/// streaming pass that also refuses badly formed XML and nesting deeper than [`MAX_DEPTH`],
/// and more than [`MAX_POINTS`] points, so the `gpx` crate only ever sees documents this pass
/// accepted.
fn prescan(file: &str, bytes: &[u8]) -> Result<Vec<Vec<f64>>, ImportError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut tracks: Vec<Vec<f64>> = Vec::new();
    let wants_hr = contains(bytes, b"hr>");
    let (mut depth, mut in_hr, mut points) = (0_usize, false, 0_usize);
    loop {
        if points > MAX_POINTS {
            return Err(ImportError::Invalid {
                file: file.to_owned(),
                message: format!(
                    "the GPX file has more than {}k points; a 48-hour activity recorded \
                     every second has 173k",
                    MAX_POINTS / 1000
                ),
            });
        }
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, col) = line_col_at(bytes, reader.buffer_position() as usize);
                    return Err(ImportError::Syntax {
                        file: file.to_owned(),
                        line,
                        col,
                        message: "the XML is nested far too deeply to be a GPX file".to_owned(),
                    });
                }
                match e.local_name().as_ref() {
                    b"trk" => tracks.push(Vec::new()),
                    b"hr" => in_hr = wants_hr,
                    name => points += usize::from(is_point(name)),
                }
            }
            Ok(Event::Empty(e)) => points += usize::from(is_point(e.local_name().as_ref())),
            Ok(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                in_hr = false;
            }
            Ok(Event::Text(t)) if in_hr => {
                let value = std::str::from_utf8(&t)
                    .ok()
                    .and_then(|s| s.trim().parse().ok());
                if let (Some(hr), Some(track)) = (value, tracks.last_mut()) {
                    track.push(hr);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let (line, col) = line_col_at(bytes, reader.error_position() as usize);
                return Err(ImportError::Syntax {
                    file: file.to_owned(),
                    line,
                    col,
                    message: format!("this GPX file is not well-formed XML ({e})"),
                });
            }
            Ok(_) => {}
        }
    }
    Ok(tracks)
}

fn is_point(name: &[u8]) -> bool {
    matches!(name, b"trkpt" | b"rtept" | b"wpt")
}
