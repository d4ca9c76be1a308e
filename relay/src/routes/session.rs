//! Logging in and out.

use crate::{
    AppState,
    auth::{ABSOLUTE_EXPIRY_MS, Agent, SESSION_COOKIE, session_token},
    clock,
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header, request::Parts},
    response::{AppendHeaders, IntoResponse},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
}

pub async fn create(
    State(app): State<AppState>,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    let accounts = app.accounts.clone();
    let login = tokio::task::spawn_blocking(move || {
        accounts.login(
            credentials.username.trim(),
            &credentials.password,
            clock::now(),
        )
    })
    .await
    .map_err(ApiError::internal)??;
    let (token, agent) = login.ok_or(ApiError::InvalidCredentials)?;
    let secure = if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        ABSOLUTE_EXPIRY_MS / 1000
    );
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(agent)))
}

pub async fn show(agent: Agent) -> Json<Agent> {
    Json(agent)
}

pub async fn delete(
    State(app): State<AppState>,
    _agent: Agent,
    parts: Parts,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = session_token(&parts) {
        app.accounts.logout(&token)?;
    }
    let cookie = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, cookie)]),
    ))
}
