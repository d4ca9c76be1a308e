//! Commands that change the workspace rather than a chat: teams, the team that owns each
//! line's chats, quick replies and the access settings. They go through the same path as a
//! chat's commands ([`crate::Command::decide`], idempotent by id, under the log's lock), and
//! each leaves an [`AuditNote`] the relay writes with its events.

use crate::{
    AgentId, Event, LineId, Role, State, TeamId, Viewer,
    access::{AccessSettings, username_is_valid},
    audit::{AuditAction, AuditNote},
    command::CommandError,
    quick_reply::{QuickReply, tidy_shortcut},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A team's display name, at most this many characters.
pub const MAX_TEAM_NAME_CHARS: usize = 80;

/// Creates or replaces a team: its id is a short slug, like a username.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveTeam {
    pub team: TeamId,
    pub name: String,
    #[serde(default)]
    pub members: BTreeSet<AgentId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOnly {
    pub team: TeamId,
}

/// Gives a line's unassigned chats to a team (or to none), with or without round-robin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetLineTeam {
    pub line: LineId,
    #[serde(default)]
    pub team: Option<TeamId>,
    /// New chats go in turn to the team's online members.
    #[serde(default)]
    pub round_robin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveQuickReply {
    pub shortcut: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickReplyOnly {
    pub shortcut: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeAccess {
    pub settings: AccessSettings,
}

fn require(viewer: &Viewer, needed: Role) -> Result<(), CommandError> {
    if viewer.role.allows(needed) {
        Ok(())
    } else {
        Err(CommandError::NotAllowed { needed })
    }
}

impl SaveTeam {
    pub(crate) fn decide(
        &self,
        viewer: &Viewer,
        state: &State,
    ) -> Result<Vec<Event>, CommandError> {
        require(viewer, Role::Admin)?;
        if !username_is_valid(self.team.as_str()) {
            return Err(CommandError::BadTeamId);
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_TEAM_NAME_CHARS {
            return Err(CommandError::BadTeamName);
        }
        if let Some(unknown) = self.members.iter().find(|m| !state.agents.contains_key(*m)) {
            return Err(CommandError::UnknownAgent(unknown.clone()));
        }
        Ok(vec![Event::TeamSaved {
            team: self.team.clone(),
            name: name.to_owned(),
            members: self.members.clone(),
        }])
    }

    pub(crate) fn audit(&self) -> AuditNote {
        AuditNote::new(AuditAction::TeamSaved)
            .target(&self.team)
            .detail(serde_json::json!({ "name": self.name.trim(), "members": self.members }))
    }
}

impl TeamOnly {
    pub(crate) fn decide_delete(
        &self,
        viewer: &Viewer,
        state: &State,
    ) -> Result<Vec<Event>, CommandError> {
        require(viewer, Role::Admin)?;
        if !state.teams.contains_key(&self.team) {
            return Err(CommandError::UnknownTeam(self.team.clone()));
        }
        Ok(vec![Event::TeamDeleted {
            team: self.team.clone(),
        }])
    }

    pub(crate) fn audit_delete(&self) -> AuditNote {
        AuditNote::new(AuditAction::TeamDeleted).target(&self.team)
    }
}

impl SetLineTeam {
    pub(crate) fn decide(
        &self,
        viewer: &Viewer,
        state: &State,
    ) -> Result<Vec<Event>, CommandError> {
        require(viewer, Role::Admin)?;
        if let Some(team) = &self.team
            && !state.teams.contains_key(team)
        {
            return Err(CommandError::UnknownTeam(team.clone()));
        }
        if self.round_robin && self.team.is_none() {
            return Err(CommandError::RoundRobinNeedsTeam);
        }
        Ok(vec![Event::LineTeamSet {
            line: self.line.clone(),
            team: self.team.clone(),
            round_robin: self.round_robin,
        }])
    }

    pub(crate) fn audit(&self) -> AuditNote {
        AuditNote::new(AuditAction::LineChanged)
            .target(&self.line)
            .detail(serde_json::json!({ "team": self.team, "round_robin": self.round_robin }))
    }
}

impl SaveQuickReply {
    pub(crate) fn decide(&self, viewer: &Viewer) -> Result<Vec<Event>, CommandError> {
        require(viewer, Role::Supervisor)?;
        let reply =
            QuickReply::new(&self.shortcut, &self.body).map_err(CommandError::QuickReply)?;
        Ok(vec![Event::QuickReplySaved {
            reply,
            by: viewer.id.clone(),
        }])
    }

    pub(crate) fn audit(&self) -> AuditNote {
        AuditNote::new(AuditAction::QuickReplySaved).target(&tidy_shortcut(&self.shortcut))
    }
}

impl QuickReplyOnly {
    pub(crate) fn decide_delete(
        &self,
        viewer: &Viewer,
        state: &State,
    ) -> Result<Vec<Event>, CommandError> {
        require(viewer, Role::Supervisor)?;
        if !state.quick_replies.contains_key(&self.shortcut) {
            return Err(CommandError::UnknownQuickReply(self.shortcut.clone()));
        }
        Ok(vec![Event::QuickReplyDeleted {
            shortcut: self.shortcut.clone(),
            by: viewer.id.clone(),
        }])
    }

    pub(crate) fn audit_delete(&self) -> AuditNote {
        AuditNote::new(AuditAction::QuickReplyDeleted).target(&self.shortcut)
    }
}

impl ChangeAccess {
    /// Nothing when the settings are already these: no event, no audit entry.
    pub(crate) fn decide(
        &self,
        viewer: &Viewer,
        state: &State,
    ) -> Result<Vec<Event>, CommandError> {
        require(viewer, Role::Admin)?;
        if state.settings == self.settings {
            return Ok(Vec::new());
        }
        Ok(vec![Event::AccessSettingsChanged {
            settings: self.settings,
        }])
    }

    pub(crate) fn audit(&self, state: &State) -> Option<AuditNote> {
        (state.settings != self.settings).then(|| {
            AuditNote::new(AuditAction::SettingsChanged)
                .detail(serde_json::json!({ "before": state.settings, "after": self.settings }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Command, CommandId, Timestamp, testing::Workspace};

    fn viewer(role: Role) -> Viewer {
        Viewer {
            id: AgentId::new(match role {
                Role::Admin => "admin",
                Role::Supervisor => "sue",
                Role::Agent => "ana",
            }),
            role,
        }
    }

    fn decide(command: &Command, role: Role, state: &State) -> Result<Vec<Event>, CommandError> {
        command.decide(&CommandId::new("c1"), &viewer(role), state, Timestamp(0))
    }

    fn workspace() -> Workspace {
        Workspace::new()
    }

    fn save_team(team: &str, name: &str, members: &[&str]) -> Command {
        Command::SaveTeam(SaveTeam {
            team: TeamId::new(team),
            name: name.into(),
            members: members.iter().map(|m| AgentId::new(*m)).collect(),
        })
    }

    #[test]
    fn a_team_is_saved_by_an_admin_with_known_members_and_a_real_name() {
        let w = workspace();
        let save = save_team("sales", " Sales ", &["ana"]);
        let events = decide(&save, Role::Admin, &w.state).expect("saved");
        assert!(matches!(&events[..], [Event::TeamSaved { name, .. }] if name == "Sales"));
        assert_eq!(
            decide(&save, Role::Supervisor, &w.state),
            Err(CommandError::NotAllowed {
                needed: Role::Admin
            })
        );
        for (team, name, members, refusal) in [
            ("Sales Team", "Sales", &["ana"][..], CommandError::BadTeamId),
            ("sales", "  ", &["ana"][..], CommandError::BadTeamName),
            (
                "sales",
                &"x".repeat(81),
                &["ana"][..],
                CommandError::BadTeamName,
            ),
            (
                "sales",
                "Sales",
                &["ghost"][..],
                CommandError::UnknownAgent(AgentId::new("ghost")),
            ),
        ] {
            let save = save_team(team, name, members);
            assert_eq!(decide(&save, Role::Admin, &w.state), Err(refusal));
        }
        let note = save.audit(&w.state).expect("audited");
        assert_eq!(note.action, AuditAction::TeamSaved);
        assert_eq!(note.target.as_deref(), Some("sales"));
        assert_eq!(note.detail["name"], "Sales");
    }

    #[test]
    fn only_a_known_team_is_deleted_or_given_a_line_and_round_robin_needs_one() {
        let mut w = workspace();
        let delete = Command::DeleteTeam(TeamOnly {
            team: TeamId::new("sales"),
        });
        assert_eq!(
            decide(&delete, Role::Admin, &w.state),
            Err(CommandError::UnknownTeam(TeamId::new("sales")))
        );
        let line = |team: Option<&str>, round_robin| {
            Command::SetLineTeam(SetLineTeam {
                line: crate::LineId::new("ventas"),
                team: team.map(TeamId::new),
                round_robin,
            })
        };
        assert_eq!(
            decide(&line(Some("sales"), false), Role::Admin, &w.state),
            Err(CommandError::UnknownTeam(TeamId::new("sales")))
        );
        assert_eq!(
            decide(&line(None, true), Role::Admin, &w.state),
            Err(CommandError::RoundRobinNeedsTeam)
        );
        for event in decide(&save_team("sales", "Sales", &[]), Role::Admin, &w.state).unwrap() {
            w.apply(event);
        }
        assert!(decide(&line(Some("sales"), true), Role::Admin, &w.state).is_ok());
        assert!(decide(&line(Some("sales"), true), Role::Supervisor, &w.state).is_err());
        assert!(decide(&delete, Role::Admin, &w.state).is_ok());
        let note = line(Some("sales"), true).audit(&w.state).expect("audited");
        assert_eq!(note.action, AuditAction::LineChanged);
        assert_eq!(note.target.as_deref(), Some("ventas"));
    }

    #[test]
    fn supervisors_keep_quick_replies_and_agents_may_not() {
        let mut w = workspace();
        let save = Command::SaveQuickReply(SaveQuickReply {
            shortcut: "/Horario".into(),
            body: "Abrimos às 9h.".into(),
        });
        assert!(matches!(
            decide(&save, Role::Agent, &w.state),
            Err(CommandError::NotAllowed { .. })
        ));
        let events = decide(&save, Role::Supervisor, &w.state).expect("saved");
        assert!(matches!(
            &events[..],
            [Event::QuickReplySaved { reply, by }] if reply.shortcut == "horario" && by.as_str() == "sue"
        ));
        let bad = Command::SaveQuickReply(SaveQuickReply {
            shortcut: "dos palabras".into(),
            body: "x".into(),
        });
        assert!(matches!(
            decide(&bad, Role::Supervisor, &w.state),
            Err(CommandError::QuickReply(_))
        ));
        let delete = Command::DeleteQuickReply(QuickReplyOnly {
            shortcut: "horario".into(),
        });
        assert_eq!(
            decide(&delete, Role::Supervisor, &w.state),
            Err(CommandError::UnknownQuickReply("horario".into()))
        );
        for event in events {
            w.apply(event);
        }
        assert!(decide(&delete, Role::Supervisor, &w.state).is_ok());
        assert_eq!(
            save.audit(&w.state).map(|n| n.action),
            Some(AuditAction::QuickReplySaved)
        );
    }

    #[test]
    fn unchanged_access_settings_change_nothing_and_leave_no_audit_entry() {
        let mut w = workspace();
        let same = Command::ChangeAccess(ChangeAccess {
            settings: AccessSettings::default(),
        });
        assert_eq!(decide(&same, Role::Admin, &w.state), Ok(Vec::new()));
        assert_eq!(same.audit(&w.state), None);
        let stricter = Command::ChangeAccess(ChangeAccess {
            settings: AccessSettings {
                restrict_to_teams: true,
                require_totp: false,
            },
        });
        let note = stricter.audit(&w.state).expect("audited");
        assert_eq!(note.detail["before"]["restrict_to_teams"], false);
        assert_eq!(note.detail["after"]["restrict_to_teams"], true);
        for event in decide(&stricter, Role::Admin, &w.state).unwrap() {
            w.apply(event);
        }
        assert_eq!(decide(&stricter, Role::Admin, &w.state), Ok(Vec::new()));
        assert!(decide(&stricter, Role::Supervisor, &w.state).is_err());
    }
}
