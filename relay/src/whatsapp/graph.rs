//! The Graph API client: `POST /{version}/{phone-number-id}/messages` with the line's token.

use crate::config::LineConfig;
use serde_json::{Value, json};
use std::time::Duration;
use switchboard_domain::{ContactId, SendFailure, Wamid};

#[derive(Clone)]
pub struct GraphClient {
    http: reqwest::Client,
}

#[derive(Debug)]
pub enum SendError {
    /// Meta answered with an error object.
    Meta {
        failure: SendFailure,
        retry_after: Option<Duration>,
    },
    /// No usable answer: connection refused, timeout, a 5xx without a body…
    Transport(String),
    /// A message kind this relay cannot send through the Graph API yet.
    Unsupported(String),
}

impl SendError {
    /// Whether sending again later can succeed. Permanent refusals are never retried.
    pub fn code(&self) -> Option<i64> {
        match self {
            Self::Meta { failure, .. } => failure.code,
            _ => None,
        }
    }

    pub fn retryable(&self) -> bool {
        match self {
            Self::Transport(_) => true,
            Self::Unsupported(_) => false,
            Self::Meta { failure, .. } => {
                matches!(
                    failure.code,
                    Some(130_429 | 131_056 | 131_000 | 131_016 | 131_057 | 4 | 80_007)
                )
            }
        }
    }

    pub fn into_failure(self) -> SendFailure {
        match self {
            Self::Meta { failure, .. } => failure,
            Self::Transport(cause) => SendFailure {
                code: None,
                title: "WhatsApp could not be reached".into(),
                details: cause,
                advice: "The relay could not reach WhatsApp after several tries: check the server's network, then retry.".into(),
            },
            Self::Unsupported(kind) => SendFailure {
                code: None,
                title: "Not supported yet".into(),
                details: format!("sending {kind} messages is not supported by this version"),
                advice: "Send the content as text instead.".into(),
            },
        }
    }
}

impl Default for GraphClient {
    fn default() -> Self {
        Self::new()
    }
}

impl GraphClient {
    pub fn new() -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap_or_default();
        Self { http }
    }

    pub async fn send_text(
        &self,
        line: &LineConfig,
        to: &ContactId,
        body: &str,
    ) -> Result<Wamid, SendError> {
        let payload = json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to.as_str(),
            "type": "text",
            "text": { "body": body, "preview_url": false },
        });
        let url = format!(
            "{}/{}/{}/messages",
            line.graph_api_base.trim_end_matches('/'),
            line.graph_api_version,
            line.phone_number_id
        );
        let response = self
            .http
            .post(url)
            .bearer_auth(&line.access_token)
            .json(&payload)
            .send()
            .await
            .map_err(|e| SendError::Transport(e.without_url().to_string()))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .map(Duration::from_secs);
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        if let Some(error) = answer.get("error") {
            let failure = SendFailure::from_meta(
                error.get("code").and_then(Value::as_i64),
                error
                    .get("error_user_title")
                    .or_else(|| error.get("message"))
                    .and_then(Value::as_str)
                    .unwrap_or("Error"),
                error
                    .pointer("/error_data/details")
                    .or_else(|| error.get("message"))
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            );
            return Err(SendError::Meta {
                failure,
                retry_after,
            });
        }
        match answer.pointer("/messages/0/id").and_then(Value::as_str) {
            Some(id) if status.is_success() => Ok(Wamid::new(id)),
            _ => Err(SendError::Transport(format!(
                "unexpected answer (HTTP {status})"
            ))),
        }
    }
}
