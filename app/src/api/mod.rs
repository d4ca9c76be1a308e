//! The relay's HTTP API and WebSocket feed, with one typed error for both.

pub mod account;
pub mod admin;
mod http;
mod ws;

pub use http::{
    Agent, Line, Uploaded, create_session, delete_session, get_session, list_lines, new_command_id,
    sandbox_read, sandbox_receive, save_language, send_command, upload,
};
pub use ws::{Feed, FeedSender, Frame, open_feed};

use crate::i18n::t;

/// Why a call to the relay did not succeed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// No answer at all: the relay is down or the network is gone.
    #[error("{}", t("app-error-network"))]
    Network(String),
    /// The relay refused, with its stable `code` and a sentence for a person (in the
    /// language on screen: the request asks for it).
    #[error("{message}")]
    Relay {
        status: u16,
        code: switchboard_domain::ErrorCode,
        message: String,
    },
    /// The relay answered something this version of the app cannot read.
    #[error("{}", t("app-error-decode"))]
    Decode(String),
}

impl Error {
    /// The session is missing or expired: the person has to sign in again.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::Relay { status: 401, .. })
    }
}
