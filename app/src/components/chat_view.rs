//! The right column: one chat's header, messages and composer.

use super::chat_list::{chat_address, chat_title};
use super::preview::preview;
use super::top_bar::initial;
use super::{
    AssignControl, Composer, DisclosureButton, DroppedFile, MessageBubble, ReplyTarget,
    ResolveButton, Side, TagEditor,
};
use crate::api;
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::{Connection, OutboxEntry, Session, use_now, use_outbox, use_replica};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use switchboard_domain::{
    Author, ChatId, Command, DeliveryStatus, MarkRead, MessageKey, presence::Activity, window,
};

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
                        chat_title(c),
                        chat_address(c),
                        format::window_label(window),
                        window.is_open(),
                    )
                })
            })
        }
    };
    // Each message with the day separator that goes above it, if it starts a new day.
    // Only the newest messages are drawn; scrolling up draws older ones a page at a time,
    // so a chat of 100 000 messages opens as fast as one of 50.
    let query = use_query_map();
    let target =
        Memo::new(move |_| query.with(|q| q.get("m").and_then(|m| m.parse::<usize>().ok())));
    let shown = RwSignal::new(PAGE);
    let count = {
        let chat = chat.clone();
        Memo::new(move |_| {
            replica
                .state()
                .with(|s| s.chat(&chat).map_or(0, |c| c.messages.len()))
        })
    };
    let first_shown = Memo::new(move |_| count.get().saturating_sub(shown.get()));
    let scroller = NodeRef::<Div>::new();
    // A screen reader hears each message that arrives while the chat is open (not the
    // history drawn when it opens, nor the member's own).
    let announcement = RwSignal::new(String::new());
    {
        let chat = chat.clone();
        Effect::new(move |previous: Option<usize>| {
            let now_count = count.get();
            if previous.is_some_and(|before| now_count > before) {
                let me = replica.session().with_untracked(|session| match session {
                    Session::SignedIn(agent) => Some(agent.username.clone()),
                    _ => None,
                });
                let heard = replica.state().with_untracked(|s| {
                    let c = s.chat(&chat)?;
                    let newest = c.messages.last()?;
                    let who = match s.author(c, newest, me.as_ref()) {
                        Author::Customer(name) | Author::Teammate(name) => name.to_owned(),
                        Author::Me | Author::Outside => return None,
                    };
                    Some(t_with(
                        "chat-announce",
                        &[("name", who.into()), ("text", preview(&newest.body).into())],
                    ))
                });
                if let Some(heard) = heard {
                    announcement.set(heard);
                }
            }
            now_count
        });
    }
    // A search result (or a quoted message) further back than what is drawn: draw enough
    // to include it, then, once drawn, scroll to it and mark it.
    Effect::new(move |_| {
        let Some(index) = target.get() else { return };
        let needed = count.get_untracked().saturating_sub(index) + PAGE / 2;
        if needed <= shown.get_untracked() {
            return;
        }
        shown.set(needed);
        request_animation_frame(move || {
            if let Some(message) = scroller
                .get_untracked()
                .and_then(|el| nth_message(&el, index.checked_sub(first_shown.get_untracked())?))
            {
                message.scroll_into_view();
                let _ = message.class_list().add_1("found");
            }
        });
    });
    let drawing = StoredValue::new(false);
    let messages = {
        let chat = chat.clone();
        move || {
            let now = now.get_untracked();
            let start = first_shown.get();
            replica.state().with(|s| {
                let mut last_day = String::new();
                s.chat(&chat)
                    .map(|c| {
                        c.messages[start.min(c.messages.len())..]
                            .iter()
                            .map(|m| {
                                let day = format::day(m.at, now);
                                let separator = (day != last_day).then(|| day.clone());
                                last_day = day;
                                (m.clone(), separator)
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }
    };
    provide_context(ReplyTarget(RwSignal::new(None)));
    let dropped = RwSignal::new_local(None::<web_sys::File>);
    provide_context(DroppedFile(dropped));
    let outbox = use_outbox();
    let waiting = {
        let chat = chat.clone();
        move || {
            outbox
                .in_chat(&chat)
                .into_iter()
                .map(|entry| view! { <OutboxItem entry=entry /> })
                .collect_view()
        }
    };
    // Who else of the team has this chat open, or is typing in it.
    let others = {
        let chat = chat.clone();
        move || {
            let me = replica.session().with(Session::viewer).id;
            let names = replica.state();
            let presence = replica.presence().get();
            let others = presence.others_in(&chat, &me);
            names.with(|s| {
                others
                    .into_iter()
                    .map(|(agent, activity)| {
                        let name = s
                            .agents
                            .get(&agent)
                            .map_or_else(|| agent.to_string(), |a| a.name.clone());
                        match activity {
                            Activity::Typing => t_with("chat-typing", &[("name", name.into())]),
                            Activity::Viewing => t_with("chat-viewing", &[("name", name.into())]),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
        }
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
    // or quote (`?m=<index>`) scrolls to its message instead and marks it — once: a message
    // arriving later scrolls to the bottom again.
    Effect::new(move |jumped: Option<Option<usize>>| {
        count.track();
        let wanted = target.get();
        let Some(el) = scroller.get() else {
            return wanted;
        };
        let found = wanted
            .filter(|_| jumped != Some(wanted))
            .and_then(|index| nth_message(&el, index.checked_sub(first_shown.get_untracked())?));
        match found {
            Some(message) => {
                message.scroll_into_view();
                let _ = message.class_list().add_1("found");
            }
            None => el.set_scroll_top(el.scroll_height()),
        }
        wanted
    });

    // On a phone the tool row (assign, resolve, tags) folds behind the header's "more"
    // button; on a desktop it is always shown and the button is not.
    let tools_open = RwSignal::new(false);

    let missing = || {
        view! {
            <div class="chat-view empty" data-testid="chat-view">
                <BackToList />
                <p>{t("chat-missing")}</p>
                <p class="muted">{t("chat-missing-help")}</p>
            </div>
        }
    };

    view! {
        <Show when=move || exists.get() fallback=missing>
            <section
                class="chat-view"
                data-testid="chat-view"
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    // A file dropped anywhere on the chat is staged in its composer.
                    ev.prevent_default();
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        dropped.set(Some(file));
                    }
                }
            >
                {
                    let header = header.clone();
                    let others = others.clone();
                    move || {
                        header()
                            .map(|(title, phone, window, open)| {
                                view! {
                                    <header class="chat-header">
                                        <BackToList />
                                        <span class="avatar">{initial(&title)}</span>
                                        <div class="chat-header-text">
                                            <h2>{title}</h2>
                                            <span class="muted" data-testid="chat-address">{phone}</span>
                                        </div>
                                        <span class="presence" data-testid="presence">{others.clone()}</span>
                                        <span class="window-pill" class:open=open class:closed=!open>
                                            {window}
                                        </span>
                                        <DisclosureButton
                                            open=tools_open
                                            controls="chat-tools"
                                            label=t("chat-more")
                                            class="more-button"
                                            testid="chat-more"
                                            symbol="⋮"
                                        />
                                    </header>
                                }
                            })
                    }
                }
                // Outside the header's closure, so a new event does not rebuild an open select.
                <div class="chat-tools" id="chat-tools" class:open=move || tools_open.get()>
                    <AssignControl chat=chat.clone() />
                    <ResolveButton chat=chat.clone() />
                    <TagEditor chat=chat.clone() />
                </div>
                {
                    let chat = chat.clone();
                    move || {
                        replica
                            .state()
                            .with(|s| s.chat(&chat).and_then(|c| s.marketing_stopped(c)))
                            .map(|at| {
                                let date = format::date_time(at);
                                view! {
                                    <p class="notice chat-notice" data-testid="marketing-stopped">
                                        {t_with("chat-marketing-stopped", &[("date", date.into())])}
                                    </p>
                                }
                            })
                    }
                }
                <div class="sr-only" aria-live="polite" data-testid="announcer">{move || announcement.get()}</div>
                <div class="messages" node_ref=scroller on:scroll=move |_| older(scroller, shown, first_shown, drawing)>
                    <Show when=move || first_shown.get() != 0>
                        <p class="muted older" data-testid="older">{t("chat-older")}</p>
                    </Show>
                    <For
                        each=messages.clone()
                        key=message_key
                        children={
                            let chat = chat.clone();
                            move |(message, separator)| {
                                let side = side_of(&message);
                                let chat = chat.clone();
                                view! {
                                    {separator
                                        .map(|day| {
                                            view! { <div class="day-separator" data-testid="day"><span>{day}</span></div> }
                                        })}
                                    <MessageBubble message=message side=side testid="message" chat=chat />
                                }
                            }
                        }
                    />
                    {waiting.clone()}
                </div>
                <Composer chat=chat.clone() />
            </section>
        </Show>
    }
}

/// The way back to the chat list, shown on a phone where the list and the chat are separate
/// screens (an installed app has no system Back).
#[component]
fn BackToList() -> impl IntoView {
    view! {
        <a class="back-button" href="/" data-testid="back" aria-label=t("nav-back") title=t("nav-back")>
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
                <path fill="currentColor" d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z"></path>
            </svg>
        </a>
    }
}

/// Everything that changes how a message is drawn: a new status or receipt, reaction, edit or
/// deletion, or a day separator above it, draws it again.
type Drawn = (
    MessageKey,
    Option<DeliveryStatus>,
    usize,
    Option<String>,
    bool,
    bool,
    Option<String>,
);

fn message_key((message, separator): &(switchboard_domain::Message, Option<String>)) -> Drawn {
    (
        message.key.clone(),
        message.status,
        message.receipts.len(),
        message.reaction.clone(),
        message.edited,
        message.deleted,
        separator.clone(),
    )
}

fn side_of(message: &switchboard_domain::Message) -> Side {
    match message.direction {
        switchboard_domain::Direction::Outbound => Side::Mine,
        switchboard_domain::Direction::Inbound => Side::Theirs,
        switchboard_domain::Direction::Note => Side::Note,
    }
}

/// A message still in the outbox: waiting for the relay, or refused by it.
#[component]
fn OutboxItem(entry: OutboxEntry) -> impl IntoView {
    let outbox = use_outbox();
    let (class, text) = match &entry.command {
        Command::AddNote(note) => ("message note pending", note.body.clone()),
        Command::SendText(send) => ("message mine pending", send.body.clone()),
        Command::SendMedia(send) => (
            "message mine pending",
            format!("📎 {}", send.filename.clone().unwrap_or_default()),
        ),
        other => ("message mine pending", format!("{other:?}")),
    };
    let refused = entry.refused.is_some();
    let id = entry.id.clone();
    view! {
        <div class=class data-testid="outbox-message" data-refused=refused.to_string()>
            <div class="bubble">
                <div class="message-body">{text}</div>
                <div class="message-meta">
                    {match entry.refused {
                        None => view! { <span title=t("chat-waiting-help")>{t("chat-waiting")}</span> }.into_any(),
                        Some(reason) => view! {
                            <span class="failure-advice">{t_with("chat-not-sent", &[("reason", reason.into())])}</span>
                            <button class="button small" on:click=move |_| outbox.discard(&id)>{t("chat-discard")}</button>
                        }
                        .into_any(),
                    }}
                </div>
            </div>
        </div>
    }
}

/// How many messages are drawn at first, and added each time the member nears the top.
const PAGE: usize = 60;

/// Near the top with older messages left: draw a page more, keeping what is on screen in
/// place (the view grows above it).
/// One page at a time: scroll events until it is drawn ask for nothing more.
fn older(
    scroller: NodeRef<Div>,
    shown: RwSignal<usize>,
    first_shown: Memo<usize>,
    drawing: StoredValue<bool>,
) {
    let Some(el) = scroller.get_untracked() else {
        return;
    };
    if drawing.get_value() || el.scroll_top() > 200 || first_shown.get_untracked() == 0 {
        return;
    }
    drawing.set_value(true);
    let from_bottom = el.scroll_height() - el.scroll_top();
    shown.update(|n| *n += PAGE);
    // After the new messages are drawn.
    request_animation_frame(move || {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(el.scroll_height() - from_bottom);
        }
        drawing.set_value(false);
    });
}

/// The `drawn`-th message bubble in the chat's scroller.
fn nth_message(scroller: &web_sys::HtmlDivElement, drawn: usize) -> Option<web_sys::Element> {
    let messages = scroller.query_selector_all("[data-testid=message]").ok()?;
    let node = messages.item(u32::try_from(drawn).ok()?)?;
    wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok()
}
