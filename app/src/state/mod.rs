//! App-wide state in context: the session, the replica's fold of the log, the sync
//! loop that feeds it, and a ticking clock for the 24-hour window.

pub mod clock;
mod outbox;
mod replica;

pub use clock::{provide_clock, use_now};
pub use outbox::{Entry as OutboxEntry, Outbox, provide_outbox, use_outbox};
pub use replica::{Connection, Replica, Session, provide_replica, use_replica};
