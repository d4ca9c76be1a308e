//! Customers' files on the relay's disk, and their record in SQLite (table `media_files`,
//! on its own connection to the relay's database).
//!
//! On disk, `<data>/media/<line>/<id>.bin` holds the bytes and `<id>.json` their MIME type
//! and size. A download goes to `<id>.<random>.tmp` and is renamed into place only once
//! complete and checked, and the sidecar is renamed last: a file without its sidecar is not
//! served.
//!
//! The record lists every inbound file the relay has heard of: `pending` (to fetch, with
//! the attempts so far and when to try next), `fetched`, `failed` (given up, with why) or
//! `evicted` (removed from disk, with when and why). The [fetcher](crate::media_fetcher)
//! keeps it; `GET /api/media/…` reads it.

use crate::{
    auth::random_id,
    config::LineConfig,
    whatsapp::media::{self, MediaError},
};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};
use switchboard_domain::{Seq, Timestamp, media::Eviction};

#[derive(Debug, thiserror::Error)]
pub enum MediaFilesError {
    #[error("media record: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("media record task failed: {0}")]
    Join(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileState {
    Pending,
    Fetched,
    Failed,
    Evicted,
}

impl FileState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Fetched => "fetched",
            Self::Failed => "failed",
            Self::Evicted => "evicted",
        }
    }
    fn parse(text: &str) -> Self {
        match text {
            "fetched" => Self::Fetched,
            "failed" => Self::Failed,
            "evicted" => Self::Evicted,
            _ => Self::Pending,
        }
    }
}

/// One customer file as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MediaRecord {
    pub line: String,
    pub media_id: String,
    pub state: FileState,
    pub mime_type: Option<String>,
    pub size: u64,
    /// When the message carrying it arrived (ms since the epoch).
    pub received_at: i64,
    pub fetched_at: Option<i64>,
    pub attempts: u32,
    pub next_attempt_at: Option<i64>,
    /// Why the last attempt failed.
    pub error: Option<String>,
    pub evicted_at: Option<i64>,
    pub evicted_reason: Option<Eviction>,
}

/// The sidecar of a cached file.
#[derive(Debug, Serialize, Deserialize)]
pub struct Stored {
    pub mime_type: String,
    pub size: u64,
}

pub struct MediaFiles {
    db: Mutex<Connection>,
    /// `<data>/media`.
    dir: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS media_files (
    line TEXT NOT NULL,
    media_id TEXT NOT NULL,
    state TEXT NOT NULL,
    mime_type TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    fetched_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    error TEXT,
    evicted_at INTEGER,
    evicted_reason TEXT,
    PRIMARY KEY (line, media_id)
);
CREATE INDEX IF NOT EXISTS media_files_due ON media_files (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS media_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
";

impl MediaFiles {
    pub fn open(database: &Path, data: &Path) -> Result<Self, MediaFilesError> {
        let db = Connection::open(database)?;
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(SCHEMA)?;
        Ok(Self {
            db: Mutex::new(db),
            dir: data.join("media"),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `f` on the connection off the async threads.
    async fn with<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, MediaFilesError> {
        let files = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(&files.lock()).map_err(MediaFilesError::from))
            .await
            .map_err(|e| MediaFilesError::Join(e.to_string()))?
    }

    /// The last event of the log the fetcher has looked at.
    pub async fn cursor(self: &Arc<Self>) -> Result<Seq, MediaFilesError> {
        self.with(|db| {
            db.query_row("SELECT seq FROM media_cursor WHERE id = 1", [], |r| {
                r.get::<_, u64>(0)
            })
            .optional()
            .map(|seq| Seq(seq.unwrap_or(0)))
        })
        .await
    }

    /// Records the files of the messages up to `seq` (once each) and moves the cursor, in
    /// one transaction: after a restart the fetcher goes on where it stopped.
    pub async fn note_received(
        self: &Arc<Self>,
        files: Vec<(String, String, Timestamp)>,
        seq: Seq,
    ) -> Result<(), MediaFilesError> {
        self.with(move |db| {
            let tx = db.unchecked_transaction()?;
            for (line, media_id, at) in files {
                tx.execute(
                    "INSERT OR IGNORE INTO media_files (line, media_id, state, received_at, next_attempt_at)
                     VALUES (?1, ?2, 'pending', ?3, ?3)",
                    params![line, media_id, at.millis()],
                )?;
            }
            tx.execute(
                "INSERT INTO media_cursor (id, seq) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
                params![seq.0],
            )?;
            tx.commit()
        })
        .await
    }

    /// Pending files whose next attempt is due at `now`, oldest first.
    pub async fn due(
        self: &Arc<Self>,
        now: Timestamp,
    ) -> Result<Vec<MediaRecord>, MediaFilesError> {
        self.query(
            "state = 'pending' AND next_attempt_at <= ?1 ORDER BY received_at LIMIT 100",
            now.millis(),
        )
        .await
    }

    /// When the next pending attempt is due, if any.
    pub async fn next_due(self: &Arc<Self>) -> Result<Option<i64>, MediaFilesError> {
        self.with(|db| {
            db.query_row(
                "SELECT MIN(next_attempt_at) FROM media_files WHERE state = 'pending'",
                [],
                |r| r.get::<_, Option<i64>>(0),
            )
        })
        .await
    }

    /// Records an attempt before it is made: a crash mid-download still counts it.
    pub async fn attempting(
        self: &Arc<Self>,
        line: &str,
        media_id: &str,
        attempts: u32,
        next_attempt_at: Timestamp,
    ) -> Result<(), MediaFilesError> {
        let (line, media_id) = (line.to_owned(), media_id.to_owned());
        self.with(move |db| {
            db.execute(
                "UPDATE media_files SET attempts = ?3, next_attempt_at = ?4
                 WHERE line = ?1 AND media_id = ?2",
                params![line, media_id, attempts, next_attempt_at.millis()],
            )
            .map(drop)
        })
        .await
    }

    /// A failed attempt: `last` when it is given up for good.
    pub async fn attempt_failed(
        self: &Arc<Self>,
        line: &str,
        media_id: &str,
        error: String,
        last: bool,
    ) -> Result<(), MediaFilesError> {
        let (line, media_id) = (line.to_owned(), media_id.to_owned());
        self.with(move |db| {
            db.execute(
                "UPDATE media_files SET error = ?3,
                    state = CASE WHEN ?4 THEN 'failed' ELSE state END,
                    next_attempt_at = CASE WHEN ?4 THEN NULL ELSE next_attempt_at END
                 WHERE line = ?1 AND media_id = ?2",
                params![line, media_id, error, last],
            )
            .map(drop)
        })
        .await
    }

    /// A file now on disk (fetched in the background or when someone opened it).
    pub async fn fetched(
        self: &Arc<Self>,
        line: &str,
        media_id: &str,
        stored: &Stored,
        now: Timestamp,
    ) -> Result<(), MediaFilesError> {
        let (line, media_id) = (line.to_owned(), media_id.to_owned());
        let (mime_type, size) = (stored.mime_type.clone(), stored.size);
        self.with(move |db| {
            db.execute(
                "INSERT INTO media_files (line, media_id, state, mime_type, size, received_at, fetched_at)
                 VALUES (?1, ?2, 'fetched', ?3, ?4, ?5, ?5)
                 ON CONFLICT (line, media_id) DO UPDATE SET state = 'fetched', mime_type = ?3,
                    size = ?4, fetched_at = ?5, next_attempt_at = NULL, error = NULL",
                params![line, media_id, mime_type, size, now.millis()],
            )
            .map(drop)
        })
        .await
    }

    /// The files on disk, for the eviction rule.
    pub async fn on_disk(self: &Arc<Self>) -> Result<Vec<MediaRecord>, MediaFilesError> {
        self.query("state = 'fetched' AND ?1 = ?1 ORDER BY fetched_at", 0)
            .await
    }

    /// Removes a file from disk and records when and why.
    pub async fn evict(
        self: &Arc<Self>,
        line: &str,
        media_id: &str,
        reason: Eviction,
        now: Timestamp,
    ) -> Result<(), MediaFilesError> {
        let (data, sidecar) = self.paths(line, media_id);
        // The sidecar first: a file without it is never served.
        let _ = tokio::fs::remove_file(&sidecar).await;
        let _ = tokio::fs::remove_file(&data).await;
        let (line, media_id) = (line.to_owned(), media_id.to_owned());
        self.with(move |db| {
            db.execute(
                "UPDATE media_files SET state = 'evicted', evicted_at = ?3, evicted_reason = ?4
                 WHERE line = ?1 AND media_id = ?2",
                params![line, media_id, now.millis(), reason.as_str()],
            )
            .map(drop)
        })
        .await
    }

    pub async fn get(
        self: &Arc<Self>,
        line: &str,
        media_id: &str,
    ) -> Result<Option<MediaRecord>, MediaFilesError> {
        let (line, media_id) = (line.to_owned(), media_id.to_owned());
        self.with(move |db| {
            db.query_row(
                &format!("SELECT {COLUMNS} FROM media_files WHERE line = ?1 AND media_id = ?2"),
                params![line, media_id],
                record,
            )
            .optional()
        })
        .await
    }

    /// The bytes on disk of fetched files.
    pub async fn usage(self: &Arc<Self>) -> Result<u64, MediaFilesError> {
        self.with(|db| {
            db.query_row(
                "SELECT COALESCE(SUM(size), 0) FROM media_files WHERE state = 'fetched'",
                [],
                |r| r.get::<_, u64>(0),
            )
        })
        .await
    }

    /// The newest `limit` files in `state`.
    pub async fn latest(
        self: &Arc<Self>,
        state: FileState,
        limit: i64,
    ) -> Result<Vec<MediaRecord>, MediaFilesError> {
        let state = state.as_str();
        self.with(move |db| {
            let mut statement = db.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM media_files WHERE state = ?1
                 ORDER BY COALESCE(evicted_at, received_at) DESC LIMIT ?2"
            ))?;
            statement
                .query_map(params![state, limit], record)?
                .collect()
        })
        .await
    }

    async fn query(
        self: &Arc<Self>,
        filter: &'static str,
        value: i64,
    ) -> Result<Vec<MediaRecord>, MediaFilesError> {
        self.with(move |db| {
            let mut statement =
                db.prepare_cached(&format!("SELECT {COLUMNS} FROM media_files WHERE {filter}"))?;
            statement.query_map(params![value], record)?.collect()
        })
        .await
    }

    /// The data file and sidecar of a cached file.
    pub fn paths(&self, line: &str, media_id: &str) -> (PathBuf, PathBuf) {
        let dir = self.dir.join(line);
        (
            dir.join(format!("{media_id}.bin")),
            dir.join(format!("{media_id}.json")),
        )
    }

    /// The cached file and its sidecar, when both are there and agree on the size.
    pub async fn cached(&self, line: &str, media_id: &str) -> Option<(tokio::fs::File, Stored)> {
        let (data, sidecar) = self.paths(line, media_id);
        let stored: Stored = serde_json::from_slice(&tokio::fs::read(sidecar).await.ok()?).ok()?;
        let file = tokio::fs::File::open(data).await.ok()?;
        let length = file.metadata().await.ok()?.len();
        (length == stored.size).then_some((file, stored))
    }

    /// Downloads the media from WhatsApp into the cache, and records it as fetched.
    pub async fn download(
        self: &Arc<Self>,
        line: &LineConfig,
        media_id: &str,
        now: Timestamp,
    ) -> Result<Stored, MediaError> {
        let dir = self.dir.join(line.id.as_str());
        let (data, sidecar) = self.paths(line.id.as_str(), media_id);
        tokio::fs::create_dir_all(&dir).await?;
        let temp = TempFile(dir.join(format!("{media_id}.{}.tmp", random_id(8))));
        let mut file = tokio::fs::File::create(&temp.0).await?;
        let downloaded = media::download(line, media_id, &mut file).await?;
        drop(file);
        tokio::fs::rename(&temp.0, data).await?;
        let stored = Stored {
            mime_type: downloaded.mime_type,
            size: downloaded.size,
        };
        let side = TempFile(dir.join(format!("{media_id}.{}.tmp", random_id(8))));
        let json = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        tokio::fs::write(&side.0, json).await?;
        tokio::fs::rename(&side.0, sidecar).await?;
        if let Err(error) = self.fetched(line.id.as_str(), media_id, &stored, now).await {
            tracing::error!(%error, "a fetched media file could not be recorded");
        }
        Ok(stored)
    }
}

const COLUMNS: &str = "line, media_id, state, mime_type, size, received_at, fetched_at, attempts,
    next_attempt_at, error, evicted_at, evicted_reason";

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<MediaRecord> {
    Ok(MediaRecord {
        line: row.get(0)?,
        media_id: row.get(1)?,
        state: FileState::parse(&row.get::<_, String>(2)?),
        mime_type: row.get(3)?,
        size: row.get(4)?,
        received_at: row.get(5)?,
        fetched_at: row.get(6)?,
        attempts: row.get(7)?,
        next_attempt_at: row.get(8)?,
        error: row.get(9)?,
        evicted_at: row.get(10)?,
        evicted_reason: row.get::<_, Option<String>>(11)?.and_then(|reason| {
            match reason.as_str() {
                "retention" => Some(Eviction::Retention),
                "quota" => Some(Eviction::Quota),
                _ => None,
            }
        }),
    })
}

/// A temporary file removed when dropped, also when the request is cancelled mid-download.
/// After a successful rename the removal finds nothing, which is fine.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
