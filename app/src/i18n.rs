//! The member's language: chosen on the account page, saved with their account, and until
//! then the browser's. Every string on screen comes from the domain's catalogues through
//! [`t`] and [`t_with`]; the root re-renders when the language changes, so a switch shows
//! at once everywhere.

use leptos::prelude::*;
use switchboard_domain::i18n::{self, Arg, Locale};

/// Where the last choice is kept, so the sign-in page already speaks it.
const STORAGE_KEY: &str = "switchboard.language";

thread_local! {
    static LOCALE: RwSignal<Locale> = RwSignal::new(initial());
}

/// The language now on screen (tracked: a closure reading it re-runs on a switch).
pub fn locale() -> Locale {
    LOCALE.with(|l| l.get())
}

/// The signal itself, for the root to re-render on.
pub fn locale_signal() -> RwSignal<Locale> {
    LOCALE.with(|l| *l)
}

/// The message `key` in the current language.
pub fn t(key: &str) -> String {
    i18n::text(locale_untracked(), key)
}

/// The message `key` with its `{ $name }`s filled in.
pub fn t_with(key: &str, args: &[(&str, Arg<'_>)]) -> String {
    i18n::text_with(locale_untracked(), key, args)
}

/// The language now on screen, untracked: the root re-renders on a switch, and an effect
/// that only shows text must not run again because of one.
pub fn locale_untracked() -> Locale {
    LOCALE.with(|l| l.get_untracked())
}

/// Shows `locale` at once and keeps it for the next visit (the account page also saves it
/// on the relay, so it follows the member to other devices).
pub fn set_locale(locale: Locale) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(STORAGE_KEY, locale.tag());
    }
    apply_to_document(locale);
    LOCALE.with(|l| {
        if l.get_untracked() != locale {
            l.set(locale);
        }
    });
}

/// Follows the member's saved choice when they sign in (none saved: keep what is shown).
pub fn adopt(saved: Option<Locale>) {
    if let Some(locale) = saved {
        set_locale(locale);
    }
}

/// The last choice in this browser, else the browser's own languages.
fn initial() -> Locale {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Locale::from_tag(&tag));
    let locale = stored.unwrap_or_else(|| {
        let languages: Vec<String> = window()
            .navigator()
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .collect();
        Locale::negotiate(languages.iter().map(String::as_str))
    });
    apply_to_document(locale);
    locale
}

/// `<html lang>`: screen readers, hyphenation and the spell checker follow it.
fn apply_to_document(locale: Locale) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", locale.tag());
    }
}

/// A select of the three languages, each in its own name, switching at once.
#[component]
pub fn LanguagePicker(
    /// Called after the switch, e.g. to save the choice on the relay.
    #[prop(optional, into)]
    on_change: Option<Callback<Locale>>,
) -> impl IntoView {
    let choose = move |ev: leptos::ev::Event| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            set_locale(locale);
            if let Some(on_change) = on_change {
                on_change.run(locale);
            }
        }
    };
    let current = locale();
    view! {
        <label class="language-picker">
            <span>{t("language")}</span>
            <select data-testid="language" on:change=choose>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() selected=l == current lang=l.tag()>
                                {l.name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
