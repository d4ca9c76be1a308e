//! `/account`: the member's own password, two-factor set-up, and logging out everywhere.

use crate::api::account::{self, Enrolment};
use crate::api::{get_session, save_language};
use crate::components::{
    Outcome, OutcomeLine, Preferences, RequireSession, TopBar, ask_permission,
};
use crate::i18n::{LanguagePicker, t};
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <RequireSession enrolment=true>
            <div class="app">
                <TopBar />
                <main class="page">
                    <h1>{t("account-title")}</h1>
                    <Language />
                    <PasswordChange />
                    <TwoFactor />
                    <Alerts />
                    <Everywhere />
                </main>
            </div>
        </RequireSession>
    }
}

/// The member's language: shown at once, and saved with the account so their other devices
/// and the relay's messages follow it.
#[component]
fn Language() -> impl IntoView {
    let replica = use_replica();
    let outcome: Outcome = RwSignal::new(None);
    let save = Callback::new(move |language| {
        spawn_local(async move {
            match save_language(language).await {
                Ok(()) => {
                    if let Ok(agent) = get_session().await {
                        replica.signed_in_again(agent);
                    }
                }
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    });
    view! {
        <section class="card" data-testid="language-settings">
            <h2>{t("account-language")}</h2>
            <p class="muted">{t("account-language-help")}</p>
            <LanguagePicker on_change=save />
            <OutcomeLine outcome />
        </section>
    }
}

#[component]
fn TwoFactor() -> impl IntoView {
    let replica = use_replica();
    let agent = move || match replica.session().get() {
        Session::SignedIn(agent) => Some(agent),
        _ => None,
    };
    let enabled = move || agent().is_some_and(|a| a.totp_enabled);
    let must = move || agent().is_some_and(|a| a.must_enrol_totp);
    let enrolment = RwSignal::new(None::<Enrolment>);
    let code = RwSignal::new(String::new());
    let outcome: Outcome = RwSignal::new(None);
    let refresh = move || {
        spawn_local(async move {
            if let Ok(agent) = get_session().await {
                replica.signed_in_again(agent);
            }
        })
    };
    let begin = move |_| {
        spawn_local(async move {
            match account::begin_totp().await {
                Ok(started) => enrolment.set(Some(started)),
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked();
        spawn_local(async move {
            match account::confirm_totp(&typed).await {
                Ok(()) => {
                    enrolment.set(None);
                    code.set(String::new());
                    outcome.set(Some(Ok(t("account-two-factor-turned-on"))));
                    refresh();
                }
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    let disable = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked();
        spawn_local(async move {
            match account::disable_totp(&typed).await {
                Ok(()) => {
                    code.set(String::new());
                    outcome.set(Some(Ok(t("account-two-factor-turned-off"))));
                    refresh();
                }
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    let code_input = move || {
        view! {
            <label>
                {t("account-code")}
                <input
                    name="totp-code"
                    data-testid="totp-code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="8"
                    required
                    prop:value=code
                    on:input=move |ev| code.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <section class="card" data-testid="two-factor">
            <h2>{t("account-two-factor")}</h2>
            <Show when=must>
                <p class="notice" data-testid="must-enrol">
                    {t("account-two-factor-required")}
                </p>
            </Show>
            {move || {
                if enabled() {
                    view! {
                        <p>{t("account-two-factor-on")}</p>
                        <form class="inline-form" on:submit=disable>
                            {code_input()}
                            <button type="submit" class="button">{t("account-two-factor-turn-off")}</button>
                        </form>
                    }
                    .into_any()
                } else {
                    match enrolment.get() {
                        None => view! {
                            <p class="muted">
                                {t("account-two-factor-off")}
                            </p>
                            <button class="button primary" data-testid="totp-begin" on:click=begin>
                                {t("account-two-factor-set-up")}
                            </button>
                        }
                        .into_any(),
                        Some(started) => view! {
                            <p>{t("account-two-factor-scan")}</p>
                            <div class="qr" data-testid="totp-qr" inner_html=started.qr_svg></div>
                            <p class="muted">
                                {t("account-two-factor-key")}
                                " "
                                <code data-testid="totp-secret">{started.secret}</code>
                            </p>
                            <form class="inline-form" on:submit=confirm>
                                {code_input()}
                                <button type="submit" class="button primary" data-testid="totp-confirm">
                                    {t("account-two-factor-turn-on")}
                                </button>
                            </form>
                        }
                        .into_any(),
                    }
                }
            }}
            <OutcomeLine outcome=outcome />
        </section>
    }
}

#[component]
fn PasswordChange() -> impl IntoView {
    let replica = use_replica();
    let must = move || match replica.session().get() {
        Session::SignedIn(agent) => agent.must_change_password,
        _ => false,
    };
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let outcome: Outcome = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (old, fresh) = (current.get_untracked(), new.get_untracked());
        spawn_local(async move {
            match account::change_password(&old, &fresh).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    outcome.set(Some(Ok(t("account-password-changed"))));
                    if let Ok(agent) = get_session().await {
                        replica.signed_in_again(agent);
                    }
                }
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    view! {
        <section class="card" data-testid="password-change">
            <h2>
                {move || if must() { t("account-password-choose") } else { t("account-password") }}
            </h2>
            <Show when=must>
                <p class="notice" data-testid="must-change-password">
                    {t("account-password-must-change")}
                </p>
            </Show>
            <form class="stack-form" on:submit=submit>
                <label>
                    {t("account-current-password")}
                    <input
                        type="password"
                        name="current-password"
                        data-testid="current-password"
                        autocomplete="current-password"
                        required
                        prop:value=current
                        on:input=move |ev| current.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    {t("account-new-password")}
                    <input
                        type="password"
                        name="new-password"
                        data-testid="new-password"
                        autocomplete="new-password"
                        minlength="10"
                        required
                        prop:value=new
                        on:input=move |ev| new.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="button" data-testid="change-password">
                    {t("account-change-password")}
                </button>
            </form>
            <OutcomeLine outcome=outcome />
        </section>
    }
}

#[component]
fn Everywhere() -> impl IntoView {
    let replica = use_replica();
    let outcome: Outcome = RwSignal::new(None);
    let everywhere = move |_| {
        spawn_local(async move {
            match account::logout_everywhere().await {
                Ok(()) => replica.logout().await,
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    view! {
        <section class="card">
            <h2>{t("account-devices")}</h2>
            <p class="muted">
                {t("account-devices-help")}
            </p>
            <button class="button danger" data-testid="logout-everywhere" on:click=everywhere>
                {t("account-log-out-everywhere")}
            </button>
            <OutcomeLine outcome=outcome />
        </section>
    }
}

#[component]
fn Alerts() -> impl IntoView {
    let replica = use_replica();
    let member = move || match replica.session().get_untracked() {
        Session::SignedIn(agent) => agent.username.to_string(),
        _ => String::new(),
    };
    let preferences = RwSignal::new(Preferences::load(&member()));
    let save = move |change: Preferences| {
        preferences.set(change);
        change.save(&member());
    };
    view! {
        <section class="card" data-testid="alerts-settings">
            <h2>{t("account-alerts")}</h2>
            <p class="muted">
                {t("account-alerts-help")}
            </p>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="notify-browser"
                    prop:checked=move || preferences.get().notifications
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        if on {
                            ask_permission();
                        }
                        save(Preferences { notifications: on, ..preferences.get_untracked() });
                    }
                />
                {t("account-alerts-notification")}
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="notify-sound"
                    prop:checked=move || preferences.get().sound
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        save(Preferences { sound: on, ..preferences.get_untracked() });
                    }
                />
                {t("account-alerts-sound")}
            </label>
        </section>
    }
}
