//! One component per route.

mod account;
mod admin;
mod inbox;
mod link;
mod login;
mod not_found;
mod quick_replies;
mod simulator;

pub use account::AccountPage;
pub use admin::AdminPage;
pub use inbox::InboxPage;
pub use link::LinkPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use quick_replies::QuickRepliesPage;
pub use simulator::SimulatorPage;
