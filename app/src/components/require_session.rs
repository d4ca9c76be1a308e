//! Shows its children only to someone signed in (or reading the offline replica), with the
//! role the page needs. A member who must still choose a new password (after the one-time
//! password) or set up two-factor is sent to their account page. The relay enforces all of this too; this only spares people a page that would
//! refuse them.

use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use switchboard_domain::Role;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Wait,
    In,
    Out,
    Enrol,
    Refused,
}

#[component]
pub fn RequireSession(
    children: ChildrenFn,
    /// The least role the page is for.
    #[prop(optional)]
    role: Option<Role>,
    /// The account page: open even before two-factor is set up.
    #[prop(optional)]
    enrolment: bool,
) -> impl IntoView {
    let replica = use_replica();
    // A memo, so a session refresh (same gate) does not rebuild the page and lose drafts.
    let gate = Memo::new(move |_| match replica.session().get() {
        Session::Checking => Gate::Wait,
        Session::SignedIn(agent)
            if (agent.must_change_password || agent.must_enrol_totp) && !enrolment =>
        {
            Gate::Enrol
        }
        Session::SignedIn(agent) if role.is_some_and(|r| !agent.role.allows(r)) => Gate::Refused,
        Session::SignedIn(_) | Session::Offline => Gate::In,
        Session::SignedOut { .. } => Gate::Out,
    });
    move || {
        match gate.get() {
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
        Gate::Enrol => view! { <Redirect path="/account" /> }.into_any(),
        Gate::Refused => view! {
            <div class="center-page">
                <div class="card">
                    <h2>"Not for your role"</h2>
                    <p class="muted">
                        {move || {
                            let needed = role.map_or("", |r| r.as_str());
                            format!("This page is for the {needed} role and above. Ask an admin if you need it.")
                        }}
                    </p>
                    <a class="button" href="/">"Back to the inbox"</a>
                </div>
            </div>
        }
        .into_any(),
        Gate::In => children().into_any(),
    }
    }
}
