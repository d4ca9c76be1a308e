//! Meta's webhook: verification (GET) and events (POST).

use crate::{
    AppState, clock,
    config::Provider,
    error::ApiError,
    store::NewEvent,
    whatsapp::{signature, webhook},
};
use axum::{
    body::Bytes,
    extract::{Query, State, rejection::BytesRejection},
    http::{HeaderMap, StatusCode},
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

/// Verifies the signature over the raw bytes, parses, appends in one transaction and only
/// then answers 200. A signed body that cannot be parsed is stored whole and still
/// acknowledged, or Meta would retry it for 7 days.
pub async fn receive(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge {
            limit: super::WEBHOOK_BODY_LIMIT,
        },
        _ => ApiError::BadRequest(rejection.body_text()),
    })?;
    let header = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::BadSignature)?;
    // Lines of one Meta app share its secret; the signature says which secret signed it.
    let secret = app
        .config
        .lines
        .iter()
        .filter(|l| l.provider == Provider::Meta)
        .map(|l| l.app_secret.as_str())
        .find(|secret| signature::verify(secret, &body, header))
        .ok_or(ApiError::BadSignature)?;
    let signed_lines: Vec<_> = app
        .config
        .lines
        .iter()
        .filter(|l| l.app_secret == secret)
        .collect();
    let now = clock::now();
    let line_of = |phone_number_id: &str| {
        signed_lines
            .iter()
            .find(|l| l.phone_number_id == phone_number_id)
            .map(|l| l.id.clone())
    };
    let events = match webhook::parse(&body, line_of, now) {
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
        if let Event::WebhookKept { field, .. } = &event.event
            && crate::templates::is_template_field(field)
        {
            for line in &signed_lines {
                app.templates.refresh(line);
            }
        }
    }
    app.log.append_webhook(body.to_vec(), events, now).await?;
    Ok(StatusCode::OK)
}
