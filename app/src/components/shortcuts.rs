//! Keyboard shortcuts for the inbox; `?` lists them. Each one presses the same control a
//! mouse would, so a shortcut never does something the screen cannot.

use super::chat_list::chat_href;
use crate::i18n::{t, t_with};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};
use switchboard_domain::ChatId;
use wasm_bindgen::JsCast;

/// Keys (one, or two that do the same), what they do.
fn shortcuts() -> [(&'static str, Option<&'static str>, String); 7] {
    [
        ("j", Some("Alt+↓"), t("inbox-shortcut-next")),
        ("k", Some("Alt+↑"), t("inbox-shortcut-previous")),
        ("a", None, t("inbox-shortcut-assign")),
        ("e", None, t("inbox-shortcut-resolve")),
        ("r", None, t("inbox-shortcut-write")),
        ("/", None, t("inbox-shortcut-search")),
        ("?", None, t("inbox-shortcut-help")),
    ]
}

/// The keys as the help shows them: `j  or  Alt+↓` in the member's language.
fn keys_label(first: &str, second: Option<&str>) -> String {
    match second {
        Some(second) => t_with(
            "inbox-shortcut-either",
            &[("first", first.into()), ("second", second.into())],
        ),
        None => first.to_owned(),
    }
}

fn element(css: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(css)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The chats in the order the list shows them (all of them, not only the rows drawn),
/// published by the chat list for the shortcuts.
#[derive(Clone, Copy)]
pub struct ListedChats(pub RwSignal<Vec<ChatId>>);

/// The chat `step` places away from `selected` in `listed` (the first one when none is open).
fn neighbour(listed: &[ChatId], selected: Option<&ChatId>, step: i32) -> Option<ChatId> {
    let last = i32::try_from(listed.len()).ok()? - 1;
    let next = match selected.and_then(|s| listed.iter().position(|c| c == s)) {
        Some(at) => (i32::try_from(at).ok()? + step).clamp(0, last),
        None => 0,
    };
    listed.get(usize::try_from(next).ok()?).cloned()
}

/// Whether the key is meant for a field being typed in.
fn typing(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

#[component]
pub fn Shortcuts(#[prop(into)] selected: Signal<Option<ChatId>>) -> impl IntoView {
    let help = RwSignal::new(false);
    let listed = use_context::<ListedChats>();
    let navigate = use_navigate();
    let move_selection = move |step: i32| {
        let Some(ListedChats(listed)) = listed else {
            return;
        };
        let next = listed.with_untracked(|l| neighbour(l, selected.get_untracked().as_ref(), step));
        if let Some(chat) = next {
            navigate(&chat_href(&chat), NavigateOptions::default());
        }
    };
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.alt_key() && event.key() == "ArrowDown" {
            event.prevent_default();
            move_selection(1);
            return;
        }
        if event.alt_key() && event.key() == "ArrowUp" {
            event.prevent_default();
            move_selection(-1);
            return;
        }
        if event.key() == "Escape" {
            help.set(false);
        }
        if typing(&event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let press = |css: &str| {
            if let Some(control) = element(css) {
                control.click();
            }
        };
        let focus = |css: &str| {
            if let Some(field) = element(css) {
                let _ = field.focus();
            }
        };
        let handled = match event.key().as_str() {
            "j" => {
                move_selection(1);
                true
            }
            "k" => {
                move_selection(-1);
                true
            }
            "a" => {
                press("[data-testid=assign-to-me]");
                true
            }
            "e" => {
                press("[data-testid=resolve]");
                true
            }
            "r" => {
                focus("[data-testid=composer]");
                true
            }
            "/" => {
                focus("[data-testid=search]");
                true
            }
            "?" => {
                help.update(|open| *open = !*open);
                true
            }
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <Show when=move || help.get()>
            <div class="overlay" on:click=move |_| help.set(false)>
                <div class="card shortcuts" data-testid="shortcuts" role="dialog" aria-label=t("inbox-shortcuts")>
                    <h2>{t("inbox-shortcuts")}</h2>
                    <table class="table">
                        <tbody>
                            {shortcuts()
                                .map(|(first, second, what)| {
                                    view! {
                                        <tr>
                                            <td><kbd>{keys_label(first, second)}</kbd></td>
                                            <td>{what}</td>
                                        </tr>
                                    }
                                })}
                        </tbody>
                    </table>
                    <p class="muted">{t("inbox-shortcuts-close")}</p>
                </div>
            </div>
        </Show>
    }
}
