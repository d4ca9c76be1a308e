//! Messages in a chat, inbound and outbound.

use crate::{AgentId, CommandId, DeliveryStatus, SendFailure, Timestamp, Wamid};
use serde::{Deserialize, Serialize};

/// What a message says, as far as the product understands it. The original JSON always
/// travels beside it in the event, so a kind we do not render yet is never lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MessageBody {
    Text {
        body: String,
    },
    /// A kind this version does not render yet (`kind` is Meta's `type`).
    Other {
        kind: String,
    },
}

impl MessageBody {
    /// A one-line preview for the chat list.
    pub fn preview(&self) -> String {
        match self {
            Self::Text { body } => body.lines().next().unwrap_or_default().to_owned(),
            Self::Other { kind } => format!("[{kind}]"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// How a message is found: inbound by its wamid, outbound by the command that queued it
/// (its wamid only exists once the provider accepts it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", content = "id", rename_all = "snake_case")]
pub enum MessageKey {
    Wamid(Wamid),
    Command(CommandId),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: MessageKey,
    pub direction: Direction,
    pub body: MessageBody,
    pub at: Timestamp,
    pub wamid: Option<Wamid>,
    /// Outbound only.
    pub status: Option<DeliveryStatus>,
    pub failure: Option<SendFailure>,
    pub by: Option<AgentId>,
}
