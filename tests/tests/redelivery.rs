//! Meta redelivers a webhook until it is acknowledged, and sometimes after: a change the
//! relay keeps whole (account, quality, opt-out, template updates) is stored once however
//! often it comes, while the same kind of change sent at another time is a new one.

use serde_json::Value;
use std::path::Path;
use switchboard_tests::{graph::FakeGraph, relay::TestRelay};

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/webhooks")
        .join(name);
    serde_json::from_slice(&std::fs::read(&path).expect("fixture")).expect("JSON")
}

#[tokio::test]
async fn each_kept_change_is_stored_once_per_delivery_time() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    for (name, field) in [
        ("account_update_banned.json", "account_update"),
        (
            "phone_number_quality_update.json",
            "phone_number_quality_update",
        ),
        ("user_preferences_stop.json", "user_preferences"),
        (
            "template_status_update.json",
            "message_template_status_update",
        ),
        ("unknown_field.json", ""),
    ] {
        let body = fixture(name);
        let kept = || async {
            admin
                .events()
                .await
                .into_iter()
                .filter(|e| e["event"]["type"] == "webhook_kept")
                .filter(|e| field.is_empty() || e["event"]["field"] == field)
                .count()
        };
        let before = kept().await;
        for _ in 0..3 {
            let status = relay.post_webhook(&body.to_string()).await.status();
            assert_eq!(status, 200, "{name}");
        }
        assert_eq!(
            kept().await,
            before + 1,
            "{name}: three deliveries, one event"
        );

        let mut later = body.clone();
        let time = later["entry"][0]["time"].as_i64().unwrap_or(0);
        later["entry"][0]["time"] = Value::from(time + 3600);
        relay.post_webhook(&later.to_string()).await;
        relay.post_webhook(&later.to_string()).await;
        assert_eq!(
            kept().await,
            before + 2,
            "{name}: the same change an hour later is new"
        );
    }
}
