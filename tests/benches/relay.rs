//! `cargo xtask bench`: the relay's figures, printed as a table. Not a test: nothing here
//! passes or fails.
//!
//! - Signed webhook ingest through the real HTTP server into SQLite, batched; the same
//!   machine's HMAC-SHA256 + JSON parse rate for the same payloads (the ceiling).
//! - Acknowledgement latency at a fixed 500 requests/s.
//! - Send pacing against the fake Graph API (which answers 130429 past the rate) at 80 and
//!   1 000 messages/s.
//! - Single-message webhook ingest at 8 and 64 connections, beside a minimal receiver on the
//!   same HTTP stack (axum on hyper) that verifies and parses but stores nothing.
//! - An authenticated request's and a webhook's latency during a flood of 500 bad logins.
//! - The relay's memory while 300 connections send unsigned (and falsely signed) 3 MB bodies.
//! - Peak memory (RSS) of the process, which holds the relay, the fake and the load.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time"
)]

use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use switchboard_relay::whatsapp::{signature, webhook as parser};
use switchboard_tests::{
    APP_SECRET, LINE, PHONE_NUMBER_ID, feed::Feed, graph::FakeGraph, relay::TestRelay, webhook,
};
use tokio::sync::Semaphore;

const BATCH: usize = 100;

/// A webhook body carrying `count` text messages with fresh wamids, each from another
/// customer.
fn batch(tag: &str, first: usize, count: usize, timestamp: i64) -> String {
    webhook::texts(PHONE_NUMBER_ID, tag, first..first + count, timestamp, |i| {
        format!("5511{:09}", i % 1_000_000_000)
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ceiling(bodies: &[String]) -> f64 {
    let signed: Vec<(String, &String)> = bodies
        .iter()
        .map(|b| (signature::sign(APP_SECRET, b.as_bytes()), b))
        .collect();
    let line = switchboard_domain::LineId::new(LINE);
    let start = Instant::now();
    let mut events = 0usize;
    for (header, body) in &signed {
        assert!(signature::verify(APP_SECRET, body.as_bytes(), header));
        events += parser::parse(
            body.as_bytes(),
            |_: &str| Some(line.clone()),
            switchboard_domain::Timestamp(0),
        )
        .map_or(0, |e| e.len());
    }
    events as f64 / start.elapsed().as_secs_f64()
}

async fn ingest(relay: &TestRelay, bodies: Vec<String>) -> (f64, usize) {
    let client = reqwest::Client::new();
    let url = relay.url("/webhooks/whatsapp");
    let permits = Arc::new(Semaphore::new(8));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for body in bodies {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .expect("semaphore");
        let (client, url) = (client.clone(), url.clone());
        let header = signature::sign(APP_SECRET, body.as_bytes());
        tasks.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .header("x-hub-signature-256", header)
                .body(body)
                .send()
                .await;
            drop(permit);
            response.is_ok_and(|r| r.status() == 200)
        }));
    }
    let mut ok = 0;
    for task in tasks {
        ok += usize::from(task.await.unwrap_or(false));
    }
    ((ok * BATCH) as f64 / start.elapsed().as_secs_f64(), ok)
}

async fn latency_at(
    relay: &TestRelay,
    tag: &str,
    per_second: u64,
    seconds: u64,
) -> (Duration, Duration, usize) {
    let client = reqwest::Client::new();
    let url = relay.url("/webhooks/whatsapp");
    let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / per_second));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = Vec::new();
    let now = webhook::unix_now();
    for i in 0..(per_second * seconds) as usize {
        ticker.tick().await;
        let body = webhook::text(
            PHONE_NUMBER_ID,
            "5511900000001",
            "Lat",
            &format!("wamid.lat.{tag}.{i}"),
            "oi",
            now,
        );
        let header = signature::sign(APP_SECRET, body.as_bytes());
        let (client, url) = (client.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let start = Instant::now();
            let ok = client
                .post(url)
                .header("x-hub-signature-256", header)
                .body(body)
                .send()
                .await
                .is_ok_and(|r| r.status() == 200);
            ok.then(|| start.elapsed())
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for task in tasks {
        if let Ok(Some(latency)) = task.await {
            latencies.push(latency);
        }
    }
    latencies.sort();
    (
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.len(),
    )
}

/// Webhook acks while a browser replays a 100 000-event log from the start, again and
/// again, beside the same load with nobody replaying: (quiet p50, p99), (replaying p50,
/// p99), replays finished.
async fn acks_during_backlog_replay() -> ((Duration, Duration), (Duration, Duration), usize) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let now = webhook::unix_now();
    let bodies: Vec<String> = (0..100_000 / BATCH)
        .map(|i| batch("backlog", i * BATCH, BATCH, now))
        .collect();
    ingest(&relay, bodies).await;
    let (quiet50, quiet99, _) = latency_at(&relay, "before-replay", 200, 5).await;

    let admin = relay.login().await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (addr, cookie) = (relay.addr, admin.cookie.clone());
    let replays = tokio::spawn(async move {
        let mut done = 0;
        while !*stopped.borrow() {
            let mut feed = Feed::connect(addr, &cookie, 0).await;
            let events = feed.backlog().await;
            assert!(events.len() >= 100_000, "a short backlog: {}", events.len());
            done += 1;
        }
        done
    });
    // Let the first replay get going before measuring.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (busy50, busy99, _) = latency_at(&relay, "during-replay", 200, 5).await;
    let _ = stop.send(true);
    let replays = replays.await.unwrap_or(0);
    ((quiet50, quiet99), (busy50, busy99), replays)
}

/// Queues `rate * seconds` replies to distinct customers and measures what reaches the fake.
/// What reached the fake: the rate over the whole run, the rate once all replies were
/// queued (the bench's own HTTP load no longer competing for the 2 cores), how many were
/// sent, and how many the fake answered 130429.
struct Pacing {
    overall: f64,
    steady: f64,
    sent: usize,
    throttled: usize,
}

async fn pacing(rate: u32, seconds: u32) -> Pacing {
    let graph = FakeGraph::start().await;
    graph.enforce_rate(rate as usize);
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        config
            .lines
            .iter_mut()
            .filter(|l| l.id.as_str() == LINE)
            .for_each(|l| l.throughput = rate);
    })
    .await;
    let total = (rate * seconds) as usize;
    let now = webhook::unix_now();
    let bodies: Vec<String> = (0..total)
        .step_by(BATCH)
        .map(|i| batch("pace", i, BATCH.min(total - i), now))
        .collect();
    ingest(&relay, bodies).await;
    // Replies are queued faster than the line may send them, so the queue never runs dry.
    let session = Arc::new(relay.login().await);
    let permits = Arc::new(Semaphore::new(16));
    let mut tasks = Vec::new();
    let queueing = Instant::now();
    for i in 0..total {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .expect("semaphore");
        let session = Arc::clone(&session);
        tasks.push(tokio::spawn(async move {
            let chat = format!("{LINE}:5511{:09}", i % 1_000_000_000);
            session
                .send_text(&format!("pace-{i}"), &chat, "Obrigado pelo contato!")
                .await;
            drop(permit);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let queued_at = tokio::time::Instant::now();
    eprintln!(
        "queued {total} replies in {:.1} s; {} sent meanwhile",
        queueing.elapsed().as_secs_f64(),
        graph.request_count()
    );
    let deadline = Instant::now() + Duration::from_secs(u64::from(seconds) * 3 + 10);
    while graph.request_count() < total && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let requests = graph.requests();
    // The rate between the first and the last accepted request (of all, then of those sent
    // after queueing ended).
    let rate_of = |times: &[tokio::time::Instant]| match (times.first(), times.last()) {
        (Some(first), Some(last)) if times.len() > 1 => {
            (times.len() - 1) as f64 / (*last - *first).as_secs_f64()
        }
        _ => 0.0,
    };
    let times: Vec<tokio::time::Instant> = requests.iter().map(|r| r.at).collect();
    let after: Vec<tokio::time::Instant> =
        times.iter().copied().filter(|t| *t >= queued_at).collect();
    Pacing {
        overall: rate_of(&times),
        steady: rate_of(&after),
        sent: requests.len(),
        throttled: graph.throttled(),
    }
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Single-message webhooks posted by `connections` clients for `seconds`: acknowledged per
/// second.
async fn single_message_rate(url: String, connections: usize, seconds: u64) -> f64 {
    let stop = Instant::now() + Duration::from_secs(seconds);
    let now = webhook::unix_now();
    let tasks: Vec<_> = (0..connections)
        .map(|c| {
            let url = url.clone();
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut acked = 0usize;
                let mut i = 0usize;
                while Instant::now() < stop {
                    let body = webhook::text(
                        PHONE_NUMBER_ID,
                        &format!("55119{c:03}{:05}", i % 100_000),
                        "Uno",
                        &format!("wamid.single.{connections}.{c}.{i}"),
                        "oi",
                        now,
                    );
                    i += 1;
                    let header = signature::sign(APP_SECRET, body.as_bytes());
                    let ok = client
                        .post(&url)
                        .header("x-hub-signature-256", header)
                        .body(body)
                        .send()
                        .await
                        .is_ok_and(|r| r.status() == 200);
                    acked += usize::from(ok);
                }
                acked
            })
        })
        .collect();
    let mut acked = 0;
    for task in tasks {
        acked += task.await.unwrap_or(0);
    }
    acked as f64 / seconds as f64
}

/// The least a receiver can do on the same HTTP stack: verify the signature and parse the
/// body, storing nothing.
async fn minimal_receiver() -> String {
    use axum::{body::Bytes, http::HeaderMap, http::StatusCode, routing::post};
    let line = switchboard_domain::LineId::new(LINE);
    let app = axum::Router::new().route(
        "/webhooks/whatsapp",
        post(move |headers: HeaderMap, body: Bytes| {
            let line = line.clone();
            async move {
                let header = headers
                    .get("x-hub-signature-256")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                if !signature::verify(APP_SECRET, &body, header) {
                    return StatusCode::UNAUTHORIZED;
                }
                match parser::parse(
                    &body,
                    |_: &str| Some(line.clone()),
                    switchboard_domain::Timestamp(0),
                ) {
                    Ok(_) => StatusCode::OK,
                    Err(_) => StatusCode::BAD_REQUEST,
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}/webhooks/whatsapp",
        listener.local_addr().expect("addr")
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// p50 and p99 of an authenticated request and of a webhook while 500 bad logins are in
/// flight (from 50 addresses of 127.0.0.0/8, 10 each).
async fn during_login_flood(relay: &TestRelay) -> (Duration, Duration, Duration, Duration) {
    let session = Arc::new(relay.login().await);
    let flood: Vec<_> = (0..500u32)
        .map(|i| {
            let url = relay.url("/api/session");
            tokio::spawn(async move {
                let source = std::net::IpAddr::from([127, 0, 1, u8::try_from(i % 50 + 2).unwrap_or(2)]);
                let client = reqwest::Client::builder()
                    .local_address(source)
                    .build()
                    .expect("client");
                let _ = client
                    .post(url)
                    .json(&serde_json::json!({ "username": format!("guess{i}"), "password": "wrong-password-1" }))
                    .send()
                    .await;
            })
        })
        .collect();
    let mut authed = Vec::new();
    let mut hooks = Vec::new();
    let now = webhook::unix_now();
    for i in 0..40 {
        let start = Instant::now();
        let _ = session.get("/api/lines").send().await;
        authed.push(start.elapsed());
        let body = webhook::text(
            PHONE_NUMBER_ID,
            "5511900000002",
            "Flood",
            &format!("wamid.flood.{i}"),
            "oi",
            now,
        );
        let start = Instant::now();
        let _ = relay.post_webhook(&body).await;
        hooks.push(start.elapsed());
    }
    for task in flood {
        let _ = task.await;
    }
    authed.sort();
    hooks.sort();
    (
        percentile(&authed, 0.5),
        percentile(&authed, 0.99),
        percentile(&hooks, 0.5),
        percentile(&hooks, 0.99),
    )
}

/// The process's largest resident size while `connections` clients each send a 3 MB
/// webhook body slowly, unsigned or with a wrong signature, and its size before.
async fn memory_under_big_bodies(
    relay: &TestRelay,
    connections: usize,
    signed: bool,
) -> (f64, f64) {
    use tokio::io::AsyncWriteExt;
    static BODY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let body: &'static [u8] = BODY.get_or_init(|| vec![b' '; 3_000_000]);
    let before = rss_mib();
    let signature = if signed {
        "X-Hub-Signature-256: sha256=00\r\n"
    } else {
        ""
    };
    let head = format!(
        "POST /webhooks/whatsapp HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n{signature}Content-Length: {}\r\n\r\n",
        body.len()
    );
    let addr = relay.addr;
    let tasks: Vec<_> = (0..connections)
        .map(|i| {
            let head = head.clone();
            tokio::spawn(async move {
                let socket = tokio::net::TcpSocket::new_v4().expect("socket");
                let source =
                    std::net::IpAddr::from([127, 0, 2, u8::try_from(i % 200 + 2).unwrap_or(2)]);
                socket
                    .bind(std::net::SocketAddr::new(source, 0))
                    .expect("bind");
                let Ok(mut stream) = socket.connect(addr).await else {
                    return;
                };
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for chunk in body.chunks(64 * 1024) {
                    if stream.write_all(chunk).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            })
        })
        .collect();
    let mut peak = before;
    while tasks.iter().any(|t| !t.is_finished()) {
        peak = peak.max(rss_mib());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (before, peak)
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` asks for test names; there are none.
    }
    println!(
        "Switchboard relay benchmark (release build, {} cores)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let now = webhook::unix_now();

    let bodies: Vec<String> = (0..300)
        .map(|i| batch("ingest", i * BATCH, BATCH, now))
        .collect();
    let ceiling = ceiling(&bodies);
    let (ingested, posts) = ingest(&relay, bodies).await;
    let (p50, p99, acked) = latency_at(&relay, "quiet", 500, 10).await;

    let minimal = minimal_receiver().await;
    let single: Vec<(usize, f64, f64)> = {
        let mut rows = Vec::new();
        for connections in [8, 64] {
            let durable =
                single_message_rate(relay.url("/webhooks/whatsapp"), connections, 5).await;
            let bare = single_message_rate(minimal.clone(), connections, 5).await;
            rows.push((connections, durable, bare));
        }
        rows
    };
    // Memory first: the login flood's password hashes would raise the peak for what follows.
    let unsigned = memory_under_big_bodies(&relay, 300, false).await;
    let falsely_signed = memory_under_big_bodies(&relay, 300, true).await;
    let (auth50, auth99, hook50, hook99) = during_login_flood(&relay).await;

    let (quiet, replaying, replays) = acks_during_backlog_replay().await;

    let paced = [
        (80.0, pacing(80, 10).await),
        (1000.0, pacing(1000, 10).await),
    ];

    println!("| measure | value |");
    println!("|---|---|");
    println!(
        "| webhook ingest, durable ({BATCH} messages per POST, 8 concurrent, {posts} POSTs) | {ingested:.0} events/s |"
    );
    println!("| HMAC-SHA256 + JSON parse, same payloads (ceiling) | {ceiling:.0} events/s |");
    println!("| ingest / ceiling | {:.1} % |", 100.0 * ingested / ceiling);
    println!(
        "| ack latency at 500 requests/s for 10 s ({acked} acked) | p50 {:.2} ms, p99 {:.2} ms |",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
    for (connections, durable, bare) in single {
        println!(
            "| single-message webhooks, {connections} connections: durable relay / minimal receiver (verify + parse, no store) | {durable:.0} / {bare:.0} acks/s ({:.0} %) |",
            100.0 * durable / bare
        );
    }
    println!(
        "| during 500 bad logins: authenticated request | p50 {:.1} ms, p99 {:.1} ms |",
        auth50.as_secs_f64() * 1e3,
        auth99.as_secs_f64() * 1e3
    );
    println!(
        "| during 500 bad logins: webhook ack | p50 {:.1} ms, p99 {:.1} ms |",
        hook50.as_secs_f64() * 1e3,
        hook99.as_secs_f64() * 1e3
    );
    println!(
        "| RSS while 300 connections send unsigned 3 MB bodies | {:.0} MiB before, {:.0} MiB at most |",
        unsigned.0, unsigned.1
    );
    println!(
        "| RSS while 300 connections send falsely signed 3 MB bodies | {:.0} MiB before, {:.0} MiB at most |",
        falsely_signed.0, falsely_signed.1
    );
    println!(
        "| ack latency at 200 requests/s, 100 000 events stored, nobody replaying | p50 {:.2} ms, p99 {:.2} ms |",
        quiet.0.as_secs_f64() * 1e3,
        quiet.1.as_secs_f64() * 1e3
    );
    println!(
        "| the same while a browser replays the 100 000-event backlog ({replays} replays) | p50 {:.2} ms, p99 {:.2} ms ({:.1}× the quiet p99) |",
        replaying.0.as_secs_f64() * 1e3,
        replaying.1.as_secs_f64() * 1e3,
        replaying.1.as_secs_f64() / quiet.1.as_secs_f64().max(1e-9)
    );
    for (target, p) in paced {
        println!(
            "| send pacing at {target:.0} msg/s for 10 s ({} sent) | {:.1} msg/s ({:+.2} %); once all were queued {:.1} msg/s ({:+.2} %); 130429 answers: {} |",
            p.sent,
            p.overall,
            100.0 * (p.overall - target) / target,
            p.steady,
            100.0 * (p.steady - target) / target,
            p.throttled
        );
    }
    println!(
        "| peak RSS of the process (relay + fake Graph API + load) | {:.1} MiB |",
        peak_rss_mib()
    );
}
