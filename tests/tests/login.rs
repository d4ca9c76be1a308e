//! Logging in under attack: oversized fields, throttling by address and device, parallel
//! guesses, floods of logins, one-time passwords and reset links with two-factor on.

use reqwest::StatusCode;
use serde_json::{Value, json};
use switchboard_relay::clock::Clock;
use switchboard_tests::{ADMIN, ADMIN_PASSWORD, graph::FakeGraph, relay::TestRelay};

/// The throttle's waits stand still on these relays' clocks, however slowly the machine runs
/// a test: two guesses are never a wait apart by accident.
fn still() -> Clock {
    Clock::manual(Clock::System.now())
}

async fn relay() -> TestRelay {
    let graph = FakeGraph::start().await;
    TestRelay::start_with(&graph.base_url(), |config| config.clock = still()).await
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

/// A relay behind a reverse proxy on loopback, whose `X-Forwarded-For` it trusts.
async fn relay_behind_proxy() -> TestRelay {
    let graph = FakeGraph::start().await;
    TestRelay::start_with(&graph.base_url(), |config| {
        config.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
        config.clock = still();
    })
    .await
}

async fn login_from(
    relay: &TestRelay,
    forwarded_for: Option<&str>,
    cookie: Option<&str>,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .json(&json!({ "username": username, "password": password }));
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.expect("login request")
}

/// The `name=value` of the cookie `name` the response sets.
fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

#[tokio::test]
async fn a_strangers_failures_from_another_address_do_not_lock_out_the_admin() {
    let relay = relay_behind_proxy().await;
    let attacker = Some("203.0.113.9");
    let mut refused = Vec::new();
    for _ in 0..12 {
        let status = login_from(&relay, attacker, None, ADMIN, "guess")
            .await
            .status();
        refused.push(status);
    }
    assert!(
        refused.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{refused:?}"
    );
    // The attacker's own address stays slowed…
    let status = login_from(&relay, attacker, None, ADMIN, ADMIN_PASSWORD)
        .await
        .status();
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // …while the admin from their address gets in, every time.
    for _ in 0..3 {
        let response = login_from(&relay, Some("198.51.100.7"), None, ADMIN, ADMIN_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_device_that_logged_in_before_is_not_slowed_by_strangers_at_the_same_address() {
    // No trusted proxy: everyone comes from loopback, as behind a proxy nobody configured.
    let relay = relay().await;
    let first = login_from(&relay, None, None, ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(first.status(), StatusCode::OK);
    let device = set_cookie(&first, "sb_device").expect("a device cookie");
    for _ in 0..10 {
        login_from(&relay, None, None, ADMIN, "guess").await;
    }
    let stranger = login_from(&relay, None, None, ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(stranger.status(), StatusCode::TOO_MANY_REQUESTS);
    let known = login_from(&relay, None, Some(&device), ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(known.status(), StatusCode::OK);
    // The cookie is for this account only: with another name it is a stranger's attempt.
    let other = login_from(&relay, None, Some(&device), "nobody", "guess").await;
    assert_eq!(other.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_throttled_on_its_own() {
    let relay = relay_behind_proxy().await;
    for _ in 0..3 {
        let status = login_from(&relay, Some("203.0.113.9"), None, "ghost", "guess")
            .await
            .status();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let again = login_from(&relay, Some("203.0.113.9"), None, "ghost", "guess").await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    let other = login_from(&relay, Some("198.51.100.7"), None, "ghost", "guess").await;
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_untrusted_peers_forwarded_for_is_ignored() {
    let relay = relay().await;
    for i in 0..3 {
        let address = format!("203.0.113.{i}");
        let status = login_from(&relay, Some(&address), None, "ghost", "guess")
            .await
            .status();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let other = login_from(&relay, Some("198.51.100.7"), None, "ghost", "guess").await;
    assert_eq!(other.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn parallel_wrong_passwords_are_evaluated_no_more_than_the_free_attempts() {
    let relay = relay().await;
    let url = relay.url("/api/session");
    let attempts = (0..100).map(|i| {
        let url = url.clone();
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .json(&json!({ "username": ADMIN, "password": format!("guess-{i}") }))
                .send()
                .await
                .expect("login")
                .status()
        })
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(|s| s.expect("joined"))
        .collect();
    let evaluated = count(&statuses, StatusCode::UNAUTHORIZED);
    let throttled = count(&statuses, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        evaluated <= 3,
        "{evaluated} of 100 parallel guesses were evaluated"
    );
    assert_eq!(evaluated + throttled, 100, "{statuses:?}");
}

/// The admin with two-factor on; the seed.
async fn enrol_totp(session: &switchboard_tests::relay::Session) -> String {
    let enrolment: Value = session
        .post("/api/session/totp")
        .send()
        .await
        .expect("begin")
        .json()
        .await
        .expect("json");
    let secret = enrolment["secret"].as_str().expect("secret").to_owned();
    let earlier = Clock::System.now().0 - 30_000;
    let code =
        switchboard_relay::auth::totp::code_at(&secret, switchboard_domain::Timestamp(earlier));
    let confirmed = session
        .request(reqwest::Method::PUT, "/api/session/totp")
        .json(&json!({ "code": code }))
        .send()
        .await
        .expect("confirm");
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
    secret
}

#[tokio::test]
async fn parallel_wrong_totp_confirms_are_throttled() {
    let relay = relay().await;
    let admin = relay.login().await;
    let begun = admin.post("/api/session/totp").send().await.expect("begin");
    assert_eq!(begun.status(), StatusCode::OK);
    let admin = &admin;
    let confirms = (0..50).map(|i| async move {
        admin
            .request(reqwest::Method::PUT, "/api/session/totp")
            .json(&json!({ "code": format!("{:06}", i * 7919 % 1_000_000) }))
            .send()
            .await
            .expect("confirm")
            .status()
    });
    let statuses = futures::future::join_all(confirms).await;
    let wrong = count(&statuses, StatusCode::FORBIDDEN);
    let throttled = count(&statuses, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        wrong <= 3,
        "{wrong} of 50 parallel codes were checked: {statuses:?}"
    );
    assert!(throttled >= 47, "{statuses:?}");
    // Turning it off is throttled by the same count.
    let off = admin
        .request(reqwest::Method::DELETE, "/api/session/totp")
        .json(&json!({ "code": "000000" }))
        .send()
        .await
        .expect("disable");
    assert_eq!(off.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_reset_link_needs_the_code_when_two_factor_is_on() {
    let relay = relay().await;
    let admin = relay.login().await;
    let secret = enrol_totp(&admin).await;
    let link: Value = admin
        .post("/api/members/admin/link")
        .send()
        .await
        .expect("link")
        .json()
        .await
        .expect("json");
    let token = link["path"]
        .as_str()
        .expect("path")
        .trim_start_matches("/link/");
    let path = format!("/api/links/{token}");
    let shown: Value = reqwest::get(relay.url(&path))
        .await
        .expect("show")
        .json()
        .await
        .expect("json");
    assert_eq!(shown["totp_enabled"], true);
    let accept = async |body: Value| {
        reqwest::Client::new()
            .post(relay.url(&path))
            .json(&body)
            .send()
            .await
            .expect("accept")
    };
    let new_password = "a brand new passphrase";
    let without = accept(json!({ "password": new_password })).await;
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(code_of(without).await, "reset_code_needed");
    let wrong = accept(json!({ "password": new_password, "code": "000000" })).await;
    assert_eq!(code_of(wrong).await, "wrong_code");
    // Neither spent the link: with the current code it works.
    let code = switchboard_relay::auth::totp::code_at(&secret, Clock::System.now());
    let used = accept(json!({ "password": new_password, "code": code })).await;
    assert_eq!(used.status(), StatusCode::OK);
    let next = login_with(
        &relay,
        json!({ "username": ADMIN, "password": new_password }),
    )
    .await;
    assert_eq!(
        code_of(next).await,
        "code_needed",
        "the new password is set"
    );
}

#[tokio::test]
async fn the_printed_one_time_password_must_be_changed_before_anything_else() {
    let graph = FakeGraph::start().await;
    let (relay, printed) = TestRelay::start_first_time(&graph.base_url()).await;
    let admin = relay.login_as(ADMIN, &printed).await;
    let me: Value = admin.me().await;
    assert_eq!(me["must_change_password"], true);
    let members = admin.get("/api/members").send().await.expect("members");
    assert_eq!(members.status(), StatusCode::FORBIDDEN);
    assert_eq!(code_of(members).await, "password_change_required");
    let same = admin
        .request(reqwest::Method::PUT, "/api/session/password")
        .json(&json!({ "current": printed, "new": printed }))
        .send()
        .await
        .expect("change");
    assert_eq!(code_of(same).await, "same_password");
    let changed = admin
        .request(reqwest::Method::PUT, "/api/session/password")
        .json(&json!({ "current": printed, "new": "the admin's own passphrase" }))
        .send()
        .await
        .expect("change");
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let members = admin.get("/api/members").send().await.expect("members");
    assert_eq!(members.status(), StatusCode::OK);
    let me: Value = admin.me().await;
    assert_eq!(me["must_change_password"], false);
}

#[tokio::test]
async fn session_checks_and_webhooks_do_not_wait_behind_a_login_flood() {
    let relay = relay_behind_proxy().await;
    let admin = relay.login().await;
    let url = relay.url("/api/session");
    let evaluated = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let flood: Vec<_> = (0..100)
        .map(|i| {
            let (url, evaluated) = (url.clone(), std::sync::Arc::clone(&evaluated));
            tokio::spawn(async move {
                let status = reqwest::Client::new()
                    .post(url)
                    .header(
                        "x-forwarded-for",
                        format!("203.0.{}.{}", i / 250, i % 250 + 1),
                    )
                    .json(&json!({ "username": format!("ghost-{i}"), "password": "guess" }))
                    .send()
                    .await
                    .expect("login")
                    .status();
                if status == StatusCode::UNAUTHORIZED {
                    evaluated.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                status
            })
        })
        .collect();
    // The flood is under way once its first password has been checked.
    switchboard_tests::wait_for("the first bad login", async || {
        evaluated.load(std::sync::atomic::Ordering::SeqCst) > 0
    })
    .await;
    let before = evaluated.load(std::sync::atomic::Ordering::SeqCst);
    let me = admin
        .get("/api/session")
        .send()
        .await
        .expect("session check");
    assert_eq!(me.status(), StatusCode::OK);
    relay
        .customer_writes("5215512345678", "wamid.flood", "hola", 0)
        .await;
    let during = evaluated.load(std::sync::atomic::Ordering::SeqCst) - before;
    let statuses = futures::future::join_all(flood).await;
    let total = evaluated.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        during <= 4 && total > before + during,
        "{during} bad logins finished while a session check and a webhook ran ({before} before, {total} in all)"
    );
    // What could not wait was told to come back, never queued without bound.
    for status in statuses {
        let status = status.expect("joined");
        assert!(
            matches!(
                status,
                StatusCode::UNAUTHORIZED | StatusCode::SERVICE_UNAVAILABLE
            ),
            "{status}"
        );
    }
}

/// How many of `statuses` are `status`.
fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}
