//! The replica: the IndexedDB copy of the log, its fold into a [`State`], and the loop
//! that keeps both in sync with the relay's feed.

use crate::api::{self, Agent, Frame};
use crate::storage::{self, Store, StoreError};
use futures::FutureExt;
use futures::channel::oneshot;
use futures::future::{Either, select};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use switchboard_domain::{
    AgentId, Command, CommandError, CommandId, Event, EventRecord, Role, Seq, State, Viewer, apply,
    presence::{Focus, Presence},
};

/// At most this many events are stored and applied together.
const BATCH: usize = 2_000;
const FIRST_RETRY_MS: u32 = 1_000;
const MAX_RETRY_MS: u32 = 30_000;
/// Opening waits this long for other tabs to release an older schema.
const OPEN_TIMEOUT_MS: u32 = 10_000;
/// A wipe waits for other tabs to close the database; do not let logout hang on them.
const WIPE_TIMEOUT_MS: u32 = 3_000;

/// Who is using the app, as far as the app knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Session {
    /// Waiting for the replica and the relay's first answer.
    Checking,
    SignedIn(Agent),
    /// The relay is unreachable but the replica has events: show them read-only-ish.
    Offline,
    /// Nobody is signed in; `relay_unreachable` when that is all we know.
    SignedOut {
        relay_unreachable: bool,
    },
}

impl Session {
    /// Who the domain's rules judge. Before the relay answers (offline), the replica
    /// already holds only what this member may see, so all of it is shown; the relay
    /// judges again whatever is sent.
    pub fn viewer(&self) -> Viewer {
        match self {
            Self::SignedIn(agent) => agent.viewer(),
            _ => Viewer {
                id: AgentId::new(""),
                role: Role::Admin,
            },
        }
    }
}

/// The state of the link to the relay's feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    Offline,
}

impl Connection {
    /// The stable value of `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Online => "online",
            Self::Offline => "offline",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Connecting => "Connecting…",
            Self::Online => "Online",
            Self::Offline => "Offline",
        }
    }
}

/// Asks a running sync loop to stop; it answers once its database is closed.
type StopSender = oneshot::Sender<oneshot::Sender<()>>;

/// A `Copy` handle to the replica, provided in context.
#[derive(Clone, Copy)]
pub struct Replica {
    state: RwSignal<State>,
    connection: RwSignal<Connection>,
    session: RwSignal<Session>,
    storage_error: RwSignal<Option<StoreError>>,
    running: StoredValue<Option<StopSender>, LocalStorage>,
    /// Who else is online, viewing or typing (from the relay; empty while offline).
    presence: RwSignal<Presence>,
    /// The chat on screen and whether the member is typing, as last told to the relay.
    focus: RwSignal<Focus>,
    /// When typing was last told to the relay (`Date.now()`): the relay lets it lapse.
    typing_told: StoredValue<f64>,
    sender: StoredValue<Option<api::FeedSender>, LocalStorage>,
}

pub fn provide_replica() -> Replica {
    let replica = Replica {
        state: RwSignal::new(State::default()),
        connection: RwSignal::new(Connection::Connecting),
        session: RwSignal::new(Session::Checking),
        storage_error: RwSignal::new(None),
        running: StoredValue::new_local(None),
        presence: RwSignal::new(Presence::default()),
        focus: RwSignal::new(Focus::default()),
        typing_told: StoredValue::new(0.0),
        sender: StoredValue::new_local(None),
    };
    provide_context(replica);
    replica
}

pub fn use_replica() -> Replica {
    expect_context::<Replica>()
}

impl Replica {
    pub fn state(&self) -> ReadSignal<State> {
        self.state.read_only()
    }

    pub fn connection(&self) -> ReadSignal<Connection> {
        self.connection.read_only()
    }

    pub fn session(&self) -> ReadSignal<Session> {
        self.session.read_only()
    }

    /// Decides `command` as the relay will: against the replica, as the signed-in member,
    /// now. What the composer, the template picker and the admin forms check before sending.
    pub fn decide(&self, id: &CommandId, command: &Command) -> Result<Vec<Event>, CommandError> {
        let viewer = self.session.with_untracked(Session::viewer);
        self.state.with_untracked(|state| {
            command.decide(id, &viewer, state, super::clock::current_time())
        })
    }

    pub fn storage_error(&self) -> ReadSignal<Option<StoreError>> {
        self.storage_error.read_only()
    }

    pub fn presence(&self) -> ReadSignal<Presence> {
        self.presence.read_only()
    }

    /// Tells the team which chat this member has open and whether they are typing in it.
    pub fn set_focus(&self, focus: Focus) {
        // Typing is said again before the relay lets it lapse; anything else once.
        let now_ms = js_sys::Date::now();
        let renew = focus.typing
            && now_ms - self.typing_told.get_value()
                >= (switchboard_domain::presence::TYPING_LASTS_MS / 3) as f64;
        if self.focus.get_untracked() == focus && !renew {
            return;
        }
        if focus.typing {
            self.typing_told.set_value(now_ms);
        }
        self.focus.set(focus.clone());
        if let Some(sender) = self.sender.get_value() {
            spawn_local(async move { sender.focus(&focus).await });
        }
    }

    /// The page showing `chat` is gone: nobody views it now, unless another page has taken
    /// the focus already (a route change mounts the new page before the old one is cleaned
    /// up, and the old one must not undo it).
    pub fn leave_focus(&self, chat: Option<&switchboard_domain::ChatId>) {
        if self.focus.with_untracked(|f| f.chat.as_ref() == chat) {
            self.set_focus(Focus::default());
        }
    }

    /// After a successful login.
    pub fn signed_in(&self, agent: Agent) {
        crate::i18n::adopt(agent.language);
        self.session.set(Session::SignedIn(agent));
        self.start();
    }

    /// The relay described the signed-in member again (e.g. two-factor was turned on).
    pub fn signed_in_again(&self, agent: Agent) {
        crate::i18n::adopt(agent.language);
        self.session.set(Session::SignedIn(agent));
    }

    /// (Re)starts the sync loop: loads the replica, then follows the relay's feed.
    pub fn start(self) {
        let (stop, stopped) = oneshot::channel();
        let previous = self
            .running
            .try_update_value(|running| running.replace(stop))
            .flatten();
        spawn_local(async move {
            if let Some(previous) = previous {
                stop_loop(previous).await;
            }
            self.run(stopped).await;
        });
    }

    /// Stops following the relay (the feed's socket closes, the replica stays), until
    /// [`Replica::start`]: for a page leaving the screen for the back/forward cache.
    pub fn pause(self) {
        if let Some(running) = self.running.try_update_value(Option::take).flatten() {
            spawn_local(stop_loop(running));
        }
    }

    /// Ends the session, then deletes the replica so the next person sees nothing of it.
    pub async fn logout(self) {
        if let Err(error) = api::delete_session().await {
            leptos::logging::warn!("logout: {error}");
        }
        if let Some(running) = self.running.try_update_value(Option::take).flatten() {
            stop_loop(running).await;
        }
        self.forget().await;
    }

    /// Deletes the replica and shows the sign-in page: the session is over.
    async fn forget(self) {
        super::outbox::wipe();
        let wipe = Box::pin(storage::wipe());
        match select(wipe, Box::pin(TimeoutFuture::new(WIPE_TIMEOUT_MS))).await {
            Either::Left((Ok(()), _)) => {}
            Either::Left((Err(error), _)) => self.storage_error.set(Some(error)),
            Either::Right(_) => {
                leptos::logging::warn!("logout: another tab keeps the replica open")
            }
        }
        self.state.set(State::default());
        self.connection.set(Connection::Offline);
        self.session.set(Session::SignedOut {
            relay_unreachable: false,
        });
    }

    async fn run(self, stopped: oneshot::Receiver<oneshot::Sender<()>>) {
        let store = self.load().await;
        mark_replica_loaded();
        let work = Box::pin(self.follow(store.clone()));
        let (ack, session_over) = match select(work, stopped).await {
            Either::Left(((), _)) => (None, true),
            Either::Right((ack, work)) => {
                // Drop the loop (its socket and any open transaction) before closing. The
                // socket closes once its sending half goes too: the one kept for telling
                // the relay the focus would otherwise hold it open, and the member present.
                drop(work);
                self.sender.set_value(None);
                self.presence.set(Presence::default());
                (ack.ok(), false)
            }
        };
        if let Some(store) = store {
            store.close();
        }
        if session_over {
            // Expired, ended everywhere or deactivated: nothing of it stays on this device.
            self.running.set_value(None);
            self.forget().await;
        }
        if let Some(ack) = ack {
            // The stopper may have gone away; nothing left to tell it then.
            let _ = ack.send(());
        }
    }

    /// Opens the replica and folds it into a fresh state.
    async fn load(self) -> Option<Store> {
        // An open that must upgrade the schema waits for every other tab to let go of the
        // old one; a tab of an older build never does, so say so instead of hanging.
        let opened = match select(
            Box::pin(Store::open()),
            Box::pin(TimeoutFuture::new(OPEN_TIMEOUT_MS)),
        )
        .await
        {
            Either::Left((opened, _)) => opened,
            Either::Right(_) => Err(StoreError::Blocked),
        };
        let store = match opened {
            Ok(store) => store,
            Err(error) => {
                self.storage_error.set(Some(error));
                self.state.set(State::default());
                return None;
            }
        };
        // Just logged in: never show a replica synced for someone else, even for a moment.
        let mut store = Some(store);
        if let Session::SignedIn(agent) = self.session.get_untracked() {
            self.claim(&mut store, agent.username.as_str()).await;
        }
        let store = store?;
        let mut state = State::default();
        match store.load().await {
            Ok(records) => {
                for record in &records {
                    apply(&mut state, record);
                }
            }
            Err(error) => self.storage_error.set(Some(error)),
        }
        self.state.set(state);
        Some(store)
    }

    /// Follows the feed until the relay says the session is gone.
    async fn follow(self, mut store: Option<Store>) {
        let mut reconnect_now = false;
        let mut retry_ms = FIRST_RETRY_MS;
        loop {
            self.connection.set(Connection::Connecting);
            match api::get_session().await {
                Ok(agent) => {
                    // A replica synced for someone else (they logged out in another tab,
                    // this member logged in there) is emptied before anything is shown.
                    self.claim(&mut store, agent.username.as_str()).await;
                    if self.session.get_untracked() != Session::SignedIn(agent.clone()) {
                        crate::i18n::adopt(agent.language);
                        self.session.set(Session::SignedIn(agent));
                    }
                }
                Err(error) if error.is_unauthorized() => return,
                Err(error) => {
                    leptos::logging::warn!("session check: {error}");
                    self.relay_unreachable();
                    retry_ms = self.wait(retry_ms).await;
                    continue;
                }
            }
            match api::open_feed(self.cursor()) {
                Ok(mut feed) => {
                    let mut batch = Vec::new();
                    let mut caught_up = false;
                    loop {
                        // Events are stored and applied together: one transaction and one
                        // redraw per batch, not per event. The backlog goes in full batches;
                        // once caught up, whatever has arrived goes as soon as nothing more
                        // is waiting, so a live message shows at once.
                        let frame = match feed.next().now_or_never() {
                            Some(frame) => frame,
                            None if !caught_up => feed.next().await,
                            None => {
                                self.receive(&mut store, std::mem::take(&mut batch)).await;
                                feed.next().await
                            }
                        };
                        let Some(frame) = frame else { break };
                        if let Frame::Event { record } = frame {
                            batch.push(record.into_owned());
                            if batch.len() >= BATCH {
                                self.receive(&mut store, std::mem::take(&mut batch)).await;
                            }
                            continue;
                        }
                        self.receive(&mut store, std::mem::take(&mut batch)).await;
                        match frame {
                            Frame::Event { .. } => {}
                            Frame::CaughtUp { .. } => {
                                caught_up = true;
                                self.connection.set(Connection::Online);
                                retry_ms = FIRST_RETRY_MS;
                                let sender = feed.sender();
                                let focus = self.focus.get_untracked();
                                spawn_local({
                                    let sender = sender.clone();
                                    async move { sender.focus(&focus).await }
                                });
                                self.sender.set_value(Some(sender));
                            }
                            Frame::Presence { presence } => {
                                self.presence.set(presence.into_owned())
                            }
                            Frame::Reset => {
                                self.rebuild(&mut store).await;
                                reconnect_now = true;
                                break;
                            }
                            Frame::Ended => return,
                        }
                    }
                    self.receive(&mut store, batch).await;
                }
                Err(error) => leptos::logging::warn!("feed: {error}"),
            }
            // Nobody hears this app until the next feed is open.
            self.sender.set_value(None);
            self.presence.set(Presence::default());
            if std::mem::take(&mut reconnect_now) {
                continue;
            }
            retry_ms = self.wait(retry_ms).await;
        }
    }

    /// Stores records, then applies them. A failed write stops further writes, so the
    /// replica stays a prefix of the log and resumes from its own cursor next time.
    async fn receive(self, store: &mut Option<Store>, mut records: Vec<EventRecord>) {
        let cursor = self.cursor();
        records.retain(|r| r.seq > cursor);
        if records.is_empty() {
            return;
        }
        if let Some(open) = store.as_ref()
            && let Err(error) = open.append(&records).await
        {
            self.storage_error.set(Some(error));
            *store = None;
        }
        self.state.update(|state| {
            for record in &records {
                apply(state, record);
            }
        });
    }

    /// Makes the replica `username`'s: kept if it already is, emptied if it was another's
    /// (or an older replica that did not record whose it was).
    async fn claim(self, store: &mut Option<Store>, username: &str) {
        if let Session::SignedIn(before) = self.session.get_untracked()
            && before.username.as_str() != username
        {
            self.state.set(State::default());
        }
        let Some(open) = store.as_ref() else { return };
        let owner = match open.owner().await {
            Ok(owner) => owner,
            Err(error) => {
                self.storage_error.set(Some(error));
                *store = None;
                return;
            }
        };
        if owner.as_deref() == Some(username) {
            return;
        }
        if let Err(error) = open.reset_for(username).await {
            self.storage_error.set(Some(error));
            *store = None;
        }
        self.state.set(State::default());
    }

    /// What this member may see changed: empty the replica, to fill it again from seq 0.
    async fn rebuild(self, store: &mut Option<Store>) {
        if let Some(open) = store.as_ref()
            && let Err(error) = open.clear().await
        {
            self.storage_error.set(Some(error));
            *store = None;
        }
        self.state.set(State::default());
    }

    fn cursor(&self) -> Seq {
        self.state.with_untracked(|state| state.cursor)
    }

    /// The relay did not answer: keep what we show, or say why we show nothing.
    fn relay_unreachable(&self) {
        self.connection.set(Connection::Offline);
        let has_replica = self.cursor() > Seq(0);
        let now_unknown = matches!(
            self.session.get_untracked(),
            Session::Checking | Session::SignedOut { .. }
        );
        if now_unknown {
            self.session.set(if has_replica {
                Session::Offline
            } else {
                Session::SignedOut {
                    relay_unreachable: true,
                }
            });
        }
    }

    /// Shows offline, sleeps, and returns the next (doubled, capped) delay.
    async fn wait(&self, retry_ms: u32) -> u32 {
        self.connection.set(Connection::Offline);
        TimeoutFuture::new(retry_ms).await;
        (retry_ms * 2).min(MAX_RETRY_MS)
    }
}

async fn stop_loop(running: StopSender) {
    let (ack, acked) = oneshot::channel();
    if running.send(ack).is_ok() {
        // An error means the loop ended on its own; either way it is gone.
        let _ = acked.await;
    }
}

/// Lets a test (or a person in devtools) see that the replica has been read.
fn mark_replica_loaded() {
    if let Some(body) = document().body()
        && let Err(error) = body.set_attribute("data-sync", "ready")
    {
        leptos::logging::warn!("data-sync: {error:?}");
    }
}
