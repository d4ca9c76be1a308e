//! Commands from members: checked against the projection by the domain, appended with their
//! audit entry, acknowledged. The admin routes build commands and run them here too.

use crate::{
    AppState,
    auth::Agent,
    config::Provider,
    error::{ApiError, ApiJson},
    store::CommandOutcome,
};
use axum::{
    Json,
    extract::{FromRequestParts, State},
    http::request::Parts,
};
use rand_core::{OsRng, RngCore};
use switchboard_domain::{
    ChatId, Command, CommandError, CommandId, Event, Seq, Wamid,
    wire::{CommandAck, CommandEnvelope},
};

pub async fn execute(
    State(app): State<AppState>,
    agent: Agent,
    ApiJson(envelope): ApiJson<CommandEnvelope<'static>>,
) -> Result<Json<CommandAck>, ApiError> {
    let id = envelope.id.into_owned();
    let seq = run(&app, &agent, id, envelope.command.into_owned()).await?;
    Ok(Json(CommandAck { seq }))
}

/// The one write path: decides `command` against the projection under the log's lock and
/// appends its events with its audit entry, idempotent by (member, id); then wakes what the
/// new records concern. Every handler that changes something ends here. Gives the seq of
/// the command's last record.
pub async fn run(
    app: &AppState,
    agent: &Agent,
    id: CommandId,
    command: Command,
) -> Result<Seq, ApiError> {
    if let Command::SetLineTeam(set) = &command {
        // Lines are configured, not events: the projection cannot know a line with no chat.
        app.line(set.line.as_str())?;
    }
    let typing = matches!(&command, Command::MarkRead(read) if read.typing);
    let outcome = app
        .log
        .execute(id, agent.viewer(), command, app.clock.now())
        .await??;
    Ok(match outcome {
        CommandOutcome::AlreadyDone { seq } => seq,
        CommandOutcome::Appended(records) => {
            for record in &records {
                match &record.event {
                    Event::OutboundQueued { line, .. } => app.sender.wake(line),
                    Event::ChatRead { chat, up_to, .. } => mark_read(app, chat, up_to, typing),
                    _ => {}
                }
            }
            records.last().map_or(Seq(0), |r| r.seq)
        }
    })
}

/// The command id of a request made outside the app's command envelope (the admin routes):
/// the `Idempotency-Key` header when the caller sends one, so a retried request is carried
/// out once; otherwise a fresh id, as each such request is a new change.
pub struct RequestCommandId(pub CommandId);

impl<S: Send + Sync> FromRequestParts<S> for RequestCommandId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        match parts.headers.get("idempotency-key") {
            Some(key) => key
                .to_str()
                .map(|key| Self(CommandId::new(key)))
                .map_err(|_| ApiError::Command(CommandError::BadCommandId)),
            None => {
                let mut bytes = [0u8; 16];
                OsRng.fill_bytes(&mut bytes);
                Ok(Self(CommandId::new(format!(
                    "request-{}",
                    hex::encode(bytes)
                ))))
            }
        }
    }
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
