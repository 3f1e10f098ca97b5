//! Load-model parameters: defaults from the literature, or fitted to the athlete.

use serde::{Deserialize, Serialize};

/// Parameters of the fitness/fatigue model and the Banister performance model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelSettings {
    /// Fitness (CTL) time constant in days; 42 is the PMC convention (SCIENCE.md).
    pub fitness_tau_days: f64,
    /// Fatigue (ATL) time constant in days; 7 is the PMC convention.
    pub fatigue_tau_days: f64,
    /// Banister gains (Banister 1975; defaults k1 = 1, k2 = 2).
    pub k1: f64,
    pub k2: f64,
    /// Banister baseline performance p0 (arbitrary performance units).
    pub p0: f64,
    /// Whether k1, k2 and p0 were fitted to this athlete (otherwise defaults).
    pub fitted: bool,
    /// RMS error of the fit, when fitted.
    pub fit_error: Option<f64>,
}

impl Default for ModelSettings {
    fn default() -> Self {
        Self {
            fitness_tau_days: 42.0,
            fatigue_tau_days: 7.0,
            k1: 1.0,
            k2: 2.0,
            p0: 0.0,
            fitted: false,
            fit_error: None,
        }
    }
}
