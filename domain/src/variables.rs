//! The one vocabulary of `{{…}}` variables: quick replies use it now, and templates,
//! automatic messages and flows will use the same names. A variable is written in English
//! (`{{contact.first_name}}`) whatever the member's language, and the picker shows each by
//! its catalogue label, so nobody has to guess `{{nome}}`.
//!
//! The names from before the vocabulary (`{{name}}`, `{{first_name}}`, `{{agent}}`) keep
//! working: they mean `contact.name`, `contact.first_name` and `agent.name`.

use std::borrow::Cow;

/// The longest property name after `contact.`.
pub const MAX_PROPERTY_CHARS: usize = 32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Variable {
    /// The contact's name as WhatsApp shows it.
    ContactName,
    /// The first word of that name.
    ContactFirstName,
    /// The contact's WhatsApp number, with `+`.
    ContactPhone,
    /// A property kept on the contact (`contact.city`); empty while it has none.
    ContactProperty(String),
    /// The member writing.
    AgentName,
    /// The first word of the member's name.
    AgentFirstName,
}

/// The variables the picker offers, in its order (contact properties are offered by name
/// once contacts have them).
pub const PICKER: [Variable; 5] = [
    Variable::ContactName,
    Variable::ContactFirstName,
    Variable::ContactPhone,
    Variable::AgentName,
    Variable::AgentFirstName,
];

impl Variable {
    /// What goes between `{{` and `}}` (legacy names and spaces inside the braces are
    /// accepted: `{{ name }}`).
    pub fn parse(inner: &str) -> Option<Self> {
        let inner = inner.trim();
        Some(match inner {
            "contact.name" | "name" => Self::ContactName,
            "contact.first_name" | "first_name" => Self::ContactFirstName,
            "contact.phone" => Self::ContactPhone,
            "agent.name" | "agent" => Self::AgentName,
            "agent.first_name" => Self::AgentFirstName,
            _ => {
                let property = inner.strip_prefix("contact.")?;
                let valid = (1..=MAX_PROPERTY_CHARS).contains(&property.chars().count())
                    && property
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && property.starts_with(|c: char| c.is_ascii_lowercase());
                if !valid {
                    return None;
                }
                Self::ContactProperty(property.to_owned())
            }
        })
    }

    /// How the variable is written in a text: `{{contact.first_name}}`.
    pub fn token(&self) -> String {
        let inner: Cow<'_, str> = match self {
            Self::ContactName => "contact.name".into(),
            Self::ContactFirstName => "contact.first_name".into(),
            Self::ContactPhone => "contact.phone".into(),
            Self::ContactProperty(name) => format!("contact.{name}").into(),
            Self::AgentName => "agent.name".into(),
            Self::AgentFirstName => "agent.first_name".into(),
        };
        format!("{{{{{inner}}}}}")
    }

    /// The catalogue key of its label in the picker (`variables.ftl`).
    pub fn label_key(&self) -> &'static str {
        match self {
            Self::ContactName => "variable-contact-name",
            Self::ContactFirstName => "variable-contact-first-name",
            Self::ContactPhone => "variable-contact-phone",
            Self::ContactProperty(_) => "variable-contact-property",
            Self::AgentName => "variable-agent-name",
            Self::AgentFirstName => "variable-agent-first-name",
        }
    }
}

/// What the variables stand for in one chat.
#[derive(Clone, Copy, Debug, Default)]
pub struct Values<'a> {
    pub contact_name: Option<&'a str>,
    pub contact_phone: Option<&'a str>,
    pub agent_name: &'a str,
}

impl Values<'_> {
    /// The text for `variable`; empty when there is nothing to stand for.
    pub fn get(&self, variable: &Variable) -> String {
        let first_word = |s: &str| s.split_whitespace().next().unwrap_or_default().to_owned();
        let contact = self.contact_name.map(str::trim).unwrap_or_default();
        match variable {
            Variable::ContactName => contact.to_owned(),
            Variable::ContactFirstName => first_word(contact),
            Variable::ContactPhone => self
                .contact_phone
                .map(|p| format!("+{}", p.trim_start_matches('+')))
                .unwrap_or_default(),
            // Contacts have no properties yet: the variable is known, its value empty.
            Variable::ContactProperty(_) => String::new(),
            Variable::AgentName => self.agent_name.trim().to_owned(),
            Variable::AgentFirstName => first_word(self.agent_name),
        }
    }
}

/// Every `{{…}}` in `text`, braces included, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        found.push(&rest[start..start + len + 2]);
        rest = &rest[start + len + 2..];
    }
    found
}

/// The first `{{…}}` in `text` that is not a variable of the vocabulary.
pub fn first_unknown(text: &str) -> Option<&str> {
    placeholders(text)
        .into_iter()
        .find(|p| Variable::parse(&p[2..p.len() - 2]).is_none())
}

/// `text` with every variable filled in; what is not a variable stays as written.
pub fn fill(text: &str, values: &Values<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let token = &rest[start..start + len + 2];
        match Variable::parse(&token[2..token.len() - 2]) {
            Some(variable) => out.push_str(&values.get(&variable)),
            None => out.push_str(token),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALUES: Values<'static> = Values {
        contact_name: Some("María José Pérez"),
        contact_phone: Some("5511987654321"),
        agent_name: "Ana Lima",
    };

    #[test]
    fn new_names_and_old_names_mean_the_same() {
        let new = fill(
            "Hola {{contact.first_name}}! Soy {{agent.name}}. ¿{{contact.name}}, cierto?",
            &VALUES,
        );
        let old = fill(
            "Hola {{first_name}}! Soy {{agent}}. ¿{{ name }}, cierto?",
            &VALUES,
        );
        assert_eq!(new, "Hola María! Soy Ana Lima. ¿María José Pérez, cierto?");
        assert_eq!(old, new);
    }

    #[test]
    fn phone_agent_first_name_and_properties() {
        assert_eq!(
            fill("{{contact.phone}} · {{agent.first_name}}", &VALUES),
            "+5511987654321 · Ana"
        );
        assert_eq!(fill("[{{contact.city}}]", &VALUES), "[]");
        assert_eq!(
            Variable::parse("contact.city"),
            Some(Variable::ContactProperty("city".into()))
        );
    }

    #[test]
    fn unknown_variables_are_found_and_left_as_written() {
        assert_eq!(
            first_unknown("Olá {{nome}}, {{contact.name}}"),
            Some("{{nome}}")
        );
        assert_eq!(first_unknown("{{contact.Name}}"), Some("{{contact.Name}}"));
        assert_eq!(first_unknown("{{contact.}}"), Some("{{contact.}}"));
        assert_eq!(first_unknown("{{agent.name}} {{contact.plan_2}}"), None);
        assert_eq!(fill("{{nome}} {{", &VALUES), "{{nome}} {{");
    }

    #[test]
    fn every_picker_variable_reads_back_and_has_a_label() {
        for variable in PICKER {
            let token = variable.token();
            assert_eq!(
                Variable::parse(&token[2..token.len() - 2]),
                Some(variable.clone())
            );
            assert!(
                crate::i18n::has(variable.label_key()),
                "{}",
                variable.label_key()
            );
        }
        assert!(crate::i18n::has(
            Variable::ContactProperty("city".into()).label_key()
        ));
    }

    #[test]
    fn a_contact_without_a_name_leaves_the_variable_empty() {
        let nameless = Values {
            contact_name: None,
            contact_phone: None,
            agent_name: "Ana",
        };
        assert_eq!(
            fill("Hola {{first_name}}!{{contact.phone}}", &nameless),
            "Hola !"
        );
    }
}
