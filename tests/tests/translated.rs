//! The app in Spanish and Portuguese: the language is picked on the sign-in page (Spanish)
//! and switched on the account page (Portuguese), and the inbox, a chat, admin, account and
//! quick replies then show no English. Needs Chromium and the built app: `cargo xtask test`.

use std::{collections::BTreeSet, time::Duration};
use switchboard_domain::i18n::{self, Locale};
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, LINE, browser::Browser, graph::FakeGraph, relay::TestRelay,
};

const CUSTOMER: &str = "5511987654321";
const PATIENT: Duration = Duration::from_secs(20);

/// Words that are English and neither Spanish nor Portuguese: one on screen means a string
/// skipped the catalogues.
const ENGLISH: &[&str] = &[
    "the",
    "your",
    "you",
    "and",
    "with",
    "this",
    "that",
    "save",
    "send",
    "reply",
    "replies",
    "message",
    "messages",
    "team",
    "teams",
    "password",
    "settings",
    "account",
    "search",
    "assign",
    "assigned",
    "resolve",
    "resolved",
    "open",
    "closed",
    "today",
    "yesterday",
    "new",
    "delete",
    "add",
    "edit",
    "cancel",
    "members",
    "member",
    "unassigned",
    "mine",
    "all",
    "log",
    "out",
    "inbox",
    "quick",
    "write",
    "sign",
    "enabled",
    "disabled",
    "choose",
    "nobody",
    "customer",
    "customers",
    "files",
    "file",
    "shortcut",
    "name",
    "role",
    "agent",
    "agents",
    "when",
    "what",
    "who",
    "has",
    "have",
    "will",
    "can",
    "not",
    "are",
    "from",
    "here",
    "there",
    "only",
    "every",
    "any",
    "left",
    "allowed",
    "note",
    "notes",
    "tags",
    "tag",
    "template",
    "templates",
    "attach",
    "days",
    "hours",
    "minutes",
    "invite",
    "reset",
    "active",
    "sound",
    "notification",
    "notifications",
    "devices",
    "code",
    "turn",
    "off",
    "off",
    "set",
    "up",
    "language",
    "back",
    "more",
    "waiting",
];

/// Page texts that are data, not the product's words: the seeded names and messages.
const DATA: &[&str] = &["admin", "Admin", "Ana", "Sandbox"];

/// Names that stay as they are in every language: authenticator apps, and variables, which
/// are written in English by design (the picker labels them in the member's language).
fn without_names(line: &str) -> String {
    let mut out = line.replace("1Password", "");
    while let (Some(start), Some(end)) = (out.find("{{"), out.find("}}")) {
        if end < start {
            break;
        }
        out.replace_range(start..end + 2, "");
    }
    out
}

/// What a person can read on the page: its text, and the attributes read aloud or shown on
/// hover.
const PAGE_TEXT: &str = r#"
const parts = [document.body.innerText];
for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],img[alt]')) {
  for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
    const value = el.getAttribute(name);
    if (value) parts.push(value);
  }
}
return parts.join('\n');
"#;

/// The English left on the page: catalogue sentences shown as English, and English words.
fn english_left(text: &str, locale: Locale) -> Vec<String> {
    let mut found = BTreeSet::new();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for key in i18n::keys() {
        let english = i18n::text(Locale::En, key);
        if english.contains('{') || english == i18n::text(locale, key) {
            continue;
        }
        let shown = if english.chars().count() >= 16 {
            text.contains(&english)
        } else {
            lines.contains(&english.as_str())
        };
        if shown && english.chars().any(char::is_alphabetic) {
            found.insert(format!("{key}: {english:?}"));
        }
    }
    for line in &lines {
        for word in without_names(line).split(|c: char| !c.is_alphabetic()) {
            if DATA.contains(&word) {
                continue;
            }
            if ENGLISH.contains(&word.to_lowercase().as_str()) {
                found.insert(format!("{word:?} in {line:?}"));
            }
        }
    }
    found.into_iter().collect()
}

async fn visit(browser: &Browser, relay: &TestRelay, path: &str, ready: &str) {
    browser
        .client
        .goto(&relay.url(path))
        .await
        .expect("navigate");
    browser.wait_for(ready, PATIENT).await;
    // The page has drawn what it waited for; let any list it loads fill in.
    browser
        .wait_until(
            "the connection badge says online",
            "return !!document.querySelector('[data-testid=connection][data-state=online]')",
            PATIENT,
        )
        .await;
}

async fn check_pages(browser: &Browser, relay: &TestRelay, locale: Locale) {
    let chat = format!("/chats/{LINE}:{CUSTOMER}");
    let pages = [
        ("/", "[data-testid=chat-item]"),
        (chat.as_str(), "[data-testid=composer]"),
        ("/admin", "[data-testid=members]"),
        ("/account", "[data-testid=language-settings]"),
        ("/quick-replies", "[data-testid=quick-reply-save]"),
    ];
    let mut problems = Vec::new();
    for (path, ready) in pages {
        visit(browser, relay, path, ready).await;
        let lang: String = browser
            .client
            .execute("return document.documentElement.lang", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        assert_eq!(lang, locale.tag(), "<html lang> on {path}");
        let text = browser
            .client
            .execute(PAGE_TEXT, vec![])
            .await
            .expect("page text");
        for left in english_left(text.as_str().unwrap_or_default(), locale) {
            problems.push(format!("{path}: {left}"));
        }
    }
    assert!(
        problems.is_empty(),
        "English left in {}:\n{}",
        locale.tag(),
        problems.join("\n")
    );
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_browser_set_to_portuguese_gets_portuguese_before_signing_in() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start_in("pt-BR,pt").await;
    browser
        .client
        .goto(&relay.url("/login"))
        .await
        .expect("open");
    let sign_in = i18n::text(Locale::PtBr, "login-submit");
    browser
        .wait_until(
            "the sign-in page speaks Portuguese",
            &format!(
                "return document.documentElement.lang === 'pt-BR' && \
                 document.querySelector('button[type=submit]')?.innerText === {sign_in:?}"
            ),
            PATIENT,
        )
        .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn spanish_and_portuguese_pages_have_no_english_left() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    relay
        .customer_writes(
            CUSTOMER,
            "wamid.translated",
            "Hola, ¿me ayudan con mi pedido?",
            60,
        )
        .await;
    let browser = Browser::start().await;

    // Spanish, chosen before signing in.
    browser
        .client
        .goto(&relay.url("/login"))
        .await
        .expect("open");
    browser
        .wait_for("[data-testid=language]", PATIENT)
        .await
        .select_by_value("es")
        .await
        .expect("choose Spanish");
    browser
        .wait_until(
            "the sign-in page speaks Spanish",
            "return document.documentElement.lang === 'es'",
            PATIENT,
        )
        .await;
    browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    check_pages(&browser, &relay, Locale::Es).await;

    // Portuguese, switched on the account page: at once, and kept with the account.
    visit(
        &browser,
        &relay,
        "/account",
        "[data-testid=language-settings]",
    )
    .await;
    browser
        .wait_for(
            "[data-testid=language-settings] [data-testid=language]",
            PATIENT,
        )
        .await
        .select_by_value("pt-BR")
        .await
        .expect("choose Portuguese");
    let heading = i18n::text(Locale::PtBr, "account-title");
    browser
        .wait_until(
            "the account page switched to Portuguese",
            &format!("return document.querySelector('h1')?.innerText === {heading:?}"),
            PATIENT,
        )
        .await;
    check_pages(&browser, &relay, Locale::PtBr).await;
    let session = relay.login().await;
    assert_eq!(session.me().await["language"], "pt-BR");
    browser.close().await;
}
