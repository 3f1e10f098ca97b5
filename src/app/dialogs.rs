//! Native file dialogs behind a trait, so tests can answer them without a window system.

use std::path::PathBuf;

/// Asks the user for files. The app holds one; tests put in a scripted one.
pub trait FileDialogs {
    /// A plan file to open.
    fn pick_plan_to_open(&mut self) -> Option<PathBuf>;
    /// Where to save a plan; `suggested` is the proposed file name.
    fn pick_plan_to_save(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Activity files to import (FIT, GPX, TCX, CSV).
    fn pick_activity_files(&mut self) -> Vec<PathBuf>;
    /// An athlete's copy of a plan to merge.
    fn pick_athlete_copy(&mut self) -> Option<PathBuf>;
    /// Where to write an export with the given extension.
    fn pick_export(&mut self, suggested: &str, extension: &str) -> Option<PathBuf>;
    /// A folder to write several files into (the retrospective report); `title` says what for.
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf>;
}

/// The real dialogs, via `rfd` (native on every platform, no system -dev packages).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_plan_to_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open plan")
            .add_filter("Peakline plan", &["ron"])
            .pick_file()
    }

    fn pick_plan_to_save(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save plan as")
            .add_filter("Peakline plan", &["ron"])
            .set_file_name(suggested)
            .save_file()
    }

    fn pick_activity_files(&mut self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import activities")
            .add_filter("Activities", &["fit", "gpx", "tcx", "csv"])
            .pick_files()
            .unwrap_or_default()
    }

    fn pick_athlete_copy(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Merge athlete file")
            .add_filter("Peakline plan", &["ron"])
            .pick_file()
    }

    fn pick_export(&mut self, suggested: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export")
            .add_filter(extension, &[extension])
            .set_file_name(suggested)
            .save_file()
    }

    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }
}

/// Scripted answers for tests: each call pops the next queued answer.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open: Vec<PathBuf>,
    pub save: Vec<PathBuf>,
    pub activities: Vec<Vec<PathBuf>>,
    pub exports: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_plan_to_open(&mut self) -> Option<PathBuf> {
        self.open.pop()
    }

    fn pick_plan_to_save(&mut self, _suggested: &str) -> Option<PathBuf> {
        self.save.pop()
    }

    fn pick_activity_files(&mut self) -> Vec<PathBuf> {
        self.activities.pop().unwrap_or_default()
    }

    fn pick_athlete_copy(&mut self) -> Option<PathBuf> {
        self.open.pop()
    }

    fn pick_export(&mut self, _suggested: &str, _extension: &str) -> Option<PathBuf> {
        self.exports.pop()
    }

    fn pick_folder(&mut self, _title: &str) -> Option<PathBuf> {
        self.folders.pop()
    }
}
