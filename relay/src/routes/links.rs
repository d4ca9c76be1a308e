//! Invite and password-reset links: the token in the path is the credential, good once and
//! until it expires.

use super::session::{Me, session_cookie};
use crate::{
    AppState,
    audit::{Action, Record},
    auth::accounts::{AccountError, LinkInfo},
    clock,
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::{Path, State},
    http::header,
    response::{AppendHeaders, IntoResponse},
};
use serde::Deserialize;

/// Who the link is for, so its page can greet them.
pub async fn show(
    State(app): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<LinkInfo>, ApiError> {
    app.accounts
        .link(&token, clock::now())?
        .map(Json)
        .ok_or(AccountError::LinkInvalid.into())
}

#[derive(Deserialize)]
pub struct NewPassword {
    /// Checked after the link, so an unknown link is refused whatever the body.
    #[serde(default)]
    password: String,
}

/// Sets the member's password and logs them in.
pub async fn accept(
    State(app): State<AppState>,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<NewPassword>,
) -> Result<impl IntoResponse, ApiError> {
    let accounts = app.accounts.clone();
    let (info, session, agent) = tokio::task::spawn_blocking(move || {
        accounts.use_link(&token, &body.password, clock::now())
    })
    .await
    .map_err(ApiError::internal)??;
    let entry = Record::new(&info.username, Action::PasswordSet)
        .detail(serde_json::json!({ "link": info.kind }));
    app.audit.record(entry, clock::now());
    Ok((
        AppendHeaders([(header::SET_COOKIE, session_cookie(&app, &session))]),
        Json(Me::of(&app, agent)),
    ))
}
