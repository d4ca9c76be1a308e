//! `cargo xtask bench`, first load: a browser that has never seen the relay opens the
//! sign-in page over a simulated 4G link (9 Mbit/s down, 60 ms round trip, no CPU
//! throttling), a fresh profile each time. Prints what it transferred and how long until the
//! splash and until the sign-in form; nothing here passes or fails.

use switchboard_tests::{browser::Browser, graph::FakeGraph, relay::TestRelay};

const RUNS: usize = 5;
const DOWN_BYTES_PER_S: f64 = 9_000_000.0 / 8.0;
const UP_BYTES_PER_S: f64 = 1_500_000.0 / 8.0;
const ROUND_TRIP_MS: f64 = 60.0;

struct Visit {
    transferred: f64,
    splash_ms: f64,
    sign_in_ms: f64,
}

async fn visit(url: &str) -> Visit {
    let browser = Browser::start().await;
    browser.cdp("Network.enable", serde_json::json!({})).await;
    browser
        .cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({
                "offline": false,
                "latency": ROUND_TRIP_MS,
                "downloadThroughput": DOWN_BYTES_PER_S,
                "uploadThroughput": UP_BYTES_PER_S,
            }),
        )
        .await;
    browser.client.goto(url).await.expect("open the relay");
    // Times are the page's own, from the start of navigation; the form is seen on the first
    // animation frame that has it.
    let figures = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            const check = () => {
              if (!document.querySelector("form.login-card")) return requestAnimationFrame(check);
              const formAt = performance.now();
              const paint = performance.getEntriesByName("first-contentful-paint")[0];
              const entries = [...performance.getEntriesByType("navigation"),
                               ...performance.getEntriesByType("resource")];
              const transferred = entries.reduce((sum, e) => sum + e.transferSize, 0);
              done([transferred, paint ? paint.startTime : NaN, formAt]);
            };
            check();"#,
            vec![],
        )
        .await
        .expect("the sign-in form appears");
    let number = |i: usize| figures[i].as_f64().unwrap_or(f64::NAN);
    browser.close().await;
    Visit {
        transferred: number(0),
        splash_ms: number(1),
        sign_in_ms: number(2),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let url = relay.url("/login");
    let mut visits = Vec::new();
    for _ in 0..RUNS {
        visits.push(visit(&url).await);
    }
    let pick = |f: fn(&Visit) -> f64| visits.iter().map(f).collect::<Vec<_>>();
    let worst = |values: Vec<f64>| values.into_iter().fold(f64::NAN, f64::max);
    println!("\nFirst visit over simulated 4G (9 Mbit/s down, 60 ms round trip), {RUNS} runs");
    println!("| figure | median | worst | aim |");
    println!("|---|---|---|---|");
    println!(
        "| transferred (HTML, script, wasm, style, icons) | {:.0} KB | {:.0} KB | ≤ 600 KB |",
        median(pick(|v| v.transferred)) / 1024.0,
        worst(pick(|v| v.transferred)) / 1024.0
    );
    println!(
        "| first paint (the splash) | {:.0} ms | {:.0} ms | |",
        median(pick(|v| v.splash_ms)),
        worst(pick(|v| v.splash_ms))
    );
    println!(
        "| sign-in form on screen | {:.0} ms | {:.0} ms | < 1500 ms |",
        median(pick(|v| v.sign_in_ms)),
        worst(pick(|v| v.sign_in_ms))
    );
}
