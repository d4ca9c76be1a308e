//! The relay under hostile traffic, on a real relay on loopback: slow and idle connections,
//! unsigned bodies, bad positions in the log, feeds that should end, and the headers every
//! answer carries. Attackers connect from 127.0.0.2 so the relay sees them as another
//! address than the team (127.0.0.1).

use std::{
    net::{IpAddr, SocketAddr},
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};
use switchboard_tests::{
    APP_SECRET, PHONE_NUMBER_ID, feed::Feed, graph::FakeGraph, relay::TestRelay, webhook,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
};

const ATTACKER: [u8; 4] = [127, 0, 0, 2];

async fn relay_with(adjust: impl FnOnce(&mut switchboard_relay::config::Config)) -> TestRelay {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), adjust).await;
    // The fake must outlive the test's relay; leaking one per test is fine.
    std::mem::forget(graph);
    relay
}

/// A TCP connection to the relay from `source`.
async fn connect_from(source: [u8; 4], relay: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket
        .bind(SocketAddr::new(IpAddr::from(source), 0))
        .expect("bind the source address");
    socket.connect(relay).await.expect("connect")
}

/// What the relay says on `stream` until it closes or stays quiet for `wait`.
async fn read_answer(stream: &mut TcpStream, wait: Duration) -> String {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout(wait, stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) | Err(_) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buffer[..n]),
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// True once the relay has closed `stream` (reads end), within `wait`.
async fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
            Err(_) => return false,
        }
    }
}

#[tokio::test]
async fn half_sent_requests_from_one_address_leave_everyone_else_served() {
    let relay = relay_with(|c| {
        c.limits.connections_per_address = 20;
        c.limits.header_seconds = 1;
    })
    .await;
    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut stream = connect_from(ATTACKER, relay.addr).await;
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: relay\r\nX-Slow: ")
            .await
            .expect("half a request");
        slow.push(stream);
    }
    // The attacker's next connection is refused at once, with a reason.
    let mut one_more = connect_from(ATTACKER, relay.addr).await;
    let refused = read_answer(&mut one_more, Duration::from_secs(5)).await;
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused:?}");
    assert!(refused.contains("Retry-After"), "{refused:?}");
    // The team is served meanwhile.
    let health = reqwest::get(relay.url("/healthz")).await.expect("health");
    assert_eq!(health.status(), 200);
    // Headers that never finish are cut off by the header timeout.
    for stream in &mut slow {
        assert!(
            closed_within(stream, Duration::from_secs(10)).await,
            "a half-sent request was kept open"
        );
    }
}

#[tokio::test]
async fn idle_connections_and_stalled_bodies_are_closed() {
    let relay = relay_with(|c| {
        c.limits.idle_seconds = 1;
        c.limits.body_seconds = 1;
    })
    .await;
    let mut idle = connect_from(ATTACKER, relay.addr).await;
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: relay\r\n\r\n")
        .await
        .expect("request");
    assert!(
        closed_within(&mut idle, Duration::from_secs(10)).await,
        "an idle keep-alive connection stayed open"
    );
    let mut stalled = connect_from(ATTACKER, relay.addr).await;
    stalled
        .write_all(b"POST /api/session HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user")
        .await
        .expect("part of a body");
    assert!(
        closed_within(&mut stalled, Duration::from_secs(10)).await,
        "a body that stopped arriving kept its connection"
    );
}

#[tokio::test]
async fn an_unsigned_webhook_is_refused_before_its_body_is_read() {
    let relay = relay_with(|_| {}).await;
    let mut stream = connect_from(ATTACKER, relay.addr).await;
    stream
        .write_all(
            b"POST /webhooks/whatsapp HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n",
        )
        .await
        .expect("headers only");
    let answer = read_answer(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer:?}");
    assert!(answer.contains("bad_signature"), "{answer:?}");
}

#[tokio::test]
async fn unverified_bodies_share_a_memory_budget_and_the_rest_wait_with_503() {
    let relay = relay_with(|c| c.limits.unverified_body_mb = 3).await;
    let head = "POST /webhooks/whatsapp HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: 3000000\r\n\r\n{";
    let mut first = connect_from(ATTACKER, relay.addr).await;
    first.write_all(head.as_bytes()).await.expect("first");
    // The first body holds the whole budget while it trickles in.
    let mut busy = String::new();
    for _ in 0..100 {
        let mut second = connect_from(ATTACKER, relay.addr).await;
        second.write_all(head.as_bytes()).await.expect("second");
        busy = read_answer(&mut second, Duration::from_millis(500)).await;
        if busy.starts_with("HTTP/1.1 503") {
            break;
        }
    }
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy:?}");
    assert!(busy.to_lowercase().contains("retry-after: 5"), "{busy:?}");
    assert!(busy.contains("\"busy\""), "{busy:?}");
    // A signed webhook of the team's still goes through once the budget is free again.
    drop(first);
    let body = webhook::text(PHONE_NUMBER_ID, "5511999990000", "Ana", "wamid.h1", "Oi", 1);
    let mut accepted = 0;
    for _ in 0..100 {
        if relay.post_webhook(&body).await.status() == 200 {
            accepted += 1;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(accepted, 1);
}

#[tokio::test]
async fn a_position_beyond_the_log_is_a_bad_request() {
    let relay = relay_with(|_| {}).await;
    let admin = relay.login().await;
    for since in ["18446744073709551615", "9223372036854775808", "-1", "abc"] {
        let response = admin
            .get(&format!("/api/events?since={since}"))
            .send()
            .await
            .expect("events");
        assert_eq!(response.status(), 400, "since={since}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["code"], "bad_request", "since={since}");
    }
    let fine = admin
        .get("/api/events?since=9223372036854775807")
        .send()
        .await
        .expect("events");
    assert_eq!(fine.status(), 200);
}

/// Log lines written while a test runs, for the test that reads them.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    Arc::clone(LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&logs);
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter("switchboard_relay=warn")
            .with_ansi(false)
            .with_writer(move || Sink(Arc::clone(&sink)))
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        logs
    }))
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn refused_signatures_are_logged_with_the_address_a_few_lines_at_a_time() {
    let logs = captured_logs();
    let relay = relay_with(|_| {}).await;
    let client = reqwest::Client::new();
    for _ in 0..30 {
        let response = client
            .post(relay.url("/webhooks/whatsapp"))
            .header("x-hub-signature-256", "sha256=00")
            .body("{}")
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 401);
    }
    let text = String::from_utf8_lossy(&logs.lock().expect("logs")).into_owned();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("webhook refused: bad signature"))
        .collect();
    assert!(!lines.is_empty(), "no log line: {text}");
    assert!(lines[0].contains("address=127.0.0.1"), "{}", lines[0]);
    assert!(
        lines.len() <= 5,
        "30 refusals wrote {} lines: not rate-limited",
        lines.len()
    );
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let relay = relay_with(|_| {}).await;
    for path in ["/", "/api/session", "/healthz", "/chats/x"] {
        let response = reqwest::get(relay.url(path)).await.expect("get");
        let headers = response.headers();
        let policy = headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("script-src 'self'"), "{path}: {policy}");
        assert!(!policy.contains("'unsafe-inline' 'self' 'wasm"), "{path}");
        assert!(
            !policy.contains("script-src 'self' 'unsafe-inline'"),
            "{path}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
    }
}

/// `count` customer messages, posted as signed webhooks of 500 each.
async fn backlog_of(relay: &TestRelay, count: usize) {
    for start in (0..count).step_by(500) {
        let body = webhook::texts(
            PHONE_NUMBER_ID,
            "backlog",
            start..(start + 500).min(count),
            webhook::unix_now(),
            |i| format!("55119{:08}", i % 50),
        );
        let signed = webhook::sign(APP_SECRET, body.as_bytes());
        let response = reqwest::Client::new()
            .post(relay.url("/webhooks/whatsapp"))
            .header("x-hub-signature-256", signed)
            .body(body)
            .send()
            .await
            .expect("webhook");
        assert_eq!(response.status(), 200);
    }
}

#[tokio::test]
async fn deactivating_a_member_ends_their_feed_even_in_the_middle_of_its_backlog() {
    let relay = relay_with(|_| {}).await;
    let admin = relay.login().await;
    admin.add_member("bruno", "supervisor").await;
    backlog_of(&relay, 30_000).await;
    let bruno = relay
        .login_as("bruno", &switchboard_tests::relay::member_password("bruno"))
        .await;
    let mut feed = Feed::connect(relay.addr, &bruno.cookie, 0).await;
    assert!(
        feed.next(Duration::from_secs(5)).await.is_some(),
        "first frame"
    );
    admin
        .admin(
            reqwest::Method::PATCH,
            "/api/members/bruno",
            serde_json::json!({ "active": false }),
        )
        .await;
    let mut events = 1;
    let last = loop {
        match feed.next(Duration::from_secs(5)).await {
            Some(frame) if frame["type"] == "event" => events += 1,
            other => break other,
        }
    };
    assert_eq!(last.map(|f| f["type"].clone()), Some("ended".into()));
    assert!(
        events < 30_000,
        "the whole backlog was sent after deactivation"
    );
}

#[tokio::test]
async fn a_feed_that_stops_reading_is_closed() {
    let relay = relay_with(|c| c.limits.feed_send_seconds = 1).await;
    let admin = relay.login().await;
    backlog_of(&relay, 30_000).await;
    let mut feed = Feed::connect(relay.addr, &admin.cookie, 0).await;
    // The app stops reading long enough for the relay to give up on it.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let mut events = 0;
    while let Some(frame) = feed.next(Duration::from_secs(5)).await {
        assert_eq!(frame["type"], "event", "{frame}");
        events += 1;
    }
    assert!(
        events < 30_000,
        "the relay kept writing to a reader that had stopped"
    );
}

#[tokio::test]
async fn webhooks_that_once_stopped_start_up_are_kept_and_the_relay_restarts() {
    let mut relay = relay_with(|_| {}).await;
    let admin = relay.login().await;
    // A body 127 levels deep in all (the reader's limit is 128), and one deeper than that.
    let deep = |levels: usize, wamid: &str| {
        let extra: serde_json::Value =
            serde_json::from_str(&format!("{}1{}", "[".repeat(levels), "]".repeat(levels)))
                .expect("nested");
        webhook::message(
            PHONE_NUMBER_ID,
            "5511999990001",
            "Fundo",
            serde_json::json!({ "id": wamid, "timestamp": "1", "type": "text",
                "text": { "body": "fundo" }, "extra": extra }),
        )
    };
    let (deep_127, deeper) = (deep(119, "wamid.deep"), deep(126, "wamid.deeper"));
    let nan = webhook::message(
        PHONE_NUMBER_ID,
        "5511999990002",
        "Mapa",
        serde_json::json!({ "id": "wamid.nan", "timestamp": "1", "type": "location",
            "location": { "latitude": "NaN", "longitude": "1e999" } }),
    );
    let surrogate = webhook::text(
        PHONE_NUMBER_ID,
        "5511999990003",
        "Emoji",
        "wamid.sur",
        "oi SURROGATE",
        1,
    )
    .replace("SURROGATE", "\\ud800");
    for body in [&deep_127, &deeper, &nan, &surrogate] {
        assert_eq!(relay.post_webhook(body).await.status(), 200);
    }
    relay.restart().await;
    let admin = {
        drop(admin);
        relay.login().await
    };
    let response = admin
        .get("/api/events?since=0")
        .send()
        .await
        .expect("events");
    assert_eq!(response.status(), 200, "the feed reads after a restart");
    let events = admin.events().await;
    let received: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["event"]["type"] == "message_received")
        .collect();
    assert!(
        received
            .iter()
            .any(|e| e["event"]["wamid"] == "wamid.sur"
                && e["event"]["body"]["body"] == "oi \u{fffd}"),
        "the surrogate's message is kept, mended"
    );
    assert!(
        received.iter().any(|e| e["event"]["wamid"] == "wamid.nan"),
        "the location without numbers is still a message"
    );
    let kept = |wamid: &str| {
        events.iter().any(|e| {
            e["event"]["wamid"] == wamid
                || (e["event"]["type"] == "webhook_unreadable"
                    && e["event"]["body"]
                        .as_str()
                        .is_some_and(|b| b.contains(wamid)))
        })
    };
    assert!(kept("wamid.deep"), "the 127-deep webhook is kept, readable");
    assert!(kept("wamid.deeper"), "the deeper webhook is kept whole");
}
