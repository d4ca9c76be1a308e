//! Alone in its binary so nothing else runs in the process: four concurrent ~60 MB uploads
//! through the in-process relay to the fake Graph API (which only counts what streams in)
//! must not grow the process's peak memory by anything near the 240 MB they carry.

use futures::StreamExt;
use switchboard_tests::{LINE, graph::FakeGraph, relay::TestRelay};

const MB: u64 = 1024 * 1024;

/// The process's peak resident set (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM line");
    let kb: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmHWM in kB");
    kb * 1024
}

/// `total` bytes in 256 KiB chunks made on demand, sent chunked.
fn generated_body(total: u64) -> reqwest::Body {
    const CHUNK: u64 = 256 * 1024;
    let chunks = futures::stream::iter(0..total.div_ceil(CHUNK)).map(move |i| {
        let size = CHUNK.min(total - i * CHUNK);
        Ok::<_, std::io::Error>(vec![(i % 251) as u8; size as usize])
    });
    reqwest::Body::wrap_stream(chunks)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_concurrent_60_mb_uploads_stream_without_buffering() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let session = relay.login().await;
    let before = peak_rss();
    let uploads = (0..4).map(|i| {
        session
            .post(&format!("/api/uploads/{LINE}"))
            .header("content-type", "application/pdf")
            .header("x-filename", format!("catalogo-{i}.pdf"))
            .body(generated_body(60 * MB))
            .send()
    });
    for response in futures::future::join_all(uploads).await {
        assert_eq!(response.expect("upload").status(), 200);
    }
    let growth = peak_rss().saturating_sub(before);
    let received: Vec<u64> = graph.uploads().iter().map(|u| u.size).collect();
    assert_eq!(
        received,
        vec![60 * MB; 4],
        "every byte reached the fake Meta"
    );
    println!("peak RSS grew {} MB for 240 MB uploaded", growth / MB);
    assert!(
        growth < 100 * MB,
        "peak RSS grew {} MB for 240 MB uploaded",
        growth / MB
    );
}
