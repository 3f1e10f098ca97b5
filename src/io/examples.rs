//! The example athletes, embedded in the binary so the app works from any folder, offline.

use std::path::Path;

use chrono::NaiveDate;

use super::sample::{DEMO_SEED, extend_history};
use super::{LoadError, parse_plan};
use crate::model::Plan;

/// An embedded example plan: a file name and its text.
pub struct Example {
    pub file_name: &'static str,
    /// Runner type it demonstrates, for menus.
    pub title: &'static str,
    pub text: &'static str,
}

/// One example per runner type of the product; the first is the demo the app opens.
pub const EXAMPLES: [Example; 5] = [
    Example {
        file_name: "marathoner.peakline.ron",
        title: "Marathoner (A marathon, B half, C 10K)",
        text: include_str!("../../assets/examples/marathoner.peakline.ron"),
    },
    Example {
        file_name: "5k10k.peakline.ron",
        title: "5K/10K racer",
        text: include_str!("../../assets/examples/5k10k.peakline.ron"),
    },
    Example {
        file_name: "masters.peakline.ron",
        title: "Masters runner",
        text: include_str!("../../assets/examples/masters.peakline.ron"),
    },
    Example {
        file_name: "comeback.peakline.ron",
        title: "Comeback runner",
        text: include_str!("../../assets/examples/comeback.peakline.ron"),
    },
    Example {
        file_name: "multi_race.peakline.ron",
        title: "Multi-race athlete (two A races)",
        text: include_str!("../../assets/examples/multi_race.peakline.ron"),
    },
];

impl Example {
    /// Parses the embedded text like any plan file.
    ///
    /// # Errors
    /// Only if the embedded file is broken (a test guards against that).
    pub fn load(&self) -> Result<Plan, LoadError> {
        parse_plan(Path::new(self.file_name), self.text.as_bytes())
    }

    /// The example as a user opening it on `today` sees it: an example that ships with a
    /// synthetic training history (the demo) has that history carried on up to yesterday
    /// ([`extend_history`]),
    /// so its dashboard and weekly review read a current log rather than one that stopped on
    /// the day the file was made. The same `today` always gives the same plan.
    ///
    /// # Errors
    /// As [`Example::load`].
    pub fn load_as_of(&self, today: NaiveDate) -> Result<Plan, LoadError> {
        let mut plan = self.load()?;
        extend_history(&mut plan, today, DEMO_SEED);
        Ok(plan)
    }
}

/// The demo the app opens when started without a file.
pub fn demo() -> &'static Example {
    &EXAMPLES[0]
}
