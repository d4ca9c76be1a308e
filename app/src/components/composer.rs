//! Writing a reply: text (Enter sends, Shift+Enter adds a line), a reply to a message, a
//! file (picker, drag-and-drop or paste), `/` for quick replies, or a private note. The
//! domain's own check runs first, so a refusal the relay would give shows at once; what
//! passes goes through the outbox, which sends in order and waits while offline.

use super::preview::preview;
use super::{QuickReplyMenu, ReplyTarget, TemplatePicker, quick_reply_menu::MenuKey};
use crate::api;
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::{use_now, use_outbox, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    ChatId, Command, MarkRead, SendMedia, SendText, command::AddNote, media, presence::Focus,
    window,
};

/// The emoji a contact-centre agent reaches for most; any other comes from the keyboard.
const EMOJI: [&str; 32] = [
    "😊", "😀", "😂", "🙂", "😉", "😍", "🤗", "🤔", "😅", "😢", "🙏", "👍", "👌", "👏", "🙌", "💪",
    "✅", "❌", "⚠️", "⏰", "📦", "🚚", "📍", "📞", "💳", "💰", "🧾", "🎉", "❤️", "⭐", "👋", "🔥",
];

/// How long after the last keystroke the team stops seeing "typing…".
const TYPING_IDLE_MS: u32 = 4_000;

/// A file dropped anywhere on the chat, handed to its composer.
#[derive(Clone, Copy)]
pub struct DroppedFile(pub RwSignal<Option<web_sys::File>, LocalStorage>);

#[component]
pub fn Composer(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let outbox = use_outbox();
    let now = use_now();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let uploading = RwSignal::new(None::<String>);
    // Writing a private note for the team instead of a message to the customer.
    let note = RwSignal::new(false);
    let staged = RwSignal::new_local(None::<web_sys::File>);
    let reply_to = use_context::<ReplyTarget>().map(|ReplyTarget(target)| target);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    // Choosing a message to reply to (hover button, long press or swipe) puts the cursor in
    // the composer, so a phone's keyboard comes up ready.
    if let Some(target) = reply_to {
        Effect::new(move |_| {
            if target.with(Option::is_some)
                && let Some(el) = textarea.get_untracked()
            {
                let _ = el.focus();
            }
        });
    }

    let open = {
        let chat = chat.clone();
        Memo::new(move |_| {
            let now = now.get();
            replica.state().with(|s| {
                s.chat(&chat)
                    .is_some_and(|c| window(c.last_inbound, now).is_open())
            })
        })
    };

    // Type and size are checked before anything is uploaded.
    let stage = move |file: web_sys::File| {
        let mime = file.type_();
        let shown = if mime.is_empty() {
            file.name()
                .rsplit_once('.')
                .map_or_else(|| "unknown".to_owned(), |(_, ext)| format!(".{ext}"))
        } else {
            mime
        };
        match media::check(&shown, file.size() as u64) {
            Ok(_) => {
                error.set(None);
                staged.set(Some(file));
            }
            Err(refusal) => error.set(Some(refusal.message(crate::i18n::locale_untracked()))),
        }
    };
    if let Some(DroppedFile(dropped)) = use_context::<DroppedFile>() {
        Effect::new(move |_| {
            if let Some(file) = dropped.get() {
                stage(file);
            }
        });
    }

    let decide_and_queue = move |command: Command| -> bool {
        let id = api::new_command_id();
        match replica.decide(&id, &command) {
            Ok(_) => {
                error.set(None);
                outbox.push(id, command);
                true
            }
            Err(refusal) => {
                error.set(Some(refusal.message(crate::i18n::locale_untracked())));
                false
            }
        }
    };

    let chat_for_send = chat.clone();
    let send = move || {
        let chat = chat_for_send.clone();
        let quoted = reply_to.and_then(|r| r.get_untracked());
        if let Some(file) = staged.get_untracked() {
            if uploading.get_untracked().is_some() {
                return;
            }
            uploading.set(Some(file.name()));
            error.set(None);
            spawn_local(async move {
                match api::upload(&chat.line(), &file).await {
                    Ok(uploaded) => {
                        let caption = Some(text.get_untracked()).filter(|c| !c.trim().is_empty());
                        let command = Command::SendMedia(SendMedia {
                            chat,
                            media: uploaded.id,
                            mime_type: uploaded.mime_type,
                            caption,
                            filename: Some(file.name()),
                            reply_to: quoted,
                        });
                        if decide_and_queue(command) {
                            staged.set(None);
                            text.set(String::new());
                            if let Some(r) = reply_to {
                                r.set(None);
                            }
                        }
                    }
                    Err(api::Error::Network(_)) => error.set(Some(t("chat-files-need-connection"))),
                    Err(e) => error.set(Some(e.to_string())),
                }
                uploading.set(None);
            });
            return;
        }
        let command = if note.get_untracked() {
            Command::AddNote(AddNote {
                chat,
                body: text.get_untracked(),
            })
        } else {
            Command::SendText(SendText {
                chat,
                body: text.get_untracked(),
                reply_to: quoted,
            })
        };
        if decide_and_queue(command) {
            text.set(String::new());
            if let Some(r) = reply_to {
                r.set(None);
            }
            replica.set_focus(Focus {
                chat: Some(chat_for_send.clone()),
                typing: false,
            });
        }
    };

    // The customer sees "typing…" for up to 25 s per signal; one every 20 s keeps it on
    // while the agent types without flooding the log. The team sees it through presence,
    // until the member stops for a few seconds.
    let last_typing = StoredValue::new(0.0_f64);
    let idle = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let typing = {
        let chat = chat.clone();
        move || {
            replica.set_focus(Focus {
                chat: Some(chat.clone()),
                typing: true,
            });
            let stop = {
                let chat = chat.clone();
                move || {
                    replica.set_focus(Focus {
                        chat: Some(chat),
                        typing: false,
                    })
                }
            };
            idle.set_value(Some(gloo_timers::callback::Timeout::new(
                TYPING_IDLE_MS,
                stop,
            )));
            if note.get_untracked() {
                return;
            }
            let now_ms = js_sys::Date::now();
            if now_ms - last_typing.get_value() < 20_000.0 {
                return;
            }
            last_typing.set_value(now_ms);
            let command = Command::MarkRead(MarkRead {
                chat: chat.clone(),
                typing: true,
            });
            spawn_local(async move {
                // Nothing to read yet (a new chat) is fine: there is no one to show typing to.
                let _ = api::send_command(&api::new_command_id(), &command).await;
            });
        }
    };

    // `/` at the start opens the quick replies that match; the menu takes the arrow keys
    // and Enter. With none matching, Enter sends the text as typed.
    let menu_key = RwSignal::new(None::<MenuKey>);
    let menu_open = Memo::new(move |_| {
        let Some(query) = text.with(|t| {
            (t.starts_with('/') && !t.contains(char::is_whitespace)).then(|| t[1..].to_owned())
        }) else {
            return false;
        };
        let needle = switchboard_domain::search::needle(&query);
        replica
            .state()
            .with(|s| s.quick_replies.values().any(|r| r.matches(&needle)))
    });
    let on_keydown = {
        let send = send.clone();
        move |ev: web_sys::KeyboardEvent| {
            if menu_open.get_untracked() {
                let key = match ev.key().as_str() {
                    "ArrowDown" => Some(MenuKey::Down),
                    "ArrowUp" => Some(MenuKey::Up),
                    "Enter" | "Tab" => Some(MenuKey::Choose),
                    "Escape" => Some(MenuKey::Close),
                    _ => None,
                };
                if let Some(key) = key {
                    ev.prevent_default();
                    menu_key.set(Some(key));
                    return;
                }
            }
            if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                ev.prevent_default();
                send();
            }
        }
    };
    let chosen = move |filled: String| {
        text.set(filled);
        if let Some(el) = textarea.get() {
            let _ = el.focus();
        }
    };

    // An emoji goes in where the cursor is.
    let emoji_open = RwSignal::new(false);
    let insert = move |emoji: &str| {
        let Some(el) = textarea.get_untracked() else {
            return;
        };
        let value = el.value();
        let utf16: Vec<u16> = value.encode_utf16().collect();
        let at = |pos: Option<u32>| pos.map_or(utf16.len(), |p| (p as usize).min(utf16.len()));
        let (start, end) = (
            at(el.selection_start().ok().flatten()),
            at(el.selection_end().ok().flatten()),
        );
        let before = String::from_utf16_lossy(&utf16[..start]);
        let after = String::from_utf16_lossy(&utf16[end.max(start)..]);
        text.set(format!("{before}{emoji}{after}"));
        let cursor = u32::try_from(start + emoji.encode_utf16().count()).unwrap_or(u32::MAX);
        request_animation_frame(move || {
            let _ = el.focus();
            let _ = el.set_selection_range(cursor, cursor);
        });
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let chat_for_picker = chat.clone();
    let chat_for_menu = chat.clone();
    let chat_for_quote = chat;
    let quote = move || {
        let target = reply_to?.get()?;
        let preview = replica.state().with(|s| {
            s.message_by_wamid(&target)
                .filter(|_| s.chat_of_wamid(&target) == Some(&chat_for_quote))
                .map(|m| preview(&m.body))
        })?;
        Some(view! {
            <div class="reply-bar" data-testid="reply-bar">
                <span class="muted">{t("chat-replying-to")} " "</span>
                <span class="reply-preview">{preview}</span>
                <button
                    class="link-button"
                    title=t("chat-cancel-reply")
                    aria-label=t("chat-cancel-reply")
                    on:click=move |_| {
                        if let Some(r) = reply_to {
                            r.set(None);
                        }
                    }
                >
                    "×"
                </button>
            </div>
        })
    };
    let staged_chip = move || {
        staged.get().map(|file| {
            let label = format!("{} · {}", file.name(), format::size(file.size() as u64));
            view! {
                <div class="staged-file" data-testid="staged-file">
                    <span>"📎 "{label}</span>
                    <span class="muted">" — " {t("chat-file-becomes-caption")}</span>
                    <button
                        class="link-button"
                        title=t("chat-remove-file")
                        aria-label=t("chat-remove-file")
                        on:click=move |_| staged.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    };

    view! {
        <footer class="composer-area">
            <Show when=move || !open.get() && !note.get()>
                <p class="notice window-closed" data-testid="window-closed">
                    {t("chat-window-closed-notice")}
                </p>
                <TemplatePicker chat=chat_for_picker.clone() />
            </Show>
            {quote}
            {staged_chip}
            {move || uploading.get().map(|name| view! { <p class="muted" data-testid="uploading">{t_with("chat-uploading", &[("name", name.into())])}</p> })}
            <Show when=move || emoji_open.get()>
                <div class="emoji-picker" data-testid="emoji-picker" role="listbox">
                    {EMOJI
                        .iter()
                        .map(|emoji| {
                            view! {
                                <button
                                    class="emoji"
                                    role="option"
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        insert(emoji);
                                        emoji_open.set(false);
                                    }
                                >
                                    {*emoji}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
            <Show when=move || menu_open.get()>
                <QuickReplyMenu chat=chat_for_menu.clone() query=text key=menu_key on_choose=chosen />
            </Show>
            <div class="composer" class:note-mode=move || note.get()>
                <button
                    class="note-toggle"
                    data-testid="note-mode"
                    title=t("chat-note-mode-help")
                    aria-pressed=move || note.get().to_string()
                    on:click=move |_| note.update(|on| *on = !*on)
                >
                    {t("chat-note-mode")}
                </button>
                <button
                    class="attach"
                    data-testid="emoji"
                    title=t("chat-insert-emoji")
                    aria-label=t("chat-insert-emoji")
                    aria-expanded=move || emoji_open.get().to_string()
                    on:click=move |_| emoji_open.update(|open| *open = !*open)
                >
                    "😊"
                </button>
                <button
                    class="attach"
                    data-testid="attach"
                    title=t("chat-attach-help")
                    aria-label=t("chat-attach")
                    disabled=move || !open.get() || note.get()
                    on:click=move |_| {
                        if let Some(input) = file_input.get() {
                            input.click();
                        }
                    }
                >
                    "📎"
                </button>
                <input
                    type="file"
                    class="visually-hidden"
                    data-testid="file-input"
                    node_ref=file_input
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            stage(file);
                        }
                        input.set_value("");
                    }
                />
                <textarea
                    data-testid="composer"
                    rows="1"
                    node_ref=textarea
                    placeholder=move || {
                        if note.get() {
                            t("chat-placeholder-note")
                        } else if open.get() {
                            t("chat-placeholder")
                        } else {
                            t("chat-placeholder-closed")
                        }
                    }
                    disabled=move || !open.get() && !note.get()
                    prop:value=text
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        typing();
                    }
                    on:keydown=on_keydown
                    on:paste=move |ev: web_sys::ClipboardEvent| {
                        let file = ev
                            .clipboard_data()
                            .and_then(|data| data.files())
                            .and_then(|files| files.get(0));
                        if let Some(file) = file {
                            ev.prevent_default();
                            stage(file);
                        }
                    }
                ></textarea>
                <button
                    class="send"
                    data-testid="send"
                    title=t("chat-send")
                    aria-label=t("chat-send")
                    disabled=move || (!open.get() && !note.get()) || uploading.get().is_some()
                    on:click=move |_| send()
                >
                    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                        <path fill="currentColor" d="M2 21l21-9L2 3v7l15 2-15 2z"></path>
                    </svg>
                </button>
            </div>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="form-error" data-testid="composer-error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </footer>
    }
}

/// A keydown handler: Enter calls `send`, Shift+Enter is a newline, and an IME
/// composition (CJK input, accents) is left alone.
pub fn enter_sends(send: impl Fn() + 'static) -> impl FnMut(web_sys::KeyboardEvent) + 'static {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            send();
        }
    }
}
