//! The IndexedDB replica of the event log: database `switchboard`, object stores
//! `events` (key: seq, value: the record as JSON) and `meta` (key `cursor`).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use switchboard_domain::EventRecord;

const DB_NAME: &str = "switchboard";
const EVENTS: &str = "events";
const META: &str = "meta";
const CURSOR_KEY: &str = "cursor";

/// Schema versions, one migration step each.
const SCHEMA_VERSION: u32 = 1;

/// Why the replica could not be read or written.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The browser refused the local copy of the inbox ({0}): allow site storage, or use a normal (not private) window."
    )]
    Open(String),
    #[error("The local copy of the inbox could not be read or written ({0}): reload the page.")]
    Io(String),
    #[error(
        "The local copy of the inbox holds an event this app cannot read ({0}): log out and in again to rebuild it."
    )]
    Corrupt(String),
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        Self::Io(error.to_string())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(error: indexed_db_futures::error::OpenDbError) -> Self {
        Self::Open(error.to_string())
    }
}

/// An open connection to the replica.
#[derive(Clone, Debug)]
pub struct Store {
    db: Database,
}

impl Store {
    pub async fn open() -> Result<Self, StoreError> {
        let db = Database::open(DB_NAME)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| {
                // Versions are small integers stored as f64 by the browser.
                if event.old_version() < 1.0 {
                    db.create_object_store(EVENTS).build()?;
                    db.create_object_store(META).build()?;
                }
                Ok(())
            })
            .await?;
        Ok(Self { db })
    }

    /// Every stored record, oldest first (IndexedDB orders numeric keys).
    pub async fn load(&self) -> Result<Vec<EventRecord>, StoreError> {
        let tx = self.db.transaction(EVENTS).build()?;
        let store = tx.object_store(EVENTS)?;
        let rows: Vec<String> = store.get_all::<String>().await?.collect::<Result<_, _>>()?;
        rows.iter()
            .map(|row| serde_json::from_str(row).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }

    /// Stores records (in seq order) and moves the cursor to the last, in one transaction:
    /// all of them or none. A backlog is written in batches, not one transaction per event.
    pub async fn append(&self, records: &[EventRecord]) -> Result<(), StoreError> {
        let Some(last) = records.last() else {
            return Ok(());
        };
        let tx = self
            .db
            .transaction([EVENTS, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let events = tx.object_store(EVENTS)?;
        for record in records {
            let json =
                serde_json::to_string(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            // IndexedDB keys are JS numbers; seqs stay far below 2^53.
            events.put(json).with_key(record.seq.0 as f64).await?;
        }
        tx.object_store(META)?
            .put(last.seq.0 as f64)
            .with_key(CURSOR_KEY)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Empties the replica (events and cursor) in one transaction, keeping it open.
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([EVENTS, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(EVENTS)?.clear()?;
        tx.object_store(META)?.clear()?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes the connection, so the database can be deleted.
    pub fn close(self) {
        self.db.close();
    }
}

/// Deletes the whole replica (on logout). Waits until no connection holds it open.
pub async fn wipe() -> Result<(), StoreError> {
    Database::delete_by_name(DB_NAME)?.await?;
    Ok(())
}
