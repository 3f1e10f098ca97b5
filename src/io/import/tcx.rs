//! TCX (Garmin Training Center Database v2) activities, read with a streaming `quick-xml`
//! reader: memory stays flat however large the file, and nesting is capped.
//!
//! One activity per `Activity` element (also inside a `MultiSportSession`):
//! - start: the activity's `Id` (its start time by the schema), else the first lap's
//!   `StartTime`, else the first trackpoint;
//! - moving time: the sum of the laps' `TotalTimeSeconds` (the device's timer time);
//! - duration: last trackpoint − start when there are trackpoints, never less than the
//!   timer time; without trackpoints, the timer time;
//! - distance: the sum of the laps' `DistanceMeters`, else the last trackpoint's distance;
//! - heart rate: lap averages weighted by lap time, and the highest lap maximum; trackpoint
//!   samples when the laps carry none;
//! - title: the activity's `Notes`, when present (TCX has no name field).
//!
//! A database with only `Courses` or `Workouts` is "not an activity".

use chrono::{DateTime, Utc};
use quick_xml::events::{BytesStart, Event};

use super::{
    Activity, ImportError, ImportOptions, checked, hr_stats, parse_xml_time, sport_from_name,
};
use crate::io::line_col_at;
use crate::model::{Source, Sport};

/// TCX nests about 8 deep; far deeper is not a TCX file.
const MAX_DEPTH: usize = 64;
/// Longest text we keep from one element (notes are cut to a title anyway).
const MAX_TEXT_BYTES: usize = 64 * 1024;

pub(super) fn read(
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Vec<Activity>, ImportError> {
    let parsed = parse(file, bytes)?;
    let mut activities = Vec::new();
    for (i, a) in parsed.activities.into_iter().enumerate() {
        let what = format!("activity {}", i + 1);
        let Some(start) =
            a.id.or_else(|| a.laps.iter().find_map(|l| l.start))
                .or(a.first_point)
        else {
            continue;
        };
        let timer_s: f64 = a.laps.iter().filter_map(|l| l.time_s).sum();
        let has_timer = a.laps.iter().any(|l| l.time_s.is_some());
        let elapsed_s = a
            .last_point
            .filter(|last| *last > start)
            .map(|last| (last - start).num_milliseconds() as f64 / 1000.0);
        let duration_s = match (elapsed_s, has_timer) {
            (Some(e), true) => e.max(timer_s),
            (Some(e), false) => e,
            (None, true) => timer_s,
            (None, false) => continue,
        };
        let distance_m = if a.laps.iter().any(|l| l.distance_m.is_some()) {
            Some(a.laps.iter().filter_map(|l| l.distance_m).sum())
        } else {
            a.point_distance_max_m
        };
        let (lap_avg, lap_max) = lap_heart_rate(&a.laps);
        let (point_avg, point_max) = hr_stats(a.point_hr.iter().copied());
        activities.push(checked(
            Activity {
                start: opts.local_from_utc(start),
                sport: a.sport,
                duration_s,
                moving_s: has_timer.then_some(timer_s),
                distance_m,
                avg_hr: lap_avg.or(point_avg),
                max_hr: lap_max.or(point_max),
                title: a.notes,
                source: Source::Tcx,
            },
            file,
            &what,
        )?);
    }
    if activities.is_empty() {
        let what = if parsed.has_courses {
            "a TCX course (a route to follow), not a recorded activity"
        } else if parsed.has_workouts {
            "a planned TCX workout, not a recorded activity"
        } else {
            "a TCX file without any recorded activity"
        };
        return Err(ImportError::NotActivity {
            file: file.to_owned(),
            what: what.to_owned(),
        });
    }
    Ok(activities)
}

/// Time-weighted mean of the laps' average heart rates, and the highest lap maximum.
fn lap_heart_rate(laps: &[Lap]) -> (Option<f64>, Option<f64>) {
    let (mut sum, mut weight) = (0.0, 0.0);
    for lap in laps {
        if let (Some(hr), Some(t)) = (lap.avg_hr, lap.time_s)
            && t > 0.0
            && super::HR_RANGE.contains(&hr)
        {
            sum += hr * t;
            weight += t;
        }
    }
    let avg = (weight > 0.0).then(|| sum / weight);
    let max = laps
        .iter()
        .filter_map(|l| l.max_hr)
        .filter(|h| super::HR_RANGE.contains(h))
        .fold(None, |m: Option<f64>, h| Some(m.map_or(h, |m| m.max(h))));
    (avg, max)
}

#[derive(Default)]
struct Parsed {
    activities: Vec<TcxActivity>,
    has_courses: bool,
    has_workouts: bool,
}

struct TcxActivity {
    sport: Sport,
    id: Option<DateTime<Utc>>,
    notes: Option<String>,
    laps: Vec<Lap>,
    first_point: Option<DateTime<Utc>>,
    last_point: Option<DateTime<Utc>>,
    point_hr: Vec<f64>,
    point_distance_max_m: Option<f64>,
}

#[derive(Default)]
struct Lap {
    start: Option<DateTime<Utc>>,
    time_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
}

fn parse(file: &str, bytes: &[u8]) -> Result<Parsed, ImportError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut text = String::new();
    let mut parsed = Parsed::default();
    let mut current: Option<TcxActivity> = None;
    let mut saw_root = false;

    loop {
        let event = reader.read_event().map_err(|e| {
            let (line, col) = line_col_at(bytes, reader.error_position() as usize);
            ImportError::Syntax {
                file: file.to_owned(),
                line,
                col,
                message: format!("this TCX file is not well-formed XML ({e})"),
            }
        })?;
        match event {
            Event::Start(e) => {
                if path.len() >= MAX_DEPTH {
                    let (line, col) = line_col_at(bytes, reader.buffer_position() as usize);
                    return Err(ImportError::Syntax {
                        file: file.to_owned(),
                        line,
                        col,
                        message: "the XML is nested far too deeply to be a TCX file".to_owned(),
                    });
                }
                let name = e.local_name().as_ref().to_vec();
                if path.is_empty() {
                    if name != b"TrainingCenterDatabase" {
                        return Err(ImportError::Invalid {
                            file: file.to_owned(),
                            message: "this XML file is not a TCX file (its root element is \
                                      not TrainingCenterDatabase)"
                                .to_owned(),
                        });
                    }
                    saw_root = true;
                }
                open(&name, &e, &mut current, &mut parsed);
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_vec();
                open(&name, &e, &mut current, &mut parsed);
                if name == b"Activity" {
                    parsed.activities.extend(current.take());
                }
            }
            Event::Text(t) => push_text(&mut text, &String::from_utf8_lossy(&t)),
            Event::CData(t) => push_text(&mut text, &String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    std::str::from_utf8(&r)
                        .ok()
                        .and_then(quick_xml::escape::resolve_predefined_entity)
                        .map(str::to_owned)
                };
                // Unknown entities are dropped, never expanded: no entity bombs.
                if let Some(s) = resolved {
                    push_text(&mut text, &s);
                }
            }
            Event::End(_) => {
                if let Some(a) = current.as_mut() {
                    close(&path, &text, a);
                }
                if path.last().is_some_and(|n| n == b"Activity") {
                    parsed.activities.extend(current.take());
                }
                path.pop();
                text.clear();
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !saw_root {
        return Err(ImportError::Invalid {
            file: file.to_owned(),
            message: "this XML file is not a TCX file (no TrainingCenterDatabase element)"
                .to_owned(),
        });
    }
    if !path.is_empty() {
        return Err(ImportError::Damaged {
            file: file.to_owned(),
            format: "TCX",
            detail: "it ends before its last elements are closed".to_owned(),
        });
    }
    Ok(parsed)
}

fn push_text(text: &mut String, s: &str) {
    if text.len() + s.len() <= MAX_TEXT_BYTES {
        text.push_str(s);
    }
}

/// An element starts: new activities and laps, and their attributes.
fn open(name: &[u8], e: &BytesStart<'_>, current: &mut Option<TcxActivity>, parsed: &mut Parsed) {
    match name {
        b"Activity" => {
            let sport = attribute(e, b"Sport").map_or(Sport::Other, |s| sport_from_name(&s));
            *current = Some(TcxActivity {
                sport,
                id: None,
                notes: None,
                laps: Vec::new(),
                first_point: None,
                last_point: None,
                point_hr: Vec::new(),
                point_distance_max_m: None,
            });
        }
        b"Lap" => {
            if let Some(a) = current.as_mut() {
                a.laps.push(Lap {
                    start: attribute(e, b"StartTime").and_then(|s| parse_xml_time(&s)),
                    ..Lap::default()
                });
            }
        }
        b"Courses" => parsed.has_courses = true,
        b"Workouts" => parsed.has_workouts = true,
        _ => {}
    }
}

/// An element inside an activity ends with `text`: store what it says.
fn close(path: &[Vec<u8>], text: &str, a: &mut TcxActivity) {
    let n = path.len();
    let parent = |k: usize| path.get(n.wrapping_sub(k)).map(Vec::as_slice);
    let number = || text.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    match (parent(3), parent(2), parent(1)) {
        (_, Some(b"Activity"), Some(b"Id")) => a.id = parse_xml_time(text),
        (_, Some(b"Activity"), Some(b"Notes")) => {
            a.notes = Some(text.lines().next().unwrap_or_default().trim().to_owned())
                .filter(|s| !s.is_empty());
        }
        (_, Some(b"Lap"), Some(b"TotalTimeSeconds")) => {
            if let Some(lap) = a.laps.last_mut() {
                lap.time_s = number();
            }
        }
        (_, Some(b"Lap"), Some(b"DistanceMeters")) => {
            if let Some(lap) = a.laps.last_mut() {
                lap.distance_m = number();
            }
        }
        (Some(b"Lap"), Some(b"AverageHeartRateBpm"), Some(b"Value")) => {
            if let Some(lap) = a.laps.last_mut() {
                lap.avg_hr = number();
            }
        }
        (Some(b"Lap"), Some(b"MaximumHeartRateBpm"), Some(b"Value")) => {
            if let Some(lap) = a.laps.last_mut() {
                lap.max_hr = number();
            }
        }
        (_, Some(b"Trackpoint"), Some(b"Time")) => {
            if let Some(t) = parse_xml_time(text) {
                a.first_point = Some(a.first_point.map_or(t, |f| f.min(t)));
                a.last_point = Some(a.last_point.map_or(t, |l| l.max(t)));
            }
        }
        (_, Some(b"Trackpoint"), Some(b"DistanceMeters")) => {
            if let Some(d) = number() {
                a.point_distance_max_m = Some(a.point_distance_max_m.map_or(d, |m| m.max(d)));
            }
        }
        (Some(b"Trackpoint"), Some(b"HeartRateBpm"), Some(b"Value")) => {
            if let Some(hr) = number() {
                a.point_hr.push(hr);
            }
        }
        _ => {}
    }
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}
