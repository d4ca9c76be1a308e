//! The relay's event feed: `GET /ws?since=N`.

use super::Error;
use gloo_net::websocket::{Message, futures::WebSocket};
use serde::Deserialize;
use switchboard_domain::{EventRecord, Seq};

/// One text frame of the feed.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Frame {
    Event {
        record: Box<EventRecord>,
    },
    /// Every stored event after `since` has been sent; live events follow.
    CaughtUp {
        seq: Seq,
    },
    /// What this member may see changed: the replica must be rebuilt from the start.
    Reset,
    /// The session ended (deactivated, logged out everywhere, expired).
    Ended,
}

/// An open feed: a stream of [`Frame`]s that ends when the socket closes.
pub struct Feed {
    socket: WebSocket,
}

/// Opens the feed for the events after `since`, on the page's own host.
pub fn open_feed(since: Seq) -> Result<Feed, Error> {
    let location = leptos::prelude::window().location();
    let host = location
        .host()
        .map_err(|e| Error::Network(format!("{e:?}")))?;
    let scheme = match location.protocol().as_deref() {
        Ok("https:") => "wss",
        _ => "ws",
    };
    let url = format!("{scheme}://{host}/ws?since={since}");
    let socket = WebSocket::open(&url).map_err(|e| Error::Network(e.to_string()))?;
    Ok(Feed { socket })
}

impl Feed {
    /// The next frame, `None` once the socket closed or failed. A frame this version
    /// cannot read is skipped rather than ending the feed.
    pub async fn next(&mut self) -> Option<Frame> {
        use futures::StreamExt;
        loop {
            let text = match self.socket.next().await? {
                Ok(Message::Text(text)) => text,
                Ok(Message::Bytes(_)) => continue,
                Err(error) => {
                    leptos::logging::warn!("feed closed: {error}");
                    return None;
                }
            };
            match serde_json::from_str(&text) {
                Ok(frame) => return Some(frame),
                Err(error) => leptos::logging::warn!("skipping unreadable frame: {error}"),
            }
        }
    }
}
