//! Times, dates, numbers and sizes in the member's language and the browser's time zone,
//! through the browser's `Intl` (no formatting tables in the wasm). "Today", "Yesterday" and
//! the window's wording come from the catalogues.

use crate::i18n::{locale_untracked, t, t_with};
use js_sys::{Array, Intl, Object, Reflect};
use std::{cell::RefCell, collections::HashMap};
use switchboard_domain::{Timestamp, Window, i18n::Locale};
use wasm_bindgen::JsValue;

/// Which `Intl.DateTimeFormat` a function needs: made once per language, then reused (a
/// formatter is slow to make and the chat list formats a date per row).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Style {
    /// `14:05` (`2:05 PM` in English).
    Clock,
    /// `Nov 21`, `21 nov`, `21 de nov.`.
    MonthDay,
    /// `Nov 21, 2026, 14:05`.
    DateTime,
    /// `Fri, Nov 20, 2026`.
    Day,
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<(Locale, Style), Intl::DateTimeFormat>> =
        RefCell::new(HashMap::new());
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn locales(locale: Locale) -> Array {
    Array::of1(&JsValue::from_str(locale.tag()))
}

fn formatted(style: Style, at: Timestamp) -> String {
    let locale = locale_untracked();
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let formatter = cache.entry((locale, style)).or_insert_with(|| {
            let pairs: &[(&str, &str)] = match style {
                Style::Clock => &[("hour", "numeric"), ("minute", "2-digit")],
                Style::MonthDay => &[("month", "short"), ("day", "numeric")],
                Style::DateTime => &[
                    ("year", "numeric"),
                    ("month", "short"),
                    ("day", "numeric"),
                    ("hour", "numeric"),
                    ("minute", "2-digit"),
                ],
                Style::Day => &[
                    ("weekday", "short"),
                    ("year", "numeric"),
                    ("month", "short"),
                    ("day", "numeric"),
                ],
            };
            Intl::DateTimeFormat::new(&locales(locale), &options(pairs))
        });
        let format = formatter.format();
        format
            .call1(&JsValue::NULL, &date(at))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

fn date(at: Timestamp) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(at.millis() as f64))
}

/// `14:05`.
pub fn clock(at: Timestamp) -> String {
    formatted(Style::Clock, at)
}

fn same_day(a: &js_sys::Date, b: &js_sys::Date) -> bool {
    a.get_full_year() == b.get_full_year()
        && a.get_month() == b.get_month()
        && a.get_date() == b.get_date()
}

/// `14:05` today, `Nov 21` before.
pub fn short(at: Timestamp, now: Timestamp) -> String {
    if same_day(&date(at), &date(now)) {
        clock(at)
    } else {
        formatted(Style::MonthDay, at)
    }
}

/// `Nov 21, 2026, 14:05`.
pub fn date_time(at: Timestamp) -> String {
    formatted(Style::DateTime, at)
}

/// How long replies stay allowed in the 24-hour window, or that they are not.
pub fn window_label(window: Window) -> String {
    match window {
        Window::Open { remaining_ms, .. } => {
            let minutes = remaining_ms.div_euclid(60_000);
            t_with(
                "window-open",
                &[
                    ("hours", (minutes / 60).into()),
                    ("minutes", (minutes % 60).into()),
                ],
            )
        }
        Window::Closed => t("window-closed"),
    }
}

/// A day separator in a chat: `Today`, `Yesterday`, or `Fri, Nov 20, 2026`.
pub fn day(at: Timestamp, now: Timestamp) -> String {
    let d = date(at);
    if same_day(&d, &date(now)) {
        t("day-today")
    } else if same_day(&d, &date(Timestamp(now.0 - 86_400_000))) {
        t("day-yesterday")
    } else {
        formatted(Style::Day, at)
    }
}

/// Which `Intl.NumberFormat` a function needs, cached like the date formatters.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    None,
    Byte,
    Kilobyte,
    /// With one decimal: `1.2 MB`.
    Megabyte,
}

thread_local! {
    static NUMBER_FORMATTERS: RefCell<HashMap<(Locale, Unit), Intl::NumberFormat>> =
        RefCell::new(HashMap::new());
}

fn formatted_number(unit: Unit, value: f64) -> Option<String> {
    let locale = locale_untracked();
    NUMBER_FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let formatter = cache.entry((locale, unit)).or_insert_with(|| {
            let (name, digits) = match unit {
                Unit::None => return Intl::NumberFormat::new(&locales(locale), &Object::new()),
                Unit::Byte => ("byte", "0"),
                Unit::Kilobyte => ("kilobyte", "0"),
                Unit::Megabyte => ("megabyte", "1"),
            };
            let pairs = [
                ("style", "unit"),
                ("unit", name),
                ("unitDisplay", "short"),
                ("maximumFractionDigits", digits),
            ];
            Intl::NumberFormat::new(&locales(locale), &options(&pairs))
        });
        formatter
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(value))
            .ok()
            .and_then(|s| s.as_string())
    })
}

/// `1,234` / `1.234`.
pub fn number(value: f64) -> String {
    formatted_number(Unit::None, value).unwrap_or_else(|| value.to_string())
}

/// `1.2 MB`, `340 kB`, `12 byte` in the member's language.
pub fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b >= KB * KB {
        (b / KB / KB, Unit::Megabyte)
    } else if b >= KB {
        (b / KB, Unit::Kilobyte)
    } else {
        (b, Unit::Byte)
    };
    formatted_number(unit, value).unwrap_or_else(|| format!("{bytes} B"))
}
