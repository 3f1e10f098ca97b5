//! The domain: what a plan file holds (SPEC §1).
//!
//! Plain data with serde derives and small helpers. Nothing here draws, reads files or
//! looks at the clock; the engine computes on these types and `io` stores them.
//!
//! # Design
//! The whole plan file is one [`Plan`] value. Saved collections are `Vec`s or `BTreeMap`s so
//! the RON output is stable and diffs stay small; optional parts carry `#[serde(default)]` so a
//! file missing them still loads.

mod activity;
mod athlete;
mod change;
mod guardrails;
mod plan;
mod race;
mod review;
mod season;
mod session;
mod settings;
mod validate;
mod warning;
mod wellness;

pub use activity::{Actual, ActualId, Completion, Source, Sport};
pub use athlete::{
    Athlete, Baseline, Equipment, Injury, Preferences, RaceResult, RunnerType, Sex,
    SleepConsistency,
};
pub use change::{Author, Change, ChangeEntry, Reason, ReasonPick};
pub use guardrails::Guardrails;
pub use plan::{
    AdoptedPlan, FORMAT_TAG, FORMAT_VERSION, Plan, PmcStart, SeasonDraft, VariantKind, Variants,
    Week, WeekStatus,
};
pub use race::{Priority, Race, RaceDistance};
pub use review::{Decision, DecisionChoice, Review, ReviewKind};
pub use season::{Phase, PhaseKind, Season, WeekStart};
pub use session::{PaceRange, Session, SessionId, SessionType};
pub use settings::ModelSettings;
pub use validate::{Problem, validate};
pub use warning::{Severity, Warning};
pub use wellness::Wellness;

/// Sums f64s from +0.0. `Iterator::sum` starts at -0.0 (IEEE 754), so an empty sum would show
/// as "-0" to a coach.
pub trait Total: Iterator<Item = f64> + Sized {
    fn total(self) -> f64 {
        self.fold(0.0, |a, b| a + b)
    }
}

impl<I: Iterator<Item = f64>> Total for I {}

/// `one` or `many` by count, for texts shown to people ("1 week", "3 weeks").
pub fn plural(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n.abs() == 1 { one } else { many }
}
