//! A button that shows and hides a panel it names (`aria-controls`), saying which state it is
//! in (`aria-expanded`): the phone's ☰ menu and a chat's ⋮ tools.

use leptos::prelude::*;

#[component]
pub fn DisclosureButton(
    /// Whether the panel is shown; the button flips it.
    open: RwSignal<bool>,
    /// The `id` of the panel.
    controls: &'static str,
    /// What the button is called (its only content is a symbol).
    label: String,
    class: &'static str,
    testid: &'static str,
    /// The symbol drawn.
    symbol: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            data-testid=testid
            aria-label=label.clone()
            title=label
            aria-controls=controls
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|open| *open = !*open)
        >
            {symbol}
        </button>
    }
}
