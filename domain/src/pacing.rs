//! Pacing: token buckets for a line's throughput (Meta: 80 messages/s by default, up to
//! 1 000) and for the per-recipient pair limit (1 message every 6 s, bursts of up to 45).

use crate::Timestamp;

/// Meta's default throughput of a business number, in messages per second.
pub const DEFAULT_THROUGHPUT: u32 = 80;
/// The highest throughput Meta grants a number.
pub const MAX_THROUGHPUT: u32 = 1000;
/// Pair limit: one message to the same customer every 6 seconds…
pub const PAIR_INTERVAL_MS: i64 = 6_000;
/// …with bursts of up to 45 borrowed from the future.
pub const PAIR_BURST: u32 = 45;

/// The bucket for a line sending `per_second` messages a second. Any one-second window holds
/// at most `burst + refill` sends, so the refill is the rate less the burst: the line never
/// exceeds its throughput (Meta answers 130429 when it does). The burst of at least two
/// absorbs timers that wake a little late, which would otherwise lose that time.
pub fn line_bucket(per_second: u32, now: Timestamp) -> TokenBucket {
    let per_second = clamp_throughput(per_second);
    let burst = (per_second / 200).max(2).min(per_second);
    let refill = f64::from(per_second - burst + u32::from(burst == per_second)) / 1000.0;
    TokenBucket::new(refill, burst, now)
}

/// A token bucket: `capacity` tokens, refilled at a steady rate.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenBucket {
    capacity: f64,
    /// Tokens per millisecond.
    refill: f64,
    tokens: f64,
    last: Timestamp,
}

impl TokenBucket {
    /// A full bucket of `capacity` tokens refilled at `per_second` tokens a second.
    pub fn per_second(per_second: u32, capacity: u32, now: Timestamp) -> Self {
        Self::new(f64::from(per_second) / 1000.0, capacity, now)
    }

    /// A full bucket refilled with one token every `interval_ms`.
    pub fn every(interval_ms: i64, capacity: u32, now: Timestamp) -> Self {
        Self::new(1.0 / interval_ms.max(1) as f64, capacity, now)
    }

    fn new(refill: f64, capacity: u32, now: Timestamp) -> Self {
        let capacity = f64::from(capacity.max(1));
        Self {
            capacity,
            refill,
            tokens: capacity,
            last: now,
        }
    }

    fn refill_to(&mut self, now: Timestamp) {
        let elapsed = (now.millis() - self.last.millis()).max(0) as f64;
        self.tokens = (self.tokens + elapsed * self.refill).min(self.capacity);
        self.last = self.last.max(now);
    }

    /// Whether a token is available at `now` (without taking it), or how long until one is.
    pub fn peek(&mut self, now: Timestamp) -> Result<(), i64> {
        self.refill_to(now);
        if self.tokens >= 1.0 {
            Ok(())
        } else {
            Err(((1.0 - self.tokens) / self.refill).ceil() as i64)
        }
    }

    /// Takes a token at `now`, or says how many milliseconds until one is available.
    pub fn take(&mut self, now: Timestamp) -> Result<(), i64> {
        self.peek(now)?;
        self.tokens -= 1.0;
        Ok(())
    }

    /// Empties the bucket until `until` (Meta said to back off: 130429 with Retry-After).
    pub fn pause_until(&mut self, until: Timestamp) {
        self.tokens = 0.0;
        self.last = self.last.max(until);
    }
}

/// The throughput configured for a line, clamped to what Meta allows.
pub fn clamp_throughput(per_second: u32) -> u32 {
    per_second.clamp(1, MAX_THROUGHPUT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// How many tokens a bucket gives over `seconds`, taking whenever one is available.
    fn granted(per_second: u32, capacity: u32, seconds: i64) -> u32 {
        granted_by(
            TokenBucket::per_second(per_second, capacity, Timestamp(0)),
            seconds,
        )
    }

    #[rstest]
    #[case::default_80(80, 10)]
    #[case::upgraded_1000(1000, 10)]
    #[case::coexistence_20(20, 10)]
    fn bucket_grants_rate_times_seconds_plus_burst(#[case] rate: u32, #[case] seconds: i64) {
        let burst = rate;
        let expected = rate * seconds as u32 + burst;
        let got = granted(rate, burst, seconds);
        assert!(
            got.abs_diff(expected) <= 1,
            "got {got}, expected {expected}"
        );
    }

    #[test]
    fn one_thousand_fit_in_a_second_but_not_one_thousand_and_one() {
        let mut bucket = TokenBucket::per_second(1000, 1000, Timestamp(0));
        for _ in 0..1000 {
            assert!(bucket.take(Timestamp(0)).is_ok());
        }
        assert_eq!(bucket.take(Timestamp(0)), Err(1));
        assert!(bucket.take(Timestamp(1)).is_ok());
    }

    #[test]
    fn pair_limit_allows_a_burst_of_45_then_one_every_6_seconds() {
        let mut pair = TokenBucket::every(PAIR_INTERVAL_MS, PAIR_BURST, Timestamp(0));
        for _ in 0..45 {
            assert!(pair.take(Timestamp(0)).is_ok());
        }
        assert_eq!(pair.take(Timestamp(0)), Err(6_000));
        assert_eq!(pair.take(Timestamp(5_999)), Err(1));
        assert!(pair.take(Timestamp(6_000)).is_ok());
    }

    #[test]
    fn pause_holds_tokens_back_until_the_given_time() {
        let mut bucket = TokenBucket::per_second(80, 80, Timestamp(0));
        bucket.pause_until(Timestamp(2_000));
        assert!(bucket.take(Timestamp(1_000)).is_err());
        assert!(bucket.take(Timestamp(2_013)).is_ok());
    }

    /// The most sends any one-second window holds when tokens are taken as soon as they exist.
    fn busiest_second(mut bucket: TokenBucket, seconds: i64) -> usize {
        let mut sends = Vec::new();
        let mut now = 0;
        while now < seconds * 1000 {
            match bucket.take(Timestamp(now)) {
                Ok(()) => sends.push(now),
                Err(wait) => now += wait.max(1),
            }
        }
        sends
            .iter()
            .enumerate()
            .map(|(i, t)| sends[i..].iter().take_while(|u| **u < t + 1000).count())
            .max()
            .unwrap_or(0)
    }

    #[rstest]
    #[case(80)]
    #[case(1000)]
    #[case(20)]
    fn line_bucket_never_exceeds_the_rate_in_any_second(#[case] rate: u32) {
        let busiest = busiest_second(line_bucket(rate, Timestamp(0)), 10);
        assert!(
            busiest <= rate as usize,
            "{busiest} sends in one second at {rate}/s"
        );
        let sustained = f64::from(granted_by(line_bucket(rate, Timestamp(0)), 10)) / 10.0;
        let burst = f64::from((rate / 200).max(2));
        assert!(
            sustained >= f64::from(rate) - burst,
            "sustained {sustained}/s at {rate}/s"
        );
    }

    fn granted_by(mut bucket: TokenBucket, seconds: i64) -> u32 {
        let mut count = 0;
        let mut now = 0;
        while now < seconds * 1000 {
            match bucket.take(Timestamp(now)) {
                Ok(()) => count += 1,
                Err(wait) => now += wait.max(1),
            }
        }
        count
    }

    #[test]
    fn throughput_is_clamped_to_meta_limits() {
        assert_eq!(clamp_throughput(0), 1);
        assert_eq!(clamp_throughput(5000), 1000);
        assert_eq!(clamp_throughput(80), 80);
    }
}
