//! The thin slice, end to end: the real built app in headless Chromium, a real relay on a
//! loopback port, a fake Graph API on another. Needs Chromium, ChromeDriver and `app/dist`,
//! so it is ignored by a plain `cargo test`; `cargo xtask test` runs it.

use fantoccini::{Locator, key::Key};
use std::time::Duration;
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, LINE, PHONE_NUMBER_ID, browser::Browser, graph::FakeGraph,
    relay::TestRelay, webhook,
};

const CUSTOMER: &str = "5215512345678";
const LIVE: Duration = Duration::from_secs(2);
const PATIENT: Duration = Duration::from_secs(20);

async fn type_into(browser: &Browser, css: &str, text: &str) {
    browser
        .wait_for(css, PATIENT)
        .await
        .send_keys(text)
        .await
        .expect("type");
}

async fn click(browser: &Browser, css: &str) {
    browser
        .wait_for(css, PATIENT)
        .await
        .click()
        .await
        .expect("click");
}

/// The names of the browser's IndexedDB databases (the replica is `switchboard`).
const DATABASES: &str = "return indexedDB.databases().then(dbs => dbs.map(d => d.name));";

fn chat_item() -> String {
    format!("[data-testid=chat-item][data-chat-id='{LINE}:{CUSTOMER}']")
}

async fn text_of(browser: &Browser, css: &str) -> String {
    browser
        .wait_for(css, PATIENT)
        .await
        .text()
        .await
        .unwrap_or_default()
}

async fn log_in(browser: &Browser, relay: &TestRelay) {
    log_in_as(browser, relay, ADMIN, ADMIN_PASSWORD).await;
}

async fn log_in_as(browser: &Browser, relay: &TestRelay, username: &str, password: &str) {
    browser
        .client
        .goto(&relay.url("/"))
        .await
        .expect("open the app");
    type_into(browser, "input[name=username]", username).await;
    type_into(browser, "input[name=password]", password).await;
    browser
        .wait_for("button[type=submit]", PATIENT)
        .await
        .click()
        .await
        .expect("submit");
    browser
        .wait_for("[data-testid=connection][data-state=online]", PATIENT)
        .await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn one_live_chat_end_to_end() {
    let graph = FakeGraph::start().await;
    let mut relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;

    // a. The admin logs in.
    log_in(&browser, &relay).await;

    // b. A signed text webhook appears in the chat list and in the open chat, live.
    let now = webhook::unix_now();
    let inbound = webhook::text(
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Lucía Pérez",
        "wamid.e2e.1",
        "¿Tienen envío a Monterrey?",
        now,
    );
    assert_eq!(relay.post_webhook(&inbound).await.status(), 200);
    let item = browser.wait_for(&chat_item(), LIVE).await;
    let preview = text_of(
        &browser,
        &format!("{} [data-testid=chat-preview]", chat_item()),
    )
    .await;
    assert_eq!(preview, "¿Tienen envío a Monterrey?");
    assert_eq!(
        text_of(&browser, &format!("{} [data-testid=unread]", chat_item())).await,
        "1"
    );
    item.click().await.expect("open the chat");
    let first = browser
        .wait_for(
            "[data-testid=chat-view] [data-testid=message][data-direction=inbound]",
            LIVE,
        )
        .await;
    assert_eq!(
        first
            .find(Locator::Css("[data-testid=message-body]"))
            .await
            .expect("body")
            .text()
            .await
            .expect("text"),
        "¿Tienen envío a Monterrey?"
    );

    // c. The agent's reply shows queued, reaches the Graph API correctly, then shows sent.
    graph.hold();
    let composer = browser
        .wait_for("textarea[data-testid=composer]", PATIENT)
        .await;
    composer
        .send_keys("¡Sí! Enviamos a todo México.")
        .await
        .expect("type");
    composer
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("enter sends");
    browser
        .wait_for(
            "[data-testid=message][data-direction=outbound][data-status=queued]",
            LIVE,
        )
        .await;
    graph.release();
    browser
        .wait_for(
            "[data-testid=message][data-direction=outbound][data-status=accepted]",
            PATIENT,
        )
        .await;
    let requests = graph.requests();
    let sends: Vec<_> = requests
        .iter()
        .filter(|r| r.body["type"] == "text")
        .collect();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].path, format!("/v25.0/{PHONE_NUMBER_ID}/messages"));
    assert_eq!(
        sends[0].authorization.as_deref(),
        Some("Bearer EAAtest-token")
    );
    assert_eq!(sends[0].body["to"], CUSTOMER);
    assert_eq!(
        sends[0].body["text"]["body"],
        "¡Sí! Enviamos a todo México."
    );
    // Opening the chat marked the customer's message read; typing showed the indicator.
    let reads: Vec<_> = requests
        .iter()
        .filter(|r| r.body["status"] == "read")
        .collect();
    let opened = reads
        .iter()
        .any(|r| r.body["message_id"] == "wamid.e2e.1" && r.body.get("typing_indicator").is_none());
    assert!(opened, "{reads:?}");
    assert!(
        reads
            .iter()
            .any(|r| r.body["typing_indicator"]["type"] == "text"),
        "{reads:?}"
    );
    assert_eq!(
        browser
            .count(&format!("{} [data-testid=unread]", chat_item()))
            .await,
        0
    );
    let outbound = "[data-testid=message][data-direction=outbound]";
    assert_eq!(
        text_of(&browser, &format!("{outbound} [data-testid=message-body]")).await,
        "¡Sí! Enviamos a todo México."
    );

    // d. Status webhooks turn the ticks: sent, delivered, read.
    for status in ["sent", "delivered", "read"] {
        relay
            .post_webhook(&webhook::status(
                PHONE_NUMBER_ID,
                "wamid.fake.1",
                status,
                CUSTOMER,
                now,
            ))
            .await;
        browser
            .wait_for(&format!("{outbound}[data-status={status}]"), LIVE)
            .await;
    }

    // e. With the relay stopped, a reload still shows the chat from IndexedDB, offline.
    browser
        .wait_until(
            "the service worker to control the page",
            "return !!navigator.serviceWorker.controller;",
            PATIENT,
        )
        .await;
    relay.stop().await;
    browser
        .wait_for("[data-testid=connection][data-state=offline]", PATIENT)
        .await;
    browser.client.refresh().await.expect("reload");
    browser
        .wait_until(
            "the replica to load",
            "return document.body.dataset.sync === 'ready';",
            PATIENT,
        )
        .await;
    browser
        .wait_for("[data-testid=connection][data-state=offline]", PATIENT)
        .await;
    browser.wait_for(&chat_item(), PATIENT).await;
    browser
        .wait_for(&format!("{outbound}[data-status=read]"), PATIENT)
        .await;
    assert_eq!(
        browser
            .count("[data-testid=chat-view] [data-testid=message]")
            .await,
        2
    );

    // When the relay is back, the app resumes from its cursor: what arrived meanwhile shows
    // up, and nothing shows twice.
    relay.restart().await;
    let later = webhook::text(
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Lucía Pérez",
        "wamid.e2e.2",
        "¡Perfecto, gracias!",
        now + 5,
    );
    assert_eq!(relay.post_webhook(&later).await.status(), 200);
    browser
        .wait_for(
            "[data-testid=connection][data-state=online]",
            Duration::from_secs(45),
        )
        .await;
    browser
        .wait_until(
            "the message that arrived while offline",
            "return [...document.querySelectorAll('[data-testid=message-body]')].some(e => e.textContent === '¡Perfecto, gracias!');",
            PATIENT,
        )
        .await;
    assert_eq!(
        browser
            .count("[data-testid=chat-view] [data-testid=message]")
            .await,
        3
    );
    assert_eq!(browser.count("[data-testid=chat-item]").await, 1);

    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn sandbox_simulator_plays_the_customer() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;

    browser
        .client
        .goto(&relay.url("/simulator"))
        .await
        .expect("open the simulator");
    let text = browser
        .wait_for("textarea[data-testid=sim-text]", PATIENT)
        .await;
    let phone_input = browser
        .wait_for("input[data-testid=sim-phone]", PATIENT)
        .await;
    let phone = phone_input
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(
        !phone.is_empty(),
        "the simulator offers a default customer phone"
    );
    text.send_keys("Oi! Quero saber do meu pedido.")
        .await
        .expect("type");
    browser
        .wait_for("button[data-testid=sim-send]", PATIENT)
        .await
        .click()
        .await
        .expect("send");
    browser
        .wait_for("[data-testid=sim-message][data-direction=inbound]", LIVE)
        .await;

    // The agent answers from the inbox.
    browser
        .client
        .goto(&relay.url("/"))
        .await
        .expect("open the inbox");
    let item = browser
        .wait_for(
            &format!("[data-testid=chat-item][data-chat-id='sandbox:{phone}']"),
            PATIENT,
        )
        .await;
    item.click().await.expect("open the chat");
    let composer = browser
        .wait_for("textarea[data-testid=composer]", PATIENT)
        .await;
    composer
        .send_keys("Olá! Qual é o número do pedido?")
        .await
        .expect("type");
    browser
        .wait_for("button[data-testid=send]", PATIENT)
        .await
        .click()
        .await
        .expect("send");
    browser
        .wait_for(
            "[data-testid=message][data-direction=outbound][data-status=delivered]",
            PATIENT,
        )
        .await;

    // The simulated phone shows the reply and reads it.
    browser
        .client
        .goto(&relay.url("/simulator"))
        .await
        .expect("back to the simulator");
    browser
        .wait_for(
            "[data-testid=sim-message][data-direction=outbound]",
            PATIENT,
        )
        .await;
    browser
        .wait_for(
            "[data-testid=sim-message][data-direction=outbound][data-status=read]",
            PATIENT,
        )
        .await;
    assert!(graph.requests().is_empty(), "the Sandbox never calls Meta");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_rejected_token_shows_an_alert_and_the_failure_reason() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    let now = webhook::unix_now();
    relay
        .post_webhook(&webhook::text(
            PHONE_NUMBER_ID,
            CUSTOMER,
            "Lucía",
            "wamid.t.1",
            "Hola",
            now,
        ))
        .await;
    browser
        .wait_for(&chat_item(), PATIENT)
        .await
        .click()
        .await
        .expect("open the chat");
    let composer = browser
        .wait_for("textarea[data-testid=composer]", PATIENT)
        .await;
    composer.send_keys("Hola").await.expect("type");
    // Opening and typing call mark-as-read first; the refusal is for the reply itself.
    for _ in 0..200 {
        if graph
            .requests()
            .iter()
            .any(|r| r.body["typing_indicator"]["type"] == "text")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    graph.fail_next(
        reqwest::StatusCode::UNAUTHORIZED,
        190,
        "Error validating access token",
        "Session has expired.",
    );
    composer
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("send");
    let failed = browser
        .wait_for(
            "[data-testid=message][data-direction=outbound][data-status=failed]",
            PATIENT,
        )
        .await;
    let shown = failed.text().await.expect("text");
    assert!(
        shown.contains("access token"),
        "the failure says what to do: {shown}"
    );
    let banner = text_of(&browser, "[data-testid=alerts]").await;
    assert!(
        banner.contains("Meta rejected the access token of line Ventas"),
        "{banner}"
    );
    // Once the token works again, "Send again" queues the same text as a new message.
    click(&browser, "[data-testid=retry]").await;
    browser
        .wait_for(
            "[data-testid=message][data-direction=outbound][data-status=accepted]",
            PATIENT,
        )
        .await;
    let sent = graph
        .requests()
        .iter()
        .filter(|r| r.body["text"]["body"] == "Hola")
        .count();
    assert_eq!(sent, 2, "refused once, then sent again");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn an_invited_agent_sets_a_password_and_sees_only_what_agents_may() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    click(&browser, "[data-testid=nav-admin]").await;
    type_into(&browser, "input[name=new-username]", "ana").await;
    type_into(&browser, "input[name=new-name]", "Ana Lima").await;
    click(&browser, "[data-testid=add-member] button[type=submit]").await;
    let link = browser
        .wait_for("[data-testid=issued-link] input", PATIENT)
        .await
        .prop("value")
        .await
        .expect("value")
        .expect("an invite link");
    assert!(link.starts_with(&relay.url("/link/")), "{link}");
    browser
        .wait_for("[data-testid=member][data-username=ana]", LIVE)
        .await;

    click(&browser, "[data-testid=logout]").await;
    browser.wait_for("input[name=username]", PATIENT).await;
    browser.client.goto(&link).await.expect("open the link");
    type_into(&browser, "input[name=new-password]", "ana's own password").await;
    type_into(
        &browser,
        "input[name=repeat-password]",
        "ana's own password",
    )
    .await;
    click(&browser, "[data-testid=link-form] button[type=submit]").await;
    browser
        .wait_for("[data-testid=connection][data-state=online]", PATIENT)
        .await;
    assert!(
        text_of(&browser, "[data-testid=nav-account]")
            .await
            .contains("ana")
    );
    assert_eq!(browser.count("[data-testid=nav-admin]").await, 0);
    assert_eq!(browser.count("[data-testid=nav-simulator]").await, 0);
    browser
        .client
        .goto(&relay.url("/admin"))
        .await
        .expect("admin");
    assert!(
        text_of(&browser, ".card h2")
            .await
            .contains("Not for your role")
    );
    // The link worked once.
    browser
        .client
        .goto(&link)
        .await
        .expect("open the link again");
    browser.wait_for("[data-testid=link-error]", PATIENT).await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn two_factor_is_set_up_by_qr_code_and_asked_at_login() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    click(&browser, "[data-testid=nav-account]").await;
    click(&browser, "[data-testid=totp-begin]").await;
    browser.wait_for("[data-testid=totp-qr] svg", PATIENT).await;
    let secret = text_of(&browser, "[data-testid=totp-secret]").await;
    let now = switchboard_relay::clock::now();
    let code = switchboard_relay::auth::totp::code_at(&secret, now);
    type_into(&browser, "[data-testid=totp-code]", &code).await;
    click(&browser, "[data-testid=totp-confirm]").await;
    browser
        .wait_until(
            "two-factor to be on",
            "return document.querySelector('[data-testid=two-factor]').textContent.includes('On:');",
            PATIENT,
        )
        .await;
    click(&browser, "[data-testid=logout]").await;
    browser.wait_for("input[name=username]", PATIENT).await;
    type_into(&browser, "input[name=username]", ADMIN).await;
    type_into(&browser, "input[name=password]", ADMIN_PASSWORD).await;
    click(&browser, "button[type=submit]").await;
    // The code of the next 30-second step: the one used to enrol is spent.
    let next = switchboard_domain::Timestamp(now.0 + 30_000);
    let code = switchboard_relay::auth::totp::code_at(&secret, next);
    type_into(&browser, "[data-testid=login-code]", &code).await;
    click(&browser, "button[type=submit]").await;
    browser
        .wait_for("[data-testid=connection][data-state=online]", PATIENT)
        .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_deactivated_agent_is_signed_out_at_once_and_the_replica_wiped() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    relay.customer_writes(CUSTOMER, "wamid.d1", "Hola", 0).await;
    let admin = relay.login().await;
    admin.add_member("ana", "agent").await;
    let browser = Browser::start().await;
    log_in_as(
        &browser,
        &relay,
        "ana",
        &switchboard_tests::relay::member_password("ana"),
    )
    .await;
    browser.wait_for(&chat_item(), PATIENT).await;
    let databases = browser
        .client
        .execute(DATABASES, vec![])
        .await
        .expect("databases");
    assert!(databases.to_string().contains("switchboard"), "{databases}");
    admin
        .admin(
            reqwest::Method::PATCH,
            "/api/members/ana",
            serde_json::json!({ "active": false }),
        )
        .await;
    browser.wait_for("input[name=username]", LIVE).await;
    browser
        .wait_until(
            "the replica to be deleted",
            "return indexedDB.databases().then(dbs => !dbs.some(d => d.name === 'switchboard'));",
            PATIENT,
        )
        .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn search_assign_note_tag_and_resolve_a_chat_in_the_browser() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    relay
        .customer_writes(CUSTOMER, "wamid.t1", "Hola, ¿tienen envío?", 0)
        .await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    // The tab's title counts the unread chat (unassigned, so it is for everyone).
    browser
        .wait_until(
            "the unread count in the title",
            "return document.title === '(1) Switchboard';",
            LIVE,
        )
        .await;
    // `?` lists the keyboard shortcuts; `j` opens the next chat.
    let press = |key: &'static str| {
        let script = format!(
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', bubbles: true }})); return true;"
        );
        let client = browser.client.clone();
        async move { client.execute(&script, vec![]).await.expect("key") }
    };
    press("?").await;
    browser.wait_for("[data-testid=shortcuts]", LIVE).await;
    press("Escape").await;
    browser
        .wait_until(
            "the shortcuts to close",
            "return !document.querySelector('[data-testid=shortcuts]');",
            LIVE,
        )
        .await;
    press("j").await;
    browser.wait_for("[data-testid=chat-view]", LIVE).await;
    // Search ignores accents and case, highlights the match and opens the chat at it.
    type_into(&browser, "[data-testid=search]", "ENVIO").await;
    // Results follow each keystroke; the last one highlights the original spelling.
    browser
        .wait_until(
            "the message to be found and highlighted",
            "const m = document.querySelector('[data-testid=search-hit][data-kind=message] mark'); \
             return !!m && m.textContent === 'envío';",
            LIVE,
        )
        .await;
    click(&browser, "[data-testid=search-hit][data-kind=message]").await;
    browser.wait_for("[data-testid=message].found", LIVE).await;
    browser
        .wait_for("[data-testid=search]", PATIENT)
        .await
        .clear()
        .await
        .expect("clear the search");
    browser
        .wait_for("[data-testid=search]", PATIENT)
        .await
        .send_keys(&Key::Escape.to_string())
        .await
        .expect("escape");
    // Assign to me: the "Mine" filter lists the chat.
    click(&browser, "[data-testid=assign-to-me]").await;
    browser
        .wait_until(
            "the chat to be assigned to me",
            "return document.querySelector('[data-testid=assign]').value === 'agent:admin';",
            LIVE,
        )
        .await;
    browser
        .wait_for("[data-testid=filter-scope]", PATIENT)
        .await
        .select_by_value("mine")
        .await
        .expect("filter mine");
    browser.wait_for(&chat_item(), LIVE).await;
    browser
        .wait_for("[data-testid=filter-scope]", PATIENT)
        .await
        .select_by_value("unassigned")
        .await
        .expect("filter unassigned");
    browser
        .wait_until(
            "the chat to leave the unassigned list",
            &format!("return !document.querySelector(\"{}\");", chat_item()),
            LIVE,
        )
        .await;
    browser
        .wait_for("[data-testid=filter-scope]", PATIENT)
        .await
        .select_by_value("all")
        .await
        .expect("filter all");

    // A private note: shown distinctly, never sent.
    let requests = graph.request_count();
    click(&browser, "[data-testid=note-mode]").await;
    type_into(&browser, "[data-testid=composer]", "Cliente VIP, priorizar").await;
    browser
        .wait_for("[data-testid=composer]", PATIENT)
        .await
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("enter");
    let note = browser
        .wait_for("[data-testid=message][data-direction=note]", LIVE)
        .await;
    assert!(
        note.text()
            .await
            .unwrap_or_default()
            .contains("Cliente VIP")
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        graph.request_count(),
        requests,
        "the note was sent to WhatsApp"
    );

    // A new tag, created inline: a chip on the chat, and a filter.
    type_into(&browser, "[data-testid=tag-input]", "VIP").await;
    browser
        .wait_for("[data-testid=tag-input]", PATIENT)
        .await
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("enter");
    browser
        .wait_for("[data-testid=tag][data-tag=VIP]", LIVE)
        .await;
    browser
        .wait_for("[data-testid=filter-tag]", PATIENT)
        .await
        .select_by_value("VIP")
        .await
        .expect("filter by tag");
    browser.wait_for(&chat_item(), LIVE).await;

    // Resolve: the chat leaves the open list and is found under Resolved.
    click(&browser, "[data-testid=resolve]").await;
    browser
        .wait_until(
            "the chat to leave the open list",
            &format!("return !document.querySelector(\"{}\");", chat_item()),
            LIVE,
        )
        .await;
    browser
        .wait_for("[data-testid=filter-status]", PATIENT)
        .await
        .select_by_value("resolved")
        .await
        .expect("filter resolved");
    browser.wait_for(&chat_item(), LIVE).await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_closed_window_offers_the_lines_approved_templates() {
    let graph = FakeGraph::start().await;
    graph.add_template(serde_json::json!({
        "name": "pedido_enviado", "language": "es_MX", "status": "APPROVED", "category": "UTILITY", "id": "778",
        "components": [{"type": "BODY", "text": "Hola {{1}}, tu pedido va en camino."}]
    }));
    graph.add_template(serde_json::json!({
        "name": "oferta", "language": "es_MX", "status": "REJECTED", "category": "MARKETING", "id": "779",
        "components": [{"type": "BODY", "text": "Oferta"}]
    }));
    let relay = TestRelay::start(&graph.base_url()).await;
    // The customer last wrote 25 hours ago.
    relay
        .customer_writes(CUSTOMER, "wamid.old", "Hola", 25 * 3600)
        .await;
    relay.login().await.wait_for_event("templates_synced").await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    click(&browser, &chat_item()).await;
    browser
        .wait_for("[data-testid=window-closed]", PATIENT)
        .await;
    let select = browser
        .wait_for("[data-testid=template-select]", PATIENT)
        .await;
    assert_eq!(
        browser.count("[data-testid=template-select] option").await,
        2,
        "the placeholder and the one approved template"
    );
    select
        .select_by_value("pedido_enviado|es_MX")
        .await
        .expect("choose");
    type_into(&browser, "[data-testid=template-field]", "Ana").await;
    assert_eq!(
        text_of(&browser, "[data-testid=template-preview]").await,
        "Hola Ana, tu pedido va en camino."
    );
    click(&browser, "[data-testid=template-send]").await;
    browser
        .wait_for("[data-testid=message][data-direction=outbound]", LIVE)
        .await;
    switchboard_tests::wait_for("the template to reach the Graph API", async || {
        graph
            .requests()
            .iter()
            .any(|r| r.body["type"] == "template" && r.body["template"]["name"] == "pedido_enviado")
    })
    .await;
    browser.close().await;
}
