//! The lines an agent can work on (secrets are not part of the answer), and which team
//! owns each line's unassigned chats.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::Agent,
    clock,
    config::Provider,
    error::{ApiError, ApiJson},
    store::NewEvent,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use switchboard_domain::{Event, TeamId};

#[derive(Serialize)]
pub struct Line {
    id: String,
    name: String,
    provider: &'static str,
    phone: String,
}

pub async fn list(State(app): State<AppState>) -> Json<Vec<Line>> {
    Json(
        app.config
            .lines
            .iter()
            .map(|l| Line {
                id: l.id.to_string(),
                name: l.name.clone(),
                provider: match l.provider {
                    Provider::Meta => "meta",
                    Provider::Sandbox => "sandbox",
                },
                phone: international(&l.display_phone_number),
            })
            .collect(),
    )
}

/// The line's number as people write it, with one `+`: Meta's webhooks give
/// `display_phone_number` as digits ("15550100"), a configuration may already say "+1 555 0100".
fn international(display: &str) -> String {
    let display = display.trim();
    if display.is_empty() || display.starts_with('+') {
        display.to_owned()
    } else {
        format!("+{display}")
    }
}

#[derive(Deserialize)]
pub struct LineTeam {
    team: Option<TeamId>,
    /// New chats go in turn to the team's online members.
    #[serde(default)]
    round_robin: bool,
}

/// Gives the line's unassigned chats to a team (or to no team), with or without
/// round-robin among its members.
pub async fn set_team(
    State(app): State<AppState>,
    admin: Agent,
    Path(line): Path<String>,
    ApiJson(body): ApiJson<LineTeam>,
) -> Result<StatusCode, ApiError> {
    let line = app.line(&line)?.id.clone();
    if let Some(team) = &body.team
        && !app.log.read(|s| s.teams.contains_key(team))
    {
        return Err(ApiError::UnknownTeam(team.to_string()));
    }
    if body.round_robin && body.team.is_none() {
        return Err(ApiError::Invalid("error-round-robin-team"));
    }
    let event = Event::LineTeamSet {
        line: line.clone(),
        team: body.team.clone(),
        round_robin: body.round_robin,
    };
    app.log
        .append(vec![NewEvent::new(event)], clock::now())
        .await?;
    let entry = Record::new(&admin.username, Action::LineChanged)
        .target(&line)
        .detail(serde_json::json!({ "team": body.team, "round_robin": body.round_robin }));
    app.audit.record(entry, clock::now());
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_number_has_exactly_one_plus() {
        assert_eq!(super::international("+1 555 0100"), "+1 555 0100");
        assert_eq!(super::international("15550100"), "+15550100");
        assert_eq!(super::international(""), "");
    }
}
