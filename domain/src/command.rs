//! Commands: what an agent asks the relay to do. The relay checks them against its
//! projection with [`Command::decide`], and the app runs the same check before sending.

use crate::{
    AgentId, ChatId, CommandId, Direction, Event, MessageBody, MessageKey, Role, State, TeamId,
    Timestamp, Viewer, Wamid,
    audit::AuditNote,
    interactive::{InteractiveError, InteractiveMessage},
    media::{self, MediaError},
    message::{Media, MediaKind},
    quick_reply::QuickReplyError,
    template::{TemplateError, TemplateValues},
    window::window,
    workspace::{ChangeAccess, QuickReplyOnly, SaveQuickReply, SaveTeam, SetLineTeam, TeamOnly},
};
use serde::{Deserialize, Serialize};

/// Meta's limit on a text message body.
pub const MAX_TEXT_CHARS: usize = 4096;
/// A command id is the app's random id (a UUID is 36 characters).
pub const MAX_COMMAND_ID_CHARS: usize = 64;
/// A media id or the https link WhatsApp fetches.
pub const MAX_MEDIA_REF_CHARS: usize = 2048;
/// A document's file name.
pub const MAX_FILENAME_CHARS: usize = 240;
/// A WhatsApp message id (`wamid.` and base64, well under 100 characters).
pub const MAX_WAMID_CHARS: usize = 256;
/// A reaction is one emoji; the longest ZWJ sequences are about a dozen code points.
pub const MAX_EMOJI_CHARS: usize = 16;
/// A template's name or language code.
pub const MAX_TEMPLATE_NAME_CHARS: usize = 512;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Command {
    SendText(SendText),
    SendMedia(SendMedia),
    SendTemplate(SendTemplate),
    SendInteractive(SendInteractive),
    SendReaction(SendReaction),
    /// The agent opened the chat: its messages are read (and, with `typing`, the customer
    /// sees the agent typing).
    MarkRead(MarkRead),
    /// Gives the chat to an agent and/or a team; both empty unassigns it.
    Assign(Assign),
    /// Closes the conversation (the customer's next message reopens it).
    Resolve(ChatOnly),
    Reopen(ChatOnly),
    /// A private note for the team, never sent to the customer.
    AddNote(AddNote),
    /// Tags the chat, creating the tag (with `colour`) if the workspace has none by that name.
    Tag(TagChat),
    Untag(TagChat),
    /// Sends a failed message again, as a new message (this command's id).
    Retry(Retry),
    // The workspace's own settings (see `workspace`): not about one chat, each audited.
    SaveTeam(SaveTeam),
    DeleteTeam(TeamOnly),
    SetLineTeam(SetLineTeam),
    SaveQuickReply(SaveQuickReply),
    DeleteQuickReply(QuickReplyOnly),
    ChangeAccess(ChangeAccess),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retry {
    pub chat: ChatId,
    /// The command that queued the failed message.
    pub message: CommandId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagChat {
    pub chat: ChatId,
    pub tag: String,
    /// `#rrggbb` for a new tag; ignored for an existing one.
    #[serde(default)]
    pub colour: Option<String>,
}

/// The colours a new tag gets when none is chosen, in turn.
pub const TAG_COLOURS: [&str; 8] = [
    "#1f7a8c", "#c2410c", "#7c3aed", "#15803d", "#b91c1c", "#0369a1", "#a16207", "#be185d",
];

/// A tag's name as stored: trimmed, inner spaces collapsed; 1 to 32 characters.
pub fn tag_name(raw: &str) -> Result<String, CommandError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 32 {
        return Err(CommandError::BadTag);
    }
    Ok(name)
}

fn is_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatOnly {
    pub chat: ChatId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddNote {
    pub chat: ChatId,
    pub body: String,
}

/// A note's length limit (notes stay in the chat's history, like messages).
pub const MAX_NOTE_CHARS: usize = 4096;

/// The members named `@username` in `text`, each once, in order.
pub fn mentions(text: &str, state: &State) -> Vec<AgentId> {
    let mut found: Vec<AgentId> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?'))
    {
        let Some(name) = word.strip_prefix('@') else {
            continue;
        };
        let name = name.trim_end_matches('.');
        let agent = AgentId::new(name);
        if state.agents.contains_key(&agent) && !found.contains(&agent) {
            found.push(agent);
        }
    }
    found
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assign {
    pub chat: ChatId,
    #[serde(default)]
    pub agent: Option<AgentId>,
    #[serde(default)]
    pub team: Option<TeamId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendText {
    pub chat: ChatId,
    pub body: String,
    #[serde(default)]
    pub reply_to: Option<Wamid>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendMedia {
    pub chat: ChatId,
    /// A media id from an upload, or an https link WhatsApp fetches itself.
    pub media: String,
    pub mime_type: String,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub reply_to: Option<Wamid>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendTemplate {
    pub chat: ChatId,
    pub name: String,
    pub language: String,
    #[serde(default)]
    pub values: TemplateValues,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendInteractive {
    pub chat: ChatId,
    pub message: InteractiveMessage,
    #[serde(default)]
    pub reply_to: Option<Wamid>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendReaction {
    pub chat: ChatId,
    pub target: Wamid,
    /// An empty emoji removes the agent's reaction.
    pub emoji: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkRead {
    pub chat: ChatId,
    #[serde(default)]
    pub typing: bool,
}

/// Meta's limit on a media caption.
pub const MAX_CAPTION_CHARS: usize = 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    EmptyMessage,
    MessageTooLong,
    UnknownChat,
    WindowClosed,
    Media(MediaError),
    CaptionTooLong,
    Template(TemplateError),
    Interactive(InteractiveError),
    UnknownMessage,
    NothingToRead,
    ChatNotVisible,
    UnknownAgent(AgentId),
    UnknownTeam(TeamId),
    BadTag,
    CannotRetry,
    FieldTooLong {
        field: &'static str,
        max: usize,
    },
    BadCommandId,
    /// The command needs at least this role.
    NotAllowed {
        needed: Role,
    },
    BadTeamId,
    BadTeamName,
    RoundRobinNeedsTeam,
    QuickReply(QuickReplyError),
    UnknownQuickReply(String),
}

impl From<MediaError> for CommandError {
    fn from(error: MediaError) -> Self {
        Self::Media(error)
    }
}

impl From<TemplateError> for CommandError {
    fn from(error: TemplateError) -> Self {
        Self::Template(error)
    }
}

impl From<InteractiveError> for CommandError {
    fn from(error: InteractiveError) -> Self {
        Self::Interactive(error)
    }
}

crate::english_display!(CommandError);

impl CommandError {
    /// The sentence for a person, in `locale`.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::text_with;
        let plain = |key: &str| text_with(locale, key, &[]);
        let max = |key: &str, max: usize| text_with(locale, key, &[("max", max.into())]);
        match self {
            Self::EmptyMessage => plain("error-empty-message"),
            Self::MessageTooLong => max("error-message-too-long", MAX_TEXT_CHARS),
            Self::UnknownChat => plain("error-unknown-chat"),
            Self::WindowClosed => plain("error-window-closed"),
            Self::Media(e) => e.message(locale),
            Self::CaptionTooLong => max("error-caption-too-long", MAX_CAPTION_CHARS),
            Self::Template(e) => e.message(locale),
            Self::Interactive(e) => e.message(locale),
            Self::UnknownMessage => plain("error-unknown-message"),
            Self::NothingToRead => plain("error-nothing-to-read"),
            Self::ChatNotVisible => plain("error-chat-not-visible"),
            Self::UnknownAgent(agent) => text_with(
                locale,
                "error-unknown-active-member",
                &[("name", agent.as_str().into())],
            ),
            Self::UnknownTeam(team) => text_with(
                locale,
                "error-unknown-team-pick",
                &[("name", team.as_str().into())],
            ),
            Self::BadTag => plain("error-bad-tag"),
            Self::CannotRetry => plain("error-cannot-retry"),
            Self::FieldTooLong { field, max } => text_with(
                locale,
                "error-field-too-long",
                &[("field", (*field).into()), ("max", (*max).into())],
            ),
            Self::BadCommandId => max("error-bad-command-id", MAX_COMMAND_ID_CHARS),
            Self::NotAllowed { needed } => text_with(
                locale,
                "error-forbidden",
                &[("role", needed.as_str().into())],
            ),
            Self::BadTeamId => plain("error-team-id"),
            Self::BadTeamName => plain("error-team-name"),
            Self::RoundRobinNeedsTeam => plain("error-round-robin-team"),
            Self::QuickReply(e) => e.message(locale),
            Self::UnknownQuickReply(shortcut) => text_with(
                locale,
                "error-unknown-quick-reply",
                &[("shortcut", shortcut.as_str().into())],
            ),
        }
    }

    /// A stable machine code the app matches on.
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            Self::EmptyMessage => crate::ErrorCode::EmptyMessage,
            Self::MessageTooLong => crate::ErrorCode::MessageTooLong,
            Self::UnknownChat => crate::ErrorCode::UnknownChat,
            Self::WindowClosed => crate::ErrorCode::WindowClosed,
            Self::Media(_) => crate::ErrorCode::MediaRefused,
            Self::CaptionTooLong => crate::ErrorCode::CaptionTooLong,
            Self::Template(_) => crate::ErrorCode::TemplateRefused,
            Self::Interactive(_) => crate::ErrorCode::InteractiveRefused,
            Self::UnknownMessage => crate::ErrorCode::UnknownMessage,
            Self::NothingToRead => crate::ErrorCode::NothingToRead,
            Self::ChatNotVisible => crate::ErrorCode::ChatNotVisible,
            Self::UnknownAgent(_) => crate::ErrorCode::UnknownAgent,
            Self::UnknownTeam(_) => crate::ErrorCode::UnknownTeam,
            Self::BadTag => crate::ErrorCode::BadTag,
            Self::CannotRetry => crate::ErrorCode::CannotRetry,
            Self::FieldTooLong { .. } => crate::ErrorCode::FieldTooLong,
            Self::BadCommandId => crate::ErrorCode::BadCommandId,
            Self::NotAllowed { .. } => crate::ErrorCode::Forbidden,
            Self::BadTeamId => crate::ErrorCode::BadTeamId,
            Self::BadTeamName => crate::ErrorCode::BadTeamName,
            Self::RoundRobinNeedsTeam => crate::ErrorCode::RoundRobinNeedsTeam,
            Self::QuickReply(e) => e.code(),
            Self::UnknownQuickReply(_) => crate::ErrorCode::UnknownQuickReply,
        }
    }
}

impl Command {
    /// The chat this command is about; `None` for a change to the workspace itself.
    pub fn chat(&self) -> Option<&ChatId> {
        Some(match self {
            Self::SendText(c) => &c.chat,
            Self::SendMedia(c) => &c.chat,
            Self::SendTemplate(c) => &c.chat,
            Self::SendInteractive(c) => &c.chat,
            Self::SendReaction(c) => &c.chat,
            Self::MarkRead(c) => &c.chat,
            Self::Assign(c) => &c.chat,
            Self::Resolve(c) | Self::Reopen(c) => &c.chat,
            Self::AddNote(c) => &c.chat,
            Self::Tag(c) | Self::Untag(c) => &c.chat,
            Self::Retry(c) => &c.chat,
            Self::SaveTeam(_)
            | Self::DeleteTeam(_)
            | Self::SetLineTeam(_)
            | Self::SaveQuickReply(_)
            | Self::DeleteQuickReply(_)
            | Self::ChangeAccess(_) => return None,
        })
    }

    /// What the audit log records of this command when it is carried out against `state`;
    /// `None` for what it does not record (a chat's messages are their own history).
    pub fn audit(&self, state: &State) -> Option<AuditNote> {
        match self {
            Self::SaveTeam(save) => Some(save.audit()),
            Self::DeleteTeam(delete) => Some(delete.audit_delete()),
            Self::SetLineTeam(set) => Some(set.audit()),
            Self::SaveQuickReply(save) => Some(save.audit()),
            Self::DeleteQuickReply(delete) => Some(delete.audit_delete()),
            Self::ChangeAccess(change) => change.audit(state),
            _ => None,
        }
    }

    /// Decides a change to the workspace (`None` when the command is about a chat).
    fn decide_workspace(
        &self,
        viewer: &Viewer,
        state: &State,
    ) -> Option<Result<Vec<Event>, CommandError>> {
        Some(match self {
            Self::SaveTeam(save) => save.decide(viewer, state),
            Self::DeleteTeam(delete) => delete.decide_delete(viewer, state),
            Self::SetLineTeam(set) => set.decide(viewer, state),
            Self::SaveQuickReply(save) => save.decide(viewer),
            Self::DeleteQuickReply(delete) => delete.decide_delete(viewer, state),
            Self::ChangeAccess(change) => change.decide(viewer, state),
            _ => return None,
        })
    }

    /// Refuses a field longer than anything WhatsApp or the inbox would use, before it can
    /// reach the log (the lengths of texts, captions and notes are checked with their rules).
    fn check_lengths(&self, id: &CommandId) -> Result<(), CommandError> {
        let id_chars = id.as_str().chars().count();
        if id_chars == 0 || id_chars > MAX_COMMAND_ID_CHARS {
            return Err(CommandError::BadCommandId);
        }
        let too_long = |field: &'static str, value: &str, max: usize| {
            if value.chars().count() > max {
                Err(CommandError::FieldTooLong { field, max })
            } else {
                Ok(())
            }
        };
        let wamid = |value: &Option<Wamid>| {
            value.as_ref().map_or(Ok(()), |w| {
                too_long("message_id", w.as_str(), MAX_WAMID_CHARS)
            })
        };
        match self {
            Self::SendText(send) => wamid(&send.reply_to),
            Self::SendMedia(send) => {
                too_long("media", &send.media, MAX_MEDIA_REF_CHARS)?;
                too_long("file_type", &send.mime_type, MAX_TEMPLATE_NAME_CHARS)?;
                if let Some(name) = &send.filename {
                    too_long("file_name", name, MAX_FILENAME_CHARS)?;
                }
                wamid(&send.reply_to)
            }
            Self::SendTemplate(send) => {
                too_long("template_name", &send.name, MAX_TEMPLATE_NAME_CHARS)?;
                too_long("template_language", &send.language, MAX_TEMPLATE_NAME_CHARS)?;
                if let Some(media) = &send.values.header_media {
                    too_long("header_media", media, MAX_MEDIA_REF_CHARS)?;
                }
                Ok(())
            }
            Self::SendInteractive(send) => wamid(&send.reply_to),
            Self::SendReaction(send) => {
                too_long("reaction", &send.emoji, MAX_EMOJI_CHARS)?;
                too_long("message_id", send.target.as_str(), MAX_WAMID_CHARS)
            }
            Self::Tag(tag) | Self::Untag(tag) => match &tag.colour {
                Some(colour) => too_long("colour", colour, 7),
                None => Ok(()),
            },
            Self::Retry(retry) => {
                too_long("message_id", retry.message.as_str(), MAX_COMMAND_ID_CHARS)
            }
            Self::SaveTeam(save) => too_long("team", save.team.as_str(), 32),
            Self::DeleteTeam(delete) => too_long("team", delete.team.as_str(), 32),
            Self::SetLineTeam(set) => too_long("line", set.line.as_str(), 64),
            Self::SaveQuickReply(save) => too_long("shortcut", &save.shortcut, 64),
            Self::DeleteQuickReply(delete) => too_long("shortcut", &delete.shortcut, 64),
            Self::MarkRead(_)
            | Self::Assign(_)
            | Self::Resolve(_)
            | Self::Reopen(_)
            | Self::AddNote(_)
            | Self::ChangeAccess(_) => Ok(()),
        }
    }

    /// The events this command produces, or why it is refused, given the state at `now`.
    pub fn decide(
        &self,
        id: &CommandId,
        viewer: &Viewer,
        state: &State,
        now: Timestamp,
    ) -> Result<Vec<Event>, CommandError> {
        self.check_lengths(id)?;
        // Outbound messages are keyed by their command's id: one already naming a message
        // (another member's) cannot name a second.
        if state.message_by_command(id).is_some() {
            return Err(CommandError::BadCommandId);
        }
        if let Some(decided) = self.decide_workspace(viewer, state) {
            return decided;
        }
        let chat = self
            .chat()
            .and_then(|chat| state.chat(chat))
            .ok_or(CommandError::UnknownChat)?;
        if !state.can_see_chat(viewer, &chat.id) {
            return Err(CommandError::ChatNotVisible);
        }
        let by = &viewer.id;
        let window_open = window(chat.last_inbound, now).is_open();
        let queue = |body: MessageBody, reply_to: &Option<Wamid>| {
            vec![Event::OutboundQueued {
                command: id.clone(),
                line: chat.line.clone(),
                contact: chat.contact.clone(),
                body,
                by: by.clone(),
                reply_to: reply_to.clone(),
            }]
        };
        match self {
            Self::SendText(send) => {
                let body = send.body.trim_end();
                if body.trim().is_empty() {
                    return Err(CommandError::EmptyMessage);
                }
                if body.chars().count() > MAX_TEXT_CHARS {
                    return Err(CommandError::MessageTooLong);
                }
                if !window_open {
                    return Err(CommandError::WindowClosed);
                }
                Ok(queue(
                    MessageBody::Text {
                        body: body.to_owned(),
                    },
                    &send.reply_to,
                ))
            }
            Self::SendMedia(send) => {
                let (kind, _) = media::limit_for(&send.mime_type)
                    .ok_or_else(|| MediaError::UnsupportedType(send.mime_type.clone()))?;
                if send.media.trim().is_empty() {
                    return Err(CommandError::EmptyMessage);
                }
                let caption = send.caption.clone().filter(|c| !c.trim().is_empty());
                if caption
                    .as_ref()
                    .is_some_and(|c| c.chars().count() > MAX_CAPTION_CHARS)
                {
                    return Err(CommandError::CaptionTooLong);
                }
                if !window_open {
                    return Err(CommandError::WindowClosed);
                }
                let link = send.media.starts_with("https://");
                Ok(queue(
                    MessageBody::Media(Media {
                        kind,
                        id: if link {
                            String::new()
                        } else {
                            send.media.clone()
                        },
                        mime_type: Some(send.mime_type.clone()),
                        sha256: None,
                        caption,
                        filename: send
                            .filename
                            .clone()
                            .filter(|_| kind == MediaKind::Document),
                        url: link.then(|| send.media.clone()),
                        animated: false,
                    }),
                    &send.reply_to,
                ))
            }
            // Templates are what may be sent outside the window.
            Self::SendTemplate(send) => {
                let template = state
                    .template(&chat.line, &send.name, &send.language)
                    .ok_or_else(|| TemplateError::Unknown {
                        name: send.name.clone(),
                        language: send.language.clone(),
                    })?;
                Ok(queue(
                    MessageBody::Template(template.render(&send.values)?),
                    &None,
                ))
            }
            Self::SendInteractive(send) => {
                send.message.validate()?;
                if !window_open {
                    return Err(CommandError::WindowClosed);
                }
                Ok(queue(
                    MessageBody::InteractiveMessage(send.message.clone()),
                    &send.reply_to,
                ))
            }
            Self::SendReaction(send) => {
                let known = state.chat_of_wamid(&send.target) == Some(&chat.id);
                if !known {
                    return Err(CommandError::UnknownMessage);
                }
                if !window_open {
                    return Err(CommandError::WindowClosed);
                }
                let emoji = Some(send.emoji.trim().to_owned()).filter(|e| !e.is_empty());
                Ok(queue(
                    MessageBody::Reaction {
                        target: send.target.clone(),
                        emoji,
                    },
                    &None,
                ))
            }
            Self::MarkRead(_) => {
                let last = chat
                    .messages
                    .iter()
                    .rev()
                    .find(|m| m.direction == Direction::Inbound)
                    .and_then(|m| m.wamid.clone())
                    .ok_or(CommandError::NothingToRead)?;
                Ok(vec![Event::ChatRead {
                    chat: chat.id.clone(),
                    up_to: last,
                    by: by.clone(),
                }])
            }
            Self::Retry(retry) => {
                let failed = chat
                    .messages
                    .iter()
                    .find(|m| m.key == MessageKey::Command(retry.message.clone()))
                    .filter(|m| m.may_send_again())
                    .ok_or(CommandError::CannotRetry)?;
                // Free-form messages still need the window; templates do not.
                let template = matches!(failed.body, MessageBody::Template(_));
                if !template && !window_open {
                    return Err(CommandError::WindowClosed);
                }
                Ok(queue(failed.body.clone(), &failed.context.reply_to))
            }
            Self::Resolve(_) => Ok(vec![Event::ChatResolved {
                chat: chat.id.clone(),
                by: by.clone(),
            }]),
            Self::Reopen(_) => Ok(vec![Event::ChatReopened {
                chat: chat.id.clone(),
                by: by.clone(),
            }]),
            Self::AddNote(note) => {
                let body = note.body.trim();
                if body.is_empty() {
                    return Err(CommandError::EmptyMessage);
                }
                if body.chars().count() > MAX_NOTE_CHARS {
                    return Err(CommandError::MessageTooLong);
                }
                Ok(vec![Event::NoteAdded {
                    chat: chat.id.clone(),
                    command: id.clone(),
                    body: body.to_owned(),
                    by: by.clone(),
                    mentions: mentions(body, state),
                }])
            }
            Self::Tag(tag) => {
                let name = tag_name(&tag.tag)?;
                let mut events = Vec::new();
                if !state.tags.contains_key(&name) {
                    let colour = match &tag.colour {
                        Some(colour) if is_colour(colour) => colour.to_ascii_lowercase(),
                        Some(_) => return Err(CommandError::BadTag),
                        None => TAG_COLOURS[state.tags.len() % TAG_COLOURS.len()].to_owned(),
                    };
                    events.push(Event::TagDefined {
                        tag: name.clone(),
                        colour,
                    });
                }
                if !chat.tags.contains(&name) {
                    events.push(Event::ChatTagged {
                        chat: chat.id.clone(),
                        tag: name,
                        by: by.clone(),
                    });
                }
                Ok(events)
            }
            Self::Untag(tag) => {
                let name = tag_name(&tag.tag)?;
                Ok(if chat.tags.contains(&name) {
                    vec![Event::ChatUntagged {
                        chat: chat.id.clone(),
                        tag: name,
                        by: by.clone(),
                    }]
                } else {
                    Vec::new()
                })
            }
            Self::Assign(assign) => {
                if let Some(agent) = &assign.agent
                    && !state.agents.get(agent).is_some_and(|a| a.active)
                {
                    return Err(CommandError::UnknownAgent(agent.clone()));
                }
                if let Some(team) = &assign.team
                    && !state.teams.contains_key(team)
                {
                    return Err(CommandError::UnknownTeam(team.clone()));
                }
                Ok(vec![Event::ChatAssigned {
                    chat: chat.id.clone(),
                    agent: assign.agent.clone(),
                    team: assign.team.clone(),
                    by: by.clone().into(),
                }])
            }
            // Decided by `decide_workspace` above.
            Self::SaveTeam(_)
            | Self::DeleteTeam(_)
            | Self::SetLineTeam(_)
            | Self::SaveQuickReply(_)
            | Self::DeleteQuickReply(_)
            | Self::ChangeAccess(_) => Err(CommandError::UnknownChat),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ContactId, EventRecord, LineId, Seq, WINDOW_SECONDS, apply};

    fn state_with_inbound_at(at: Timestamp) -> (State, ChatId) {
        let line = LineId::new("sandbox");
        let contact = ContactId::new("551199998888");
        let mut state = State::default();
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(1),
                at,
                event: Event::MessageReceived {
                    line: line.clone(),
                    contact: contact.clone(),
                    profile_name: None,
                    wamid: Wamid::new("wamid.1"),
                    sent_at: at,
                    body: MessageBody::Text { body: "Oi".into() },
                    context: Default::default(),
                    referral: None,
                    participant: None,
                    also_known_as: Vec::new(),
                    raw: serde_json::Value::Null,
                },
            },
        );
        (state, ChatId::of(&line, &contact))
    }

    fn admin() -> Viewer {
        Viewer {
            id: AgentId::new("admin"),
            role: crate::Role::Admin,
        }
    }

    fn send(chat: &ChatId, body: &str) -> Command {
        Command::SendText(SendText {
            chat: chat.clone(),
            body: body.into(),
            reply_to: None,
        })
    }

    #[test]
    fn reply_inside_window_is_queued() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let events = send(&chat, "Olá!")
            .decide(&CommandId::new("c1"), &admin(), &state, at.plus_seconds(60))
            .expect("allowed");
        assert!(matches!(&events[..], [Event::OutboundQueued { .. }]));
    }

    #[test]
    fn oversized_fields_are_refused_before_the_log() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let now = at.plus_seconds(60);
        let long_id = CommandId::new("x".repeat(MAX_COMMAND_ID_CHARS + 1));
        assert_eq!(
            send(&chat, "Olá").decide(&long_id, &admin(), &state, now),
            Err(CommandError::BadCommandId)
        );
        let reaction = Command::SendReaction(SendReaction {
            chat: chat.clone(),
            target: Wamid::new("wamid.1"),
            emoji: "👍".repeat(MAX_EMOJI_CHARS + 1),
        });
        assert_eq!(
            reaction.decide(&CommandId::new("c1"), &admin(), &state, now),
            Err(CommandError::FieldTooLong {
                field: "reaction",
                max: MAX_EMOJI_CHARS
            })
        );
        let media = Command::SendMedia(SendMedia {
            chat,
            media: "1234".into(),
            mime_type: "application/pdf".into(),
            caption: None,
            filename: Some("a".repeat(MAX_FILENAME_CHARS + 1)),
            reply_to: None,
        });
        assert!(matches!(
            media.decide(&CommandId::new("c1"), &admin(), &state, now),
            Err(CommandError::FieldTooLong {
                field: "file_name",
                ..
            })
        ));
    }

    #[test]
    fn a_command_id_naming_another_message_is_refused() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (mut state, chat) = state_with_inbound_at(at);
        let id = CommandId::new("c1");
        let now = at.plus_seconds(60);
        let queued = send(&chat, "Olá")
            .decide(&id, &admin(), &state, now)
            .expect("queued");
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(2),
                at: now,
                event: queued[0].clone(),
            },
        );
        let other = Viewer {
            id: AgentId::new("bruno"),
            role: crate::Role::Agent,
        };
        assert_eq!(
            send(&chat, "Oi").decide(&id, &other, &state, now),
            Err(CommandError::BadCommandId)
        );
    }

    #[test]
    fn free_text_outside_window_is_refused() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let result = send(&chat, "Olá!").decide(
            &CommandId::new("c1"),
            &admin(),
            &state,
            at.plus_seconds(WINDOW_SECONDS),
        );
        assert_eq!(result, Err(CommandError::WindowClosed));
    }

    #[test]
    fn empty_long_and_unknown_are_refused() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let id = CommandId::new("c1");
        let agent = admin();
        assert_eq!(
            send(&chat, "  \n").decide(&id, &agent, &state, at),
            Err(CommandError::EmptyMessage)
        );
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            send(&chat, &long).decide(&id, &agent, &state, at),
            Err(CommandError::MessageTooLong)
        );
        let other = ChatId::of(&LineId::new("sandbox"), &ContactId::new("1"));
        assert_eq!(
            send(&other, "hi").decide(&id, &agent, &state, at),
            Err(CommandError::UnknownChat)
        );
    }

    fn with_template(mut state: State, chat: &ChatId) -> State {
        let template = crate::template::Template {
            id: "9".into(),
            name: "retomar".into(),
            language: "pt_BR".into(),
            status: "APPROVED".into(),
            category: "UTILITY".into(),
            components: serde_json::json!([{"type": "BODY", "text": "Olá {{1}}, podemos continuar?"}]),
            reason: None,
            quality: None,
        };
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(2),
                at: Timestamp(0),
                event: Event::TemplatesSynced {
                    line: chat.line(),
                    templates: vec![template],
                },
            },
        );
        state
    }

    #[test]
    fn template_may_be_sent_outside_the_window_but_media_may_not() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (state, chat) = state_with_inbound_at(at);
        let state = with_template(state, &chat);
        let later = at.plus_seconds(3 * WINDOW_SECONDS);
        let agent = admin();
        let template = Command::SendTemplate(SendTemplate {
            chat: chat.clone(),
            name: "retomar".into(),
            language: "pt_BR".into(),
            values: TemplateValues {
                body: [("1".to_owned(), "Ana".to_owned())].into(),
                ..TemplateValues::default()
            },
        });
        let events = template
            .decide(&CommandId::new("t"), &agent, &state, later)
            .expect("allowed");
        let [
            Event::OutboundQueued {
                body: MessageBody::Template(rendered),
                ..
            },
        ] = &events[..]
        else {
            panic!("expected a queued template, got {events:?}");
        };
        assert_eq!(rendered.preview, "Olá Ana, podemos continuar?");
        let media = Command::SendMedia(SendMedia {
            chat: chat.clone(),
            media: "1234".into(),
            mime_type: "image/jpeg".into(),
            caption: None,
            filename: None,
            reply_to: None,
        });
        assert_eq!(
            media.decide(&CommandId::new("m"), &agent, &state, later),
            Err(CommandError::WindowClosed)
        );
        let gif = Command::SendMedia(SendMedia {
            chat: chat.clone(),
            media: "1234".into(),
            mime_type: "image/gif".into(),
            caption: None,
            filename: None,
            reply_to: None,
        });
        assert!(matches!(
            gif.decide(&CommandId::new("g"), &agent, &state, at),
            Err(CommandError::Media(_))
        ));
        let unknown = Command::SendTemplate(SendTemplate {
            chat,
            name: "nope".into(),
            language: "pt_BR".into(),
            values: TemplateValues::default(),
        });
        assert!(matches!(
            unknown.decide(&CommandId::new("u"), &agent, &state, at),
            Err(CommandError::Template(_))
        ));
    }

    #[test]
    fn reaction_needs_a_message_of_this_chat_and_mark_read_clears_unread() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (mut state, chat) = state_with_inbound_at(at);
        let agent = admin();
        let react = |target: &str| {
            Command::SendReaction(SendReaction {
                chat: chat.clone(),
                target: Wamid::new(target),
                emoji: "👍".into(),
            })
        };
        assert!(
            react("wamid.1")
                .decide(&CommandId::new("r"), &agent, &state, at)
                .is_ok()
        );
        assert_eq!(
            react("wamid.other").decide(&CommandId::new("r"), &agent, &state, at),
            Err(CommandError::UnknownMessage)
        );
        let read = Command::MarkRead(MarkRead {
            chat: chat.clone(),
            typing: true,
        });
        let events = read
            .decide(&CommandId::new("read"), &agent, &state, at)
            .expect("allowed");
        assert_eq!(
            events,
            vec![Event::ChatRead {
                chat: chat.clone(),
                up_to: Wamid::new("wamid.1"),
                by: agent.id
            }]
        );
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(5),
                at,
                event: events[0].clone(),
            },
        );
        assert_eq!(state.chat(&chat).map(|c| c.unread), Some(0));
    }

    #[test]
    fn restricted_agents_cannot_act_on_other_teams_chats() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (mut state, chat) = state_with_inbound_at(at);
        let ana = Viewer {
            id: AgentId::new("ana"),
            role: crate::Role::Agent,
        };
        let settings = crate::access::AccessSettings {
            restrict_to_teams: true,
            require_totp: false,
        };
        let events = [
            Event::AgentSaved {
                agent: ana.id.clone(),
                name: "Ana".into(),
                role: crate::Role::Agent,
                active: true,
            },
            Event::TeamSaved {
                team: TeamId::new("sales"),
                name: "Sales".into(),
                members: [ana.id.clone()].into(),
            },
            Event::AccessSettingsChanged { settings },
        ];
        for (n, event) in events.into_iter().enumerate() {
            let seq = Seq(10 + n as u64);
            apply(&mut state, &EventRecord { seq, at, event });
        }
        assert_eq!(
            send(&chat, "hola").decide(&CommandId::new("x"), &ana, &state, at),
            Err(CommandError::ChatNotVisible)
        );
        let assign = |agent: Option<&str>, team: Option<&str>| {
            Command::Assign(Assign {
                chat: chat.clone(),
                agent: agent.map(AgentId::new),
                team: team.map(TeamId::new),
            })
        };
        assert_eq!(
            assign(Some("ghost"), None).decide(&CommandId::new("a"), &admin(), &state, at),
            Err(CommandError::UnknownAgent(AgentId::new("ghost")))
        );
        assert_eq!(
            assign(None, Some("nope")).decide(&CommandId::new("a"), &admin(), &state, at),
            Err(CommandError::UnknownTeam(TeamId::new("nope")))
        );
        let events = assign(None, Some("sales"))
            .decide(&CommandId::new("a"), &admin(), &state, at)
            .expect("allowed");
        let seq = Seq(20);
        apply(
            &mut state,
            &EventRecord {
                seq,
                at,
                event: events[0].clone(),
            },
        );
        assert!(
            send(&chat, "hola")
                .decide(&CommandId::new("y"), &ana, &state, at)
                .is_ok()
        );
    }

    #[test]
    fn a_failed_message_is_sent_again_only_when_that_can_help() {
        let at = Timestamp::from_unix_seconds(1_000);
        let (mut state, chat) = state_with_inbound_at(at);
        let queued = send(&chat, "Hola")
            .decide(&CommandId::new("c1"), &admin(), &state, at)
            .expect("queued");
        let fail = |code: i64| Event::OutboundFailed {
            command: CommandId::new("c1"),
            failure: crate::SendFailure::from_meta(Some(code), "x", "y"),
        };
        let retry = Command::Retry(Retry {
            chat,
            message: CommandId::new("c1"),
        });
        // Not failed (yet): nothing to retry.
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(2),
                at,
                event: queued[0].clone(),
            },
        );
        assert_eq!(
            retry.decide(&CommandId::new("r1"), &admin(), &state, at),
            Err(CommandError::CannotRetry)
        );
        // A rejected token can be retried once fixed: a new message with the same text.
        let mut token = state.clone();
        apply(
            &mut token,
            &EventRecord {
                seq: Seq(3),
                at,
                event: fail(190),
            },
        );
        let again = retry
            .decide(&CommandId::new("r1"), &admin(), &token, at)
            .expect("retried");
        assert!(
            matches!(&again[..], [Event::OutboundQueued { command, body: MessageBody::Text { body }, .. }]
            if command.as_str() == "r1" && body == "Hola")
        );
        // …but not once the window closed, and never for a customer who opted out.
        assert_eq!(
            retry.decide(
                &CommandId::new("r1"),
                &admin(),
                &token,
                at.plus_seconds(WINDOW_SECONDS)
            ),
            Err(CommandError::WindowClosed)
        );
        // A message that may not have been sent is the agent's call.
        let mut unsure = state.clone();
        for (seq, event) in [
            (
                3,
                Event::OutboundAttempted {
                    command: CommandId::new("c1"),
                },
            ),
            (
                4,
                Event::OutboundUnconfirmed {
                    command: CommandId::new("c1"),
                },
            ),
        ] {
            apply(
                &mut unsure,
                &EventRecord {
                    seq: Seq(seq),
                    at,
                    event,
                },
            );
        }
        assert!(
            retry
                .decide(&CommandId::new("r1"), &admin(), &unsure, at)
                .is_ok()
        );
        apply(
            &mut state,
            &EventRecord {
                seq: Seq(3),
                at,
                event: fail(131_050),
            },
        );
        assert_eq!(
            retry.decide(&CommandId::new("r1"), &admin(), &state, at),
            Err(CommandError::CannotRetry)
        );
    }
}
