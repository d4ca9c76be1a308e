//! The audit log: who did what, when and from where. Kept apart from the events every
//! member's browser replicates (only admins read this), in the same database: a command's
//! entry is written by the event log in the transaction of its events (`store.rs`); this
//! connection writes what is not a command (sign-ins, accounts) and reads for admins.

use crate::store::StoreError;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use std::{path::Path, sync::Mutex};
use switchboard_domain::{Timestamp, audit::AuditNote};

/// The audit table; also the event log's migration 5, which writes commands' entries, so it
/// is never edited: a change to the table is a new migration.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    target TEXT,
    address TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_action ON audit (action, id);
";

/// Everything the audit log records; defined in the domain, where the app reads it too.
pub use switchboard_domain::audit::AuditAction as Action;

/// One line of the audit log.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: Timestamp,
    pub actor: Option<String>,
    pub action: Action,
    pub target: Option<String>,
    pub address: Option<String>,
    pub detail: serde_json::Value,
}

/// What to record: who, from where, and the domain's note of what (action, target,
/// detail); `at` and `id` are added when it is written.
#[derive(Clone, Debug)]
pub struct Record {
    pub actor: Option<String>,
    pub address: Option<String>,
    pub note: AuditNote,
}

impl Record {
    pub fn new(actor: &impl ToString, action: Action) -> Self {
        Self {
            actor: Some(actor.to_string()),
            address: None,
            note: AuditNote::new(action),
        }
    }
    pub fn target(mut self, target: &impl ToString) -> Self {
        self.note = self.note.target(target);
        self
    }
    pub fn address(mut self, address: &impl ToString) -> Self {
        self.address = Some(address.to_string());
        self
    }
    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.note = self.note.detail(detail);
        self
    }
}

/// Writes one entry on `db`: the audit log's own connection, or the event log's writer in
/// the transaction of a command's events.
pub(crate) fn insert(db: &Connection, record: &Record, now: Timestamp) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO audit (at, actor, action, target, address, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        now.0,
        record.actor,
        record.note.action.as_str(),
        record.note.target,
        record.address,
        record.note.detail.to_string()
    ])
    .map(drop)
}

/// A page of the log, newest first.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Filter {
    pub action: Option<Action>,
    pub actor: Option<String>,
    pub target: Option<String>,
    /// Only entries at or after this time (ms since the epoch)…
    pub from: Option<i64>,
    /// …and before this one.
    pub to: Option<i64>,
    /// Only entries older than this id (the next page).
    pub before: Option<i64>,
    pub limit: Option<u32>,
}

pub struct AuditLog {
    db: Mutex<Connection>,
}

impl AuditLog {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let db = Connection::open(path)?;
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(SCHEMA)?;
        Ok(Self { db: Mutex::new(db) })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Writes an entry. A failure is logged, never shown to the member who acted: their
    /// action already happened.
    pub fn record(&self, record: Record, now: Timestamp) {
        if let Err(error) = insert(&self.lock(), &record, now) {
            tracing::error!(%error, action = record.note.action.as_str(), "audit entry not written");
        }
    }

    pub fn list(&self, filter: &Filter) -> Result<Vec<Entry>, StoreError> {
        let action = filter.action.map(Action::as_str);
        let limit = filter.limit.unwrap_or(100).clamp(1, 1000);
        let db = self.lock();
        let mut statement = db.prepare_cached(
            "SELECT id, at, actor, action, target, address, detail FROM audit
             WHERE (?1 IS NULL OR action = ?1) AND (?2 IS NULL OR actor = ?2)
               AND (?3 IS NULL OR target = ?3) AND (?4 IS NULL OR at >= ?4)
               AND (?5 IS NULL OR at < ?5) AND (?6 IS NULL OR id < ?6)
             ORDER BY id DESC LIMIT ?7",
        )?;
        let rows = statement.query_map(
            params![
                action,
                filter.actor,
                filter.target,
                filter.from,
                filter.to,
                filter.before,
                limit
            ],
            |r| {
                let action: String = r.get(3)?;
                let detail: String = r.get(6)?;
                Ok(Entry {
                    id: r.get(0)?,
                    at: Timestamp(r.get(1)?),
                    actor: r.get(2)?,
                    action: Action::parse(&action),
                    target: r.get(4)?,
                    address: r.get(5)?,
                    detail: serde_json::from_str(&detail).unwrap_or_default(),
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_by_action_actor_and_time_newest_first() {
        let dir = tempdir("filters");
        let audit = AuditLog::open(&dir.join("audit.sqlite")).expect("open");
        audit.record(
            Record::new(&"ana", Action::LoginFailed).address(&"10.0.0.1"),
            Timestamp(1),
        );
        audit.record(Record::new(&"ana", Action::LoginSucceeded), Timestamp(2));
        audit.record(
            Record::new(&"admin", Action::MemberChanged)
                .target(&"ana")
                .detail(serde_json::json!({ "role": "supervisor" })),
            Timestamp(3),
        );
        let all = audit.list(&Filter::default()).expect("list");
        assert_eq!(
            all.iter().map(|e| e.action).collect::<Vec<_>>(),
            [
                Action::MemberChanged,
                Action::LoginSucceeded,
                Action::LoginFailed
            ]
        );
        let failed = Filter {
            action: Some(Action::LoginFailed),
            ..Filter::default()
        };
        let failed = audit.list(&failed).expect("list");
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].address.as_deref(), Some("10.0.0.1"));
        let by_admin_since_2 = Filter {
            actor: Some("admin".into()),
            from: Some(2),
            ..Filter::default()
        };
        let entries = audit.list(&by_admin_since_2).expect("list");
        assert_eq!(entries[0].detail["role"], "supervisor");
        let page = Filter {
            before: Some(all[1].id),
            ..Filter::default()
        };
        assert_eq!(audit.list(&page).expect("list").len(), 1);
    }

    fn tempdir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sb-audit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }
}
