//! `/login`: the sign-in form, with the language picker so a new member can switch first.

use crate::api;
use crate::i18n::{LanguagePicker, t};
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;

#[component]
pub fn LoginPage() -> impl IntoView {
    let replica = use_replica();
    let signed_in = Memo::new(move |_| matches!(replica.session().get(), Session::SignedIn(_)));
    let unreachable = Memo::new(move |_| {
        matches!(
            replica.session().get(),
            Session::SignedOut {
                relay_unreachable: true
            }
        )
    });

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Shown once the relay says this member's second factor is on.
    let code = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let (user, pass) = (username.get_untracked(), password.get_untracked());
        let typed_code = code.get_untracked();
        spawn_local(async move {
            match api::create_session(&user, &pass, typed_code.as_deref()).await {
                Ok(agent) => replica.signed_in(agent),
                Err(api::Error::Relay {
                    code: switchboard_domain::ErrorCode::CodeNeeded,
                    ..
                }) => {
                    code.set(Some(String::new()));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            pending.set(false);
        });
    };

    view! {
        <Show when=move || !signed_in.get() fallback=|| view! { <Redirect path="/" /> }>
            <div class="center-page login-page">
                <form class="card login-card" on:submit=submit>
                    <div class="login-brand">
                        <img src="/icon.svg" alt="" width="48" height="48" />
                        <h1>{t("product")}</h1>
                        <p class="muted">{t("login-tagline")}</p>
                    </div>
                    <Show when=move || unreachable.get()>
                        <p class="notice offline-notice" data-testid="offline-notice">
                            {t("login-offline")}
                        </p>
                    </Show>
                    <label>
                        {t("login-username")}
                        <input
                            name="username"
                            autocomplete="username"
                            required
                            prop:value=username
                            on:input=move |ev| username.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        {t("login-password")}
                        <input
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            prop:value=password
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </label>
                    {move || {
                        code.get()
                            .is_some()
                            .then(|| {
                                view! {
                                    <label>
                                        {t("login-code")}
                                        <input
                                            name="code"
                                            data-testid="login-code"
                                            inputmode="numeric"
                                            autocomplete="one-time-code"
                                            maxlength="8"
                                            required
                                            autofocus
                                            on:input=move |ev| code.set(Some(event_target_value(&ev)))
                                        />
                                    </label>
                                }
                            })
                    }}
                    {move || {
                        error
                            .get()
                            .map(|message| {
                                view! {
                                    <p class="form-error" data-testid="login-error" role="alert">
                                        {message}
                                    </p>
                                }
                            })
                    }}
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || if pending.get() { t("login-signing-in") } else { t("login-submit") }}
                    </button>
                    <LanguagePicker />
                </form>
            </div>
        </Show>
    }
}
