//! The lines an agent can work on. Secrets are not part of the answer.

use crate::{AppState, auth::Agent, config::Provider};
use axum::{Json, extract::State};
use serde::Serialize;

#[derive(Serialize)]
pub struct Line {
    id: String,
    name: String,
    provider: &'static str,
    phone: String,
}

pub async fn list(State(app): State<AppState>, _agent: Agent) -> Json<Vec<Line>> {
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
                phone: l.display_phone_number.clone(),
            })
            .collect(),
    )
}
