//! The app, embedded in the binary from `app/dist` with a brotli and a gzip copy of each
//! text asset (made by `build.rs`), chosen by `Accept-Encoding`. Unknown app paths get
//! `index.html`, so the app's routes (`/chats/…`) survive a reload; an unknown path that
//! names a file (`/missing.png`) is a 404, so a browser asking for an icon never gets HTML.

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, Uri, header},
    response::{Html, IntoResponse, Response},
};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "$OUT_DIR/dist"]
struct Dist;

const NOT_BUILT: &str = "<!doctype html><title>Switchboard</title><h1>The app is not built</h1>\
<p>Run <code>cargo xtask run</code>: it builds the app and embeds it in the relay.</p>";

pub async fn serve(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") || path.starts_with("webhooks/") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let accepted = accepted(&headers);
    let known = headers.get(header::IF_NONE_MATCH);
    if !path.is_empty() && !is_compressed_copy(path) {
        if let Some(response) = asset(path, accepted, known) {
            return response;
        }
        if names_a_file(path) {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    asset("index.html", accepted, known).unwrap_or_else(|| Html(NOT_BUILT).into_response())
}

/// `path` as embedded, in the best encoding the browser accepts; 304 when the browser's
/// copy (`If-None-Match`) is this one.
fn asset(path: &str, accepted: Accepted, known: Option<&HeaderValue>) -> Option<Response> {
    let plain = Dist::get(path)?;
    // Weak: one tag for every encoding of the same bytes.
    let etag = format!("W/\"{}\"", hex::encode(&plain.metadata.sha256_hash()[..16]));
    let etag = HeaderValue::from_str(&etag).expect("hex is a valid header");
    if known.is_some_and(|known| {
        known.to_str().is_ok_and(|list| {
            list.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        })
    }) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(header::ETAG, etag);
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        return Some(response);
    }
    let (body, encoding) = [(accepted.br, "br"), (accepted.gzip, "gzip")]
        .into_iter()
        .filter(|(ok, _)| *ok)
        .find_map(|(_, encoding)| {
            let suffix = if encoding == "br" { "br" } else { "gz" };
            Dist::get(&format!("{path}.{suffix}")).map(|file| (file.data, Some(encoding)))
        })
        .unwrap_or((plain.data, None));
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    // Trunk names assets by content hash; the shell and the service worker must be fresh.
    let cache = if path.ends_with(".html") || path == "sw.js" || path.ends_with(".webmanifest") {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, mime.as_ref().to_owned()),
            (header::CACHE_CONTROL, cache.to_owned()),
        ],
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::ETAG, etag);
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    Some(response)
}

/// The build's `.br`/`.gz` copies are served through their original's name only.
fn is_compressed_copy(path: &str) -> bool {
    path.ends_with(".br") || path.ends_with(".gz")
}

/// A path whose last segment has an extension asks for a file, not for an app page. The
/// app's own pages with free-form segments (a chat id, a link token) are never files.
fn names_a_file(path: &str) -> bool {
    if path.starts_with("chats/") || path.starts_with("link/") {
        return false;
    }
    path.rsplit('/').next().is_some_and(|last| {
        last.rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty())
    })
}

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
struct Accepted {
    br: bool,
    gzip: bool,
}

/// The encodings of `Accept-Encoding` we have copies in (RFC 9110 §12.5.3: `q=0` refuses
/// one, `*` stands for any not named).
fn accepted(headers: &HeaderMap) -> Accepted {
    let mut named = std::collections::HashMap::new();
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .or_else(|| p.trim().strip_prefix("Q="))
                })
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if !coding.is_empty() {
                named.insert(coding, q > 0.0);
            }
        }
    }
    let any = named.get("*").copied().unwrap_or(false);
    let ok = |coding: &str| named.get(coding).copied().unwrap_or(any);
    Accepted {
        br: ok("br"),
        gzip: ok("gzip") || named.get("x-gzip").copied().unwrap_or(false),
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
    use super::{Accepted, accepted, names_a_file};
    use axum::http::{HeaderMap, HeaderValue, header};

    fn of(value: &str) -> Accepted {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        accepted(&headers)
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let both = Accepted {
            br: true,
            gzip: true,
        };
        assert_eq!(of("gzip, deflate, br, zstd"), both);
        assert_eq!(
            of("gzip;q=1.0, br;q=0"),
            Accepted {
                br: false,
                gzip: true
            }
        );
        assert_eq!(of("*"), both);
        assert_eq!(
            of("*, br;q=0"),
            Accepted {
                br: false,
                gzip: true
            }
        );
        assert_eq!(of("identity"), Accepted::default());
        assert_eq!(accepted(&HeaderMap::new()), Accepted::default());
        assert_eq!(
            of(" BR ; q=0.5"),
            Accepted {
                br: true,
                gzip: false
            }
        );
    }

    #[test]
    fn file_names_are_told_from_app_routes() {
        assert!(names_a_file("favicon.ico"));
        assert!(names_a_file("assets/missing.png"));
        assert!(!names_a_file("chats/line-1:+5511987654321.x"));
        assert!(!names_a_file("link/abc.def"));
        assert!(!names_a_file("admin"));
        assert!(!names_a_file(".well-known"));
    }

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = "<script type=\"module\">import init;</script><script src=\"/a.js\"></script><script>x()</script>";
        assert_eq!(super::inline_scripts(html), ["import init;", "x()"]);
    }
}
