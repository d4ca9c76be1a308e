//! The events of the durable, ordered log. The relay is the only writer; state anywhere is
//! the fold of these with [`crate::apply`].

use crate::{
    AgentId, ChatId, CommandId, ContactId, DeliveryStatus, LineId, MessageBody, Seq, TeamId,
    Timestamp, Wamid,
    access::{AccessSettings, Role},
    actor::Actor,
    line_health::LineReport,
    message::{Context, Participant, Referral},
    quick_reply::QuickReply,
    template::Template,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// An event with its place in the log and the time the relay appended it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub seq: Seq,
    pub at: Timestamp,
    pub event: Event,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(
    clippy::large_enum_variant,
    reason = "an event is built once and moved into the log; most events are messages, so boxing them would save nothing"
)]
pub enum Event {
    /// A customer wrote to a line. `raw` is the original JSON of the message as Meta sent it.
    MessageReceived {
        line: LineId,
        contact: ContactId,
        profile_name: Option<String>,
        wamid: Wamid,
        sent_at: Timestamp,
        body: MessageBody,
        #[serde(default)]
        context: Context,
        #[serde(default)]
        referral: Option<Referral>,
        /// In a group chat (`contact` is then the group's id), the member who wrote.
        #[serde(default)]
        participant: Option<Participant>,
        /// The sender's other ids in the same webhook (a business-scoped user id beside a
        /// phone number): the same customer, so the same chat.
        #[serde(default)]
        also_known_as: Vec<ContactId>,
        raw: serde_json::Value,
    },
    /// An agent's message, waiting for the line's sender.
    OutboundQueued {
        command: CommandId,
        line: LineId,
        contact: ContactId,
        body: MessageBody,
        by: AgentId,
        #[serde(default)]
        reply_to: Option<Wamid>,
    },
    /// The provider accepted the message and named it.
    OutboundAccepted {
        command: CommandId,
        wamid: Wamid,
    },
    /// The sender is about to hand the message to the provider. Recorded first: after a
    /// crash, a message attempted but neither accepted nor failed is *in doubt* and is never
    /// sent again by itself (the Cloud API has no idempotency key).
    OutboundAttempted {
        command: CommandId,
    },
    /// A message in doubt got no word from Meta within the grace period: it may or may not
    /// have been sent. Final unless a late status settles it; the agent may send it again.
    OutboundUnconfirmed {
        command: CommandId,
    },
    /// The provider refused the message; it will not be sent.
    OutboundFailed {
        command: CommandId,
        failure: SendFailure,
    },
    /// A status webhook for an outbound message. `raw` is the original status JSON.
    StatusUpdated {
        wamid: Wamid,
        status: DeliveryStatus,
        failure: Option<SendFailure>,
        /// What Meta charges for the message (on `sent`, and one of delivered/read).
        #[serde(default)]
        pricing: Option<Pricing>,
        /// The `biz_opaque_callback_data` the message was sent with (e.g. a campaign's id).
        #[serde(default)]
        callback_data: Option<String>,
        /// When Meta says it happened.
        #[serde(default)]
        at: Option<Timestamp>,
        /// For a group message, the member whose phone this status is about.
        #[serde(default)]
        participant: Option<ContactId>,
        raw: serde_json::Value,
    },
    /// An agent read the chat up to `up_to` (the customer sees blue ticks).
    ChatRead {
        chat: ChatId,
        up_to: Wamid,
        by: AgentId,
    },
    /// The line's templates as Meta lists them now (replaces the previous list).
    TemplatesSynced {
        line: LineId,
        templates: Vec<Template>,
    },
    /// Meta refused the line's credentials (or similar): admins must act.
    LineAlertRaised {
        line: LineId,
        code: Option<i64>,
        message: String,
    },
    /// The line works again.
    LineAlertCleared {
        line: LineId,
    },
    /// A correctly signed webhook whose body could not be read. Kept whole for admins.
    WebhookUnreadable {
        line: Option<LineId>,
        body: String,
        reason: String,
    },
    /// A chat was given to an agent and/or a team (both `None`: unassigned).
    ChatAssigned {
        chat: ChatId,
        agent: Option<AgentId>,
        team: Option<TeamId>,
        by: Actor,
    },
    /// An agent closed the conversation; the customer's next message reopens it.
    ChatResolved {
        chat: ChatId,
        by: AgentId,
    },
    ChatReopened {
        chat: ChatId,
        by: AgentId,
    },
    /// A private note in the chat: shown to the team, never sent to the customer.
    NoteAdded {
        chat: ChatId,
        command: CommandId,
        body: String,
        by: AgentId,
        /// Members named with `@username` in the note, to notify.
        #[serde(default)]
        mentions: Vec<AgentId>,
    },
    /// A tag joined the workspace's list, with its colour (`#rrggbb`).
    TagDefined {
        tag: String,
        colour: String,
    },
    ChatTagged {
        chat: ChatId,
        tag: String,
        by: AgentId,
    },
    ChatUntagged {
        chat: ChatId,
        tag: String,
        by: AgentId,
    },
    /// A member was added or changed (name, role, deactivated or reactivated). Never holds
    /// a secret: passwords and second factors stay in the relay's accounts table.
    AgentSaved {
        agent: AgentId,
        name: String,
        role: Role,
        active: bool,
    },
    /// A team was created or changed (replaces its name and members).
    TeamSaved {
        team: TeamId,
        name: String,
        members: BTreeSet<AgentId>,
    },
    TeamDeleted {
        team: TeamId,
    },
    /// The team that owns a line's unassigned chats (`None`: no team), and whether a
    /// customer's new chat goes in turn to the next online member of that team.
    LineTeamSet {
        line: LineId,
        team: Option<TeamId>,
        #[serde(default)]
        round_robin: bool,
    },
    /// A quick reply was created or changed (replaces the one with its shortcut).
    QuickReplySaved {
        reply: QuickReply,
        by: AgentId,
    },
    QuickReplyDeleted {
        shortcut: String,
        by: AgentId,
    },
    AccessSettingsChanged {
        settings: AccessSettings,
    },
    /// Meta reported on a line's account or number (a ban, a restriction, a quality or
    /// messaging-limit change). `raw` is the change as Meta sent it.
    LineReported {
        line: LineId,
        report: LineReport,
        raw: serde_json::Value,
    },
    /// Meta reviewed one of a line's templates: a new status (with its reason) or a new
    /// quality rating. Fields Meta left out are `None`.
    TemplateReviewed {
        line: LineId,
        name: String,
        language: String,
        status: Option<String>,
        reason: Option<String>,
        quality: Option<String>,
        raw: serde_json::Value,
    },
    /// The customer told WhatsApp to stop (or resume) a line's marketing messages.
    MarketingPreferenceChanged {
        line: LineId,
        contact: ContactId,
        stopped: bool,
        /// When the customer did it, by Meta's clock.
        at: Timestamp,
        raw: serde_json::Value,
    },
    /// A webhook change this version does not act on yet (another `field`, value-level
    /// errors, a message without an id…), kept whole so nothing Meta sends is dropped.
    WebhookKept {
        line: Option<LineId>,
        field: String,
        raw: serde_json::Value,
    },
}

/// Meta's pricing of a message: per-message (`PMP`, since July 2025) or per-conversation
/// (`CBP`, before).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pricing {
    pub model: String,
    /// marketing, utility, authentication, service, referral_conversion …
    pub category: String,
    /// PMP only: regular, free_customer_service, free_entry_point.
    pub kind: Option<String>,
    pub billable: Option<bool>,
}

/// Why a message was not sent, with Meta's code and a sentence a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendFailure {
    pub code: Option<i64>,
    pub title: String,
    pub details: String,
    pub advice: String,
}

impl SendFailure {
    /// A failure reported by Meta (synchronously or in a status webhook).
    pub fn from_meta(
        code: Option<i64>,
        title: impl Into<String>,
        details: impl Into<String>,
    ) -> Self {
        Self {
            code,
            title: title.into(),
            details: details.into(),
            advice: advice_for(code),
        }
    }
}

/// Whether sending the same message again can work: not when the customer cannot or will
/// not receive it, the account is blocked, or the template itself was refused.
pub fn retry_makes_sense(code: Option<i64>) -> bool {
    !matches!(
        code,
        Some(131_026 | 131_050 | 368 | 131_031 | 132_000..=132_999)
    )
}

/// What a person can do about a Meta error code, in English (kept in the event; the app
/// shows [`advice_key`]'s sentence in the member's language).
pub fn advice_for(code: Option<i64>) -> String {
    crate::i18n::text(crate::i18n::Locale::En, advice_key(code))
}

/// The catalogue key of what a person can do about a Meta error code.
pub fn advice_key(code: Option<i64>) -> &'static str {
    match code {
        Some(0 | 190) => "advice-token",
        Some(131_047) => "advice-window",
        Some(131_026) => "advice-undeliverable",
        Some(131_050) => "advice-opted-out",
        Some(131_049) => "advice-marketing-limit",
        Some(130_429 | 131_056 | 80_007 | 4 | 131_048) => "advice-too-fast",
        Some(131_000 | 131_016 | 131_057) => "advice-temporary",
        Some(368 | 131_031) => "advice-blocked",
        Some(132_000..=132_999) => "advice-template",
        Some(131_053) => "advice-media",
        _ => "advice-other",
    }
}
