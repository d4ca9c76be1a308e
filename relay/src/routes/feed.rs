//! The live event feed over WebSocket: the backlog after `since`, a `caught_up` marker, then
//! every event as it is appended, each exactly once and in order.

use crate::{AppState, auth::Agent, error::ApiError, store::StoreError};
use axum::{
    extract::{
        Query, State,
        ws::{Message, WebSocket, WebSocketUpgrade},
    },
    http::HeaderMap,
    response::Response,
};
use serde::{Deserialize, Serialize};
use switchboard_domain::{EventRecord, Seq};
use tokio::sync::broadcast::error::RecvError;

const PAGE: u32 = 1000;

#[derive(Deserialize)]
pub struct Since {
    #[serde(default)]
    since: u64,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Frame<'a> {
    Event { record: &'a EventRecord },
    CaughtUp { seq: Seq },
}

pub async fn connect(
    State(app): State<AppState>,
    _agent: Agent,
    headers: HeaderMap,
    Query(since): Query<Since>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    // Browsers send cookies with cross-site WebSocket handshakes; the Origin check stops
    // another site from reading the feed with the agent's session.
    if headers.get(axum::http::header::ORIGIN).is_none() || !super::origin_allowed(&headers) {
        return Err(ApiError::ForbiddenOrigin);
    }
    Ok(upgrade.on_upgrade(move |socket| async move {
        if let Err(error) = stream(app, socket, Seq(since.since)).await {
            tracing::debug!(%error, "feed closed");
        }
    }))
}

#[derive(Debug, thiserror::Error)]
enum FeedError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("socket: {0}")]
    Socket(#[from] axum::Error),
    #[error("encode: {0}")]
    Encode(#[from] serde_json::Error),
}

async fn stream(app: AppState, mut socket: WebSocket, since: Seq) -> Result<(), FeedError> {
    // Subscribe before reading the backlog, so nothing appended in between is missed;
    // `last` then skips what the backlog already sent.
    let mut live = app.log.subscribe();
    let mut last = send_backlog(&app, &mut socket, since).await?;
    send(&mut socket, &Frame::CaughtUp { seq: last }).await?;
    let mut shutdown = app.shutdown.clone();
    loop {
        tokio::select! {
            received = live.recv() => match received {
                Ok(record) if record.seq > last => {
                    send(&mut socket, &Frame::Event { record: &record }).await?;
                    last = record.seq;
                }
                Ok(_) => {}
                // Too slow to keep up with the broadcast: read what was missed from the log.
                Err(RecvError::Lagged(_)) => last = send_backlog(&app, &mut socket, last).await?,
                Err(RecvError::Closed) => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            _ = shutdown.changed() => break,
        }
    }
    let _ = socket.send(Message::Close(None)).await;
    Ok(())
}

async fn send_backlog(
    app: &AppState,
    socket: &mut WebSocket,
    mut last: Seq,
) -> Result<Seq, FeedError> {
    loop {
        let page = app.log.since(last, PAGE).await?;
        for record in &page {
            send(socket, &Frame::Event { record }).await?;
            last = record.seq;
        }
        if page.len() < PAGE as usize {
            return Ok(last);
        }
    }
}

async fn send(socket: &mut WebSocket, frame: &Frame<'_>) -> Result<(), FeedError> {
    socket
        .send(Message::Text(serde_json::to_string(frame)?.into()))
        .await?;
    Ok(())
}
