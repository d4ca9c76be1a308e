//! `switchboard backup FILE` and `switchboard restore FILE`: the whole database (events,
//! accounts, sessions, the audit log, the record of customers' files) in one file.
//!
//! A backup is taken while the relay runs: `VACUUM INTO` reads one consistent snapshot of
//! the database (a read transaction, which WAL lets writers continue beside) and writes it
//! compacted to a new file. A restore checks the file first, and moves the current database
//! aside instead of overwriting it.

use crate::store;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What a backup or a restore found in the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub events: u64,
    pub members: u64,
    pub bytes: u64,
    pub schema: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is no database at {0}: check `data` in the configuration")]
    NoDatabase(PathBuf),
    #[error("{0} already exists: choose a new file name, a backup never overwrites one")]
    Exists(PathBuf),
    #[error("{0} is not there")]
    Missing(PathBuf),
    #[error("{path} is not a Switchboard database ({why})")]
    NotADatabase { path: PathBuf, why: String },
    #[error(
        "{path} was written by a newer Switchboard (schema {found}, this one knows up to {known}): upgrade this relay first"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the relay is running (its address {0} is taken): stop it before restoring")]
    Running(String),
    #[error("{0}")]
    Io(String),
}

impl From<rusqlite::Error> for BackupError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Io(error.to_string())
    }
}

impl From<std::io::Error> for BackupError {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error.to_string())
    }
}

/// Writes a consistent copy of the database `db` to the new file `to`.
pub fn backup(db: &Path, to: &Path) -> Result<Summary, BackupError> {
    if !db.exists() {
        return Err(BackupError::NoDatabase(db.to_owned()));
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // The relay's writer may hold the lock for a moment: wait for it rather than fail.
    source.busy_timeout(std::time::Duration::from_secs(30))?;
    let target = to
        .to_str()
        .ok_or_else(|| BackupError::Io(format!("{} is not a UTF-8 path", to.display())))?;
    source.execute("VACUUM INTO ?1", [target])?;
    check(to)
}

/// Replaces the database `db` with the backup `from`, after checking it; the database it
/// replaces is kept beside it as `<name>.before-restore-<millis>`. Refused while `running`
/// says a relay is using the database.
pub fn restore(
    from: &Path,
    db: &Path,
    running: Option<String>,
    now_millis: i64,
) -> Result<(Summary, Option<PathBuf>), BackupError> {
    if !from.exists() {
        return Err(BackupError::Missing(from.to_owned()));
    }
    let summary = check(from)?;
    if let Some(address) = running {
        return Err(BackupError::Running(address));
    }
    if let Some(dir) = db.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let kept = if db.exists() {
        let aside = db.with_extension(format!("sqlite.before-restore-{now_millis}"));
        std::fs::rename(db, &aside)?;
        // The old database's write-ahead log belongs to it, not to the restored one.
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", db.display()));
            if side.exists() {
                std::fs::rename(&side, format!("{}{suffix}", aside.display()))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    std::fs::copy(from, db)?;
    Ok((summary, kept))
}

/// Opens `path` read-only and checks it is a sound Switchboard database this build can open.
fn check(path: &Path) -> Result<Summary, BackupError> {
    let not = |why: String| BackupError::NotADatabase {
        path: path.to_owned(),
        why,
    };
    let db = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not(e.to_string()))?;
    let sound: String = db
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not(e.to_string()))?;
    if sound != "ok" {
        return Err(not(sound));
    }
    let schema: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = store::SCHEMA_VERSION;
    if schema > known {
        return Err(BackupError::Newer {
            path: path.to_owned(),
            found: schema,
            known,
        });
    }
    let count = |table: &str| -> Result<u64, BackupError> {
        db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| not(format!("it has no {table} table")))
    };
    Ok(Summary {
        events: count("events")?,
        members: count("agents")?,
        bytes: std::fs::metadata(path)?.len(),
        schema,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sb-backup-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_file_that_is_not_a_database_or_is_missing_is_refused_and_nothing_moves() {
        let dir = dir("refused");
        let db = dir.join("switchboard.sqlite");
        std::fs::write(&db, b"the current database").expect("write");
        let junk = dir.join("notes.txt");
        std::fs::write(&junk, b"not sqlite at all, just some text").expect("write");
        assert!(matches!(
            restore(&junk, &db, None, 1),
            Err(BackupError::NotADatabase { .. })
        ));
        assert!(matches!(
            restore(&dir.join("nowhere.sqlite"), &db, None, 1),
            Err(BackupError::Missing(_))
        ));
        assert_eq!(std::fs::read(&db).expect("read"), b"the current database");
        assert!(matches!(
            backup(&dir.join("none.sqlite"), &dir.join("copy.sqlite")),
            Err(BackupError::NoDatabase(_))
        ));
    }

    #[test]
    fn a_database_of_a_newer_schema_is_refused() {
        let dir = dir("newer");
        let newer = dir.join("newer.sqlite");
        let db = Connection::open(&newer).expect("open");
        db.pragma_update(None, "user_version", store::SCHEMA_VERSION + 1)
            .expect("version");
        drop(db);
        assert!(matches!(
            restore(&newer, &dir.join("switchboard.sqlite"), None, 1),
            Err(BackupError::Newer { .. })
        ));
    }
}
