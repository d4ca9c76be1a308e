//! Resolve or reopen a chat.

use crate::api;
use crate::i18n::t;
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{ChatId, Command, command::ChatOnly};

#[component]
pub fn ResolveButton(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let chat = StoredValue::new(chat);
    let error = RwSignal::new(None::<String>);
    let resolved = move || {
        replica
            .state()
            .with(|s| chat.with_value(|id| s.chat(id).is_some_and(|c| c.resolved)))
    };
    let toggle = move |_| {
        let target = ChatOnly {
            chat: chat.get_value(),
        };
        let command = if resolved() {
            Command::Reopen(target)
        } else {
            Command::Resolve(target)
        };
        spawn_local(async move {
            match api::send_command(&api::new_command_id(), &command).await {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <button class="button small" data-testid="resolve" data-resolved=move || resolved().to_string() on:click=toggle>
            {move || if resolved() { t("chat-reopen") } else { t("chat-resolve") }}
        </button>
        {move || error.get().map(|m| view! { <span class="form-error" role="alert">{m}</span> })}
    }
}
