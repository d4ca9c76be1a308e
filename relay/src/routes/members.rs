//! The admin's people page: members, their roles, invites, resets, deactivation.
//! Each change is also an `agent_saved` event, so every app knows names and roles (never
//! secrets), and an audit entry.

use crate::{
    AppState,
    audit::{Action, Record},
    auth::{
        Agent,
        accounts::{LinkKind, Member, MemberChange},
    },
    error::{ApiError, ApiJson},
    store::NewEvent,
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use switchboard_domain::{Event, Role, wire::LinkView};

pub async fn list(State(app): State<AppState>) -> Result<Json<Vec<Member>>, ApiError> {
    Ok(Json(app.accounts.members()?))
}

#[derive(Deserialize)]
pub struct NewMember {
    username: String,
    name: String,
    role: Role,
    /// Set by the admin now; without it the answer carries an invite link instead.
    #[serde(default)]
    password: Option<String>,
}

#[derive(Serialize)]
pub struct Created {
    member: Member,
    link: Option<LinkView>,
}

/// Appends the member's public profile to the log, for every app.
pub async fn publish(app: &AppState, member: &Member) -> Result<(), ApiError> {
    let event = Event::AgentSaved {
        agent: member.username.clone(),
        name: member.name.clone(),
        role: member.role,
        active: member.active,
    };
    app.log
        .append(vec![NewEvent::new(event)], app.clock.now())
        .await?;
    Ok(())
}

pub async fn create(
    State(app): State<AppState>,
    admin: Agent,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let now = app.clock.now();
    let accounts = app.accounts.clone();
    let username = new.username.trim().to_owned();
    let (name, role, password) = (new.name, new.role, new.password);
    let invited = password.is_none();
    let member = app
        .accounts
        .hashing()
        .run(move || accounts.create(&username, &name, role, password.as_deref(), now))
        .await??;
    publish(&app, &member).await?;
    let entry = Record::new(&admin.username, Action::MemberCreated)
        .target(&member.username)
        .detail(serde_json::json!({ "role": member.role, "name": member.name }));
    app.audit.record(entry, app.clock.now());
    let link = if invited {
        Some(issue(&app, &admin, &member)?)
    } else {
        None
    };
    Ok((StatusCode::CREATED, Json(Created { member, link })))
}

#[derive(Deserialize)]
pub struct Change {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<Role>,
    #[serde(default)]
    active: Option<bool>,
}

/// Renames, changes the role of, deactivates (ending their sessions at once) or
/// reactivates a member.
pub async fn change(
    State(app): State<AppState>,
    admin: Agent,
    Path(username): Path<String>,
    ApiJson(change): ApiJson<Change>,
) -> Result<Json<Member>, ApiError> {
    let detail = serde_json::json!({
        "name": change.name, "role": change.role, "active": change.active,
    });
    let change = MemberChange {
        name: change.name,
        role: change.role,
        active: change.active,
    };
    let member = app.accounts.change(&username, &change)?;
    publish(&app, &member).await?;
    let entry = Record::new(&admin.username, Action::MemberChanged)
        .target(&member.username)
        .detail(detail);
    app.audit.record(entry, app.clock.now());
    Ok(Json(member))
}

fn issue(app: &AppState, admin: &Agent, member: &Member) -> Result<LinkView, ApiError> {
    let kind = if member.has_password {
        LinkKind::Reset
    } else {
        LinkKind::Invite
    };
    let (token, expires_at) = app.accounts.issue_link(
        member.username.as_str(),
        kind,
        &admin.username,
        app.clock.now(),
    )?;
    let action = match kind {
        LinkKind::Invite => Action::MemberInvited,
        LinkKind::Reset => Action::PasswordResetIssued,
    };
    let entry = Record::new(&admin.username, action).target(&member.username);
    app.audit.record(entry, app.clock.now());
    Ok(LinkView {
        kind,
        path: format!("/link/{token}"),
        expires_at,
    })
}

/// A new invite link (no password yet) or password-reset link for the member.
pub async fn issue_link(
    State(app): State<AppState>,
    admin: Agent,
    Path(username): Path<String>,
) -> Result<Json<LinkView>, ApiError> {
    let member = app
        .accounts
        .member(&username)?
        .ok_or(crate::auth::accounts::AccountError::UnknownAgent(username))?;
    Ok(Json(issue(&app, &admin, &member)?))
}

/// Removes a member's second factor (a lost phone); their sessions end.
pub async fn reset_totp(
    State(app): State<AppState>,
    admin: Agent,
    Path(username): Path<String>,
) -> Result<StatusCode, ApiError> {
    app.accounts.reset_totp(&username)?;
    let entry = Record::new(&admin.username, Action::TotpReset).target(&username);
    app.audit.record(entry, app.clock.now());
    Ok(StatusCode::NO_CONTENT)
}
