//! Consent per purpose and recipient (R17).
//!
//! Every disclosure outside the holding organisation needs the person's
//! recorded, informed consent for that purpose, that recipient and those data
//! categories, still in force on the day. Consent can be withdrawn at any
//! time; withdrawal takes effect for every later disclosure check.

use time::Date;

use crate::access::Categories;
use crate::ids::{OrgId, UserId};
use crate::person::LanguageTag;
use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentPurpose {
    Referral,
    CrossBorderTransfer,
    ConsularContact,
    ProsecutionDisclosure,
    Tracing,
    Research,
    /// Sending the non-punishment notice to an authority (R11, R16).
    NonPunishmentNotice,
}

impl ConsentPurpose {
    pub const ALL: [ConsentPurpose; 7] = [
        ConsentPurpose::Referral,
        ConsentPurpose::CrossBorderTransfer,
        ConsentPurpose::ConsularContact,
        ConsentPurpose::ProsecutionDisclosure,
        ConsentPurpose::Tracing,
        ConsentPurpose::Research,
        ConsentPurpose::NonPunishmentNotice,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ConsentPurpose::Referral => "referral",
            ConsentPurpose::CrossBorderTransfer => "cross_border_transfer",
            ConsentPurpose::ConsularContact => "consular_contact",
            ConsentPurpose::ProsecutionDisclosure => "prosecution_disclosure",
            ConsentPurpose::Tracing => "tracing",
            ConsentPurpose::Research => "research",
            ConsentPurpose::NonPunishmentNotice => "non_punishment_notice",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|p| p.as_str() == s.trim()).ok_or(ValidationError::new(
            "purpose",
            "invalid_consent_purpose",
            "unknown consent purpose",
        ))
    }
}

/// A consent as recorded: what, to whom, which data, until when, and how it
/// was explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentTerms {
    pub purpose: ConsentPurpose,
    pub recipient: OrgId,
    pub categories: Categories,
    /// The last day the consent covers.
    pub expires_on: Date,
    pub explained_by: UserId,
    /// The language the explanation was given in.
    pub language: LanguageTag,
    /// Who interpreted, if anyone (name or role, as the organisation records it).
    pub interpreter: Option<String>,
}

/// Raw consent input from a form or the API.
#[derive(Debug, Clone, Default)]
pub struct ConsentInput {
    pub purpose: String,
    /// Comma-separated category codes.
    pub categories: String,
    pub expires_on: String,
    pub language: String,
    pub interpreter: Option<String>,
}

impl ConsentTerms {
    /// Validates new terms on `today`: some data, a future expiry.
    pub fn parse(
        input: &ConsentInput,
        recipient: OrgId,
        explained_by: UserId,
        today: Date,
    ) -> Result<Self, ValidationError> {
        let (purpose, expires_on, language) = (&input.purpose, &input.expires_on, &input.language);
        let interpreter = input.interpreter.as_deref();
        let categories = Categories::parse_list(&input.categories)?;
        if categories.is_empty() {
            return Err(ValidationError::new("categories", "required", "choose the data the person agrees to share"));
        }
        let expires_on = crate::person::parse_date(expires_on).ok_or(ValidationError::new(
            "expires_on",
            "invalid_date",
            "use the form YYYY-MM-DD",
        ))?;
        if expires_on < today {
            return Err(ValidationError::new("expires_on", "in_the_past", "the expiry date has passed"));
        }
        let interpreter = interpreter.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        if interpreter.as_ref().is_some_and(|i| i.chars().count() > 200) {
            return Err(ValidationError::new("interpreter", "too_long", "the text is too long"));
        }
        Ok(Self {
            purpose: ConsentPurpose::parse(purpose)?,
            recipient,
            categories,
            expires_on,
            explained_by,
            language: LanguageTag::parse(language)?,
            interpreter,
        })
    }
}

/// A stored consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub terms: ConsentTerms,
    pub withdrawn_on: Option<Date>,
}

impl Consent {
    /// Whether the consent still holds on `today`: not withdrawn, and not
    /// past its last day (which it still covers).
    pub fn in_force(&self, today: Date) -> bool {
        self.withdrawn_on.is_none() && today <= self.terms.expires_on
    }

    /// Whether this consent covers disclosing `categories` to `recipient` for
    /// `purpose` on `today`.
    pub fn covers(
        &self,
        purpose: ConsentPurpose,
        recipient: OrgId,
        categories: crate::access::Categories,
        today: Date,
    ) -> bool {
        self.in_force(today)
            && self.terms.purpose == purpose
            && self.terms.recipient == recipient
            && categories.is_subset_of(self.terms.categories)
    }
}

/// The check every disclosure makes. Consents are not combined: one consent
/// must cover the whole disclosure, because each was explained as a whole.
pub fn disclosure_allowed(
    consents: &[Consent],
    purpose: ConsentPurpose,
    recipient: OrgId,
    categories: Categories,
    today: Date,
) -> bool {
    covering(consents, |c| c, purpose, recipient, categories, today).is_some()
}

/// The consent that covers a disclosure, for a caller that must record
/// which one did (the inbox keeps it, so that withdrawing it closes the
/// document). The same rule as [`disclosure_allowed`]: a disclosure of
/// nothing is never covered.
pub fn covering<T>(
    items: &[T],
    consent_of: impl Fn(&T) -> &Consent,
    purpose: ConsentPurpose,
    recipient: OrgId,
    categories: Categories,
    today: Date,
) -> Option<&T> {
    if categories.is_empty() {
        return None;
    }
    items.iter().find(|c| consent_of(c).covers(purpose, recipient, categories, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Category;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 25);

    fn org(n: u8) -> OrgId {
        OrgId::from_random_bytes([n; 16])
    }

    fn input(purpose: &str, categories: &str, expires_on: &str) -> ConsentInput {
        ConsentInput {
            purpose: purpose.into(),
            categories: categories.into(),
            expires_on: expires_on.into(),
            language: "vi".into(),
            interpreter: Some("Interpreter A".into()),
        }
    }

    fn consent() -> Consent {
        let u = UserId::from_random_bytes([1; 16]);
        let terms =
            ConsentTerms::parse(&input("referral", "identity,contact_location", "2027-01-31"), org(9), u, TODAY)
                .unwrap();
        Consent { terms, withdrawn_on: None }
    }

    #[test]
    fn r17_disclosure_needs_matching_purpose_recipient_categories_and_date() {
        let c = [consent()];
        let idc = Categories::of(&[Category::Identity]);
        assert!(disclosure_allowed(&c, ConsentPurpose::Referral, org(9), idc, TODAY));
        assert!(!disclosure_allowed(&c, ConsentPurpose::ProsecutionDisclosure, org(9), idc, TODAY), "other purpose");
        assert!(!disclosure_allowed(&c, ConsentPurpose::Referral, org(8), idc, TODAY), "other recipient");
        assert!(!disclosure_allowed(
            &c,
            ConsentPurpose::Referral,
            org(9),
            Categories::of(&[Category::Narrative]),
            TODAY
        ));
        assert!(!disclosure_allowed(&c, ConsentPurpose::Referral, org(9), idc, date!(2027 - 02 - 01)), "expired");
    }

    #[test]
    fn r17_withdrawn_consent_covers_nothing() {
        let mut c = consent();
        c.withdrawn_on = Some(TODAY);
        assert!(!disclosure_allowed(
            &[c],
            ConsentPurpose::Referral,
            org(9),
            Categories::of(&[Category::Identity]),
            TODAY
        ));
    }

    #[test]
    fn r17_consent_needs_data_and_a_future_expiry() {
        let u = UserId::from_random_bytes([1; 16]);
        assert!(ConsentTerms::parse(&input("referral", "", "2027-01-01"), org(9), u, TODAY).is_err());
        assert!(ConsentTerms::parse(&input("referral", "identity", "2020-01-01"), org(9), u, TODAY).is_err());
        assert!(ConsentTerms::parse(&input("marketing", "identity", "2027-01-01"), org(9), u, TODAY).is_err());
    }

    #[test]
    fn r17_a_consent_covers_its_last_day_and_not_the_day_after() {
        let u = UserId::from_random_bytes([1; 16]);
        let t = ConsentTerms::parse(&input("referral", "identity", "2026-11-25"), org(9), u, TODAY).unwrap();
        let c = Consent { terms: t, withdrawn_on: None };
        let idc = Categories::of(&[Category::Identity]);
        assert!(c.covers(ConsentPurpose::Referral, org(9), idc, TODAY), "expiring today still covers today");
        assert!(!c.covers(ConsentPurpose::Referral, org(9), idc, date!(2026 - 11 - 26)));
        // A consent expiring yesterday cannot be recorded at all.
        assert!(ConsentTerms::parse(&input("referral", "identity", "2026-11-24"), org(9), u, TODAY).is_err());
        // Disclosing nothing is not a disclosure a consent can allow.
        assert!(!disclosure_allowed(&[c], ConsentPurpose::Referral, org(9), Categories::NONE, TODAY));
    }

    /// R17, R18: the consent records how it was explained: the language and
    /// the interpreter, if any; a blank interpreter is no interpreter.
    #[test]
    fn r17_a_consent_records_who_interpreted_its_explanation() {
        let u = UserId::from_random_bytes([1; 16]);
        let with = |interpreter: &str| ConsentInput {
            interpreter: Some(interpreter.into()),
            ..input("referral", "identity", "2027-01-01")
        };
        let t = ConsentTerms::parse(&with(" Interpreter A "), org(9), u, TODAY).unwrap();
        assert_eq!(t.interpreter.as_deref(), Some("Interpreter A"));
        assert_eq!(t.language.as_str(), "vi");
        assert_eq!((t.purpose, t.recipient, t.explained_by), (ConsentPurpose::Referral, org(9), u));
        assert_eq!(ConsentTerms::parse(&with("   "), org(9), u, TODAY).unwrap().interpreter, None);
        assert!(ConsentTerms::parse(&with(&"i".repeat(200)), org(9), u, TODAY).is_ok());
        assert!(ConsentTerms::parse(&with(&"i".repeat(201)), org(9), u, TODAY).is_err());
    }

    /// R17: a consent's purpose is stored as a code and reads back as the
    /// very same purpose, so a consent to a referral never reads back as one
    /// to disclose to a prosecutor.
    #[test]
    fn r17_consent_purposes_read_back_from_their_codes_exactly() {
        for p in ConsentPurpose::ALL {
            assert_eq!(ConsentPurpose::parse(p.as_str()), Ok(p));
        }
        assert_eq!(ConsentPurpose::ProsecutionDisclosure.as_str(), "prosecution_disclosure");
        assert!(ConsentPurpose::parse("anything").is_err());
    }

    proptest! {
        #[test]
        fn r17_no_consent_no_disclosure(bits in 1u8..64, p in 0usize..7) {
            let cats = Category::ALL.iter().copied().filter(|c| bits & (1 << (*c as u8)) != 0).collect::<Vec<_>>();
            prop_assert!(!disclosure_allowed(&[], ConsentPurpose::ALL[p], org(9), Categories::of(&cats), TODAY));
        }
    }
}
