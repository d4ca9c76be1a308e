//! The inbox on a phone (390×844, a touch screen): the list and the chat are separate
//! screens with a way back, every page has a menu, a long press replies, the controls are
//! big enough for a thumb and nothing runs off the side. And a desktop still shows both
//! side by side. Needs Chromium, ChromeDriver and `app/dist`: `cargo xtask test` runs it.

use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use serde_json::{Value, json};
use std::time::Duration;
use switchboard_tests::{
    ADMIN, ADMIN_PASSWORD, LINE, PHONE_NUMBER_ID,
    browser::Browser,
    feed::Feed,
    graph::FakeGraph,
    relay::{TestRelay, member_password},
    webhook,
};

const CUSTOMER: &str = "5215598765432";
/// Long enough to need an ellipsis in a 390 px header.
const NAME: &str = "María Fernanda de los Ángeles Rodríguez Castillo";
const LIVE: Duration = Duration::from_secs(3);
const PATIENT: Duration = Duration::from_secs(20);

fn chat_item() -> String {
    format!("[data-testid=chat-item][data-chat-id='{LINE}:{CUSTOMER}']")
}

/// Whether the element is laid out (not `display: none` itself or by an ancestor).
fn shown(css: &str) -> String {
    format!(
        "const e = document.querySelector(\"{css}\"); return !!e && e.getClientRects().length > 0;"
    )
}

async fn is_shown(browser: &Browser, css: &str) -> bool {
    browser.script(&shown(css)).await == Value::Bool(true)
}

async fn wait_shown(browser: &Browser, what: &str, css: &str) {
    browser.wait_until(what, &shown(css), PATIENT).await;
}

async fn wait_hidden(browser: &Browser, what: &str, css: &str) {
    browser
        .wait_until(
            what,
            &format!("return !(() => {{ {} }})();", shown(css)),
            PATIENT,
        )
        .await;
}

/// The page is no wider than the screen: nothing to scroll sideways.
async fn assert_no_horizontal_overflow(browser: &Browser, page: &str) {
    let sizes = browser
        .script("return [document.documentElement.scrollWidth, window.innerWidth];")
        .await;
    assert!(
        sizes[0].as_f64() <= sizes[1].as_f64(),
        "{page} scrolls sideways: scrollWidth, innerWidth = {sizes}"
    );
}

/// The element's width and height on screen are both at least 44 px.
async fn assert_touch_target(browser: &Browser, css: &str) {
    let size = browser.script(&format!(
            "const r = document.querySelector(\"{css}\").getBoundingClientRect(); return [r.width, r.height];"
        ),
    )
    .await;
    let (width, height) = (
        size[0].as_f64().unwrap_or(0.0),
        size[1].as_f64().unwrap_or(0.0),
    );
    assert!(
        width >= 44.0 && height >= 44.0,
        "{css} is {width}×{height} px, smaller than a 44 px touch target"
    );
}

async fn path(browser: &Browser) -> String {
    browser
        .script("return location.pathname;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A finger rests on the element for `hold`, then lifts.
async fn long_press(browser: &Browser, css: &str, hold: Duration) {
    let element = browser.wait_for(css, PATIENT).await;
    let finger = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Pause { duration: hold })
        .then(PointerAction::Up { button: 0 });
    browser
        .client
        .perform_actions(finger)
        .await
        .expect("long press");
    browser.client.release_actions().await.expect("release");
}

/// A finger goes down on the element and slides 120 px to the right.
async fn swipe_right(browser: &Browser, css: &str) {
    let element = browser.wait_for(css, PATIENT).await;
    let finger = TouchActions::new("swipe".into())
        .then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: -60.0,
            y: 0.0,
        })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(250)),
            x: 120.0,
            y: 0.0,
        })
        .then(PointerAction::Up { button: 0 });
    browser.client.perform_actions(finger).await.expect("swipe");
    browser.client.release_actions().await.expect("release");
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_list_chat_reply_back_and_admin_are_separate_screens() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start_phone(390, 844).await;
    browser
        .client
        .goto(&relay.url("/"))
        .await
        .expect("open the app");
    browser.wait_for("input[name=username]", PATIENT).await;
    assert_eq!(
        browser
            .script("return [window.innerWidth, window.innerHeight];")
            .await,
        json!([390, 844]),
        "the CSS viewport is a 390×844 phone"
    );
    assert_no_horizontal_overflow(&browser, "the sign-in page").await;
    browser.sign_in(ADMIN, ADMIN_PASSWORD).await;

    // A customer writes: the list shows the chat, and the list alone.
    let now = webhook::unix_now();
    let inbound = webhook::text(
        PHONE_NUMBER_ID,
        CUSTOMER,
        NAME,
        "wamid.phone.1",
        "¿Hacen envíos a Guadalajara?",
        now,
    );
    assert_eq!(relay.post_webhook(&inbound).await.status(), 200);
    browser.wait_for(&chat_item(), LIVE).await;
    assert!(is_shown(&browser, "[data-testid=chat-list]").await);
    assert!(
        !is_shown(&browser, ".conversation").await,
        "the chat pane is hidden on the list screen"
    );
    assert_touch_target(&browser, "[data-testid=menu]").await;
    assert_touch_target(&browser, &chat_item()).await;
    assert_no_horizontal_overflow(&browser, "the chat list").await;

    // Tapping the chat shows the chat alone, with a way back and its tools behind "more".
    browser.click(&chat_item()).await;
    browser
        .wait_for("[data-testid=chat-view] [data-wamid='wamid.phone.1']", LIVE)
        .await;
    wait_hidden(&browser, "the list to give way to the chat", ".sidebar").await;
    assert!(path(&browser).await.starts_with("/chats/"));
    for target in [
        "[data-testid=back]",
        "[data-testid=send]",
        "[data-testid=chat-more]",
        "[data-testid=composer]",
    ] {
        assert_touch_target(&browser, target).await;
    }
    // A teammate types in the same chat: "… is typing" gets its own place in the header, and
    // the long name ends in an ellipsis instead of running under it.
    let admin = relay.login().await;
    admin.add_member("bruno", "agent").await;
    let bruno = relay.login_as("bruno", &member_password("bruno")).await;
    let mut bruno_feed = Feed::connect(relay.addr, &bruno.cookie, 0).await;
    bruno_feed.backlog().await;
    bruno_feed
        .send(json!({ "type": "focus", "chat": format!("{LINE}:{CUSTOMER}"), "typing": true }))
        .await;
    browser
        .wait_until(
            "Bruno's typing to show",
            "return document.querySelector('[data-testid=presence]').textContent.includes('BRUNO');",
            PATIENT,
        )
        .await;
    let header = browser.script("const h = document.querySelector('.chat-header'); const n = h.querySelector('h2');
         const name = n.getBoundingClientRect();
         const apart = e => { const r = e.getBoundingClientRect(); return r.width === 0 || r.top >= name.bottom || r.left >= name.right; };
         return [h.scrollWidth <= h.clientWidth, n.scrollWidth > n.clientWidth,
                 apart(document.querySelector('.window-pill')), apart(document.querySelector('[data-testid=presence]'))];",
    )
    .await;
    assert_eq!(
        header,
        json!([true, true, true, true]),
        "the header fits, the name ends in an ellipsis, the window pill and presence line stay clear of it"
    );
    assert!(
        !is_shown(&browser, "[data-testid=assign]").await,
        "the tool row is folded"
    );
    browser.click("[data-testid=chat-more]").await;
    wait_shown(&browser, "the tools to unfold", "[data-testid=assign]").await;
    assert_touch_target(&browser, "[data-testid=resolve]").await;
    assert_no_horizontal_overflow(&browser, "the chat with its tools open").await;
    browser.click("[data-testid=chat-more]").await;
    wait_hidden(&browser, "the tools to fold", "[data-testid=assign]").await;

    // A long press on the customer's bubble starts a reply quoting it.
    long_press(
        &browser,
        "[data-wamid='wamid.phone.1'] .bubble",
        Duration::from_millis(800),
    )
    .await;
    let bar = browser.wait_for("[data-testid=reply-bar]", LIVE).await;
    assert!(
        bar.text()
            .await
            .unwrap_or_default()
            .contains("¿Hacen envíos a Guadalajara?"),
        "the reply bar quotes the message"
    );
    browser
        .wait_for("[data-testid=composer]", PATIENT)
        .await
        .send_keys("Sí, llegamos en 2 días.")
        .await
        .expect("type");
    browser.click("[data-testid=send]").await;
    browser
        .wait_until(
            "the reply in the chat",
            "return [...document.querySelectorAll('[data-testid=message][data-direction=outbound] [data-testid=message-body]')]
               .some(b => b.textContent === 'Sí, llegamos en 2 días.');",
            PATIENT,
        )
        .await;
    assert_eq!(browser.count("[data-testid=reply-bar]").await, 0);
    switchboard_tests::wait_for("the send to reach the Graph API", async || {
        graph.requests().iter().any(|r| r.body["type"] == "text")
    })
    .await;
    let sent = graph
        .requests()
        .into_iter()
        .find(|r| r.body["type"] == "text")
        .expect("a text send");
    assert_eq!(sent.body["text"]["body"], "Sí, llegamos en 2 días.");
    assert_eq!(
        sent.body["context"]["message_id"], "wamid.phone.1",
        "WhatsApp is told which message this replies to"
    );
    assert_no_horizontal_overflow(&browser, "the chat").await;
    drop(bruno_feed);

    // A swipe to the right on a bubble starts a reply too; its × cancels it.
    swipe_right(&browser, "[data-wamid='wamid.phone.1'] .bubble").await;
    browser.wait_for("[data-testid=reply-bar]", LIVE).await;
    assert_touch_target(&browser, "[data-testid=reply-bar] .link-button").await;
    browser.click("[data-testid=reply-bar] .link-button").await;
    wait_hidden(
        &browser,
        "the reply to be cancelled",
        "[data-testid=reply-bar]",
    )
    .await;

    // The back button returns to the list; so does the browser's Back.
    browser.click("[data-testid=back]").await;
    wait_shown(&browser, "the list again", "[data-testid=chat-list]").await;
    assert_eq!(path(&browser).await, "/");
    assert!(!is_shown(&browser, ".conversation").await);
    browser.click(&chat_item()).await;
    wait_shown(&browser, "the chat again", "[data-testid=chat-view]").await;
    browser.client.back().await.expect("browser Back");
    wait_shown(&browser, "the list after Back", "[data-testid=chat-list]").await;
    assert_eq!(path(&browser).await, "/");
    assert!(!is_shown(&browser, ".conversation").await);

    // The menu holds the top bar's links; its button and Escape close it, a link navigates
    // and closes it.
    assert!(!is_shown(&browser, "[data-testid=nav-admin]").await);
    browser.click("[data-testid=menu]").await;
    wait_shown(&browser, "the menu", "[data-testid=nav-admin]").await;
    assert_eq!(
        browser
            .script(
                "return document.querySelector('[data-testid=menu]').getAttribute('aria-expanded');"
            )
            .await,
        "true"
    );
    for link in [
        "[data-testid=nav-quick-replies]",
        "[data-testid=nav-simulator]",
        "[data-testid=nav-admin]",
        "[data-testid=nav-account]",
        "[data-testid=logout]",
    ] {
        assert_touch_target(&browser, link).await;
    }
    browser.click("[data-testid=menu]").await;
    wait_hidden(
        &browser,
        "the button to close the menu",
        "[data-testid=nav-admin]",
    )
    .await;
    browser.click("[data-testid=menu]").await;
    wait_shown(&browser, "the menu again", "[data-testid=nav-admin]").await;
    browser.script("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); return true;",
    )
    .await;
    wait_hidden(
        &browser,
        "Escape to close the menu",
        "[data-testid=nav-admin]",
    )
    .await;
    browser.click("[data-testid=menu]").await;
    browser.click("[data-testid=nav-admin]").await;
    browser.wait_for("[data-testid=members]", PATIENT).await;
    assert_eq!(path(&browser).await, "/admin");
    wait_hidden(&browser, "the menu to close", "[data-testid=nav-admin]").await;
    assert_no_horizontal_overflow(&browser, "the admin page").await;

    // Every other page fits the phone too, reached through the same menu.
    for (link, page) in [
        ("[data-testid=nav-quick-replies]", "/quick-replies"),
        ("[data-testid=nav-simulator]", "/simulator"),
        ("[data-testid=nav-account]", "/account"),
    ] {
        browser.click("[data-testid=menu]").await;
        browser.click(link).await;
        browser
            .wait_until(
                page,
                &format!("return location.pathname === '{page}';"),
                PATIENT,
            )
            .await;
        browser.wait_for("main", PATIENT).await;
        assert_no_horizontal_overflow(&browser, page).await;
    }
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_desktop_the_list_and_the_chat_stay_side_by_side() {
    let graph = FakeGraph::start().await;
    let relay = TestRelay::start(&graph.base_url()).await;
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(1440, 900)
        .await
        .expect("window size");
    browser
        .client
        .goto(&relay.url("/"))
        .await
        .expect("open the app");
    browser.sign_in(ADMIN, ADMIN_PASSWORD).await;
    assert_eq!(
        browser.script("return window.innerWidth;").await,
        1440,
        "a 1440 px wide desktop"
    );
    relay
        .customer_writes(CUSTOMER, "wamid.desk.1", "Hola", 5)
        .await;
    browser.click(&chat_item()).await;
    browser
        .wait_for("[data-testid=chat-view] [data-wamid='wamid.desk.1']", LIVE)
        .await;
    let layout = browser
        .script(
            "const l = document.querySelector('.sidebar').getBoundingClientRect();
         const c = document.querySelector('[data-testid=chat-view]').getBoundingClientRect();
         return [l.width > 0, c.width > 0, l.right <= c.left, Math.abs(l.top - c.top) < 1];",
        )
        .await;
    assert_eq!(
        layout,
        json!([true, true, true, true]),
        "list left of the chat"
    );
    assert!(is_shown(&browser, "[data-testid=nav-admin]").await);
    assert!(is_shown(&browser, "[data-testid=assign]").await);
    assert!(!is_shown(&browser, "[data-testid=menu]").await);
    assert!(!is_shown(&browser, "[data-testid=back]").await);
    assert!(!is_shown(&browser, "[data-testid=chat-more]").await);
    browser.close().await;
}
