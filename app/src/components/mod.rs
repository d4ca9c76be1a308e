//! Reusable pieces of the UI; each takes narrow props and reads context for the rest.

mod alert_banner;
mod assign_control;
mod chat_list;
mod chat_view;
mod composer;
mod connection_badge;
mod delivery_tick;
mod message_bubble;
mod notifier;
mod outcome;
mod require_session;
mod resolve_button;
mod search;
mod shortcuts;
mod tag_editor;
mod template_picker;
mod top_bar;

pub use alert_banner::AlertBanner;
pub use assign_control::AssignControl;
pub use chat_list::ChatList;
pub use chat_view::ChatView;
pub use composer::{Composer, enter_sends};
pub use connection_badge::ConnectionBadge;
pub use delivery_tick::DeliveryTick;
pub use message_bubble::{MessageBubble, Side};
pub use notifier::{Notifier, Preferences, ask_permission};
pub use outcome::{Outcome, OutcomeLine};
pub use require_session::RequireSession;
pub use resolve_button::ResolveButton;
pub use search::{SearchBox, SearchResults};
pub use shortcuts::Shortcuts;
pub use tag_editor::TagEditor;
pub use template_picker::TemplatePicker;
pub use top_bar::TopBar;
