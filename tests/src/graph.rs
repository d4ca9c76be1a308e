//! A fake Graph API: records every `POST /{version}/{phone-number-id}/messages`, checks its
//! body against Meta's shape, and answers like Meta (or with an error, or not yet). It also
//! serves media added with [`FakeGraph::add_media`]: `GET /{version}/{media-id}` gives a URL,
//! `GET /media-bytes/{id}` the bytes, both only with the test line's token.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};
use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};
use tokio::sync::watch;

#[derive(Clone, Debug)]
pub struct Recorded {
    pub path: String,
    pub authorization: Option<String>,
    pub body: Value,
    /// When the request arrived.
    pub at: tokio::time::Instant,
}

#[derive(Default)]
struct Inner {
    requests: Vec<Recorded>,
    /// The body of every send request as it arrived, answered or not (held, or its caller
    /// gone): what Meta would have had.
    arrived: Vec<Value>,
    /// Errors to answer with, first to last, before answering normally again.
    errors: Vec<(StatusCode, Option<u64>, Value)>,
    next_id: u64,
    /// When set, more than this many requests in any second are answered with 130429,
    /// as Meta does when a number exceeds its throughput.
    rate_limit: Option<usize>,
    throttled: usize,
    /// Arrival times of the accepted requests of the last second.
    last_second: std::collections::VecDeque<tokio::time::Instant>,
    /// Media by id, for the media routes.
    media: std::collections::HashMap<String, FakeMedia>,
    /// Every request to the media routes.
    media_requests: Vec<Recorded>,
    /// Template definitions `GET /{waba}/message_templates` lists, in order.
    templates: Vec<Value>,
    /// Files received by `POST /{phone}/media`.
    uploads: Vec<Upload>,
}

/// A file uploaded to the fake.
#[derive(Clone, Debug)]
pub struct Upload {
    pub id: String,
    pub mime_type: String,
    pub filename: String,
    /// The bytes, for files up to [`KEPT_UPLOAD`]; empty for larger ones (only counted).
    pub bytes: Vec<u8>,
    /// How many bytes arrived, counted as they streamed in.
    pub size: u64,
}

/// Uploads up to this size are kept (and served back like Meta does); larger ones are only
/// counted, so the fake never holds a large file whole and memory tests measure the relay.
pub const KEPT_UPLOAD: u64 = 8 * 1024 * 1024;

/// A file the fake serves, and what its media answer announces about it.
#[derive(Clone)]
struct FakeMedia {
    mime_type: String,
    bytes: Vec<u8>,
    file_size: Option<u64>,
    sha256: Option<String>,
}

#[derive(Clone)]
pub struct FakeGraph {
    pub addr: SocketAddr,
    inner: Arc<Mutex<Inner>>,
    /// While false, answers wait: lets a test observe a message still queued.
    open: watch::Sender<bool>,
}

impl FakeGraph {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (open, _) = watch::channel(true);
        let graph = Self {
            addr,
            inner: Arc::default(),
            open,
        };
        let app = Router::new()
            .route("/{version}/{phone}/messages", post(messages))
            .route(
                "/{version}/{phone}/media",
                // Counted as it streams in, so any size Meta accepts (and more) is read.
                post(upload).layer(axum::extract::DefaultBodyLimit::disable()),
            )
            .route("/{version}/{phone}/message_templates", get(templates))
            .route("/media-bytes/{id}", get(media_bytes))
            .route("/{version}/{media_id}", get(media_info))
            .with_state(graph.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        graph
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// Every send request's body as it arrived, including those never answered.
    pub fn arrived(&self) -> Vec<Value> {
        self.lock().arrived.clone()
    }

    /// How many send requests arrived (cheap: for polling without copying them all).
    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    /// Adds a template definition (Meta's shape) to the list the fake serves.
    pub fn add_template(&self, template: Value) {
        self.lock().templates.push(template);
    }

    /// Changes a served template's status (as when Meta pauses it).
    pub fn set_template_status(&self, name: &str, status: &str) {
        for template in self
            .lock()
            .templates
            .iter_mut()
            .filter(|t| t["name"] == name)
        {
            template["status"] = json!(status);
        }
    }

    /// The files uploaded so far.
    pub fn uploads(&self) -> Vec<Upload> {
        self.lock().uploads.clone()
    }

    /// Answers 130429 to requests beyond `per_second` in any one-second window.
    pub fn enforce_rate(&self, per_second: usize) {
        self.lock().rate_limit = Some(per_second);
    }

    /// How many requests were answered 130429 by [`FakeGraph::enforce_rate`].
    pub fn throttled(&self) -> usize {
        self.lock().throttled
    }

    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.requests.clear();
        inner.throttled = 0;
        inner.media_requests.clear();
    }

    /// Serves `bytes` as the media `id`, announcing their true size and SHA-256 (base64, as
    /// Meta documents it).
    pub fn add_media(&self, id: &str, mime_type: &str, bytes: Vec<u8>) {
        let file_size = Some(bytes.len() as u64);
        let sha256 = Some(switchboard_relay::whatsapp::media::sha256_base64(&bytes));
        self.add_media_announcing(id, mime_type, bytes, file_size, sha256.as_deref());
    }

    /// Like [`FakeGraph::add_media`], announcing `file_size` and `sha256` as given (absent
    /// when `None`), true or not.
    pub fn add_media_announcing(
        &self,
        id: &str,
        mime_type: &str,
        bytes: Vec<u8>,
        file_size: Option<u64>,
        sha256: Option<&str>,
    ) {
        let media = FakeMedia {
            mime_type: mime_type.to_owned(),
            bytes,
            file_size,
            sha256: sha256.map(str::to_owned),
        };
        self.lock().media.insert(id.to_owned(), media);
    }

    /// Forgets the media `id`, as Meta does once its links and ids expire.
    pub fn forget_media(&self, id: &str) {
        self.lock().media.remove(id);
    }

    /// Every request to the media routes (media answers and downloads).
    pub fn media_requests(&self) -> Vec<Recorded> {
        self.lock().media_requests.clone()
    }

    /// Holds every answer until [`FakeGraph::release`].
    pub fn hold(&self) {
        self.open.send_replace(false);
    }
    pub fn release(&self) {
        self.open.send_replace(true);
    }

    /// Answers the next request with Meta's error envelope for `code`.
    pub fn fail_next(&self, status: StatusCode, code: i64, title: &str, details: &str) {
        self.fail_next_with_retry_after(status, None, code, title, details);
    }

    /// Like [`FakeGraph::fail_next`], with a `Retry-After` header in seconds.
    pub fn fail_next_with_retry_after(
        &self,
        status: StatusCode,
        retry_after: Option<u64>,
        code: i64,
        title: &str,
        details: &str,
    ) {
        let body = json!({ "error": {
            "message": format!("(#{code}) {title}"), "type": "OAuthException", "code": code,
            "error_data": { "messaging_product": "whatsapp", "details": details }, "fbtrace_id": "Atest"
        }});
        self.lock().errors.push((status, retry_after, body));
    }

    /// Answers the next request 200 without a message id, as when Meta's answer is cut
    /// short: the relay cannot tell whether the message went out.
    pub fn answer_next_without_id(&self) {
        let body = json!({ "messaging_product": "whatsapp" });
        self.lock().errors.push((StatusCode::OK, None, body));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What Meta requires of a send request, as its Cloud API documents it; the reason when the body is not
/// of that shape.
pub fn check_send_body(body: &Value) -> Result<(), String> {
    if body["messaging_product"] != "whatsapp" {
        return Err("messaging_product must be \"whatsapp\"".into());
    }
    // Mark as read (optionally with the typing indicator) has no recipient.
    if body["status"] == "read" {
        let typing_ok = body
            .get("typing_indicator")
            .is_none_or(|t| t["type"] == "text");
        return match body["message_id"].as_str() {
            Some(id) if id.starts_with("wamid.") && typing_ok => Ok(()),
            _ => Err(
                "mark as read needs an incoming message_id (and typing_indicator.type \"text\")"
                    .into(),
            ),
        };
    }
    match body["recipient_type"].as_str() {
        None | Some("individual") => {
            if !body["to"].is_string() && !body["recipient"].is_string() {
                return Err("`to` (or `recipient`) is required".into());
            }
        }
        // Group messaging: the group's id goes in `to`.
        Some("group") => {
            if !body["to"].is_string() || body.get("recipient").is_some() {
                return Err("a group message needs the group id in `to`".into());
            }
        }
        Some(other) => {
            return Err(format!(
                "recipient_type {other:?} is not individual or group"
            ));
        }
    }
    if let Some(context) = body.get("context")
        && !context["message_id"].is_string()
    {
        return Err("context.message_id must be a wamid".into());
    }
    // Meta repeats it on the message's statuses; at most 512 characters.
    if let Some(callback) = body.get("biz_opaque_callback_data")
        && callback.as_str().is_none_or(|c| c.chars().count() > 512)
    {
        return Err("biz_opaque_callback_data must be a string of at most 512 characters".into());
    }
    let kind = body["type"].as_str().ok_or("`type` is required")?;
    let part = &body[kind];
    let text_between = |value: &Value, max: usize| {
        value
            .as_str()
            .is_some_and(|t| !t.is_empty() && t.chars().count() <= max)
    };
    match kind {
        "text" if text_between(&part["body"], 4096) => Ok(()),
        "text" => Err("text.body must be 1 to 4096 characters".into()),
        "image" | "video" | "audio" | "document" | "sticker" => {
            let by_id = part["id"].is_string();
            let by_link = part["link"]
                .as_str()
                .is_some_and(|l| l.starts_with("https://"));
            if by_id == by_link {
                return Err(format!("{kind} needs exactly one of id or an https link"));
            }
            if part.get("caption").is_some() && matches!(kind, "audio" | "sticker") {
                return Err(format!("{kind} takes no caption"));
            }
            if part.get("filename").is_some() && kind != "document" {
                return Err("only documents take a filename".into());
            }
            Ok(())
        }
        "template" => {
            if !part["name"].is_string() || !part["language"]["code"].is_string() {
                return Err("template needs name and language.code".into());
            }
            let components = match part.get("components") {
                None => &[][..],
                Some(list) => list
                    .as_array()
                    .ok_or("components must be a list")?
                    .as_slice(),
            };
            for component in components {
                let known = matches!(
                    component["type"].as_str(),
                    Some("header" | "body" | "button")
                );
                if !known || !component["parameters"].is_array() {
                    return Err(
                        "each component needs a type (header, body, button) and parameters".into(),
                    );
                }
            }
            Ok(())
        }
        "interactive" => {
            if !text_between(&part["body"]["text"], 1024) {
                return Err("interactive.body.text must be 1 to 1024 characters".into());
            }
            match part["type"].as_str() {
                Some("button") => {
                    let buttons = part["action"]["buttons"]
                        .as_array()
                        .ok_or("action.buttons is required")?;
                    let valid = (1..=3).contains(&buttons.len())
                        && buttons.iter().all(|b| {
                            b["type"] == "reply"
                                && b["reply"]["id"].is_string()
                                && text_between(&b["reply"]["title"], 20)
                        });
                    if valid {
                        Ok(())
                    } else {
                        Err(
                            "1 to 3 reply buttons with an id and a title of at most 20 characters"
                                .into(),
                        )
                    }
                }
                Some("list") => {
                    let sections = part["action"]["sections"]
                        .as_array()
                        .ok_or("action.sections is required")?;
                    let rows: Vec<&Value> = sections
                        .iter()
                        .flat_map(|s| s["rows"].as_array().into_iter().flatten())
                        .collect();
                    let valid = text_between(&part["action"]["button"], 20)
                        && (1..=10).contains(&rows.len())
                        && rows
                            .iter()
                            .all(|r| r["id"].is_string() && text_between(&r["title"], 24));
                    if valid {
                        Ok(())
                    } else {
                        Err(
                            "a list needs a button label and 1 to 10 rows with an id and a title"
                                .into(),
                        )
                    }
                }
                _ => Err("interactive.type must be button or list".into()),
            }
        }
        "reaction" if part["message_id"].is_string() && part["emoji"].is_string() => Ok(()),
        "reaction" => Err("reaction needs message_id and emoji".into()),
        other => Err(format!("this fake does not know type {other}")),
    }
}

/// `POST /{phone}/media` (multipart: `messaging_product`, `type`, `file`).
async fn upload(
    State(graph): State<FakeGraph>,
    mut form: axum::extract::Multipart,
) -> (StatusCode, Json<Value>) {
    let mut product = None;
    let mut file = None;
    while let Ok(Some(mut field)) = form.next_field().await {
        match field.name() {
            Some("messaging_product") => product = field.text().await.ok(),
            Some("file") => {
                let mime_type = field.content_type().unwrap_or_default().to_owned();
                let filename = field.file_name().unwrap_or_default().to_owned();
                let mut bytes = Vec::new();
                let mut size: u64 = 0;
                let mut complete = true;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            size += chunk.len() as u64;
                            if size <= KEPT_UPLOAD {
                                bytes.extend_from_slice(&chunk);
                            } else {
                                bytes = Vec::new();
                            }
                        }
                        Ok(None) => break,
                        Err(_) => {
                            complete = false;
                            break;
                        }
                    }
                }
                file = complete.then_some((mime_type, filename, bytes, size));
            }
            _ => {}
        }
    }
    let (Some("whatsapp"), Some((mime_type, filename, bytes, size))) = (product.as_deref(), file)
    else {
        let error = json!({ "error": { "message": "(#100) messaging_product and file are required", "code": 100 } });
        return (StatusCode::BAD_REQUEST, Json(error));
    };
    let mut inner = graph.lock();
    let id = format!("{}", 4_490_709_327_384_000_u64 + inner.uploads.len() as u64);
    // Like Meta, an uploaded file can be fetched back by its id (the app shows what was sent).
    if size <= KEPT_UPLOAD {
        inner.media.insert(
            id.clone(),
            FakeMedia {
                mime_type: mime_type.clone(),
                file_size: Some(bytes.len() as u64),
                sha256: Some(switchboard_relay::whatsapp::media::sha256_base64(&bytes)),
                bytes: bytes.clone(),
            },
        );
    }
    inner.uploads.push(Upload {
        id: id.clone(),
        mime_type,
        filename,
        bytes,
        size,
    });
    (StatusCode::OK, Json(json!({ "id": id })))
}

/// `GET /{waba}/message_templates?limit=N&after=CURSOR`, paged like Meta's cursors.
async fn templates(
    State(graph): State<FakeGraph>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Json<Value> {
    let inner = graph.lock();
    let limit: usize = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(25)
        .clamp(1, 100);
    let start: usize = query
        .get("after")
        .and_then(|a| a.strip_prefix("cursor-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let page: Vec<Value> = inner
        .templates
        .iter()
        .skip(start)
        .take(limit)
        .cloned()
        .collect();
    let end = start + page.len();
    let mut paging = json!({ "cursors": { "before": format!("cursor-{start}"), "after": format!("cursor-{end}") } });
    if end < inner.templates.len() {
        paging["next"] = json!(format!(
            "{}/v25.0/102290129340398/message_templates?after=cursor-{end}",
            graph.base_url()
        ));
    }
    Json(json!({ "data": page, "paging": paging }))
}

async fn messages(
    State(graph): State<FakeGraph>,
    Path((version, phone)): Path<(String, String)>,
    headers: HeaderMap,
    body: Json<Value>,
) -> (StatusCode, HeaderMap, Json<Value>) {
    let Json(body) = body;
    graph.lock().arrived.push(body.clone());
    let mut open = graph.open.subscribe();
    let _ = open.wait_for(|open| *open).await;
    let mut inner = graph.lock();
    let now = tokio::time::Instant::now();
    if let Some(limit) = inner.rate_limit {
        while inner
            .last_second
            .front()
            .is_some_and(|t| now.duration_since(*t) >= std::time::Duration::from_secs(1))
        {
            inner.last_second.pop_front();
        }
        if inner.last_second.len() >= limit {
            inner.throttled += 1;
            let error = json!({ "error": { "message": "(#130429) Rate limit hit", "type": "OAuthException",
                "code": 130_429, "error_data": { "messaging_product": "whatsapp",
                "details": "Cloud API message throughput has been reached." } }});
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", 1.into());
            return (StatusCode::TOO_MANY_REQUESTS, headers, Json(error));
        }
        inner.last_second.push_back(now);
    }
    inner.requests.push(Recorded {
        path: format!("/{version}/{phone}/messages"),
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body: body.clone(),
        at: now,
    });
    if !inner.errors.is_empty() {
        let (status, retry_after, error) = inner.errors.remove(0);
        let mut headers = HeaderMap::new();
        if let Some(seconds) = retry_after {
            headers.insert("retry-after", seconds.into());
        }
        return (status, headers, Json(error));
    }
    if let Err(reason) = check_send_body(&body) {
        let error = json!({ "error": { "message": format!("(#100) {reason}"), "type": "OAuthException", "code": 100,
            "error_data": { "messaging_product": "whatsapp", "details": reason } }});
        return (StatusCode::BAD_REQUEST, HeaderMap::new(), Json(error));
    }
    if body["status"] == "read" {
        return (
            StatusCode::OK,
            HeaderMap::new(),
            Json(json!({ "success": true })),
        );
    }
    inner.next_id += 1;
    let id = format!("wamid.fake.{}", inner.next_id);
    // Meta's answer names the recipient as it was addressed: a group by its input only, a
    // business-scoped user id as `user_id`, a phone number as `wa_id`.
    let contact = match (body["recipient_type"].as_str(), body["recipient"].as_str()) {
        (Some("group"), _) => json!({ "input": body["to"] }),
        (_, Some(user)) => json!({ "input": user, "user_id": user }),
        _ => json!({ "input": body["to"], "wa_id": body["to"] }),
    };
    (
        StatusCode::OK,
        HeaderMap::new(),
        Json(
            json!({ "messaging_product": "whatsapp", "contacts": [contact], "messages": [{ "id": id }] }),
        ),
    )
}

/// Records a media request; the Meta error to answer when its token is not the test line's.
fn record_media_request(
    graph: &FakeGraph,
    path: String,
    headers: &HeaderMap,
) -> Option<(StatusCode, Json<Value>)> {
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let authorized = authorization.as_deref() == Some(&format!("Bearer {}", crate::ACCESS_TOKEN));
    graph.lock().media_requests.push(Recorded {
        path,
        authorization,
        body: Value::Null,
        at: tokio::time::Instant::now(),
    });
    (!authorized).then(|| {
        let error = json!({ "error": { "message": "Invalid OAuth access token - Cannot parse access token",
            "type": "OAuthException", "code": 190, "fbtrace_id": "Atest" }});
        (StatusCode::UNAUTHORIZED, Json(error))
    })
}

/// Meta's answer for a media id it does not know (or no longer keeps).
fn unknown_media(id: &str) -> (StatusCode, Json<Value>) {
    let error = json!({ "error": {
        "message": format!("Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."),
        "type": "GraphMethodException", "code": 100, "error_subcode": 33, "fbtrace_id": "Atest" }});
    (StatusCode::NOT_FOUND, Json(error))
}

async fn media_info(
    State(graph): State<FakeGraph>,
    Path((version, id)): Path<(String, String)>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: HeaderMap,
) -> (StatusCode, Json<Value>) {
    let path = match query {
        Some(query) => format!("/{version}/{id}?{query}"),
        None => format!("/{version}/{id}"),
    };
    if let Some(refusal) = record_media_request(&graph, path, &headers) {
        return refusal;
    }
    let Some(media) = graph.lock().media.get(&id).cloned() else {
        return unknown_media(&id);
    };
    let mut answer = json!({
        "messaging_product": "whatsapp",
        "url": format!("{}/media-bytes/{id}", graph.base_url()),
        "mime_type": media.mime_type,
        "id": id,
    });
    if let Some(size) = media.file_size {
        answer["file_size"] = size.into();
    }
    if let Some(sha256) = media.sha256 {
        answer["sha256"] = sha256.into();
    }
    (StatusCode::OK, Json(answer))
}

async fn media_bytes(
    State(graph): State<FakeGraph>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = record_media_request(&graph, format!("/media-bytes/{id}"), &headers) {
        return refusal.into_response();
    }
    let Some(media) = graph.lock().media.get(&id).cloned() else {
        return unknown_media(&id).into_response();
    };
    (
        [(axum::http::header::CONTENT_TYPE, media.mime_type)],
        media.bytes,
    )
        .into_response()
}
