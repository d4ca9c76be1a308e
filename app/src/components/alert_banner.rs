//! What needs an admin: lines Meta refused (e.g. an expired token) and signed webhooks the
//! relay could not read (kept whole for inspection).

use crate::i18n::t_with;
use crate::state::use_replica;
use leptos::prelude::*;

#[component]
pub fn AlertBanner() -> impl IntoView {
    let replica = use_replica();
    let lines = LocalResource::new(crate::api::list_lines);
    let name_of = move |line: &switchboard_domain::LineId| {
        lines
            .get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|l| &l.id == line).map(|l| l.name))
            .unwrap_or_else(|| line.to_string())
    };
    let alerts = move || {
        replica.state().with(|s| {
            // Only token errors raise an alert; the stored message is the English of this.
            let mut lines: Vec<String> = s
                .alerts
                .iter()
                .map(|(line, alert)| {
                    t_with(
                        "inbox-line-alert-token",
                        &[
                            ("line", name_of(line).into()),
                            ("code", alert.code.unwrap_or_default().to_string().into()),
                        ],
                    )
                })
                .collect();
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
