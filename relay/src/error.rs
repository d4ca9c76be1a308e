//! `ApiError`: the relay's one error type that becomes an HTTP response.
//! Bodies are `{code, message}`: a stable code the app matches on and a sentence a person
//! can act on. A 5xx says nothing internal; its cause goes to the log.

use crate::auth::accounts::AccountError;
use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use switchboard_domain::{CommandError, Role, quick_reply::QuickReplyError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("You are not logged in, or your session ended: log in again.")]
    Unauthenticated,
    #[error("Wrong username or password.")]
    InvalidCredentials,
    /// A login whose fields are longer than any account's could be: refused before anything
    /// is hashed, throttled or written to the audit log.
    #[error(
        "A username is at most {} characters, a password at most {} and a code at most {}: check what you typed.",
        crate::auth::accounts::MAX_LOGIN_USERNAME_CHARS,
        crate::auth::accounts::MAX_PASSWORD_CHARS,
        crate::auth::accounts::MAX_CODE_CHARS
    )]
    CredentialsTooLong,
    /// The password was right; this member also needs the code from their authenticator.
    #[error("Type the 6-digit code from your authenticator app.")]
    CodeNeeded,
    #[error("Your role cannot do this: it needs a {} or above. Ask an admin.", needed.as_str())]
    Forbidden { needed: Role },
    #[error("Two-factor authentication is required: set it up under Account before you continue.")]
    TotpEnrolmentRequired,
    #[error(
        "You logged in with the one-time password: choose a new password under Account before you continue."
    )]
    PasswordChangeRequired,
    #[error("{0}")]
    Account(#[from] AccountError),
    #[error("There is no team named {0}.")]
    UnknownTeam(String),
    #[error("{0}")]
    QuickReply(#[from] QuickReplyError),
    #[error("There is no quick reply /{0}.")]
    UnknownQuickReply(String),
    /// Repeated failed logins for this account or from this address.
    #[error("Too many failed attempts: wait {seconds} seconds, then try again.")]
    TooManyAttempts { seconds: i64 },
    /// Shed load: too many password checks waiting (`auth::hashing`), or too much
    /// unverified webhook traffic at once (Meta retries a webhook).
    #[error("The relay is busy right now: try again in {seconds} seconds.")]
    Busy { seconds: i64 },
    #[error("This request came from another site and was refused.")]
    ForbiddenOrigin,
    #[error("The webhook signature is missing or wrong: check the app secret of the line.")]
    BadSignature,
    #[error("The verify token does not match the line's.")]
    VerificationFailed,
    #[error("The request body is larger than {limit} bytes.")]
    PayloadTooLarge { limit: usize },
    /// An upload over Meta's limit for its kind, refused as soon as the limit was passed.
    #[error("{0}")]
    FileTooLarge(switchboard_domain::media::MediaError),
    #[error("The request body is not valid: {0}")]
    BadRequest(String),
    #[error("No line named {0} is configured.")]
    UnknownLine(String),
    #[error("{0}")]
    Command(#[from] CommandError),
    /// WhatsApp refused or failed a call the relay made for this request.
    #[error("WhatsApp did not accept this: {0}")]
    Upstream(String),
    #[error("This is not a WhatsApp media id: use the id given in the message.")]
    BadMediaId,
    #[error("The Sandbox line has no media to download: media comes only from WhatsApp lines.")]
    NoMediaOnSandbox,
    #[error("The media is no longer available from WhatsApp (media is kept 7 days).")]
    MediaGone,
    #[error(
        "This file was removed from the relay on {} {}: ask the customer to send it again if you need it.",
        switchboard_domain::media::utc_minute(*at),
        match reason {
            switchboard_domain::media::Eviction::Retention => format!("because files are kept {retention_days} days"),
            switchboard_domain::media::Eviction::Quota => "to stay within the disk space set for media".to_owned(),
        }
    )]
    MediaEvicted {
        at: switchboard_domain::Timestamp,
        reason: switchboard_domain::media::Eviction,
        retention_days: u32,
    },
    #[error(
        "This {kind} is larger than WhatsApp's limit of {limit}, so it was not downloaded: ask the customer to send a smaller file."
    )]
    MediaTooLarge { kind: &'static str, limit: String },
    #[error(
        "The media downloaded from WhatsApp was damaged (wrong size or checksum) and was discarded: try again."
    )]
    MediaCorrupt,
    #[error(
        "WhatsApp rejected the line's access token (190): update the token in the relay's configuration and restart the relay."
    )]
    WhatsAppTokenRejected,
    #[error(
        "WhatsApp could not be reached or refused the media request: try again in a moment, and check the line's settings if it repeats."
    )]
    WhatsAppUnavailable,
    #[error("The requested range starts after the end of the file ({len} bytes).")]
    RangeNotSatisfiable { len: u64 },
    #[error("Something went wrong on the relay; it was logged. Try again.")]
    Internal(String),
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: String,
}

impl ApiError {
    pub fn internal(error: impl std::fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            Self::InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            Self::CredentialsTooLong => (StatusCode::BAD_REQUEST, "credentials_too_long"),
            Self::CodeNeeded => (StatusCode::UNAUTHORIZED, "code_needed"),
            Self::Forbidden { .. } => (StatusCode::FORBIDDEN, "forbidden"),
            Self::TotpEnrolmentRequired => (StatusCode::FORBIDDEN, "totp_enrolment_required"),
            Self::PasswordChangeRequired => (StatusCode::FORBIDDEN, "password_change_required"),
            Self::Account(e) => account_status(e),
            Self::UnknownTeam(_) => (StatusCode::NOT_FOUND, "unknown_team"),
            Self::QuickReply(e) => (StatusCode::BAD_REQUEST, e.code()),
            Self::UnknownQuickReply(_) => (StatusCode::NOT_FOUND, "unknown_quick_reply"),
            Self::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Self::ForbiddenOrigin => (StatusCode::FORBIDDEN, "forbidden_origin"),
            Self::BadSignature => (StatusCode::UNAUTHORIZED, "bad_signature"),
            Self::VerificationFailed => (StatusCode::FORBIDDEN, "verification_failed"),
            Self::PayloadTooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::FileTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "file_too_large"),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::UnknownLine(_) => (StatusCode::NOT_FOUND, "unknown_line"),
            Self::Command(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.code()),
            Self::Upstream(_) => (StatusCode::BAD_GATEWAY, "upstream_refused"),
            Self::BadMediaId => (StatusCode::BAD_REQUEST, "bad_media_id"),
            Self::NoMediaOnSandbox => (StatusCode::NOT_FOUND, "no_media_on_sandbox"),
            Self::MediaGone => (StatusCode::NOT_FOUND, "media_gone"),
            Self::MediaEvicted { .. } => (StatusCode::GONE, "media_evicted"),
            Self::MediaTooLarge { .. } => (StatusCode::BAD_GATEWAY, "media_too_large"),
            Self::MediaCorrupt => (StatusCode::BAD_GATEWAY, "media_corrupt"),
            Self::WhatsAppTokenRejected => (StatusCode::BAD_GATEWAY, "whatsapp_token_rejected"),
            Self::WhatsAppUnavailable => (StatusCode::BAD_GATEWAY, "whatsapp_unavailable"),
            Self::RangeNotSatisfiable { .. } => {
                (StatusCode::RANGE_NOT_SATISFIABLE, "range_not_satisfiable")
            }
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

fn account_status(error: &AccountError) -> (StatusCode, &'static str) {
    match error {
        AccountError::InvalidUsername => (StatusCode::BAD_REQUEST, "invalid_username"),
        AccountError::InvalidName => (StatusCode::BAD_REQUEST, "invalid_name"),
        AccountError::WeakPassword => (StatusCode::BAD_REQUEST, "weak_password"),
        AccountError::UsernameTaken => (StatusCode::CONFLICT, "username_taken"),
        AccountError::UnknownAgent(_) => (StatusCode::NOT_FOUND, "unknown_agent"),
        AccountError::WrongPassword => (StatusCode::FORBIDDEN, "wrong_password"),
        AccountError::SamePassword => (StatusCode::BAD_REQUEST, "same_password"),
        AccountError::ResetCodeNeeded => (StatusCode::FORBIDDEN, "reset_code_needed"),
        AccountError::WrongCode => (StatusCode::FORBIDDEN, "wrong_code"),
        AccountError::TotpNotStarted => (StatusCode::CONFLICT, "totp_not_started"),
        AccountError::TotpRequired => (StatusCode::CONFLICT, "totp_required"),
        AccountError::LinkInvalid => (StatusCode::NOT_FOUND, "link_invalid"),
        AccountError::LastAdmin => (StatusCode::CONFLICT, "last_admin"),
        AccountError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        if let Self::Account(AccountError::Store(cause)) = &self {
            tracing::error!(%cause, "internal error");
        }
        let mut response = (
            status,
            Json(Body {
                code,
                // A database failure says nothing internal to the client, as for `Internal`.
                message: match &self {
                    Self::Account(AccountError::Store(_)) => {
                        Self::Internal(String::new()).to_string()
                    }
                    _ => self.to_string(),
                },
            }),
        )
            .into_response();
        // RFC 9110: a 416 names the current length so the client can ask again.
        if let Self::RangeNotSatisfiable { len } = self
            && let Ok(value) = axum::http::HeaderValue::from_str(&format!("bytes */{len}"))
        {
            response
                .headers_mut()
                .insert(axum::http::header::CONTENT_RANGE, value);
        }
        if let Self::TooManyAttempts { seconds } | Self::Busy { seconds } = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        response
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> Self {
        Self::internal(error)
    }
}

/// A JSON body whose rejection is an [`ApiError`], so a bad body gets our `{code, message}`.
pub struct ApiJson<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::BadRequest(rejection.body_text())),
        }
    }
}

/// A query string whose rejection is an [`ApiError`], like [`ApiJson`] for bodies.
pub struct ApiQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::BadRequest(rejection.body_text())),
        }
    }
}

/// A position in the log as a client names it: 0 up to the largest SQLite can hold.
pub fn since(value: u64) -> Result<switchboard_domain::Seq, ApiError> {
    if i64::try_from(value).is_err() {
        return Err(ApiError::BadRequest(format!(
            "`since` is a position in the log, from 0 to {}",
            i64::MAX
        )));
    }
    Ok(switchboard_domain::Seq(value))
}
