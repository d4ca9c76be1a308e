use crate::state::use_replica;
use leptos::prelude::*;

/// Online / Offline / Connecting…, with a stable `data-state` for tests.
#[component]
pub fn ConnectionBadge() -> impl IntoView {
    let connection = use_replica().connection();
    view! {
        <span
            class=move || format!("connection {}", connection.get().as_str())
            data-testid="connection"
            data-state=move || connection.get().as_str()
            title="Link to the relay"
        >
            <span class="dot"></span>
            {move || connection.get().label()}
        </span>
    }
}
