//! Crash safety on the real binary: webhooks are posted concurrently while the relay is
//! killed with SIGKILL, three times; every webhook it acknowledged is in the log afterwards.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::Duration,
};
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, APP_SECRET, PHONE_NUMBER_ID, graph::FakeGraph, process::RelayProcess,
    relay::Session, webhook,
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
