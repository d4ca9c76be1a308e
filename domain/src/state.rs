//! The projection of the log, and the reducer that builds it.

use crate::{
    AgentId, ChatId, CommandId, ContactId, DeliveryStatus, Direction, Event, EventRecord, LineId,
    Message, MessageBody, MessageKey, Seq, TeamId, Timestamp, Wamid,
    access::{AccessSettings, AgentProfile, Team},
    line_health::LineReport,
    message::{Context, Receipt},
    template::Template,
};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, Default)]
pub struct State {
    /// The last applied event; events at or before it are ignored, so each applies once.
    pub cursor: Seq,
    pub chats: BTreeMap<ChatId, Chat>,
    /// Correctly signed webhooks the parser could not read, waiting for an admin.
    pub unreadable_webhooks: usize,
    /// Each line's templates, as last synced from Meta.
    pub templates: BTreeMap<LineId, Vec<Template>>,
    /// Lines that need an admin (e.g. Meta refused the token), with what to tell them.
    pub alerts: BTreeMap<LineId, LineAlert>,
    /// The workspace's members, as everyone may see them.
    pub agents: BTreeMap<AgentId, AgentProfile>,
    pub teams: BTreeMap<TeamId, Team>,
    /// The team owning each line's unassigned chats.
    pub line_teams: BTreeMap<LineId, TeamId>,
    pub settings: AccessSettings,
    /// The workspace's tags and their colours.
    pub tags: BTreeMap<String, String>,
    /// Lines whose new chats go round-robin to the online members of the line's team.
    pub round_robin: std::collections::BTreeSet<LineId>,
    /// Who round-robin gave each line's last chat to: the next one goes to the member after.
    pub round_robin_last: BTreeMap<LineId, AgentId>,
    /// Saved answers by shortcut.
    pub quick_replies: BTreeMap<String, crate::quick_reply::QuickReply>,
    /// The last change to teams or line teams: what restricted agents see may have changed.
    pub access_changed: Seq,
    /// The last change to the access settings.
    pub settings_changed: Seq,
    /// The last change of each member's role or activity.
    pub role_changed: BTreeMap<AgentId, Seq>,
    /// What Meta last reported about each line's account and number.
    pub line_reports: BTreeMap<LineId, LineReports>,
    /// Messages handed to the provider with no answer recorded, and since when: after a
    /// crash they are in doubt, never sent again by themselves (see [`State::unconfirmed_due`]).
    in_doubt: BTreeMap<CommandId, Timestamp>,
    /// Customers who told WhatsApp to stop a line's marketing messages, and when.
    marketing_stops: BTreeMap<(LineId, ContactId), Timestamp>,
    /// Every id a customer is known by on a line (a phone number, a business-scoped user
    /// id, an old number), mapped to the one chat that holds their history.
    aliases: HashMap<(LineId, ContactId), ChatId>,
    by_wamid: HashMap<Wamid, (ChatId, usize)>,
    by_command: HashMap<CommandId, (ChatId, usize)>,
    /// Outbound messages waiting for the sender, by the seq that queued them.
    queue: BTreeMap<Seq, (ChatId, CommandId)>,
    queued_at: HashMap<CommandId, Seq>,
    /// Statuses that arrived before the acceptance naming their wamid.
    early_statuses: HashMap<Wamid, Vec<(Receipt, Option<crate::SendFailure>)>>,
}

/// The latest account report and the latest quality report of a line, with when the relay
/// received each: a quality upgrade does not lift a ban.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineReports {
    pub account: Option<(LineReport, Timestamp)>,
    pub quality: Option<(LineReport, Timestamp)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineAlert {
    pub code: Option<i64>,
    pub message: String,
    pub since: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chat {
    pub id: ChatId,
    pub line: LineId,
    pub contact: ContactId,
    pub name: Option<String>,
    pub messages: Vec<Message>,
    /// When the customer last wrote: the start of the current 24-hour window.
    pub last_inbound: Option<Timestamp>,
    pub last_activity: Timestamp,
    /// Customer messages since the last agent reply.
    pub unread: u32,
    pub assignee: Option<AgentId>,
    pub team: Option<TeamId>,
    /// Resolved by an agent, until the customer writes again.
    pub resolved: bool,
    pub tags: std::collections::BTreeSet<String>,
    /// Every assignment after the first message, oldest first, so who could see the chat
    /// at an earlier point of the log can be told.
    pub assignments: Vec<Assignment>,
    /// A WhatsApp group: `contact` is the group's id and each message names its writer.
    pub group: bool,
    /// Where replies go: the id the customer last wrote from, or the new one WhatsApp
    /// announced. It differs from `contact` once the customer changed number or id.
    pub address: ContactId,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub seq: Seq,
    pub agent: Option<AgentId>,
    pub team: Option<TeamId>,
}

impl Chat {
    fn new(line: &LineId, contact: &ContactId) -> Self {
        Self {
            id: ChatId::of(line, contact),
            line: line.clone(),
            contact: contact.clone(),
            name: None,
            messages: Vec::new(),
            last_inbound: None,
            last_activity: Timestamp::default(),
            unread: 0,
            assignee: None,
            team: None,
            resolved: false,
            tags: std::collections::BTreeSet::new(),
            assignments: Vec::new(),
            group: false,
            address: contact.clone(),
        }
    }

    pub fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(self.contact.as_str())
    }

    /// The name a group member last wrote under, for the receipts that name only their id.
    pub fn participant_name(&self, id: &ContactId) -> Option<&str> {
        self.messages
            .iter()
            .rev()
            .filter_map(|m| m.participant.as_ref())
            .find(|p| &p.id == id)
            .and_then(|p| p.name.as_deref())
    }

    /// What the chat list shows: the newest message of the conversation. A note is the
    /// team's own and, shown there, would read as if the customer had been sent it.
    pub fn last_conversation_message(&self) -> Option<&Message> {
        self.messages
            .iter()
            .rev()
            .find(|m| m.direction != Direction::Note)
    }
}

/// Who wrote a message, as the member reading it should be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Author<'a> {
    /// The customer, by the chat's name.
    Customer(&'a str),
    /// The member reading.
    Me,
    /// A teammate, by their name (their username when the name is not known).
    Teammate(&'a str),
    /// Sent from outside Switchboard (the WhatsApp Business app, the API).
    Outside,
}

impl State {
    pub fn chat(&self, id: &ChatId) -> Option<&Chat> {
        self.chats.get(id)
    }

    /// Chats, most recent activity first.
    pub fn chats_by_activity(&self) -> Vec<&Chat> {
        let mut chats: Vec<&Chat> = self.chats.values().collect();
        chats.sort_by(|a, b| {
            b.last_activity
                .cmp(&a.last_activity)
                .then_with(|| a.id.cmp(&b.id))
        });
        chats
    }

    /// Who wrote `message` of `chat`, for the member `me`.
    pub fn author<'a>(
        &'a self,
        chat: &'a Chat,
        message: &'a Message,
        me: Option<&AgentId>,
    ) -> Author<'a> {
        match (message.direction, &message.by) {
            (Direction::Inbound, _) => Author::Customer(
                message
                    .participant
                    .as_ref()
                    .map_or(chat.title(), |p| p.name.as_deref().unwrap_or(p.id.as_str())),
            ),
            (_, Some(by)) if Some(by) == me => Author::Me,
            (_, Some(by)) => Author::Teammate(
                self.agents
                    .get(by)
                    .map_or(by.as_str(), |agent| agent.name.as_str()),
            ),
            (_, None) => Author::Outside,
        }
    }

    pub fn message_by_wamid(&self, wamid: &Wamid) -> Option<&Message> {
        let (chat, index) = self.by_wamid.get(wamid)?;
        self.chats.get(chat)?.messages.get(*index)
    }

    /// The template `name` in `language` on `line`.
    pub fn template(&self, line: &LineId, name: &str, language: &str) -> Option<&Template> {
        self.templates
            .get(line)?
            .iter()
            .find(|t| t.name == name && t.language == language)
    }

    /// The chat holding the message with this wamid, and the message's place in it.
    pub fn position_of_wamid(&self, wamid: &Wamid) -> Option<(&ChatId, usize)> {
        self.by_wamid.get(wamid).map(|(chat, index)| (chat, *index))
    }

    /// The chat holding the message with this wamid.
    pub fn chat_of_wamid(&self, wamid: &Wamid) -> Option<&ChatId> {
        self.by_wamid.get(wamid).map(|(chat, _)| chat)
    }

    /// The chat holding the message this command queued.
    pub fn chat_of_command(&self, command: &CommandId) -> Option<&ChatId> {
        self.by_command.get(command).map(|(chat, _)| chat)
    }

    pub fn message_by_command(&self, command: &CommandId) -> Option<&Message> {
        let (chat, index) = self.by_command.get(command)?;
        self.chats.get(chat)?.messages.get(*index)
    }

    /// Outbound messages still waiting for the sender, in log order: what a restarted
    /// relay must send.
    pub fn queued(&self) -> impl Iterator<Item = &(ChatId, CommandId)> {
        self.queue.values()
    }

    /// The provider took the message and named it `wamid`.
    fn accept(&mut self, command: &CommandId, wamid: &Wamid) {
        self.dequeue(command);
        self.in_doubt.remove(command);
        let at = self.by_command.get(command).cloned();
        if let Some(message) = self.message_mut(at.clone()) {
            message.wamid = Some(wamid.clone());
            message.status = Some(match message.status {
                None | Some(DeliveryStatus::Unconfirmed) => DeliveryStatus::Accepted,
                Some(status) => status.advance(DeliveryStatus::Accepted),
            });
            if let Some(at) = at {
                self.by_wamid.insert(wamid.clone(), at);
            }
            for (receipt, failure) in self.early_statuses.remove(wamid).unwrap_or_default() {
                self.set_status(wamid, receipt, failure);
            }
        }
    }

    /// The messages of `line` in doubt whose grace period has passed by `now` (skipping
    /// those `sending` still has in hand), and when the next one's passes.
    pub fn unconfirmed_due(
        &self,
        line: &LineId,
        now: Timestamp,
        grace_ms: i64,
        sending: impl Fn(&CommandId) -> bool,
    ) -> (Vec<CommandId>, Option<Timestamp>) {
        let mut due = Vec::new();
        let mut next = None::<Timestamp>;
        for (command, since) in &self.in_doubt {
            let of_line = self
                .chat_of_command(command)
                .is_some_and(|chat| chat.line() == *line);
            if !of_line || sending(command) {
                continue;
            }
            let deadline = Timestamp(since.millis().saturating_add(grace_ms));
            if deadline <= now {
                due.push(command.clone());
            } else {
                next = Some(next.map_or(deadline, |n| n.min(deadline)));
            }
        }
        (due, next)
    }

    fn dequeue(&mut self, command: &CommandId) {
        if let Some(seq) = self.queued_at.remove(command) {
            self.queue.remove(&seq);
        }
    }

    /// Since when the customer of `chat` has stopped the line's marketing messages.
    pub fn marketing_stopped(&self, chat: &Chat) -> Option<Timestamp> {
        [&chat.contact, &chat.address]
            .into_iter()
            .find_map(|id| self.marketing_stops.get(&(chat.line.clone(), id.clone())))
            .copied()
    }

    /// The chat a message from `contact` on `line` belongs to: the one already known by
    /// that id or by one of its other ids (`also`), else a new chat keyed by `contact`.
    pub fn chat_for(&self, line: &LineId, contact: &ContactId, also: &[ContactId]) -> ChatId {
        std::iter::once(contact)
            .chain(also)
            .find_map(|id| {
                let key = (line.clone(), id.clone());
                self.aliases.get(&key).cloned().or_else(|| {
                    let chat = ChatId::of(line, id);
                    self.chats.contains_key(&chat).then_some(chat)
                })
            })
            .unwrap_or_else(|| ChatId::of(line, contact))
    }

    fn chat_mut(&mut self, line: &LineId, contact: &ContactId) -> &mut Chat {
        self.chats
            .entry(ChatId::of(line, contact))
            .or_insert_with(|| Chat::new(line, contact))
    }

    /// Records that `ids` on `line` are the customer of `chat`.
    fn alias(&mut self, chat: &ChatId, line: &LineId, ids: impl IntoIterator<Item = ContactId>) {
        for id in ids {
            if ChatId::of(line, &id) != *chat {
                self.aliases.insert((line.clone(), id), chat.clone());
            }
        }
    }

    fn message_mut(&mut self, at: Option<(ChatId, usize)>) -> Option<&mut Message> {
        let (chat, index) = at?;
        self.chats.get_mut(&chat)?.messages.get_mut(index)
    }

    fn set_status(&mut self, wamid: &Wamid, receipt: Receipt, failure: Option<crate::SendFailure>) {
        let at = self.by_wamid.get(wamid).cloned();
        match self.message_mut(at) {
            Some(message) => {
                let status = receipt.status;
                // Meta repeats a status when it redelivers; one per member of a group.
                let known = message
                    .receipts
                    .iter()
                    .any(|r| r.status == status && r.participant == receipt.participant);
                if !known {
                    message.receipts.push(receipt);
                    message.receipts.sort_by_key(|r| r.at);
                }
                let current = message.status.unwrap_or(DeliveryStatus::Queued);
                let next = current.advance(status);
                if next != current {
                    message.status = Some(next);
                    if next == DeliveryStatus::Failed {
                        message.failure = failure;
                    }
                }
            }
            None => self
                .early_statuses
                .entry(wamid.clone())
                .or_default()
                .push((receipt, failure)),
        }
    }
}

/// Folds one event into the state. Returns false when the event was already applied
/// (its seq is at or before the cursor), which makes replays and reconnects harmless.
pub fn apply(state: &mut State, record: &EventRecord) -> bool {
    if record.seq <= state.cursor {
        return false;
    }
    state.cursor = record.seq;
    match &record.event {
        Event::MessageReceived {
            line,
            contact,
            profile_name,
            wamid,
            sent_at,
            body,
            context,
            participant,
            also_known_as,
            ..
        } => {
            if state.by_wamid.contains_key(wamid) {
                return true;
            }
            // A reaction, edit or deletion changes its target instead of standing alone
            // (unless the target is unknown: then it is shown, so nothing is hidden).
            let target = body.target().and_then(|t| state.by_wamid.get(t).cloned());
            let id = state.chat_for(line, contact, also_known_as);
            // WhatsApp announced the customer's new number or id: it reaches this chat too,
            // and replies go there from now on.
            let announced: Vec<ContactId> = match body {
                MessageBody::System {
                    new_wa_id,
                    new_user_id,
                    ..
                } => [new_wa_id, new_user_id]
                    .into_iter()
                    .flatten()
                    .filter(|id| !id.is_empty())
                    .map(ContactId::new)
                    .collect(),
                _ => Vec::new(),
            };
            let ids = std::iter::once(contact.clone())
                .chain(also_known_as.iter().cloned())
                .chain(announced.iter().cloned());
            state.alias(&id, line, ids.collect::<Vec<_>>());
            let chat = state
                .chats
                .entry(id.clone())
                .or_insert_with(|| Chat::new(line, &id.contact()));
            if participant.is_some() {
                chat.group = true;
            } else {
                chat.address = announced.first().unwrap_or(contact).clone();
                if profile_name.is_some() {
                    chat.name.clone_from(profile_name);
                }
            }
            chat.last_inbound = Some(chat.last_inbound.map_or(*sent_at, |t| t.max(*sent_at)));
            // The customer wrote again: the conversation is open again.
            chat.resolved = false;
            chat.last_activity = chat.last_activity.max(record.at);
            if let Some(at) = target.filter(|(target_chat, _)| *target_chat == chat.id) {
                if let Some(message) = chat.messages.get_mut(at.1) {
                    change(message, body);
                }
                state.by_wamid.insert(wamid.clone(), at);
                return true;
            }
            chat.messages.push(Message {
                key: MessageKey::Wamid(wamid.clone()),
                direction: Direction::Inbound,
                body: body.clone(),
                at: *sent_at,
                wamid: Some(wamid.clone()),
                status: None,
                failure: None,
                by: None,
                context: context.clone(),
                reaction: None,
                edited: false,
                deleted: false,
                participant: participant.clone(),
                receipts: Vec::new(),
            });
            chat.unread += 1;
            let at = (chat.id.clone(), chat.messages.len() - 1);
            state.by_wamid.insert(wamid.clone(), at);
        }
        Event::OutboundQueued {
            command,
            line,
            contact,
            body,
            by,
            reply_to,
        } => {
            if state.by_command.contains_key(command) {
                return true;
            }
            let chat = state.chat_mut(line, contact);
            chat.messages.push(Message {
                key: MessageKey::Command(command.clone()),
                direction: Direction::Outbound,
                body: body.clone(),
                at: record.at,
                wamid: None,
                status: Some(DeliveryStatus::Queued),
                failure: None,
                by: Some(by.clone()),
                context: Context {
                    reply_to: reply_to.clone(),
                    ..Context::default()
                },
                reaction: None,
                edited: false,
                deleted: false,
                participant: None,
                receipts: Vec::new(),
            });
            chat.last_activity = chat.last_activity.max(record.at);
            chat.unread = 0;
            let at = (chat.id.clone(), chat.messages.len() - 1);
            state
                .queue
                .insert(record.seq, (at.0.clone(), command.clone()));
            state.queued_at.insert(command.clone(), record.seq);
            state.by_command.insert(command.clone(), at);
        }
        Event::OutboundAccepted { command, wamid } => state.accept(command, wamid),
        Event::OutboundAttempted { command } => {
            if state.queued_at.contains_key(command) {
                state.dequeue(command);
                state.in_doubt.insert(command.clone(), record.at);
            }
        }
        Event::OutboundUnconfirmed { command } => {
            state.in_doubt.remove(command);
            let at = state.by_command.get(command).cloned();
            if let Some(message) = state.message_mut(at)
                && message.wamid.is_none()
            {
                message.status = Some(DeliveryStatus::Unconfirmed);
            }
        }
        Event::OutboundFailed { command, failure } => {
            state.in_doubt.remove(command);
            state.dequeue(command);
            let at = state.by_command.get(command).cloned();
            if let Some(message) = state.message_mut(at) {
                message.status = Some(DeliveryStatus::Failed);
                message.failure = Some(failure.clone());
            }
        }
        Event::StatusUpdated {
            wamid,
            status,
            failure,
            at,
            participant,
            callback_data,
            ..
        } => {
            // Meta has the message although its acceptance was never recorded (the relay
            // stopped mid-send): the status settles it.
            if let Some(command) = callback_data
                .as_deref()
                .and_then(crate::status::command_of_callback)
                && state
                    .message_by_command(&command)
                    .is_some_and(|m| m.wamid.is_none())
            {
                state.accept(&command, wamid);
            }
            let receipt = Receipt {
                status: *status,
                at: at.unwrap_or(record.at),
                participant: participant.clone(),
            };
            state.set_status(wamid, receipt, failure.clone());
        }
        Event::ChatRead { chat, .. } => {
            if let Some(chat) = state.chats.get_mut(chat) {
                chat.unread = 0;
            }
        }
        Event::TemplatesSynced { line, templates } => {
            state.templates.insert(line.clone(), templates.clone());
        }
        Event::LineAlertRaised {
            line,
            code,
            message,
        } => {
            let alert = LineAlert {
                code: *code,
                message: message.clone(),
                since: record.at,
            };
            state.alerts.insert(line.clone(), alert);
        }
        Event::LineAlertCleared { line } => {
            state.alerts.remove(line);
        }
        Event::ChatAssigned {
            chat,
            agent,
            team,
            by,
        } => {
            if let Some(chat) = state.chats.get_mut(chat) {
                if *by == crate::actor::Actor::RoundRobin
                    && let Some(agent) = agent
                {
                    state
                        .round_robin_last
                        .insert(chat.line.clone(), agent.clone());
                }
                chat.assignee.clone_from(agent);
                chat.team.clone_from(team);
                chat.assignments.push(Assignment {
                    seq: record.seq,
                    agent: agent.clone(),
                    team: team.clone(),
                });
            }
        }
        Event::ChatResolved { chat, .. } | Event::ChatReopened { chat, .. } => {
            let resolved = matches!(record.event, Event::ChatResolved { .. });
            if let Some(chat) = state.chats.get_mut(chat) {
                chat.resolved = resolved;
            }
        }
        Event::TagDefined { tag, colour } => {
            state.tags.insert(tag.clone(), colour.clone());
        }
        Event::ChatTagged { chat, tag, .. } => {
            if let Some(chat) = state.chats.get_mut(chat) {
                chat.tags.insert(tag.clone());
            }
        }
        Event::ChatUntagged { chat, tag, .. } => {
            if let Some(chat) = state.chats.get_mut(chat) {
                chat.tags.remove(tag);
            }
        }
        Event::NoteAdded {
            chat,
            command,
            body,
            by,
            ..
        } => {
            if let Some(chat) = state.chats.get_mut(chat) {
                chat.messages.push(Message {
                    key: MessageKey::Command(command.clone()),
                    direction: Direction::Note,
                    body: MessageBody::Text { body: body.clone() },
                    at: record.at,
                    wamid: None,
                    status: None,
                    failure: None,
                    by: Some(by.clone()),
                    context: Context::default(),
                    reaction: None,
                    edited: false,
                    deleted: false,
                    participant: None,
                    receipts: Vec::new(),
                });
            }
        }
        Event::AgentSaved {
            agent,
            name,
            role,
            active,
        } => {
            let profile = AgentProfile {
                name: name.clone(),
                role: *role,
                active: *active,
            };
            let before = state.agents.insert(agent.clone(), profile);
            if before.is_none_or(|b| b.role != *role || b.active != *active) {
                state.role_changed.insert(agent.clone(), record.seq);
            }
        }
        Event::TeamSaved {
            team,
            name,
            members,
        } => {
            let saved = Team {
                name: name.clone(),
                members: members.clone(),
            };
            state.teams.insert(team.clone(), saved);
            state.access_changed = record.seq;
        }
        Event::TeamDeleted { team } => {
            state.access_changed = record.seq;
            state.teams.remove(team);
            state.line_teams.retain(|_, t| t != team);
            for chat in state.chats.values_mut() {
                if chat.team.as_ref() == Some(team) {
                    chat.team = None;
                }
            }
        }
        Event::LineTeamSet {
            line,
            team,
            round_robin,
        } => {
            state.access_changed = record.seq;
            match team {
                Some(team) => state.line_teams.insert(line.clone(), team.clone()),
                None => state.line_teams.remove(line),
            };
            if *round_robin && team.is_some() {
                state.round_robin.insert(line.clone());
            } else {
                state.round_robin.remove(line);
            }
        }
        Event::QuickReplySaved { reply, .. } => {
            state
                .quick_replies
                .insert(reply.shortcut.clone(), reply.clone());
        }
        Event::QuickReplyDeleted { shortcut, .. } => {
            state.quick_replies.remove(shortcut);
        }
        Event::AccessSettingsChanged { settings } => {
            state.settings = *settings;
            state.settings_changed = record.seq;
        }
        Event::LineReported { line, report, .. } => {
            let reports = state.line_reports.entry(line.clone()).or_default();
            let slot = if report.is_account() {
                &mut reports.account
            } else {
                &mut reports.quality
            };
            *slot = Some((report.clone(), record.at));
        }
        Event::TemplateReviewed {
            line,
            name,
            language,
            status,
            reason,
            quality,
            ..
        } => {
            let found = state
                .templates
                .get_mut(line)
                .into_iter()
                .flatten()
                .find(|t| t.name == *name && t.language == *language);
            if let Some(template) = found {
                if let Some(status) = status {
                    template.status.clone_from(status);
                    template.reason = reason.clone().filter(|r| r != "NONE");
                }
                if quality.is_some() {
                    template.quality.clone_from(quality);
                }
            }
        }
        Event::MarketingPreferenceChanged {
            line,
            contact,
            stopped,
            at,
            ..
        } => {
            let key = (line.clone(), contact.clone());
            if *stopped {
                state.marketing_stops.insert(key, *at);
            } else {
                state.marketing_stops.remove(&key);
            }
        }
        Event::WebhookUnreadable { .. } => state.unreadable_webhooks += 1,
        Event::WebhookKept { .. } => {}
    }
    true
}

/// Applies a reaction, an edit or a deletion to the message it targets.
fn change(message: &mut Message, change: &MessageBody) {
    match change {
        MessageBody::Reaction { emoji, .. } => {
            message.reaction = emoji.clone().filter(|e| !e.is_empty())
        }
        MessageBody::Revoke { .. } => message.deleted = true,
        MessageBody::Edit { body, .. } => {
            message.body = (**body).clone();
            message.edited = true;
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AgentId;
    use proptest::strategy::Strategy;

    fn line() -> LineId {
        LineId::new("sandbox")
    }
    fn contact() -> ContactId {
        ContactId::new("5215512345678")
    }
    fn chat_id() -> ChatId {
        ChatId::of(&line(), &contact())
    }
    fn text(body: &str) -> MessageBody {
        MessageBody::Text { body: body.into() }
    }
    fn received(wamid: &str, body: &str) -> Event {
        Event::MessageReceived {
            line: line(),
            contact: contact(),
            profile_name: Some("Ana".into()),
            wamid: Wamid::new(wamid),
            sent_at: Timestamp::from_unix_seconds(100),
            body: text(body),
            context: Context::default(),
            referral: None,
            participant: None,
            also_known_as: Vec::new(),
            raw: serde_json::Value::Null,
        }
    }

    fn received_body(wamid: &str, body: MessageBody) -> Event {
        from(contact().as_str(), wamid, &[], body)
    }

    #[test]
    fn reaction_edit_and_revoke_change_their_target() {
        let state = fold(&[
            received("wamid.1", "Hola"),
            received("wamid.2", "¿Precio?"),
            received_body(
                "wamid.3",
                MessageBody::Reaction {
                    target: Wamid::new("wamid.1"),
                    emoji: Some("👍".into()),
                },
            ),
            received_body(
                "wamid.4",
                MessageBody::Edit {
                    target: Wamid::new("wamid.2"),
                    body: Box::new(text("¿Precio con envío?")),
                },
            ),
            received_body(
                "wamid.5",
                MessageBody::Revoke {
                    target: Wamid::new("wamid.1"),
                },
            ),
        ]);
        let chat = state.chat(&chat_id()).expect("chat");
        assert_eq!(chat.messages.len(), 2, "changes do not stand alone");
        assert_eq!(chat.messages[0].reaction.as_deref(), Some("👍"));
        assert!(chat.messages[0].deleted);
        assert_eq!(chat.messages[1].body, text("¿Precio con envío?"));
        assert!(chat.messages[1].edited);
        let removed = fold(&[
            received("wamid.1", "Hola"),
            received_body(
                "wamid.3",
                MessageBody::Reaction {
                    target: Wamid::new("wamid.1"),
                    emoji: Some("👍".into()),
                },
            ),
            received_body(
                "wamid.6",
                MessageBody::Reaction {
                    target: Wamid::new("wamid.1"),
                    emoji: None,
                },
            ),
        ]);
        assert_eq!(
            removed
                .chat(&chat_id())
                .map(|c| c.messages[0].reaction.clone()),
            Some(None)
        );
    }

    #[test]
    fn change_to_an_unknown_message_is_still_shown() {
        let state = fold(&[received_body(
            "wamid.9",
            MessageBody::Revoke {
                target: Wamid::new("wamid.gone"),
            },
        )]);
        assert_eq!(state.chat(&chat_id()).map(|c| c.messages.len()), Some(1));
    }
    #[test]
    fn notes_are_not_the_chats_preview_and_authors_are_named() {
        let note = Event::NoteAdded {
            chat: chat_id(),
            command: CommandId::new("n1"),
            body: "call back on Monday".into(),
            by: AgentId::new("ana"),
            mentions: Vec::new(),
        };
        let mut state = fold(&[received("w1", "hola"), queued("c1"), note]);
        state.agents.insert(
            AgentId::new("ana"),
            crate::access::AgentProfile {
                name: "Ana Lima".into(),
                role: crate::access::Role::Agent,
                active: true,
            },
        );
        let chat = state.chat(&chat_id()).expect("chat");
        let last = chat.last_conversation_message().expect("a message");
        assert_eq!(last.key, MessageKey::Command(CommandId::new("c1")));

        let [inbound, outbound, note] = &chat.messages[..] else {
            panic!("three messages")
        };
        let admin = AgentId::new("admin");
        let ana = AgentId::new("ana");
        assert_eq!(
            state.author(chat, inbound, Some(&admin)),
            Author::Customer("Ana")
        );
        assert_eq!(state.author(chat, outbound, Some(&admin)), Author::Me);
        // admin has no profile here: the username stands in for the name.
        assert_eq!(
            state.author(chat, outbound, Some(&ana)),
            Author::Teammate("admin")
        );
        assert_eq!(
            state.author(chat, note, Some(&admin)),
            Author::Teammate("Ana Lima")
        );
        let mut from_phone = outbound.clone();
        from_phone.by = None;
        assert_eq!(
            state.author(chat, &from_phone, Some(&admin)),
            Author::Outside
        );
    }

    fn queued(command: &str) -> Event {
        Event::OutboundQueued {
            command: CommandId::new(command),
            line: line(),
            contact: contact(),
            body: text("hola"),
            by: AgentId::new("admin"),
            reply_to: None,
        }
    }
    fn accepted(command: &str, wamid: &str) -> Event {
        Event::OutboundAccepted {
            command: CommandId::new(command),
            wamid: Wamid::new(wamid),
        }
    }
    fn status(wamid: &str, status: DeliveryStatus) -> Event {
        Event::StatusUpdated {
            wamid: Wamid::new(wamid),
            status,
            failure: None,
            pricing: None,
            callback_data: None,
            at: None,
            participant: None,
            raw: serde_json::Value::Null,
        }
    }
    fn fold(events: &[Event]) -> State {
        let mut state = State::default();
        for (i, event) in events.iter().enumerate() {
            let seq = i as u64 + 1;
            let record = EventRecord {
                seq: Seq(seq),
                at: Timestamp(seq as i64 * 1000),
                event: event.clone(),
            };
            apply(&mut state, &record);
        }
        state
    }

    #[test]
    fn inbound_message_creates_chat_and_opens_window() {
        let state = fold(&[received("wamid.1", "Hola")]);
        let chat = state.chat(&chat_id()).expect("chat exists");
        assert_eq!(chat.title(), "Ana");
        assert_eq!(chat.messages.len(), 1);
        assert_eq!(chat.last_inbound, Some(Timestamp::from_unix_seconds(100)));
        assert_eq!(chat.unread, 1);
    }

    #[test]
    fn an_event_applies_once_even_when_replayed() {
        let mut state = State::default();
        let record = EventRecord {
            seq: Seq(1),
            at: Timestamp(0),
            event: received("wamid.1", "Hola"),
        };
        assert!(apply(&mut state, &record));
        assert!(!apply(&mut state, &record));
        assert_eq!(state.chat(&chat_id()).map(|c| c.messages.len()), Some(1));
    }

    #[test]
    fn outbound_message_moves_from_queued_to_read() {
        let state = fold(&[
            received("wamid.in", "Hola"),
            queued("c1"),
            accepted("c1", "wamid.out"),
            status("wamid.out", DeliveryStatus::Sent),
            status("wamid.out", DeliveryStatus::Delivered),
            status("wamid.out", DeliveryStatus::Read),
            status("wamid.out", DeliveryStatus::Delivered),
        ]);
        let message = state
            .message_by_command(&CommandId::new("c1"))
            .expect("message");
        assert_eq!(message.status, Some(DeliveryStatus::Read));
        assert_eq!(message.wamid, Some(Wamid::new("wamid.out")));
        assert_eq!(state.chat(&chat_id()).map(|c| c.unread), Some(0));
    }

    #[test]
    fn status_before_acceptance_is_applied_when_wamid_is_known() {
        let state = fold(&[
            queued("c1"),
            status("wamid.out", DeliveryStatus::Delivered),
            accepted("c1", "wamid.out"),
        ]);
        let message = state
            .message_by_command(&CommandId::new("c1"))
            .expect("message");
        assert_eq!(message.status, Some(DeliveryStatus::Delivered));
    }

    #[test]
    fn queued_lists_only_unsent_messages_in_order() {
        let state = fold(&[
            queued("c1"),
            queued("c2"),
            accepted("c1", "wamid.1"),
            queued("c3"),
        ]);
        let commands: Vec<_> = state.queued().map(|(_, c)| c.clone()).collect();
        assert_eq!(commands, vec![CommandId::new("c2"), CommandId::new("c3")]);
    }

    #[test]
    fn a_message_attempted_when_the_relay_stopped_is_never_sent_again_by_itself() {
        let attempted = |c: &str| Event::OutboundAttempted {
            command: CommandId::new(c),
        };
        // c1 and c2 were handed to Meta (at 3 s and 4 s); only c2's acceptance was recorded.
        let state = fold(&[
            queued("c1"),
            queued("c2"),
            attempted("c1"),
            attempted("c2"),
            accepted("c2", "wamid.2"),
        ]);
        assert_eq!(
            state.queued().count(),
            0,
            "c1 is in doubt, not queued again"
        );
        let status_of = |state: &State, c: &str| {
            state
                .message_by_command(&CommandId::new(c))
                .and_then(|m| m.status)
        };
        assert_eq!(status_of(&state, "c1"), Some(DeliveryStatus::Queued));
        // Its grace period (10 s here) ends at 13 s; nothing is due before, one message after.
        let none = |_: &CommandId| false;
        assert_eq!(
            state.unconfirmed_due(&line(), Timestamp(12_999), 10_000, none),
            (vec![], Some(Timestamp(13_000)))
        );
        assert_eq!(
            state.unconfirmed_due(&line(), Timestamp(13_000), 10_000, none),
            (vec![CommandId::new("c1")], None)
        );
        // Another line's worker has nothing to do with it.
        assert_eq!(
            state.unconfirmed_due(&LineId::new("soporte"), Timestamp(13_000), 10_000, none),
            (vec![], None)
        );
        // Not while this relay is still sending it.
        assert_eq!(
            state.unconfirmed_due(&line(), Timestamp(13_000), 10_000, |c| c.as_str() == "c1"),
            (vec![], None)
        );
        let unconfirmed = Event::OutboundUnconfirmed {
            command: CommandId::new("c1"),
        };
        let mut events = vec![
            queued("c1"),
            queued("c2"),
            attempted("c1"),
            attempted("c2"),
            accepted("c2", "wamid.2"),
            unconfirmed,
        ];
        let state = fold(&events);
        assert_eq!(status_of(&state, "c1"), Some(DeliveryStatus::Unconfirmed));
        assert_eq!(
            state.unconfirmed_due(&line(), Timestamp(99_000), 0, none),
            (vec![], None)
        );

        // A late status naming it by its callback data settles it, wamid and all.
        let Event::StatusUpdated {
            pricing,
            raw,
            at,
            participant,
            failure,
            ..
        } = status("wamid.1", DeliveryStatus::Delivered)
        else {
            unreachable!()
        };
        events.push(Event::StatusUpdated {
            wamid: Wamid::new("wamid.1"),
            status: DeliveryStatus::Delivered,
            failure,
            pricing,
            callback_data: Some(crate::status::callback_for(&CommandId::new("c1"))),
            at,
            participant,
            raw,
        });
        let state = fold(&events);
        assert_eq!(status_of(&state, "c1"), Some(DeliveryStatus::Delivered));
        assert_eq!(
            state
                .position_of_wamid(&Wamid::new("wamid.1"))
                .map(|(_, i)| i),
            Some(0)
        );
    }

    #[test]
    fn callback_data_names_only_our_messages() {
        let command = CommandId::new("c-7");
        assert_eq!(
            crate::status::command_of_callback(&crate::status::callback_for(&command)),
            Some(command)
        );
        assert_eq!(crate::status::command_of_callback("campaign-42"), None);
        assert_eq!(crate::status::command_of_callback("sb1:"), None);
    }

    fn from(contact: &str, wamid: &str, also: &[&str], body: MessageBody) -> Event {
        let Event::MessageReceived {
            line,
            profile_name,
            sent_at,
            context,
            referral,
            raw,
            ..
        } = received(wamid, "")
        else {
            unreachable!("received() builds a MessageReceived")
        };
        Event::MessageReceived {
            line,
            contact: ContactId::new(contact),
            profile_name,
            wamid: Wamid::new(wamid),
            sent_at,
            body,
            context,
            referral,
            participant: None,
            also_known_as: also.iter().map(|id| ContactId::new(*id)).collect(),
            raw,
        }
    }

    #[test]
    fn a_customer_known_by_phone_and_by_user_id_keeps_one_chat() {
        let bsuid = "US.13491208655302741918";
        let state = fold(&[
            // First seen with both ids, then by the user id alone (they took a username),
            // then by the phone alone.
            from(contact().as_str(), "wamid.1", &[bsuid], text("Hola")),
            from(bsuid, "wamid.2", &[], text("¿Siguen ahí?")),
            from(contact().as_str(), "wamid.3", &[], text("Gracias")),
        ]);
        assert_eq!(state.chats.len(), 1, "{:?}", state.chats.keys());
        let chat = state
            .chat(&chat_id())
            .expect("the chat keyed by the first id");
        assert_eq!(chat.messages.len(), 3);
        assert_eq!(
            chat.address,
            contact(),
            "replies go where the customer last wrote from"
        );

        // Known first by the user id only: the phone joins that chat when both appear.
        let state = fold(&[
            from(bsuid, "wamid.1", &[], text("Hola")),
            from(contact().as_str(), "wamid.2", &[bsuid], text("Otra vez")),
        ]);
        assert_eq!(state.chats.len(), 1);
        let chat = state.chats.values().next().expect("one chat");
        assert_eq!(chat.contact.as_str(), bsuid);
        assert_eq!(chat.address, contact());
    }

    #[test]
    fn a_changed_number_or_user_id_stays_in_the_chat_and_replies_follow_it() {
        let new_id = "US.99887766554433221100";
        let changed = MessageBody::System {
            kind: "user_changed_user_id".into(),
            body: "User Ana changed their user id".into(),
            new_wa_id: None,
            new_user_id: Some(new_id.into()),
        };
        let state = fold(&[
            received("wamid.1", "Hola"),
            from(contact().as_str(), "wamid.2", &[], changed),
            from(new_id, "wamid.3", &[], text("Soy yo, Ana")),
        ]);
        assert_eq!(state.chats.len(), 1);
        let chat = state.chat(&chat_id()).expect("chat");
        assert_eq!(chat.messages.len(), 3);
        assert_eq!(chat.address.as_str(), new_id);
    }

    #[test]
    fn a_group_is_its_own_chat_and_names_who_wrote_each_message() {
        let group = |wamid: &str, who: &str, name: &str| {
            let Event::MessageReceived {
                line,
                sent_at,
                body,
                context,
                raw,
                ..
            } = received(wamid, "¿Qué opinan?")
            else {
                unreachable!()
            };
            Event::MessageReceived {
                line,
                contact: ContactId::new("120363418770915618@g.us"),
                profile_name: None,
                wamid: Wamid::new(wamid),
                sent_at,
                body,
                context,
                referral: None,
                participant: Some(crate::message::Participant {
                    id: ContactId::new(who),
                    name: Some(name.into()),
                }),
                also_known_as: Vec::new(),
                raw,
            }
        };
        let state = fold(&[
            received("wamid.1", "Hola, en privado"),
            group("wamid.2", contact().as_str(), "Ana"),
            group("wamid.3", "16505551234", "Tiago"),
        ]);
        assert_eq!(state.chats.len(), 2, "the group is not Ana's private chat");
        let private = state.chat(&chat_id()).expect("Ana's chat");
        assert_eq!(private.messages.len(), 1);
        assert!(!private.group);
        let group_chat = state
            .chat(&ChatId::of(
                &line(),
                &ContactId::new("120363418770915618@g.us"),
            ))
            .expect("group chat");
        assert!(group_chat.group);
        assert_eq!(group_chat.name, None, "a member's name is not the group's");
        let authors: Vec<_> = group_chat
            .messages
            .iter()
            .map(|m| state.author(group_chat, m, None))
            .collect();
        assert_eq!(
            authors,
            vec![Author::Customer("Ana"), Author::Customer("Tiago")]
        );
        // A receipt names a member by id only: the name they wrote under is found for it.
        assert_eq!(
            group_chat.participant_name(&ContactId::new("16505551234")),
            Some("Tiago")
        );
        assert_eq!(
            group_chat.participant_name(&ContactId::new("5511999990000")),
            None
        );
    }

    #[test]
    fn receipts_keep_metas_time_and_each_group_members_report() {
        let receipt = |status: DeliveryStatus, at: i64, who: Option<&str>| {
            let Event::StatusUpdated {
                wamid,
                failure,
                pricing,
                callback_data,
                raw,
                ..
            } = self::status("wamid.out", status)
            else {
                unreachable!()
            };
            Event::StatusUpdated {
                wamid,
                status,
                failure,
                pricing,
                callback_data,
                at: Some(Timestamp::from_unix_seconds(at)),
                participant: who.map(ContactId::new),
                raw,
            }
        };
        let state = fold(&[
            queued("c1"),
            // A status before the acceptance that names the wamid is kept for it.
            receipt(DeliveryStatus::Sent, 10, None),
            accepted("c1", "wamid.out"),
            receipt(DeliveryStatus::Read, 30, Some("16505551234")),
            receipt(DeliveryStatus::Delivered, 20, Some("5215512345678")),
            receipt(DeliveryStatus::Delivered, 20, Some("5215512345678")),
            receipt(DeliveryStatus::Read, 40, Some("5215512345678")),
        ]);
        let message = state
            .message_by_command(&CommandId::new("c1"))
            .expect("message");
        assert_eq!(message.status, Some(DeliveryStatus::Read));
        let seen: Vec<_> = message
            .receipts
            .iter()
            .map(|r| {
                (
                    r.status,
                    r.at.millis() / 1000,
                    r.participant.as_ref().map(ContactId::as_str),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (DeliveryStatus::Sent, 10, None),
                (DeliveryStatus::Delivered, 20, Some("5215512345678")),
                (DeliveryStatus::Read, 30, Some("16505551234")),
                (DeliveryStatus::Read, 40, Some("5215512345678")),
            ],
            "oldest first, a redelivery once"
        );
    }

    #[test]
    fn reviews_reports_and_opt_outs_change_what_is_shown() {
        let template = Template {
            id: "1".into(),
            name: "promo".into(),
            language: "es_MX".into(),
            status: "APPROVED".into(),
            category: "MARKETING".into(),
            components: serde_json::json!([]),
            reason: None,
            quality: None,
        };
        let review = |status: Option<&str>, reason: Option<&str>, quality: Option<&str>| {
            Event::TemplateReviewed {
                line: line(),
                name: "promo".into(),
                language: "es_MX".into(),
                status: status.map(Into::into),
                reason: reason.map(Into::into),
                quality: quality.map(Into::into),
                raw: serde_json::Value::Null,
            }
        };
        let preference = |stopped: bool| Event::MarketingPreferenceChanged {
            line: line(),
            contact: contact(),
            stopped,
            at: Timestamp::from_unix_seconds(500),
            raw: serde_json::Value::Null,
        };
        let banned = LineReport::Account {
            event: "DISABLED_UPDATE".into(),
            ban_state: Some("DISABLE".into()),
            ban_date: None,
            restrictions: Vec::new(),
            violation: None,
        };
        let flagged = LineReport::Quality {
            event: "FLAGGED".into(),
            current_limit: Some("TIER_1K".into()),
        };
        let mut events = vec![
            received("wamid.1", "Hola"),
            Event::TemplatesSynced {
                line: line(),
                templates: vec![template],
            },
            review(Some("REJECTED"), Some("PROMOTIONAL"), None),
            review(None, None, Some("YELLOW")),
            preference(true),
            Event::LineReported {
                line: line(),
                report: banned.clone(),
                raw: serde_json::Value::Null,
            },
            Event::LineReported {
                line: line(),
                report: flagged.clone(),
                raw: serde_json::Value::Null,
            },
        ];
        let state = fold(&events);
        let shown = state.template(&line(), "promo", "es_MX").expect("template");
        assert_eq!(
            (
                shown.status.as_str(),
                shown.reason.as_deref(),
                shown.quality.as_deref()
            ),
            ("REJECTED", Some("PROMOTIONAL"), Some("YELLOW"))
        );
        let chat = state.chat(&chat_id()).expect("chat");
        assert_eq!(
            state.marketing_stopped(chat),
            Some(Timestamp::from_unix_seconds(500))
        );
        let reports = &state.line_reports[&line()];
        assert_eq!(reports.account.as_ref().map(|r| &r.0), Some(&banned));
        assert_eq!(
            reports.quality.as_ref().map(|r| &r.0),
            Some(&flagged),
            "a quality report does not replace the ban"
        );

        events.push(review(Some("APPROVED"), Some("NONE"), None));
        events.push(preference(false));
        let state = fold(&events);
        let shown = state.template(&line(), "promo", "es_MX").expect("template");
        assert_eq!(
            (shown.status.as_str(), shown.reason.as_deref()),
            ("APPROVED", None)
        );
        assert_eq!(
            state.marketing_stopped(state.chat(&chat_id()).expect("chat")),
            None
        );
    }

    proptest::proptest! {
        /// Duplicate and out-of-order status deliveries converge on the furthest status.
        #[test]
        fn any_order_of_status_deliveries_converges(order in proptest::sample::subsequence(
            vec![DeliveryStatus::Sent, DeliveryStatus::Delivered, DeliveryStatus::Read,
                 DeliveryStatus::Sent, DeliveryStatus::Delivered], 1..=5).prop_shuffle()) {
            let mut events = vec![queued("c1"), accepted("c1", "wamid.out")];
            events.extend(order.iter().map(|s| status("wamid.out", *s)));
            let state = fold(&events);
            let furthest = order.iter().fold(DeliveryStatus::Accepted, |acc, s| acc.advance(*s));
            let message = state.message_by_command(&CommandId::new("c1")).expect("message");
            proptest::prop_assert_eq!(message.status, Some(furthest));
        }

        #[test]
        fn events_round_trip_through_json(body in ".{0,64}", seq in 1u64..u64::MAX) {
            let record = EventRecord { seq: Seq(seq), at: Timestamp(7), event: received("wamid.x", &body) };
            let json = serde_json::to_string(&record).expect("serialises");
            let back: EventRecord = serde_json::from_str(&json).expect("parses");
            proptest::prop_assert_eq!(back, record);
        }
    }
}
