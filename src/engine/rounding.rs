//! `round` and `floor` without the library call. On baseline x86-64 (no SSE4.1) `f64::round`
//! and `f64::floor` are calls into compiler-builtins' software versions, about 40 instructions
//! each, and the planner rounds minutes and distances some ten thousand times per re-plan.
//! Converting to an integer truncates in one instruction; the results are bit for bit those
//! of the standard methods (sign of zero included), which the tests check.

/// From 2^52 on, every `f64` is a whole number.
const WHOLE_FROM: f64 = 4_503_599_627_370_496.0;

/// [`f64::round`] and [`f64::floor`], computed by truncation.
pub trait Rounding {
    /// Nearest whole number, halves away from zero, as [`f64::round`].
    fn rounded(self) -> Self;
    /// Largest whole number not above, as [`f64::floor`].
    fn floored(self) -> Self;
}

impl Rounding for f64 {
    #[inline]
    fn rounded(self) -> f64 {
        if self.is_nan() || self.abs() >= WHOLE_FROM {
            return self; // whole already, infinite or NaN
        }
        // Exact: |self| < 2^52 fits an i64, and self − trunc is the low bits of self.
        let t = ((self as i64) as f64).copysign(self);
        let fraction = self - t;
        if fraction >= 0.5 {
            t + 1.0
        } else if fraction <= -0.5 {
            t - 1.0
        } else {
            t
        }
    }

    #[inline]
    fn floored(self) -> f64 {
        if self.is_nan() || self.abs() >= WHOLE_FROM {
            return self;
        }
        let t = ((self as i64) as f64).copysign(self);
        if t > self { t - 1.0 } else { t }
    }
}
