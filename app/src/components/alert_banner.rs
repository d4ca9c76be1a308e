//! What needs an admin: lines Meta refused (e.g. an expired token), what Meta reports about a
//! line's account or number when sending is at risk (a ban, a restriction, a flagged number),
//! and signed webhooks the relay could not read (kept whole for inspection).

use crate::i18n::t_with;
use crate::state::use_replica;
use leptos::prelude::*;
use switchboard_domain::line_health::Severity;

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
            // The newest account and quality report of each line, while it still asks for
            // something; good news replaces a warning and then shows nothing.
            for (line, reports) in &s.line_reports {
                for (report, _) in [&reports.account, &reports.quality].into_iter().flatten() {
                    if report.severity() >= Severity::Warning {
                        let sentence =
                            t_with(report.message_key(), &[("line", name_of(line).into())]);
                        let detail = t_with(
                            "line-report-meta-says",
                            &[("detail", report.detail().into())],
                        );
                        lines.push(format!("{sentence} {detail}"));
                    }
                }
            }
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
