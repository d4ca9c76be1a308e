//! A fake Graph API: records every `POST /{version}/{phone-number-id}/messages`, checks its
//! body against Meta's shape, and answers like Meta (or with an error, or not yet).

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::post,
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
    /// Errors to answer with, first to last, before answering normally again.
    errors: Vec<(StatusCode, Option<u64>, Value)>,
    next_id: u64,
    /// When set, more than this many requests in any second are answered with 130429,
    /// as Meta does when a number exceeds its throughput.
    rate_limit: Option<usize>,
    throttled: usize,
    /// Arrival times of the accepted requests of the last second.
    last_second: std::collections::VecDeque<tokio::time::Instant>,
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What Meta requires of a send request; the reason when the body is not of that shape.
pub fn check_send_body(body: &Value) -> Result<(), String> {
    if body["messaging_product"] != "whatsapp" {
        return Err("messaging_product must be \"whatsapp\"".into());
    }
    if !body["to"].is_string() && !body["recipient"].is_string() {
        return Err("`to` (or `recipient`) is required".into());
    }
    match body["type"].as_str() {
        Some("text") => match body["text"]["body"].as_str() {
            Some(text) if !text.is_empty() && text.chars().count() <= 4096 => Ok(()),
            _ => Err("text.body must be 1 to 4096 characters".into()),
        },
        Some(other) => Err(format!("this fake does not know type {other}")),
        None => Err("`type` is required".into()),
    }
}

async fn messages(
    State(graph): State<FakeGraph>,
    Path((version, phone)): Path<(String, String)>,
    headers: HeaderMap,
    body: Json<Value>,
) -> (StatusCode, HeaderMap, Json<Value>) {
    let mut open = graph.open.subscribe();
    let _ = open.wait_for(|open| *open).await;
    let Json(body) = body;
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
    inner.next_id += 1;
    let to = body["to"].as_str().unwrap_or_default().to_owned();
    let id = format!("wamid.fake.{}", inner.next_id);
    (
        StatusCode::OK,
        HeaderMap::new(),
        Json(
            json!({ "messaging_product": "whatsapp", "contacts": [{ "input": to, "wa_id": to }], "messages": [{ "id": id }] }),
        ),
    )
}
