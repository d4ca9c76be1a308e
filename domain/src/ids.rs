//! Identifiers. Each is a newtype so a chat id can never be passed where a wamid is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// A WhatsApp Business line, as named in the relay's configuration (e.g. `sandbox`, `ventas`).
    LineId
);
string_id!(
    /// A customer: their WhatsApp id (E.164 digits without `+`), or their business-scoped user id.
    ContactId
);
string_id!(
    /// A WhatsApp message id (`wamid.…`), assigned by Meta (or by the Sandbox line).
    Wamid
);
string_id!(
    /// A client-generated command id; commands are idempotent by it, so an outbox can retry.
    CommandId
);
string_id!(
    /// A member of the workspace (their login name).
    AgentId
);
string_id!(
    /// A team of agents (a short slug chosen when the team is created).
    TeamId
);

impl ContactId {
    /// A business-scoped user id (`US.13491208655302741918`, a parent `US.ENT.…`) rather
    /// than a phone number: Meta sends to it as `recipient`, not `to`.
    pub fn is_user_id(&self) -> bool {
        let id = self.as_str();
        let (country, rest) = id.split_at_checked(2).unwrap_or(("", ""));
        country.chars().all(|c| c.is_ascii_uppercase())
            && country.len() == 2
            && rest.strip_prefix('.').is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            })
    }
}

/// One chat per contact per line, holding the entire history.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChatId(String);

impl ChatId {
    pub fn of(line: &LineId, contact: &ContactId) -> Self {
        Self(format!("{line}:{contact}"))
    }
    pub fn parse(value: &str) -> Option<Self> {
        let (line, contact) = value.split_once(':')?;
        (!line.is_empty() && !contact.is_empty()).then(|| Self(value.to_owned()))
    }
    pub fn line(&self) -> LineId {
        LineId::new(self.0.split_once(':').map_or("", |(l, _)| l))
    }
    pub fn contact(&self) -> ContactId {
        ContactId::new(self.0.split_once(':').map_or("", |(_, c)| c))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The position of an event in the log. Starts at 1; 0 means "nothing yet".
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Seq(pub u64);

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_id_round_trips_line_and_contact() {
        let chat = ChatId::of(&LineId::new("sandbox"), &ContactId::new("5215512345678"));
        assert_eq!(chat.as_str(), "sandbox:5215512345678");
        assert_eq!(chat.line(), LineId::new("sandbox"));
        assert_eq!(chat.contact(), ContactId::new("5215512345678"));
        assert_eq!(ChatId::parse(chat.as_str()), Some(chat));
        assert_eq!(ChatId::parse("nocolon"), None);
        assert!(ContactId::new("US.13491208655302741918").is_user_id());
        assert!(ContactId::new("US.ENT.11815799212886844830").is_user_id());
        assert!(!ContactId::new("5215512345678").is_user_id());
        assert!(!ContactId::new("120363418770915618@g.us").is_user_id());
        assert!(!ContactId::new("us.1").is_user_id());
        assert_eq!(ChatId::parse(":x"), None);
    }
}
