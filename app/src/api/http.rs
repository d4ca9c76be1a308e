//! JSON calls to the relay. The session cookie travels by itself (same origin).

use super::Error;
use crate::i18n::{t, t_with};
use gloo_net::http::{Request, Response};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::borrow::Cow;
use switchboard_domain::{
    Command, CommandId, ErrorCode, LineId, Seq, Wamid,
    i18n::Locale,
    wire::{CommandAck, CommandEnvelope},
};

pub use switchboard_domain::wire::{LineView as Line, SessionView as Agent};

/// The relay's error body; `message` may be absent on terse answers such as 401.
#[derive(Deserialize)]
struct ErrorBody {
    code: ErrorCode,
    #[serde(default)]
    message: Option<String>,
}

pub async fn get_session() -> Result<Agent, Error> {
    json(send(Request::get("/api/session").build()).await?).await
}

/// Logs in; `code` is the authenticator's code for members with two-factor on (the relay
/// answers `code_needed` when it is missing).
pub async fn create_session(
    username: &str,
    password: &str,
    code: Option<&str>,
) -> Result<Agent, Error> {
    #[derive(Serialize)]
    struct Credentials<'a> {
        username: &'a str,
        password: &'a str,
        code: Option<&'a str>,
    }
    let credentials = Credentials {
        username,
        password,
        code,
    };
    let request = Request::post("/api/session").json(&credentials);
    json(send(request).await?).await
}

/// Saves the member's language with their account, so other devices follow it.
pub async fn save_language(language: Locale) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Body {
        language: Locale,
    }
    let request = Request::put("/api/session/language").json(&Body { language });
    send(request).await.map(drop)
}

pub async fn delete_session() -> Result<(), Error> {
    send(Request::delete("/api/session").build())
        .await
        .map(drop)
}

pub async fn list_lines() -> Result<Vec<Line>, Error> {
    json(send(Request::get("/api/lines").build()).await?).await
}

/// Sends a command; the relay answers with the seq of the event it appended.
pub async fn send_command(id: &CommandId, command: &Command) -> Result<Seq, Error> {
    let envelope = CommandEnvelope {
        id: Cow::Borrowed(id),
        command: Cow::Borrowed(command),
    };
    let request = Request::post("/api/commands").json(&envelope);
    let accepted: CommandAck = json(send(request).await?).await?;
    Ok(accepted.seq)
}

/// A file the relay handed to WhatsApp, ready to send by its id.
#[derive(Clone, Debug, Deserialize)]
pub struct Uploaded {
    pub id: String,
    pub mime_type: String,
}

/// Uploads a file for `line`; its name travels percent-encoded (headers are ASCII).
pub async fn upload(line: &LineId, file: &web_sys::File) -> Result<Uploaded, Error> {
    let url = format!("/api/uploads/{}", encode(line.as_str()));
    let request = Request::post(&url)
        .header("Content-Type", &file.type_())
        .header("X-Filename", &encode(&file.name()))
        .body(wasm_bindgen::JsValue::from(file.clone()));
    json(send(request).await?).await
}

/// The Simulator: a customer writes to a Sandbox line.
pub async fn sandbox_receive(
    line: &LineId,
    from: &str,
    name: &str,
    text: &str,
) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Incoming<'a> {
        from: &'a str,
        name: &'a str,
        text: &'a str,
    }
    let url = format!("/api/sandbox/{}/messages", encode(line.as_str()));
    send(Request::post(&url).json(&Incoming { from, name, text }))
        .await
        .map(drop)
}

/// The Simulator: the customer's phone shows these agent messages.
pub async fn sandbox_read(line: &LineId, wamids: &[Wamid]) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Read<'a> {
        wamids: &'a [Wamid],
    }
    let url = format!("/api/sandbox/{}/read", encode(line.as_str()));
    send(Request::post(&url).json(&Read { wamids }))
        .await
        .map(drop)
}

pub(super) fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// Sends a request and turns any non-2xx answer into [`Error::Relay`].
pub(super) async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, Error> {
    let request = request.map_err(|e| Error::Decode(e.to_string()))?;
    // The relay writes its sentences (errors) in the language on screen.
    request
        .headers()
        .set("Accept-Language", crate::i18n::locale_untracked().tag());
    let response = request
        .send()
        .await
        .map_err(|e| Error::Network(e.to_string()))?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body: Option<ErrorBody> = response.json().await.ok();
    let (code, message) = match body {
        Some(ErrorBody { code, message }) => {
            let message = message.unwrap_or_else(|| fallback_message(status, code));
            (code, message)
        }
        // Not the relay's answer (a proxy's page): no code to match on.
        None => (
            ErrorCode::Unknown,
            fallback_message(status, ErrorCode::Unknown),
        ),
    };
    Err(Error::Relay {
        status,
        code,
        message,
    })
}

/// A sentence for answers that came without one (a proxy's 502, a terse 401).
fn fallback_message(status: u16, code: ErrorCode) -> String {
    let status_arg = || [("status", status.to_string().into())];
    match (status, code) {
        (401, ErrorCode::InvalidCredentials) => t("app-error-wrong-credentials"),
        (401, _) => t("app-error-session-ended"),
        (502..=504, _) => t("app-error-network"),
        (500..=599, _) => t_with("app-error-relay-problem", &status_arg()),
        _ => t_with("app-error-refused", &status_arg()),
    }
}

pub(super) async fn json<T: DeserializeOwned>(response: Response) -> Result<T, Error> {
    response
        .json()
        .await
        .map_err(|e| Error::Decode(e.to_string()))
}

/// A fresh client id for a command: 128 random bits as hex, from `crypto.getRandomValues`.
pub fn new_command_id() -> CommandId {
    let mut bytes = [0u8; 16];
    let filled = leptos::prelude::window()
        .crypto()
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes));
    if filled.is_err() {
        // Every browser that runs WASM has crypto; this only keeps ids unique if one lacks it.
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    CommandId::new(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}
