//! `ApiError`: the relay's one error type that becomes an HTTP response.
//! Bodies are `{code, message}`: a stable code the app matches on and a sentence a person
//! can act on. A 5xx says nothing internal; its cause goes to the log.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use switchboard_domain::CommandError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("You are not logged in, or your session ended: log in again.")]
    Unauthenticated,
    #[error("Wrong username or password.")]
    InvalidCredentials,
    #[error("This request came from another site and was refused.")]
    ForbiddenOrigin,
    #[error("The webhook signature is missing or wrong: check the app secret of the line.")]
    BadSignature,
    #[error("The verify token does not match the line's.")]
    VerificationFailed,
    #[error("The request body is larger than {limit} bytes.")]
    PayloadTooLarge { limit: usize },
    #[error("The request body is not valid: {0}")]
    BadRequest(String),
    #[error("No line named {0} is configured.")]
    UnknownLine(String),
    #[error("{0}")]
    Command(#[from] CommandError),
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
            Self::ForbiddenOrigin => (StatusCode::FORBIDDEN, "forbidden_origin"),
            Self::BadSignature => (StatusCode::UNAUTHORIZED, "bad_signature"),
            Self::VerificationFailed => (StatusCode::FORBIDDEN, "verification_failed"),
            Self::PayloadTooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::UnknownLine(_) => (StatusCode::NOT_FOUND, "unknown_line"),
            Self::Command(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.code()),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        (
            status,
            Json(Body {
                code,
                message: self.to_string(),
            }),
        )
            .into_response()
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
