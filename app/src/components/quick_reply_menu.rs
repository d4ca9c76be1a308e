//! The list `/` opens in the composer: the team's saved answers matching what follows the
//! slash, with the contact's and the agent's names filled in when one is chosen.

use crate::state::{Session, use_replica};
use leptos::prelude::*;
use switchboard_domain::{
    ChatId,
    quick_reply::{Fill, QuickReply},
    search,
};

/// A key the composer passes on while the menu is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuKey {
    Up,
    Down,
    Choose,
    Close,
}

#[component]
pub fn QuickReplyMenu(
    chat: ChatId,
    /// The composer's text: `/` and what the member typed after it.
    query: RwSignal<String>,
    key: RwSignal<Option<MenuKey>>,
    /// Called with the filled-in text (empty when the menu is closed without a choice).
    #[prop(into)]
    on_choose: Callback<String>,
) -> impl IntoView {
    let replica = use_replica();
    let matching = Memo::new(move |_| {
        let needle = query.with(|q| search::needle(q.trim_start_matches('/')));
        replica.state().with(|s| {
            s.quick_replies
                .values()
                .filter(|r| r.matches(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let selected = RwSignal::new(0_usize);
    Effect::new(move |_| {
        matching.track();
        selected.set(0);
    });
    let fill = move |reply: &QuickReply| {
        let agent_name = replica.session().with_untracked(|s| match s {
            Session::SignedIn(agent) => agent.name.clone(),
            _ => String::new(),
        });
        replica.state().with_untracked(|s| {
            let contact_name = s.chat(&chat).and_then(|c| c.name.clone());
            reply.fill(&Fill {
                contact_name: contact_name.as_deref(),
                contact_phone: s.chat(&chat).map(|c| c.contact.as_str()),
                agent_name: &agent_name,
            })
        })
    };
    let choose = {
        let fill = fill.clone();
        move |index: usize| {
            if let Some(reply) = matching.with_untracked(|m| m.get(index).cloned()) {
                on_choose.run(fill(&reply));
            }
        }
    };
    {
        let choose = choose.clone();
        Effect::new(move |_| {
            let Some(pressed) = key.get() else { return };
            key.set(None);
            let count = matching.with_untracked(Vec::len);
            match pressed {
                MenuKey::Down if count > 0 => selected.update(|i| *i = (*i + 1) % count),
                MenuKey::Up if count > 0 => selected.update(|i| *i = (*i + count - 1) % count),
                MenuKey::Choose => choose(selected.get_untracked()),
                MenuKey::Close => on_choose.run(String::new()),
                _ => {}
            }
        });
    }
    view! {
        <div class="quick-replies" data-testid="quick-replies" role="listbox">
            // The composer opens the menu only when something matches.
            {move || {
                matching
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, reply)| {
                        let choose = choose.clone();
                        view! {
                            <button
                                class="quick-reply"
                                class:selected=move || selected.get() == index
                                data-testid="quick-reply"
                                role="option"
                                on:mousedown=move |ev| {
                                    // Keep the focus in the composer.
                                    ev.prevent_default();
                                    choose(index);
                                }
                            >
                                <strong>{format!("/{}", reply.shortcut)}</strong>
                                <span class="muted">{reply.body}</span>
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
