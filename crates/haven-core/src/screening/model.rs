//! The validated instrument model.

use std::collections::BTreeMap;

/// The elements an indicator can evidence: the three Palermo elements and
/// the six dimensions of the ILO/EC operational indicators (2009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    Act,
    Means,
    Purpose,
    DeceptiveRecruitment,
    CoerciveRecruitment,
    RecruitmentAbuseOfVulnerability,
    ExploitativeConditions,
    CoercionAtDestination,
    AbuseOfVulnerabilityAtDestination,
}

impl Element {
    pub const ALL: [Element; 9] = [
        Element::Act,
        Element::Means,
        Element::Purpose,
        Element::DeceptiveRecruitment,
        Element::CoerciveRecruitment,
        Element::RecruitmentAbuseOfVulnerability,
        Element::ExploitativeConditions,
        Element::CoercionAtDestination,
        Element::AbuseOfVulnerabilityAtDestination,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Element::Act => "act",
            Element::Means => "means",
            Element::Purpose => "purpose",
            Element::DeceptiveRecruitment => "deceptive_recruitment",
            Element::CoerciveRecruitment => "coercive_recruitment",
            Element::RecruitmentAbuseOfVulnerability => "recruitment_abuse_of_vulnerability",
            Element::ExploitativeConditions => "exploitative_conditions",
            Element::CoercionAtDestination => "coercion_at_destination",
            Element::AbuseOfVulnerabilityAtDestination => "abuse_of_vulnerability_at_destination",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|e| e.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Strength {
    Strong,
    Medium,
    Weak,
}

impl Strength {
    pub fn as_str(&self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Medium => "medium",
            Strength::Weak => "weak",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Strength::Strong, Strength::Medium, Strength::Weak].into_iter().find(|x| x.as_str() == s)
    }
}

/// Topics that may never count against identification (R03, R05) or be an
/// indicator at all (R10). Questions about them may exist (a caseworker may
/// need to know about a contract to support a wage claim), but validation
/// refuses any indicator built on them that lowers a finding, and any
/// indicator at all on sex, gender or nationality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Contract,
    Paid,
    Consent,
    KnewFraud,
    Sex,
    Gender,
    Nationality,
}

impl Topic {
    pub const ALL: [Topic; 7] =
        [Topic::Contract, Topic::Paid, Topic::Consent, Topic::KnewFraud, Topic::Sex, Topic::Gender, Topic::Nationality];

    pub fn as_str(&self) -> &'static str {
        match self {
            Topic::Contract => "contract",
            Topic::Paid => "paid",
            Topic::Consent => "consent",
            Topic::KnewFraud => "knew_fraud",
            Topic::Sex => "sex",
            Topic::Gender => "gender",
            Topic::Nationality => "nationality",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == s)
    }
    /// R10: never an indicator, in either direction.
    pub fn is_identity_trait(&self) -> bool {
        matches!(self, Topic::Sex | Topic::Gender | Topic::Nationality)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnswerType {
    YesNo,
    Choice(Vec<String>),
    MultiChoice(Vec<String>),
    Number,
    Date,
    Place,
    FreeText,
}

impl AnswerType {
    pub fn code(&self) -> &'static str {
        match self {
            AnswerType::YesNo => "yes_no",
            AnswerType::Choice(_) => "choice",
            AnswerType::MultiChoice(_) => "multi_choice",
            AnswerType::Number => "number",
            AnswerType::Date => "date",
            AnswerType::Place => "place",
            AnswerType::FreeText => "free_text",
        }
    }
}

/// Structured facts kept for corroboration across cases (R08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactKind {
    CompoundCountry,
    CompoundProvince,
    CompoundName,
    RecruiterHandle,
    RecruitmentPlatform,
    AdvertisementText,
    AdvertisementUrl,
    PreviousCompound,
}

impl FactKind {
    pub const ALL: [FactKind; 8] = [
        FactKind::CompoundCountry,
        FactKind::CompoundProvince,
        FactKind::CompoundName,
        FactKind::RecruiterHandle,
        FactKind::RecruitmentPlatform,
        FactKind::AdvertisementText,
        FactKind::AdvertisementUrl,
        FactKind::PreviousCompound,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            FactKind::CompoundCountry => "compound_country",
            FactKind::CompoundProvince => "compound_province",
            FactKind::CompoundName => "compound_name",
            FactKind::RecruiterHandle => "recruiter_handle",
            FactKind::RecruitmentPlatform => "recruitment_platform",
            FactKind::AdvertisementText => "advertisement_text",
            FactKind::AdvertisementUrl => "advertisement_url",
            FactKind::PreviousCompound => "previous_compound",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub section: String,
    /// Text per language code (en, th, vi, my, km, lo, id, tl, zh-Hans).
    pub text: BTreeMap<String, String>,
    pub answer: AnswerType,
    pub topic: Option<Topic>,
    pub fact: Option<FactKind>,
}

/// What answer fires an indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    Yes,
    AnyOf(Vec<String>),
    AtLeast(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Supports,
    /// Counts against the element. Never allowed on a protected topic.
    Lowers,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub question: String,
    pub trigger: Trigger,
    pub elements: Vec<Element>,
    pub strength: Strength,
    pub effect: Effect,
    /// Where it comes from: a paper section, the ILO/EC indicators, HTCDS.
    pub source: String,
}

/// One way an element can be met: at least this many indicators of each
/// strength (`medium_or_weak` counts either).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rule {
    pub strong: u32,
    pub medium: u32,
    pub weak: u32,
    pub medium_or_weak: u32,
}

impl Rule {
    pub fn satisfied(&self, strong: u32, medium: u32, weak: u32) -> bool {
        strong >= self.strong && medium >= self.medium && weak >= self.weak && medium + weak >= self.medium_or_weak
    }
}

/// A vulnerability that calls for referral whatever the finding (R09).
#[derive(Debug, Clone, PartialEq)]
pub struct NeedSignal {
    pub question: String,
    pub trigger: Trigger,
    /// A referral need code, e.g. `legal_aid`, `medical`, `psychological`.
    pub need: String,
    /// The vulnerable situation this answer shows (`irregular_status`,
    /// `stranded`, `destitute`, ...), if any: it makes the person a migrant
    /// in a vulnerable situation when trafficking is not (yet) established.
    pub vulnerability: Option<String>,
}

/// What an instrument screens for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstrumentKind {
    /// The elements of trafficking, with indicators and combination rules.
    Identification,
    /// The shorter screen for a migrant in a vulnerable situation (R09): no
    /// elements, only needs. It can never find reasonable grounds, and so
    /// it can never stand in for identification either.
    Vulnerability,
}

impl InstrumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InstrumentKind::Identification => "identification",
            InstrumentKind::Vulnerability => "vulnerability",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "identification" => Some(InstrumentKind::Identification),
            "vulnerability" => Some(InstrumentKind::Vulnerability),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Instrument {
    pub id: String,
    pub kind: InstrumentKind,
    pub version: String,
    /// SHA-256 of the instrument file, hex.
    pub hash: String,
    pub title: BTreeMap<String, String>,
    /// Section ids in order, with their titles per language.
    pub sections: Vec<(String, BTreeMap<String, String>)>,
    pub questions: Vec<Question>,
    pub indicators: Vec<Indicator>,
    /// An element is met when any rule is satisfied.
    pub rules: Vec<Rule>,
    /// Elements required for reasonable grounds, for adults and for children.
    pub adult_requires: Vec<Element>,
    pub child_requires: Vec<Element>,
    pub needs: Vec<NeedSignal>,
    /// What the instrument says about the rule's source (shown in explanations).
    pub rule_source: String,
}

/// An instrument that breaks a rule of identification, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InstrumentError(pub String);

/// The languages every question must be written in.
pub const LANGUAGES: [&str; 9] = ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"];

impl Instrument {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The checks every instrument must pass before it is used.
    pub fn validate(&self) -> Result<(), InstrumentError> {
        let err = |m: String| Err(InstrumentError(m));
        if self.questions.is_empty() {
            return err("the instrument has no questions".into());
        }
        let mut seen = std::collections::HashSet::new();
        for q in &self.questions {
            if !seen.insert(q.id.as_str()) {
                return err(format!("question {} is defined twice", q.id));
            }
            if !self.sections.iter().any(|(s, _)| *s == q.section) {
                return err(format!("question {} is in unknown section {}", q.id, q.section));
            }
            for lang in LANGUAGES {
                if q.text.get(lang).is_none_or(|t| t.trim().is_empty()) {
                    return err(format!("question {} has no text in {lang}", q.id));
                }
            }
        }
        let mut ids = std::collections::HashSet::new();
        for i in &self.indicators {
            if !ids.insert(i.id.as_str()) {
                return err(format!("indicator {} is defined twice", i.id));
            }
            let Some(q) = self.question(&i.question) else {
                return err(format!("indicator {} refers to unknown question {}", i.id, i.question));
            };
            if i.elements.is_empty() {
                return err(format!("indicator {} evidences no element", i.id));
            }
            if i.source.trim().is_empty() {
                return err(format!("indicator {} does not cite its source", i.id));
            }
            if let Some(topic) = q.topic {
                // R10: sex, gender and nationality are never indicators.
                if topic.is_identity_trait() {
                    return err(format!(
                        "indicator {} uses {} ({}): sex, gender and nationality are never indicators (R10)",
                        i.id,
                        q.id,
                        topic.as_str()
                    ));
                }
                // R03, R05: a contract, pay, consent or knowing the work was
                // fraud never counts against identification.
                if i.effect == Effect::Lowers {
                    return err(format!(
                        "indicator {} lets {} ({}) lower a finding: contracts, pay, consent and knowing the work was fraud never count against identification (R03, R05)",
                        i.id,
                        q.id,
                        topic.as_str()
                    ));
                }
            }
            let type_ok = match (&i.trigger, &q.answer) {
                (Trigger::Yes, AnswerType::YesNo) => true,
                (Trigger::AnyOf(opts), AnswerType::Choice(all) | AnswerType::MultiChoice(all)) => {
                    opts.iter().all(|o| all.contains(o))
                }
                (Trigger::AtLeast(_), AnswerType::Number) => true,
                _ => false,
            };
            if !type_ok {
                return err(format!("indicator {} has a trigger that question {} cannot answer", i.id, q.id));
            }
        }
        match self.kind {
            InstrumentKind::Identification => {
                if self.rules.is_empty() {
                    return err("the instrument has no combination rules".into());
                }
                if self.adult_requires.is_empty() {
                    return err("the adult profile requires no element".into());
                }
            }
            InstrumentKind::Vulnerability => {
                if !self.indicators.is_empty() || !self.adult_requires.is_empty() || !self.child_requires.is_empty() {
                    return err("a vulnerability screen has no indicators and requires no element".into());
                }
                if !self.needs.iter().any(|n| n.vulnerability.is_some()) {
                    return err("a vulnerability screen names no vulnerability".into());
                }
            }
        }
        // R02: for a child the means element is not required.
        if self.child_requires.contains(&Element::Means) {
            return err(
                "the child profile requires the means element, which the law does not require for children (R02)"
                    .into(),
            );
        }
        for n in &self.needs {
            if self.question(&n.question).is_none() {
                return err(format!("a referral need refers to unknown question {}", n.question));
            }
        }
        Ok(())
    }
}
