//! Every route of the relay, in one place.

mod assets;
mod commands;
mod events;
mod feed;
mod health;
mod lines;
mod media;
mod sandbox;
mod session;
mod templates;
mod uploads;
mod webhooks;

use crate::{AppState, error::ApiError};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Request},
    http::{HeaderMap, Method, header},
    middleware::{self, Next},
    response::Response,
    routing::{delete, get, post},
};

/// Meta's webhook payloads are at most 3 MB.
pub const WEBHOOK_BODY_LIMIT: usize = 3 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route(
            "/session",
            post(session::create)
                .get(session::show)
                .delete(session::delete),
        )
        .route("/sessions", delete(session::delete_all))
        .route("/events", get(events::list))
        .route("/commands", post(commands::execute))
        .route("/lines", get(lines::list))
        .route("/lines/{line}/templates/sync", post(templates::sync))
        .route(
            "/uploads/{line}",
            post(uploads::create).layer(DefaultBodyLimit::max(uploads::UPLOAD_LIMIT)),
        )
        .route("/media/{line}/{media_id}", get(media::show))
        .route("/sandbox/{line}/messages", post(sandbox::receive_message))
        .route("/sandbox/{line}/read", post(sandbox::read))
        .layer(middleware::from_fn(same_origin_writes));
    Router::new()
        .route("/healthz", get(health::check))
        .route(
            "/webhooks/whatsapp",
            get(webhooks::verify)
                .post(webhooks::receive)
                .layer(DefaultBodyLimit::max(WEBHOOK_BODY_LIMIT)),
        )
        .route("/ws", get(feed::connect))
        .nest("/api", api)
        .fallback(assets::serve)
        .with_state(state)
}

/// Refuses a state-changing request sent by another site (CSRF), on top of the
/// SameSite=Strict cookie: when the browser says where the request came from, it must be here.
async fn same_origin_writes(request: Request, next: Next) -> Result<Response, ApiError> {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !origin_allowed(request.headers()) {
        return Err(ApiError::ForbiddenOrigin);
    }
    Ok(next.run(request).await)
}

/// True when the request has no `Origin` (not a browser's cross-site request) or its
/// `Origin` names the host the request was sent to.
pub fn origin_allowed(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        == Some(host)
}
