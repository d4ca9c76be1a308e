//! One line about a message in the member's language, for the chat list, a quote, the
//! reply bar and notifications. What the customer wrote stays as written; only the
//! product's own words ("Photo", "Order: 3 items") are translated. The domain's
//! `MessageBody::preview` says the same in English for the relay and the search index.

use crate::i18n::{t, t_with};
use switchboard_domain::{
    MessageBody,
    message::{Media, MediaKind},
};

/// The first line of `body`, translated where Switchboard speaks.
pub fn preview(body: &MessageBody) -> String {
    let first_line = |text: &str| text.lines().next().unwrap_or_default().to_owned();
    match body {
        MessageBody::Media(media) => media_preview(media, first_line),
        MessageBody::Location(location) => t_with(
            "chat-preview-location",
            &[(
                "name",
                location
                    .name
                    .clone()
                    .unwrap_or_else(|| t("chat-location"))
                    .into(),
            )],
        ),
        MessageBody::Contacts { contacts } => match contacts.as_slice() {
            [one] => format!("👤 {}", one.name),
            many => t_with("chat-preview-contacts", &[("count", many.len().into())]),
        },
        MessageBody::Reaction {
            emoji: Some(emoji), ..
        } => t_with("chat-preview-reacted", &[("emoji", emoji.into())]),
        MessageBody::Reaction { emoji: None, .. } => t("chat-preview-reaction-removed"),
        MessageBody::Order(order) => {
            t_with("chat-preview-order", &[("count", order.items.len().into())])
        }
        MessageBody::Unsupported { .. } => t("chat-preview-unsupported"),
        MessageBody::Revoke { .. } => t("chat-preview-deleted"),
        MessageBody::Edit { body, .. } => preview(body),
        MessageBody::System { .. } => system_text(body),
        // Text, buttons, templates and the rest are the customer's or the team's own words.
        other => other.preview(),
    }
}

fn media_preview(media: &Media, first_line: impl Fn(&str) -> String) -> String {
    let label = match media.kind {
        MediaKind::Image => t("chat-preview-photo"),
        MediaKind::Video => t("chat-preview-video"),
        MediaKind::Audio => t("chat-preview-audio"),
        MediaKind::Voice => t("chat-preview-voice"),
        MediaKind::Document => t("chat-preview-document"),
        MediaKind::Sticker => t("chat-preview-sticker"),
    };
    match (&media.caption, &media.filename) {
        (Some(caption), _) if !caption.is_empty() => t_with(
            "chat-preview-captioned",
            &[
                ("kind", label.into()),
                ("caption", first_line(caption).into()),
            ],
        ),
        (_, Some(name)) => format!("📄 {name}"),
        _ => label,
    }
}

/// A `system` message in our words where it changes where replies go (Meta writes them in
/// English); any other kind as Meta wrote it.
pub fn system_text(body: &MessageBody) -> String {
    let MessageBody::System {
        kind,
        body,
        new_wa_id,
        ..
    } = body
    else {
        return String::new();
    };
    match (kind.as_str(), new_wa_id) {
        ("user_changed_number", Some(number)) => {
            t_with("chat-system-changed-number", &[("number", number.into())])
        }
        ("user_changed_user_id", _) => t("chat-system-changed-user-id"),
        _ => body.clone(),
    }
}
