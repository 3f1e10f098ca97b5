//! Files: plan load/save (atomic, with backup), schema migration, activity import, merging
//! an athlete's copy back, calendar/CSV export, and the demo's synthetic history.
//!
//! Everything a user hands us is untrusted: every failure becomes an error that names the
//! file and says what is wrong in a sentence, never a panic.

pub mod examples;
pub mod export;
pub mod import;
mod load;
pub mod merge;
mod migrate;
pub mod report;
pub mod sample;
mod save;
mod text_position;

pub use load::{LoadError, MAX_PLAN_BYTES, load_plan, parse_plan};
pub use migrate::{MigrateError, migrate};
pub use save::{SaveError, backup_path, save_plan, serialize_plan, write_atomic};
pub use text_position::line_col_at;
