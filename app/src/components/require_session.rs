//! Shows its children only to someone signed in (or reading the offline replica).

use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Wait,
    In,
    Out,
}

#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let replica = use_replica();
    // A memo, so a session refresh (same gate) does not rebuild the page and lose drafts.
    let gate = Memo::new(move |_| match replica.session().get() {
        Session::Checking => Gate::Wait,
        Session::SignedIn(_) | Session::Offline => Gate::In,
        Session::SignedOut { .. } => Gate::Out,
    });
    move || match gate.get() {
        Gate::Wait => view! {
            <div class="center-page">
                <div class="splash">
                    <img src="/icon.svg" alt="" width="56" height="56" />
                    <p class="muted">"Opening the inbox…"</p>
                </div>
            </div>
        }
        .into_any(),
        Gate::Out => view! { <Redirect path="/login" /> }.into_any(),
        Gate::In => children().into_any(),
    }
}
