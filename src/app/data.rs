//! Training data in and out: activity imports on a worker thread with progress and Cancel,
//! merging an athlete's copy, and exports. The parsing and matching live in `io`; this is
//! the app's side: threads, dialogs' state, and turning results into one undoable edit.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use crate::app::Units;
use crate::io::import::{
    DistanceUnit, ImportBatch, ImportOptions, ImportReport, apply_import, import_paths,
};
use crate::io::merge::{ConflictChoice, MergePreview};
use crate::model::Plan;

/// An import running on a worker thread.
pub struct ImportJob {
    pub total: usize,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<ImportBatch>,
}

impl ImportJob {
    /// Starts reading `paths` on a worker thread; the UI polls [`Self::poll`] each frame.
    pub fn start(
        paths: Vec<PathBuf>,
        opts: ImportOptions,
        ctx: Option<eframe::egui::Context>,
    ) -> Self {
        let total = paths.len();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (d, c) = (Arc::clone(&done), Arc::clone(&cancel));
        std::thread::spawn(move || {
            let batch = import_paths(&paths, &opts, |n, _| {
                d.store(n, Ordering::Relaxed);
                if let Some(ctx) = &ctx {
                    ctx.request_repaint();
                }
                if c.load(Ordering::Relaxed) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            // The receiver is gone only if the app closed: nothing left to tell.
            let _ = tx.send(batch);
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        });
        Self {
            total,
            done,
            cancel,
            rx,
        }
    }

    /// Files read so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The batch once the worker is finished; `Err` if the worker died.
    pub fn poll(&self) -> Option<Result<ImportBatch, String>> {
        match self.rx.try_recv() {
            Ok(batch) => Some(Ok(batch)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("the import stopped unexpectedly".to_owned()))
            }
        }
    }
}

/// The import's options in the app: the machine's time zone, and the user's unit setting as
/// the unit of Garmin Connect exports that do not reveal theirs (an account set to miles
/// usually belongs to a coach who set Peakline to miles too). Activities after `today` get a
/// note in the report.
pub fn import_options(units: Units, today: NaiveDate) -> ImportOptions {
    ImportOptions {
        today: Some(today),
        garmin_distance_unit: Some(match units {
            Units::Metric => DistanceUnit::Km,
            Units::Imperial => DistanceUnit::Mi,
        }),
        ..ImportOptions::default()
    }
}

/// The log an import would leave the plan with, and the report per file.
/// Files the import did not get to (Cancel) are listed as such, after those it read.
pub fn imported_log(plan: &Plan, batch: ImportBatch) -> (Plan, ImportReport) {
    let mut copy = plan.clone();
    let mut report = apply_import(&mut copy, batch.files);
    report.add_not_read(batch.not_read);
    (copy, report)
}

/// An athlete's copy loaded and compared, waiting for the coach's choices.
#[derive(Clone, Debug)]
pub struct MergeState {
    pub file: PathBuf,
    pub preview: MergePreview,
    pub choices: Vec<ConflictChoice>,
}

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Calendar,
    PlanCsv,
    ActualsCsv,
}

impl ExportKind {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Calendar => "ics",
            Self::PlanCsv | Self::ActualsCsv => "csv",
        }
    }

    pub fn suffix(self) -> &'static str {
        match self {
            Self::Calendar => "calendar.ics",
            Self::PlanCsv => "plan.csv",
            Self::ActualsCsv => "actuals.csv",
        }
    }
}
