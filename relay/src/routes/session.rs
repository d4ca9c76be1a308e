//! Logging in and out.

use crate::{
    AppState,
    auth::{ABSOLUTE_EXPIRY_MS, Agent, SESSION_COOKIE, session_token, throttle_keys},
    clock,
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::{StatusCode, header, request::Parts},
    response::{AppendHeaders, IntoResponse},
};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
}

/// Logs in. A new session token is issued every time (a token the client already had is
/// never reused, so a planted cookie cannot become a session); repeated failures for the
/// account or from the address must wait longer and longer.
pub async fn create(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    let keys = throttle_keys(&credentials.username, peer.ip());
    if let Some(wait_ms) = app.throttle.wait(&keys, clock::now()) {
        return Err(ApiError::TooManyAttempts {
            seconds: (wait_ms + 999) / 1000,
        });
    }
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
    let Some((token, agent)) = login else {
        app.throttle.failed(&keys, clock::now());
        return Err(ApiError::InvalidCredentials);
    };
    app.throttle.succeeded(&keys[0]);
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

/// Ends every session of the current agent, on every device.
pub async fn delete_all(
    State(app): State<AppState>,
    agent: Agent,
) -> Result<impl IntoResponse, ApiError> {
    app.accounts.logout_everywhere(&agent.username)?;
    let cookie = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, cookie)]),
    ))
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
