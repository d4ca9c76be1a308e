//! Login throttling: after a few failed attempts, each further attempt must wait, twice as
//! long each time. Keyed by account and by address, so guessing one account from many
//! places, or many accounts from one place, both slow down.

use crate::Timestamp;

/// Failed attempts allowed before any wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait, in milliseconds.
pub const MAX_WAIT_MS: i64 = 5 * 60 * 1000;
/// Failures older than this are forgotten.
pub const FORGET_AFTER_MS: i64 = 15 * 60 * 1000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attempts {
    failures: u32,
    last_failure: Timestamp,
}

impl Attempts {
    /// Milliseconds until another attempt is allowed, or `None` when it is allowed now.
    pub fn wait(&self, now: Timestamp) -> Option<i64> {
        if self.forgotten(now) || self.failures < FREE_ATTEMPTS {
            return None;
        }
        let doublings = (self.failures - FREE_ATTEMPTS).min(20);
        let delay = (1000_i64 << doublings).min(MAX_WAIT_MS);
        let remaining = self.last_failure.millis() + delay - now.millis();
        (remaining > 0).then_some(remaining)
    }

    pub fn failed(&mut self, now: Timestamp) {
        if self.forgotten(now) {
            self.failures = 0;
        }
        self.failures += 1;
        self.last_failure = now;
    }

    pub fn forgotten(&self, now: Timestamp) -> bool {
        now.millis() - self.last_failure.millis() > FORGET_AFTER_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_free_attempts_then_doubling_waits() {
        let mut attempts = Attempts::default();
        let t0 = Timestamp(1_000_000);
        for _ in 0..FREE_ATTEMPTS {
            assert_eq!(attempts.wait(t0), None);
            attempts.failed(t0);
        }
        assert_eq!(attempts.wait(t0), Some(1000));
        assert_eq!(attempts.wait(Timestamp(t0.0 + 1000)), None);
        attempts.failed(Timestamp(t0.0 + 1000));
        assert_eq!(attempts.wait(Timestamp(t0.0 + 1000)), Some(2000));
        for _ in 0..30 {
            attempts.failed(Timestamp(t0.0 + 1000));
        }
        assert_eq!(attempts.wait(Timestamp(t0.0 + 1000)), Some(MAX_WAIT_MS));
    }

    #[test]
    fn old_failures_are_forgotten() {
        let mut attempts = Attempts::default();
        for _ in 0..10 {
            attempts.failed(Timestamp(0));
        }
        let later = Timestamp(FORGET_AFTER_MS + 1);
        assert_eq!(attempts.wait(later), None);
        attempts.failed(later);
        assert_eq!(attempts.wait(later), None, "the count started again");
    }
}
