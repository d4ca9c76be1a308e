//! The relay's one clock. Everything else takes time as an argument.

use switchboard_domain::Timestamp;

#[allow(
    clippy::disallowed_methods,
    reason = "this is the one module allowed to read the clock"
)]
pub fn now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(millis)
}
