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
