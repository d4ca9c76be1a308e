//! What the audit log records: its actions, whose names are stable (filters and exports use
//! them), and the note a workspace command leaves, which the relay writes in the same
//! transaction as the command's events.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    LoginSucceeded,
    LoginFailed,
    Logout,
    LogoutEverywhere,
    PasswordChanged,
    PasswordSet,
    TotpEnabled,
    TotpDisabled,
    TotpReset,
    MemberCreated,
    MemberInvited,
    PasswordResetIssued,
    MemberChanged,
    TeamSaved,
    TeamDeleted,
    LineChanged,
    SettingsChanged,
    QuickReplySaved,
    QuickReplyDeleted,
    TemplatesSynced,
    Export,
    Deletion,
    /// A stored event could not be read at start-up and was left out (the relay's own entry).
    RecordSetAside,
    /// An action from a newer relay than this app knows (never written by the relay).
    #[serde(other)]
    Unknown,
}

impl AuditAction {
    /// Every action the relay writes, in the order the audit filter lists them.
    pub const ALL: [Self; 23] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::Logout,
        Self::LogoutEverywhere,
        Self::PasswordChanged,
        Self::PasswordSet,
        Self::TotpEnabled,
        Self::TotpDisabled,
        Self::TotpReset,
        Self::MemberCreated,
        Self::MemberInvited,
        Self::PasswordResetIssued,
        Self::MemberChanged,
        Self::TeamSaved,
        Self::TeamDeleted,
        Self::LineChanged,
        Self::SettingsChanged,
        Self::QuickReplySaved,
        Self::QuickReplyDeleted,
        Self::TemplatesSynced,
        Self::Export,
        Self::Deletion,
        Self::RecordSetAside,
    ];

    /// The stable name, as stored and as the filter takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::Logout => "logout",
            Self::LogoutEverywhere => "logout_everywhere",
            Self::PasswordChanged => "password_changed",
            Self::PasswordSet => "password_set",
            Self::TotpEnabled => "totp_enabled",
            Self::TotpDisabled => "totp_disabled",
            Self::TotpReset => "totp_reset",
            Self::MemberCreated => "member_created",
            Self::MemberInvited => "member_invited",
            Self::PasswordResetIssued => "password_reset_issued",
            Self::MemberChanged => "member_changed",
            Self::TeamSaved => "team_saved",
            Self::TeamDeleted => "team_deleted",
            Self::LineChanged => "line_changed",
            Self::SettingsChanged => "settings_changed",
            Self::QuickReplySaved => "quick_reply_saved",
            Self::QuickReplyDeleted => "quick_reply_deleted",
            Self::TemplatesSynced => "templates_synced",
            Self::Export => "export",
            Self::Deletion => "deletion",
            Self::RecordSetAside => "record_set_aside",
            Self::Unknown => "unknown",
        }
    }

    /// The action named `name`; `Unknown` for a name this build does not know.
    pub fn parse(name: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == name)
            .unwrap_or(Self::Unknown)
    }
}

/// What the audit log records of a command: the member who sent it is its actor.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditNote {
    pub action: AuditAction,
    pub target: Option<String>,
    pub detail: serde_json::Value,
}

impl AuditNote {
    pub fn new(action: AuditAction) -> Self {
        Self {
            action,
            target: None,
            detail: serde_json::Value::Null,
        }
    }

    pub fn target(mut self, target: &impl ToString) -> Self {
        self.target = Some(target.to_string());
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_is_stored_and_read_back_under_its_stable_name() {
        for action in AuditAction::ALL {
            let json = serde_json::to_value(action).expect("serialise");
            assert_eq!(json, action.as_str(), "{action:?}");
            assert_eq!(AuditAction::parse(action.as_str()), action);
            let back: AuditAction = serde_json::from_value(json).expect("read");
            assert_eq!(back, action);
        }
        let newer: AuditAction = serde_json::from_str("\"flow_published\"").expect("read");
        assert_eq!(newer, AuditAction::Unknown);
    }
}
