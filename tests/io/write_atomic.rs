//! `io::write_atomic`: the atomic writer exports use (and `save_plan` is built on).

use peakline::io::{backup_path, write_atomic};

use crate::common::{temp_dir, write};

#[test]
fn writes_a_new_file_and_replaces_an_old_one_whole() {
    let dir = temp_dir();
    let path = dir.path().join("plan.ics");
    write_atomic(&path, b"first").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"first");
    write_atomic(&path, b"second, longer").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
    // No temporary files and no .bak left behind: exports are not plans.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["plan.ics"]);
    assert!(!backup_path(&path).exists());
}

#[cfg(unix)]
#[test]
fn new_files_are_0644_and_existing_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let fresh = dir.path().join("fresh.csv");
    write_atomic(&fresh, b"a,b\r\n").unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&fresh), 0o644);

    let private = write(dir.path(), "private.csv", b"old");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    write_atomic(&private, b"new").unwrap();
    assert_eq!(mode(&private), 0o600);
}

#[test]
fn a_failed_write_names_the_file_and_the_step() {
    let dir = temp_dir();
    let path = dir.path().join("no-such-folder").join("plan.ics");
    let err = write_atomic(&path, b"x").unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert!(message.contains("temporary file"), "{message}");
    assert!(!path.exists());
}
