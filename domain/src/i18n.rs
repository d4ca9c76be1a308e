//! The product's languages: English, Spanish and Brazilian Portuguese, as Fluent catalogues
//! in `domain/locales/<language>/<area>.ftl`. The app shows every string through [`text`],
//! and the relay writes its sentences for people (error messages) with the same catalogues,
//! so both sides say the same thing in the member's language.
//!
//! A key missing in one language falls back to English; the test
//! `every_language_has_every_key` makes that a failure before it ships.

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use std::{borrow::Cow, sync::LazyLock};

/// A language the product speaks.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Es, Locale::PtBr];

    /// The BCP 47 tag: what `lang=` and `Intl` take.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
            Self::PtBr => "pt-BR",
        }
    }

    /// The language's own name, as the picker shows it whatever the current language.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Es => "Español",
            Self::PtBr => "Português (Brasil)",
        }
    }

    /// The language a tag such as `pt-PT`, `es-419` or `en-GB` is closest to: by its
    /// primary subtag, so every Spanish and Portuguese variant gets ours.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "es" => Some(Self::Es),
            "pt" => Some(Self::PtBr),
            _ => None,
        }
    }

    /// The first language of a preference list we speak (the browser's
    /// `navigator.languages`), English when none is.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Self {
        preferred
            .into_iter()
            .find_map(Self::from_tag)
            .unwrap_or_default()
    }

    /// The language an HTTP `Accept-Language` header asks for: the highest `q` we speak.
    pub fn from_accept_language(header: &str) -> Self {
        let mut ranked: Vec<(f32, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, order, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Self::negotiate(ranked.into_iter().map(|(_, _, tag)| tag))
    }

    fn index(self) -> usize {
        match self {
            Self::En => 0,
            Self::Es => 1,
            Self::PtBr => 2,
        }
    }
}

/// One catalogue file in every language, in [`Locale::ALL`]'s order.
struct Area {
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "the tests name the area in their findings")
    )]
    name: &'static str,
    sources: [&'static str; 3],
}

macro_rules! areas {
    ($($name:literal),* $(,)?) => {
        &[$(Area {
            name: $name,
            sources: [
                include_str!(concat!("../locales/en/", $name, ".ftl")),
                include_str!(concat!("../locales/es/", $name, ".ftl")),
                include_str!(concat!("../locales/pt-BR/", $name, ".ftl")),
            ],
        }),*]
    };
}

/// Every catalogue, by the part of the product it speaks for.
const AREAS: &[Area] = areas![
    "common",
    "login",
    "inbox",
    "chat",
    "admin",
    "account",
    "quick-replies",
    "simulator",
    "variables",
    "errors",
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 3]> = LazyLock::new(|| Locale::ALL.map(bundle));

fn bundle(locale: Locale) -> Bundle {
    let tag = locale
        .tag()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Bidi isolation marks around every value would end up in input fields and copies.
    bundle.set_use_isolating(false);
    for area in AREAS {
        // A syntax error keeps the entries that parsed; the tests fail on any.
        let resource = match FluentResource::try_new(area.sources[locale.index()].to_owned()) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        let _overridden = bundle.add_resource(resource);
    }
    bundle
}

/// A value for a `{ $name }` in a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Self::Text(Cow::Borrowed(value))
    }
}

impl From<String> for Arg<'_> {
    fn from(value: String) -> Self {
        Self::Text(Cow::Owned(value))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(value: &'a String) -> Self {
        Self::Text(Cow::Borrowed(value.as_str()))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(value: $t) -> Self {
                Self::Number(value as f64)
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize, f64);

/// The message `key` in `locale`, without arguments.
pub fn text(locale: Locale, key: &str) -> String {
    text_with(locale, key, &[])
}

/// The message `key` in `locale` with its `{ $name }`s filled in. A key no catalogue has
/// comes back as itself, so a slip shows on screen instead of an empty space.
pub fn text_with(locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    format(locale, key, args)
        .or_else(|| format(Locale::En, key, args))
        .unwrap_or_else(|| key.to_owned())
}

/// Whether `key` is in the catalogues (English is the reference).
pub fn has(key: &str) -> bool {
    BUNDLES[Locale::En.index()].has_message(message_id(key))
}

/// Every message key of the catalogues (English is the reference), for checks that look
/// for untranslated text on screen.
pub fn keys() -> Vec<&'static str> {
    AREAS
        .iter()
        .flat_map(|area| area.sources[Locale::En.index()].lines())
        .filter_map(|line| {
            let (key, _) = line.split_once(" =")?;
            let is_key = key.starts_with(|c: char| c.is_ascii_lowercase())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            is_key.then_some(key)
        })
        .collect()
}

/// `key` is `message` or `message.attribute`.
fn message_id(key: &str) -> &str {
    key.split_once('.').map_or(key, |(id, _)| id)
}

fn format(locale: Locale, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let bundle = &BUNDLES[locale.index()];
    let (id, attribute) = match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    };
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::from(text.as_ref()),
            Arg::Number(number) => FluentValue::from(*number),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

/// A size for a sentence: `16 MB`, `500 KB`, `12 B` (whole units, as limits are written).
pub fn bytes(n: u64) -> String {
    const KB: u64 = 1024;
    if n >= KB * KB {
        format!("{} MB", (n as f64 / (KB * KB) as f64 * 10.0).round() / 10.0)
    } else if n >= KB {
        format!("{} KB", n.div_ceil(KB))
    } else {
        format!("{n} B")
    }
}

/// `Display` (and `Error`) for a type with `fn message(&self, Locale) -> String`: English, from
/// the same catalogue people read, so logs and tests see the sentence the app shows.
#[macro_export]
macro_rules! english_display {
    ($($t:ty),* $(,)?) => {$(
        impl ::core::fmt::Display for $t {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.message($crate::i18n::Locale::En))
            }
        }
        impl ::std::error::Error for $t {}
    )*};
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;
    use std::collections::BTreeSet;

    /// The ids (`message` and `message.attribute`) and, for each, the variables it uses.
    fn entries(source: &str) -> Vec<(String, BTreeSet<String>)> {
        use fluent_syntax::ast;
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("syntax errors: {errors:?}"),
        };
        let mut out = Vec::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let id = message.id.name.to_owned();
                if let Some(value) = &message.value {
                    out.push((id.clone(), variables(value)));
                }
                for attribute in &message.attributes {
                    out.push((
                        format!("{id}.{}", attribute.id.name),
                        variables(&attribute.value),
                    ));
                }
            }
        }
        out
    }

    fn variables(pattern: &fluent_syntax::ast::Pattern<&str>) -> BTreeSet<String> {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        fn inline(expression: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match expression {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_owned());
                }
                InlineExpression::FunctionReference { arguments, .. } => {
                    for argument in &arguments.positional {
                        inline(argument, out);
                    }
                }
                InlineExpression::Placeable { expression } => walk(expression, out),
                _ => {}
            }
        }
        fn walk(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
            match expression {
                Expression::Inline(e) => inline(e, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for variant in variants {
                        for element in &variant.value.elements {
                            if let PatternElement::Placeable { expression } = element {
                                walk(expression, out);
                            }
                        }
                    }
                }
            }
        }
        let mut out = BTreeSet::new();
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                walk(expression, &mut out);
            }
        }
        out
    }

    #[test]
    fn every_language_has_every_key() {
        let mut problems = Vec::new();
        for area in AREAS {
            let english = entries(area.sources[0]);
            for locale in [Locale::Es, Locale::PtBr] {
                let other = entries(area.sources[locale.index()]);
                for (id, vars) in &english {
                    match other.iter().find(|(other_id, _)| other_id == id) {
                        None => problems.push(format!(
                            "{}: {id} missing in {}",
                            area.name,
                            locale.tag()
                        )),
                        Some((_, other_vars)) if other_vars != vars => problems.push(format!(
                            "{}: {id} in {} uses {other_vars:?}, English uses {vars:?}",
                            area.name,
                            locale.tag()
                        )),
                        Some(_) => {}
                    }
                }
                for (id, _) in &other {
                    if !english.iter().any(|(english_id, _)| english_id == id) {
                        problems.push(format!(
                            "{}: {id} in {} but not in English",
                            area.name,
                            locale.tag()
                        ));
                    }
                }
            }
        }
        assert!(
            problems.is_empty(),
            "catalogues differ:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn no_key_is_defined_twice() {
        let mut seen = BTreeSet::new();
        let mut twice = Vec::new();
        for area in AREAS {
            for (id, _) in entries(area.sources[0]) {
                if !seen.insert(id.clone()) {
                    twice.push(format!("{id} (again in {})", area.name));
                }
            }
        }
        assert!(twice.is_empty(), "defined twice: {twice:?}");
    }

    /// Every key the app and the relay name in code is in the catalogues.
    #[test]
    fn every_key_the_code_uses_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut missing = Vec::new();
        for folder in ["app/src", "relay/src", "domain/src"] {
            for file in rust_files(&root.join(folder)) {
                let source = std::fs::read_to_string(&file).unwrap_or_default();
                for key in used_keys(&source) {
                    if !has(&key) || text(Locale::En, &key) == key {
                        missing.push(format!("{key} ({})", file.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not in the catalogues:\n{}",
            missing.join("\n")
        );
    }

    fn rust_files(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        let Ok(entries) = std::fs::read_dir(folder) else {
            return files;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }

    /// The string literal after each `t(`, `t_with(` and `text(locale, `: a key is lowercase
    /// words joined by `-`, with an optional `.attribute`.
    fn used_keys(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for marker in [
            "t(\"",
            "t_with(\"",
            "text(locale, \"",
            "text_with(locale, \"",
        ] {
            let mut rest = source;
            while let Some(at) = rest.find(marker) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + marker.len()..];
                // `format!("…")`, `split("…")` and the like end in `t(` too.
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                if let Some(end) = rest.find('"') {
                    let key = &rest[..end];
                    let looks_like_key = !key.is_empty()
                        && key.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                        });
                    if looks_like_key {
                        keys.push(key.to_owned());
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn the_browser_and_accept_language_pick_our_language() {
        assert_eq!(Locale::negotiate(["pt-BR", "en"]), Locale::PtBr);
        assert_eq!(Locale::negotiate(["pt-PT"]), Locale::PtBr);
        assert_eq!(Locale::negotiate(["es-419", "en"]), Locale::Es);
        assert_eq!(Locale::negotiate(["de-DE", "fr"]), Locale::En);
        assert_eq!(Locale::negotiate(["de-DE", "es"]), Locale::Es);
        assert_eq!(
            Locale::from_accept_language("pt-BR,pt;q=0.9,en;q=0.8"),
            Locale::PtBr
        );
        assert_eq!(Locale::from_accept_language("en;q=0.5, es"), Locale::Es);
        assert_eq!(Locale::from_accept_language("fr, es;q=0"), Locale::En);
        assert_eq!(Locale::from_accept_language(""), Locale::En);
    }

    #[test]
    fn messages_fill_their_arguments_and_plurals() {
        assert_eq!(
            text_with(Locale::En, "unread-count", &[("count", 1.into())]),
            "1 unread message"
        );
        assert_eq!(
            text_with(Locale::PtBr, "unread-count", &[("count", 3.into())]),
            "3 mensagens não lidas"
        );
        assert_eq!(text(Locale::Es, "no-such-key"), "no-such-key");
    }
}
