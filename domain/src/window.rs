//! The 24-hour customer-service window: a customer's message opens it for 24 hours and
//! each new one restarts it. Inside it any message may be sent; outside it only an
//! approved template (Meta answers 131047 otherwise).

use crate::Timestamp;
use serde::{Deserialize, Serialize};

pub const WINDOW_SECONDS: i64 = 24 * 60 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    /// Free-form messages may be sent until `closes_at`.
    Open {
        closes_at: Timestamp,
        remaining_ms: i64,
    },
    /// The customer has never written, or wrote more than 24 hours ago.
    Closed,
}

impl Window {
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open { .. })
    }
}

/// The window at `now`, given when the customer last wrote.
pub fn window(last_inbound: Option<Timestamp>, now: Timestamp) -> Window {
    let Some(last) = last_inbound else {
        return Window::Closed;
    };
    let closes_at = last.plus_seconds(WINDOW_SECONDS);
    let remaining_ms = closes_at.millis() - now.millis();
    if remaining_ms > 0 {
        Window::Open {
            closes_at,
            remaining_ms,
        }
    } else {
        Window::Closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const LAST: Timestamp = Timestamp::from_unix_seconds(1_700_000_000);

    #[rstest]
    #[case::just_received(0, true)]
    #[case::one_second_before_close(WINDOW_SECONDS - 1, true)]
    #[case::at_exactly_24_hours(WINDOW_SECONDS, false)]
    #[case::a_day_later(WINDOW_SECONDS + 1, false)]
    fn inbound_message_opens_window_for_24_hours(#[case] elapsed: i64, #[case] open: bool) {
        assert_eq!(
            window(Some(LAST), LAST.plus_seconds(elapsed)).is_open(),
            open
        );
    }

    #[test]
    fn window_reports_time_left() {
        let now = LAST.plus_seconds(WINDOW_SECONDS - 60);
        assert_eq!(
            window(Some(LAST), now),
            Window::Open {
                closes_at: LAST.plus_seconds(WINDOW_SECONDS),
                remaining_ms: 60_000
            }
        );
    }

    #[test]
    fn no_inbound_message_means_closed() {
        assert_eq!(window(None, LAST), Window::Closed);
    }
}
