//! Shared fixtures for the test modules.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use peakline::io::examples::EXAMPLES;
use peakline::model::Plan;

/// The fixed "today" of the tests: before the demo seasons start.
#[allow(dead_code)]
pub fn today() -> NaiveDate {
    date("2026-11-25")
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The example plan with this file name.
pub fn example(file_name: &str) -> Plan {
    EXAMPLES
        .iter()
        .find(|e| e.file_name == file_name)
        .expect("example exists")
        .load()
        .expect("example loads")
}

pub fn marathoner() -> Plan {
    example("marathoner.peakline.ron")
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}
