//! Schema migration: older plan files are brought up to [`FORMAT_VERSION`] on load.
//!
//! Each format change adds one step `vN ➡ vN+1` here, operating on the parsed plan; fields
//! added in a later version arrive through `#[serde(default)]`, renamed or re-shaped ones are
//! moved by the step. Only version 1 exists so far, so the chain has no steps yet.

use crate::model::{FORMAT_VERSION, Plan};

/// The oldest file version this build can migrate.
pub const OLDEST_READABLE_VERSION: u32 = 1;

/// A file version the chain cannot bring forward.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MigrateError {
    #[error(
        "made by a newer Peakline (file version {found}, this build reads up to {supported}); \
         update Peakline to open it"
    )]
    Newer { found: u32, supported: u32 },
    #[error(
        "file version {found} is older than any Peakline release (the oldest is \
         {OLDEST_READABLE_VERSION}); the file is damaged or not from Peakline"
    )]
    TooOld { found: u32 },
}

/// Brings `plan`, read from a file of version `from`, to the current schema.
///
/// # Errors
/// When `from` is newer than this build or older than the first release.
pub fn migrate(mut plan: Plan, from: u32) -> Result<Plan, MigrateError> {
    if from > FORMAT_VERSION {
        return Err(MigrateError::Newer {
            found: from,
            supported: FORMAT_VERSION,
        });
    }
    if from < OLDEST_READABLE_VERSION {
        return Err(MigrateError::TooOld { found: from });
    }
    // Steps go here, oldest first: `if version == 1 { step_1_to_2(&mut plan); version = 2; }`.
    plan.version = FORMAT_VERSION;
    Ok(plan)
}
