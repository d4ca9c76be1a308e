//! The durable, ordered event log in SQLite, with the in-memory projection and the live feed.
//!
//! One mutex guards the connection and the projection together, so the order of commit,
//! the order of `apply` and the order of the broadcast are the same order.

use rusqlite::{Connection, OptionalExtension, params};
use std::{
    path::Path,
    sync::{Arc, Mutex, MutexGuard},
};
use switchboard_domain::{
    AgentId, Command, CommandError, CommandId, Event, EventRecord, Seq, State, Timestamp, Viewer,
    apply,
};
use tokio::sync::broadcast;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored event {seq} cannot be read: {source}")]
    Corrupt { seq: u64, source: serde_json::Error },
    #[error("event cannot be encoded: {0}")]
    Encode(serde_json::Error),
    #[error("the database task stopped: {0}")]
    Join(String),
}

/// An event to append. `dedupe`, when set, makes a second append with the same key a no-op.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub event: Event,
    pub dedupe: Option<String>,
}

impl NewEvent {
    pub fn new(event: Event) -> Self {
        Self {
            event,
            dedupe: None,
        }
    }
    pub fn deduped(event: Event, key: String) -> Self {
        Self {
            event,
            dedupe: Some(key),
        }
    }
}

/// What executing a command gave.
#[derive(Debug)]
pub enum CommandOutcome {
    Appended(Vec<EventRecord>),
    /// The same command id was executed before; nothing new was appended.
    AlreadyDone {
        seq: Seq,
    },
}

struct Inner {
    db: Connection,
    state: State,
}

pub struct EventLog {
    inner: Mutex<Inner>,
    feed: broadcast::Sender<Arc<EventRecord>>,
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    dedupe TEXT UNIQUE,
    event TEXT NOT NULL
);
-- The exact bytes of every accepted webhook, committed with the events parsed from it,
-- so whatever the parser did not understand can be read again.
CREATE TABLE IF NOT EXISTS webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS commands (
    id TEXT PRIMARY KEY,
    agent TEXT NOT NULL,
    seq INTEGER NOT NULL
);
";

impl EventLog {
    /// Opens (or creates) the log and folds it into the projection.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let db = Connection::open(path)?;
        db.execute_batch(SCHEMA)?;
        let mut state = State::default();
        {
            let mut statement = db.prepare("SELECT seq, at, event FROM events ORDER BY seq")?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                apply(
                    &mut state,
                    &decode(row.get(0)?, row.get(1)?, &row.get::<_, String>(2)?)?,
                );
            }
        }
        let (feed, _) = broadcast::channel(4096);
        Ok(Self {
            inner: Mutex::new(Inner { db, state }),
            feed,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave a half-written transaction (SQLite
        // rolls it back), so the data behind a poisoned lock is still sound.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<EventRecord>> {
        self.feed.subscribe()
    }

    /// Reads the projection.
    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.lock().state)
    }

    /// Appends events in one transaction; events whose dedupe key is already stored are
    /// skipped. Returns the records appended. Durable when this returns.
    pub async fn append(
        self: &Arc<Self>,
        events: Vec<NewEvent>,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        self.append_with(None, events, now).await
    }

    /// Like [`EventLog::append`], archiving the webhook's raw bytes in the same transaction.
    pub async fn append_webhook(
        self: &Arc<Self>,
        body: Vec<u8>,
        events: Vec<NewEvent>,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        self.append_with(Some(body), events, now).await
    }

    async fn append_with(
        self: &Arc<Self>,
        webhook: Option<Vec<u8>>,
        events: Vec<NewEvent>,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let mut inner = log.lock();
            let extra = webhook.as_deref().map_or(Extra::None, Extra::Webhook);
            let records = insert_all(&mut inner.db, &events, now, extra)?;
            log.publish(&mut inner, &records);
            Ok(records)
        })
        .await
    }

    /// Appends what `decide` returns, deciding under the same lock as the append, so nothing
    /// appended in between can make the decision stale (none: nothing is appended).
    pub async fn append_decided(
        self: &Arc<Self>,
        decide: impl FnOnce(&State) -> Option<Vec<Event>> + Send + 'static,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let mut inner = log.lock();
            let Some(events) = decide(&inner.state) else {
                return Ok(Vec::new());
            };
            let events: Vec<NewEvent> = events.into_iter().map(NewEvent::new).collect();
            let records = insert_all(&mut inner.db, &events, now, Extra::None)?;
            log.publish(&mut inner, &records);
            Ok(records)
        })
        .await
    }

    /// The archived webhook bodies, oldest first.
    pub async fn webhooks(self: &Arc<Self>) -> Result<Vec<Vec<u8>>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let inner = log.lock();
            let mut statement = inner.db.prepare("SELECT body FROM webhooks ORDER BY id")?;
            let rows = statement.query_map([], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    /// Decides a command against the projection and appends its events, atomically.
    /// Idempotent by command id.
    pub async fn execute(
        self: &Arc<Self>,
        id: CommandId,
        viewer: Viewer,
        command: Command,
        now: Timestamp,
    ) -> Result<Result<CommandOutcome, CommandError>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let mut inner = log.lock();
            let done: Option<u64> = inner
                .db
                .query_row(
                    "SELECT seq FROM commands WHERE id = ?1",
                    [id.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(seq) = done {
                return Ok(Ok(CommandOutcome::AlreadyDone { seq: Seq(seq) }));
            }
            let events = match command.decide(&id, &viewer, &inner.state, now) {
                Ok(events) => events,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let events: Vec<NewEvent> = events.into_iter().map(NewEvent::new).collect();
            let records = insert_all(&mut inner.db, &events, now, Extra::Command(&id, &viewer.id))?;
            log.publish(&mut inner, &records);
            Ok(Ok(CommandOutcome::Appended(records)))
        })
        .await
    }

    /// The events after `since`, oldest first, at most `limit`.
    pub async fn since(
        self: &Arc<Self>,
        since: Seq,
        limit: u32,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let inner = log.lock();
            let mut statement = inner.db.prepare_cached(
                "SELECT seq, at, event FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            )?;
            let rows = statement.query_map(params![since.0, limit], |row| {
                Ok((
                    row.get::<_, u64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?;
            rows.map(|row| {
                let (seq, at, event) = row?;
                decode(seq, at, &event)
            })
            .collect()
        })
        .await
    }

    fn publish(&self, inner: &mut Inner, records: &[EventRecord]) {
        for record in records {
            apply(&mut inner.state, record);
            // No receivers is fine: nobody is connected.
            let _ = self.feed.send(Arc::new(record.clone()));
        }
    }
}

/// What is written in the same transaction as the events.
enum Extra<'a> {
    None,
    Command(&'a CommandId, &'a AgentId),
    Webhook(&'a [u8]),
}

fn insert_all(
    db: &mut Connection,
    events: &[NewEvent],
    now: Timestamp,
    extra: Extra<'_>,
) -> Result<Vec<EventRecord>, StoreError> {
    let tx = db.transaction()?;
    let mut records = Vec::with_capacity(events.len());
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO events (at, dedupe, event) VALUES (?1, ?2, ?3) ON CONFLICT (dedupe) DO NOTHING",
        )?;
        for new in events {
            let json = serde_json::to_string(&new.event).map_err(StoreError::Encode)?;
            if insert.execute(params![now.0, new.dedupe, json])? == 1 {
                let seq = u64::try_from(tx.last_insert_rowid()).unwrap_or_default();
                records.push(EventRecord {
                    seq: Seq(seq),
                    at: now,
                    event: new.event.clone(),
                });
            }
        }
    }
    match (extra, records.last()) {
        (Extra::Command(id, agent), Some(last)) => {
            tx.execute(
                "INSERT INTO commands (id, agent, seq) VALUES (?1, ?2, ?3)",
                params![id.as_str(), agent.as_str(), last.seq.0],
            )?;
        }
        (Extra::Webhook(body), _) => {
            tx.execute(
                "INSERT INTO webhooks (at, body) VALUES (?1, ?2)",
                params![now.0, body],
            )?;
        }
        _ => {}
    }
    tx.commit()?;
    Ok(records)
}

fn decode(seq: u64, at: i64, json: &str) -> Result<EventRecord, StoreError> {
    let event = serde_json::from_str(json).map_err(|source| StoreError::Corrupt { seq, source })?;
    Ok(EventRecord {
        seq: Seq(seq),
        at: Timestamp(at),
        event,
    })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Join(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_domain::{ContactId, LineId, MessageBody, Wamid};

    fn received(wamid: &str) -> Event {
        Event::MessageReceived {
            line: LineId::new("sandbox"),
            contact: ContactId::new("5511999990000"),
            profile_name: None,
            wamid: Wamid::new(wamid),
            sent_at: Timestamp(1),
            body: MessageBody::Text { body: "Oi".into() },
            context: Default::default(),
            referral: None,
            raw: serde_json::Value::Null,
        }
    }

    fn temp_db(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sb-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join("events.sqlite")
    }

    #[tokio::test]
    async fn duplicate_webhook_is_stored_once() {
        let log = Arc::new(EventLog::open(&temp_db("dedupe")).expect("open"));
        let event = NewEvent::deduped(received("wamid.1"), "in:wamid.1".into());
        let first = log
            .append(vec![event.clone()], Timestamp(5))
            .await
            .expect("append");
        let second = log.append(vec![event], Timestamp(6)).await.expect("append");
        assert_eq!(first.len(), 1);
        assert!(second.is_empty());
        assert_eq!(log.since(Seq(0), 100).await.expect("read").len(), 1);
    }

    #[tokio::test]
    async fn webhook_bytes_are_archived_with_their_events() {
        let log = Arc::new(EventLog::open(&temp_db("archive")).expect("open"));
        let body = b"{\"entry\": [1, 2, 3]}   trailing".to_vec();
        log.append_webhook(
            body.clone(),
            vec![NewEvent::new(received("wamid.1"))],
            Timestamp(5),
        )
        .await
        .expect("append");
        assert_eq!(log.webhooks().await.expect("read"), vec![body]);
        assert_eq!(log.since(Seq(0), 10).await.expect("read").len(), 1);
    }

    #[tokio::test]
    async fn log_survives_a_restart_in_order() {
        let path = temp_db("restart");
        {
            let log = Arc::new(EventLog::open(&path).expect("open"));
            log.append(
                vec![
                    NewEvent::new(received("wamid.1")),
                    NewEvent::new(received("wamid.2")),
                ],
                Timestamp(5),
            )
            .await
            .expect("append");
        }
        let log = Arc::new(EventLog::open(&path).expect("reopen"));
        let records = log.since(Seq(0), 100).await.expect("read");
        assert_eq!(
            records.iter().map(|r| r.seq.0).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(log.read(|s| s.cursor), Seq(2));
        assert_eq!(log.since(Seq(1), 100).await.expect("read").len(), 1);
    }
}
