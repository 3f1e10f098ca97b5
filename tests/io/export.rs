//! Calendar and CSV export, read back with independent parsers (the `icalendar` crate's
//! parser, the `csv` crate).

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::parser::{Component, read_calendar, unfold};
use peakline::app::{Document, Edit, Role};
use peakline::io::export::{
    IcsOptions, actuals_csv, plan_to_ics, plan_to_ics_replacing, session_title, session_uid,
    sessions_csv,
};
use peakline::io::import::{DistanceUnit, ImportOptions, apply_import, read_path};
use peakline::model::{Plan, Reason, ReasonPick, SessionId, SessionType};

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

/// [`events`], for a test whose own local `events` hides it.
fn events_of(ics: &str) -> Vec<(String, String, String, String, String)> {
    events(ics)
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
        let start = NaiveDate::parse_from_str(&e.1, "%Y%m%d").unwrap();
        let end = NaiveDate::parse_from_str(&e.2, "%Y%m%d").unwrap();
        assert_eq!(end, start + Days::new(1), "all-day: DTEND is the next day");
    }
    // At the end of a month DTEND is the first of the next.
    let mut month_end = plan.clone();
    if let Some(p) = month_end.plan.as_mut() {
        p.weeks[1].sessions[2].date = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
    }
    let last = events_of(&plan_to_ics(&month_end, &ics_opts("2027-03-01T08:00:00Z")))
        .pop()
        .unwrap();
    assert_eq!((last.1.as_str(), last.2.as_str()), ("20270331", "20270401"));
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

fn uids(ics: &str) -> Vec<String> {
    events(ics).into_iter().map(|e| e.0).collect()
}

#[test]
fn ics_uids_survive_renaming_the_athlete_and_moving_the_season() {
    let plan = sample_plan();
    // A file from before plans had ids: its UIDs are those earlier versions wrote, and
    // storing the id (the app does on the first save) keeps them.
    let first = plan_to_ics(&plan, &ics_opts("2027-03-01T08:00:00Z"));
    let mut stored_plan = plan.clone();
    stored_plan.ensure_id();
    let stored = stored_plan.id.clone().unwrap();
    assert_eq!(stored, plan.stable_id());
    assert_eq!(
        plan_to_ics(&stored_plan, &ics_opts("2027-03-01T08:00:00Z")),
        first,
        "same UIDs, same bytes"
    );
    let mut doc = Document::new(plan.clone(), None);
    let now = DateTime::from_timestamp(1_804_000_000, 0).unwrap();
    let mut saved = Document::new(plan.clone(), None);
    saved.stamp_for_save(now);
    assert_eq!(
        saved.plan().id.as_ref(),
        Some(&stored),
        "minted on the first save"
    );

    // The coach renames the athlete in the app: no UID changes.
    let mut athlete = doc.plan().athlete.clone();
    athlete.name = "Zoë de Vries".to_owned();
    let reason = Reason::new(Some(ReasonPick::CoachJudgement), "married");
    // Renamed before the plan was ever saved: the edit keeps the id the old name gave.
    assert_eq!(doc.plan().id, None);
    doc.apply(
        &Edit::SetAthlete(Box::new(athlete)),
        &reason,
        Role::Coach,
        now,
        crate::common::today(),
    )
    .unwrap();
    let mut renamed = doc.plan().clone();
    assert_eq!(renamed.athlete.name, "Zoë de Vries");
    assert_eq!(renamed.id.as_ref(), Some(&stored));
    renamed.season.start = renamed.season.start - Days::new(7);
    let second = plan_to_ics(&renamed, &ics_opts("2027-03-01T08:00:00Z"));
    assert_eq!(uids(&second), uids(&first));
    assert!(
        uids(&second)
            .iter()
            .all(|u| u.ends_with(&format!("-{stored}@peakline"))),
        "{:?}",
        uids(&second)
    );
    // The stored id is saved and read back.
    let text = peakline::io::serialize_plan(&renamed).unwrap();
    assert!(text.contains(&format!("id: Some(\"{stored}\")")), "{text}");
    let dir = crate::common::temp_dir();
    let path = dir.path().join("zoe.peakline.ron");
    peakline::io::save_plan(&renamed, &path).unwrap();
    let loaded = peakline::io::load_plan(&path).unwrap();
    assert_eq!(loaded.id, Some(stored));

    // Two exports of the same plan at the same time stamp are byte-identical.
    assert_eq!(
        second,
        plan_to_ics(&renamed, &ics_opts("2027-03-01T08:00:00Z"))
    );
    // A hand-edited id that could break a UID line is not used.
    let mut hostile = renamed.clone();
    hostile.id = Some("x\r\nBEGIN:VEVENT".to_owned());
    assert!(
        uids(&plan_to_ics(&hostile, &ics_opts("2027-03-01T08:00:00Z")))
            .iter()
            .all(|u| !u.contains('\r') && !u.contains("BEGIN"))
    );
}

#[test]
fn a_re_export_cancels_the_events_of_sessions_that_are_gone() {
    let mut plan = sample_plan();
    plan.ensure_id();
    let opts = ics_opts("2027-03-01T08:00:00Z");
    let first = plan_to_ics(&plan, &opts);
    // Nothing changed: replacing the first export gives the same bytes.
    assert_eq!(plan_to_ics_replacing(&plan, &opts, &first), first);

    // A re-plan drops Wednesday's easy run (session 6) and retypes Monday's cross-training
    // (session 5), which gives it a new id, as adoption does.
    let mut replanned = plan.clone();
    if let Some(p) = replanned.plan.as_mut() {
        p.weeks[1].sessions.retain(|s| s.id != SessionId(6));
        let monday = &mut p.weeks[1].sessions[0];
        monday.kind = SessionType::Easy;
        monday.id = SessionId(8);
        p.next_session_id = 9;
    }
    let later = ics_opts("2027-03-08T08:00:00Z");
    let second = plan_to_ics_replacing(&replanned, &later, &first);
    let unfolded = unfold(&second);
    let calendar = read_calendar(&unfolded).unwrap();
    let cancelled: Vec<(String, String, String, String)> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT" && prop(c, "STATUS") == "CANCELLED")
        .map(|e| {
            (
                prop(e, "UID"),
                prop(e, "DTSTART"),
                prop(e, "SUMMARY"),
                prop(e, "SEQUENCE"),
            )
        })
        .collect();
    let by_uid = |id: u64| {
        events(&first)
            .into_iter()
            .find(|e| e.0 == session_uid(&plan, SessionId(id)))
            .unwrap()
    };
    let (gone_easy, gone_cross) = (by_uid(6), by_uid(5));
    assert_eq!(
        cancelled,
        [
            (
                gone_cross.0.clone(),
                gone_cross.1.clone(),
                format!("Cancelled: {}", gone_cross.3),
                "1".to_owned()
            ),
            (
                gone_easy.0.clone(),
                gone_easy.1.clone(),
                format!("Cancelled: {}", gone_easy.3),
                "1".to_owned()
            ),
        ]
    );
    // The live events are the re-planned sessions, the new Monday among them.
    let live: Vec<String> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT" && prop(c, "STATUS") != "CANCELLED")
        .map(|e| prop(e, "UID"))
        .collect();
    assert_eq!(live.len(), 5);
    assert!(live.contains(&session_uid(&plan, SessionId(8))));

    // Exported again over that file: the cancellations stay, unchanged, and the file is
    // byte-identical.
    assert_eq!(plan_to_ics_replacing(&replanned, &later, &second), second);
    // Another plan's calendar, or a damaged file, cancels nothing.
    let mut other = sample_plan();
    other.athlete.name = "Someone Else".to_owned();
    let foreign = plan_to_ics(&other, &opts);
    assert_eq!(
        plan_to_ics_replacing(&replanned, &later, &foreign),
        plan_to_ics(&replanned, &later)
    );
    let damaged = plan_to_ics_replacing(&replanned, &later, &first[..first.len() / 2]);
    assert!(damaged.ends_with("END:VCALENDAR\r\n"));
    assert!(events(&damaged).len() >= 5);
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
