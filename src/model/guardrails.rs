//! The coach's hard limits. The engine never plans past them, in any variant.

use serde::{Deserialize, Serialize};

use super::RunnerType;

/// Coach-set limits (SPEC §1). Every variant, even the aggressive one, stays inside them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Guardrails {
    /// Largest week-over-week load increase outside down weeks, in percent.
    pub max_weekly_increase_pct: f64,
    pub max_hard_sessions_per_week: u8,
    pub min_rest_days_per_week: u8,
    /// Largest share of the week's running distance the long run may take, in percent.
    pub max_long_run_share_pct: f64,
    /// Reported pain at or above this (0–10) blocks intensity.
    pub pain_blocks_intensity_at: u8,
    /// Optional ceiling on weekly running distance (a comeback runner's cap).
    pub max_weekly_volume_km: Option<f64>,
}

impl Default for Guardrails {
    fn default() -> Self {
        Self::defaults_for(RunnerType::Marathoner)
    }
}

impl Guardrails {
    /// Starting guardrails for a runner type (SCIENCE.md, "Peakline's starting defaults").
    pub fn defaults_for(runner_type: RunnerType) -> Self {
        let base = Self {
            max_weekly_increase_pct: 10.0,
            max_hard_sessions_per_week: 3,
            min_rest_days_per_week: 1,
            max_long_run_share_pct: 30.0,
            pain_blocks_intensity_at: 4,
            max_weekly_volume_km: None,
        };
        match runner_type {
            RunnerType::Marathoner | RunnerType::MultiRace => base,
            RunnerType::FiveTenK => Self {
                max_long_run_share_pct: 28.0,
                ..base
            },
            // Masters: longer recovery between hard sessions, so fewer of them.
            RunnerType::Masters => Self {
                max_weekly_increase_pct: 8.0,
                max_hard_sessions_per_week: 2,
                min_rest_days_per_week: 2,
                ..base
            },
            // Comeback: the coach's guardrails are the primary safety system (source article).
            RunnerType::Comeback => Self {
                max_weekly_increase_pct: 7.0,
                max_hard_sessions_per_week: 1,
                min_rest_days_per_week: 2,
                max_long_run_share_pct: 30.0,
                pain_blocks_intensity_at: 3,
                max_weekly_volume_km: None,
            },
        }
    }
}
