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
use switchboard_domain::{
    CommandError, ErrorCode, Role,
    i18n::{Locale, text_with},
};

tokio::task_local! {
    /// The language of the request being answered, from its `Accept-Language` (the app
    /// sends the member's choice); set by [`with_locale`] around every route.
    static LOCALE: Locale;
}

/// The language the current request asked for; English outside a request.
pub fn locale() -> Locale {
    LOCALE.try_with(|l| *l).unwrap_or_default()
}

/// Runs the rest of the request in the language its `Accept-Language` asks for, so every
/// sentence the relay writes for it (errors) is in that language.
pub async fn with_locale(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let locale = request
        .headers()
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_accept_language)
        .unwrap_or_default();
    LOCALE.scope(locale, next.run(request)).await
}

#[derive(Debug)]
pub enum ApiError {
    Unauthenticated,
    InvalidCredentials,
    /// A login whose fields are longer than any account's could be: refused before anything
    /// is hashed, throttled or written to the audit log.
    CredentialsTooLong,
    /// The password was right; this member also needs the code from their authenticator.
    CodeNeeded,
    Forbidden {
        needed: Role,
    },
    TotpEnrolmentRequired,
    PasswordChangeRequired,
    Account(AccountError),
    /// Repeated failed logins for this account or from this address.
    TooManyAttempts {
        seconds: i64,
    },
    /// Shed load: too many password checks waiting (`auth::hashing`), or too much
    /// unverified webhook traffic at once (Meta retries a webhook).
    Busy {
        seconds: i64,
    },
    ForbiddenOrigin,
    BadSignature,
    VerificationFailed,
    PayloadTooLarge {
        limit: usize,
    },
    /// An upload over Meta's limit for its kind, refused as soon as the limit was passed.
    FileTooLarge(switchboard_domain::media::MediaError),
    BadRequest(String),
    /// A request a rule refuses, with the catalogue key of the sentence (code `bad_request`).
    Invalid(&'static str),
    /// A file whose type WhatsApp does not take (code `bad_request`).
    MediaRefused(switchboard_domain::media::MediaError),
    UnknownLine(String),
    Command(CommandError),
    /// WhatsApp refused or failed a call the relay made for this request.
    Upstream(String),
    BadMediaId,
    NoMediaOnSandbox,
    MediaGone,
    MediaEvicted {
        at: switchboard_domain::Timestamp,
        reason: switchboard_domain::media::Eviction,
        retention_days: u32,
    },
    MediaTooLarge {
        kind: &'static str,
        limit: String,
    },
    MediaCorrupt,
    WhatsAppTokenRejected,
    WhatsAppUnavailable,
    RangeNotSatisfiable {
        len: u64,
    },
    Internal(String),
}

#[derive(Serialize)]
struct Body {
    code: ErrorCode,
    message: String,
}

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        Self::Account(error)
    }
}

impl From<CommandError> for ApiError {
    fn from(error: CommandError) -> Self {
        Self::Command(error)
    }
}

switchboard_domain::english_display!(ApiError);

impl ApiError {
    /// The sentence for a person, in `locale` (the request's, see [`locale`]).
    pub fn message(&self, locale: Locale) -> String {
        use crate::auth::accounts::{MAX_CODE_CHARS, MAX_LOGIN_USERNAME_CHARS, MAX_PASSWORD_CHARS};
        use switchboard_domain::media::Eviction;
        let plain = |key: &str| text_with(locale, key, &[]);
        match self {
            Self::Unauthenticated => plain("error-unauthenticated"),
            Self::InvalidCredentials => plain("error-invalid-credentials"),
            Self::CredentialsTooLong => text_with(
                locale,
                "error-credentials-too-long",
                &[
                    ("username", MAX_LOGIN_USERNAME_CHARS.into()),
                    ("password", MAX_PASSWORD_CHARS.into()),
                    ("code", MAX_CODE_CHARS.into()),
                ],
            ),
            Self::CodeNeeded => plain("error-code-needed"),
            Self::Forbidden { needed } => text_with(
                locale,
                "error-forbidden",
                &[("role", needed.as_str().into())],
            ),
            Self::TotpEnrolmentRequired => plain("error-totp-enrolment-required"),
            Self::PasswordChangeRequired => plain("error-password-change-required"),
            // A database failure says nothing internal to the client, as for `Internal`.
            Self::Account(AccountError::Store(_)) => plain("error-internal"),
            Self::Account(e) => e.message(locale),
            Self::TooManyAttempts { seconds } => text_with(
                locale,
                "error-too-many-attempts",
                &[("seconds", (*seconds).into())],
            ),
            Self::Busy { seconds } => {
                text_with(locale, "error-busy", &[("seconds", (*seconds).into())])
            }
            Self::ForbiddenOrigin => plain("error-forbidden-origin"),
            Self::BadSignature => plain("error-bad-signature"),
            Self::VerificationFailed => plain("error-verification-failed"),
            Self::PayloadTooLarge { limit } => text_with(
                locale,
                "error-payload-too-large",
                &[("limit", (*limit).into())],
            ),
            Self::FileTooLarge(e) | Self::MediaRefused(e) => e.message(locale),
            Self::BadRequest(detail) => {
                text_with(locale, "error-bad-request", &[("detail", detail.into())])
            }
            Self::Invalid(key) => plain(key),
            Self::UnknownLine(line) => {
                text_with(locale, "error-unknown-line", &[("line", line.into())])
            }
            Self::Command(e) => e.message(locale),
            Self::Upstream(detail) => {
                text_with(locale, "error-upstream", &[("detail", detail.into())])
            }
            Self::BadMediaId => plain("error-bad-media-id"),
            Self::NoMediaOnSandbox => plain("error-no-media-on-sandbox"),
            Self::MediaGone => plain("error-media-gone"),
            Self::MediaEvicted {
                at,
                reason,
                retention_days,
            } => text_with(
                locale,
                "error-media-evicted",
                &[
                    ("at", switchboard_domain::media::utc_minute(*at).into()),
                    (
                        "reason",
                        match reason {
                            Eviction::Retention => "retention",
                            Eviction::Quota => "quota",
                        }
                        .into(),
                    ),
                    ("days", (*retention_days).into()),
                ],
            ),
            Self::MediaTooLarge { kind, limit } => text_with(
                locale,
                "error-media-download-too-large",
                &[("kind", (*kind).into()), ("limit", limit.into())],
            ),
            Self::MediaCorrupt => plain("error-media-corrupt"),
            Self::WhatsAppTokenRejected => plain("error-whatsapp-token-rejected"),
            Self::WhatsAppUnavailable => plain("error-whatsapp-unavailable"),
            Self::RangeNotSatisfiable { len } => {
                text_with(locale, "error-range", &[("length", (*len).into())])
            }
            Self::Internal(_) => plain("error-internal"),
        }
    }

    pub fn internal(error: impl std::fmt::Display) -> Self {
        Self::Internal(error.to_string())
    }

    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            Self::Unauthenticated => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated),
            Self::InvalidCredentials => (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials),
            Self::CredentialsTooLong => (StatusCode::BAD_REQUEST, ErrorCode::CredentialsTooLong),
            Self::CodeNeeded => (StatusCode::UNAUTHORIZED, ErrorCode::CodeNeeded),
            Self::Forbidden { .. } => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            Self::TotpEnrolmentRequired => {
                (StatusCode::FORBIDDEN, ErrorCode::TotpEnrolmentRequired)
            }
            Self::PasswordChangeRequired => {
                (StatusCode::FORBIDDEN, ErrorCode::PasswordChangeRequired)
            }
            Self::Account(e) => account_status(e),
            Self::TooManyAttempts { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyAttempts)
            }
            Self::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Busy),
            Self::ForbiddenOrigin => (StatusCode::FORBIDDEN, ErrorCode::ForbiddenOrigin),
            Self::BadSignature => (StatusCode::UNAUTHORIZED, ErrorCode::BadSignature),
            Self::VerificationFailed => (StatusCode::FORBIDDEN, ErrorCode::VerificationFailed),
            Self::PayloadTooLarge { .. } => {
                (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge)
            }
            Self::FileTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::FileTooLarge),
            Self::BadRequest(_) | Self::Invalid(_) | Self::MediaRefused(_) => {
                (StatusCode::BAD_REQUEST, ErrorCode::BadRequest)
            }
            Self::UnknownLine(_) => (StatusCode::NOT_FOUND, ErrorCode::UnknownLine),
            Self::Command(e) => (command_status(e), e.code()),
            Self::Upstream(_) => (StatusCode::BAD_GATEWAY, ErrorCode::UpstreamRefused),
            Self::BadMediaId => (StatusCode::BAD_REQUEST, ErrorCode::BadMediaId),
            Self::NoMediaOnSandbox => (StatusCode::NOT_FOUND, ErrorCode::NoMediaOnSandbox),
            Self::MediaGone => (StatusCode::NOT_FOUND, ErrorCode::MediaGone),
            Self::MediaEvicted { .. } => (StatusCode::GONE, ErrorCode::MediaEvicted),
            Self::MediaTooLarge { .. } => (StatusCode::BAD_GATEWAY, ErrorCode::MediaTooLarge),
            Self::MediaCorrupt => (StatusCode::BAD_GATEWAY, ErrorCode::MediaCorrupt),
            Self::WhatsAppTokenRejected => {
                (StatusCode::BAD_GATEWAY, ErrorCode::WhatsappTokenRejected)
            }
            Self::WhatsAppUnavailable => (StatusCode::BAD_GATEWAY, ErrorCode::WhatsappUnavailable),
            Self::RangeNotSatisfiable { .. } => (
                StatusCode::RANGE_NOT_SATISFIABLE,
                ErrorCode::RangeNotSatisfiable,
            ),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

/// A refused command is 422, except where HTTP has a plainer word: a missing role, a
/// workspace name that is not there, a malformed workspace field.
fn command_status(error: &CommandError) -> StatusCode {
    match error {
        CommandError::NotAllowed { .. } => StatusCode::FORBIDDEN,
        CommandError::UnknownQuickReply(_) => StatusCode::NOT_FOUND,
        CommandError::BadTeamId
        | CommandError::BadTeamName
        | CommandError::RoundRobinNeedsTeam
        | CommandError::QuickReply(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn account_status(error: &AccountError) -> (StatusCode, ErrorCode) {
    match error {
        AccountError::InvalidUsername => (StatusCode::BAD_REQUEST, ErrorCode::InvalidUsername),
        AccountError::InvalidName => (StatusCode::BAD_REQUEST, ErrorCode::InvalidName),
        AccountError::WeakPassword => (StatusCode::BAD_REQUEST, ErrorCode::WeakPassword),
        AccountError::UsernameTaken => (StatusCode::CONFLICT, ErrorCode::UsernameTaken),
        AccountError::UnknownAgent(_) => (StatusCode::NOT_FOUND, ErrorCode::UnknownAgent),
        AccountError::WrongPassword => (StatusCode::FORBIDDEN, ErrorCode::WrongPassword),
        AccountError::SamePassword => (StatusCode::BAD_REQUEST, ErrorCode::SamePassword),
        AccountError::ResetCodeNeeded => (StatusCode::FORBIDDEN, ErrorCode::ResetCodeNeeded),
        AccountError::WrongCode => (StatusCode::FORBIDDEN, ErrorCode::WrongCode),
        AccountError::TotpNotStarted => (StatusCode::CONFLICT, ErrorCode::TotpNotStarted),
        AccountError::TotpRequired => (StatusCode::CONFLICT, ErrorCode::TotpRequired),
        AccountError::LinkInvalid => (StatusCode::NOT_FOUND, ErrorCode::LinkInvalid),
        AccountError::LastAdmin => (StatusCode::CONFLICT, ErrorCode::LastAdmin),
        AccountError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
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
                message: self.message(locale()),
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
