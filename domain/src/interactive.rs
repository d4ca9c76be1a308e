//! Interactive messages an agent (or a flow) sends: up to three reply buttons, or a list.
//! The limits are Meta's; a message over them is refused before it is queued.

use serde::{Deserialize, Serialize};

pub const MAX_BUTTONS: usize = 3;
pub const MAX_BUTTON_TITLE: usize = 20;
pub const MAX_ROWS: usize = 10;
pub const MAX_ROW_TITLE: usize = 24;
pub const MAX_ROW_DESCRIPTION: usize = 72;
pub const MAX_BODY: usize = 1024;
pub const MAX_HEADER_FOOTER: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractiveMessage {
    #[serde(default)]
    pub header: Option<String>,
    pub body: String,
    #[serde(default)]
    pub footer: Option<String>,
    pub action: InteractiveAction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InteractiveAction {
    Buttons {
        buttons: Vec<Choice>,
    },
    List {
        button: String,
        sections: Vec<Section>,
    },
}

/// A button or a list row: the `id` comes back in the customer's reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    #[serde(default)]
    pub title: Option<String>,
    pub rows: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InteractiveError {
    EmptyBody,
    BodyTooLong,
    HeaderOrFooterTooLong,
    ButtonCount,
    RowCount,
    TitleTooLong(String),
    EmptyChoice,
    DuplicateId(String),
}

impl InteractiveError {
    /// The sentence for a person, in `locale`.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::text_with;
        let max = |key: &str, max: usize| text_with(locale, key, &[("max", max.into())]);
        match self {
            Self::EmptyBody => text_with(locale, "error-interactive-empty", &[]),
            Self::BodyTooLong => max("error-interactive-too-long", MAX_BODY),
            Self::HeaderOrFooterTooLong => max("error-interactive-header", MAX_HEADER_FOOTER),
            Self::ButtonCount => max("error-interactive-buttons", MAX_BUTTONS),
            Self::RowCount => max("error-interactive-rows", MAX_ROWS),
            Self::TitleTooLong(title) => text_with(
                locale,
                "error-interactive-title",
                &[
                    ("title", title.into()),
                    ("button", MAX_BUTTON_TITLE.into()),
                    ("row", MAX_ROW_TITLE.into()),
                    ("description", MAX_ROW_DESCRIPTION.into()),
                ],
            ),
            Self::EmptyChoice => text_with(locale, "error-interactive-choice", &[]),
            Self::DuplicateId(id) => {
                text_with(locale, "error-interactive-duplicate", &[("id", id.into())])
            }
        }
    }
}

crate::english_display!(InteractiveError);

fn too_long(text: &str, limit: usize) -> bool {
    text.chars().count() > limit
}

impl InteractiveMessage {
    pub fn validate(&self) -> Result<(), InteractiveError> {
        if self.body.trim().is_empty() {
            return Err(InteractiveError::EmptyBody);
        }
        if too_long(&self.body, MAX_BODY) {
            return Err(InteractiveError::BodyTooLong);
        }
        if [&self.header, &self.footer]
            .into_iter()
            .flatten()
            .any(|t| too_long(t, MAX_HEADER_FOOTER))
        {
            return Err(InteractiveError::HeaderOrFooterTooLong);
        }
        let (choices, title_limit): (Vec<&Choice>, usize) = match &self.action {
            InteractiveAction::Buttons { buttons } => {
                if buttons.is_empty() || buttons.len() > MAX_BUTTONS {
                    return Err(InteractiveError::ButtonCount);
                }
                (buttons.iter().collect(), MAX_BUTTON_TITLE)
            }
            InteractiveAction::List { button, sections } => {
                let rows: Vec<&Choice> = sections.iter().flat_map(|s| &s.rows).collect();
                if rows.is_empty() || rows.len() > MAX_ROWS {
                    return Err(InteractiveError::RowCount);
                }
                if button.trim().is_empty() {
                    return Err(InteractiveError::EmptyChoice);
                }
                let titles = std::iter::once(button.as_str())
                    .chain(sections.iter().filter_map(|s| s.title.as_deref()));
                if let Some(long) = titles.into_iter().find(|t| too_long(t, MAX_ROW_TITLE)) {
                    return Err(InteractiveError::TitleTooLong(long.to_owned()));
                }
                (rows, MAX_ROW_TITLE)
            }
        };
        let mut ids: Vec<&str> = Vec::new();
        for choice in choices {
            if choice.id.trim().is_empty() || choice.title.trim().is_empty() {
                return Err(InteractiveError::EmptyChoice);
            }
            if too_long(&choice.title, title_limit) {
                return Err(InteractiveError::TitleTooLong(choice.title.clone()));
            }
            if let Some(description) = choice
                .description
                .as_deref()
                .filter(|d| too_long(d, MAX_ROW_DESCRIPTION))
            {
                return Err(InteractiveError::TitleTooLong(description.to_owned()));
            }
            if ids.contains(&choice.id.as_str()) {
                return Err(InteractiveError::DuplicateId(choice.id.clone()));
            }
            ids.push(&choice.id);
        }
        Ok(())
    }

    /// A one-line summary for the chat list.
    pub fn preview(&self) -> String {
        self.body.lines().next().unwrap_or_default().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn choice(id: &str, title: &str) -> Choice {
        Choice {
            id: id.into(),
            title: title.into(),
            description: None,
        }
    }

    fn buttons(titles: &[&str]) -> InteractiveMessage {
        InteractiveMessage {
            header: None,
            body: "¿Cómo te ayudamos?".into(),
            footer: None,
            action: InteractiveAction::Buttons {
                buttons: titles
                    .iter()
                    .enumerate()
                    .map(|(i, t)| choice(&format!("b{i}"), t))
                    .collect(),
            },
        }
    }

    #[rstest]
    #[case(&["Ventas"], true)]
    #[case(&["Ventas", "Soporte", "Facturación"], true)]
    #[case(&["a", "b", "c", "d"], false)]
    #[case(&[], false)]
    #[case(&["Exactamente veinte!!"], true)]
    #[case(&["Veintiún caracteres!!"], false)]
    fn reply_buttons_follow_meta_limits(#[case] titles: &[&str], #[case] ok: bool) {
        assert_eq!(buttons(titles).validate().is_ok(), ok, "{titles:?}");
    }

    #[test]
    fn list_limits_and_unique_ids() {
        let list = |rows: usize| InteractiveMessage {
            header: None,
            body: "Elige".into(),
            footer: None,
            action: InteractiveAction::List {
                button: "Ver opciones".into(),
                sections: vec![Section {
                    title: Some("Todo".into()),
                    rows: (0..rows)
                        .map(|i| choice(&i.to_string(), "Opción"))
                        .collect(),
                }],
            },
        };
        assert!(list(10).validate().is_ok());
        assert_eq!(list(11).validate(), Err(InteractiveError::RowCount));
        let mut duplicate = buttons(&["Uno", "Dos"]);
        if let InteractiveAction::Buttons { buttons } = &mut duplicate.action {
            buttons[1].id = "b0".into();
        }
        assert_eq!(
            duplicate.validate(),
            Err(InteractiveError::DuplicateId("b0".into()))
        );
    }
}
