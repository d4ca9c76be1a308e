//! Workspace access settings: restricting agents to their teams, requiring two-factor.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::Agent,
    clock,
    error::{ApiError, ApiJson},
    store::NewEvent,
};
use axum::{Json, extract::State};
use switchboard_domain::{Event, access::AccessSettings};

pub async fn save(
    State(app): State<AppState>,
    admin: Agent,
    ApiJson(settings): ApiJson<AccessSettings>,
) -> Result<Json<AccessSettings>, ApiError> {
    let before = app.log.read(|s| s.settings);
    if before != settings {
        let event = Event::AccessSettingsChanged { settings };
        app.log
            .append(vec![NewEvent::new(event)], clock::now())
            .await?;
        let entry = Record::new(&admin.username, Action::SettingsChanged)
            .detail(serde_json::json!({ "before": before, "after": settings }));
        app.audit.record(entry, clock::now());
    }
    Ok(Json(settings))
}
