//! One message as a bubble: who wrote it, what it replies to, its content, ticks and
//! markers. The body is text, never HTML.

use super::preview::preview;
use super::{DeliveryTick, MessageContent, chat_list::chat_href};
use crate::api;
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{NavigateOptions, hooks::use_navigate};
use switchboard_domain::{
    Author, ChatId, Command, DeliveryStatus, Direction, Message, MessageKey, Wamid, command::Retry,
};

/// The message the composer is replying to, shared by a chat's bubbles and its composer.
#[derive(Clone, Copy)]
pub struct ReplyTarget(pub RwSignal<Option<Wamid>>);

/// Scrolls the chat to the message with this wamid and marks it for a moment; false when
/// it is not drawn (older than what the chat shows).
pub fn jump_to(wamid: &Wamid) -> bool {
    let selector = format!("[data-wamid=\"{}\"]", wamid.as_str().replace('"', ""));
    let Ok(Some(target)) = document().query_selector(&selector) else {
        return false;
    };
    target.scroll_into_view();
    let _ = target.class_list().add_1("found");
    gloo_timers::callback::Timeout::new(1_500, move || {
        let _ = target.class_list().remove_1("found");
    })
    .forget();
    true
}

/// Which side of the conversation a bubble sits on, from the viewer's seat.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Written by the viewer: right, green.
    Mine,
    Theirs,
    /// A private note of the team: distinct, never sent.
    Note,
}

pub fn direction_str(direction: Direction) -> &'static str {
    match direction {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
        Direction::Note => "note",
    }
}

pub fn status_str(status: Option<DeliveryStatus>) -> &'static str {
    match status {
        None => "",
        Some(DeliveryStatus::Queued) => "queued",
        Some(DeliveryStatus::Accepted) => "accepted",
        Some(DeliveryStatus::Sent) => "sent",
        Some(DeliveryStatus::Delivered) => "delivered",
        Some(DeliveryStatus::Read) => "read",
        Some(DeliveryStatus::Played) => "played",
        Some(DeliveryStatus::Failed) => "failed",
        Some(DeliveryStatus::Unconfirmed) => "unconfirmed",
    }
}

/// `testid` is `message` in the inbox and `sim-message` in the Simulator.
#[component]
pub fn MessageBubble(
    message: Message,
    side: Side,
    testid: &'static str,
    /// The chat, where the member may act on the message (retry a failed one).
    #[prop(optional)]
    chat: Option<ChatId>,
) -> impl IntoView {
    let side_class = match side {
        Side::Mine => "message mine",
        Side::Theirs => "message theirs",
        Side::Note => "message note",
    };
    let replica = use_replica();
    let me = replica.session().with_untracked(|session| match session {
        Session::SignedIn(agent) => Some(agent.username.clone()),
        _ => None,
    });
    // Teammates' messages and notes say who wrote them, and so does each member of a group;
    // the viewer's own messages and a one-to-one customer's need not.
    let author = replica.state().with_untracked(|s| {
        let chat = chat.as_ref().and_then(|id| s.chat(id))?;
        match s.author(chat, &message, me.as_ref()) {
            Author::Teammate(name) => Some(name.to_owned()),
            Author::Customer(name) if chat.group => Some(name.to_owned()),
            Author::Me if message.direction == Direction::Note => Some(t("chat-quote-you")),
            _ => None,
        }
    });
    let info = (message.direction == Direction::Outbound && !message.receipts.is_empty())
        .then(|| {
            let rows = replica.state().with_untracked(|s| {
                let chat = chat.as_ref().and_then(|id| s.chat(id));
                message
                    .receipts
                    .iter()
                    .map(|receipt| {
                        let who = receipt.participant.as_ref().map(|id| {
                            chat.and_then(|c| c.participant_name(id))
                                .map_or_else(|| format!("+{id}"), str::to_owned)
                        });
                        let status = t_with("chat-receipt", &[("status", status_str(Some(receipt.status)).into())]);
                        (status, who, format::date_time(receipt.at))
                    })
                    .collect::<Vec<_>>()
            });
            view! {
                <details class="message-info" data-testid="message-info">
                    <summary title=t("chat-info-help")>{t("chat-info")}</summary>
                    <ul>
                        {rows
                            .into_iter()
                            .map(|(status, who, at)| {
                                view! {
                                    <li data-testid="receipt">
                                        <span class="receipt-status">{status}</span>
                                        {who.map(|who| view! { <span class="receipt-who">{who}</span> })}
                                        <time>{at}</time>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        });
    let note_by = (message.direction == Direction::Note)
        .then(|| {
            author
                .clone()
                .map(|name| t_with("chat-note-by", &[("name", name.into())]))
        })
        .flatten();
    let sent_by = (message.direction != Direction::Note)
        .then_some(author)
        .flatten();
    let unconfirmed = message.status == Some(DeliveryStatus::Unconfirmed);
    let failed = message.status == Some(DeliveryStatus::Failed) || unconfirmed;
    let line = chat.as_ref().map(ChatId::line);
    let body = view! { <MessageContent body=message.body.clone() line=line /> };
    let quote = message.context.reply_to.clone().map(|target| {
        let quoted = replica.state().with_untracked(|s| {
            let (chat, index) = s.position_of_wamid(&target)?;
            let chat = s.chat(chat)?;
            let m = chat.messages.get(index)?;
            let who = match s.author(chat, m, me.as_ref()) {
                Author::Customer(name) | Author::Teammate(name) => name.to_owned(),
                Author::Me => t("chat-quote-you"),
                Author::Outside => t("chat-author-outside"),
            };
            Some((who, preview(&m.body)))
        });
        let (who, text) = quoted.unwrap_or_else(|| (String::new(), t("chat-quote-gone")));
        // Not drawn yet: open the chat at it, the way a search result does.
        let position = use_replica().state().with_untracked(|s| {
            s.position_of_wamid(&target)
                .map(|(chat, index)| format!("{}?m={index}", chat_href(chat)))
        });
        let navigate = use_navigate();
        let show = move |_| {
            if !jump_to(&target)
                && let Some(href) = &position
            {
                navigate(href, NavigateOptions::default());
            }
        };
        view! {
            <button class="quote" data-testid="quote" title=t("chat-quote-show") on:click=show>
                <strong>{who}</strong>
                <span>{text}</span>
            </button>
        }
    });
    // Replying quotes a message WhatsApp knows (it has a wamid); notes are the team's own.
    let reply = use_context::<ReplyTarget>()
        .zip(message.wamid.clone())
        .filter(|_| message.direction != Direction::Note && !message.deleted)
        .map(|(ReplyTarget(target), wamid)| {
            view! {
                <button
                    class="reply-action"
                    data-testid="reply"
                    title=t("chat-reply-help")
                    aria-label=t("chat-reply")
                    on:click=move |_| target.set(Some(wamid.clone()))
                >
                    "↩"
                </button>
            }
        });
    // On a touch screen there is no hover: a long press, or a swipe to the right, replies.
    let reply_gesture = ReplyGesture::new(
        use_context::<ReplyTarget>()
            .zip(message.wamid.clone())
            .filter(|_| message.direction != Direction::Note && !message.deleted)
            .map(|(ReplyTarget(target), wamid)| (target, wamid)),
    );
    let wamid_attr = message.wamid.as_ref().map(|w| w.as_str().to_owned());
    let forwarded = match (
        message.context.frequently_forwarded,
        message.context.forwarded,
    ) {
        (true, _) => Some(t("chat-forwarded-many")),
        (false, true) => Some(t("chat-forwarded")),
        _ => None,
    };
    let edited = message.edited;
    let deleted = message.deleted;
    let reaction = message.reaction.clone();
    let tick = (message.direction == Direction::Outbound)
        .then_some(message.status)
        .flatten()
        .map(|status| view! { <DeliveryTick status=status failure=message.failure.clone() /> });
    let advice = match unconfirmed {
        true => Some(t("chat-unconfirmed-advice")),
        false => failed
            .then(|| {
                message
                    .failure
                    .as_ref()
                    .map(|f| crate::i18n::t(switchboard_domain::event::advice_key(f.code)))
            })
            .flatten(),
    };
    let retry = match (&message.key, chat) {
        (MessageKey::Command(command), Some(chat)) if message.may_send_again() => {
            Some(Command::Retry(Retry {
                chat,
                message: command.clone(),
            }))
        }
        _ => None,
    };
    let retry_error = RwSignal::new(None::<String>);
    view! {
        <div
            class=side_class
            class:failed=failed
            data-testid=testid
            data-direction=direction_str(message.direction)
            data-status=status_str(message.status)
            data-wamid=wamid_attr
            on:pointerdown=move |ev| reply_gesture.down(&ev)
            on:pointermove=move |ev| reply_gesture.moved(&ev)
            on:pointerup=move |_| reply_gesture.end()
            on:pointercancel=move |_| reply_gesture.end()
            on:contextmenu=move |ev| reply_gesture.context_menu(&ev)
        >
            <div class="bubble" class:deleted=deleted>
                {reply}
                {note_by.map(|label| view! { <div class="note-by">{label}</div> })}
                {sent_by.map(|name| view! { <div class="sent-by" data-testid="sent-by">{name}</div> })}
                {forwarded.map(|label| view! { <div class="forwarded">{label}</div> })}
                {quote}
                <div class="message-body" data-testid="message-body">
                    {body}
                </div>
                <div class="message-meta">
                    {deleted.then(|| view! { <span class="marker">{t("chat-deleted")}</span> })}
                    {edited.then(|| view! { <span class="marker">{t("chat-edited")}</span> })}
                    <time>{format::clock(message.at)}</time>
                    {tick}
                </div>
                {reaction.map(|emoji| view! { <span class="reaction" data-testid="reaction">{emoji}</span> })}
                {info}
            </div>
            {advice.map(|advice| view! { <div class="failure-advice">{advice}</div> })}
            {retry
                .map(|command| {
                    view! {
                        <button
                            class="button small"
                            data-testid="retry"
                            on:click=move |_| {
                                let command = command.clone();
                                spawn_local(async move {
                                    if let Err(e) = api::send_command(&api::new_command_id(), &command).await {
                                        retry_error.set(Some(e.to_string()));
                                    }
                                });
                            }
                        >
                            {t("chat-send-again")}
                        </button>
                    }
                })}
            {move || retry_error.get().map(|m| view! { <div class="form-error" role="alert">{m}</div> })}
        </div>
    }
}

/// How long a finger rests on a bubble before it replies.
const LONG_PRESS_MS: u32 = 500;
/// How far a finger may wander and still be pressing, not scrolling.
const PRESS_SLOP_PX: i32 = 10;
/// How far to the right a swipe goes to reply, and how far up or down it may stray.
const SWIPE_PX: i32 = 64;
const SWIPE_STRAY_PX: i32 = 32;

/// One finger (or pen) on a bubble: where it went down, the long-press timer, and whether
/// it has already replied. A mouse keeps the hover button instead.
struct Press {
    x: i32,
    y: i32,
    timer: Option<gloo_timers::callback::Timeout>,
    replied: bool,
}

/// Long-press or swipe-right to reply, from pointer events.
#[derive(Clone, Copy)]
struct ReplyGesture {
    target: StoredValue<Option<(RwSignal<Option<Wamid>>, Wamid)>>,
    press: StoredValue<Option<Press>, LocalStorage>,
}

impl ReplyGesture {
    fn new(target: Option<(RwSignal<Option<Wamid>>, Wamid)>) -> Self {
        Self {
            target: StoredValue::new(target),
            press: StoredValue::new_local(None),
        }
    }

    fn reply(self) {
        self.target.with_value(|target| {
            if let Some((signal, wamid)) = target {
                signal.set(Some(wamid.clone()));
            }
        });
        self.press.update_value(|press| {
            if let Some(press) = press {
                press.replied = true;
                press.timer = None;
            }
        });
    }

    fn down(self, ev: &web_sys::PointerEvent) {
        if ev.pointer_type() == "mouse" || self.target.with_value(Option::is_none) {
            return;
        }
        let timer = gloo_timers::callback::Timeout::new(LONG_PRESS_MS, move || self.reply());
        self.press.set_value(Some(Press {
            x: ev.client_x(),
            y: ev.client_y(),
            timer: Some(timer),
            replied: false,
        }));
    }

    fn moved(self, ev: &web_sys::PointerEvent) {
        let swiped = self.press.try_update_value(|press| {
            let Some(press) = press else { return false };
            let (dx, dy) = (ev.client_x() - press.x, ev.client_y() - press.y);
            if dx.abs() > PRESS_SLOP_PX || dy.abs() > PRESS_SLOP_PX {
                press.timer = None;
            }
            !press.replied && dx > SWIPE_PX && dy.abs() < SWIPE_STRAY_PX
        });
        if swiped == Some(true) {
            self.reply();
        }
    }

    fn end(self) {
        self.press.set_value(None);
    }

    /// A long press on a phone also opens the browser's menu; not while it replies.
    fn context_menu(self, ev: &web_sys::MouseEvent) {
        if self.press.with_value(Option::is_some) {
            ev.prevent_default();
        }
    }
}
