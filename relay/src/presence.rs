//! Who is online and what they are doing, from the feeds that are open right now. Nothing
//! here is written to the log. A report of typing lapses by itself after
//! [`TYPING_LASTS_MS`] unless repeated, so an app that vanished (a page kept in the
//! back/forward cache with its socket open) does not show someone typing for minutes.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};
use switchboard_domain::{
    AgentId,
    presence::{Focus, Presence, TYPING_LASTS_MS},
};
use tokio::{sync::watch, time::Instant};

/// One open app: its member, what it last reported, and until when its typing counts.
#[derive(Debug)]
struct Entry {
    agent: AgentId,
    focus: Focus,
    typing_until: Option<Instant>,
}

#[derive(Debug)]
pub struct PresenceHub {
    connections: Mutex<HashMap<u64, Entry>>,
    next: AtomicU64,
    changed: watch::Sender<Presence>,
}

impl Default for PresenceHub {
    fn default() -> Self {
        Self {
            connections: Mutex::default(),
            next: AtomicU64::new(0),
            changed: watch::Sender::new(Presence::default()),
        }
    }
}

impl PresenceHub {
    /// An open app of `agent`: online until the returned guard is dropped.
    pub fn join(self: &Arc<Self>, agent: AgentId) -> Connection {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.update(|connections| {
            connections.insert(
                id,
                Entry {
                    agent,
                    focus: Focus::default(),
                    typing_until: None,
                },
            );
        });
        Connection {
            hub: Arc::clone(self),
            id,
        }
    }

    pub fn online(&self) -> BTreeSet<AgentId> {
        self.changed.borrow().online.clone()
    }

    /// Wakes on every change of presence.
    pub fn subscribe(&self) -> watch::Receiver<Presence> {
        self.changed.subscribe()
    }

    fn update(&self, change: impl FnOnce(&mut HashMap<u64, Entry>)) {
        let mut connections = self
            .connections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        change(&mut connections);
        let now = Instant::now();
        let focuses: Vec<(&AgentId, Focus)> = connections
            .values()
            .map(|entry| {
                let typing =
                    entry.focus.typing && entry.typing_until.is_some_and(|until| now < until);
                let focus = Focus {
                    chat: entry.focus.chat.clone(),
                    typing,
                };
                (&entry.agent, focus)
            })
            .collect();
        let presence = Presence::of(focuses.iter().map(|(agent, focus)| (*agent, focus)));
        self.changed.send_if_modified(|current| {
            let modified = *current != presence;
            *current = presence;
            modified
        });
    }
}

/// One open feed.
pub struct Connection {
    hub: Arc<PresenceHub>,
    id: u64,
}

impl Connection {
    /// The chat on this app's screen now, and whether its member is typing there.
    pub fn focus(&self, focus: Focus) {
        let until = focus
            .typing
            .then(|| Instant::now() + std::time::Duration::from_millis(TYPING_LASTS_MS));
        self.hub.update(|connections| {
            if let Some(entry) = connections.get_mut(&self.id) {
                entry.focus = focus;
                entry.typing_until = until;
            }
        });
        if let Some(until) = until {
            // Look again when it lapses; a repeated report by then keeps it on.
            let hub = Arc::clone(&self.hub);
            tokio::spawn(async move {
                tokio::time::sleep_until(until).await;
                hub.update(|_| {});
            });
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.hub.update(|connections| {
            connections.remove(&self.id);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_domain::{ChatId, ContactId, LineId};

    #[test]
    fn members_are_online_while_one_of_their_apps_is_connected() {
        let hub = Arc::new(PresenceHub::default());
        let changes = hub.subscribe();
        let ana = AgentId::new("ana");
        let phone = hub.join(ana.clone());
        let laptop = hub.join(ana.clone());
        assert!(changes.has_changed().unwrap());
        assert_eq!(hub.online(), [ana.clone()].into());
        drop(phone);
        assert_eq!(hub.online(), [ana].into(), "the laptop is still open");
        drop(laptop);
        assert!(hub.online().is_empty());
    }

    fn typing_in(hub: &PresenceHub, chat: &ChatId) -> bool {
        hub.subscribe()
            .borrow()
            .chats
            .get(chat)
            .is_some_and(|agents| {
                agents
                    .values()
                    .any(|activity| *activity == switchboard_domain::presence::Activity::Typing)
            })
    }

    /// Tokio's paused clock stands in for time: nothing here sleeps.
    #[tokio::test(start_paused = true)]
    async fn typing_lapses_unless_it_is_reported_again() {
        let lasts = std::time::Duration::from_millis(TYPING_LASTS_MS);
        let hub = Arc::new(PresenceHub::default());
        let chat = ChatId::of(&LineId::new("sandbox"), &ContactId::new("5215512345678"));
        let app = hub.join(AgentId::new("ana"));
        let typing = Focus {
            chat: Some(chat.clone()),
            typing: true,
        };
        app.focus(typing.clone());
        assert!(typing_in(&hub, &chat));

        tokio::time::advance(lasts / 2).await;
        app.focus(typing);
        tokio::time::advance(lasts / 2 + lasts / 4).await;
        tokio::task::yield_now().await;
        assert!(typing_in(&hub, &chat), "renewed halfway, it still counts");

        tokio::time::advance(lasts / 2).await;
        tokio::task::yield_now().await;
        assert!(!typing_in(&hub, &chat), "not renewed, it lapses by itself");
        let viewing = hub.subscribe().borrow().chats.get(&chat).cloned();
        assert!(viewing.is_some(), "the chat is still on Ana's screen");
    }
}
