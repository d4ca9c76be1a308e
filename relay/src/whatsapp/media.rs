//! Inbound media from the Graph API: a media id → a URL valid 5 minutes → the bytes, both
//! with the line's token. Meta's size and type limits are checked before and while
//! downloading, and the checksum after, so what reaches the caller's file is what Meta sent.

use crate::config::LineConfig;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::{sync::OnceLock, time::Duration};
use switchboard_domain::{media as domain_media, message::MediaKind};
use tokio::io::AsyncWriteExt;

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;

/// A MIME type Meta accepts: its kind and size limit, from the one table in `domain::media`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub kind: MediaKind,
    limit: u64,
}

impl Kind {
    /// The kind of a MIME type Meta accepts, `None` for any other type.
    pub fn of(mime_type: &str) -> Option<Self> {
        domain_media::limit_for(mime_type).map(|(kind, limit)| Self { kind, limit })
    }

    /// The kind of a file a customer sent: any type, unknown ones as documents.
    pub fn inbound(mime_type: &str) -> Self {
        let (kind, limit) = domain_media::inbound_limit_for(mime_type);
        Self { kind, limit }
    }

    /// The largest file of this kind, in bytes.
    pub fn limit(self) -> u64 {
        self.limit
    }

    /// The limit as a person reads it.
    pub fn limit_text(self) -> String {
        if self.limit >= MB {
            format!("{} MB", self.limit / MB)
        } else {
            format!("{} KB", self.limit / KB)
        }
    }

    pub fn name(self) -> &'static str {
        domain_media::kind_name(self.kind)
    }
}

pub use domain_media::{essence, shown_inline};

/// Whether `id` has the shape of a Meta media id: digits, or up to 128 characters of
/// `[A-Za-z0-9._-]` starting with a letter or digit. Such an id is safe as a file name
/// (no separators, never `.` or `..`).
pub fn valid_media_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id.as_bytes()[0].is_ascii_alphanumeric()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// Unknown or expired media id (Meta keeps inbound media 7 days).
    #[error("the media id is unknown to Meta or expired")]
    Gone,
    /// Meta refused the line's access token (190).
    #[error("Meta rejected the access token")]
    TokenRejected,
    #[error("Meta refused the request (code {code:?}): {message}")]
    Meta { code: Option<i64>, message: String },
    #[error("no usable answer from Meta: {0}")]
    Transport(String),
    #[error("the {} exceeds Meta's limit of {}", kind.name(), kind.limit_text())]
    TooLarge { kind: Kind },
    #[error("the download is damaged: {0}")]
    Corrupt(String),
    #[error("cannot write the media file: {0}")]
    Storage(#[from] std::io::Error),
}

/// What a finished download was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
    pub mime_type: String,
    pub kind: Kind,
    pub size: u64,
}

/// What `GET /{version}/{media_id}` answers.
struct MediaInfo {
    url: reqwest::Url,
    mime_type: String,
    sha256: Option<String>,
    file_size: Option<u64>,
}

/// One client for all media: no overall timeout (100 MB takes a while on a slow link), but a
/// stalled connection ends. Redirects to another host drop the `Authorization` header.
fn http() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default()
    })
}

/// Downloads the media `media_id` of `line` into `file`. On error the file holds a partial
/// download: the caller throws it away.
pub async fn download(
    line: &LineConfig,
    media_id: &str,
    file: &mut tokio::fs::File,
) -> Result<Downloaded, MediaError> {
    // A 404 on the download URL means it expired: Meta says to fetch a new one, once.
    let mut attempts = 0;
    let (info, kind, mut response) = loop {
        attempts += 1;
        let info = media_info(line, media_id).await?;
        let kind = Kind::inbound(&info.mime_type);
        if info.file_size.is_some_and(|size| size > kind.limit()) {
            return Err(MediaError::TooLarge { kind });
        }
        let response = http()
            .get(info.url.clone())
            .bearer_auth(&line.access_token)
            .send()
            .await
            .map_err(transport)?;
        match response.status() {
            status if status.is_success() => break (info, kind, response),
            reqwest::StatusCode::NOT_FOUND if attempts < 2 => {}
            _ => return Err(meta_error(response).await),
        }
    };
    if response.content_length().is_some_and(|n| n > kind.limit()) {
        return Err(MediaError::TooLarge { kind });
    }
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        size += chunk.len() as u64;
        if size > kind.limit() {
            return Err(MediaError::TooLarge { kind });
        }
        hasher.update(&chunk);
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    file.sync_all().await?;
    if let Some(expected) = info.file_size.filter(|expected| *expected != size) {
        return Err(MediaError::Corrupt(format!(
            "{size} bytes received, {expected} announced"
        )));
    }
    if let Some(expected) = &info.sha256
        && !sha256_matches(expected, &hasher.finalize())
    {
        return Err(MediaError::Corrupt("SHA-256 differs".into()));
    }
    Ok(Downloaded {
        mime_type: info.mime_type,
        kind,
        size,
    })
}

async fn media_info(line: &LineConfig, media_id: &str) -> Result<MediaInfo, MediaError> {
    let base = line.graph_api_base.trim_end_matches('/');
    let mut url = reqwest::Url::parse(&format!("{base}/{}/{media_id}", line.graph_api_version))
        .map_err(|e| MediaError::Transport(format!("bad Graph API address: {e}")))?;
    url.query_pairs_mut()
        .append_pair("phone_number_id", &line.phone_number_id);
    let response = http()
        .get(url)
        .bearer_auth(&line.access_token)
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .map_err(transport)?;
    if !response.status().is_success() {
        return Err(meta_error(response).await);
    }
    let answer: Value = response.json().await.map_err(transport)?;
    let text = |key: &str| answer.get(key).and_then(Value::as_str).map(str::to_owned);
    let (Some(url), Some(mime_type)) = (text("url"), text("mime_type")) else {
        return Err(MediaError::Transport(
            "the media answer has no url or mime_type".into(),
        ));
    };
    let url = reqwest::Url::parse(&url)
        .map_err(|e| MediaError::Transport(format!("the media url is not valid: {e}")))?;
    // The token goes with the download, so only over TLS — unless the Graph API itself is
    // plain HTTP (a local fake in tests and development).
    let plain_allowed = base.starts_with("http://");
    if !(url.scheme() == "https" || plain_allowed && url.scheme() == "http") {
        return Err(MediaError::Transport(format!(
            "the media url uses {}, not https",
            url.scheme()
        )));
    }
    let file_size = match answer.get("file_size") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    };
    Ok(MediaInfo {
        url,
        mime_type,
        sha256: text("sha256").filter(|s| !s.is_empty()),
        file_size,
    })
}

/// A failed answer from Meta as a [`MediaError`].
async fn meta_error(response: reqwest::Response) -> MediaError {
    let status = response.status();
    let answer: Value = response.json().await.unwrap_or(Value::Null);
    let code = answer.pointer("/error/code").and_then(Value::as_i64);
    let subcode = answer
        .pointer("/error/error_subcode")
        .and_then(Value::as_i64);
    match (code, subcode) {
        (Some(190), _) => MediaError::TokenRejected,
        // "Object with ID … does not exist": unknown or expired media.
        (Some(100), Some(33)) => MediaError::Gone,
        _ if status == reqwest::StatusCode::NOT_FOUND => MediaError::Gone,
        _ if status == reqwest::StatusCode::UNAUTHORIZED => MediaError::TokenRejected,
        (Some(code), _) => MediaError::Meta {
            code: Some(code),
            message: answer
                .pointer("/error/message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        },
        (None, _) => MediaError::Transport(format!("HTTP {status} without an error object")),
    }
}

fn transport(error: reqwest::Error) -> MediaError {
    MediaError::Transport(error.without_url().to_string())
}

/// `count` bytes of `file` from its current position, a chunk of at most 64 KiB at a time,
/// for a response or request body that never holds the file whole.
pub fn file_chunks(
    file: tokio::fs::File,
    count: u64,
) -> impl futures::Stream<Item = std::io::Result<axum::body::Bytes>> + Send + 'static {
    use tokio::io::AsyncReadExt;
    const CHUNK: u64 = 64 * 1024;
    futures::stream::unfold((file, count), |(mut file, remaining)| async move {
        if remaining == 0 {
            return None;
        }
        let size = usize::try_from(remaining.min(CHUNK)).unwrap_or(64 * 1024);
        let mut buffer = vec![0; size];
        match file.read(&mut buffer).await {
            Ok(0) => Some((
                Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof)),
                (file, 0),
            )),
            Ok(n) => {
                buffer.truncate(n);
                Some((
                    Ok(axum::body::Bytes::from(buffer)),
                    (file, remaining - n as u64),
                ))
            }
            Err(error) => Some((Err(error), (file, 0))),
        }
    })
}

/// Whether Meta's `sha256` names `digest`. Meta documents base64; some answers carry hex.
pub fn sha256_matches(expected: &str, digest: &[u8]) -> bool {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let expected = expected.trim();
    if expected.len() == 64 && expected.bytes().all(|b| b.is_ascii_hexdigit()) {
        return expected.eq_ignore_ascii_case(&hex::encode(digest));
    }
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .any(|engine| engine.decode(expected).is_ok_and(|bytes| bytes == digest))
}

/// Meta's form of a file's checksum: base64 of its SHA-256.
pub fn sha256_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_the_domain_table_and_read_well() {
        let sticker = Kind::of("image/webp").expect("accepted");
        assert_eq!(
            (sticker.kind, sticker.limit()),
            (MediaKind::Sticker, 500 * KB)
        );
        assert_eq!(sticker.limit_text(), "500 KB");
        assert_eq!(
            Kind::of("IMAGE/JPEG").map(Kind::limit_text).as_deref(),
            Some("5 MB")
        );
        assert_eq!(Kind::of("application/zip"), None);
        assert_eq!(
            Kind::inbound("application/zip").limit_text(),
            "100 MB",
            "a customer's zip is a document"
        );
    }

    #[test]
    fn only_metas_media_id_shapes_are_accepted() {
        for id in ["1227829768162607", "abc.DEF_1-2", &"9".repeat(128)] {
            assert!(valid_media_id(id), "{id}");
        }
        for id in [
            "",
            ".",
            "..",
            "../etc",
            ".hidden",
            "a/b",
            "a\\b",
            "a b",
            "ä",
            "-x",
            &"9".repeat(129),
        ] {
            assert!(!valid_media_id(id), "{id}");
        }
    }

    #[test]
    fn checksum_accepts_base64_and_hex() {
        let digest = Sha256::digest(b"abc");
        assert_eq!(
            sha256_base64(b"abc"),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        for expected in [
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0",
            "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        ] {
            assert!(sha256_matches(expected, &digest), "{expected}");
        }
        for expected in [
            "",
            "AAAA",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ae",
        ] {
            assert!(!sha256_matches(expected, &digest), "{expected}");
        }
    }

    /// A Graph API answering `media_id` with `announced` and streaming `bytes` in chunks
    /// without a Content-Length, so only counting while downloading can see the size.
    async fn chunked_graph(announced: Value, bytes: Vec<u8>) -> LineConfig {
        use axum::{Json, body::Body, routing::get};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let mut answer = announced;
        answer["url"] = format!("{base}/bytes").into();
        let app = axum::Router::new()
            .route("/v25.0/m1", get(move || async move { Json(answer) }))
            .route(
                "/bytes",
                get(move || async move {
                    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                        bytes.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
                    Body::from_stream(futures::stream::iter(chunks))
                }),
            );
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let mut line = LineConfig::sandbox();
        line.graph_api_base = base;
        line.graph_api_version = "v25.0".into();
        line
    }

    async fn temp_file(name: &str) -> tokio::fs::File {
        let path = std::env::temp_dir().join(format!("sb-media-{name}-{}", std::process::id()));
        let file = tokio::fs::File::create(&path).await.expect("temp file");
        // The open handle keeps working; nothing is left behind in the temp folder.
        let _ = std::fs::remove_file(&path);
        file
    }

    #[tokio::test]
    async fn a_download_is_stopped_as_soon_as_it_passes_the_limit() {
        let line = chunked_graph(
            serde_json::json!({ "mime_type": "image/webp" }),
            vec![7; 3 * 1024 * 1024],
        )
        .await;
        let mut file = temp_file("limit").await;
        let error = download(&line, "m1", &mut file)
            .await
            .expect_err("too large");
        let sticker = Kind::of("image/webp").expect("accepted");
        assert!(
            matches!(error, MediaError::TooLarge { kind } if kind == sticker),
            "{error}"
        );
        let written = file.metadata().await.expect("metadata").len();
        assert!(
            written <= Kind::of("image/webp").expect("accepted").limit(),
            "{written} bytes written"
        );
    }

    #[tokio::test]
    async fn a_chunked_download_within_the_limit_is_checked_and_kept() {
        let bytes = vec![7; 300 * 1024];
        let line = chunked_graph(
            serde_json::json!({ "mime_type": "image/webp", "sha256": sha256_base64(&bytes) }),
            bytes.clone(),
        )
        .await;
        let mut file = temp_file("ok").await;
        let downloaded = download(&line, "m1", &mut file).await.expect("downloaded");
        assert_eq!(downloaded.size, bytes.len() as u64);
        assert_eq!(downloaded.kind.kind, MediaKind::Sticker);
    }
}
