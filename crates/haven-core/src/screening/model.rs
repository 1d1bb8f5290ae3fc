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

    /// Act, means and purpose: the elements of the legal definition. The
    /// other six are the ILO/EC dimensions, shown as supporting analysis.
    pub fn is_palermo(&self) -> bool {
        matches!(self, Element::Act | Element::Means | Element::Purpose)
    }

    /// The means element and the ILO/EC dimensions that are forms of it
    /// (deception, coercion, abuse of vulnerability). A child profile may
    /// require none of them (R02).
    pub fn is_means_like(&self) -> bool {
        matches!(
            self,
            Element::Means
                | Element::DeceptiveRecruitment
                | Element::CoerciveRecruitment
                | Element::RecruitmentAbuseOfVulnerability
                | Element::CoercionAtDestination
                | Element::AbuseOfVulnerabilityAtDestination
        )
    }
}

/// The forms each element of the Palermo definition takes (Trafficking in
/// Persons Protocol, art. 3(a)). An indicator names the forms it clearly
/// shows, so that an element can be met by any one of them, as the law
/// reads, rather than only by a count of signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    // The act.
    Recruitment,
    Transportation,
    Transfer,
    Harbouring,
    Receipt,
    // The means.
    Threat,
    Force,
    Coercion,
    Abduction,
    Fraud,
    Deception,
    AbuseOfPower,
    AbuseOfVulnerability,
    /// Giving or receiving payments to a person having control over another.
    Payments,
    // The purpose: exploitation.
    /// Being made to commit crimes such as online fraud (R04).
    ForcedCriminality,
    ForcedLabour,
    /// Slavery or practices similar to it: sale of a person, debt bondage.
    SlaveryOrSimilarPractices,
    Servitude,
    SexualExploitation,
}

impl Form {
    pub const ALL: [Form; 19] = [
        Form::Recruitment,
        Form::Transportation,
        Form::Transfer,
        Form::Harbouring,
        Form::Receipt,
        Form::Threat,
        Form::Force,
        Form::Coercion,
        Form::Abduction,
        Form::Fraud,
        Form::Deception,
        Form::AbuseOfPower,
        Form::AbuseOfVulnerability,
        Form::Payments,
        Form::ForcedCriminality,
        Form::ForcedLabour,
        Form::SlaveryOrSimilarPractices,
        Form::Servitude,
        Form::SexualExploitation,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Form::Recruitment => "recruitment",
            Form::Transportation => "transportation",
            Form::Transfer => "transfer",
            Form::Harbouring => "harbouring",
            Form::Receipt => "receipt",
            Form::Threat => "threat",
            Form::Force => "force",
            Form::Coercion => "coercion",
            Form::Abduction => "abduction",
            Form::Fraud => "fraud",
            Form::Deception => "deception",
            Form::AbuseOfPower => "abuse_of_power",
            Form::AbuseOfVulnerability => "abuse_of_vulnerability",
            Form::Payments => "payments",
            Form::ForcedCriminality => "forced_criminality",
            Form::ForcedLabour => "forced_labour",
            Form::SlaveryOrSimilarPractices => "slavery_or_similar_practices",
            Form::Servitude => "servitude",
            Form::SexualExploitation => "sexual_exploitation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.as_str() == s)
    }

    /// The element this is a form of.
    pub fn element(&self) -> Element {
        match self {
            Form::Recruitment | Form::Transportation | Form::Transfer | Form::Harbouring | Form::Receipt => {
                Element::Act
            }
            Form::Threat
            | Form::Force
            | Form::Coercion
            | Form::Abduction
            | Form::Fraud
            | Form::Deception
            | Form::AbuseOfPower
            | Form::AbuseOfVulnerability
            | Form::Payments => Element::Means,
            Form::ForcedCriminality
            | Form::ForcedLabour
            | Form::SlaveryOrSimilarPractices
            | Form::Servitude
            | Form::SexualExploitation => Element::Purpose,
        }
    }
}

/// How an element is met: the instrument says so per element, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ElementRule {
    /// The ILO/EC counting rules (`Instrument::rules`): so many strong,
    /// medium and weak indicators.
    Counting,
    /// The law's test: one indicator that clearly shows a form of the
    /// element meets it (any one act, any one means, exploitation). The
    /// counting rules still meet it too, when several lesser signals add up.
    AnyForm,
}

impl ElementRule {
    pub fn as_str(&self) -> &'static str {
        match self {
            ElementRule::Counting => "counting",
            ElementRule::AnyForm => "any_form",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ElementRule::Counting, ElementRule::AnyForm].into_iter().find(|r| r.as_str() == s)
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

/// A condition on an earlier answer: the follow-up question it guards is
/// asked only when that answer fires the trigger (for example the "other,
/// please say" text after an option list).
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub question: String,
    pub trigger: Trigger,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub section: String,
    /// Text per language code (en, th, vi, my, km, lo, id, tl, zh-Hans, and
    /// any language a translation pack adds).
    pub text: BTreeMap<String, String>,
    pub answer: AnswerType,
    pub topic: Option<Topic>,
    pub fact: Option<FactKind>,
    /// Label per option code, per language. Empty in instruments that leave
    /// option labels to the host's catalogue (1.x); when an instrument has
    /// any, it has every one in every language (see `validate`), so an option
    /// list can be shown in the survivor's language beside the interviewer's.
    pub option_text: BTreeMap<String, BTreeMap<String, String>>,
    /// Asked only when this holds; otherwise skipped.
    pub asked_if: Option<Condition>,
}

impl Question {
    /// The option codes of a choice question, none for other types.
    pub fn options(&self) -> &[String] {
        match &self.answer {
            AnswerType::Choice(o) | AnswerType::MultiChoice(o) => o,
            _ => &[],
        }
    }

    /// An option's label in `lang`, if the instrument (or a pack) has one.
    pub fn option_label(&self, option: &str, lang: &str) -> Option<&str> {
        self.option_text.get(option).and_then(|t| t.get(lang)).map(String::as_str)
    }
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
    /// The Palermo forms this indicator clearly shows (each of an element in
    /// `elements`). Empty for signals that only add up under counting.
    pub forms: Vec<Form>,
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

/// How soon a need should be met. Ordered most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Urgency {
    /// Today: safety, a child without a guardian, detention or charges, an
    /// injury, no common language.
    Immediate,
    /// Within days.
    Soon,
    /// Offered to everyone screened, to be arranged in the ordinary course.
    Routine,
}

impl Urgency {
    pub fn as_str(&self) -> &'static str {
        match self {
            Urgency::Immediate => "immediate",
            Urgency::Soon => "soon",
            Urgency::Routine => "routine",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Urgency::Immediate, Urgency::Soon, Urgency::Routine].into_iter().find(|u| u.as_str() == s)
    }
}

/// A kind of help the answers call for (R09, R19). Closed, so that every
/// need has a translated label, an urgency and, where one is due, a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeedKind {
    /// Threats or reprisals now, against the person or their family.
    SafetyPlan,
    /// A presumed child (R02, R20).
    Guardian,
    /// Charges, fines or detention for acts done under the traffickers'
    /// control or for how the person entered (R11–R13): a lawyer now.
    LegalDefence,
    Interpretation,
    Medical,
    /// Safe shelter matched to the person (men's, women's, children's).
    Shelter,
    /// Fear of return: assess before any return (R21).
    ReturnRiskAssessment,
    /// Documents taken: consular help, only with the person's consent (R17).
    Consular,
    Psychological,
    TortureRehabilitation,
    /// Legal information and aid, offered to everyone.
    LegalAid,
    /// Unpaid wages, ransom or fines to claim back (R19).
    Compensation,
}

impl NeedKind {
    pub const ALL: [NeedKind; 12] = [
        NeedKind::SafetyPlan,
        NeedKind::Guardian,
        NeedKind::LegalDefence,
        NeedKind::Interpretation,
        NeedKind::Medical,
        NeedKind::Shelter,
        NeedKind::ReturnRiskAssessment,
        NeedKind::Consular,
        NeedKind::Psychological,
        NeedKind::TortureRehabilitation,
        NeedKind::LegalAid,
        NeedKind::Compensation,
    ];

    /// Offered to everyone screened, whatever the answers (R09): legal
    /// information, a medical check and psychological support.
    pub const ALWAYS_OFFERED: [NeedKind; 3] = [NeedKind::LegalAid, NeedKind::Medical, NeedKind::Psychological];

    pub fn as_str(&self) -> &'static str {
        match self {
            NeedKind::SafetyPlan => "safety_plan",
            NeedKind::Guardian => "guardian",
            NeedKind::LegalDefence => "legal_defence",
            NeedKind::Interpretation => "interpretation",
            NeedKind::Medical => "medical",
            NeedKind::Shelter => "shelter",
            NeedKind::ReturnRiskAssessment => "return_risk_assessment",
            NeedKind::Consular => "consular",
            NeedKind::Psychological => "psychological",
            NeedKind::TortureRehabilitation => "torture_rehabilitation",
            NeedKind::LegalAid => "legal_aid",
            NeedKind::Compensation => "compensation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// How urgent the need is when an answer shows it, unless the
    /// instrument says more urgent for a particular answer.
    pub fn urgency(&self) -> Urgency {
        match self {
            NeedKind::SafetyPlan | NeedKind::Guardian | NeedKind::LegalDefence => Urgency::Immediate,
            NeedKind::Interpretation
            | NeedKind::Shelter
            | NeedKind::ReturnRiskAssessment
            | NeedKind::Consular
            | NeedKind::TortureRehabilitation
            | NeedKind::Medical => Urgency::Soon,
            NeedKind::Psychological | NeedKind::LegalAid | NeedKind::Compensation => Urgency::Routine,
        }
    }

    /// A disclosure the need implies, which waits for the person's consent
    /// for that purpose (R17).
    pub fn consent_first(&self) -> Option<crate::consent::ConsentPurpose> {
        match self {
            NeedKind::Consular => Some(crate::consent::ConsentPurpose::ConsularContact),
            _ => None,
        }
    }
}

/// Something the answers make someone responsible for doing: the store or
/// the web layer turns each into a task.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FollowUp {
    /// Safety planning with the person, now (threats, reprisals).
    SafetyPlan,
    /// A guardian for a presumed child (R20): the child pathway's first step.
    AppointGuardian,
    /// A lawyer for charges or detention; the non-punishment notice where
    /// reasonable grounds exist (R11–R13).
    LegalRepresentation,
    /// An interpreter for the person's language, which the instrument does
    /// not cover (R18).
    ArrangeInterpreter { language: String },
    /// Shelter that takes this person; `for_child` when they may be a child.
    FindShelter { for_child: bool },
    /// A return-risk assessment before any return (R21).
    ReturnRiskAssessment,
    /// Ask whether the person wants consular help; contact only with
    /// recorded consent for that purpose (R17).
    AskConsularConsent,
}

impl FollowUp {
    pub fn code(&self) -> &'static str {
        match self {
            FollowUp::SafetyPlan => "safety_plan",
            FollowUp::AppointGuardian => "appoint_guardian",
            FollowUp::LegalRepresentation => "legal_representation",
            FollowUp::ArrangeInterpreter { .. } => "arrange_interpreter",
            FollowUp::FindShelter { .. } => "find_shelter",
            FollowUp::ReturnRiskAssessment => "return_risk_assessment",
            FollowUp::AskConsularConsent => "ask_consular_consent",
        }
    }

    /// The protection record that completes the task, where there is one.
    pub fn protection_record(&self) -> Option<crate::protection::Kind> {
        match self {
            FollowUp::AppointGuardian => Some(crate::protection::Kind::Guardian),
            FollowUp::ReturnRiskAssessment => Some(crate::protection::Kind::ReturnRisk),
            _ => None,
        }
    }
}

/// An answer that calls for referral whatever the finding (R09).
#[derive(Debug, Clone, PartialEq)]
pub struct NeedSignal {
    pub question: String,
    pub trigger: Trigger,
    pub need: NeedKind,
    /// More urgent than the kind's own urgency for this answer (an injury
    /// now makes the medical need immediate).
    pub urgency: Option<Urgency>,
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
    /// The counting rules: a counted element is met when any is satisfied.
    pub rules: Vec<Rule>,
    /// How each element is met; an element not listed is counted.
    pub element_rules: BTreeMap<Element, ElementRule>,
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

    pub fn element_rule(&self, el: Element) -> ElementRule {
        self.element_rules.get(&el).copied().unwrap_or(ElementRule::Counting)
    }

    /// Whether `el` is met when exactly these indicators fired. The one
    /// place the combination rules are read: the engine and validation
    /// (R04) both ask it.
    pub fn element_met(&self, el: Element, fired: &[&Indicator]) -> bool {
        if self.element_rule(el) == ElementRule::AnyForm
            && fired.iter().any(|i| i.effect == Effect::Supports && i.forms.iter().any(|f| f.element() == el))
        {
            return true;
        }
        let mut count = [0i64; 3];
        for i in fired.iter().filter(|i| i.elements.contains(&el)) {
            let slot = match i.strength {
                Strength::Strong => 0,
                Strength::Medium => 1,
                Strength::Weak => 2,
            };
            count[slot] += if i.effect == Effect::Supports { 1 } else { -1 };
        }
        let n = |x: i64| u32::try_from(x.max(0)).unwrap_or(0);
        self.rules.iter().any(|r| r.satisfied(n(count[0]), n(count[1]), n(count[2])))
    }

    /// The languages the whole instrument is written in: title, every
    /// section, question and option label.
    pub fn languages(&self) -> Vec<String> {
        // An instrument that labels its options in English labels them in
        // every language it has; one that does not (1.x) leaves the nine
        // to the host's catalogue, and a pack still brings its own.
        let glossed = self.questions.iter().any(|q| q.option_text.values().any(|t| t.contains_key("en")));
        let complete = |lang: &str| {
            self.title.contains_key(lang)
                && self.sections.iter().all(|(_, t)| t.contains_key(lang))
                && self.questions.iter().all(|q| {
                    q.text.contains_key(lang)
                        && (!glossed || q.options().iter().all(|o| q.option_label(o, lang).is_some()))
                })
        };
        self.title.keys().filter(|l| complete(l)).cloned().collect()
    }

    /// The instrument language to interview a person who speaks `tag` in,
    /// if the instrument is written in it: the tag itself or a shorter form
    /// of it (`my-MM` → `my`), Chinese in simplified script only (`zh`,
    /// `zh-CN`, `zh-SG` → `zh-Hans`; `zh-Hant`, `zh-TW` are not covered).
    /// `None` means an interpreter is needed (R18): never a silent fallback.
    pub fn language_for(&self, tag: &str) -> Option<String> {
        let langs = self.languages();
        let lower = tag.to_ascii_lowercase();
        let parts: Vec<&str> = lower.split('-').collect();
        let candidate = |c: &str| langs.iter().find(|l| l.eq_ignore_ascii_case(c)).cloned();
        if parts.first() == Some(&"zh") {
            let traditional = parts.iter().skip(1).any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
            let simplified = parts.get(1).is_none_or(|p| matches!(*p, "hans" | "cn" | "sg"));
            return if traditional {
                candidate("zh-Hant")
            } else if simplified {
                candidate("zh-Hans")
            } else {
                None
            };
        }
        (1..=parts.len()).rev().find_map(|n| candidate(&parts[..n].join("-")))
    }

    /// The index of the next question to ask after `index` (or the first,
    /// for `None`), skipping follow-ups whose condition does not hold.
    pub fn next_question(&self, after: Option<usize>, answers: &BTreeMap<String, super::Answer>) -> Option<usize> {
        let start = after.map_or(0, |i| i + 1);
        (start..self.questions.len()).find(|&i| self.is_asked(&self.questions[i], answers))
    }

    /// Whether a question applies given the answers so far.
    pub fn is_asked(&self, q: &Question, answers: &BTreeMap<String, super::Answer>) -> bool {
        q.asked_if.as_ref().is_none_or(|c| answers.get(&c.question).is_some_and(|a| a.fires(&c.trigger)))
    }

    /// The checks every instrument in use must pass: those that an older,
    /// retired version must still pass to evaluate the screenings made with
    /// it (see [`Instrument::validate_retired`]), and the law's test for
    /// forced criminality (R04).
    pub fn validate(&self) -> Result<(), InstrumentError> {
        self.validate_retired()?;
        if self.kind == InstrumentKind::Identification {
            self.check_r04()?;
        }
        Ok(())
    }

    /// R04: an indicator of forced criminal activity under control meets
    /// the purpose element on its own; an identification instrument without
    /// one, or in which one needs company, is refused.
    fn check_r04(&self) -> Result<(), InstrumentError> {
        let forced: Vec<&Indicator> =
            self.indicators.iter().filter(|i| i.forms.contains(&Form::ForcedCriminality)).collect();
        if forced.is_empty() {
            return Err(InstrumentError(
                "no indicator shows forced criminality (form forced_criminality): being made to commit crimes such as online fraud is exploitation (R04)".into(),
            ));
        }
        for i in forced {
            if !self.element_met(Element::Purpose, &[i]) {
                return Err(InstrumentError(format!(
                    "indicator {} shows forced criminality but cannot meet the purpose element on its own: forced criminal activity under control is exploitation by itself (R04)",
                    i.id
                )));
            }
        }
        Ok(())
    }

    /// The checks that protect the person whatever the version: R02, R03,
    /// R05, R10, well-formed questions and translations. A retired version
    /// (kept so that screenings made with it keep their result) passes
    /// these; it is never offered for a new screening.
    pub fn validate_retired(&self) -> Result<(), InstrumentError> {
        let err = |m: String| Err(InstrumentError(m));
        if self.questions.is_empty() {
            return err("the instrument has no questions".into());
        }
        for lang in LANGUAGES {
            if self.title.get(lang).is_none_or(|t| t.trim().is_empty()) {
                return err(format!("the title has no text in {lang}"));
            }
        }
        let glossed = self.questions.iter().any(|q| q.option_text.values().any(|t| t.contains_key("en")));
        let mut seen = std::collections::HashSet::new();
        for (i, q) in self.questions.iter().enumerate() {
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
            let mut codes = std::collections::HashSet::new();
            for o in q.options() {
                if o.trim().is_empty() || !codes.insert(o.as_str()) {
                    return err(format!("question {} has an empty or repeated option", q.id));
                }
                // An instrument either labels every option in every
                // language or leaves them all to the host's catalogue: a
                // half-labelled list would show some options untranslated.
                if glossed {
                    for lang in LANGUAGES {
                        if q.option_label(o, lang).is_none_or(|t| t.trim().is_empty()) {
                            return err(format!("option {o} of question {} has no label in {lang}", q.id));
                        }
                    }
                }
            }
            if let Some(extra) = q.option_text.keys().find(|k| !q.options().contains(k)) {
                return err(format!("question {} labels {extra}, which is not one of its options", q.id));
            }
            if let Some(c) = &q.asked_if {
                let Some(pos) = self.questions.iter().position(|p| p.id == c.question) else {
                    return err(format!("question {} depends on unknown question {}", q.id, c.question));
                };
                if pos >= i {
                    return err(format!("question {} depends on {}, which is not asked before it", q.id, c.question));
                }
                if !trigger_fits(&c.trigger, &self.questions[pos].answer) {
                    return err(format!("question {} has a condition that {} cannot answer", q.id, c.question));
                }
            }
            // Where a list cannot be complete, the person can say what else
            // happened: an "other" option is followed by a free-text question.
            if glossed && q.options().iter().any(|o| o == "other") {
                let follows = self.questions.iter().any(|f| {
                    f.answer == AnswerType::FreeText
                        && f.asked_if.as_ref().is_some_and(|c| {
                            c.question == q.id
                                && matches!(&c.trigger, Trigger::AnyOf(o) if o.iter().any(|x| x == "other"))
                        })
                });
                if !follows {
                    return err(format!("question {} offers \"other\" but no free-text question follows it", q.id));
                }
            }
        }
        for (id, title) in &self.sections {
            for lang in LANGUAGES {
                if title.get(lang).is_none_or(|t| t.trim().is_empty()) {
                    return err(format!("section {id} has no title in {lang}"));
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
            if let Some(f) = i.forms.iter().find(|f| !i.elements.contains(&f.element())) {
                return err(format!(
                    "indicator {} shows the form {} without evidencing its element {}",
                    i.id,
                    f.as_str(),
                    f.element().as_str()
                ));
            }
            if !i.forms.is_empty() && i.effect != Effect::Supports {
                return err(format!("indicator {} names forms but lowers a finding", i.id));
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
            if !trigger_fits(&i.trigger, &q.answer) {
                return err(format!("indicator {} has a trigger that question {} cannot answer", i.id, q.id));
            }
        }
        match self.kind {
            InstrumentKind::Identification => {
                if self.rules.is_empty() {
                    return err("the instrument has no combination rules".into());
                }
                if self.adult_requires.is_empty() || self.child_requires.is_empty() {
                    return err("a profile requires no element".into());
                }
                for (el, rule) in &self.element_rules {
                    if *rule == ElementRule::AnyForm
                        && !self.indicators.iter().any(|i| i.forms.iter().any(|f| f.element() == *el))
                    {
                        return err(format!("element {} is met by any form, yet no indicator shows one", el.as_str()));
                    }
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
        // R02: for a child the means element is not required, nor any of
        // the dimensions that are forms of it.
        if let Some(el) = self.child_requires.iter().find(|e| e.is_means_like()) {
            return err(format!(
                "the child profile requires {}, a means element, which the law does not require for children (R02)",
                el.as_str()
            ));
        }
        for n in &self.needs {
            let Some(q) = self.question(&n.question) else {
                return err(format!("a referral need refers to unknown question {}", n.question));
            };
            if !trigger_fits(&n.trigger, &q.answer) {
                return err(format!("a referral need has a trigger that question {} cannot answer", q.id));
            }
        }
        Ok(())
    }
}

fn trigger_fits(trigger: &Trigger, answer: &AnswerType) -> bool {
    match (trigger, answer) {
        (Trigger::Yes, AnswerType::YesNo) => true,
        (Trigger::AnyOf(opts), AnswerType::Choice(all) | AnswerType::MultiChoice(all)) => {
            !opts.is_empty() && opts.iter().all(|o| all.contains(o))
        }
        (Trigger::AtLeast(_), AnswerType::Number) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R08: instruments, stored screenings and explanations name elements,
    /// forms, rules, strengths, topics, facts, urgencies and needs by code;
    /// each code reads back as the very same value and no other text does,
    /// so a stored finding is read back exactly as it was made.
    #[test]
    fn r08_every_code_of_the_model_reads_back_exactly() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(&T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for v in all {
                assert_eq!(parse(code(v)), Some(*v));
                assert!(seen.insert(code(v)), "{v:?}: a code used twice");
            }
            assert_eq!(parse("xyzzy"), None);
            assert_eq!(parse(""), None);
        }
        check(&Element::ALL, Element::as_str, Element::parse);
        check(&Form::ALL, Form::as_str, Form::parse);
        check(&[ElementRule::Counting, ElementRule::AnyForm], ElementRule::as_str, ElementRule::parse);
        check(&[Strength::Strong, Strength::Medium, Strength::Weak], Strength::as_str, Strength::parse);
        check(&Topic::ALL, Topic::as_str, Topic::parse);
        check(&FactKind::ALL, FactKind::as_str, FactKind::parse);
        check(&[Urgency::Immediate, Urgency::Soon, Urgency::Routine], Urgency::as_str, Urgency::parse);
        check(&NeedKind::ALL, NeedKind::as_str, NeedKind::parse);
        for k in [InstrumentKind::Identification, InstrumentKind::Vulnerability] {
            assert_eq!(InstrumentKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(InstrumentKind::parse("screening"), None);
        assert_eq!(
            (Element::AbuseOfVulnerabilityAtDestination.as_str(), Form::ForcedCriminality.as_str()),
            ("abuse_of_vulnerability_at_destination", "forced_criminality")
        );
        let types = [
            AnswerType::YesNo,
            AnswerType::Choice(vec![]),
            AnswerType::MultiChoice(vec![]),
            AnswerType::Number,
            AnswerType::Date,
            AnswerType::Place,
            AnswerType::FreeText,
        ];
        assert_eq!(
            types.map(|t| t.code()),
            ["yes_no", "choice", "multi_choice", "number", "date", "place", "free_text"]
        );
        let follow_ups = [
            FollowUp::SafetyPlan,
            FollowUp::AppointGuardian,
            FollowUp::LegalRepresentation,
            FollowUp::ArrangeInterpreter { language: "am".into() },
            FollowUp::FindShelter { for_child: true },
            FollowUp::ReturnRiskAssessment,
            FollowUp::AskConsularConsent,
        ];
        assert_eq!(
            follow_ups.clone().map(|f| f.code()),
            [
                "safety_plan",
                "appoint_guardian",
                "legal_representation",
                "arrange_interpreter",
                "find_shelter",
                "return_risk_assessment",
                "ask_consular_consent"
            ]
        );
        // R20, R21: the tasks a protection record completes.
        let records = follow_ups.map(|f| f.protection_record());
        assert_eq!(
            records,
            [
                None,
                Some(crate::protection::Kind::Guardian),
                None,
                None,
                None,
                Some(crate::protection::Kind::ReturnRisk),
                None
            ]
        );
    }

    /// R01, R02, R10: which elements decide (act, means, purpose), which are
    /// forms of the means a child need not show, which topics may never be
    /// indicators, and which element each Palermo form evidences.
    #[test]
    fn r01_r02_r10_the_elements_and_topics_are_classified_as_the_law_reads() {
        let palermo: Vec<Element> = Element::ALL.into_iter().filter(Element::is_palermo).collect();
        assert_eq!(palermo, [Element::Act, Element::Means, Element::Purpose]);
        let means_like: Vec<Element> = Element::ALL.into_iter().filter(Element::is_means_like).collect();
        assert_eq!(
            means_like,
            [
                Element::Means,
                Element::DeceptiveRecruitment,
                Element::CoerciveRecruitment,
                Element::RecruitmentAbuseOfVulnerability,
                Element::CoercionAtDestination,
                Element::AbuseOfVulnerabilityAtDestination
            ]
        );
        let traits: Vec<Topic> = Topic::ALL.into_iter().filter(Topic::is_identity_trait).collect();
        assert_eq!(traits, [Topic::Sex, Topic::Gender, Topic::Nationality]);
        let by_element = |el: Element| Form::ALL.into_iter().filter(|f| f.element() == el).count();
        assert_eq!((by_element(Element::Act), by_element(Element::Means), by_element(Element::Purpose)), (5, 9, 5));
        assert_eq!(Form::Payments.element(), Element::Means);
        assert_eq!(Form::ForcedCriminality.element(), Element::Purpose);
        assert_eq!(Form::Receipt.element(), Element::Act);
    }

    /// R01, R08: a counting rule is met by at least so many indicators of
    /// each strength, medium and weak together counting towards their sum;
    /// one fewer of any is not enough.
    #[test]
    fn r01_a_counting_rule_needs_each_count_and_no_fewer() {
        let r = Rule { strong: 1, medium: 1, weak: 1, medium_or_weak: 3 };
        assert!(r.satisfied(1, 1, 2));
        assert!(r.satisfied(1, 2, 1));
        assert!(r.satisfied(2, 5, 5));
        assert!(!r.satisfied(0, 2, 2), "no strong");
        assert!(!r.satisfied(1, 0, 3), "no medium");
        assert!(!r.satisfied(1, 3, 0), "no weak");
        assert!(!r.satisfied(1, 1, 1), "medium and weak together short of three");
        let sum_only = Rule { strong: 0, medium: 0, weak: 0, medium_or_weak: 2 };
        assert!(sum_only.satisfied(0, 1, 1) && sum_only.satisfied(0, 2, 0) && sum_only.satisfied(0, 0, 2));
        assert!(!sum_only.satisfied(5, 1, 0));
        assert!(Rule::default().satisfied(0, 0, 0));
    }

    /// R09, R17, R19: how urgent each need is, and the one that waits for
    /// consent before anything is disclosed (consular contact).
    #[test]
    fn r17_r19_needs_have_their_urgency_and_consular_help_waits_for_consent() {
        use NeedKind::*;
        for k in NeedKind::ALL {
            let expected = match k {
                SafetyPlan | Guardian | LegalDefence => Urgency::Immediate,
                Psychological | LegalAid | Compensation => Urgency::Routine,
                _ => Urgency::Soon,
            };
            assert_eq!(k.urgency(), expected, "{k:?}");
            let consent = (k == Consular).then_some(crate::consent::ConsentPurpose::ConsularContact);
            assert_eq!(k.consent_first(), consent, "{k:?}");
        }
    }

    fn bare(rules: Vec<Rule>, element_rules: BTreeMap<Element, ElementRule>) -> Instrument {
        Instrument {
            id: "t".into(),
            kind: InstrumentKind::Identification,
            version: "1".into(),
            hash: String::new(),
            title: BTreeMap::new(),
            sections: vec![],
            questions: vec![],
            indicators: vec![],
            rules,
            element_rules,
            adult_requires: vec![],
            child_requires: vec![],
            needs: vec![],
            rule_source: String::new(),
        }
    }

    fn indicator(id: &str, el: Element, strength: Strength, effect: Effect, forms: Vec<Form>) -> Indicator {
        Indicator {
            id: id.into(),
            question: id.into(),
            trigger: Trigger::Yes,
            elements: vec![el],
            strength,
            effect,
            forms,
            source: "test".into(),
        }
    }

    /// R01, R08: under the counting rules an indicator that lowers a finding
    /// takes one away from its strength's count (never below nothing), and
    /// counts for its own element only; a lowering indicator never meets an
    /// element by its form, and an indicator of another element never does.
    #[test]
    fn r01_indicators_count_for_and_against_their_own_element() {
        let counted = bare(vec![Rule { strong: 1, ..Rule::default() }], BTreeMap::new());
        let strong = indicator("s", Element::Act, Strength::Strong, Effect::Supports, vec![]);
        let against = indicator("l", Element::Act, Strength::Strong, Effect::Lowers, vec![]);
        let other = indicator("o", Element::Means, Strength::Strong, Effect::Supports, vec![]);
        assert!(counted.element_met(Element::Act, &[&strong]));
        assert!(!counted.element_met(Element::Act, &[&strong, &against]), "one lowers what one supports");
        assert!(!counted.element_met(Element::Act, &[&against]));
        assert!(!counted.element_met(Element::Act, &[&other]), "another element's indicator");
        let two = bare(vec![Rule { medium: 2, ..Rule::default() }], BTreeMap::new());
        let medium = |id: &str| indicator(id, Element::Act, Strength::Medium, Effect::Supports, vec![]);
        let (m1, m2) = (medium("m1"), medium("m2"));
        assert!(two.element_met(Element::Act, &[&m1, &m2]));
        assert!(!two.element_met(Element::Act, &[&m1]));
        let by_form =
            bare(vec![Rule { strong: 9, ..Rule::default() }], BTreeMap::from([(Element::Act, ElementRule::AnyForm)]));
        assert_eq!(by_form.element_rule(Element::Act), ElementRule::AnyForm);
        assert_eq!(by_form.element_rule(Element::Means), ElementRule::Counting, "an element not listed is counted");
        let recruited = indicator("r", Element::Act, Strength::Weak, Effect::Supports, vec![Form::Recruitment]);
        let lowering_form = indicator("x", Element::Act, Strength::Weak, Effect::Lowers, vec![Form::Recruitment]);
        let means_form = indicator("d", Element::Act, Strength::Weak, Effect::Supports, vec![Form::Deception]);
        assert!(by_form.element_met(Element::Act, &[&recruited]), "one clearly indicated form meets it");
        assert!(!by_form.element_met(Element::Act, &[&lowering_form]));
        assert!(!by_form.element_met(Element::Act, &[&means_form]), "a form of another element");
        assert!(!by_form.element_met(Element::Means, &[&means_form]), "means is counted, not met by form");
    }

    /// R04, R10: an indicator's trigger must be one its question can answer.
    #[test]
    fn r04_a_trigger_fits_only_the_questions_that_can_fire_it() {
        let choice = AnswerType::Choice(vec!["a".into(), "b".into()]);
        let multi = AnswerType::MultiChoice(vec!["a".into(), "b".into()]);
        assert!(trigger_fits(&Trigger::Yes, &AnswerType::YesNo));
        assert!(!trigger_fits(&Trigger::Yes, &choice));
        assert!(trigger_fits(&Trigger::AnyOf(vec!["a".into()]), &choice));
        assert!(trigger_fits(&Trigger::AnyOf(vec!["a".into(), "b".into()]), &multi));
        assert!(!trigger_fits(&Trigger::AnyOf(vec!["a".into(), "z".into()]), &multi), "an option it lacks");
        assert!(!trigger_fits(&Trigger::AnyOf(vec![]), &choice), "an empty list fires nothing");
        assert!(!trigger_fits(&Trigger::AnyOf(vec!["a".into()]), &AnswerType::YesNo));
        assert!(trigger_fits(&Trigger::AtLeast(12.0), &AnswerType::Number));
        assert!(!trigger_fits(&Trigger::AtLeast(12.0), &AnswerType::FreeText));
    }
}
