//! Commands from agents: checked against the projection by the domain, appended, acknowledged.

use crate::{
    AppState,
    auth::Agent,
    clock,
    error::{ApiError, ApiJson},
    store::CommandOutcome,
};
use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use switchboard_domain::{Command, CommandId, Event, Seq};

#[derive(Deserialize)]
pub struct Envelope {
    id: CommandId,
    command: Command,
}

#[derive(Serialize)]
pub struct Ack {
    seq: Seq,
}

pub async fn execute(
    State(app): State<AppState>,
    agent: Agent,
    ApiJson(envelope): ApiJson<Envelope>,
) -> Result<Json<Ack>, ApiError> {
    if envelope.id.as_str().is_empty() || envelope.id.as_str().len() > 64 {
        return Err(ApiError::BadRequest(
            "the command id must be 1 to 64 characters".into(),
        ));
    }
    let outcome = app
        .log
        .execute(envelope.id, agent.username, envelope.command, clock::now())
        .await??;
    let seq = match outcome {
        CommandOutcome::AlreadyDone { seq } => seq,
        CommandOutcome::Appended(records) => {
            for record in &records {
                if let Event::OutboundQueued { line, .. } = &record.event {
                    app.sender.wake(line);
                }
            }
            records.last().map_or(Seq(0), |r| r.seq)
        }
    };
    Ok(Json(Ack { seq }))
}
