//! Working as a team through the relay: private notes never reach WhatsApp. (Resolving and
//! reopening are folds of the log, tested in `domain::inbox`.)

use serde_json::json;
use std::time::Duration;
use switchboard_tests::{LINE, graph::FakeGraph, relay::TestRelay};

const CUSTOMER: &str = "5511987654321";

#[tokio::test]
async fn a_private_note_stays_in_the_team_and_never_reaches_whatsapp() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    relay
        .customer_writes(CUSTOMER, "wamid.n1", "¿Mi pedido?", 10)
        .await;
    let chat = format!("{LINE}:{CUSTOMER}");
    admin.wait_for_event("message_received").await;
    let before = graph.request_count();
    let note = json!({ "type": "add_note", "chat": chat, "body": "@bruno este cliente ya pagó" });
    let (status, _) = admin.command("note-1", note).await;
    assert_eq!(status, 200);
    let added = admin.wait_for_event("note_added").await;
    assert_eq!(added["event"]["mentions"], json!(["bruno"]));
    // A reply afterwards is sent; the note never is.
    assert_eq!(
        admin
            .send_text("reply-1", &chat, "¡Ya lo revisamos!")
            .await
            .0,
        200
    );
    admin.wait_for_event("outbound_accepted").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent: Vec<String> = graph.requests()[before..]
        .iter()
        .map(|r| r.body.to_string())
        .collect();
    assert!(
        sent.iter().any(|b| b.contains("Ya lo revisamos")),
        "{sent:?}"
    );
    assert!(
        sent.iter().all(|b| !b.contains("pagó")),
        "the note went out: {sent:?}"
    );
    // An empty note is refused like an empty message.
    let (status, body) = admin
        .command(
            "note-2",
            json!({ "type": "add_note", "chat": chat, "body": "  " }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("empty_message"))
    );
}
