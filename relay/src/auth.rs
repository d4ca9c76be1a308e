//! Agents' accounts and sessions. Passwords are argon2id hashes; a session is a random
//! token in an HttpOnly, SameSite=Strict cookie, stored only as its SHA-256.

use crate::{AppState, clock, error::ApiError, store::StoreError};
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use axum::{extract::FromRequestParts, http::request::Parts};
use rand_core::{OsRng, RngCore};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::{collections::HashMap, path::Path, sync::Mutex};
use switchboard_domain::{AgentId, Timestamp, throttle::Attempts};

pub const SESSION_COOKIE: &str = "sb_session";
/// A session ends after this long without use…
pub const IDLE_EXPIRY_MS: i64 = 12 * 60 * 60 * 1000;
/// …and after this long in any case.
pub const ABSOLUTE_EXPIRY_MS: i64 = 7 * 24 * 60 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Supervisor,
    Agent,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Supervisor => "supervisor",
            Self::Agent => "agent",
        }
    }
    fn parse(value: &str) -> Self {
        match value {
            "admin" => Self::Admin,
            "supervisor" => Self::Supervisor,
            _ => Self::Agent,
        }
    }
}

/// The logged-in agent of a request. As an extractor it refuses requests without a
/// valid session.
#[derive(Clone, Debug, Serialize)]
pub struct Agent {
    pub username: AgentId,
    pub role: Role,
}

pub struct Accounts {
    db: Mutex<Connection>,
}

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
";

/// Failed logins by account and by address (in memory: a restart forgets them, which only
/// gives an attacker the few free attempts again).
#[derive(Default)]
pub struct Throttle {
    attempts: Mutex<HashMap<String, Attempts>>,
}

impl Throttle {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Attempts>> {
        self.attempts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Milliseconds to wait before `keys` may try again, if any must wait.
    pub fn wait(&self, keys: &[String], now: Timestamp) -> Option<i64> {
        let attempts = self.lock();
        keys.iter().filter_map(|k| attempts.get(k)?.wait(now)).max()
    }

    pub fn failed(&self, keys: &[String], now: Timestamp) {
        let mut attempts = self.lock();
        attempts.retain(|_, a| !a.forgotten(now));
        for key in keys {
            attempts.entry(key.clone()).or_default().failed(now);
        }
    }

    /// A successful login clears its account's failures (not its address's).
    pub fn succeeded(&self, account_key: &str) {
        self.lock().remove(account_key);
    }
}

/// The throttle keys of a login attempt: the account (as typed, case-insensitive, whether or
/// not it exists) and the address.
pub fn throttle_keys(username: &str, address: std::net::IpAddr) -> [String; 2] {
    [
        format!("account:{}", username.trim().to_lowercase()),
        format!("address:{address}"),
    ]
}

/// What the first start did about the admin account.
#[derive(Debug, PartialEq, Eq)]
pub enum Bootstrap {
    AlreadySetUp,
    Created,
    /// No password was configured: this one-time password was generated.
    CreatedWithPassword(String),
}

impl Accounts {
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

    /// Creates the admin on first start.
    pub fn bootstrap(
        &self,
        username: &str,
        password: Option<&str>,
        now: Timestamp,
    ) -> Result<Bootstrap, StoreError> {
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
        db.execute(
            "INSERT INTO agents (username, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![username, hash_password(&password), Role::Admin.as_str(), now.0],
        )?;
        Ok(outcome)
    }

    /// Checks credentials and opens a session; returns the session token. Always spends the
    /// cost of one argon2 verification, so timing does not reveal which usernames exist.
    pub fn login(
        &self,
        username: &str,
        password: &str,
        now: Timestamp,
    ) -> Result<Option<(String, Agent)>, StoreError> {
        let db = self.lock();
        let row: Option<(String, String)> = db
            .query_row(
                "SELECT password_hash, role FROM agents WHERE username = ?1",
                [username],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (hash, role) = row.unwrap_or_else(|| (dummy_hash().to_owned(), String::new()));
        let valid = PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        if !valid || role.is_empty() {
            return Ok(None);
        }
        let token = random_hex(32);
        db.execute(
            "INSERT INTO sessions (token_hash, username, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
            params![token_hash(&token), username, now.0],
        )?;
        Ok(Some((
            token,
            Agent {
                username: AgentId::new(username),
                role: Role::parse(&role),
            },
        )))
    }

    /// The agent of a live session, refreshing its idle timer; expired sessions are deleted.
    pub fn session(&self, token: &str, now: Timestamp) -> Result<Option<Agent>, StoreError> {
        let db = self.lock();
        let hash = token_hash(token);
        let row: Option<(String, String, i64, i64)> = db
            .query_row(
                "SELECT s.username, a.role, s.created_at, s.last_seen_at FROM sessions s
                 JOIN agents a ON a.username = s.username WHERE s.token_hash = ?1",
                [&hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((username, role, created, seen)) = row else {
            return Ok(None);
        };
        if now.0 - seen > IDLE_EXPIRY_MS || now.0 - created > ABSOLUTE_EXPIRY_MS {
            db.execute("DELETE FROM sessions WHERE token_hash = ?1", [&hash])?;
            return Ok(None);
        }
        db.execute(
            "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
            params![hash, now.0],
        )?;
        Ok(Some(Agent {
            username: AgentId::new(username),
            role: Role::parse(&role),
        }))
    }

    /// Ends every session of the agent (log out everywhere).
    pub fn logout_everywhere(&self, username: &AgentId) -> Result<usize, StoreError> {
        Ok(self.lock().execute(
            "DELETE FROM sessions WHERE username = ?1",
            [username.as_str()],
        )?)
    }

    pub fn logout(&self, token: &str) -> Result<(), StoreError> {
        self.lock().execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            [token_hash(token)],
        )?;
        Ok(())
    }
}

fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

/// A valid hash of nothing anyone knows, verified when the username does not exist.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&random_hex(16)))
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    hex::encode(buffer)
}

pub fn random_id(bytes: usize) -> String {
    random_hex(bytes)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token from the request's cookies.
pub fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = session_token(parts).ok_or(ApiError::Unauthenticated)?;
        let accounts = state.accounts.clone();
        tokio::task::spawn_blocking(move || accounts.session(&token, clock::now()))
            .await
            .map_err(ApiError::internal)??
            .ok_or(ApiError::Unauthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounts(name: &str) -> Accounts {
        let dir = std::env::temp_dir().join(format!("sb-auth-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Accounts::open(&dir.join("db.sqlite")).expect("open")
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
        assert!(
            accounts
                .login("admin", &password, Timestamp(1))
                .expect("ok")
                .is_some()
        );
        assert!(
            accounts
                .login("admin", "wrong", Timestamp(1))
                .expect("ok")
                .is_none()
        );
        assert!(
            accounts
                .login("nobody", &password, Timestamp(1))
                .expect("ok")
                .is_none()
        );
    }

    #[test]
    fn session_expires_when_idle_and_ends_on_logout() {
        let accounts = accounts("session");
        accounts
            .bootstrap("admin", Some("s3cret-pass"), Timestamp(0))
            .expect("ok");
        let (token, agent) = accounts
            .login("admin", "s3cret-pass", Timestamp(0))
            .expect("ok")
            .expect("valid");
        assert_eq!(agent.role, Role::Admin);
        assert!(
            accounts
                .session(&token, Timestamp(IDLE_EXPIRY_MS))
                .expect("ok")
                .is_some()
        );
        assert!(
            accounts
                .session(&token, Timestamp(2 * IDLE_EXPIRY_MS + 1))
                .expect("ok")
                .is_none()
        );
        let (token, _) = accounts
            .login("admin", "s3cret-pass", Timestamp(0))
            .expect("ok")
            .expect("valid");
        accounts.logout(&token).expect("ok");
        assert!(
            accounts
                .session(&token, Timestamp(1))
                .expect("ok")
                .is_none()
        );
    }
}
