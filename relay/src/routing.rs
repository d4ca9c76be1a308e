//! Round-robin assignment, run by the relay so it works with every browser closed: each
//! customer message is checked against [`switchboard_domain::State::round_robin`] with who
//! is online now.

use crate::{clock, presence::PresenceHub, store::EventLog};
use std::sync::Arc;
use switchboard_domain::Event;
use tokio::sync::{broadcast::error::RecvError, watch};

pub fn start(log: Arc<EventLog>, presence: Arc<PresenceHub>, mut stopped: watch::Receiver<bool>) {
    let mut live = log.subscribe();
    tokio::spawn(async move {
        loop {
            let record = tokio::select! {
                received = live.recv() => match received {
                    Ok(record) => record,
                    // A burst too large to follow: those chats stay in their team's queue.
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "round-robin fell behind; some chats stay unassigned");
                        continue;
                    }
                    Err(RecvError::Closed) => return,
                },
                _ = stopped.changed() => return,
            };
            let Event::MessageReceived {
                line,
                contact,
                also_known_as,
                ..
            } = &record.event
            else {
                continue;
            };
            let chat = log.read(|s| s.chat_for(line, contact, also_known_as));
            let online = presence.online();
            // Most messages assign nothing (round-robin off, the chat held): ask the
            // projection first, so they cost no write and do not break up the writer's groups.
            if log.read(|s| s.round_robin(&chat, &online).is_none()) {
                continue;
            }
            // Decided under the log's lock: an assignment an agent made meanwhile stands.
            let decide = move |s: &switchboard_domain::State| {
                s.round_robin(&chat, &online).map(|event| vec![event])
            };
            if let Err(error) = log.append_decided(decide, clock::now()).await {
                tracing::error!(%error, "round-robin could not assign a chat");
            }
        }
    });
}
