//! The relay's one clock. Everything else takes time as an argument, or holds a [`Clock`]
//! that tests can set by hand.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};
use switchboard_domain::Timestamp;

#[allow(
    clippy::disallowed_methods,
    reason = "this is the one module allowed to read the clock"
)]
pub fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(millis)
}

/// A clock a part of the relay holds instead of reading the system's: a test gives it a
/// manual one, so a rule measured in seconds (a login throttle's wait) does not depend on how
/// fast the machine runs the test.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    /// Stands still until advanced.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    pub fn manual(start: Timestamp) -> Self {
        Self::Manual(Arc::new(AtomicI64::new(start.millis())))
    }

    pub fn now(&self) -> Timestamp {
        match self {
            Self::System => now(),
            Self::Manual(millis) => Timestamp(millis.load(Ordering::SeqCst)),
        }
    }

    /// Moves a manual clock on; the system clock moves by itself.
    pub fn advance(&self, millis: i64) {
        if let Self::Manual(current) = self {
            current.fetch_add(millis, Ordering::SeqCst);
        }
    }
}
