//! The header: product, connection, navigation, the agent and Log out.

use super::ConnectionBadge;
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn TopBar() -> impl IntoView {
    let replica = use_replica();
    let leaving = RwSignal::new(false);
    let user = move || match replica.session().get() {
        Session::SignedIn(agent) => agent.username,
        _ => String::from("offline copy"),
    };
    let logout = move |_| {
        leaving.set(true);
        // The session change redirects to /login once the replica is wiped.
        spawn_local(replica.logout());
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/icon.svg" alt="" width="28" height="28" />
                <span>"Switchboard"</span>
            </a>
            <ConnectionBadge />
            <nav class="topnav">
                <a href="/">"Inbox"</a>
                <a href="/simulator">"Simulator"</a>
            </nav>
            <span class="spacer"></span>
            <span class="user" title="Signed in as">
                <span class="avatar small">{move || initial(&user())}</span>
                {user}
            </span>
            <button
                class="button ghost"
                data-testid="logout"
                on:click=logout
                disabled=move || leaving.get()
            >
                {move || if leaving.get() { "Logging out…" } else { "Log out" }}
            </button>
        </header>
        {move || {
            replica
                .storage_error()
                .get()
                .map(|error| view! { <div class="banner error">{error.to_string()}</div> })
        }}
        <Show when=move || replica.session().get() == Session::Offline>
            <div class="banner offline">
                "Offline — showing the copy saved in this browser. Switchboard reconnects by itself."
            </div>
        </Show>
    }
}

/// The first letter, for an avatar.
pub fn initial(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}
