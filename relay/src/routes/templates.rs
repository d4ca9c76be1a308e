//! Template sync on demand; the templates themselves reach apps as `templates_synced` events.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::Agent,
    error::ApiError,
    templates::SyncError,
};
use axum::{
    Json,
    extract::{Path, State},
};
use serde::Serialize;

#[derive(Serialize)]
pub struct Synced {
    templates: usize,
}

pub async fn sync(
    State(app): State<AppState>,
    agent: Agent,
    Path(line): Path<String>,
) -> Result<Json<Synced>, ApiError> {
    let line = app.line(&line)?;
    match app.templates.sync(line).await {
        Ok(templates) => {
            let entry = Record::new(&agent.username, Action::TemplatesSynced)
                .target(&line.id)
                .detail(serde_json::json!({ "templates": templates }));
            app.audit.record(entry, app.clock.now());
            Ok(Json(Synced { templates }))
        }
        Err(SyncError::Store(error)) => Err(error.into()),
        Err(error) => Err(ApiError::Upstream(error.to_string())),
    }
}
