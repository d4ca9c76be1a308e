//! Quick replies, managed by supervisors and admins. They are events, so every app has them
//! offline and the log says who changed what.

use crate::{
    AppState,
    auth::Agent,
    clock,
    error::{ApiError, ApiJson},
    store::NewEvent,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use switchboard_domain::{Event, quick_reply::QuickReply};

#[derive(Deserialize)]
pub struct Body {
    body: String,
}

/// Creates or replaces `/shortcut`.
pub async fn save(
    State(app): State<AppState>,
    member: Agent,
    Path(shortcut): Path<String>,
    ApiJson(body): ApiJson<Body>,
) -> Result<StatusCode, ApiError> {
    let reply = QuickReply::new(&shortcut, &body.body)?;
    let event = Event::QuickReplySaved {
        reply,
        by: member.username,
    };
    app.log
        .append(vec![NewEvent::new(event)], clock::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(app): State<AppState>,
    member: Agent,
    Path(shortcut): Path<String>,
) -> Result<StatusCode, ApiError> {
    if !app.log.read(|s| s.quick_replies.contains_key(&shortcut)) {
        return Err(ApiError::UnknownQuickReply(shortcut));
    }
    let event = Event::QuickReplyDeleted {
        shortcut,
        by: member.username,
    };
    app.log
        .append(vec![NewEvent::new(event)], clock::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
