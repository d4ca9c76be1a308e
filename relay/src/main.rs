//! `switchboard`: the relay binary.

use anyhow::Context;
use std::path::PathBuf;
use switchboard_relay::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let config = Config::load(config_arg()?, |key| std::env::var(key).ok())?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} (is another relay running?)",
                config.listen
            )
        })?;
    let url = format!("http://{}", listener.local_addr()?);
    println!("Switchboard is running at {url}");
    println!("  data: {}", config.data.display());
    for line in &config.lines {
        println!("  line {}: {} ({:?})", line.id, line.name, line.provider);
    }
    switchboard_relay::launch(config, listener, shutdown_signal()).await?;
    Ok(())
}

/// `--config FILE`; everything else comes from the file and the environment.
fn config_arg() -> anyhow::Result<Option<PathBuf>> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (None, _) => Ok(None),
        (Some("--config"), Some(path)) => Ok(Some(PathBuf::from(path))),
        (Some("--help" | "-h"), _) => {
            println!(
                "usage: switchboard [--config FILE]\nSee README.md for the configuration keys and environment variables."
            );
            std::process::exit(0)
        }
        (Some(other), _) => {
            anyhow::bail!("unknown argument {other:?}; usage: switchboard [--config FILE]")
        }
    }
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
    println!("Stopping…");
}
