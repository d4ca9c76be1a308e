//! Installs what is missing and skips what is present, saying what it does: the wasm32
//! target, Trunk, the wasm-bindgen CLI matching Cargo.lock, a wasm-opt that works, and
//! (for the browser tests) Chromium with ChromeDriver.

use crate::{Result, root};
use std::{
    path::PathBuf,
    process::{Command, Stdio},
};

/// Trunk 0.22 needs a newer rustc than this toolchain; 0.21.14 works.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen (108) silently breaks the wasm; npm's 132 works.
const BINARYEN_VERSION: &str = "132";

pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with our wasm-opt first and cargo's bin folder present.
pub fn path_env() -> String {
    let mut parts = vec![
        tools_dir()
            .join("npm/node_modules/.bin")
            .display()
            .to_string(),
    ];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin").display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    Command::new(program)
        .args(args)
        .env("PATH", path_env())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

pub fn step(what: &str) {
    println!("\n==> {what}");
}

pub fn run(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .env("PATH", path_env())
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// Everything needed to build the app.
pub fn ensure_build_tools() -> Result {
    if output("rustup", &["target", "list", "--installed"])
        .is_some_and(|t| t.contains("wasm32-unknown-unknown"))
    {
        println!("wasm32 target: present");
    } else {
        step("Installing the wasm32-unknown-unknown target (seconds)");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    if output("trunk", &["--version"]).is_some_and(|v| v.contains(TRUNK_VERSION)) {
        println!("trunk {TRUNK_VERSION}: present");
    } else {
        step(&format!(
            "Installing trunk {TRUNK_VERSION} (about 13 minutes on 2 cores, once per machine)"
        ));
        run(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    }

    let bindgen = locked_wasm_bindgen()?;
    if output("wasm-bindgen", &["--version"]).is_some_and(|v| v.trim().ends_with(&bindgen)) {
        println!("wasm-bindgen {bindgen}: present");
    } else {
        step(&format!(
            "Installing wasm-bindgen-cli {bindgen} to match Cargo.lock (about 5 minutes, once)"
        ));
        // Without --locked: the registry lacks one of its pinned transitive versions.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }

    let wasm_opt = tools_dir().join("npm/node_modules/.bin/wasm-opt");
    if output(&wasm_opt.display().to_string(), &["--version"])
        .is_some_and(|v| v.contains(BINARYEN_VERSION))
    {
        println!("wasm-opt {BINARYEN_VERSION}: present");
    } else {
        step(&format!(
            "Installing binaryen {BINARYEN_VERSION} from npm into .tools (seconds)"
        ));
        let prefix = tools_dir().join("npm");
        std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    }
    Ok(())
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Chromium and ChromeDriver from Debian's packages, for the browser suites.
pub fn ensure_browser() -> Result {
    let present = |p: &str| std::path::Path::new(p).exists();
    if present(CHROMIUM) && present(CHROMEDRIVER) {
        println!("chromium and chromedriver: present");
        return Ok(());
    }
    let root_user = output("id", &["-u"]).is_some_and(|id| id.trim() == "0");
    if !root_user {
        return Err(format!(
            "the browser suites need {CHROMIUM} and {CHROMEDRIVER}. Install them with \
             `sudo apt-get install -y chromium chromium-driver`, then run `cargo xtask test` again."
        ));
    }
    step("Installing chromium and chromium-driver with apt-get (about a minute)");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args(["install", "-y", "chromium", "chromium-driver"]))
}

/// Builds the app in release into app/dist.
pub fn build_app() -> Result {
    if app_is_fresh() {
        println!("app/dist is up to date with app/, domain/, style/ and public/: not rebuilt");
        return Ok(());
    }
    step("Building the app (trunk build --release)");
    run(Command::new("trunk")
        .current_dir(root())
        .args(["build", "--release", "--offline"]))
}

/// Whether app/dist/index.html is newer than every input of the app build.
fn app_is_fresh() -> bool {
    let built = std::fs::metadata(root().join("app/dist/index.html")).and_then(|m| m.modified());
    let Ok(built) = built else { return false };
    let inputs = [
        "app",
        "domain",
        "style",
        "public",
        "Trunk.toml",
        "Cargo.lock",
        "Cargo.toml",
    ];
    inputs
        .iter()
        .all(|input| newest(&root().join(input)).is_some_and(|newest| newest <= built))
}

/// The newest modification time of the files under `path` (app/dist excluded). Folders'
/// own times are left out: Trunk swapping app/dist in touches app/ itself.
fn newest(path: &std::path::Path) -> Option<std::time::SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    let mut latest = std::time::UNIX_EPOCH;
    if path.ends_with("app/dist") {
        return Some(latest);
    }
    for entry in std::fs::read_dir(path).ok()?.flatten() {
        latest = latest.max(newest(&entry.path())?);
    }
    Some(latest)
}
