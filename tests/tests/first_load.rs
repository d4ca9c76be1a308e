//! What a browser's first visit downloads: the app precompressed (brotli, else gzip, else as
//! it is, per `Accept-Encoding`) and within its budget, real icons where browsers look for
//! them, 404 for a missing file, and a splash drawn by the page itself until the app mounts.
//! Needs the built app (and Chromium for the splash): `cargo xtask test`.

use std::{io::Read, time::Duration};
use switchboard_tests::{browser::Browser, graph::FakeGraph, relay::TestRelay};

/// The issue's budget for everything the sign-in page transfers.
const BUDGET: usize = 600 * 1024;
const PATIENT: Duration = Duration::from_secs(20);

struct Fetched {
    status: u16,
    encoding: Option<String>,
    content_type: String,
    vary: Option<String>,
    etag: Option<String>,
    body: Vec<u8>,
}

async fn fetch(url: &str, accept_encoding: Option<&str>) -> Fetched {
    // reqwest here decodes nothing (no compression features), so the body is what was sent.
    let mut request = reqwest::Client::new().get(url);
    if let Some(value) = accept_encoding {
        request = request.header("accept-encoding", value);
    }
    let response = request.send().await.expect("the relay answers");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().expect("ASCII header").to_owned())
    };
    Fetched {
        status: response.status().as_u16(),
        encoding: header("content-encoding"),
        content_type: header("content-type").unwrap_or_default(),
        vary: header("vary"),
        etag: header("etag"),
        body: response.bytes().await.expect("a body").to_vec(),
    }
}

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 4096)
        .read_to_end(&mut out)
        .expect("valid brotli");
    out
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

/// The files `index.html` makes the browser load (Trunk's hashed script, wasm and style).
fn linked_assets(index: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"/", "src=\"/"] {
        let mut rest = index;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').expect("a closing quote");
            let path = &rest[..end];
            if [".js", ".wasm", ".css"]
                .iter()
                .any(|ext| path.ends_with(ext))
                && !found.iter().any(|p| p == path)
            {
                found.push(path.to_owned());
            }
        }
    }
    found
}

#[tokio::test]
#[ignore = "needs the built app: cargo xtask test"]
async fn the_app_is_served_precompressed_within_its_budget() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let chrome = "gzip, deflate, br, zstd";

    let plain_index = fetch(&relay.url("/"), None).await;
    assert_eq!(plain_index.status, 200);
    assert_eq!(
        plain_index.encoding, None,
        "no Accept-Encoding, no encoding"
    );
    let index = String::from_utf8(plain_index.body.clone()).expect("UTF-8 HTML");
    assert!(
        index.contains("id=\"splash\""),
        "the page draws its own splash"
    );
    let assets = linked_assets(&index);
    for ext in [".js", ".wasm", ".css"] {
        assert!(
            assets.iter().any(|a| a.ends_with(ext)),
            "index.html links a {ext} file: {assets:?}"
        );
    }

    let mut transferred = 0;
    let mut paths = vec![String::new()];
    paths.extend(assets);
    for path in &paths {
        let url = relay.url(&format!("/{path}"));
        let plain = fetch(&url, Some("identity")).await;
        assert_eq!(plain.status, 200, "/{path}");
        assert_eq!(plain.encoding, None, "/{path} asked without compression");

        let br = fetch(&url, Some(chrome)).await;
        assert_eq!(br.encoding.as_deref(), Some("br"), "/{path} in brotli");
        assert_eq!(
            br.vary.as_deref(),
            Some("accept-encoding"),
            "/{path} varies"
        );
        assert_eq!(
            br.content_type, plain.content_type,
            "/{path} keeps its type"
        );
        assert_eq!(unbrotli(&br.body), plain.body, "/{path} decodes to itself");
        assert!(br.body.len() < plain.body.len(), "/{path} is smaller");

        let gzip = fetch(&url, Some("gzip, deflate, br;q=0")).await;
        assert_eq!(gzip.encoding.as_deref(), Some("gzip"), "/{path} in gzip");
        assert_eq!(gunzip(&gzip.body), plain.body, "/{path} gunzips to itself");
        transferred += br.body.len();

        if path.ends_with(".wasm") {
            // Streaming compilation needs the exact type.
            assert_eq!(plain.content_type, "application/wasm");
        }
    }
    println!("the sign-in page transfers {transferred} bytes in brotli");
    assert!(
        transferred <= BUDGET,
        "the app transfers {transferred} bytes; the budget is {BUDGET}"
    );

    // A browser that has the page already is told so.
    let etag = plain_index.etag.expect("an ETag on the shell");
    let again = reqwest::Client::new()
        .get(relay.url("/"))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 304);
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(data: &[u8]) -> (u32, u32) {
    assert_eq!(&data[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |at: usize| u32::from_be_bytes(data[at..at + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[tokio::test]
#[ignore = "needs the built app: cargo xtask test"]
async fn icons_are_real_and_missing_files_are_404() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;

    let favicon = fetch(&relay.url("/favicon.ico"), None).await;
    assert_eq!(favicon.status, 200);
    assert_eq!(favicon.content_type, "image/x-icon");
    assert_eq!(&favicon.body[..4], [0, 0, 1, 0], "an ICO file");

    let apple = fetch(&relay.url("/apple-touch-icon.png"), None).await;
    assert_eq!(apple.content_type, "image/png");
    assert_eq!(png_size(&apple.body), (180, 180));

    // Every icon the manifest names is there, a PNG of the size it says.
    let manifest = fetch(&relay.url("/manifest.webmanifest"), None).await;
    let manifest: serde_json::Value = serde_json::from_slice(&manifest.body).expect("JSON");
    let icons = manifest["icons"].as_array().expect("icons");
    let mut purposes = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let fetched = fetch(&relay.url(src), None).await;
        assert_eq!(fetched.status, 200, "{src}");
        assert_eq!(
            fetched.content_type,
            icon["type"].as_str().unwrap(),
            "{src}"
        );
        if let Some((w, h)) = icon["sizes"].as_str().and_then(|s| s.split_once('x')) {
            let size = (w.parse().unwrap(), h.parse().unwrap());
            assert_eq!(png_size(&fetched.body), size, "{src}");
        }
        purposes.push(format!("{} {}", icon["purpose"], icon["sizes"]));
    }
    for wanted in [
        "\"any\" \"192x192\"",
        "\"any\" \"512x512\"",
        "\"maskable\" \"512x512\"",
    ] {
        assert!(
            purposes.iter().any(|p| p == wanted),
            "{wanted} in {purposes:?}"
        );
    }

    for missing in ["/missing.png", "/robots.txt", "/assets/app.js.map"] {
        let fetched = fetch(&relay.url(missing), None).await;
        assert_eq!(fetched.status, 404, "{missing}");
    }
    // The app's own pages still answer with the app, however they look.
    for page in [
        "/admin",
        "/chats/line-1:5511987654321",
        "/link/abc.def",
        "/nowhere",
    ] {
        let fetched = fetch(&relay.url(page), None).await;
        assert_eq!(fetched.status, 200, "{page}");
        assert!(fetched.content_type.starts_with("text/html"), "{page}");
    }
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: cargo xtask test"]
async fn the_splash_shows_until_the_app_mounts() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;

    // With the wasm held back, the page alone shows the splash and nothing else.
    browser.cdp("Network.enable", serde_json::json!({})).await;
    browser
        .cdp(
            "Network.setBlockedURLs",
            serde_json::json!({ "urls": ["*.wasm"] }),
        )
        .await;
    browser
        .client
        .goto(&relay.url("/login"))
        .await
        .expect("open");
    let splash = browser.wait_for("#splash", PATIENT).await;
    assert!(splash.is_displayed().await.expect("displayed"));
    assert_eq!(browser.count("form.login-card").await, 0);

    // Once it can load, the app replaces the splash with the sign-in form.
    browser
        .cdp("Network.setBlockedURLs", serde_json::json!({ "urls": [] }))
        .await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for("form.login-card", PATIENT).await;
    assert_eq!(browser.count("#splash").await, 0, "the splash is gone");
    browser.close().await;
}
