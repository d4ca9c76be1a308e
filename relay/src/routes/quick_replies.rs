//! Quick replies, managed by supervisors and admins. They are events, so every app has them
//! offline and the log says who changed what.

use super::commands::{RequestCommandId, run};
use crate::{
    AppState,
    auth::Agent,
    error::{ApiError, ApiJson},
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use switchboard_domain::{
    Command,
    workspace::{QuickReplyOnly, SaveQuickReply},
};

#[derive(Deserialize)]
pub struct Body {
    body: String,
}

/// Creates or replaces `/shortcut`.
pub async fn save(
    State(app): State<AppState>,
    member: Agent,
    RequestCommandId(id): RequestCommandId,
    Path(shortcut): Path<String>,
    ApiJson(body): ApiJson<Body>,
) -> Result<StatusCode, ApiError> {
    let command = Command::SaveQuickReply(SaveQuickReply {
        shortcut,
        body: body.body,
    });
    run(&app, &member, id, command).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(app): State<AppState>,
    member: Agent,
    RequestCommandId(id): RequestCommandId,
    Path(shortcut): Path<String>,
) -> Result<StatusCode, ApiError> {
    let command = Command::DeleteQuickReply(QuickReplyOnly { shortcut });
    run(&app, &member, id, command).await?;
    Ok(StatusCode::NO_CONTENT)
}
