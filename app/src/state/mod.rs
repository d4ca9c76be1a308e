//! App-wide state in context: the session, the replica's fold of the log, the sync
//! loop that feeds it, and a ticking clock for the 24-hour window.

pub mod clock;
mod replica;

pub use clock::{provide_clock, use_now};
pub use replica::{Connection, Replica, Session, provide_replica, use_replica};
