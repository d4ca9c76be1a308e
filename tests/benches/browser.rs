//! `cargo xtask bench`, browser part: the real built app in headless Chromium against a
//! real relay holding a generated workspace of 110 000 messages — one customer with 100 000
//! of them, 10 000 others with one each. Prints figures; nothing here passes or fails.
//!
//! - sync: from submitting the login form on an empty browser to the replica holding the
//!   whole log (the app shows "online" once it has applied everything up to `caught_up`);
//! - scrolling the 10 001-chat list: a jump until the rows of the new position are drawn;
//! - opening the 100 000-message chat until its newest message is on screen;
//! - search latency over all of it, from the keystroke to drawn results;
//! - webhook → rendered: a customer message posted to the relay until it is drawn in the
//!   open chat (p50, p99), measured with the machine's one clock;
//! - reopening: a reload until the replica is read back and the chats are drawn.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time"
)]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, LINE, PHONE_NUMBER_ID, browser::Browser, graph::FakeGraph,
    relay::TestRelay, webhook,
};

const BIG: &str = "5215500000000";
const BIG_CHAT_MESSAGES: usize = 100_000;
const OTHER_CHATS: usize = 10_000;
const PER_POST: usize = 500;

fn unix_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted
        .get(((sorted.len().max(1) - 1) as f64 * p).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// Posts the workspace: the other customers first, then the big chat (so it is the newest).
async fn populate(relay: &TestRelay) {
    let now = webhook::unix_now() - 3600;
    let mut bodies = Vec::new();
    for first in (0..OTHER_CHATS).step_by(PER_POST) {
        bodies.push(webhook::texts(
            PHONE_NUMBER_ID,
            "other",
            first..first + PER_POST,
            now,
            |i| format!("52155{i:08}"),
        ));
    }
    for first in (0..BIG_CHAT_MESSAGES).step_by(PER_POST) {
        bodies.push(webhook::texts(
            PHONE_NUMBER_ID,
            "big",
            first..first + PER_POST,
            now,
            |_| BIG.to_owned(),
        ));
    }
    for body in bodies {
        let status = relay.post_webhook(&body).await.status();
        assert_eq!(status, 200, "the relay refused the generated workspace");
    }
}

/// Runs an async script whose last argument is the callback, returning its number.
async fn measure(browser: &Browser, script: &str) -> f64 {
    browser
        .client
        .execute_async(script, vec![])
        .await
        .expect("script")
        .as_f64()
        .unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!(
        "Switchboard browser benchmark (release app, headless Chromium, {} cores)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let started = Instant::now();
    populate(&relay).await;
    let events = relay.login().await.all_events().await.len();
    println!(
        "generated {events} events ({BIG_CHAT_MESSAGES} messages in one chat, {OTHER_CHATS} other chats) in {:.1} s\n",
        started.elapsed().as_secs_f64()
    );

    // The relay's share of a sync: the same backlog read by a Rust client.
    let session = relay.login().await;
    let feed_started = Instant::now();
    let mut feed = switchboard_tests::feed::Feed::connect(relay.addr, &session.cookie, 0).await;
    let streamed = feed.backlog().await.len();
    let relay_only = feed_started.elapsed().as_secs_f64();
    drop(feed);

    let browser = Browser::start().await;
    let patient = Duration::from_secs(300);
    browser.client.goto(&relay.url("/")).await.expect("open");
    browser
        .wait_for("input[name=username]", patient)
        .await
        .send_keys(ADMIN)
        .await
        .expect("type");
    browser
        .wait_for("input[name=password]", patient)
        .await
        .send_keys(ADMIN_PASSWORD)
        .await
        .expect("type");
    let submit = browser.wait_for("button[type=submit]", patient).await;
    let sync_started = Instant::now();
    submit.click().await.expect("submit");
    browser
        .wait_for("[data-testid=connection][data-state=online]", patient)
        .await;
    let sync = sync_started.elapsed().as_secs_f64();

    // Jumps through the chat list: from setting the scroll position to its rows drawn.
    let mut jumps = Vec::new();
    for fraction in [0.5, 0.1, 0.9, 0.3, 0.7, 0.0, 1.0, 0.6, 0.2, 0.8] {
        let ms = measure(
            &browser,
            &format!(
                "const done = arguments[arguments.length - 1];
                 const list = document.querySelector('[data-testid=chat-list]');
                 const first = () => document.querySelector('[data-testid=chat-item]')?.dataset.chatId;
                 const before = first();
                 const t0 = performance.now();
                 list.scrollTop = (list.scrollHeight - list.clientHeight) * {fraction};
                 const poll = () => first() !== before || performance.now() - t0 > 2000
                     ? done(performance.now() - t0) : requestAnimationFrame(poll);
                 requestAnimationFrame(poll);"
            ),
        )
        .await;
        jumps.push(ms);
    }
    jumps.sort_by(f64::total_cmp);
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=chat-list]').scrollTop = 0; return true;",
            vec![],
        )
        .await
        .expect("scroll back");

    // Open the big chat: from the click to its newest message drawn.
    let last = format!("wamid.bench.big.{}", BIG_CHAT_MESSAGES - 1);
    browser
        .wait_for(&format!("[data-chat-id='{LINE}:{BIG}']"), patient)
        .await;
    let open_ms = measure(
        &browser,
        &format!(
            "const done = arguments[arguments.length - 1];
             const t0 = performance.now();
             document.querySelector(\"[data-chat-id='{LINE}:{BIG}']\").click();
             const poll = () => document.querySelector(\"[data-wamid='{last}']\")
                 ? done(performance.now() - t0) : requestAnimationFrame(poll);
             requestAnimationFrame(poll);"
        ),
    )
    .await;

    // Search: each query typed at once, from the input event to its results drawn.
    let mut searches = Vec::new();
    for query in [
        "mensagem 4242",
        "MENSAGEM 89999",
        "cliente 52155000",
        "não existe",
        "7777",
    ] {
        let ms = measure(
            &browser,
            &format!(
                "const done = arguments[arguments.length - 1];
                 const box = document.querySelector('[data-testid=search]');
                 box.value = ''; box.dispatchEvent(new Event('input', {{ bubbles: true }}));
                 requestAnimationFrame(() => {{
                   const t0 = performance.now();
                   box.value = {query:?};
                   box.dispatchEvent(new Event('input', {{ bubbles: true }}));
                   const poll = () => document.querySelector('[data-testid=search-results]')
                       ? done(performance.now() - t0) : requestAnimationFrame(poll);
                   requestAnimationFrame(poll);
                 }});"
            ),
        )
        .await;
        searches.push(ms);
    }
    browser
        .client
        .execute(
            "const box = document.querySelector('[data-testid=search]');
             box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); return true;",
            vec![],
        )
        .await
        .expect("clear the search");

    // Webhook → rendered in the open chat.
    browser
        .client
        .execute(
            "window.__seen = {};
             new MutationObserver(() => {
               for (const el of document.querySelectorAll('[data-wamid^=\"wamid.bench.live.\"]'))
                 if (!(el.dataset.wamid in window.__seen)) window.__seen[el.dataset.wamid] = Date.now();
             }).observe(document.body, { childList: true, subtree: true });
             return true;",
            vec![],
        )
        .await
        .expect("observer");
    let mut live = Vec::new();
    let now = webhook::unix_now();
    for i in 0..100 {
        let body = webhook::texts(PHONE_NUMBER_ID, "live", i..i + 1, now, |_| BIG.to_owned());
        let posted = unix_ms();
        assert_eq!(relay.post_webhook(&body).await.status(), 200);
        let wamid = format!("wamid.bench.live.{i}");
        let seen = loop {
            let seen = browser
                .client
                .execute(&format!("return window.__seen[{wamid:?}] || null;"), vec![])
                .await
                .expect("seen");
            if let Some(at) = seen.as_f64() {
                break at;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        live.push(seen - posted);
    }
    live.sort_by(f64::total_cmp);

    // Reopening: the replica is read back from IndexedDB and folded before anything waits
    // for the network.
    let reload_started = Instant::now();
    browser.client.refresh().await.expect("reload");
    browser
        .wait_until(
            "the replica to be read back",
            "return document.body.dataset.sync === 'ready' && !!document.querySelector('[data-testid=chat-item]');",
            patient,
        )
        .await;
    let reopen = reload_started.elapsed().as_secs_f64();
    let mut sorted_searches = searches.clone();
    sorted_searches.sort_by(f64::total_cmp);

    println!("| measure | value | aim |");
    println!("|---|---|---|");
    println!(
        "| sync {events} events into an empty replica (login → online) | {sync:.2} s | < 10 s |"
    );
    println!(
        "| reopen: reload → the replica read back from IndexedDB and the chats drawn | {reopen:.2} s | |"
    );
    println!(
        "| the relay alone: the same backlog streamed to a Rust WebSocket client ({streamed} events) | {relay_only:.2} s | |"
    );
    println!(
        "| jump through the list of {} chats, 10 jumps (scroll → rows drawn) | median {:.0} ms, max {:.0} ms | smooth: drawn by the next frame (≈ 17 ms at 60 Hz) |",
        OTHER_CHATS + 1,
        percentile(&jumps, 0.5),
        percentile(&jumps, 1.0)
    );
    println!(
        "| open the {BIG_CHAT_MESSAGES}-message chat (click → newest message drawn) | {open_ms:.0} ms | < 200 ms |"
    );
    println!(
        "| search over {} messages, 5 queries (keystroke → results drawn) | median {:.0} ms, max {:.0} ms | < 100 ms |",
        BIG_CHAT_MESSAGES + OTHER_CHATS,
        percentile(&sorted_searches, 0.5),
        percentile(&sorted_searches, 1.0)
    );
    println!(
        "| webhook → rendered in the open chat, 100 messages | p50 {:.0} ms, p99 {:.0} ms | p99 < 100 ms |",
        percentile(&live, 0.5),
        percentile(&live, 0.99)
    );
    browser.close().await;
}
