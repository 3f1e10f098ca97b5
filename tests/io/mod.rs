//! File tests: plan load/save, import, export.
