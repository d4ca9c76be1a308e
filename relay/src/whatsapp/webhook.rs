//! Parses Cloud API webhook bodies into events. Whatever is not understood is kept whole
//! (`WebhookKept`), so nothing Meta sends is dropped.

use super::inbound::{body_of, context_of, referral_of};
use crate::store::NewEvent;
use serde_json::Value;
use switchboard_domain::{
    ContactId, DeliveryStatus, Event, LineId, SendFailure, Timestamp, Wamid, event::Pricing,
    line_health::LineReport, message::Participant,
};

/// Which of the relay's lines a change is about.
pub trait Lines {
    /// The line whose `metadata.phone_number_id` this is.
    fn by_number_id(&self, phone_number_id: &str) -> Option<LineId>;
    /// The lines of the WhatsApp Business Account `waba_id` (an account-level change's
    /// `entry.id`); with `display_phone_number`, only the line of that number.
    fn of_account(&self, waba_id: &str, display_phone_number: Option<&str>) -> Vec<LineId>;
}

/// A lookup by phone-number id alone (tests, the fuzzer): account-level changes find no line
/// and are kept whole.
impl<F: Fn(&str) -> Option<LineId>> Lines for F {
    fn by_number_id(&self, phone_number_id: &str) -> Option<LineId> {
        self(phone_number_id)
    }
    fn of_account(&self, _: &str, _: Option<&str>) -> Vec<LineId> {
        Vec::new()
    }
}

/// Parses a webhook body. `lines` says which line each change is about; `now` stands in for
/// a missing or unreadable timestamp.
pub fn parse(
    body: &[u8],
    lines: impl Lines,
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
        let account = str_at(&entry, "id").unwrap_or_default().to_owned();
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
                .and_then(|id| lines.by_number_id(id));
            let time = time.as_ref();
            match (field.as_str(), &line) {
                ("messages", Some(line)) => parse_messages(line, &value, time, now, &mut events),
                ("user_preferences", Some(line)) => {
                    parse_preferences(line, &value, time, now, &mut events)
                }
                ("account_update" | "phone_number_quality_update", None) => {
                    let number = str_at(&value, "display_phone_number")
                        .or_else(|| str_at(&value, "phone_number"));
                    let number = number.filter(|_| field == "phone_number_quality_update");
                    let of = lines.of_account(&account, number);
                    match report_of(&field, &value) {
                        Some(report) if !of.is_empty() => {
                            for line in of {
                                let key = change_key(&line, &field, time, &change);
                                let event = Event::LineReported {
                                    line,
                                    report: report.clone(),
                                    raw: change.clone(),
                                };
                                events.push(NewEvent::deduped(event, key));
                            }
                        }
                        _ => events.push(kept(None, &field, change, time)),
                    }
                }
                ("message_template_status_update" | "message_template_quality_update", None) => {
                    let of = lines.of_account(&account, None);
                    let name = str_at(&value, "message_template_name");
                    let language = str_at(&value, "message_template_language");
                    match (name, language) {
                        (Some(name), Some(language)) if !of.is_empty() => {
                            let text = |key: &str| str_at(&value, key).map(str::to_owned);
                            for line in of {
                                let key = change_key(&line, &field, time, &change);
                                let event = Event::TemplateReviewed {
                                    line,
                                    name: name.to_owned(),
                                    language: language.to_owned(),
                                    status: text("event"),
                                    reason: text("reason"),
                                    quality: text("new_quality_score"),
                                    raw: change.clone(),
                                };
                                events.push(NewEvent::deduped(event, key));
                            }
                        }
                        _ => events.push(kept(None, &field, change, time)),
                    }
                }
                _ => events.push(kept(line, &field, change, time)),
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
    let key = format!("kept:{}", digest(field, entry_time, &raw));
    NewEvent::deduped(
        Event::WebhookKept {
            line,
            field: field.to_owned(),
            raw,
        },
        key,
    )
}

/// The dedupe key of a change Meta sends about a line, made the same way as [`kept`]'s.
fn change_key(line: &LineId, field: &str, entry_time: Option<&Value>, raw: &Value) -> String {
    format!("change:{line}:{}", digest(field, entry_time, raw))
}

fn digest(field: &str, entry_time: Option<&Value>, raw: &Value) -> String {
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
    hex::encode(digest.finalize())
}

/// An `account_update` or `phone_number_quality_update`, when it carries an `event`.
fn report_of(field: &str, value: &Value) -> Option<LineReport> {
    let event = str_at(value, "event")?.to_owned();
    let text = |pointer: &str| {
        value
            .pointer(pointer)
            .and_then(|v| v.as_str().or_else(|| v.get(0)?.as_str()))
            .map(str::to_owned)
    };
    Some(if field == "account_update" {
        LineReport::Account {
            event,
            ban_state: text("/ban_info/waba_ban_state"),
            ban_date: text("/ban_info/waba_ban_date"),
            restrictions: value
                .get("restriction_info")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|r| str_at(r, "restriction_type").map(str::to_owned))
                .collect(),
            violation: text("/violation_info/violation_type"),
        }
    } else {
        LineReport::Quality {
            event,
            current_limit: text("/current_limit"),
        }
    })
}

/// `user_preferences`: customers who stopped or resumed a line's marketing messages.
fn parse_preferences(
    line: &LineId,
    value: &Value,
    entry_time: Option<&Value>,
    now: Timestamp,
    events: &mut Vec<NewEvent>,
) {
    for preference in value
        .get("user_preferences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let who = str_at(preference, "wa_id")
            .filter(|id| !id.is_empty())
            .or_else(|| str_at(preference, "user_id"));
        let marketing = str_at(preference, "category") == Some("marketing_messages");
        let stopped = match str_at(preference, "value") {
            Some("stop") => Some(true),
            Some("resume") => Some(false),
            _ => None,
        };
        let (Some(who), Some(stopped), true) = (who, stopped, marketing) else {
            events.push(kept(
                Some(line.clone()),
                "user_preferences",
                preference.clone(),
                entry_time,
            ));
            continue;
        };
        let at = timestamp(preference).unwrap_or(now);
        events.push(NewEvent::deduped(
            Event::MarketingPreferenceChanged {
                line: line.clone(),
                contact: ContactId::new(who),
                stopped,
                at,
                raw: preference.clone(),
            },
            format!("preference:{line}:{who}:{stopped}:{}", at.millis()),
        ));
    }
}

fn parse_messages(
    line: &LineId,
    value: &Value,
    entry_time: Option<&Value>,
    now: Timestamp,
    events: &mut Vec<NewEvent>,
) {
    let contacts = value.get("contacts").and_then(Value::as_array);
    let contact_of = |id: &str| {
        contacts?
            .iter()
            .find(|c| str_at(c, "wa_id") == Some(id) || str_at(c, "user_id") == Some(id))
    };
    let name_of = |id: &str| {
        contact_of(id)
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
        // The sender: `from` (a phone number), else the business-scoped user id, which
        // some messages carry only in `contacts[0].user_id`; a `user_changed_user_id`
        // notice names the old id it replaces.
        let from = present(str_at(message, "from"))
            .or_else(|| present(str_at(message, "from_user_id")))
            .or_else(|| {
                present(
                    contacts
                        .and_then(|c| c.first())
                        .and_then(|c| str_at(c, "user_id")),
                )
            })
            .or_else(|| {
                present(
                    message
                        .pointer("/system/previous_user_id")
                        .and_then(Value::as_str),
                )
            });
        let (Some(wamid), Some(from)) = (str_at(message, "id"), from) else {
            events.push(kept(
                Some(line.clone()),
                "messages",
                message.clone(),
                entry_time,
            ));
            continue;
        };
        // The sender's other ids: the same customer, so the same chat.
        let also_known_as: Vec<ContactId> = contact_of(from)
            .into_iter()
            .flat_map(|c| [str_at(c, "wa_id"), str_at(c, "user_id")])
            .chain([str_at(message, "from_user_id")])
            .flatten()
            .filter(|id| !id.is_empty() && *id != from)
            .map(ContactId::new)
            .collect();
        // In a group the chat is the group's, and the sender is one of its members.
        let group = present(str_at(message, "group_id"));
        let (contact, profile_name, participant) = match group {
            Some(group) => (
                ContactId::new(group),
                None,
                Some(Participant {
                    id: ContactId::new(from),
                    name: name_of(from),
                }),
            ),
            None => (ContactId::new(from), name_of(from), None),
        };
        events.push(NewEvent::deduped(
            Event::MessageReceived {
                line: line.clone(),
                contact,
                profile_name,
                wamid: Wamid::new(wamid),
                sent_at: timestamp(message).unwrap_or(now),
                body: body_of(message),
                context: context_of(message),
                referral: message.get("referral").map(referral_of),
                participant,
                also_known_as: if group.is_some() {
                    Vec::new()
                } else {
                    also_known_as
                },
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
        // A group message has a status per member: each is its own report.
        let participant = str_at(status, "recipient_participant_id")
            .or_else(|| str_at(status, "recipient_participant_user_id"))
            .filter(|id| !id.is_empty());
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
                at: timestamp(status),
                participant: participant.map(ContactId::new),
                raw: status.clone(),
            },
            match participant {
                Some(member) => format!(
                    "status:{wamid}:{}:{member}",
                    str_at(status, "status").unwrap_or_default()
                ),
                None => format!(
                    "status:{wamid}:{}",
                    str_at(status, "status").unwrap_or_default()
                ),
            },
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

/// A value Meta sent, unless it is empty (`"wa_id": ""` for a user with a username).
fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
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
