//! `/quick-replies`: the team's saved answers, kept by supervisors and admins. Agents use
//! them from the composer with `/`.

use crate::api::admin;
use crate::components::{Outcome, OutcomeLine, RequireSession, TopBar};
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    Role,
    quick_reply::{QuickReply, VARIABLES},
};

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
                outcome.set(Some(Err(refusal.to_string())));
                return;
            }
        };
        spawn_local(async move {
            match admin::save_quick_reply(&reply.shortcut, &reply.body).await {
                Ok(()) => {
                    outcome.set(Some(Ok(format!("Saved /{}.", reply.shortcut))));
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
            .map(|(name, meaning)| view! { <li><code>{*name}</code>" — "{*meaning}</li> })
            .collect_view()
    };
    view! {
        <RequireSession role=Role::Supervisor>
            <div class="app">
                <TopBar />
                <main class="page quick-replies-page">
                    <h1>"Quick replies"</h1>
                    <p class="muted">
                        "Agents type / in the composer to pick one; the text goes into the composer, where it can be changed before sending. These variables are filled in:"
                    </p>
                    <ul class="muted">{variables()}</ul>
                    <form class="stack" on:submit=save>
                        <label>
                            "Shortcut"
                            <input
                                name="shortcut"
                                data-testid="quick-reply-shortcut"
                                placeholder="horario"
                                prop:value=shortcut
                                on:input=move |ev| shortcut.set(event_target_value(&ev))
                            />
                        </label>
                        <label>
                            "Text"
                            <textarea
                                name="body"
                                data-testid="quick-reply-body"
                                rows="3"
                                placeholder="Hola {{first_name}}, abrimos de lunes a viernes de 9 a 18h."
                                prop:value=body
                                on:input=move |ev| body.set(event_target_value(&ev))
                            ></textarea>
                        </label>
                        <button type="submit" class="button primary" data-testid="quick-reply-save">
                            "Save quick reply"
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
                                            "Edit"
                                        </button>
                                        <button
                                            class="button small danger"
                                            on:click=move |_| {
                                                let shortcut = shortcut_of.clone();
                                                spawn_local(async move {
                                                    outcome.set(Some(
                                                        admin::delete_quick_reply(&shortcut)
                                                            .await
                                                            .map(|()| format!("Deleted /{shortcut}."))
                                                            .map_err(|e| e.to_string()),
                                                    ));
                                                });
                                            }
                                        >
                                            "Delete"
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
