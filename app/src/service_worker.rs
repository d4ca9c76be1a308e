//! Registers `/sw.js`, which caches the app shell so a reload without the relay still opens
//! the replica. Registered from Rust rather than an inline script, so a strict CSP (as
//! `trunk serve` sets) does not block it.

use wasm_bindgen_futures::{JsFuture, spawn_local};

pub fn register() {
    let navigator = leptos::prelude::window().navigator();
    // Absent over plain http on a non-localhost origin; the app works without it.
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let registration = navigator.service_worker().register("/sw.js");
    spawn_local(async move {
        if let Err(error) = JsFuture::from(registration).await {
            leptos::logging::warn!("service worker not registered: {error:?}");
        }
    });
}
