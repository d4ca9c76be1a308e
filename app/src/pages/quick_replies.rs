//! `/quick-replies`: the team's saved answers, kept by supervisors and admins. Agents use
//! them from the composer with `/`.

use crate::api::admin;
use crate::components::{Outcome, OutcomeLine, RequireSession, TopBar, VariablePicker};
use crate::i18n::{t, t_with};
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    Command, Role,
    quick_reply::tidy_shortcut,
    workspace::{QuickReplyOnly, SaveQuickReply},
};

#[component]
pub fn QuickRepliesPage() -> impl IntoView {
    let replica = use_replica();
    let outcome: Outcome = RwSignal::new(None);
    let shortcut = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (typed, text) = (shortcut.get_untracked(), body.get_untracked());
        // The shortcut as it is kept, for the confirmation.
        let kept = tidy_shortcut(&typed);
        let command = Command::SaveQuickReply(SaveQuickReply {
            shortcut: typed,
            body: text,
        });
        spawn_local(async move {
            match admin::change(replica, command).await {
                Ok(()) => {
                    outcome.set(Some(Ok(t_with(
                        "quick-replies-saved",
                        &[("shortcut", kept.as_str().into())],
                    ))));
                    shortcut.set(String::new());
                    body.set(String::new());
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    };
    let replies = move || {
        replica
            .state()
            .with(|s| s.quick_replies.values().cloned().collect::<Vec<_>>())
    };
    let body_field = NodeRef::<leptos::html::Textarea>::new();
    view! {
        <RequireSession role=Role::Supervisor>
            <div class="app">
                <TopBar />
                <main class="page quick-replies-page">
                    <h1>{t("quick-replies-title")}</h1>
                    <p class="muted">
                        {t("quick-replies-help")}
                    </p>
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
                                node_ref=body_field
                                placeholder=t("quick-replies-text-example")
                                prop:value=body
                                on:input=move |ev| body.set(event_target_value(&ev))
                            ></textarea>
                        </label>
                        <VariablePicker target=body_field value=body />
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
                                                let command = Command::DeleteQuickReply(QuickReplyOnly {
                                                    shortcut: shortcut.clone(),
                                                });
                                                spawn_local(async move {
                                                    outcome.set(Some(
                                                        admin::change(replica, command)
                                                            .await
                                                            .map(|()| {
                                                                t_with(
                                                                    "quick-replies-deleted",
                                                                    &[("shortcut", shortcut.as_str().into())],
                                                                )
                                                            }),
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
