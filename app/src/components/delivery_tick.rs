use leptos::prelude::*;
use switchboard_domain::{DeliveryStatus, SendFailure};

/// The status of an outbound message as WhatsApp users know it.
#[component]
pub fn DeliveryTick(status: DeliveryStatus, failure: Option<SendFailure>) -> impl IntoView {
    let (mark, class, title) = match status {
        DeliveryStatus::Queued => ("🕓", "tick queued", "Waiting to be sent".to_owned()),
        DeliveryStatus::Accepted | DeliveryStatus::Sent => ("✓", "tick sent", "Sent".to_owned()),
        DeliveryStatus::Delivered => ("✓✓", "tick delivered", "Delivered".to_owned()),
        DeliveryStatus::Read => ("✓✓", "tick read", "Read".to_owned()),
        DeliveryStatus::Played => ("✓✓", "tick read", "Played".to_owned()),
        DeliveryStatus::Failed => (
            "⚠",
            "tick failed",
            failure.map_or_else(|| "Not sent".to_owned(), |f| f.advice),
        ),
    };
    let label = title.clone();
    view! {
        <span class=class title=title aria-label=label>
            {mark}
        </span>
    }
}
