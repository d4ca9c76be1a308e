//! Meta's limits on media: which MIME types each kind accepts and how large a file may be.

use crate::{Timestamp, message::MediaKind};

const MB: u64 = 1024 * 1024;

/// The kind a MIME type is sent as, and its size limit in bytes; `None` when WhatsApp does
/// not accept the type.
pub fn limit_for(mime_type: &str) -> Option<(MediaKind, u64)> {
    Some(match essence(mime_type).as_str() {
        "audio/aac" | "audio/amr" | "audio/mpeg" | "audio/mp4" | "audio/ogg" => {
            (MediaKind::Audio, 16 * MB)
        }
        "image/jpeg" | "image/png" => (MediaKind::Image, 5 * MB),
        "image/webp" => (MediaKind::Sticker, 500 * 1024),
        "video/mp4" | "video/3gpp" => (MediaKind::Video, 16 * MB),
        "text/plain"
        | "application/pdf"
        | "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.ms-powerpoint"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            (MediaKind::Document, 100 * MB)
        }
        _ => return None,
    })
}

/// The largest file Meta delivers or accepts (a document).
pub const LARGEST: u64 = 100 * MB;

/// The kind and size limit of a file a *customer* sent. Customers' phones send types Meta
/// never accepts outbound (zip, csv, heic …): those are documents up to the largest limit,
/// so no file a customer sent is refused for its type.
pub fn inbound_limit_for(mime_type: &str) -> (MediaKind, u64) {
    limit_for(mime_type).unwrap_or((MediaKind::Document, LARGEST))
}

/// Whether the app shows a file of this type in the page (photo, sticker, player). Every
/// other type is served as a download with a neutral type, never rendered by the browser.
pub fn shown_inline(mime_type: &str) -> bool {
    matches!(
        essence(mime_type).as_str(),
        "image/jpeg"
            | "image/png"
            | "image/webp"
            | "audio/aac"
            | "audio/amr"
            | "audio/mpeg"
            | "audio/mp4"
            | "audio/ogg"
            | "video/mp4"
            | "video/3gpp"
    )
}

/// `audio/ogg; codecs=opus` → `audio/ogg`, lower case.
pub fn essence(mime_type: &str) -> String {
    mime_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The kind as a person reads it.
pub fn kind_name(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Image => "image",
        MediaKind::Video => "video",
        MediaKind::Audio | MediaKind::Voice => "audio",
        MediaKind::Document => "document",
        MediaKind::Sticker => "sticker",
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MediaError {
    UnsupportedType(String),
    TooLarge {
        kind: &'static str,
        size: u64,
        limit: u64,
    },
    Empty,
}

impl MediaError {
    /// The sentence for a person, in `locale`.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::text_with;
        match self {
            Self::UnsupportedType(mime) => {
                text_with(locale, "error-media-type", &[("type", mime.into())])
            }
            Self::TooLarge { kind, size, limit } => {
                let (mut shown, limit) = (crate::i18n::bytes(*size), crate::i18n::bytes(*limit));
                // Just over the limit rounds to it: then the exact size says why.
                if shown == limit {
                    shown = format!("{size} B");
                }
                text_with(
                    locale,
                    "error-media-too-large",
                    &[
                        ("kind", (*kind).into()),
                        ("size", shown.into()),
                        ("limit", limit.into()),
                    ],
                )
            }
            Self::Empty => text_with(locale, "error-media-empty", &[]),
        }
    }
}

crate::english_display!(MediaError);

/// Checks a file against Meta's limits before it is uploaded.
pub fn check(mime_type: &str, size: u64) -> Result<MediaKind, MediaError> {
    let (kind, limit) =
        limit_for(mime_type).ok_or_else(|| MediaError::UnsupportedType(mime_type.to_owned()))?;
    if size == 0 {
        return Err(MediaError::Empty);
    }
    if size > limit {
        return Err(MediaError::TooLarge {
            kind: kind_name(kind),
            size,
            limit,
        });
    }
    Ok(kind)
}

/// How long to wait before fetching a customer's file again after `attempts` failed
/// downloads; `None` once it is time to give up (Meta's URLs and ids expire anyway).
pub fn retry_delay_seconds(attempts: u32) -> Option<i64> {
    match attempts {
        0 => Some(0),
        1 => Some(30),
        2 => Some(2 * 60),
        3 => Some(10 * 60),
        4 => Some(60 * 60),
        5 => Some(6 * 60 * 60),
        _ => None,
    }
}

/// Why a stored file was removed from the relay's disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eviction {
    /// Older than the retention period.
    Retention,
    /// The oldest file when the files together passed the disk quota.
    Quota,
}

impl Eviction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Retention => "retention",
            Self::Quota => "quota",
        }
    }
}

/// `2026-12-02 18:40 UTC`: when something happened, as a person reads it in a message.
pub fn utc_minute(at: Timestamp) -> String {
    let seconds = at.millis().div_euclid(1000);
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// A file on the relay's disk, as the eviction rule sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredFile {
    pub fetched_at: Timestamp,
    pub size: u64,
}

/// Which of `files` to remove at `now`, and why, oldest first: every file fetched more than
/// `retention_seconds` ago, then the oldest of the rest until they fit in `quota` bytes.
/// Indexes point into `files`.
pub fn evictions(
    files: &[StoredFile],
    now: Timestamp,
    retention_seconds: i64,
    quota: u64,
) -> Vec<(usize, Eviction)> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| (files[i].fetched_at, i));
    let cutoff = now.plus_seconds(-retention_seconds);
    let mut kept: u64 = files.iter().map(|f| f.size).sum();
    let mut evicted = Vec::new();
    for i in order {
        let file = files[i];
        let reason = if file.fetched_at < cutoff {
            Eviction::Retention
        } else if kept > quota {
            Eviction::Quota
        } else {
            break;
        };
        kept -= file.size;
        evicted.push((i, reason));
    }
    evicted
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const DAY: i64 = 24 * 60 * 60;

    fn file(day: i64, size: u64) -> StoredFile {
        StoredFile {
            fetched_at: Timestamp::from_unix_seconds(day * DAY),
            size,
        }
    }

    #[rstest]
    // Fetched exactly 30 days ago stays; a millisecond more goes.
    #[case(Timestamp::from_unix_seconds(40 * DAY), vec![])]
    #[case(Timestamp(40 * DAY * 1000 + 1), vec![(0, Eviction::Retention)])]
    fn retention_ends_after_the_period(
        #[case] now: Timestamp,
        #[case] expected: Vec<(usize, Eviction)>,
    ) {
        let files = [file(10, 1), file(20, 1)];
        assert_eq!(evictions(&files, now, 30 * DAY, 100), expected);
    }

    #[test]
    fn quota_evicts_oldest_first_until_the_rest_fits() {
        let now = Timestamp::from_unix_seconds(10 * DAY);
        // Out of order on purpose: index 2 is the oldest.
        let files = [file(5, 40), file(7, 40), file(3, 40), file(8, 40)];
        assert_eq!(
            evictions(&files, now, 30 * DAY, 100),
            vec![(2, Eviction::Quota), (0, Eviction::Quota)]
        );
        assert_eq!(evictions(&files, now, 30 * DAY, 160), vec![]);
        // Expired files go first, and the space they free counts toward the quota.
        assert_eq!(
            evictions(&files, now, 6 * DAY, 100),
            vec![(2, Eviction::Retention), (0, Eviction::Quota)]
        );
        assert_eq!(
            evictions(&files, now, 6 * DAY, 120),
            vec![(2, Eviction::Retention)]
        );
    }

    #[rstest]
    #[case(0, "1970-01-01 00:00 UTC")]
    #[case(1_798_761_599, "2026-12-31 23:59 UTC")]
    #[case(1_709_164_800, "2024-02-29 00:00 UTC")]
    fn times_read_as_utc_minutes(#[case] seconds: i64, #[case] text: &str) {
        assert_eq!(utc_minute(Timestamp::from_unix_seconds(seconds)), text);
    }

    #[test]
    fn retries_back_off_then_give_up() {
        let delays: Vec<_> = (0..7).map(retry_delay_seconds).collect();
        assert_eq!(
            delays,
            vec![
                Some(0),
                Some(30),
                Some(120),
                Some(600),
                Some(3600),
                Some(21600),
                None
            ]
        );
    }

    #[rstest]
    #[case("image/jpeg", 5 * MB, true)]
    #[case("image/jpeg", 5 * MB + 1, false)]
    #[case("video/mp4", 16 * MB, true)]
    #[case("video/mp4", 16 * MB + 1, false)]
    #[case("audio/ogg; codecs=opus", 16 * MB, true)]
    #[case("application/pdf", 100 * MB, true)]
    #[case("application/pdf", 100 * MB + 1, false)]
    #[case("image/webp", 500 * 1024, true)]
    #[case("image/webp", 500 * 1024 + 1, false)]
    fn sizes_are_checked_at_the_limit(#[case] mime: &str, #[case] size: u64, #[case] ok: bool) {
        assert_eq!(check(mime, size).is_ok(), ok, "{mime} {size}");
    }

    #[rstest]
    #[case("application/zip", MediaKind::Document, 100 * MB)]
    #[case("text/csv", MediaKind::Document, 100 * MB)]
    #[case("image/heic", MediaKind::Document, 100 * MB)]
    #[case("text/html", MediaKind::Document, 100 * MB)]
    #[case("image/jpeg", MediaKind::Image, 5 * MB)]
    #[case("audio/ogg; codecs=opus", MediaKind::Audio, 16 * MB)]
    fn any_inbound_type_is_accepted_up_to_its_limit(
        #[case] mime: &str,
        #[case] kind: MediaKind,
        #[case] limit: u64,
    ) {
        assert_eq!(inbound_limit_for(mime), (kind, limit));
    }

    #[rstest]
    #[case("image/png", true)]
    #[case("audio/ogg; codecs=opus", true)]
    #[case("video/mp4", true)]
    #[case("application/pdf", false)]
    #[case("text/html", false)]
    #[case("image/svg+xml", false)]
    #[case("application/zip", false)]
    fn only_what_the_app_shows_is_served_inline(#[case] mime: &str, #[case] inline: bool) {
        assert_eq!(shown_inline(mime), inline);
    }

    #[test]
    fn unknown_types_and_empty_files_are_refused_with_a_reason() {
        assert!(matches!(
            check("text/html", 10),
            Err(MediaError::UnsupportedType(_))
        ));
        assert_eq!(check("image/png", 0), Err(MediaError::Empty));
        assert!(
            check("image/gif", 10)
                .unwrap_err()
                .to_string()
                .contains("JPEG or PNG")
        );
    }
}
