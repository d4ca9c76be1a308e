//! Logging in and out.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::{
        Agent, SESSION_COOKIE,
        accounts::{Login, MAX_CODE_CHARS, MAX_LOGIN_USERNAME_CHARS, MAX_PASSWORD_CHARS},
        session_token, throttle_keys,
    },
    clock,
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::{StatusCode, header, request::Parts},
    response::{AppendHeaders, IntoResponse},
};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
    /// The authenticator's code, for members with two-factor on.
    #[serde(default)]
    code: Option<String>,
}

impl Credentials {
    /// Refuses fields longer than any account's, before they cost a hash, a throttle entry
    /// or an audit row.
    fn check_lengths(&self) -> Result<(), ApiError> {
        let too_long = |value: &str, max: usize| value.chars().count() > max;
        if too_long(&self.username, MAX_LOGIN_USERNAME_CHARS)
            || too_long(&self.password, MAX_PASSWORD_CHARS)
            || self
                .code
                .as_deref()
                .is_some_and(|c| too_long(c, MAX_CODE_CHARS))
        {
            return Err(ApiError::CredentialsTooLong);
        }
        Ok(())
    }
}

/// The logged-in member as the app sees them.
#[derive(Serialize)]
pub struct Me {
    #[serde(flatten)]
    agent: Agent,
    /// The admin requires two-factor and this member has not set it up: until they do,
    /// only their account page works.
    must_enrol_totp: bool,
}

impl Me {
    pub fn of(app: &AppState, agent: Agent) -> Self {
        let required = app.log.read(|s| s.settings.require_totp);
        Self {
            must_enrol_totp: required && !agent.totp_enabled,
            agent,
        }
    }
}

/// The `Set-Cookie` value of a new session.
pub fn session_cookie(app: &AppState, token: &str) -> String {
    let secure = if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        app.accounts.absolute_seconds()
    )
}

fn cleared_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// What a logout answers: the cookie removed, and the browser told to drop its HTTP cache
/// (belt and braces: media is sent `no-store`); the app deletes its replica itself.
fn logged_out() -> impl IntoResponse {
    (
        StatusCode::NO_CONTENT,
        AppendHeaders([
            (header::SET_COOKIE, cleared_cookie()),
            (
                header::HeaderName::from_static("clear-site-data"),
                String::from("\"cache\""),
            ),
        ]),
    )
}

/// Logs in. A new session token is issued every time (a token the client already had is
/// never reused, so a planted cookie cannot become a session); repeated failures for the
/// account or from the address must wait longer and longer.
pub async fn create(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    credentials.check_lengths()?;
    let keys = throttle_keys(&credentials.username, peer.ip());
    if let Some(wait_ms) = app.throttle.wait(&keys, clock::now()) {
        return Err(ApiError::TooManyAttempts {
            seconds: (wait_ms + 999) / 1000,
        });
    }
    let username = credentials.username.trim().to_owned();
    let accounts = app.accounts.clone();
    let typed = username.clone();
    let login = tokio::task::spawn_blocking(move || {
        accounts.login(
            &typed,
            &credentials.password,
            credentials.code.as_deref(),
            clock::now(),
        )
    })
    .await
    .map_err(ApiError::internal)??;
    let address = peer.ip();
    let (token, agent) = match login {
        Login::Opened(token, agent) => (token, agent),
        Login::CodeNeeded => return Err(ApiError::CodeNeeded),
        Login::Refused => {
            app.throttle.failed(&keys, clock::now());
            let failed = Record::new(&username, Action::LoginFailed).address(&address);
            app.audit.record(failed, clock::now());
            return Err(ApiError::InvalidCredentials);
        }
    };
    app.throttle.succeeded(&keys[0]);
    let succeeded = Record::new(&agent.username, Action::LoginSucceeded).address(&address);
    app.audit.record(succeeded, clock::now());
    let cookie = session_cookie(&app, &token);
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Json(Me::of(&app, agent)),
    ))
}

/// Ends every session of the current member, on every device.
pub async fn delete_all(
    State(app): State<AppState>,
    agent: Agent,
) -> Result<impl IntoResponse, ApiError> {
    app.accounts.logout_everywhere(&agent.username);
    let entry = Record::new(&agent.username, Action::LogoutEverywhere);
    app.audit.record(entry, clock::now());
    Ok(logged_out())
}

pub async fn show(State(app): State<AppState>, agent: Agent) -> Json<Me> {
    Json(Me::of(&app, agent))
}

pub async fn delete(
    State(app): State<AppState>,
    agent: Agent,
    parts: Parts,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = session_token(&parts) {
        app.accounts.logout(&token)?;
    }
    app.audit
        .record(Record::new(&agent.username, Action::Logout), clock::now());
    Ok(logged_out())
}
