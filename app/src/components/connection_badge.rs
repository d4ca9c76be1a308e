use crate::i18n::t;
use crate::state::{Connection, use_replica};
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
            title=t("inbox-connection")
        >
            <span class="dot"></span>
            {move || label(connection.get())}
        </span>
    }
}

/// What the badge says, in the member's language.
fn label(connection: Connection) -> String {
    match connection {
        Connection::Connecting => t("inbox-connection-connecting"),
        Connection::Online => t("inbox-connection-online"),
        Connection::Offline => t("inbox-connection-offline"),
    }
}
