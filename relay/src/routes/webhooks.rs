//! Meta's webhook: verification (GET) and events (POST).

use crate::{
    AppState,
    config::Provider,
    error::ApiError,
    store::NewEvent,
    whatsapp::{signature, webhook},
};
use axum::{
    body::Body,
    extract::{ConnectInfo, Query, State},
    http::{HeaderMap, StatusCode, header},
};
use serde::Deserialize;
use switchboard_domain::{Event, LineId};

#[derive(Deserialize)]
pub struct Verification {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// Answers Meta's subscription check with the raw challenge when the verify token is one
/// of a Meta line's.
pub async fn verify(
    State(app): State<AppState>,
    Query(query): Query<Verification>,
) -> Result<String, ApiError> {
    let token_known = query.verify_token.as_deref().is_some_and(|token| {
        app.config
            .lines
            .iter()
            .any(|l| l.provider == Provider::Meta && l.verify_token == token)
    });
    match (query.mode.as_deref(), token_known, query.challenge) {
        (Some("subscribe"), true, Some(challenge)) => Ok(challenge),
        _ => Err(ApiError::VerificationFailed),
    }
}

/// What webhook intake shares: the memory budget of bodies not yet verified, and the
/// rate limit on the log lines that refused signatures write.
pub struct Guard {
    /// KiB that unverified bodies may hold together.
    unverified: tokio::sync::Semaphore,
    refusals: std::sync::Mutex<Refusals>,
}

/// Refused signatures in the current window of the log.
#[derive(Default)]
struct Refusals {
    window_start: i64,
    logged: u32,
    unlogged: u64,
}

/// At most this many refusal lines per window; the rest are counted in the next line.
const REFUSAL_LINES: u32 = 5;
const REFUSAL_WINDOW_MS: i64 = 10_000;
/// What a shed webhook is told to wait (Meta retries with backoff anyway).
const RETRY_AFTER_SECONDS: i64 = 5;

impl Guard {
    pub fn new(limits: &crate::config::LimitsConfig) -> Self {
        Self {
            unverified: tokio::sync::Semaphore::new(limits.unverified_body_mb.saturating_mul(1024)),
            refusals: std::sync::Mutex::default(),
        }
    }

    /// Logs a refused signature, unless this window has had its share of lines.
    fn refused(&self, address: std::net::IpAddr, why: &str, now: switchboard_domain::Timestamp) {
        let mut refusals = self
            .refusals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if now.0 - refusals.window_start >= REFUSAL_WINDOW_MS {
            refusals.window_start = now.0;
            refusals.logged = 0;
        }
        if refusals.logged < REFUSAL_LINES {
            refusals.logged += 1;
            let unlogged = std::mem::take(&mut refusals.unlogged);
            tracing::warn!(%address, why, unlogged, "webhook refused: bad signature");
        } else {
            refusals.unlogged += 1;
        }
    }
}

/// Checks that a signature is present before reading the body, reads the body within Meta's
/// size limit and the shared budget of unverified bytes (503 with Retry-After past it, which
/// Meta retries), verifies the signature over the raw bytes, parses, appends in one
/// transaction and only then answers 200. A signed body that cannot be parsed is stored whole
/// and still acknowledged, or Meta would retry it for 7 days.
pub async fn receive(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let guard = &app.webhook_guard;
    let Some(header) = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        guard.refused(peer.ip(), "no signature header", app.clock.now());
        return Err(ApiError::BadSignature);
    };
    let limit = super::WEBHOOK_BODY_LIMIT;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let kib = u32::try_from(declared.unwrap_or(limit).div_ceil(1024).max(1)).unwrap_or(u32::MAX);
    let reserved = guard
        .unverified
        .try_acquire_many(kib)
        .map_err(|_| ApiError::Busy {
            seconds: RETRY_AFTER_SECONDS,
        })?;
    let body =
        axum::body::to_bytes(body, limit).await.map_err(
            |error| match std::error::Error::source(&error) {
                Some(source) if source.is::<http_body_util::LengthLimitError>() => {
                    ApiError::PayloadTooLarge { limit }
                }
                _ => ApiError::BadRequest(format!("the body could not be read ({error})")),
            },
        )?;
    // Lines of one Meta app share its secret; the signature says which secret signed it.
    let Some(secret) = app
        .config
        .lines
        .iter()
        .filter(|l| l.provider == Provider::Meta)
        .map(|l| l.app_secret.as_str())
        .find(|secret| signature::verify(secret, &body, &header))
    else {
        guard.refused(peer.ip(), "signature does not match", app.clock.now());
        return Err(ApiError::BadSignature);
    };
    // Signed by Meta: no longer counted against what strangers may hold.
    drop(reserved);
    let signed_lines: Vec<_> = app
        .config
        .lines
        .iter()
        .filter(|l| l.app_secret == secret)
        .collect();
    let now = app.clock.now();
    let events = match webhook::parse(&body, SignedLines(&signed_lines), now) {
        Ok(events) => events,
        Err(error) => {
            tracing::warn!(%error, "signed webhook could not be parsed; stored for admins");
            let line: Option<LineId> = signed_lines.first().map(|l| l.id.clone());
            vec![NewEvent::new(Event::WebhookUnreadable {
                line,
                body: String::from_utf8_lossy(&body).into_owned(),
                reason: error.to_string(),
            })]
        }
    };
    // A template changed: refresh the template lists of the lines this app signs for
    // (debounced, as Meta limits management calls).
    for event in &events {
        let template_changed = match &event.event {
            Event::WebhookKept { field, .. } => crate::templates::is_template_field(field),
            Event::TemplateReviewed { .. } => true,
            _ => false,
        };
        if template_changed {
            for line in &signed_lines {
                app.templates.refresh(line);
            }
        }
    }
    app.log.append_webhook(body.into(), events, now).await?;
    Ok(StatusCode::OK)
}

/// The lines whose app secret signed a webhook: only they can be what it is about.
struct SignedLines<'a>(&'a [&'a crate::config::LineConfig]);

impl webhook::Lines for SignedLines<'_> {
    fn by_number_id(&self, phone_number_id: &str) -> Option<LineId> {
        self.0
            .iter()
            .find(|l| l.phone_number_id == phone_number_id)
            .map(|l| l.id.clone())
    }

    fn of_account(&self, waba_id: &str, display_phone_number: Option<&str>) -> Vec<LineId> {
        let digits = |n: &str| n.chars().filter(char::is_ascii_digit).collect::<String>();
        self.0
            .iter()
            .filter(|l| !l.waba_id.is_empty() && l.waba_id == waba_id)
            .filter(|l| {
                // A line configured without its display number stands for any number.
                display_phone_number.is_none_or(|number| {
                    l.display_phone_number.is_empty()
                        || digits(&l.display_phone_number) == digits(number)
                })
            })
            .map(|l| l.id.clone())
            .collect()
    }
}
