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

/// The `'sha256-…'` sources of the inline scripts of `index.html` (Trunk's loader), so the
/// Content-Security-Policy allows exactly those and no other inline script.
pub fn inline_script_hashes() -> &'static [String] {
    static HASHES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let index = Dist::get("index.html")
            .map(|index| String::from_utf8_lossy(&index.data).into_owned())
            .unwrap_or_default();
        inline_scripts(&index)
            .into_iter()
            .map(|script| {
                use base64::Engine;
                use sha2::Digest;
                let digest = sha2::Sha256::digest(script.as_bytes());
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect()
    })
}

/// The contents of the `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = "<script type=\"module\">import init;</script><script src=\"/a.js\"></script><script>x()</script>";
        assert_eq!(super::inline_scripts(html), ["import init;", "x()"]);
    }
}
