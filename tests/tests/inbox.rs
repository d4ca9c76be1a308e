//! Working as a team through the relay: private notes never reach WhatsApp, quick replies,
//! round-robin among who is online, presence. (Resolving and reopening are folds of the
//! log, tested in `domain::inbox`.)

use futures::StreamExt;
use reqwest::Method;
use serde_json::json;
use std::time::Duration;
use switchboard_tests::{
    LINE, PHONE_NUMBER_ID,
    feed::Feed,
    graph::FakeGraph,
    relay::{Session, TestRelay, member_password},
};

const CUSTOMER: &str = "5511987654321";

#[tokio::test]
async fn a_private_note_stays_in_the_team_and_never_reaches_whatsapp() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    relay
        .customer_writes(CUSTOMER, "wamid.n1", "¿Mi pedido?", 10)
        .await;
    let chat = format!("{LINE}:{CUSTOMER}");
    admin.wait_for_event("message_received").await;
    let before = graph.request_count();
    let note = json!({ "type": "add_note", "chat": chat, "body": "@bruno este cliente ya pagó" });
    let (status, _) = admin.command("note-1", note).await;
    assert_eq!(status, 200);
    let added = admin.wait_for_event("note_added").await;
    assert_eq!(added["event"]["mentions"], json!(["bruno"]));
    // A reply afterwards is sent; the note never is.
    assert_eq!(
        admin
            .send_text("reply-1", &chat, "¡Ya lo revisamos!")
            .await
            .0,
        200
    );
    admin.wait_for_event("outbound_accepted").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent: Vec<String> = graph.requests()[before..]
        .iter()
        .map(|r| r.body.to_string())
        .collect();
    assert!(
        sent.iter().any(|b| b.contains("Ya lo revisamos")),
        "{sent:?}"
    );
    assert!(
        sent.iter().all(|b| !b.contains("pagó")),
        "the note went out: {sent:?}"
    );
    // An empty note is refused like an empty message.
    let (status, body) = admin
        .command(
            "note-2",
            json!({ "type": "add_note", "chat": chat, "body": "  " }),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("empty_message"))
    );
}

#[tokio::test]
async fn supervisors_keep_quick_replies_that_every_app_receives() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    admin.add_member("sue", "supervisor").await;
    let sue = relay.login_as("sue", &member_password("sue")).await;
    let save = |session: &Session, shortcut: &str, body: &str| {
        session
            .request(Method::PUT, &format!("/api/quick-replies/{shortcut}"))
            .json(&json!({ "body": body }))
            .send()
    };
    let response = save(&sue, "horario", "Hola {{first_name}}, abrimos de 9 a 18h.")
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let saved = admin.wait_for_event("quick_reply_saved").await;
    assert_eq!(saved["event"]["reply"]["shortcut"], "horario");
    assert_eq!(saved["event"]["by"], "sue");

    // Mistakes are refused with a sentence that says what to fix, and nothing is saved.
    for (shortcut, body, code) in [
        ("dos palabras", "x", "bad_shortcut"),
        ("vacio", "   ", "empty_message"),
        ("hola", "Hola {{nombre}}", "unknown_variable"),
    ] {
        let response = save(&sue, shortcut, body).await.unwrap();
        assert_eq!(response.status(), 400);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], code, "{body}");
        assert!(!body["message"].as_str().unwrap_or_default().is_empty());
    }
    admin.wait_for_events("quick_reply_saved", 1).await;

    let delete = |shortcut: &str| {
        sue.request(Method::DELETE, &format!("/api/quick-replies/{shortcut}"))
            .send()
    };
    assert_eq!(delete("horario").await.unwrap().status(), 204);
    admin.wait_for_event("quick_reply_deleted").await;
    let again = delete("horario").await.unwrap();
    assert_eq!(again.status(), 404);
}

/// Sets up team `sales` (ana, bruno) owning the line's chats with round-robin on.
async fn round_robin_workspace(relay: &TestRelay) -> Session {
    let admin = relay.login().await;
    for agent in ["ana", "bruno"] {
        admin.add_member(agent, "agent").await;
    }
    admin
        .admin(
            Method::PUT,
            "/api/teams/sales",
            json!({ "name": "Sales", "members": ["ana", "bruno"] }),
        )
        .await;
    // Round-robin needs someone to take turns: a line without a team is refused.
    let refused = admin
        .request(Method::PUT, &format!("/api/lines/{LINE}/team"))
        .json(&json!({ "team": null, "round_robin": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    admin
        .admin(
            Method::PUT,
            &format!("/api/lines/{LINE}/team"),
            json!({ "team": "sales", "round_robin": true }),
        )
        .await;
    admin
}

/// Who holds the customer's chat once round-robin has had its turn.
async fn holder(admin: &Session, customer: &str) -> Option<String> {
    let chat = format!("{LINE}:{customer}");
    // The assignment follows the message; give the relay's task a moment, then read.
    for _ in 0..40 {
        let events = admin.events().await;
        let assigned = events
            .iter()
            .rev()
            .find(|e| e["event"]["type"] == "chat_assigned" && e["event"]["chat"] == chat.as_str());
        if let Some(event) = assigned {
            assert_eq!(event["event"]["by"], "@round-robin");
            return event["event"]["agent"].as_str().map(str::to_owned);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    None
}

#[tokio::test]
async fn round_robin_gives_new_chats_in_turn_to_the_teams_online_members() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = round_robin_workspace(&relay).await;
    let ana = relay.login_as("ana", &member_password("ana")).await;
    let bruno = relay.login_as("bruno", &member_password("bruno")).await;
    // The admin is online too, but not in the team.
    let mut admin_feed = Feed::connect(relay.addr, &admin.cookie, 0).await;
    admin_feed.backlog().await;

    // Nobody of the team online: the chat waits in the team's queue.
    relay
        .customer_writes("5511900000001", "wamid.r1", "hola", 5)
        .await;
    admin.wait_for_events("message_received", 1).await;
    assert_eq!(holder(&admin, "5511900000001").await, None);

    let mut ana_feed = Feed::connect(relay.addr, &ana.cookie, 0).await;
    ana_feed.backlog().await;
    let mut bruno_feed = Feed::connect(relay.addr, &bruno.cookie, 0).await;
    bruno_feed.backlog().await;
    wait_online(&mut admin_feed, &["admin", "ana", "bruno"]).await;
    let mut turns = Vec::new();
    for n in 2..=4 {
        let customer = format!("551190000000{n}");
        relay
            .customer_writes(&customer, &format!("wamid.r{n}"), "hola", 5)
            .await;
        turns.push(holder(&admin, &customer).await);
    }
    assert_eq!(
        turns,
        [Some("ana"), Some("bruno"), Some("ana")].map(|a| a.map(str::to_owned))
    );
    // The customer writes again: the chat stays with its holder.
    relay
        .customer_writes("5511900000002", "wamid.r2b", "¿y?", 1)
        .await;
    admin.wait_for_events("message_received", 5).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        admin
            .events()
            .await
            .iter()
            .filter(|e| e["event"]["type"] == "chat_assigned")
            .count(),
        3
    );

    // Bruno closes the app: the next chats all go to Ana.
    drop(bruno_feed);
    wait_online(&mut admin_feed, &["admin", "ana"]).await;
    relay
        .customer_writes("5511900000005", "wamid.r5", "hola", 1)
        .await;
    assert_eq!(
        holder(&admin, "5511900000005").await.as_deref(),
        Some("ana")
    );
}

/// The burst round-robin used to drop most of: it followed a live channel and skipped what
/// it fell behind on. Now it reads the log from its cursor, so however far behind it falls
/// (here it waits before each run), every chat is given exactly once, in turn.
#[tokio::test]
async fn round_robin_gives_every_chat_of_a_burst_exactly_once_however_far_behind_it_falls() {
    const CHATS: usize = 5_000;
    const PER_WEBHOOK: usize = 25;
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start_with(&graph.base_url(), |config| {
        config.job_pace = Duration::from_millis(250);
    })
    .await;
    let admin = round_robin_workspace(&relay).await;
    let ana = relay.login_as("ana", &member_password("ana")).await;
    let bruno = relay.login_as("bruno", &member_password("bruno")).await;
    let mut admin_feed = Feed::connect(relay.addr, &admin.cookie, 0).await;
    admin_feed.backlog().await;
    let mut ana_feed = Feed::connect(relay.addr, &ana.cookie, 0).await;
    ana_feed.backlog().await;
    let mut bruno_feed = Feed::connect(relay.addr, &bruno.cookie, 0).await;
    bruno_feed.backlog().await;
    wait_online(&mut admin_feed, &["admin", "ana", "bruno"]).await;

    let now = switchboard_tests::webhook::unix_now();
    let posts = (0..CHATS / PER_WEBHOOK).map(|n| {
        let body = switchboard_tests::webhook::texts(
            PHONE_NUMBER_ID,
            "burst",
            n * PER_WEBHOOK..(n + 1) * PER_WEBHOOK,
            now,
            |i| format!("55119{i:08}"),
        );
        let relay = &relay;
        async move { relay.post_webhook(&body).await.status() }
    });
    let statuses: Vec<_> = futures::stream::iter(posts)
        .buffer_unordered(8)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == 200), "a webhook was refused");

    let mut events = Vec::new();
    for _ in 0..600 {
        events = admin.all_events().await;
        let given = events
            .iter()
            .filter(|e| e["event"]["type"] == "chat_assigned")
            .count();
        if given >= CHATS {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut received = std::collections::HashMap::new();
    let mut given = std::collections::HashMap::<String, Vec<String>>::new();
    let mut turns = std::collections::HashMap::<String, usize>::new();
    let mut furthest_behind = 0;
    for event in &events {
        let seq = event["seq"].as_u64().unwrap_or_default();
        match event["event"]["type"].as_str() {
            Some("message_received") => {
                let chat = format!(
                    "{LINE}:{}",
                    event["event"]["contact"].as_str().unwrap_or_default()
                );
                received.insert(chat, seq);
            }
            Some("chat_assigned") => {
                let chat = event["event"]["chat"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let agent = event["event"]["agent"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                furthest_behind = furthest_behind.max(seq - received[&chat]);
                *turns.entry(agent.clone()).or_default() += 1;
                given.entry(chat).or_default().push(agent);
            }
            _ => {}
        }
    }
    assert_eq!(received.len(), CHATS);
    assert_eq!(given.len(), CHATS, "every chat is given");
    let twice: Vec<_> = given.iter().filter(|(_, to)| to.len() > 1).collect();
    assert!(
        twice.is_empty(),
        "given more than once: {:?}",
        &twice[..twice.len().min(5)]
    );
    assert_eq!(turns["ana"], CHATS / 2);
    assert_eq!(turns["bruno"], CHATS / 2);
    // The job really fell behind: some chat waited for more than one run's worth of records.
    assert!(
        furthest_behind > 512,
        "furthest behind: {furthest_behind} records"
    );
    println!("round-robin fell at most {furthest_behind} records behind, and caught up");
}

/// Reads presence frames until exactly `names` are online.
async fn wait_online(feed: &mut Feed, names: &[&str]) {
    loop {
        let presence = feed
            .next_presence(Duration::from_secs(5))
            .await
            .unwrap_or_else(|| panic!("no presence with {names:?} online"));
        if presence["online"] == json!(names) {
            return;
        }
    }
}

#[tokio::test]
async fn members_see_who_else_is_viewing_or_typing_in_a_chat_they_can_see() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    for agent in ["ana", "bruno", "carla"] {
        admin.add_member(agent, "agent").await;
    }
    relay
        .customer_writes("5511900000001", "wamid.p1", "hola", 5)
        .await;
    admin.wait_for_event("message_received").await;
    let chat = format!("{LINE}:5511900000001");
    // Carla only sees her team's chats, and this one is Sales'.
    admin
        .admin(
            Method::PUT,
            "/api/teams/sales",
            json!({ "name": "Sales", "members": ["ana", "bruno"] }),
        )
        .await;
    admin
        .admin(
            Method::PUT,
            "/api/teams/other",
            json!({ "name": "Other", "members": ["carla"] }),
        )
        .await;
    admin
        .admin(
            Method::PUT,
            &format!("/api/lines/{LINE}/team"),
            json!({ "team": "sales" }),
        )
        .await;
    admin
        .admin(
            Method::PUT,
            "/api/settings",
            json!({ "restrict_to_teams": true, "require_totp": false }),
        )
        .await;

    let mut feeds = Vec::new();
    for agent in ["ana", "bruno", "carla"] {
        let session = relay.login_as(agent, &member_password(agent)).await;
        let mut feed = Feed::connect(relay.addr, &session.cookie, 0).await;
        feed.backlog().await;
        feeds.push(feed);
    }
    let [ana, bruno, carla] = &mut feeds[..] else {
        unreachable!()
    };
    ana.send(json!({ "type": "focus", "chat": chat, "typing": true }))
        .await;
    bruno
        .send(json!({ "type": "focus", "chat": chat, "typing": false }))
        .await;
    let expected = json!({ "ana": "typing", "bruno": "viewing" });
    loop {
        let presence = ana
            .next_presence(Duration::from_secs(5))
            .await
            .expect("presence");
        if presence["chats"][&chat] == expected {
            break;
        }
    }
    // Carla learns who is online, but nothing about a chat she cannot see.
    loop {
        let presence = carla
            .next_presence(Duration::from_secs(5))
            .await
            .expect("presence");
        assert!(presence["chats"].get(&chat).is_none(), "{presence}");
        if presence["online"] == json!(["ana", "bruno", "carla"]) {
            break;
        }
    }
    // Ana leaves the chat: Bruno is alone in it.
    ana.send(json!({ "type": "focus", "chat": null })).await;
    loop {
        let presence = bruno
            .next_presence(Duration::from_secs(5))
            .await
            .expect("presence");
        if presence["chats"][&chat] == json!({ "bruno": "viewing" }) {
            break;
        }
    }
    // Carla claiming to look at it is ignored.
    carla
        .send(json!({ "type": "focus", "chat": chat, "typing": true }))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    while let Some(presence) = bruno.next_presence(Duration::from_millis(200)).await {
        assert!(
            presence["chats"][&chat].get("carla").is_none(),
            "{presence}"
        );
    }
}
