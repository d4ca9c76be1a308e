//! Tells the member about new messages in chats assigned to them or to nobody, and about
//! notes that mention them: an unread count in the tab's title, a browser notification
//! while the tab is hidden, and an optional sound. Each member chooses on their account page
//! (stored in this browser).

use super::chat_list::chat_title;
use super::preview::preview;
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use std::collections::HashMap;
use switchboard_domain::{AgentId, ChatId, Direction, MessageBody};

/// This member's choices, kept in the browser's local storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preferences {
    pub notifications: bool,
    pub sound: bool,
}

fn key(member: &str, what: &str) -> String {
    format!("switchboard.{member}.{what}")
}

impl Preferences {
    pub fn load(member: &str) -> Self {
        let storage = window().local_storage().ok().flatten();
        let read = |what: &str| {
            storage
                .as_ref()
                .and_then(|s| s.get_item(&key(member, what)).ok().flatten())
        };
        Self {
            notifications: read("notifications").as_deref() == Some("on"),
            sound: read("sound").as_deref() == Some("on"),
        }
    }

    pub fn save(self, member: &str) {
        if let Some(storage) = window().local_storage().ok().flatten() {
            let value = |on: bool| if on { "on" } else { "off" };
            let _ = storage.set_item(&key(member, "notifications"), value(self.notifications));
            let _ = storage.set_item(&key(member, "sound"), value(self.sound));
        }
    }
}

/// Asks the browser for permission to show notifications (after a click, as browsers want).
pub fn ask_permission() {
    // The answer shows in `Notification.permission` when a notification is due.
    if let Err(error) = web_sys::Notification::request_permission() {
        leptos::logging::warn!("notification permission: {error:?}");
    }
}

fn notify(title: &str, body: &str, tag: &ChatId) {
    let allowed = web_sys::Notification::permission() == web_sys::NotificationPermission::Granted;
    if !allowed {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag.as_str());
    let _ = web_sys::Notification::new_with_options(title, &options);
}

/// A short two-tone chime, made as a tiny WAV (no file to ship).
fn chime() {
    const RATE: u32 = 8000;
    let samples: Vec<u8> = (0..RATE / 5)
        .map(|i| {
            let t = f64::from(i) / f64::from(RATE);
            let pitch = if i < RATE / 10 { 880.0 } else { 1320.0 };
            let fade = 1.0 - f64::from(i) / f64::from(RATE / 5);
            (128.0 + 90.0 * fade * (std::f64::consts::TAU * pitch * t).sin()) as u8
        })
        .collect();
    let mut wav = Vec::with_capacity(44 + samples.len());
    let len = samples.len() as u32;
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&RATE.to_le_bytes());
    wav.extend_from_slice(&RATE.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&8u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&len.to_le_bytes());
    wav.extend_from_slice(&samples);
    let binary: String = wav.iter().map(|b| char::from(*b)).collect();
    let Ok(encoded) = window().btoa(&binary) else {
        return;
    };
    if let Ok(audio) =
        web_sys::HtmlAudioElement::new_with_src(&format!("data:audio/wav;base64,{encoded}"))
    {
        let _ = audio.play();
    }
}

#[component]
pub fn Notifier() -> impl IntoView {
    let replica = use_replica();
    // How many messages each chat had at the last look; empty until the replica's first
    // fold, so what was already there does not ring.
    let seen = StoredValue::new_local(None::<HashMap<ChatId, usize>>);
    Effect::new(move |_| {
        let Session::SignedIn(agent) = replica.session().get() else {
            return;
        };
        let me = agent.username.clone();
        let mention = format!("@{}", agent.username);
        let preferences = Preferences::load(agent.username.as_str());
        let hidden = document().hidden();
        let mut ring = false;
        replica.state().with(|state| {
            let unread: u32 = state
                .chats
                .values()
                .filter(|c| state.is_for(c, &me))
                .map(|c| c.unread)
                .sum();
            let title = if unread > 0 {
                t_with(
                    "inbox-tab-title",
                    &[("count", format::number(f64::from(unread)).into())],
                )
            } else {
                t("inbox-tab-title-none")
            };
            document().set_title(&title);
            seen.update_value(|seen| {
                let Some(seen) = seen else {
                    *seen = Some(
                        state
                            .chats
                            .iter()
                            .map(|(id, c)| (id.clone(), c.messages.len()))
                            .collect(),
                    );
                    return;
                };
                for (id, chat) in &state.chats {
                    let before = seen.insert(id.clone(), chat.messages.len()).unwrap_or(0);
                    for message in chat.messages.iter().skip(before) {
                        let text = match &message.body {
                            MessageBody::Text { body } => body.clone(),
                            other => preview(other),
                        };
                        let about = match message.direction {
                            Direction::Inbound if state.is_for(chat, &me) => Some(chat_title(chat)),
                            Direction::Note
                                if message.by.as_ref() != Some(&me) && text.contains(&mention) =>
                            {
                                Some(t_with(
                                    "inbox-mentioned-you",
                                    &[
                                        (
                                            "agent",
                                            message
                                                .by
                                                .as_ref()
                                                .map(AgentId::as_str)
                                                .unwrap_or_default()
                                                .into(),
                                        ),
                                        ("chat", chat_title(chat).into()),
                                    ],
                                ))
                            }
                            _ => None,
                        };
                        if let Some(title) = about {
                            ring = true;
                            if preferences.notifications && hidden {
                                notify(&title, &text, id);
                            }
                        }
                    }
                }
            });
        });
        if ring && preferences.sound {
            chime();
        }
    });
}
