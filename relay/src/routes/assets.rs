//! The app, embedded in the binary from `app/dist`. Unknown paths get `index.html`, so the
//! app's routes (`/chats/…`) survive a reload.

use axum::{
    http::{StatusCode, Uri, header},
    response::{Html, IntoResponse, Response},
};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../app/dist"]
struct Dist;

const NOT_BUILT: &str = "<!doctype html><title>Switchboard</title><h1>The app is not built</h1>\
<p>Run <code>cargo xtask run</code>: it builds the app and embeds it in the relay.</p>";

pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") || path.starts_with("webhooks/") {
        return StatusCode::NOT_FOUND.into_response();
    }
    if let Some(file) = Dist::get(path).filter(|_| !path.is_empty()) {
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        // Trunk names assets by content hash; the shell and the service worker must be fresh.
        let cache = if path.ends_with(".html") || path == "sw.js" || path.ends_with(".webmanifest")
        {
            "no-cache"
        } else {
            "public, max-age=31536000, immutable"
        };
        return (
            [
                (header::CONTENT_TYPE, mime.as_ref().to_owned()),
                (header::CACHE_CONTROL, cache.to_owned()),
            ],
            file.data,
        )
            .into_response();
    }
    match Dist::get("index.html") {
        Some(index) => ([(header::CACHE_CONTROL, "no-cache")], Html(index.data)).into_response(),
        None => Html(NOT_BUILT).into_response(),
    }
}
