//! Logging in under attack: oversized fields, throttling by address and device, parallel
//! guesses, floods of logins, one-time passwords and reset links with two-factor on.

use reqwest::StatusCode;
use serde_json::{Value, json};
use switchboard_tests::{ADMIN, ADMIN_PASSWORD, graph::FakeGraph, relay::TestRelay};

async fn relay() -> TestRelay {
    let graph = FakeGraph::start().await;
    TestRelay::start(&graph.base_url()).await
}

async fn login_with(relay: &TestRelay, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(relay.url("/api/session"))
        .json(&body)
        .send()
        .await
        .expect("login request")
}

async fn code_of(response: reqwest::Response) -> String {
    let body: Value = response.json().await.expect("json");
    body["code"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn oversized_login_fields_are_refused_before_throttling_or_auditing() {
    let relay = relay().await;
    let huge = "a".repeat(1_000_000);
    for body in [
        json!({ "username": huge, "password": "guess" }),
        json!({ "username": ADMIN, "password": huge }),
        json!({ "username": ADMIN, "password": "guess", "code": huge }),
    ] {
        for _ in 0..5 {
            let response = login_with(&relay, body.clone()).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
            assert_eq!(code_of(response).await, "credentials_too_long");
        }
    }
    // Fifteen refusals and the admin is not throttled, and none became an audit row.
    let admin = relay.login().await;
    let audit: Vec<Value> = admin
        .get("/api/audit?action=login_failed")
        .send()
        .await
        .expect("audit")
        .json()
        .await
        .expect("json");
    assert!(audit.is_empty(), "{} failed-login rows", audit.len());
}

#[tokio::test]
async fn a_relay_without_an_admin_section_has_an_admin_named_admin() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        config.admin = switchboard_relay::config::AdminConfig {
            password: Some(ADMIN_PASSWORD.into()),
            ..Default::default()
        };
    })
    .await;
    relay.login_as("admin", ADMIN_PASSWORD).await;
}
