//! `/link/:token`: an invite or password-reset link. The member chooses a password and is
//! signed in.

use crate::api::account;
use crate::format;
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{hooks::use_navigate, hooks::use_params_map};

#[component]
pub fn LinkPage() -> impl IntoView {
    let replica = use_replica();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let info = LocalResource::new(move || {
        let token = token();
        async move { account::link(&token).await }
    });
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let navigate = StoredValue::new_local(use_navigate());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if password.get_untracked() != repeat.get_untracked() {
            error.set(Some(
                "The two passwords differ: type the same one twice.".into(),
            ));
            return;
        }
        pending.set(true);
        error.set(None);
        let (token, password, typed) = (token(), password.get_untracked(), code.get_untracked());
        spawn_local(async move {
            let code = Some(typed.as_str()).filter(|c| !c.trim().is_empty());
            match account::accept_link(&token, &password, code).await {
                Ok(agent) => {
                    replica.signed_in(agent);
                    navigate.with_value(|navigate| navigate("/", Default::default()));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            pending.set(false);
        });
    };
    view! {
        <div class="center-page login-page">
            <Suspense fallback=|| view! { <p class="muted">"Checking the link…"</p> }>
                {move || {
                    info.get()
                        .map(|result| match result {
                            Err(error) => view! {
                                <div class="card login-card">
                                    <h1>"This link does not work"</h1>
                                    <p class="form-error" role="alert" data-testid="link-error">{error.to_string()}</p>
                                    <a class="button" href="/login">"Go to sign in"</a>
                                </div>
                            }
                            .into_any(),
                            Ok(info) => {
                                let title = if info.kind == "reset" {
                                    "Choose a new password"
                                } else {
                                    "Welcome to Switchboard"
                                };
                                view! {
                                    <form class="card login-card" on:submit=submit data-testid="link-form">
                                        <h1>{title}</h1>
                                        <p class="muted">
                                            {format!("{} — sign in as ", info.name)}
                                            <strong>{info.username.clone()}</strong>
                                            {format!(". This link works until {}.", format::date_time(info.expires_at))}
                                        </p>
                                        <label>
                                            "New password (at least 10 characters)"
                                            <input
                                                type="password"
                                                name="new-password"
                                                autocomplete="new-password"
                                                minlength="10"
                                                required
                                                on:input=move |ev| password.set(event_target_value(&ev))
                                            />
                                        </label>
                                        <label>
                                            "The same password again"
                                            <input
                                                type="password"
                                                name="repeat-password"
                                                autocomplete="new-password"
                                                required
                                                on:input=move |ev| repeat.set(event_target_value(&ev))
                                            />
                                        </label>
                                        <Show when=move || info.totp_enabled>
                                            <label>
                                                "6-digit code from your authenticator app"
                                                <input
                                                    name="totp-code"
                                                    data-testid="link-totp-code"
                                                    inputmode="numeric"
                                                    autocomplete="one-time-code"
                                                    maxlength="8"
                                                    required
                                                    on:input=move |ev| code.set(event_target_value(&ev))
                                                />
                                            </label>
                                        </Show>
                                        {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                                        <button type="submit" class="button primary" disabled=move || pending.get()>
                                            "Set password and sign in"
                                        </button>
                                    </form>
                                }
                                .into_any()
                            }
                        })
                }}
            </Suspense>
        </div>
    }
}
