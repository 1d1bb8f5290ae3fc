//! The checks every row passes before a bundle is handed out. Each check
//! collects every problem it finds in a row rather than stopping at the
//! first, and no message repeats a value from the file (a value may be a
//! survivor's name, R23): a message names the column and what is expected.

use std::collections::{BTreeMap, BTreeSet};

use haven_core::case::{CaseRecord, CaseStatus};
use haven_core::ids::UserId;
use haven_core::person::{parse_date, LanguageTag, PersonRecord};
use haven_core::referral::Status as ReferralStatus;
use haven_core::screening::decision::{Conclusion, Reasons};
use haven_core::screening::{Element, Form};
use haven_core::services::SERVICE_TYPES;
use time::Date;

use super::codes::{
    DecisionMakingOrg, Gender, HtcdsCaseStatus, ReasonForReferral, ScreeningOutcome, SupportPlanType,
    TraffickingStatus, TypeOfExploitation,
};
use super::map::{language_subtag, person_input, DecisionFacts, ReferralFacts, ScreeningFacts};
use super::rows::{Bundle, CaseRow, PersonRow, ReferralRow, ScreeningRow, Table};
use super::{Issue, Lines};

/// One problem in one row: the column and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldIssue {
    pub column: &'static str,
    pub message: String,
}

impl FieldIssue {
    pub fn new(column: &'static str, message: impl Into<String>) -> Self {
        Self { column, message: message.into() }
    }
}

type Issues = Vec<FieldIssue>;

/// Ids are the exporting installation's (UUIDs) or another system's; they
/// link rows inside the bundle and are never shown as a person's name.
fn check_id(out: &mut Issues, column: &'static str, id: &str) {
    let ok = (1..=64).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
        && id.starts_with(|c: char| c.is_ascii_alphanumeric());
    if id.is_empty() {
        out.push(FieldIssue::new(column, "required"));
    } else if !ok {
        out.push(FieldIssue::new(column, "an id is 1 to 64 letters, digits, '.', '_', ':' or '-'"));
    }
}

/// An instrument id or version: a short token, as the instrument file has it.
fn check_token(out: &mut Issues, column: &'static str, s: &str) {
    if s.is_empty() {
        out.push(FieldIssue::new(column, "required"));
    } else if s.len() > 64 || !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        out.push(FieldIssue::new(column, "1 to 64 letters, digits, '.', '_' or '-'"));
    }
}

fn date(out: &mut Issues, column: &'static str, s: Option<&str>) -> Option<Date> {
    let s = s?;
    let d = parse_date(s).filter(|_| s.len() == 10);
    if d.is_none() {
        out.push(FieldIssue::new(column, "a date in the form YYYY-MM-DD"));
    }
    d
}

fn required_date(out: &mut Issues, column: &'static str, s: &str) -> Option<Date> {
    if s.is_empty() {
        out.push(FieldIssue::new(column, "required"));
        return None;
    }
    date(out, column, Some(s))
}

fn not_after(out: &mut Issues, column: &'static str, d: Option<Date>, today: Date) {
    if d.is_some_and(|d| d > today) {
        out.push(FieldIssue::new(column, "the date is after today"));
    }
}

/// Picklist value, or the refusal that lists the allowed ones.
fn code<T>(
    out: &mut Issues,
    column: &'static str,
    s: Option<&str>,
    parse: fn(&str) -> Option<T>,
    refusal: fn() -> String,
) -> Option<T> {
    let s = s?;
    let v = parse(s);
    if v.is_none() {
        out.push(FieldIssue::new(column, refusal()));
    }
    v
}

/// The column of a core parser's field name, in this row's terms.
fn person_column(field: &'static str, row: &PersonRow) -> &'static str {
    match field {
        "full_name" => "haven_FullName",
        "other_names" => "haven_OtherNames",
        "latin_name" => "haven_LatinName",
        "sex" if row.sex.is_none() => "prs_Gender",
        "sex" => "haven_Sex",
        "date_of_birth" => "prs_Birthdate",
        "estimated_age" => "haven_EstimatedAge",
        "nationalities" => "prs_Citizenship",
        "languages" if row.languages.is_empty() => "prs_PrimaryLanguage",
        "languages" => "haven_Languages",
        "contact" => "prs_MobilePhone",
        "location" => "haven_Location",
        "notes" => "haven_Notes",
        other => other,
    }
}

pub(crate) fn check_person(row: &PersonRow, today: Date) -> Issues {
    let mut out = Vec::new();
    check_id(&mut out, "haven_PersonId", &row.id);
    if let Some(g) = code(&mut out, "prs_Gender", row.gender.as_deref(), Gender::parse, Gender::refusal) {
        if row.sex.is_some() && Gender::of_sex(row.sex.as_deref()) != g {
            out.push(FieldIssue::new("prs_Gender", "does not agree with haven_Sex"));
        }
    }
    if row.birthdate.is_some() && row.estimated_age.is_some() {
        out.push(FieldIssue::new("haven_EstimatedAge", "give prs_Birthdate or haven_EstimatedAge, not both"));
    }
    if row.age_uncertain && row.estimated_age.is_none() {
        out.push(FieldIssue::new("haven_AgeUncertain", "only an estimated age (haven_EstimatedAge) can be uncertain"));
    }
    let subtag_ok = |s: &str| (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    let given = [("prs_PrimaryLanguage", &row.primary_language), ("prs_SecondaryLanguage", &row.secondary_language)];
    for (i, (column, value)) in given.into_iter().enumerate() {
        let Some(v) = value else { continue };
        if !subtag_ok(v) {
            out.push(FieldIssue::new(column, "an ISO 639 language code, such as my, vi or khm"));
        } else if !row.languages.is_empty() {
            let expected = row.languages.get(i).and_then(|t| LanguageTag::parse(t).ok());
            if expected.map(|t| language_subtag(t.as_str())) != Some(v.to_ascii_lowercase()) {
                out.push(FieldIssue::new(column, "does not agree with haven_Languages"));
            }
        }
    }
    if row.secondary_language.is_some() && row.primary_language.is_none() {
        out.push(FieldIssue::new("prs_SecondaryLanguage", "given without prs_PrimaryLanguage"));
    }
    if let Err(e) = PersonRecord::parse(&person_input(row), today) {
        out.push(FieldIssue::new(person_column(e.field, row), e.message));
    }
    out
}

pub(crate) fn parse_case(row: &CaseRow) -> Result<CaseRecord, Issues> {
    let mut out = Vec::new();
    check_id(&mut out, "haven_CaseId", &row.id);
    check_id(&mut out, "haven_PersonId", &row.person_id);
    if row.status.is_empty() {
        out.push(FieldIssue::new("cas_Status", "required"));
    }
    let htcds = code(
        &mut out,
        "cas_Status",
        Some(row.status.as_str()).filter(|s| !s.is_empty()),
        HtcdsCaseStatus::parse,
        HtcdsCaseStatus::refusal,
    );
    let haven = code(
        &mut out,
        "haven_CaseStatus",
        row.haven_status.as_deref(),
        |s| CaseStatus::parse(s).ok().filter(|c| c.as_str() == s),
        || "one of open, active, suspended, closed".to_owned(),
    );
    if let (Some(h), Some(v)) = (htcds, haven) {
        if h.is_closed() != (v == CaseStatus::Closed) {
            out.push(FieldIssue::new("cas_Status", "does not agree with haven_CaseStatus"));
        }
    }
    let status = haven.or(htcds.map(|h| h.haven()));
    let opened_on = required_date(&mut out, "haven_OpenedOn", &row.opened_on);
    let closed_on = date(&mut out, "haven_ClosedOn", row.closed_on.as_deref());
    match (status, closed_on) {
        (Some(CaseStatus::Closed), None) if row.closed_on.is_none() => {
            out.push(FieldIssue::new("haven_ClosedOn", "a closed case needs the day it closed"))
        }
        (Some(s), Some(_)) if s != CaseStatus::Closed => {
            out.push(FieldIssue::new("haven_ClosedOn", "only a closed case has a closing day"))
        }
        _ => {}
    }
    if let (Some(o), Some(c)) = (opened_on, closed_on) {
        if c < o {
            out.push(FieldIssue::new("haven_ClosedOn", "a case cannot close before it opened"));
        }
    }
    let owner = match row.owner.as_deref() {
        None => None,
        Some(o) => match o.parse::<UserId>() {
            Ok(u) => Some(u),
            Err(_) => {
                out.push(FieldIssue::new("cas_CaseOwner", "a user id (UUID)"));
                None
            }
        },
    };
    match (status, opened_on) {
        (Some(status), Some(opened_on)) if out.is_empty() => {
            Ok(CaseRecord { status, opened_on, closed_on, assigned_to: owner })
        }
        _ => Err(out),
    }
}

fn check_case(row: &CaseRow, today: Date) -> Issues {
    match parse_case(row) {
        Err(out) => out,
        Ok(c) => {
            let mut out = Vec::new();
            not_after(&mut out, "haven_OpenedOn", Some(c.opened_on), today);
            not_after(&mut out, "haven_ClosedOn", c.closed_on, today);
            out
        }
    }
}

fn purpose_form(s: &str) -> Option<Form> {
    Form::parse(s).filter(|f| f.element() == Element::Purpose)
}

pub(crate) fn parse_screening(row: &ScreeningRow) -> Result<ScreeningFacts, Issues> {
    let mut out = Vec::new();
    check_id(&mut out, "haven_ScreeningId", &row.id);
    check_id(&mut out, "haven_PersonId", &row.person_id);
    check_token(&mut out, "haven_InstrumentId", &row.instrument_id);
    check_token(&mut out, "haven_InstrumentVersion", &row.instrument_version);
    if let Some(h) = &row.instrument_hash {
        if h.len() != 64 || !h.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)) {
            out.push(FieldIssue::new("haven_InstrumentHash", "64 lower-case hexadecimal digits (SHA-256)"));
        }
    }
    let started_on = required_date(&mut out, "haven_StartedOn", &row.started_on);
    let completed_on = date(&mut out, "haven_CompletedOn", row.completed_on.as_deref());
    let outcome = code(&mut out, "haven_ScreeningOutcome", row.outcome.as_deref(), ScreeningOutcome::parse, || {
        "one of reasonable_grounds, not_yet_determined, vulnerable_migrant".to_owned()
    });
    if row.completed_on.is_some() != row.outcome.is_some() {
        out.push(FieldIssue::new(
            "haven_ScreeningOutcome",
            "a completed screening has an outcome, an open one has neither (see haven_CompletedOn)",
        ));
    }
    if let (Some(s), Some(c)) = (started_on, completed_on) {
        if c < s {
            out.push(FieldIssue::new("haven_CompletedOn", "before the screening started"));
        }
    }
    let mut forms = Vec::new();
    for f in &row.forms {
        match purpose_form(f) {
            Some(f) => forms.push(f),
            None => out.push(FieldIssue::new(
                "haven_FormsOfExploitation",
                "use forced_criminality, forced_labour, slavery_or_similar_practices, servitude or sexual_exploitation",
            )),
        }
    }
    if !row.forms.is_empty() && row.outcome.is_none() {
        out.push(FieldIssue::new(
            "haven_FormsOfExploitation",
            "only a completed screening shows forms of exploitation",
        ));
    }
    let mut types_ok = true;
    for t in &row.type_of_exploitation {
        if TypeOfExploitation::parse(t).is_none() {
            out.push(FieldIssue::new("vic_TypeOfExploitation", TypeOfExploitation::refusal()));
            types_ok = false;
        }
    }
    let expected_types: Vec<&str> = TypeOfExploitation::of_forms(&forms).iter().map(|t| t.as_str()).collect();
    if types_ok && forms.len() == row.forms.len() && row.type_of_exploitation != expected_types {
        out.push(FieldIssue::new("vic_TypeOfExploitation", "does not agree with haven_FormsOfExploitation"));
    }
    let conclusion = code(
        &mut out,
        "haven_DecisionConclusion",
        row.decision.as_deref(),
        |s| Conclusion::parse(s).ok().filter(|c| c.as_str() == s),
        || "confirmed or not_confirmed".to_owned(),
    );
    let decided_on = date(&mut out, "haven_DecisionDate", row.decided_on.as_deref());
    if row.decision.is_some() != row.decided_on.is_some() {
        out.push(FieldIssue::new("haven_DecisionDate", "a decision has a date, and a date belongs to a decision"));
    }
    if row.decision.is_some() && row.completed_on.is_none() {
        out.push(FieldIssue::new("haven_DecisionConclusion", "a conclusive decision follows a completed screening"));
    }
    if let (Some(c), Some(d)) = (completed_on, decided_on) {
        if d < c {
            out.push(FieldIssue::new("haven_DecisionDate", "before the screening was completed"));
        }
    }
    let reasons = match row.decision_reasons.as_deref() {
        None => None,
        Some(_) if row.decision.is_none() => {
            out.push(FieldIssue::new(
                "haven_DecisionReasons",
                "reasons belong to a decision (haven_DecisionConclusion)",
            ));
            None
        }
        Some(r) => match Reasons::parse(r) {
            Ok(r) => Some(r.as_str().to_owned()),
            Err(e) => {
                out.push(FieldIssue::new("haven_DecisionReasons", e.message));
                None
            }
        },
    };
    // What the HTCDS fields should say, known only if haven's own parsed.
    let derivable = outcome.is_some() == row.outcome.is_some() && conclusion.is_some() == row.decision.is_some();
    let expected = TraffickingStatus::of(outcome, conclusion);
    let status = code(
        &mut out,
        "vic_TraffickingStatus",
        row.trafficking_status.as_deref(),
        TraffickingStatus::parse,
        TraffickingStatus::refusal,
    );
    if derivable && status.is_some() && status != expected {
        out.push(FieldIssue::new(
            "vic_TraffickingStatus",
            "does not agree with haven_ScreeningOutcome and haven_DecisionConclusion",
        ));
    }
    let decision_maker = code(
        &mut out,
        "vic_TraffickingStatusDecisionMakingOrg",
        row.decision_making_org.as_deref(),
        DecisionMakingOrg::parse,
        DecisionMakingOrg::refusal,
    );
    if derivable && row.decision_making_org.is_some() && expected.is_none() {
        out.push(FieldIssue::new(
            "vic_TraffickingStatusDecisionMakingOrg",
            "only a completed screening or a decision has a decision maker",
        ));
    }
    let since = date(&mut out, "haven_NonPunishmentSince", row.non_punishment_since.as_deref());
    let applies_since = completed_on.filter(|_| outcome == Some(ScreeningOutcome::ReasonableGrounds));
    if derivable && since.is_some() && since != applies_since {
        out.push(FieldIssue::new(
            "haven_NonPunishmentSince",
            "the principle applies from the completion of a screening with reasonable grounds",
        ));
    }
    match started_on {
        Some(started_on) if out.is_empty() => Ok(ScreeningFacts {
            instrument_id: row.instrument_id.clone(),
            instrument_version: row.instrument_version.clone(),
            instrument_hash: row.instrument_hash.clone(),
            started_on,
            completed_on,
            outcome,
            forms,
            decision_maker,
            decision: match (conclusion, decided_on) {
                (Some(conclusion), Some(decided_on)) => Some(DecisionFacts { conclusion, decided_on, reasons }),
                _ => None,
            },
        }),
        _ => Err(out),
    }
}

fn check_screening(row: &ScreeningRow, today: Date) -> Issues {
    match parse_screening(row) {
        Err(out) => out,
        Ok(s) => {
            let mut out = Vec::new();
            not_after(&mut out, "haven_StartedOn", Some(s.started_on), today);
            not_after(&mut out, "haven_CompletedOn", s.completed_on, today);
            not_after(&mut out, "haven_DecisionDate", s.decision.map(|d| d.decided_on), today);
            out
        }
    }
}

fn text(out: &mut Issues, column: &'static str, s: Option<&str>, max: usize, lines: bool) -> Option<String> {
    let s = s?;
    let r =
        if lines { haven_core::text::clean_text(column, s, max) } else { haven_core::text::clean_line(column, s, max) };
    match r {
        Ok(t) if t.is_empty() => None,
        Ok(t) => Some(t),
        Err(e) => {
            out.push(FieldIssue::new(column, e.message));
            None
        }
    }
}

pub(crate) fn parse_referral(row: &ReferralRow) -> Result<ReferralFacts, Issues> {
    let mut out = Vec::new();
    check_id(&mut out, "haven_ReferralId", &row.id);
    check_id(&mut out, "haven_PersonId", &row.person_id);
    let service = SERVICE_TYPES.iter().find(|t| **t == row.service_type);
    if row.service_type.is_empty() {
        out.push(FieldIssue::new("haven_ServiceType", "required"));
    } else if service.is_none() {
        out.push(FieldIssue::new("haven_ServiceType", format!("one of {}", SERVICE_TYPES.join(", "))));
    }
    let status = if row.status.is_empty() {
        out.push(FieldIssue::new("haven_ReferralStatus", "required"));
        None
    } else {
        code(
            &mut out,
            "haven_ReferralStatus",
            Some(row.status.as_str()),
            |s| ReferralStatus::parse(s).ok().filter(|x| x.as_str() == s),
            || {
                let all: Vec<&str> = ReferralStatus::ALL.iter().map(|s| s.as_str()).collect();
                format!("one of {}", all.join(", "))
            },
        )
    };
    let to_org = text(&mut out, "cas_ReferredOrganisation", Some(row.referred_org.as_str()), 300, false);
    if to_org.is_none() && row.referred_org.trim().is_empty() {
        out.push(FieldIssue::new("cas_ReferredOrganisation", "required"));
    }
    let from_org = text(&mut out, "cas_ReferringOrganisation", row.referring_org.as_deref(), 300, false);
    if let Some(r) = code(
        &mut out,
        "cas_ReasonForOutgoingReferral",
        row.reason.as_deref(),
        ReasonForReferral::parse,
        ReasonForReferral::refusal,
    ) {
        if r != ReasonForReferral::AdditionalServicesRequired {
            out.push(FieldIssue::new(
                "cas_ReasonForOutgoingReferral",
                "a referral in haven is for services: AdditionalServicesRequired",
            ));
        }
    }
    let sent_on = date(&mut out, "cas_OutgoingReferralDate", row.sent_on.as_deref());
    match status {
        Some(ReferralStatus::Proposed | ReferralStatus::ConsentRecorded) if row.sent_on.is_some() => {
            out.push(FieldIssue::new("cas_OutgoingReferralDate", "a referral not yet sent has no sending day"))
        }
        Some(
            ReferralStatus::Sent
            | ReferralStatus::Accepted
            | ReferralStatus::Declined
            | ReferralStatus::InProgress
            | ReferralStatus::Completed,
        ) if row.sent_on.is_none() => {
            out.push(FieldIssue::new("cas_OutgoingReferralDate", "a sent referral needs the day it was sent"))
        }
        // A revoked referral may or may not have been sent.
        _ => {}
    }
    if let Some(t) =
        code(&mut out, "spl_Type", row.support_plan_type.as_deref(), SupportPlanType::parse, SupportPlanType::refusal)
    {
        if service.is_some_and(|s| SupportPlanType::of_service(s) != Some(t)) {
            out.push(FieldIssue::new("spl_Type", "does not agree with haven_ServiceType"));
        }
    }
    let note = text(&mut out, "cas_OutgoingReferralDetails", row.details.as_deref(), 2000, true);
    let response = text(&mut out, "haven_Response", row.response.as_deref(), 2000, true);
    match (status, service, to_org) {
        (Some(status), Some(service), Some(to_org)) if out.is_empty() => {
            Ok(ReferralFacts { status, service_type: (*service).to_owned(), from_org, to_org, sent_on, note, response })
        }
        _ => Err(out),
    }
}

fn check_referral(row: &ReferralRow, today: Date) -> Issues {
    match parse_referral(row) {
        Err(out) => out,
        Ok(r) => {
            let mut out = Vec::new();
            not_after(&mut out, "cas_OutgoingReferralDate", r.sent_on, today);
            out
        }
    }
}

/// Rows of one table: the line each starts on, the row, whether it was read whole.
pub(crate) type LinedRows<R> = Vec<(u64, R, bool)>;

/// A bundle's rows as the codecs read them: the line each starts on, the
/// row, and whether it was read whole (a row with a cell that could not be
/// read is already reported, and its other checks would only repeat it).
#[derive(Default)]
pub(crate) struct Lined {
    pub persons: LinedRows<PersonRow>,
    pub cases: LinedRows<CaseRow>,
    pub screenings: LinedRows<ScreeningRow>,
    pub referrals: LinedRows<ReferralRow>,
    /// Whether the persons table was read at all: if not, every reference
    /// to a person would be reported as missing, which helps nobody.
    pub persons_complete: bool,
}

fn issues_of(table: Table, line: u64, found: Issues, out: &mut Vec<Issue>) {
    out.extend(found.into_iter().map(|f| Issue {
        table: Some(table),
        line: Some(line),
        field: Some(f.column.to_owned()),
        message: f.message,
    }));
}

/// Ids must be unique in their table; the first row keeps the id, each
/// later one is reported with the line of the first.
fn unique<'a>(table: Table, column: &'static str, ids: impl Iterator<Item = (u64, &'a str)>, out: &mut Vec<Issue>) {
    let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
    for (line, id) in ids.filter(|(_, id)| !id.is_empty()) {
        if let Some(first) = seen.get(id) {
            out.push(Issue {
                table: Some(table),
                line: Some(line),
                field: Some(column.to_owned()),
                message: format!("the same id as the row on line {first}"),
            });
        } else {
            seen.insert(id, line);
        }
    }
}

fn each<R>(table: Table, rows: &[(u64, R, bool)], check: impl Fn(&R) -> Issues, out: &mut Vec<Issue>) {
    for (line, r, whole) in rows {
        if *whole {
            issues_of(table, *line, check(r), out);
        }
    }
}

/// Every row's checks, unique ids, and references between tables. The
/// bundle comes back only if nothing at all is wrong: never a part of it.
pub(crate) fn check_bundle(rows: Lined, today: Date, mut issues: Vec<Issue>) -> Result<(Bundle, Lines), Vec<Issue>> {
    each(Table::Persons, &rows.persons, |r| check_person(r, today), &mut issues);
    each(Table::Cases, &rows.cases, |r| check_case(r, today), &mut issues);
    each(Table::Screenings, &rows.screenings, |r| check_screening(r, today), &mut issues);
    each(Table::Referrals, &rows.referrals, |r| check_referral(r, today), &mut issues);
    unique(Table::Persons, "haven_PersonId", rows.persons.iter().map(|(l, r, _)| (*l, r.id.as_str())), &mut issues);
    unique(Table::Cases, "haven_CaseId", rows.cases.iter().map(|(l, r, _)| (*l, r.id.as_str())), &mut issues);
    unique(
        Table::Screenings,
        "haven_ScreeningId",
        rows.screenings.iter().map(|(l, r, _)| (*l, r.id.as_str())),
        &mut issues,
    );
    unique(
        Table::Referrals,
        "haven_ReferralId",
        rows.referrals.iter().map(|(l, r, _)| (*l, r.id.as_str())),
        &mut issues,
    );
    if rows.persons_complete {
        let persons: BTreeSet<&str> = rows.persons.iter().map(|(_, r, _)| r.id.as_str()).collect();
        let mut refer = |table: Table, line: u64, person: &str| {
            if !person.is_empty() && !persons.contains(person) {
                issues.push(Issue {
                    table: Some(table),
                    line: Some(line),
                    field: Some("haven_PersonId".to_owned()),
                    message: "names a person who is not in the bundle's persons".to_owned(),
                });
            }
        };
        for (line, r, _) in &rows.cases {
            refer(Table::Cases, *line, &r.person_id);
        }
        for (line, r, _) in &rows.screenings {
            refer(Table::Screenings, *line, &r.person_id);
        }
        for (line, r, _) in &rows.referrals {
            refer(Table::Referrals, *line, &r.person_id);
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let lines = Lines {
        persons: rows.persons.iter().map(|(l, _, _)| *l).collect(),
        cases: rows.cases.iter().map(|(l, _, _)| *l).collect(),
        screenings: rows.screenings.iter().map(|(l, _, _)| *l).collect(),
        referrals: rows.referrals.iter().map(|(l, _, _)| *l).collect(),
    };
    let bundle = Bundle {
        persons: rows.persons.into_iter().map(|(_, r, _)| r).collect(),
        cases: rows.cases.into_iter().map(|(_, r, _)| r).collect(),
        screenings: rows.screenings.into_iter().map(|(_, r, _)| r).collect(),
        referrals: rows.referrals.into_iter().map(|(_, r, _)| r).collect(),
    };
    Ok((bundle, lines))
}
