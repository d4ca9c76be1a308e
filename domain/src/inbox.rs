//! The chat list's filters: whose chats (mine, unassigned, a team's, all), open or resolved,
//! on which line. Shared by the app's list and its tests.

use crate::{AgentId, Chat, LineId, State, TeamId, Viewer};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", content = "team", rename_all = "snake_case")]
pub enum Scope {
    #[default]
    All,
    /// Assigned to the viewer.
    Mine,
    /// Assigned to nobody and no team.
    Unassigned,
    /// Belonging to the team (assigned to it, or unassigned on its line).
    Team(TeamId),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Open,
    Resolved,
    Any,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatFilter {
    pub scope: Scope,
    pub status: Status,
    pub line: Option<LineId>,
    pub tag: Option<String>,
}

impl ChatFilter {
    pub fn matches(&self, state: &State, viewer: &Viewer, chat: &Chat) -> bool {
        let scope = match &self.scope {
            Scope::All => true,
            Scope::Mine => chat.assignee.as_ref() == Some(&viewer.id),
            Scope::Unassigned => chat.assignee.is_none() && chat.team.is_none(),
            Scope::Team(team) => state.team_of_chat(chat) == Some(team),
        };
        let status = match self.status {
            Status::Open => !chat.resolved,
            Status::Resolved => chat.resolved,
            Status::Any => true,
        };
        let line = self.line.as_ref().is_none_or(|line| chat.line == *line);
        let tag = self.tag.as_ref().is_none_or(|tag| chat.tags.contains(tag));
        scope && status && line && tag
    }
}

impl State {
    /// Whether new messages in `chat` are for `agent` to hear about: assigned to them, or to
    /// no one (neither a team, nor a team of theirs).
    pub fn is_for(&self, chat: &Chat, agent: &AgentId) -> bool {
        match &chat.assignee {
            Some(assignee) => assignee == agent,
            None => self
                .team_of_chat(chat)
                .is_none_or(|team| self.teams_of(agent).contains(team)),
        }
    }

    /// The chats the viewer may see that pass `filter`, most recent activity first.
    pub fn chat_list(&self, viewer: &Viewer, filter: &ChatFilter) -> Vec<&Chat> {
        self.chats_by_activity()
            .into_iter()
            .filter(|chat| {
                self.can_see_chat(viewer, &chat.id) && filter.matches(self, viewer, chat)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        AgentId, ChatId, Command, CommandId, Direction, Event, Role, Timestamp,
        command::{AddNote, ChatOnly},
        testing::Workspace,
    };

    fn ana() -> Viewer {
        Viewer {
            id: AgentId::new("ana"),
            role: Role::Agent,
        }
    }

    fn ids(chats: Vec<&Chat>) -> Vec<String> {
        chats.iter().map(|c| c.id.to_string()).collect()
    }

    #[test]
    fn resolved_chats_reopen_when_the_customer_writes() {
        let mut w = Workspace::new();
        let chat = w.customer_writes("ventas", "111", "w1");
        w.run("ana", Command::Resolve(ChatOnly { chat: chat.clone() }));
        let open = ChatFilter::default();
        let resolved = ChatFilter {
            status: Status::Resolved,
            ..ChatFilter::default()
        };
        assert!(w.state.chat_list(&ana(), &open).is_empty());
        assert_eq!(ids(w.state.chat_list(&ana(), &resolved)), ["ventas:111"]);
        w.customer_writes("ventas", "111", "w2");
        assert_eq!(ids(w.state.chat_list(&ana(), &open)), ["ventas:111"]);
        w.run("ana", Command::Resolve(ChatOnly { chat: chat.clone() }));
        w.run("ana", Command::Reopen(ChatOnly { chat }));
        assert_eq!(w.state.chat_list(&ana(), &open).len(), 1);
    }

    #[test]
    fn notes_stay_in_the_team_and_name_who_to_notify() {
        let mut w = Workspace::new();
        let chat = w.customer_writes("ventas", "111", "w1");
        let note = AddNote {
            chat: chat.clone(),
            body: "@bruno can you check the invoice? cc @ghost, @bruno".into(),
        };
        let viewer = ana();
        let events = Command::AddNote(note)
            .decide(&CommandId::new("n1"), &viewer, &w.state, Timestamp(10))
            .expect("allowed");
        let Event::NoteAdded { mentions, .. } = &events[0] else {
            panic!("expected a note");
        };
        assert_eq!(mentions, &[AgentId::new("bruno")]);
        w.apply(events[0].clone());
        let messages = &w.state.chat(&chat).expect("chat").messages;
        assert_eq!(messages.last().map(|m| m.direction), Some(Direction::Note));
        assert_eq!(w.state.queued().count(), 0, "a note is never sent");
    }

    #[test]
    fn scopes_filter_by_assignment_team_and_line() {
        let mut w = Workspace::new();
        w.sales_owns_ventas(&["ana"], false);
        let mine = w.customer_writes("soporte", "1", "w1");
        let unassigned = w.customer_writes("soporte", "2", "w2");
        let sales = w.customer_writes("ventas", "3", "w3");
        let assign = |chat: &ChatId, agent: Option<&str>| {
            Command::Assign(crate::Assign {
                chat: chat.clone(),
                agent: agent.map(AgentId::new),
                team: None,
            })
        };
        w.run("ana", assign(&mine, Some("ana")));
        let list = |scope: Scope, line: Option<&str>| {
            let filter = ChatFilter {
                scope,
                status: Status::Any,
                line: line.map(LineId::new),
                tag: None,
            };
            ids(w.state.chat_list(&ana(), &filter))
        };
        assert_eq!(list(Scope::Mine, None), [mine.to_string()]);
        assert_eq!(
            list(Scope::Unassigned, None),
            [sales.to_string(), unassigned.to_string()]
        );
        assert_eq!(
            list(Scope::Team(TeamId::new("sales")), None),
            [sales.to_string()]
        );
        assert_eq!(list(Scope::All, Some("soporte")).len(), 2);
        // Who hears of new messages: the assignee; for unassigned chats, everyone unless
        // the chat's team is not theirs.
        let chat = |id: &ChatId| w.state.chat(id).expect("chat");
        let (ana, bruno) = (AgentId::new("ana"), AgentId::new("bruno"));
        assert!(w.state.is_for(chat(&mine), &ana) && !w.state.is_for(chat(&mine), &bruno));
        assert!(w.state.is_for(chat(&unassigned), &bruno));
        assert!(w.state.is_for(chat(&sales), &ana) && !w.state.is_for(chat(&sales), &bruno));
    }

    #[test]
    fn tags_are_created_inline_once_and_filter_the_list() {
        let mut w = Workspace::new();
        let a = w.customer_writes("ventas", "1", "w1");
        let b = w.customer_writes("ventas", "2", "w2");
        let tag = |chat: &ChatId, name: &str, colour: Option<&str>| {
            Command::Tag(crate::command::TagChat {
                chat: chat.clone(),
                tag: name.into(),
                colour: colour.map(str::to_owned),
            })
        };
        w.run("ana", tag(&a, "  VIP  cliente ", Some("#FF0000")));
        w.run("ana", tag(&b, "VIP cliente", Some("#00ff00")));
        assert_eq!(
            w.state.tags.get("VIP cliente").map(String::as_str),
            Some("#ff0000"),
            "the first colour stays"
        );
        let vip = ChatFilter {
            tag: Some("VIP cliente".into()),
            ..ChatFilter::default()
        };
        assert_eq!(w.state.chat_list(&ana(), &vip).len(), 2);
        w.run(
            "ana",
            Command::Untag(crate::command::TagChat {
                chat: a,
                tag: "VIP cliente".into(),
                colour: None,
            }),
        );
        assert_eq!(ids(w.state.chat_list(&ana(), &vip)), [b.to_string()]);
        let viewer = ana();
        let bad = tag(&b, "x", Some("red"));
        assert_eq!(
            bad.decide(&CommandId::new("t"), &viewer, &w.state, Timestamp(0)),
            Err(crate::CommandError::BadTag)
        );
    }
}
