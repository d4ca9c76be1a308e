//! The right column: one chat's header, messages and composer.

use super::top_bar::initial;
use super::{AssignControl, Composer, MessageBubble, ResolveButton, Side, TagEditor};
use crate::api;
use crate::format;
use crate::state::{Connection, use_now, use_replica};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use switchboard_domain::{ChatId, Command, DeliveryStatus, MarkRead, MessageKey, window};

#[component]
pub fn ChatView(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let now = use_now();
    let exists = {
        let chat = chat.clone();
        Memo::new(move |_| replica.state().with(|s| s.chat(&chat).is_some()))
    };
    let header = {
        let chat = chat.clone();
        move || {
            replica.state().with(|s| {
                s.chat(&chat).map(|c| {
                    let window = window(c.last_inbound, now.get());
                    (
                        c.title().to_owned(),
                        c.contact.to_string(),
                        format::window_label(window),
                        window.is_open(),
                    )
                })
            })
        }
    };
    let messages = {
        let chat = chat.clone();
        move || {
            replica.state().with(|s| {
                s.chat(&chat)
                    .map(|c| c.messages.clone())
                    .unwrap_or_default()
            })
        }
    };
    let count = {
        let chat = chat.clone();
        Memo::new(move |_| {
            replica
                .state()
                .with(|s| s.chat(&chat).map_or(0, |c| c.messages.len()))
        })
    };

    // Opening a chat with unread customer messages marks them read (blue ticks for the
    // customer); the resulting `chat_read` event clears the unread count everywhere.
    let unread = {
        let chat = chat.clone();
        Memo::new(move |_| {
            replica
                .state()
                .with(|s| s.chat(&chat).map_or(0, |c| c.unread))
        })
    };
    {
        let chat = chat.clone();
        Effect::new(move |_| {
            if unread.get() > 0 && replica.connection().get() == Connection::Online {
                let chat = chat.clone();
                spawn_local(async move {
                    let command = Command::MarkRead(MarkRead {
                        chat,
                        typing: false,
                    });
                    if let Err(error) = api::send_command(&api::new_command_id(), &command).await {
                        leptos::logging::warn!("mark as read: {error}");
                    }
                });
            }
        });
    }

    // New messages scroll the view to the bottom, after they are rendered; a search result
    // (`?m=<index>`) scrolls to its message instead and marks it.
    let scroller = NodeRef::<Div>::new();
    let query = use_query_map();
    let target =
        Memo::new(move |_| query.with(|q| q.get("m").and_then(|m| m.parse::<usize>().ok())));
    Effect::new(move |_| {
        count.track();
        let Some(el) = scroller.get() else {
            return;
        };
        let found = target.get().and_then(|index| {
            let messages = el.query_selector_all("[data-testid=message]").ok()?;
            let node = messages.item(u32::try_from(index).ok()?)?;
            wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok()
        });
        match found {
            Some(message) => {
                message.scroll_into_view();
                let _ = message.class_list().add_1("found");
            }
            None => el.set_scroll_top(el.scroll_height()),
        }
    });

    let missing = || {
        view! {
            <div class="chat-view empty" data-testid="chat-view">
                <p>"This chat is not in the inbox (yet)."</p>
                <p class="muted">"It appears here as soon as its first message arrives."</p>
            </div>
        }
    };

    view! {
        <Show when=move || exists.get() fallback=missing>
            <section class="chat-view" data-testid="chat-view">
                {
                    let header = header.clone();
                    move || {
                        header()
                            .map(|(title, phone, window, open)| {
                                view! {
                                    <header class="chat-header">
                                        <span class="avatar">{initial(&title)}</span>
                                        <div class="chat-header-text">
                                            <h2>{title}</h2>
                                            <span class="muted">{format!("+{phone}")}</span>
                                        </div>
                                        <span class="window-pill" class:open=open class:closed=!open>
                                            {window}
                                        </span>
                                    </header>
                                }
                            })
                    }
                }
                // Outside the header's closure, so a new event does not rebuild an open select.
                <div class="chat-tools">
                    <AssignControl chat=chat.clone() />
                    <ResolveButton chat=chat.clone() />
                    <TagEditor chat=chat.clone() />
                </div>
                <div class="messages" node_ref=scroller>
                    <For
                        each=messages.clone()
                        key=message_key
                        children={
                            let chat = chat.clone();
                            move |message| {
                                let side = side_of(&message);
                                let chat = chat.clone();
                                view! { <MessageBubble message=message side=side testid="message" chat=chat /> }
                            }
                        }
                    />
                </div>
                <Composer chat=chat.clone() />
            </section>
        </Show>
    }
}

fn message_key(message: &switchboard_domain::Message) -> (MessageKey, Option<DeliveryStatus>) {
    (message.key.clone(), message.status)
}

fn side_of(message: &switchboard_domain::Message) -> Side {
    match message.direction {
        switchboard_domain::Direction::Outbound => Side::Mine,
        switchboard_domain::Direction::Inbound => Side::Theirs,
        switchboard_domain::Direction::Note => Side::Note,
    }
}
