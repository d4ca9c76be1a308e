//! Parses Cloud API webhook bodies into events. Whatever is not understood is kept whole
//! (`WebhookKept`), so nothing Meta sends is dropped.

use super::inbound::{body_of, context_of, referral_of};
use crate::store::NewEvent;
use serde_json::Value;
use switchboard_domain::{
    ContactId, DeliveryStatus, Event, LineId, SendFailure, Timestamp, Wamid, event::Pricing,
};

/// Parses a webhook body. `line_of` maps `metadata.phone_number_id` to a line; `now` stands in
/// for a missing or unreadable timestamp.
pub fn parse(
    body: &[u8],
    line_of: impl Fn(&str) -> Option<LineId>,
    now: Timestamp,
) -> Result<Vec<NewEvent>, serde_json::Error> {
    // A lone UTF-16 surrogate (`\ud800`) is invalid JSON to serde_json but a real payload may
    // carry one in a customer's text: mend it to U+FFFD and keep every other message.
    let root: Value = match serde_json::from_slice(body) {
        Ok(root) => root,
        Err(error) => match mend_lone_surrogates(body) {
            Some(mended) => serde_json::from_slice(&mended).map_err(|_| error)?,
            None => return Err(error),
        },
    };
    let mut events = Vec::new();
    let entries = root
        .get("entry")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if entries.is_empty() {
        events.push(kept(None, "unknown", root, None));
        return Ok(events);
    }
    for entry in entries {
        let time = entry.get("time").cloned();
        let changes = entry
            .get("changes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for change in changes {
            let field = change
                .get("field")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned();
            let value = change.get("value").cloned().unwrap_or(Value::Null);
            let line = value
                .pointer("/metadata/phone_number_id")
                .and_then(Value::as_str)
                .and_then(&line_of);
            match (field.as_str(), &line) {
                ("messages", Some(line)) => {
                    parse_messages(line, &value, time.as_ref(), now, &mut events)
                }
                _ => events.push(kept(line, &field, change, time.as_ref())),
            }
        }
    }
    Ok(events)
}

/// `body` with every `\uXXXX` escape of a lone surrogate inside a string replaced by
/// `\ufffd`; `None` when there was none. Pairs and every other byte are kept as they are.
pub fn mend_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn unit(bytes: &[u8]) -> Option<u16> {
        let hex = std::str::from_utf8(bytes.get(..4)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    }
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut out = Vec::with_capacity(body.len());
    let mut mended = false;
    let mut in_string = false;
    let mut i = 0;
    while i < body.len() {
        let byte = body[i];
        if !in_string {
            in_string = byte == b'"';
            out.push(byte);
            i += 1;
            continue;
        }
        match (byte, body.get(i + 1)) {
            (b'"', _) => {
                in_string = false;
                out.push(byte);
                i += 1;
            }
            (b'\\', Some(b'u')) => match unit(&body[i + 2..]) {
                Some(u) if is_high(u) => {
                    let next = body.get(i + 6..i + 8) == Some(b"\\u".as_slice());
                    if next && unit(&body[i + 8..]).is_some_and(is_low) {
                        out.extend_from_slice(&body[i..i + 12]);
                        i += 12;
                    } else {
                        out.extend_from_slice(b"\\ufffd");
                        mended = true;
                        i += 6;
                    }
                }
                Some(u) if is_low(u) => {
                    out.extend_from_slice(b"\\ufffd");
                    mended = true;
                    i += 6;
                }
                _ => {
                    out.extend_from_slice(&body[i..(i + 2).min(body.len())]);
                    i += 2;
                }
            },
            (b'\\', Some(_)) => {
                out.extend_from_slice(&body[i..i + 2]);
                i += 2;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    mended.then_some(out)
}

/// A change kept whole, stored once however often Meta delivers it: the key is its field,
/// the entry's `time` and a digest of its JSON (keys sorted), so a redelivery matches and a
/// later change of the same kind, sent at another time, does not.
fn kept(line: Option<LineId>, field: &str, raw: Value, entry_time: Option<&Value>) -> NewEvent {
    use sha2::Digest;
    let mut digest = sha2::Sha256::new();
    digest.update(field.as_bytes());
    digest.update(b"\n");
    digest.update(
        entry_time
            .map(Value::to_string)
            .unwrap_or_default()
            .as_bytes(),
    );
    digest.update(b"\n");
    digest.update(raw.to_string().as_bytes());
    let key = format!("kept:{}", hex::encode(digest.finalize()));
    NewEvent::deduped(
        Event::WebhookKept {
            line,
            field: field.to_owned(),
            raw,
        },
        key,
    )
}

fn parse_messages(
    line: &LineId,
    value: &Value,
    entry_time: Option<&Value>,
    now: Timestamp,
    events: &mut Vec<NewEvent>,
) {
    let contacts = value.get("contacts").and_then(Value::as_array);
    let name_of = |id: &str| {
        contacts?
            .iter()
            .find(|c| str_at(c, "wa_id") == Some(id) || str_at(c, "user_id") == Some(id))
            .and_then(|c| c.pointer("/profile/name"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    for message in value
        .get("messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let from = str_at(message, "from")
            .filter(|f| !f.is_empty())
            .or_else(|| str_at(message, "from_user_id"));
        let (Some(wamid), Some(from)) = (str_at(message, "id"), from) else {
            events.push(kept(
                Some(line.clone()),
                "messages",
                message.clone(),
                entry_time,
            ));
            continue;
        };
        events.push(NewEvent::deduped(
            Event::MessageReceived {
                line: line.clone(),
                contact: ContactId::new(from),
                profile_name: name_of(from),
                wamid: Wamid::new(wamid),
                sent_at: timestamp(message).unwrap_or(now),
                body: body_of(message),
                context: context_of(message),
                referral: message.get("referral").map(referral_of),
                raw: message.clone(),
            },
            format!("in:{wamid}"),
        ));
    }
    for status in value
        .get("statuses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let parsed =
            str_at(status, "id").zip(str_at(status, "status").and_then(DeliveryStatus::from_meta));
        let Some((wamid, delivery)) = parsed else {
            events.push(kept(
                Some(line.clone()),
                "statuses",
                status.clone(),
                entry_time,
            ));
            continue;
        };
        let failure = status
            .get("errors")
            .and_then(Value::as_array)
            .and_then(|errors| errors.first())
            .map(failure_of);
        events.push(NewEvent::deduped(
            Event::StatusUpdated {
                wamid: Wamid::new(wamid),
                status: delivery,
                failure,
                pricing: status.get("pricing").map(pricing_of),
                callback_data: str_at(status, "biz_opaque_callback_data").map(str::to_owned),
                raw: status.clone(),
            },
            format!(
                "status:{wamid}:{}",
                str_at(status, "status").unwrap_or_default()
            ),
        ));
    }
    if let Some(errors) = value.get("errors") {
        events.push(kept(
            Some(line.clone()),
            "errors",
            errors.clone(),
            entry_time,
        ));
    }
}

fn pricing_of(pricing: &Value) -> Pricing {
    let text = |key: &str| str_at(pricing, key).map(str::to_owned);
    Pricing {
        model: text("pricing_model").unwrap_or_default(),
        category: text("category").unwrap_or_default(),
        kind: text("type"),
        billable: pricing.get("billable").and_then(Value::as_bool),
    }
}

/// Meta's error object, in its current (`message`, `error_data.details`) or older
/// (`details`) shape.
pub fn failure_of(error: &Value) -> SendFailure {
    let details = error
        .pointer("/error_data/details")
        .or_else(|| error.get("details"))
        .or_else(|| error.get("message"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    SendFailure::from_meta(
        error.get("code").and_then(Value::as_i64),
        str_at(error, "title").unwrap_or("Error"),
        details,
    )
}

pub(crate) fn str_at<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// Meta's timestamps are strings of Unix seconds; some payloads carry integers.
fn timestamp(message: &Value) -> Option<Timestamp> {
    let value = message.get("timestamp")?;
    let seconds = value.as_i64().or_else(|| value.as_str()?.parse().ok())?;
    Some(Timestamp::from_unix_seconds(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_domain::MessageBody;

    fn line_of(id: &str) -> Option<LineId> {
        (id == "106540352242922").then(|| LineId::new("ventas"))
    }

    const TEXT: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}"#;

    #[test]
    fn a_lone_surrogate_is_mended_and_every_message_kept() {
        let body = TEXT.replace(
            "another color?",
            r"another color? \ud800 \udc00x \ud83d\ude00",
        );
        let events = parse(body.as_bytes(), line_of, Timestamp(0)).expect("mended");
        let Event::MessageReceived { body, .. } = &events[0].event else {
            panic!("expected a message, got {:?}", events[0].event);
        };
        assert_eq!(
            body,
            &MessageBody::Text {
                body: "Does it come in another color? \u{fffd} \u{fffd}x 😀".into()
            }
        );
        assert_eq!(
            mend_lone_surrogates(TEXT.as_bytes()),
            None,
            "nothing to mend"
        );
        // An escaped backslash before "u" is not an escape.
        assert_eq!(mend_lone_surrogates(br#"{"a":"\\ud800"}"#), None);
    }

    #[test]
    fn a_location_that_is_not_a_number_is_not_a_location() {
        let location = TEXT.replace(
            r#""type":"text","text":{"body":"Does it come in another color?"}"#,
            r#""type":"location","location":{"latitude":"NaN","longitude":"1e999"}"#,
        );
        let events = parse(location.as_bytes(), line_of, Timestamp(0)).expect("valid json");
        let Event::MessageReceived { body, .. } = &events[0].event else {
            panic!("expected a message, got {:?}", events[0].event);
        };
        assert!(!matches!(body, MessageBody::Location(_)), "{body:?}");
        let json = serde_json::to_string(&events[0].event).expect("encode");
        serde_json::from_str::<Event>(&json).expect("reads back");
    }

    #[test]
    fn text_message_becomes_message_received_with_original_json() {
        let events = parse(TEXT.as_bytes(), line_of, Timestamp(0)).expect("valid json");
        assert_eq!(events.len(), 1);
        let Event::MessageReceived {
            line,
            contact,
            profile_name,
            body,
            sent_at,
            raw,
            ..
        } = &events[0].event
        else {
            panic!("expected a message, got {:?}", events[0].event);
        };
        assert_eq!(line.as_str(), "ventas");
        assert_eq!(contact.as_str(), "16505551234");
        assert_eq!(profile_name.as_deref(), Some("Sheena Nelson"));
        assert_eq!(
            body,
            &MessageBody::Text {
                body: "Does it come in another color?".into()
            }
        );
        assert_eq!(*sent_at, Timestamp::from_unix_seconds(1_749_416_383));
        let original: Value = serde_json::from_str(TEXT).expect("json");
        assert_eq!(
            raw,
            &original["entry"][0]["changes"][0]["value"]["messages"][0]
        );
        assert_eq!(
            events[0].dedupe.as_deref(),
            Some("in:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=")
        );
    }

    #[test]
    fn failed_status_carries_code_and_advice() {
        let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.X","status":"failed","timestamp":"1","recipient_id":"16505551234","errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}]}}]}]}"#;
        let events = parse(body.as_bytes(), line_of, Timestamp(0)).expect("valid json");
        let Event::StatusUpdated {
            status,
            failure: Some(failure),
            ..
        } = &events[0].event
        else {
            panic!("expected a failed status");
        };
        assert_eq!(*status, DeliveryStatus::Failed);
        assert_eq!(failure.code, Some(131_047));
        assert!(failure.advice.contains("template"));
        assert_eq!(events[0].dedupe.as_deref(), Some("status:wamid.X:failed"));
    }

    #[test]
    fn unknown_field_and_unknown_line_are_kept_whole() {
        let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"brand_new_field","value":{"x":1}},{"field":"messages","value":{"metadata":{"phone_number_id":"999"},"messages":[]}}]}]}"#;
        let events = parse(body.as_bytes(), line_of, Timestamp(0)).expect("valid json");
        assert_eq!(events.len(), 2);
        assert!(
            events
                .iter()
                .all(|e| matches!(e.event, Event::WebhookKept { .. }))
        );
    }

    #[test]
    fn invalid_json_is_an_error() {
        assert!(parse(b"{\"entry\": [,]}", line_of, Timestamp(0)).is_err());
    }
}
