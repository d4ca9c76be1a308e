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

/// The names of the browser's IndexedDB databases (the replica is `switchboard`).
const DATABASES: &str = "return indexedDB.databases().then(dbs => dbs.map(d => d.name));";

fn chat_item() -> String {
    format!("[data-testid=chat-item][data-chat-id='{LINE}:{CUSTOMER}']")
}

async fn log_in(browser: &Browser, relay: &TestRelay) {
    browser.log_in(&relay.url("/"), ADMIN, ADMIN_PASSWORD).await;
}

async fn log_in_as(browser: &Browser, relay: &TestRelay, username: &str, password: &str) {
    browser.log_in(&relay.url("/"), username, password).await;
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
    let preview = browser
        .text_of(&format!("{} [data-testid=chat-preview]", chat_item()))
        .await;
    assert_eq!(preview, "¿Tienen envío a Monterrey?");
    assert_eq!(
        browser
            .text_of(&format!("{} [data-testid=unread]", chat_item()))
            .await,
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
        browser
            .text_of(&format!("{outbound} [data-testid=message-body]"))
            .await,
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
    // The Sandbox line's number is written with one plus.
    let line = browser.text_of("[data-testid=sim-line] option").await;
    assert!(line.ends_with("(+1 555 0100)"), "{line}");
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
    let banner = browser.text_of("[data-testid=alerts]").await;
    assert!(
        banner.contains("Meta rejected the access token of line Ventas"),
        "{banner}"
    );
    // Once the token works again, "Send again" queues the same text as a new message.
    browser.click("[data-testid=retry]").await;
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
    browser.click("[data-testid=nav-admin]").await;
    // The browser checks the username as the relay will (its pattern compiles in Chrome).
    let mismatch =
        "return document.querySelector('input[name=new-username]').validity.patternMismatch";
    browser
        .type_into("input[name=new-username]", "Ana Lima")
        .await;
    assert_eq!(
        browser.script(mismatch).await,
        serde_json::Value::Bool(true),
        "\"Ana Lima\" is refused in the form"
    );
    browser
        .wait_for("input[name=new-username]", PATIENT)
        .await
        .clear()
        .await
        .expect("clear");
    browser.type_into("input[name=new-username]", "ana").await;
    assert_eq!(
        browser.script(mismatch).await,
        serde_json::Value::Bool(false),
        "\"ana\" is accepted"
    );
    browser.type_into("input[name=new-name]", "Ana Lima").await;
    browser
        .click("[data-testid=add-member] button[type=submit]")
        .await;
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

    browser.click("[data-testid=logout]").await;
    browser.wait_for("input[name=username]", PATIENT).await;
    browser.client.goto(&link).await.expect("open the link");
    browser
        .type_into("input[name=new-password]", "ana's own password")
        .await;
    browser
        .type_into("input[name=repeat-password]", "ana's own password")
        .await;
    browser
        .click("[data-testid=link-form] button[type=submit]")
        .await;
    browser
        .wait_for("[data-testid=connection][data-state=online]", PATIENT)
        .await;
    assert!(
        browser
            .text_of("[data-testid=nav-account]")
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
        browser
            .text_of(".card h2")
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
async fn the_printed_one_time_password_is_replaced_right_after_the_first_login() {
    let graph = FakeGraph::start().await;
    let (relay, printed) = TestRelay::start_first_time(&graph.base_url()).await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&relay.url("/"))
        .await
        .expect("open the app");
    browser.type_into("input[name=username]", ADMIN).await;
    browser.type_into("input[name=password]", &printed).await;
    browser.click("button[type=submit]").await;
    // Straight to the new-password form; the inbox is not reachable yet.
    browser
        .wait_for("[data-testid=must-change-password]", PATIENT)
        .await;
    browser
        .type_into("[data-testid=current-password]", &printed)
        .await;
    browser
        .type_into("[data-testid=new-password]", "the admin's own passphrase")
        .await;
    browser.click("[data-testid=change-password]").await;
    browser
        .wait_until(
            "the notice to go",
            "return document.querySelector('[data-testid=must-change-password]') === null;",
            PATIENT,
        )
        .await;
    browser.client.goto(&relay.url("/")).await.expect("inbox");
    browser
        .wait_for("[data-testid=connection][data-state=online]", PATIENT)
        .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn two_factor_is_set_up_by_qr_code_and_asked_at_login() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    browser.click("[data-testid=nav-account]").await;
    browser.click("[data-testid=totp-begin]").await;
    browser.wait_for("[data-testid=totp-qr] svg", PATIENT).await;
    let secret = browser.text_of("[data-testid=totp-secret]").await;
    let now = switchboard_relay::clock::Clock::System.now();
    let code = switchboard_relay::auth::totp::code_at(&secret, now);
    browser.type_into("[data-testid=totp-code]", &code).await;
    browser.click("[data-testid=totp-confirm]").await;
    browser
        .wait_until(
            "two-factor to be on",
            "return document.querySelector('[data-testid=two-factor]').textContent.includes('On:');",
            PATIENT,
        )
        .await;
    browser.click("[data-testid=logout]").await;
    browser.wait_for("input[name=username]", PATIENT).await;
    browser.type_into("input[name=username]", ADMIN).await;
    browser
        .type_into("input[name=password]", ADMIN_PASSWORD)
        .await;
    browser.click("button[type=submit]").await;
    // The code of the next 30-second step: the one used to enrol is spent.
    let next = switchboard_domain::Timestamp(now.0 + 30_000);
    let code = switchboard_relay::auth::totp::code_at(&secret, next);
    browser.type_into("[data-testid=login-code]", &code).await;
    browser.click("button[type=submit]").await;
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
    browser.type_into("[data-testid=search]", "ENVIO").await;
    // Results follow each keystroke; the last one highlights the original spelling.
    browser
        .wait_until(
            "the message to be found and highlighted",
            "const m = document.querySelector('[data-testid=search-hit][data-kind=message] mark'); \
             return !!m && m.textContent === 'envío';",
            LIVE,
        )
        .await;
    browser
        .click("[data-testid=search-hit][data-kind=message]")
        .await;
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
    browser.click("[data-testid=assign-to-me]").await;
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
    browser.click("[data-testid=note-mode]").await;
    browser
        .type_into("[data-testid=composer]", "Cliente VIP, priorizar")
        .await;
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
    browser.type_into("[data-testid=tag-input]", "VIP").await;
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
    browser.click("[data-testid=resolve]").await;
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
        "components": [{"type": "BODY", "text": "Hola {{1}}, tu pedido va en camino."},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Gracias"}]}]
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
    browser.click(&chat_item()).await;
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
    browser
        .type_into("[data-testid=template-field]", "Ana")
        .await;
    assert_eq!(
        browser.text_of("[data-testid=template-preview]").await,
        "Hola Ana, tu pedido va en camino."
    );
    browser.click("[data-testid=template-send]").await;
    browser
        .wait_for("[data-testid=message][data-direction=outbound]", LIVE)
        .await;
    // The sent template shows as the customer sees it, with its button.
    let sent = browser
        .text_of("[data-direction=outbound] [data-testid=message-body]")
        .await;
    assert!(sent.contains("Hola Ana, tu pedido va en camino."), "{sent}");
    assert_eq!(
        browser
            .text_of("[data-direction=outbound] [data-testid=message-buttons]")
            .await,
        "Gracias"
    );
    switchboard_tests::wait_for("the template to reach the Graph API", async || {
        graph
            .requests()
            .iter()
            .any(|r| r.body["type"] == "template" && r.body["template"]["name"] == "pedido_enviado")
    })
    .await;
    browser.close().await;
}

/// A 1×1 PNG.
const PNG: [u8; 70] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 96, 248, 95, 15, 0, 2,
    135, 1, 128, 235, 71, 186, 146, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// Runs `script` (which must return a boolean) and asserts it is true.
async fn check(browser: &Browser, what: &str, script: &str) {
    browser.wait_until(what, script, PATIENT).await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn every_kind_of_message_is_drawn_as_the_customer_sent_it() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    graph.add_media("img.1", "image/png", PNG.to_vec());
    graph.add_media("doc.1", "application/pdf", vec![b'%'; 2048]);
    let now = webhook::unix_now();
    let messages = [
        serde_json::json!({ "id": "wamid.k1", "timestamp": now.to_string(), "type": "text",
            "text": { "body": "Les mando la foto del paquete" } }),
        serde_json::json!({ "id": "wamid.k2", "timestamp": now.to_string(), "type": "image",
            "image": { "id": "img.1", "mime_type": "image/png", "sha256": "x", "caption": "Llegó roto" } }),
        serde_json::json!({ "id": "wamid.k3", "timestamp": now.to_string(), "type": "document",
            "document": { "id": "doc.1", "mime_type": "application/pdf", "sha256": "x", "filename": "factura-123.pdf" } }),
        serde_json::json!({ "id": "wamid.k4", "timestamp": now.to_string(), "type": "location",
            "location": { "latitude": 19.4326, "longitude": -99.1332, "name": "Zócalo", "address": "Centro, CDMX" } }),
        serde_json::json!({ "id": "wamid.k5", "timestamp": now.to_string(), "type": "contacts",
            "contacts": [{ "name": { "formatted_name": "María Gómez", "first_name": "María" },
                "phones": [{ "phone": "+52 55 1111 2222", "type": "CELL" }] }] }),
        serde_json::json!({ "id": "wamid.k6", "timestamp": now.to_string(), "type": "text",
            "context": { "from": CUSTOMER, "id": "wamid.k1" },
            "text": { "body": "¿La vieron?" } }),
        serde_json::json!({ "id": "wamid.k7", "timestamp": now.to_string(), "type": "audio",
            "audio": { "id": "aud.1", "mime_type": "audio/ogg; codecs=opus", "sha256": "x", "voice": true } }),
        serde_json::json!({ "id": "wamid.k8", "timestamp": now.to_string(), "type": "video",
            "video": { "id": "vid.1", "mime_type": "video/mp4", "sha256": "x" } }),
        serde_json::json!({ "id": "wamid.k9", "timestamp": now.to_string(), "type": "interactive",
            "interactive": { "type": "button_reply", "button_reply": { "id": "yes", "title": "Sí, confirmo" } } }),
        serde_json::json!({ "id": "wamid.k10", "timestamp": now.to_string(), "type": "unsupported",
            "errors": [{ "code": 131051, "title": "Message type unknown",
                "error_data": { "details": "Message type is currently not supported." } }] }),
    ];
    for message in messages {
        let body = webhook::message(PHONE_NUMBER_ID, CUSTOMER, "Lucía Pérez", message);
        assert_eq!(relay.post_webhook(&body).await.status(), 200);
    }
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    browser.click(&chat_item()).await;
    browser.wait_for("[data-testid=day]", PATIENT).await;
    assert_eq!(browser.text_of("[data-testid=day]").await, "Today");

    // The photo loads through the relay and opens full size.
    check(
        &browser,
        "the photo to load",
        "const i = document.querySelector('[data-testid=image] img'); return !!i && i.complete && i.naturalWidth === 1;",
    )
    .await;
    assert!(
        browser
            .text_of("[data-wamid='wamid.k2']")
            .await
            .contains("Llegó roto")
    );
    browser.click("[data-testid=image]").await;
    browser
        .wait_for("[data-testid=image-viewer][open]", LIVE)
        .await;
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=image-viewer]').click(); return true;",
            vec![],
        )
        .await
        .expect("close the viewer");
    check(
        &browser,
        "the viewer to close",
        "return !document.querySelector('[data-testid=image-viewer][open]');",
    )
    .await;

    // The document: its name, type and size (from the relay's copy), and a download link.
    assert!(
        browser
            .text_of("[data-testid=document]")
            .await
            .contains("factura-123.pdf")
    );
    check(
        &browser,
        "the document's size",
        "return document.querySelector('[data-testid=document-meta]').textContent === 'application/pdf · 2 kB';",
    )
    .await;
    let download = browser
        .wait_for("[data-testid=download]", PATIENT)
        .await
        .attr("href")
        .await
        .expect("href");
    assert_eq!(download.as_deref(), Some("/api/media/ventas/doc.1"));

    // The place links to a map; the contact card lists the number to call.
    let map = browser
        .wait_for("[data-testid=location]", PATIENT)
        .await
        .attr("href")
        .await
        .expect("href")
        .unwrap_or_default();
    assert!(map.contains("19.4326,-99.1332"), "{map}");
    assert!(
        browser
            .text_of("[data-testid=location]")
            .await
            .contains("Zócalo")
    );
    let card = browser.text_of("[data-testid=contact-card]").await;
    assert!(
        card.contains("María Gómez") && card.contains("+52 55 1111 2222"),
        "{card}"
    );
    assert_eq!(
        browser
            .count("[data-testid=contact-card] a[href='tel:+525511112222']")
            .await,
        1
    );

    // Voice notes and videos play in place; a button reply says what was tapped; a kind
    // WhatsApp does not pass on is explained.
    assert_eq!(
        browser
            .count("[data-wamid='wamid.k7'] audio[src='/api/media/ventas/aud.1']")
            .await,
        1
    );
    assert_eq!(
        browser
            .count("[data-wamid='wamid.k8'] video[src='/api/media/ventas/vid.1']")
            .await,
        1
    );
    let tapped = browser.text_of("[data-wamid='wamid.k9']").await;
    assert!(
        tapped.contains("Tapped a button") && tapped.contains("Sí, confirmo"),
        "{tapped}"
    );
    let unsupported = browser
        .text_of("[data-wamid='wamid.k10'] [data-testid=unsupported]")
        .await;
    assert!(unsupported.contains("does not pass on"), "{unsupported}");

    // A reply quotes its target; a click on the quote jumps to it.
    let quote = browser
        .text_of("[data-wamid='wamid.k6'] [data-testid=quote]")
        .await;
    assert!(quote.contains("Les mando la foto"), "{quote}");
    browser
        .click("[data-wamid='wamid.k6'] [data-testid=quote]")
        .await;
    browser
        .wait_for("[data-wamid='wamid.k1'].found", LIVE)
        .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn quick_replies_files_replies_presence_and_the_offline_outbox() {
    let graph = FakeGraph::start().await;
    let mut relay = TestRelay::start(&graph.base_url()).await;
    let now = webhook::unix_now();
    let first = webhook::text(
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Lucía Pérez",
        "wamid.q1",
        "¿A qué hora abren?",
        now,
    );
    assert_eq!(relay.post_webhook(&first).await.status(), 200);
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    admin
        .admin(
            reqwest::Method::PUT,
            "/api/teams/sales",
            serde_json::json!({ "name": "Sales", "members": ["admin", "bruno"] }),
        )
        .await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;

    // The admin gives the line to Sales and turns round-robin on.
    browser
        .client
        .goto(&relay.url("/admin"))
        .await
        .expect("admin");
    browser
        .wait_for(
            &format!("[data-testid=line-team][data-line={LINE}]"),
            PATIENT,
        )
        .await
        .select_by_value("sales")
        .await
        .expect("line team");
    browser
        .click(&format!(
            "[data-testid=round-robin][data-line={LINE}]:not([disabled])"
        ))
        .await;
    let set = admin.wait_for_events("line_team_set", 2).await;
    assert_eq!(set[1]["event"]["round_robin"], true, "{set:?}");
    assert_eq!(set[1]["event"]["team"], "sales");

    // A supervisor's quick reply, saved on its page (a mistake is explained first).
    browser
        .client
        .goto(&relay.url("/quick-replies"))
        .await
        .expect("quick replies");
    browser
        .type_into("[data-testid=quick-reply-shortcut]", "horario")
        .await;
    browser
        .type_into("[data-testid=quick-reply-body]", "Hola {{nombre}}")
        .await;
    browser.click("[data-testid=quick-reply-save]").await;
    let refused = browser.text_of(".quick-replies-page [role=alert]").await;
    assert!(refused.contains("{{nombre}}"), "{refused}");
    let body = browser
        .wait_for("[data-testid=quick-reply-body]", PATIENT)
        .await;
    body.clear().await.expect("clear");
    body.send_keys("Hola {{first_name}}, abrimos de 9 a 18h.")
        .await
        .expect("type");
    browser.click("[data-testid=quick-reply-save]").await;
    browser
        .wait_for("[data-testid=quick-reply-row]", PATIENT)
        .await;
    // Saved is said in the success style, not the warning's.
    let saved = browser
        .wait_for(".quick-replies-page [data-testid=outcome-ok]", PATIENT)
        .await;
    assert_eq!(
        saved.attr("class").await.expect("class").as_deref(),
        Some("notice success")
    );

    browser.client.goto(&relay.url("/")).await.expect("inbox");
    browser.click(&chat_item()).await;

    // Bruno opens the same chat and types: the header says so.
    let bruno = relay
        .login_as("bruno", &switchboard_tests::relay::member_password("bruno"))
        .await;
    let mut bruno_feed = switchboard_tests::feed::Feed::connect(relay.addr, &bruno.cookie, 0).await;
    bruno_feed.backlog().await;
    let chat = format!("{LINE}:{CUSTOMER}");
    bruno_feed
        .send(serde_json::json!({ "type": "focus", "chat": chat, "typing": true }))
        .await;
    check(
        &browser,
        "Bruno's typing to show",
        "return document.querySelector('[data-testid=presence]').textContent === 'BRUNO is typing…';",
    )
    .await;
    drop(bruno_feed);
    check(
        &browser,
        "Bruno to leave",
        "return document.querySelector('[data-testid=presence]').textContent === '';",
    )
    .await;

    // `/hor` offers the quick reply; Enter puts it, filled in, into the composer.
    browser.type_into("[data-testid=composer]", "/hor").await;
    browser.wait_for("[data-testid=quick-reply]", LIVE).await;
    browser
        .type_into("[data-testid=composer]", &Key::Enter.to_string())
        .await;
    check(
        &browser,
        "the filled quick reply",
        "return document.querySelector('[data-testid=composer]').value === 'Hola Lucía, abrimos de 9 a 18h.';",
    )
    .await;
    browser
        .type_into("[data-testid=composer]", &Key::Enter.to_string())
        .await;
    browser
        .wait_for("[data-testid=message][data-direction=outbound]", PATIENT)
        .await;

    // Reply to the customer's message: WhatsApp gets its id as the context.
    browser
        .client
        .execute(
            "document.querySelector(\"[data-wamid='wamid.q1'] [data-testid=reply]\").click(); return true;",
            vec![],
        )
        .await
        .expect("reply");
    browser.wait_for("[data-testid=reply-bar]", LIVE).await;
    browser
        .type_into("[data-testid=composer]", "Sí, hoy también ")
        .await;
    browser.click("[data-testid=emoji]").await;
    browser.click("[data-testid=emoji-picker] .emoji").await;
    check(
        &browser,
        "the emoji at the cursor",
        "return document.querySelector('[data-testid=composer]').value === 'Sí, hoy también 😊';",
    )
    .await;
    browser
        .type_into("[data-testid=composer]", &Key::Enter.to_string())
        .await;
    check(
        &browser,
        "the reply bar to close",
        "return !document.querySelector('[data-testid=reply-bar]');",
    )
    .await;

    // A file WhatsApp refuses is stopped before upload; a photo is uploaded and sent.
    let folder = tempfile::tempdir().expect("temp dir");
    let page = folder.path().join("pagina.html");
    std::fs::write(&page, "<p>hola</p>").expect("write");
    let photo = folder.path().join("paquete.png");
    std::fs::write(&photo, PNG).expect("write");
    let input = browser.wait_for("[data-testid=file-input]", PATIENT).await;
    input
        .send_keys(&page.display().to_string())
        .await
        .expect("pick");
    let refused = browser.text_of("[data-testid=composer-error]").await;
    assert!(
        refused.contains("WhatsApp does not accept text/html"),
        "{refused}"
    );
    assert!(graph.uploads().is_empty());
    let input = browser.wait_for("[data-testid=file-input]", PATIENT).await;
    input
        .send_keys(&photo.display().to_string())
        .await
        .expect("pick");
    browser.wait_for("[data-testid=staged-file]", LIVE).await;
    browser
        .type_into("[data-testid=composer]", "El paquete")
        .await;
    browser.click("[data-testid=send]").await;
    check(
        &browser,
        "the file to leave the composer",
        "return !document.querySelector('[data-testid=staged-file]');",
    )
    .await;
    let sent_kind = |kind: &'static str| {
        let graph = &graph;
        async move {
            graph
                .requests()
                .into_iter()
                .filter(|r| r.body["type"] == kind)
                .map(|r| r.body)
                .collect::<Vec<_>>()
        }
    };
    for _ in 0..100 {
        if sent_kind("image").await.len() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let uploads = graph.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].filename, "paquete.png");
    let image = sent_kind("image").await;
    assert_eq!(image.len(), 1, "{image:?}");
    assert_eq!(image[0]["image"]["id"], uploads[0].id);
    assert_eq!(image[0]["image"]["caption"], "El paquete");
    // The photo shows in the chat as sent, fetched back through the relay.
    check(
        &browser,
        "the sent photo to show",
        "const i = document.querySelector('[data-direction=outbound] [data-testid=image] img'); \
         return !!i && i.complete && i.naturalWidth === 1;",
    )
    .await;
    // Dropped or pasted files are staged the same way.
    for event in [
        "const dt = new DataTransfer(); dt.items.add(new File(['%PDF-1.4'], 'cotización.pdf', { type: 'application/pdf' })); \
         document.querySelector('[data-testid=chat-view]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); return true;",
        "const dt = new DataTransfer(); dt.items.add(new File(['%PDF-1.4'], 'cotización.pdf', { type: 'application/pdf' })); \
         document.querySelector('[data-testid=composer]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); return true;",
    ] {
        browser
            .client
            .execute(event, vec![])
            .await
            .expect("drop or paste");
        assert!(
            browser
                .text_of("[data-testid=staged-file]")
                .await
                .contains("cotización.pdf")
        );
        browser.click("[data-testid=staged-file] button").await;
        check(
            &browser,
            "the staged file to be removed",
            "return !document.querySelector('[data-testid=staged-file]');",
        )
        .await;
    }
    let texts = sent_kind("text").await;
    let bodies: Vec<_> = texts.iter().map(|t| t["text"]["body"].clone()).collect();
    assert_eq!(
        bodies,
        [
            serde_json::json!("Hola Lucía, abrimos de 9 a 18h."),
            serde_json::json!("Sí, hoy también 😊")
        ]
    );
    assert_eq!(texts[1]["context"]["message_id"], "wamid.q1");

    // Offline: messages wait, visibly, and go out in order, once each, when the relay is back.
    relay.stop().await;
    browser
        .wait_for("[data-testid=connection][data-state=offline]", PATIENT)
        .await;
    for text in ["Primero sin conexión", "Segundo sin conexión"] {
        browser.type_into("[data-testid=composer]", text).await;
        browser
            .type_into("[data-testid=composer]", &Key::Enter.to_string())
            .await;
    }
    check(
        &browser,
        "two messages waiting in the outbox",
        "return document.querySelectorAll('[data-testid=outbox-message][data-refused=false]').length === 2;",
    )
    .await;
    relay.restart().await;
    browser
        .wait_for(
            "[data-testid=connection][data-state=online]",
            Duration::from_secs(45),
        )
        .await;
    check(
        &browser,
        "the outbox to empty",
        "return document.querySelectorAll('[data-testid=outbox-message]').length === 0;",
    )
    .await;
    for _ in 0..100 {
        if sent_kind("text").await.len() >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let bodies: Vec<_> = sent_kind("text")
        .await
        .iter()
        .map(|t| t["text"]["body"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        bodies[2..],
        ["Primero sin conexión", "Segundo sin conexión"],
        "in order, once each: {bodies:?}"
    );
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn long_lists_draw_only_what_is_in_view() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let now = webhook::unix_now() - 60;
    // 400 customers with one message each, then one with 200 messages (the newest chat).
    let others = webhook::texts(PHONE_NUMBER_ID, "other", 0..400, now, |i| {
        format!("52155{i:08}")
    });
    assert_eq!(relay.post_webhook(&others).await.status(), 200);
    let long = webhook::texts(PHONE_NUMBER_ID, "long", 0..200, now + 1, |_| {
        CUSTOMER.to_owned()
    });
    assert_eq!(relay.post_webhook(&long).await.status(), 200);
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;

    // The list draws the rows in view, not all 401; scrolling to the end draws the last
    // (the same time for all 400, so by number).
    browser.wait_for(&chat_item(), PATIENT).await;
    let drawn = browser.count("[data-testid=chat-item]").await;
    assert!((5..100).contains(&drawn), "{drawn} rows drawn");
    let oldest = "[data-chat-id='ventas:5215500000399']";
    assert_eq!(browser.count(oldest).await, 0);
    browser
        .client
        .execute(
            "const l = document.querySelector('[data-testid=chat-list]'); l.scrollTop = l.scrollHeight; return true;",
            vec![],
        )
        .await
        .expect("scroll");
    browser.wait_for(oldest, PATIENT).await;
    assert!(browser.count("[data-testid=chat-item]").await < 100);

    // The long chat opens at its newest message with one page drawn; scrolling up draws
    // the page before, and the message on screen stays where it was.
    browser
        .client
        .execute(
            "const l = document.querySelector('[data-testid=chat-list]'); l.scrollTop = 0; return true;",
            vec![],
        )
        .await
        .expect("scroll");
    browser.click(&chat_item()).await;
    browser
        .wait_for("[data-wamid='wamid.bench.long.199']", PATIENT)
        .await;
    assert_eq!(
        browser
            .count("[data-testid=chat-view] [data-testid=message]")
            .await,
        60
    );
    browser.wait_for("[data-testid=older]", LIVE).await;
    browser
        .client
        .execute(
            "document.querySelector('.messages').scrollTop = 0; return true;",
            vec![],
        )
        .await
        .expect("scroll up");
    check(
        &browser,
        "a second page to be drawn",
        "return document.querySelectorAll('[data-testid=chat-view] [data-testid=message]').length === 120;",
    )
    .await;
    check(
        &browser,
        "the first message of the earlier page to stay in view",
        "const m = document.querySelector(\"[data-wamid='wamid.bench.long.140']\").getBoundingClientRect(); \
         const v = document.querySelector('.messages').getBoundingClientRect(); \
         return m.top >= v.top - 5 && m.top < v.bottom;",
    )
    .await;

    // A reply to a message far back: its quote opens the chat at it.
    let reply = webhook::message(
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Lucía Pérez",
        serde_json::json!({ "id": "wamid.long.reply", "timestamp": (now + 2).to_string(), "type": "text",
            "context": { "from": CUSTOMER, "id": "wamid.bench.long.5" }, "text": { "body": "¿Y esto?" } }),
    );
    assert_eq!(relay.post_webhook(&reply).await.status(), 200);
    assert_eq!(browser.count("[data-wamid='wamid.bench.long.5']").await, 0);
    browser
        .click("[data-wamid='wamid.long.reply'] [data-testid=quote]")
        .await;
    browser
        .wait_for("[data-wamid='wamid.bench.long.5'].found", PATIENT)
        .await;

    // With the open chat's row scrolled out of what is drawn, j still opens the next chat
    // of the list, and the list follows it.
    browser
        .client
        .execute(
            "const l = document.querySelector('[data-testid=chat-list]'); l.scrollTop = l.scrollHeight; \
             document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true })); return true;",
            vec![],
        )
        .await
        .expect("j");
    browser
        .wait_for("[data-chat-id='ventas:5215500000000'].selected", PATIENT)
        .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_replica_synced_for_one_member_is_never_shown_to_another() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    relay
        .customer_writes(CUSTOMER, "wamid.o1", "Solo para el admin", 0)
        .await;
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    // Bruno only sees his team's chats; this one belongs to no team.
    admin
        .admin(
            reqwest::Method::PUT,
            "/api/settings",
            serde_json::json!({ "restrict_to_teams": true, "require_totp": false }),
        )
        .await;
    let browser = Browser::start().await;
    log_in(&browser, &relay).await;
    browser.wait_for(&chat_item(), PATIENT).await;

    // In another tab the admin logs out and Bruno logs in; this tab reloads.
    let password = switchboard_tests::relay::member_password("bruno");
    browser
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 fetch('/api/session', {{ method: 'DELETE' }})
                   .then(() => fetch('/api/session', {{ method: 'POST', headers: {{ 'content-type': 'application/json' }},
                     body: JSON.stringify({{ username: 'bruno', password: '{password}' }}) }}))
                   .then(r => done(r.status));"
            ),
            vec![],
        )
        .await
        .expect("switch member");
    browser.client.refresh().await.expect("reload");
    browser
        .wait_for("[data-testid=connection][data-state=online]", PATIENT)
        .await;
    assert_eq!(
        browser.count(&chat_item()).await,
        0,
        "the admin's chat shown to Bruno"
    );
    assert!(
        !browser.text_of("body").await.contains("Solo para el admin"),
        "the admin's message shown to Bruno"
    );
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn teammates_messages_name_their_author_and_notes_stay_out_of_the_preview() {
    authors_notes_announcements_and_contrast(false).await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_teammates_messages_name_their_author_and_notes_stay_out_of_the_preview() {
    authors_notes_announcements_and_contrast(true).await;
}

async fn authors_notes_announcements_and_contrast(phone: bool) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    let long = "Buenos días, les escribo porque el pedido que hice el lunes todavía no llegó y \
                necesito saber si ya salió del depósito, porque el martes me voy de viaje y no \
                va a haber nadie en casa para recibirlo; si no sale mañana prefiero cancelarlo.";
    relay
        .customer_writes(CUSTOMER, "wamid.long", long, 60)
        .await;
    let chat = format!("{LINE}:{CUSTOMER}");
    let bruno = relay
        .login_as("bruno", &switchboard_tests::relay::member_password("bruno"))
        .await;
    let (status, _) = bruno
        .command(
            "bruno-1",
            serde_json::json!({ "type": "send_text", "chat": chat, "body": "Ya lo reviso", "reply_to": "wamid.long" }),
        )
        .await;
    assert_eq!(status, 200);

    let browser = Browser::start_at(phone).await;
    log_in(&browser, &relay).await;
    browser.click(&chat_item()).await;
    let outbound = "[data-testid=message][data-direction=outbound]";
    browser.wait_for(outbound, PATIENT).await;
    // The 24-hour window is named as such, apart from whether the chat is open or resolved.
    let window = browser.text_of(".window-pill").await;
    assert!(window.starts_with("Replies allowed for 23 h"), "{window}");
    // Bruno's reply says it is his; its quote names the customer and is cut to two lines.
    assert_eq!(
        browser
            .text_of(&format!("{outbound} [data-testid=sent-by]"))
            .await,
        "BRUNO"
    );
    assert_eq!(
        browser
            .text_of(&format!("{outbound} [data-testid=quote] strong"))
            .await,
        "Ana"
    );
    let clamped = browser
        .client
        .execute(
            "const s = document.querySelector('[data-testid=quote] span'); \
             return s.scrollHeight > s.clientHeight + 2 && s.getClientRects().length > 0;",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(
        clamped,
        serde_json::Value::Bool(true),
        "the long quote is cut"
    );

    // The admin's own reply carries no name.
    browser
        .type_into("textarea[data-testid=composer]", "Gracias por avisar")
        .await;
    browser.click("button[data-testid=send]").await;
    browser
        .wait_until(
            "the admin's reply is drawn without a name",
            "const out = [...document.querySelectorAll('[data-testid=message][data-direction=outbound]')]; \
             return out.length === 2 && out[1].innerText.includes('Gracias por avisar') \
                 && !out[1].querySelector('[data-testid=sent-by]');",
            PATIENT,
        )
        .await;

    // A note is the team's: the list keeps showing the last message of the conversation.
    let (status, _) = bruno
        .command(
            "bruno-note",
            serde_json::json!({ "type": "add_note", "chat": chat, "body": "cliente VIP, priorizar" }),
        )
        .await;
    assert_eq!(status, 200);
    browser
        .wait_for("[data-testid=message][data-direction=note]", PATIENT)
        .await;
    assert!(
        browser
            .text_of("[data-testid=message][data-direction=note] .note-by")
            .await
            .contains("BRUNO")
    );
    // (On a phone the list is drawn behind the chat, so its text is read, not seen.)
    let preview = browser
        .script(&format!(
            "return document.querySelector(\"{} [data-testid=chat-preview]\").textContent;",
            chat_item()
        ))
        .await;
    let preview = preview.as_str().unwrap_or_default();
    assert!(
        preview.contains("Gracias por avisar") && !preview.contains("VIP"),
        "{preview}"
    );

    // A message arriving in the open chat is read out to screen readers.
    relay
        .customer_writes(CUSTOMER, "wamid.new", "¿Y el envío?", 0)
        .await;
    browser
        .wait_until(
            "the new message is announced",
            "return document.querySelector('[data-testid=announcer][aria-live=polite]')?.textContent === 'Ana: ¿Y el envío?'",
            PATIENT,
        )
        .await;
    // Secondary text in the chat reaches WCAG AA (4.5:1) against what it is drawn on.
    let poor = browser.script(CONTRAST).await;
    assert_eq!(poor, serde_json::json!([]), "text below 4.5:1 in the chat");

    // On a phone the list is its own screen.
    if phone {
        browser.click("[data-testid=back]").await;
        browser.wait_for(&chat_item(), PATIENT).await;
    }
    let preview = browser
        .text_of(&format!("{} [data-testid=chat-preview]", chat_item()))
        .await;
    assert!(preview.contains("¿Y el envío?"), "{preview}");

    // And in the list, an unread chat's badge and time included.
    relay
        .customer_writes("5215599990000", "wamid.other", "Hola", 0)
        .await;
    browser
        .wait_for("[data-testid=chat-item] [data-testid=unread]", PATIENT)
        .await;
    let poor = browser
        .client
        .execute(CONTRAST, vec![])
        .await
        .expect("script");
    assert_eq!(poor, serde_json::json!([]), "text below 4.5:1");
    browser.close().await;
}

/// Every piece of secondary text on the page whose contrast with the background behind it
/// is below 4.5:1, as `[selector, text, ratio]`.
const CONTRAST: &str = r#"
const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const behind = (el) => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const selectors = [".muted", ".chat-preview", ".chat-time", "[data-testid=unread]", ".message-meta", ".day-separator span",
  ".window-pill", ".window-state", ".note-by", ".sent-by", ".quote strong", ".presence", ".message .text a"];
const poor = [];
for (const sel of selectors) {
  for (const el of document.querySelectorAll(sel)) {
    if (!el.textContent.trim() || !el.getClientRects().length) continue;
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(behind(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) poor.push([sel, el.textContent.trim().slice(0, 40), Math.round(ratio * 100) / 100]);
  }
}
return poor;
"#;

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn web_links_in_messages_open_in_a_new_tab_and_nothing_else_is_a_link() {
    web_links(false).await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_web_links_in_messages_open_in_a_new_tab() {
    web_links(true).await;
}

async fn web_links(phone: bool) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let text =
        "Mi pedido: https://example.com/pedido?id=7 (o www.tienda.com.ar). javascript:alert(1)";
    relay
        .customer_writes(CUSTOMER, "wamid.link", text, 30)
        .await;
    let browser = Browser::start_at(phone).await;
    log_in(&browser, &relay).await;
    browser.click(&chat_item()).await;
    browser
        .wait_for("[data-testid=message] [data-testid=link]", PATIENT)
        .await;
    let links = browser
        .client
        .execute(
            "return [...document.querySelectorAll('[data-testid=message] a')].map(a => \
               [a.getAttribute('href'), a.target, a.rel, a.textContent]);",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(
        links,
        serde_json::json!([
            [
                "https://example.com/pedido?id=7",
                "_blank",
                "noopener noreferrer",
                "https://example.com/pedido?id=7"
            ],
            [
                "https://www.tienda.com.ar",
                "_blank",
                "noopener noreferrer",
                "www.tienda.com.ar"
            ],
        ])
    );
    // The words around the links are all still there.
    let shown = browser
        .text_of("[data-testid=message] [data-testid=message-body]")
        .await;
    assert_eq!(shown, text);
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_page_put_away_ends_its_members_presence() {
    presence_follows_the_page(false).await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_a_page_put_away_ends_its_members_presence() {
    presence_follows_the_page(true).await;
}

/// A page kept in the back/forward cache (or a phone's browser put in the background) keeps
/// its socket unless the app closes it on `pagehide`: its member must not seem to stay. When
/// the page comes back, so does what the member has open.
async fn presence_follows_the_page(phone: bool) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    relay
        .customer_writes(CUSTOMER, "wamid.here", "Hola", 30)
        .await;
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    let bruno = relay
        .login_as("bruno", &switchboard_tests::relay::member_password("bruno"))
        .await;
    let mut feed = switchboard_tests::feed::Feed::connect(relay.addr, &bruno.cookie, 0).await;
    feed.backlog().await;
    let chat = format!("{LINE}:{CUSTOMER}");
    let browser = Browser::start_at(phone).await;
    log_in(&browser, &relay).await;
    browser.click(&chat_item()).await;
    let mut until = async |what: &str, wanted: &dyn Fn(&serde_json::Value) -> bool| loop {
        let presence = feed
            .next_presence(PATIENT)
            .await
            .unwrap_or_else(|| panic!("no presence frame with {what}"));
        if wanted(&presence) {
            return;
        }
    };
    until("the admin viewing the chat", &|p| {
        p["chats"][&chat]["admin"] == "viewing"
    })
    .await;
    // The browser puts the page away (persisted: it may come back from the cache).
    browser
        .script(
            "window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })); return true;",
        )
        .await;
    until("the admin gone", &|p| {
        p["chats"].get(&chat).is_none()
            && !p["online"]
                .as_array()
                .is_some_and(|online| online.contains(&"admin".into()))
    })
    .await;
    // It comes back: the feed opens again, and the admin is in the chat again.
    browser
        .script(
            "window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })); return true;",
        )
        .await;
    until("the admin back in the chat", &|p| {
        p["chats"][&chat]["admin"] == "viewing"
    })
    .await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_numbers_usernames_and_saved_forms_read_right() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start_at(true).await;
    log_in(&browser, &relay).await;

    // The Sandbox line's number is written with one plus.
    browser
        .client
        .goto(&relay.url("/simulator"))
        .await
        .expect("open the simulator");
    browser
        .wait_for("[data-testid=sim-line] option", PATIENT)
        .await;
    let line = browser.text_of("[data-testid=sim-line] option").await;
    assert!(line.ends_with("(+1 555 0100)"), "{line}");

    // The username pattern works in Chrome: a space is refused, a valid name is not.
    browser
        .client
        .goto(&relay.url("/admin"))
        .await
        .expect("open admin");
    let field = browser.wait_for("input[name=new-username]", PATIENT).await;
    let mismatch =
        "return document.querySelector('input[name=new-username]').validity.patternMismatch";
    field.send_keys("Ana Lima").await.expect("type");
    assert_eq!(
        browser.script(mismatch).await,
        serde_json::Value::Bool(true)
    );
    field.clear().await.expect("clear");
    field.send_keys("ana.lima").await.expect("type");
    assert_eq!(
        browser.script(mismatch).await,
        serde_json::Value::Bool(false)
    );

    // Saved is said in the success style, not the warning's.
    browser
        .client
        .goto(&relay.url("/quick-replies"))
        .await
        .expect("quick replies");
    browser
        .type_into("[data-testid=quick-reply-shortcut]", "horario")
        .await;
    browser
        .type_into("[data-testid=quick-reply-body]", "Abrimos de 9 a 18h.")
        .await;
    browser.click("[data-testid=quick-reply-save]").await;
    let saved = browser
        .wait_for(".quick-replies-page [data-testid=outcome-ok]", PATIENT)
        .await;
    assert_eq!(
        saved.attr("class").await.expect("class").as_deref(),
        Some("notice success")
    );
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn a_message_that_may_not_have_been_sent_says_so_and_can_be_sent_again() {
    unconfirmed_and_sent_again(false).await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_a_message_that_may_not_have_been_sent_says_so_and_can_be_sent_again() {
    unconfirmed_and_sent_again(true).await;
}

/// Meta's answer to a send is lost: the relay does not send it again by itself; after the
/// grace period (0 minutes here) the agent is told it may not have been sent, and chooses.
async fn unconfirmed_and_sent_again(phone: bool) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), |c| {
        c.sending.unconfirmed_after_minutes = 0;
    })
    .await;
    relay
        .customer_writes(CUSTOMER, "wamid.u1", "Hola", 30)
        .await;
    let browser = Browser::start_at(phone).await;
    log_in(&browser, &relay).await;
    browser.click(&chat_item()).await;
    // Opening the chat marks it read and typing shows the customer "typing…"; then the
    // answer to the send is lost.
    browser
        .type_into("[data-testid=composer]", "¿Le llegó el pedido?")
        .await;
    switchboard_tests::wait_for("the typing indicator", async || {
        graph
            .requests()
            .iter()
            .any(|r| r.body.get("typing_indicator").is_some())
    })
    .await;
    graph.answer_next_without_id();
    browser.click("[data-testid=send]").await;
    let unsure = "[data-testid=message][data-direction=outbound][data-status=unconfirmed]";
    browser.wait_for(unsure, PATIENT).await;
    let advice = browser.text_of(&format!("{unsure} .failure-advice")).await;
    assert!(advice.contains("may or may not have reached"), "{advice}");
    let sends = || {
        graph
            .requests()
            .iter()
            .filter(|r| r.body["text"]["body"] == "¿Le llegó el pedido?")
            .count()
    };
    assert_eq!(sends(), 1, "not sent again by itself");
    browser
        .click(&format!("{unsure} [data-testid=retry]"))
        .await;
    browser
        .wait_for(
            "[data-testid=message][data-direction=outbound][data-status=accepted]",
            PATIENT,
        )
        .await;
    assert_eq!(sends(), 2, "sent again because the agent chose to");
    browser.close().await;
}
