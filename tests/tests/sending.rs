//! Sending every kind of message through the relay to the fake Graph API, which checks each
//! request against Meta's shapes; mark-as-read, uploads, template sync and line alerts.

use serde_json::{Value, json};
use std::time::Duration;
use switchboard_tests::{
    LINE,
    graph::FakeGraph,
    relay::{Session, TestRelay},
    wait_for, webhook,
};

const CUSTOMER: &str = "5511999990000";

async fn ready() -> (TestRelay, FakeGraph, Session) {
    let graph = FakeGraph::start().await;
    graph.add_template(json!({
        "name": "pedido_enviado", "language": "es_MX", "status": "APPROVED", "category": "UTILITY", "id": "778",
        "components": [{"type": "BODY", "text": "Hola {{1}}, tu pedido {{2}} va en camino."}]
    }));
    let relay = TestRelay::start(&graph.base_url()).await;
    let session = relay.login().await;
    (relay, graph, session)
}

async fn command(session: &Session, id: &str, command: Value) -> (u16, Value) {
    let response = session
        .post("/api/commands")
        .json(&json!({ "id": id, "command": command }))
        .send()
        .await
        .expect("post");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

/// The body of the n-th request the fake received at `/…/messages`.
async fn sent(graph: &FakeGraph, n: usize) -> Value {
    wait_for("the Graph API request", async || graph.requests().len() > n).await;
    graph.requests()[n].body.clone()
}

fn chat() -> String {
    format!("{LINE}:{CUSTOMER}")
}

#[tokio::test]
async fn template_goes_out_after_the_window_closed_with_its_parameters() {
    let (relay, graph, session) = ready().await;
    relay
        .customer_writes(CUSTOMER, "wamid.old", "Oi", 3 * 24 * 3600)
        .await;
    let (status, body) = command(
        &session,
        "sync",
        json!({"type": "send_text", "chat": chat(), "body": "hola"}),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("window_closed"))
    );
    let response = session
        .post(&format!("/api/lines/{LINE}/templates/sync"))
        .send()
        .await
        .expect("sync");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.expect("json")["templates"],
        1
    );
    let (status, _) = command(
        &session,
        "t1",
        json!({"type": "send_template", "chat": chat(), "name": "pedido_enviado", "language": "es_MX",
               "values": {"body": {"1": "Ana", "2": "#4312"}}}),
    )
    .await;
    assert_eq!(status, 200);
    let request = sent(&graph, 0).await;
    assert_eq!(request["type"], "template");
    assert_eq!(
        request["template"],
        json!({"name": "pedido_enviado", "language": {"code": "es_MX"},
               "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "#4312"}]}]})
    );
    let (status, body) = command(
        &session,
        "t2",
        json!({"type": "send_template", "chat": chat(), "name": "pedido_enviado", "language": "es_MX", "values": {"body": {"1": "Ana"}}}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "template_refused");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("{{2}}"),
        "{body}"
    );
}

#[tokio::test]
async fn media_interactive_reaction_and_reply_take_metas_shapes() {
    let (relay, graph, session) = ready().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 60).await;
    let commands = [
        json!({"type": "send_media", "chat": chat(), "media": "4490709327384033", "mime_type": "application/pdf",
               "caption": "Tu factura", "filename": "factura.pdf"}),
        json!({"type": "send_media", "chat": chat(), "media": "https://cdn.example/foto.jpg", "mime_type": "image/jpeg"}),
        json!({"type": "send_interactive", "chat": chat(), "message": {"body": "¿Qué necesitas?",
               "action": {"type": "buttons", "buttons": [{"id": "ventas", "title": "Ventas"}, {"id": "soporte", "title": "Soporte"}]}}}),
        json!({"type": "send_interactive", "chat": chat(), "message": {"body": "Elige", "action": {"type": "list", "button": "Opciones",
               "sections": [{"title": "Pedidos", "rows": [{"id": "r1", "title": "Rastrear", "description": "Dónde está mi pedido"}]}]}}}),
        json!({"type": "send_reaction", "chat": chat(), "target": "wamid.in1", "emoji": "👍"}),
        json!({"type": "send_text", "chat": chat(), "body": "Respondo a esto", "reply_to": "wamid.in1"}),
    ];
    for (i, c) in commands.iter().enumerate() {
        let (status, body) = command(&session, &format!("c{i}"), c.clone()).await;
        assert_eq!(status, 200, "{c}: {body}");
    }
    session.wait_for_events("outbound_accepted", 6).await;
    let bodies: Vec<Value> = graph.requests().into_iter().map(|r| r.body).collect();
    let of = |kind: &str| {
        bodies
            .iter()
            .filter(|b| b["type"] == kind)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of("document")[0]["document"],
        json!({"id": "4490709327384033", "caption": "Tu factura", "filename": "factura.pdf"})
    );
    assert_eq!(
        of("image")[0]["image"],
        json!({"link": "https://cdn.example/foto.jpg"})
    );
    let interactive = of("interactive");
    assert_eq!(
        interactive[0]["interactive"]["action"]["buttons"][1],
        json!({"type": "reply", "reply": {"id": "soporte", "title": "Soporte"}})
    );
    assert_eq!(interactive[1]["interactive"]["type"], "list");
    assert_eq!(
        of("reaction")[0]["reaction"],
        json!({"message_id": "wamid.in1", "emoji": "👍"})
    );
    assert_eq!(of("text")[0]["context"], json!({"message_id": "wamid.in1"}));
}

#[tokio::test]
async fn invalid_interactive_and_media_are_refused_before_queueing() {
    let (relay, graph, session) = ready().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 60).await;
    let four = json!({"type": "send_interactive", "chat": chat(), "message": {"body": "x", "action": {"type": "buttons",
        "buttons": [{"id": "1", "title": "a"}, {"id": "2", "title": "b"}, {"id": "3", "title": "c"}, {"id": "4", "title": "d"}]}}});
    let (status, body) = command(&session, "i4", four).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("interactive_refused"))
    );
    let gif = json!({"type": "send_media", "chat": chat(), "media": "1", "mime_type": "image/gif"});
    let (status, body) = command(&session, "gif", gif).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("media_refused"))
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn opening_a_chat_marks_it_read_with_typing_indicator() {
    let (relay, graph, session) = ready().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 60).await;
    relay.customer_writes(CUSTOMER, "wamid.in2", "Oi", 30).await;
    let (status, _) = command(
        &session,
        "read1",
        json!({"type": "mark_read", "chat": chat(), "typing": true}),
    )
    .await;
    assert_eq!(status, 200);
    let request = sent(&graph, 0).await;
    assert_eq!(
        request,
        json!({"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.in2", "typing_indicator": {"type": "text"}})
    );
    let events = session.events().await;
    assert!(
        events
            .iter()
            .any(|e| e["event"]["type"] == "chat_read" && e["event"]["up_to"] == "wamid.in2")
    );
}

#[tokio::test]
async fn upload_checks_limits_then_sends_the_file_to_meta() {
    let (_relay, graph, session) = ready().await;
    let pdf = b"%PDF-1.4 factura".to_vec();
    let response = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "application/pdf")
        // Percent-encoded, as the app sends it: a header holds only ASCII.
        .header("x-filename", "factura%20n%C2%BA%203.pdf")
        .body(pdf.clone())
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 200);
    let uploaded: Value = response.json().await.expect("json");
    assert_eq!(uploaded["kind"], "document");
    let uploads = graph.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploaded["id"], uploads[0].id);
    assert_eq!(uploads[0].bytes, pdf);
    assert_eq!(uploads[0].mime_type, "application/pdf");
    assert_eq!(uploads[0].filename, "factura nº 3.pdf");

    let too_big = vec![0u8; 5 * 1024 * 1024 + 1];
    let response = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "image/jpeg")
        .body(too_big)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 413);
    let error: Value = response.json().await.expect("json");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("images up to 5 MB"),
        "{error}"
    );
    let html = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "text/html")
        .body("<p>")
        .send()
        .await
        .expect("upload");
    assert_eq!(html.status(), 400);
    assert_eq!(graph.uploads().len(), 1, "refused files never reach Meta");
}

#[tokio::test]
async fn template_sync_follows_paging_and_template_webhooks_refresh_it() {
    let graph = FakeGraph::start().await;
    for i in 0..150 {
        graph.add_template(json!({"name": format!("t{i}"), "language": "pt_BR", "status": "APPROVED", "category": "MARKETING",
            "id": i.to_string(), "components": [{"type": "BODY", "text": "Oi"}]}));
    }
    let relay = TestRelay::start(&graph.base_url()).await;
    let session = relay.login().await;
    let synced = async || {
        session
            .events()
            .await
            .iter()
            .filter(|e| e["event"]["type"] == "templates_synced")
            .map(|e| e["event"]["templates"].as_array().map_or(0, Vec::len))
            .collect::<Vec<_>>()
    };
    // The relay syncs at start: 150 templates over two pages.
    wait_for("the start-up sync", async || synced().await == vec![150]).await;
    graph.set_template_status("t7", "PAUSED");
    let update = json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "time": 1, "changes": [{
        "field": "message_template_status_update", "value": {"event": "PAUSED", "message_template_id": 7,
        "message_template_name": "t7", "message_template_language": "pt_BR", "reason": null}}]}]});
    // Within the debounce interval the webhook does not spend another management call
    // (the review itself is stored and applied: t7 is paused at once)…
    assert_eq!(relay.post_webhook(&update.to_string()).await.status(), 200);
    session.wait_for_event("template_reviewed").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(synced().await, vec![150]);
    // …but an agent's explicit sync does, and stores what changed without a webhook.
    graph.set_template_status("t9", "REJECTED");
    let response = session
        .post(&format!("/api/lines/{LINE}/templates/sync"))
        .send()
        .await
        .expect("sync");
    assert_eq!(response.status(), 200);
    assert_eq!(synced().await, vec![150, 150]);
    let events = session.events().await;
    let last = events
        .iter()
        .rev()
        .find(|e| e["event"]["type"] == "templates_synced")
        .expect("synced");
    let t7 = last["event"]["templates"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["name"] == "t7"))
        .expect("t7");
    assert_eq!(t7["status"], "PAUSED");
    let t9 = last["event"]["templates"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["name"] == "t9"))
        .expect("t9");
    assert_eq!(t9["status"], "REJECTED");
}

#[tokio::test]
async fn token_error_raises_a_line_alert_that_clears_when_sending_works_again() {
    let (relay, graph, session) = ready().await;
    relay.customer_writes(CUSTOMER, "wamid.in1", "Oi", 60).await;
    graph.fail_next(
        reqwest::StatusCode::UNAUTHORIZED,
        190,
        "Error validating access token",
        "Session has expired.",
    );
    command(
        &session,
        "a1",
        json!({"type": "send_text", "chat": chat(), "body": "uno"}),
    )
    .await;
    session.wait_for_event("line_alert_raised").await;
    let events = session.events().await;
    let alert = events
        .iter()
        .find(|e| e["event"]["type"] == "line_alert_raised")
        .expect("alert");
    assert_eq!(alert["event"]["code"], 190);
    assert!(
        alert["event"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("access token")
    );
    let failed = events
        .iter()
        .find(|e| e["event"]["type"] == "outbound_failed")
        .expect("failed");
    assert!(
        failed["event"]["failure"]["advice"]
            .as_str()
            .unwrap_or_default()
            .contains("token")
    );
    let body = serde_json::to_string(&events).expect("json");
    assert!(
        !body.contains("EAAtest-token"),
        "the token never reaches the feed"
    );
    command(
        &session,
        "a2",
        json!({"type": "send_text", "chat": chat(), "body": "dos"}),
    )
    .await;
    session.wait_for_event("line_alert_cleared").await;
}

#[tokio::test]
async fn two_lines_are_routed_by_phone_number_id_and_use_their_own_token() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        let mut second = config
            .lines
            .iter()
            .find(|l| l.id.as_str() == LINE)
            .cloned()
            .expect("meta line");
        second.id = switchboard_domain::LineId::new("soporte");
        second.name = "Soporte".into();
        second.phone_number_id = "200000000000001".into();
        second.access_token = "EAAsecond-token".into();
        config.lines.push(second);
    })
    .await;
    let session = relay.login().await;
    let now = webhook::unix_now();
    relay
        .post_webhook(&webhook::text(
            "200000000000001",
            CUSTOMER,
            "Ana",
            "wamid.s1",
            "Soporte?",
            now,
        ))
        .await;
    relay
        .customer_writes(CUSTOMER, "wamid.v1", "Ventas?", 0)
        .await;
    let events = session.events().await;
    let lines: Vec<&str> = events
        .iter()
        .filter(|e| e["event"]["type"] == "message_received")
        .filter_map(|e| e["event"]["line"].as_str())
        .collect();
    assert_eq!(lines, vec!["soporte", "ventas"]);
    command(
        &session,
        "s",
        json!({"type": "send_text", "chat": format!("soporte:{CUSTOMER}"), "body": "Hola"}),
    )
    .await;
    wait_for("the send", async || !graph.requests().is_empty()).await;
    let request = &graph.requests()[0];
    assert_eq!(request.path, "/v25.0/200000000000001/messages");
    assert_eq!(
        request.authorization.as_deref(),
        Some("Bearer EAAsecond-token")
    );
}
