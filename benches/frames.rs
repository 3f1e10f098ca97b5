//! CPU time per frame of the workspace (layout and tessellation, no GPU) on a 52-week plan
//! with a year of actuals: the timeline and the week editor must stay well under 4 ms.

use chrono::{Days, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use peakline::app::{AppOptions, Document, PeaklineApp, Prefs};
use peakline::engine::adopt::{KeepPolicy, adopt, regenerate_variants};
use peakline::io::examples::EXAMPLES;
use peakline::model::{
    Actual, ActualId, Completion, Plan, Priority, Race, Source, Sport, VariantKind,
};
use peakline::ui::Tab;

/// 52 weeks, four races, every planned session of the year done (a year of actuals).
pub fn big_plan() -> (Plan, NaiveDate) {
    let mut plan = EXAMPLES[4].load().unwrap_or_default();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    plan.season.start = start;
    plan.season.end = start + Days::new(7 * 52 - 1);
    let race = |name: &str, week: u64, km: f64, priority| Race {
        name: name.to_owned(),
        date: start + Days::new(7 * week - 1),
        distance_km: km,
        priority,
        ..Race::default()
    };
    plan.races = vec![
        race("Spring half", 17, 21.0975, Priority::A),
        race("Summer 10K", 27, 10.0, Priority::B),
        race("Track 5K", 35, 5.0, Priority::C),
        race("Autumn marathon", 45, 42.195, Priority::A),
    ];
    let today = start + Days::new(7 * 52 - 3);
    regenerate_variants(&mut plan, start);
    adopt(
        &mut plan,
        VariantKind::Moderate,
        KeepPolicy::KeepCoachWeeks,
        start,
    );
    let sessions: Vec<_> = plan.sessions().cloned().collect();
    plan.actuals = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| Actual {
            id: ActualId(i as u64 + 1),
            date: s.date,
            start: NaiveTime::from_hms_opt(7, 0, 0).map(|t| s.date.and_time(t)),
            sport: Sport::Run,
            session: Some(s.id),
            kind: Some(s.kind),
            completion: Completion::Done,
            duration_s: s.duration_min * 60.0,
            distance_m: s.distance_km.map(|d| d * 1000.0),
            avg_hr: Some(140.0),
            rpe: Some(s.rpe),
            source: Source::Fit,
            ..Actual::default()
        })
        .collect();
    (plan, today)
}

fn frame(ctx: &egui::Context, app: &mut PeaklineApp, size: egui::Vec2) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn bench(c: &mut Criterion) {
    let (plan, today) = big_plan();
    for (name, tab) in [("timeline", Tab::Season), ("week editor", Tab::Week)] {
        let ctx = egui::Context::default();
        let mut app = PeaklineApp::with_prefs(AppOptions::for_tests(today), Prefs::default());
        app.set_document(Document::unsaved_but_clean(
            plan.clone(),
            "bench.peakline.ron",
        ));
        app.view.tab = tab;
        app.view.selected_week = plan.weeks().get(30).map(|w| w.start);
        let size = egui::vec2(1920.0, 1080.0);
        // Warm up: fonts and the cached figures.
        for _ in 0..3 {
            frame(&ctx, &mut app, size);
        }
        c.bench_function(
            &format!("frame: {name}, 52 weeks + a year of actuals"),
            |b| {
                b.iter(|| std::hint::black_box(frame(&ctx, &mut app, size)));
            },
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
