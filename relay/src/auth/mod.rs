//! Who is asking: accounts, sessions, roles and the second factor.
//!
//! - [`accounts`]: members, argon2id password hashes, sessions (a random token in an
//!   HttpOnly, SameSite=Strict cookie, stored only as its SHA-256), invite and reset links.
//! - [`totp`]: two-factor codes and enrolment.
//! - [`hashing`]: the small pool every argon2 computation runs in.
//! - [`throttle`]: failed attempts by account and address, address, and known device.
//! - [`Access`]: what each route requires; [`crate::routes`] checks it before any handler.

pub mod accounts;
pub mod hashing;
pub mod throttle;
pub mod totp;

pub use accounts::{Accounts, Bootstrap, random_hex as random_id};
pub use throttle::{Throttle, client_address};

use crate::{AppState, error::ApiError};
use axum::{extract::FromRequestParts, http::request::Parts};
use serde::Serialize;
use switchboard_domain::{AgentId, Role, Viewer};

pub const SESSION_COOKIE: &str = "sb_session";
/// The cookie of a device that logged in before (see [`throttle`]).
pub const DEVICE_COOKIE: &str = "sb_device";

/// What a route requires of the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone: health, login, webhooks (which check Meta's signature), the app's files.
    Public,
    /// Anyone holding a one-time link (invite or password reset) in the path.
    Link,
    /// A session, even one that must still set up its second factor.
    Session,
    /// A session of at least this role, with its second factor set up when required.
    Role(Role),
}

/// The logged-in member of a request. As an extractor it refuses requests without a valid
/// session (routes normally put it in the request's extensions first).
#[derive(Clone, Debug, Serialize)]
pub struct Agent {
    pub username: AgentId,
    pub name: String,
    pub role: Role,
    pub totp_enabled: bool,
    /// Logged in with the one-time password printed at first start: until a new password is
    /// chosen, only the account page works.
    pub must_change_password: bool,
    /// The language the member chose; `None`: the browser's.
    pub language: Option<switchboard_domain::i18n::Locale>,
}

impl Agent {
    pub fn viewer(&self) -> Viewer {
        Viewer {
            id: self.username.clone(),
            role: self.role,
        }
    }
}

/// The session token from the request's cookies.
pub fn session_token(parts: &Parts) -> Option<String> {
    cookie(&parts.headers, SESSION_COOKIE)
}

/// The value of the cookie `name`.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
}

/// The member behind the request's session cookie, if the session is live.
pub async fn current(parts: &Parts, state: &AppState) -> Result<Agent, ApiError> {
    let token = session_token(parts).ok_or(ApiError::Unauthenticated)?;
    session(state, token)
        .await?
        .ok_or(ApiError::Unauthenticated)
}

/// The member of the session `token` while it is live (refreshing its idle timer), off the
/// async threads since it touches SQLite.
pub async fn session(state: &AppState, token: String) -> Result<Option<Agent>, ApiError> {
    let (accounts, now) = (state.accounts.clone(), state.clock.now());
    Ok(
        tokio::task::spawn_blocking(move || accounts.session(&token, now))
            .await
            .map_err(ApiError::internal)??,
    )
}

/// Checks `access` for the request; on success the member (if any) is returned.
pub async fn check(
    access: Access,
    parts: &Parts,
    state: &AppState,
) -> Result<Option<Agent>, ApiError> {
    let needed = match access {
        Access::Public | Access::Link => return Ok(None),
        Access::Session => return current(parts, state).await.map(Some),
        Access::Role(role) => role,
    };
    let agent = current(parts, state).await?;
    if agent.must_change_password {
        return Err(ApiError::PasswordChangeRequired);
    }
    if !agent.totp_enabled && state.log.read(|s| s.settings.require_totp) {
        return Err(ApiError::TotpEnrolmentRequired);
    }
    if !agent.role.allows(needed) {
        return Err(ApiError::Forbidden { needed });
    }
    Ok(Some(agent))
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match parts.extensions.get::<Agent>() {
            Some(agent) => Ok(agent.clone()),
            None => current(parts, state).await,
        }
    }
}
