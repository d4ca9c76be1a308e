//! What WhatsApp sends beyond a customer's own messages, as the team sees it in the real app
//! (headless Chromium, at a desktop's size and a 390×844 phone's): a group with each member's
//! name and their receipts, a customer known only by a user id and the notice that it
//! changed, a marketing opt-out, templates Meta has not approved, and a banned account as an
//! admin's alert. Needs Chromium, ChromeDriver and `app/dist`: `cargo xtask test` runs it.

use serde_json::{Value, json};
use std::time::Duration;
use switchboard_tests::{
    LINE,
    browser::Browser,
    graph::FakeGraph,
    relay::TestRelay,
    webhook::{fixture, fixture_as_written},
};

const PATIENT: Duration = Duration::from_secs(20);
/// The customer of `user_preferences_stop.json`.
const CUSTOMER: &str = "5215512345678";
const GROUP: &str = "120363418770915618@g.us";
/// The sender of `sender_in_contacts_only.json`, known by her user id alone.
const BEA: &str = "BR.55443322110099887766";
/// Her id after `system_user_changed_user_id.json`.
const BEA_NOW: &str = "BR.11112222333344445555";

fn chat_item(contact: &str) -> String {
    format!("[data-testid=chat-item][data-chat-id='{LINE}:{contact}']")
}

/// The text of the first element matching `css` as written (not as styled), or null.
async fn text(browser: &Browser, css: &str) -> Value {
    browser
        .script(&format!(
            "return document.querySelector(\"{css}\")?.textContent ?? null;"
        ))
        .await
}

async fn wait_text(browser: &Browser, what: &str, css: &str, part: &str) {
    browser
        .wait_until(
            what,
            &format!(
                "return (document.querySelector(\"{css}\")?.textContent ?? '').includes({});",
                json!(part)
            ),
            PATIENT,
        )
        .await;
}

/// Opens a chat from the list; on a phone, first goes back to the list.
async fn open(browser: &Browser, phone: bool, contact: &str) {
    if phone && browser.count("[data-testid=chat-view]").await > 0 {
        browser.click("[data-testid=back]").await;
    }
    browser.wait_for(&chat_item(contact), PATIENT).await;
    browser.click(&chat_item(contact)).await;
    browser
        .wait_until(
            "the chat to open",
            &format!(
                "return location.pathname === '/chats/' + encodeURIComponent({});",
                json!(format!("{LINE}:{contact}"))
            ),
            PATIENT,
        )
        .await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn groups_user_ids_opt_outs_template_reviews_and_bans_are_shown() {
    shown(false).await;
}

#[tokio::test]
#[ignore = "needs Chromium and the built app: run `cargo xtask test`"]
async fn on_a_phone_groups_user_ids_opt_outs_template_reviews_and_bans_are_shown() {
    shown(true).await;
}

async fn shown(phone: bool) {
    let graph = FakeGraph::start().await;
    graph.add_template(json!({
        "name": "pedido_enviado", "language": "es_MX", "status": "APPROVED", "category": "UTILITY",
        "id": "778", "components": [{"type": "BODY", "text": "Tu pedido va en camino."}]
    }));
    graph.add_template(json!({
        "name": "oferta", "language": "es_MX", "status": "REJECTED", "category": "MARKETING",
        "id": "779", "rejected_reason": "INVALID_FORMAT", "components": [{"type": "BODY", "text": "Oferta"}]
    }));
    graph.add_template(json!({
        "name": "promo_noviembre", "language": "es_MX", "status": "APPROVED", "category": "MARKETING",
        "id": "780", "quality_score": {"score": "RED"}, "components": [{"type": "BODY", "text": "Promo"}]
    }));
    let relay = TestRelay::start(&graph.base_url()).await;
    let admin = relay.login().await;
    // Ana last wrote 25 hours ago (only templates may be sent), then opted out of marketing.
    relay
        .customer_writes(CUSTOMER, "wamid.ana", "Hola", 25 * 3600)
        .await;
    admin.wait_for_event("templates_synced").await;
    for name in [
        "group_text.json",
        "sender_in_contacts_only.json",
        "system_user_changed_user_id.json",
        "user_preferences_stop.json",
        "account_update_banned.json",
    ] {
        let status = relay
            .post_webhook(&fixture(name).to_string())
            .await
            .status();
        assert_eq!(status, 200, "{name}");
    }

    let browser = Browser::start_at(phone).await;
    browser
        .log_in(
            &relay.url("/"),
            switchboard_tests::ADMIN,
            switchboard_tests::ADMIN_PASSWORD,
        )
        .await;

    // The ban is an admin's alert naming the line, with Meta's own words to look up.
    wait_text(
        &browser,
        "the ban alert",
        "[data-testid=alerts]",
        "Meta disabled the WhatsApp Business account of line Ventas",
    )
    .await;
    let alert = text(&browser, "[data-testid=alerts]").await;
    assert!(
        alert.as_str().unwrap_or_default().contains("Meta says: "),
        "{alert}"
    );

    // The group is its own chat, titled as a group; each message names its writer.
    wait_text(
        &browser,
        "the group in the list",
        &chat_item(GROUP),
        "WhatsApp group",
    )
    .await;
    open(&browser, phone, GROUP).await;
    browser
        .wait_for("[data-testid=message][data-direction=inbound]", PATIENT)
        .await;
    assert_eq!(
        text(
            &browser,
            "[data-testid=message][data-direction=inbound] [data-testid=sent-by]"
        )
        .await,
        "Tiago Mingo"
    );
    assert_eq!(text(&browser, "[data-testid=chat-address]").await, "Group");

    // A reply goes to the group; Meta's receipts show per member, with their time.
    browser
        .type_into("[data-testid=composer]", "El viernes a las 10")
        .await;
    browser.click("[data-testid=send]").await;
    let outbound = "[data-testid=message][data-direction=outbound][data-wamid]";
    browser.wait_for(outbound, PATIENT).await;
    let sends = || {
        graph
            .requests()
            .into_iter()
            .filter(|r| r.body.get("type").is_some())
            .map(|r| r.body)
            .collect::<Vec<_>>()
    };
    let request = sends()[0].clone();
    assert_eq!(
        (request["recipient_type"].as_str(), request["to"].as_str()),
        (Some("group"), Some(GROUP))
    );
    let wamid = browser
        .script(&format!(
            "return document.querySelector(\"{outbound}\").dataset.wamid;"
        ))
        .await;
    let mut statuses = fixture("group_status_read.json");
    for status in statuses["entry"][0]["changes"][0]["value"]["statuses"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        status["id"] = wamid.clone();
    }
    relay.post_webhook(&statuses.to_string()).await;
    browser
        .wait_for(&format!("{outbound} [data-testid=message-info]"), PATIENT)
        .await;
    browser
        .click(&format!("{outbound} [data-testid=message-info] summary"))
        .await;
    browser
        .wait_until(
            "the receipts to unfold",
            "return [...document.querySelectorAll('[data-testid=receipt]')].every(r => r.getClientRects().length > 0);",
            PATIENT,
        )
        .await;
    let receipts = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=receipt]')].map(r => \
               [r.querySelector('.receipt-status').textContent, r.querySelector('.receipt-who')?.textContent, \
                r.querySelector('time').textContent.length > 0]);",
        )
        .await;
    let mut receipts = receipts.as_array().cloned().unwrap_or_default();
    receipts.sort_by_key(Value::to_string);
    assert_eq!(
        receipts,
        [
            json!(["Delivered", "+5215512345678", true]),
            json!(["Read", "Tiago Mingo", true])
        ],
        "one receipt per member, named where the group told us their name"
    );

    // A customer known only by her user id: the header says so, and the notice that the id
    // changed is in her chat, in our words.
    open(&browser, phone, BEA).await;
    wait_text(
        &browser,
        "the user id change notice",
        "[data-testid=system-note]",
        "replies go to the new one",
    )
    .await;
    // The header gives the id replies now go to: the new one.
    let address = text(&browser, "[data-testid=chat-address]").await;
    assert_eq!(address, format!("WhatsApp user id · {BEA_NOW}").as_str());

    // Ana opted out of marketing: her chat says so where an agent picks a template, and the
    // templates Meta has not approved are listed with what Meta said.
    graph.set_template_status("promo_noviembre", "PAUSED");
    let paused = fixture_as_written("template_status_paused.json");
    assert_eq!(relay.post_webhook(&paused.to_string()).await.status(), 200);
    open(&browser, phone, CUSTOMER).await;
    wait_text(
        &browser,
        "the opt-out notice",
        "[data-testid=marketing-stopped]",
        "stop marketing messages",
    )
    .await;
    browser
        .wait_until(
            "the paused template to leave the picker",
            "return document.querySelectorAll('[data-testid=template-unavailable]').length === 2;",
            PATIENT,
        )
        .await;
    browser
        .click("[data-testid=templates-unavailable] summary")
        .await;
    let unavailable = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=template-unavailable]')].map(li => li.textContent);",
        )
        .await;
    assert_eq!(
        unavailable,
        json!([
            "oferta · es_MX · rejected · reason: INVALID_FORMAT",
            "promo_noviembre · es_MX · paused · quality: low"
        ])
    );
    assert_eq!(
        browser.count("[data-testid=template-select] option").await,
        2,
        "the placeholder and the one template still approved"
    );
    assert_eq!(sends().len(), 1, "only the reply to the group was sent");
    browser.close().await;
}
