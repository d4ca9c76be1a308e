//! Commands from agents: checked against the projection by the domain, appended, acknowledged.

use crate::{
    AppState,
    auth::Agent,
    clock,
    config::Provider,
    error::{ApiError, ApiJson},
    store::CommandOutcome,
};
use axum::{Json, extract::State};
use switchboard_domain::{
    ChatId, Command, Event, Seq, Wamid,
    wire::{CommandAck, CommandEnvelope},
};

pub async fn execute(
    State(app): State<AppState>,
    agent: Agent,
    ApiJson(envelope): ApiJson<CommandEnvelope<'static>>,
) -> Result<Json<CommandAck>, ApiError> {
    let typing = matches!(&*envelope.command, Command::MarkRead(read) if read.typing);
    let outcome = app
        .log
        .execute(
            envelope.id.into_owned(),
            agent.viewer(),
            envelope.command.into_owned(),
            clock::now(),
        )
        .await??;
    let seq = match outcome {
        CommandOutcome::AlreadyDone { seq } => seq,
        CommandOutcome::Appended(records) => {
            for record in &records {
                match &record.event {
                    Event::OutboundQueued { line, .. } => app.sender.wake(line),
                    Event::ChatRead { chat, up_to, .. } => mark_read(&app, chat, up_to, typing),
                    _ => {}
                }
            }
            records.last().map_or(Seq(0), |r| r.seq)
        }
    };
    Ok(Json(CommandAck { seq }))
}

/// Tells WhatsApp the agent read the chat (blue ticks for the customer, and the typing
/// indicator when asked). Best effort: the read is already recorded in the log.
fn mark_read(app: &AppState, chat: &ChatId, up_to: &Wamid, typing: bool) {
    let Some(line) = app
        .config
        .lines
        .iter()
        .find(|l| l.id == chat.line() && l.provider == Provider::Meta)
    else {
        return;
    };
    let (graph, line, up_to) = (app.graph.clone(), line.clone(), up_to.clone());
    tokio::spawn(async move {
        if let Err(error) = graph.mark_read(&line, &up_to, typing).await {
            tracing::warn!(line = %line.id, ?error, "mark as read failed");
        }
    });
}
