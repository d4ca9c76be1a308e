//! Switchboard's browser app: a Leptos CSR client of the relay with an IndexedDB replica.
//!
//! - [`api`]: HTTP calls and the WebSocket feed, with a typed [`api::Error`].
//! - [`storage`]: the IndexedDB replica, with a typed [`storage::StoreError`].
//! - [`state`]: the session, the replica's fold and the sync loop, shared through context.
//! - [`i18n`]: the member's language; every string on screen goes through it.
//! - [`pages`] and [`components`]: the UI.

pub mod api;
pub mod components;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod service_worker;
pub mod state;
pub mod storage;

mod app;
pub use app::App;
