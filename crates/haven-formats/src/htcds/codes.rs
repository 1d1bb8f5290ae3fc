//! HTCDS 2.0 picklists, with their value names exactly as the standard
//! spells them, and the maps between them and haven's codes. A map from
//! haven to HTCDS can lose detail (haven has four case statuses, HTCDS
//! two open ones); the extension field beside it keeps haven's value, and
//! the reader checks that the two agree.

use haven_core::access::OrgKind;
use haven_core::case::CaseStatus as HavenCaseStatus;
use haven_core::screening::decision::Conclusion;
use haven_core::screening::{Form, Outcome};

macro_rules! picklist {
    ($(#[$m:meta])* $name:ident, $field:literal { $($(#[$vm:meta])* $v:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vm])* $v),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The HTCDS field this picklist belongs to.
            pub const FIELD: &'static str = $field;

            /// The value name, as HTCDS spells it.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$v => $code),+
                }
            }

            /// Exactly one of the value names; anything else is `None`.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The refusal for a value outside the picklist. Names the
            /// allowed values, never the one given.
            pub(crate) fn refusal() -> String {
                let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                format!("not a value of the HTCDS picklist; use one of {}", names.join(", "))
            }
        }
    };
}

picklist!(
    /// `prs_Gender`.
    Gender, "prs_Gender" {
        Feminine = "Feminine",
        Masculine = "Masculine",
        TransgenderFeminine = "TransgenderFeminine",
        TransgenderMasculine = "TransgenderMasculine",
        NonConforming = "NonConforming",
        NonSpecifiedUnknown = "NonSpecifiedUnknown",
    }
);

picklist!(
    /// `cas_Status`.
    HtcdsCaseStatus, "cas_Status" {
        Active = "Active",
        FollowUp = "FollowUp",
        Closed = "Closed",
        ClosedReferred = "ClosedReferred",
    }
);

picklist!(
    /// `vic_TraffickingStatus`.
    TraffickingStatus, "vic_TraffickingStatus" {
        PossibleVictim = "PossibleVictimOfTrafficking",
        ActualVictim = "ActualVictimOfTrafficking",
        NotAVictim = "NotAVictimOfTrafficking",
    }
);

picklist!(
    /// `vic_TraffickingStatusDecisionMakingOrg`.
    DecisionMakingOrg, "vic_TraffickingStatusDecisionMakingOrg" {
        Police = "Police",
        Ngo = "NGO",
        CourtOrProsecution = "CourtOrProsecution",
        NonPoliceGovernmental = "NonPoliceGovernmentalOrganization",
        Other = "Other",
    }
);

picklist!(
    /// `vic_TypeOfExploitation` (a multiselect).
    TypeOfExploitation, "vic_TypeOfExploitation" {
        ForcedLabour = "ForcedLabour",
        SexualExploitation = "SexualExploitation",
        ChildLabour = "ChildLabour",
        ForcedMarriage = "ForcedMarriage",
        Servitude = "Servitude",
        ForcedMilitaryByNonStateActors = "ForcedMilitaryByNonStateActors",
        OrganRemoval = "OrganRemoval",
        ForcedBegging = "ForcedBegging",
        ForcedAdoption = "ForcedAdoption",
        Surrogacy = "Surrogacy",
        Other = "Other",
    }
);

picklist!(
    /// `cas_ReasonForOutgoingReferral` (and `cas_ReasonForIncomingReferral`).
    ReasonForReferral, "cas_ReasonForOutgoingReferral" {
        AdditionalServicesRequired = "AdditionalServicesRequired",
        MigrationOrChangeOfLocation = "MigrationOrChangeOfLocation",
        Other = "Other",
    }
);

picklist!(
    /// `spl_Type`: the kind of support a plan (here, a referral) serves.
    SupportPlanType, "spl_Type" {
        Education = "Education",
        Financial = "Financial",
        Health = "Health",
        LabourExploitationRehabilitation = "LabourExploitationRehabilitation",
        Legal = "Legal",
        Livelihood = "Livelihood",
        RightsBasedTraining = "RightsBasedTraining",
        SexualExploitationRehabilitation = "SexualExploitationRehabilitation",
        SocialCare = "SocialCare",
    }
);

/// Self-descriptions grouped under each gender. The person's own word is
/// kept in `haven_Sex`; these only decide the HTCDS value beside it.
const GENDER_WORDS: [(Gender, &[&str]); 5] = [
    (Gender::Feminine, &["female", "woman", "f", "feminine", "girl"]),
    (Gender::Masculine, &["male", "man", "m", "masculine", "boy"]),
    (
        Gender::TransgenderFeminine,
        &[
            "trans woman",
            "transgender woman",
            "trans female",
            "transgender female",
            "trans feminine",
            "transgender feminine",
        ],
    ),
    (
        Gender::TransgenderMasculine,
        &["trans man", "transgender man", "trans male", "transgender male", "trans masculine", "transgender masculine"],
    ),
    (
        Gender::NonConforming,
        &["non-binary", "nonbinary", "non binary", "non-conforming", "gender non-conforming", "genderqueer"],
    ),
];

impl Gender {
    /// The HTCDS value for a self-described sex. A word haven does not
    /// recognise, or none, is `NonSpecifiedUnknown`: the code never guesses.
    pub fn of_sex(sex: Option<&str>) -> Gender {
        let Some(word) = sex.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()) else {
            return Gender::NonSpecifiedUnknown;
        };
        GENDER_WORDS
            .iter()
            .find(|(_, words)| words.contains(&word.as_str()))
            .map_or(Gender::NonSpecifiedUnknown, |(g, _)| *g)
    }

    /// The word haven records when a file gives only the HTCDS value;
    /// `of_sex` maps it back to the same value.
    pub fn word(&self) -> Option<&'static str> {
        match self {
            Gender::Feminine => Some("female"),
            Gender::Masculine => Some("male"),
            Gender::TransgenderFeminine => Some("trans woman"),
            Gender::TransgenderMasculine => Some("trans man"),
            Gender::NonConforming => Some("non-binary"),
            Gender::NonSpecifiedUnknown => None,
        }
    }
}

impl HtcdsCaseStatus {
    /// HTCDS has no paused or newly opened case: both are still active.
    pub fn of(status: HavenCaseStatus) -> Self {
        match status {
            HavenCaseStatus::Open | HavenCaseStatus::Active | HavenCaseStatus::Suspended => HtcdsCaseStatus::Active,
            HavenCaseStatus::Closed => HtcdsCaseStatus::Closed,
        }
    }

    /// haven's status for a file that gives only the HTCDS one.
    pub fn haven(&self) -> HavenCaseStatus {
        if self.is_closed() {
            HavenCaseStatus::Closed
        } else {
            HavenCaseStatus::Active
        }
    }

    pub fn is_closed(&self) -> bool {
        matches!(self, HtcdsCaseStatus::Closed | HtcdsCaseStatus::ClosedReferred)
    }
}

/// The screening engine's finding, by its code. Never a negative (R06).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreeningOutcome {
    ReasonableGrounds,
    NotYetDetermined,
    VulnerableMigrant,
}

impl ScreeningOutcome {
    pub const ALL: [ScreeningOutcome; 3] =
        [ScreeningOutcome::ReasonableGrounds, ScreeningOutcome::NotYetDetermined, ScreeningOutcome::VulnerableMigrant];

    pub fn as_str(&self) -> &'static str {
        match self {
            ScreeningOutcome::ReasonableGrounds => "reasonable_grounds",
            ScreeningOutcome::NotYetDetermined => "not_yet_determined",
            ScreeningOutcome::VulnerableMigrant => "vulnerable_migrant",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|o| o.as_str() == s)
    }

    pub fn of(outcome: &Outcome) -> Self {
        match outcome {
            Outcome::ReasonableGrounds => ScreeningOutcome::ReasonableGrounds,
            Outcome::NotYetDetermined { .. } => ScreeningOutcome::NotYetDetermined,
            Outcome::VulnerableMigrant { .. } => ScreeningOutcome::VulnerableMigrant,
        }
    }
}

impl TraffickingStatus {
    /// A conclusive decision, where there is one, says what HTCDS calls
    /// actual or not a victim; a screening alone, whatever it found, leaves
    /// the person a possible victim, since the engine never finds a negative
    /// (R06, R07). An unfinished screening has no status.
    pub fn of(outcome: Option<ScreeningOutcome>, decision: Option<Conclusion>) -> Option<Self> {
        match (decision, outcome) {
            (Some(Conclusion::Confirmed), _) => Some(TraffickingStatus::ActualVictim),
            (Some(Conclusion::NotConfirmed), _) => Some(TraffickingStatus::NotAVictim),
            (None, Some(_)) => Some(TraffickingStatus::PossibleVictim),
            (None, None) => None,
        }
    }
}

impl DecisionMakingOrg {
    /// The kind of organisation that screened or decided. Only assistance
    /// organisations hold screenings (R16); the enforcement kinds are mapped
    /// for completeness.
    pub fn for_org(kind: OrgKind) -> Self {
        match kind {
            OrgKind::NgoAssistance | OrgKind::Shelter | OrgKind::Health | OrgKind::LegalAid => DecisionMakingOrg::Ngo,
            // A platform holds no screening; mapped only so that the match is whole.
            OrgKind::LabourInspection
            | OrgKind::NrmCoordinator
            | OrgKind::Consular
            | OrgKind::Immigration
            | OrgKind::Platform => DecisionMakingOrg::NonPoliceGovernmental,
            OrgKind::Police | OrgKind::Border => DecisionMakingOrg::Police,
            OrgKind::Prosecution => DecisionMakingOrg::CourtOrProsecution,
        }
    }
}

impl TypeOfExploitation {
    /// The HTCDS type for a form of exploitation haven recognises. HTCDS
    /// has no forced criminality (R04) and no slavery: both are `Other`,
    /// and `haven_FormsOfExploitation` says which. `None` for a form that
    /// is not a purpose (an act or a means).
    pub fn of_form(form: Form) -> Option<Self> {
        match form {
            Form::ForcedLabour => Some(TypeOfExploitation::ForcedLabour),
            Form::SexualExploitation => Some(TypeOfExploitation::SexualExploitation),
            Form::Servitude => Some(TypeOfExploitation::Servitude),
            Form::ForcedCriminality | Form::SlaveryOrSimilarPractices => Some(TypeOfExploitation::Other),
            _ => None,
        }
    }

    /// The multiselect for a list of forms: each type once, in the order
    /// the forms first name it.
    pub fn of_forms(forms: &[Form]) -> Vec<Self> {
        let mut out: Vec<Self> = Vec::new();
        for t in forms.iter().filter_map(|f| Self::of_form(*f)) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }
}

impl SupportPlanType {
    /// The kind of support a haven service type gives, or `None` for a
    /// service type haven does not know.
    pub fn of_service(service_type: &str) -> Option<Self> {
        Some(match service_type {
            "shelter_men" | "shelter_women" | "shelter_children" | "shelter_families" | "housing"
            | "interpretation" => SupportPlanType::SocialCare,
            "primary_health" | "sexual_reproductive_health" | "psychological_care" | "torture_rehabilitation" => {
                SupportPlanType::Health
            }
            "legal_aid" | "consular_assistance" | "compensation_claims" => SupportPlanType::Legal,
            "education" => SupportPlanType::Education,
            "livelihood" => SupportPlanType::Livelihood,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use haven_core::services::SERVICE_TYPES;

    #[test]
    fn every_gender_word_maps_back_to_its_gender() {
        for g in Gender::ALL {
            assert_eq!(Gender::of_sex(g.word()), *g, "{g:?}");
        }
        assert_eq!(Gender::of_sex(Some(" Woman ")), Gender::Feminine);
        assert_eq!(Gender::of_sex(Some("Trans   Woman")), Gender::TransgenderFeminine);
        assert_eq!(Gender::of_sex(Some("ชาย")), Gender::NonSpecifiedUnknown, "an unknown word is not guessed");
    }

    #[test]
    fn every_haven_service_type_has_a_support_plan_type() {
        for t in SERVICE_TYPES {
            assert!(SupportPlanType::of_service(t).is_some(), "{t}");
        }
    }

    #[test]
    fn r04_forced_criminality_is_a_form_of_exploitation_htcds_can_only_call_other() {
        assert_eq!(TypeOfExploitation::of_form(Form::ForcedCriminality), Some(TypeOfExploitation::Other));
        let forms = [Form::ForcedCriminality, Form::ForcedLabour, Form::SlaveryOrSimilarPractices];
        assert_eq!(
            TypeOfExploitation::of_forms(&forms),
            vec![TypeOfExploitation::Other, TypeOfExploitation::ForcedLabour]
        );
        assert_eq!(TypeOfExploitation::of_form(Form::Deception), None, "a means is not a purpose");
    }

    #[test]
    fn r07_only_a_human_decision_makes_a_person_an_actual_victim_or_not_one() {
        for o in ScreeningOutcome::ALL {
            assert_eq!(TraffickingStatus::of(Some(o), None), Some(TraffickingStatus::PossibleVictim), "{o:?}");
        }
        assert_eq!(TraffickingStatus::of(None, None), None);
        assert_eq!(
            TraffickingStatus::of(Some(ScreeningOutcome::ReasonableGrounds), Some(Conclusion::Confirmed)),
            Some(TraffickingStatus::ActualVictim)
        );
        assert_eq!(
            TraffickingStatus::of(Some(ScreeningOutcome::ReasonableGrounds), Some(Conclusion::NotConfirmed)),
            Some(TraffickingStatus::NotAVictim)
        );
    }

    #[test]
    fn case_statuses_keep_open_and_closed_apart() {
        for s in HavenCaseStatus::ALL {
            assert_eq!(HtcdsCaseStatus::of(s).is_closed(), s == HavenCaseStatus::Closed);
            assert_eq!(HtcdsCaseStatus::of(s).haven() == HavenCaseStatus::Closed, s == HavenCaseStatus::Closed);
        }
    }
}
