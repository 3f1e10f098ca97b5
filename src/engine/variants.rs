//! The three variants, always computed together on one season map.

use super::periodize::{PlanInput, periodize_all};
use super::season_map::season_map;
use crate::model::SeasonDraft;

/// Conservative, moderate and aggressive drafts of the same season (SPEC §2, "Variants").
pub fn generate_variants(input: &PlanInput<'_>) -> [SeasonDraft; 3] {
    let map = season_map(
        input.athlete,
        input.races,
        input.start(),
        input.season.week_start,
        &input.season.pinned_phase_starts,
        input.season.end,
    );
    periodize_all(input, &map)
}
