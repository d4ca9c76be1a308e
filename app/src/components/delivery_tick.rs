use crate::i18n::t;
use leptos::prelude::*;
use switchboard_domain::{DeliveryStatus, SendFailure};

/// The status of an outbound message as WhatsApp users know it.
#[component]
pub fn DeliveryTick(status: DeliveryStatus, failure: Option<SendFailure>) -> impl IntoView {
    let (mark, class, title) = match status {
        DeliveryStatus::Queued => ("🕓", "tick queued", t("chat-tick-queued")),
        DeliveryStatus::Accepted | DeliveryStatus::Sent => ("✓", "tick sent", t("chat-tick-sent")),
        DeliveryStatus::Delivered => ("✓✓", "tick delivered", t("chat-tick-delivered")),
        DeliveryStatus::Read => ("✓✓", "tick read", t("chat-tick-read")),
        DeliveryStatus::Played => ("✓✓", "tick read", t("chat-tick-played")),
        DeliveryStatus::Unconfirmed => ("⚠", "tick failed", t("chat-tick-unconfirmed")),
        DeliveryStatus::Failed => (
            "⚠",
            "tick failed",
            failure.map_or_else(
                || t("chat-tick-failed"),
                |f| t(switchboard_domain::event::advice_key(f.code)),
            ),
        ),
    };
    let label = title.clone();
    view! {
        <span class=class title=title aria-label=label>
            {mark}
        </span>
    }
}
