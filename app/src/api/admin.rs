//! The admin's calls: members, teams, line teams, settings and the audit log.

use super::Error;
use super::http::{encode, json, new_command_id, send, send_command};
use crate::i18n::locale_untracked;
use crate::state::Replica;
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use switchboard_domain::{Command, Role, Timestamp, audit::AuditAction};

pub use switchboard_domain::wire::{LinkView as Link, MemberView as Member};

/// The full address of a one-time link, to send the member.
pub fn link_url(link: &Link) -> String {
    let origin = leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default();
    format!("{origin}{}", link.path)
}

pub async fn members() -> Result<Vec<Member>, Error> {
    json(send(Request::get("/api/members").build()).await?).await
}

/// Adds a member; without a password the answer carries their invite link.
pub async fn create_member(
    username: &str,
    name: &str,
    role: Role,
    password: Option<&str>,
) -> Result<Option<Link>, Error> {
    #[derive(Serialize)]
    struct New<'a> {
        username: &'a str,
        name: &'a str,
        role: Role,
        password: Option<&'a str>,
    }
    #[derive(Deserialize)]
    struct Created {
        link: Option<Link>,
    }
    let new = New {
        username,
        name,
        role,
        password,
    };
    let created: Created = json(send(Request::post("/api/members").json(&new)).await?).await?;
    Ok(created.link)
}

/// What a change to a member may set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MemberChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

pub async fn change_member(username: &str, change: &MemberChange) -> Result<(), Error> {
    let url = format!("/api/members/{}", encode(username));
    send(Request::patch(&url).json(change)).await.map(drop)
}

/// A new invite (no password yet) or reset link for the member.
pub async fn issue_link(username: &str) -> Result<Link, Error> {
    let url = format!("/api/members/{}/link", encode(username));
    json(send(Request::post(&url).build()).await?).await
}

pub async fn reset_totp(username: &str) -> Result<(), Error> {
    let url = format!("/api/members/{}/totp", encode(username));
    send(Request::delete(&url).build()).await.map(drop)
}

/// Changes the workspace (teams, line teams, access settings, quick replies): decided first
/// against the replica by the same rule the relay applies, so a refusal is shown at once and
/// nothing is sent; then sent as a command with a fresh id, which the relay carries out once
/// and records in the audit log. The error is the sentence to show.
pub async fn change(replica: Replica, command: Command) -> Result<(), String> {
    let id = new_command_id();
    replica
        .decide(&id, &command)
        .map_err(|refusal| refusal.message(locale_untracked()))?;
    send_command(&id, &command)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Timestamp,
    pub actor: Option<String>,
    pub action: AuditAction,
    pub target: Option<String>,
    pub address: Option<String>,
    pub detail: serde_json::Value,
}

/// A page of the audit log, newest first: `action` and `actor` filter, `before` pages on.
pub async fn audit(
    action: Option<AuditAction>,
    actor: &str,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, Error> {
    let mut query = vec![String::from("limit=50")];
    if let Some(action) = action {
        query.push(format!("action={}", action.as_str()));
    }
    if !actor.trim().is_empty() {
        query.push(format!("actor={}", encode(actor.trim())));
    }
    if let Some(before) = before {
        query.push(format!("before={before}"));
    }
    let url = format!("/api/audit?{}", query.join("&"));
    json(send(Request::get(&url).build()).await?).await
}

/// A customer's file the relay removed or could not fetch.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MediaFile {
    pub line: String,
    pub media_id: String,
    pub mime_type: Option<String>,
    pub size: u64,
    pub received_at: Timestamp,
    pub evicted_at: Option<Timestamp>,
    /// `retention` or `quota`.
    pub evicted_reason: Option<String>,
    pub error: Option<String>,
}

/// What customers' files take on the relay's disk, the limits, and what was removed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MediaUsage {
    pub usage_bytes: u64,
    pub quota_bytes: u64,
    pub retention_days: u32,
    pub evicted: Vec<MediaFile>,
    pub failed: Vec<MediaFile>,
}

pub async fn media_usage() -> Result<MediaUsage, Error> {
    json(send(Request::get("/api/admin/media").build()).await?).await
}
