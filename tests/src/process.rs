//! The real `switchboard` binary as a child process, for tests that kill it with SIGKILL and
//! start it again on the same data.

use crate::{ACCESS_TOKEN, ADMIN, ADMIN_PASSWORD, APP_SECRET, LINE, PHONE_NUMBER_ID, VERIFY_TOKEN};
use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// The debug build of the relay binary, built on first use when it is not there.
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    // target/debug/deps/<test> → target/debug/switchboard
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("a target folder")
        .to_path_buf();
    let binary = dir.join("switchboard");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "build",
            "--quiet",
            "-p",
            "switchboard-relay",
            "--bin",
            "switchboard",
        ])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cannot build the relay binary");
    assert!(binary.exists(), "no relay binary at {}", binary.display());
    binary
}

pub struct RelayProcess {
    pub addr: SocketAddr,
    binary: PathBuf,
    config: PathBuf,
    child: Option<Child>,
    pub data: tempfile::TempDir,
}

impl RelayProcess {
    /// Starts the binary with a Meta line talking to `graph_api_base`, on a free port.
    pub async fn start(graph_api_base: &str) -> Self {
        Self::start_with(graph_api_base, "").await
    }

    /// Like [`RelayProcess::start`], with `extra` appended to the configuration file.
    pub async fn start_with(graph_api_base: &str, extra: &str) -> Self {
        let mut relay = Self::prepare(graph_api_base, extra);
        relay.spawn().await;
        relay
    }

    /// Like [`RelayProcess::start`], on a copy of the database file `database` (one an
    /// older release wrote, say).
    pub async fn start_from(graph_api_base: &str, database: &Path) -> Self {
        let mut relay = Self::prepare(graph_api_base, "");
        let data = relay.data.path().join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        std::fs::copy(database, data.join("switchboard.sqlite")).expect("copy the database");
        relay.spawn().await;
        relay
    }

    fn prepare(graph_api_base: &str, extra: &str) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let addr = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
            probe.local_addr().expect("addr")
        };
        let config = data.path().join("switchboard.toml");
        std::fs::write(
            &config,
            format!(
                r#"listen = "{addr}"
data = "{data}"

[admin]
username = "{ADMIN}"
password = "{ADMIN_PASSWORD}"

[[lines]]
id = "{LINE}"
name = "Ventas"
phone_number_id = "{PHONE_NUMBER_ID}"
access_token = "{ACCESS_TOKEN}"
app_secret = "{APP_SECRET}"
verify_token = "{VERIFY_TOKEN}"
graph_api_base = "{graph_api_base}"
{extra}"#,
                data = data.path().join("data").display()
            ),
        )
        .expect("write the config");
        Self {
            addr,
            binary: binary(),
            config,
            child: None,
            data,
        }
    }

    async fn spawn(&mut self) {
        let child = Command::new(&self.binary)
            .arg("--config")
            .arg(&self.config)
            .env("SWITCHBOARD_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the relay");
        self.child = Some(child);
        let health = format!("http://{}/healthz", self.addr);
        for _ in 0..400 {
            if reqwest::get(&health).await.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the relay did not start");
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// SIGKILL: no shutdown, no flush, like a crash or a power cut of the process.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Runs the binary's `args` (a subcommand such as `backup FILE`) on this relay's
    /// configuration, beside the running relay or in its place.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new(&self.binary)
            .args(args)
            .arg("--config")
            .arg(&self.config)
            .env("SWITCHBOARD_LOG", "warn")
            .output()
            .expect("run the relay binary")
    }

    /// Kills the relay and starts it again on the same data and address.
    pub async fn restart_after_kill(&mut self) {
        self.kill();
        self.spawn().await;
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
