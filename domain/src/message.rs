//! Messages in a chat, inbound and outbound, and every kind of content WhatsApp carries.

use crate::{AgentId, CommandId, ContactId, DeliveryStatus, SendFailure, Timestamp, Wamid};
use serde::{Deserialize, Serialize};

/// What a message says. The original JSON always travels beside it in the event, so a kind
/// we do not understand yet is never lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MessageBody {
    Text {
        body: String,
    },
    Media(Media),
    Location(Location),
    Contacts {
        contacts: Vec<SharedContact>,
    },
    /// The customer tapped a reply button, picked a list row or completed a Flow.
    Interactive(InteractiveReply),
    /// The customer tapped a quick-reply button of a template.
    Button {
        text: String,
        payload: String,
    },
    /// A reaction to another message; `emoji: None` removes the customer's reaction.
    Reaction {
        target: Wamid,
        emoji: Option<String>,
    },
    Order(Order),
    /// WhatsApp's notice that the customer changed number or identity.
    System {
        kind: String,
        body: String,
        new_wa_id: Option<String>,
        /// The customer's new business-scoped user id (`user_changed_user_id`, and with a
        /// new number).
        #[serde(default)]
        new_user_id: Option<String>,
    },
    /// A kind the Cloud API does not deliver (polls, view-once …), with Meta's explanation.
    Unsupported {
        kind: String,
        errors: Vec<MetaError>,
    },
    /// The customer deleted `target` for everyone.
    Revoke {
        target: Wamid,
    },
    /// The customer edited `target`; `body` is its new content.
    Edit {
        target: Wamid,
        body: Box<MessageBody>,
    },
    /// An approved template, filled in (outbound).
    Template(crate::template::RenderedTemplate),
    /// Reply buttons or a list (outbound).
    InteractiveMessage(crate::interactive::InteractiveMessage),
    /// A kind this version does not know (`kind` is Meta's `type`).
    Other {
        kind: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Voice,
    Document,
    Sticker,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    pub kind: MediaKind,
    /// Meta's media id (downloadable for 7 days through the relay's media proxy); empty for
    /// an outbound file sent by link (then `url` is the link).
    pub id: String,
    pub mime_type: Option<String>,
    pub sha256: Option<String>,
    pub caption: Option<String>,
    pub filename: Option<String>,
    /// A direct download link Meta includes in newer webhooks (needs the token).
    pub url: Option<String>,
    pub animated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub name: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedContact {
    pub name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractiveKind {
    ButtonReply,
    ListReply,
    /// A completed WhatsApp Flow; `response_json` holds what the customer filled in.
    FlowReply,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractiveReply {
    pub kind: InteractiveKind,
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub response_json: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub catalog_id: String,
    pub text: Option<String>,
    pub items: Vec<OrderItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    pub product_retailer_id: String,
    pub quantity: f64,
    pub item_price: f64,
    pub currency: String,
}

/// An error as Meta reports it inside a webhook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaError {
    pub code: Option<i64>,
    pub title: String,
    pub details: String,
}

/// Where a message came from: a reply, a forward, a product's "Message business" button.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub reply_to: Option<Wamid>,
    pub forwarded: bool,
    /// Forwarded more than five times.
    pub frequently_forwarded: bool,
    pub referred_product: Option<ReferredProduct>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferredProduct {
    pub catalog_id: String,
    pub product_retailer_id: String,
}

/// The Click-to-WhatsApp ad (or post) that started the conversation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub source_url: Option<String>,
    pub source_id: Option<String>,
    pub source_type: Option<String>,
    pub headline: Option<String>,
    pub body: Option<String>,
    pub media_type: Option<String>,
    pub ctwa_clid: Option<String>,
}

impl MessageBody {
    /// A one-line preview for the chat list.
    pub fn preview(&self) -> String {
        let first_line = |text: &str| text.lines().next().unwrap_or_default().to_owned();
        match self {
            Self::Text { body } => first_line(body),
            Self::Media(media) => {
                let label = match media.kind {
                    MediaKind::Image => "📷 Photo",
                    MediaKind::Video => "🎥 Video",
                    MediaKind::Audio => "🎵 Audio",
                    MediaKind::Voice => "🎤 Voice message",
                    MediaKind::Document => "📄 Document",
                    MediaKind::Sticker => "Sticker",
                };
                match (&media.caption, &media.filename) {
                    (Some(caption), _) if !caption.is_empty() => {
                        format!("{label}: {}", first_line(caption))
                    }
                    (_, Some(name)) => format!("📄 {name}"),
                    _ => label.to_owned(),
                }
            }
            Self::Location(location) => {
                format!(
                    "📍 {}",
                    location.name.clone().unwrap_or_else(|| "Location".into())
                )
            }
            Self::Contacts { contacts } => match contacts.as_slice() {
                [one] => format!("👤 {}", one.name),
                many => format!("👤 {} contacts", many.len()),
            },
            Self::Interactive(reply) => reply.title.clone(),
            Self::Button { text, .. } => text.clone(),
            Self::Reaction {
                emoji: Some(emoji), ..
            } => format!("Reacted {emoji}"),
            Self::Reaction { emoji: None, .. } => "Removed a reaction".into(),
            Self::Order(order) => format!("🛒 Order: {} items", order.items.len()),
            Self::System { body, .. } => body.clone(),
            Self::Unsupported { .. } => "Message type not supported by WhatsApp's API".into(),
            Self::Revoke { .. } => "🚫 Message deleted".into(),
            Self::Edit { body, .. } => body.preview(),
            Self::Template(template) => first_line(&template.preview),
            Self::InteractiveMessage(message) => message.preview(),
            Self::Other { kind } => format!("[{kind}]"),
        }
    }

    /// Whether this message changes another one (reaction, edit, deletion) rather than
    /// standing in the chat by itself.
    pub fn target(&self) -> Option<&Wamid> {
        match self {
            Self::Reaction { target, .. } | Self::Revoke { target } | Self::Edit { target, .. } => {
                Some(target)
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
    /// A private note of the team: never sent to the customer.
    Note,
}

/// How a message is found: inbound by its wamid, outbound by the command that queued it
/// (its wamid only exists once the provider accepts it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", content = "id", rename_all = "snake_case")]
pub enum MessageKey {
    Wamid(Wamid),
    Command(CommandId),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub context: Context,
    /// The customer's reaction to this message.
    pub reaction: Option<String>,
    pub edited: bool,
    pub deleted: bool,
    /// In a group chat, the member of the group who wrote this inbound message.
    pub participant: Option<Participant>,
    /// Outbound only: every status Meta reported, with Meta's time for it and, in a group,
    /// the member it is about; oldest first.
    pub receipts: Vec<Receipt>,
}

impl Message {
    /// Whether an agent may send this outbound message again: it failed in a way another
    /// try can mend, or it may not have been sent at all (unconfirmed).
    pub fn may_send_again(&self) -> bool {
        self.direction == Direction::Outbound
            && match self.status {
                Some(DeliveryStatus::Failed) => {
                    crate::event::retry_makes_sense(self.failure.as_ref().and_then(|f| f.code))
                }
                Some(DeliveryStatus::Unconfirmed) => true,
                _ => false,
            }
    }
}

/// A member of a WhatsApp group, as the group's messages name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ContactId,
    pub name: Option<String>,
}

/// One status report of an outbound message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub status: DeliveryStatus,
    /// When Meta says it happened (the relay's time when Meta gave none).
    pub at: Timestamp,
    /// In a group, whose phone the report is about.
    pub participant: Option<ContactId>,
}

/// A piece of a message's text: plain, or a web link people may open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPiece<'a> {
    Plain(&'a str),
    Link { text: &'a str, href: String },
}

/// Splits text into plain parts and web links. Only `http` and `https` become links
/// (`www.example.com` opens as https); any other scheme (`javascript:`, `data:`, `file:`)
/// stays text, so a customer cannot make an agent's click run anything.
pub fn text_pieces(text: &str) -> Vec<TextPiece<'_>> {
    let mut finder = linkify::LinkFinder::new();
    finder
        .kinds(&[linkify::LinkKind::Url])
        .url_must_have_scheme(false);
    let mut pieces: Vec<TextPiece<'_>> = Vec::new();
    let mut plain_from: Option<usize> = None;
    for span in finder.spans(text) {
        let part = span.as_str();
        let href = span.kind().and_then(|_| web_href(part));
        match href {
            Some(href) => {
                if let Some(from) = plain_from.take() {
                    pieces.push(TextPiece::Plain(&text[from..span.start()]));
                }
                pieces.push(TextPiece::Link { text: part, href });
            }
            None => {
                plain_from.get_or_insert(span.start());
            }
        }
    }
    if let Some(from) = plain_from {
        pieces.push(TextPiece::Plain(&text[from..]));
    }
    pieces
}

fn web_href(link: &str) -> Option<String> {
    let lower = link.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(link.to_owned())
    } else if lower.starts_with("www.") && !link.contains(':') {
        Some(format!("https://{link}"))
    } else {
        None
    }
}

#[cfg(test)]
mod link_tests {
    use super::{TextPiece, text_pieces};

    fn links(text: &str) -> Vec<(String, String)> {
        text_pieces(text)
            .into_iter()
            .filter_map(|piece| match piece {
                TextPiece::Link { text, href } => Some((text.to_owned(), href)),
                TextPiece::Plain(_) => None,
            })
            .collect()
    }

    #[test]
    fn web_links_are_found_and_the_text_is_kept_whole() {
        let text = "Mirá https://example.com/pedido?id=7 o www.tienda.com.ar, gracias.";
        let joined: String = text_pieces(text)
            .iter()
            .map(|p| match p {
                TextPiece::Plain(s) => *s,
                TextPiece::Link { text, .. } => *text,
            })
            .collect();
        assert_eq!(joined, text);
        assert_eq!(
            links(text),
            [
                (
                    "https://example.com/pedido?id=7".into(),
                    "https://example.com/pedido?id=7".into()
                ),
                (
                    "www.tienda.com.ar".into(),
                    "https://www.tienda.com.ar".into()
                ),
            ]
        );
    }

    #[test]
    fn only_http_and_https_become_links() {
        for text in [
            "javascript:alert(1)",
            "javascript://example.com/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://example.com/x",
            "mailto:ana@example.com",
            "example.com",
            "version 1.2.3",
        ] {
            assert_eq!(links(text), Vec::<(String, String)>::new(), "{text}");
        }
        assert_eq!(text_pieces("hola"), [TextPiece::Plain("hola")]);
        assert_eq!(text_pieces(""), Vec::<TextPiece<'_>>::new());
    }
}
