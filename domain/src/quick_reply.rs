//! Quick replies: answers the team saves once and an agent inserts with `/shortcut`, with
//! the contact's name and the agent's filled in from the shared vocabulary of variables.

use crate::search;
use serde::{Deserialize, Serialize};

/// The longest saved answer: what one WhatsApp text message holds.
pub const MAX_BODY_CHARS: usize = crate::command::MAX_TEXT_CHARS;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickReply {
    /// What the agent types after `/`: lowercase letters, digits, `-` and `_`.
    pub shortcut: String,
    pub body: String,
}

/// What the variables stand for in one chat (the vocabulary is [`crate::variables`]).
pub type Fill<'a> = crate::variables::Values<'a>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuickReplyError {
    BadShortcut,
    EmptyBody,
    BodyTooLong,
    UnknownVariable(String),
}

impl QuickReplyError {
    /// The sentence for a person, in `locale`.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::text_with;
        match self {
            Self::BadShortcut => text_with(locale, "error-quick-reply-shortcut", &[]),
            Self::EmptyBody => text_with(locale, "error-quick-reply-empty", &[]),
            Self::BodyTooLong => text_with(
                locale,
                "error-quick-reply-too-long",
                &[("max", MAX_BODY_CHARS.into())],
            ),
            Self::UnknownVariable(variable) => text_with(
                locale,
                "error-unknown-variable",
                &[("variable", variable.into())],
            ),
        }
    }

    pub fn code(&self) -> crate::ErrorCode {
        match self {
            Self::BadShortcut => crate::ErrorCode::BadShortcut,
            Self::EmptyBody => crate::ErrorCode::EmptyMessage,
            Self::BodyTooLong => crate::ErrorCode::MessageTooLong,
            Self::UnknownVariable(_) => crate::ErrorCode::UnknownVariable,
        }
    }
}

crate::english_display!(QuickReplyError);

/// A shortcut as it is kept: without the slash or surrounding spaces, in lowercase.
pub fn tidy_shortcut(typed: &str) -> String {
    typed.trim().trim_start_matches('/').to_lowercase()
}

impl QuickReply {
    /// A quick reply as typed by a supervisor, checked and tidied (shortcut lowercased,
    /// body trimmed at the end).
    pub fn new(shortcut: &str, body: &str) -> Result<Self, QuickReplyError> {
        let shortcut = tidy_shortcut(shortcut);
        let valid = (1..=32).contains(&shortcut.chars().count())
            && shortcut
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            return Err(QuickReplyError::BadShortcut);
        }
        let body = body.trim_end();
        if body.trim().is_empty() {
            return Err(QuickReplyError::EmptyBody);
        }
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(QuickReplyError::BodyTooLong);
        }
        if let Some(unknown) = crate::variables::first_unknown(body) {
            return Err(QuickReplyError::UnknownVariable(unknown.to_owned()));
        }
        Ok(Self {
            shortcut,
            body: body.to_owned(),
        })
    }

    /// The text to put in the composer. A variable with nothing to stand for (a contact
    /// without a name) becomes empty, and the agent sees the result before sending.
    pub fn fill(&self, with: &Fill<'_>) -> String {
        crate::variables::fill(&self.body, with)
    }

    /// Whether the folded `query` (see [`search::needle`]) is in the shortcut or the text.
    pub fn matches(&self, needle: &[char]) -> bool {
        needle.is_empty()
            || !search::matches(&self.shortcut, needle).is_empty()
            || !search::matches(&self.body, needle).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_reply_is_checked_and_tidied() {
        let reply = QuickReply::new(" /Horario ", "Abrimos às 9h.\n").unwrap();
        assert_eq!(reply.shortcut, "horario");
        assert_eq!(reply.body, "Abrimos às 9h.");
        assert_eq!(
            QuickReply::new("two words", "x"),
            Err(QuickReplyError::BadShortcut)
        );
        assert_eq!(QuickReply::new("", "x"), Err(QuickReplyError::BadShortcut));
        assert_eq!(
            QuickReply::new("hi", "  \n "),
            Err(QuickReplyError::EmptyBody)
        );
        assert_eq!(
            QuickReply::new("hi", &"a".repeat(MAX_BODY_CHARS + 1)),
            Err(QuickReplyError::BodyTooLong)
        );
        assert_eq!(
            QuickReply::new("hi", "Hola {{nombre}}"),
            Err(QuickReplyError::UnknownVariable("{{nombre}}".into()))
        );
    }

    #[test]
    fn variables_are_filled_with_the_chat_and_the_agent() {
        let reply = QuickReply::new(
            "hola",
            "Hola {{first_name}}! Soy {{agent}}. ¿{{name}}, cierto?",
        )
        .unwrap();
        let filled = reply.fill(&Fill {
            contact_name: Some("María José Pérez"),
            agent_name: "Ana",
            ..Fill::default()
        });
        assert_eq!(filled, "Hola María! Soy Ana. ¿María José Pérez, cierto?");
        let nameless = reply.fill(&Fill {
            contact_name: None,
            agent_name: "Ana",
            ..Fill::default()
        });
        assert_eq!(nameless, "Hola ! Soy Ana. ¿, cierto?");
    }

    #[test]
    fn search_ignores_case_and_accents_in_shortcut_and_text() {
        let reply = QuickReply::new("envio", "O pedido já está a caminho.").unwrap();
        assert!(reply.matches(&search::needle("ENV")));
        assert!(reply.matches(&search::needle("ja esta")));
        assert!(reply.matches(&search::needle("")));
        assert!(!reply.matches(&search::needle("horario")));
    }
}
