//! From haven's records to rows, and from rows back to what the core
//! parses. What a row may carry depends on the categories the exporting
//! reader may open for that person (R17, R24): a field outside them is
//! left out, never emptied into a placeholder.

use haven_core::access::{Categories, Category};
use haven_core::case::CaseRecord;
use haven_core::ids::{CaseId, PersonId};
use haven_core::person::{format_date, Birth, PersonInput, PersonRecord};
use haven_core::referral::Status as ReferralStatus;
use haven_core::screening::decision::Conclusion;
use haven_core::screening::{Determination, Element, Form};
use time::Date;

use super::codes::{
    DecisionMakingOrg, Gender, HtcdsCaseStatus, ReasonForReferral, ScreeningOutcome, SupportPlanType,
    TraffickingStatus, TypeOfExploitation,
};
use super::rows::{CaseRow, PersonRow, ReferralRow, ScreeningRow};

/// The person's row, or `None` when `open` lacks identity: haven opens
/// nothing of a person without it, and a bundle never holds a nameless
/// person.
pub fn person_row(id: PersonId, person: &PersonRecord, open: Categories) -> Option<PersonRow> {
    if !open.contains(Category::Identity) {
        return None;
    }
    let contact = open.contains(Category::ContactLocation);
    let (birthdate, estimated_age, age_uncertain) = match person.birth {
        Birth::Unknown => (None, None, false),
        Birth::DateOfBirth(d) => (Some(format_date(d)), None, false),
        Birth::Estimated { years, uncertain } => (None, Some(u16::from(years)), uncertain),
    };
    let languages: Vec<String> = person.languages.iter().map(|l| l.as_str().to_owned()).collect();
    Some(PersonRow {
        id: id.to_string(),
        full_name: person.full_name.as_str().to_owned(),
        other_names: person.other_names.iter().map(|n| n.as_str().to_owned()).collect(),
        latin_name: person.latin_name.as_ref().map(|n| n.as_str().to_owned()),
        sex: person.sex.clone(),
        gender: Some(Gender::of_sex(person.sex.as_deref()).as_str().to_owned()),
        birthdate,
        estimated_age,
        age_uncertain,
        citizenship: person.nationalities.iter().map(|c| c.as_str().to_owned()).collect(),
        primary_language: languages.first().map(|l| language_subtag(l)),
        secondary_language: languages.get(1).map(|l| language_subtag(l)),
        languages,
        mobile_phone: if contact { person.contact.clone() } else { None },
        location: contact.then(|| person.location.as_str().to_owned()),
        notes: if open.contains(Category::Narrative) { person.notes.clone() } else { None },
    })
}

/// The language subtag of a BCP 47 tag (`zh` of `zh-Hans`): an ISO 639
/// code, which is what HTCDS asks for.
pub(crate) fn language_subtag(tag: &str) -> String {
    tag.split('-').next().unwrap_or_default().to_ascii_lowercase()
}

/// The row as raw input for [`PersonRecord::parse`], the one parser every
/// person goes through. A file that gives only the HTCDS fields still
/// reads: the sex is the word for `prs_Gender`, the languages are the
/// primary and secondary ones.
pub fn person_input(row: &PersonRow) -> PersonInput {
    let sex = row
        .sex
        .clone()
        .or_else(|| row.gender.as_deref().and_then(Gender::parse).and_then(|g| g.word()).map(str::to_owned));
    let languages = if row.languages.is_empty() {
        row.primary_language.iter().chain(row.secondary_language.iter()).cloned().collect()
    } else {
        row.languages.clone()
    };
    PersonInput {
        full_name: row.full_name.clone(),
        other_names: row.other_names.clone(),
        latin_name: row.latin_name.clone(),
        sex,
        date_of_birth: row.birthdate.clone(),
        estimated_age: row.estimated_age,
        age_uncertain: row.age_uncertain,
        nationalities: row.citizenship.clone(),
        languages,
        contact: row.mobile_phone.clone(),
        location: row.location.clone(),
        notes: row.notes.clone(),
    }
}

/// The case's row. Nothing in a case record is sealed, so nothing is left out.
pub fn case_row(id: CaseId, person: PersonId, case: &CaseRecord) -> CaseRow {
    CaseRow {
        id: id.to_string(),
        person_id: person.to_string(),
        status: HtcdsCaseStatus::of(case.status).as_str().to_owned(),
        haven_status: Some(case.status.as_str().to_owned()),
        opened_on: format_date(case.opened_on),
        closed_on: case.closed_on.map(format_date),
        owner: case.assigned_to.map(|u| u.to_string()),
    }
}

/// The case record a row describes; `haven_CaseStatus` where given, else
/// haven's status for `cas_Status`.
pub fn case_record(row: &CaseRow) -> Result<CaseRecord, super::Report> {
    super::check::parse_case(row).map_err(|i| super::Report::of_fields(super::Table::Cases, i))
}

/// What haven holds of a screening, in the terms the bundle needs. The
/// store fills it from its screening, the determination it recomputes and
/// the signed decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningFacts {
    pub instrument_id: String,
    pub instrument_version: String,
    pub instrument_hash: Option<String>,
    pub started_on: Date,
    /// With `outcome`: a completed screening has both, an open one neither.
    pub completed_on: Option<Date>,
    pub outcome: Option<ScreeningOutcome>,
    /// The forms of exploitation the answers show ([`purpose_forms`]).
    pub forms: Vec<Form>,
    /// Who screened or decided; written only with a trafficking status.
    pub decision_maker: Option<DecisionMakingOrg>,
    pub decision: Option<DecisionFacts>,
}

/// A signed conclusive decision (R07).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionFacts {
    pub conclusion: Conclusion,
    pub decided_on: Date,
    /// The written reasons; narrative, so only where the reader may open it.
    pub reasons: Option<String>,
}

/// The forms of the purpose element a determination found: what
/// `haven_FormsOfExploitation` holds.
pub fn purpose_forms(d: &Determination) -> Vec<Form> {
    d.element(Element::Purpose).map(|f| f.forms.clone()).unwrap_or_default()
}

/// The screening's row. The forms of exploitation and the decision's
/// reasons come from the person's account, so they need `narrative`.
pub fn screening_row(id: &str, person: PersonId, s: &ScreeningFacts, open: Categories) -> ScreeningRow {
    let narrative = open.contains(Category::Narrative);
    let forms: &[Form] = if narrative { &s.forms } else { &[] };
    let status = TraffickingStatus::of(s.outcome, s.decision.as_ref().map(|d| d.conclusion));
    let rg = s.outcome == Some(ScreeningOutcome::ReasonableGrounds);
    ScreeningRow {
        id: id.to_owned(),
        person_id: person.to_string(),
        instrument_id: s.instrument_id.clone(),
        instrument_version: s.instrument_version.clone(),
        instrument_hash: s.instrument_hash.clone(),
        started_on: format_date(s.started_on),
        completed_on: s.completed_on.map(format_date),
        outcome: s.outcome.map(|o| o.as_str().to_owned()),
        trafficking_status: status.map(|t| t.as_str().to_owned()),
        decision_making_org: status.and(s.decision_maker).map(|d| d.as_str().to_owned()),
        type_of_exploitation: TypeOfExploitation::of_forms(forms).iter().map(|t| t.as_str().to_owned()).collect(),
        forms: forms.iter().map(|f| f.as_str().to_owned()).collect(),
        non_punishment_since: if rg { s.completed_on.map(format_date) } else { None },
        decision: s.decision.as_ref().map(|d| d.conclusion.as_str().to_owned()),
        decided_on: s.decision.as_ref().map(|d| format_date(d.decided_on)),
        decision_reasons: s.decision.as_ref().and_then(|d| d.reasons.clone()).filter(|_| narrative),
    }
}

/// The screening a row describes, every field checked.
pub fn screening_facts(row: &ScreeningRow) -> Result<ScreeningFacts, super::Report> {
    super::check::parse_screening(row).map_err(|i| super::Report::of_fields(super::Table::Screenings, i))
}

/// What haven holds of a referral. Organisations are named, not
/// identified: ids mean nothing on another installation, so the store
/// resolves the receiving organisation by name on import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralFacts {
    pub status: ReferralStatus,
    /// One of [`haven_core::services::SERVICE_TYPES`].
    pub service_type: String,
    pub from_org: Option<String>,
    pub to_org: String,
    pub sent_on: Option<Date>,
    pub note: Option<String>,
    pub response: Option<String>,
}

/// The referral's row. The note and the answer are narrative; what kind of
/// service was asked for is not left out, because the importing side
/// cannot make a referral without it.
pub fn referral_row(id: &str, person: PersonId, r: &ReferralFacts, open: Categories) -> ReferralRow {
    let narrative = open.contains(Category::Narrative);
    let text = |t: &Option<String>| t.clone().filter(|s| narrative && !s.trim().is_empty());
    ReferralRow {
        id: id.to_owned(),
        person_id: person.to_string(),
        referring_org: r.from_org.clone(),
        referred_org: r.to_org.clone(),
        reason: Some(ReasonForReferral::AdditionalServicesRequired.as_str().to_owned()),
        sent_on: r.sent_on.map(format_date),
        details: text(&r.note),
        support_plan_type: SupportPlanType::of_service(&r.service_type).map(|t| t.as_str().to_owned()),
        service_type: r.service_type.clone(),
        status: r.status.as_str().to_owned(),
        response: text(&r.response),
    }
}

/// The referral a row describes, every field checked.
pub fn referral_facts(row: &ReferralRow) -> Result<ReferralFacts, super::Report> {
    super::check::parse_referral(row).map_err(|i| super::Report::of_fields(super::Table::Referrals, i))
}
