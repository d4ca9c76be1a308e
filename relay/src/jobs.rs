//! The runner of background jobs that follow the log (round-robin now; after-hours replies
//! and flows later). A job is a domain decision over a run of committed records; the runner
//! reads the log from the job's stored cursor and stores the new cursor in the same
//! transaction as what the job appends. After a crash, or when it falls behind a burst, a
//! job resumes exactly after what it acted on: it never skips a record and never acts on one
//! twice.

use crate::{clock::Clock, store::EventLog};
use std::{sync::Arc, time::Duration};
use switchboard_domain::{Event, EventRecord, Seq, State};
use tokio::sync::watch;

pub trait Job: Send + Sync + 'static {
    /// Its name in the store's cursors; never changed once released.
    const NAME: &'static str;
    /// What `records` call for, decided against `state` (which holds every record up to
    /// the last of them, and any appended since).
    fn decide(&self, state: &State, records: &[EventRecord]) -> Vec<Event>;
}

/// The most records one run reads.
const RUN: u32 = 512;
/// A run that decides nothing moves the cursor in memory only; it is stored at least this
/// often, so a restart reconsiders at most this many records that asked for nothing (a
/// decision is made against the state of the moment, so reconsidering one repeats nothing
/// that was done).
const STORE_EVERY: u64 = 1024;
/// How long to wait after the store failed before trying again.
const RETRY: Duration = Duration::from_secs(1);

pub struct Runner {
    pub log: Arc<EventLog>,
    pub clock: Clock,
    /// Tests only: a wait before each run.
    pub pace: Duration,
    pub stopped: watch::Receiver<bool>,
}

impl Runner {
    pub fn start<J: Job>(self, job: J) {
        tokio::spawn(self.run(Arc::new(job)));
    }

    async fn run<J: Job>(mut self, job: Arc<J>) {
        let Some(mut stored) = self.begin::<J>().await else {
            return;
        };
        let mut cursor = stored;
        let mut head = self.log.follow();
        loop {
            head.borrow_and_update();
            let records = match self.log.since(cursor, RUN).await {
                Ok(records) => records,
                Err(error) => {
                    tracing::error!(%error, job = J::NAME, "a job could not read the log");
                    if self.pause(RETRY).await {
                        return;
                    }
                    continue;
                }
            };
            let Some(upto) = records.last().map(|r| r.seq) else {
                tokio::select! {
                    changed = head.changed() => if changed.is_err() { return },
                    _ = self.stopped.changed() => {
                        self.store::<J>(stored, cursor).await;
                        return;
                    }
                }
                continue;
            };
            if !self.pace.is_zero() && self.pause(self.pace).await {
                return;
            }
            // Most runs decide nothing (round-robin off, chats held): ask the projection
            // first, so they cost no write.
            if self.log.read(|s| job.decide(s, &records).is_empty())
                && upto.0 - stored.0 < STORE_EVERY
            {
                cursor = upto;
                continue;
            }
            let decide = {
                let job = Arc::clone(&job);
                move |state: &State| job.decide(state, &records)
            };
            match self
                .log
                .append_for_job(J::NAME, upto, decide, self.clock.now())
                .await
            {
                Ok(_) => (cursor, stored) = (upto, upto),
                Err(error) => {
                    tracing::error!(%error, job = J::NAME, "a job could not store what it decided");
                    if self.pause(RETRY).await {
                        return;
                    }
                }
            }
        }
    }

    /// The job's stored cursor. A job that never ran starts at the head: it acts on what
    /// comes from now on, not on the history it was added to.
    async fn begin<J: Job>(&mut self) -> Option<Seq> {
        loop {
            let found = match self.log.job_cursor(J::NAME).await {
                Ok(Some(cursor)) => return Some(cursor),
                Ok(None) => {
                    let head = *self.log.follow().borrow();
                    self.log
                        .append_for_job(J::NAME, head, |_| Vec::new(), self.clock.now())
                        .await
                        .map(|_| head)
                }
                Err(error) => Err(error),
            };
            match found {
                Ok(cursor) => return Some(cursor),
                Err(error) => {
                    tracing::error!(%error, job = J::NAME, "a job could not find where it was");
                    if self.pause(RETRY).await {
                        return None;
                    }
                }
            }
        }
    }

    /// Stores a cursor that moved only in memory.
    async fn store<J: Job>(&self, stored: Seq, cursor: Seq) {
        if cursor != stored {
            let _ = self
                .log
                .append_for_job(J::NAME, cursor, |_| Vec::new(), self.clock.now())
                .await;
        }
    }

    /// Waits `wait`; true when the relay is stopping instead.
    async fn pause(&mut self, wait: Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(wait) => false,
            _ = self.stopped.changed() => true,
        }
    }
}
