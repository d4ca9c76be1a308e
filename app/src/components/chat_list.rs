//! The left column: chats, most recent first.

use super::preview::preview;
use super::top_bar::initial;
use super::{ListedChats, SearchBox, SearchResults};
use crate::api;
use crate::format;
use crate::i18n::{t, t_with};
use crate::state::{Session, use_now, use_replica};
use leptos::prelude::*;
use switchboard_domain::{
    Chat, ChatId, LineId, TeamId, Timestamp,
    inbox::{ChatFilter, Scope, Status},
    window,
};

/// What a row shows; rebuilt only when one of these changes.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: ChatId,
    title: String,
    preview: String,
    time: String,
    unread: u32,
    window: String,
    open: bool,
    /// Tag names and colours.
    tags: Vec<(String, String)>,
}

impl Row {
    fn of(
        chat: &Chat,
        now: Timestamp,
        colours: &std::collections::BTreeMap<String, String>,
    ) -> Self {
        let last = chat.last_conversation_message();
        let window = window(chat.last_inbound, now);
        Self {
            id: chat.id.clone(),
            title: chat_title(chat),
            preview: last.map(|m| preview(&m.body)).unwrap_or_default(),
            time: last.map(|m| format::short(m.at, now)).unwrap_or_default(),
            unread: chat.unread,
            window: format::window_label(window),
            open: window.is_open(),
            tags: chat
                .tags
                .iter()
                .map(|t| (t.clone(), colours.get(t).cloned().unwrap_or_default()))
                .collect(),
        }
    }
}

/// The height of a row in the list (`.chat-item` in the stylesheet).
const ROW_PX: i32 = 82;
/// Rows drawn above and below the visible ones.
const OVERSCAN: usize = 8;

/// A chat's name as the team reads it: the customer's (or group's) name; a group WhatsApp
/// gave no subject is "WhatsApp group", not its id.
pub fn chat_title(chat: &Chat) -> String {
    match (&chat.name, chat.group) {
        (Some(name), _) => name.clone(),
        (None, true) => t("chat-group-untitled"),
        (None, false) => chat.contact.to_string(),
    }
}

/// What the chat's header shows under its name: the number replies go to with its plus, or
/// what the id is when it is not a number (a group, a business-scoped user id).
pub fn chat_address(chat: &Chat) -> String {
    if chat.group {
        t("chat-group")
    } else if chat.address.is_user_id() {
        format!("{} · {}", t("chat-user-id"), chat.address)
    } else {
        format!("+{}", chat.address)
    }
}

/// The path of a chat; its id goes through `encodeURIComponent`.
pub fn chat_href(id: &ChatId) -> String {
    format!(
        "/chats/{}",
        String::from(js_sys::encode_uri_component(id.as_str()))
    )
}

#[component]
pub fn ChatList(#[prop(into)] selected: Signal<Option<ChatId>>) -> impl IntoView {
    let replica = use_replica();
    let now = use_now();
    let filter = RwSignal::new(ChatFilter::default());
    let viewer = move || replica.session().with(Session::viewer);
    let rows = Memo::new(move |_| {
        let now = now.get();
        let viewer = viewer();
        filter.with(|filter| {
            replica.state().with(|state| {
                state
                    .chat_list(&viewer, filter)
                    .into_iter()
                    .map(|c| Row::of(c, now, &state.tags))
                    .collect::<Vec<_>>()
            })
        })
    });
    if let Some(ListedChats(listed)) = use_context::<ListedChats>() {
        Effect::new(move |_| {
            listed.set(rows.with(|rows| rows.iter().map(|r| r.id.clone()).collect()))
        });
    }
    // Only the rows in view (and a few around them) are drawn, so 10 000 chats scroll as
    // smoothly as 10: every row has the same height, and a spacer keeps the scrollbar true.
    let list = NodeRef::<leptos::html::Nav>::new();
    let scroll_top = RwSignal::new(0_i32);
    let viewport = RwSignal::new(900_i32);
    let measure = move || {
        if let Some(el) = list.get_untracked() {
            scroll_top.set(el.scroll_top());
            viewport.set(el.client_height().max(ROW_PX));
        }
    };
    Effect::new(move |_| {
        list.track();
        measure();
    });
    let first = Memo::new(move |_| {
        usize::try_from(scroll_top.get() / ROW_PX)
            .unwrap_or(0)
            .saturating_sub(OVERSCAN)
    });
    let visible = move || {
        let count = usize::try_from(viewport.get() / ROW_PX).unwrap_or(0) + 2 * OVERSCAN + 1;
        rows.with(|rows| {
            rows.iter()
                .skip(first.get())
                .take(count)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // The chat opened by a shortcut or a link is scrolled into view.
    Effect::new(move |_| {
        let Some(id) = selected.get() else { return };
        let Some(index) = rows.with_untracked(|rows| rows.iter().position(|r| r.id == id)) else {
            return;
        };
        let Some(el) = list.get_untracked() else {
            return;
        };
        let top = i32::try_from(index).unwrap_or(i32::MAX / 2) * ROW_PX;
        if top < el.scroll_top() || top + ROW_PX > el.scroll_top() + el.client_height() {
            el.set_scroll_top(top - el.client_height() / 2);
            measure();
        }
    });
    let query = RwSignal::new(String::new());
    let searching = move || query.with(|q| !q.trim().is_empty());
    let nothing_matches =
        move || !replica.state().with(|s| s.chats.is_empty()) && rows.with(Vec::is_empty);
    view! {
        <SearchBox query=query />
        <Show when=searching>
            <SearchResults query=query />
        </Show>
        <Show when=move || !searching()>
        <FilterBar filter=filter />
        <nav class="chat-list" data-testid="chat-list" aria-label=t("inbox-chats") node_ref=list on:scroll=move |_| measure()>
            <Show when=nothing_matches>
                <div class="empty-list">
                    <p>{t("inbox-no-match")}</p>
                </div>
            </Show>
            <Show when=move || replica.state().with(|s| s.chats.is_empty())>
                <div class="empty-list">
                    <p>{t("inbox-empty")}</p>
                    <p class="muted">
                        {t("inbox-empty-help")} " "
                        <a href="/simulator">{t("inbox-empty-try-simulator")}</a>
                    </p>
                </div>
            </Show>
            <div class="chat-rows" style=move || format!("height:{}px", rows.with(Vec::len) * ROW_PX as usize)>
                <div style=move || format!("transform:translateY({}px)", first.get() * ROW_PX as usize)>
                    <For each=visible key=|row| row.clone() let(row)>
                        <ChatRow row=row selected=selected />
                    </For>
                </div>
            </div>
        </nav>
        </Show>
    }
}

#[component]
fn ChatRow(row: Row, selected: Signal<Option<ChatId>>) -> impl IntoView {
    let id = row.id.clone();
    let is_selected = move || selected.with(|s| s.as_ref() == Some(&id));
    let has_unread = row.unread > 0;
    view! {
        <a
            class="chat-item"
            class:selected=is_selected
            href=chat_href(&row.id)
            data-testid="chat-item"
            data-chat-id=row.id.to_string()
        >
            <span class="avatar">{initial(&row.title)}</span>
            <span class="chat-main">
                <span class="chat-line">
                    <span class="chat-title">{row.title.clone()}</span>
                    <span class="chat-time" class:unread-time=has_unread>
                        {row.time.clone()}
                    </span>
                </span>
                <span class="chat-line">
                    <span class="chat-preview" data-testid="chat-preview">
                        {row.preview.clone()}
                    </span>
                    {has_unread
                        .then(|| {
                            view! {
                                <span
                                    class="unread"
                                    data-testid="unread"
                                    title=t_with("unread-count", &[("count", row.unread.into())])
                                >
                                    {format::number(f64::from(row.unread))}
                                </span>
                            }
                        })}
                </span>
                <span class="chat-line">
                    <span class="window-state" class:open=row.open class:closed=!row.open>
                        {row.window.clone()}
                    </span>
                    <span class="row-tags">
                        {row
                            .tags
                            .iter()
                            .map(|(name, colour)| {
                                view! { <span class="tag small" style=format!("background:{colour}")>{name.clone()}</span> }
                            })
                            .collect_view()}
                    </span>
                </span>
            </span>
        </a>
    }
}

/// Whose chats, open or resolved, on which line.
#[component]
fn FilterBar(filter: RwSignal<ChatFilter>) -> impl IntoView {
    let replica = use_replica();
    let lines = LocalResource::new(api::list_lines);
    let teams = move || {
        replica.state().with(|s| {
            s.teams
                .iter()
                .map(|(id, t)| (id.to_string(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let set_scope = move |value: String| {
        let scope = match value.as_str() {
            "mine" => Scope::Mine,
            "unassigned" => Scope::Unassigned,
            "all" => Scope::All,
            team => Scope::Team(TeamId::new(team.trim_start_matches("team:"))),
        };
        filter.update(|f| f.scope = scope);
    };
    let tags = move || {
        replica
            .state()
            .with(|s| s.tags.keys().cloned().collect::<Vec<_>>())
    };
    let set_status = move |value: String| {
        let status = match value.as_str() {
            "resolved" => Status::Resolved,
            "any" => Status::Any,
            _ => Status::Open,
        };
        filter.update(|f| f.status = status);
    };
    view! {
        <div class="filter-bar" data-testid="filters">
            <select data-testid="filter-scope" aria-label=t("inbox-filter-scope") on:change=move |ev| set_scope(event_target_value(&ev))>
                <option value="all">{t("inbox-filter-all")}</option>
                <option value="mine">{t("inbox-filter-mine")}</option>
                <option value="unassigned">{t("inbox-filter-unassigned")}</option>
                {move || {
                    teams()
                        .into_iter()
                        .map(|(id, name)| view! { <option value=format!("team:{id}")>{t_with("inbox-team", &[("name", name.into())])}</option> })
                        .collect_view()
                }}
            </select>
            <select data-testid="filter-status" aria-label=t("inbox-filter-status") on:change=move |ev| set_status(event_target_value(&ev))>
                <option value="open">{t("inbox-filter-open")}</option>
                <option value="resolved">{t("inbox-filter-resolved")}</option>
                <option value="any">{t("inbox-filter-open-and-resolved")}</option>
            </select>
            <select
                data-testid="filter-line"
                aria-label=t("inbox-filter-line")
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    filter.update(|f| f.line = (!value.is_empty()).then(|| LineId::new(value)));
                }
            >
                <option value="">{t("inbox-filter-all-lines")}</option>
                {move || {
                    lines
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|line| view! { <option value=line.id.to_string()>{line.name}</option> })
                        .collect_view()
                }}
            </select>
            <Show when=move || !tags().is_empty()>
                <select
                    data-testid="filter-tag"
                    aria-label=t("inbox-filter-tag")
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.tag = (!value.is_empty()).then_some(value));
                    }
                >
                    <option value="">{t("inbox-filter-any-tag")}</option>
                    {move || {
                        tags()
                            .into_iter()
                            .map(|t| {
                                let label = t.clone();
                                view! { <option value=t>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </Show>
        </div>
    }
}
