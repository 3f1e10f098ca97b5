//! The engine's text writer prints figures exactly as `format!` does.

use chrono::Weekday;
use peakline::engine::predict::{format_duration_s, format_pace};
use peakline::engine::text::{
    Fixed0, Fixed1, Signed0, TwoDigits, Whole, push_text, text, weekday_short,
};

/// Values around every kind of edge: ties at .5 and .05, negatives and negative zero,
/// binary fractions that sit just off a tie, large and odd values.
fn samples() -> Vec<f64> {
    let mut values: Vec<f64> = (-4000..=4000).map(|i| f64::from(i) / 40.0).collect();
    values.extend((-300..=300).map(|i| f64::from(i) * 0.05));
    values.extend((0..2000).map(|i| f64::from(i) * 0.1 + 0.05));
    values.extend([
        0.0,
        -0.0,
        -0.04,
        -0.4,
        0.25,
        0.35,
        2.675,
        1e14 + 0.5,
        9.999_999_999e14,
        1e15,
        -1e16,
        123_456_789.987,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ]);
    values
}

#[test]
fn fixed_figures_print_as_format_does() {
    for x in samples() {
        assert_eq!(text!(Fixed0(x)), format!("{x:.0}"), "{{:.0}} of {x:?}");
        assert_eq!(text!(Signed0(x)), format!("{x:+.0}"), "{{:+.0}} of {x:?}");
        assert_eq!(text!(Fixed1(x)), format!("{x:.1}"), "{{:.1}} of {x:?}");
        // Through `Display`, as the remaining `format!` calls use them.
        assert_eq!(
            format!("{}", Fixed0(x)),
            format!("{x:.0}"),
            "Display of {x:?}"
        );
        assert_eq!(
            format!("{:+}", Fixed0(x)),
            format!("{x:+.0}"),
            "{{:+}} of {x:?}"
        );
    }
}

#[test]
fn whole_numbers_print_as_format_does() {
    for x in samples().into_iter().chain((-50..50).map(f64::from)) {
        assert_eq!(text!(Whole(x)), format!("{x}"), "{{}} of {x:?}");
        assert_eq!(format!("{}", Whole(x)), format!("{x}"), "Display of {x:?}");
    }
    for n in [0usize, 7, 10, 52, 1234, usize::MAX] {
        assert_eq!(text!(n), n.to_string());
    }
}

#[test]
fn pieces_join_in_order() {
    let owned = String::from("Build");
    let borrowed: std::borrow::Cow<'_, str> = "easy".into();
    let joined = text!(
        owned,
        " 3/",
        7usize,
        " · ",
        Signed0(7.4),
        " % ",
        borrowed,
        ""
    );
    assert_eq!(joined, "Build 3/7 · +7 % easy");
    let week = std::iter::successors(Some(Weekday::Mon), |d| Some(d.succ())).take(7);
    for day in week {
        assert_eq!(weekday_short(day), day.to_string());
    }
}

#[test]
fn integers_and_clock_digits_print_as_format_does() {
    for n in [0u64, 5, 9, 10, 59, 99, 100, 3600, u64::MAX] {
        assert_eq!(text!(n), format!("{n}"));
        assert_eq!(text!(TwoDigits(n)), format!("{n:02}"));
    }
    for n in [0i64, 7, -7, 21, i64::MIN, i64::MAX] {
        assert_eq!(text!(n), format!("{n}"));
    }
    // The clock texts built from them.
    assert_eq!(format_duration_s(2481.0), "41:21");
    assert_eq!(format_duration_s(10_687.4), "2:58:07");
    assert_eq!(format_duration_s(65.0), "1:05");
    assert_eq!(format_duration_s(3600.0), "1:00:00");
    assert_eq!(format_pace(255.0), "4:15");
    assert_eq!(format_pace(605.0), "10:05");
}

#[test]
fn pieces_append_to_an_existing_text() {
    let mut why = String::from("Build quality");
    push_text!(
        why,
        " · ",
        "Hills",
        " instead of ",
        "Intervals",
        " (disliked) ",
        3usize
    );
    assert_eq!(
        why,
        "Build quality · Hills instead of Intervals (disliked) 3"
    );
}

/// The planner's `rounded` and `floored` are bit for bit `f64::round` and `f64::floor`: ties,
/// negatives, negative zero, the neighbours of every half, values past 2^52, NaN and
/// infinities.
#[test]
fn rounding_by_truncation_is_the_standard_rounding() {
    use peakline::engine::rounding::Rounding;
    let mut values = samples();
    for x in [
        0.5,
        1.5,
        2.5,
        -0.5,
        -1.5,
        4_503_599_627_370_495.5,
        2f64.powi(52),
        2f64.powi(53),
    ] {
        values.extend([
            x,
            x.next_up(),
            x.next_down(),
            -x,
            -x.next_up(),
            -x.next_down(),
        ]);
    }
    values.extend([
        0.499_999_999_999_999_94,
        -0.499_999_999_999_999_94,
        f64::MAX,
        f64::MIN,
    ]);
    for x in values {
        assert_eq!(x.rounded().to_bits(), x.round().to_bits(), "round {x:e}");
        assert_eq!(x.floored().to_bits(), x.floor().to_bits(), "floor {x:e}");
    }
}
