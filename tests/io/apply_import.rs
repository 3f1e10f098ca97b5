//! `apply_import`: duplicates, matching to the planned session of the day, cross-training,
//! ids and the report.

use chrono::NaiveDateTime;
use peakline::engine::load::actual_daily;
use peakline::io::import::{
    Activity, FileActivities, ImportError, ImportOptions, Outcome, apply_import, import_path,
    read_bytes, read_path,
};
use peakline::io::merge::{apply_merge, merge_athlete_copy};
use peakline::model::{
    Actual, ActualId, Completion, Plan, SessionId, SessionType, Source, Sport, validate,
};

use super::import::data;
use super::sample_plan::{day, sample_plan};

type Files = Vec<(String, Result<FileActivities, ImportError>)>;

fn read(names: &[&str]) -> Files {
    let opts = ImportOptions::fixed_offset_hours(1);
    let mut files: Files = names
        .iter()
        .map(|n| (format!("/athlete/{n}"), read_path(&data(n), &opts)))
        .collect();
    files.push((
        "/athlete/broken.tcx".to_owned(),
        read_bytes(
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
    // The report names the file once, in its own field; the error says what is wrong.
    assert_eq!(report.files[3].file, "/athlete/broken.tcx");
    assert!(
        matches!(outcomes[3], Outcome::Error(e) if e.contains("TCX") && !e.contains("broken.tcx")),
        "{:?}",
        outcomes[3]
    );
    // The Garmin export says which unit its distances were read in, and why.
    assert_eq!(report.files[1].assumptions.len(), 1);
    assert!(report.files[1].assumptions[0].starts_with("distances read in kilometres"));
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
            ("activities.csv".to_owned(), Ok(strava.into())),
            ("run.fit".to_owned(), Ok(vec![same_run].into())),
            ("later.fit".to_owned(), Ok(vec![later_run].into())),
        ],
    );
    assert_eq!(report.files[1].outcome, Outcome::Duplicate);
    assert_eq!(report.files[2].outcome, Outcome::Imported(1));
    // Ids start at 1 in a plan without actuals.
    assert_eq!(report.added.first(), Some(&ActualId(1)));
}

/// The run of `easy-run.tcx`, moved to 07:05 on `date` (the athlete's watch file of that day).
fn watch_run_on(date: chrono::NaiveDate) -> Activity {
    let opts = ImportOptions::fixed_offset_hours(1);
    let mut run = import_path(&data("easy-run.tcx"), &opts).unwrap().remove(0);
    run.start = date.and_hms_opt(7, 5, 0).unwrap();
    run
}

#[test]
fn a_watch_file_completes_the_athletes_own_log_instead_of_doubling_it() {
    // The athlete logs Thursday's threshold session by hand in their copy (no start time)...
    let coach = sample_plan();
    let mut copy = coach.clone();
    copy.actuals.push(Actual {
        id: ActualId(1),
        date: day(11),
        session: Some(SessionId(4)),
        completion: Completion::Partly,
        duration_s: 45.0 * 60.0,
        distance_m: Some(9000.0),
        rpe: Some(7.0),
        notes: "legs heavy in the last rep".to_owned(),
        logged_at: chrono::DateTime::from_timestamp(1_804_000_000, 0),
        ..Actual::default()
    });
    // ...the coach merges the copy...
    let mut plan = coach;
    let preview = merge_athlete_copy(&plan, &copy);
    apply_merge(&mut plan, &preview, &preview.preselected_choices());
    assert_eq!(plan.actuals.len(), 1);
    let logged = plan.actuals[0].clone();
    let load_of_day = |p: &Plan| {
        actual_daily(&p.actuals, |id| p.session(id), day(8), day(21))
            .value_on(day(11))
            .unwrap()
    };
    let load_before = load_of_day(&plan);
    assert!(load_before > 0.0);

    // ...then imports the watch files: Thursday's run and Friday's (not logged by hand).
    let thursday = watch_run_on(day(11));
    let friday = watch_run_on(day(12));
    let report = apply_import(
        &mut plan,
        vec![(
            "/watch/runs.tcx".to_owned(),
            Ok(vec![thursday.clone(), friday].into()),
        )],
    );
    assert_eq!(report.files[0].outcome, Outcome::Imported(2));
    assert_eq!(report.files[0].merged, 1);
    assert_eq!(report.merged, [logged.id]);
    assert_eq!(report.added.len(), 1, "Friday's run is new");
    assert_eq!(plan.actuals.len(), 2, "Thursday is not counted twice");

    let merged = plan.actuals.iter().find(|a| a.id == logged.id).unwrap();
    // From the watch: start, moving time, distance, heart rate, source, file.
    assert_eq!(merged.start, Some(thursday.start));
    assert_eq!(merged.moving_s, thursday.moving_s);
    assert_eq!(merged.distance_m, thursday.distance_m);
    assert_eq!(
        (merged.avg_hr, merged.max_hr),
        (thursday.avg_hr, thursday.max_hr)
    );
    assert_eq!(merged.source, Source::Tcx);
    assert_eq!(merged.file.as_deref(), Some("runs.tcx"));
    // The athlete's: RPE, notes, completion, session, duration and when they logged it.
    assert_eq!(merged.rpe, logged.rpe);
    assert_eq!(merged.notes, logged.notes);
    assert_eq!(merged.completion, Completion::Partly);
    assert_eq!(merged.session, Some(SessionId(4)));
    assert_eq!(merged.duration_s, logged.duration_s);
    assert_eq!(merged.logged_at, logged.logged_at);
    // The day's load is the athlete's session, once.
    assert_eq!(load_of_day(&plan), load_before);
    assert_eq!(validate(&plan), []);

    // Importing the same file again finds both runs in the plan.
    let before = plan.clone();
    let again = apply_import(
        &mut plan,
        vec![("/watch/runs.tcx".to_owned(), Ok(vec![thursday].into()))],
    );
    assert_eq!(again.files[0].outcome, Outcome::Duplicate);
    assert_eq!(plan, before);
}

#[test]
fn only_a_fitting_unskipped_hand_log_of_that_day_takes_the_watch_data() {
    let mut plan = sample_plan();
    // A skipped threshold on Thursday, a strength log on Sunday.
    plan.actuals.push(Actual {
        id: ActualId(1),
        date: day(11),
        session: Some(SessionId(4)),
        completion: Completion::Skipped,
        ..Actual::default()
    });
    plan.actuals.push(Actual {
        id: ActualId(2),
        date: day(14),
        session: Some(SessionId(2)),
        kind: Some(SessionType::Strength),
        sport: Sport::Strength,
        duration_s: 1800.0,
        ..Actual::default()
    });
    let report = apply_import(
        &mut plan,
        vec![(
            "runs.tcx".to_owned(),
            Ok(vec![watch_run_on(day(11)), watch_run_on(day(14))].into()),
        )],
    );
    assert_eq!(report.files[0].merged, 0);
    assert_eq!(report.added.len(), 2);
    // Sunday's run takes the long run, which nobody logged; the strength log keeps no start.
    let sunday = plan
        .actuals
        .iter()
        .find(|a| a.date == day(14) && a.sport == Sport::Run);
    assert_eq!(sunday.unwrap().session, Some(SessionId(1)));
    assert!(
        plan.actuals
            .iter()
            .find(|a| a.id == ActualId(2))
            .unwrap()
            .start
            .is_none()
    );
}
