//! `switchboard backup` and `switchboard restore` on the real binary: a backup taken while
//! webhooks keep arriving is one consistent moment of the log, and restoring it brings back
//! the events, the members and their passwords; a restore is refused while the relay runs and
//! for a file that is not a backup, and keeps the database it replaces.

use std::time::Duration;
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, APP_SECRET, PHONE_NUMBER_ID,
    graph::FakeGraph,
    process::RelayProcess,
    relay::{Session, member_password},
    webhook,
};

/// The first number the command prints: the events in "Backed up N events…" and "Restored
/// N events…".
fn events_in(output: &std::process::Output) -> u64 {
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    text.split_whitespace()
        .find_map(|word| word.parse().ok())
        .unwrap_or_else(|| panic!("no count in {text:?}"))
}

async fn post_text(url: &str, n: usize) -> bool {
    let body = webhook::text(
        PHONE_NUMBER_ID,
        &format!("55119{n:08}"),
        "Cliente",
        &format!("wamid.backup.{n}"),
        "oi",
        webhook::unix_now(),
    );
    let signed = webhook::sign(APP_SECRET, body.as_bytes());
    reqwest::Client::new()
        .post(url)
        .header("x-hub-signature-256", signed)
        .body(body)
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
}

#[tokio::test]
async fn a_backup_taken_under_load_restores_to_the_same_moment_with_its_members() {
    let graph = FakeGraph::start().await;
    let mut relay = RelayProcess::start(&graph.base_url()).await;
    let admin = Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await;
    admin.add_member("ana", "agent").await;
    let webhooks = relay.url("/webhooks/whatsapp");
    for n in 0..50 {
        assert!(post_text(&webhooks, n).await);
    }

    // Webhooks keep arriving while the backup is taken.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let posting = tokio::spawn({
        let webhooks = webhooks.clone();
        async move {
            let mut n = 50;
            while !*stopped.borrow() {
                post_text(&webhooks, n).await;
                n += 1;
            }
            n
        }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let file = relay.data.path().join("backup.sqlite");
    let file_arg = file.to_str().expect("utf-8 path");
    let backed_up = relay.run(&["backup", file_arg]);
    let in_backup = events_in(&backed_up);
    let _ = stop.send(true);
    let posted = posting.await.expect("posting");
    assert!(posted > 50, "webhooks kept arriving ({posted})");

    // A backup never overwrites a file.
    let again = relay.run(&["backup", file_arg]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // Not while the relay runs, and never from a file that is not a backup.
    let refused = relay.run(&["restore", file_arg]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stop it before restoring"));
    relay.kill();
    let junk = relay.data.path().join("notes.txt");
    std::fs::write(&junk, "not a database").expect("write");
    let refused = relay.run(&["restore", junk.to_str().expect("utf-8 path")]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a Switchboard database"));

    let restored = relay.run(&["restore", file_arg]);
    assert_eq!(events_in(&restored), in_backup);
    let kept = std::fs::read_dir(relay.data.path().join("data"))
        .expect("data dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .count();
    assert!(kept >= 1, "the replaced database is kept");

    relay.restart_after_kill().await;
    let admin = Session::log_in(&relay.url(""), ADMIN, ADMIN_PASSWORD).await;
    let events = admin.all_events().await;
    assert_eq!(
        events.len() as u64,
        in_backup,
        "the log is the backup's moment"
    );
    let seqs: Vec<u64> = events.iter().filter_map(|e| e["seq"].as_u64()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in order, no repeats");
    let texts = events
        .iter()
        .filter(|e| e["event"]["type"] == "message_received")
        .count();
    assert!(
        texts >= 50,
        "the messages before the backup are there ({texts})"
    );
    // Accounts are in the same file: ana signs in with her password.
    let ana = Session::log_in(&relay.url(""), "ana", &member_password("ana")).await;
    assert_eq!(ana.me().await["username"], "ana");
}
