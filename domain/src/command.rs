//! Commands: what an agent asks the relay to do. The relay checks them against its
//! projection with [`Command::decide`], and the app runs the same check before sending.

use crate::{
    AgentId, ChatId, CommandId, Event, MessageBody, State, Timestamp, Wamid, window::window,
};
use serde::{Deserialize, Serialize};

/// Meta's limit on a text message body.
pub const MAX_TEXT_CHARS: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Command {
    SendText(SendText),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendText {
    pub chat: ChatId,
    pub body: String,
    #[serde(default)]
    pub reply_to: Option<Wamid>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CommandError {
    #[error("The message is empty: type something to send.")]
    EmptyMessage,
    #[error(
        "The message is longer than WhatsApp allows ({MAX_TEXT_CHARS} characters): shorten it or split it."
    )]
    MessageTooLong,
    #[error("This chat does not exist (any more): reload the inbox.")]
    UnknownChat,
    #[error(
        "Outside the 24-hour window — the customer has not written in the last 24 hours: send a template instead."
    )]
    WindowClosed,
}

impl CommandError {
    /// A stable machine code the app matches on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyMessage => "empty_message",
            Self::MessageTooLong => "message_too_long",
            Self::UnknownChat => "unknown_chat",
            Self::WindowClosed => "window_closed",
        }
    }
}

impl Command {
    /// The events this command produces, or why it is refused, given the state at `now`.
    pub fn decide(
        &self,
        id: &CommandId,
        by: &AgentId,
        state: &State,
        now: Timestamp,
    ) -> Result<Vec<Event>, CommandError> {
        match self {
            Self::SendText(send) => {
                let body = send.body.trim_end();
                if body.trim().is_empty() {
                    return Err(CommandError::EmptyMessage);
                }
                if body.chars().count() > MAX_TEXT_CHARS {
                    return Err(CommandError::MessageTooLong);
                }
                let chat = state.chat(&send.chat).ok_or(CommandError::UnknownChat)?;
                if !window(chat.last_inbound, now).is_open() {
                    return Err(CommandError::WindowClosed);
                }
                Ok(vec![Event::OutboundQueued {
                    command: id.clone(),
                    line: chat.line.clone(),
                    contact: chat.contact.clone(),
                    body: MessageBody::Text {
                        body: body.to_owned(),
                    },
                    by: by.clone(),
                }])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactId, EventRecord, LineId, Seq, WINDOW_SECONDS, apply};

    fn state_with_inbound_at(at: Timestamp) -> (State, ChatId) {
        let line = LineId::new("sandbox");
        let contact = ContactId::new("551199998888");
        let mut state = State::default();
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(1),
                at,
                event: Event::MessageReceived {
                    line: line.clone(),
                    contact: contact.clone(),
                    profile_name: None,
                    wamid: Wamid::new("wamid.1"),
                    sent_at: at,
                    body: MessageBody::Text { body: "Oi".into() },
                    context: Default::default(),
                    referral: None,
                    raw: serde_json::Value::Null,
                },
            },
        );
        (state, ChatId::of(&line, &contact))
    }

    fn send(chat: &ChatId, body: &str) -> Command {
        Command::SendText(SendText {
            chat: chat.clone(),
            body: body.into(),
            reply_to: None,
        })
    }

    #[test]
    fn reply_inside_window_is_queued() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let events = send(&chat, "Olá!")
            .decide(
                &CommandId::new("c1"),
                &AgentId::new("admin"),
                &state,
                at.plus_seconds(60),
            )
            .expect("allowed");
        assert!(matches!(&events[..], [Event::OutboundQueued { .. }]));
    }

    #[test]
    fn free_text_outside_window_is_refused() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let result = send(&chat, "Olá!").decide(
            &CommandId::new("c1"),
            &AgentId::new("admin"),
            &state,
            at.plus_seconds(WINDOW_SECONDS),
        );
        assert_eq!(result, Err(CommandError::WindowClosed));
    }

    #[test]
    fn empty_long_and_unknown_are_refused() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let id = CommandId::new("c1");
        let agent = AgentId::new("admin");
        assert_eq!(
            send(&chat, "  \n").decide(&id, &agent, &state, at),
            Err(CommandError::EmptyMessage)
        );
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            send(&chat, &long).decide(&id, &agent, &state, at),
            Err(CommandError::MessageTooLong)
        );
        let other = ChatId::of(&LineId::new("sandbox"), &ContactId::new("1"));
        assert_eq!(
            send(&other, "hi").decide(&id, &agent, &state, at),
            Err(CommandError::UnknownChat)
        );
    }
}
