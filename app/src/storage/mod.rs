//! The IndexedDB replica of the event log: database `switchboard`, object stores
//! `batches` (key: the seq of a batch's last record, value: its records as one JSON array)
//! and `meta` (key `cursor`). One row per batch, not per event: a browser writes a hundred
//! thousand small rows several times slower than a hundred large ones.

use crate::i18n::{t, t_with};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use switchboard_domain::EventRecord;

const DB_NAME: &str = "switchboard";
const BATCHES: &str = "batches";
/// Version 1 kept one row per event; its rows are dropped and the replica syncs again.
const EVENTS_V1: &str = "events";
const META: &str = "meta";
const CURSOR_KEY: &str = "cursor";
/// The member the replica was synced for: another member never reads it.
const OWNER_KEY: &str = "owner";

/// Schema versions, one migration step each.
const SCHEMA_VERSION: u32 = 2;

/// Why the replica could not be read or written, in the member's language.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("{}", t_with("app-error-storage-open", &[("cause", .0.as_str().into())]))]
    Open(String),
    #[error("{}", t("app-error-storage-blocked"))]
    Blocked,
    #[error("{}", t_with("app-error-storage-io", &[("cause", .0.as_str().into())]))]
    Io(String),
    #[error("{}", t_with("app-error-storage-corrupt", &[("cause", .0.as_str().into())]))]
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
                let old = event.old_version();
                if old < 1.0 {
                    db.create_object_store(META).build()?;
                }
                if old < 2.0 {
                    if old >= 1.0 {
                        db.delete_object_store(EVENTS_V1)?;
                    }
                    db.create_object_store(BATCHES).build()?;
                }
                Ok(())
            })
            .await?;
        Ok(Self { db })
    }

    /// Every stored record, oldest first (IndexedDB orders numeric keys).
    pub async fn load(&self) -> Result<Vec<EventRecord>, StoreError> {
        let tx = self.db.transaction(BATCHES).build()?;
        let store = tx.object_store(BATCHES)?;
        let rows: Vec<String> = store.get_all::<String>().await?.collect::<Result<_, _>>()?;
        let mut records = Vec::new();
        for row in &rows {
            let batch: Vec<EventRecord> =
                serde_json::from_str(row).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            records.extend(batch);
        }
        Ok(records)
    }

    /// Stores records (in seq order) and moves the cursor to the last, in one transaction:
    /// all of them or none. A backlog is written in batches, not one transaction per event.
    pub async fn append(&self, records: &[EventRecord]) -> Result<(), StoreError> {
        let Some(last) = records.last() else {
            return Ok(());
        };
        let tx = self
            .db
            .transaction([BATCHES, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let json =
            serde_json::to_string(records).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // IndexedDB keys are JS numbers; seqs stay far below 2^53.
        tx.object_store(BATCHES)?
            .put(json)
            .with_key(last.seq.0 as f64)
            .await?;
        tx.object_store(META)?
            .put(last.seq.0 as f64)
            .with_key(CURSOR_KEY)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whose replica this is (the username it was synced for), if recorded.
    pub async fn owner(&self) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(META).build()?;
        Ok(tx.object_store(META)?.get(OWNER_KEY).primitive()?.await?)
    }

    /// Empties the replica and records that it is now `owner`'s, in one transaction.
    pub async fn reset_for(&self, owner: &str) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([BATCHES, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(BATCHES)?.clear()?;
        let meta = tx.object_store(META)?;
        meta.clear()?;
        meta.put(owner.to_owned()).with_key(OWNER_KEY).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Empties the replica (events and cursor) in one transaction, keeping it open.
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([BATCHES, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(BATCHES)?.clear()?;
        // The owner stays: the same member syncs again from the start.
        tx.object_store(META)?.delete(CURSOR_KEY).primitive()?;
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
