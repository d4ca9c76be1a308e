//! The outbound queue: one worker per line sends its queued messages in log order.
//!
//! The queue is the log itself (`State::queued`), so a restarted relay resumes where it
//! stopped. A send that is retryable is retried with backoff; a permanent refusal is stored
//! as a failure with Meta's code and advice.

use crate::{
    auth::random_id,
    clock,
    config::{LineConfig, Provider},
    store::{EventLog, NewEvent},
    whatsapp::graph::{GraphClient, SendError},
};
use serde_json::json;
use std::{collections::HashMap, sync::Arc, time::Duration};
use switchboard_domain::{ChatId, CommandId, DeliveryStatus, Event, LineId, MessageBody, Wamid};
use tokio::sync::{Notify, watch};

const MAX_ATTEMPTS: u32 = 5;

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
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let mut wake = HashMap::new();
        for line in lines {
            let notify = Arc::new(Notify::new());
            wake.insert(line.id.clone(), Arc::clone(&notify));
            let worker = Worker {
                log: Arc::clone(&log),
                line: line.clone(),
                graph: graph.clone(),
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

struct Worker {
    log: Arc<EventLog>,
    line: LineConfig,
    graph: GraphClient,
}

impl Worker {
    async fn run(self, notify: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
        loop {
            let queued: Vec<(ChatId, CommandId)> = self
                .log
                .read(|s| s.queued())
                .into_iter()
                .filter(|(chat, _)| chat.line() == self.line.id)
                .collect();
            for (chat, command) in queued {
                if *shutdown.borrow() {
                    return;
                }
                if let Err(error) = self.send(&chat, &command).await {
                    tracing::error!(%error, %command, "could not record the outcome of a send");
                }
            }
            tokio::select! {
                () = notify.notified() => {}
                _ = shutdown.changed() => return,
            }
        }
    }

    async fn send(
        &self,
        chat: &ChatId,
        command: &CommandId,
    ) -> Result<(), crate::store::StoreError> {
        let Some(body) = self
            .log
            .read(|s| s.message_by_command(command).map(|m| m.body.clone()))
        else {
            return Ok(());
        };
        let MessageBody::Text { body } = body else {
            return Ok(());
        };
        let outcome = match self.line.provider {
            Provider::Sandbox => Ok(Wamid::new(format!("wamid.sandbox.{}", random_id(12)))),
            Provider::Meta => self.send_with_retries(chat, &body).await,
        };
        let events = match outcome {
            Ok(wamid) => {
                let mut events = vec![NewEvent::deduped(
                    Event::OutboundAccepted {
                        command: command.clone(),
                        wamid: wamid.clone(),
                    },
                    format!("accepted:{command}"),
                )];
                if self.line.provider == Provider::Sandbox {
                    // The Sandbox phone is always online: it reports sent and delivered at once,
                    // through the same status events a real line produces.
                    for status in [DeliveryStatus::Sent, DeliveryStatus::Delivered] {
                        events.push(sandbox_status(&wamid, status, chat));
                    }
                }
                events
            }
            Err(error) => {
                tracing::warn!(%command, line = %self.line.id, ?error, "message not sent");
                vec![NewEvent::deduped(
                    Event::OutboundFailed {
                        command: command.clone(),
                        failure: error.into_failure(),
                    },
                    format!("failed:{command}"),
                )]
            }
        };
        self.log.append(events, clock::now()).await.map(|_| ())
    }

    async fn send_with_retries(&self, chat: &ChatId, body: &str) -> Result<Wamid, SendError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self
                .graph
                .send_text(&self.line, &chat.contact(), body)
                .await
            {
                Ok(wamid) => return Ok(wamid),
                Err(error) if error.retryable() && attempt < MAX_ATTEMPTS => {
                    let backoff = match &error {
                        SendError::Meta {
                            retry_after: Some(after),
                            ..
                        } => *after,
                        _ => Duration::from_millis(500 * 2u64.pow(attempt - 1)),
                    };
                    tokio::time::sleep(backoff).await;
                }
                Err(error) => return Err(error),
            }
        }
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
            raw: json!({ "id": wamid.as_str(), "status": name, "recipient_id": chat.contact().as_str(), "sandbox": true }),
        },
        format!("status:{wamid}:{name}"),
    )
}
