//! Who a chat is assigned to, and the control to change it (an agent, a team, or nobody).

use crate::api;
use crate::i18n::{t, t_with};
use crate::state::{Session, use_replica};
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{AgentId, Assign, ChatId, Command, TeamId};

/// The select's value for an assignment: `agent:ana`, `team:sales` or empty.
fn encode(agent: Option<&AgentId>, team: Option<&TeamId>) -> String {
    match (agent, team) {
        (Some(agent), _) => format!("agent:{agent}"),
        (None, Some(team)) => format!("team:{team}"),
        (None, None) => String::new(),
    }
}

#[component]
pub fn AssignControl(chat: ChatId) -> impl IntoView {
    let replica = use_replica();
    let error = RwSignal::new(None::<String>);
    let chat = StoredValue::new(chat);
    let current = move || {
        replica.state().with(|s| {
            chat.with_value(|id| {
                s.chat(id)
                    .map(|c| encode(c.assignee.as_ref(), c.team.as_ref()))
            })
            .unwrap_or_default()
        })
    };
    let me = move || match replica.session().get() {
        Session::SignedIn(agent) => Some(agent.username),
        _ => None,
    };
    let options = move || {
        replica.state().with(|s| {
            let agents = s
                .agents
                .iter()
                .filter(|(_, p)| p.active)
                .map(|(id, p)| (encode(Some(id), None), p.name.clone()));
            let teams = s.teams.iter().map(|(id, team)| {
                (
                    encode(None, Some(id)),
                    t_with("inbox-team", &[("name", team.name.as_str().into())]),
                )
            });
            agents.chain(teams).collect::<Vec<_>>()
        })
    };
    let assign = move |value: String| {
        let (agent, team) = match value.split_once(':') {
            Some(("agent", id)) => (Some(AgentId::new(id)), None),
            Some(("team", id)) => (None, Some(TeamId::new(id))),
            _ => (None, None),
        };
        let command = Command::Assign(Assign {
            chat: chat.get_value(),
            agent,
            team,
        });
        spawn_local(async move {
            match api::send_command(&api::new_command_id(), &command).await {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="assign">
            <select
                data-testid="assign"
                title=t("chat-assigned-to")
                on:change=move |ev| assign(event_target_value(&ev))
            >
                <option value="" selected=move || current().is_empty()>{t("chat-unassigned")}</option>
                {move || {
                    let selected = current();
                    options()
                        .into_iter()
                        .map(|(value, label)| {
                            let is = value == selected;
                            view! { <option value=value selected=is>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <Show when=move || me().is_some_and(|me| current() != encode(Some(&me), None))>
                <button
                    class="button small"
                    data-testid="assign-to-me"
                    on:click=move |_| {
                        if let Some(me) = me() {
                            assign(encode(Some(&me), None));
                        }
                    }
                >
                    {t("chat-assign-to-me")}
                </button>
            </Show>
            {move || error.get().map(|m| view! { <span class="form-error" role="alert">{m}</span> })}
        </div>
    }
}
