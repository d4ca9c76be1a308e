//! What a message says, drawn the way the customer saw it on their phone: photos open in a
//! viewer, audio and video play, documents download, places link to a map, contact cards
//! list their numbers. Text is always text, never HTML.

use super::preview::preview;
use crate::format;
use crate::i18n::{locale_untracked, t, t_with};
use crate::state::use_replica;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::message::{TextPiece, text_pieces};
use switchboard_domain::{
    LineId, MessageBody,
    interactive::{InteractiveAction, InteractiveMessage},
    message::{
        InteractiveKind, InteractiveReply, Location, Media, MediaKind, Order, SharedContact,
    },
    template::RenderedTemplate,
};

#[component]
pub fn MessageContent(body: MessageBody, line: Option<LineId>) -> impl IntoView {
    match body {
        MessageBody::Text { body } => text_with_links(&body).into_any(),
        MessageBody::Media(media) => view! { <MediaView media=media line=line /> }.into_any(),
        MessageBody::Location(location) => location_card(location).into_any(),
        MessageBody::Contacts { contacts } => contact_cards(contacts).into_any(),
        MessageBody::Interactive(reply) => interactive_reply(reply).into_any(),
        MessageBody::Button { text, .. } => view! {
            <span class="chip">{t("chat-tapped-button")}</span>
            <span class="text">{text}</span>
        }
        .into_any(),
        MessageBody::Template(template) => {
            view! { <TemplateView template=template line=line /> }.into_any()
        }
        MessageBody::InteractiveMessage(message) => interactive_message(message).into_any(),
        MessageBody::Order(order) => order_card(order).into_any(),
        MessageBody::System { .. } => {
            let text = super::preview::system_text(&body);
            view! { <span class="system-note" data-testid="system-note">{text}</span> }.into_any()
        }
        MessageBody::Unsupported { errors, .. } => {
            let details = errors.first().map(|e| {
                format!(
                    " {}",
                    t_with(
                        "chat-unsupported-details",
                        &[("details", e.details.as_str().into())]
                    )
                )
            });
            view! {
                <span class="unsupported" data-testid="unsupported">
                    {t("chat-unsupported")}
                    {details}
                </span>
            }
            .into_any()
        }
        MessageBody::Other { kind } => view! {
            <span class="unsupported" data-testid="unsupported">
                {t_with("chat-other-kind", &[("kind", kind.into())])}
            </span>
        }
        .into_any(),
        // Reactions, edits and deletions change their target instead of standing alone.
        other => view! { <span class="summary">{preview(&other)}</span> }.into_any(),
    }
}

/// Where the app fetches a file: the relay's media proxy, or the link it was sent by.
fn media_url(media: &Media, line: Option<&LineId>) -> Option<String> {
    if media.id.is_empty() {
        return media.url.clone().filter(|u| u.starts_with("https://"));
    }
    // The Sandbox keeps no files: only the name is shown.
    if media.id.starts_with("sandbox.") {
        return None;
    }
    line.map(|line| format!("/api/media/{line}/{}", media.id))
}

#[component]
fn MediaView(media: Media, line: Option<LineId>) -> impl IntoView {
    let url = media_url(&media, line.as_ref());
    let caption = media
        .caption
        .clone()
        .filter(|c| !c.trim().is_empty())
        .map(|c| view! { <div class="caption">{c}</div> });
    let content = match (media.kind, url) {
        (MediaKind::Image | MediaKind::Sticker, Some(url)) => {
            let sticker = media.kind == MediaKind::Sticker;
            view! { <ImageView url=url alt=media.caption.unwrap_or_default() sticker=sticker /> }
                .into_any()
        }
        (MediaKind::Video, Some(url)) => view! {
            <video class="media-video" data-testid="video" controls preload="metadata" src=url></video>
        }
        .into_any(),
        (MediaKind::Audio | MediaKind::Voice, Some(url)) => {
            let label = if media.kind == MediaKind::Voice { "🎤" } else { "🎵" };
            view! {
                <div class="media-audio">
                    <span aria-hidden="true">{label}</span>
                    <audio data-testid="audio" controls preload="none" src=url></audio>
                </div>
            }
            .into_any()
        }
        (_, url) => view! { <DocumentCard media=media url=url /> }.into_any(),
    };
    view! {
        {content}
        {caption}
    }
}

/// A photo in the bubble; a click opens it full size (Esc or a click closes).
#[component]
fn ImageView(url: String, alt: String, sticker: bool) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get()
            && let Err(error) = dialog.show_modal()
        {
            leptos::logging::warn!("image viewer: {error:?}");
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let (thumb, full, download) = (url.clone(), url.clone(), url);
    view! {
        <button class="media-thumb" class:sticker=sticker data-testid="image" title=t("chat-open-photo") on:click=open>
            <img src=thumb alt=alt.clone() loading="lazy" />
        </button>
        <dialog class="image-viewer" data-testid="image-viewer" node_ref=dialog on:click=close>
            <img src=full alt=alt />
            <div class="viewer-actions">
                <a class="button small" href=download download="" on:click=|ev| ev.stop_propagation()>
                    {t("chat-download")}
                </a>
                <button class="button small" on:click=close>{t("chat-close")}</button>
            </div>
        </dialog>
    }
}

/// A file: its name, type and size, and a download link.
#[component]
fn DocumentCard(media: Media, url: Option<String>) -> impl IntoView {
    let name = media.filename.clone().unwrap_or_else(|| {
        t_with(
            "chat-unnamed-file",
            &[(
                "kind",
                switchboard_domain::media::kind_name(media.kind).into(),
            )],
        )
    });
    let kind = media
        .mime_type
        .as_deref()
        .map(switchboard_domain::media::essence)
        .unwrap_or_default();
    let size = RwSignal::new(None::<String>);
    // WhatsApp does not say how big a file is; the relay's copy does (a HEAD request).
    if let Some(url) = url.clone() {
        spawn_local(async move {
            let Ok(response) = gloo_net::http::RequestBuilder::new(&url)
                .method(gloo_net::http::Method::HEAD)
                .send()
                .await
            else {
                return;
            };
            let bytes = response
                .headers()
                .get("content-length")
                .and_then(|l| l.parse::<u64>().ok());
            if response.ok()
                && let Some(bytes) = bytes
            {
                size.set(Some(format::size(bytes)));
            }
        });
    }
    let download = url.map(|url| {
        let name = name.clone();
        view! {
            <a class="button small" data-testid="download" href=url download=name>
                {t("chat-download")}
            </a>
        }
    });
    view! {
        <div class="document-card" data-testid="document">
            <span class="doc-icon" aria-hidden="true">"📄"</span>
            <div class="doc-text">
                <div class="doc-name">{name}</div>
                <div class="muted doc-meta" data-testid="document-meta">
                    {move || {
                        [Some(kind.clone()).filter(|k| !k.is_empty()), size.get()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }}
                </div>
            </div>
            {download}
        </div>
    }
}

fn location_card(location: Location) -> impl IntoView {
    // Coordinates as maps write them (a point for the decimals) in every language, so they
    // can be pasted into any map.
    let coordinates = format!("{:.5}, {:.5}", location.latitude, location.longitude);
    let href = location
        .url
        .clone()
        .filter(|u| u.starts_with("https://"))
        .unwrap_or_else(|| {
            format!(
                "https://www.google.com/maps/search/?api=1&query={},{}",
                location.latitude, location.longitude
            )
        });
    view! {
        <a class="location-card" data-testid="location" href=href target="_blank" rel="noopener noreferrer">
            <span class="doc-icon" aria-hidden="true">"📍"</span>
            <span class="doc-text">
                <span class="doc-name">{location.name.unwrap_or_else(|| t("chat-location"))}</span>
                {location.address.map(|a| view! { <span class="muted">{a}</span> })}
                <span class="muted">{coordinates}" · "{t("chat-open-map")}</span>
            </span>
        </a>
    }
}

fn contact_cards(contacts: Vec<SharedContact>) -> impl IntoView {
    contacts
        .into_iter()
        .map(|contact| {
            let phones = contact
                .phones
                .into_iter()
                .map(|phone| {
                    let href = format!("tel:{}", phone.replace([' ', '-', '(', ')'], ""));
                    view! { <a href=href>{phone}</a> }
                })
                .collect_view();
            let emails = contact
                .emails
                .into_iter()
                .map(|email| {
                    let href = format!("mailto:{email}");
                    view! { <a href=href>{email}</a> }
                })
                .collect_view();
            view! {
                <div class="contact-card" data-testid="contact-card">
                    <span class="doc-icon" aria-hidden="true">"👤"</span>
                    <div class="doc-text">
                        <div class="doc-name">{contact.name}</div>
                        {phones}
                        {emails}
                    </div>
                </div>
            }
        })
        .collect_view()
}

fn interactive_reply(reply: InteractiveReply) -> impl IntoView {
    let label = match reply.kind {
        InteractiveKind::ButtonReply => t("chat-tapped-button"),
        InteractiveKind::ListReply => t("chat-picked-from-list"),
        InteractiveKind::FlowReply => t("chat-sent-form"),
    };
    // A form's answers, as name: value lines (the flow token is ours, not theirs).
    let answers = reply
        .response_json
        .as_deref()
        .and_then(|json| {
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json).ok()
        })
        .map(|fields| {
            fields
                .into_iter()
                .filter(|(name, _)| name != "flow_token")
                .map(|(name, value)| {
                    let value = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned);
                    view! { <div><span class="muted">{format!("{name}: ")}</span>{value}</div> }
                })
                .collect_view()
        });
    view! {
        <span class="chip">{label}</span>
        <span class="text">{reply.title}</span>
        {reply.description.map(|d| view! { <div class="muted">{d}</div> })}
        {answers}
    }
}

#[component]
fn TemplateView(template: RenderedTemplate, line: Option<LineId>) -> impl IntoView {
    let replica = use_replica();
    let labels = line
        .map(|line| {
            replica.state().with_untracked(|s| {
                s.template(&line, &template.name, &template.language)
                    .map(|t| t.button_labels())
                    .unwrap_or_default()
            })
        })
        .unwrap_or_default();
    view! {
        <span class="chip">{t_with("chat-template-chip", &[("name", template.name.as_str().into())])}</span>
        <span class="text">{template.preview}</span>
        {buttons(labels)}
    }
}

fn interactive_message(message: InteractiveMessage) -> impl IntoView {
    let labels = match &message.action {
        InteractiveAction::Buttons { buttons } => buttons.iter().map(|b| b.title.clone()).collect(),
        InteractiveAction::List { button, .. } => vec![format!("☰ {button}")],
    };
    view! {
        {message.header.map(|h| view! { <strong class="text">{h}</strong> })}
        <span class="text">{message.body}</span>
        {message.footer.map(|f| view! { <div class="muted">{f}</div> })}
        {buttons(labels)}
    }
}

/// A message's buttons, drawn under it as the customer sees them.
fn buttons(labels: Vec<String>) -> impl IntoView {
    (!labels.is_empty()).then(|| {
        view! {
            <div class="message-buttons" data-testid="message-buttons">
                {labels.into_iter().map(|label| view! { <span>{label}</span> }).collect_view()}
            </div>
        }
    })
}

fn order_card(order: Order) -> impl IntoView {
    let currency = order
        .items
        .first()
        .map(|i| i.currency.clone())
        .unwrap_or_default();
    let total: f64 = order.items.iter().map(|i| i.quantity * i.item_price).sum();
    let rows = order
        .items
        .into_iter()
        .map(|item| {
            view! {
                <tr>
                    <td>{item.product_retailer_id}</td>
                    <td>{format!("× {}", format::number(item.quantity))}</td>
                    <td>{money(item.item_price, &item.currency)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="order-card" data-testid="order">
            <span class="chip">{t("chat-order")}</span>
            {order.text.map(|t| view! { <div class="text">{t}</div> })}
            <table>
                <tbody>{rows}</tbody>
            </table>
            <div class="doc-name">
                {t_with("chat-order-total", &[("total", money(total, &currency).into())])}
            </div>
        </div>
    }
}

/// `$1,234.50`, `1.234,50 R$`: an amount in its ISO 4217 currency, the way the member's
/// language writes it, through the browser's `Intl` (format.rs has no currencies; this is
/// the only place that shows money). A code that is not three letters would make `Intl`
/// throw, so it is shown after the plain number instead.
fn money(amount: f64, currency: &str) -> String {
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return format!("{} {currency}", format::number(amount))
            .trim_end()
            .to_owned();
    }
    let options = Object::new();
    for (key, value) in [("style", "currency"), ("currency", currency)] {
        let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let locales = Array::of1(&JsValue::from_str(locale_untracked().tag()));
    Intl::NumberFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(amount))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{amount:.2} {currency}"))
}

/// Text with its web links clickable, each opening in a new tab that cannot reach back.
fn text_with_links(body: &str) -> impl IntoView + use<> {
    let pieces = text_pieces(body)
        .into_iter()
        .map(|piece| match piece {
            TextPiece::Plain(text) => text.to_owned().into_any(),
            TextPiece::Link { text, href } => view! {
                <a href=href target="_blank" rel="noopener noreferrer" data-testid="link">
                    {text.to_owned()}
                </a>
            }
            .into_any(),
        })
        .collect_view();
    view! { <span class="text">{pieces}</span> }
}
