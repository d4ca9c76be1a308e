//! Login throttling: after a few failed attempts, each further attempt must wait, twice as
//! long each time. The relay keys it by account and address together, by address, and by
//! device (a device that logged in before), so a stranger's guesses never lock out the real
//! member (see the relay's `auth::Throttle`).
//!
//! An attempt takes its slot *before* the password is checked ([`Attempts::begin`]) and
//! settles it after ([`Attempts::settle`]): attempts still being checked count as failures,
//! so parallel guesses are refused like serial ones instead of all being evaluated at once.

use crate::Timestamp;

/// Failed attempts allowed before any wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait, in milliseconds.
pub const MAX_WAIT_MS: i64 = 5 * 60 * 1000;
/// Failures older than this are forgotten.
pub const FORGET_AFTER_MS: i64 = 15 * 60 * 1000;
/// What a refused attempt is told to wait while earlier attempts are still being checked.
pub const PENDING_WAIT_MS: i64 = 1000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attempts {
    failures: u32,
    /// Attempts begun and not settled yet: they may all turn out to be failures.
    pending: u32,
    last_failure: Timestamp,
}

/// How a begun attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The secret was wrong: it counts.
    Failed,
    /// The secret was right: the failures are cleared.
    Succeeded,
    /// Nothing was checked (the relay was busy, the request ended): as if never begun.
    Abandoned,
}

impl Attempts {
    /// Milliseconds until another attempt is allowed, or `None` when it is allowed now.
    /// Attempts in progress count as failures.
    pub fn wait(&self, now: Timestamp) -> Option<i64> {
        let failures = if self.stale(now) { 0 } else { self.failures };
        let counted = failures + self.pending;
        if counted < FREE_ATTEMPTS {
            return None;
        }
        if self.pending > 0 {
            return Some(PENDING_WAIT_MS);
        }
        let doublings = (counted - FREE_ATTEMPTS).min(20);
        let delay = (1000_i64 << doublings).min(MAX_WAIT_MS);
        let remaining = self.last_failure.millis() + delay - now.millis();
        (remaining > 0).then_some(remaining)
    }

    /// Takes a slot for an attempt, or says how long to wait first. A begun attempt must be
    /// settled.
    pub fn begin(&mut self, now: Timestamp) -> Result<(), i64> {
        if let Some(wait) = self.wait(now) {
            return Err(wait);
        }
        if self.stale(now) {
            self.failures = 0;
        }
        self.pending += 1;
        Ok(())
    }

    /// Ends a begun attempt.
    pub fn settle(&mut self, outcome: Outcome, now: Timestamp) {
        self.pending = self.pending.saturating_sub(1);
        match outcome {
            Outcome::Failed => self.failed(now),
            Outcome::Succeeded => self.failures = 0,
            Outcome::Abandoned => {}
        }
    }

    pub fn failed(&mut self, now: Timestamp) {
        if self.stale(now) {
            self.failures = 0;
        }
        self.failures += 1;
        self.last_failure = now;
    }

    /// Nothing left to remember: old failures and no attempt in progress.
    pub fn forgotten(&self, now: Timestamp) -> bool {
        self.pending == 0 && (self.failures == 0 || self.stale(now))
    }

    /// The last failure is old enough to be forgotten.
    fn stale(&self, now: Timestamp) -> bool {
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

    #[test]
    fn parallel_attempts_take_the_free_slots_and_the_rest_wait() {
        let mut attempts = Attempts::default();
        let t0 = Timestamp(1_000_000);
        let begun = (0..100).filter(|_| attempts.begin(t0).is_ok()).count();
        assert_eq!(begun, FREE_ATTEMPTS as usize);
        assert_eq!(attempts.begin(t0), Err(PENDING_WAIT_MS));
        assert!(!attempts.forgotten(Timestamp(t0.0 + FORGET_AFTER_MS + 1)));
        for _ in 0..FREE_ATTEMPTS {
            attempts.settle(Outcome::Failed, t0);
        }
        // Settled as failures, they wait like serial failures.
        assert_eq!(attempts.begin(t0), Err(1000));
        assert_eq!(attempts.begin(Timestamp(t0.0 + 1000)), Ok(()));
        assert_eq!(attempts.begin(Timestamp(t0.0 + 1000)), Err(PENDING_WAIT_MS));
    }

    #[test]
    fn an_abandoned_attempt_gives_its_slot_back_and_a_success_clears() {
        let mut attempts = Attempts::default();
        let t0 = Timestamp(5_000);
        for _ in 0..FREE_ATTEMPTS {
            attempts.begin(t0).expect("free");
        }
        attempts.settle(Outcome::Abandoned, t0);
        assert_eq!(attempts.begin(t0), Ok(()));
        attempts.settle(Outcome::Failed, t0);
        attempts.settle(Outcome::Failed, t0);
        attempts.settle(Outcome::Succeeded, t0);
        assert_eq!(attempts.wait(t0), None);
        assert!(attempts.forgotten(t0));
    }
}
