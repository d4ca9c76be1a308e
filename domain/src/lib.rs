//! Switchboard's domain: the glossary of the product in types.
//!
//! - [`ids`]: newtypes for every identifier that crosses a crate boundary.
//! - [`event`]: the events of the durable log; the relay is their only writer.
//! - [`state`]: [`State`] and [`apply`], the reducer both the relay and the app fold the log with.
//! - [`window`]: the 24-hour customer-service window.
//! - [`status`]: the delivery status of an outbound message, which never regresses.
//! - [`access`]: roles, teams, and who may see which chat and event.
//! - [`inbox`]: the chat list's filters (mine, unassigned, a team's; open or resolved).
//! - [`search`]: case- and accent-insensitive search over contacts and messages.
//! - [`i18n`]: the languages, and the catalogues both sides speak from.
//! - [`line_health`]: Meta's reports on a line's account and number, and which need an admin.
//! - [`command`]: what a member asks the relay to do, and why it may be refused; the
//!   changes to the workspace itself (teams, line teams, quick replies, access) are in
//!   [`workspace`], each leaving an [`audit`] note.
//! - [`routing`]: round-robin assignment of new chats. [`presence`]: who is online, viewing
//!   or typing (never logged). [`quick_reply`]: saved answers with [`variables`], the one
//!   vocabulary of `{{…}}` that templates and flows will share.
//!
//! Nothing here reads a clock or does I/O: time comes in as a [`Timestamp`] argument, so the
//! same code decides in the browser (wasm32) and in the relay.

pub mod access;
pub mod actor;
pub mod audit;
pub mod command;
pub mod error_code;
pub mod event;
pub mod i18n;
pub mod ids;
pub mod inbox;
pub mod interactive;
pub mod line_health;
pub mod media;
pub mod message;
pub mod pacing;
pub mod presence;
pub mod quick_reply;
pub mod routing;
pub mod search;
pub mod state;
pub mod status;
pub mod template;
pub mod throttle;
pub mod time;
pub mod variables;
pub mod window;
pub mod wire;
pub mod workspace;

pub use access::{Role, Viewer};
pub use command::{
    Assign, Command, CommandError, MarkRead, SendInteractive, SendMedia, SendReaction,
    SendTemplate, SendText,
};
pub use error_code::ErrorCode;
pub use event::{Event, EventRecord, SendFailure};
pub use ids::{AgentId, ChatId, CommandId, ContactId, LineId, Seq, TeamId, Wamid};
pub use message::{Direction, Message, MessageBody, MessageKey};
pub use state::{Author, Chat, State, apply};
pub use status::DeliveryStatus;
pub use time::Timestamp;
pub use window::{WINDOW_SECONDS, Window, window};
#[cfg(test)]
mod testing;
