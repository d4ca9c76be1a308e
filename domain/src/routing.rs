//! Round-robin: with it on for a line, a customer's chat that nobody holds goes to the next
//! online member of the chat's team (the line's team unless a supervisor chose another).

use crate::{AgentId, ChatId, Event, State};
use std::collections::BTreeSet;

/// The `by` of an assignment round-robin made. Not a valid username, so no member can be it.
pub const ROUND_ROBIN: &str = "@round-robin";

impl State {
    /// The assignment to make now that the customer wrote in `chat`, if any: none when the
    /// line does not use round-robin, someone already holds the chat, or no member of its
    /// team is online. Members take turns in username order, after the last one given a
    /// chat on this line.
    pub fn round_robin(&self, chat: &ChatId, online: &BTreeSet<AgentId>) -> Option<Event> {
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
        let last = self.round_robin_last.get(&chat.line);
        let next = candidates
            .iter()
            .find(|m| last.is_none_or(|last| **m > last))
            .or_else(|| candidates.first())?;
        Some(Event::ChatAssigned {
            chat: chat.id.clone(),
            agent: Some((*next).clone()),
            team: chat.team.clone(),
            by: AgentId::new(ROUND_ROBIN),
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
}
