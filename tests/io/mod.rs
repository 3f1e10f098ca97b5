//! File tests: plan load/save, import, export.

mod apply_import;
mod export;
pub mod import;
mod import_hostile;
mod merge;
mod plan_file;
mod sample_history;
mod sample_plan;
mod write_atomic;
