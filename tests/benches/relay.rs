//! `cargo xtask bench`: the relay's figures, printed as a table. Not a test: nothing here
//! passes or fails.
//!
//! - Signed webhook ingest through the real HTTP server into SQLite, batched; the same
//!   machine's HMAC-SHA256 + JSON parse rate for the same payloads (the ceiling).
//! - Acknowledgement latency at a fixed 500 requests/s.
//! - Send pacing against the fake Graph API (which answers 130429 past the rate) at 80 and
//!   1 000 messages/s.
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
    APP_SECRET, LINE, PHONE_NUMBER_ID, graph::FakeGraph, relay::TestRelay, webhook,
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
            |_| Some(line.clone()),
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
            &format!("wamid.lat.{i}"),
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
    let (p50, p99, acked) = latency_at(&relay, 500, 10).await;

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
