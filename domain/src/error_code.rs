//! The stable codes of the relay's error answers (`{code, message}`), defined once: the relay
//! answers with them and the app matches on them. A code is never renamed once released.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Signing in and access.
    Unauthenticated,
    InvalidCredentials,
    CredentialsTooLong,
    CodeNeeded,
    Forbidden,
    TotpEnrolmentRequired,
    PasswordChangeRequired,
    TooManyAttempts,
    Busy,
    ForbiddenOrigin,
    // Accounts.
    InvalidUsername,
    InvalidName,
    WeakPassword,
    UsernameTaken,
    UnknownAgent,
    WrongPassword,
    SamePassword,
    ResetCodeNeeded,
    WrongCode,
    TotpNotStarted,
    TotpRequired,
    LinkInvalid,
    LastAdmin,
    // Webhooks and request bodies.
    BadSignature,
    VerificationFailed,
    PayloadTooLarge,
    FileTooLarge,
    BadRequest,
    // Commands.
    EmptyMessage,
    MessageTooLong,
    UnknownChat,
    WindowClosed,
    MediaRefused,
    CaptionTooLong,
    TemplateRefused,
    InteractiveRefused,
    UnknownMessage,
    NothingToRead,
    ChatNotVisible,
    UnknownTeam,
    BadTag,
    CannotRetry,
    FieldTooLong,
    BadCommandId,
    // The workspace.
    BadTeamId,
    BadTeamName,
    RoundRobinNeedsTeam,
    // Quick replies.
    BadShortcut,
    UnknownVariable,
    UnknownQuickReply,
    // Lines, media and WhatsApp.
    UnknownLine,
    UpstreamRefused,
    BadMediaId,
    NoMediaOnSandbox,
    MediaGone,
    MediaEvicted,
    MediaTooLarge,
    MediaCorrupt,
    WhatsappTokenRejected,
    WhatsappUnavailable,
    RangeNotSatisfiable,
    Internal,
    /// A code from a newer relay than this app knows (never sent by the relay itself).
    #[serde(other)]
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_read_back_as_themselves_and_an_unknown_one_is_unknown() {
        use ErrorCode::*;
        let all = [
            Unauthenticated,
            InvalidCredentials,
            CredentialsTooLong,
            CodeNeeded,
            Forbidden,
            TotpEnrolmentRequired,
            PasswordChangeRequired,
            TooManyAttempts,
            Busy,
            ForbiddenOrigin,
            InvalidUsername,
            InvalidName,
            WeakPassword,
            UsernameTaken,
            UnknownAgent,
            WrongPassword,
            SamePassword,
            ResetCodeNeeded,
            WrongCode,
            TotpNotStarted,
            TotpRequired,
            LinkInvalid,
            LastAdmin,
            BadSignature,
            VerificationFailed,
            PayloadTooLarge,
            FileTooLarge,
            BadRequest,
            EmptyMessage,
            MessageTooLong,
            UnknownChat,
            WindowClosed,
            MediaRefused,
            CaptionTooLong,
            TemplateRefused,
            InteractiveRefused,
            UnknownMessage,
            NothingToRead,
            ChatNotVisible,
            UnknownTeam,
            BadTag,
            CannotRetry,
            FieldTooLong,
            BadCommandId,
            BadTeamId,
            BadTeamName,
            RoundRobinNeedsTeam,
            BadShortcut,
            UnknownVariable,
            UnknownQuickReply,
            UnknownLine,
            UpstreamRefused,
            BadMediaId,
            NoMediaOnSandbox,
            MediaGone,
            MediaEvicted,
            MediaTooLarge,
            MediaCorrupt,
            WhatsappTokenRejected,
            WhatsappUnavailable,
            RangeNotSatisfiable,
            Internal,
        ];
        let mut seen = std::collections::HashSet::new();
        for code in all {
            let json = serde_json::to_string(&code).expect("encode");
            assert!(seen.insert(json.clone()), "{json} twice");
            assert_eq!(
                serde_json::from_str::<ErrorCode>(&json).expect("decode"),
                code
            );
        }
        // The codes released before the enum keep their spelling.
        assert_eq!(
            serde_json::to_value(WhatsappTokenRejected).expect("encode"),
            "whatsapp_token_rejected"
        );
        assert_eq!(
            serde_json::to_value(TotpEnrolmentRequired).expect("encode"),
            "totp_enrolment_required"
        );
        assert_eq!(
            serde_json::from_str::<ErrorCode>("\"a_code_from_the_future\"").expect("decode"),
            Unknown
        );
    }
}
