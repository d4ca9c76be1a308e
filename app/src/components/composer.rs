//! Writing a reply. The domain's own check runs first, so a refusal the relay would
//! give is shown without a round trip.

use super::TemplatePicker;
use crate::api;
use crate::state::{Session, clock::current_time, use_now, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    AgentId, ChatId, Command, MarkRead, Role, SendText, Viewer, command::AddNote, window,
};

const WINDOW_CLOSED: &str = "Outside the 24-hour window — the customer has not written in the last 24 hours: send an approved template.";

#[component]
pub fn Composer(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let now = use_now();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // Writing a private note for the team instead of a message to the customer.
    let note = RwSignal::new(false);

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

    let chat_for_typing = chat.clone();
    let chat_for_picker = chat.clone();
    let send = move || {
        if sending.get_untracked() {
            return;
        }
        let command = if note.get_untracked() {
            Command::AddNote(AddNote {
                chat: chat.clone(),
                body: text.get_untracked(),
            })
        } else {
            Command::SendText(SendText {
                chat: chat.clone(),
                body: text.get_untracked(),
                reply_to: None,
            })
        };
        let id = api::new_command_id();
        let agent = match replica.session().get_untracked() {
            Session::SignedIn(agent) => agent.viewer(),
            _ => Viewer {
                id: AgentId::new(""),
                role: Role::Agent,
            },
        };
        let decided = replica
            .state()
            .with_untracked(|state| command.decide(&id, &agent, state, current_time()));
        if let Err(refusal) = decided {
            error.set(Some(refusal.to_string()));
            return;
        }
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::send_command(&id, &command).await {
                Ok(_) => text.set(String::new()),
                Err(e) => error.set(Some(e.to_string())),
            }
            sending.set(false);
        });
    };
    // The customer sees "typing…" for up to 25 s per signal; one every 20 s keeps it on
    // while the agent types without flooding the log.
    let last_typing = StoredValue::new(0.0_f64);
    let typing = {
        let chat = chat_for_typing;
        move || {
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
    let send_on_enter = enter_sends(send.clone());

    view! {
        <footer class="composer-area">
            <Show when=move || !open.get() && !note.get()>
                <p class="notice window-closed" data-testid="window-closed">
                    {WINDOW_CLOSED}
                </p>
                <TemplatePicker chat=chat_for_picker.clone() />
            </Show>
            <div class="composer" class:note-mode=move || note.get()>
                <button
                    class="note-toggle"
                    data-testid="note-mode"
                    title="Write a private note for the team"
                    aria-pressed=move || note.get().to_string()
                    on:click=move |_| note.update(|on| *on = !*on)
                >
                    "Note"
                </button>
                <textarea
                    data-testid="composer"
                    rows="1"
                    placeholder=move || {
                        if note.get() {
                            "Private note: the customer never sees it (@username notifies)"
                        } else if open.get() {
                            "Type a message"
                        } else {
                            "Replies are closed for this chat"
                        }
                    }
                    disabled=move || !open.get() && !note.get()
                    prop:value=text
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        typing();
                    }
                    on:keydown=send_on_enter
                ></textarea>
                <button
                    class="send"
                    data-testid="send"
                    title="Send"
                    aria-label="Send"
                    disabled=move || (!open.get() && !note.get()) || sending.get()
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
