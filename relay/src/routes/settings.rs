//! Workspace access settings: restricting agents to their teams, requiring two-factor.

use super::commands::{RequestCommandId, run};
use crate::{
    AppState,
    auth::Agent,
    error::{ApiError, ApiJson},
};
use axum::{Json, extract::State};
use switchboard_domain::{Command, access::AccessSettings, workspace::ChangeAccess};

pub async fn save(
    State(app): State<AppState>,
    admin: Agent,
    RequestCommandId(id): RequestCommandId,
    ApiJson(settings): ApiJson<AccessSettings>,
) -> Result<Json<AccessSettings>, ApiError> {
    run(
        &app,
        &admin,
        id,
        Command::ChangeAccess(ChangeAccess { settings }),
    )
    .await?;
    Ok(Json(settings))
}
