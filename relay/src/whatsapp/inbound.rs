//! What an inbound message says: its body by `type`, its context and its ad referral.

use super::webhook::{failure_of, str_at};
use serde_json::Value;
use switchboard_domain::{
    MessageBody, Wamid,
    message::{
        Context, InteractiveKind, InteractiveReply, Location, Media, MediaKind, MetaError, Order,
        OrderItem, Referral, ReferredProduct, SharedContact,
    },
};

/// The content of an inbound message, by its `type`. A shape that lacks what its type needs
/// becomes `Other`; the original JSON is kept beside it either way.
pub fn body_of(message: &Value) -> MessageBody {
    let kind = str_at(message, "type").unwrap_or("unknown");
    let part = message.get(kind).unwrap_or(&Value::Null);
    let text = |key: &str| str_at(part, key).map(str::to_owned);
    let other = || MessageBody::Other { kind: kind.into() };
    match kind {
        "text" => text("body").map_or_else(other, |body| MessageBody::Text { body }),
        "image" | "video" | "audio" | "document" | "sticker" => {
            let media_kind = match kind {
                "image" => MediaKind::Image,
                "video" => MediaKind::Video,
                "audio" if flag(part, "voice") => MediaKind::Voice,
                "audio" => MediaKind::Audio,
                "document" => MediaKind::Document,
                _ => MediaKind::Sticker,
            };
            text("id").map_or_else(other, |id| {
                MessageBody::Media(Media {
                    kind: media_kind,
                    id,
                    mime_type: text("mime_type"),
                    sha256: text("sha256"),
                    caption: text("caption"),
                    filename: text("filename"),
                    url: text("url"),
                    animated: flag(part, "animated"),
                })
            })
        }
        "location" => match (number(part, "latitude"), number(part, "longitude")) {
            (Some(latitude), Some(longitude)) => MessageBody::Location(Location {
                latitude,
                longitude,
                name: text("name"),
                address: text("address"),
                url: text("url"),
            }),
            _ => other(),
        },
        "contacts" => MessageBody::Contacts {
            contacts: array(message.get("contacts"))
                .map(|c| SharedContact {
                    name: c
                        .pointer("/name/formatted_name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    phones: strings(c.get("phones"), "phone"),
                    emails: strings(c.get("emails"), "email"),
                })
                .collect(),
        },
        "interactive" => interactive_of(part).unwrap_or_else(other),
        "button" => MessageBody::Button {
            text: text("text").unwrap_or_default(),
            payload: text("payload").unwrap_or_default(),
        },
        "reaction" => text("message_id").map_or_else(other, |target| MessageBody::Reaction {
            target: Wamid::new(target),
            emoji: text("emoji").filter(|e| !e.is_empty()),
        }),
        "order" => MessageBody::Order(Order {
            catalog_id: text("catalog_id").unwrap_or_default(),
            text: text("text"),
            items: array(part.get("product_items"))
                .map(|item| OrderItem {
                    product_retailer_id: str_at(item, "product_retailer_id")
                        .unwrap_or_default()
                        .to_owned(),
                    quantity: number(item, "quantity").unwrap_or(0.0),
                    item_price: number(item, "item_price").unwrap_or(0.0),
                    currency: str_at(item, "currency").unwrap_or_default().to_owned(),
                })
                .collect(),
        }),
        "system" => MessageBody::System {
            kind: text("type").unwrap_or_default(),
            body: text("body").unwrap_or_default(),
            new_wa_id: text("wa_id").or_else(|| text("new_wa_id")),
            new_user_id: text("user_id"),
        },
        "unsupported" | "unknown" => MessageBody::Unsupported {
            kind: str_at(part, "type").unwrap_or(kind).to_owned(),
            errors: errors_of(message.get("errors")),
        },
        "revoke" => text("original_message_id").map_or_else(other, |target| MessageBody::Revoke {
            target: Wamid::new(target),
        }),
        "edit" => match (text("original_message_id"), part.get("message")) {
            (Some(target), Some(edited)) => MessageBody::Edit {
                target: Wamid::new(target),
                body: Box::new(body_of(edited)),
            },
            _ => other(),
        },
        _ => other(),
    }
}

fn interactive_of(part: &Value) -> Option<MessageBody> {
    let kind = str_at(part, "type")?;
    let reply = part.get(kind)?;
    let text = |key: &str| str_at(reply, key).map(str::to_owned);
    let (kind, id, title) = match kind {
        "button_reply" => (InteractiveKind::ButtonReply, text("id")?, text("title")?),
        "list_reply" => (InteractiveKind::ListReply, text("id")?, text("title")?),
        "nfm_reply" => (
            InteractiveKind::FlowReply,
            text("name").unwrap_or_else(|| "flow".into()),
            text("body").unwrap_or_else(|| "Sent".into()),
        ),
        _ => return None,
    };
    Some(MessageBody::Interactive(InteractiveReply {
        kind,
        id,
        title,
        description: text("description"),
        response_json: text("response_json"),
    }))
}

/// A reply, a forward, or a product's "Message business" button.
pub fn context_of(message: &Value) -> Context {
    let Some(context) = message.get("context") else {
        return Context::default();
    };
    Context {
        reply_to: str_at(context, "id").map(Wamid::new),
        forwarded: flag(context, "forwarded") || flag(context, "frequently_forwarded"),
        frequently_forwarded: flag(context, "frequently_forwarded"),
        referred_product: context.get("referred_product").map(|p| ReferredProduct {
            catalog_id: str_at(p, "catalog_id").unwrap_or_default().to_owned(),
            product_retailer_id: str_at(p, "product_retailer_id")
                .unwrap_or_default()
                .to_owned(),
        }),
    }
}

/// The Click-to-WhatsApp ad that started the conversation.
pub fn referral_of(referral: &Value) -> Referral {
    let text = |key: &str| str_at(referral, key).map(str::to_owned);
    Referral {
        source_url: text("source_url"),
        source_id: text("source_id"),
        source_type: text("source_type"),
        headline: text("headline"),
        body: text("body"),
        media_type: text("media_type"),
        ctwa_clid: text("ctwa_clid"),
    }
}

fn errors_of(errors: Option<&Value>) -> Vec<MetaError> {
    array(errors)
        .map(|e| {
            let failure = failure_of(e);
            MetaError {
                code: failure.code,
                title: failure.title,
                details: failure.details,
            }
        })
        .collect()
}

fn array(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

fn strings(list: Option<&Value>, key: &str) -> Vec<String> {
    array(list)
        .filter_map(|v| str_at(v, key).map(str::to_owned))
        .collect()
}

fn flag(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// A number Meta may send as a JSON number or as a string; "NaN", "inf" and "1e999" are
/// not numbers JSON can store, so they count as missing.
fn number(value: &Value, key: &str) -> Option<f64> {
    let v = value.get(key)?;
    v.as_f64()
        .or_else(|| v.as_str()?.trim().parse().ok())
        .filter(|n: &f64| n.is_finite())
}
