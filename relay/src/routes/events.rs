//! The event feed as JSON: what the WebSocket streams, for scripts and outside tools.

use crate::{AppState, auth::Agent, error::ApiError};
use axum::{
    Json,
    extract::{Query, State},
};
use serde::{Deserialize, Serialize};
use switchboard_domain::{EventRecord, Seq};

#[derive(Deserialize)]
pub struct Page {
    #[serde(default)]
    since: u64,
    limit: Option<u32>,
}

#[derive(Serialize)]
pub struct Events {
    events: Vec<EventRecord>,
    last: Seq,
}

pub async fn list(
    State(app): State<AppState>,
    _agent: Agent,
    Query(page): Query<Page>,
) -> Result<Json<Events>, ApiError> {
    let limit = page.limit.unwrap_or(1000).clamp(1, 10_000);
    let events = app.log.since(Seq(page.since), limit).await?;
    let last = events.last().map_or(Seq(page.since), |r| r.seq);
    Ok(Json(Events { events, last }))
}
