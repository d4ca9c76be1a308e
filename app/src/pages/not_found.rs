use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="center-page">
            <div class="card">
                <h1>{t("not-found-title")}</h1>
                <p>{t("not-found-body")}</p>
                <a class="button" href="/">{t("not-found-open-inbox")}</a>
            </div>
        </div>
    }
}
