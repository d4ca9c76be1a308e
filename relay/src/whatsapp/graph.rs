//! The Graph API client: sending (`POST /{phone-number-id}/messages`), uploading media,
//! listing templates — always with the line's token, which never leaves this module's
//! requests.

use crate::config::LineConfig;
use serde_json::{Value, json};
use std::time::Duration;
use switchboard_domain::{
    ContactId, MessageBody, SendFailure, Wamid,
    interactive::{InteractiveAction, InteractiveMessage},
    message::{Media, MediaKind},
    template::Template,
};

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
        /// Meta answered 5xx: its side failed, so unless the code says otherwise, retry.
        server_error: bool,
    },
    /// No usable answer, and the request never reached Meta (the connection was refused)
    /// or Meta says it failed (a 5xx without a body): sending again is safe.
    Transport(String),
    /// The request went out and no usable answer came back (a timeout, a connection cut
    /// mid-answer, a 200 without a message id): Meta may have sent the message.
    Unanswered(String),
    /// A message kind this relay cannot send through the Graph API.
    Unsupported(String),
}

impl SendError {
    pub fn code(&self) -> Option<i64> {
        match self {
            Self::Meta { failure, .. } => failure.code,
            _ => None,
        }
    }

    /// Whether sending again later can succeed. Permanent refusals are never retried.
    pub fn retryable(&self) -> bool {
        match self {
            Self::Transport(_) => true,
            // Again could send it twice: it stays in doubt until a status or the grace period.
            Self::Unanswered(_) | Self::Unsupported(_) => false,
            Self::Meta {
                failure,
                server_error,
                ..
            } => {
                let transient = matches!(
                    failure.code,
                    Some(130_429 | 131_056 | 131_000 | 131_016 | 131_057 | 4 | 80_007)
                );
                transient || (*server_error && !failure.code.is_some_and(permanent))
            }
        }
    }

    /// Whether the line's credentials are the problem (an admin must act).
    pub fn is_token_error(&self) -> bool {
        matches!(self.code(), Some(0 | 190))
    }

    pub fn into_failure(self) -> SendFailure {
        match self {
            Self::Meta { failure, .. } => failure,
            Self::Transport(cause) | Self::Unanswered(cause) => SendFailure {
                code: None,
                title: "WhatsApp could not be reached".into(),
                details: cause,
                advice: "The relay could not reach WhatsApp after several tries: check the server's network, then retry.".into(),
            },
            Self::Unsupported(kind) => SendFailure {
                code: None,
                title: "Not supported".into(),
                details: format!("{kind} cannot be sent through the WhatsApp API"),
                advice: "Send the content as text instead.".into(),
            },
        }
    }
}

/// Codes that say sending the same request again cannot work (Meta documents them as
/// permanent: bad parameters, a customer who cannot receive, a refused template).
fn permanent(code: i64) -> bool {
    matches!(
        code,
        0 | 3
            | 10
            | 100
            | 190
            | 200..=299
            | 368
            | 130_472
            | 130_497
            | 131_005
            | 131_008
            | 131_009
            | 131_021
            | 131_026
            | 131_030
            | 131_031
            | 131_037
            | 131_042
            | 131_045
            | 131_047
            | 131_049..=131_053
            | 131_062..=131_064
            | 132_000..=133_016
            | 135_000
            | 137_000
    )
}

impl Default for GraphClient {
    fn default() -> Self {
        Self::new()
    }
}

fn url(line: &LineConfig, path: &str) -> String {
    format!(
        "{}/{}/{path}",
        line.graph_api_base.trim_end_matches('/'),
        line.graph_api_version
    )
}

/// Who a message goes to.
#[derive(Clone, Copy, Debug)]
pub enum Recipient<'a> {
    /// A customer, by phone number or business-scoped user id.
    Person(&'a ContactId),
    /// A WhatsApp group the line is in, by its group id.
    Group(&'a ContactId),
}

/// The send request's body for `body` to `to`, in the shapes Meta's Cloud API documents.
pub fn payload(
    to: Recipient<'_>,
    body: &MessageBody,
    reply_to: Option<&Wamid>,
) -> Result<Value, SendError> {
    let (kind, part) = match body {
        MessageBody::Text { body } => (
            "text",
            json!({ "body": body, "preview_url": body.contains("https://") || body.contains("http://") }),
        ),
        MessageBody::Media(media) => media_part(media),
        MessageBody::Template(template) => (
            "template",
            json!({ "name": template.name, "language": { "code": template.language }, "components": template.components }),
        ),
        MessageBody::InteractiveMessage(message) => ("interactive", interactive_part(message)),
        MessageBody::Reaction { target, emoji } => (
            "reaction",
            json!({ "message_id": target.as_str(), "emoji": emoji.as_deref().unwrap_or_default() }),
        ),
        other => return Err(SendError::Unsupported(other.preview())),
    };
    let mut request = json!({
        "messaging_product": "whatsapp",
        "type": kind,
        kind: part,
    });
    match to {
        Recipient::Group(group) => {
            request["recipient_type"] = json!("group");
            request["to"] = json!(group.as_str());
        }
        // A customer known only by their business-scoped user id has no number to send to.
        Recipient::Person(id) if id.is_user_id() => {
            request["recipient_type"] = json!("individual");
            request["recipient"] = json!(id.as_str());
        }
        Recipient::Person(id) => {
            request["recipient_type"] = json!("individual");
            request["to"] = json!(id.as_str());
        }
    }
    if let Some(wamid) = reply_to {
        request["context"] = json!({ "message_id": wamid.as_str() });
    }
    Ok(request)
}

fn media_part(media: &Media) -> (&'static str, Value) {
    let kind = match media.kind {
        MediaKind::Image => "image",
        MediaKind::Video => "video",
        MediaKind::Audio | MediaKind::Voice => "audio",
        MediaKind::Document => "document",
        MediaKind::Sticker => "sticker",
    };
    let mut part = match &media.url {
        Some(link) if media.id.is_empty() => json!({ "link": link }),
        _ => json!({ "id": media.id }),
    };
    // Meta refuses captions on audio and stickers.
    if let Some(caption) = media
        .caption
        .as_ref()
        .filter(|_| !matches!(kind, "audio" | "sticker"))
    {
        part["caption"] = json!(caption);
    }
    if let Some(filename) = media.filename.as_ref().filter(|_| kind == "document") {
        part["filename"] = json!(filename);
    }
    (kind, part)
}

fn interactive_part(message: &InteractiveMessage) -> Value {
    let action = match &message.action {
        InteractiveAction::Buttons { buttons } => json!({
            "buttons": buttons.iter().map(|b| json!({ "type": "reply", "reply": { "id": b.id, "title": b.title } })).collect::<Vec<_>>()
        }),
        InteractiveAction::List { button, sections } => json!({
            "button": button,
            "sections": sections.iter().map(|s| {
                let rows: Vec<Value> = s.rows.iter().map(|r| {
                    let mut row = json!({ "id": r.id, "title": r.title });
                    if let Some(description) = &r.description {
                        row["description"] = json!(description);
                    }
                    row
                }).collect();
                match &s.title {
                    Some(title) => json!({ "title": title, "rows": rows }),
                    None => json!({ "rows": rows }),
                }
            }).collect::<Vec<_>>()
        }),
    };
    let kind = match message.action {
        InteractiveAction::Buttons { .. } => "button",
        InteractiveAction::List { .. } => "list",
    };
    let mut part = json!({ "type": kind, "body": { "text": message.body }, "action": action });
    if let Some(header) = &message.header {
        part["header"] = json!({ "type": "text", "text": header });
    }
    if let Some(footer) = &message.footer {
        part["footer"] = json!({ "text": footer });
    }
    part
}

impl GraphClient {
    pub fn new() -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default();
        Self { http }
    }

    /// Sends one message; the wamid Meta assigned means *accepted*, delivery comes by webhook.
    /// Sends a message carrying `callback` as its `biz_opaque_callback_data`, which Meta
    /// repeats on each of its statuses.
    pub async fn send(
        &self,
        line: &LineConfig,
        to: Recipient<'_>,
        body: &MessageBody,
        reply_to: Option<&Wamid>,
        callback: &str,
    ) -> Result<Wamid, SendError> {
        let mut request = payload(to, body, reply_to)?;
        request["biz_opaque_callback_data"] = Value::from(callback);
        let answer = self
            .post(
                line,
                &url(line, &format!("{}/messages", line.phone_number_id)),
                &request,
            )
            .await?;
        answer
            .pointer("/messages/0/id")
            .and_then(Value::as_str)
            .map(Wamid::new)
            .ok_or_else(|| SendError::Unanswered("Meta's answer has no message id".into()))
    }

    /// Marks an inbound message (and those before it) read; with `typing`, the customer
    /// also sees the agent typing.
    pub async fn mark_read(
        &self,
        line: &LineConfig,
        wamid: &Wamid,
        typing: bool,
    ) -> Result<(), SendError> {
        let mut request = json!({ "messaging_product": "whatsapp", "status": "read", "message_id": wamid.as_str() });
        if typing {
            request["typing_indicator"] = json!({ "type": "text" });
        }
        self.post(
            line,
            &url(line, &format!("{}/messages", line.phone_number_id)),
            &request,
        )
        .await
        .map(|_| ())
    }

    /// Uploads a file to Meta (`POST /{phone-number-id}/media`); returns its media id.
    /// Uploads `len` bytes of `file` (from its start), streamed: the file is never held
    /// in memory whole.
    pub async fn upload(
        &self,
        line: &LineConfig,
        mime_type: &str,
        filename: &str,
        file: tokio::fs::File,
        len: u64,
    ) -> Result<String, SendError> {
        let body = reqwest::Body::wrap_stream(crate::whatsapp::media::file_chunks(file, len));
        let file = reqwest::multipart::Part::stream_with_length(body, len)
            .file_name(filename.to_owned())
            .mime_str(mime_type)
            .map_err(|e| SendError::Transport(e.to_string()))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime_type.to_owned())
            .part("file", file);
        let request = self
            .http
            .post(url(line, &format!("{}/media", line.phone_number_id)))
            .bearer_auth(&line.access_token)
            .multipart(form);
        let answer = answer(request.send().await).await?;
        answer
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| SendError::Transport("Meta's answer has no media id".into()))
    }

    /// Every template of the line's WhatsApp Business Account, following the paging cursors.
    pub async fn templates(&self, line: &LineConfig) -> Result<Vec<Template>, SendError> {
        let mut templates = Vec::new();
        let mut next = Some(url(
            line,
            &format!("{}/message_templates?limit=100", line.waba_id),
        ));
        // Meta allows 200 management calls an hour: a cap on pages keeps a loop from spending them.
        for _ in 0..50 {
            let Some(page_url) = next.take() else { break };
            let page = answer(
                self.http
                    .get(&page_url)
                    .bearer_auth(&line.access_token)
                    .send()
                    .await,
            )
            .await?;
            for item in page
                .get("data")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = |key: &str| {
                    item.get(key)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                templates.push(Template {
                    id: item
                        .get("id")
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .unwrap_or_default(),
                    name: text("name"),
                    language: text("language"),
                    status: text("status"),
                    category: text("category"),
                    components: item
                        .get("components")
                        .cloned()
                        .unwrap_or(Value::Array(Vec::new())),
                    reason: item
                        .get("rejected_reason")
                        .and_then(Value::as_str)
                        .filter(|r| *r != "NONE")
                        .map(str::to_owned),
                    // `quality_score` is `{"score": "GREEN", "date": …}` in the list.
                    quality: item
                        .pointer("/quality_score/score")
                        .or_else(|| item.get("quality_score"))
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                });
            }
            let after = page
                .pointer("/paging/cursors/after")
                .and_then(Value::as_str);
            let has_next = page.pointer("/paging/next").is_some();
            next = after.filter(|_| has_next).map(|after| {
                url(
                    line,
                    &format!("{}/message_templates?limit=100&after={after}", line.waba_id),
                )
            });
        }
        Ok(templates)
    }

    async fn post(
        &self,
        line: &LineConfig,
        url: &str,
        request: &Value,
    ) -> Result<Value, SendError> {
        answer(
            self.http
                .post(url)
                .bearer_auth(&line.access_token)
                .json(request)
                .send()
                .await,
        )
        .await
    }
}

/// Meta's answer as JSON, or its error envelope as a [`SendError`].
async fn answer(response: Result<reqwest::Response, reqwest::Error>) -> Result<Value, SendError> {
    let response = response.map_err(|e| {
        let never_reached = e.is_connect();
        let cause = e.without_url().to_string();
        match never_reached {
            true => SendError::Transport(cause),
            false => SendError::Unanswered(cause),
        }
    })?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs);
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if let Some(error) = body.get("error") {
        let text =
            |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or_default().to_owned();
        let title = text(
            error
                .get("error_user_title")
                .or_else(|| error.get("message")),
        );
        let details = text(
            error
                .pointer("/error_data/details")
                .or_else(|| error.get("message")),
        );
        let failure =
            SendFailure::from_meta(error.get("code").and_then(Value::as_i64), title, details);
        return Err(SendError::Meta {
            failure,
            retry_after,
            server_error: status.is_server_error(),
        });
    }
    if !status.is_success() {
        return Err(SendError::Transport(format!(
            "HTTP {status} without an error object"
        )));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_domain::interactive::{Choice, Section};

    fn to() -> ContactId {
        ContactId::new("5215512345678")
    }

    #[test]
    fn a_group_and_a_user_id_are_addressed_as_meta_documents() {
        let body = MessageBody::Text {
            body: "Hola".into(),
        };
        let group = ContactId::new("120363418770915618@g.us");
        let request = payload(Recipient::Group(&group), &body, None).expect("payload");
        assert_eq!(request["recipient_type"], "group");
        assert_eq!(request["to"], "120363418770915618@g.us");
        let user = ContactId::new("US.13491208655302741918");
        let request = payload(Recipient::Person(&user), &body, None).expect("payload");
        assert_eq!(request["recipient"], "US.13491208655302741918");
        assert_eq!(request.get("to"), None);
    }

    #[test]
    fn text_reply_carries_context_and_link_preview() {
        let body = MessageBody::Text {
            body: "Mira https://tienda.example".into(),
        };
        let request = payload(
            Recipient::Person(&to()),
            &body,
            Some(&Wamid::new("wamid.in")),
        )
        .expect("payload");
        assert_eq!(
            request,
            json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": "5215512345678", "type": "text",
                   "text": {"body": "Mira https://tienda.example", "preview_url": true}, "context": {"message_id": "wamid.in"}})
        );
    }

    #[test]
    fn media_by_id_or_link_with_caption_and_filename() {
        let document = Media {
            kind: MediaKind::Document,
            id: "4490709327384033".into(),
            mime_type: Some("application/pdf".into()),
            sha256: None,
            caption: Some("Factura".into()),
            filename: Some("factura.pdf".into()),
            url: None,
            animated: false,
        };
        let request = payload(
            Recipient::Person(&to()),
            &MessageBody::Media(document.clone()),
            None,
        )
        .expect("payload");
        assert_eq!(
            request["document"],
            json!({"id": "4490709327384033", "caption": "Factura", "filename": "factura.pdf"})
        );
        let linked = Media {
            kind: MediaKind::Audio,
            id: String::new(),
            url: Some("https://cdn.example/a.mp3".into()),
            ..document
        };
        let request =
            payload(Recipient::Person(&to()), &MessageBody::Media(linked), None).expect("payload");
        assert_eq!(request["type"], "audio");
        assert_eq!(
            request["audio"],
            json!({"link": "https://cdn.example/a.mp3"})
        );
    }

    #[test]
    fn buttons_and_lists_take_metas_shape() {
        let buttons = InteractiveMessage {
            header: Some("Soporte".into()),
            body: "¿Qué necesitas?".into(),
            footer: None,
            action: InteractiveAction::Buttons {
                buttons: vec![Choice {
                    id: "a".into(),
                    title: "Agente".into(),
                    description: None,
                }],
            },
        };
        let request = payload(
            Recipient::Person(&to()),
            &MessageBody::InteractiveMessage(buttons),
            None,
        )
        .expect("payload");
        assert_eq!(
            request["interactive"],
            json!({"type": "button", "header": {"type": "text", "text": "Soporte"}, "body": {"text": "¿Qué necesitas?"},
                   "action": {"buttons": [{"type": "reply", "reply": {"id": "a", "title": "Agente"}}]}})
        );
        let list = InteractiveMessage {
            header: None,
            body: "Elige".into(),
            footer: Some("Tienda Sol".into()),
            action: InteractiveAction::List {
                button: "Opciones".into(),
                sections: vec![Section {
                    title: Some("Pedidos".into()),
                    rows: vec![Choice {
                        id: "r1".into(),
                        title: "Rastrear".into(),
                        description: Some("Dónde está".into()),
                    }],
                }],
            },
        };
        let request = payload(
            Recipient::Person(&to()),
            &MessageBody::InteractiveMessage(list),
            None,
        )
        .expect("payload");
        assert_eq!(
            request["interactive"]["action"],
            json!({"button": "Opciones", "sections": [{"title": "Pedidos", "rows": [{"id": "r1", "title": "Rastrear", "description": "Dónde está"}]}]})
        );
        assert_eq!(
            request["interactive"]["footer"],
            json!({"text": "Tienda Sol"})
        );
    }

    #[test]
    fn reaction_and_its_removal() {
        let react = MessageBody::Reaction {
            target: Wamid::new("wamid.x"),
            emoji: Some("🕐".into()),
        };
        assert_eq!(
            payload(Recipient::Person(&to()), &react, None).expect("payload")["reaction"],
            json!({"message_id": "wamid.x", "emoji": "🕐"})
        );
        let remove = MessageBody::Reaction {
            target: Wamid::new("wamid.x"),
            emoji: None,
        };
        assert_eq!(
            payload(Recipient::Person(&to()), &remove, None).expect("payload")["reaction"]["emoji"],
            ""
        );
    }

    #[test]
    fn inbound_only_kinds_are_not_sent() {
        let body = MessageBody::Other {
            kind: "poll".into(),
        };
        assert!(matches!(
            payload(Recipient::Person(&to()), &body, None),
            Err(SendError::Unsupported(_))
        ));
    }

    #[test]
    fn token_errors_are_recognised_and_permanent_codes_not_retried() {
        let meta = |code| SendError::Meta {
            failure: SendFailure::from_meta(Some(code), "x", "y"),
            retry_after: None,
            server_error: false,
        };
        let on_5xx = |code| SendError::Meta {
            failure: SendFailure::from_meta(Some(code), "x", "y"),
            retry_after: None,
            server_error: true,
        };
        assert!(
            on_5xx(1).retryable() && on_5xx(2).retryable(),
            "an unknown error on Meta's side is retried"
        );
        assert!(
            !on_5xx(131_047).retryable(),
            "a 5xx does not make a permanent refusal retryable"
        );
        assert!(meta(190).is_token_error() && !meta(190).retryable());
        for permanent in [131_047, 131_026, 131_049, 131_050, 368, 132_000, 132_001] {
            assert!(!meta(permanent).retryable(), "{permanent}");
        }
        for transient in [130_429, 131_056, 131_000, 131_016] {
            assert!(meta(transient).retryable(), "{transient}");
        }
    }
}
