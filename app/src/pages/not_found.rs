use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="center-page">
            <div class="card">
                <h1>"Page not found"</h1>
                <p>"This address does not exist in Switchboard."</p>
                <a class="button" href="/">"Open the inbox"</a>
            </div>
        </div>
    }
}
