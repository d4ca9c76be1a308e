//! Local search over contacts and messages: case- and accent-insensitive ("nao" finds
//! "não", "PEDIDO" finds "pedido"), with the places to highlight in the original text.

use crate::{ChatId, MessageBody, State, Viewer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// One result: a chat (by its name or number) or one of its messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub chat: ChatId,
    /// The message's position in the chat; `None` when the contact itself matched.
    pub message: Option<usize>,
    /// The text that matched, whole.
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub ranges: Vec<(usize, usize)>,
}

/// Lower-case, without accents, with each folded char's original byte range.
fn fold(text: &str) -> (Vec<char>, Vec<(usize, usize)>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let range = (at, at + c.len_utf8());
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for lower in d.to_lowercase() {
                    folded.push(lower);
                    origin.push(range);
                }
            }
        });
    }
    (folded, origin)
}

/// The folded form of a query, ready for [`matches`] (empty when it is only blanks).
pub fn needle(query: &str) -> Vec<char> {
    fold(query.trim()).0
}

/// Where the folded `needle` occurs in `text`, as byte ranges of `text`.
pub fn matches(text: &str, needle: &[char]) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let (folded, origin) = fold(text);
    let mut ranges = Vec::new();
    let mut i = 0;
    while i + needle.len() <= folded.len() {
        if folded[i..i + needle.len()] == *needle {
            ranges.push((origin[i].0, origin[i + needle.len() - 1].1));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    ranges
}

/// The text of a message that search looks in.
pub fn searchable(body: &MessageBody) -> String {
    match body {
        MessageBody::Text { body } => body.clone(),
        MessageBody::Media(media) => [media.caption.clone(), media.filename.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        MessageBody::Template(template) => template.preview.clone(),
        MessageBody::Edit { body, .. } => searchable(body),
        other => other.preview(),
    }
}

impl State {
    /// Contacts and messages the viewer may see that contain `query`, newest chats first,
    /// newest messages first within a chat; at most `limit`.
    pub fn search(&self, viewer: &Viewer, query: &str, limit: usize) -> Vec<Hit> {
        let (needle, _) = fold(query.trim());
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for chat in self.chats_by_activity() {
            if !self.can_see_chat(viewer, &chat.id) {
                continue;
            }
            for text in [chat.title().to_owned(), chat.contact.to_string()] {
                let ranges = matches(&text, &needle);
                if !ranges.is_empty() {
                    hits.push(Hit {
                        chat: chat.id.clone(),
                        message: None,
                        text,
                        ranges,
                    });
                    break;
                }
            }
            for (index, message) in chat.messages.iter().enumerate().rev() {
                if hits.len() >= limit {
                    return hits;
                }
                let text = searchable(&message.body);
                let ranges = matches(&text, &needle);
                if !ranges.is_empty() {
                    hits.push(Hit {
                        chat: chat.id.clone(),
                        message: Some(index),
                        text,
                        ranges,
                    });
                }
            }
        }
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        AgentId, ContactId, Event, EventRecord, LineId, Role, Seq, Timestamp, Wamid, apply,
    };

    fn needle(text: &str) -> Vec<char> {
        fold(text).0
    }

    #[test]
    fn ignores_case_and_accents_and_highlights_the_original() {
        let text = "Olá, NÃO recebi o pedido. Não!";
        let ranges = matches(text, &needle("nao"));
        let found: Vec<&str> = ranges.iter().map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(found, ["NÃO", "Não"]);
        assert_eq!(matches("Pedido nº 12", &needle("PEDIDO")), [(0, 6)]);
        assert!(matches("pedido", &needle("pedidos")).is_empty());
    }

    #[test]
    fn finds_contacts_and_messages_the_viewer_may_see() {
        let mut state = State::default();
        let write = |state: &mut State, seq: u64, contact: &str, name: &str, text: &str| {
            let event = Event::MessageReceived {
                line: LineId::new("ventas"),
                contact: ContactId::new(contact),
                profile_name: Some(name.into()),
                wamid: Wamid::new(format!("w{seq}")),
                sent_at: Timestamp(seq as i64),
                body: MessageBody::Text { body: text.into() },
                context: Default::default(),
                referral: None,
                participant: None,
                also_known_as: Vec::new(),
                raw: serde_json::Value::Null,
            };
            let at = Timestamp(seq as i64);
            apply(
                state,
                &EventRecord {
                    seq: Seq(seq),
                    at,
                    event,
                },
            );
        };
        write(&mut state, 1, "5511", "João Pedro", "Quero o pedido 12");
        write(&mut state, 2, "5522", "Ana", "Onde está meu pedido?");
        write(&mut state, 3, "5511", "João Pedro", "Obrigado");
        let viewer = Viewer {
            id: AgentId::new("sue"),
            role: Role::Supervisor,
        };
        let hits = state.search(&viewer, "PED", 10);
        let summary: Vec<(String, Option<usize>)> = hits
            .iter()
            .map(|h| (h.chat.to_string(), h.message))
            .collect();
        // João's chat is the most recent: his name, then his message; then Ana's.
        assert_eq!(
            summary,
            [
                ("ventas:5511".to_owned(), None),
                ("ventas:5511".to_owned(), Some(0)),
                ("ventas:5522".to_owned(), Some(0)),
            ]
        );
        assert_eq!(state.search(&viewer, "joao", 10).len(), 1);
        assert_eq!(state.search(&viewer, "  ", 10), []);
        assert_eq!(state.search(&viewer, "pedido", 2).len(), 2);
    }
}
