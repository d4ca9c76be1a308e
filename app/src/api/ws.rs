//! The relay's event feed: `GET /ws?since=N`.

use super::Error;
use futures::{
    SinkExt,
    lock::Mutex,
    stream::{SplitSink, SplitStream, StreamExt},
};
use gloo_net::websocket::{Message, futures::WebSocket};
use std::{borrow::Cow, rc::Rc};
use switchboard_domain::{
    Seq,
    presence::Focus,
    wire::{FeedFrame, FeedMessage},
};

/// One text frame of the feed, as the app reads it (owned).
pub type Frame = FeedFrame<'static>;

/// An open feed: a stream of [`Frame`]s that ends when the socket closes.
pub struct Feed {
    socket: SplitStream<WebSocket>,
    sender: FeedSender,
}

/// The sending half of a feed, shared by whoever needs to tell the relay something.
#[derive(Clone)]
pub struct FeedSender(Rc<Mutex<SplitSink<WebSocket, Message>>>);

impl FeedSender {
    /// Tells the relay which chat is on screen and whether the member is typing. Lost if
    /// the socket is closing: the next feed sends the focus again.
    pub async fn focus(&self, focus: &Focus) {
        let Ok(text) = serde_json::to_string(&FeedMessage::Focus(Cow::Borrowed(focus))) else {
            return;
        };
        if let Err(error) = self.0.lock().await.send(Message::Text(text)).await {
            leptos::logging::warn!("focus not sent: {error}");
        }
    }
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
    let (sink, socket) = socket.split();
    Ok(Feed {
        socket,
        sender: FeedSender(Rc::new(Mutex::new(sink))),
    })
}

impl Feed {
    pub fn sender(&self) -> FeedSender {
        self.sender.clone()
    }

    /// The next frame, `None` once the socket closed or failed. A frame this version
    /// cannot read is skipped rather than ending the feed.
    pub async fn next(&mut self) -> Option<Frame> {
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
