//! The inbound-media proxy over real HTTP: `GET /api/media/{line}/{media_id}` fetches from a
//! fake Graph API with the line's token, caches on disk and serves ranges to logged-in agents.

use serde_json::Value;
use std::path::PathBuf;
use switchboard_tests::{
    ACCESS_TOKEN, LINE, PHONE_NUMBER_ID, files_in, graph::FakeGraph, relay::TestRelay,
};

const PHOTO: &str = "1227829768162607";
const MB: usize = 1024 * 1024;

async fn relay() -> (TestRelay, FakeGraph) {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    (relay, graph)
}

/// A relay and its media folder for the test line.
async fn relay_with_media_dir() -> (TestRelay, FakeGraph, PathBuf) {
    let graph = FakeGraph::start().await;
    let mut data = PathBuf::new();
    let relay = TestRelay::start_with(&graph.base_url(), |config| data = config.data.clone()).await;
    (relay, graph, data.join("media").join(LINE))
}

/// Bytes that differ from position to position, so a wrong offset shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn media_path(id: &str) -> String {
    format!("/api/media/{LINE}/{id}")
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The status and `{code, message}` of a refusal.
async fn refusal(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("json error body");
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body["message"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn media_requires_a_session() {
    let (relay, graph) = relay().await;
    graph.add_media(PHOTO, "image/png", pattern(100));
    let response = reqwest::get(relay.url(&media_path(PHOTO)))
        .await
        .expect("get");
    let (status, code, _) = refusal(response).await;
    assert_eq!((status, code.as_str()), (401, "unauthenticated"));
    assert!(
        graph.media_requests().is_empty(),
        "nothing fetched for a stranger"
    );
}

#[tokio::test]
async fn agent_gets_the_media_with_its_type_fetched_with_the_lines_token() {
    let (relay, graph) = relay().await;
    let bytes = pattern(103_632);
    graph.add_media(PHOTO, "image/png", bytes.clone());
    let session = relay.login().await;
    let response = session.get(&media_path(PHOTO)).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), Some("image/png"));
    assert_eq!(header(&response, "content-length"), Some("103632"));
    assert_eq!(header(&response, "accept-ranges"), Some("bytes"));
    assert_eq!(
        header(&response, "cache-control"),
        Some("private, no-store"),
        "customer files are never kept by the browser"
    );
    assert_eq!(header(&response, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&response, "content-disposition"), None);
    assert_eq!(response.bytes().await.expect("body").as_ref(), &bytes[..]);

    let requests = graph.media_requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            format!("/v25.0/{PHOTO}?phone_number_id={PHONE_NUMBER_ID}"),
            format!("/media-bytes/{PHOTO}"),
        ]
    );
    for request in &requests {
        assert_eq!(
            request.authorization.as_deref(),
            Some(format!("Bearer {ACCESS_TOKEN}").as_str())
        );
    }
}

#[tokio::test]
async fn second_request_is_served_from_the_cache_even_after_a_restart() {
    let (mut relay, graph) = relay().await;
    let bytes = pattern(5000);
    graph.add_media(PHOTO, "image/jpeg", bytes.clone());
    let session = relay.login().await;
    let first = session.get(&media_path(PHOTO)).send().await.expect("get");
    assert_eq!(first.status(), 200);
    assert_eq!(graph.media_requests().len(), 2);

    let second = session.get(&media_path(PHOTO)).send().await.expect("get");
    assert_eq!(second.status(), 200);
    assert_eq!(header(&second, "content-type"), Some("image/jpeg"));
    assert_eq!(second.bytes().await.expect("body").as_ref(), &bytes[..]);
    assert_eq!(graph.media_requests().len(), 2, "served from the cache");

    relay.restart().await;
    let session = relay.login().await;
    let third = session.get(&media_path(PHOTO)).send().await.expect("get");
    assert_eq!(third.bytes().await.expect("body").as_ref(), &bytes[..]);
    assert_eq!(graph.media_requests().len(), 2, "the cache is on disk");
}

#[tokio::test]
async fn ranges_give_exactly_the_bytes_asked_for() {
    let (relay, graph) = relay().await;
    let bytes = pattern(1000);
    graph.add_media("voice.1", "audio/ogg; codecs=opus", bytes.clone());
    let session = relay.login().await;
    let get = |range: &'static str| {
        session
            .get(&media_path("voice.1"))
            .header("range", range)
            .send()
    };

    // The first request, not yet cached, is a range request too (a browser's audio element).
    let response = get("bytes=0-99").await.expect("get");
    assert_eq!(response.status(), 206);
    assert_eq!(header(&response, "content-range"), Some("bytes 0-99/1000"));
    assert_eq!(header(&response, "content-length"), Some("100"));
    assert_eq!(
        header(&response, "content-type"),
        Some("audio/ogg; codecs=opus")
    );
    assert_eq!(
        response.bytes().await.expect("body").as_ref(),
        &bytes[..100]
    );

    for (range, start, end) in [
        ("bytes=500-509", 500, 509),
        ("bytes=990-", 990, 999),
        ("bytes=-5", 995, 999),
        ("bytes=-5000", 0, 999),
        ("bytes=998-5000", 998, 999),
    ] {
        let response = get(range).await.expect("get");
        assert_eq!(response.status(), 206, "{range}");
        assert_eq!(
            header(&response, "content-range"),
            Some(format!("bytes {start}-{end}/1000").as_str()),
            "{range}"
        );
        assert_eq!(
            response.bytes().await.expect("body").as_ref(),
            &bytes[start..=end],
            "{range}"
        );
    }

    for range in ["bytes=1000-", "bytes=5000-6000", "bytes=-0"] {
        let response = get(range).await.expect("get");
        assert_eq!(response.status(), 416, "{range}");
        assert_eq!(
            header(&response, "content-range"),
            Some("bytes */1000"),
            "{range}"
        );
        let (_, code, _) = refusal(response).await;
        assert_eq!(code, "range_not_satisfiable");
    }

    // A range this server does not do (several at once) gets the whole file.
    let response = get("bytes=0-1,5-6").await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.expect("body").len(), 1000);
    assert_eq!(graph.media_requests().len(), 2, "downloaded once");
}

#[tokio::test]
async fn documents_are_served_as_attachments() {
    let (relay, graph) = relay().await;
    graph.add_media("doc-1", "application/pdf", b"%PDF-1.4 test".to_vec());
    let session = relay.login().await;
    let response = session.get(&media_path("doc-1")).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(header(&response, "content-disposition"), Some("attachment"));
}

#[tokio::test]
async fn oversize_image_is_refused_before_download_and_nothing_cached() {
    let (relay, graph, media_dir) = relay_with_media_dir().await;
    graph.add_media("big", "image/jpeg", pattern(5 * MB + 1));
    let session = relay.login().await;
    let (status, code, message) =
        refusal(session.get(&media_path("big")).send().await.expect("get")).await;
    assert_eq!((status, code.as_str()), (502, "media_too_large"));
    assert!(message.contains("5 MB"), "{message}");
    assert!(
        graph
            .media_requests()
            .iter()
            .all(|r| !r.path.starts_with("/media-bytes/")),
        "the bytes were never asked for"
    );
    // Nothing cached: asking again asks WhatsApp again.
    let again = session.get(&media_path("big")).send().await.expect("get");
    assert_eq!(again.status(), 502);
    assert_eq!(graph.media_requests().len(), 2);
    assert_eq!(files_in(&media_dir), Vec::<String>::new());
}

#[tokio::test]
async fn download_larger_than_announced_is_refused() {
    let (relay, graph, media_dir) = relay_with_media_dir().await;
    // The answer claims a small image, the download is over the limit.
    graph.add_media_announcing("liar", "image/png", pattern(5 * MB + 1), Some(1000), None);
    let session = relay.login().await;
    let (status, code, _) =
        refusal(session.get(&media_path("liar")).send().await.expect("get")).await;
    assert_eq!((status, code.as_str()), (502, "media_too_large"));
    let again = session.get(&media_path("liar")).send().await.expect("get");
    assert_eq!(again.status(), 502, "nothing was cached");
    assert_eq!(
        files_in(&media_dir),
        Vec::<String>::new(),
        "no partial file left"
    );
}

#[tokio::test]
async fn checksum_mismatch_is_refused_and_hex_checksums_are_accepted() {
    let (relay, graph, media_dir) = relay_with_media_dir().await;
    let bytes = b"abc".to_vec();
    graph.add_media_announcing(
        "bad-sum",
        "image/png",
        bytes.clone(),
        Some(3),
        Some("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    );
    // The fixture `java_media.json` carries a hex SHA-256; this one is that of "abc".
    graph.add_media_announcing(
        "hex-sum",
        "image/png",
        bytes.clone(),
        Some(3),
        Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    );
    let session = relay.login().await;
    let (status, code, message) = refusal(
        session
            .get(&media_path("bad-sum"))
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert_eq!((status, code.as_str()), (502, "media_corrupt"), "{message}");
    let again = session
        .get(&media_path("bad-sum"))
        .send()
        .await
        .expect("get");
    assert_eq!(again.status(), 502, "nothing was cached");
    assert_eq!(
        files_in(&media_dir),
        Vec::<String>::new(),
        "no partial file left"
    );

    let good = session
        .get(&media_path("hex-sum"))
        .send()
        .await
        .expect("get");
    assert_eq!(good.status(), 200);
    assert_eq!(good.bytes().await.expect("body").as_ref(), b"abc");
    let mut files = files_in(&media_dir);
    files.sort();
    assert_eq!(files, ["hex-sum.bin", "hex-sum.json"]);
}

#[tokio::test]
async fn malformed_media_ids_are_refused_before_anything_happens() {
    let (relay, graph) = relay().await;
    let session = relay.login().await;
    let too_long = "9".repeat(129);
    for id in [
        "..%2Fetc",
        "..%2F..%2Fswitchboard.sqlite",
        "a%20b",
        "%2E%2E%5Cx",
        &too_long,
    ] {
        let (status, code, _) =
            refusal(session.get(&media_path(id)).send().await.expect("get")).await;
        assert_eq!((status, code.as_str()), (400, "bad_media_id"), "{id}");
    }
    assert!(graph.media_requests().is_empty());
}

#[tokio::test]
async fn unknown_media_is_404_with_the_seven_day_sentence() {
    let (relay, _graph) = relay().await;
    let session = relay.login().await;
    let (status, code, message) =
        refusal(session.get(&media_path("999")).send().await.expect("get")).await;
    assert_eq!((status, code.as_str()), (404, "media_gone"));
    assert_eq!(
        message,
        "The media is no longer available from WhatsApp (media is kept 7 days)."
    );
}

#[tokio::test]
async fn sandbox_and_unknown_lines_have_no_media() {
    let (relay, graph) = relay().await;
    let session = relay.login().await;
    let (status, code, message) = refusal(
        session
            .get("/api/media/sandbox/123")
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert_eq!((status, code.as_str()), (404, "no_media_on_sandbox"));
    assert!(message.contains("Sandbox"), "{message}");
    let (status, code, _) = refusal(
        session
            .get("/api/media/nowhere/123")
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert_eq!((status, code.as_str()), (404, "unknown_line"));
    assert!(graph.media_requests().is_empty());
}

#[tokio::test]
async fn rejected_token_is_explained_without_showing_it() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        for line in &mut config.lines {
            if line.id.as_str() == LINE {
                line.access_token = "EAAexpired-token".into();
            }
        }
    })
    .await;
    graph.add_media(PHOTO, "image/png", pattern(10));
    let session = relay.login().await;
    let response = session.get(&media_path(PHOTO)).send().await.expect("get");
    let text = response.text().await.expect("text");
    assert!(!text.contains("EAAexpired-token"), "{text}");
    let body: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(body["code"], "whatsapp_token_rejected");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("update the token")),
        "{body}"
    );
}

#[tokio::test]
async fn unreachable_whatsapp_is_502() {
    // A port that was open a moment ago and is closed now.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .local_addr()
        .expect("addr");
    let relay = TestRelay::start(&format!("http://{closed}")).await;
    let session = relay.login().await;
    let (status, code, _) =
        refusal(session.get(&media_path(PHOTO)).send().await.expect("get")).await;
    assert_eq!((status, code.as_str()), (502, "whatsapp_unavailable"));
}

#[tokio::test]
async fn customer_files_of_any_type_download_with_a_neutral_type() {
    let (relay, graph) = relay().await;
    let zip = pattern(40_000);
    graph.add_media("archive", "application/zip", zip.clone());
    graph.add_media("page", "text/html", b"<script>alert(1)</script>".to_vec());
    graph.add_media("photo", "image/heic", pattern(1000));
    let session = relay.login().await;
    for id in ["archive", "page", "photo"] {
        let response = session.get(&media_path(id)).send().await.expect("get");
        assert_eq!(response.status(), 200, "{id}");
        assert_eq!(
            header(&response, "content-type"),
            Some("application/octet-stream"),
            "{id}"
        );
        assert_eq!(header(&response, "content-disposition"), Some("attachment"));
        assert_eq!(header(&response, "x-content-type-options"), Some("nosniff"));
        if id == "archive" {
            assert_eq!(response.bytes().await.expect("body").to_vec(), zip);
        }
    }
}

#[tokio::test]
async fn photos_and_voice_notes_stay_inline() {
    let (relay, graph) = relay().await;
    graph.add_media("voice", "audio/ogg; codecs=opus", pattern(1000));
    let session = relay.login().await;
    let response = session.get(&media_path("voice")).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        Some("audio/ogg; codecs=opus")
    );
    assert_eq!(header(&response, "content-disposition"), None);
}

/// A webhook with a photo `media_id` from a customer.
fn photo_webhook(wamid: &str, media_id: &str) -> String {
    switchboard_tests::webhook::message(
        PHONE_NUMBER_ID,
        "5215512345678",
        "Lucía",
        serde_json::json!({
            "id": wamid, "timestamp": switchboard_tests::webhook::unix_now().to_string(),
            "type": "image", "image": { "id": media_id, "mime_type": "image/png" }
        }),
    )
}

async fn admin_media(session: &switchboard_tests::relay::Session) -> Value {
    session
        .get("/api/admin/media")
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn media_is_fetched_when_the_webhook_arrives_and_outlives_metas_link() {
    let (relay, graph, media_dir) = relay_with_media_dir().await;
    let bytes = pattern(70_000);
    graph.add_media(PHOTO, "image/png", bytes.clone());
    assert_eq!(
        relay
            .post_webhook(&photo_webhook("wamid.p1", PHOTO))
            .await
            .status(),
        200
    );
    switchboard_tests::wait_for("the photo to be fetched", async || {
        files_in(&media_dir).contains(&format!("{PHOTO}.json"))
    })
    .await;
    // Meta's link expires; nobody had opened the photo yet.
    graph.forget_media(PHOTO);
    let session = relay.login().await;
    let response = session.get(&media_path(PHOTO)).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.expect("body").to_vec(), bytes);
    let usage = admin_media(&session).await;
    assert_eq!(usage["usage_bytes"], 70_000);
}

#[tokio::test]
async fn media_that_cannot_be_fetched_is_recorded_as_failed_for_the_admin() {
    let (relay, _graph) = relay().await;
    relay
        .post_webhook(&photo_webhook("wamid.p2", "9990001"))
        .await;
    let session = relay.login().await;
    let mut usage = Value::Null;
    switchboard_tests::wait_for("the failure to be recorded", async || {
        usage = admin_media(&session).await;
        usage["failed"].as_array().is_some_and(|f| !f.is_empty())
    })
    .await;
    let failed = &usage["failed"][0];
    assert_eq!(failed["media_id"], "9990001");
    assert_eq!(failed["state"], "failed");
    assert!(
        failed["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown")),
        "{failed}"
    );
}

#[tokio::test]
async fn over_the_quota_the_oldest_file_is_evicted_and_opening_it_says_when_and_why() {
    let graph = FakeGraph::start().await;
    let mut data = PathBuf::new();
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        data = config.data.clone();
        config.media.quota_mb = 1;
    })
    .await;
    let media_dir = data.join("media").join(LINE);
    graph.add_media("old1", "image/png", pattern(700 * 1024));
    graph.add_media("new2", "image/png", pattern(700 * 1024));
    relay.post_webhook(&photo_webhook("wamid.q1", "old1")).await;
    switchboard_tests::wait_for("the first photo", async || {
        files_in(&media_dir).contains(&"old1.json".to_owned())
    })
    .await;
    relay.post_webhook(&photo_webhook("wamid.q2", "new2")).await;
    let session = relay.login().await;
    let mut usage = Value::Null;
    switchboard_tests::wait_for("the eviction pass", async || {
        usage = admin_media(&session).await;
        usage["evicted"].as_array().is_some_and(|e| !e.is_empty())
    })
    .await;
    assert_eq!(usage["evicted"][0]["media_id"], "old1");
    assert_eq!(usage["evicted"][0]["evicted_reason"], "quota");
    assert_eq!(usage["quota_bytes"], 1024 * 1024);
    assert_eq!(usage["usage_bytes"], 700 * 1024);
    assert!(!files_in(&media_dir).contains(&"old1.bin".to_owned()));
    let (status, code, message) =
        refusal(session.get(&media_path("old1")).send().await.expect("get")).await;
    assert_eq!((status, code.as_str()), (410, "media_evicted"));
    assert!(
        message.contains("disk space") && message.contains("UTC"),
        "{message}"
    );
    let kept = session.get(&media_path("new2")).send().await.expect("get");
    assert_eq!(kept.status(), 200);
}

/// Without a running relay: events logged while no fetcher ran (a restart, a lag) are found
/// from the fetcher's cursor, and a retention pass at an explicit time evicts by age.
#[tokio::test]
async fn fetcher_catches_up_from_its_cursor_and_retention_evicts_by_age() {
    use switchboard_domain::{Event, Timestamp};
    use switchboard_relay::{media_fetcher, media_files::MediaFiles, store};
    let graph = FakeGraph::start().await;
    graph.add_media(PHOTO, "image/png", pattern(1000));
    let data = tempfile::tempdir().expect("temp dir");
    let config = switchboard_tests::relay::config(data.path().to_path_buf(), &graph.base_url());
    let db = data.path().join("switchboard.sqlite");
    let log = std::sync::Arc::new(store::EventLog::open(&db).expect("log"));
    let received: Event = serde_json::from_value(serde_json::json!({
        "type": "message_received", "line": LINE, "contact": "5215512345678",
        "profile_name": "Lucía", "wamid": "wamid.c1", "sent_at": 1_000,
        "body": { "type": "media", "kind": "image", "id": PHOTO, "mime_type": "image/png",
                  "sha256": null, "caption": null, "filename": null, "url": null, "animated": false },
        "raw": {}
    }))
    .expect("a message_received event");
    // A file cached by a relay from before the record: found on disk, never downloaded.
    let mut legacy = serde_json::to_value(&received).expect("json");
    legacy["wamid"] = "wamid.c0".into();
    legacy["body"]["id"] = "legacy1".into();
    let legacy: Event = serde_json::from_value(legacy).expect("event");
    let cache = data.path().join("media").join(LINE);
    std::fs::create_dir_all(&cache).expect("cache dir");
    std::fs::write(cache.join("legacy1.bin"), b"12345").expect("bin");
    std::fs::write(
        cache.join("legacy1.json"),
        br#"{"mime_type":"image/png","size":5}"#,
    )
    .expect("sidecar");
    let day = 24 * 60 * 60;
    let then = Timestamp::from_unix_seconds(1_800_000_000);
    log.append(
        vec![store::NewEvent::new(legacy), store::NewEvent::new(received)],
        then,
    )
    .await
    .expect("append");
    let files = std::sync::Arc::new(MediaFiles::open(&db, data.path()).expect("media record"));
    media_fetcher::catch_up(&files, &log, &config)
        .await
        .expect("catch up");
    media_fetcher::fetch_due(&files, &config, then)
        .await
        .expect("fetch");
    let record = files
        .get(LINE, PHOTO)
        .await
        .expect("get")
        .expect("recorded");
    assert_eq!(
        (record.state, record.fetched_at),
        (
            switchboard_relay::media_files::FileState::Fetched,
            Some(then.millis())
        )
    );
    let legacy = files
        .get(LINE, "legacy1")
        .await
        .expect("get")
        .expect("recorded");
    assert_eq!(
        (legacy.state, legacy.size),
        (switchboard_relay::media_files::FileState::Fetched, 5)
    );
    assert_eq!(
        files.next_due().await.expect("next due"),
        None,
        "nothing left to do"
    );
    // Read twice, recorded once.
    media_fetcher::catch_up(&files, &log, &config)
        .await
        .expect("catch up");
    assert_eq!(graph.media_requests().len(), 2, "fetched once");
    let fetched_at = Timestamp(record.fetched_at.expect("fetched_at"));
    let limits = switchboard_relay::config::MediaConfig {
        retention_days: 30,
        quota_mb: 1024,
    };
    let at_30_days = fetched_at.plus_seconds(30 * day);
    assert_eq!(
        media_fetcher::evict(&files, limits, at_30_days)
            .await
            .expect("evict"),
        0
    );
    let later = at_30_days.plus_seconds(1);
    assert_eq!(
        media_fetcher::evict(&files, limits, later)
            .await
            .expect("evict"),
        2
    );
    let record = files
        .get(LINE, PHOTO)
        .await
        .expect("get")
        .expect("recorded");
    assert_eq!(
        (record.state, record.evicted_at, record.evicted_reason),
        (
            switchboard_relay::media_files::FileState::Evicted,
            Some(later.millis()),
            Some(switchboard_domain::media::Eviction::Retention)
        )
    );
}
