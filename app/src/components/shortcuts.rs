//! Keyboard shortcuts for the inbox; `?` lists them. Each one presses the same control a
//! mouse would, so a shortcut never does something the screen cannot.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Key, what it does.
const SHORTCUTS: [(&str, &str); 7] = [
    ("j  or  Alt+↓", "Next chat"),
    ("k  or  Alt+↑", "Previous chat"),
    ("a", "Assign the open chat to me"),
    ("e", "Resolve or reopen the open chat"),
    ("r", "Write in the open chat"),
    ("/", "Search"),
    ("?", "Show or hide these shortcuts"),
];

fn element(css: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(css)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Opens the chat `step` rows away from the selected one in the list as shown.
fn move_selection(step: i32) {
    let Ok(items) = document().query_selector_all("[data-testid=chat-item]") else {
        return;
    };
    let rows: Vec<web_sys::HtmlElement> = (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    if rows.is_empty() {
        return;
    }
    let current = rows
        .iter()
        .position(|r| r.class_list().contains("selected"));
    let next = match current {
        Some(at) => (at as i32 + step).clamp(0, rows.len() as i32 - 1) as usize,
        None => 0,
    };
    rows[next].click();
}

/// Whether the key is meant for a field being typed in.
fn typing(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

#[component]
pub fn Shortcuts() -> impl IntoView {
    let help = RwSignal::new(false);
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
                <div class="card shortcuts" data-testid="shortcuts" role="dialog" aria-label="Keyboard shortcuts">
                    <h2>"Keyboard shortcuts"</h2>
                    <table class="table">
                        <tbody>
                            {SHORTCUTS
                                .map(|(keys, what)| view! { <tr><td><kbd>{keys}</kbd></td><td>{what}</td></tr> })}
                        </tbody>
                    </table>
                    <p class="muted">"Esc closes this."</p>
                </div>
            </div>
        </Show>
    }
}
