//! Every route of the relay, in one table: its method, its path, what it requires
//! ([`Access`]) and its handler. The access is checked here, before any handler runs, so a
//! route cannot be added without saying who may use it; the route-inventory test walks
//! this same table.

mod account;
mod assets;
mod audit;
mod commands;
mod events;
mod feed;
mod health;
mod lines;
mod links;
mod media;
mod members;
mod quick_replies;
mod sandbox;
mod session;
mod settings;
mod teams;
mod templates;
pub(crate) mod uploads;
pub mod webhooks;

use crate::{
    AppState,
    auth::{self, Access},
    error::ApiError,
};
use axum::{
    Router,
    extract::{Request, State},
    handler::Handler,
    http::{HeaderMap, Method, header},
    middleware::{self, Next},
    response::Response,
    routing::{MethodFilter, MethodRouter, on},
};
use switchboard_domain::Role;

/// Meta's webhook payloads are at most 3 MB.
pub const WEBHOOK_BODY_LIMIT: usize = 3 * 1024 * 1024;

const AGENT: Access = Access::Role(Role::Agent);
const SUPERVISOR: Access = Access::Role(Role::Supervisor);
const ADMIN: Access = Access::Role(Role::Admin);

/// One row of the route table.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    handler: MethodRouter<AppState>,
}

fn route<H, T>(method: Method, path: &'static str, access: Access, handler: H) -> Route
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
    Route {
        method,
        path,
        access,
        handler: on(filter, handler),
    }
}

/// The table. Paths under `/api` are the app's; the rest serve Meta, probes and the feed.
pub fn routes() -> Vec<Route> {
    use Method as M;
    vec![
        route(M::GET, "/healthz", Access::Public, health::check),
        route(
            M::GET,
            "/webhooks/whatsapp",
            Access::Public,
            webhooks::verify,
        ),
        route(
            M::POST,
            "/webhooks/whatsapp",
            Access::Public,
            webhooks::receive,
        ),
        route(M::GET, "/ws", AGENT, feed::connect),
        // Logging in and out; the member's own account.
        route(M::POST, "/api/session", Access::Public, session::create),
        route(M::GET, "/api/session", Access::Session, session::show),
        route(M::DELETE, "/api/session", Access::Session, session::delete),
        route(
            M::DELETE,
            "/api/sessions",
            Access::Session,
            session::delete_all,
        ),
        route(
            M::PUT,
            "/api/session/password",
            Access::Session,
            account::change_password,
        ),
        route(
            M::PUT,
            "/api/session/language",
            Access::Session,
            account::set_language,
        ),
        route(
            M::POST,
            "/api/session/totp",
            Access::Session,
            account::begin_totp,
        ),
        route(
            M::PUT,
            "/api/session/totp",
            Access::Session,
            account::confirm_totp,
        ),
        route(
            M::DELETE,
            "/api/session/totp",
            Access::Session,
            account::disable_totp,
        ),
        route(M::GET, "/api/links/{token}", Access::Link, links::show),
        route(M::POST, "/api/links/{token}", Access::Link, links::accept),
        // Chats.
        route(M::GET, "/api/events", AGENT, events::list),
        route(M::POST, "/api/commands", AGENT, commands::execute),
        route(M::GET, "/api/lines", AGENT, lines::list),
        route(M::POST, "/api/uploads/{line}", AGENT, uploads::create),
        route(M::GET, "/api/media/{line}/{media_id}", AGENT, media::show),
        route(M::GET, "/api/admin/media", ADMIN, media::usage),
        // Templates and the Sandbox's simulated customers.
        route(
            M::POST,
            "/api/lines/{line}/templates/sync",
            SUPERVISOR,
            templates::sync,
        ),
        route(
            M::POST,
            "/api/sandbox/{line}/messages",
            SUPERVISOR,
            sandbox::receive_message,
        ),
        route(
            M::POST,
            "/api/sandbox/{line}/read",
            SUPERVISOR,
            sandbox::read,
        ),
        // People, teams, lines, settings, the audit log.
        route(M::GET, "/api/members", ADMIN, members::list),
        route(M::POST, "/api/members", ADMIN, members::create),
        route(M::PATCH, "/api/members/{agent}", ADMIN, members::change),
        route(
            M::POST,
            "/api/members/{agent}/link",
            ADMIN,
            members::issue_link,
        ),
        route(
            M::DELETE,
            "/api/members/{agent}/totp",
            ADMIN,
            members::reset_totp,
        ),
        route(
            M::PUT,
            "/api/quick-replies/{shortcut}",
            SUPERVISOR,
            quick_replies::save,
        ),
        route(
            M::DELETE,
            "/api/quick-replies/{shortcut}",
            SUPERVISOR,
            quick_replies::delete,
        ),
        route(M::PUT, "/api/teams/{team}", ADMIN, teams::save),
        route(M::DELETE, "/api/teams/{team}", ADMIN, teams::delete),
        route(M::PUT, "/api/lines/{line}/team", ADMIN, lines::set_team),
        route(M::PUT, "/api/settings", ADMIN, settings::save),
        route(M::GET, "/api/audit", ADMIN, audit::list),
    ]
}

pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for Route {
        path,
        access,
        handler,
        ..
    } in routes()
    {
        let guard = middleware::from_fn_with_state(state.clone(), move |state, request, next| {
            require(access, state, request, next)
        });
        router = router.route(path, handler.route_layer(guard));
    }
    router
        .layer(middleware::from_fn(same_origin_writes))
        .fallback(assets::serve)
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(crate::error::with_locale))
        .with_state(state)
}

/// The policy every response carries: scripts only from the relay (plus Trunk's inline
/// loader, by hash) and the wasm they compile; nothing may frame the app; no referrer leaves
/// it; no content-type guessing.
fn content_security_policy() -> &'static header::HeaderValue {
    static POLICY: std::sync::OnceLock<header::HeaderValue> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let scripts = assets::inline_script_hashes().join(" ");
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
             media-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
             worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        header::HeaderValue::from_str(&policy).unwrap_or_else(|_| {
            header::HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'")
        })
    })
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert_with(|| content_security_policy().clone());
    headers
        .entry(header::REFERRER_POLICY)
        .or_insert(header::HeaderValue::from_static("no-referrer"));
    headers
        .entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(header::HeaderValue::from_static("nosniff"));
    headers
        .entry(header::X_FRAME_OPTIONS)
        .or_insert(header::HeaderValue::from_static("DENY"));
    response
}

/// Lets the request through only when it has what its route requires; the member it
/// found rides along in the request's extensions for the handler.
async fn require(
    access: Access,
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let (mut parts, body) = request.into_parts();
    if let Some(agent) = auth::check(access, &parts, &state).await? {
        parts.extensions.insert(agent);
    }
    Ok(next.run(Request::from_parts(parts, body)).await)
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
