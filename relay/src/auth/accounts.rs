//! The accounts table: members, their argon2id password hashes and TOTP seeds, sessions, and
//! the one-time links (invites, password resets) an admin hands out. Nothing here leaves the
//! relay except through [`Agent`] and [`Member`], which hold no secret.

use super::{Agent, hashing::HashPool, totp};
use crate::{config::SessionsConfig, store::StoreError};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use rand_core::{OsRng, RngCore};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::{path::Path, sync::Mutex};
use switchboard_domain::{AgentId, Role, Timestamp, i18n::Locale};
use tokio::sync::broadcast;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;
/// The longest username a login accepts (real ones are at most 32; see [`check_username`]).
pub const MAX_LOGIN_USERNAME_CHARS: usize = 64;
/// The longest authenticator code a request accepts (codes are 6 digits, spaces allowed).
pub const MAX_CODE_CHARS: usize = 16;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS agents (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES agents(username),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS devices (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES agents(username),
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES agents(username),
    kind TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
";

/// Columns added after the first release; added to older databases on open.
const AGENT_COLUMNS: [(&str, &str); 7] = [
    ("name", "TEXT NOT NULL DEFAULT ''"),
    ("active", "INTEGER NOT NULL DEFAULT 1"),
    ("totp_secret", "TEXT"),
    ("totp_pending", "TEXT"),
    ("totp_last_step", "INTEGER NOT NULL DEFAULT 0"),
    ("must_change_password", "INTEGER NOT NULL DEFAULT 0"),
    // The member's language tag; NULL until they choose (the browser's is used).
    ("language", "TEXT"),
];

/// How long a device that logged in stays known (its cookie's lifetime).
pub const DEVICE_SECONDS: u64 = 365 * 24 * 60 * 60;

#[derive(Debug)]
pub enum AccountError {
    InvalidUsername,
    InvalidName,
    UsernameTaken,
    UnknownAgent(String),
    WeakPassword,
    WrongPassword,
    SamePassword,
    WrongCode,
    TotpNotStarted,
    TotpRequired,
    ResetCodeNeeded,
    LinkInvalid,
    LastAdmin,
    Store(StoreError),
}

impl From<rusqlite::Error> for AccountError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Store(error.into())
    }
}

/// A member as the admin's list shows them.
pub use switchboard_domain::wire::MemberView as Member;

/// What changing a member may change.
#[derive(Clone, Debug, Default)]
pub struct MemberChange {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

pub use switchboard_domain::wire::{LinkInfo, LinkKind};

/// The result of a login attempt.
#[derive(Debug)]
pub enum Login {
    /// The session token and who it is.
    Opened(String, Agent),
    /// Wrong username, password or code (which one is never told).
    Refused,
    /// Right password; this member's second factor is on and no code was given.
    CodeNeeded,
}

/// What the first start did about the admin account.
#[derive(Debug, PartialEq, Eq)]
pub enum Bootstrap {
    AlreadySetUp,
    Created,
    /// No password was configured: this one-time password was generated.
    CreatedWithPassword(String),
}

pub struct Accounts {
    db: Mutex<Connection>,
    /// Every argon2 computation runs here, never under `db`'s lock.
    hashing: HashPool,
    limits: SessionsConfig,
    /// Members whose sessions were just ended, so their open feeds close at once.
    ended: broadcast::Sender<AgentId>,
}

type Row = (String, String, String, bool, Option<String>);

impl Accounts {
    pub fn open(path: &Path, limits: SessionsConfig) -> Result<Self, StoreError> {
        let db = Connection::open(path)?;
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(SCHEMA)?;
        let existing: Vec<String> = db
            .prepare("SELECT name FROM pragma_table_info('agents')")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for (column, definition) in AGENT_COLUMNS {
            if !existing.iter().any(|c| c == column) {
                db.execute_batch(&format!(
                    "ALTER TABLE agents ADD COLUMN {column} {definition}"
                ))?;
            }
        }
        let (ended, _) = broadcast::channel(64);
        Ok(Self {
            db: Mutex::new(db),
            hashing: HashPool::default(),
            limits,
            ended,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Where callers run the methods that hash or verify passwords.
    pub fn hashing(&self) -> &HashPool {
        &self.hashing
    }

    /// Tells open feeds that some member's sessions may have ended.
    pub fn subscribe_ended(&self) -> broadcast::Receiver<AgentId> {
        self.ended.subscribe()
    }

    fn end_sessions(&self, db: &Connection, username: &str, keep: Option<&str>) -> usize {
        let deleted = db
            .execute(
                "DELETE FROM sessions WHERE username = ?1 AND token_hash IS NOT ?2",
                params![username, keep.map(token_hash)],
            )
            .unwrap_or(0);
        let _ = self.ended.send(AgentId::new(username));
        deleted
    }

    /// Creates the admin on first start. An invalid username (such as an empty one) is
    /// refused, since nobody could log in with it.
    pub fn bootstrap(
        &self,
        username: &str,
        password: Option<&str>,
        now: Timestamp,
    ) -> Result<Bootstrap, AccountError> {
        check_username(username)?;
        let db = self.lock();
        let count: i64 = db.query_row("SELECT COUNT(*) FROM agents", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(Bootstrap::AlreadySetUp);
        }
        let (password, outcome) = match password {
            Some(p) => (p.to_owned(), Bootstrap::Created),
            None => {
                let generated = random_hex(9);
                (generated.clone(), Bootstrap::CreatedWithPassword(generated))
            }
        };
        // A generated password was printed: it must be replaced at first login.
        let must_change = matches!(outcome, Bootstrap::CreatedWithPassword(_));
        db.execute(
            "INSERT INTO agents (username, name, password_hash, role, created_at, must_change_password)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5)",
            params![username, hash_password(&password), Role::Admin.as_str(), now.0, must_change],
        )?;
        Ok(outcome)
    }

    /// Checks credentials (and the second factor when it is on) and opens a session. Always
    /// spends the cost of one argon2 verification, so timing does not reveal which usernames
    /// exist. The verification holds no lock (run it in [`Self::hashing`]).
    pub fn login(
        &self,
        username: &str,
        password: &str,
        code: Option<&str>,
        now: Timestamp,
    ) -> Result<Login, StoreError> {
        let row: Option<(String, bool, Option<String>, i64)> = self
            .lock()
            .query_row(
                "SELECT password_hash, active, totp_secret, totp_last_step FROM agents WHERE username = ?1",
                [username],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let exists = row.is_some();
        let (hash, active, secret, last_step) =
            row.unwrap_or_else(|| (dummy_hash().to_owned(), false, None, 0));
        let hash = if hash.is_empty() { dummy_hash() } else { &hash };
        if !(verify_password(hash, password) && exists && active) {
            return Ok(Login::Refused);
        }
        let db = self.lock();
        if let Some(secret) = secret {
            let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
                return Ok(Login::CodeNeeded);
            };
            match totp::check(&secret, username, code, now, last_step) {
                Some(step) if use_step(&db, username, step)? => {}
                _ => return Ok(Login::Refused),
            }
        }
        let token = random_hex(32);
        db.execute(
            "INSERT INTO sessions (token_hash, username, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
            params![token_hash(&token), username, now.0],
        )?;
        let agent = agent(&db, username)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        Ok(Login::Opened(token, agent))
    }

    /// The agent of a live session, refreshing its idle timer; expired sessions are deleted.
    pub fn session(&self, token: &str, now: Timestamp) -> Result<Option<Agent>, StoreError> {
        let db = self.lock();
        let hash = token_hash(token);
        let row: Option<(String, i64, i64, bool)> = db
            .query_row(
                "SELECT s.username, s.created_at, s.last_seen_at, a.active FROM sessions s
                 JOIN agents a ON a.username = s.username WHERE s.token_hash = ?1",
                [&hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((username, created, seen, active)) = row else {
            return Ok(None);
        };
        let idle = now.0 - seen > seconds(self.limits.idle_seconds);
        let too_old = now.0 - created > seconds(self.limits.absolute_seconds);
        if idle || too_old || !active {
            db.execute("DELETE FROM sessions WHERE token_hash = ?1", [&hash])?;
            return Ok(None);
        }
        db.execute(
            "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
            params![hash, now.0],
        )?;
        Ok(agent(&db, &username)?)
    }

    /// Remembers the device a member just logged in from; the token goes in its cookie.
    pub fn remember_device(
        &self,
        username: &AgentId,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let token = random_hex(24);
        let db = self.lock();
        db.execute(
            "DELETE FROM devices WHERE created_at < ?1",
            [now.0 - seconds(DEVICE_SECONDS)],
        )?;
        db.execute(
            "INSERT INTO devices (token_hash, username, created_at) VALUES (?1, ?2, ?3)",
            params![token_hash(&token), username.as_str(), now.0],
        )?;
        Ok(token)
    }

    /// Whether `token` is the cookie of a device that logged in as `username` before (the
    /// name as typed at login).
    pub fn known_device(
        &self,
        token: &str,
        username: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        Ok(self.lock().query_row(
            "SELECT COUNT(*) > 0 FROM devices WHERE token_hash = ?1 AND username = ?2 AND created_at >= ?3",
            params![token_hash(token), username, now.0 - seconds(DEVICE_SECONDS)],
            |r| r.get(0),
        )?)
    }

    /// How long the session cookie should live.
    pub fn absolute_seconds(&self) -> u64 {
        self.limits.absolute_seconds
    }

    /// Ends every session of the agent (log out everywhere).
    pub fn logout_everywhere(&self, username: &AgentId) -> usize {
        let db = self.lock();
        self.end_sessions(&db, username.as_str(), None)
    }

    /// Ends one session; the member's open feeds check whether theirs was it.
    pub fn logout(&self, token: &str) -> Result<(), StoreError> {
        let db = self.lock();
        let username: Option<String> = db
            .query_row(
                "DELETE FROM sessions WHERE token_hash = ?1 RETURNING username",
                [token_hash(token)],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(username) = username {
            let _ = self.ended.send(AgentId::new(username));
        }
        Ok(())
    }

    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        let db = self.lock();
        let mut statement = db.prepare(
            "SELECT username, name, role, active, password_hash != '', totp_secret IS NOT NULL, created_at
             FROM agents ORDER BY username",
        )?;
        let rows = statement.query_map([], |r| {
            Ok(Member {
                username: AgentId::new(r.get::<_, String>(0)?),
                name: r.get(1)?,
                role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Agent),
                active: r.get(3)?,
                has_password: r.get(4)?,
                totp_enabled: r.get(5)?,
                created_at: Timestamp(r.get(6)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn member(&self, username: &str) -> Result<Option<Member>, StoreError> {
        Ok(self
            .members()?
            .into_iter()
            .find(|m| m.username.as_str() == username))
    }

    /// Adds a member. Without a password they can log in only after an invite link.
    pub fn create(
        &self,
        username: &str,
        name: &str,
        role: Role,
        password: Option<&str>,
        now: Timestamp,
    ) -> Result<Member, AccountError> {
        check_username(username)?;
        let name = check_name(name)?;
        let hash = match password {
            Some(password) => {
                check_password(username, password)?;
                hash_password(password)
            }
            None => String::new(),
        };
        let db = self.lock();
        let inserted = db.execute(
            "INSERT INTO agents (username, name, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (username) DO NOTHING",
            params![username, name, hash, role.as_str(), now.0],
        )?;
        drop(db);
        if inserted == 0 {
            return Err(AccountError::UsernameTaken);
        }
        self.member(username)?
            .ok_or_else(|| AccountError::UnknownAgent(username.to_owned()))
    }

    /// Renames, changes the role of, deactivates or reactivates a member. Deactivating ends
    /// their sessions at once. The last active admin cannot be demoted or deactivated.
    pub fn change(&self, username: &str, change: &MemberChange) -> Result<Member, AccountError> {
        let db = self.lock();
        let row: Option<Row> = db
            .query_row(
                "SELECT name, role, password_hash, active, totp_secret FROM agents WHERE username = ?1",
                [username],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (name, role, _, active, _) =
            row.ok_or_else(|| AccountError::UnknownAgent(username.to_owned()))?;
        let was_admin = role == Role::Admin.as_str() && active;
        let name = match &change.name {
            Some(name) => check_name(name)?,
            None => name,
        };
        let role = change
            .role
            .unwrap_or_else(|| Role::parse(&role).unwrap_or(Role::Agent));
        let active = change.active.unwrap_or(active);
        if was_admin && (role != Role::Admin || !active) {
            let admins: i64 = db.query_row(
                "SELECT COUNT(*) FROM agents WHERE role = 'admin' AND active = 1",
                [],
                |r| r.get(0),
            )?;
            if admins <= 1 {
                return Err(AccountError::LastAdmin);
            }
        }
        db.execute(
            "UPDATE agents SET name = ?2, role = ?3, active = ?4 WHERE username = ?1",
            params![username, name, role.as_str(), active],
        )?;
        // A changed role or a deactivation must reach open feeds now, not at the next request.
        if change.role.is_some() || !active {
            if active {
                let _ = self.ended.send(AgentId::new(username));
            } else {
                self.end_sessions(&db, username, None);
            }
        }
        drop(db);
        self.member(username)?
            .ok_or_else(|| AccountError::UnknownAgent(username.to_owned()))
    }

    /// A one-time link for `username`: an invite (first password) or a reset. Earlier unused
    /// links of the member stop working.
    pub fn issue_link(
        &self,
        username: &str,
        kind: LinkKind,
        by: &AgentId,
        now: Timestamp,
    ) -> Result<(String, Timestamp), AccountError> {
        let db = self.lock();
        let exists: bool = db.query_row(
            "SELECT COUNT(*) > 0 FROM agents WHERE username = ?1",
            [username],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(AccountError::UnknownAgent(username.to_owned()));
        }
        db.execute(
            "DELETE FROM links WHERE username = ?1 AND used_at IS NULL",
            [username],
        )?;
        let token = random_hex(24);
        let expires = Timestamp(now.0 + seconds(self.limits.link_seconds));
        db.execute(
            "INSERT INTO links (token_hash, username, kind, created_by, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token_hash(&token), username, kind.as_str(), by.as_str(), expires.0],
        )?;
        Ok((token, expires))
    }

    /// The link behind `token`, while it is unused and not expired.
    pub fn link(&self, token: &str, now: Timestamp) -> Result<Option<LinkInfo>, StoreError> {
        let db = self.lock();
        Ok(db
            .query_row(
                "SELECT l.username, a.name, l.kind, l.expires_at, a.totp_secret IS NOT NULL FROM links l
                 JOIN agents a ON a.username = l.username
                 WHERE l.token_hash = ?1 AND l.used_at IS NULL AND l.expires_at > ?2",
                params![token_hash(token), now.0],
                |r| {
                    Ok(LinkInfo {
                        username: AgentId::new(r.get::<_, String>(0)?),
                        name: r.get(1)?,
                        kind: if r.get::<_, String>(2)? == "reset" {
                            LinkKind::Reset
                        } else {
                            LinkKind::Invite
                        },
                        expires_at: Timestamp(r.get(3)?),
                        totp_enabled: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Sets the password through a link (once), ends the member's other sessions and opens
    /// a new one. A deactivated member's link does not work.
    /// When the member's second factor is on, a current `code` is needed too (checked
    /// before the link is spent, so a wrong code does not use it up).
    pub fn use_link(
        &self,
        token: &str,
        password: &str,
        code: Option<&str>,
        now: Timestamp,
    ) -> Result<(LinkInfo, String, Agent), AccountError> {
        let info = self.link(token, now)?.ok_or(AccountError::LinkInvalid)?;
        check_password(info.username.as_str(), password)?;
        let username = info.username.as_str();
        let hash = hash_password(password);
        let db = self.lock();
        let (secret, last): (Option<String>, i64) = db.query_row(
            "SELECT totp_secret, totp_last_step FROM agents WHERE username = ?1",
            [username],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some(secret) = secret {
            let code = code
                .filter(|c| !c.trim().is_empty())
                .ok_or(AccountError::ResetCodeNeeded)?;
            match totp::check(&secret, username, code, now, last) {
                Some(step) if use_step(&db, username, step)? => {}
                _ => return Err(AccountError::WrongCode),
            }
        }
        let used = db.execute(
            "UPDATE links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
            params![token_hash(token), now.0],
        )?;
        let active = db.execute(
            "UPDATE agents SET password_hash = ?2, must_change_password = 0 WHERE username = ?1 AND active = 1",
            params![username, hash],
        )?;
        if used == 0 || active == 0 {
            return Err(AccountError::LinkInvalid);
        }
        self.end_sessions(&db, username, None);
        let session = random_hex(32);
        db.execute(
            "INSERT INTO sessions (token_hash, username, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
            params![token_hash(&session), username, now.0],
        )?;
        let agent = agent(&db, username)?.ok_or(AccountError::LinkInvalid)?;
        Ok((info, session, agent))
    }

    /// Changes the member's own password; their other sessions end, this one stays.
    /// Keeps the member's language, so every device they sign in on speaks it.
    pub fn set_language(&self, username: &AgentId, language: Locale) -> Result<(), AccountError> {
        let changed = self.lock().execute(
            "UPDATE agents SET language = ?2 WHERE username = ?1",
            params![username.as_str(), language.tag()],
        )?;
        if changed == 0 {
            return Err(AccountError::UnknownAgent(username.to_string()));
        }
        Ok(())
    }

    pub fn change_password(
        &self,
        username: &AgentId,
        current: &str,
        new: &str,
        session: &str,
    ) -> Result<(), AccountError> {
        let hash: String = self.lock().query_row(
            "SELECT password_hash FROM agents WHERE username = ?1",
            [username.as_str()],
            |r| r.get(0),
        )?;
        if !verify_password(&hash, current) {
            return Err(AccountError::WrongPassword);
        }
        check_password(username.as_str(), new)?;
        if current == new {
            return Err(AccountError::SamePassword);
        }
        let new_hash = hash_password(new);
        let db = self.lock();
        // Only if nobody changed it meanwhile (the check above held no lock).
        let changed = db.execute(
            "UPDATE agents SET password_hash = ?3, must_change_password = 0
             WHERE username = ?1 AND password_hash = ?2",
            params![username.as_str(), hash, new_hash],
        )?;
        if changed == 0 {
            return Err(AccountError::WrongPassword);
        }
        self.end_sessions(&db, username.as_str(), Some(session));
        Ok(())
    }

    /// Starts two-factor enrolment: a new seed, kept aside until a code from it is typed.
    pub fn begin_totp(&self, username: &AgentId) -> Result<totp::Enrolment, AccountError> {
        let secret = totp::new_secret();
        self.lock().execute(
            "UPDATE agents SET totp_pending = ?2 WHERE username = ?1",
            params![username.as_str(), secret],
        )?;
        Ok(totp::enrolment(&secret, username.as_str()))
    }

    /// Turns two-factor on once a code from the new seed is right.
    pub fn confirm_totp(
        &self,
        username: &AgentId,
        code: &str,
        now: Timestamp,
    ) -> Result<(), AccountError> {
        let db = self.lock();
        let pending: Option<String> = db.query_row(
            "SELECT totp_pending FROM agents WHERE username = ?1",
            [username.as_str()],
            |r| r.get(0),
        )?;
        let pending = pending.ok_or(AccountError::TotpNotStarted)?;
        let step = totp::check(&pending, username.as_str(), code, now, 0)
            .ok_or(AccountError::WrongCode)?;
        db.execute(
            "UPDATE agents SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?2
             WHERE username = ?1",
            params![username.as_str(), step],
        )?;
        Ok(())
    }

    /// Turns the member's own second factor off, proven by a current code.
    pub fn disable_totp(
        &self,
        username: &AgentId,
        code: &str,
        now: Timestamp,
    ) -> Result<(), AccountError> {
        let db = self.lock();
        let (secret, last): (Option<String>, i64) = db.query_row(
            "SELECT totp_secret, totp_last_step FROM agents WHERE username = ?1",
            [username.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let secret = secret.ok_or(AccountError::TotpNotStarted)?;
        match totp::check(&secret, username.as_str(), code, now, last) {
            Some(step) if use_step(&db, username.as_str(), step)? => {}
            _ => return Err(AccountError::WrongCode),
        }
        db.execute(
            "UPDATE agents SET totp_secret = NULL, totp_pending = NULL WHERE username = ?1",
            [username.as_str()],
        )?;
        Ok(())
    }

    /// An admin removes a member's second factor (a lost phone); their sessions end.
    pub fn reset_totp(&self, username: &str) -> Result<(), AccountError> {
        let db = self.lock();
        let changed = db.execute(
            "UPDATE agents SET totp_secret = NULL, totp_pending = NULL WHERE username = ?1",
            [username],
        )?;
        if changed == 0 {
            return Err(AccountError::UnknownAgent(username.to_owned()));
        }
        self.end_sessions(&db, username, None);
        Ok(())
    }
}

fn agent(db: &Connection, username: &str) -> Result<Option<Agent>, rusqlite::Error> {
    db.query_row(
        "SELECT username, name, role, totp_secret IS NOT NULL, must_change_password, language
         FROM agents WHERE username = ?1",
        [username],
        |r| {
            Ok(Agent {
                username: AgentId::new(r.get::<_, String>(0)?),
                name: r.get(1)?,
                role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Agent),
                totp_enabled: r.get(3)?,
                must_change_password: r.get(4)?,
                language: r
                    .get::<_, Option<String>>(5)?
                    .and_then(|tag| Locale::from_tag(&tag)),
            })
        },
    )
    .optional()
}

/// Records that the code of `step` was used, unless it (or a later one) already was: two
/// requests racing with the same code cannot both pass.
fn use_step(db: &Connection, username: &str, step: i64) -> Result<bool, rusqlite::Error> {
    let changed = db.execute(
        "UPDATE agents SET totp_last_step = ?2 WHERE username = ?1 AND totp_last_step < ?2",
        params![username, step],
    )?;
    Ok(changed == 1)
}

fn seconds(value: u64) -> i64 {
    i64::try_from(value.saturating_mul(1000)).unwrap_or(i64::MAX)
}

pub fn check_username(username: &str) -> Result<(), AccountError> {
    if switchboard_domain::access::username_is_valid(username) {
        Ok(())
    } else {
        Err(AccountError::InvalidUsername)
    }
}

fn check_name(name: &str) -> Result<String, AccountError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AccountError::InvalidName);
    }
    Ok(name.to_owned())
}

fn check_password(username: &str, password: &str) -> Result<(), AccountError> {
    let chars = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars)
        || password.eq_ignore_ascii_case(username)
    {
        return Err(AccountError::WeakPassword);
    }
    Ok(())
}

fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A valid hash of nothing anyone knows, verified when the username does not exist.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&random_hex(16)))
}

pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    hex::encode(buffer)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 60 * 60 * 1000;

    fn accounts(name: &str) -> Accounts {
        let dir = std::env::temp_dir().join(format!("sb-auth-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Accounts::open(&dir.join("db.sqlite"), SessionsConfig::default()).expect("open")
    }

    fn opened(login: Login) -> (String, Agent) {
        match login {
            Login::Opened(token, agent) => (token, agent),
            other => panic!("expected a session, got {other:?}"),
        }
    }

    #[test]
    fn first_start_prints_a_one_time_password_that_works() {
        let accounts = accounts("bootstrap");
        let Bootstrap::CreatedWithPassword(password) =
            accounts.bootstrap("admin", None, Timestamp(0)).expect("ok")
        else {
            panic!("expected a generated password");
        };
        assert_eq!(
            accounts.bootstrap("admin", None, Timestamp(0)).expect("ok"),
            Bootstrap::AlreadySetUp
        );
        let login = |user: &str, password: &str| {
            accounts
                .login(user, password, None, Timestamp(1))
                .expect("ok")
        };
        opened(login("admin", &password));
        assert!(matches!(login("admin", "wrong"), Login::Refused));
        assert!(matches!(login("nobody", &password), Login::Refused));
    }

    #[test]
    fn first_start_refuses_an_admin_nobody_could_type() {
        let accounts = accounts("bootstrap-empty");
        for bad in ["", " admin", "ADMIN"] {
            assert!(matches!(
                accounts.bootstrap(bad, Some("a long passphrase"), Timestamp(0)),
                Err(AccountError::InvalidUsername)
            ));
        }
        assert!(accounts.members().expect("members").is_empty());
    }

    #[test]
    fn session_expires_when_idle_and_ends_on_logout() {
        let accounts = accounts("session");
        accounts
            .bootstrap("admin", Some("s3cret-pass"), Timestamp(0))
            .expect("ok");
        let login = || {
            opened(
                accounts
                    .login("admin", "s3cret-pass", None, Timestamp(0))
                    .expect("ok"),
            )
        };
        let (token, agent) = login();
        assert_eq!(agent.role, Role::Admin);
        assert!(
            accounts
                .session(&token, Timestamp(12 * HOUR))
                .expect("ok")
                .is_some()
        );
        assert!(
            accounts
                .session(&token, Timestamp(24 * HOUR + 1))
                .expect("ok")
                .is_none()
        );
        let (token, _) = login();
        accounts.logout(&token).expect("ok");
        assert!(
            accounts
                .session(&token, Timestamp(1))
                .expect("ok")
                .is_none()
        );
    }

    #[test]
    fn an_invite_sets_the_first_password_once_and_expires() {
        let accounts = accounts("invite");
        let admin = AgentId::new("admin");
        accounts
            .create("ana", "Ana", Role::Agent, None, Timestamp(0))
            .expect("created");
        // No password yet: no way in.
        assert!(matches!(
            accounts.login("ana", "", None, Timestamp(1)).expect("ok"),
            Login::Refused
        ));
        let (token, expires) = accounts
            .issue_link("ana", LinkKind::Invite, &admin, Timestamp(0))
            .expect("link");
        assert_eq!(expires, Timestamp(72 * HOUR));
        assert!(matches!(
            accounts.use_link(&token, "short", None, Timestamp(1)),
            Err(AccountError::WeakPassword)
        ));
        let (info, _, agent) = accounts
            .use_link(&token, "a long passphrase", None, Timestamp(1))
            .expect("used");
        assert_eq!((info.kind, agent.name.as_str()), (LinkKind::Invite, "Ana"));
        assert!(matches!(
            accounts.use_link(&token, "another passphrase", None, Timestamp(2)),
            Err(AccountError::LinkInvalid)
        ));
        let (late, _) = accounts
            .issue_link("ana", LinkKind::Reset, &admin, Timestamp(0))
            .expect("link");
        assert!(matches!(
            accounts.use_link(&late, "another passphrase", None, Timestamp(72 * HOUR + 1)),
            Err(AccountError::LinkInvalid)
        ));
        opened(
            accounts
                .login("ana", "a long passphrase", None, Timestamp(3))
                .expect("ok"),
        );
    }

    #[test]
    fn deactivating_ends_sessions_and_the_last_admin_stays() {
        let accounts = accounts("deactivate");
        accounts
            .bootstrap("admin", Some("s3cret-pass"), Timestamp(0))
            .expect("ok");
        accounts
            .create(
                "bruno",
                "Bruno",
                Role::Supervisor,
                Some("bruno's passphrase"),
                Timestamp(0),
            )
            .expect("created");
        let (token, _) = opened(
            accounts
                .login("bruno", "bruno's passphrase", None, Timestamp(1))
                .expect("ok"),
        );
        let off = MemberChange {
            active: Some(false),
            ..MemberChange::default()
        };
        accounts.change("bruno", &off).expect("changed");
        assert!(
            accounts
                .session(&token, Timestamp(2))
                .expect("ok")
                .is_none()
        );
        assert!(matches!(
            accounts
                .login("bruno", "bruno's passphrase", None, Timestamp(3))
                .expect("ok"),
            Login::Refused
        ));
        assert!(matches!(
            accounts.change("admin", &off),
            Err(AccountError::LastAdmin)
        ));
        let demote = MemberChange {
            role: Some(Role::Agent),
            ..MemberChange::default()
        };
        assert!(matches!(
            accounts.change("admin", &demote),
            Err(AccountError::LastAdmin)
        ));
    }

    #[test]
    fn two_factor_needs_a_fresh_code_at_login() {
        let accounts = accounts("totp");
        accounts
            .bootstrap("admin", Some("s3cret-pass"), Timestamp(0))
            .expect("ok");
        let admin = AgentId::new("admin");
        let now = Timestamp(1_700_000_000_000);
        assert!(matches!(
            accounts.confirm_totp(&admin, "123456", now),
            Err(AccountError::TotpNotStarted)
        ));
        let enrolment = accounts.begin_totp(&admin).expect("begun");
        assert!(enrolment.qr_svg.starts_with("<?xml"));
        let code = totp::code_at(&enrolment.secret, now);
        accounts
            .confirm_totp(&admin, &code, now)
            .expect("confirmed");
        let login = |code: Option<&str>, at: Timestamp| {
            accounts
                .login("admin", "s3cret-pass", code, at)
                .expect("ok")
        };
        assert!(matches!(login(None, now), Login::CodeNeeded));
        assert!(matches!(login(Some("000000"), now), Login::Refused));
        // The code used to enrol cannot be used again.
        assert!(matches!(login(Some(&code), now), Login::Refused));
        let later = Timestamp(now.0 + 60_000);
        let (_, agent) = opened(login(Some(&totp::code_at(&enrolment.secret, later)), later));
        assert!(agent.totp_enabled);
    }
}

impl From<StoreError> for AccountError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

switchboard_domain::english_display!(AccountError);

impl AccountError {
    /// The sentence for a person, in `locale`.
    pub fn message(&self, locale: switchboard_domain::i18n::Locale) -> String {
        use switchboard_domain::i18n::text_with;
        let plain = |key: &str| text_with(locale, key, &[]);
        match self {
            Self::InvalidUsername => plain("error-invalid-username"),
            Self::InvalidName => plain("error-invalid-name"),
            Self::UsernameTaken => plain("error-username-taken"),
            Self::UnknownAgent(name) => {
                text_with(locale, "error-unknown-member", &[("name", name.into())])
            }
            Self::WeakPassword => text_with(
                locale,
                "error-weak-password",
                &[
                    ("min", MIN_PASSWORD_CHARS.into()),
                    ("max", MAX_PASSWORD_CHARS.into()),
                ],
            ),
            Self::WrongPassword => plain("error-wrong-password"),
            Self::SamePassword => plain("error-same-password"),
            Self::WrongCode => plain("error-wrong-code"),
            Self::TotpNotStarted => plain("error-totp-not-started"),
            Self::TotpRequired => plain("error-totp-required"),
            Self::ResetCodeNeeded => plain("error-reset-code-needed"),
            Self::LinkInvalid => plain("error-link-invalid"),
            Self::LastAdmin => plain("error-last-admin"),
            // Logged, never shown: what a person reads is `error-internal`.
            Self::Store(cause) => cause.to_string(),
        }
    }
}
