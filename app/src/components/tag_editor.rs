//! A chat's tags: coloured chips to remove, and a field to add one (an existing tag, or a
//! new one created on the spot with its colour).

use crate::api;
use crate::i18n::t;
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{ChatId, Command, command::TagChat};

#[component]
pub fn TagEditor(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let chat = StoredValue::new(chat);
    let typed = RwSignal::new(String::new());
    let colour = RwSignal::new(String::from("#1f7a8c"));
    let error = RwSignal::new(None::<String>);
    let tags = move || {
        replica.state().with(|s| {
            chat.with_value(|id| {
                s.chat(id)
                    .map(|c| {
                        c.tags
                            .iter()
                            .map(|t| (t.clone(), s.tags.get(t).cloned().unwrap_or_default()))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let known = move || {
        replica
            .state()
            .with(|s| s.tags.keys().cloned().collect::<Vec<_>>())
    };
    let run = move |command: Command| {
        spawn_local(async move {
            match api::send_command(&api::new_command_id(), &command).await {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tag = typed.get_untracked();
        if tag.trim().is_empty() {
            return;
        }
        typed.set(String::new());
        run(Command::Tag(TagChat {
            chat: chat.get_value(),
            tag,
            colour: Some(colour.get_untracked()),
        }));
    };
    view! {
        <div class="tags" data-testid="tags">
            <For each=tags key=|tag| tag.clone() let:tag>
                {
                    let (name, colour) = tag;
                    let (remove, label) = (name.clone(), name.clone());
                    view! {
                        <span class="tag" style=format!("background:{colour}") data-testid="tag" data-tag=name>
                            {label}
                            <button
                                class="tag-remove"
                                title=t("chat-tag-remove")
                                aria-label=t("chat-tag-remove")
                                on:click=move |_| {
                                    run(Command::Untag(TagChat {
                                        chat: chat.get_value(),
                                        tag: remove.clone(),
                                        colour: None,
                                    }))
                                }
                            >
                                "×"
                            </button>
                        </span>
                    }
                }
            </For>
            <form class="tag-add" on:submit=add>
                <input
                    data-testid="tag-input"
                    list="known-tags"
                    placeholder=t("chat-tag-add")
                    aria-label=t("chat-tag-add")
                    maxlength="32"
                    prop:value=typed
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <datalist id="known-tags">
                    {move || known().into_iter().map(|t| view! { <option value=t></option> }).collect_view()}
                </datalist>
                <input
                    type="color"
                    title=t("chat-tag-colour")
                    aria-label=t("chat-tag-colour")
                    prop:value=colour
                    on:input=move |ev| colour.set(event_target_value(&ev))
                />
            </form>
            {move || error.get().map(|m| view! { <span class="form-error" role="alert">{m}</span> })}
        </div>
    }
}
