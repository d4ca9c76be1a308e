//! Logging in and out.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::{
        Agent, DEVICE_COOKIE, SESSION_COOKIE,
        accounts::{
            DEVICE_SECONDS, Login, MAX_CODE_CHARS, MAX_LOGIN_USERNAME_CHARS, MAX_PASSWORD_CHARS,
        },
        client_address, cookie, session_token,
        throttle::Key,
    },
    error::{ApiError, ApiJson},
};
use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::{HeaderMap, StatusCode, header, request::Parts},
    response::{AppendHeaders, IntoResponse},
};
use serde::Deserialize;
use std::net::SocketAddr;
use switchboard_domain::throttle::Outcome;
use switchboard_domain::wire::SessionView;

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
/// The signed-in member as the app sees them.
pub fn me(app: &AppState, agent: Agent) -> SessionView {
    let required = app.log.read(|s| s.settings.require_totp);
    SessionView {
        // The admin requires two-factor and this member has not set it up: until they do,
        // only their account page works.
        must_enrol_totp: required && !agent.totp_enabled,
        username: agent.username,
        name: agent.name,
        role: agent.role,
        totp_enabled: agent.totp_enabled,
        must_change_password: agent.must_change_password,
        language: agent.language,
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
/// never reused, so a planted cookie cannot become a session); repeated failures must wait
/// longer and longer (see [`crate::auth::throttle`]). The attempt takes its throttle slot
/// before the password is checked, and the check runs in the argon2 pool.
pub async fn create(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    credentials.check_lengths()?;
    let address = client_address(peer.ip(), &headers, &app.config.trusted_proxies);
    let username = credentials.username.trim().to_owned();
    let device = known_device(&app, &headers, &username).await?;
    let keys = Key::login(&username, address, device.as_deref());
    let slot = app.throttle.begin(keys)?;
    let now = app.clock.now();
    let accounts = app.accounts.clone();
    let typed = username.clone();
    let login = app
        .accounts
        .hashing()
        .run(move || {
            accounts.login(
                &typed,
                &credentials.password,
                credentials.code.as_deref(),
                now,
            )
        })
        .await??;
    let (token, agent) = match login {
        Login::Opened(token, agent) => (token, agent),
        Login::CodeNeeded => {
            slot.settle(Outcome::Abandoned);
            return Err(ApiError::CodeNeeded);
        }
        Login::Refused => {
            slot.settle(Outcome::Failed);
            let failed = Record::new(&username, Action::LoginFailed).address(&address);
            app.audit.record(failed, app.clock.now());
            return Err(ApiError::InvalidCredentials);
        }
    };
    slot.settle(Outcome::Succeeded);
    let succeeded = Record::new(&agent.username, Action::LoginSucceeded).address(&address);
    app.audit.record(succeeded, app.clock.now());
    let mut cookies = vec![(header::SET_COOKIE, session_cookie(&app, &token))];
    if device.is_none() {
        let remembered = app
            .accounts
            .remember_device(&agent.username, app.clock.now())?;
        cookies.push((header::SET_COOKIE, device_cookie(&app, &remembered)));
    }
    Ok((AppendHeaders(cookies), Json(me(&app, agent))))
}

/// The request's device cookie, when it is that of a device that logged in as `username`.
async fn known_device(
    app: &AppState,
    headers: &HeaderMap,
    username: &str,
) -> Result<Option<String>, ApiError> {
    let Some(token) = cookie(headers, DEVICE_COOKIE) else {
        return Ok(None);
    };
    let now = app.clock.now();
    let accounts = app.accounts.clone();
    let typed = username.to_owned();
    let known = tokio::task::spawn_blocking(move || {
        accounts
            .known_device(&token, &typed, now)
            .map(|known| known.then_some(token))
    })
    .await
    .map_err(ApiError::internal)??;
    Ok(known)
}

/// The `Set-Cookie` value that remembers this device, sent only to the login route.
fn device_cookie(app: &AppState, token: &str) -> String {
    let secure = if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{DEVICE_COOKIE}={token}; Path=/api/session; HttpOnly; SameSite=Strict; Max-Age={DEVICE_SECONDS}{secure}"
    )
}

/// Ends every session of the current member, on every device.
pub async fn delete_all(
    State(app): State<AppState>,
    agent: Agent,
) -> Result<impl IntoResponse, ApiError> {
    app.accounts.logout_everywhere(&agent.username);
    let entry = Record::new(&agent.username, Action::LogoutEverywhere);
    app.audit.record(entry, app.clock.now());
    Ok(logged_out())
}

pub async fn show(State(app): State<AppState>, agent: Agent) -> Json<SessionView> {
    Json(me(&app, agent))
}

pub async fn delete(
    State(app): State<AppState>,
    agent: Agent,
    parts: Parts,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = session_token(&parts) {
        app.accounts.logout(&token)?;
    }
    app.audit.record(
        Record::new(&agent.username, Action::Logout),
        app.clock.now(),
    );
    Ok(logged_out())
}
