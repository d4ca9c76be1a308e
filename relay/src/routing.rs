//! Round-robin assignment, run by the relay so it works with every browser closed: a job
//! ([`crate::jobs`]) that decides each run of new records with
//! [`switchboard_domain::State::round_robin_run`] and who is online now.

use crate::{jobs::Job, presence::PresenceHub};
use std::sync::Arc;
use switchboard_domain::{Event, EventRecord, State};

pub struct RoundRobin {
    pub presence: Arc<PresenceHub>,
}

impl Job for RoundRobin {
    const NAME: &'static str = "round-robin";

    fn decide(&self, state: &State, records: &[EventRecord]) -> Vec<Event> {
        state.round_robin_run(records, &self.presence.online())
    }
}
