//! The admin's calls: members, teams, line teams, settings and the audit log.

use super::Error;
use super::http::{encode, json, send};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use switchboard_domain::{Role, Timestamp, access::AccessSettings};

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Member {
    pub username: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub has_password: bool,
    pub totp_enabled: bool,
}

/// A one-time link to hand over; `path` is relative to the app's address.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Link {
    pub kind: String,
    pub path: String,
    pub expires_at: Timestamp,
}

impl Link {
    /// The full address to send the member.
    pub fn url(&self) -> String {
        let origin = leptos::prelude::window()
            .location()
            .origin()
            .unwrap_or_default();
        format!("{origin}{}", self.path)
    }
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

pub async fn save_team(id: &str, name: &str, members: &[String]) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Team<'a> {
        name: &'a str,
        members: &'a [String],
    }
    let url = format!("/api/teams/{}", encode(id));
    send(Request::put(&url).json(&Team { name, members }))
        .await
        .map(drop)
}

pub async fn delete_team(id: &str) -> Result<(), Error> {
    let url = format!("/api/teams/{}", encode(id));
    send(Request::delete(&url).build()).await.map(drop)
}

/// The line's team, and whether its new chats go round-robin to the team's online members.
pub async fn set_line_team(line: &str, team: Option<&str>, round_robin: bool) -> Result<(), Error> {
    #[derive(Serialize)]
    struct LineTeam<'a> {
        team: Option<&'a str>,
        round_robin: bool,
    }
    let url = format!("/api/lines/{}/team", encode(line));
    send(Request::put(&url).json(&LineTeam { team, round_robin }))
        .await
        .map(drop)
}

pub async fn save_settings(settings: &AccessSettings) -> Result<(), Error> {
    send(Request::put("/api/settings").json(settings))
        .await
        .map(drop)
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Timestamp,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub address: Option<String>,
    pub detail: serde_json::Value,
}

/// A page of the audit log, newest first: `action` and `actor` filter, `before` pages on.
pub async fn audit(
    action: &str,
    actor: &str,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, Error> {
    let mut query = vec![String::from("limit=50")];
    if !action.is_empty() {
        query.push(format!("action={}", encode(action)));
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

/// Creates or replaces the quick reply `/shortcut` (supervisors and admins).
pub async fn save_quick_reply(shortcut: &str, body: &str) -> Result<(), Error> {
    #[derive(Serialize)]
    struct QuickReply<'a> {
        body: &'a str,
    }
    let url = format!("/api/quick-replies/{}", encode(shortcut));
    send(Request::put(&url).json(&QuickReply { body }))
        .await
        .map(drop)
}

pub async fn delete_quick_reply(shortcut: &str) -> Result<(), Error> {
    let url = format!("/api/quick-replies/{}", encode(shortcut));
    send(Request::delete(&url).build()).await.map(drop)
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
