//! Crash safety on the real binary: webhooks are posted concurrently while the relay is
//! killed with SIGKILL, three times; every webhook it acknowledged is in the log afterwards.
//! And a message Meta may already have when the relay is killed is never sent twice, even
//! across three kills in the middle of 2 000 replies.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::Duration,
};
use switchboard_domain::{CommandId, DeliveryStatus, EventRecord, State, apply};
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, APP_SECRET, LINE, PHONE_NUMBER_ID, graph::FakeGraph,
    process::RelayProcess, relay::Session, wait_for, webhook,
};

/// Posts single-message webhooks from `clients` tasks until told to stop; returns the wamids
/// the relay acknowledged with 200.
fn post_until(
    url: String,
    round: usize,
    clients: usize,
    acked: Arc<Mutex<HashSet<String>>>,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..clients)
        .map(|c| {
            let (url, acked, stop) = (url.clone(), Arc::clone(&acked), stop.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                for i in 0.. {
                    if *stop.borrow() {
                        return;
                    }
                    let wamid = format!("wamid.crash.{round}.{c}.{i}");
                    let body = webhook::text(
                        PHONE_NUMBER_ID,
                        &format!("5511977{c:02}{:04}", i % 10_000),
                        "Cliente",
                        &wamid,
                        "oi",
                        webhook::unix_now(),
                    );
                    let signed = webhook::sign(APP_SECRET, body.as_bytes());
                    let answer = client
                        .post(&url)
                        .header("x-hub-signature-256", signed)
                        .body(body)
                        .send()
                        .await;
                    match answer {
                        Ok(response) if response.status() == 200 => {
                            acked.lock().expect("acked").insert(wamid);
                        }
                        Ok(_) => {}
                        // The relay is gone: this round is over for this client.
                        Err(_) => return,
                    }
                }
            })
        })
        .collect()
}

#[tokio::test]
async fn every_acknowledged_webhook_survives_sigkill() {
    let graph = FakeGraph::start().await;
    let mut relay = RelayProcess::start(&graph.base_url()).await;
    let acked = Arc::new(Mutex::new(HashSet::new()));
    for (round, after_ms) in [(0usize, 350u64), (1, 120), (2, 600)] {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let clients = post_until(
            relay.url("/webhooks/whatsapp"),
            round,
            8,
            Arc::clone(&acked),
            stopped,
        );
        tokio::time::sleep(Duration::from_millis(after_ms)).await;
        relay.restart_after_kill().await;
        let _ = stop.send(true);
        for client in clients {
            let _ = client.await;
        }
    }
    let acked = acked.lock().expect("acked").clone();
    assert!(
        acked.len() > 100,
        "too few webhooks were acknowledged: {}",
        acked.len()
    );
    // Read the whole log back as the admin.
    let admin = Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await;
    let stored: HashSet<String> = admin
        .all_events()
        .await
        .iter()
        .filter_map(|e| e["event"]["wamid"].as_str().map(str::to_owned))
        .collect();
    let lost: Vec<&String> = acked.difference(&stored).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged webhooks were lost, e.g. {:?}",
        lost.len(),
        acked.len(),
        lost.iter().take(3).collect::<Vec<_>>()
    );
}

async fn post_signed(url: String, body: String) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(url)
        .header(
            "x-hub-signature-256",
            webhook::sign(APP_SECRET, body.as_bytes()),
        )
        .body(body)
        .send()
        .await
        .expect("post a webhook")
        .status()
}

/// The Cloud API has no idempotency key: a message handed to Meta just before the relay is
/// killed must not go out again when it restarts. It is in doubt, then unconfirmed once the
/// grace period passes (0 minutes here), and Meta's status naming it by its callback data
/// settles it as sent.
#[tokio::test]
async fn a_message_meta_may_already_have_is_not_sent_again_after_sigkill() {
    let graph = FakeGraph::start().await;
    let mut relay = RelayProcess::start_with(
        &graph.base_url(),
        "\n[sending]\nunconfirmed_after_minutes = 0\n",
    )
    .await;
    let customer = "5511988887777";
    let inbound = webhook::text(
        PHONE_NUMBER_ID,
        customer,
        "Rita",
        "wamid.crash.in",
        "¿Y mi pedido?",
        webhook::unix_now(),
    );
    assert_eq!(
        post_signed(relay.url("/webhooks/whatsapp"), inbound).await,
        200
    );
    let admin = Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await;
    admin.wait_for_event("message_received").await;
    let chat = format!("{LINE}:{customer}");

    // Meta has the request but has not answered when the relay dies.
    graph.hold();
    let (status, answer) = admin.send_text("c-crash", &chat, "Salió hoy").await;
    assert_eq!(status, 200, "{answer}");
    wait_for("the request to reach Meta", async || {
        graph.arrived().len() == 1
    })
    .await;
    relay.restart_after_kill().await;
    graph.release();

    // After the restart it is not sent again: the next message is the only new request.
    let admin = Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await;
    admin.wait_for_event("outbound_unconfirmed").await;
    let (status, answer) = admin.send_text("c-after", &chat, "¿Algo más?").await;
    assert_eq!(status, 200, "{answer}");
    admin.wait_for_event("outbound_accepted").await;
    let arrived = graph.arrived();
    let texts: Vec<_> = arrived.iter().map(|b| b["text"]["body"].clone()).collect();
    assert_eq!(texts, ["Salió hoy", "¿Algo más?"], "sent once each");
    assert_eq!(arrived[0]["biz_opaque_callback_data"], "sb1:c-crash");

    // Meta did have it: its status, naming the message by its callback data, settles it.
    let mut sent: serde_json::Value = serde_json::from_str(&webhook::status(
        PHONE_NUMBER_ID,
        "wamid.crash.out",
        "sent",
        customer,
        webhook::unix_now(),
    ))
    .expect("JSON");
    sent["entry"][0]["changes"][0]["value"]["statuses"][0]["biz_opaque_callback_data"] =
        arrived[0]["biz_opaque_callback_data"].clone();
    assert_eq!(
        post_signed(relay.url("/webhooks/whatsapp"), sent.to_string()).await,
        200
    );
    admin.wait_for_event("status_updated").await;
    let mut state = State::default();
    for record in admin.all_events().await {
        let record: EventRecord = serde_json::from_value(record).expect("a stored record");
        apply(&mut state, &record);
    }
    let message = state
        .message_by_command(&CommandId::new("c-crash"))
        .expect("the message");
    assert_eq!(message.status, Some(DeliveryStatus::Sent));
    assert_eq!(
        message.wamid.as_ref().map(|w| w.as_str()),
        Some("wamid.crash.out")
    );
}

/// 2 000 replies go out while the relay is killed three times at random moments: Meta gets
/// each at most once, and every one ends accepted, failed or unconfirmed; none is lost or
/// left waiting.
#[tokio::test]
async fn two_thousand_replies_each_reach_meta_at_most_once_across_three_sigkills() {
    const REPLIES: usize = 2_000;
    const POSTERS: usize = 8;
    let graph = FakeGraph::start().await;
    let mut relay = RelayProcess::start_with(
        &graph.base_url(),
        "throughput = 250\n\n[sending]\nunconfirmed_after_minutes = 0\n",
    )
    .await;
    // Each customer writes first, so a reply is allowed.
    let customer = |i: usize| format!("55118{i:08}");
    for n in 0..REPLIES / 50 {
        let body = webhook::texts(
            PHONE_NUMBER_ID,
            "kill",
            n * 50..(n + 1) * 50,
            webhook::unix_now(),
            customer,
        );
        assert_eq!(
            post_signed(relay.url("/webhooks/whatsapp"), body).await,
            200
        );
    }
    let admin = Arc::new(Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await);

    // The agents' replies, each posted until the relay takes it (it is down now and then;
    // the command id makes a repeat harmless).
    let posters: Vec<_> = (0..POSTERS)
        .map(|p| {
            let admin = Arc::clone(&admin);
            tokio::spawn(async move {
                for i in (p..REPLIES).step_by(POSTERS) {
                    let command = serde_json::json!({
                        "id": format!("reply-{i}"),
                        "command": { "type": "send_text", "chat": format!("{LINE}:{}", customer(i)), "body": format!("resposta {i}") },
                    });
                    loop {
                        let answer = admin.post("/api/commands").json(&command).send().await;
                        match answer {
                            Ok(response) if response.status() == 200 => break,
                            Ok(response) if response.status() != 503 => {
                                panic!("reply {i} refused: {}", response.text().await.unwrap_or_default())
                            }
                            _ => tokio::time::sleep(Duration::from_millis(50)).await,
                        }
                    }
                }
            })
        })
        .collect();

    // Three kills, each after a random number more of the replies have reached Meta.
    let seed = {
        use std::hash::{BuildHasher, Hasher};
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
            | 1
    };
    println!("kill points from seed {seed}");
    let mut random = seed;
    let mut next = |below: u64| {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        usize::try_from(random % below).unwrap_or(0)
    };
    for base in [100, 700, 1300] {
        let at = base + next(400);
        let reached = tokio::time::timeout(Duration::from_secs(120), async {
            while graph.request_count() < at {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
        .await;
        assert!(reached.is_ok(), "sending stalled before {at} requests");
        println!(
            "SIGKILL after {} requests reached Meta",
            graph.request_count()
        );
        relay.restart_after_kill().await;
    }
    for poster in posters {
        poster.await.expect("a poster");
    }

    // Every reply reaches a final state.
    let mut state = State::default();
    let mut open = REPLIES;
    for _ in 0..1200 {
        state = State::default();
        for record in admin.all_events().await {
            let record: EventRecord = serde_json::from_value(record).expect("a stored record");
            apply(&mut state, &record);
        }
        open = (0..REPLIES)
            .filter(|i| {
                state
                    .message_by_command(&CommandId::new(format!("reply-{i}")))
                    .is_none_or(|m| matches!(m.status, None | Some(DeliveryStatus::Queued)))
            })
            .count();
        if open == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(open, 0, "replies never settled");
    let mut ends = std::collections::BTreeMap::<&str, usize>::new();
    let mut end_of = std::collections::HashMap::new();
    for i in 0..REPLIES {
        let message = state
            .message_by_command(&CommandId::new(format!("reply-{i}")))
            .expect("the reply");
        let end = match message.status {
            Some(DeliveryStatus::Failed) => "failed",
            Some(DeliveryStatus::Unconfirmed) => "unconfirmed",
            Some(_) if message.wamid.is_some() => "accepted",
            other => panic!("reply {i} ended {other:?} without a wamid"),
        };
        *ends.entry(end).or_default() += 1;
        end_of.insert(format!("sb1:reply-{i}"), end);
    }
    println!("how the replies ended: {ends:?}");

    // Meta received each at most once, each accepted one exactly once, and nothing that
    // ended failed or was never attempted.
    let mut received = std::collections::HashMap::<String, usize>::new();
    for body in graph.arrived() {
        let callback = body["biz_opaque_callback_data"]
            .as_str()
            .unwrap_or_default();
        *received.entry(callback.to_owned()).or_default() += 1;
    }
    let twice: Vec<_> = received.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    for (callback, end) in &end_of {
        let arrived = received.contains_key(callback);
        match *end {
            "accepted" => assert!(arrived, "{callback} accepted but never sent"),
            "failed" => assert!(!arrived, "{callback} failed after reaching Meta"),
            _ => {}
        }
    }
    assert!(
        received.keys().all(|c| end_of.contains_key(c)),
        "Meta received something nobody sent"
    );
}
