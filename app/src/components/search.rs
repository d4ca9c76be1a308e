//! Instant local search over the replica: contacts and messages, with the matched words
//! highlighted; a result opens its chat at that message.

use super::chat_list::chat_href;
use crate::i18n::t;
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use switchboard_domain::search::Hit;

const LIMIT: usize = 50;
/// Characters of context shown before the first match of a long message.
const CONTEXT: usize = 40;

/// The search field; `query` is shared with the chat list, which shows results while it is
/// not empty.
#[component]
pub fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="search-box">
            <input
                id="search"
                type="search"
                data-testid="search"
                placeholder=t("inbox-search")
                aria-label=t("inbox-search")
                prop:value=query
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        query.set(String::new());
                    }
                }
            />
        </div>
    }
}

#[component]
pub fn SearchResults(query: RwSignal<String>) -> impl IntoView {
    let replica = use_replica();
    let hits = Memo::new(move |_| {
        let viewer = replica.session().with(Session::viewer);
        query.with(|q| replica.state().with(|s| s.search(&viewer, q, LIMIT)))
    });
    let title = move |hit: &Hit| {
        replica.state().with(|s| {
            s.chat(&hit.chat)
                .map(super::chat_list::chat_title)
                .unwrap_or_default()
        })
    };
    view! {
        <nav class="search-results" data-testid="search-results" aria-label=t("inbox-search-results")>
            <Show when=move || hits.with(Vec::is_empty)>
                <p class="empty-list">{t("inbox-search-nothing")}</p>
            </Show>
            <For
                each=move || hits.get()
                // The ranges too: the same message found by a longer query shows new marks.
                key=|hit| (hit.chat.clone(), hit.message, hit.ranges.clone())
                children=move |hit| {
                    let href = match hit.message {
                        Some(index) => format!("{}?m={index}", chat_href(&hit.chat)),
                        None => chat_href(&hit.chat),
                    };
                    let name = title(&hit);
                    let kind = if hit.message.is_some() { "message" } else { "contact" };
                    view! {
                        <a class="search-hit" href=href data-testid="search-hit" data-kind=kind>
                            <span class="chat-title">{name}</span>
                            <span class="snippet">{highlighted(&hit)}</span>
                        </a>
                    }
                }
            />
        </nav>
    }
}

/// The hit's text around its first match, with every match in `<mark>`.
fn highlighted(hit: &Hit) -> impl IntoView + use<> {
    let text = &hit.text;
    let first = hit.ranges.first().map_or(0, |r| r.0);
    // Start a little before the first match, on a char boundary.
    let start = text[..first]
        .char_indices()
        .rev()
        .nth(CONTEXT)
        .map_or(0, |(at, _)| at);
    let mut pieces = Vec::new();
    if start > 0 {
        pieces.push(view! { <span>"…"</span> }.into_any());
    }
    let mut at = start;
    for &(from, to) in &hit.ranges {
        if from < at {
            continue;
        }
        pieces.push(view! { <span>{text[at..from].to_owned()}</span> }.into_any());
        pieces.push(view! { <mark>{text[from..to].to_owned()}</mark> }.into_any());
        at = to;
    }
    pieces.push(view! { <span>{text[at..].to_owned()}</span> }.into_any());
    pieces
}
