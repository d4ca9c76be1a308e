//! Who may see and do what: roles, teams, and which chats an agent is restricted to.
//!
//! The relay enforces these on every route, command and streamed event; the app reads the
//! same functions only to hide what the role cannot do.

use crate::{AgentId, Chat, ChatId, Event, LineId, MessageBody, Seq, State, TeamId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A username: 2 to 32 of `a-z 0-9 . - _`.
pub fn username_is_valid(username: &str) -> bool {
    (2..=32).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

/// The same rule as an HTML `pattern`. Browsers compile it with the `v` flag, where a `-`
/// in a class must be escaped: `[a-z0-9._-]` is refused and the field goes unchecked.
pub const USERNAME_PATTERN: &str = r"[a-z0-9._\-]{2,32}";

/// What a member of the workspace may do. Ordered: each role can do all the next one can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Chats (only their teams' when the admin restricts agents).
    Agent,
    /// All chats, campaigns, reports, templates.
    Supervisor,
    /// Everything, including people, teams, lines, settings and the audit log.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Supervisor => "supervisor",
            Self::Agent => "agent",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "admin" => Some(Self::Admin),
            "supervisor" => Some(Self::Supervisor),
            "agent" => Some(Self::Agent),
            _ => None,
        }
    }

    /// True when this role has at least the rights of `needed`.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// A member as everyone in the workspace sees them (never a secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentProfile {
    pub name: String,
    pub role: Role,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    pub members: BTreeSet<AgentId>,
}

/// Workspace-wide access settings, changed by an admin.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessSettings {
    /// Agents see only chats assigned to them or to one of their teams (or, unassigned, on a
    /// line of one of their teams).
    #[serde(default)]
    pub restrict_to_teams: bool,
    /// Every member must use a second factor (TOTP) to log in.
    #[serde(default)]
    pub require_totp: bool,
}

/// Who is looking: the logged-in member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub id: AgentId,
    pub role: Role,
}

/// Who an event may be streamed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Those who can see this chat.
    Chat(ChatId),
    /// About a message whose chat is not known yet: only those who see every chat.
    AllChats,
    Admins,
}

impl State {
    /// The teams `agent` belongs to.
    pub fn teams_of(&self, agent: &AgentId) -> BTreeSet<&TeamId> {
        self.teams
            .iter()
            .filter(|(_, team)| team.members.contains(agent))
            .map(|(id, _)| id)
            .collect()
    }

    /// The team a chat belongs to: the team it is assigned to, else its line's team.
    pub fn team_of_chat<'a>(&'a self, chat: &'a Chat) -> Option<&'a TeamId> {
        chat.team
            .as_ref()
            .or_else(|| self.line_teams.get(&chat.line))
    }

    /// True when the viewer sees every chat (nobody restricts them to their teams).
    pub fn sees_all_chats(&self, viewer: &Viewer) -> bool {
        viewer.role.allows(Role::Supervisor) || !self.settings.restrict_to_teams
    }

    /// The access rule for chats: supervisors and admins see all; agents too unless the admin
    /// restricts them, and then they see chats assigned to them or to one of their teams.
    pub fn can_see_chat(&self, viewer: &Viewer, chat: &ChatId) -> bool {
        if self.sees_all_chats(viewer) {
            return true;
        }
        self.chats.get(chat).is_some_and(|chat| {
            self.restricted_sees(viewer, chat, chat.assignee.as_ref(), chat.team.as_ref())
        })
    }

    /// Whether a restricted agent sees `chat` when assigned to `agent` and `team`.
    fn restricted_sees(
        &self,
        viewer: &Viewer,
        chat: &Chat,
        agent: Option<&AgentId>,
        team: Option<&TeamId>,
    ) -> bool {
        agent == Some(&viewer.id)
            || team
                .or_else(|| self.line_teams.get(&chat.line))
                .is_some_and(|team| self.teams_of(&viewer.id).contains(team))
    }

    /// True when what `viewer` may see changed after `since`: a replica they built up to
    /// `since` holds chats they may no longer see, or lacks the history of chats they now
    /// may, and must be rebuilt.
    pub fn scope_changed_since(&self, viewer: &Viewer, since: Seq) -> bool {
        if self
            .role_changed
            .get(&viewer.id)
            .is_some_and(|s| *s > since)
        {
            return true;
        }
        if viewer.role.allows(Role::Supervisor) {
            return false;
        }
        if self.settings_changed > since {
            return true;
        }
        // Unrestricted agents see every chat, whatever the teams are.
        if self.sees_all_chats(viewer) {
            return false;
        }
        if self.access_changed > since {
            return true;
        }
        self.chats.values().any(|chat| {
            let Some(last) = chat.assignments.last() else {
                return false;
            };
            if last.seq <= since {
                return false;
            }
            let then = chat.assignments.iter().rev().find(|a| a.seq <= since);
            let (agent, team) = then.map_or((None, None), |a| (a.agent.as_ref(), a.team.as_ref()));
            let visible_then = self.restricted_sees(viewer, chat, agent, team);
            visible_then != self.can_see_chat(viewer, &chat.id)
        })
    }

    /// Whether `viewer` sees a chat on `line` holding the media `media_id`.
    pub fn can_see_media(&self, viewer: &Viewer, line: &LineId, media_id: &str) -> bool {
        if self.sees_all_chats(viewer) {
            return true;
        }
        self.chats
            .values()
            .filter(|chat| chat.line == *line && self.can_see_chat(viewer, &chat.id))
            .flat_map(|chat| &chat.messages)
            .any(|m| matches!(&m.body, MessageBody::Media(media) if media.id == media_id))
    }

    /// Who may receive `event`, judged against this state.
    pub fn audience(&self, event: &Event) -> Audience {
        let chat = match event {
            Event::MessageReceived {
                line,
                contact,
                also_known_as,
                ..
            } => Some(self.chat_for(line, contact, also_known_as)),
            Event::MarketingPreferenceChanged { line, contact, .. } => {
                Some(self.chat_for(line, contact, &[]))
            }
            Event::OutboundQueued { line, contact, .. } => Some(ChatId::of(line, contact)),
            Event::OutboundAccepted { command, .. }
            | Event::OutboundAttempted { command }
            | Event::OutboundUnconfirmed { command }
            | Event::OutboundFailed { command, .. } => self.chat_of_command(command).cloned(),
            // A status for a message whose acceptance was lost names it by its callback data.
            Event::StatusUpdated {
                wamid,
                callback_data,
                ..
            } => self.chat_of_wamid(wamid).cloned().or_else(|| {
                callback_data
                    .as_deref()
                    .and_then(crate::status::command_of_callback)
                    .and_then(|command| self.chat_of_command(&command).cloned())
            }),
            Event::ChatRead { chat, .. }
            | Event::ChatAssigned { chat, .. }
            | Event::ChatResolved { chat, .. }
            | Event::ChatReopened { chat, .. }
            | Event::NoteAdded { chat, .. }
            | Event::ChatTagged { chat, .. }
            | Event::ChatUntagged { chat, .. } => Some(chat.clone()),
            Event::TemplatesSynced { .. }
            | Event::TagDefined { .. }
            | Event::AgentSaved { .. }
            | Event::TeamSaved { .. }
            | Event::TeamDeleted { .. }
            | Event::LineTeamSet { .. }
            | Event::QuickReplySaved { .. }
            | Event::QuickReplyDeleted { .. }
            | Event::TemplateReviewed { .. }
            | Event::AccessSettingsChanged { .. } => return Audience::Everyone,
            Event::LineAlertRaised { .. }
            | Event::LineReported { .. }
            | Event::LineAlertCleared { .. }
            | Event::WebhookUnreadable { .. }
            | Event::WebhookKept { .. } => return Audience::Admins,
        };
        chat.map_or(Audience::AllChats, Audience::Chat)
    }

    /// True when `viewer` may receive an event with this audience.
    pub fn may_receive(&self, viewer: &Viewer, audience: &Audience) -> bool {
        match audience {
            Audience::Everyone => true,
            Audience::Chat(chat) => self.can_see_chat(viewer, chat),
            Audience::AllChats => self.sees_all_chats(viewer),
            Audience::Admins => viewer.role.allows(Role::Admin),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactId, EventRecord, Timestamp, Wamid, apply};

    #[test]
    fn usernames_are_two_to_32_of_lowercase_digits_dot_dash_underscore() {
        for good in ["ab", "ana.lopez", "a-b_c.9", &"x".repeat(32)] {
            assert!(username_is_valid(good), "{good}");
        }
        for bad in ["a", "Ana", "ana lopez", "joão", &"x".repeat(33), "a/b"] {
            assert!(!username_is_valid(bad), "{bad}");
        }
    }

    fn record(seq: u64, event: Event) -> EventRecord {
        EventRecord {
            seq: Seq(seq),
            at: Timestamp(seq as i64),
            event,
        }
    }

    fn received(line: &str, contact: &str, wamid: &str) -> Event {
        Event::MessageReceived {
            line: LineId::new(line),
            contact: ContactId::new(contact),
            profile_name: None,
            wamid: Wamid::new(wamid),
            sent_at: Timestamp(1),
            body: MessageBody::Text {
                body: "hola".into(),
            },
            context: Default::default(),
            referral: None,
            participant: None,
            also_known_as: Vec::new(),
            raw: serde_json::Value::Null,
        }
    }

    fn team(id: &str, members: &[&str]) -> Event {
        Event::TeamSaved {
            team: TeamId::new(id),
            name: id.to_uppercase(),
            members: members.iter().map(|m| AgentId::new(*m)).collect(),
        }
    }

    fn cid(value: &str) -> ChatId {
        ChatId::parse(value).expect("a chat id")
    }

    fn viewer(id: &str, role: Role) -> Viewer {
        Viewer {
            id: AgentId::new(id),
            role,
        }
    }

    fn restricted_workspace() -> State {
        let mut state = State::default();
        let events = [
            team("sales", &["ana"]),
            team("support", &["bruno"]),
            Event::LineTeamSet {
                line: LineId::new("ventas"),
                team: Some(TeamId::new("sales")),
                round_robin: false,
            },
            received("ventas", "111", "w1"),
            received("soporte", "222", "w2"),
            received("soporte", "333", "w3"),
            Event::ChatAssigned {
                chat: cid("soporte:222"),
                agent: None,
                team: Some(TeamId::new("support")),
                by: AgentId::new("admin").into(),
            },
            Event::ChatAssigned {
                chat: cid("soporte:333"),
                agent: Some(AgentId::new("ana")),
                team: None,
                by: AgentId::new("admin").into(),
            },
            Event::AccessSettingsChanged {
                settings: AccessSettings {
                    restrict_to_teams: true,
                    require_totp: false,
                },
            },
        ];
        for (seq, event) in events.into_iter().enumerate() {
            apply(&mut state, &record(seq as u64 + 1, event));
        }
        state
    }

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Admin.allows(Role::Supervisor));
        assert!(Role::Supervisor.allows(Role::Agent));
        assert!(!Role::Agent.allows(Role::Supervisor));
        assert!(!Role::Supervisor.allows(Role::Admin));
        assert_eq!(Role::parse("supervisor"), Some(Role::Supervisor));
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn restricted_agents_see_their_teams_and_their_own_chats_only() {
        let state = restricted_workspace();
        let ana = viewer("ana", Role::Agent);
        let bruno = viewer("bruno", Role::Agent);
        let chat = cid;
        // Unassigned, on the sales line: the sales team's.
        assert!(state.can_see_chat(&ana, &chat("ventas:111")));
        assert!(!state.can_see_chat(&bruno, &chat("ventas:111")));
        // Assigned to the support team.
        assert!(!state.can_see_chat(&ana, &chat("soporte:222")));
        assert!(state.can_see_chat(&bruno, &chat("soporte:222")));
        // Assigned to ana herself, on a line of no team of hers.
        assert!(state.can_see_chat(&ana, &chat("soporte:333")));
        assert!(!state.can_see_chat(&bruno, &chat("soporte:333")));
        // Supervisors see everything.
        assert!(state.can_see_chat(&viewer("sue", Role::Supervisor), &chat("soporte:222")));
    }

    #[test]
    fn without_the_restriction_agents_see_every_chat() {
        let mut state = restricted_workspace();
        apply(
            &mut state,
            &record(
                100,
                Event::AccessSettingsChanged {
                    settings: AccessSettings::default(),
                },
            ),
        );
        assert!(state.can_see_chat(&viewer("ana", Role::Agent), &cid("soporte:222")));
    }

    #[test]
    fn events_reach_only_their_audience() {
        let state = restricted_workspace();
        let ana = viewer("ana", Role::Agent);
        let admin = viewer("root", Role::Admin);
        let support_message = received("soporte", "222", "w9");
        let alert = Event::LineAlertCleared {
            line: LineId::new("ventas"),
        };
        assert!(!state.may_receive(&ana, &state.audience(&support_message)));
        assert!(state.may_receive(&admin, &state.audience(&support_message)));
        assert!(!state.may_receive(&ana, &state.audience(&alert)));
        assert!(state.may_receive(&admin, &state.audience(&alert)));
        let status = Event::StatusUpdated {
            wamid: Wamid::new("unknown"),
            status: crate::DeliveryStatus::Delivered,
            failure: None,
            pricing: None,
            callback_data: None,
            at: None,
            participant: None,
            raw: serde_json::Value::Null,
        };
        assert_eq!(state.audience(&status), Audience::AllChats);
        assert!(!state.may_receive(&ana, &Audience::AllChats));
        assert!(state.may_receive(&ana, &state.audience(&team("x", &[]))));
    }

    #[test]
    fn a_replica_must_be_rebuilt_only_when_what_the_agent_sees_changed() {
        let mut state = restricted_workspace();
        let ana = viewer("ana", Role::Agent);
        let bruno = viewer("bruno", Role::Agent);
        let cursor = state.cursor;
        assert!(!state.scope_changed_since(&ana, cursor));
        // soporte:222 moves from support to sales: both see a change.
        let moved = Event::ChatAssigned {
            chat: cid("soporte:222"),
            agent: None,
            team: Some(TeamId::new("sales")),
            by: AgentId::new("admin").into(),
        };
        apply(&mut state, &record(cursor.0 + 1, moved));
        assert!(state.scope_changed_since(&ana, cursor));
        assert!(state.scope_changed_since(&bruno, cursor));
        // ventas:111 goes to ana herself, who already saw it through her team: no change
        // for her or for bruno.
        let after = state.cursor;
        let to_ana = Event::ChatAssigned {
            chat: cid("ventas:111"),
            agent: Some(AgentId::new("ana")),
            team: None,
            by: AgentId::new("admin").into(),
        };
        apply(&mut state, &record(after.0 + 1, to_ana));
        assert!(!state.scope_changed_since(&ana, after));
        assert!(!state.scope_changed_since(&bruno, after));
        assert!(!state.scope_changed_since(&viewer("sue", Role::Supervisor), Seq(0)));
    }

    #[test]
    fn team_changes_do_not_rebuild_replicas_while_agents_see_everything() {
        let mut state = restricted_workspace();
        let open = Event::AccessSettingsChanged {
            settings: AccessSettings::default(),
        };
        apply(&mut state, &record(50, open));
        let ana = viewer("ana", Role::Agent);
        assert!(
            state.scope_changed_since(&ana, Seq(49)),
            "the restriction was lifted"
        );
        apply(&mut state, &record(51, team("sales", &["ana", "bruno"])));
        assert!(!state.scope_changed_since(&ana, Seq(50)));
    }
}
