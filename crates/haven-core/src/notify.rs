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

/// Where a user's "you have new notifications" e-mail goes. Checked only
/// for shape: one `@`, a dotted domain, no spaces or line breaks (which
/// could smuggle a header into the message), at most 254 characters.
/// Whether the mailbox exists is for the mail server to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, crate::ValidationError> {
        let s = raw.trim();
        let bad = || {
            crate::ValidationError::new("email", "invalid_email", "write an e-mail address such as name@example.org")
        };
        if s.is_empty() || s.chars().count() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = s.split_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            // A domain in another script is sent in its ASCII form by the mail library.
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-' || !c.is_ascii());
        // The local part as RFC 5322 writes it unquoted (ASCII letters,
        // digits and these marks); anything a mail library would refuse
        // later is refused here, where the user can correct it.
        let atext = |c: char| c.is_ascii_alphanumeric() || "!#$&'*+/=?^_`{|}~-".contains(c);
        let local_ok = local.split('.').all(|part| !part.is_empty() && part.chars().all(atext));
        if local.len() > 64 || domain.contains('@') || !domain_ok || !local_ok {
            return Err(bad());
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r13_an_email_address_is_one_mailbox_and_cannot_carry_a_header() {
        for ok in ["caseworker@example.org", " a.b-c@shelter.example.co.th ", "caseworker@ตัวอย่าง.ไทย"]
        {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(EmailAddress::parse(" x@y.org ").unwrap().as_str(), "x@y.org");
        for bad in [
            "",
            "no-at-sign",
            "@example.org",
            "a@",
            "a@localhost",
            "a@b@c.org",
            "a@.org",
            "a@example..org",
            "a@example.org.",
            "a b@example.org",
            "a@example.org\r\nBcc: x@evil.org",
            "a@example.org\nBcc: x@evil.org",
            "a,b@example.org",
            "<a@example.org>",
            "x%evil.org(c)@relay.example.org",
            "a..b@example.org",
            ".a@example.org",
            "ผู้ใช้@example.org",
        ] {
            assert_eq!(EmailAddress::parse(bad).map_err(|e| e.code), Err("invalid_email"), "{bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(65));
        assert!(EmailAddress::parse(&long).is_err());
    }

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
