//! Presence: who is online, and who is viewing or typing in which chat. It lives only in
//! the relay's memory and on the feed, never in the log: it is true now and means nothing
//! later.

use crate::{AgentId, ChatId, State, Viewer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What a member is doing in a chat; typing outranks viewing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Viewing,
    Typing,
}

/// How long a report of typing counts: the app repeats it while the member types (every
/// third of this), so a page that vanished without a word stops showing "typing…" soon.
pub const TYPING_LASTS_MS: u64 = 6_000;

/// What one open app reports: the chat on its screen, and whether the member is typing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Focus {
    pub chat: Option<ChatId>,
    #[serde(default)]
    pub typing: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// Members with at least one app connected.
    pub online: BTreeSet<AgentId>,
    pub chats: BTreeMap<ChatId, BTreeMap<AgentId, Activity>>,
}

impl Presence {
    /// The presence of every connected app put together (a member on two devices is
    /// typing if either says so).
    pub fn of<'a>(connections: impl IntoIterator<Item = (&'a AgentId, &'a Focus)>) -> Self {
        let mut presence = Self::default();
        for (agent, focus) in connections {
            presence.online.insert(agent.clone());
            if let Some(chat) = &focus.chat {
                let activity = if focus.typing {
                    Activity::Typing
                } else {
                    Activity::Viewing
                };
                let slot = presence
                    .chats
                    .entry(chat.clone())
                    .or_default()
                    .entry(agent.clone())
                    .or_insert(activity);
                *slot = (*slot).max(activity);
            }
        }
        presence
    }

    /// What `viewer` may know: everyone online, but only the chats they can see.
    pub fn seen_by(&self, viewer: &Viewer, state: &State) -> Self {
        Self {
            online: self.online.clone(),
            chats: self
                .chats
                .iter()
                .filter(|(chat, _)| state.can_see_chat(viewer, chat))
                .map(|(chat, who)| (chat.clone(), who.clone()))
                .collect(),
        }
    }

    /// The other members in `chat`, and what each is doing.
    pub fn others_in(&self, chat: &ChatId, me: &AgentId) -> Vec<(AgentId, Activity)> {
        self.chats
            .get(chat)
            .into_iter()
            .flatten()
            .filter(|(agent, _)| *agent != me)
            .map(|(agent, activity)| (agent.clone(), *activity))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Event, LineId, Role, testing::Workspace};

    fn focus(chat: Option<&ChatId>, typing: bool) -> Focus {
        Focus {
            chat: chat.cloned(),
            typing,
        }
    }

    #[test]
    fn connections_add_up_and_typing_outranks_viewing() {
        let chat = ChatId::of(&LineId::new("ventas"), &crate::ContactId::new("1"));
        let (ana, bruno, carla) = ["ana", "bruno", "carla"].map(AgentId::new).into();
        let connections = [
            (ana.clone(), focus(Some(&chat), false)),
            (ana.clone(), focus(Some(&chat), true)),
            (bruno.clone(), focus(Some(&chat), false)),
            (carla.clone(), focus(None, false)),
        ];
        let presence = Presence::of(connections.iter().map(|(a, f)| (a, f)));
        assert_eq!(
            presence.online,
            [&ana, &bruno, &carla].map(Clone::clone).into()
        );
        assert_eq!(
            presence.others_in(&chat, &bruno),
            vec![(ana.clone(), Activity::Typing)]
        );
        assert_eq!(
            presence.others_in(&chat, &ana),
            vec![(bruno, Activity::Viewing)]
        );
    }

    #[test]
    fn a_restricted_agent_learns_nothing_of_chats_they_cannot_see() {
        let mut w = Workspace::new();
        w.sales_owns_ventas(&["ana"], false);
        w.apply(Event::AccessSettingsChanged {
            settings: crate::access::AccessSettings {
                restrict_to_teams: true,
                require_totp: false,
            },
        });
        let sales = w.customer_writes("ventas", "1", "w1");
        let other = w.customer_writes("soporte", "2", "w2");
        let bruno = AgentId::new("bruno");
        let connections = [
            (bruno.clone(), focus(Some(&other), true)),
            (AgentId::new("admin"), focus(Some(&sales), false)),
        ];
        let presence = Presence::of(connections.iter().map(|(a, f)| (a, f)));
        let ana = Viewer {
            id: AgentId::new("ana"),
            role: Role::Agent,
        };
        let seen = presence.seen_by(&ana, &w.state);
        assert!(seen.online.contains(&bruno), "who is online is no secret");
        assert_eq!(seen.chats.keys().collect::<Vec<_>>(), vec![&sales]);
    }
}
