//! Headless Chromium driven through ChromeDriver (WebDriver), waiting for elements rather
//! than sleeping.

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

/// How long the helpers wait for an element: long enough for a slow CI machine.
pub const PATIENT: Duration = Duration::from_secs(20);

pub struct Browser {
    pub client: Client,
    driver: Child,
    /// ChromeDriver's port, for the commands WebDriver lacks (Chrome DevTools).
    port: u16,
    _profile: tempfile::TempDir,
}

/// Where ChromeDriver and Chromium are: `CHROMEDRIVER` / `CHROMIUM`, else Debian's paths.
fn paths() -> (String, String) {
    (
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    )
}

impl Browser {
    pub async fn start() -> Self {
        Self::start_in("en-US").await
    }

    /// A browser whose preferred languages (`navigator.languages`, `Accept-Language`) are
    /// `languages`, e.g. `"pt-BR,pt"`.
    pub async fn start_in(languages: &str) -> Self {
        Self::start_with(languages, serde_json::Map::new()).await
    }

    /// A desktop browser, or a 390×844 touch phone where the list and a chat are two screens.
    pub async fn start_at(phone: bool) -> Self {
        match phone {
            true => Self::start_phone(390, 844).await,
            false => Self::start().await,
        }
    }

    /// A phone: ChromeDriver's mobile emulation with a `width`×`height` CSS-pixel viewport,
    /// a touch screen (so no hover) and a phone's device pixel ratio.
    pub async fn start_phone(width: u32, height: u32) -> Self {
        let mut options = serde_json::Map::new();
        options.insert(
            "mobileEmulation".into(),
            serde_json::json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 3.0, "touch": true },
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36",
            }),
        );
        Self::start_with("en-US", options).await
    }

    /// `chrome_options` are added to `goog:chromeOptions`.
    async fn start_with(
        languages: &str,
        chrome_options: serde_json::Map<String, serde_json::Value>,
    ) -> Self {
        let (driver_path, chromium) = paths();
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {driver_path}: {e} (run `cargo xtask test`, which installs it)"
                )
            });
        let profile = tempfile::tempdir().expect("profile dir");
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        let mut options = chrome_options;
        options.insert("binary".into(), chromium.into());
        options.insert("args".into(), serde_json::json!(args));
        options.insert(
            "prefs".into(),
            serde_json::json!({ "intl.accept_languages": languages }),
        );
        caps.insert("goog:chromeOptions".into(), options.into());
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match builder.connect(&url).await {
                Ok(client) => {
                    return Self {
                        client,
                        driver,
                        port,
                        _profile: profile,
                    };
                }
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("ChromeDriver did not start: {last_error}");
    }

    /// Waits up to `timeout` for an element matching `css`.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        self.client
            .wait()
            .at_most(timeout)
            .every(Duration::from_millis(50))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {timeout:?}: {e}"))
    }

    /// Waits until `script` (a JS expression body that returns a boolean) is true.
    pub async fn wait_until(&self, what: &str, script: &str, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let value = self
                .client
                .execute(script, vec![])
                .await
                .unwrap_or(serde_json::Value::Null);
            if value == serde_json::Value::Bool(true) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {what}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for `css` and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait_for(css, PATIENT)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Waits for `css` and clicks it (a tap, on a phone).
    pub async fn click(&self, css: &str) {
        self.wait_for(css, PATIENT)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// The text of the first element matching `css`, once there is one.
    pub async fn text_of(&self, css: &str) -> String {
        self.wait_for(css, PATIENT)
            .await
            .text()
            .await
            .unwrap_or_default()
    }

    /// Runs `js` (a function body; `return` gives the value) in the page.
    pub async fn script(&self, js: &str) -> serde_json::Value {
        self.client
            .execute(js, vec![])
            .await
            .unwrap_or_else(|e| panic!("{js}: {e}"))
    }

    /// Fills in the sign-in form on the page shown and waits until the app is online.
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.type_into("input[name=username]", username).await;
        self.type_into("input[name=password]", password).await;
        self.click("button[type=submit]").await;
        self.wait_for("[data-testid=connection][data-state=online]", PATIENT)
            .await;
    }

    /// Opens `url` and signs in there.
    pub async fn log_in(&self, url: &str, username: &str, password: &str) {
        self.client.goto(url).await.expect("open the app");
        self.sign_in(username, password).await;
    }

    /// Runs a Chrome DevTools Protocol command (`Network.emulateNetworkConditions`, …)
    /// through ChromeDriver and returns its result.
    pub async fn cdp(&self, command: &str, params: serde_json::Value) -> serde_json::Value {
        let session = self
            .client
            .session_id()
            .await
            .expect("session id")
            .expect("a WebDriver session");
        let url = format!(
            "http://127.0.0.1:{}/session/{session}/goog/cdp/execute",
            self.port
        );
        let response = reqwest::Client::new()
            .post(url)
            .json(&serde_json::json!({ "cmd": command, "params": params }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{command}: {e}"));
        let status = response.status();
        let body: serde_json::Value = response.json().await.expect("ChromeDriver answers JSON");
        assert!(status.is_success(), "{command} failed: {body}");
        body["value"].clone()
    }

    /// The number of elements matching `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map_or(0, |v| v.len())
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
