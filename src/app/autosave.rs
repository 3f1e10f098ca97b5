//! Autosave and crash recovery: while the document has unsaved changes it is written every
//! 30 s to the user's data folder; the next start after a crash offers to restore it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Document;
use crate::io::{self, SaveError};
use crate::model::Plan;

/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_INTERVAL_S: f64 = 30.0;

const PLAN_FILE: &str = "autosave.peakline.ron";
const INFO_FILE: &str = "autosave-info.ron";

/// Where the autosaved plan came from, stored next to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutosaveInfo {
    pub original: Option<PathBuf>,
    pub display_name: String,
    pub saved_at: DateTime<Utc>,
}

/// Unsaved work found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub plan: Plan,
    pub info: AutosaveInfo,
}

/// The autosave slot in one folder (one document at a time, like the app).
pub struct Autosave {
    dir: PathBuf,
    last_write_s: Option<f64>,
    written_revision: Option<u64>,
}

impl Autosave {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            last_write_s: None,
            written_revision: None,
        }
    }

    /// The per-user data folder (`~/.local/share/peakline/autosave` on Linux).
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("io.github", "peakline", "Peakline")
            .map(|d| d.data_dir().join("autosave"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the document when it is dirty and the interval has passed since the last
    /// write (or since it first became dirty). Returns what happened, if anything.
    pub fn tick(
        &mut self,
        doc: &Document,
        now_s: f64,
        now: DateTime<Utc>,
    ) -> Option<Result<(), SaveError>> {
        if !doc.is_dirty() {
            // Clean again (undone back to the saved state): what this run autosaved is no
            // unsaved work any more, and must not be offered for restore at the next start.
            // A previous run's autosave is left for the recovery prompt.
            if self.written_revision.is_some() {
                self.discard();
            }
            self.last_write_s = None;
            return None;
        }
        if self.written_revision == Some(doc.revision()) {
            return None;
        }
        let due = match self.last_write_s {
            None => {
                self.last_write_s = Some(now_s);
                false
            }
            Some(t) => now_s - t >= AUTOSAVE_INTERVAL_S,
        };
        if !due {
            return None;
        }
        self.last_write_s = Some(now_s);
        let result = self.write(doc, now);
        if result.is_ok() {
            self.written_revision = Some(doc.revision());
        }
        Some(result)
    }

    /// Writes the document now (atomically, like any save).
    ///
    /// # Errors
    /// When the folder cannot be created or written.
    pub fn write(&self, doc: &Document, now: DateTime<Utc>) -> Result<(), SaveError> {
        let plan_path = self.dir.join(PLAN_FILE);
        std::fs::create_dir_all(&self.dir).map_err(|source| SaveError::Io {
            path: self.dir.clone(),
            step: "creating the autosave folder",
            source,
        })?;
        io::save_plan(doc.plan(), &plan_path)?;
        let info = AutosaveInfo {
            original: doc.path().map(Path::to_owned),
            display_name: doc.display_name(),
            saved_at: now,
        };
        let text =
            ron::ser::to_string_pretty(&info, ron::ser::PrettyConfig::default()).map_err(|e| {
                SaveError::Serialize {
                    path: self.dir.join(INFO_FILE),
                    message: e.to_string(),
                }
            })?;
        io::write_atomic(&self.dir.join(INFO_FILE), text.as_bytes())
    }

    /// Unsaved work left by a previous run, if any (and readable).
    pub fn pending(&self) -> Option<Recovery> {
        let plan = io::load_plan(&self.dir.join(PLAN_FILE)).ok()?;
        let text = std::fs::read_to_string(self.dir.join(INFO_FILE)).ok()?;
        let info: AutosaveInfo = ron::from_str(&text).ok()?;
        Some(Recovery { plan, info })
    }

    /// Removes the autosave (after a save, or when the user discards the work).
    pub fn discard(&mut self) {
        for name in [PLAN_FILE, INFO_FILE] {
            let path = self.dir.join(name);
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(io::backup_path(&path));
        }
        self.written_revision = None;
        self.last_write_s = None;
    }
}
