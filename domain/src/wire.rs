//! What the relay and the app say to each other, defined once and used by both: the feed's
//! frames each way, the command envelope and its acknowledgement, and the views of the
//! session, members, one-time links and lines. (Error codes are [`crate::ErrorCode`], audit
//! actions [`crate::audit::AuditAction`].) Borrowed where the relay sends a value it already holds; the app
//! reads owned copies (`'static`).

use crate::{
    AgentId, Command, CommandId, EventRecord, LineId, Role, Seq, Timestamp, Viewer,
    i18n::Locale,
    presence::{Focus, Presence},
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One text frame of the feed (`GET /ws?since=N`), relay to app.
#[allow(
    clippy::large_enum_variant,
    reason = "a frame is built, sent or read, and dropped one at a time"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeedFrame<'a> {
    Event {
        record: Cow<'a, EventRecord>,
    },
    /// Every stored event after `since` has been sent; live events follow.
    CaughtUp {
        seq: Seq,
    },
    /// What this member may see changed: wipe the replica and sync from 0.
    Reset,
    /// The session ended (deactivated, logged out everywhere, expired): wipe the replica
    /// and sign in again.
    Ended,
    /// Who is online, and who is viewing or typing in the chats this member can see; sent
    /// after `caught_up` and on every change.
    Presence {
        presence: Cow<'a, Presence>,
    },
}

/// What the app says on the feed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeedMessage<'a> {
    /// The chat on screen (none: the list), and whether the member is typing in it.
    Focus(Cow<'a, Focus>),
}

/// `POST /api/commands`: a command and the client's id for it (a repeat is answered as the
/// first time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandEnvelope<'a> {
    pub id: Cow<'a, CommandId>,
    pub command: Cow<'a, Command>,
}

/// The answer to a command: the seq of the last event it appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandAck {
    pub seq: Seq,
}

/// The signed-in member (`GET /api/session`, a sign-in, a link accepted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub username: AgentId,
    #[serde(default)]
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub totp_enabled: bool,
    /// Two-factor is required and not set up yet: only the account page works.
    #[serde(default)]
    pub must_enrol_totp: bool,
    /// Signed in with the one-time password printed at first start: only the account page
    /// works until a new password is chosen.
    #[serde(default)]
    pub must_change_password: bool,
    /// The language the member chose; none yet: the browser's.
    #[serde(default)]
    pub language: Option<Locale>,
}

impl SessionView {
    pub fn viewer(&self) -> Viewer {
        Viewer {
            id: self.username.clone(),
            role: self.role,
        }
    }
}

/// A member as the admin's list shows them (`GET /api/members`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub username: AgentId,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// False while an invite is unanswered.
    pub has_password: bool,
    pub totp_enabled: bool,
    pub created_at: Timestamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Sets the first password of an invited member.
    Invite,
    /// Replaces a forgotten password.
    Reset,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Reset => "reset",
        }
    }
}

/// A one-time link to hand to a member; `path` is relative to the app's address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub kind: LinkKind,
    pub path: String,
    pub expires_at: Timestamp,
}

/// What a link's page shows before its password is chosen (`GET /api/links/{token}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub username: AgentId,
    pub name: String,
    pub kind: LinkKind,
    pub expires_at: Timestamp,
    /// The member's second factor is on: using the link needs a current code.
    #[serde(default)]
    pub totp_enabled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineProvider {
    /// The built-in line whose customers are played in the Simulator.
    Sandbox,
    /// A WhatsApp Business number on Meta's Cloud API.
    Meta,
}

/// A line as members see it (`GET /api/lines`): never its secrets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub id: LineId,
    pub name: String,
    pub provider: LineProvider,
    /// The number in international form, with one `+`.
    pub phone: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ChatId, Event, command::ChatOnly};
    use serde::de::DeserializeOwned;

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
        value: &T,
        json: &str,
    ) {
        let written = serde_json::to_string(value).expect("encode");
        assert_eq!(written, json);
        assert_eq!(&serde_json::from_str::<T>(&written).expect("decode"), value);
    }

    #[test]
    fn every_frame_reads_back_as_written() {
        let record = EventRecord {
            seq: Seq(7),
            at: Timestamp(1_000),
            event: Event::QuickReplyDeleted {
                shortcut: "hola".into(),
                by: crate::AgentId::new("ana"),
            },
        };
        round_trip(
            &FeedFrame::Event {
                record: Cow::Owned(record),
            },
            r#"{"type":"event","record":{"seq":7,"at":1000,"event":{"type":"quick_reply_deleted","shortcut":"hola","by":"ana"}}}"#,
        );
        round_trip(
            &FeedFrame::CaughtUp { seq: Seq(7) },
            r#"{"type":"caught_up","seq":7}"#,
        );
        round_trip(&FeedFrame::Reset, r#"{"type":"reset"}"#);
        round_trip(&FeedFrame::Ended, r#"{"type":"ended"}"#);
        let presence = FeedFrame::Presence {
            presence: Cow::Owned(Presence::default()),
        };
        let written = serde_json::to_string(&presence).expect("encode");
        assert!(
            written.starts_with(r#"{"type":"presence","presence":{"#),
            "{written}"
        );
        assert_eq!(
            serde_json::from_str::<FeedFrame<'_>>(&written).expect("decode"),
            presence
        );
        let focus = FeedMessage::Focus(Cow::Owned(Focus {
            chat: Some(ChatId::of(
                &crate::LineId::new("ventas"),
                &crate::ContactId::new("5511"),
            )),
            typing: true,
        }));
        round_trip(
            &focus,
            r#"{"type":"focus","chat":"ventas:5511","typing":true}"#,
        );
    }

    #[test]
    fn a_command_and_its_ack_read_back_as_written() {
        let envelope = CommandEnvelope {
            id: Cow::Owned(CommandId::new("c-1")),
            command: Cow::Owned(Command::Resolve(ChatOnly {
                chat: ChatId::of(
                    &crate::LineId::new("ventas"),
                    &crate::ContactId::new("5511"),
                ),
            })),
        };
        round_trip(
            &envelope,
            r#"{"id":"c-1","command":{"type":"resolve","chat":"ventas:5511"}}"#,
        );
        round_trip(&CommandAck { seq: Seq(9) }, r#"{"seq":9}"#);
    }

    #[test]
    fn the_views_of_session_members_links_and_lines_read_back_as_written() {
        let me = SessionView {
            username: AgentId::new("ana"),
            name: "Ana".into(),
            role: Role::Supervisor,
            totp_enabled: true,
            must_enrol_totp: false,
            must_change_password: false,
            language: Some(Locale::PtBr),
        };
        round_trip(
            &me,
            r#"{"username":"ana","name":"Ana","role":"supervisor","totp_enabled":true,"must_enrol_totp":false,"must_change_password":false,"language":"pt-BR"}"#,
        );
        assert_eq!(me.viewer().id, AgentId::new("ana"));
        round_trip(
            &MemberView {
                username: AgentId::new("bruno"),
                name: "Bruno".into(),
                role: Role::Agent,
                active: true,
                has_password: false,
                totp_enabled: false,
                created_at: Timestamp(5),
            },
            r#"{"username":"bruno","name":"Bruno","role":"agent","active":true,"has_password":false,"totp_enabled":false,"created_at":5}"#,
        );
        round_trip(
            &LinkView {
                kind: LinkKind::Invite,
                path: "/link/abc".into(),
                expires_at: Timestamp(9),
            },
            r#"{"kind":"invite","path":"/link/abc","expires_at":9}"#,
        );
        round_trip(
            &LinkInfo {
                username: AgentId::new("bruno"),
                name: "Bruno".into(),
                kind: LinkKind::Reset,
                expires_at: Timestamp(9),
                totp_enabled: true,
            },
            r#"{"username":"bruno","name":"Bruno","kind":"reset","expires_at":9,"totp_enabled":true}"#,
        );
        round_trip(
            &LineView {
                id: LineId::new("ventas"),
                name: "Ventas".into(),
                provider: LineProvider::Meta,
                phone: "+1 555 0100".into(),
            },
            r#"{"id":"ventas","name":"Ventas","provider":"meta","phone":"+1 555 0100"}"#,
        );
    }
}
