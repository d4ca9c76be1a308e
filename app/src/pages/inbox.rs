//! `/` and `/chats/:id`: the chat list, and the open chat if any.

use crate::components::ListedChats;
use crate::components::{
    AlertBanner, ChatList, ChatView, Notifier, RequireSession, Shortcuts, TopBar,
};
use crate::i18n::t;
use crate::state::use_replica;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use switchboard_domain::{ChatId, presence::Focus};

#[component]
pub fn InboxPage() -> impl IntoView {
    let params = use_params_map();
    let selected = Memo::new(move |_| {
        params.with(|p| p.get("id")).and_then(|raw| {
            // The router may hand the segment over still encoded; decoding twice is harmless
            // because chat ids never contain `%`.
            let id = js_sys::decode_uri_component(&raw)
                .map(String::from)
                .unwrap_or(raw);
            ChatId::parse(&id)
        })
    });
    // The chat list publishes its order; j/k step through it.
    provide_context(ListedChats(RwSignal::new(Vec::new())));
    // The team sees which chat this member has open.
    let replica = use_replica();
    let shown = std::sync::Arc::new(std::sync::Mutex::new(None::<ChatId>));
    Effect::new({
        let shown = std::sync::Arc::clone(&shown);
        move |_| {
            let chat = selected.get();
            if let Ok(mut shown) = shown.lock() {
                shown.clone_from(&chat);
            }
            replica.set_focus(Focus {
                chat,
                typing: false,
            })
        }
    });
    on_cleanup(move || {
        if let Ok(shown) = shown.lock() {
            replica.leave_focus(shown.as_ref());
        }
    });
    view! {
        <RequireSession>
            <div class="app">
                <TopBar />
                <AlertBanner />
                <Notifier />
                <Shortcuts selected=selected />
                // On a phone the list and the chat are separate screens: `/` shows the list,
                // `/chats/:id` the chat (the stylesheet hides the other).
                <main class="inbox" class:has-chat=move || selected.with(Option::is_some)>
                    <aside class="sidebar">
                        <ChatList selected=selected />
                    </aside>
                    <section class="conversation" class:has-chat=move || selected.with(Option::is_some)>
                        {move || match selected.get() {
                            Some(chat) => view! { <ChatView chat=chat /> }.into_any(),
                            None => view! {
                                <div class="no-chat">
                                    <img src="/icon.svg" alt="" width="72" height="72" />
                                    <h2>{t("product")}</h2>
                                    <p class="muted">{t("inbox-pick-chat")}</p>
                                </div>
                            }
                            .into_any(),
                        }}
                    </section>
                </main>
            </div>
        </RequireSession>
    }
}
