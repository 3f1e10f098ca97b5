//! `apply_import`: duplicates, matching to the planned session of the day, cross-training,
//! ids and the report.

use chrono::NaiveDateTime;
use peakline::io::import::{
    Activity, ImportError, ImportOptions, Outcome, apply_import, import_bytes, import_path,
};
use peakline::model::{Actual, ActualId, Plan, SessionId, SessionType, Source, Sport, validate};

use super::import::data;
use super::sample_plan::{day, sample_plan};

type Files = Vec<(String, Result<Vec<Activity>, ImportError>)>;

fn read(names: &[&str]) -> Files {
    let opts = ImportOptions::fixed_offset_hours(1);
    let mut files: Files = names
        .iter()
        .map(|n| (format!("/athlete/{n}"), import_path(&data(n), &opts)))
        .collect();
    files.push((
        "/athlete/broken.tcx".to_owned(),
        import_bytes(
            "/athlete/broken.tcx",
            b"<TrainingCenterDatabase><Act",
            &opts,
        ),
    ));
    files
}

/// A plan that already holds a manual log (no start time) and an earlier import.
fn plan_with_history() -> Plan {
    let mut plan = sample_plan();
    plan.actuals.push(Actual {
        id: ActualId(7),
        date: day(11),
        session: Some(SessionId(4)),
        duration_s: 3000.0,
        ..Actual::default()
    });
    plan.actuals.push(Actual {
        id: ActualId(3),
        date: day(13),
        start: NaiveDateTime::parse_from_str("2027-03-13 09:00:00", "%Y-%m-%d %H:%M:%S").ok(),
        duration_s: 1800.0,
        ..Actual::default()
    });
    plan
}

#[test]
fn activities_become_actuals_matched_to_the_plan() {
    let mut plan = plan_with_history();
    let report = apply_import(
        &mut plan,
        read(&["easy-run.tcx", "garmin-activities-km.csv", "Settings.fit"]),
    );

    let outcomes: Vec<&Outcome> = report.files.iter().map(|f| &f.outcome).collect();
    assert_eq!(outcomes[0], &Outcome::Imported(1));
    assert_eq!(outcomes[1], &Outcome::Imported(4));
    assert!(matches!(outcomes[2], Outcome::NotActivity(w) if w.contains("settings")));
    assert!(matches!(outcomes[3], Outcome::Error(e) if e.contains("broken.tcx")));
    assert_eq!(report.failed().count(), 1);
    assert_eq!(report.imported(), 5);
    // New ids continue after the highest existing one (7), in import order.
    let ids: Vec<u64> = report.added.iter().map(|i| i.0).collect();
    assert_eq!(ids, [8, 9, 10, 11, 12]);

    let by_id = |id: u64| plan.actuals.iter().find(|a| a.id.0 == id).unwrap();
    // The TCX run on Sunday 14 fulfils the long run (session 1).
    let tcx = by_id(8);
    assert_eq!(
        (tcx.sport, tcx.session, tcx.kind),
        (Sport::Run, Some(SessionId(1)), None)
    );
    assert_eq!(tcx.source, Source::Tcx);
    assert_eq!(tcx.file.as_deref(), Some("easy-run.tcx"));
    assert_eq!(tcx.notes, "Easy run & strides");
    assert_eq!(tcx.date, day(14));
    // Garmin's run the same morning: the long run is taken and the strength session does
    // not fit a run, so it stays unmatched.
    let run = by_id(9);
    assert_eq!((run.sport, run.session), (Sport::Run, None));
    // The swim on Monday 15 is cross-training and fulfils the cross-training session.
    let swim = by_id(10);
    assert_eq!(swim.sport, Sport::Swim);
    assert_eq!(swim.kind, Some(SessionType::CrossTraining));
    assert_eq!(swim.session, Some(SessionId(5)));
    // Strength on Tuesday 16 fulfils the strength session.
    let gym = by_id(11);
    assert_eq!(gym.kind, Some(SessionType::Strength));
    assert_eq!(gym.session, Some(SessionId(7)));
    // The ride on Wednesday 17 is kept as cross-training; the easy run it cannot fulfil.
    let ride = by_id(12);
    assert_eq!(
        (ride.sport, ride.kind, ride.session),
        (Sport::Ride, Some(SessionType::CrossTraining), None)
    );
    assert_eq!(report.files[1].matched, 2);

    // Whatever was imported, the plan still validates (and so saves and loads).
    assert_eq!(validate(&plan), []);
}

#[test]
fn re_importing_skips_duplicates() {
    let mut plan = plan_with_history();
    apply_import(&mut plan, read(&["easy-run.tcx", "strava-activities.csv"]));
    let before = plan.clone();
    let report = apply_import(&mut plan, read(&["easy-run.tcx", "strava-activities.csv"]));
    assert_eq!(plan, before, "nothing added the second time");
    assert_eq!(report.files[0].outcome, Outcome::Duplicate);
    assert_eq!(report.files[1].outcome, Outcome::Duplicate);
    assert_eq!(report.files[1].duplicates, 5);
    assert_eq!(report.imported(), 0);
}

#[test]
fn the_same_run_from_two_files_is_imported_once() {
    // Strava's run starts 07:30:00 local; a FIT of it would start seconds later.
    let opts = ImportOptions::fixed_offset_hours(1);
    let strava = import_path(&data("strava-activities.csv"), &opts).unwrap();
    let mut same_run = strava[0].clone();
    same_run.start += chrono::Duration::seconds(40);
    same_run.source = Source::Fit;
    let mut later_run = strava[0].clone();
    later_run.start += chrono::Duration::minutes(2);

    let mut plan = sample_plan();
    let report = apply_import(
        &mut plan,
        vec![
            ("activities.csv".to_owned(), Ok(strava)),
            ("run.fit".to_owned(), Ok(vec![same_run])),
            ("later.fit".to_owned(), Ok(vec![later_run])),
        ],
    );
    assert_eq!(report.files[1].outcome, Outcome::Duplicate);
    assert_eq!(report.files[2].outcome, Outcome::Imported(1));
    // Ids start at 1 in a plan without actuals.
    assert_eq!(report.added.first(), Some(&ActualId(1)));
}
