//! Who gets in: login throttling, session fixation, logging out everywhere, and the
//! WebSocket feed's session and Origin checks.

use reqwest::StatusCode;
use serde_json::json;
use switchboard_tests::{ADMIN, ADMIN_PASSWORD, graph::FakeGraph, relay::TestRelay};

async fn relay() -> TestRelay {
    let graph = FakeGraph::start().await;
    TestRelay::start(&graph.base_url()).await
}

async fn login(
    relay: &TestRelay,
    username: &str,
    password: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .json(&json!({ "username": username, "password": password }));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.expect("login request")
}

fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

async fn session_works(relay: &TestRelay, cookie: &str) -> bool {
    let response = reqwest::Client::new()
        .get(relay.url("/api/session"))
        .header("cookie", cookie)
        .send()
        .await;
    response.expect("request").status() == StatusCode::OK
}

#[tokio::test]
async fn brute_force_is_slowed_for_the_account_and_the_address() {
    let relay = relay().await;
    for _ in 0..3 {
        assert_eq!(
            login(&relay, ADMIN, "guess", None).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let throttled = login(&relay, ADMIN, "guess", None).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: i64 = throttled
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!(retry_after >= 1);
    let body: serde_json::Value = throttled.json().await.expect("json");
    assert_eq!(body["code"], "too_many_attempts");
    // While throttled even the right password is not checked, so guessing gains nothing…
    assert_eq!(
        login(&relay, ADMIN, ADMIN_PASSWORD, None).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // …and the address is throttled too: another account (existing or not) from here waits.
    assert_eq!(
        login(&relay, "nobody", "guess", None).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn unknown_accounts_are_throttled_like_real_ones() {
    let relay = relay().await;
    let statuses: Vec<StatusCode> = {
        let mut statuses = Vec::new();
        for _ in 0..4 {
            statuses.push(login(&relay, "ghost", "guess", None).await.status());
        }
        statuses
    };
    assert_eq!(
        statuses,
        vec![
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}

#[tokio::test]
async fn session_fixation_is_impossible() {
    let relay = relay().await;
    let planted = "sb_session=attacker-chosen-token";
    let response = login(&relay, ADMIN, ADMIN_PASSWORD, Some(planted)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let issued = session_cookie(&response);
    assert_ne!(issued, planted);
    assert!(
        !session_works(&relay, planted).await,
        "the planted token never became a session"
    );
    assert!(session_works(&relay, &issued).await);
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "cookie lacks {flag}: {cookie}");
    }
    // Logging in again gives yet another token.
    let again = session_cookie(&login(&relay, ADMIN, ADMIN_PASSWORD, Some(&issued)).await);
    assert_ne!(again, issued);
}

#[tokio::test]
async fn log_out_everywhere_ends_every_session() {
    let relay = relay().await;
    let phone = session_cookie(&login(&relay, ADMIN, ADMIN_PASSWORD, None).await);
    let laptop = session_cookie(&login(&relay, ADMIN, ADMIN_PASSWORD, None).await);
    let response = reqwest::Client::new()
        .delete(relay.url("/api/sessions"))
        .header("cookie", &laptop)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(!session_works(&relay, &phone).await);
    assert!(!session_works(&relay, &laptop).await);
}

/// A WebSocket handshake for the feed, with `origin` and `cookie`.
async fn handshake(relay: &TestRelay, origin: &str, cookie: Option<&str>) -> StatusCode {
    let mut request = reqwest::Client::new()
        .get(relay.url("/ws?since=0"))
        .header("connection", "Upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "13")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
        .header("origin", origin);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.expect("handshake").status()
}

#[tokio::test]
async fn the_feed_needs_a_session_and_this_sites_origin() {
    let relay = relay().await;
    let cookie = session_cookie(&login(&relay, ADMIN, ADMIN_PASSWORD, None).await);
    let here = format!("http://{}", relay.addr);
    assert_eq!(
        handshake(&relay, &here, None).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        handshake(&relay, "https://evil.example", Some(&cookie)).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        handshake(&relay, &here, Some(&cookie)).await,
        StatusCode::SWITCHING_PROTOCOLS
    );
}
