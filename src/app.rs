//! The eframe application shell: the open document, undo history, preferences and the
//! commands the panels emit. Views draw from `&PeaklineApp` state and return [`Command`]s;
//! this module is the one place that carries them out.

pub mod autosave;
pub mod data;
mod dialogs;
mod document;
pub mod edit;
mod prefs;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use eframe::egui;

pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};
pub use document::Document;
pub use edit::{Applied, DraftApproval, Edit, EditError, Role, week_start_locked};
pub use prefs::{MAX_RECENT, Prefs, Theme, Units};

use crate::io;
use crate::model::{Plan, Reason};
use crate::ui;

/// Key under which preferences live in eframe's storage.
const PREFS_KEY: &str = "peakline-prefs";

/// Everything the app needs from outside: injected so tests run with a fixed "today".
pub struct AppOptions {
    pub today: NaiveDate,
    /// A plan file to open at start; the embedded demo otherwise.
    pub file: Option<PathBuf>,
    pub role: Role,
    pub dialogs: Box<dyn FileDialogs>,
    /// The wall clock for change-log timestamps.
    pub clock: fn() -> DateTime<Utc>,
    /// Where unsaved work is autosaved; `None` turns autosave off.
    pub autosave_dir: Option<PathBuf>,
}

impl AppOptions {
    /// Options for headless tests: fixed today, scripted dialogs, a fixed clock.
    pub fn for_tests(today: NaiveDate) -> Self {
        Self {
            today,
            file: None,
            role: Role::Coach,
            dialogs: Box::new(ScriptedDialogs::default()),
            clock: fixed_test_clock,
            autosave_dir: None,
        }
    }
}

fn fixed_test_clock() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default()
}

/// Something the user asked for. Panels return these; [`PeaklineApp::run`] carries them out.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    OpenExample(usize),
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    /// Apply an edit to the document with the coach's reason.
    Edit(Edit, Reason),
    SetPrefs(Prefs),
    DismissNotice,
    /// Start on a plan made elsewhere (the new-season wizard).
    OpenNewPlan(Box<Plan>),
    /// Dismiss re-plan conflicts, keeping the coach's weeks.
    KeepConflictingWeeks,
    /// Answers to the crash-recovery prompt.
    RestoreAutosave,
    DiscardAutosave,
    /// Pick activity files and import them on a worker thread.
    ImportActivities,
    ImportPaths(Vec<PathBuf>),
    CancelImport,
    DismissImportReport,
    /// Pick an athlete's copy and preview the merge.
    MergeAthleteCopy,
    SetMergeChoice(usize, crate::io::merge::ConflictChoice),
    ApplyMerge,
    CancelMerge,
    Export(data::ExportKind),
    /// Ask for a folder and write the season retrospective report there (Markdown + plots).
    ExportRetrospective,
    /// Answers to the unsaved-changes prompt.
    ConfirmSave,
    ConfirmDiscard,
    ConfirmCancel,
}

/// An action that would discard unsaved changes, waiting for Save / Discard / Cancel.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingAction {
    New,
    NewPlan(Box<Plan>),
    Open(Option<PathBuf>),
    OpenExample(usize),
    Quit,
}

/// A message for the user: an error they must see, or a short confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub title: String,
    pub text: String,
    pub is_error: bool,
}

/// The Peakline application.
pub struct PeaklineApp {
    pub doc: Document,
    pub role: Role,
    pub today: NaiveDate,
    pub prefs: Prefs,
    /// View state: selection, open panels and dialogs (never document data).
    pub view: ui::ViewState,
    /// The unsaved-changes prompt, when one is showing.
    pub confirm: Option<PendingAction>,
    pub notice: Option<Notice>,
    /// Status line message after the last action.
    pub status: String,
    /// Weeks the coach owns that the last re-plan's draft disagrees with.
    pub conflicts: Vec<crate::engine::adopt::Conflict>,
    /// Unsaved work from a previous run, offered for restore at start.
    pub recovery: Option<autosave::Recovery>,
    /// An activity import in progress, and the report of the last one.
    pub import_job: Option<data::ImportJob>,
    pub import_report: Option<crate::io::import::ImportReport>,
    /// A merge waiting for the coach's choices.
    pub merge: Option<data::MergeState>,
    /// The egui context, so worker threads can wake the UI (None in headless use).
    egui_ctx: Option<egui::Context>,
    autosave: Option<autosave::Autosave>,
    dialogs: Box<dyn FileDialogs>,
    clock: fn() -> DateTime<Utc>,
    allow_close: bool,
    shown_title: String,
}

impl PeaklineApp {
    /// Creates the app from eframe's context (for persisted preferences) and the options.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let prefs = cc
            .storage
            .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_prefs(options, prefs);
        app.egui_ctx = Some(cc.egui_ctx.clone());
        app
    }

    /// Creates the app without eframe (benchmarks, headless tools).
    pub fn with_prefs(options: AppOptions, prefs: Prefs) -> Self {
        let mut app = Self {
            doc: Document::unsaved_but_clean(Plan::default(), "Untitled.peakline.ron"),
            role: options.role,
            today: options.today,
            prefs,
            view: ui::ViewState::default(),
            confirm: None,
            notice: None,
            status: String::new(),
            conflicts: Vec::new(),
            recovery: None,
            import_job: None,
            import_report: None,
            merge: None,
            egui_ctx: None,
            autosave: options.autosave_dir.map(autosave::Autosave::new),
            dialogs: options.dialogs,
            clock: options.clock,
            allow_close: false,
            shown_title: String::new(),
        };
        match options.file {
            Some(path) => {
                app.open_path(path);
                if app.notice.is_some() {
                    app.open_example(0);
                }
            }
            None => app.open_example(0),
        }
        app.recovery = app.autosave.as_ref().and_then(autosave::Autosave::pending);
        app
    }

    /// Autosaves when due; call once per frame with egui's clock.
    pub fn autosave_tick(&mut self, now_s: f64) {
        let now = self.now();
        if let Some(a) = self.autosave.as_mut()
            && let Some(result) = a.tick(&self.doc, now_s, now)
        {
            self.status = match result {
                Ok(()) => format!("Autosaved at {}", now.format("%H:%M")),
                Err(e) => format!("Autosave failed: {e}"),
            };
        }
    }

    /// Draws one frame of the UI and carries out what it asked for (without eframe; used by
    /// the headless frame benchmark).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut view = std::mem::take(&mut self.view);
        let commands = ui::app_ui(ui, self, &mut view);
        self.view = view;
        self.run(&ctx, commands);
    }

    /// Replaces the document (benchmarks and tools that build a plan in code).
    pub fn set_document(&mut self, doc: Document) {
        self.doc = doc;
        self.view = ui::ViewState::default();
    }

    /// Starts importing activity files on a worker thread (one import at a time).
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.import_job.is_some() {
            self.status = "An import is already running".to_owned();
            return;
        }
        let opts = data::import_options(self.prefs.units, self.today);
        self.import_job = Some(data::ImportJob::start(paths, opts, self.egui_ctx.clone()));
    }

    /// Takes a finished import's result: one undo step, and the per-file report.
    pub fn poll_import(&mut self) {
        let Some(result) = self.import_job.as_ref().and_then(data::ImportJob::poll) else {
            return;
        };
        self.import_job = None;
        match result {
            Ok(batch) => {
                let (log, report) = data::imported_log(self.doc.plan(), batch);
                let not_read = report.not_read().count();
                let edit = Edit::ReplaceLog {
                    actuals: log.actuals,
                    wellness: log.wellness,
                };
                if self.apply_edit(&edit, &Reason::default()) {
                    self.status = format!(
                        "Imported {} activit{} from {} file(s){}",
                        report.imported(),
                        if report.imported() == 1 { "y" } else { "ies" },
                        report.files.len() - not_read,
                        if not_read > 0 {
                            format!(" before Cancel; {not_read} file(s) not read")
                        } else {
                            String::new()
                        }
                    );
                }
                self.import_report = Some(report);
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Import failed".to_owned(),
                    text: e,
                    is_error: true,
                });
            }
        }
    }

    /// Loads an athlete's copy and prepares the merge preview.
    pub fn preview_merge(&mut self, path: PathBuf) {
        match io::load_plan(&path) {
            Ok(copy) => {
                let preview = crate::io::merge::merge_athlete_copy(self.doc.plan(), &copy);
                let choices = preview.preselected_choices();
                self.merge = Some(data::MergeState {
                    file: path,
                    preview,
                    choices,
                });
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not read the athlete's file".to_owned(),
                    text: e.lines().join("\n"),
                    is_error: true,
                });
            }
        }
    }

    fn apply_merge(&mut self) {
        let Some(state) = self.merge.take() else {
            return;
        };
        if self.role != Role::Coach {
            self.notice = Some(Notice {
                title: "Not in athlete view".to_owned(),
                text: "Merging an athlete's file is the coach's step.".to_owned(),
                is_error: true,
            });
            return;
        }
        let mut copy = self.doc.plan().clone();
        let summary = crate::io::merge::apply_merge(&mut copy, &state.preview, &state.choices);
        if !summary.changed() {
            self.status = "Nothing new to merge".to_owned();
            return;
        }
        let edit = Edit::ReplaceLog {
            actuals: copy.actuals,
            wellness: copy.wellness,
        };
        if self.apply_edit(&edit, &Reason::default()) {
            self.status = format!(
                "Merged {}: {} new session log(s), {} check-in(s), {} replaced",
                state.file.display(),
                summary.added_actuals.len(),
                summary.added_wellness.len(),
                summary.replaced_actuals.len() + summary.replaced_wellness.len()
            );
        }
    }

    fn export(&mut self, kind: data::ExportKind) {
        let plan = self.doc.plan();
        let base = suggested_file_name(&plan.athlete.name);
        let base = base.trim_end_matches(".peakline.ron");
        let suggested = format!("{base}-{}", kind.suffix());
        let Some(path) = self.dialogs.pick_export(&suggested, kind.extension()) else {
            return;
        };
        let text = match kind {
            data::ExportKind::Calendar => crate::io::export::plan_to_ics_replacing(
                plan,
                &crate::io::export::IcsOptions {
                    stamp: self.now(),
                    unit: match self.prefs.units {
                        Units::Metric => crate::io::import::DistanceUnit::Km,
                        Units::Imperial => crate::io::import::DistanceUnit::Mi,
                    },
                },
                // An earlier export being replaced: its events of sessions gone are cancelled.
                &crate::io::export::read_previous_export(&path),
            ),
            data::ExportKind::PlanCsv => crate::io::export::sessions_csv(plan),
            data::ExportKind::ActualsCsv => crate::io::export::actuals_csv(plan),
        };
        match io::write_atomic(&path, text.as_bytes()) {
            Ok(()) => self.status = format!("Exported {}", path.display()),
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Export failed".to_owned(),
                    text: e.to_string(),
                    is_error: true,
                });
            }
        }
    }

    /// Asks for a folder and writes the retrospective report into it; the result goes to the
    /// status line, a failure to a notice.
    fn export_retrospective(&mut self) {
        let Some(dir) = self.dialogs.pick_folder("Export the season retrospective") else {
            return;
        };
        let plan = self.doc.plan();
        let retro = crate::engine::retro::retrospective(plan, self.today);
        match io::report::write_retrospective(plan, &retro, &dir) {
            Ok(paths) => {
                self.status = format!(
                    "Wrote the retrospective to {}: {}",
                    dir.display(),
                    paths
                        .iter()
                        .filter_map(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not export the retrospective".to_owned(),
                    text: e.to_string(),
                    is_error: true,
                });
            }
        }
    }

    fn discard_autosave(&mut self) {
        if let Some(a) = self.autosave.as_mut() {
            a.discard();
        }
    }

    /// Whether anything would be lost by closing now: unsaved plan changes, or a daily
    /// check-in the athlete filled in but did not record yet.
    pub fn has_unsaved_work(&self) -> bool {
        self.doc.is_dirty() || self.pending_check_in().is_some()
    }

    /// The athlete's filled-in, unrecorded check-in, if any.
    fn pending_check_in(&self) -> Option<crate::model::Wellness> {
        self.view
            .check_in
            .as_ref()
            .and_then(ui::athlete_view::CheckIn::pending)
    }

    /// "Peakline — NAME.peakline.ron •" (the dot while there are unsaved changes).
    pub fn window_title(&self) -> String {
        let dirty = if self.has_unsaved_work() { " •" } else { "" };
        let role = match self.role {
            Role::Coach => "",
            Role::Athlete => " (athlete view)",
        };
        format!("Peakline — {}{dirty}{role}", self.doc.display_name())
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Carries out commands in order.
    pub fn run(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            self.run_one(ctx, command);
        }
    }

    fn run_one(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New if self.role == Role::Athlete => {
                self.status = "New seasons are made by the coach".to_owned();
            }
            // The wizard asks about unsaved changes when it is about to replace the plan.
            Command::New => self.perform(ctx, PendingAction::New),
            Command::Open => self.request(ctx, PendingAction::Open(None)),
            Command::OpenPath(p) => self.request(ctx, PendingAction::Open(Some(p))),
            Command::OpenExample(i) => self.request(ctx, PendingAction::OpenExample(i)),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Quit => self.request(ctx, PendingAction::Quit),
            Command::Undo => {
                if self.doc.undo() {
                    self.status = "Undone".to_owned();
                }
            }
            Command::Redo => {
                if self.doc.redo() {
                    self.status = "Redone".to_owned();
                }
            }
            Command::Edit(edit, reason) => {
                self.apply_edit(&edit, &reason);
            }
            Command::SetPrefs(prefs) => self.prefs = prefs,
            Command::DismissNotice => self.notice = None,
            Command::OpenNewPlan(plan) => self.request(ctx, PendingAction::NewPlan(plan)),
            Command::KeepConflictingWeeks => self.conflicts.clear(),
            Command::RestoreAutosave => {
                if let Some(r) = self.recovery.take() {
                    self.doc = Document::restored(r.plan, r.info.original, &r.info.display_name);
                    self.view = ui::ViewState::default();
                    self.status = format!(
                        "Restored unsaved work from {}",
                        r.info.saved_at.format("%-d %b %H:%M")
                    );
                }
            }
            Command::DiscardAutosave => {
                self.recovery = None;
                self.discard_autosave();
            }
            Command::ImportActivities => {
                let paths = self.dialogs.pick_activity_files();
                if !paths.is_empty() {
                    self.start_import(paths);
                }
            }
            Command::ImportPaths(paths) => self.start_import(paths),
            Command::CancelImport => {
                if let Some(job) = &self.import_job {
                    job.cancel();
                }
            }
            Command::DismissImportReport => self.import_report = None,
            Command::MergeAthleteCopy => {
                if let Some(path) = self.dialogs.pick_athlete_copy() {
                    self.preview_merge(path);
                }
            }
            Command::SetMergeChoice(i, choice) => {
                if let Some(slot) = self.merge.as_mut().and_then(|m| m.choices.get_mut(i)) {
                    *slot = choice;
                }
            }
            Command::ApplyMerge => self.apply_merge(),
            Command::CancelMerge => self.merge = None,
            Command::Export(kind) => self.export(kind),
            Command::ExportRetrospective => self.export_retrospective(),
            Command::ConfirmSave => {
                if let Some(action) = self.confirm.take()
                    && self.save()
                {
                    self.perform(ctx, action);
                }
            }
            Command::ConfirmDiscard => {
                if let Some(action) = self.confirm.take() {
                    self.discard_autosave();
                    self.perform(ctx, action);
                }
            }
            Command::ConfirmCancel => self.confirm = None,
        }
    }

    /// Applies an edit and reports failure to the user. Returns whether it applied.
    pub fn apply_edit(&mut self, edit: &Edit, reason: &Reason) -> bool {
        let now = self.now();
        match self.doc.apply(edit, reason, self.role, now, self.today) {
            Ok(applied) => {
                self.status = applied
                    .change
                    .map_or_else(|| "Logged".to_owned(), |c| c.describe());
                self.conflicts = applied.conflicts;
                // A changed profile or guardrails changes what the engine would draft: offer
                // to re-plan (only once the edit is made, never for a cancelled prompt).
                if matches!(edit, Edit::SetAthlete(_) | Edit::SetGuardrails(_))
                    && self.doc.plan().plan.is_some()
                {
                    self.view.replan_offer = Some(self.doc.revision());
                }
                true
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Change not made".to_owned(),
                    text: e.to_string(),
                    is_error: true,
                });
                false
            }
        }
    }

    /// Runs `action` now, or asks first when it would discard unsaved changes.
    fn request(&mut self, ctx: &egui::Context, action: PendingAction) {
        if self.has_unsaved_work() {
            self.confirm = Some(action);
        } else {
            self.perform(ctx, action);
        }
    }

    /// Carries out an action whose unsaved-changes question has been answered.
    pub fn perform(&mut self, ctx: &egui::Context, action: PendingAction) {
        self.confirm = None;
        match action {
            PendingAction::New => {
                // The wizard builds the new season; the current plan stays until it finishes.
                self.view.wizard = Some(ui::Wizard::new(self));
            }
            PendingAction::NewPlan(plan) => {
                self.doc = Document::new(*plan, None);
                self.view = ui::ViewState::default();
                self.status = "New season drafted".to_owned();
            }
            PendingAction::Open(None) => {
                if let Some(path) = self.dialogs.pick_plan_to_open() {
                    self.open_path(path);
                }
            }
            PendingAction::Open(Some(path)) => self.open_path(path),
            PendingAction::OpenExample(i) => self.open_example(i),
            PendingAction::Quit => {
                if !self.doc.is_dirty() {
                    self.discard_autosave();
                }
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a plan file; on failure the current document stays and the error is shown.
    pub fn open_path(&mut self, path: PathBuf) {
        match io::load_plan(&path) {
            Ok(plan) => {
                self.prefs.remember(&path);
                self.status = format!("Opened {}", path.display());
                self.doc = Document::new(plan, Some(path));
                self.view = ui::ViewState::default();
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not open the file".to_owned(),
                    text: e.to_string(),
                    is_error: true,
                });
            }
        }
    }

    fn open_example(&mut self, index: usize) {
        let Some(example) = io::examples::EXAMPLES.get(index) else {
            return;
        };
        match example.load_as_of(self.today) {
            Ok(plan) => {
                self.doc = Document::unsaved_but_clean(plan, example.file_name);
                self.view = ui::ViewState::default();
                self.status = format!("Example: {}", example.title);
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not open the example".to_owned(),
                    text: e.to_string(),
                    is_error: true,
                });
            }
        }
    }

    /// Saves to the current path, or asks for one. Returns whether the plan is now saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path().map(ToOwned::to_owned) {
            Some(path) => self.save_to(path),
            None => self.save_as(),
        }
    }

    /// Asks where to save, then saves. Returns whether the plan is now saved.
    pub fn save_as(&mut self) -> bool {
        let suggested = suggested_file_name(&self.doc.plan().athlete.name);
        match self.dialogs.pick_plan_to_save(&suggested) {
            Some(path) => self.save_to(path),
            None => false,
        }
    }

    /// Records the check-in the athlete filled in but did not record: saving is what they
    /// expect to keep it.
    fn record_pending_check_in(&mut self) {
        if let Some(mut w) = self.pending_check_in() {
            w.logged_at = Some(self.now());
            if self.apply_edit(&Edit::LogWellness(w), &Reason::default())
                && let Some(form) = self.view.check_in.as_mut()
            {
                form.mark_recorded();
            }
        }
    }

    fn save_to(&mut self, path: PathBuf) -> bool {
        self.record_pending_check_in();
        let now = self.now();
        self.doc.stamp_for_save(now);
        match io::save_plan(self.doc.plan(), &path) {
            Ok(()) => {
                self.prefs.remember(&path);
                self.status = format!("Saved {}", path.display());
                self.doc.mark_saved(path);
                self.discard_autosave();
                true
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not save".to_owned(),
                    text: e.to_string(),
                    is_error: true,
                });
                false
            }
        }
    }

    /// Keyboard shortcuts and dropped files, as commands.
    fn input_commands(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let mut out = Vec::new();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        let (plans, activities): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| is_plan_path(p));
        if let Some(path) = plans.into_iter().next() {
            out.push(Command::OpenPath(path));
        }
        if !activities.is_empty() {
            out.push(Command::ImportPaths(activities));
        }
        let shift = Modifiers::COMMAND | Modifiers::SHIFT;
        // Undo and redo change the plan under whatever is open: not while a dialog is showing
        // (its edit is not made yet), and not while a text field has focus — the keys are
        // left unconsumed then, so the field's own text undo gets them.
        let plan_undo = !self.modal_open(ctx) && !ctx.text_edit_focused();
        ctx.input_mut(|i| {
            // Shifted shortcuts first: egui matches Ctrl+S "logically" also when Shift is held.
            if i.consume_shortcut(&KeyboardShortcut::new(shift, Key::S)) {
                out.push(Command::SaveAs);
            }
            if plan_undo && i.consume_shortcut(&KeyboardShortcut::new(shift, Key::Z)) {
                out.push(Command::Redo);
            }
            let plain = [
                (Key::N, Command::New),
                (Key::O, Command::Open),
                (Key::S, Command::Save),
                (Key::Q, Command::Quit),
                (Key::Z, Command::Undo),
                (Key::Y, Command::Redo),
            ];
            for (key, command) in plain {
                if matches!(command, Command::Undo | Command::Redo) && !plan_undo {
                    continue;
                }
                if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)) {
                    out.push(command);
                }
            }
        });
        out
    }

    /// Whether a modal dialog or prompt is open, or a timeline drag is in progress: the
    /// document must not change under them.
    pub fn modal_open(&self, ctx: &egui::Context) -> bool {
        self.view.dialog_open()
            || self.view.timeline.drag.is_some()
            || self.confirm.is_some()
            || self.notice.is_some()
            || self.recovery.is_some()
            || !self.conflicts.is_empty()
            || self.import_job.is_some()
            || self.import_report.is_some()
            || self.merge.is_some()
            // Dialogs of other screens (reviews, wizard pages): egui knows them as modals.
            || ctx.memory(|m| m.top_modal_layer().is_some())
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let theme = match self.prefs.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
    }
}

impl eframe::App for PeaklineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && self.has_unsaved_work()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(PendingAction::Quit);
        }
        self.autosave_tick(ctx.input(|i| i.time));
        self.poll_import();
        if self.import_job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.doc.is_dirty() {
            // Wake up for the next autosave even when idle.
            ctx.request_repaint_after(std::time::Duration::from_secs(5));
        }
        let mut commands = self.input_commands(&ctx);
        let mut view = std::mem::take(&mut self.view);
        commands.extend(ui::app_ui(ui, self, &mut view));
        self.view = view;
        self.run(&ctx, commands);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// A new, empty plan starting next week, weeks starting on the user's preferred day.
pub fn new_plan(today: NaiveDate, week_start: crate::model::WeekStart) -> Plan {
    let start = week_start.week_of(today + chrono::Days::new(7));
    let mut plan = Plan::default();
    plan.season.week_start = week_start;
    plan.athlete.name = "New athlete".to_owned();
    plan.season.start = start;
    plan.season.end = start + chrono::Days::new(7 * 20 - 1);
    plan
}

impl PeaklineApp {
    /// Whether the athlete can train on `date`'s weekday.
    pub fn athlete_available(&self, date: NaiveDate) -> bool {
        use chrono::Datelike;
        self.doc.plan().athlete.is_available(date.weekday())
    }
}

/// "Maya Lindqvist" ➡ "maya-lindqvist.peakline.ron".
pub fn suggested_file_name(athlete: &str) -> String {
    let slug: String = athlete
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "plan.peakline.ron".to_owned()
    } else {
        format!("{slug}.peakline.ron")
    }
}

fn is_plan_path(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}
