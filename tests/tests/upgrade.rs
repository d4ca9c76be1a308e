//! A database written by the previous release (`tests/fixtures/databases/`, made by
//! `make_previous_release.py` with that release's binary) opens in this one: its schema is
//! brought up to date and everything a team had is there and works.

use std::path::Path;
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, graph::FakeGraph, process::RelayProcess, relay::Session,
};

#[tokio::test]
async fn the_previous_releases_database_is_upgraded_with_everything_in_it() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/databases/previous_release.sqlite");
    let graph = FakeGraph::start().await;
    let relay = RelayProcess::start_from(&graph.base_url(), &fixture).await;

    // The accounts are the old ones: both passwords still work.
    let admin = Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await;
    let ana = Session::log_in(&relay.url(""), "ana", "ana-long-password").await;
    assert_eq!(ana.me().await["role"], "agent");

    let events = admin.all_events().await;
    let of = |kind: &str| {
        events
            .iter()
            .filter(|e| e["event"]["type"] == kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(of("team_saved").len(), 1);
    assert_eq!(of("team_saved")[0]["event"]["members"][0], "ana");
    assert_eq!(of("line_team_set")[0]["event"]["team"], "sales");
    assert_eq!(
        of("quick_reply_saved")[0]["event"]["reply"]["shortcut"],
        "hola"
    );
    assert_eq!(
        of("message_received").len(),
        4,
        "three by webhook, one in the Sandbox"
    );
    assert_eq!(of("note_added").len(), 1);
    assert_eq!(of("chat_tagged")[0]["event"]["tag"], "vip");
    assert_eq!(
        of("outbound_accepted").len(),
        1,
        "the Sandbox reply was accepted"
    );

    // The agent of the team sees the line's chat; new work goes on from the old log.
    let chat = "ventas:5511988887777";
    let mine = ana.all_events().await;
    assert!(mine.iter().any(|e| e["event"]["chat"] == chat));
    let (status, body) = admin
        .command(
            "after-upgrade",
            serde_json::json!({ "type": "add_note", "chat": chat, "body": "Depois da atualização" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let last_old = events
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .max()
        .unwrap_or(0);
    assert!(body["seq"].as_u64().unwrap_or(0) > last_old);
    // A command id from before the upgrade is still known as done.
    let (status, again) = admin
        .command(
            "note-1",
            serde_json::json!({ "type": "add_note", "chat": chat, "body": "Cliente antiga" }),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        again["seq"].as_u64().unwrap_or(u64::MAX) <= last_old,
        "{again}"
    );
}
