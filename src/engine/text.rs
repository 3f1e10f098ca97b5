//! Writing the engine's texts cheaply. Every re-plan writes about two thousand session
//! descriptions and reasons, and `format!` spent more time on them than the planning itself
//! (dynamic dispatch per argument, float formatting, re-allocation). [`text!`] joins the pieces
//! into one string allocated once, and numbers are written by an integer formatter.
//!
//! The figures print exactly as `format!` prints them (`{}` of a whole `f64`, `{:.0}`,
//! `{:+.0}`, `{:.1}`), so a text reads the same whichever way it was written.

use std::borrow::Cow;
use std::fmt;

use chrono::Weekday;

/// Joins pieces ([`Piece`]: strings and the number wrappers of this module) into a `String`.
///
/// `text!(Whole(45.0), " min easy, conversational (", fast, "–", slow, " /km)")`
#[macro_export]
macro_rules! text {
    ($($piece:expr),+ $(,)?) => {{
        let pieces: &[&dyn $crate::engine::text::Piece] = &[$(&$piece),+];
        $crate::engine::text::join(pieces)
    }};
}
pub use crate::text;

/// Appends pieces to a `String`, as [`text!`] writes them: `push_text!(why, " · ", kind.label())`.
#[macro_export]
macro_rules! push_text {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        let pieces: &[&dyn $crate::engine::text::Piece] = &[$(&$piece),+];
        $crate::engine::text::append(&mut $out, pieces)
    }};
}
pub use crate::push_text;

/// Something [`text!`] can write.
pub trait Piece {
    /// Appends the piece.
    fn put(&self, out: &mut String);
    /// Bytes the piece will probably take, to allocate once.
    fn size_hint(&self) -> usize;
}

/// Writes the pieces into one string allocated once. Not through [`append`]: `reserve` on an
/// empty string is a call where `with_capacity` is not, and this runs for every text.
pub fn join(pieces: &[&dyn Piece]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.size_hint()).sum());
    for piece in pieces {
        piece.put(&mut out);
    }
    out
}

/// Appends the pieces to `out`, growing it at most once.
pub fn append(out: &mut String, pieces: &[&dyn Piece]) {
    out.reserve(pieces.iter().map(|p| p.size_hint()).sum());
    for piece in pieces {
        piece.put(out);
    }
}

/// Strings are written as they are.
macro_rules! string_piece {
    ($($ty:ty),+) => {$(
        impl Piece for $ty {
            fn put(&self, out: &mut String) {
                out.push_str(self);
            }
            fn size_hint(&self) -> usize {
                self.len()
            }
        }
    )+};
}

string_piece!(&str, String, &String, Cow<'_, str>);

/// Counts and clock figures are written by the integer formatter.
macro_rules! unsigned_piece {
    ($($ty:ty),+) => {$(
        impl Piece for $ty {
            fn put(&self, out: &mut String) {
                push_digits(out, false, false, *self as u64);
            }
            fn size_hint(&self) -> usize {
                NUMBER_HINT
            }
        }
    )+};
}

unsigned_piece!(usize, u64);

/// Minutes or seconds of a clock time as `{:02}` prints them: at least two digits.
#[derive(Clone, Copy, Debug)]
pub struct TwoDigits(pub u64);

impl Piece for TwoDigits {
    fn put(&self, out: &mut String) {
        if self.0 < 10 {
            out.push('0');
        }
        push_digits(out, false, false, self.0);
    }
    fn size_hint(&self) -> usize {
        2
    }
}

impl Piece for i64 {
    fn put(&self, out: &mut String) {
        push_digits(out, *self < 0, false, self.unsigned_abs());
    }
    fn size_hint(&self) -> usize {
        NUMBER_HINT
    }
}

/// Digits of a number are guessed at this many bytes: most figures in the texts are short.
const NUMBER_HINT: usize = 4;

/// A whole number (minutes, reps) as `{}` prints the `f64`.
#[derive(Clone, Copy, Debug)]
pub struct Whole(pub f64);

impl Whole {
    /// The integer the float prints as, when it is one (`-0.0` prints as "-0" and huge values
    /// print every digit of the float: those go through the float formatter).
    fn integer(self) -> Option<(bool, u64)> {
        let x = self.0;
        // `as` truncates in one instruction where `fract` is a library call on baseline x86-64.
        (x != 0.0 && x.abs() < 1e15 && (x.abs() as u64) as f64 == x.abs())
            .then(|| (x < 0.0, x.abs() as u64))
    }
}

impl fmt::Display for Whole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.integer() {
            Some((negative, n)) => write_ascii(f, signed_digits(negative, false, n, &mut [0; 21])),
            None => write!(f, "{}", self.0),
        }
    }
}

impl Piece for Whole {
    fn put(&self, out: &mut String) {
        match self.integer() {
            Some((negative, n)) => push_digits(out, negative, false, n),
            None => out.push_str(&self.0.to_string()),
        }
    }
    fn size_hint(&self) -> usize {
        NUMBER_HINT
    }
}

/// A number as `{:.0}` prints the `f64` — the nearest integer, ties to even, "-0" for small
/// negatives.
#[derive(Clone, Copy, Debug)]
pub struct Fixed0(pub f64);

/// A number as `{:+.0}` prints the `f64`: [`Fixed0`] with a "+" on positive values.
#[derive(Clone, Copy, Debug)]
pub struct Signed0(pub f64);

/// Writes `x` as `{:.0}` (or `{:+.0}` with `plus`) would.
fn put_fixed0(x: f64, plus: bool, out: &mut String) {
    if x.is_nan() || x.abs() >= 1e15 {
        out.push_str(&if plus {
            format!("{x:+.0}")
        } else {
            format!("{x:.0}")
        });
        return;
    }
    let n = nearest(x.abs());
    push_digits(out, x.is_sign_negative(), plus, n);
}

impl fmt::Display for Fixed0 {
    /// Honours `{:+}` too, so `format!("{:+}", Fixed0(x))` prints as `{:+.0}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() || x.abs() >= 1e15 {
            return fmt::Display::fmt(&x, f);
        }
        let n = nearest(x.abs());
        write_ascii(
            f,
            signed_digits(x.is_sign_negative(), f.sign_plus(), n, &mut [0; 21]),
        )
    }
}

impl Piece for Fixed0 {
    fn put(&self, out: &mut String) {
        put_fixed0(self.0, false, out);
    }
    fn size_hint(&self) -> usize {
        NUMBER_HINT
    }
}

impl Piece for Signed0 {
    fn put(&self, out: &mut String) {
        put_fixed0(self.0, true, out);
    }
    fn size_hint(&self) -> usize {
        NUMBER_HINT
    }
}

/// A non-negative `x < 1e15` rounded to the nearest integer, ties to even, as `{:.0}` rounds:
/// adding 2^52 leaves no fraction bits, so the sum is rounded exactly that way (and without
/// the library call `round_ties_even` is on baseline x86-64).
fn nearest(x: f64) -> u64 {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    (x + TWO_52) as u64 - TWO_52 as u64
}

/// A number as `{:.1}` prints the `f64` (distances in km).
#[derive(Clone, Copy, Debug)]
pub struct Fixed1(pub f64);

impl Piece for Fixed1 {
    fn put(&self, out: &mut String) {
        let x = self.0;
        let tenths = x * 10.0;
        // `{:.1}` rounds the exact decimal value of `x`, ties to even. `x * 10` is rounded
        // itself, which only matters right at a tie: those (and odd values) take the float
        // formatter.
        let near_tie = (tenths.abs().fract() - 0.5).abs() < 1e-6;
        if !tenths.is_finite() || tenths.abs() >= 1e15 || near_tie {
            out.push_str(&format!("{x:.1}"));
            return;
        }
        let n = nearest(tenths.abs());
        push_digits(out, x.is_sign_negative(), false, n / 10);
        out.push('.');
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    fn size_hint(&self) -> usize {
        NUMBER_HINT + 2
    }
}

/// The sign and decimal digits of `n`, written into `buf` (a `u64` has at most 20 digits).
fn signed_digits(negative: bool, plus: bool, mut n: u64, buf: &mut [u8; 21]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        buf[i] = b'-';
    } else if plus {
        i -= 1;
        buf[i] = b'+';
    }
    &buf[i..]
}

/// Appends the sign and decimal digits of `n` a character at a time: for the few digits of
/// a figure that costs less than checking them as UTF-8 and copying them as a string.
fn push_digits(out: &mut String, negative: bool, plus: bool, n: u64) {
    for &byte in signed_digits(negative, plus, n, &mut [0; 21]) {
        out.push(char::from(byte));
    }
}

/// Writes ASCII bytes (digits and signs) to a formatter.
fn write_ascii(f: &mut fmt::Formatter<'_>, ascii: &[u8]) -> fmt::Result {
    f.write_str(std::str::from_utf8(ascii).unwrap_or_default())
}

/// A weekday as chrono prints it ("Mon"), without the formatter.
pub fn weekday_short(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}
