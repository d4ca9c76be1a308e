//! Meta redelivers a webhook until it is acknowledged, and sometimes after: each change that
//! is not a message (account, quality, opt-out, template review, an unknown field) is stored
//! once however often it comes, while the same kind of change sent at another time is new.

use serde_json::Value;
use switchboard_tests::{
    graph::FakeGraph, relay::TestRelay, webhook::fixture_as_written as fixture,
};

#[tokio::test]
async fn each_kept_change_is_stored_once_per_delivery_time() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    for (name, kind) in [
        ("account_update_banned.json", "line_reported"),
        ("phone_number_quality_update.json", "line_reported"),
        ("user_preferences_stop.json", "marketing_preference_changed"),
        ("template_status_update.json", "template_reviewed"),
        ("template_quality_update.json", "template_reviewed"),
        ("unknown_field.json", "webhook_kept"),
    ] {
        let body = fixture(name);
        let kept = || async {
            admin
                .events()
                .await
                .into_iter()
                .filter(|e| e["event"]["type"] == kind)
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

        // The same change an hour later (an opt-out carries its own time).
        let mut later = body.clone();
        let time = later["entry"][0]["time"].as_i64().unwrap_or(0);
        later["entry"][0]["time"] = Value::from(time + 3600);
        if let Some(preference) =
            later.pointer_mut("/entry/0/changes/0/value/user_preferences/0/timestamp")
        {
            *preference = Value::from(preference.as_i64().unwrap_or(0) + 3600);
        }
        relay.post_webhook(&later.to_string()).await;
        relay.post_webhook(&later.to_string()).await;
        assert_eq!(
            kept().await,
            before + 2,
            "{name}: the same change an hour later is new"
        );
    }
}
