//! The open document: the plan, where it lives on disk, and its undo history.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::edit::{Applied, Edit, EditError, Role, apply};
use crate::model::{Author, ChangeEntry, Plan, Reason, validate};

/// How many undo steps are kept; a plan snapshot is small (well under a megabyte).
const UNDO_DEPTH: usize = 200;

/// A plan being edited. Undo keeps whole-plan snapshots: simple, and exact by construction.
pub struct Document {
    plan: Plan,
    path: Option<PathBuf>,
    /// Name shown for a document without a path (an example's file name).
    untitled_name: Option<String>,
    /// Identity of the current state; each applied edit gets a new one.
    revision: u64,
    saved_revision: Option<u64>,
    next_revision: u64,
    undo: Vec<(Plan, u64)>,
    redo: Vec<(Plan, u64)>,
}

impl Document {
    /// A document for `plan`, clean if it came from `path`.
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        let saved_revision = path.as_ref().map(|_| 0);
        Self {
            plan,
            path,
            untitled_name: None,
            revision: 0,
            saved_revision,
            next_revision: 1,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// An embedded or generated plan that has no file yet but is not a change to save either.
    pub fn unsaved_but_clean(plan: Plan, name: &str) -> Self {
        let mut doc = Self::new(plan, None);
        doc.saved_revision = Some(0);
        doc.untitled_name = Some(name.to_owned());
        doc
    }

    /// Work restored from an autosave: it belongs to `path` but is not saved there yet.
    pub fn restored(plan: Plan, path: Option<PathBuf>, name: &str) -> Self {
        let mut doc = Self::new(plan, path);
        doc.saved_revision = None;
        doc.untitled_name = Some(name.to_owned());
        doc
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Identity of the current state: changes whenever the plan does (edit, undo, redo).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Unsaved changes exist (undoing back to the saved state makes the document clean again).
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// File name for the window title.
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || {
                self.untitled_name
                    .clone()
                    .unwrap_or_else(|| "Untitled.peakline.ron".to_owned())
            },
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Applies `edit` as one undo step; plan edits get a change-log entry with `reason`.
    ///
    /// The edit runs on a copy, so a failure leaves the document exactly as it was.
    ///
    /// # Errors
    /// When `role` may not make the edit, a plan edit has no reason, the edit does not fit the
    /// plan, or the result would be inconsistent.
    pub fn apply(
        &mut self,
        edit: &Edit,
        reason: &Reason,
        role: Role,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Applied, EditError> {
        self.apply_with(role, now, reason, edit.is_plan_edit(), |plan| {
            apply(plan, edit, today)
        })
    }

    /// Applies a change computed by `f` (an edit or an engine operation) as one undo step.
    ///
    /// # Errors
    /// As [`Self::apply`].
    pub fn apply_with(
        &mut self,
        role: Role,
        now: DateTime<Utc>,
        reason: &Reason,
        is_plan_edit: bool,
        f: impl FnOnce(&mut Plan) -> Result<Applied, EditError>,
    ) -> Result<Applied, EditError> {
        if is_plan_edit && role == Role::Athlete {
            return Err(EditError::NotAllowed);
        }
        if is_plan_edit && !reason.is_given() {
            return Err(EditError::ReasonMissing);
        }
        let mut next = self.plan.clone();
        let applied = f(&mut next)?;
        // A plan without a stored id derives it from the athlete's name and season start:
        // an edit of either keeps the id it had (calendar UIDs must not change).
        if next.id.is_none()
            && (next.athlete.name != self.plan.athlete.name
                || next.season.start != self.plan.season.start)
        {
            next.id = Some(self.plan.stable_id());
        }
        if let Some(problem) = validate(&next).first() {
            return Err(EditError::Invalid(problem.to_string()));
        }
        if let Some(change) = &applied.change {
            next.change_log.push(ChangeEntry {
                at: now,
                who: match role {
                    Role::Coach => Author::Coach,
                    Role::Athlete => Author::Athlete,
                },
                week: applied.week,
                change: change.clone(),
                reason: reason.clone(),
            });
        }
        next.modified = Some(now);
        let previous = std::mem::replace(&mut self.plan, next);
        self.undo.push((previous, self.revision));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision = self.next_revision;
        self.next_revision += 1;
        Ok(applied)
    }

    /// Steps back one edit. Returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some((plan, revision)) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.plan, plan);
        self.redo.push((current, self.revision));
        self.revision = revision;
        true
    }

    /// Re-applies the last undone edit. Returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some((plan, revision)) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.plan, plan);
        self.undo.push((current, self.revision));
        self.revision = revision;
        true
    }

    /// Records that the current state is what is on disk at `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = Some(self.revision);
    }

    /// Stamps header fields before a save.
    pub fn stamp_for_save(&mut self, now: DateTime<Utc>) {
        // The plan's id is stored from its first save on (see `Plan::id`).
        self.plan.ensure_id();
        if self.plan.created.is_none() {
            self.plan.created = Some(now);
        }
        self.plan.modified = Some(now);
        self.plan.app_version = env!("CARGO_PKG_VERSION").to_owned();
    }
}
