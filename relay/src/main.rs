//! `switchboard`: the relay binary.

use anyhow::Context;
use std::path::PathBuf;
use switchboard_relay::{backup, config::Config};

const USAGE: &str = "usage: switchboard [--config FILE]            run the relay
       switchboard backup FILE [--config FILE]   copy the database to FILE, while it runs
       switchboard restore FILE [--config FILE]  replace the database with FILE (relay stopped)
See README.md for the configuration keys and environment variables.";

/// What the command line asks for.
enum Run {
    Serve,
    Backup(PathBuf),
    Restore(PathBuf),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let (run, config_file) = arguments(std::env::args().skip(1).collect())?;
    let config = Config::load(config_file, |key| std::env::var(key).ok())?;
    let db = config.data.join("switchboard.sqlite");
    match run {
        Run::Serve => {}
        Run::Backup(to) => {
            let summary = backup::backup(&db, &to)?;
            println!(
                "Backed up {} events and {} members to {} ({} bytes, schema {}).",
                summary.events,
                summary.members,
                to.display(),
                summary.bytes,
                summary.schema
            );
            return Ok(());
        }
        Run::Restore(from) => {
            // A relay on this configuration holds its address: one that is taken means the
            // database is in use.
            let running = std::net::TcpListener::bind(config.listen)
                .is_err()
                .then(|| config.listen.to_string());
            // Only names the file kept aside.
            let now = switchboard_relay::clock::Clock::System.now().millis();
            let (summary, kept) = backup::restore(&from, &db, running, now)?;
            println!(
                "Restored {} events and {} members from {} into {}.",
                summary.events,
                summary.members,
                from.display(),
                db.display()
            );
            if let Some(kept) = kept {
                println!("The database it replaced is kept as {}.", kept.display());
            }
            println!("Start the relay to apply any newer schema steps.");
            return Ok(());
        }
    }
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

/// `[backup FILE | restore FILE] [--config FILE]`; everything else comes from the file and
/// the environment.
fn arguments(args: Vec<String>) -> anyhow::Result<(Run, Option<PathBuf>)> {
    let mut run = Run::Serve;
    let mut config = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--config", Some(path)) => config = Some(PathBuf::from(path)),
            ("backup", Some(file)) => run = Run::Backup(PathBuf::from(file)),
            ("restore", Some(file)) => run = Run::Restore(PathBuf::from(file)),
            ("--help" | "-h", _) => {
                println!("{USAGE}");
                std::process::exit(0)
            }
            (other, _) => anyhow::bail!("unexpected argument {other:?}\n{USAGE}"),
        }
    }
    Ok((run, config))
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
    println!("Stopping…");
}
