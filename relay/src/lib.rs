//! Switchboard's relay. A map for newcomers:
//!
//! - [`routes::router`]: every HTTP route, in one place.
//! - [`store`]: the durable event log (SQLite), the projection and the live feed.
//! - [`auth`]: accounts, argon2id passwords, sessions, TOTP, what each route requires.
//! - [`audit`]: who did what, for admins.
//! - [`whatsapp`]: the Cloud API adapter (signatures, webhook parser, Graph client).
//! - [`sender`]: the outbound queue, one worker per line.
//! - [`jobs`]: the runner of background jobs that follow the log, from a stored cursor.
//! - [`routing`]: round-robin assignment (a job); [`presence`]: who is online, viewing, typing.
//! - [`config`]: the TOML file and environment variables.
//! - [`media_files`]: customers' files on disk and their record; [`media_fetcher`]: the task
//!   that fetches them as they arrive and evicts by retention and quota.
//! - [`clock`]: the one place that reads the time.
//! - [`backup`]: `switchboard backup FILE` and `switchboard restore FILE`.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod config;
pub mod error;
pub mod jobs;
pub mod media_fetcher;
pub mod media_files;
pub mod presence;
pub mod routes;
pub mod routing;
pub mod sender;
pub mod serve;
pub mod store;
pub mod templates;
pub mod whatsapp;

use auth::{Accounts, Bootstrap};
use config::Config;
use std::{future::Future, sync::Arc};
use store::EventLog;
use tokio::{net::TcpListener, sync::watch};

pub use routes::router;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub log: Arc<EventLog>,
    pub accounts: Arc<Accounts>,
    pub throttle: Arc<auth::Throttle>,
    pub audit: Arc<audit::AuditLog>,
    pub sender: sender::Sender,
    pub graph: whatsapp::graph::GraphClient,
    pub templates: templates::TemplateSync,
    /// Customers' files on disk and their record.
    pub media: Arc<media_files::MediaFiles>,
    /// Who is online, viewing or typing (from the open feeds).
    pub presence: Arc<presence::PresenceHub>,
    /// The memory budget of unverified webhook bodies and the log of refused signatures.
    pub webhook_guard: Arc<routes::webhooks::Guard>,
    /// Turns true when the relay stops, so long-lived WebSocket feeds end too.
    pub shutdown: watch::Receiver<bool>,
    /// The time, for every handler: the system's, or a test's (`Config::clock`).
    pub clock: clock::Clock,
}

impl AppState {
    /// The configured line named `id`, or the error a client gets for a wrong name.
    pub fn line(&self, id: &str) -> Result<&config::LineConfig, error::ApiError> {
        self.config
            .lines
            .iter()
            .find(|l| l.id.as_str() == id)
            .ok_or_else(|| error::ApiError::UnknownLine(id.to_owned()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Store(#[from] store::StoreError),
    #[error("cannot open the media record: {0}")]
    Media(#[from] media_files::MediaFilesError),
    #[error("cannot create the admin account: {0}")]
    Admin(#[from] auth::accounts::AccountError),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// Opens the data folder, creates the admin on first start, starts the senders and serves on
/// `listener` until `shutdown` completes.
pub async fn launch(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), LaunchError> {
    std::fs::create_dir_all(&config.data).map_err(|source| LaunchError::DataDir {
        path: config.data.clone(),
        source,
    })?;
    let clock = config.clock.clone();
    let db = config.data.join("switchboard.sqlite");
    let log = Arc::new(EventLog::open(&db)?);
    let accounts = Arc::new(Accounts::open(&db, config.sessions)?);
    let audit = Arc::new(audit::AuditLog::open(&db)?);
    for record in log.set_aside().iter().filter(|r| r.new) {
        let entry = audit::Record::new(&"relay", audit::Action::RecordSetAside)
            .target(&record.seq.0)
            .detail(serde_json::json!({ "reason": record.reason }));
        audit.record(entry, clock.now());
    }
    match accounts.bootstrap(
        &config.admin.username,
        config.admin.password.as_deref(),
        clock.now(),
    )? {
        Bootstrap::CreatedWithPassword(password) => {
            // Printed once, to the operator's terminal; never logged.
            println!(
                "First start: created the admin account.\n  username: {}\n  one-time password: {password}\n  It must be changed at first login: the relay asks for a new password before anything else.\n",
                config.admin.username
            );
        }
        Bootstrap::Created => println!(
            "First start: created the admin account {}.",
            config.admin.username
        ),
        Bootstrap::AlreadySetUp => {}
    }
    publish_members(&accounts, &log, clock.now()).await?;
    let (stop, stopped) = watch::channel(false);
    let graph = whatsapp::graph::GraphClient::new();
    let sender = sender::Sender::start(
        Arc::clone(&log),
        &config.lines,
        graph.clone(),
        config.sending,
        clock.clone(),
        stopped.clone(),
    );
    let templates = templates::TemplateSync::new(Arc::clone(&log), graph.clone(), clock.clone());
    for line in &config.lines {
        templates.refresh(line);
    }
    let presence = Arc::new(presence::PresenceHub::default());
    jobs::Runner {
        log: Arc::clone(&log),
        clock: clock.clone(),
        pace: config.job_pace,
        stopped: stopped.clone(),
    }
    .start(routing::RoundRobin {
        presence: Arc::clone(&presence),
    });
    let webhook_guard = Arc::new(routes::webhooks::Guard::new(&config.limits));
    let config = Arc::new(config);
    let media = Arc::new(media_files::MediaFiles::open(&db, &config.data)?);
    routes::uploads::clear_temp_dir(&config.data);
    media_fetcher::start(
        Arc::clone(&media),
        Arc::clone(&log),
        Arc::clone(&config),
        stopped.clone(),
    );
    let throttle = Arc::new(auth::Throttle::new(clock.clone()));
    let state = AppState {
        config,
        media,
        log,
        accounts,
        throttle,
        audit,
        sender,
        graph,
        templates,
        presence,
        webhook_guard,
        shutdown: stopped,
        clock,
    };
    let limits = state.config.limits;
    let trusted: Arc<[std::net::IpAddr]> = state.config.trusted_proxies.clone().into();
    let stopping = async move {
        shutdown.await;
        let _ = stop.send(true);
    };
    serve::serve(listener, router(state), limits, trusted, stopping)
        .await
        .map_err(LaunchError::Serve)
}

/// Makes the log's member directory match the accounts table (the first start's admin, and
/// databases from before members were events).
async fn publish_members(
    accounts: &Accounts,
    log: &Arc<EventLog>,
    now: switchboard_domain::Timestamp,
) -> Result<(), LaunchError> {
    let events: Vec<store::NewEvent> = accounts
        .members()?
        .into_iter()
        .filter(|m| {
            log.read(|s| {
                s.agents
                    .get(&m.username)
                    .is_none_or(|p| p.name != m.name || p.role != m.role || p.active != m.active)
            })
        })
        .map(|m| {
            store::NewEvent::new(switchboard_domain::Event::AgentSaved {
                agent: m.username,
                name: m.name,
                role: m.role,
                active: m.active,
            })
        })
        .collect();
    if !events.is_empty() {
        log.append(events, now).await?;
    }
    Ok(())
}
