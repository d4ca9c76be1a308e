//! The relay's WebSocket feed, read the way the app reads it.

use futures::{SinkExt, StreamExt};
use std::{collections::VecDeque, time::Duration};
use tokio::net::TcpStream;
use tokio_tungstenite::{
    WebSocketStream, client_async,
    tungstenite::{Message, client::IntoClientRequest, http::HeaderValue},
};

pub struct Feed {
    socket: WebSocketStream<TcpStream>,
    /// Frames read while looking for another kind, in order.
    presence: VecDeque<serde_json::Value>,
    others: VecDeque<serde_json::Value>,
}

impl Feed {
    /// Opens the feed from `since` with the session `cookie`, as the relay's own page would.
    pub async fn connect(addr: std::net::SocketAddr, cookie: &str, since: u64) -> Self {
        let mut request = format!("ws://{addr}/ws?since={since}")
            .into_client_request()
            .expect("request");
        let headers = request.headers_mut();
        headers.insert("origin", header(&format!("http://{addr}")));
        headers.insert("cookie", header(cookie));
        let stream = TcpStream::connect(addr).await.expect("connect");
        let (socket, _) = client_async(request, stream).await.expect("handshake");
        Self {
            socket,
            presence: VecDeque::new(),
            others: VecDeque::new(),
        }
    }

    /// The next frame other than presence, or `None` when the feed closed or stayed quiet
    /// for `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<serde_json::Value> {
        if let Some(frame) = self.others.pop_front() {
            return Some(frame);
        }
        loop {
            let frame = self.read(wait).await?;
            if frame["type"] == "presence" {
                self.presence.push_back(frame["presence"].clone());
            } else {
                return Some(frame);
            }
        }
    }

    /// The next presence the relay sent (`{online, chats}`).
    pub async fn next_presence(&mut self, wait: Duration) -> Option<serde_json::Value> {
        if let Some(presence) = self.presence.pop_front() {
            return Some(presence);
        }
        loop {
            let frame = self.read(wait).await?;
            if frame["type"] == "presence" {
                return Some(frame["presence"].clone());
            }
            self.others.push_back(frame);
        }
    }

    /// Sends a frame as the app does (`{"type":"focus","chat":…,"typing":…}`).
    pub async fn send(&mut self, frame: serde_json::Value) {
        self.socket
            .send(Message::Text(frame.to_string().into()))
            .await
            .expect("send a frame");
    }

    async fn read(&mut self, wait: Duration) -> Option<serde_json::Value> {
        loop {
            match tokio::time::timeout(wait, self.socket.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => {
                    return Some(serde_json::from_str(&text).expect("a JSON frame"));
                }
                Ok(Some(Ok(Message::Close(_)) | Err(_)) | None) | Err(_) => return None,
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    /// Every event frame up to `caught_up`.
    pub async fn backlog(&mut self) -> Vec<serde_json::Value> {
        let mut events = Vec::new();
        while let Some(frame) = self.next(Duration::from_secs(5)).await {
            match frame["type"].as_str() {
                Some("event") => events.push(frame["record"].clone()),
                Some("caught_up") => return events,
                other => panic!("unexpected frame before caught_up: {other:?}"),
            }
        }
        panic!("the feed closed before caught_up");
    }
}

fn header(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).expect("header value")
}
