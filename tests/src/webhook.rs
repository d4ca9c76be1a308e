//! Webhook bodies in the Cloud API's shapes, and the project's fixtures (`tests/fixtures/`).

use serde_json::{Value, json};
pub use switchboard_relay::whatsapp::signature::sign;

/// A `messages` change of the line `phone_number_id` carrying `items` (messages,
/// statuses, contacts …), in Meta's envelope.
fn messages_change(phone_number_id: &str, items: Value) -> String {
    let mut value = json!({
        "messaging_product": "whatsapp",
        "metadata": { "display_phone_number": "15550783881", "phone_number_id": phone_number_id },
    });
    if let (Some(value), Value::Object(items)) = (value.as_object_mut(), items) {
        value.extend(items);
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "102290129340398", "changes": [{ "field": "messages", "value": value }] }]
    })
    .to_string()
}

/// A `messages` webhook with one text message.
pub fn text(
    phone_number_id: &str,
    from: &str,
    name: &str,
    wamid: &str,
    body: &str,
    timestamp: i64,
) -> String {
    messages_change(
        phone_number_id,
        json!({
            "contacts": [{ "profile": { "name": name }, "wa_id": from }],
            "messages": [{ "from": from, "id": wamid, "timestamp": timestamp.to_string(), "type": "text", "text": { "body": body } }]
        }),
    )
}

/// A `messages` webhook with one message of any kind: `message` is its JSON without
/// `from`, which is added.
pub fn message(phone_number_id: &str, from: &str, name: &str, mut message: Value) -> String {
    message["from"] = json!(from);
    messages_change(
        phone_number_id,
        json!({
            "contacts": [{ "profile": { "name": name }, "wa_id": from }],
            "messages": [message]
        }),
    )
}

/// A `messages` webhook with one text message per index in `range`: message `i` has the
/// wamid `wamid.bench.<tag>.<i>`, comes from `from(i)` (named `Cliente <wa_id>`) and says
/// `mensagem <i>`.
pub fn texts(
    phone_number_id: &str,
    tag: &str,
    range: std::ops::Range<usize>,
    timestamp: i64,
    from: impl Fn(usize) -> String,
) -> String {
    let (contacts, messages): (Vec<_>, Vec<_>) = range
        .map(|i| {
            let wa_id = from(i);
            (
                json!({ "profile": { "name": format!("Cliente {wa_id}") }, "wa_id": wa_id }),
                json!({ "from": wa_id, "id": format!("wamid.bench.{tag}.{i}"),
                    "timestamp": timestamp.to_string(), "type": "text",
                    "text": { "body": format!("mensagem {i}") } }),
            )
        })
        .unzip();
    messages_change(
        phone_number_id,
        json!({ "contacts": contacts, "messages": messages }),
    )
}

/// A `messages` webhook with one status update.
pub fn status(
    phone_number_id: &str,
    wamid: &str,
    status: &str,
    recipient: &str,
    timestamp: i64,
) -> String {
    messages_change(
        phone_number_id,
        json!({
            "statuses": [{ "id": wamid, "status": status, "timestamp": timestamp.to_string(), "recipient_id": recipient,
                "pricing": { "billable": false, "pricing_model": "PMP", "type": "free_customer_service", "category": "service" } }]
        }),
    )
}

/// Now, in Unix seconds, for webhook timestamps.
#[allow(
    clippy::disallowed_methods,
    reason = "tests stand in for Meta, which stamps webhooks with the real time"
)]
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The project fixture `tests/fixtures/webhooks/{name}` as it is on disk.
pub fn fixture_as_written(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/webhooks")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A project fixture whose messages and statuses are stamped with the current time, so the
/// 24-hour window is open and receipts are today's.
pub fn fixture(name: &str) -> Value {
    let mut body = fixture_as_written(name);
    let now = Value::from(unix_now().to_string());
    let value = &mut body["entry"][0]["changes"][0]["value"];
    for key in ["messages", "statuses"] {
        for item in value[key].as_array_mut().into_iter().flatten() {
            item["timestamp"] = now.clone();
        }
    }
    body
}
