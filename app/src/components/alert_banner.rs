//! What needs an admin: lines Meta refused (e.g. an expired token) and signed webhooks the
//! relay could not read (kept whole for inspection).

use crate::i18n::t_with;
use crate::state::use_replica;
use leptos::prelude::*;

#[component]
pub fn AlertBanner() -> impl IntoView {
    let replica = use_replica();
    let alerts = move || {
        replica.state().with(|s| {
            let mut lines: Vec<String> = s.alerts.values().map(|a| a.message.clone()).collect();
            if s.unreadable_webhooks > 0 {
                lines.push(t_with(
                    "inbox-unreadable-webhooks",
                    &[("count", s.unreadable_webhooks.into())],
                ));
            }
            lines
        })
    };
    view! {
        <Show when=move || !alerts().is_empty()>
            <div class="alert-banner" role="alert" data-testid="alerts">
                <For each=alerts key=|line| line.clone() let:line>
                    <p>{line}</p>
                </For>
            </div>
        </Show>
    }
}
