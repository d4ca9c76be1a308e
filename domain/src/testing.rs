//! A workspace to fold events and run commands in, for the domain's tests.

use crate::{
    AgentId, ChatId, Command, CommandId, ContactId, Event, EventRecord, LineId, MessageBody, Role,
    Seq, State, TeamId, Timestamp, Viewer, Wamid, apply,
};

/// Two active agents, `ana` and `bruno`; each applied event gets the next seq, and time
/// moves one second per event.
pub struct Workspace {
    pub state: State,
    pub seq: u64,
}

impl Workspace {
    pub fn new() -> Self {
        let mut workspace = Self {
            state: State::default(),
            seq: 0,
        };
        for agent in ["ana", "bruno"] {
            workspace.apply(Event::AgentSaved {
                agent: AgentId::new(agent),
                name: agent.to_uppercase(),
                role: Role::Agent,
                active: true,
            });
        }
        workspace
    }

    /// Applies `event` as the next record, and returns that record.
    pub fn apply(&mut self, event: Event) -> EventRecord {
        self.seq += 1;
        let record = EventRecord {
            seq: Seq(self.seq),
            at: Timestamp(self.seq as i64 * 1000),
            event,
        };
        apply(&mut self.state, &record);
        record
    }

    /// Team `sales` of `members` owns the line `ventas`'s chats, with or without
    /// round-robin.
    pub fn sales_owns_ventas(&mut self, members: &[&str], round_robin: bool) {
        self.apply(Event::TeamSaved {
            team: TeamId::new("sales"),
            name: "Sales".into(),
            members: members.iter().copied().map(AgentId::new).collect(),
        });
        self.apply(Event::LineTeamSet {
            line: LineId::new("ventas"),
            team: Some(TeamId::new("sales")),
            round_robin,
        });
    }

    pub fn customer_writes(&mut self, line: &str, contact: &str, wamid: &str) -> ChatId {
        self.apply(Event::MessageReceived {
            line: LineId::new(line),
            contact: ContactId::new(contact),
            profile_name: None,
            wamid: Wamid::new(wamid),
            sent_at: Timestamp(self.seq as i64 * 1000),
            body: MessageBody::Text {
                body: "hola".into(),
            },
            context: Default::default(),
            referral: None,
            participant: None,
            also_known_as: Vec::new(),
            raw: serde_json::Value::Null,
        });
        ChatId::of(&LineId::new(line), &ContactId::new(contact))
    }

    pub fn run(&mut self, by: &str, command: Command) {
        let viewer = Viewer {
            id: AgentId::new(by),
            role: Role::Agent,
        };
        let id = CommandId::new(format!("c{}", self.seq));
        let now = Timestamp(self.seq as i64 * 1000);
        let events = command
            .decide(&id, &viewer, &self.state, now)
            .expect("allowed");
        for event in events {
            self.apply(event);
        }
    }
}
