//! Outbound files: checked against Meta's type and size limits, then uploaded to Meta;
//! the answer's media id goes into a `send_media` command.

use crate::{AppState, auth::random_id, config::Provider, error::ApiError};
use axum::{
    Json,
    body::Bytes,
    extract::{Path, State, rejection::BytesRejection},
    http::{HeaderMap, StatusCode, header},
};
use serde::Serialize;
use switchboard_domain::{media, message::MediaKind};

/// The largest file Meta accepts (a document).
pub const UPLOAD_LIMIT: usize = 100 * 1024 * 1024;

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
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Uploaded>, ApiError> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge {
            limit: UPLOAD_LIMIT,
        },
        _ => ApiError::BadRequest(rejection.body_text()),
    })?;
    let line = app.line(&line)?;
    let mime_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let kind = media::check(&mime_type, body.len() as u64)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let filename = headers
        .get("x-filename")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| percent_encoding::percent_decode_str(v).decode_utf8().ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty() && name.chars().count() <= 240)
        .unwrap_or_else(|| "file".to_owned());
    let id = match line.provider {
        // The Sandbox never talks to Meta; its phone only shows the file's name.
        Provider::Sandbox => format!("sandbox.{}", random_id(8)),
        Provider::Meta => app
            .graph
            .upload(line, &mime_type, &filename, body.to_vec())
            .await
            .map_err(|e| ApiError::Upstream(e.into_failure().advice))?,
    };
    Ok(Json(Uploaded {
        id,
        kind,
        mime_type,
    }))
}
