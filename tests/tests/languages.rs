//! The relay speaks the member's language: its sentences follow `Accept-Language` while the
//! codes stay the same, and the language a member chooses is kept with their account.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use switchboard_tests::{graph::FakeGraph, relay::TestRelay};

async fn relay() -> TestRelay {
    let graph = FakeGraph::start().await;
    TestRelay::start(&graph.base_url()).await
}

/// A request without a session (a wrong password would be throttled after a few).
async fn signed_out(relay: &TestRelay, accept_language: &str) -> Value {
    let response = reqwest::Client::new()
        .get(relay.url("/api/session"))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .expect("login request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    response.json().await.expect("json")
}

#[tokio::test]
async fn errors_are_written_in_the_requested_language_with_the_same_code() {
    let relay = relay().await;
    let english = signed_out(&relay, "en-US,en;q=0.9").await;
    let spanish = signed_out(&relay, "es-MX,es;q=0.9,en;q=0.5").await;
    let portuguese = signed_out(&relay, "pt-BR").await;
    let unknown = signed_out(&relay, "de-DE").await;
    for body in [&english, &spanish, &portuguese, &unknown] {
        assert_eq!(body["code"], "unauthenticated");
    }
    assert_eq!(
        english["message"],
        "You are not logged in, or your session ended: log in again."
    );
    assert_eq!(
        spanish["message"],
        "No has iniciado sesión o tu sesión terminó: vuelve a iniciar sesión."
    );
    assert_eq!(
        portuguese["message"],
        "Você não está conectado ou sua sessão terminou: entre novamente."
    );
    assert_eq!(unknown["message"], english["message"]);
}

#[tokio::test]
async fn a_rule_of_the_domain_is_refused_in_the_members_language() {
    let relay = relay().await;
    let session = relay.login().await;
    let response = session
        .request(Method::PUT, "/api/quick-replies/No Spaces")
        .header("Accept-Language", "pt-BR")
        .json(&json!({ "body": "Olá" }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["code"], "bad_shortcut");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Um atalho tem de 1 a 32 caracteres")),
        "{body}"
    );
}

#[tokio::test]
async fn the_chosen_language_is_kept_with_the_account() {
    let mut relay = relay().await;
    let session = relay.login().await;
    assert_eq!(session.me().await["language"], Value::Null);
    let saved = session
        .request(Method::PUT, "/api/session/language")
        .json(&json!({ "language": "pt-BR" }))
        .send()
        .await
        .expect("request");
    assert_eq!(saved.status(), StatusCode::NO_CONTENT);
    let refused = session
        .request(Method::PUT, "/api/session/language")
        .json(&json!({ "language": "klingon" }))
        .send()
        .await
        .expect("request");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    relay.restart().await;
    let again = relay.login().await;
    assert_eq!(again.me().await["language"], "pt-BR");
}
