//! File tests: plan load/save, import, export.

mod plan_file;
