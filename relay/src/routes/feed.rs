//! The live event feed over WebSocket: the backlog after `since`, a `caught_up` marker, then
//! every event as it is appended, each exactly once and in order — but only the events this
//! member may see ([`switchboard_domain::State::audience`]).
//!
//! When what they may see changes (a chat handed to another team, a new role), the feed
//! says `reset` and closes: the app wipes its replica and syncs again from the start. When
//! their session ends (logout everywhere, deactivation, expiry), it says `ended`.

use crate::{
    AppState,
    auth::{self, Agent, session_token},
    error::{ApiError, ApiQuery},
    store::StoreError,
};
use axum::{
    extract::{
        State,
        ws::{Message, WebSocket, WebSocketUpgrade},
    },
    http::request::Parts,
    response::Response,
};
use serde::Deserialize;
use std::{borrow::Cow, time::Duration};
use switchboard_domain::{
    Event, EventRecord, Seq, Viewer,
    presence::{Focus, Presence},
    wire::{FeedFrame, FeedMessage},
};
use tokio::sync::broadcast::error::RecvError;

const PAGE: u32 = 1000;
/// How often an open feed checks that its session has not expired.
const SESSION_CHECK: Duration = Duration::from_secs(60);
/// How often the relay pings the app; a feed silent for two of these is gone (a laptop
/// asleep, a dropped network), so its member stops counting as online.
const PING_EVERY: Duration = Duration::from_secs(25);
/// The largest frame the app sends (a focus is well under 1 KiB).
const MAX_INCOMING: usize = 4 * 1024;

#[derive(Deserialize)]
pub struct Since {
    #[serde(default)]
    since: u64,
}

pub async fn connect(
    State(app): State<AppState>,
    agent: Agent,
    parts: Parts,
    ApiQuery(since): ApiQuery<Since>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let since = crate::error::since(since.since)?;
    // Browsers send cookies with cross-site WebSocket handshakes; the Origin check stops
    // another site from reading the feed with the agent's session.
    let headers = &parts.headers;
    if headers.get(axum::http::header::ORIGIN).is_none() || !super::origin_allowed(headers) {
        return Err(ApiError::ForbiddenOrigin);
    }
    let token = session_token(&parts).unwrap_or_default();
    let upgrade = upgrade
        .max_message_size(MAX_INCOMING)
        .max_frame_size(MAX_INCOMING);
    Ok(upgrade.on_upgrade(move |socket| async move {
        let feed = Feed {
            app,
            viewer: agent.viewer(),
            token,
        };
        if let Err(error) = feed.stream(socket, since).await {
            tracing::debug!(%error, "feed closed");
        }
    }))
}

#[derive(Debug, thiserror::Error)]
enum FeedError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("socket: {0}")]
    Socket(#[from] axum::Error),
    #[error("encode: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("the app stopped reading the feed")]
    TooSlow,
}

/// Why the feed stops before the relay does.
enum Stop {
    Reset,
    Ended,
}

struct Feed {
    app: AppState,
    viewer: Viewer,
    token: String,
}

impl Feed {
    async fn stream(&self, mut socket: WebSocket, since: Seq) -> Result<(), FeedError> {
        // Subscribe before reading the backlog, so nothing appended in between is missed;
        // `last` then skips what the backlog already sent.
        let mut live = self.app.log.subscribe();
        let mut ended = self.app.accounts.subscribe_ended();
        // A replica built when this member could see other chats must be rebuilt.
        let stale = since > Seq(0)
            && self
                .app
                .log
                .read(|s| s.scope_changed_since(&self.viewer, since));
        let stop = if stale {
            Some(Stop::Reset)
        } else {
            match self.send_backlog(&mut socket, since, &mut ended).await? {
                (_, Some(stop)) => Some(stop),
                (last, None) => {
                    self.send(&mut socket, &FeedFrame::CaughtUp { seq: last })
                        .await?;
                    self.follow(&mut socket, &mut live, &mut ended, last)
                        .await?
                }
            }
        };
        match stop {
            Some(Stop::Reset) => self.send(&mut socket, &FeedFrame::Reset).await?,
            Some(Stop::Ended) => self.send(&mut socket, &FeedFrame::Ended).await?,
            None => {}
        }
        let _ = socket.send(Message::Close(None)).await;
        Ok(())
    }

    async fn follow(
        &self,
        socket: &mut WebSocket,
        live: &mut tokio::sync::broadcast::Receiver<std::sync::Arc<EventRecord>>,
        ended: &mut tokio::sync::broadcast::Receiver<switchboard_domain::AgentId>,
        mut last: Seq,
    ) -> Result<Option<Stop>, FeedError> {
        let mut shutdown = self.app.shutdown.clone();
        // Online from here until the feed closes (the guard leaves the hub when dropped).
        let connection = self.app.presence.join(self.viewer.id.clone());
        let mut presence = self.app.presence.subscribe();
        presence.mark_changed();
        let mut shown = None::<Presence>;
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let mut heard = tokio::time::Instant::now();
        let mut check = tokio::time::interval(SESSION_CHECK);
        check.tick().await;
        loop {
            tokio::select! {
                received = live.recv() => match received {
                    Ok(record) if record.seq > last => {
                        if let Some(stop) = self.stop_for(&record, last) {
                            return Ok(Some(stop));
                        }
                        self.send_if_allowed(socket, &record).await?;
                        last = record.seq;
                    }
                    Ok(_) => {}
                    // Too slow to keep up with the broadcast: read what was missed from the
                    // log (a missed change of scope shows when the backlog is checked).
                    Err(RecvError::Lagged(_)) => {
                        if self.app.log.read(|s| s.scope_changed_since(&self.viewer, last)) {
                            return Ok(Some(Stop::Reset));
                        }
                        match self.send_backlog(socket, last, ended).await? {
                            (_, Some(stop)) => return Ok(Some(stop)),
                            (caught_up, None) => last = caught_up,
                        }
                    }
                    Err(RecvError::Closed) => return Ok(None),
                },
                who = ended.recv() => match who {
                    Ok(who) if who != self.viewer.id => {}
                    // Our member (or, lagged, maybe): is this session still live?
                    Ok(_) | Err(RecvError::Lagged(_)) => {
                        if !self.session_alive().await {
                            return Ok(Some(Stop::Ended));
                        }
                    }
                    Err(RecvError::Closed) => return Ok(None),
                },
                _ = check.tick() => {
                    if !self.session_alive().await {
                        return Ok(Some(Stop::Ended));
                    }
                }
                _ = ping.tick() => {
                    if heard.elapsed() > 2 * PING_EVERY {
                        return Ok(None);
                    }
                    socket.send(Message::Ping(Default::default())).await?;
                }
                incoming = socket.recv() => {
                    heard = tokio::time::Instant::now();
                    match incoming {
                        Some(Ok(Message::Close(_)) | Err(_)) | None => return Ok(None),
                        Some(Ok(Message::Text(text))) => match serde_json::from_str(&text) {
                            // Only a chat that exists and this member may see.
                            Ok(FeedMessage::Focus(focus)) => {
                                let allowed = focus.chat.as_ref().is_none_or(|chat| {
                                    self.app.log.read(|s| {
                                        s.chat(chat).is_some() && s.can_see_chat(&self.viewer, chat)
                                    })
                                });
                                connection.focus(if allowed { focus.into_owned() } else { Focus::default() });
                            }
                            Err(error) => tracing::debug!(%error, "unreadable frame from the app"),
                        },
                        // Pongs (and anything else) only show the app is there.
                        Some(Ok(_)) => {}
                    }
                },
                Ok(()) = presence.changed() => {
                    let seen = {
                        let now = presence.borrow_and_update();
                        self.app.log.read(|s| now.seen_by(&self.viewer, s))
                    };
                    if shown.as_ref() != Some(&seen) {
                        self.send(socket, &FeedFrame::Presence { presence: Cow::Borrowed(&seen) }).await?;
                        shown = Some(seen);
                    }
                },
                _ = shutdown.changed() => return Ok(None),
            }
        }
    }

    /// Whether `record` changes what this member may see (or ends their access).
    fn stop_for(&self, record: &EventRecord, last: Seq) -> Option<Stop> {
        match &record.event {
            Event::AgentSaved { agent, active, .. } if *agent == self.viewer.id && !active => {
                Some(Stop::Ended)
            }
            Event::AgentSaved { .. }
            | Event::ChatAssigned { .. }
            | Event::TeamSaved { .. }
            | Event::TeamDeleted { .. }
            | Event::LineTeamSet { .. }
            | Event::AccessSettingsChanged { .. } => self
                .app
                .log
                .read(|s| s.scope_changed_since(&self.viewer, last))
                .then_some(Stop::Reset),
            _ => None,
        }
    }

    async fn session_alive(&self) -> bool {
        auth::session(&self.app, self.token.clone())
            .await
            .is_ok_and(|agent| agent.is_some())
    }

    async fn send_if_allowed(
        &self,
        socket: &mut WebSocket,
        record: &EventRecord,
    ) -> Result<(), FeedError> {
        let allowed = self.app.log.read(|s| {
            let audience = s.audience(&record.event);
            s.may_receive(&self.viewer, &audience)
        });
        if allowed {
            self.send(
                socket,
                &FeedFrame::Event {
                    record: Cow::Borrowed(record),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Sends the events after `last`, page by page; between pages it checks that the
    /// session still stands, so a logout or a deactivation ends even a long backlog at once.
    async fn send_backlog(
        &self,
        socket: &mut WebSocket,
        mut last: Seq,
        ended: &mut tokio::sync::broadcast::Receiver<switchboard_domain::AgentId>,
    ) -> Result<(Seq, Option<Stop>), FeedError> {
        loop {
            let mut ours = false;
            loop {
                match ended.try_recv() {
                    Ok(who) => ours |= who == self.viewer.id,
                    Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) => ours = true,
                    Err(_) => break,
                }
            }
            if ours && !self.session_alive().await {
                return Ok((last, Some(Stop::Ended)));
            }
            let page = self.app.log.since(last, PAGE).await?;
            for record in &page {
                self.send_if_allowed(socket, record).await?;
                last = record.seq;
            }
            if page.len() < PAGE as usize {
                return Ok((last, None));
            }
        }
    }

    /// Sends one frame; an app that has not taken it within `feed_send_seconds` has stopped
    /// reading, and its feed is closed (it resumes from its cursor when it reconnects).
    async fn send(&self, socket: &mut WebSocket, frame: &FeedFrame<'_>) -> Result<(), FeedError> {
        let text = serde_json::to_string(frame)?;
        let patience = Duration::from_secs(self.app.config.limits.feed_send_seconds);
        tokio::time::timeout(patience, socket.send(Message::Text(text.into())))
            .await
            .map_err(|_| FeedError::TooSlow)??;
        Ok(())
    }
}
