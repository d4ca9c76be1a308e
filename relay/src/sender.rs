//! The outbound queue: one worker per line sends its queued messages.
//!
//! The queue is the log itself (`State::queued`), so a restarted relay resumes where it
//! stopped. Sends run concurrently within the line's throughput (a token bucket) and the
//! per-recipient pair limit, one at a time per customer so a customer's messages keep their
//! order. A retryable failure is retried with backoff (130429 pauses the whole line for
//! `Retry-After`; 131056 backs off per customer, 4^n seconds); a permanent one is stored with
//! Meta's code and advice.
//!
//! Sends never repeat: each is recorded as attempted before the Graph API is called, and
//! carries its id in `biz_opaque_callback_data`. One that was attempted with no answer
//! recorded (the relay stopped, or the answer was lost) is in doubt and is not sent again: a
//! status naming it settles it, and after `[sending] unconfirmed_after_minutes` without one it
//! is unconfirmed, for the agent to send again if they choose.

use crate::{
    auth::random_id,
    clock::Clock,
    config::{LineConfig, Provider, SendingConfig},
    store::{EventLog, NewEvent},
    whatsapp::graph::{GraphClient, Recipient, SendError},
};
use serde_json::json;
use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
    time::Duration,
};
use switchboard_domain::{
    ChatId, CommandId, ContactId, DeliveryStatus, Event, LineId, MessageBody, Timestamp, Wamid,
    pacing::{PAIR_BURST, PAIR_INTERVAL_MS, TokenBucket, line_bucket},
    status::callback_for,
};
use tokio::sync::{Notify, mpsc, watch};

const MAX_ATTEMPTS: u32 = 5;
/// How many queued messages a worker looks at per pass.
const WINDOW: usize = 4096;

#[derive(Clone)]
pub struct Sender {
    wake: Arc<HashMap<LineId, Arc<Notify>>>,
}

impl Sender {
    /// Starts one worker per line; they stop when `shutdown` turns true.
    pub fn start(
        log: Arc<EventLog>,
        lines: &[LineConfig],
        graph: GraphClient,
        sending: SendingConfig,
        clock: Clock,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let mut wake = HashMap::new();
        for line in lines {
            let notify = Arc::new(Notify::new());
            wake.insert(line.id.clone(), Arc::clone(&notify));
            let worker = Worker {
                log: Arc::clone(&log),
                line: Arc::new(line.clone()),
                graph: graph.clone(),
                grace_ms: i64::from(sending.unconfirmed_after_minutes) * 60_000,
                clock: clock.clone(),
            };
            tokio::spawn(worker.run(notify, shutdown.clone()));
        }
        Self {
            wake: Arc::new(wake),
        }
    }

    /// Tells the line's worker that something was queued.
    pub fn wake(&self, line: &LineId) {
        if let Some(notify) = self.wake.get(line) {
            notify.notify_one();
        }
    }
}

/// A send task tells its worker it is done with a customer.
struct Done {
    contact: ContactId,
    command: CommandId,
}

/// The line's throughput bucket, shared by the worker (first attempts) and the send tasks
/// (retries), so that retries are paced like everything else.
#[derive(Clone)]
struct Pacer(Arc<std::sync::Mutex<TokenBucket>>, Clock);

impl Pacer {
    fn new(throughput: u32, clock: Clock) -> Self {
        let bucket = line_bucket(throughput, clock.now());
        Self(Arc::new(std::sync::Mutex::new(bucket)), clock)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TokenBucket> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn try_take(&self) -> Result<(), i64> {
        let now = self.1.now();
        self.lock().take(now)
    }

    async fn take(&self) {
        while let Err(wait) = self.try_take() {
            tokio::time::sleep(Duration::from_millis(wait.max(1).unsigned_abs())).await;
        }
    }

    /// Meta said the line is over its throughput: hold every send until `until`.
    fn pause_until(&self, until: Timestamp) {
        self.lock().pause_until(until);
    }
}

struct Worker {
    log: Arc<EventLog>,
    line: Arc<LineConfig>,
    graph: GraphClient,
    /// How long a message in doubt waits for Meta's word before it is unconfirmed.
    grace_ms: i64,
    clock: Clock,
}

impl Worker {
    async fn run(self, notify: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
        let pacer = Pacer::new(self.line.throughput, self.clock.clone());
        let mut pairs: HashMap<ContactId, TokenBucket> = HashMap::new();
        let mut busy: HashSet<ContactId> = HashSet::new();
        let mut started: HashSet<CommandId> = HashSet::new();
        let (done, mut finished) = mpsc::unbounded_channel();
        loop {
            let mut wait_ms: Option<i64> = None;
            let mut soonest =
                |wait: i64| wait_ms = Some(wait_ms.map_or(wait, |w: i64| w.min(wait)));
            // Pick, in log order, what the line's and each customer's buckets allow now.
            let picked: Vec<(ChatId, CommandId)> = self.log.read(|state| {
                let now = self.clock.now();
                let mut picked = Vec::new();
                let queued = state
                    .queued()
                    .filter(|(chat, _)| chat.line() == self.line.id);
                for (chat, command) in queued.take(WINDOW) {
                    if started.contains(command) {
                        continue;
                    }
                    let contact = chat.contact();
                    if busy.contains(&contact) {
                        continue;
                    }
                    let pair = pairs
                        .entry(contact.clone())
                        .or_insert_with(|| TokenBucket::every(PAIR_INTERVAL_MS, PAIR_BURST, now));
                    if let Err(wait) = pair.peek(now) {
                        soonest(wait);
                        continue;
                    }
                    if let Err(wait) = pacer.try_take() {
                        soonest(wait);
                        break;
                    }
                    let _ = pair.take(now);
                    busy.insert(contact);
                    started.insert(command.clone());
                    picked.push((chat.clone(), command.clone()));
                }
                picked
            });
            // Messages in doubt (not in this worker's hands) whose grace period is over.
            let (due, next) = self.log.read(|state| {
                state.unconfirmed_due(&self.line.id, self.clock.now(), self.grace_ms, |c| {
                    started.contains(c)
                })
            });
            if let Some(next) = next {
                soonest(next.millis() - self.clock.now().millis());
            }
            if !due.is_empty() {
                let events = due
                    .into_iter()
                    .map(|command| {
                        let key = format!("unconfirmed:{command}");
                        NewEvent::deduped(Event::OutboundUnconfirmed { command }, key)
                    })
                    .collect();
                if let Err(error) = self.log.append(events, self.clock.now()).await {
                    tracing::error!(%error, "could not record unconfirmed messages");
                    soonest(1_000);
                }
            }
            for (chat, command) in picked {
                let task = SendTask {
                    log: Arc::clone(&self.log),
                    line: Arc::clone(&self.line),
                    graph: self.graph.clone(),
                    pacer: pacer.clone(),
                    done: done.clone(),
                    clock: self.clock.clone(),
                };
                tokio::spawn(task.run(chat, command));
            }
            let pause = wait_ms.map(|ms| Duration::from_millis(ms.max(1).unsigned_abs()));
            tokio::select! {
                () = notify.notified() => {}
                Some(Done { contact, command }) = finished.recv() => {
                    busy.remove(&contact);
                    started.remove(&command);
                }
                () = sleep_or_forever(pause) => {}
                _ = shutdown.changed() => return,
            }
            // Forget idle customers whose pair bucket is full again.
            if pairs.len() > 10_000 {
                let now = self.clock.now();
                pairs.retain(|contact, bucket| busy.contains(contact) || bucket.peek(now).is_err());
            }
        }
    }
}

async fn sleep_or_forever(pause: Option<Duration>) {
    match pause {
        Some(pause) => tokio::time::sleep(pause).await,
        None => std::future::pending().await,
    }
}

struct SendTask {
    log: Arc<EventLog>,
    line: Arc<LineConfig>,
    graph: GraphClient,
    pacer: Pacer,
    done: mpsc::UnboundedSender<Done>,
    clock: Clock,
}

impl SendTask {
    async fn run(self, chat: ChatId, command: CommandId) {
        if let Err(error) = self.send(&chat, &command).await {
            tracing::error!(%error, %command, "could not record the outcome of a send");
        }
        let _ = self.done.send(Done {
            contact: chat.contact(),
            command,
        });
    }

    async fn send(
        &self,
        chat: &ChatId,
        command: &CommandId,
    ) -> Result<(), crate::store::StoreError> {
        let Some((body, reply_to, address, group)) = self.log.read(|s| {
            let (address, group) = s
                .chat(chat)
                .map_or((chat.contact(), false), |c| (c.address.clone(), c.group));
            s.message_by_command(command)
                .map(|m| (m.body.clone(), m.context.reply_to.clone(), address, group))
        }) else {
            return Ok(());
        };
        let to = if group {
            Recipient::Group(&address)
        } else {
            Recipient::Person(&address)
        };
        let outcome = match self.line.provider {
            Provider::Sandbox => Ok(Wamid::new(format!("wamid.sandbox.{}", random_id(12)))),
            Provider::Meta => {
                // On disk before Meta can have it: after a crash it is in doubt, not resent.
                let attempted = NewEvent::deduped(
                    Event::OutboundAttempted {
                        command: command.clone(),
                    },
                    format!("attempted:{command}"),
                );
                self.log.append(vec![attempted], self.clock.now()).await?;
                let callback = callback_for(command);
                self.send_with_retries(to, &body, reply_to.as_ref(), &callback)
                    .await
            }
        };
        if let Err(SendError::Unanswered(cause)) = &outcome {
            tracing::warn!(%command, line = %self.line.id, %cause, "no answer from Meta: the message is in doubt");
            return Ok(());
        }
        let alerted = self.log.read(|s| s.alerts.contains_key(&self.line.id));
        let mut events = Vec::new();
        match outcome {
            Ok(wamid) => {
                if alerted {
                    events.push(NewEvent::new(Event::LineAlertCleared {
                        line: self.line.id.clone(),
                    }));
                }
                events.push(NewEvent::deduped(
                    Event::OutboundAccepted {
                        command: command.clone(),
                        wamid: wamid.clone(),
                    },
                    format!("accepted:{command}"),
                ));
                if self.line.provider == Provider::Sandbox {
                    // The Sandbox phone is always online: it reports sent and delivered at once,
                    // through the same status events a real line produces.
                    for status in [DeliveryStatus::Sent, DeliveryStatus::Delivered] {
                        events.push(sandbox_status(&wamid, status, chat));
                    }
                }
            }
            Err(error) => {
                tracing::warn!(%command, line = %self.line.id, ?error, "message not sent");
                if error.is_token_error() && !alerted {
                    events.push(NewEvent::new(Event::LineAlertRaised {
                        line: self.line.id.clone(),
                        code: error.code(),
                        message: format!(
                            "Meta rejected the access token of line {} ({}): an admin must update it in the configuration and restart the relay.",
                            self.line.name,
                            error.code().unwrap_or_default()
                        ),
                    }));
                }
                events.push(NewEvent::deduped(
                    Event::OutboundFailed {
                        command: command.clone(),
                        failure: error.into_failure(),
                    },
                    format!("failed:{command}"),
                ));
            }
        }
        self.log.append(events, self.clock.now()).await.map(|_| ())
    }

    async fn send_with_retries(
        &self,
        to: Recipient<'_>,
        body: &MessageBody,
        reply_to: Option<&Wamid>,
        callback: &str,
    ) -> Result<Wamid, SendError> {
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            match self
                .graph
                .send(&self.line, to, body, reply_to, callback)
                .await
            {
                Ok(wamid) => return Ok(wamid),
                Err(error) if error.retryable() && attempt < MAX_ATTEMPTS => {
                    let backoff = backoff(&error, attempt);
                    if error.code() == Some(130_429) {
                        let until = self.clock.now().millis()
                            + i64::try_from(backoff.as_millis()).unwrap_or(i64::MAX);
                        self.pacer.pause_until(Timestamp(until));
                    }
                    tokio::time::sleep(backoff).await;
                    self.pacer.take().await;
                }
                Err(error) => return Err(error),
            }
        }
    }
}

/// How long to wait before attempt `attempt + 1`.
fn backoff(error: &SendError, attempt: u32) -> Duration {
    match (error, error.code()) {
        (
            SendError::Meta {
                retry_after: Some(after),
                ..
            },
            _,
        ) => *after,
        // Meta's advice for the pair limit: retry after 4^X seconds.
        (_, Some(131_056)) => Duration::from_secs(4u64.pow(attempt - 1)),
        _ => Duration::from_millis(500 * 2u64.pow(attempt - 1)),
    }
}

/// A status event as the Sandbox line's "phone" reports it.
pub fn sandbox_status(wamid: &Wamid, status: DeliveryStatus, chat: &ChatId) -> NewEvent {
    let name = match status {
        DeliveryStatus::Sent => "sent",
        DeliveryStatus::Delivered => "delivered",
        _ => "read",
    };
    NewEvent::deduped(
        Event::StatusUpdated {
            wamid: wamid.clone(),
            status,
            failure: None,
            pricing: None,
            callback_data: None,
            at: None,
            participant: None,
            raw: json!({ "id": wamid.as_str(), "status": name, "recipient_id": chat.contact().as_str(), "sandbox": true }),
        },
        format!("status:{wamid}:{name}"),
    )
}
