//! Who a message is from and where a reply goes, through a real relay and the fake Graph
//! API: a WhatsApp group is its own chat and is answered by group messaging; a customer
//! known by a phone number and a business-scoped user id (BSUID), or who changed id, keeps
//! one chat, and replies go to the id they last used.

use serde_json::Value;
use switchboard_tests::{
    LINE,
    graph::FakeGraph,
    relay::TestRelay,
    wait_for,
    webhook::{self, fixture},
};

const GROUP: &str = "120363418770915618@g.us";

async fn sent(graph: &FakeGraph, n: usize) -> Value {
    wait_for("the Graph API request", async || graph.requests().len() > n).await;
    graph.requests()[n].body.clone()
}

#[tokio::test]
async fn a_group_is_its_own_chat_answered_in_the_group_with_receipts_per_member() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let session = relay.login().await;
    let posted = relay
        .post_webhook(&fixture("group_text.json").to_string())
        .await;
    assert_eq!(posted.status(), 200);
    let received = session.wait_for_event("message_received").await;
    assert_eq!(received["event"]["contact"], GROUP);
    assert_eq!(received["event"]["participant"]["name"], "Tiago Mingo");

    // Tiago has no private chat: a reply there would be refused, not sent to him alone.
    let (status, answer) = session
        .send_text("c-private", &format!("{LINE}:16505551234"), "¿Solo a ti?")
        .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (422, Some("unknown_chat")),
        "the group message made no private chat: {answer}"
    );

    let (status, answer) = session
        .send_text("c-group", &format!("{LINE}:{GROUP}"), "El viernes a las 10")
        .await;
    assert_eq!(status, 200, "{answer}");
    let request = sent(&graph, 0).await;
    assert_eq!(request["recipient_type"], "group");
    assert_eq!(request["to"], GROUP);
    assert_eq!(graph.requests().len(), 1, "one message, to the group only");

    let accepted = session.wait_for_event("outbound_accepted").await;
    let wamid = accepted["event"]["wamid"]
        .as_str()
        .expect("wamid")
        .to_owned();
    let mut statuses = fixture("group_status_read.json");
    for status in statuses["entry"][0]["changes"][0]["value"]["statuses"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        status["id"] = Value::from(wamid.clone());
    }
    relay.post_webhook(&statuses.to_string()).await;
    relay.post_webhook(&statuses.to_string()).await;
    let reports = session.wait_for_events("status_updated", 2).await;
    let members: Vec<_> = reports
        .iter()
        .map(|r| {
            (
                r["event"]["status"].as_str().unwrap_or_default().to_owned(),
                r["event"]["participant"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("read".to_owned(), "16505551234".to_owned()),
            ("delivered".to_owned(), "5215512345678".to_owned())
        ],
        "one report per member, a redelivery stored once"
    );
    assert!(reports.iter().all(|r| r["event"]["at"].as_i64().is_some()));
}

#[tokio::test]
async fn a_customer_with_a_phone_and_a_user_id_keeps_one_chat_and_replies_follow_them() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let session = relay.login().await;
    let phone = "5215512345678";
    let bsuid = "MX.13491208655302741918";
    // First seen with both ids …
    let now = webhook::unix_now();
    let mut both: Value = serde_json::from_str(&webhook::text(
        switchboard_tests::PHONE_NUMBER_ID,
        phone,
        "Ana",
        "wamid.both",
        "Hola",
        now,
    ))
    .expect("JSON");
    both["entry"][0]["changes"][0]["value"]["contacts"][0]["user_id"] = Value::from(bsuid);
    relay.post_webhook(&both.to_string()).await;
    // … then by the user id alone: she took a username and hid her number.
    relay
        .post_webhook(&fixture("bsuid_only.json").to_string())
        .await;
    session.wait_for_events("message_received", 2).await;

    let (status, answer) = session
        .send_text("c1", &format!("{LINE}:{phone}"), "¿En qué te ayudo?")
        .await;
    assert_eq!(status, 200, "{answer}");
    let request = sent(&graph, 0).await;
    assert_eq!(
        request["recipient"], bsuid,
        "the reply goes to the id she last wrote from"
    );
    assert_eq!(request.get("to"), None);

    // The chat of the user id is the same chat, not a second one.
    let (status, answer) = session
        .send_text("c2", &format!("{LINE}:{bsuid}"), "¿Hola?")
        .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (422, Some("unknown_chat")),
        "no second chat was made for the user id: {answer}"
    );
}

#[tokio::test]
async fn a_sender_only_in_contacts_and_their_changed_user_id_stay_in_one_chat() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let session = relay.login().await;
    relay
        .post_webhook(&fixture("sender_in_contacts_only.json").to_string())
        .await;
    relay
        .post_webhook(&fixture("system_user_changed_user_id.json").to_string())
        .await;
    let events = session.wait_for_events("message_received", 2).await;
    assert_eq!(events[0]["event"]["contact"], "BR.55443322110099887766");
    assert_eq!(events[0]["event"]["profile_name"], "Bea");
    assert_eq!(events[1]["event"]["body"]["kind"], "user_changed_user_id");

    let (status, answer) = session
        .send_text(
            "c1",
            &format!("{LINE}:BR.55443322110099887766"),
            "Sim, amanhã",
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        sent(&graph, 0).await["recipient"],
        "BR.11112222333344445555",
        "after the notice, replies go to her new id"
    );
}
