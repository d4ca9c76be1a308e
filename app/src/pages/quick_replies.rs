//! `/quick-replies`: the team's saved answers, kept by supervisors and admins. Agents use
//! them from the composer with `/`.

use crate::api::admin;
use crate::components::{Outcome, OutcomeLine, RequireSession, TopBar};
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    Role,
    quick_reply::{MAX_BODY_CHARS, QuickReply, QuickReplyError, VARIABLES},
};

/// What a variable stands for, in the member's language.
fn meaning(variable: &str) -> String {
    match variable {
        "{{name}}" => t("quick-replies-variable-name"),
        "{{first_name}}" => t("quick-replies-variable-first-name"),
        "{{agent}}" => t("quick-replies-variable-agent"),
        // A variable added to the domain before its sentence: its English meaning.
        other => VARIABLES
            .iter()
            .find(|(name, _)| *name == other)
            .map(|(_, meaning)| (*meaning).to_owned())
            .unwrap_or_default(),
    }
}

/// The domain's refusal in the member's language (the relay answers the same in theirs).
fn refusal_text(refusal: &QuickReplyError) -> String {
    match refusal {
        QuickReplyError::BadShortcut => t("quick-replies-bad-shortcut"),
        QuickReplyError::EmptyBody => t("quick-replies-empty-body"),
        QuickReplyError::BodyTooLong => t_with(
            "quick-replies-body-too-long",
            &[("max", format::number(MAX_BODY_CHARS as f64).into())],
        ),
        QuickReplyError::UnknownVariable(variable) => t_with(
            "quick-replies-unknown-variable",
            &[("variable", variable.as_str().into())],
        ),
    }
}

#[component]
pub fn QuickRepliesPage() -> impl IntoView {
    let replica = use_replica();
    let outcome: Outcome = RwSignal::new(None);
    let shortcut = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The domain's check first: the same sentence the relay would answer, at once.
        let reply = match QuickReply::new(&shortcut.get_untracked(), &body.get_untracked()) {
            Ok(reply) => reply,
            Err(refusal) => {
                outcome.set(Some(Err(refusal_text(&refusal))));
                return;
            }
        };
        spawn_local(async move {
            match admin::save_quick_reply(&reply.shortcut, &reply.body).await {
                Ok(()) => {
                    outcome.set(Some(Ok(t_with(
                        "quick-replies-saved",
                        &[("shortcut", reply.shortcut.as_str().into())],
                    ))));
                    shortcut.set(String::new());
                    body.set(String::new());
                }
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        });
    };
    let replies = move || {
        replica
            .state()
            .with(|s| s.quick_replies.values().cloned().collect::<Vec<_>>())
    };
    let variables = || {
        VARIABLES
            .iter()
            .map(|(name, _)| view! { <li><code>{*name}</code>" — "{meaning(name)}</li> })
            .collect_view()
    };
    view! {
        <RequireSession role=Role::Supervisor>
            <div class="app">
                <TopBar />
                <main class="page quick-replies-page">
                    <h1>{t("quick-replies-title")}</h1>
                    <p class="muted">
                        {t("quick-replies-help")}
                    </p>
                    <ul class="muted">{variables()}</ul>
                    <form class="stack" on:submit=save>
                        <label>
                            {t("quick-replies-shortcut")}
                            <input
                                name="shortcut"
                                data-testid="quick-reply-shortcut"
                                placeholder=t("quick-replies-shortcut-example")
                                prop:value=shortcut
                                on:input=move |ev| shortcut.set(event_target_value(&ev))
                            />
                        </label>
                        <label>
                            {t("quick-replies-text")}
                            <textarea
                                name="body"
                                data-testid="quick-reply-body"
                                rows="3"
                                placeholder=t("quick-replies-text-example")
                                prop:value=body
                                on:input=move |ev| body.set(event_target_value(&ev))
                            ></textarea>
                        </label>
                        <button type="submit" class="button primary" data-testid="quick-reply-save">
                            {t("quick-replies-save")}
                        </button>
                    </form>
                    <OutcomeLine outcome=outcome />
                    <ul class="list" data-testid="quick-reply-list">
                        <For each=replies key=|r| (r.shortcut.clone(), r.body.clone()) let:reply>
                            {
                                let edit = reply.clone();
                                let shortcut_of = reply.shortcut.clone();
                                view! {
                                    <li class="quick-reply-row" data-testid="quick-reply-row">
                                        <strong>{format!("/{}", reply.shortcut)}</strong>
                                        <span class="grow">{reply.body}</span>
                                        <button
                                            class="button small"
                                            on:click=move |_| {
                                                shortcut.set(edit.shortcut.clone());
                                                body.set(edit.body.clone());
                                            }
                                        >
                                            {t("quick-replies-edit")}
                                        </button>
                                        <button
                                            class="button small danger"
                                            on:click=move |_| {
                                                let shortcut = shortcut_of.clone();
                                                spawn_local(async move {
                                                    outcome.set(Some(
                                                        admin::delete_quick_reply(&shortcut)
                                                            .await
                                                            .map(|()| {
                                                                t_with(
                                                                    "quick-replies-deleted",
                                                                    &[("shortcut", shortcut.as_str().into())],
                                                                )
                                                            })
                                                            .map_err(|e| e.to_string()),
                                                    ));
                                                });
                                            }
                                        >
                                            {t("quick-replies-delete")}
                                        </button>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </main>
            </div>
        </RequireSession>
    }
}
