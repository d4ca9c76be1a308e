//! Who is online and what they are doing, from the feeds that are open right now. Nothing
//! here is written to the log.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};
use switchboard_domain::{
    AgentId,
    presence::{Focus, Presence},
};
use tokio::sync::watch;

#[derive(Debug)]
pub struct PresenceHub {
    connections: Mutex<HashMap<u64, (AgentId, Focus)>>,
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
            connections.insert(id, (agent, Focus::default()));
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

    fn update(&self, change: impl FnOnce(&mut HashMap<u64, (AgentId, Focus)>)) {
        let mut connections = self
            .connections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        change(&mut connections);
        let presence = Presence::of(connections.values().map(|(agent, focus)| (agent, focus)));
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
        self.hub.update(|connections| {
            if let Some((_, current)) = connections.get_mut(&self.id) {
                *current = focus;
            }
        });
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
}
