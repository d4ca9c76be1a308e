//! Two-factor codes (RFC 6238: SHA-1, 6 digits, 30-second steps, the parameters every
//! authenticator app reads), the enrolment QR code, and replay protection: a step that
//! was used once is never accepted again.

use rand_core::{OsRng, RngCore};
use serde::Serialize;
use switchboard_domain::Timestamp;
use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "Switchboard";
const STEP_SECONDS: u64 = 30;

/// What the enrolment page shows: the QR code (and the seed, for typing in by hand). Sent
/// once, to the member enrolling; never again.
#[derive(Clone, Debug, Serialize)]
pub struct Enrolment {
    pub secret: String,
    pub otpauth_url: String,
    pub qr_svg: String,
}

/// A new random seed (160 bits, as RFC 4226 recommends), base32-encoded.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP_SECONDS,
        bytes,
        Some(ISSUER.to_owned()),
        account.to_owned(),
    )
    .ok()
}

pub fn enrolment(secret: &str, account: &str) -> Enrolment {
    let otpauth_url = totp(secret, account)
        .map(|t| t.get_url())
        .unwrap_or_default();
    let qr_svg = qrcode::QrCode::new(otpauth_url.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(200, 200)
                .build()
        })
        .unwrap_or_default();
    Enrolment {
        secret: secret.to_owned(),
        otpauth_url,
        qr_svg,
    }
}

/// The step `code` belongs to, when it is right for now (or one step either side, for
/// clocks a little off) and later than `last_used`.
pub fn check(
    secret: &str,
    account: &str,
    code: &str,
    now: Timestamp,
    last_used: i64,
) -> Option<i64> {
    let totp = totp(secret, account)?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let current = u64::try_from(now.0 / 1000).ok()? / STEP_SECONDS;
    (current.saturating_sub(1)..=current + 1)
        .filter(|step| i64::try_from(*step).is_ok_and(|s| s > last_used))
        .find(|step| totp.check(&code, step * STEP_SECONDS))
        .and_then(|step| i64::try_from(step).ok())
}

/// The code an authenticator shows at `now` (for tests and the test suite's fake phone).
pub fn code_at(secret: &str, now: Timestamp) -> String {
    totp(secret, "x")
        .map(|t| t.generate(u64::try_from(now.0 / 1000).unwrap_or_default()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_6238_test_vector() {
        // RFC 6238 appendix B: the ASCII seed "12345678901234567890", SHA-1, T = 59 s.
        let seed = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        assert_eq!(code_at(&seed, Timestamp(59_000)), "287082");
        assert_eq!(code_at(&seed, Timestamp(1_111_111_109_000)), "081804");
    }

    #[test]
    fn accepts_a_step_either_side_once() {
        let seed = new_secret();
        let now = Timestamp(1_700_000_000_000);
        let earlier = code_at(&seed, Timestamp(now.0 - 30_000));
        let step = check(&seed, "ana", &earlier, now, 0).expect("one step late is fine");
        assert!(check(&seed, "ana", &earlier, now, step).is_none());
        let stale = code_at(&seed, Timestamp(now.0 - 90_000));
        assert!(check(&seed, "ana", &stale, now, 0).is_none());
        assert!(
            enrolment(&seed, "ana")
                .otpauth_url
                .starts_with("otpauth://totp/Switchboard:ana?")
        );
    }
}
