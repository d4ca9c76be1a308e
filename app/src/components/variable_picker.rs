//! The variables of the shared vocabulary, each by its name in the member's language: a
//! click puts `{{contact.first_name}}` (or another) where the cursor is, so nobody has to
//! know how a variable is spelled.

use crate::i18n::t;
use leptos::{html, prelude::*};
use switchboard_domain::variables::PICKER;

#[component]
pub fn VariablePicker(
    /// The field the variable goes into.
    target: NodeRef<html::Textarea>,
    /// The field's text, updated with the variable inserted.
    value: RwSignal<String>,
) -> impl IntoView {
    let insert = move |token: String| {
        let text = value.get_untracked();
        let (start, end) = target
            .get_untracked()
            .map(|area| {
                let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
                let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
                (start, end)
            })
            .unwrap_or((text.encode_utf16().count(), text.encode_utf16().count()));
        // The browser counts the cursor in UTF-16 units.
        let units: Vec<u16> = text.encode_utf16().collect();
        let (start, end) = (start.min(units.len()), end.min(units.len()).max(start));
        let mut joined = String::from_utf16_lossy(&units[..start]);
        joined.push_str(&token);
        joined.push_str(&String::from_utf16_lossy(&units[end..]));
        value.set(joined);
        if let Some(area) = target.get_untracked() {
            let cursor = (start + token.encode_utf16().count()) as u32;
            area.set_value(&value.get_untracked());
            let _ = area.focus();
            let _ = area.set_selection_range(cursor, cursor);
        }
    };
    view! {
        <div class="variable-picker" role="group" aria-label=t("variable-picker") data-testid="variable-picker">
            <span class="muted">{t("variable-picker")}</span>
            {PICKER
                .into_iter()
                .map(|variable| {
                    let token = variable.token();
                    let title = token.clone();
                    view! {
                        <button
                            type="button"
                            class="chip"
                            title=title
                            data-variable=token.clone()
                            on:click=move |_| insert(token.clone())
                        >
                            {t(variable.label_key())}
                        </button>
                    }
                })
                .collect_view()}
            <p class="muted small">{t("variable-picker-help")}</p>
        </div>
    }
}
