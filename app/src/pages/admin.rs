//! `/admin`: people, teams, which team owns each line, access settings and the audit log.
//! Teams, line teams and settings are read from the replica (they are events); the member
//! list and the audit log come from the relay, which shows them to admins only.

use crate::api::admin::{self, AuditEntry, Link, Member, MemberChange};
use crate::api::list_lines;
use crate::components::{Outcome, OutcomeLine, RequireSession, TopBar};
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::use_replica;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::wire::LinkKind;
use switchboard_domain::{
    AgentId, Command, LineId, Role, TeamId,
    access::AccessSettings,
    audit::AuditAction,
    workspace::{ChangeAccess, SaveTeam, SetLineTeam, TeamOnly},
};

const ROLES: [Role; 3] = [Role::Agent, Role::Supervisor, Role::Admin];

fn role_label(role: Role) -> String {
    match role {
        Role::Agent => t("admin-role-agent"),
        Role::Supervisor => t("admin-role-supervisor"),
        Role::Admin => t("admin-role-admin"),
    }
}

/// An audit action in the member's language; one the relay added after this app, as such.
fn action_label(action: AuditAction) -> String {
    use AuditAction as A;
    t(match action {
        A::LoginSucceeded => "admin-action-login-succeeded",
        A::LoginFailed => "admin-action-login-failed",
        A::Logout => "admin-action-logout",
        A::LogoutEverywhere => "admin-action-logout-everywhere",
        A::PasswordChanged => "admin-action-password-changed",
        A::PasswordSet => "admin-action-password-set",
        A::TotpEnabled => "admin-action-totp-enabled",
        A::TotpDisabled => "admin-action-totp-disabled",
        A::TotpReset => "admin-action-totp-reset",
        A::MemberCreated => "admin-action-member-created",
        A::MemberInvited => "admin-action-member-invited",
        A::PasswordResetIssued => "admin-action-password-reset-issued",
        A::MemberChanged => "admin-action-member-changed",
        A::TeamSaved => "admin-action-team-saved",
        A::TeamDeleted => "admin-action-team-deleted",
        A::LineChanged => "admin-action-line-changed",
        A::SettingsChanged => "admin-action-settings-changed",
        A::QuickReplySaved => "admin-action-quick-reply-saved",
        A::QuickReplyDeleted => "admin-action-quick-reply-deleted",
        A::TemplatesSynced => "admin-action-templates-synced",
        A::Export => "admin-action-export",
        A::Deletion => "admin-action-deletion",
        A::RecordSetAside => "admin-action-record-set-aside",
        A::Unknown => "admin-action-unknown",
    })
}

#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <RequireSession role=Role::Admin>
            <div class="app">
                <TopBar />
                <main class="page admin">
                    <h1>{t("admin-title")}</h1>
                    <Members />
                    <Teams />
                    <Settings />
                    <MediaStorage />
                    <Audit />
                </main>
            </div>
        </RequireSession>
    }
}

#[component]
fn Members() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let members = LocalResource::new(move || {
        reload.track();
        admin::members()
    });
    let outcome: Outcome = RwSignal::new(None);
    let link = RwSignal::new(None::<(String, Link)>);
    let refresh = move || reload.update(|n| *n += 1);
    let change = move |username: String, change: MemberChange| {
        spawn_local(async move {
            match admin::change_member(&username, &change).await {
                Ok(()) => outcome.set(None),
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
            refresh();
        })
    };
    let issue = move |username: String| {
        spawn_local(async move {
            match admin::issue_link(&username).await {
                Ok(issued) => link.set(Some((username, issued))),
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    let reset_totp = move |username: String| {
        spawn_local(async move {
            match admin::reset_totp(&username).await {
                Ok(()) => outcome.set(Some(Ok(t_with(
                    "admin-two-factor-removed",
                    &[("username", username.as_str().into())],
                )))),
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
            refresh();
        })
    };
    let row = move |member: Member| {
        let username = member.username.to_string();
        let (for_role, for_active, for_link, for_totp) = (
            username.clone(),
            username.clone(),
            username.clone(),
            username.clone(),
        );
        let active = member.active;
        view! {
            <tr data-testid="member" data-username=username class:inactive=!active>
                <td>
                    <strong>{member.name.clone()}</strong>
                    <br />
                    <span class="muted">{member.username.to_string()}</span>
                </td>
                <td>
                    <select
                        data-testid="member-role"
                        on:change=move |ev| {
                            let role = Role::parse(&event_target_value(&ev));
                            change(for_role.clone(), MemberChange { role, active: None });
                        }
                    >
                        {ROLES
                            .map(|role| {
                                view! {
                                    <option value=role.as_str() selected=member.role == role>
                                        {role_label(role)}
                                    </option>
                                }
                            })}
                    </select>
                </td>
                <td>
                    {if !member.has_password {
                        t("admin-status-invited")
                    } else if active {
                        t("admin-status-active")
                    } else {
                        t("admin-status-deactivated")
                    }}
                    {member.totp_enabled.then(|| format!(" · {}", t("admin-status-two-factor")))}
                </td>
                <td class="actions">
                    <button
                        class="button small"
                        data-testid="member-active"
                        on:click=move |_| {
                            change(
                                for_active.clone(),
                                MemberChange { role: None, active: Some(!active) },
                            )
                        }
                    >
                        {if active { t("admin-deactivate") } else { t("admin-reactivate") }}
                    </button>
                    <button class="button small" on:click=move |_| issue(for_link.clone())>
                        {if member.has_password { t("admin-reset-password") } else { t("admin-new-invite") }}
                    </button>
                    {member
                        .totp_enabled
                        .then(|| {
                            view! {
                                <button
                                    class="button small"
                                    on:click=move |_| reset_totp(for_totp.clone())
                                >
                                    {t("admin-remove-two-factor")}
                                </button>
                            }
                        })}
                </td>
            </tr>
        }
    };
    let on_added = move |added: Option<(String, Link)>| {
        if let Some(issued) = added {
            link.set(Some(issued));
        }
        refresh();
    };
    view! {
        <section class="card" data-testid="members">
            <h2>{t("admin-people")}</h2>
            <Transition fallback=|| view! { <p class="muted">{t("admin-loading")}</p> }>
                {move || {
                    members
                        .get()
                        .map(|result| match result {
                            Ok(list) => view! {
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th>{t("admin-member")}</th>
                                            <th>{t("admin-role")}</th>
                                            <th>{t("admin-status")}</th>
                                            <th></th>
                                        </tr>
                                    </thead>
                                    <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                                </table>
                            }
                            .into_any(),
                            Err(e) => view! { <p class="form-error">{e.to_string()}</p> }.into_any(),
                        })
                }}
            </Transition>
            {move || {
                link.get()
                    .map(|(username, link)| {
                        let args = [
                            ("username", username.as_str().into()),
                            ("until", format::date_time(link.expires_at).into()),
                        ];
                        let sentence = if link.kind == LinkKind::Reset {
                            t_with("admin-issued-reset-link", &args)
                        } else {
                            t_with("admin-issued-invite-link", &args)
                        };
                        view! {
                            <div class="notice" data-testid="issued-link">
                                <p>{sentence}</p>
                                <input class="link-box" readonly prop:value=admin::link_url(&link) />
                            </div>
                        }
                    })
            }}
            <OutcomeLine outcome=outcome />
            <AddMember on_added=on_added />
        </section>
    }
}

#[component]
fn AddMember(on_added: impl Fn(Option<(String, Link)>) + Copy + 'static) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Agent);
    let password = RwSignal::new(String::new());
    let outcome: Outcome = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (user, full, chosen) = (
            username.get_untracked(),
            name.get_untracked(),
            role.get_untracked(),
        );
        let typed = password.get_untracked();
        spawn_local(async move {
            let chosen_password = (!typed.is_empty()).then_some(typed.as_str());
            match admin::create_member(&user, &full, chosen, chosen_password).await {
                Ok(link) => {
                    outcome.set(Some(Ok(t_with(
                        "admin-member-added",
                        &[("username", user.as_str().into())],
                    ))));
                    username.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    on_added(link.map(|l| (user, l)));
                }
                Err(e) => outcome.set(Some(Err(e.to_string()))),
            }
        })
    };
    view! {
        <form class="inline-form add-member" on:submit=submit data-testid="add-member">
            <h3>{t("admin-add-member")}</h3>
            <label>
                {t("admin-username")}
                <input
                    name="new-username"
                    required
                    pattern=switchboard_domain::access::USERNAME_PATTERN
                    title=t("admin-username-rule")
                    prop:value=username
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
            </label>
            <label>
                {t("admin-name")}
                <input
                    name="new-name"
                    required
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            <label>
                {t("admin-role")}
                <select
                    name="new-role"
                    on:change=move |ev| role.set(Role::parse(&event_target_value(&ev)).unwrap_or(Role::Agent))
                >
                    {ROLES
                        .map(|r| view! { <option value=r.as_str() selected=r == Role::Agent>{role_label(r)}</option> })}
                </select>
            </label>
            <label>
                {t("admin-password")}
                <input
                    name="new-password"
                    type="password"
                    autocomplete="new-password"
                    prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="button primary">{t("admin-add")}</button>
            <OutcomeLine outcome=outcome />
        </form>
    }
}

#[component]
fn Teams() -> impl IntoView {
    let replica = use_replica();
    let outcome: Outcome = RwSignal::new(None);
    let lines = LocalResource::new(list_lines);
    let new_id = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let agents = move || {
        replica.state().with(|s| {
            s.agents
                .iter()
                .filter(|(_, p)| p.active)
                .map(|(id, p)| (id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let teams = move || {
        replica.state().with(|s| {
            s.teams
                .iter()
                .map(|(id, t)| {
                    let members: Vec<String> = t.members.iter().map(ToString::to_string).collect();
                    (id.to_string(), t.name.clone(), members)
                })
                .collect::<Vec<_>>()
        })
    };
    let report = move |result: Result<(), String>| match result {
        Ok(()) => outcome.set(None),
        Err(e) => outcome.set(Some(Err(e))),
    };
    let save_team = move |team: String, name: String, members: Vec<String>| {
        let command = Command::SaveTeam(SaveTeam {
            team: TeamId::new(team),
            name,
            members: members.into_iter().map(AgentId::new).collect(),
        });
        admin::change(replica, command)
    };
    let toggle = move |team: String, name: String, mut members: Vec<String>, agent: String| {
        if let Some(at) = members.iter().position(|m| *m == agent) {
            members.remove(at);
        } else {
            members.push(agent);
        }
        spawn_local(async move { report(save_team(team, name, members).await) });
    };
    let set_line_team = move |line: String, team: Option<String>, round_robin: bool| {
        let command = Command::SetLineTeam(SetLineTeam {
            line: LineId::new(line),
            team: team.map(TeamId::new),
            round_robin,
        });
        admin::change(replica, command)
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, name) = (new_id.get_untracked(), new_name.get_untracked());
        spawn_local(async move {
            let result = save_team(id, name, Vec::new()).await;
            if result.is_ok() {
                new_id.set(String::new());
                new_name.set(String::new());
            }
            report(result);
        });
    };
    view! {
        <section class="card" data-testid="teams">
            <h2>{t("admin-teams")}</h2>
            <For each=teams key=|team| team.clone() let:team>
                {
                    let (id, name, members) = team;
                    let remove = id.clone();
                    let shown_id = format!(" ({id})");
                    view! {
                        <div class="team" data-testid="team" data-team=id>
                            <h3>{name.clone()} <span class="muted">{shown_id}</span></h3>
                            <div class="chips">
                                {agents()
                                    .into_iter()
                                    .map(|(agent, agent_name)| {
                                        let checked = members.contains(&agent);
                                        let (id, name, members) = (id.clone(), name.clone(), members.clone());
                                        let who = agent;
                                        view! {
                                            <label class="chip">
                                                <input
                                                    type="checkbox"
                                                    checked=checked
                                                    data-member=who.clone()
                                                    on:change=move |_| toggle(id.clone(), name.clone(), members.clone(), who.clone())
                                                />
                                                {agent_name}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                            <button
                                class="button small danger"
                                on:click=move |_| {
                                    let team = TeamId::new(remove.clone());
                                    let command = Command::DeleteTeam(TeamOnly { team });
                                    spawn_local(async move { report(admin::change(replica, command).await) });
                                }
                            >
                                {t("admin-delete-team")}
                            </button>
                        </div>
                    }
                }
            </For>
            <form class="inline-form" on:submit=create data-testid="add-team">
                <label>
                    {t("admin-team-id")}
                    <input
                        name="team-id"
                        required
                        pattern=switchboard_domain::access::USERNAME_PATTERN
                        title=t("admin-team-id-rule")
                        placeholder=t("admin-team-id-example")
                        prop:value=new_id
                        on:input=move |ev| new_id.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    {t("admin-name")}
                    <input
                        name="team-name"
                        required
                        placeholder=t("admin-team-name-example")
                        prop:value=new_name
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="button primary">{t("admin-create-team")}</button>
            </form>
            <h3>{t("admin-lines")}</h3>
            <p class="muted">
                {t("admin-lines-help")}
            </p>
            <Transition fallback=|| ()>
                {move || {
                    lines
                        .get()
                        .and_then(Result::ok)
                        .map(|lines| {
                            lines
                                .into_iter()
                                .map(|line| {
                                    let id = StoredValue::new(line.id.clone());
                                    let current = move || {
                                        replica.state().with(|s| {
                                            id.with_value(|id| s.line_teams.get(id).map(ToString::to_string))
                                        })
                                    };
                                    let round_robin = move || {
                                        replica.state().with(|s| id.with_value(|id| s.round_robin.contains(id)))
                                    };
                                    let line_id = line.id.to_string();
                                    let line_for_toggle = line_id.clone();
                                    let line_attr = line_id.clone();
                                    view! {
                                        <div class="line-team">
                                        <label>
                                            {line.name}
                                            <select
                                                data-testid="line-team"
                                                data-line=line_id.clone()
                                                on:change=move |ev| {
                                                    let value = event_target_value(&ev);
                                                    let line = line_id.clone();
                                                    // A line without a team has no one to take turns.
                                                    let keep = round_robin() && !value.is_empty();
                                                    let team = (!value.is_empty()).then_some(value);
                                                    spawn_local(async move {
                                                        report(set_line_team(line, team, keep).await);
                                                    });
                                                }
                                            >
                                                <option value="" selected=move || current().is_none()>{t("admin-no-team")}</option>
                                                {move || {
                                                    teams()
                                                        .into_iter()
                                                        .map(|(team, name, _)| {
                                                            let selected = current().as_deref() == Some(team.as_str());
                                                            view! { <option value=team selected=selected>{name}</option> }
                                                        })
                                                        .collect_view()
                                                }}
                                            </select>
                                        </label>
                                        <label class="inline">
                                            <input
                                                type="checkbox"
                                                data-testid="round-robin"
                                                data-line=line_attr
                                                prop:checked=round_robin
                                                disabled=move || current().is_none()
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let line = line_for_toggle.clone();
                                                    let team = current();
                                                    spawn_local(async move {
                                                        report(set_line_team(line, team, on).await);
                                                    });
                                                }
                                            />
                                            {t("admin-round-robin")}
                                        </label>
                                        </div>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </Transition>
            <OutcomeLine outcome=outcome />
        </section>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let replica = use_replica();
    let outcome: Outcome = RwSignal::new(None);
    let settings = move || replica.state().with(|s| s.settings);
    let save = move |settings: AccessSettings| {
        let command = Command::ChangeAccess(ChangeAccess { settings });
        spawn_local(async move {
            match admin::change(replica, command).await {
                Ok(()) => outcome.set(None),
                Err(e) => outcome.set(Some(Err(e))),
            }
        })
    };
    view! {
        <section class="card" data-testid="settings">
            <h2>{t("admin-access")}</h2>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="restrict-to-teams"
                    prop:checked=move || settings().restrict_to_teams
                    on:change=move |ev| {
                        let restrict_to_teams = event_target_checked(&ev);
                        save(AccessSettings { restrict_to_teams, ..settings() });
                    }
                />
                {t("admin-restrict-to-teams")}
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="require-totp"
                    prop:checked=move || settings().require_totp
                    on:change=move |ev| {
                        let require_totp = event_target_checked(&ev);
                        save(AccessSettings { require_totp, ..settings() });
                    }
                />
                {t("admin-require-two-factor")}
            </label>
            <OutcomeLine outcome=outcome />
        </section>
    }
}

/// Customers' files on the relay's disk: usage against the quota, the retention period, and
/// what was removed (when, why) or could not be fetched.
#[component]
fn MediaStorage() -> impl IntoView {
    let usage = LocalResource::new(admin::media_usage);
    let reason = |reason: Option<&str>, days: u32| match reason {
        Some("retention") => t_with("admin-media-reason-retention", &[("days", days.into())]),
        Some("quota") => t("admin-media-reason-quota"),
        _ => String::new(),
    };
    view! {
        <section class="card" data-testid="media-storage">
            <h2>{t("admin-media")}</h2>
            {move || {
                usage
                    .get()
                    .map(|result| match result {
                        Err(e) => view! { <p class="form-error">{e.to_string()}</p> }.into_any(),
                        Ok(usage) => {
                            let days = usage.retention_days;
                            view! {
                                <p data-testid="media-usage">
                                    {t_with(
                                        "admin-media-usage",
                                        &[
                                            ("used", format::size(usage.usage_bytes).into()),
                                            ("quota", format::size(usage.quota_bytes).into()),
                                            ("days", days.into()),
                                        ],
                                    )}
                                </p>
                                <h3>{t("admin-media-removed")}</h3>
                                {usage.evicted.is_empty().then(|| view! { <p>{t("admin-media-none-removed")}</p> })}
                                <table class="table">
                                    <tbody>
                                        {usage
                                            .evicted
                                            .into_iter()
                                            .map(|file| {
                                                view! {
                                                    <tr data-testid="media-evicted">
                                                        <td>{file.evicted_at.map(format::date_time)}</td>
                                                        <td>{file.line}</td>
                                                        <td>{file.mime_type.unwrap_or_default()}</td>
                                                        <td>{format::size(file.size)}</td>
                                                        <td>{reason(file.evicted_reason.as_deref(), days)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <h3>{t("admin-media-failed")}</h3>
                                {usage.failed.is_empty().then(|| view! { <p>{t("admin-media-none-failed")}</p> })}
                                <table class="table">
                                    <tbody>
                                        {usage
                                            .failed
                                            .into_iter()
                                            .map(|file| {
                                                view! {
                                                    <tr data-testid="media-failed">
                                                        <td>{format::date_time(file.received_at)}</td>
                                                        <td>{file.line}</td>
                                                        <td>{file.media_id}</td>
                                                        <td>{file.error.unwrap_or_default()}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn Audit() -> impl IntoView {
    let action = RwSignal::new(None::<AuditAction>);
    let actor = RwSignal::new(String::new());
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let error = RwSignal::new(None::<String>);
    let load = move |more: bool| {
        let before = if more {
            entries.with_untracked(|e| e.last().map(|e| e.id))
        } else {
            None
        };
        let (action, actor) = (action.get_untracked(), actor.get_untracked());
        spawn_local(async move {
            match admin::audit(action, &actor, before).await {
                Ok(page) if more => entries.update(|e| e.extend(page)),
                Ok(page) => entries.set(page),
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    load(false);
    view! {
        <section class="card" data-testid="audit">
            <h2>{t("admin-audit")}</h2>
            <form
                class="inline-form"
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    load(false);
                }
            >
                <label>
                    {t("admin-audit-action")}
                    <select data-testid="audit-action" on:change=move |ev| {
                        action.set(Some(AuditAction::parse(&event_target_value(&ev))).filter(|a| *a != AuditAction::Unknown));
                        load(false);
                    }>
                        <option value="">{t("admin-audit-everything")}</option>
                        {AuditAction::ALL.map(|a| view! { <option value=a.as_str()>{action_label(a)}</option> })}
                    </select>
                </label>
                <label>
                    {t("admin-audit-who")}
                    <input
                        data-testid="audit-actor"
                        placeholder=t("admin-audit-who-placeholder")
                        prop:value=actor
                        on:input=move |ev| actor.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="button">{t("admin-audit-filter")}</button>
            </form>
            {move || error.get().map(|m| view! { <p class="form-error">{m}</p> })}
            <table class="table">
                <thead>
                    <tr>
                        <th>{t("admin-audit-when")}</th>
                        <th>{t("admin-audit-who")}</th>
                        <th>{t("admin-audit-what")}</th>
                        <th>{t("admin-audit-target")}</th>
                        <th>{t("admin-audit-from")}</th>
                        <th>{t("admin-audit-details")}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || entries.get() key=|e| e.id let:entry>
                        <tr data-testid="audit-entry" data-action=entry.action.as_str()>
                            <td>{format::date_time(entry.at)}</td>
                            <td>{entry.actor.clone().unwrap_or_default()}</td>
                            <td>{action_label(entry.action)}</td>
                            <td>{entry.target.clone().unwrap_or_default()}</td>
                            <td>{entry.address.clone().unwrap_or_default()}</td>
                            <td class="detail">
                                {(!entry.detail.is_null()).then(|| entry.detail.to_string())}
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <button class="button" on:click=move |_| load(true)>{t("admin-audit-older")}</button>
        </section>
    }
}
