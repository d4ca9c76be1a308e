//! Invite and password-reset links: the token in the path is the credential, good once and
//! until it expires.

use super::session::{me, session_cookie};
use crate::{
    AppState,
    audit::{Action, Record},
    auth::{
        accounts::{AccountError, LinkInfo},
        throttle::Key,
    },
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::{Path, State},
    http::header,
    response::{AppendHeaders, IntoResponse},
};
use serde::Deserialize;
use switchboard_domain::throttle::Outcome;

/// Who the link is for, so its page can greet them.
pub async fn show(
    State(app): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<LinkInfo>, ApiError> {
    app.accounts
        .link(&token, app.clock.now())?
        .map(Json)
        .ok_or(AccountError::LinkInvalid.into())
}

#[derive(Deserialize)]
pub struct NewPassword {
    /// Checked after the link, so an unknown link is refused whatever the body.
    #[serde(default)]
    password: String,
    /// The authenticator's current code, needed when the member's second factor is on.
    #[serde(default)]
    code: Option<String>,
}

/// Sets the member's password and logs them in. When their second factor is on, the code is
/// needed too (throttled like every code), so a reset link alone never gets past it.
pub async fn accept(
    State(app): State<AppState>,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<NewPassword>,
) -> Result<impl IntoResponse, ApiError> {
    let info = app
        .accounts
        .link(&token, app.clock.now())?
        .ok_or(AccountError::LinkInvalid)?;
    let slot = match info.totp_enabled {
        true => Some(app.throttle.begin(Key::totp(info.username.as_str()))?),
        false => None,
    };
    let now = app.clock.now();
    let accounts = app.accounts.clone();
    let used = app
        .accounts
        .hashing()
        .run(move || accounts.use_link(&token, &body.password, body.code.as_deref(), now))
        .await?;
    if let Some(slot) = slot {
        slot.settle(match &used {
            Ok(_) => Outcome::Succeeded,
            Err(AccountError::WrongCode) => Outcome::Failed,
            Err(_) => Outcome::Abandoned,
        });
    }
    let (info, session, agent) = used?;
    let entry = Record::new(&info.username, Action::PasswordSet)
        .detail(serde_json::json!({ "link": info.kind }));
    app.audit.record(entry, app.clock.now());
    Ok((
        AppendHeaders([(header::SET_COOKIE, session_cookie(&app, &session))]),
        Json(me(&app, agent)),
    ))
}
