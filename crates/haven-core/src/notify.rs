//! What a user is told about in the app (issue 13): something arrived for
//! them or their organisation. A notification names a kind and a record,
//! never a person: it may be shown on a shared screen, and an e-mail, if
//! ever sent, must carry nothing personal.

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// Another organisation sent a referral to this user's organisation.
    ReferralReceived,
    /// The receiving organisation accepted or declined a referral this user made.
    ReferralAnswered,
    /// A colleague assigned a case to this user.
    CaseAssigned,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 3] =
        [NotificationKind::ReferralReceived, NotificationKind::ReferralAnswered, NotificationKind::CaseAssigned];

    pub fn as_str(&self) -> &'static str {
        match self {
            NotificationKind::ReferralReceived => "referral_received",
            NotificationKind::ReferralAnswered => "referral_answered",
            NotificationKind::CaseAssigned => "case_assigned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Where in the app the record is: built from the kind and the id,
    /// never from stored text, so a row forged in SQL cannot point a user
    /// at another site.
    pub fn path(&self, record: &str) -> String {
        match self {
            NotificationKind::ReferralReceived | NotificationKind::ReferralAnswered => format!("/referrals/{record}"),
            NotificationKind::CaseAssigned => format!("/cases/{record}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_lead_only_into_the_app() {
        for k in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(k.as_str()), Some(k));
            assert!(k.path("abc").starts_with('/') && !k.path("abc").starts_with("//"));
        }
        assert_eq!(NotificationKind::parse("sms"), None);
        assert_eq!(NotificationKind::CaseAssigned.path("c1"), "/cases/c1");
        assert_eq!(NotificationKind::ReferralReceived.path("r1"), "/referrals/r1");
    }
}
