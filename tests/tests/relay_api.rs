//! The relay over real HTTP on a loopback port, with a fake Graph API: webhooks, the event
//! log, sessions, commands and sending. No browser.

use std::time::Duration;
use switchboard_tests::{
    LINE, PHONE_NUMBER_ID, VERIFY_TOKEN, graph::FakeGraph, relay::TestRelay, wait_for, webhook,
};

const CUSTOMER: &str = "5511999990000";

async fn relay() -> (TestRelay, FakeGraph) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    (relay, graph)
}

#[tokio::test]
async fn health_is_public() {
    let (relay, _) = relay().await;
    let body = reqwest::get(relay.url("/healthz"))
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert_eq!(body, "ok");
}

#[tokio::test]
async fn webhook_verification_echoes_challenge_only_for_the_right_token() {
    let (relay, _) = relay().await;
    let url = |token: &str, mode: &str| {
        relay.url(&format!(
            "/webhooks/whatsapp?hub.mode={mode}&hub.verify_token={token}&hub.challenge=1158201444"
        ))
    };
    let ok = reqwest::get(url(VERIFY_TOKEN, "subscribe"))
        .await
        .expect("get");
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.expect("text"), "1158201444");
    assert_eq!(
        reqwest::get(url("wrong", "subscribe"))
            .await
            .expect("get")
            .status(),
        403
    );
    assert_eq!(
        reqwest::get(url(VERIFY_TOKEN, "unsubscribe"))
            .await
            .expect("get")
            .status(),
        403
    );
}

#[tokio::test]
async fn unsigned_or_badly_signed_webhook_is_refused_and_nothing_stored() {
    let (relay, _) = relay().await;
    let body = webhook::text(
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Ana",
        "wamid.bad",
        "Hola",
        1_700_000_000,
    );
    let client = reqwest::Client::new();
    let unsigned = client
        .post(relay.url("/webhooks/whatsapp"))
        .body(body.clone())
        .send()
        .await
        .expect("post");
    assert_eq!(unsigned.status(), 401);
    let forged = client
        .post(relay.url("/webhooks/whatsapp"))
        .header(
            "x-hub-signature-256",
            webhook::sign("not-the-secret", body.as_bytes()),
        )
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 401);
    let error: serde_json::Value = forged.json().await.expect("json");
    assert_eq!(error["code"], "bad_signature");
    assert!(
        relay
            .login()
            .await
            .events_from_webhooks_and_agents()
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn duplicate_webhook_is_stored_once() {
    let (relay, _) = relay().await;
    let body = webhook::text(
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Ana",
        "wamid.dup",
        "Hola",
        1_700_000_000,
    );
    assert_eq!(relay.post_webhook(&body).await.status(), 200);
    assert_eq!(relay.post_webhook(&body).await.status(), 200);
    let events = relay.login().await.events_from_webhooks_and_agents().await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["event"]["type"], "message_received");
    assert_eq!(events[0]["event"]["line"], LINE);
    assert_eq!(events[0]["event"]["profile_name"], "Ana");
}

#[tokio::test]
async fn oversized_webhook_gets_413() {
    let (relay, _) = relay().await;
    let body = format!("{{\"pad\":\"{}\"}}", "x".repeat(3 * 1024 * 1024));
    assert_eq!(relay.post_webhook(&body).await.status(), 413);
}

#[tokio::test]
async fn signed_but_unreadable_webhook_is_kept_and_acknowledged() {
    let (relay, _) = relay().await;
    let body = r#"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"emoji":"x",}}]}]}"#;
    assert_eq!(relay.post_webhook(body).await.status(), 200);
    let events = relay.login().await.events_from_webhooks_and_agents().await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["event"]["type"], "webhook_unreadable");
    assert_eq!(events[0]["event"]["body"], body);
}

#[tokio::test]
async fn event_feed_and_commands_require_a_session() {
    let (relay, _) = relay().await;
    let client = reqwest::Client::new();
    let feed = client
        .get(relay.url("/api/events?since=0"))
        .send()
        .await
        .expect("get");
    assert_eq!(feed.status(), 401);
    let forged = client
        .get(relay.url("/api/events?since=0"))
        .header("cookie", "sb_session=not-a-session")
        .send()
        .await
        .expect("get");
    assert_eq!(forged.status(), 401);
    let command = client
        .post(relay.url("/api/commands"))
        .json(&serde_json::json!({"id":"c1","command":{"type":"send_text","chat":"ventas:1","body":"x"}}))
        .send()
        .await
        .expect("post");
    assert_eq!(command.status(), 401);
}

#[tokio::test]
async fn wrong_password_gets_a_generic_error() {
    let (relay, _) = relay().await;
    let client = reqwest::Client::new();
    for (user, password) in [("admin", "wrong"), ("nobody", "wrong")] {
        let response = client
            .post(relay.url("/api/session"))
            .json(&serde_json::json!({"username": user, "password": password}))
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 401);
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["code"], "invalid_credentials");
        assert_eq!(body["message"], "Wrong username or password.");
    }
    let malformed = client
        .post(relay.url("/api/session"))
        .body("{")
        .header("content-type", "application/json");
    assert_eq!(malformed.send().await.expect("post").status(), 400);
}

#[tokio::test]
async fn cross_site_command_is_refused() {
    let (relay, _) = relay().await;
    let session = relay.login().await;
    let response = session
        .post("/api/commands")
        .header("origin", "https://evil.example")
        .json(&serde_json::json!({"id":"c1","command":{"type":"send_text","chat":"ventas:1","body":"x"}}))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn reply_reaches_graph_api_and_status_webhooks_advance_it() {
    let (relay, graph) = relay().await;
    let now = webhook::unix_now();
    relay
        .customer_writes(CUSTOMER, "wamid.in1", "Hola", 0)
        .await;
    let session = relay.login().await;
    let chat = format!("{LINE}:{CUSTOMER}");
    let (status, _) = session
        .send_text("cmd-1", &chat, "¡Hola Ana! ¿En qué te ayudo?")
        .await;
    assert_eq!(status, 200);
    // Repeating the command id is harmless: it is not queued twice.
    assert_eq!(
        session
            .send_text("cmd-1", &chat, "¡Hola Ana! ¿En qué te ayudo?")
            .await
            .0,
        200
    );

    wait_for("the Graph API request", async || {
        !graph.requests().is_empty()
    })
    .await;
    let requests = graph.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].path,
        format!("/v25.0/{PHONE_NUMBER_ID}/messages")
    );
    assert_eq!(
        requests[0].authorization.as_deref(),
        Some("Bearer EAAtest-token")
    );
    assert_eq!(requests[0].body["to"], CUSTOMER);
    assert_eq!(requests[0].body["type"], "text");
    assert_eq!(
        requests[0].body["text"]["body"],
        "¡Hola Ana! ¿En qué te ayudo?"
    );

    session.wait_for_event("outbound_accepted").await;
    for (status, twice) in [("delivered", true), ("read", false), ("delivered", false)] {
        let body = webhook::status(PHONE_NUMBER_ID, "wamid.fake.1", status, CUSTOMER, now);
        relay.post_webhook(&body).await;
        if twice {
            relay.post_webhook(&body).await;
        }
    }
    let events = session.events().await;
    let statuses: Vec<_> = events
        .iter()
        .filter(|e| e["event"]["type"] == "status_updated")
        .map(|e| e["event"]["status"].as_str().unwrap_or_default().to_owned())
        .collect();
    // The duplicate delivered is stored once; the late one was already stored.
    assert_eq!(statuses, vec!["delivered", "read"]);
    assert_eq!(
        graph.requests().len(),
        1,
        "the repeated command must not send twice"
    );
}

#[tokio::test]
async fn permanent_meta_error_is_stored_with_advice_and_not_retried() {
    let (relay, graph) = relay().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 0).await;
    let session = relay.login().await;
    graph.fail_next(
        reqwest::StatusCode::BAD_REQUEST,
        131_026,
        "Message undeliverable",
        "Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.",
    );
    session
        .send_text("cmd-f", &format!("{LINE}:{CUSTOMER}"), "Olá")
        .await;
    session.wait_for_event("outbound_failed").await;
    let events = session.events().await;
    let failed = events
        .iter()
        .find(|e| e["event"]["type"] == "outbound_failed")
        .expect("failed");
    assert_eq!(failed["event"]["failure"]["code"], 131_026);
    assert!(
        failed["event"]["failure"]["advice"]
            .as_str()
            .unwrap_or_default()
            .contains("another way")
    );
    assert_eq!(graph.requests().len(), 1);
}

#[tokio::test]
async fn retryable_meta_error_is_retried_until_accepted() {
    let (relay, graph) = relay().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 0).await;
    let session = relay.login().await;
    graph.fail_next(
        reqwest::StatusCode::INTERNAL_SERVER_ERROR,
        131_000,
        "Something went wrong",
        "",
    );
    session
        .send_text("cmd-r", &format!("{LINE}:{CUSTOMER}"), "Olá")
        .await;
    session.wait_for_event("outbound_accepted").await;
    assert_eq!(graph.requests().len(), 2);
}

#[tokio::test]
async fn free_text_outside_the_window_is_refused_before_sending() {
    let (relay, graph) = relay().await;
    let two_days_ago = webhook::unix_now() - 48 * 3600;
    relay
        .post_webhook(&webhook::text(
            PHONE_NUMBER_ID,
            CUSTOMER,
            "Ana",
            "wamid.old",
            "Oi",
            two_days_ago,
        ))
        .await;
    let session = relay.login().await;
    let (status, body) = session
        .send_text("cmd-w", &format!("{LINE}:{CUSTOMER}"), "Olá")
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "window_closed");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("template")
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn queued_messages_are_sent_after_a_restart() {
    let (mut relay, graph) = relay().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 0).await;
    graph.hold();
    let session = relay.login().await;
    session
        .send_text("cmd-q", &format!("{LINE}:{CUSTOMER}"), "Olá")
        .await;
    relay.stop().await;
    graph.release();
    relay.restart().await;
    let session = relay.login().await;
    session.wait_for_event("outbound_accepted").await;
}

#[tokio::test]
async fn sandbox_line_works_without_meta() {
    let (relay, graph) = relay().await;
    let session = relay.login().await;
    let response = session
        .post("/api/sandbox/sandbox/messages")
        .json(&serde_json::json!({"from": "+55 11 99999-0000", "name": "Ana", "text": "Oi!"}))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 204);
    session
        .send_text("cmd-s", "sandbox:5511999990000", "Olá, Ana")
        .await;
    wait_for("sandbox delivery", async || {
        session
            .events()
            .await
            .iter()
            .any(|e| e["event"]["status"] == "delivered")
    })
    .await;
    let events = session.events().await;
    let wamid = events
        .iter()
        .find(|e| e["event"]["type"] == "outbound_accepted")
        .and_then(|e| e["event"]["wamid"].as_str())
        .expect("accepted")
        .to_owned();
    let read = session
        .post("/api/sandbox/sandbox/read")
        .json(&serde_json::json!({"wamids": [wamid]}))
        .send()
        .await
        .expect("post");
    assert_eq!(read.status(), 204);
    let events = session.events().await;
    assert!(events.iter().any(|e| e["event"]["status"] == "read"));
    assert!(graph.requests().is_empty(), "the Sandbox never calls Meta");
    let bad = session
        .post("/api/sandbox/sandbox/messages")
        .json(&serde_json::json!({"from": "12", "text": "x"}))
        .send()
        .await
        .expect("post");
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn throughput_error_waits_for_retry_after_before_sending_again() {
    let (relay, graph) = relay().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 0).await;
    let session = relay.login().await;
    graph.fail_next_with_retry_after(
        reqwest::StatusCode::TOO_MANY_REQUESTS,
        Some(1),
        130_429,
        "Rate limit hit",
        "Cloud API message throughput has been reached.",
    );
    session
        .send_text("cmd-t", &format!("{LINE}:{CUSTOMER}"), "Olá")
        .await;
    session.wait_for_event("outbound_accepted").await;
    let requests = graph.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests[1].at - requests[0].at >= Duration::from_secs(1),
        "retried {:?} after a Retry-After of 1 s",
        requests[1].at - requests[0].at
    );
}

#[tokio::test]
async fn a_customers_messages_go_out_in_order_while_others_are_not_held_up() {
    let (relay, graph) = relay().await;
    let now = webhook::unix_now();
    let other = "5511988887777";
    relay.customer_writes(CUSTOMER, "wamid.a", "Oi", 0).await;
    relay
        .post_webhook(&webhook::text(
            PHONE_NUMBER_ID,
            other,
            "Bruno",
            "wamid.b",
            "Oi",
            now,
        ))
        .await;
    let session = relay.login().await;
    // Ana's first message hits the pair limit and waits 1 s before its retry.
    graph.fail_next(
        reqwest::StatusCode::BAD_REQUEST,
        131_056,
        "Pair rate limit hit",
        "Too many messages to this user.",
    );
    for (id, to, text) in [
        ("a1", CUSTOMER, "primeira"),
        ("a2", CUSTOMER, "segunda"),
        ("b1", other, "para Bruno"),
    ] {
        assert_eq!(
            session.send_text(id, &format!("{LINE}:{to}"), text).await.0,
            200
        );
    }
    session.wait_for_events("outbound_accepted", 3).await;
    let order: Vec<String> = graph
        .requests()
        .iter()
        .map(|r| {
            r.body["text"]["body"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let anas: Vec<&str> = order
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "para Bruno")
        .collect();
    assert_eq!(
        anas,
        vec!["primeira", "primeira", "segunda"],
        "Ana's messages keep their order"
    );
    let bruno = order
        .iter()
        .position(|t| t == "para Bruno")
        .expect("Bruno's message was sent");
    assert!(
        bruno < 2,
        "Bruno's message waited for Ana's retry: {order:?}"
    );
}
