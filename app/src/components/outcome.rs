//! The line under a form that says how its last submission went.

use leptos::prelude::*;

/// Nothing yet, a success sentence, or an error sentence.
pub type Outcome = RwSignal<Option<Result<String, String>>>;

#[component]
pub fn OutcomeLine(outcome: Outcome) -> impl IntoView {
    move || {
        outcome.get().map(|result| match result {
            Ok(message) => view! { <p class="notice success" role="status" data-testid="outcome-ok">{message}</p> }.into_any(),
            Err(message) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
        })
    }
}
