//! Teams: created, renamed, re-staffed and deleted by an admin, as commands every app folds.

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
use std::collections::BTreeSet;
use switchboard_domain::{
    AgentId, Command, TeamId,
    workspace::{SaveTeam, TeamOnly},
};

#[derive(Deserialize)]
pub struct Team {
    name: String,
    #[serde(default)]
    members: BTreeSet<AgentId>,
}

/// Creates or replaces the team `team` (its id is a short slug, like a username).
pub async fn save(
    State(app): State<AppState>,
    admin: Agent,
    RequestCommandId(id): RequestCommandId,
    Path(team): Path<String>,
    ApiJson(body): ApiJson<Team>,
) -> Result<StatusCode, ApiError> {
    let command = Command::SaveTeam(SaveTeam {
        team: TeamId::new(team),
        name: body.name,
        members: body.members,
    });
    run(&app, &admin, id, command).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a team; its chats and lines become unassigned from it.
pub async fn delete(
    State(app): State<AppState>,
    admin: Agent,
    RequestCommandId(id): RequestCommandId,
    Path(team): Path<String>,
) -> Result<StatusCode, ApiError> {
    let command = Command::DeleteTeam(TeamOnly {
        team: TeamId::new(team),
    });
    run(&app, &admin, id, command).await?;
    Ok(StatusCode::NO_CONTENT)
}
