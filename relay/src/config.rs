//! Configuration: a TOML file (`--config FILE` or `SWITCHBOARD_CONFIG`) overridden by
//! environment variables. Secrets live here and nowhere else.

use serde::Deserialize;
use std::{net::SocketAddr, path::PathBuf};
use switchboard_domain::LineId;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA: &str = "./data";
pub const DEFAULT_GRAPH_API_BASE: &str = "https://graph.facebook.com";
pub const DEFAULT_GRAPH_API_VERSION: &str = "v25.0";
pub const SANDBOX_LINE: &str = "sandbox";

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    #[serde(default = "default_data")]
    pub data: PathBuf,
    #[serde(default)]
    pub admin: AdminConfig,
    /// Adds the built-in Sandbox line (no Meta account needed).
    #[serde(default = "yes")]
    pub sandbox: bool,
    /// Mark the session cookie `Secure` (set when served over TLS).
    #[serde(default)]
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for login throttling and
    /// the audit log; from anyone else the header is ignored); their connections are not
    /// capped per address.
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    #[serde(default)]
    pub sessions: SessionsConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    #[serde(default)]
    pub lines: Vec<LineConfig>,
    #[serde(default)]
    pub media: MediaConfig,
    #[serde(default)]
    pub sending: SendingConfig,
    /// The clock of the parts that hold one (the login throttle); a test sets a manual one.
    #[serde(skip)]
    pub clock: crate::clock::Clock,
    /// Tests only: each background job waits this long before each run, to show that a job
    /// that falls behind catches up.
    #[serde(skip)]
    pub job_pace: std::time::Duration,
}

/// How long customers' files stay on the relay's disk and how much room they may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaConfig {
    /// A file is removed this many days after it was fetched (default 365).
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
    /// The oldest files are removed once all together pass this many MiB (default 20 480).
    #[serde(default = "default_quota_mb")]
    pub quota_mb: u64,
}

impl Default for MediaConfig {
    fn default() -> Self {
        Self {
            retention_days: default_retention_days(),
            quota_mb: default_quota_mb(),
        }
    }
}

impl MediaConfig {
    pub fn retention_seconds(self) -> i64 {
        i64::from(self.retention_days) * 24 * 60 * 60
    }
    pub fn quota_bytes(self) -> u64 {
        self.quota_mb.saturating_mul(1024 * 1024)
    }
}

fn default_retention_days() -> u32 {
    365
}
fn default_quota_mb() -> u64 {
    20 * 1024
}

/// What one client, or all unverified traffic together, may hold of the relay, so a flood
/// of slow or unsigned requests cannot take it offline for everyone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// A request's headers must arrive within this many seconds…
    pub header_seconds: u64,
    /// …its body must not pause longer than this between two pieces…
    pub body_seconds: u64,
    /// …and a kept-alive connection with no request for this long is closed.
    pub idle_seconds: u64,
    /// Open connections at most (kept below the process's open-file limit).
    pub max_connections: usize,
    /// Open connections from one address at most (a trusted proxy is not counted).
    pub connections_per_address: usize,
    /// Memory all webhook bodies whose signature is not yet checked may hold together.
    pub unverified_body_mb: usize,
    /// A live feed whose member has not read a frame for this long is closed (the app
    /// reconnects and resumes from its cursor).
    pub feed_send_seconds: u64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            header_seconds: 10,
            body_seconds: 30,
            idle_seconds: 75,
            max_connections: 4096,
            connections_per_address: 256,
            unverified_body_mb: 64,
            feed_send_seconds: 30,
        }
    }
}

/// What the sender does with a message it handed to Meta without recording the answer (the
/// relay stopped mid-send, or the answer was lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SendingConfig {
    /// With no status from Meta for this many minutes, such a message is *unconfirmed*: the
    /// agent sees it may not have been sent, and may send it again (Meta's statuses come
    /// within seconds).
    pub unconfirmed_after_minutes: u32,
}

impl Default for SendingConfig {
    fn default() -> Self {
        Self {
            unconfirmed_after_minutes: 10,
        }
    }
}

/// How long sessions and the links an admin sends (invites, password resets) last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsConfig {
    /// A session ends after this many seconds without use (default 12 hours)…
    #[serde(default = "default_idle")]
    pub idle_seconds: u64,
    /// …and this many seconds after login in any case (default 7 days).
    #[serde(default = "default_absolute")]
    pub absolute_seconds: u64,
    /// An invite or password-reset link works this long (default 72 hours).
    #[serde(default = "default_link")]
    pub link_seconds: u64,
}

impl Default for SessionsConfig {
    fn default() -> Self {
        Self {
            idle_seconds: default_idle(),
            absolute_seconds: default_absolute(),
            link_seconds: default_link(),
        }
    }
}

fn default_idle() -> u64 {
    12 * 60 * 60
}
fn default_absolute() -> u64 {
    7 * 24 * 60 * 60
}
fn default_link() -> u64 {
    72 * 60 * 60
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminConfig {
    #[serde(default = "default_admin")]
    pub username: String,
    /// When absent on first start, a one-time password is generated and printed once.
    pub password: Option<String>,
}

/// Without `[admin]` the admin is `admin` (never an empty username nobody can type).
impl Default for AdminConfig {
    fn default() -> Self {
        Self {
            username: default_admin(),
            password: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Meta,
    Sandbox,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineConfig {
    pub id: LineId,
    pub name: String,
    #[serde(default = "meta")]
    pub provider: Provider,
    #[serde(default)]
    pub phone_number_id: String,
    #[serde(default)]
    pub display_phone_number: String,
    #[serde(default)]
    pub waba_id: String,
    #[serde(default)]
    pub access_token: String,
    #[serde(default)]
    pub app_secret: String,
    #[serde(default)]
    pub verify_token: String,
    #[serde(default = "default_graph_api_base")]
    pub graph_api_base: String,
    #[serde(default = "default_graph_api_version")]
    pub graph_api_version: String,
    /// Messages per second this number may send (Meta: 80 by default, up to 1 000).
    #[serde(default = "default_throughput")]
    pub throughput: u32,
}

impl std::fmt::Debug for LineConfig {
    // Secrets never reach a log line, even through Debug.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineConfig")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("provider", &self.provider)
            .field("phone_number_id", &self.phone_number_id)
            .field("waba_id", &self.waba_id)
            .field("graph_api_base", &self.graph_api_base)
            .field("throughput", &self.throughput)
            .finish_non_exhaustive()
    }
}

fn default_listen() -> SocketAddr {
    DEFAULT_LISTEN
        .parse()
        .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 8080)))
}
fn default_data() -> PathBuf {
    PathBuf::from(DEFAULT_DATA)
}
fn default_admin() -> String {
    "admin".to_owned()
}
fn default_throughput() -> u32 {
    switchboard_domain::pacing::DEFAULT_THROUGHPUT
}
fn yes() -> bool {
    true
}
fn meta() -> Provider {
    Provider::Meta
}
fn default_graph_api_base() -> String {
    DEFAULT_GRAPH_API_BASE.to_owned()
}
fn default_graph_api_version() -> String {
    DEFAULT_GRAPH_API_VERSION.to_owned()
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    #[error("{var}={value:?} is not valid: {reason}")]
    Env {
        var: &'static str,
        value: String,
        reason: String,
    },
    #[error("line {line}: {problem}")]
    Line { line: LineId, problem: String },
    #[error("[sessions]: {0}")]
    Sessions(&'static str),
    #[error("[limits]: {0}")]
    Limits(&'static str),
    #[error("[media]: {0}")]
    Media(&'static str),
    #[error("[admin] username {username:?} is not valid: {reason}")]
    AdminUsername { username: String, reason: String },
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: default_listen(),
            data: default_data(),
            admin: AdminConfig::default(),
            sandbox: true,
            secure_cookies: false,
            trusted_proxies: Vec::new(),
            sessions: SessionsConfig::default(),
            limits: LimitsConfig::default(),
            lines: Vec::new(),
            media: MediaConfig::default(),
            sending: SendingConfig::default(),
            clock: crate::clock::Clock::System,
            job_pace: std::time::Duration::ZERO,
        }
    }
}

impl Config {
    /// Reads the file (if any), then applies the environment, then checks the lines.
    pub fn load(
        file: Option<PathBuf>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut config = match file.or_else(|| env("SWITCHBOARD_CONFIG").map(PathBuf::from)) {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path,
                    source: Box::new(source),
                })?
            }
            None => Self::default(),
        };
        if let Some(value) = env("SWITCHBOARD_LISTEN") {
            config.listen =
                value
                    .parse()
                    .map_err(|e: std::net::AddrParseError| ConfigError::Env {
                        var: "SWITCHBOARD_LISTEN",
                        value,
                        reason: e.to_string(),
                    })?;
        }
        if let Some(value) = env("SWITCHBOARD_DATA") {
            config.data = PathBuf::from(value);
        }
        if let Some(value) = env("SWITCHBOARD_ADMIN_USER") {
            config.admin.username = value;
        }
        if let Some(value) = env("SWITCHBOARD_TRUSTED_PROXIES") {
            config.trusted_proxies = value
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|e: std::net::AddrParseError| ConfigError::Env {
                    var: "SWITCHBOARD_TRUSTED_PROXIES",
                    value: value.clone(),
                    reason: format!("{e}: give IP addresses separated by commas"),
                })?;
        }
        if let Some(value) = env("SWITCHBOARD_ADMIN_PASSWORD") {
            config.admin.password = Some(value);
        }
        config.with_sandbox().validate()
    }

    fn with_sandbox(mut self) -> Self {
        if self.sandbox && !self.lines.iter().any(|l| l.id.as_str() == SANDBOX_LINE) {
            self.lines.insert(0, LineConfig::sandbox());
        }
        self
    }

    fn validate(self) -> Result<Self, ConfigError> {
        if let Err(error) = crate::auth::accounts::check_username(&self.admin.username) {
            return Err(ConfigError::AdminUsername {
                username: self.admin.username.clone(),
                reason: error.to_string(),
            });
        }
        let sessions = &self.sessions;
        if sessions.idle_seconds == 0
            || sessions.absolute_seconds == 0
            || sessions.link_seconds == 0
        {
            return Err(ConfigError::Sessions(
                "every duration must be at least 1 second",
            ));
        }
        if sessions.idle_seconds > sessions.absolute_seconds {
            return Err(ConfigError::Sessions(
                "`idle_seconds` cannot be longer than `absolute_seconds`",
            ));
        }
        let limits = &self.limits;
        if limits.header_seconds == 0
            || limits.body_seconds == 0
            || limits.idle_seconds == 0
            || limits.feed_send_seconds == 0
        {
            return Err(ConfigError::Limits(
                "every duration must be at least 1 second",
            ));
        }
        if limits.max_connections == 0
            || limits.connections_per_address == 0
            || limits.unverified_body_mb < 3
        {
            return Err(ConfigError::Limits(
                "connection limits must be at least 1, and `unverified_body_mb` at least 3 (one webhook)",
            ));
        }
        if self.media.retention_days == 0 || self.media.quota_mb == 0 {
            return Err(ConfigError::Media(
                "`retention_days` and `quota_mb` must be at least 1",
            ));
        }
        for (i, line) in self.lines.iter().enumerate() {
            let problem = |problem: &str| ConfigError::Line {
                line: line.id.clone(),
                problem: problem.into(),
            };
            if self.lines[..i].iter().any(|l| l.id == line.id) {
                return Err(problem("two lines have this id"));
            }
            if line.throughput == 0 || line.throughput > switchboard_domain::pacing::MAX_THROUGHPUT
            {
                return Err(problem(
                    "`throughput` must be 1 to 1000 messages per second",
                ));
            }
            if line.provider == Provider::Meta {
                for (key, value) in [
                    ("phone_number_id", &line.phone_number_id),
                    ("access_token", &line.access_token),
                    ("app_secret", &line.app_secret),
                    ("verify_token", &line.verify_token),
                ] {
                    if value.trim().is_empty() {
                        return Err(problem(&format!("`{key}` is required for a Meta line")));
                    }
                }
            }
        }
        Ok(self)
    }
}

impl LineConfig {
    pub fn sandbox() -> Self {
        Self {
            id: LineId::new(SANDBOX_LINE),
            name: "Sandbox".into(),
            provider: Provider::Sandbox,
            phone_number_id: SANDBOX_LINE.into(),
            display_phone_number: "+1 555 0100".into(),
            waba_id: String::new(),
            access_token: String::new(),
            app_secret: String::new(),
            verify_token: String::new(),
            graph_api_base: default_graph_api_base(),
            graph_api_version: default_graph_api_version(),
            throughput: default_throughput(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_a_sandbox_line_on_localhost() {
        let config = Config::load(None, |_| None).expect("defaults are valid");
        assert_eq!(config.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(config.data, PathBuf::from("./data"));
        assert_eq!(config.lines.len(), 1);
        assert_eq!(config.lines[0].provider, Provider::Sandbox);
    }

    #[test]
    fn environment_overrides_and_bad_values_are_explained() {
        let config = Config::load(None, |k| {
            (k == "SWITCHBOARD_LISTEN").then(|| "0.0.0.0:9000".into())
        })
        .expect("valid");
        assert_eq!(config.listen.port(), 9000);
        let error = Config::load(None, |k| (k == "SWITCHBOARD_LISTEN").then(|| "nope".into()))
            .expect_err("invalid");
        assert!(error.to_string().contains("SWITCHBOARD_LISTEN"));
    }

    #[test]
    fn meta_line_without_secret_is_refused() {
        let dir = std::env::temp_dir().join(format!("sb-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("c.toml");
        std::fs::write(&path, "[[lines]]\nid = \"ventas\"\nname = \"Ventas\"\nphone_number_id = \"1\"\naccess_token = \"t\"\nverify_token = \"v\"\n")
            .expect("write");
        let error = Config::load(Some(path), |_| None).expect_err("missing app_secret");
        assert!(error.to_string().contains("app_secret"), "{error}");
    }

    #[test]
    fn media_limits_default_and_refuse_zero() {
        let config = Config::load(None, |_| None).expect("defaults are valid");
        assert_eq!(config.media.retention_days, 365);
        assert_eq!(config.media.quota_bytes(), 20 * 1024 * 1024 * 1024);
        let dir = std::env::temp_dir().join(format!("sb-config-media-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("c.toml");
        std::fs::write(&path, "[media]\nretention_days = 0\n").expect("write");
        let error = Config::load(Some(path), |_| None).expect_err("zero days");
        assert!(error.to_string().contains("retention_days"), "{error}");
    }

    #[test]
    fn trusted_proxies_come_from_the_environment() {
        let config = Config::load(None, |k| {
            (k == "SWITCHBOARD_TRUSTED_PROXIES").then(|| "10.0.0.1, ::1".into())
        })
        .expect("valid");
        assert_eq!(config.trusted_proxies.len(), 2);
        let error = Config::load(None, |k| {
            (k == "SWITCHBOARD_TRUSTED_PROXIES").then(|| "10.0.0.0/8".into())
        })
        .expect_err("not an address");
        assert!(error.to_string().contains("SWITCHBOARD_TRUSTED_PROXIES"));
    }

    #[test]
    fn an_admin_section_without_username_gives_admin() {
        let dir = std::env::temp_dir().join(format!("sb-config-admin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("c.toml");
        std::fs::write(&path, "[admin]\npassword = \"a long passphrase\"\n").expect("write");
        let config = Config::load(Some(path.clone()), |_| None).expect("valid");
        assert_eq!(config.admin.username, "admin");
        std::fs::write(&path, "sandbox = true\n").expect("write");
        let config = Config::load(Some(path), |_| None).expect("valid");
        assert_eq!(config.admin.username, "admin");
        assert_eq!(AdminConfig::default().username, "admin");
    }

    #[test]
    fn an_empty_or_invalid_admin_username_is_refused() {
        for bad in ["", "  ", "Admin Person", "x"] {
            let error = Config::load(None, |k| {
                (k == "SWITCHBOARD_ADMIN_USER").then(|| bad.into())
            })
            .expect_err("invalid admin username");
            let shown = error.to_string();
            assert!(shown.contains("[admin] username"), "{shown}");
            assert!(shown.contains("2 to 32 characters"), "{shown}");
        }
    }

    #[test]
    fn debug_output_hides_secrets() {
        let mut line = LineConfig::sandbox();
        line.access_token = "EAAG-secret".into();
        line.app_secret = "shh".into();
        let shown = format!("{line:?}");
        assert!(!shown.contains("EAAG-secret") && !shown.contains("shh"));
    }
}
