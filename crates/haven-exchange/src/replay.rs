//! Expiry and replay policy, kept apart from `open` so that a caller can still record the
//! receipt of a package it then refuses as stale (R24: receipt recorded at both ends).

use crate::{ExchangeError, Header};

/// How far ahead of our clock a sender's clock may run.
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;
/// The longest a package may stay valid.
pub const MAX_LIFETIME_MS: i64 = 30 * 24 * 3600 * 1000;

/// Width of the anti-replay window, in sequence numbers.
pub const WINDOW_SIZE: u64 = 64;

/// Checks a header's times against `now_ms` (Unix milliseconds, from the caller's clock).
///
/// Refuses a header whose expiry precedes its creation or whose lifetime exceeds
/// [`MAX_LIFETIME_MS`] (malformed: the sender built it wrong), one created more than
/// [`MAX_CLOCK_SKEW_MS`] in the future (not yet valid) and one past its expiry (expired). A
/// package is still valid at the very millisecond it expires.
pub fn check_times(header: &Header, now_ms: i64) -> Result<(), ExchangeError> {
    // i128 throughout: these are untrusted values and must not overflow near i64's ends.
    let created = i128::from(header.created_ms);
    let expires = i128::from(header.expires_ms);
    let now = i128::from(now_ms);
    if expires < created {
        return Err(ExchangeError::Malformed("the package expires before it was created"));
    }
    if expires - created > i128::from(MAX_LIFETIME_MS) {
        return Err(ExchangeError::Malformed("the package's lifetime is too long"));
    }
    if created > now + i128::from(MAX_CLOCK_SKEW_MS) {
        return Err(ExchangeError::NotYetValid);
    }
    if now > expires {
        return Err(ExchangeError::Expired);
    }
    Ok(())
}

/// The anti-replay window for one sender, as in IPsec (RFC 4303 §3.4.3): the highest sequence
/// number accepted, and a bitmap of the 64 numbers ending there (bit `i` set when
/// `highest - i` was accepted). Anything at or below `highest - 64` is refused as too old, since
/// the window can no longer tell whether it was seen. Sequence numbers start at 1; the default
/// window has seen nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub highest: u64,
    pub seen: u64,
}

impl Window {
    /// Whether `seq` would be accepted, without recording it. Call [`Window::accept`] only once
    /// the package has opened, so that a forged package cannot burn a sequence number.
    pub fn check(&self, seq: u64) -> Result<(), ExchangeError> {
        if seq == 0 {
            return Err(ExchangeError::Malformed("sequence numbers start at 1"));
        }
        if seq > self.highest {
            return Ok(());
        }
        let behind = self.highest - seq;
        if behind >= WINDOW_SIZE {
            return Err(ExchangeError::TooOld);
        }
        if self.seen & (1u64 << behind) != 0 {
            return Err(ExchangeError::Replayed);
        }
        Ok(())
    }

    /// Checks `seq` and records it as received.
    pub fn accept(&mut self, seq: u64) -> Result<(), ExchangeError> {
        self.check(seq)?;
        if seq > self.highest {
            let ahead = seq - self.highest;
            self.seen = if ahead >= WINDOW_SIZE { 0 } else { self.seen << ahead };
            self.seen |= 1;
            self.highest = seq;
        } else {
            self.seen |= 1u64 << (self.highest - seq);
        }
        Ok(())
    }

    /// Text for a database column: `highest:seen` with `seen` as 16 hexadecimal digits.
    pub fn encode(&self) -> String {
        format!("{}:{:016x}", self.highest, self.seen)
    }

    /// Reads [`Window::encode`]'s text back. `None` for anything else, including a bitmap that
    /// claims sequence numbers below 1 (which no sequence of `accept` calls can produce).
    pub fn decode(s: &str) -> Option<Self> {
        let (highest, seen) = s.split_once(':')?;
        if highest.is_empty()
            || !highest.bytes().all(|b| b.is_ascii_digit())
            || seen.len() != 16
            || !seen.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return None;
        }
        let highest: u64 = highest.parse().ok()?;
        let seen = u64::from_str_radix(seen, 16).ok()?;
        // Bit i stands for highest - i, which must be at least 1.
        let valid_bits = if highest >= WINDOW_SIZE { u64::MAX } else { (1u64 << highest) - 1 };
        if seen & !valid_bits != 0 {
            return None;
        }
        // Once anything has been accepted, `highest` itself has been.
        if highest > 0 && seen & 1 == 0 {
            return None;
        }
        Some(Window { highest, seen })
    }
}
