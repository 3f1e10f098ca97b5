//! Calendar and CSV export, read back with independent parsers (the `icalendar` crate's
//! parser, the `csv` crate).

use chrono::{DateTime, Utc};
use icalendar::parser::{Component, read_calendar, unfold};
use peakline::io::export::{
    IcsOptions, actuals_csv, plan_to_ics, session_title, session_uid, sessions_csv,
};
use peakline::io::import::{DistanceUnit, ImportOptions, apply_import, read_path};
use peakline::model::{Plan, SessionId};

use super::import::data;
use super::sample_plan::sample_plan;

fn ics_opts(stamp: &str) -> IcsOptions {
    IcsOptions {
        stamp: DateTime::parse_from_rfc3339(stamp)
            .unwrap()
            .with_timezone(&Utc),
        unit: DistanceUnit::Km,
    }
}

fn prop(event: &Component<'_>, name: &str) -> String {
    event
        .find_prop(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .val
        .clone()
        .unescape_text()
        .as_str()
        .to_owned()
}

fn events(ics: &str) -> Vec<(String, String, String, String, String)> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).unwrap();
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| {
            (
                prop(e, "UID"),
                prop(e, "DTSTART"),
                prop(e, "DTEND"),
                prop(e, "SUMMARY"),
                prop(e, "DESCRIPTION"),
            )
        })
        .collect()
}

#[test]
fn ics_has_one_all_day_event_per_session_except_rest() {
    let plan = sample_plan();
    let ics = plan_to_ics(&plan, &ics_opts("2027-03-01T08:00:00Z"));
    let events = events(&ics);
    // Seven sessions, one of them Rest.
    assert_eq!(events.len(), 6);
    let dates: Vec<&str> = events.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        dates,
        [
            "20270311", "20270314", "20270314", "20270315", "20270316", "20270317"
        ]
    );
    for e in &events {
        let start: u32 = e.1.parse().unwrap();
        let end: u32 = e.2.parse().unwrap();
        assert_eq!(end, start + 1, "all-day: DTEND is the next day");
    }
    let (_, _, _, summary, description) = &events[0];
    assert_eq!(summary, "Threshold 50 min");
    // TEXT escaping round-trips (commas, semicolons, newlines).
    assert!(
        description.starts_with("3 × 10 min at threshold; 2 min jog, between\n"),
        "{description}"
    );
    assert!(description.contains("pace 4:10–4:20 /km"), "{description}");
    assert!(description.contains("RPE 7/10"), "{description}");
    assert!(description.contains("HR zone 4"), "{description}");
    assert!(
        description.contains("Coach: Relaxed; don't race it. Really."),
        "{description}"
    );
    assert_eq!(events[1].3, "Long run 90 min · 16 km");
    assert!(ics.contains("DTSTART;VALUE=DATE:20270311\r\n"));
}

#[test]
fn ics_uids_are_stable_and_distinct() {
    let plan = sample_plan();
    let first = events(&plan_to_ics(&plan, &ics_opts("2027-03-01T08:00:00Z")));
    // Re-exported a week later after an edit: same UIDs, so calendars update in place.
    let mut edited = plan.clone();
    if let Some(p) = edited.plan.as_mut() {
        p.weeks[0].sessions[1].duration_min = 60.0;
    }
    let second = events(&plan_to_ics(&edited, &ics_opts("2027-03-08T08:00:00Z")));
    let uids = |e: &[(String, String, String, String, String)]| {
        e.iter().map(|x| x.0.clone()).collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(second[0].3, "Threshold 60 min");
    let mut distinct = uids(&first);
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), first.len(), "one UID per session");

    let uid = session_uid(&plan, SessionId(4));
    assert!(uid.starts_with("session-4-zo-van-dijk-"), "{uid}");
    assert!(uid.ends_with("-20270308@peakline"), "{uid}");
    // "Zoë" and "Zoé" differ only in an accent: their UIDs still differ.
    let mut other = plan.clone();
    other.athlete.name = "Zoé van Dijk".to_owned();
    assert_ne!(uid, session_uid(&other, SessionId(4)));
    // Plain ASCII names keep the readable form of the brief.
    let mut plain = plan.clone();
    plain.athlete.name = "Jane Doe".to_owned();
    assert_eq!(
        session_uid(&plain, SessionId(4)),
        "session-4-jane-doe-20270308@peakline"
    );
}

#[test]
fn ics_lines_are_folded_at_75_octets_with_crlf() {
    let mut plan = sample_plan();
    if let Some(p) = plan.plan.as_mut() {
        p.weeks[0].sessions[1].description = "Ünïcödé ".repeat(40);
    }
    let ics = plan_to_ics(&plan, &ics_opts("2027-03-01T08:00:00Z"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // Folding never splits a character, and unfolding restores the text.
    let events = events(&ics);
    assert!(
        events[0]
            .4
            .starts_with(&"Ünïcödé ".repeat(40).trim_end().to_owned())
    );
}

#[test]
fn ics_of_a_plan_without_adopted_variant_is_valid_and_empty() {
    let ics = plan_to_ics(&Plan::default(), &ics_opts("2027-03-01T08:00:00Z"));
    assert!(read_calendar(&unfold(&ics)).is_ok());
    assert!(events(&ics).is_empty());
}

#[test]
fn titles_follow_the_unit() {
    let plan = sample_plan();
    let long = plan.session(SessionId(1)).unwrap();
    assert_eq!(
        session_title(long, DistanceUnit::Km),
        "Long run 90 min · 16 km"
    );
    assert_eq!(
        session_title(long, DistanceUnit::Mi),
        "Long run 90 min · 9.9 mi"
    );
}

#[test]
fn sessions_csv_reads_back() {
    let plan = sample_plan();
    let text = sessions_csv(&plan);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "session_id",
            "date",
            "week_start",
            "phase",
            "type",
            "duration_min",
            "distance_km",
            "rpe",
            "load_au",
            "pace_min_per_km",
            "hr_zone",
            "description",
            "rationale",
            "coach_notes",
            "status"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7, "every session, Rest included");
    let threshold = rows.iter().find(|r| &r[0] == "4").unwrap();
    assert_eq!(&threshold[1], "2027-03-11");
    assert_eq!(&threshold[2], "2027-03-08");
    assert_eq!(&threshold[3], "build");
    assert_eq!(&threshold[4], "threshold");
    assert_eq!(&threshold[5], "50");
    assert_eq!(&threshold[7], "7");
    assert_eq!(&threshold[8], "350");
    assert_eq!(&threshold[9], "4:10-4:20");
    assert_eq!(
        &threshold[11],
        "3 × 10 min at threshold; 2 min jog, between"
    );
    assert_eq!(&threshold[14], "approved");
    let long = rows.iter().find(|r| &r[0] == "1").unwrap();
    assert_eq!(&long[6], "16");
    // A description starting with "=" is kept as text, not run as a formula.
    assert_eq!(&long[11], "'=Easy long run, conversational");
    assert_eq!(&rows.iter().find(|r| &r[0] == "6").unwrap()[14], "draft");
}

#[test]
fn actuals_csv_reads_back() {
    let mut plan = sample_plan();
    let opts = ImportOptions::fixed_offset_hours(1);
    let files = ["easy-run.tcx", "garmin-activities-km.csv"]
        .iter()
        .map(|n| (n.to_string(), read_path(&data(n), &opts)))
        .collect();
    apply_import(&mut plan, files);
    plan.actuals[0].rpe = Some(4.0);

    let text = actuals_csv(&plan);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        &header[..11],
        [
            "actual_id",
            "date",
            "start",
            "sport",
            "type",
            "duration_s",
            "moving_s",
            "distance_m",
            "avg_hr",
            "max_hr",
            "rpe"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    // Date order: Garmin's 07:30 run comes before the TCX run at 08:30 the same day.
    assert_eq!(&rows[0][2], "2027-03-14T07:30:12");
    let tcx = &rows[1];
    assert_eq!(&tcx[0], "1");
    assert_eq!(&tcx[1], "2027-03-14");
    assert_eq!(&tcx[2], "2027-03-14T08:30:00");
    assert_eq!(&tcx[3], "run");
    assert_eq!(&tcx[5], "1620");
    assert_eq!(&tcx[6], "1500");
    assert_eq!(&tcx[7], "4500.5");
    assert_eq!(&tcx[8], "146");
    assert_eq!(&tcx[9], "163");
    assert_eq!(&tcx[10], "4");
    assert_eq!(&tcx[11], "108", "load = RPE 4 × 27 min");
    assert_eq!(&tcx[12], "tcx");
    assert_eq!(&tcx[13], "1", "matched to the long run");
    let swim = rows.iter().find(|r| &r[3] == "swim").unwrap();
    assert_eq!(&swim[4], "cross_training");
    assert_eq!(&swim[13], "5");
}
