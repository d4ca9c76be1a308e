//! What Meta reports about a line's account and number (`account_update`,
//! `phone_number_quality_update`), and which of those reports an admin must act on.

use serde::{Deserialize, Serialize};

/// One report from Meta about a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineReport {
    /// The WhatsApp Business Account was banned, restricted, warned or reinstated.
    Account {
        /// Meta's `event`: DISABLED_UPDATE, ACCOUNT_RESTRICTION, ACCOUNT_VIOLATION,
        /// VERIFIED_ACCOUNT …
        event: String,
        /// `ban_info.waba_ban_state`: DISABLE, SCHEDULE_FOR_DISABLE, REINSTATE.
        ban_state: Option<String>,
        ban_date: Option<String>,
        /// `restriction_info[].restriction_type`.
        restrictions: Vec<String>,
        /// `violation_info.violation_type`.
        violation: Option<String>,
    },
    /// The number's quality or messaging limit changed.
    Quality {
        /// FLAGGED, UNFLAGGED, DOWNGRADE, UPGRADE, ONBOARDING …
        event: String,
        /// TIER_250, TIER_1K, TIER_10K, TIER_100K, TIER_UNLIMITED.
        current_limit: Option<String>,
    },
}

/// How much a report asks of an admin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Good news or nothing to do (reinstated, upgraded, unflagged).
    Info,
    /// Sending is at risk: the number was flagged or its limit lowered, or the account warned.
    Warning,
    /// Sending stops or is limited now: the account is banned or restricted.
    Blocking,
}

impl LineReport {
    pub fn severity(&self) -> Severity {
        match self {
            Self::Account {
                event,
                ban_state,
                restrictions,
                ..
            } => match (ban_state.as_deref(), event.as_str()) {
                (Some("REINSTATE"), _) => Severity::Info,
                (Some(_), _) => Severity::Blocking,
                (None, "ACCOUNT_RESTRICTION") if !restrictions.is_empty() => Severity::Blocking,
                (None, "ACCOUNT_VIOLATION" | "ACCOUNT_RESTRICTION" | "DISABLED_UPDATE") => {
                    Severity::Warning
                }
                _ => Severity::Info,
            },
            Self::Quality { event, .. } => match event.as_str() {
                "FLAGGED" | "DOWNGRADE" => Severity::Warning,
                _ => Severity::Info,
            },
        }
    }

    /// The catalogue key of the sentence an admin reads for this report.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Account { ban_state, .. } => match ban_state.as_deref() {
                Some("REINSTATE") => "line-report-reinstated",
                Some("SCHEDULE_FOR_DISABLE") => "line-report-ban-scheduled",
                Some(_) => "line-report-banned",
                None => match self.severity() {
                    Severity::Blocking => "line-report-restricted",
                    Severity::Warning => "line-report-violation",
                    Severity::Info => "line-report-account",
                },
            },
            Self::Quality { event, .. } => match event.as_str() {
                "FLAGGED" => "line-report-flagged",
                "DOWNGRADE" => "line-report-downgraded",
                "UPGRADE" => "line-report-upgraded",
                "UNFLAGGED" => "line-report-unflagged",
                _ => "line-report-quality",
            },
        }
    }

    /// Meta's own words for the report (event, state, limit), for the admin to look up.
    pub fn detail(&self) -> String {
        match self {
            Self::Account {
                event,
                ban_state,
                ban_date,
                restrictions,
                violation,
            } => [
                Some(event.clone()),
                ban_state.clone(),
                ban_date.clone(),
                violation.clone(),
            ]
            .into_iter()
            .flatten()
            .chain(restrictions.iter().cloned())
            .collect::<Vec<_>>()
            .join(" · "),
            Self::Quality {
                event,
                current_limit,
            } => [Some(event.clone()), current_limit.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }

    /// Account and quality reports are kept apart: a quality upgrade does not lift a ban.
    pub fn is_account(&self) -> bool {
        matches!(self, Self::Account { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(event: &str, ban: Option<&str>, restrictions: &[&str]) -> LineReport {
        LineReport::Account {
            event: event.into(),
            ban_state: ban.map(Into::into),
            ban_date: None,
            restrictions: restrictions.iter().map(|r| (*r).into()).collect(),
            violation: None,
        }
    }

    #[test]
    fn a_ban_or_restriction_blocks_and_reinstatement_is_news() {
        let banned = account("DISABLED_UPDATE", Some("DISABLE"), &[]);
        assert_eq!(banned.severity(), Severity::Blocking);
        assert_eq!(banned.message_key(), "line-report-banned");
        let restricted = account(
            "ACCOUNT_RESTRICTION",
            None,
            &["RESTRICTED_BIZ_INITIATED_MESSAGING"],
        );
        assert_eq!(restricted.severity(), Severity::Blocking);
        assert_eq!(restricted.message_key(), "line-report-restricted");
        assert_eq!(
            account("ACCOUNT_VIOLATION", None, &[]).severity(),
            Severity::Warning
        );
        let back = account("DISABLED_UPDATE", Some("REINSTATE"), &[]);
        assert_eq!(back.severity(), Severity::Info);
        assert_eq!(back.message_key(), "line-report-reinstated");
        assert_eq!(
            account("VERIFIED_ACCOUNT", None, &[]).severity(),
            Severity::Info
        );
    }

    #[test]
    fn a_flag_or_downgrade_warns_and_names_the_limit() {
        let flagged = LineReport::Quality {
            event: "FLAGGED".into(),
            current_limit: Some("TIER_1K".into()),
        };
        assert_eq!(flagged.severity(), Severity::Warning);
        assert_eq!(flagged.detail(), "FLAGGED · TIER_1K");
        let upgraded = LineReport::Quality {
            event: "UPGRADE".into(),
            current_limit: Some("TIER_10K".into()),
        };
        assert_eq!(upgraded.severity(), Severity::Info);
        assert_eq!(upgraded.message_key(), "line-report-upgraded");
    }

    #[test]
    fn every_report_has_a_sentence_in_every_language() {
        let quality = |event: &str| LineReport::Quality {
            event: event.into(),
            current_limit: None,
        };
        let reports = [
            account("DISABLED_UPDATE", Some("DISABLE"), &[]),
            account("DISABLED_UPDATE", Some("SCHEDULE_FOR_DISABLE"), &[]),
            account("DISABLED_UPDATE", Some("REINSTATE"), &[]),
            account(
                "ACCOUNT_RESTRICTION",
                None,
                &["RESTRICTED_ADD_PHONE_NUMBER_ACTION"],
            ),
            account("ACCOUNT_VIOLATION", None, &[]),
            account("VERIFIED_ACCOUNT", None, &[]),
            quality("FLAGGED"),
            quality("DOWNGRADE"),
            quality("UPGRADE"),
            quality("UNFLAGGED"),
            quality("ONBOARDING"),
        ];
        let keys: std::collections::BTreeSet<_> =
            reports.iter().map(LineReport::message_key).collect();
        assert_eq!(keys.len(), reports.len(), "each kind reads differently");
        for key in keys {
            for locale in crate::i18n::Locale::ALL {
                let sentence = crate::i18n::text_with(locale, key, &[("line", "Ventas".into())]);
                assert!(
                    sentence.contains("Ventas"),
                    "{key} in {locale:?}: {sentence}"
                );
            }
        }
    }
}
