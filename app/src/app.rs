//! The root component: context, the language, and every route in one place.

use crate::pages::{
    AccountPage, AdminPage, InboxPage, LinkPage, LoginPage, NotFoundPage, QuickRepliesPage,
    SimulatorPage,
};
use crate::state::{provide_clock, provide_outbox, provide_replica};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let replica = provide_replica();
    provide_clock();
    provide_outbox();
    replica.start();
    // A page kept in the back/forward cache would keep its socket, and its member would
    // seem present (even typing) long after leaving: the feed closes with the page and
    // opens again if the page comes back.
    let hide = window_event_listener(leptos::ev::pagehide, move |_| replica.pause());
    let show = window_event_listener(leptos::ev::pageshow, move |event| {
        if event.persisted() {
            replica.start();
        }
    });
    on_cleanup(move || {
        hide.remove();
        show.remove();
    });

    // A language switch renders every page again, so each string is in the new language.
    let locale = crate::i18n::locale_signal();
    move || {
        locale.track();
        view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=InboxPage />
                <Route path=path!("/chats/:id") view=InboxPage />
                <Route path=path!("/simulator") view=SimulatorPage />
                <Route path=path!("/quick-replies") view=QuickRepliesPage />
                <Route path=path!("/account") view=AccountPage />
                <Route path=path!("/admin") view=AdminPage />
                <Route path=path!("/link/:token") view=LinkPage />
            </Routes>
        </Router>
        }
    }
}
