//! Any bytes Meta (or anyone holding the app secret) could POST: the parser must not panic,
//! and whatever valid JSON it accepts it must keep — every message and status of the input
//! is the `raw` of some event, and every other change is kept whole.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use switchboard_domain::{Event, LineId, Timestamp};
use switchboard_relay::whatsapp::webhook;

fuzz_target!(|data: &[u8]| {
    let Ok(events) = webhook::parse(data, |_: &str| Some(LineId::new("fuzz")), Timestamp(0)) else {
        return;
    };
    let input: Value = serde_json::from_slice(data).expect("the parser accepted valid JSON only");
    let carried: Vec<&Value> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::MessageReceived { raw, .. }
            | Event::StatusUpdated { raw, .. }
            | Event::WebhookKept { raw, .. } => Some(raw),
            _ => None,
        })
        .collect();
    let Some(entries) = input
        .get("entry")
        .and_then(Value::as_array)
        .filter(|e| !e.is_empty())
    else {
        assert!(
            carried.contains(&&input),
            "a body without entries is kept whole"
        );
        return;
    };
    for entry in entries {
        for change in entry
            .get("changes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            // A change the parser does not act on (another field, or messages of no known
            // line) is kept whole; otherwise each message and status is carried.
            if carried.contains(&change) {
                continue;
            }
            assert_eq!(
                change.get("field").and_then(Value::as_str),
                Some("messages"),
                "other changes are kept whole"
            );
            let value = change.get("value").unwrap_or(&Value::Null);
            for key in ["messages", "statuses"] {
                for item in value
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    assert!(carried.contains(&item), "every {key} item is carried");
                }
            }
        }
    }
});
