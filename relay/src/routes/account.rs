//! The member's own account: their password and their second factor.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::{
        Agent,
        accounts::{AccountError, MAX_CODE_CHARS},
        session_token,
        throttle::{Key, Slot},
        totp::Enrolment,
    },
    error::{ApiError, ApiJson},
};
use axum::{Json, extract::State, http::StatusCode, http::request::Parts};
use serde::Deserialize;
use switchboard_domain::{i18n::Locale, throttle::Outcome};

#[derive(Deserialize)]
pub struct PasswordChange {
    current: String,
    new: String,
}

/// Changes the password; every other session of the member ends.
pub async fn change_password(
    State(app): State<AppState>,
    agent: Agent,
    parts: Parts,
    ApiJson(change): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let session = session_token(&parts).unwrap_or_default();
    let accounts = app.accounts.clone();
    let username = agent.username.clone();
    app.accounts
        .hashing()
        .run(move || accounts.change_password(&username, &change.current, &change.new, &session))
        .await??;
    let entry = Record::new(&agent.username, Action::PasswordChanged);
    app.audit.record(entry, app.clock.now());
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct LanguageChoice {
    language: Locale,
}

/// Saves the member's language (one of the catalogues'; anything else is a bad request).
pub async fn set_language(
    State(app): State<AppState>,
    agent: Agent,
    ApiJson(choice): ApiJson<LanguageChoice>,
) -> Result<StatusCode, ApiError> {
    app.accounts
        .set_language(&agent.username, choice.language)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts enrolment: the QR code to scan. Two-factor is on only once a code is confirmed.
pub async fn begin_totp(
    State(app): State<AppState>,
    agent: Agent,
) -> Result<Json<Enrolment>, ApiError> {
    Ok(Json(app.accounts.begin_totp(&agent.username)?))
}

#[derive(Deserialize)]
pub struct Code {
    code: String,
}

impl Code {
    fn check_length(&self) -> Result<(), ApiError> {
        if self.code.chars().count() > MAX_CODE_CHARS {
            return Err(ApiError::CredentialsTooLong);
        }
        Ok(())
    }
}

/// A wrong code counts against the member's code throttle; a right one clears it.
fn settle(slot: Slot, result: &Result<(), AccountError>) {
    slot.settle(match result {
        Ok(()) => Outcome::Succeeded,
        Err(AccountError::WrongCode) => Outcome::Failed,
        Err(_) => Outcome::Abandoned,
    });
}

pub async fn confirm_totp(
    State(app): State<AppState>,
    agent: Agent,
    ApiJson(code): ApiJson<Code>,
) -> Result<StatusCode, ApiError> {
    code.check_length()?;
    let slot = app.throttle.begin(Key::totp(agent.username.as_str()))?;
    let confirmed = app
        .accounts
        .confirm_totp(&agent.username, &code.code, app.clock.now());
    settle(slot, &confirmed);
    confirmed?;
    let entry = Record::new(&agent.username, Action::TotpEnabled);
    app.audit.record(entry, app.clock.now());
    Ok(StatusCode::NO_CONTENT)
}

/// Turns the member's second factor off, unless the admin requires it for everyone.
pub async fn disable_totp(
    State(app): State<AppState>,
    agent: Agent,
    ApiJson(code): ApiJson<Code>,
) -> Result<StatusCode, ApiError> {
    if app.log.read(|s| s.settings.require_totp) {
        return Err(AccountError::TotpRequired.into());
    }
    code.check_length()?;
    let slot = app.throttle.begin(Key::totp(agent.username.as_str()))?;
    let disabled = app
        .accounts
        .disable_totp(&agent.username, &code.code, app.clock.now());
    settle(slot, &disabled);
    disabled?;
    let entry = Record::new(&agent.username, Action::TotpDisabled);
    app.audit.record(entry, app.clock.now());
    Ok(StatusCode::NO_CONTENT)
}
