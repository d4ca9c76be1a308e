//! The event feed as JSON: what the WebSocket streams (only what the member may see), for
//! scripts and outside tools.

use crate::{
    AppState,
    auth::Agent,
    error::{ApiError, ApiQuery, since},
};
use axum::{Json, extract::State};
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
    agent: Agent,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<Events>, ApiError> {
    let limit = page.limit.unwrap_or(1000).clamp(1, 10_000);
    let from = since(page.since)?;
    let mut events = app.log.since(from, limit).await?;
    // `last` is where the next page starts, even when this member may see none of these.
    let last = events.last().map_or(from, |r| r.seq);
    let viewer = agent.viewer();
    app.log
        .read(|s| events.retain(|r| s.may_receive(&viewer, &s.audience(&r.event))));
    Ok(Json(Events { events, last }))
}
