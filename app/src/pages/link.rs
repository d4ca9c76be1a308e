//! `/link/:token`: an invite or password-reset link. The member chooses a password and is
//! signed in.

use crate::api::account;
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{hooks::use_navigate, hooks::use_params_map};
use switchboard_domain::wire::LinkKind;

/// Stands for the username in `link-intro` until it is split out to be shown in bold.
const USERNAME_MARK: &str = "\u{1}";

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
            error.set(Some(t("link-passwords-differ")));
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
            <Suspense fallback=|| view! { <p class="muted">{t("link-checking")}</p> }>
                {move || {
                    info.get()
                        .map(|result| match result {
                            Err(error) => view! {
                                <div class="card login-card">
                                    <h1>{t("link-broken")}</h1>
                                    <p class="form-error" role="alert" data-testid="link-error">{error.to_string()}</p>
                                    <a class="button" href="/login">{t("link-go-to-sign-in")}</a>
                                </div>
                            }
                            .into_any(),
                            Ok(info) => {
                                let title = if info.kind == LinkKind::Reset {
                                    t("link-reset-title")
                                } else {
                                    t("link-invite-title")
                                };
                                // The username is bold inside the sentence: the catalogue
                                // gives the sentence around a marker, split here.
                                let intro = t_with(
                                    "link-intro",
                                    &[
                                        ("name", info.name.as_str().into()),
                                        ("username", USERNAME_MARK.into()),
                                        ("until", format::date_time(info.expires_at).into()),
                                    ],
                                );
                                let (before, after) = intro
                                    .split_once(USERNAME_MARK)
                                    .map(|(b, a)| (b.to_owned(), a.to_owned()))
                                    .unwrap_or_else(|| (intro.clone(), String::new()));
                                view! {
                                    <form class="card login-card" on:submit=submit data-testid="link-form">
                                        <h1>{title}</h1>
                                        <p class="muted">
                                            {before}
                                            <strong>{info.username.to_string()}</strong>
                                            {after}
                                        </p>
                                        <label>
                                            {t("link-new-password")}
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
                                            {t("link-repeat-password")}
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
                                                {t("link-totp-code")}
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
                                            {t("link-submit")}
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
