//! `now` as a signal, so window countdowns move without a reload.

use leptos::prelude::*;
use std::time::Duration;
use switchboard_domain::Timestamp;

/// How often countdowns refresh; they show minutes, so this is plenty.
const TICK: Duration = Duration::from_secs(15);

#[derive(Clone, Copy)]
struct Clock(ReadSignal<Timestamp>);

pub fn current_time() -> Timestamp {
    // JS time is integral milliseconds, so the cast loses nothing.
    Timestamp(js_sys::Date::now() as i64)
}

pub fn provide_clock() {
    let (now, set_now) = signal(current_time());
    set_interval(move || set_now.set(current_time()), TICK);
    provide_context(Clock(now));
}

pub fn use_now() -> ReadSignal<Timestamp> {
    expect_context::<Clock>().0
}
