//! Delivery status of an outbound message: queued → accepted → sent → delivered → read
//! (→ played for voice), or failed, or unconfirmed when the relay stopped mid-send and Meta
//! never said. Webhooks arrive late, twice and out of order, so the status only ever moves
//! forward.

use crate::CommandId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Written by an agent, waiting for the line's sender.
    Queued,
    /// The provider accepted it and gave it a wamid.
    Accepted,
    Sent,
    Delivered,
    Read,
    /// A voice message was played for the first time.
    Played,
    Failed,
    /// Attempted, then the relay stopped before Meta answered, and no status came within
    /// the grace period: it may not have been sent.
    Unconfirmed,
}

/// The `biz_opaque_callback_data` a message is sent with: Meta repeats it on every status,
/// so a status names the message even when the relay never learned its wamid.
pub fn callback_for(command: &CommandId) -> String {
    format!("{CALLBACK_PREFIX}{command}")
}

/// The message a status's callback data names, when it is one of ours.
pub fn command_of_callback(data: &str) -> Option<CommandId> {
    data.strip_prefix(CALLBACK_PREFIX)
        .filter(|id| !id.is_empty())
        .map(CommandId::new)
}

const CALLBACK_PREFIX: &str = "sb1:";

impl DeliveryStatus {
    /// Parses a status as Meta names it in `statuses[].status`.
    pub fn from_meta(value: &str) -> Option<Self> {
        Some(match value {
            "sent" => Self::Sent,
            "delivered" => Self::Delivered,
            "read" => Self::Read,
            "played" => Self::Played,
            "failed" => Self::Failed,
            _ => return None,
        })
    }

    fn rank(self) -> u8 {
        match self {
            Self::Queued => 0,
            Self::Accepted | Self::Unconfirmed => 1,
            Self::Sent => 2,
            Self::Failed => 3,
            Self::Delivered => 4,
            Self::Read => 5,
            Self::Played => 6,
        }
    }

    /// The status after `next` is reported for a message currently at `self`.
    ///
    /// A status never regresses (read, then a late delivered, stays read). A failure
    /// counts only before delivery: once the customer's phone has the message, a stray
    /// failure for it says nothing about that message.
    pub fn advance(self, next: Self) -> Self {
        if next.rank() > self.rank() {
            next
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeliveryStatus::{self, *};
    use rstest::rstest;

    #[rstest]
    #[case(Queued, Accepted, Accepted)]
    #[case(Accepted, Sent, Sent)]
    #[case(Sent, Read, Read)] // delivered may be skipped
    #[case(Read, Delivered, Read)] // late delivered never regresses
    #[case(Delivered, Sent, Delivered)]
    #[case(Sent, Failed, Failed)]
    #[case(Queued, Failed, Failed)]
    #[case(Delivered, Failed, Delivered)]
    #[case(Read, Played, Played)]
    fn status_only_moves_forward(
        #[case] current: DeliveryStatus,
        #[case] next: DeliveryStatus,
        #[case] expected: DeliveryStatus,
    ) {
        assert_eq!(current.advance(next), expected);
    }

    #[test]
    fn meta_status_names_parse() {
        assert_eq!(DeliveryStatus::from_meta("read"), Some(Read));
        assert_eq!(DeliveryStatus::from_meta("deleted"), None);
    }
}
