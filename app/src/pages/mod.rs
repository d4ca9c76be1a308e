//! One component per route.

mod inbox;
mod login;
mod not_found;
mod simulator;

pub use inbox::InboxPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use simulator::SimulatorPage;
