//! The header: product, connection, navigation, the agent and Log out. On a phone the
//! navigation, the agent and Log out fold into a menu behind one button.

use super::{ConnectionBadge, DisclosureButton};
use crate::i18n::t;
use crate::state::{Session, use_replica};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::Role;

#[component]
pub fn TopBar() -> impl IntoView {
    let replica = use_replica();
    let leaving = RwSignal::new(false);
    let user = move || match replica.session().get() {
        Session::SignedIn(agent) => agent.username.to_string(),
        _ => t("offline-copy"),
    };
    // Links a role cannot use are not shown (the relay refuses them anyway).
    let role = move || match replica.session().get() {
        Session::SignedIn(agent) => Some(agent.role),
        _ => None,
    };
    let at_least = move |needed: Role| role().is_some_and(|r| r.allows(needed));
    let logout = move |_| {
        leaving.set(true);
        // The session change redirects to /login once the replica is wiped.
        spawn_local(replica.logout());
    };
    // The phone's menu (the same links, shown as a panel); desktop never sees the button.
    // A tap on a link, outside the panel, or Escape closes it.
    let menu_open = RwSignal::new(false);
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <header class="topbar" class:menu-open=move || menu_open.get()>
            <a class="brand" href="/">
                <img src="/icon.svg" alt="" width="28" height="28" />
                <span>{t("product")}</span>
            </a>
            <ConnectionBadge />
            <span class="spacer phone-only"></span>
            <DisclosureButton
                open=menu_open
                controls="topbar-menu"
                label=t("nav-menu")
                class="menu-button"
                testid="menu"
                symbol="☰"
            />
            <Show when=move || menu_open.get()>
                <div class="menu-backdrop" on:click=move |_| menu_open.set(false)></div>
            </Show>
            <div
                class="topbar-menu"
                id="topbar-menu"
                data-testid="menu-panel"
                on:click=move |ev| {
                    // A link or button inside was chosen: the panel has done its job.
                    let chosen = event_target::<web_sys::Element>(&ev)
                        .closest("a, button")
                        .ok()
                        .flatten()
                        .is_some();
                    if chosen {
                        menu_open.set(false);
                    }
                }
            >
            <nav class="topnav">
                <a href="/">{t("nav-inbox")}</a>
                <Show when=move || at_least(Role::Supervisor)>
                    <a href="/quick-replies" data-testid="nav-quick-replies">{t("nav-quick-replies")}</a>
                    <a href="/simulator" data-testid="nav-simulator">{t("nav-simulator")}</a>
                </Show>
                <Show when=move || at_least(Role::Admin)>
                    <a href="/admin" data-testid="nav-admin">{t("nav-admin")}</a>
                </Show>
            </nav>
            <span class="spacer"></span>
            <a class="user" href="/account" title=t("nav-account") data-testid="nav-account">
                <span class="avatar small">{move || initial(&user())}</span>
                {user}
            </a>
            <button
                class="button ghost"
                data-testid="logout"
                on:click=logout
                disabled=move || leaving.get()
            >
                {move || if leaving.get() { t("logging-out") } else { t("log-out") }}
            </button>
            </div>
        </header>
        {move || {
            replica
                .storage_error()
                .get()
                .map(|error| view! { <div class="banner error">{error.to_string()}</div> })
        }}
        <Show when=move || replica.session().get() == Session::Offline>
            <div class="banner offline">
                {t("offline-banner")}
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
