//! Uploads over real HTTP: the body streams to a temporary file within Meta's limit for its
//! kind, then streams on to the (fake) Graph API; nothing stays in the temporary folder.

use futures::StreamExt;
use serde_json::Value;
use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};
use switchboard_tests::{LINE, files_in, graph::FakeGraph, relay::TestRelay};

const MB: u64 = 1024 * 1024;

/// A relay and the folder where uploads wait.
async fn relay_with_upload_dir() -> (TestRelay, FakeGraph, PathBuf) {
    let graph = FakeGraph::start().await;
    let mut data = PathBuf::new();
    let relay = TestRelay::start_with(&graph.base_url(), |config| data = config.data.clone()).await;
    (relay, graph, data.join("uploads"))
}

/// A body of `total` bytes in 256 KiB chunks, without a length (sent chunked), counting how
/// many bytes the client was asked for.
fn counted_body(total: u64, pulled: Arc<AtomicU64>) -> reqwest::Body {
    const CHUNK: u64 = 256 * 1024;
    let chunks = futures::stream::iter(0..total.div_ceil(CHUNK)).map(move |i| {
        let size = CHUNK.min(total - i * CHUNK);
        pulled.fetch_add(size, Ordering::SeqCst);
        Ok::<_, std::io::Error>(vec![(i % 251) as u8; size as usize])
    });
    reqwest::Body::wrap_stream(chunks)
}

#[tokio::test]
async fn upload_over_its_limit_is_refused_with_413_at_once_and_leaves_no_temp_file() {
    let (relay, graph, uploads) = relay_with_upload_dir().await;
    let session = relay.login().await;
    let pulled = Arc::new(AtomicU64::new(0));
    // A 64 MB "photo": WhatsApp takes images up to 5 MB.
    let response = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "image/jpeg")
        .body(counted_body(64 * MB, Arc::clone(&pulled)))
        .send()
        .await
        .expect("the refusal arrives while the body is still being sent");
    assert_eq!(response.status(), 413);
    let error: Value = response.json().await.expect("json");
    assert_eq!(error["code"], "file_too_large");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("images up to 5 MB"),
        "{error}"
    );
    // The relay stopped reading after the limit: only socket buffers took more.
    let sent = pulled.load(Ordering::SeqCst);
    assert!(sent < 32 * MB, "{} MB of 64 were read", sent / MB);
    assert_eq!(files_in(&uploads), Vec::<String>::new());
    assert!(graph.uploads().is_empty(), "nothing reached Meta");
}

#[tokio::test]
async fn announced_size_over_the_limit_is_refused_before_the_body() {
    let (relay, graph, uploads) = relay_with_upload_dir().await;
    let session = relay.login().await;
    let response = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "image/png")
        .body(vec![1u8; (5 * MB + 1) as usize])
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 413);
    let error: Value = response.json().await.expect("json");
    assert_eq!(error["code"], "file_too_large");
    assert_eq!(files_in(&uploads), Vec::<String>::new());
    assert!(graph.uploads().is_empty());
}

#[tokio::test]
async fn a_large_document_streams_to_meta_and_its_temp_file_is_removed() {
    let (relay, graph, uploads) = relay_with_upload_dir().await;
    let session = relay.login().await;
    let pulled = Arc::new(AtomicU64::new(0));
    let response = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "application/zip")
        .body(counted_body(20 * MB, pulled))
        .send()
        .await
        .expect("upload");
    // Meta takes no zip outbound: refused by type before a byte is stored.
    assert_eq!(response.status(), 400);
    let response = session
        .post(&format!("/api/uploads/{LINE}"))
        .header("content-type", "application/pdf")
        .header("x-filename", "catalogo.pdf")
        .body(counted_body(20 * MB, Arc::default()))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 200);
    let uploaded: Value = response.json().await.expect("json");
    let sent = graph.uploads();
    assert_eq!(sent.len(), 1);
    assert_eq!(uploaded["id"], sent[0].id);
    assert_eq!(sent[0].size, 20 * MB);
    assert_eq!(sent[0].filename, "catalogo.pdf");
    assert_eq!(files_in(&uploads), Vec::<String>::new());
}
