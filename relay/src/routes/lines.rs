//! The lines an agent can work on (secrets are not part of the answer), and which team
//! owns each line's unassigned chats.

use super::commands::{RequestCommandId, run};
use crate::{
    AppState,
    auth::Agent,
    config::Provider,
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use switchboard_domain::{
    Command, LineId, TeamId,
    wire::{LineProvider, LineView},
    workspace::SetLineTeam,
};

pub async fn list(State(app): State<AppState>) -> Json<Vec<LineView>> {
    Json(
        app.config
            .lines
            .iter()
            .map(|l| LineView {
                id: l.id.clone(),
                name: l.name.clone(),
                provider: match l.provider {
                    Provider::Meta => LineProvider::Meta,
                    Provider::Sandbox => LineProvider::Sandbox,
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
    RequestCommandId(id): RequestCommandId,
    Path(line): Path<String>,
    ApiJson(body): ApiJson<LineTeam>,
) -> Result<StatusCode, ApiError> {
    let command = Command::SetLineTeam(SetLineTeam {
        line: LineId::new(line),
        team: body.team,
        round_robin: body.round_robin,
    });
    run(&app, &admin, id, command).await?;
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
