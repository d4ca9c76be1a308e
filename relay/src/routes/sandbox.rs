//! The Simulator's side of a Sandbox line: a person plays the customer's phone.

use crate::{
    AppState,
    auth::random_id,
    config::{LineConfig, Provider},
    error::{ApiError, ApiJson},
    sender::sandbox_status,
    store::NewEvent,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use serde_json::json;
use switchboard_domain::{ContactId, DeliveryStatus, Event, MessageBody, Wamid};

#[derive(Deserialize)]
pub struct CustomerMessage {
    from: String,
    #[serde(default)]
    name: Option<String>,
    text: String,
}

#[derive(Deserialize)]
pub struct ReadReceipt {
    wamids: Vec<Wamid>,
}

fn sandbox_line<'a>(app: &'a AppState, line: &str) -> Result<&'a LineConfig, ApiError> {
    app.line(line).and_then(|l| match l.provider {
        Provider::Sandbox => Ok(l),
        Provider::Meta => Err(ApiError::UnknownLine(line.to_owned())),
    })
}

/// A customer writes to the Sandbox line: the same event a Meta webhook produces.
pub async fn receive_message(
    State(app): State<AppState>,
    Path(line): Path<String>,
    ApiJson(message): ApiJson<CustomerMessage>,
) -> Result<StatusCode, ApiError> {
    let line = sandbox_line(&app, &line)?.id.clone();
    let from: String = message.from.chars().filter(char::is_ascii_digit).collect();
    if !(7..=15).contains(&from.len()) {
        return Err(ApiError::Invalid("error-sandbox-phone"));
    }
    if message.text.trim().is_empty() {
        return Err(ApiError::Invalid("error-empty-message"));
    }
    let now = app.clock.now();
    let wamid = Wamid::new(format!("wamid.sandbox.{}", random_id(12)));
    let raw = json!({
        "from": from, "id": wamid.as_str(), "timestamp": (now.0 / 1000).to_string(),
        "type": "text", "text": { "body": message.text },
    });
    let event = Event::MessageReceived {
        line,
        contact: ContactId::new(from),
        profile_name: message.name.filter(|n| !n.trim().is_empty()),
        wamid: wamid.clone(),
        sent_at: now,
        body: MessageBody::Text { body: message.text },
        context: Default::default(),
        referral: None,
        participant: None,
        also_known_as: Vec::new(),
        raw,
    };
    app.log
        .append(vec![NewEvent::deduped(event, format!("in:{wamid}"))], now)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The customer's phone displays these agent messages: they turn read.
pub async fn read(
    State(app): State<AppState>,
    Path(line): Path<String>,
    ApiJson(receipt): ApiJson<ReadReceipt>,
) -> Result<StatusCode, ApiError> {
    let line = sandbox_line(&app, &line)?.id.clone();
    let events: Vec<NewEvent> = app.log.read(|state| {
        receipt
            .wamids
            .iter()
            .filter_map(|wamid| {
                let outbound = state.message_by_wamid(wamid)?.status.is_some();
                let chat = state.chat_of_wamid(wamid)?;
                (outbound && chat.line() == line)
                    .then(|| sandbox_status(wamid, DeliveryStatus::Read, chat))
            })
            .collect()
    });
    app.log.append(events, app.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
