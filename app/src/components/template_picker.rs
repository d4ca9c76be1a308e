//! When the 24-hour window is closed, the only way to write is an approved template of the
//! chat's line: pick one, fill a field per variable, see what the customer will read.

use crate::api;
use crate::i18n::{t, t_with};
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    ChatId, Command, SendTemplate,
    template::{Template, TemplateValues},
};

/// Which value a form field fills.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Field {
    Header(String),
    Body(String),
    Button(u8),
    Media(String),
}

impl Field {
    fn label(&self) -> String {
        match self {
            Self::Header(p) => t_with(
                "chat-template-header-field",
                &[("placeholder", format!("{{{{{p}}}}}").into())],
            ),
            Self::Body(p) => format!("{{{{{p}}}}}"),
            Self::Button(i) => t_with(
                "chat-template-button-field",
                &[("number", (u32::from(*i) + 1).into())],
            ),
            Self::Media(kind) => t_with("chat-template-media-field", &[("kind", kind.into())]),
        }
    }

    fn set(&self, values: &mut TemplateValues, value: String) {
        match self {
            Self::Header(p) => {
                values.header.insert(p.clone(), value);
            }
            Self::Body(p) => {
                values.body.insert(p.clone(), value);
            }
            Self::Button(i) => {
                values.url_buttons.insert(*i, value);
            }
            Self::Media(_) => values.header_media = Some(value),
        }
    }
}

fn fields_of(template: &Template) -> Vec<Field> {
    let fields = template.fields();
    let media = fields.header_media.map(Field::Media);
    media
        .into_iter()
        .chain(fields.header.into_iter().map(Field::Header))
        .chain(fields.body.into_iter().map(Field::Body))
        .chain(fields.url_buttons.into_iter().map(Field::Button))
        .collect()
}

#[component]
pub fn TemplatePicker(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let chat = StoredValue::new(chat);
    // The chat line's templates Meta approved (the ones that can be sent) or not.
    let of_line = move |approved: bool| {
        replica.state().with(|s| {
            let line = chat.with_value(ChatId::line);
            s.templates
                .get(&line)
                .into_iter()
                .flatten()
                .filter(|t| t.is_approved() == approved)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let templates = move || of_line(true);
    // The others, with what Meta says of them, so nobody waits for one that was rejected.
    let unavailable = move || {
        of_line(false)
            .iter()
            .map(unavailable_label)
            .collect::<Vec<_>>()
    };
    let chosen = RwSignal::new(None::<Template>);
    let values = RwSignal::new(TemplateValues::default());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let choose = move |key: String| {
        let found = templates()
            .into_iter()
            .find(|t| format!("{}|{}", t.name, t.language) == key);
        chosen.set(found);
        values.set(TemplateValues::default());
        error.set(None);
    };
    let send = move |_| {
        let Some(template) = chosen.get_untracked() else {
            return;
        };
        let command = Command::SendTemplate(SendTemplate {
            chat: chat.get_value(),
            name: template.name,
            language: template.language,
            values: values.get_untracked(),
        });
        let id = api::new_command_id();
        if let Err(refusal) = replica.decide(&id, &command) {
            error.set(Some(refusal.message(crate::i18n::locale_untracked())));
            return;
        }
        sending.set(true);
        spawn_local(async move {
            match api::send_command(&id, &command).await {
                Ok(_) => {
                    chosen.set(None);
                    values.set(TemplateValues::default());
                    error.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            sending.set(false);
        });
    };
    view! {
        <div class="template-picker" data-testid="template-picker">
            <Show
                when=move || !templates().is_empty()
                fallback=|| view! { <p class="muted">{t("chat-templates-none")}</p> }
            >
                <select data-testid="template-select" on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="">{t("chat-template-choose")}</option>
                    {move || {
                        templates()
                            .into_iter()
                            .map(|template| {
                                let key = format!("{}|{}", template.name, template.language);
                                let category = t_with(
                                    "chat-template-category",
                                    &[("category", template.category.to_lowercase().into())],
                                );
                                let label =
                                    format!("{} · {} · {category}", template.name, template.language);
                                view! { <option value=key>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </Show>
            {move || {
                chosen
                    .get()
                    .map(|template| {
                        let preview_of = template.clone();
                        view! {
                            <div class="template-fields">
                                {fields_of(&template)
                                    .into_iter()
                                    .map(|field| {
                                        let label = field.label();
                                        view! {
                                            <label>
                                                {label}
                                                <input
                                                    data-testid="template-field"
                                                    on:input=move |ev| {
                                                        let value = event_target_value(&ev);
                                                        values.update(|v| field.set(v, value));
                                                    }
                                                />
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                            <div class="template-preview bubble" data-testid="template-preview">
                                {move || values.with(|v| preview_of.draft_preview(v))}
                            </div>
                            <button
                                class="button primary"
                                data-testid="template-send"
                                disabled=move || sending.get()
                                on:click=send
                            >
                                {t("chat-template-send")}
                            </button>
                        }
                    })
            }}
            {move || error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="template-error">{m}</p> })}
            <Show when=move || !unavailable().is_empty()>
                <details class="templates-unavailable" data-testid="templates-unavailable">
                    <summary>{t("chat-templates-unavailable")}</summary>
                    <ul>
                        {move || {
                            unavailable()
                                .into_iter()
                                .map(|label| view! { <li data-testid="template-unavailable">{label}</li> })
                                .collect_view()
                        }}
                    </ul>
                </details>
            </Show>
        </div>
    }
}

/// "promo · es_MX · rejected · reason: INVALID_FORMAT · quality: low".
fn unavailable_label(template: &Template) -> String {
    let status = t_with(
        "chat-template-status",
        &[("status", template.status.to_lowercase().into())],
    );
    let reason = template.reason.as_ref().map(|reason| {
        t_with(
            "chat-template-reason",
            &[("reason", reason.as_str().into())],
        )
    });
    let quality = template.quality.as_ref().map(|q| {
        t_with(
            "chat-template-quality",
            &[("quality", q.to_lowercase().into())],
        )
    });
    [
        Some(template.name.clone()),
        Some(template.language.clone()),
        Some(status),
        reason,
        quality,
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}
