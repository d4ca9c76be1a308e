//! What the relay and the app say to each other, defined once and used by both: the feed's
//! frames each way and the command envelope and its acknowledgement. (Error codes are
//! [`crate::ErrorCode`].) Borrowed where the relay sends a value it already holds; the app
//! reads owned copies (`'static`).

use crate::{
    Command, CommandId, EventRecord, Seq,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ChatId, Event, Timestamp, command::ChatOnly};
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
}
