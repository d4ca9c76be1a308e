//! The durable, ordered event log in SQLite, with the in-memory projection and the live feed.
//!
//! One writer thread owns the write connection and commits in groups: the appends and
//! commands waiting when it begins a transaction share it, so concurrent webhooks pay for
//! one `fsync` together (`synchronous = FULL`: an acknowledged webhook survives a power cut).
//! The writer applies committed records to the projection and broadcasts them in commit
//! order, so the order of commit, of `apply` and of the broadcast are one order. Reads of the
//! log (a browser's backlog) use their own connection and never wait for writes.

use rusqlite::{Connection, OptionalExtension, params};
use std::{
    path::Path,
    sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, mpsc},
};
use switchboard_domain::{
    Command, CommandError, CommandId, Event, EventRecord, Seq, State, Timestamp, Viewer, apply,
};
use tokio::sync::{broadcast, oneshot, watch};

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
    #[error(
        "the database was written by a newer Switchboard (schema {found}; this one knows up to {known}): run the newer version"
    )]
    NewerSchema { found: i64, known: i64 },
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
    /// The same member executed the same command id before; nothing new was appended.
    AlreadyDone {
        seq: Seq,
    },
}

/// A stored record that could not be read when the log was opened: it stays in the file
/// untouched, is left out of the projection and the feed, and admins are told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub seq: Seq,
    pub reason: String,
    /// First found at this start (admins have not been told yet).
    pub new: bool,
}

type Decide = Box<dyn FnOnce(&State) -> Option<Vec<Event>> + Send>;
type Reply<T> = oneshot::Sender<Result<T, StoreError>>;
/// Answers one write once its group's commit is known (`Err`: why it failed).
type Answer = Box<dyn FnOnce(Result<(), String>) + Send>;

/// What the writer thread is asked to do.
enum Write {
    Append {
        webhook: Option<Vec<u8>>,
        events: Vec<NewEvent>,
        now: Timestamp,
        reply: Reply<Vec<EventRecord>>,
    },
    Decided {
        decide: Decide,
        /// A job's cursor to store with what it decided: the job has read up to this seq.
        cursor: Option<(&'static str, Seq)>,
        now: Timestamp,
        reply: Reply<Vec<EventRecord>>,
    },
    Execute {
        id: CommandId,
        viewer: Viewer,
        command: Box<Command>,
        now: Timestamp,
        reply: Reply<Result<CommandOutcome, CommandError>>,
    },
}

/// The projection and the live feed, shared by the log and its writer thread.
struct Shared {
    state: RwLock<State>,
    feed: broadcast::Sender<Arc<EventRecord>>,
    /// The last committed seq. Jobs follow this rather than the feed: a watch cannot lag.
    head: watch::Sender<Seq>,
}

impl Shared {
    fn state(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // `apply` cannot leave a half-applied record behind a panic elsewhere: the data
        // behind a poisoned lock is still sound.
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn publish(&self, records: &[EventRecord]) {
        {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            for record in records {
                apply(&mut state, record);
            }
        }
        for record in records {
            // No receivers is fine: nobody is connected.
            let _ = self.feed.send(Arc::new(record.clone()));
        }
        if let Some(last) = records.last() {
            self.head.send_replace(last.seq);
        }
    }
}

pub struct EventLog {
    shared: Arc<Shared>,
    /// The read connection: backlogs and the webhook archive.
    reader: Mutex<Connection>,
    writer: mpsc::Sender<Write>,
    set_aside: Vec<SetAside>,
}

/// The most writes one transaction takes; a larger burst commits in several.
const GROUP: usize = 512;

/// The schema this build writes: the number of [`MIGRATIONS`].
#[allow(
    clippy::cast_possible_wrap,
    reason = "a handful of migrations, far below i64::MAX"
)]
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Numbered schema steps, only ever added to: step `n` brings `user_version` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema (databases from before the numbering have these tables already).
    "CREATE TABLE IF NOT EXISTS events (
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
    );",
    // 2: a command id is its member's own: another member's id answers nothing of theirs.
    "CREATE TABLE member_commands (
        agent TEXT NOT NULL,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (agent, id)
    );
    INSERT INTO member_commands (agent, id, seq) SELECT agent, id, seq FROM commands;
    DROP TABLE commands;
    ALTER TABLE member_commands RENAME TO commands;",
    // 3: records that could not be read at start-up, kept apart for admins.
    "CREATE TABLE set_aside (
        seq INTEGER PRIMARY KEY,
        reason TEXT NOT NULL
    );",
    // 4: how far each background job has read the log, written with what it appends.
    "CREATE TABLE job_cursors (
        job TEXT PRIMARY KEY,
        seq INTEGER NOT NULL
    );",
    // 5: the audit log, so a command's entry commits with its events (the table is older
    // than the numbering: the audit log's own connection created it).
    crate::audit::SCHEMA,
];

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let db = Connection::open(path)?;
    // Accounts and the audit log write to the same file from their own connections.
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    db.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
    Ok(db)
}

/// Brings the schema up to date, one numbered step at a time, each in its own transaction.
fn migrate(db: &mut Connection) -> Result<(), StoreError> {
    let known = SCHEMA_VERSION;
    let found: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known {
        return Err(StoreError::NewerSchema { found, known });
    }
    for (step, sql) in (1_i64..)
        .zip(MIGRATIONS)
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = db.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step)?;
        tx.commit()?;
    }
    Ok(())
}

impl EventLog {
    /// Opens (or creates) the log, folds it into the projection and starts the writer. A
    /// record that cannot be read is set aside ([`EventLog::set_aside`]) instead of stopping
    /// the relay.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let mut db = connect(path)?;
        migrate(&mut db)?;
        let mut state = State::default();
        let mut set_aside = Vec::new();
        let head: u64 =
            db.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))?;
        {
            let mut statement = db.prepare("SELECT seq, at, event FROM events ORDER BY seq")?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let seq: u64 = row.get(0)?;
                match decode(seq, row.get(1)?, &row.get::<_, String>(2)?) {
                    Ok(record) => {
                        apply(&mut state, &record);
                    }
                    Err(error) => set_aside.push(SetAside {
                        seq: Seq(seq),
                        reason: error.to_string(),
                        new: false,
                    }),
                }
            }
        }
        for record in &mut set_aside {
            tracing::error!(seq = record.seq.0, reason = %record.reason, "a stored event cannot be read; it is set aside");
            record.new = 1 == db.execute(
                "INSERT INTO set_aside (seq, reason) VALUES (?1, ?2) ON CONFLICT (seq) DO NOTHING",
                params![record.seq.0, record.reason],
            )?;
        }
        let reader = connect(path)?;
        let (feed, _) = broadcast::channel(4096);
        let shared = Arc::new(Shared {
            state: RwLock::new(state),
            feed,
            head: watch::Sender::new(Seq(head)),
        });
        let (writer, jobs) = mpsc::channel();
        let for_writer = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("event-log-writer".into())
            .spawn(move || write_loop(db, &for_writer, &jobs))
            .map_err(|e| StoreError::Join(e.to_string()))?;
        Ok(Self {
            shared,
            reader: Mutex::new(reader),
            writer,
            set_aside,
        })
    }

    /// The records that could not be read when the log was opened.
    pub fn set_aside(&self) -> &[SetAside] {
        &self.set_aside
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<EventRecord>> {
        self.shared.feed.subscribe()
    }

    /// The last committed seq, changing as records commit.
    pub fn follow(&self) -> watch::Receiver<Seq> {
        self.shared.head.subscribe()
    }

    /// Reads the projection.
    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.shared.state())
    }

    async fn write<T>(&self, job: impl FnOnce(Reply<T>) -> Write) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.writer
            .send(job(reply))
            .map_err(|_| StoreError::Join("the writer stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Join("the writer stopped".into()))?
    }

    /// Appends events in one transaction; events whose dedupe key is already stored are
    /// skipped. Returns the records appended. Durable when this returns.
    pub async fn append(
        self: &Arc<Self>,
        events: Vec<NewEvent>,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        self.write(|reply| Write::Append {
            webhook: None,
            events,
            now,
            reply,
        })
        .await
    }

    /// Like [`EventLog::append`], archiving the webhook's raw bytes in the same transaction.
    pub async fn append_webhook(
        self: &Arc<Self>,
        body: Vec<u8>,
        events: Vec<NewEvent>,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        self.write(|reply| Write::Append {
            webhook: Some(body),
            events,
            now,
            reply,
        })
        .await
    }

    /// Appends what `decide` returns, deciding against a projection that holds every
    /// committed record, so nothing appended in between can make the decision stale (none:
    /// nothing is appended).
    pub async fn append_decided(
        self: &Arc<Self>,
        decide: impl FnOnce(&State) -> Option<Vec<Event>> + Send + 'static,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        self.write(|reply| Write::Decided {
            decide: Box::new(decide),
            cursor: None,
            now,
            reply,
        })
        .await
    }

    /// Like [`EventLog::append_decided`] for a background job that has read the log up to
    /// `upto`: its cursor is stored in the same transaction as what it appends (even when
    /// that is nothing), so after a crash it resumes exactly after what it acted on.
    pub async fn append_for_job(
        self: &Arc<Self>,
        job: &'static str,
        upto: Seq,
        decide: impl FnOnce(&State) -> Vec<Event> + Send + 'static,
        now: Timestamp,
    ) -> Result<Vec<EventRecord>, StoreError> {
        self.write(|reply| Write::Decided {
            decide: Box::new(move |state| Some(decide(state))),
            cursor: Some((job, upto)),
            now,
            reply,
        })
        .await
    }

    /// Where `job` has read the log up to, if it ever ran.
    pub async fn job_cursor(
        self: &Arc<Self>,
        job: &'static str,
    ) -> Result<Option<Seq>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let db = log.reader();
            let seq: Option<u64> = db
                .query_row("SELECT seq FROM job_cursors WHERE job = ?1", [job], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(seq.map(Seq))
        })
        .await
    }

    /// The archived webhook bodies, oldest first.
    pub async fn webhooks(self: &Arc<Self>) -> Result<Vec<Vec<u8>>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let db = log.reader();
            let mut statement = db.prepare("SELECT body FROM webhooks ORDER BY id")?;
            let rows = statement.query_map([], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    /// Decides a command against the projection and appends its events, atomically.
    /// Idempotent by (member, command id).
    pub async fn execute(
        self: &Arc<Self>,
        id: CommandId,
        viewer: Viewer,
        command: Command,
        now: Timestamp,
    ) -> Result<Result<CommandOutcome, CommandError>, StoreError> {
        self.write(|reply| Write::Execute {
            id,
            viewer,
            command: Box::new(command),
            now,
            reply,
        })
        .await
    }

    /// The events after `since`, oldest first, at most `limit`. A record that cannot be
    /// read (set aside at start-up) is skipped.
    pub async fn since(
        self: &Arc<Self>,
        since: Seq,
        limit: u32,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let log = Arc::clone(self);
        blocking(move || {
            let db = log.reader();
            let mut statement = db.prepare_cached(
                "SELECT seq, at, event FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            )?;
            let since = i64::try_from(since.0).unwrap_or(i64::MAX);
            let rows = statement.query_map(params![since, limit], |row| {
                Ok((
                    row.get::<_, u64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?;
            let mut records = Vec::new();
            for row in rows {
                let (seq, at, event) = row?;
                match decode(seq, at, &event) {
                    Ok(record) => records.push(record),
                    Err(error) => tracing::debug!(%error, "skipped a record set aside"),
                }
            }
            Ok(records)
        })
        .await
    }
}

/// The writer thread: takes every write waiting, runs them in one transaction (each in its
/// own savepoint, so one failing write fails alone), commits once, then publishes and
/// answers. A write that decides against the projection first commits what the group holds,
/// so it sees every record before it.
fn write_loop(mut db: Connection, shared: &Shared, jobs: &mpsc::Receiver<Write>) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let mut batch = Batch::default();
        for job in group {
            if !matches!(job, Write::Append { .. }) && !batch.records.is_empty() {
                batch.commit(&mut db, shared);
            }
            batch.run(&mut db, shared, job);
        }
        batch.commit(&mut db, shared);
    }
}

/// The writes of one transaction, answered once it commits.
#[derive(Default)]
struct Batch {
    open: bool,
    records: Vec<EventRecord>,
    answers: Vec<Answer>,
}

impl Batch {
    fn begin(&mut self, db: &Connection) -> Result<(), StoreError> {
        if !self.open {
            db.execute_batch("BEGIN IMMEDIATE")?;
            self.open = true;
        }
        Ok(())
    }

    fn run(&mut self, db: &mut Connection, shared: &Shared, job: Write) {
        match job {
            Write::Append {
                webhook,
                events,
                now,
                reply,
            } => {
                let extra = webhook.as_deref().map_or(Extra::None, Extra::Webhook);
                let result = self.savepoint(db, |db| insert_all(db, &events, now, extra));
                self.answer(reply, result, Clone::clone);
            }
            Write::Decided {
                decide,
                cursor,
                now,
                reply,
            } => {
                let events = decide(&shared.state()).unwrap_or_default();
                let result = if events.is_empty() && cursor.is_none() {
                    Ok(Vec::new())
                } else {
                    let events: Vec<NewEvent> = events.into_iter().map(NewEvent::new).collect();
                    self.savepoint(db, |db| {
                        let records = insert_all(db, &events, now, Extra::None)?;
                        if let Some((job, upto)) = cursor {
                            db.execute(
                                "INSERT INTO job_cursors (job, seq) VALUES (?1, ?2)
                                 ON CONFLICT (job) DO UPDATE SET seq = excluded.seq",
                                params![job, upto.0],
                            )?;
                        }
                        Ok(records)
                    })
                };
                self.answer(reply, result, Clone::clone);
            }
            Write::Execute {
                id,
                viewer,
                command,
                now,
                reply,
            } => {
                let result = self.savepoint(db, |db| {
                    let done: Option<u64> = db
                        .query_row(
                            "SELECT seq FROM commands WHERE agent = ?1 AND id = ?2",
                            params![viewer.id.as_str(), id.as_str()],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(seq) = done {
                        return Ok(Ok(CommandOutcome::AlreadyDone { seq: Seq(seq) }));
                    }
                    let (events, audit) = {
                        let state = shared.state();
                        match command.decide(&id, &viewer, &state, now) {
                            Ok(events) => (events, command.audit(&state)),
                            Err(refusal) => return Ok(Err(refusal)),
                        }
                    };
                    let events: Vec<NewEvent> = events.into_iter().map(NewEvent::new).collect();
                    let extra = Extra::Command(&id, &viewer);
                    let records = insert_all(db, &events, now, extra)?;
                    if let Some(note) = audit {
                        let record = crate::audit::Record {
                            actor: Some(viewer.id.to_string()),
                            address: None,
                            note,
                        };
                        crate::audit::insert(db, &record, now)?;
                    }
                    Ok(Ok(CommandOutcome::Appended(records)))
                });
                match result {
                    Err(error) => {
                        let _ = reply.send(Err(error));
                    }
                    Ok(outcome) => {
                        if let Ok(CommandOutcome::Appended(records)) = &outcome {
                            self.records.extend(records.iter().cloned());
                        }
                        self.answers.push(Box::new(move |committed| {
                            let _ =
                                reply.send(committed.map(|()| outcome).map_err(StoreError::Join));
                        }));
                    }
                }
            }
        }
    }

    /// Runs `write` in a savepoint of the open transaction, rolled back alone if it fails.
    fn savepoint<T>(
        &mut self,
        db: &mut Connection,
        write: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.begin(db)?;
        db.execute_batch("SAVEPOINT write")?;
        match write(db) {
            Ok(value) => {
                db.execute_batch("RELEASE write")?;
                Ok(value)
            }
            Err(error) => {
                let _ = db.execute_batch("ROLLBACK TO write; RELEASE write");
                Err(error)
            }
        }
    }

    /// Keeps the answer of a write that appended `records` until the commit.
    fn answer<T: Send + 'static>(
        &mut self,
        reply: Reply<T>,
        result: Result<Vec<EventRecord>, StoreError>,
        wrap: fn(&Vec<EventRecord>) -> T,
    ) {
        match result {
            Err(error) => {
                let _ = reply.send(Err(error));
            }
            Ok(records) => {
                self.records.extend(records.iter().cloned());
                let value = wrap(&records);
                self.answers.push(Box::new(move |committed| {
                    let _ = reply.send(committed.map(|()| value).map_err(StoreError::Join));
                }));
            }
        }
    }

    /// Commits, then publishes the records and answers every write of the group. When the
    /// commit fails nothing of the group happened: each write gets the error.
    fn commit(&mut self, db: &mut Connection, shared: &Shared) {
        let committed = if self.open {
            db.execute_batch("COMMIT").map_err(|error| {
                let _ = db.execute_batch("ROLLBACK");
                tracing::error!(%error, "a group of writes could not be committed");
                error.to_string()
            })
        } else {
            Ok(())
        };
        self.open = false;
        let records = std::mem::take(&mut self.records);
        if committed.is_ok() {
            shared.publish(&records);
        }
        for answer in self.answers.drain(..) {
            answer(committed.clone());
        }
    }
}

/// What is written in the same transaction as the events.
enum Extra<'a> {
    None,
    Command(&'a CommandId, &'a Viewer),
    Webhook(&'a [u8]),
}

fn insert_all(
    db: &Connection,
    events: &[NewEvent],
    now: Timestamp,
    extra: Extra<'_>,
) -> Result<Vec<EventRecord>, StoreError> {
    let mut records = Vec::with_capacity(events.len());
    {
        let mut insert = db.prepare_cached(
            "INSERT INTO events (at, dedupe, event) VALUES (?1, ?2, ?3) ON CONFLICT (dedupe) DO NOTHING",
        )?;
        for new in events {
            let (event, json) = readable(&new.event)?;
            if insert.execute(params![now.0, new.dedupe, json])? == 1 {
                let seq = u64::try_from(db.last_insert_rowid()).unwrap_or_default();
                records.push(EventRecord {
                    seq: Seq(seq),
                    at: now,
                    event,
                });
            }
        }
    }
    match (extra, records.last()) {
        (Extra::Command(id, viewer), Some(last)) => {
            db.execute(
                "INSERT INTO commands (agent, id, seq) VALUES (?1, ?2, ?3)",
                params![viewer.id.as_str(), id.as_str(), last.seq.0],
            )?;
        }
        (Extra::Webhook(body), _) => {
            db.execute(
                "INSERT INTO webhooks (at, body) VALUES (?1, ?2)",
                params![now.0, body],
            )?;
        }
        _ => {}
    }
    Ok(records)
}

/// The event as it will be read back, and its JSON. An event whose JSON does not decode
/// (a number JSON cannot hold, nesting deeper than the reader allows) would make the log
/// unreadable; it is stored as an unreadable webhook holding that JSON as text, so nothing is
/// lost and every later read succeeds.
fn readable(event: &Event) -> Result<(Event, String), StoreError> {
    let json = serde_json::to_string(event).map_err(StoreError::Encode)?;
    match serde_json::from_str::<Event>(&json) {
        Ok(_) => Ok((event.clone(), json)),
        Err(error) => {
            tracing::warn!(%error, "an event would not read back; kept as raw text");
            let kept = Event::WebhookUnreadable {
                line: match event {
                    Event::MessageReceived { line, .. } => Some(line.clone()),
                    Event::WebhookKept { line, .. } => line.clone(),
                    _ => None,
                },
                body: json,
                reason: format!("kept as text: it could not be read back ({error})"),
            };
            let json = serde_json::to_string(&kept).map_err(StoreError::Encode)?;
            Ok((kept, json))
        }
    }
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
            participant: None,
            also_known_as: Vec::new(),
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
    async fn a_jobs_cursor_is_stored_with_what_it_appends_and_survives_a_restart() {
        let path = temp_db("cursor");
        {
            let log = Arc::new(EventLog::open(&path).expect("open"));
            let head = log.follow();
            for wamid in ["wamid.1", "wamid.2"] {
                log.append(vec![NewEvent::new(received(wamid))], Timestamp(5))
                    .await
                    .expect("append");
            }
            assert_eq!(*head.borrow(), Seq(2), "the head follows commits");
            assert_eq!(log.job_cursor("job").await.expect("read"), None);
            let appended = log
                .append_for_job("job", Seq(1), |_| vec![received("wamid.job")], Timestamp(6))
                .await
                .expect("append");
            assert_eq!(appended.len(), 1);
            assert_eq!(log.job_cursor("job").await.expect("read"), Some(Seq(1)));
            // Deciding nothing still moves the cursor.
            log.append_for_job("job", Seq(3), |_| Vec::new(), Timestamp(7))
                .await
                .expect("append");
            assert_eq!(log.job_cursor("other").await.expect("read"), None);
        }
        let log = Arc::new(EventLog::open(&path).expect("reopen"));
        assert_eq!(log.job_cursor("job").await.expect("read"), Some(Seq(3)));
        assert_eq!(*log.follow().borrow(), Seq(3), "the head is read at open");
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

    fn viewer(id: &str) -> Viewer {
        Viewer {
            id: switchboard_domain::AgentId::new(id),
            role: switchboard_domain::Role::Admin,
        }
    }

    fn resolve() -> Command {
        Command::Resolve(switchboard_domain::command::ChatOnly {
            chat: switchboard_domain::ChatId::of(
                &LineId::new("sandbox"),
                &ContactId::new("5511999990000"),
            ),
        })
    }

    #[tokio::test]
    async fn command_ids_are_each_members_own() {
        let log = Arc::new(EventLog::open(&temp_db("members")).expect("open"));
        log.append(vec![NewEvent::new(received("wamid.1"))], Timestamp(5))
            .await
            .expect("append");
        let id = CommandId::new("c1");
        let first = log.execute(id.clone(), viewer("admin"), resolve(), Timestamp(6));
        assert!(matches!(
            first.await.expect("store"),
            Ok(CommandOutcome::Appended(_))
        ));
        let again = log.execute(id.clone(), viewer("admin"), resolve(), Timestamp(7));
        assert!(matches!(
            again.await.expect("store"),
            Ok(CommandOutcome::AlreadyDone { seq: Seq(2) })
        ));
        // Another member's same id is theirs: it runs, and tells them nothing of the first.
        let other = log.execute(id, viewer("bruno"), resolve(), Timestamp(8));
        assert!(matches!(
            other.await.expect("store"),
            Ok(CommandOutcome::Appended(records)) if records[0].seq == Seq(3)
        ));
    }

    #[tokio::test]
    async fn an_event_that_would_not_read_back_is_kept_as_text() {
        let path = temp_db("nan");
        {
            let log = Arc::new(EventLog::open(&path).expect("open"));
            let Event::MessageReceived { line, contact, .. } = received("wamid.1") else {
                unreachable!()
            };
            let nan = Event::MessageReceived {
                line,
                contact,
                profile_name: None,
                wamid: Wamid::new("wamid.nan"),
                sent_at: Timestamp(1),
                body: MessageBody::Location(switchboard_domain::message::Location {
                    latitude: f64::NAN,
                    longitude: f64::INFINITY,
                    name: None,
                    address: None,
                    url: None,
                }),
                context: Default::default(),
                referral: None,
                participant: None,
                also_known_as: Vec::new(),
                raw: serde_json::Value::Null,
            };
            let records = log
                .append(
                    vec![NewEvent::new(nan), NewEvent::new(received("wamid.2"))],
                    Timestamp(5),
                )
                .await
                .expect("append");
            assert!(matches!(records[0].event, Event::WebhookUnreadable { .. }));
            assert_eq!(log.since(Seq(0), 10).await.expect("read").len(), 2);
        }
        let log = Arc::new(EventLog::open(&path).expect("reopen"));
        assert!(log.set_aside().is_empty());
        assert_eq!(log.since(Seq(0), 10).await.expect("read").len(), 2);
    }

    #[tokio::test]
    async fn an_unreadable_record_is_set_aside_and_the_relay_still_starts() {
        let path = temp_db("set-aside");
        {
            let log = Arc::new(EventLog::open(&path).expect("open"));
            let events = vec![
                NewEvent::new(received("wamid.1")),
                NewEvent::new(received("wamid.2")),
            ];
            log.append(events, Timestamp(5)).await.expect("append");
        }
        Connection::open(&path)
            .expect("open by hand")
            .execute(
                "UPDATE events SET event = '{\"type\":\"nonsense\"' WHERE seq = 1",
                [],
            )
            .expect("damage");
        let log = Arc::new(EventLog::open(&path).expect("starts anyway"));
        assert_eq!(log.set_aside().len(), 1);
        assert_eq!(log.set_aside()[0].seq, Seq(1));
        assert_eq!(log.read(|s| s.cursor), Seq(2));
        let records = log.since(Seq(0), 10).await.expect("read");
        assert_eq!(records.iter().map(|r| r.seq).collect::<Vec<_>>(), [Seq(2)]);
    }

    #[tokio::test]
    async fn a_database_of_the_previous_schema_is_migrated() {
        let path = temp_db("migrate");
        Connection::open(&path)
            .expect("old")
            .execute_batch(
                "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
                     dedupe TEXT UNIQUE, event TEXT NOT NULL);
                 CREATE TABLE webhooks (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
                     body BLOB NOT NULL);
                 CREATE TABLE commands (id TEXT PRIMARY KEY, agent TEXT NOT NULL, seq INTEGER NOT NULL);
                 INSERT INTO commands VALUES ('c1', 'admin', 7);",
            )
            .expect("old schema");
        let log = Arc::new(EventLog::open(&path).expect("open"));
        let id = CommandId::new("c1");
        let again = log.execute(id, viewer("admin"), resolve(), Timestamp(7));
        assert!(matches!(
            again.await.expect("store"),
            Ok(CommandOutcome::AlreadyDone { seq: Seq(7) })
        ));
        let version: i64 = Connection::open(&path)
            .expect("open")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, i64::try_from(MIGRATIONS.len()).expect("small"));
    }

    #[tokio::test]
    async fn concurrent_appends_share_commits_and_keep_one_order() {
        let log = Arc::new(EventLog::open(&temp_db("group")).expect("open"));
        let mut live = log.subscribe();
        let appends: Vec<_> = (0..300)
            .map(|n| {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let event =
                        NewEvent::deduped(received(&format!("wamid.{n}")), format!("in:{n}"));
                    log.append(vec![event], Timestamp(n)).await.expect("append")
                })
            })
            .collect();
        let mut seqs = Vec::new();
        for append in appends {
            seqs.extend(append.await.expect("task").into_iter().map(|r| r.seq.0));
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=300).collect::<Vec<_>>());
        let mut broadcast = Vec::new();
        for _ in 0..300 {
            broadcast.push(live.recv().await.expect("live").seq.0);
        }
        assert_eq!(
            broadcast,
            (1..=300).collect::<Vec<_>>(),
            "published in commit order"
        );
        assert_eq!(log.since(Seq(0), 1000).await.expect("read").len(), 300);
    }

    #[test]
    fn every_connection_commits_to_disk_before_answering() {
        let db = connect(&temp_db("full")).expect("connect");
        let journal: String = db
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal");
        let synchronous: i64 = db
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .expect("synchronous");
        assert_eq!(journal, "wal");
        assert_eq!(synchronous, 2, "FULL: the WAL is synced at every commit");
    }
}
