//! The left column: chats, most recent first.

use super::top_bar::initial;
use crate::format;
use crate::state::{use_now, use_replica};
use leptos::prelude::*;
use switchboard_domain::{Chat, ChatId, Timestamp, window};

/// What a row shows; rebuilt only when one of these changes.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: ChatId,
    title: String,
    preview: String,
    time: String,
    unread: u32,
    window: String,
    open: bool,
}

impl Row {
    fn of(chat: &Chat, now: Timestamp) -> Self {
        let last = chat.messages.last();
        let window = window(chat.last_inbound, now);
        Self {
            id: chat.id.clone(),
            title: chat.title().to_owned(),
            preview: last.map(|m| m.body.preview()).unwrap_or_default(),
            time: last.map(|m| format::short(m.at, now)).unwrap_or_default(),
            unread: chat.unread,
            window: format::window_label(window),
            open: window.is_open(),
        }
    }
}

/// The path of a chat; its id goes through `encodeURIComponent`.
pub fn chat_href(id: &ChatId) -> String {
    format!(
        "/chats/{}",
        String::from(js_sys::encode_uri_component(id.as_str()))
    )
}

#[component]
pub fn ChatList(#[prop(into)] selected: Signal<Option<ChatId>>) -> impl IntoView {
    let replica = use_replica();
    let now = use_now();
    let rows = move || {
        let now = now.get();
        replica.state().with(|state| {
            state
                .chats_by_activity()
                .into_iter()
                .map(|c| Row::of(c, now))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="chat-list" data-testid="chat-list" aria-label="Chats">
            <Show when=move || replica.state().with(|s| s.chats.is_empty())>
                <div class="empty-list">
                    <p>"No chats yet."</p>
                    <p class="muted">
                        "When a customer writes to one of your lines, the chat appears here. Try the "
                        <a href="/simulator">"Simulator"</a> "."
                    </p>
                </div>
            </Show>
            <For each=rows key=|row| row.clone() let(row)>
                <ChatRow row=row selected=selected />
            </For>
        </nav>
    }
}

#[component]
fn ChatRow(row: Row, selected: Signal<Option<ChatId>>) -> impl IntoView {
    let id = row.id.clone();
    let is_selected = move || selected.with(|s| s.as_ref() == Some(&id));
    let has_unread = row.unread > 0;
    view! {
        <a
            class="chat-item"
            class:selected=is_selected
            href=chat_href(&row.id)
            data-testid="chat-item"
            data-chat-id=row.id.to_string()
        >
            <span class="avatar">{initial(&row.title)}</span>
            <span class="chat-main">
                <span class="chat-line">
                    <span class="chat-title">{row.title.clone()}</span>
                    <span class="chat-time" class:unread-time=has_unread>
                        {row.time.clone()}
                    </span>
                </span>
                <span class="chat-line">
                    <span class="chat-preview" data-testid="chat-preview">
                        {row.preview.clone()}
                    </span>
                    {has_unread
                        .then(|| {
                            view! {
                                <span class="unread" data-testid="unread">
                                    {row.unread}
                                </span>
                            }
                        })}
                </span>
                <span class="window-state" class:open=row.open class:closed=!row.open>
                    {row.window.clone()}
                </span>
            </span>
        </a>
    }
}
