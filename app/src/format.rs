//! Human-readable times, in the browser's time zone.

use switchboard_domain::{Timestamp, Window};
use wasm_bindgen::JsValue;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Nov`.
fn month(d: &js_sys::Date) -> &'static str {
    MONTHS
        .get(d.get_month() as usize)
        .copied()
        .unwrap_or_default()
}

fn date(at: Timestamp) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(at.millis() as f64))
}

/// `14:05`.
pub fn clock(at: Timestamp) -> String {
    let d = date(at);
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// `14:05` today, `Nov 21` before.
pub fn short(at: Timestamp, now: Timestamp) -> String {
    let (d, today) = (date(at), date(now));
    let same_day = d.get_full_year() == today.get_full_year()
        && d.get_month() == today.get_month()
        && d.get_date() == today.get_date();
    if same_day {
        clock(at)
    } else {
        let month = month(&d);
        format!("{month} {}", d.get_date())
    }
}

/// `Nov 21 2026, 14:05`.
pub fn date_time(at: Timestamp) -> String {
    let d = date(at);
    let month = month(&d);
    format!(
        "{month} {} {}, {}",
        d.get_date(),
        d.get_full_year(),
        clock(at)
    )
}

/// `open · 23h 12m left` or `closed`.
pub fn window_label(window: Window) -> String {
    match window {
        Window::Open { remaining_ms, .. } => {
            let minutes = remaining_ms.div_euclid(60_000);
            format!("open · {}h {:02}m left", minutes / 60, minutes % 60)
        }
        Window::Closed => "closed".to_owned(),
    }
}

/// A day separator in a chat: `Today`, `Yesterday`, or `Fri, Nov 20 2026`.
pub fn day(at: Timestamp, now: Timestamp) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let key = |d: &js_sys::Date| (d.get_full_year(), d.get_month(), d.get_date());
    let d = date(at);
    let today = date(now);
    let yesterday = date(Timestamp(now.0 - 86_400_000));
    if key(&d) == key(&today) {
        "Today".to_owned()
    } else if key(&d) == key(&yesterday) {
        "Yesterday".to_owned()
    } else {
        let month = month(&d);
        let weekday = DAYS.get(d.get_day() as usize).copied().unwrap_or_default();
        format!("{weekday}, {month} {} {}", d.get_date(), d.get_full_year())
    }
}

/// `1.2 MB`, `340 KB`, `12 bytes`.
pub fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} bytes")
    }
}
