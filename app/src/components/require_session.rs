//! Shows its children only to someone signed in (or reading the offline replica), with the
//! role the page needs. A member who must still choose a new password (after the one-time
//! password) or set up two-factor is sent to their account page. The relay enforces all of this too; this only spares people a page that would
//! refuse them.

use crate::i18n::{t, t_with};
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
    move || match gate.get() {
        Gate::Wait => view! {
            <div class="center-page">
                <div class="splash">
                    <img src="/icon.svg" alt="" width="56" height="56" />
                    <p class="muted">{t("inbox-opening")}</p>
                </div>
            </div>
        }
        .into_any(),
        Gate::Out => view! { <Redirect path="/login" /> }.into_any(),
        Gate::Enrol => view! { <Redirect path="/account" /> }.into_any(),
        Gate::Refused => view! {
            <div class="center-page">
                <div class="card">
                    <h2>{t("inbox-not-for-role")}</h2>
                    <p class="muted">
                        {t_with(
                            "inbox-role-needed",
                            &[("role", role.map_or("admin", Role::as_str).into())],
                        )}
                    </p>
                    <a class="button" href="/">{t("inbox-back-to-inbox")}</a>
                </div>
            </div>
        }
        .into_any(),
        Gate::In => children().into_any(),
    }
}
