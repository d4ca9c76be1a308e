//! The outbox: what a member sends goes here first and leaves in order, one command at a
//! time, whenever the relay can be reached. Written offline, a message waits (visibly) and
//! goes out when the feed is back; its command id makes the relay apply it once even if an
//! answer was lost. The outbox survives a reload, and is wiped with the replica at logout.

use super::{Connection, Session, use_replica};
use crate::api::{self, Error};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use switchboard_domain::{ChatId, Command, CommandId};

const KEY: &str = "switchboard.outbox";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: CommandId,
    pub command: Command,
    /// Why the relay refused it; it stays visible until the member discards it.
    pub refused: Option<String>,
}

/// What is kept in localStorage: the entries and whose they are.
#[derive(Default, Serialize, Deserialize)]
struct Saved {
    owner: Option<String>,
    entries: Vec<Entry>,
}

/// How long to wait before trying again after the relay could not take a message.
const RETRY_MS: u32 = 5_000;

#[derive(Clone, Copy)]
pub struct Outbox {
    entries: RwSignal<Vec<Entry>>,
    /// The member who wrote them; another member's session never sends them.
    owner: StoredValue<Option<String>>,
    flushing: StoredValue<bool>,
    retry: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
}

pub fn provide_outbox() -> Outbox {
    let saved = load();
    let outbox = Outbox {
        entries: RwSignal::new(saved.entries),
        owner: StoredValue::new(saved.owner),
        flushing: StoredValue::new(false),
        retry: StoredValue::new_local(None),
    };
    provide_context(outbox);
    // Whenever the feed is (back) online, whatever waits goes out.
    let replica = use_replica();
    Effect::new(move |_| {
        if replica.connection().get() == Connection::Online {
            outbox.flush();
        }
    });
    // Signed out, or someone else signed in: nothing waiting may go out under another
    // person's session.
    Effect::new(move |_| match replica.session().get() {
        Session::SignedOut { .. } => {
            outbox.owner.set_value(None);
            outbox.change(Vec::clear);
        }
        Session::SignedIn(agent) => {
            let mine = outbox
                .owner
                .with_value(|o| o.as_deref() == Some(agent.username.as_str()));
            if !mine {
                if outbox.owner.with_value(Option::is_some) {
                    outbox.change(Vec::clear);
                }
                outbox.owner.set_value(Some(agent.username.to_string()));
                outbox.save();
            }
        }
        Session::Checking | Session::Offline => {}
    });
    outbox
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// What waits (or was refused) in `chat`, oldest first.
    pub fn in_chat(&self, chat: &ChatId) -> Vec<Entry> {
        self.entries.with(|entries| {
            entries
                .iter()
                .filter(|e| e.command.chat() == Some(chat))
                .cloned()
                .collect()
        })
    }

    /// Queues a command and tries to send it now.
    pub fn push(&self, id: CommandId, command: Command) {
        self.change(|entries| {
            entries.push(Entry {
                id,
                command,
                refused: None,
            })
        });
        self.flush();
    }

    /// Drops a refused (or waiting) command: it will not be sent.
    pub fn discard(&self, id: &CommandId) {
        self.change(|entries| entries.retain(|e| e.id != *id));
    }

    /// Sends what waits, in order, until it is all sent or the relay cannot be reached.
    pub fn flush(self) {
        if self.flushing.get_value() {
            return;
        }
        self.flushing.set_value(true);
        spawn_local(async move {
            loop {
                let next = self.entries.with_untracked(|entries| {
                    entries.iter().find(|e| e.refused.is_none()).cloned()
                });
                let Some(entry) = next else { break };
                match api::send_command(&entry.id, &entry.command).await {
                    Ok(_) => self.discard(&entry.id),
                    // Unreachable, restarting or signed out: try again in a moment, and at
                    // once when the feed is back.
                    Err(Error::Network(_)) => {
                        self.retry_later();
                        break;
                    }
                    Err(Error::Relay { status, .. }) if status == 401 || status >= 500 => {
                        self.retry_later();
                        break;
                    }
                    Err(error) => {
                        let reason = error.to_string();
                        self.change(|entries| {
                            if let Some(e) = entries.iter_mut().find(|e| e.id == entry.id) {
                                e.refused = Some(reason);
                            }
                        });
                    }
                }
            }
            self.flushing.set_value(false);
        });
    }

    fn retry_later(self) {
        let timer = gloo_timers::callback::Timeout::new(RETRY_MS, move || self.flush());
        self.retry.set_value(Some(timer));
    }

    fn change(&self, change: impl FnOnce(&mut Vec<Entry>)) {
        self.entries.update(change);
        self.save();
    }

    /// Writes the entries and their owner to localStorage.
    fn save(&self) {
        let owner = self.owner.get_value();
        self.entries
            .with_untracked(|entries| save(owner.as_deref(), entries));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load() -> Saved {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save(owner: Option<&str>, entries: &[Entry]) {
    let Some(storage) = storage() else { return };
    #[derive(Serialize)]
    struct Saving<'a> {
        owner: Option<&'a str>,
        entries: &'a [Entry],
    }
    let saved = match serde_json::to_string(&Saving { owner, entries }) {
        Ok(json) if !entries.is_empty() => storage.set_item(KEY, &json),
        _ => storage.remove_item(KEY),
    };
    if let Err(error) = saved {
        leptos::logging::warn!("outbox not saved: {error:?}");
    }
}

/// Forgets everything waiting: the session is over and nothing of it stays behind.
pub fn wipe() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
