//! Message templates: what Meta approved, and how an agent's values fill their placeholders.
//!
//! Definitions arrive from `GET /{waba}/message_templates` (components in upper case,
//! `{{1}}` or `{{name}}` placeholders). Rendering checks every placeholder has a value Meta
//! accepts and builds both the send request's `components` and the text the customer will see.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Meta's limit on one parameter value.
pub const MAX_PARAM_CHARS: usize = 1024;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub language: String,
    /// APPROVED, PENDING, REJECTED, PAUSED, DISABLED …
    pub status: String,
    /// MARKETING, UTILITY or AUTHENTICATION.
    pub category: String,
    /// The definition's components as Meta sent them.
    pub components: Value,
    /// Why Meta rejected, paused or disabled it (`NONE` or absent when nothing is wrong).
    #[serde(default)]
    pub reason: Option<String>,
    /// Meta's quality rating from customers' reactions: GREEN, YELLOW, RED or UNKNOWN.
    #[serde(default)]
    pub quality: Option<String>,
}

/// Values for a template's placeholders, by placeholder name (`"1"`, `"customer_name"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateValues {
    #[serde(default)]
    pub header: BTreeMap<String, String>,
    #[serde(default)]
    pub body: BTreeMap<String, String>,
    /// Dynamic URL button suffixes, by button index.
    #[serde(default)]
    pub url_buttons: BTreeMap<u8, String>,
    /// A media header: a Meta media id or an https link.
    #[serde(default)]
    pub header_media: Option<String>,
}

/// A template filled in: what to send and what the customer will read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenderedTemplate {
    pub name: String,
    pub language: String,
    /// The send request's `template.components`.
    pub components: Value,
    /// Header, body and footer as the customer sees them.
    pub preview: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TemplateError {
    Unknown { name: String, language: String },
    NotApproved { name: String, status: String },
    Missing { part: String, placeholder: String },
    BadValue { placeholder: String },
    TooLong { placeholder: String },
    MissingMedia,
}

impl TemplateError {
    /// The sentence for a person, in `locale`.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::text_with;
        match self {
            Self::Unknown { name, language } => text_with(
                locale,
                "error-template-unknown",
                &[("name", name.into()), ("language", language.into())],
            ),
            Self::NotApproved { name, status } => text_with(
                locale,
                "error-template-not-approved",
                &[("name", name.into()), ("status", status.into())],
            ),
            Self::Missing { part, placeholder } => text_with(
                locale,
                "error-template-missing",
                &[("part", part.into()), ("placeholder", placeholder.into())],
            ),
            Self::BadValue { placeholder } => text_with(
                locale,
                "error-template-bad-value",
                &[("placeholder", placeholder.into())],
            ),
            Self::TooLong { placeholder } => text_with(
                locale,
                "error-template-too-long",
                &[
                    ("placeholder", placeholder.into()),
                    ("max", MAX_PARAM_CHARS.into()),
                ],
            ),
            Self::MissingMedia => text_with(locale, "error-template-media", &[]),
        }
    }
}

crate::english_display!(TemplateError);

impl Template {
    pub fn is_approved(&self) -> bool {
        self.status.eq_ignore_ascii_case("APPROVED")
    }

    fn component(&self, kind: &str) -> Option<&Value> {
        self.components.as_array()?.iter().find(|c| {
            c.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case(kind))
        })
    }

    fn text_of(&self, kind: &str) -> Option<&str> {
        self.component(kind)?.get("text").and_then(Value::as_str)
    }

    /// Whether placeholders are named (`{{customer_name}}`) rather than positional.
    pub fn named(&self, text: &str) -> bool {
        placeholders(text).iter().any(|p| p.parse::<u32>().is_err())
    }

    /// What a form for this template must ask for.
    pub fn fields(&self) -> TemplateFields {
        let mut fields = TemplateFields::default();
        if let Some(header) = self.component("HEADER") {
            let format = header
                .get("format")
                .and_then(Value::as_str)
                .unwrap_or("TEXT")
                .to_ascii_lowercase();
            if format == "text" {
                fields.header = placeholders(self.text_of("HEADER").unwrap_or_default());
            } else if matches!(format.as_str(), "image" | "video" | "document") {
                fields.header_media = Some(format);
            }
        }
        fields.body = placeholders(self.text_of("BODY").unwrap_or_default());
        let buttons = self
            .component("BUTTONS")
            .and_then(|b| b.get("buttons"))
            .and_then(Value::as_array);
        for (index, button) in buttons.into_iter().flatten().enumerate() {
            let dynamic = button
                .get("url")
                .and_then(Value::as_str)
                .is_some_and(|u| u.contains("{{"));
            if dynamic && let Ok(index) = u8::try_from(index) {
                fields.url_buttons.push(index);
            }
        }
        fields
    }

    /// The labels of the template's buttons, as the customer sees them under the message.
    pub fn button_labels(&self) -> Vec<String> {
        self.component("BUTTONS")
            .and_then(|b| b.get("buttons"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|b| b.get("text").and_then(Value::as_str).map(str::to_owned))
            .collect()
    }

    /// What the customer will read, with the values given so far and the placeholders of
    /// the others left visible: the composer's live preview.
    pub fn draft_preview(&self, values: &TemplateValues) -> String {
        let fill = |text: &str, values: &BTreeMap<String, String>| {
            placeholders(text).iter().fold(text.to_owned(), |text, p| {
                match values.get(p).filter(|v| !v.trim().is_empty()) {
                    Some(value) => text.replace(&format!("{{{{{p}}}}}"), value),
                    None => text,
                }
            })
        };
        let mut parts = Vec::new();
        if let Some(media) = self.fields().header_media {
            parts.push(format!("[{media}]"));
        } else if let Some(header) = self.text_of("HEADER") {
            parts.push(fill(header, &values.header));
        }
        if let Some(body) = self.text_of("BODY") {
            parts.push(fill(body, &values.body));
        }
        if let Some(footer) = self.text_of("FOOTER") {
            parts.push(footer.to_owned());
        }
        parts.join("\n\n")
    }

    /// Fills the template with `values`.
    pub fn render(&self, values: &TemplateValues) -> Result<RenderedTemplate, TemplateError> {
        if !self.is_approved() {
            return Err(TemplateError::NotApproved {
                name: self.name.clone(),
                status: self.status.clone(),
            });
        }
        let mut components = Vec::new();
        let mut preview = Vec::new();
        if let Some(header) = self.component("HEADER") {
            let format = header
                .get("format")
                .and_then(Value::as_str)
                .unwrap_or("TEXT")
                .to_ascii_lowercase();
            if format == "text" {
                let text = header
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let (filled, parameters) = self.fill("header", text, &values.header)?;
                if !parameters.is_empty() {
                    components.push(json!({ "type": "header", "parameters": parameters }));
                }
                preview.push(filled);
            } else if matches!(format.as_str(), "image" | "video" | "document") {
                let media = values
                    .header_media
                    .as_deref()
                    .filter(|m| !m.trim().is_empty())
                    .ok_or(TemplateError::MissingMedia)?;
                let source = if media.starts_with("https://") {
                    json!({ "link": media })
                } else {
                    json!({ "id": media })
                };
                components.push(json!({ "type": "header", "parameters": [{ "type": format, format.clone(): source }] }));
                preview.push(format!("[{format}]"));
            }
        }
        if let Some(body) = self.text_of("BODY") {
            let (filled, parameters) = self.fill("body", body, &values.body)?;
            if !parameters.is_empty() {
                components.push(json!({ "type": "body", "parameters": parameters }));
            }
            preview.push(filled);
        }
        if let Some(footer) = self.text_of("FOOTER") {
            preview.push(footer.to_owned());
        }
        let buttons = self
            .component("BUTTONS")
            .and_then(|b| b.get("buttons"))
            .and_then(Value::as_array);
        for (index, button) in buttons.into_iter().flatten().enumerate() {
            let is_url = button
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("URL"));
            let dynamic = button
                .get("url")
                .and_then(Value::as_str)
                .is_some_and(|u| u.contains("{{"));
            if is_url && dynamic {
                let index = u8::try_from(index).unwrap_or(u8::MAX);
                let suffix = values
                    .url_buttons
                    .get(&index)
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| TemplateError::Missing {
                        part: format!("button {}", index + 1),
                        placeholder: "1".into(),
                    })?;
                components.push(
                    json!({ "type": "button", "sub_type": "url", "index": index.to_string(),
                    "parameters": [{ "type": "text", "text": suffix }] }),
                );
            }
        }
        Ok(RenderedTemplate {
            name: self.name.clone(),
            language: self.language.clone(),
            components: Value::Array(components),
            preview: preview.join("\n\n"),
        })
    }

    /// Replaces the placeholders of `text` with `values`, returning the text and Meta's
    /// `parameters` in order of appearance.
    fn fill(
        &self,
        part: &str,
        text: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<(String, Vec<Value>), TemplateError> {
        let named = self.named(text);
        let mut filled = text.to_owned();
        let mut parameters = Vec::new();
        for placeholder in placeholders(text) {
            let value = values
                .get(&placeholder)
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| TemplateError::Missing {
                    part: part.into(),
                    placeholder: placeholder.clone(),
                })?;
            if value.contains(['\n', '\t']) || value.contains("     ") {
                return Err(TemplateError::BadValue { placeholder });
            }
            if value.chars().count() > MAX_PARAM_CHARS {
                return Err(TemplateError::TooLong { placeholder });
            }
            filled = filled.replace(&format!("{{{{{placeholder}}}}}"), value);
            let mut parameter = json!({ "type": "text", "text": value });
            if named {
                parameter["parameter_name"] = Value::String(placeholder.clone());
            }
            parameters.push(parameter);
        }
        Ok((filled, parameters))
    }
}

/// What a template's form asks for (see [`Template::fields`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateFields {
    /// Placeholders of a text header.
    pub header: Vec<String>,
    pub body: Vec<String>,
    /// Indexes of URL buttons whose address ends with a value.
    pub url_buttons: Vec<u8>,
    /// `image`, `video` or `document` when the header is media.
    pub header_media: Option<String>,
}

/// The placeholders of `text` in order of first appearance: `{{1}}` → `1`, `{{name}}` → `name`.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !found.iter().any(|f| f == name)
        {
            found.push(name.to_owned());
        }
        rest = &after[end + 2..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(components: Value) -> Template {
        Template {
            id: "1".into(),
            name: "pedido_enviado".into(),
            language: "es_MX".into(),
            status: "APPROVED".into(),
            category: "UTILITY".into(),
            components,
            reason: None,
            quality: None,
        }
    }

    fn values(body: &[(&str, &str)]) -> TemplateValues {
        TemplateValues {
            body: body
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ..TemplateValues::default()
        }
    }

    #[test]
    fn positional_placeholders_fill_in_order() {
        let t = template(json!([
            {"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}"},
            {"type": "BODY", "text": "Hola {{1}}, tu pedido {{2}} va en camino."},
            {"type": "FOOTER", "text": "Tienda Sol"}
        ]));
        let mut v = values(&[("1", "Ana"), ("2", "#4312")]);
        v.header.insert("1".into(), "#4312".into());
        let rendered = t.render(&v).expect("renders");
        assert_eq!(
            rendered.preview,
            "Pedido #4312\n\nHola Ana, tu pedido #4312 va en camino.\n\nTienda Sol"
        );
        assert_eq!(
            rendered.components,
            json!([
                {"type": "header", "parameters": [{"type": "text", "text": "#4312"}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "#4312"}]}
            ])
        );
    }

    #[test]
    fn the_form_asks_for_each_value_and_previews_what_is_filled() {
        let t = template(json!([
            {"type": "HEADER", "format": "IMAGE"},
            {"type": "BODY", "text": "Hola {{1}}, tu pedido {{2}} va en camino."},
            {"type": "BUTTONS", "buttons": [
                {"type": "QUICK_REPLY", "text": "Gracias"},
                {"type": "URL", "text": "Seguir", "url": "https://sol.mx/p/{{1}}"}
            ]}
        ]));
        let fields = t.fields();
        assert_eq!(fields.header_media.as_deref(), Some("image"));
        assert_eq!(fields.body, ["1", "2"]);
        assert_eq!(fields.url_buttons, [1]);
        assert_eq!(t.button_labels(), ["Gracias", "Seguir"]);
        assert_eq!(
            t.draft_preview(&values(&[("1", "Ana")])),
            "[image]\n\nHola Ana, tu pedido {{2}} va en camino."
        );
    }

    #[test]
    fn named_placeholders_carry_their_names() {
        let t = template(
            json!([{"type": "BODY", "text": "Olá {{customer_name}}, seu código é {{code}}."}]),
        );
        let rendered = t
            .render(&values(&[("customer_name", "João"), ("code", "A1")]))
            .expect("renders");
        assert_eq!(
            rendered.components[0]["parameters"],
            json!([{"type": "text", "text": "João", "parameter_name": "customer_name"}, {"type": "text", "text": "A1", "parameter_name": "code"}])
        );
    }

    #[test]
    fn missing_bad_and_unapproved_are_refused() {
        let t = template(json!([{"type": "BODY", "text": "Hola {{1}} y {{2}}"}]));
        assert_eq!(
            t.render(&values(&[("1", "Ana")])),
            Err(TemplateError::Missing {
                part: "body".into(),
                placeholder: "2".into()
            })
        );
        assert_eq!(
            t.render(&values(&[("1", "Ana"), ("2", "línea\nnueva")])),
            Err(TemplateError::BadValue {
                placeholder: "2".into()
            })
        );
        let mut paused = t;
        paused.status = "PAUSED".into();
        assert!(matches!(
            paused.render(&values(&[("1", "a"), ("2", "b")])),
            Err(TemplateError::NotApproved { .. })
        ));
    }

    #[test]
    fn media_header_and_url_button_need_their_values() {
        let t = template(json!([
            {"type": "HEADER", "format": "IMAGE"},
            {"type": "BODY", "text": "Mira la promo"},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "No me interesa"}, {"type": "URL", "text": "Ver", "url": "https://tienda.example/p/{{1}}"}]}
        ]));
        assert_eq!(
            t.render(&TemplateValues::default()),
            Err(TemplateError::MissingMedia)
        );
        let mut v = TemplateValues {
            header_media: Some("https://cdn.example/promo.jpg".into()),
            ..TemplateValues::default()
        };
        assert!(matches!(t.render(&v), Err(TemplateError::Missing { .. })));
        v.url_buttons.insert(1, "nov-50".into());
        let rendered = t.render(&v).expect("renders");
        assert_eq!(
            rendered.components[0],
            json!({"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example/promo.jpg"}}]})
        );
        assert_eq!(
            rendered.components[1],
            json!({"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "nov-50"}]})
        );
    }

    #[test]
    fn placeholders_are_found_once_in_order() {
        assert_eq!(
            placeholders("{{2}} {{1}} {{2}} {{ name }} {{bad-name}} {{"),
            vec!["2", "1", "name"]
        );
    }
}
