//! File tests: plan load/save, import, export.

mod import;
mod import_hostile;
mod plan_file;
