//! The relay's one clock. Every part of the relay holds the [`Clock`] it was given (the
//! configuration's: the system's, or a test's) or takes time as an argument; nothing else
//! reads the system's time.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};
use switchboard_domain::Timestamp;

#[allow(
    clippy::disallowed_methods,
    reason = "this is the one module allowed to read the clock"
)]
fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(millis)
}

/// The clock every part of the relay holds instead of reading the system's. A test gives it
/// a manual one, or a shifted one, and advances it: a session's expiry, a throttle's wait or
/// a grace period is then reached at its exact boundary, without sleeping, however fast the
/// machine runs the test.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    /// Stands still until advanced.
    Manual(Arc<AtomicI64>),
    /// The system's time moved on by however much it was advanced: it runs by itself (for
    /// what paces by real time, like sending) and jumps where a test needs a later moment.
    Shifted(Arc<AtomicI64>),
}

impl Clock {
    pub fn manual(start: Timestamp) -> Self {
        Self::Manual(Arc::new(AtomicI64::new(start.millis())))
    }

    /// The system's time, advanced by hand.
    pub fn shifted() -> Self {
        Self::Shifted(Arc::new(AtomicI64::new(0)))
    }

    pub fn now(&self) -> Timestamp {
        match self {
            Self::System => now(),
            Self::Manual(millis) => Timestamp(millis.load(Ordering::SeqCst)),
            Self::Shifted(by) => Timestamp(now().millis() + by.load(Ordering::SeqCst)),
        }
    }

    /// Moves a manual or shifted clock on; the system clock moves by itself.
    pub fn advance(&self, millis: i64) {
        match self {
            Self::System => {}
            Self::Manual(current) | Self::Shifted(current) => {
                current.fetch_add(millis, Ordering::SeqCst);
            }
        }
    }
}
