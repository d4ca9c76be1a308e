//! Teams: created, renamed, re-staffed and deleted by an admin, as events every app folds.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::{Agent, accounts::AccountError},
    clock,
    error::{ApiError, ApiJson},
    store::NewEvent,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use std::collections::BTreeSet;
use switchboard_domain::{AgentId, Event, TeamId};

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
    Path(team): Path<String>,
    ApiJson(body): ApiJson<Team>,
) -> Result<StatusCode, ApiError> {
    if crate::auth::accounts::check_username(&team).is_err() {
        return Err(ApiError::Invalid("error-team-id"));
    }
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(ApiError::Invalid("error-team-name"));
    }
    let known = app.log.read(|s| {
        body.members
            .iter()
            .find(|m| !s.agents.contains_key(*m))
            .cloned()
    });
    if let Some(unknown) = known {
        return Err(AccountError::UnknownAgent(unknown.to_string()).into());
    }
    let event = Event::TeamSaved {
        team: TeamId::new(&team),
        name: name.to_owned(),
        members: body.members.clone(),
    };
    app.log
        .append(vec![NewEvent::new(event)], clock::now())
        .await?;
    let entry = Record::new(&admin.username, Action::TeamSaved)
        .target(&team)
        .detail(serde_json::json!({ "name": name, "members": body.members }));
    app.audit.record(entry, clock::now());
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a team; its chats and lines become unassigned from it.
pub async fn delete(
    State(app): State<AppState>,
    admin: Agent,
    Path(team): Path<String>,
) -> Result<StatusCode, ApiError> {
    let team = TeamId::new(team);
    if !app.log.read(|s| s.teams.contains_key(&team)) {
        return Err(ApiError::UnknownTeam(team.to_string()));
    }
    let event = Event::TeamDeleted { team: team.clone() };
    app.log
        .append(vec![NewEvent::new(event)], clock::now())
        .await?;
    let entry = Record::new(&admin.username, Action::TeamDeleted).target(&team);
    app.audit.record(entry, clock::now());
    Ok(StatusCode::NO_CONTENT)
}
