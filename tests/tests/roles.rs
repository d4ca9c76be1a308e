//! Roles, teams and members: every route refuses what its access does not allow, a member
//! restricted to a team never receives another team's chats, and changes to members take
//! effect at once.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::time::Duration;
use switchboard_relay::{auth::Access, routes::routes};
use switchboard_tests::{
    LINE,
    feed::Feed,
    graph::FakeGraph,
    relay::{Session, TestRelay, member_password},
};

async fn relay() -> TestRelay {
    let graph = FakeGraph::start().await;
    TestRelay::start(&graph.base_url()).await
}

/// A concrete path for a route pattern.
fn concrete(path: &str) -> String {
    path.replace("{line}", "sandbox")
        .replace("{token}", "0123456789abcdef")
        .replace("{media_id}", "1234567890")
        .replace("{agent}", "someone")
        .replace("{team}", "some-team")
}

async fn status(
    method: &Method,
    path: &str,
    cookie: Option<&str>,
    relay: &TestRelay,
) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new()
        .request(method.clone(), relay.url(path))
        .json(&json!({}));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or_default())
}

/// A session's default idle time, in milliseconds.
fn brief_idle_ms() -> i64 {
    i64::try_from(
        switchboard_relay::config::Config::default()
            .sessions
            .idle_seconds,
    )
    .expect("small")
        * 1000
}

#[tokio::test]
async fn every_route_refuses_a_request_without_what_its_access_requires() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    // On a second relay the clock is moved past a session's idle time, so a session can be
    // seen expiring (on its own relay, so the sessions the walk needs stay live).
    let brief = TestRelay::start(&graph.base_url()).await;
    let expired = brief.login().await.cookie;
    let idle = brief_idle_ms();
    brief.clock().advance(idle + 1);
    let admin = relay.login().await;
    admin.add_member("sue", "supervisor").await;
    admin.add_member("ana", "agent").await;
    let sue = relay.login_as("sue", &member_password("sue")).await.cookie;
    let ana = relay.login_as("ana", &member_password("ana")).await.cookie;

    let table = routes();
    let public: Vec<String> = table
        .iter()
        .filter(|r| r.access == Access::Public)
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        public,
        [
            "GET /healthz",
            "GET /webhooks/whatsapp",
            "POST /webhooks/whatsapp",
            "POST /api/session",
        ],
        "only health, the webhook and login are open to anyone"
    );
    let mut checked = 0;
    for route in &table {
        let path = concrete(route.path);
        let method = &route.method;
        let too_small: &[&str] = match route.access {
            Access::Public => continue,
            Access::Link => {
                // The token in the path is the credential: an unknown one gets nothing.
                let (code, body) = status(method, &path, None, &relay).await;
                assert_eq!(code, StatusCode::NOT_FOUND, "{method} {path}");
                assert_eq!(body["code"], "link_invalid", "{method} {path}");
                checked += 1;
                continue;
            }
            Access::Session | Access::Role(switchboard_domain::Role::Agent) => &[],
            Access::Role(switchboard_domain::Role::Supervisor) => &[ana.as_str()],
            Access::Role(switchboard_domain::Role::Admin) => &[ana.as_str(), sue.as_str()],
        };
        for (cookie, what, relay) in [
            (None, "no session", &relay),
            (Some(expired.as_str()), "an expired session", &brief),
        ] {
            let (code, body) = status(method, &path, cookie, relay).await;
            assert_eq!(
                code,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {what}"
            );
            assert_eq!(
                body["code"], "unauthenticated",
                "{method} {path} with {what}"
            );
        }
        for cookie in too_small {
            let (code, body) = status(method, &path, Some(cookie), &relay).await;
            assert_eq!(
                code,
                StatusCode::FORBIDDEN,
                "{method} {path} with a too-small role"
            );
            assert_eq!(body["code"], "forbidden", "{method} {path}");
        }
        checked += 1;
    }
    assert_eq!(
        checked,
        table.len() - public.len(),
        "every other route was walked"
    );
}

/// The chats on the Meta line of the events a member received.
fn chats(records: &[Value]) -> Vec<String> {
    let mut chats: Vec<String> = records
        .iter()
        .filter(|r| r["event"]["type"] == "message_received")
        .map(|r| {
            format!(
                "{}:{}",
                r["event"]["line"].as_str().unwrap_or_default(),
                r["event"]["contact"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    chats.retain(|chat| seen.insert(chat.clone()));
    chats
}

async fn assign(admin: &Session, id: &str, chat: &str, team: Option<&str>, agent: Option<&str>) {
    let response = admin
        .post("/api/commands")
        .json(&json!({ "id": id, "command": { "type": "assign", "chat": chat, "team": team, "agent": agent } }))
        .send()
        .await
        .expect("assign");
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
}

#[tokio::test]
async fn an_agent_restricted_to_a_team_never_receives_another_teams_chats() {
    let relay = relay().await;
    let admin = relay.login().await;
    admin.add_member("ana", "agent").await;
    admin.add_member("bruno", "agent").await;
    admin
        .admin(
            Method::PUT,
            "/api/teams/sales",
            json!({ "name": "Sales", "members": ["ana"] }),
        )
        .await;
    admin
        .admin(
            Method::PUT,
            "/api/teams/support",
            json!({ "name": "Support", "members": ["bruno"] }),
        )
        .await;
    relay
        .customer_writes("5511000000001", "wamid.s1", "Quiero comprar", 60)
        .await;
    relay
        .customer_writes("5511000000002", "wamid.p1", "Mi pedido no llegó", 60)
        .await;
    let sales_chat = format!("{LINE}:5511000000001");
    let support_chat = format!("{LINE}:5511000000002");
    admin.wait_for_events("message_received", 2).await;
    assign(&admin, "a1", &sales_chat, Some("sales"), None).await;
    assign(&admin, "a2", &support_chat, Some("support"), None).await;
    admin
        .admin(
            Method::PUT,
            "/api/settings",
            json!({ "restrict_to_teams": true, "require_totp": false }),
        )
        .await;

    let ana = relay.login_as("ana", &member_password("ana")).await;
    let mut feed = Feed::connect(relay.addr, &ana.cookie, 0).await;
    let backlog = feed.backlog().await;
    assert_eq!(chats(&backlog), std::slice::from_ref(&sales_chat));
    assert!(
        backlog
            .iter()
            .all(|r| r.to_string().find("5511000000002").is_none()),
        "nothing of the support chat, not even its assignment"
    );
    // Live: the support customer writes again, then the sales customer.
    relay
        .customer_writes("5511000000002", "wamid.p2", "¿Hola?", 0)
        .await;
    relay
        .customer_writes("5511000000001", "wamid.s2", "¿Tienen talla M?", 0)
        .await;
    let frame = feed
        .next(Duration::from_secs(5))
        .await
        .expect("a live frame");
    assert_eq!(
        frame["record"]["event"]["wamid"], "wamid.s2",
        "the support message was skipped"
    );
    // The JSON feed and the commands agree.
    let events: Value = ana
        .get("/api/events?since=0")
        .send()
        .await
        .expect("events")
        .json()
        .await
        .expect("json");
    let events = events["events"].as_array().cloned().unwrap_or_default();
    assert_eq!(chats(&events), std::slice::from_ref(&sales_chat));
    let refused = ana.send_text("x1", &support_chat, "Hola").await;
    assert_eq!(
        (refused.0, refused.1["code"].as_str()),
        (422, Some("chat_not_visible"))
    );
    assert_eq!(ana.send_text("x2", &sales_chat, "¡Claro!").await.0, 200);

    // Handing the support chat to ana changes what she sees: her feed says reset, and a new
    // sync from 0 brings the chat's whole history.
    assign(&admin, "a3", &support_chat, None, Some("ana")).await;
    let mut reset = None;
    while let Some(frame) = feed.next(Duration::from_secs(5)).await {
        if frame["type"] == "reset" {
            reset = Some(frame);
            break;
        }
    }
    assert!(
        reset.is_some(),
        "the feed asked the app to rebuild its replica"
    );
    let mut feed = Feed::connect(relay.addr, &ana.cookie, 0).await;
    let backlog = feed.backlog().await;
    assert_eq!(chats(&backlog), [sales_chat, support_chat]);
}

#[tokio::test]
async fn deactivating_a_member_ends_their_sessions_and_feed_at_once() {
    let relay = relay().await;
    let admin = relay.login().await;
    admin.add_member("ana", "agent").await;
    let ana = relay.login_as("ana", &member_password("ana")).await;
    let mut feed = Feed::connect(relay.addr, &ana.cookie, 0).await;
    feed.backlog().await;
    admin
        .admin(
            Method::PATCH,
            "/api/members/ana",
            json!({ "active": false }),
        )
        .await;
    let mut last = None;
    while let Some(frame) = feed.next(Duration::from_secs(5)).await {
        last = Some(frame);
    }
    assert_eq!(last.expect("a last frame")["type"], "ended");
    assert_eq!(
        ana.get("/api/session")
            .send()
            .await
            .expect("session")
            .status(),
        401
    );
    let login = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .json(&json!({ "username": "ana", "password": member_password("ana") }))
        .send()
        .await
        .expect("login");
    assert_eq!(login.status(), 401, "a deactivated member cannot log in");
    // The last admin cannot lock everyone out.
    let response = admin
        .request(Method::PATCH, "/api/members/admin")
        .json(&json!({ "active": false }))
        .send()
        .await
        .expect("patch");
    assert_eq!(response.status(), 409);
    // Reactivated, the member logs in again.
    admin
        .admin(Method::PATCH, "/api/members/ana", json!({ "active": true }))
        .await;
    relay.login_as("ana", &member_password("ana")).await;
}

#[tokio::test]
async fn an_invite_link_sets_the_password_once_and_a_reset_link_replaces_it() {
    let relay = relay().await;
    let admin = relay.login().await;
    let created: Value = admin
        .post("/api/members")
        .json(&json!({ "username": "carla", "name": "Carla Souza", "role": "agent" }))
        .send()
        .await
        .expect("invite")
        .json()
        .await
        .expect("json");
    assert_eq!(created["link"]["kind"], "invite");
    let path = created["link"]["path"].as_str().expect("a link").to_owned();
    let api = format!("/api/links/{}", path.trim_start_matches("/link/"));
    let info: Value = reqwest::get(relay.url(&api))
        .await
        .expect("link")
        .json()
        .await
        .expect("json");
    assert_eq!(
        (info["username"].as_str(), info["name"].as_str()),
        (Some("carla"), Some("Carla Souza"))
    );
    let accept = |password: &'static str| {
        reqwest::Client::new()
            .post(relay.url(&api))
            .json(&json!({ "password": password }))
            .send()
    };
    let weak = accept("short").await.expect("accept");
    assert_eq!(weak.status(), 400);
    assert_eq!(
        weak.json::<Value>().await.expect("json")["code"],
        "weak_password"
    );
    let accepted = accept("carla's first password").await.expect("accept");
    assert_eq!(accepted.status(), 200);
    assert!(
        accepted.headers().get("set-cookie").is_some(),
        "accepting logs the member in"
    );
    let again = accept("another password here").await.expect("accept");
    assert_eq!(again.status(), 404, "a link works once");
    let carla = relay.login_as("carla", "carla's first password").await;

    // Changing the password needs the current one and ends the other sessions.
    let other = relay.login_as("carla", "carla's first password").await;
    let change = |current: &str| {
        carla
            .request(Method::PUT, "/api/session/password")
            .json(&json!({ "current": current, "new": "carla's second password" }))
            .send()
    };
    assert_eq!(change("wrong").await.expect("change").status(), 403);
    assert_eq!(
        change("carla's first password")
            .await
            .expect("change")
            .status(),
        204
    );
    assert_eq!(
        other.get("/api/session").send().await.expect("s").status(),
        401
    );
    assert_eq!(
        carla.get("/api/session").send().await.expect("s").status(),
        200
    );

    // A reset link from the admin replaces a forgotten password.
    let link: Value = admin
        .post("/api/members/carla/link")
        .send()
        .await
        .expect("link")
        .json()
        .await
        .expect("json");
    assert_eq!(link["kind"], "reset");
    let api = format!(
        "/api/links/{}",
        link["path"]
            .as_str()
            .expect("path")
            .trim_start_matches("/link/")
    );
    let reset = reqwest::Client::new()
        .post(relay.url(&api))
        .json(&json!({ "password": "carla's third password" }))
        .send()
        .await
        .expect("reset");
    assert_eq!(reset.status(), 200);
    assert_eq!(
        carla.get("/api/session").send().await.expect("s").status(),
        401,
        "a reset ends old sessions"
    );
    relay.login_as("carla", "carla's third password").await;
}

fn code_now(secret: &str, offset_steps: i64) -> String {
    let now = switchboard_relay::clock::Clock::System.now();
    switchboard_relay::auth::totp::code_at(
        secret,
        switchboard_domain::Timestamp(now.0 + offset_steps * 30_000),
    )
}

#[tokio::test]
async fn two_factor_is_enrolled_by_qr_code_and_can_be_required_for_everyone() {
    let relay = relay().await;
    let admin = relay.login().await;
    admin.add_member("ana", "agent").await;
    admin
        .admin(
            Method::PUT,
            "/api/settings",
            json!({ "restrict_to_teams": false, "require_totp": true }),
        )
        .await;
    // The admin has no second factor yet either: only the account routes work.
    let refused = admin.get("/api/events").send().await.expect("events");
    assert_eq!(refused.status(), 403);
    assert_eq!(
        refused.json::<Value>().await.expect("json")["code"],
        "totp_enrolment_required"
    );
    let me: Value = admin.me().await;
    assert_eq!(me["must_enrol_totp"], true);

    let ana = relay.login_as("ana", &member_password("ana")).await;
    let enrolment: Value = ana
        .post("/api/session/totp")
        .send()
        .await
        .expect("begin")
        .json()
        .await
        .expect("json");
    assert!(
        enrolment["qr_svg"]
            .as_str()
            .is_some_and(|svg| svg.contains("<svg"))
    );
    let secret = enrolment["secret"].as_str().expect("secret").to_owned();
    let confirm = |code: String| {
        ana.request(Method::PUT, "/api/session/totp")
            .json(&json!({ "code": code }))
            .send()
    };
    assert_eq!(
        confirm("000000".into()).await.expect("confirm").status(),
        403
    );
    assert_eq!(
        confirm(code_now(&secret, 0))
            .await
            .expect("confirm")
            .status(),
        204
    );
    assert_eq!(
        ana.get("/api/events")
            .send()
            .await
            .expect("events")
            .status(),
        200
    );
    // Turning it off is refused while the admin requires it.
    let off = ana
        .request(Method::DELETE, "/api/session/totp")
        .json(&json!({ "code": code_now(&secret, 1) }))
        .send()
        .await
        .expect("off");
    assert_eq!(off.status(), 409);

    // Logging in now takes the code, and a wrong code counts as a failed attempt.
    let login = |code: Option<String>| {
        reqwest::Client::new()
            .post(relay.url("/api/session"))
            .json(&json!({ "username": "ana", "password": member_password("ana"), "code": code }))
            .send()
    };
    let without = login(None).await.expect("login");
    assert_eq!(without.status(), 401);
    assert_eq!(
        without.json::<Value>().await.expect("json")["code"],
        "code_needed"
    );
    let wrong = login(Some("123456".into())).await.expect("login");
    assert_eq!(
        wrong.json::<Value>().await.expect("json")["code"],
        "invalid_credentials"
    );
    assert_eq!(
        login(Some(code_now(&secret, 1)))
            .await
            .expect("login")
            .status(),
        200
    );

    // The admin enrols too; then the admin routes work again. The seed never comes back:
    // not in the session, not in the admin's list.
    let own: Value = admin
        .post("/api/session/totp")
        .send()
        .await
        .expect("begin")
        .json()
        .await
        .expect("json");
    let own = own["secret"].as_str().expect("secret").to_owned();
    let confirmed = admin
        .request(Method::PUT, "/api/session/totp")
        .json(&json!({ "code": code_now(&own, 0) }))
        .send()
        .await
        .expect("confirm");
    assert_eq!(confirmed.status(), 204);
    let members = admin
        .get("/api/members")
        .send()
        .await
        .expect("members")
        .text()
        .await
        .expect("text");
    let session = ana
        .get("/api/session")
        .send()
        .await
        .expect("me")
        .text()
        .await
        .expect("text");
    assert!(!members.contains(&secret) && !session.contains(&secret));
    assert!(members.contains("\"totp_enabled\":true"));
}

#[tokio::test]
async fn the_audit_log_records_logins_and_changes_for_admins_only() {
    let relay = relay().await;
    let admin = relay.login().await;
    admin.add_member("ana", "agent").await;
    let failed = reqwest::Client::new()
        .post(relay.url("/api/session"))
        .json(&json!({ "username": "ana", "password": "not it" }))
        .send()
        .await
        .expect("login");
    assert_eq!(failed.status(), 401);
    let ana = relay.login_as("ana", &member_password("ana")).await;
    admin
        .admin(
            Method::PATCH,
            "/api/members/ana",
            json!({ "role": "supervisor" }),
        )
        .await;
    admin
        .admin(
            Method::PUT,
            "/api/teams/sales",
            json!({ "name": "Sales", "members": ["ana"] }),
        )
        .await;
    admin
        .admin(
            Method::PUT,
            "/api/lines/ventas/team",
            json!({ "team": "sales" }),
        )
        .await;

    let admin = &admin;
    let entries = async |query: &str| {
        let response = admin
            .get(&format!("/api/audit{query}"))
            .send()
            .await
            .expect("audit");
        assert_eq!(response.status(), 200);
        response.json::<Vec<Value>>().await.expect("json")
    };
    let actions: Vec<String> = entries("")
        .await
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default().to_owned())
        .collect();
    for expected in [
        "login_failed",
        "login_succeeded",
        "member_created",
        "member_changed",
        "team_saved",
        "line_changed",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} missing from {actions:?}"
        );
    }
    let failures = entries("?action=login_failed").await;
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["actor"], "ana");
    assert_eq!(failures[0]["address"], "127.0.0.1");
    let role_change = entries("?action=member_changed&target=ana").await;
    assert_eq!(role_change[0]["actor"], "admin");
    assert_eq!(role_change[0]["detail"]["role"], "supervisor");
    // A supervisor (ana now) may not read it.
    assert_eq!(
        ana.get("/api/audit").send().await.expect("audit").status(),
        403
    );
}

/// Admin changes take the one write path: a command decided by the domain, carried out once
/// per id (an `Idempotency-Key`, or the app's command envelope), its audit entry committed
/// with its events, and nothing written at all when it is refused.
#[tokio::test]
async fn a_workspace_change_is_a_command_carried_out_once_with_its_audit_entry() {
    let relay = relay().await;
    let admin = relay.login().await;
    admin.add_member("ana", "agent").await;
    let ana = relay.login_as("ana", &member_password("ana")).await;
    let audit = async |action: &str| {
        admin
            .get(&format!("/api/audit?action={action}"))
            .send()
            .await
            .expect("audit")
            .json::<Vec<Value>>()
            .await
            .expect("json")
    };

    // The same key twice is one change and one entry.
    for _ in 0..2 {
        let response = admin
            .request(Method::PUT, "/api/teams/sales")
            .header("Idempotency-Key", "team-once")
            .json(&json!({ "name": "Sales", "members": ["ana"] }))
            .send()
            .await
            .expect("save team");
        assert_eq!(response.status(), 204);
    }
    admin.wait_for_events("team_saved", 1).await;
    let saved = audit("team_saved").await;
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0]["actor"], "admin");
    assert_eq!(saved[0]["target"], "sales");
    assert_eq!(saved[0]["detail"]["members"], json!(["ana"]));

    // A refusal says why and leaves neither an event nor an entry.
    let refused = admin
        .request(Method::PUT, "/api/teams/sales")
        .json(&json!({ "name": "Sales", "members": ["ghost"] }))
        .send()
        .await
        .expect("refused");
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["code"], "unknown_agent", "{body}");
    let refused = admin
        .request(Method::PUT, "/api/teams/Not%20A%20Slug")
        .json(&json!({ "name": "Sales" }))
        .send()
        .await
        .expect("refused");
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.json::<Value>().await.expect("json")["code"],
        "bad_team_id"
    );
    assert_eq!(audit("team_saved").await.len(), 1);

    // The app's envelope reaches the same commands: once per id, and the domain checks the
    // role, since /api/commands is open to every member.
    let reply = json!({ "type": "save_quick_reply", "shortcut": "hola", "body": "Hola!" });
    assert_eq!(admin.command("qr-1", reply.clone()).await.0, 200);
    assert_eq!(admin.command("qr-1", reply.clone()).await.0, 200);
    admin.wait_for_events("quick_reply_saved", 1).await;
    assert_eq!(audit("quick_reply_saved").await.len(), 1);
    let (status, body) = ana.command("qr-2", reply).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "forbidden");
    let (status, body) = admin
        .command(
            "line-1",
            json!({ "type": "set_line_team", "line": "nowhere", "team": "sales" }),
        )
        .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "unknown_line");

    // Unchanged settings are no change: no event, no entry.
    for _ in 0..2 {
        admin
            .admin(
                Method::PUT,
                "/api/settings",
                json!({ "restrict_to_teams": true, "require_totp": false }),
            )
            .await;
    }
    admin.wait_for_events("access_settings_changed", 1).await;
    assert_eq!(audit("settings_changed").await.len(), 1);
}

/// A session ends exactly when it has been unused for the idle time, and exactly at its
/// absolute age however much it is used: the clock stands still and is moved to each
/// boundary, so nothing here depends on how fast the machine is.
#[tokio::test]
async fn a_session_ends_at_the_exact_moment_its_idle_or_absolute_time_runs_out() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        config.clock =
            switchboard_relay::clock::Clock::manual(switchboard_relay::clock::Clock::System.now());
        config.sessions.idle_seconds = 60;
        config.sessions.absolute_seconds = 150;
    })
    .await;
    let status = async |session: &Session| {
        session
            .get("/api/session")
            .send()
            .await
            .expect("me")
            .status()
    };
    let session = relay.login().await;
    // Used at exactly 60 s idle it is still live, and that use starts the idle time again.
    relay.clock().advance(60_000);
    assert_eq!(status(&session).await, 200);
    relay.clock().advance(60_001);
    assert_eq!(status(&session).await, 401, "idle one millisecond too long");

    // Used every minute, it still ends at 150 s after sign-in.
    let session = relay.login().await;
    relay.clock().advance(60_000);
    assert_eq!(status(&session).await, 200);
    relay.clock().advance(60_000);
    assert_eq!(status(&session).await, 200);
    relay.clock().advance(30_000);
    assert_eq!(status(&session).await, 200, "at exactly its absolute age");
    relay.clock().advance(1);
    assert_eq!(status(&session).await, 401, "one millisecond past it");
}
