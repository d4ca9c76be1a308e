//! Outbound files: streamed to a temporary file in `<data>/uploads/` within Meta's type and
//! size limits (refused as soon as a limit is passed, without reading on), then uploaded to
//! Meta from that file, streamed; the temporary file is removed in any case. The answer's
//! media id goes into a `send_media` command.

use crate::{AppState, auth::random_id, config::Provider, error::ApiError};
use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, header},
};
use futures::StreamExt;
use serde::Serialize;
use std::path::PathBuf;
use switchboard_domain::{media, message::MediaKind};
use tokio::io::AsyncWriteExt;

/// Where uploads wait while they are checked and sent to Meta.
pub fn temp_dir(data: &std::path::Path) -> PathBuf {
    data.join("uploads")
}

/// Removes uploads a stopped relay left behind (a crash mid-upload); called at start.
pub fn clear_temp_dir(data: &std::path::Path) {
    if let Ok(entries) = std::fs::read_dir(temp_dir(data)) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[derive(Serialize)]
pub struct Uploaded {
    /// The media id to send (Meta's, or the Sandbox's).
    id: String,
    kind: MediaKind,
    mime_type: String,
}

/// `POST /api/uploads/{line}` with the file as the body, its type in `Content-Type` and its
/// name, percent-encoded (`canci%C3%B3n.mp3`), in `X-Filename`.
pub async fn create(
    State(app): State<AppState>,
    Path(line): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Uploaded>, ApiError> {
    let line = app.line(&line)?;
    let mime_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    // The type and an announced size are checked before a byte of the body is read.
    let Some((kind, limit)) = media::limit_for(&mime_type) else {
        return Err(ApiError::MediaRefused(media::MediaError::UnsupportedType(
            mime_type,
        )));
    };
    let too_large = |size: u64| {
        ApiError::FileTooLarge(media::MediaError::TooLarge {
            kind: media::kind_name(kind),
            size,
            limit,
        })
    };
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(size) = announced.filter(|size| *size > limit) {
        return Err(too_large(size));
    }
    let filename = headers
        .get("x-filename")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| percent_encoding::percent_decode_str(v).decode_utf8().ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty() && name.chars().count() <= 240)
        .unwrap_or_else(|| "file".to_owned());

    let dir = temp_dir(&app.config.data);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(ApiError::internal)?;
    let temp = TempFile(dir.join(format!("{}.upload", random_id(12))));
    let mut file = tokio::fs::File::create(&temp.0)
        .await
        .map_err(ApiError::internal)?;
    let mut size: u64 = 0;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            tracing::debug!(error = %e, "upload interrupted");
            ApiError::Invalid("error-upload-interrupted")
        })?;
        size += chunk.len() as u64;
        if size > limit {
            // Dropping the stream stops reading; dropping `temp` removes what was written.
            return Err(too_large(size));
        }
        file.write_all(&chunk).await.map_err(ApiError::internal)?;
    }
    file.flush().await.map_err(ApiError::internal)?;
    drop(file);
    if size == 0 {
        return Err(ApiError::MediaRefused(media::MediaError::Empty));
    }
    let id = match line.provider {
        // The Sandbox never talks to Meta; its phone only shows the file's name.
        Provider::Sandbox => format!("sandbox.{}", random_id(8)),
        Provider::Meta => {
            let file = tokio::fs::File::open(&temp.0)
                .await
                .map_err(ApiError::internal)?;
            app.graph
                .upload(line, &mime_type, &filename, file, size)
                .await
                .map_err(|e| ApiError::Upstream(e.into_failure().advice))?
        }
    };
    Ok(Json(Uploaded {
        id,
        kind,
        mime_type,
    }))
}

/// A temporary upload, removed when dropped: after the upload, on a refusal, and when the
/// request is cancelled midway.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
