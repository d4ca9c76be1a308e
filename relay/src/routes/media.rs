//! `GET /api/media/{line}/{media_id}`: a customer's photo, voice note or document, usually
//! fetched in the background when it arrived (see [`crate::media_fetcher`]), else from
//! WhatsApp now; kept under `<data>/media/<line>/` ([`crate::media_files`]) and served to
//! logged-in agents with `Range` support so audio and video can seek. A file evicted by
//! retention or quota says so, with when and why.
//!
//! `GET /api/admin/media`: what the files take on disk, the limits, and what was evicted or
//! could not be fetched.

use crate::{
    AppState,
    auth::Agent,
    config::Provider,
    error::ApiError,
    media_files::{FileState, MediaRecord, Stored},
    whatsapp::media::{self, MediaError},
};
use axum::{
    body::Body,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::Response,
};
use serde::Serialize;
use switchboard_domain::{CommandError, Timestamp, media::Eviction};
use tokio::io::AsyncSeekExt;

/// What the admin page shows about customers' files.
#[derive(Serialize)]
pub struct MediaUsage {
    usage_bytes: u64,
    quota_bytes: u64,
    retention_days: u32,
    /// The newest 200 evicted files, newest first.
    evicted: Vec<MediaRecord>,
    /// The newest 200 files that could not be fetched.
    failed: Vec<MediaRecord>,
}

pub async fn usage(State(app): State<AppState>) -> Result<axum::Json<MediaUsage>, ApiError> {
    let files = &app.media;
    Ok(axum::Json(MediaUsage {
        usage_bytes: files.usage().await.map_err(ApiError::internal)?,
        quota_bytes: app.config.media.quota_bytes(),
        retention_days: app.config.media.retention_days,
        evicted: files
            .latest(FileState::Evicted, 200)
            .await
            .map_err(ApiError::internal)?,
        failed: files
            .latest(FileState::Failed, 200)
            .await
            .map_err(ApiError::internal)?,
    }))
}

pub async fn show(
    State(app): State<AppState>,
    agent: Agent,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path((line, media_id)) = path.map_err(|_| ApiError::BadMediaId)?;
    let line = app.line(&line)?;
    if line.provider == Provider::Sandbox {
        return Err(ApiError::NoMediaOnSandbox);
    }
    // Checked before it becomes part of a path: no separators, never `.` or `..`.
    if !media::valid_media_id(&media_id) {
        return Err(ApiError::BadMediaId);
    }
    // A member restricted to their teams fetches only media of chats they can see.
    let viewer = agent.viewer();
    if !app
        .log
        .read(|s| s.can_see_media(&viewer, &line.id, &media_id))
    {
        return Err(ApiError::Command(CommandError::ChatNotVisible));
    }
    let evicted = app
        .media
        .get(line.id.as_str(), &media_id)
        .await
        .map_err(ApiError::internal)?
        .filter(|record| record.state == FileState::Evicted);
    if let Some(record) = evicted {
        return Err(ApiError::MediaEvicted {
            at: Timestamp(record.evicted_at.unwrap_or_default()),
            reason: record.evicted_reason.unwrap_or(Eviction::Quota),
            retention_days: app.config.media.retention_days,
        });
    }
    let (file, stored) = match app.media.cached(line.id.as_str(), &media_id).await {
        Some(found) => found,
        None => {
            app.media
                .download(line, &media_id, app.clock.now())
                .await
                .map_err(|error| api_error(error, line.id.as_str(), &media_id))?;
            app.media
                .cached(line.id.as_str(), &media_id)
                .await
                .ok_or_else(|| ApiError::internal("the media just stored cannot be read"))?
        }
    };
    serve(file, &stored, headers.get(header::RANGE)).await
}

fn api_error(error: MediaError, line: &str, media_id: &str) -> ApiError {
    // The cause goes to the log (it never holds the token); the agent gets a sentence.
    tracing::warn!(line, media_id, %error, "media download failed");
    match error {
        MediaError::Gone => ApiError::MediaGone,
        MediaError::TokenRejected => ApiError::WhatsAppTokenRejected,
        MediaError::Meta { .. } | MediaError::Transport(_) => ApiError::WhatsAppUnavailable,
        MediaError::TooLarge { kind } => ApiError::MediaTooLarge {
            kind: kind.name(),
            limit: kind.limit_text(),
        },
        MediaError::Corrupt(_) => ApiError::MediaCorrupt,
        MediaError::Storage(e) => ApiError::internal(e),
    }
}

/// What a `Range` header asks of a file of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum ByteRange {
    /// No range, or one this server ignores (malformed, several ranges): the whole file.
    Whole,
    /// Bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// 416.
    Unsatisfiable,
}

/// Parses `bytes=a-b`, `bytes=a-` and `bytes=-n` (RFC 9110 §14.1.2). A header it cannot
/// read is ignored, as the RFC allows.
pub fn byte_range(header: Option<&str>, len: u64) -> ByteRange {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return ByteRange::Whole;
    };
    let Some((first, last)) = spec.split_once('-') else {
        return ByteRange::Whole;
    };
    let number = |s: &str| {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            s.parse::<u64>().ok()
        }
    };
    if first.trim().is_empty() {
        // The last `n` bytes.
        return match number(last) {
            None => ByteRange::Whole,
            Some(0) => ByteRange::Unsatisfiable,
            Some(_) if len == 0 => ByteRange::Unsatisfiable,
            Some(n) => ByteRange::Part {
                start: len.saturating_sub(n),
                end: len - 1,
            },
        };
    }
    let Some(start) = number(first) else {
        return ByteRange::Whole;
    };
    let end = if last.trim().is_empty() {
        None
    } else {
        match number(last) {
            Some(end) if end >= start => Some(end),
            _ => return ByteRange::Whole,
        }
    };
    if start >= len {
        return ByteRange::Unsatisfiable;
    }
    ByteRange::Part {
        start,
        end: end.map_or(len - 1, |end| end.min(len - 1)),
    }
}

async fn serve(
    mut file: tokio::fs::File,
    stored: &Stored,
    range: Option<&HeaderValue>,
) -> Result<Response, ApiError> {
    let len = stored.size;
    let range = match range.map(HeaderValue::to_str) {
        // A header that is not text is ignored like any unreadable range.
        Some(Err(_)) | None => ByteRange::Whole,
        Some(Ok(text)) => byte_range(Some(text), len),
    };
    let (status, start, count) = match range {
        ByteRange::Whole => (StatusCode::OK, 0, len),
        ByteRange::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
        ByteRange::Unsatisfiable => return Err(ApiError::RangeNotSatisfiable { len }),
    };
    if start > 0 {
        file.seek(std::io::SeekFrom::Start(start))
            .await
            .map_err(ApiError::internal)?;
    }
    // Only what the app shows in the page keeps its type; anything else (a PDF, a zip, an
    // HTML page a customer sent) is bytes to save, never a page of the relay's origin.
    let inline = media::shown_inline(&stored.mime_type);
    let content_type = if inline {
        HeaderValue::from_str(&stored.mime_type)
            .or_else(|_| HeaderValue::from_str(&media::essence(&stored.mime_type)))
            .unwrap_or(HeaderValue::from_static("application/octet-stream"))
    } else {
        HeaderValue::from_static("application/octet-stream")
    };
    let mut response = Response::new(file_body(file, count));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(count));
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(
        header::CACHE_CONTROL,
        // Customer files are never stored by the browser: a device that logs out (or whose
        // member is deactivated) keeps nothing; the relay's own disk cache makes refetching cheap.
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !inline {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    if status == StatusCode::PARTIAL_CONTENT {
        let value = format!("bytes {start}-{}/{len}", start + count - 1);
        headers.insert(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&value).map_err(ApiError::internal)?,
        );
    }
    Ok(response)
}

/// `count` bytes of `file` from its current position, read a chunk at a time so a small
/// range of a large file costs a small read.
fn file_body(file: tokio::fs::File, count: u64) -> Body {
    Body::from_stream(media::file_chunks(file, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_follow_rfc_9110() {
        use ByteRange::{Part, Unsatisfiable, Whole};
        for (header, len, expected) in [
            (None, 1000, Whole),
            (Some("bytes=0-99"), 1000, Part { start: 0, end: 99 }),
            (Some("bytes=0-0"), 1000, Part { start: 0, end: 0 }),
            (
                Some("bytes=990-"),
                1000,
                Part {
                    start: 990,
                    end: 999,
                },
            ),
            (
                Some("bytes=-10"),
                1000,
                Part {
                    start: 990,
                    end: 999,
                },
            ),
            (Some("bytes=-5000"), 1000, Part { start: 0, end: 999 }),
            (
                Some("bytes=500-99999"),
                1000,
                Part {
                    start: 500,
                    end: 999,
                },
            ),
            (
                Some("bytes=999-999"),
                1000,
                Part {
                    start: 999,
                    end: 999,
                },
            ),
            (Some("bytes=1000-"), 1000, Unsatisfiable),
            (Some("bytes=1000-2000"), 1000, Unsatisfiable),
            (Some("bytes=-0"), 1000, Unsatisfiable),
            (Some("bytes=0-"), 0, Unsatisfiable),
            (Some("bytes=-1"), 0, Unsatisfiable),
            // Unreadable or unsupported: ignored, the whole file.
            (Some("bytes=9-3"), 1000, Whole),
            (Some("bytes=0-1,5-6"), 1000, Whole),
            (Some("items=0-1"), 1000, Whole),
            (Some("bytes=abc"), 1000, Whole),
            (Some("bytes=-"), 1000, Whole),
            (Some("bytes=+1-2"), 1000, Whole),
            (Some("bytes=1-+2"), 1000, Whole),
            (Some("bytes=99999999999999999999999-"), 1000, Whole),
        ] {
            assert_eq!(byte_range(header, len), expected, "{header:?} of {len}");
        }
    }
}
