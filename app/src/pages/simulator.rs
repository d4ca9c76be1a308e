//! `/simulator`: play a customer's phone for a Sandbox line, with no configuration.

use crate::api;
use crate::components::{MessageBubble, RequireSession, Side, TopBar, enter_sends};
use crate::i18n::{t, t_with};
use crate::state::use_replica;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use switchboard_domain::{
    ChatId, ContactId, DeliveryStatus, Direction, LineId, Message, Role, Wamid, wire::LineProvider,
};

const DEFAULT_PHONE: &str = "5511999990000";
const DEFAULT_NAME: &str = "Ana Souza";

#[component]
pub fn SimulatorPage() -> impl IntoView {
    view! {
        <RequireSession role=Role::Supervisor>
            <div class="app">
                <TopBar />
                <main class="simulator">
                    <Simulator />
                </main>
            </div>
        </RequireSession>
    }
}

#[component]
fn Simulator() -> impl IntoView {
    let lines = LocalResource::new(api::list_lines);
    let line = RwSignal::new(None::<LineId>);
    // The first Sandbox line is picked for the person; they may choose another.
    Effect::new(move |_| {
        if line.with_untracked(Option::is_none)
            && let Some(Ok(lines)) = lines.get()
            && let Some(first) = lines.iter().find(|l| l.provider == LineProvider::Sandbox)
        {
            line.set(Some(first.id.clone()));
        }
    });

    let sandbox_lines = move || {
        lines.get().map(|result| {
            result.map(|all| {
                all.into_iter()
                    .filter(|l| l.provider == LineProvider::Sandbox)
                    .collect::<Vec<_>>()
            })
        })
    };

    let phone = RwSignal::new(DEFAULT_PHONE.to_owned());
    let name = RwSignal::new(DEFAULT_NAME.to_owned());

    view! {
        <section class="sim-settings card">
            <h1>{t("simulator-title")}</h1>
            <p class="muted">
                {t("simulator-help")}
            </p>
            {move || match sandbox_lines() {
                None => view! { <p class="muted">{t("simulator-loading-lines")}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="form-error">{error.to_string()}</p> }.into_any(),
                Some(Ok(sandboxes)) if sandboxes.is_empty() => view! {
                    <p class="form-error">
                        {t("simulator-no-sandbox")}
                    </p>
                }
                .into_any(),
                Some(Ok(sandboxes)) => view! {
                    <label>
                        {t("simulator-line")}
                        <select
                            data-testid="sim-line"
                            on:change=move |ev| line.set(Some(LineId::new(event_target_value(&ev))))
                            prop:value=move || line.get().map(|l| l.to_string()).unwrap_or_default()
                        >
                            {sandboxes
                                .into_iter()
                                .map(|l| {
                                    let label = format!("{} ({})", l.name, l.phone);
                                    view! { <option value=l.id.to_string()>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                }
                .into_any(),
            }}
            <label>
                {t("simulator-customer-phone")}
                <input
                    data-testid="sim-phone"
                    inputmode="numeric"
                    prop:value=phone
                    on:input=move |ev| phone.set(event_target_value(&ev))
                />
            </label>
            <label>
                {t("simulator-customer-name")}
                <input
                    data-testid="sim-name"
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
        </section>
        {move || {
            line.get()
                .map(|line| view! { <Phone line=line phone=phone.read_only() name=name.read_only() /> })
        }}
    }
}

/// The customer's phone: the chat mirrored, and a box to write as the customer.
#[component]
fn Phone(line: LineId, phone: ReadSignal<String>, name: ReadSignal<String>) -> impl IntoView {
    let replica = use_replica();
    let chat = {
        let line = line.clone();
        Memo::new(move |_| ChatId::of(&line, &ContactId::new(phone.get().trim())))
    };
    let messages = move || {
        let chat = chat.get();
        replica.state().with(|s| {
            // The customer's phone never shows the team's private notes.
            s.chat(&chat)
                .map(|c| {
                    let sent = c.messages.iter().filter(|m| m.direction != Direction::Note);
                    sent.cloned().collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };

    // The phone "reads" agent messages it shows, once each.
    let reported = StoredValue::new_local(HashSet::<Wamid>::new());
    {
        let line = line.clone();
        Effect::new(move |_| {
            let unread: Vec<Wamid> = messages()
                .into_iter()
                .filter(|m| m.direction == Direction::Outbound && awaits_read(m))
                .filter_map(|m| m.wamid)
                .filter(|w| reported.with_value(|r| !r.contains(w)))
                .collect();
            if unread.is_empty() {
                return;
            }
            reported.update_value(|r| r.extend(unread.iter().cloned()));
            let line = line.clone();
            spawn_local(async move {
                if let Err(error) = api::sandbox_read(&line, &unread).await {
                    leptos::logging::warn!("simulator read: {error}");
                    // Let a later render try again.
                    reported.update_value(|r| r.retain(|w| !unread.contains(w)));
                }
            });
        });
    }

    let scroller = NodeRef::<Div>::new();
    Effect::new(move |_| {
        messages().len();
        if let Some(el) = scroller.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });

    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let send = move || {
        let body = text.get_untracked();
        if body.trim().is_empty() || sending.get_untracked() {
            return;
        }
        let (from, who) = (
            phone.get_untracked().trim().to_owned(),
            name.get_untracked(),
        );
        let line = line.clone();
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::sandbox_receive(&line, &from, &who, &body).await {
                Ok(()) => text.set(String::new()),
                Err(e) => error.set(Some(e.to_string())),
            }
            sending.set(false);
        });
    };
    let send_on_enter = enter_sends(send.clone());
    let business = t("simulator-business");
    let business_initial = business
        .chars()
        .next()
        .map(String::from)
        .unwrap_or_default();

    view! {
        <section class="phone" aria-label=t("simulator-phone")>
            <header class="phone-header">
                <span class="avatar">{business_initial}</span>
                <div>
                    <strong>{business}</strong>
                    <span class="muted">
                        {move || {
                            t_with(
                                "simulator-as-customer",
                                &[
                                    ("name", name.get().into()),
                                    ("phone", phone.get().trim().into()),
                                ],
                            )
                        }}
                    </span>
                </div>
            </header>
            <div class="phone-messages messages" node_ref=scroller>
                <For
                    each=messages
                    key=|m| (m.key.clone(), m.status)
                    children=|message| {
                        // Mirrored: the customer's own messages sit on the right.
                        let side = match message.direction {
                            Direction::Inbound => Side::Mine,
                            Direction::Outbound | Direction::Note => Side::Theirs,
                        };
                        view! { <MessageBubble message=message side=side testid="sim-message" /> }
                    }
                />
            </div>
            <footer class="composer-area">
                <div class="composer">
                    <textarea
                        data-testid="sim-text"
                        rows="1"
                        placeholder=t("simulator-message-placeholder")
                        prop:value=text
                        on:input=move |ev| text.set(event_target_value(&ev))
                        on:keydown=send_on_enter
                    ></textarea>
                    <button
                        class="send"
                        data-testid="sim-send"
                        title=t("simulator-send")
                        aria-label=t("simulator-send")
                        disabled=move || sending.get()
                        on:click=move |_| send()
                    >
                        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                            <path fill="currentColor" d="M2 21l21-9L2 3v7l15 2-15 2z"></path>
                        </svg>
                    </button>
                </div>
                {move || error.get().map(|message| view! { <p class="form-error" data-testid="sim-error">{message}</p> })}
            </footer>
        </section>
    }
}

/// Sent to the phone but not yet shown as read.
fn awaits_read(message: &Message) -> bool {
    matches!(
        message.status,
        Some(DeliveryStatus::Accepted | DeliveryStatus::Sent | DeliveryStatus::Delivered)
    )
}
