//! Round-robin: with it on for a line, a customer's chat that nobody holds goes to the next
//! online member of the chat's team (the line's team unless a supervisor chose another).

use crate::{AgentId, ChatId, Event, EventRecord, LineId, State, actor::Actor};
use std::collections::{BTreeMap, BTreeSet};

impl State {
    /// The assignment to make now that the customer wrote in `chat`, if any: none when the
    /// line does not use round-robin, someone already holds the chat, or no member of its
    /// team is online. Members take turns in username order, after the last one given a
    /// chat on this line.
    pub fn round_robin(&self, chat: &ChatId, online: &BTreeSet<AgentId>) -> Option<Event> {
        let line = &self.chat(chat)?.line;
        self.turn(chat, online, self.round_robin_last.get(line))
    }

    /// Round-robin as a job that follows the log: the assignments a run of committed records
    /// calls for, decided in order against this projection, each seeing the ones before it.
    /// A chat written to twice in the run is given once, and turns move on within the run.
    pub fn round_robin_run(
        &self,
        records: &[EventRecord],
        online: &BTreeSet<AgentId>,
    ) -> Vec<Event> {
        let mut given = BTreeSet::new();
        let mut last: BTreeMap<&LineId, AgentId> = BTreeMap::new();
        let mut events = Vec::new();
        for record in records {
            let Event::MessageReceived {
                line,
                contact,
                also_known_as,
                ..
            } = &record.event
            else {
                continue;
            };
            let chat = self.chat_for(line, contact, also_known_as);
            if given.contains(&chat) {
                continue;
            }
            let previous = last.get(line).or_else(|| self.round_robin_last.get(line));
            if let Some(event) = self.turn(&chat, online, previous) {
                if let Event::ChatAssigned {
                    agent: Some(agent), ..
                } = &event
                {
                    last.insert(line, agent.clone());
                }
                given.insert(chat);
                events.push(event);
            }
        }
        events
    }

    /// Whose turn `chat` is, after `last` on its line.
    fn turn(
        &self,
        chat: &ChatId,
        online: &BTreeSet<AgentId>,
        last: Option<&AgentId>,
    ) -> Option<Event> {
        let chat = self.chat(chat)?;
        if chat.assignee.is_some() || !self.round_robin.contains(&chat.line) {
            return None;
        }
        let team = self.teams.get(self.team_of_chat(chat)?)?;
        let candidates: Vec<&AgentId> = team
            .members
            .iter()
            .filter(|m| online.contains(*m) && self.agents.get(*m).is_some_and(|a| a.active))
            .collect();
        let next = candidates
            .iter()
            .find(|m| last.is_none_or(|last| **m > last))
            .or_else(|| candidates.first())?;
        Some(Event::ChatAssigned {
            chat: chat.id.clone(),
            agent: Some((*next).clone()),
            team: chat.team.clone(),
            by: Actor::RoundRobin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LineId, access::Role, testing::Workspace};

    fn workspace(round_robin: bool) -> Workspace {
        let mut w = Workspace::new();
        w.apply(Event::AgentSaved {
            agent: AgentId::new("carla"),
            name: "Carla".into(),
            role: Role::Agent,
            active: true,
        });
        w.sales_owns_ventas(&["ana", "bruno", "carla"], round_robin);
        w
    }

    fn online(names: &[&str]) -> BTreeSet<AgentId> {
        names.iter().copied().map(AgentId::new).collect()
    }

    /// The customer writes; round-robin's assignment (if any) is applied. Returns who got it.
    fn writes(w: &mut Workspace, contact: &str, online: &BTreeSet<AgentId>) -> Option<String> {
        let chat = w.customer_writes("ventas", contact, &format!("w{}", w.seq));
        let event = w.state.round_robin(&chat, online)?;
        w.apply(event);
        w.state
            .chat(&chat)?
            .assignee
            .as_ref()
            .map(|a| a.to_string())
    }

    #[test]
    fn new_chats_go_in_turn_to_online_members_of_the_lines_team() {
        let mut w = workspace(true);
        let everyone = online(&["ana", "bruno", "carla", "zoe"]);
        let turns: Vec<_> = ["1", "2", "3", "4"]
            .iter()
            .map(|c| writes(&mut w, c, &everyone))
            .collect();
        assert_eq!(
            turns,
            ["ana", "bruno", "carla", "ana"].map(|a| Some(a.to_owned())),
            "zoe is online but not in the team"
        );
        // Bruno went offline: Carla is next after Ana.
        assert_eq!(
            writes(&mut w, "5", &online(&["ana", "carla"])),
            Some("carla".into())
        );
    }

    #[test]
    fn nobody_is_picked_when_off_held_or_no_one_is_online() {
        let mut off = workspace(false);
        assert_eq!(writes(&mut off, "1", &online(&["ana"])), None);

        let mut w = workspace(true);
        assert_eq!(writes(&mut w, "1", &online(&[])), None, "the team's queue");
        assert_eq!(
            writes(&mut w, "1", &online(&["bruno"])),
            Some("bruno".into())
        );
        // The same customer writes again: Bruno keeps the chat.
        let chat = w.customer_writes("ventas", "1", "again");
        assert_eq!(w.state.round_robin(&chat, &online(&["ana"])), None);
        // A deactivated member gets nothing.
        w.apply(Event::AgentSaved {
            agent: AgentId::new("ana"),
            name: "Ana".into(),
            role: Role::Agent,
            active: false,
        });
        assert_eq!(writes(&mut w, "2", &online(&["ana"])), None);
        // A line without a team has no one to take turns.
        w.apply(Event::LineTeamSet {
            line: LineId::new("ventas"),
            team: None,
            round_robin: true,
        });
        assert!(!w.state.round_robin.contains(&LineId::new("ventas")));
        assert_eq!(writes(&mut w, "3", &online(&["bruno"])), None);
    }

    #[test]
    fn a_run_of_records_is_decided_in_order_as_if_one_at_a_time() {
        let mut w = workspace(true);
        let everyone = online(&["ana", "bruno", "carla"]);
        let records = [
            customer_record(&mut w, "1", "w1"),
            customer_record(&mut w, "2", "w2"),
            // The first customer writes again before round-robin has had its turn.
            customer_record(&mut w, "1", "w3"),
            w.apply(Event::QuickReplyDeleted {
                shortcut: "x".into(),
                by: AgentId::new("ana"),
            }),
            customer_record(&mut w, "3", "w4"),
            customer_record(&mut w, "4", "w5"),
        ];
        let run = w.state.round_robin_run(&records, &everyone);
        let given: Vec<(String, String)> = run
            .iter()
            .map(|event| match event {
                Event::ChatAssigned {
                    chat,
                    agent: Some(agent),
                    ..
                } => (chat.to_string(), agent.to_string()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            given,
            [
                ("ventas:1", "ana"),
                ("ventas:2", "bruno"),
                ("ventas:3", "carla"),
                ("ventas:4", "ana")
            ]
            .map(|(c, a)| (c.to_owned(), a.to_owned()))
        );
        // Applied, they leave nothing for the same records to decide again.
        for event in run {
            w.apply(event);
        }
        assert_eq!(w.state.round_robin_run(&records, &everyone), []);
    }

    fn customer_record(w: &mut Workspace, contact: &str, wamid: &str) -> EventRecord {
        w.apply(Event::MessageReceived {
            line: LineId::new("ventas"),
            contact: crate::ContactId::new(contact),
            profile_name: None,
            wamid: crate::Wamid::new(wamid),
            sent_at: crate::Timestamp(0),
            body: crate::MessageBody::Text {
                body: "hola".into(),
            },
            context: Default::default(),
            referral: None,
            participant: None,
            also_known_as: Vec::new(),
            raw: serde_json::Value::Null,
        })
    }
}
