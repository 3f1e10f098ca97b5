//! Writing files atomically: plans (validated, keeping the previous version as `.bak`) and
//! exports.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Plan, validate};

/// Why a save failed. The file on disk is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: not saved, the plan is inconsistent: {problem}", path.display())]
    Invalid { path: PathBuf, problem: String },
    #[error("{}: not saved, the plan could not be written as RON: {message}", path.display())]
    Serialize { path: PathBuf, message: String },
    #[error("{}: not saved, {step} failed: {source}; the previous file is unchanged", path.display())]
    Io {
        path: PathBuf,
        step: &'static str,
        source: std::io::Error,
    },
}

/// `NAME.peakline.ron` ➡ `NAME.peakline.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// The plan as the RON text a file holds.
///
/// # Errors
/// Only if serialization itself fails (non-finite floats are written as `NaN`/`inf` and are
/// caught by validation first).
pub fn serialize_plan(plan: &Plan) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .separate_tuple_members(false);
    let mut text = ron::Options::default().to_string_pretty(plan, config)?;
    text.push('\n');
    Ok(text)
}

/// Saves `plan` to `path`: validate, serialize in memory, then the steps of [`write_atomic`]
/// with the current file copied to `.bak` before the rename. A crash at any point leaves
/// either the old or the new file, never half of one.
///
/// # Errors
/// When the plan is inconsistent or any step fails; the existing file is then unchanged.
pub fn save_plan(plan: &Plan, path: &Path) -> Result<(), SaveError> {
    if let Some(problem) = validate(plan).first() {
        return Err(SaveError::Invalid {
            path: path.to_owned(),
            problem: problem.to_string(),
        });
    }
    let text = serialize_plan(plan).map_err(|e| SaveError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    replace_file(path, text.as_bytes(), true).map_err(|(step, source)| SaveError::Io {
        path: path.to_owned(),
        step,
        source,
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, fsync, rename
/// over `path`, fsync the folder. Readers see the old file or the new one, never a part.
/// Exports and small side files (autosave's index) use it; plans go through [`save_plan`],
/// which also validates and keeps a `.bak`.
///
/// # Errors
/// [`SaveError::Io`] when any step fails; the existing file is then unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace_file(path, bytes, false).map_err(|(step, source)| SaveError::Io {
        path: path.to_owned(),
        step,
        source,
    })
}

/// The one implementation behind [`save_plan`] and [`write_atomic`]; on failure, the step
/// that failed and its error.
fn replace_file(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
) -> Result<(), (&'static str, std::io::Error)> {
    let io = |step: &'static str| move |source| (step, source);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());

    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io("creating a temporary file in the folder"))?;
    tmp.write_all(bytes)
        .map_err(io("writing the temporary file"))?;
    keep_permissions(path, tmp.as_file()).map_err(io("setting the file's permissions"))?;
    tmp.as_file()
        .sync_all()
        .map_err(io("flushing the temporary file to disk"))?;

    if keep_backup && path.exists() {
        write_backup(path, &dir, &name).map_err(io("keeping the previous version as .bak"))?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .map_err(io("replacing the file"))?;
    sync_dir(&dir).map_err(io("flushing the folder"))?;
    Ok(())
}

/// Copies the current file to `.bak` via its own temporary file, so the backup is whole too.
fn write_backup(path: &Path, dir: &Path, name: &str) -> std::io::Result<()> {
    let bak_tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.bak."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    std::fs::copy(path, bak_tmp.path())?;
    bak_tmp.as_file().sync_all()?;
    bak_tmp.persist(backup_path(path)).map_err(|e| e.error)?;
    Ok(())
}

/// The new file gets the old file's permissions, or the usual 0644 for a new one (the
/// temporary file starts private, 0600).
fn keep_permissions(path: &Path, file: &std::fs::File) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) => file.set_permissions(meta.permissions()),
        Err(_) => default_permissions(file),
    }
}

#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Windows has no directory fsync; the rename itself is atomic there (MoveFileEx).
    Ok(())
}
