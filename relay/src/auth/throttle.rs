//! The login throttle's memory (the rules are `switchboard_domain::throttle`): attempts by
//! key, in memory (a restart forgets them, which only gives an attacker the few free
//! attempts again).
//!
//! A login without a known device is keyed by account *and* address, and by address: a
//! stranger's guesses from elsewhere never slow the real member down, and one address cannot
//! try many accounts. A login carrying the cookie of a device that logged in as that account
//! before is keyed by that device alone, so it is not slowed by anyone else's failures (the
//! device cookie OWASP recommends against lock-out).

use crate::{clock::Clock, error::ApiError};
use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
};
use switchboard_domain::throttle::{Attempts, Outcome};

pub struct Throttle {
    attempts: Mutex<HashMap<String, Attempts>>,
    clock: Clock,
}

/// One throttle key of an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    name: String,
    /// A success clears its failures (true for all but the address's).
    cleared_by_success: bool,
}

impl Key {
    /// The keys of a login for the account `username` (as typed, case-insensitive, whether or
    /// not it exists) from `address`; `device` is the id of a known device of that account.
    pub fn login(username: &str, address: IpAddr, device: Option<&str>) -> Vec<Self> {
        let account = username.trim().to_lowercase();
        match device {
            Some(device) => vec![Self::cleared(format!("device:{device}"))],
            None => vec![
                Self::cleared(format!("account:{account}|address:{address}")),
                Self {
                    name: format!("address:{address}"),
                    cleared_by_success: false,
                },
            ],
        }
    }

    /// The key of the second-factor codes a logged-in member types (to turn it on or off, or
    /// with a reset link).
    pub fn totp(username: &str) -> Vec<Self> {
        vec![Self::cleared(format!("totp:{username}"))]
    }

    fn cleared(name: String) -> Self {
        Self {
            name,
            cleared_by_success: true,
        }
    }
}

/// An attempt in progress: it holds its slot on every key until settled. Dropped unsettled
/// (the request ended, the relay was busy) it gives the slot back as if never begun.
pub struct Slot {
    throttle: Arc<Throttle>,
    keys: Vec<Key>,
    settled: bool,
}

impl Slot {
    pub fn settle(mut self, outcome: Outcome) {
        self.settled = true;
        self.throttle.settle(&self.keys, outcome);
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if !self.settled {
            self.throttle.settle(&self.keys, Outcome::Abandoned);
        }
    }
}

impl Throttle {
    pub fn new(clock: Clock) -> Self {
        Self {
            attempts: Mutex::default(),
            clock,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Attempts>> {
        self.attempts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes a slot on every key before the secret is checked, or refuses with how long to
    /// wait. Attempts in progress count as failures, so parallel guesses wait like serial ones.
    pub fn begin(self: &Arc<Self>, keys: Vec<Key>) -> Result<Slot, ApiError> {
        let now = self.clock.now();
        let mut attempts = self.lock();
        attempts.retain(|_, a| !a.forgotten(now));
        let wait = keys
            .iter()
            .filter_map(|k| attempts.get(&k.name)?.wait(now))
            .max();
        if let Some(wait_ms) = wait {
            return Err(ApiError::TooManyAttempts {
                seconds: (wait_ms + 999) / 1000,
            });
        }
        for key in &keys {
            // Cannot wait: checked above under the same lock.
            let _ = attempts.entry(key.name.clone()).or_default().begin(now);
        }
        Ok(Slot {
            throttle: Arc::clone(self),
            keys,
            settled: false,
        })
    }

    fn settle(&self, keys: &[Key], outcome: Outcome) {
        let now = self.clock.now();
        let mut attempts = self.lock();
        for key in keys {
            let outcome = match outcome {
                Outcome::Succeeded if !key.cleared_by_success => Outcome::Abandoned,
                other => other,
            };
            if let Some(entry) = attempts.get_mut(&key.name) {
                entry.settle(outcome, now);
            }
        }
    }
}

/// The client's address: the TCP peer's, or, when the peer is one of `trusted_proxies`, the
/// last address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(
    peer: IpAddr,
    headers: &axum::http::HeaderMap,
    trusted_proxies: &[IpAddr],
) -> IpAddr {
    let peer = peer.to_canonical();
    let trusted = |ip: &IpAddr| trusted_proxies.iter().any(|t| t.to_canonical() == *ip);
    if !trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()))
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !trusted(ip))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;
    use switchboard_domain::Timestamp;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().expect("header"));
        headers
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.1");
        let headers = forwarded("198.51.100.7, 203.0.113.9");
        assert_eq!(client_address(proxy, &headers, &[proxy]), ip("203.0.113.9"));
        assert_eq!(
            client_address(ip("10.0.0.2"), &headers, &[proxy]),
            ip("10.0.0.2")
        );
        // A chain of trusted proxies is skipped; the client is the last untrusted hop.
        let inner = ip("10.0.0.3");
        let headers = forwarded("203.0.113.9, 10.0.0.3");
        assert_eq!(
            client_address(proxy, &headers, &[proxy, inner]),
            ip("203.0.113.9")
        );
        // Garbage in the header: the proxy's own address, never a made-up one.
        assert_eq!(
            client_address(proxy, &forwarded("nonsense"), &[proxy]),
            proxy
        );
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }

    #[test]
    fn a_strangers_failures_do_not_touch_the_members_keys() {
        let throttle = Arc::new(Throttle::new(Clock::manual(Timestamp(1_000_000))));
        let stranger = Key::login("admin", ip("203.0.113.9"), None);
        for _ in 0..10 {
            if let Ok(slot) = throttle.begin(stranger.clone()) {
                slot.settle(Outcome::Failed);
            }
        }
        assert!(throttle.begin(stranger).is_err());
        assert!(
            throttle
                .begin(Key::login("Admin ", ip("198.51.100.7"), None))
                .is_ok()
        );
        assert!(
            throttle
                .begin(Key::login("admin", ip("203.0.113.9"), Some("d1")))
                .is_ok()
        );
    }
}
