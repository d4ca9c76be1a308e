//! Test support for cross-crate scenarios:
//!
//! - [`relay::TestRelay`]: the real relay, in-process, on a loopback port, with its own data folder.
//! - [`graph::FakeGraph`]: a fake Graph API on another loopback port that checks request
//!   bodies against Meta's shapes and records them.
//! - [`feed::Feed`]: the WebSocket feed as an app reads it.
//! - [`webhook`]: Cloud-API-format webhook bodies and their signatures.
//! - [`browser::Browser`]: headless Chromium through ChromeDriver.

pub mod browser;
pub mod feed;
pub mod graph;
pub mod process;
pub mod relay;
pub mod webhook;

/// Credentials of the admin every test relay starts with.
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "correct-horse-battery";
/// The Meta line every test relay has.
pub const LINE: &str = "ventas";
pub const PHONE_NUMBER_ID: &str = "106540352242922";
pub const APP_SECRET: &str = "test-app-secret";
pub const ACCESS_TOKEN: &str = "EAAtest-token";
pub const VERIFY_TOKEN: &str = "test-verify-token";

/// Waits (up to 5 s, polling every 25 ms) until `check` is true.
pub async fn wait_for(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The names of the files in `dir` (none when it does not exist).
pub fn files_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
