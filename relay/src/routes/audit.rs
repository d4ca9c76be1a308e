//! The audit log for admins, filtered and paged.

use crate::{
    AppState,
    audit::{Entry, Filter},
    error::ApiError,
};
use axum::{
    Json,
    extract::{Query, State},
};

pub async fn list(
    State(app): State<AppState>,
    Query(filter): Query<Filter>,
) -> Result<Json<Vec<Entry>>, ApiError> {
    Ok(Json(app.audit.list(&filter)?))
}
