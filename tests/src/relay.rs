//! The real relay on a loopback port, stoppable and restartable on the same address and data.

use crate::{ACCESS_TOKEN, ADMIN, ADMIN_PASSWORD, APP_SECRET, LINE, PHONE_NUMBER_ID, VERIFY_TOKEN};
use std::{net::SocketAddr, path::PathBuf};
use switchboard_domain::LineId;
use switchboard_relay::config::{AdminConfig, Config, LineConfig, Provider};
use tokio::{sync::oneshot, task::JoinHandle};

pub struct TestRelay {
    pub addr: SocketAddr,
    config: Config,
    running: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
    _data: tempfile::TempDir,
}

/// The configuration of a test relay whose Meta line talks to `graph_api_base`.
pub fn config(data: PathBuf, graph_api_base: &str) -> Config {
    Config {
        data,
        admin: AdminConfig {
            username: ADMIN.into(),
            password: Some(ADMIN_PASSWORD.into()),
        },
        lines: vec![
            LineConfig::sandbox(),
            LineConfig {
                id: LineId::new(LINE),
                name: "Ventas".into(),
                provider: Provider::Meta,
                phone_number_id: PHONE_NUMBER_ID.into(),
                display_phone_number: "+1 555 078 3881".into(),
                waba_id: "102290129340398".into(),
                access_token: ACCESS_TOKEN.into(),
                app_secret: APP_SECRET.into(),
                verify_token: VERIFY_TOKEN.into(),
                graph_api_base: graph_api_base.into(),
                graph_api_version: "v25.0".into(),
                throughput: 80,
            },
        ],
        // The system's time, which a test may move on to a boundary (a session's expiry)
        // instead of sleeping until it; the login tests stop it (`tests/login.rs`).
        clock: switchboard_relay::clock::Clock::shifted(),
        ..Config::default()
    }
}

impl TestRelay {
    pub async fn start(graph_api_base: &str) -> Self {
        Self::start_with(graph_api_base, |_| {}).await
    }

    /// Starts a relay as on a first start with no password configured: the admin gets a
    /// generated one-time password, returned as the relay prints it.
    pub async fn start_first_time(graph_api_base: &str) -> (Self, String) {
        let mut printed = None;
        let relay = Self::start_with(graph_api_base, |config| {
            config.admin.password = None;
            let accounts = switchboard_relay::auth::Accounts::open(
                &config.data.join("switchboard.sqlite"),
                config.sessions,
            )
            .expect("open");
            let created = accounts
                .bootstrap(ADMIN, None, switchboard_relay::clock::Clock::System.now())
                .expect("bootstrap");
            let switchboard_relay::auth::Bootstrap::CreatedWithPassword(password) = created else {
                panic!("expected a generated password");
            };
            printed = Some(password);
        })
        .await;
        (relay, printed.expect("a printed password"))
    }

    /// Starts a relay whose configuration `adjust` may change first.
    pub async fn start_with(graph_api_base: &str, adjust: impl FnOnce(&mut Config)) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let mut config = config(data.path().to_path_buf(), graph_api_base);
        adjust(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut relay = Self {
            addr,
            config,
            running: None,
            _data: data,
        };
        relay.serve(listener);
        relay
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let (stop, stopped) = oneshot::channel::<()>();
        let config = self.config.clone();
        let task = tokio::spawn(async move {
            let shutdown = async move {
                let _ = stopped.await;
            };
            if let Err(error) = switchboard_relay::launch(config, listener, shutdown).await {
                panic!("relay failed: {error}");
            }
        });
        self.running = Some((stop, task));
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The relay's clock, to move it on to a boundary instead of sleeping until it.
    pub fn clock(&self) -> &switchboard_relay::clock::Clock {
        &self.config.clock
    }

    /// Stops the relay: the port closes and every WebSocket feed ends.
    pub async fn stop(&mut self) {
        if let Some((stop, task)) = self.running.take() {
            let _ = stop.send(());
            let _ = task.await;
        }
    }

    /// Starts the relay again on the same address with the same data.
    pub async fn restart(&mut self) {
        self.stop().await;
        let listener = tokio::net::TcpListener::bind(self.addr)
            .await
            .expect("rebind the same port");
        self.serve(listener);
    }

    /// An HTTP client logged in as the admin (the session cookie set by hand).
    pub async fn login(&self) -> Session {
        self.login_as(ADMIN, ADMIN_PASSWORD).await
    }

    /// An HTTP client logged in as `username`.
    pub async fn login_as(&self, username: &str, password: &str) -> Session {
        Session::log_in(&self.url(""), username, password).await
    }

    /// The customer `from` (named Ana) writes `text` to the Meta line, `seconds_ago`.
    pub async fn customer_writes(&self, from: &str, wamid: &str, text: &str, seconds_ago: i64) {
        let at = crate::webhook::unix_now() - seconds_ago;
        let body = crate::webhook::text(PHONE_NUMBER_ID, from, "Ana", wamid, text, at);
        assert_eq!(
            self.post_webhook(&body).await.status(),
            200,
            "webhook refused"
        );
    }

    /// POSTs a webhook body signed with the test app secret.
    pub async fn post_webhook(&self, body: &str) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.url("/webhooks/whatsapp"))
            .header("content-type", "application/json")
            .header(
                "x-hub-signature-256",
                crate::webhook::sign(APP_SECRET, body.as_bytes()),
            )
            .body(body.to_owned())
            .send()
            .await
            .expect("webhook request")
    }
}

impl Drop for TestRelay {
    fn drop(&mut self) {
        if let Some((stop, _)) = self.running.take() {
            let _ = stop.send(());
        }
    }
}

/// A logged-in HTTP client.
pub struct Session {
    pub http: reqwest::Client,
    pub cookie: String,
    base: String,
}

impl Session {
    /// Logs in as `username` at the relay serving `base` (`http://host:port`).
    pub async fn log_in(base: &str, username: &str, password: &str) -> Self {
        let http = reqwest::Client::new();
        let response = http
            .post(format!("{base}/api/session"))
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .expect("login request");
        assert_eq!(response.status(), 200, "login as {username} failed");
        let cookie = response
            .headers()
            .get(reqwest::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_owned();
        Self {
            http,
            cookie,
            base: base.to_owned(),
        }
    }

    /// `GET /api/session`: who the relay says this session is.
    pub async fn me(&self) -> serde_json::Value {
        self.get("/api/session")
            .send()
            .await
            .expect("me")
            .json()
            .await
            .expect("json")
    }

    /// Every event of the log this member may see, page after page.
    pub async fn all_events(&self) -> Vec<serde_json::Value> {
        let mut all = Vec::new();
        let mut since = 0u64;
        loop {
            let page: serde_json::Value = self
                .get(&format!("/api/events?since={since}&limit=10000"))
                .send()
                .await
                .expect("events")
                .json()
                .await
                .expect("json");
            let events = page["events"].as_array().cloned().unwrap_or_default();
            let last = page["last"].as_u64().unwrap_or(since);
            all.extend(events);
            if last == since {
                return all;
            }
            since = last;
        }
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .get(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, &self.cookie)
    }
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, &self.cookie)
    }
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, &self.cookie)
    }

    /// As the admin: adds a member with a password (see [`member_password`]).
    pub async fn add_member(&self, username: &str, role: &str) {
        let response = self
            .post("/api/members")
            .json(&serde_json::json!({
                "username": username,
                "name": username.to_uppercase(),
                "role": role,
                "password": member_password(username),
            }))
            .send()
            .await
            .expect("add member");
        assert_eq!(response.status(), 201, "{:?}", response.text().await);
    }

    /// As the admin: sends `body` to `path` with `method` and expects a 2xx answer.
    pub async fn admin(&self, method: reqwest::Method, path: &str, body: serde_json::Value) {
        let response = self
            .request(method.clone(), path)
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = response.status();
        assert!(
            status.is_success(),
            "{method} {path}: {status} {:?}",
            response.text().await
        );
    }

    /// Every event in the feed.
    pub async fn events(&self) -> Vec<serde_json::Value> {
        let body: serde_json::Value = self
            .get("/api/events?since=0")
            .send()
            .await
            .expect("events")
            .json()
            .await
            .expect("json");
        body["events"].as_array().cloned().unwrap_or_default()
    }

    /// The events of the feed except what the relay writes by itself at start: template
    /// syncs and the member directory.
    pub async fn events_from_webhooks_and_agents(&self) -> Vec<serde_json::Value> {
        let mut events = self.events().await;
        events.retain(|e| {
            !matches!(
                e["event"]["type"].as_str(),
                Some("templates_synced" | "agent_saved")
            )
        });
        events
    }

    /// Waits (up to 5 s) until the feed holds an event of type `kind`; returns the first.
    pub async fn wait_for_event(&self, kind: &str) -> serde_json::Value {
        self.wait_for_kind(kind, |n| n > 0).await.swap_remove(0)
    }

    /// Waits (up to 5 s) until the feed holds exactly `count` events of type `kind`.
    pub async fn wait_for_events(&self, kind: &str, count: usize) -> Vec<serde_json::Value> {
        self.wait_for_kind(kind, |n| n == count).await
    }

    async fn wait_for_kind(
        &self,
        kind: &str,
        enough: impl Fn(usize) -> bool,
    ) -> Vec<serde_json::Value> {
        for _ in 0..200 {
            let mut events = self.events().await;
            events.retain(|e| e["event"]["type"] == kind);
            if enough(events.len()) {
                return events;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("timed out waiting for {kind} events");
    }

    /// Sends a text command; returns the HTTP status and body.
    pub async fn send_text(&self, id: &str, chat: &str, body: &str) -> (u16, serde_json::Value) {
        let command = serde_json::json!({ "type": "send_text", "chat": chat, "body": body });
        self.command(id, command).await
    }

    /// Runs a command; the status and the answer's JSON.
    pub async fn command(&self, id: &str, command: serde_json::Value) -> (u16, serde_json::Value) {
        let response = self
            .post("/api/commands")
            .json(&serde_json::json!({ "id": id, "command": command }))
            .send()
            .await
            .expect("command");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or_default())
    }
}

/// The password [`Session::add_member`] gives a member.
pub fn member_password(username: &str) -> String {
    format!("{username}-long-password")
}
