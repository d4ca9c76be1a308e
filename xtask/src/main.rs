//! `cargo xtask run | test`: everything a fresh machine needs, in two commands.

mod run;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let result = match args.next().as_deref() {
        Some("run") => run::run(args.collect()),
        Some("test") => test::test(),
        Some("bench") => bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask run [-- relay args]   build the app and start the relay on http://127.0.0.1:8080"
            );
            eprintln!(
                "       cargo xtask test                 formatting, lints, unit and end-to-end tests"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Benchmarks print figures; they pass or fail nothing.
fn bench() -> Result {
    tools::step(
        "Relay benchmark: webhook ingest, ack latency, send pacing, memory (about a minute)",
    );
    tools::run(
        std::process::Command::new("cargo")
            .current_dir(root())
            .args(["bench", "-p", "switchboard-tests", "--bench", "relay"]),
    )?;
    // The release relay embeds app/dist when it is compiled: build the app first.
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    tools::build_app()?;
    tools::step(
        "Browser benchmark: sync, open, search and live latency over 100 000 messages in headless Chromium (a few minutes)",
    );
    browser_bench("browser")?;
    tools::step(
        "First-load benchmark: a new browser opens the sign-in page over simulated 4G (about a minute)",
    );
    browser_bench("first_load")
}

/// `cargo bench` of one of the tests crate's benches that drive Chromium.
fn browser_bench(name: &str) -> Result {
    tools::run(
        std::process::Command::new("cargo")
            .current_dir(root())
            .env("CHROMIUM", tools::CHROMIUM)
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .args(["bench", "-p", "switchboard-tests", "--bench", name]),
    )
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

pub type Result<T = ()> = std::result::Result<T, String>;
