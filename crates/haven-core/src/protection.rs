//! Return, stay and the child pathway: the rules that decide what may be
//! recorded, given what is already on file (R20, R21, R22).
//!
//! Every record is a small set of named fields. This module parses them,
//! checks them against the person's earlier records and says why when it
//! refuses. The store seals the fields; the web layer shows them. Nothing
//! here touches cooperation with investigators: no rule below reads it,
//! because assistance never depends on it (R15).

use std::collections::BTreeMap;

use time::{Date, Duration};

use crate::person::{parse_date, Country};
use crate::ValidationError;

/// What a protection record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// R21: before any return.
    ReturnRisk,
    /// R22: only with consent, documents and a reception contact.
    ReturnPlan,
    /// R20: every child has one.
    Guardian,
    /// R20: best interests first, with the child's views.
    BestInterests,
    /// R20: the risk of tracing the family, heard from the child.
    FamilyRisk,
    /// R20: only after a family risk assessment that allows it.
    FamilyTracing,
    /// A claim for compensation, itemising what was lost (R19: remedies).
    /// A newer record for the same claim reference supersedes the older.
    CompensationClaim,
    /// What the person needs, in the caseworker's assessment with them, as
    /// kinds of service; with the screening's signals it drives the
    /// suggested referrals (R09, R19).
    NeedsAssessment,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::ReturnRisk,
        Kind::ReturnPlan,
        Kind::Guardian,
        Kind::BestInterests,
        Kind::FamilyRisk,
        Kind::FamilyTracing,
        Kind::CompensationClaim,
        Kind::NeedsAssessment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ReturnRisk => "return_risk",
            Kind::ReturnPlan => "return_plan",
            Kind::Guardian => "guardian",
            Kind::BestInterests => "best_interests",
            Kind::FamilyRisk => "family_risk",
            Kind::FamilyTracing => "family_tracing",
            Kind::CompensationClaim => "compensation_claim",
            Kind::NeedsAssessment => "needs_assessment",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s).ok_or(ValidationError::new(
            "kind",
            "unknown_kind",
            "no such protection record",
        ))
    }

    /// Records that only exist on the child pathway.
    pub fn child_only(self) -> bool {
        matches!(self, Kind::Guardian | Kind::BestInterests | Kind::FamilyRisk | Kind::FamilyTracing)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        match s {
            "low" => Ok(Level::Low),
            "medium" => Ok(Level::Medium),
            "high" => Ok(Level::High),
            _ => Err(ValidationError::new(field, "risk_level_required", "rate this risk: low, medium or high")),
        }
    }
}

/// A risk as the assessor records it: rated, or honestly not assessed
/// (nothing known yet, or the person was not ready to talk about it).
/// Forcing a rating would invent one.
pub const NOT_ASSESSED: &str = "not_assessed";

/// The risks R21 names, which must each be rated before a return may be
/// planned; the others may stay not assessed.
pub const RETURN_RISKS_REQUIRED_FOR_RETURN: [&str; 5] =
    ["re_trafficking", "reprisals", "prosecution_on_return", "persecution_or_insecurity", "debt_or_ransom"];

fn risk_rating(field: &'static str, s: &str) -> Result<Option<Level>, ValidationError> {
    match s {
        NOT_ASSESSED => Ok(None),
        _ => Level::parse(field, s).map(Some).map_err(|_| {
            ValidationError::new(
                field,
                "risk_level_required",
                "rate this risk (low, medium or high) or mark it not assessed",
            )
        }),
    }
}

/// The risks a return-risk assessment must weigh, every one of them (R21).
pub const RETURN_RISKS: [&str; 7] = [
    "re_trafficking",
    "reprisals",
    "prosecution_on_return",
    "persecution_or_insecurity",
    "debt_or_ransom",
    "stigma",
    "health",
];

/// What is proposed instead of return when the risk is high (R21).
pub const STAY_PATHWAYS: [&str; 3] = ["humanitarian_stay", "temporary_residence", "refugee_status_determination"];

/// Follow-ups after a return, in days after the travel date.
pub const FOLLOW_UP_DAYS: [i64; 3] = [30, 90, 180];

/// An assessment is current for this long; an older one no longer allows a
/// return plan, because circumstances in the country of origin change.
pub const RISK_VALID_DAYS: i64 = 90;

/// A record as kept: its kind, a status (risk level, plan status), its
/// fields, the day it was made and the next date something falls due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub kind: Kind,
    pub status: String,
    pub fields: BTreeMap<String, String>,
    pub made_on: Date,
    pub due_on: Option<Date>,
}

/// What the person's file already holds, newest first, and who they are.
pub struct Context<'a> {
    pub today: Date,
    pub may_be_child: bool,
    /// Newest first.
    pub existing: &'a [Record],
}

impl Context<'_> {
    fn latest(&self, kind: Kind) -> Option<&Record> {
        self.existing.iter().find(|r| r.kind == kind)
    }
}

fn text(
    input: &BTreeMap<String, String>,
    field: &'static str,
    max: usize,
    required: bool,
) -> Result<Option<String>, ValidationError> {
    match input.get(field).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None if required => Err(ValidationError::new(field, "required", "this is required")),
        None => Ok(None),
        Some(s) if s.chars().count() > max => Err(ValidationError::new(field, "too_long", "the text is too long")),
        Some(s) => Ok(Some(s.to_owned())),
    }
}

fn date(input: &BTreeMap<String, String>, field: &'static str) -> Result<Date, ValidationError> {
    input.get(field).and_then(|s| parse_date(s)).ok_or(ValidationError::new(
        field,
        "invalid_date",
        "a date is required (YYYY-MM-DD)",
    ))
}

fn yes(input: &BTreeMap<String, String>, field: &str) -> bool {
    input.get(field).is_some_and(|v| matches!(v.as_str(), "on" | "yes" | "true"))
}

/// Checks a new record against the rules and the person's file. On success
/// the record to keep; on refusal the rule that stops it.
pub fn admit(kind: Kind, input: &BTreeMap<String, String>, ctx: &Context<'_>) -> Result<Record, ValidationError> {
    if kind.child_only() && !ctx.may_be_child {
        return Err(ValidationError::new(
            "kind",
            "child_pathway_only",
            "guardianship, best interests and family tracing are for a person who is or may be a child",
        ));
    }
    let mut fields = BTreeMap::new();
    let mut due_on = None;
    let status: String = match kind {
        Kind::ReturnRisk => {
            // The highest rated risk decides; a risk not assessed rates
            // nothing, and the record says which are open (R21).
            let mut overall: Option<Level> = None;
            for risk in RETURN_RISKS {
                let level = risk_rating(risk, input.get(risk).map(String::as_str).unwrap_or_default())?;
                overall = overall.max(level);
                fields.insert(risk.to_owned(), level.map_or(NOT_ASSESSED, Level::as_str).to_owned());
            }
            let reasons = text(input, "reasons", 4000, true)?.unwrap_or_default();
            fields.insert("reasons".into(), reasons);
            overall.map_or(NOT_ASSESSED, Level::as_str).to_owned()
        }
        Kind::ReturnPlan => {
            // R21: no return without a current assessment that allows it.
            let Some(risk) = ctx.latest(Kind::ReturnRisk) else {
                return Err(ValidationError::new(
                    "return_plan",
                    "r21_no_risk_assessment",
                    "a return-risk assessment must come before any return plan",
                ));
            };
            // R21: the risks the rule names are each weighed before any
            // return; one still not assessed keeps the plan waiting.
            if RETURN_RISKS_REQUIRED_FOR_RETURN.iter().any(|r| risk.fields.get(*r).is_none_or(|v| v == NOT_ASSESSED)) {
                return Err(ValidationError::new(
                    "return_plan",
                    "r21_risk_not_assessed",
                    "a risk that must be weighed before return is not assessed yet: complete the return-risk assessment",
                ));
            }
            if risk.status == Level::High.as_str() {
                return Err(ValidationError::new(
                    "return_plan",
                    "r21_high_risk_blocks_return",
                    "the return risk is high: return is blocked; propose a stay pathway instead",
                ));
            }
            if risk.made_on.saturating_add(Duration::days(RISK_VALID_DAYS)) < ctx.today {
                return Err(ValidationError::new(
                    "return_plan",
                    "r21_risk_assessment_outdated",
                    "the return-risk assessment is out of date: assess again",
                ));
            }
            // R20: for a child, return must be what the best-interests
            // assessment recommends.
            if ctx.may_be_child
                && ctx.latest(Kind::BestInterests).and_then(|b| b.fields.get("recommendation")).map(String::as_str)
                    != Some("return_to_family")
            {
                return Err(ValidationError::new(
                    "return_plan",
                    "r20_best_interests_first",
                    "for a child, a best-interests assessment recommending return comes first",
                ));
            }
            // R22: free, prior and informed consent, recorded with how it was given.
            if !yes(input, "consent_free_prior_informed") {
                return Err(ValidationError::new(
                    "consent_free_prior_informed",
                    "r22_consent_required",
                    "the person's free, prior and informed consent to return must be recorded",
                ));
            }
            let consent_on = date(input, "consent_on")?;
            let language = text(input, "consent_language", 35, true)?.unwrap_or_default();
            // R22: travel documents arranged.
            if input.get("travel_documents").map(String::as_str) != Some("arranged") {
                return Err(ValidationError::new(
                    "travel_documents",
                    "r22_travel_documents_required",
                    "travel documents must be arranged before a return is planned",
                ));
            }
            let destination = Country::parse(input.get("destination").map(String::as_str).unwrap_or_default())
                .map_err(|_| ValidationError::new("destination", "invalid_country", "a country code, e.g. VNM"))?;
            let travel_on = date(input, "travel_on")?;
            let reception = text(input, "reception_contact", 500, true)?.unwrap_or_default();
            let follow_ups: Vec<String> = FOLLOW_UP_DAYS
                .iter()
                .map(|d| crate::person::format_date(travel_on.saturating_add(Duration::days(*d))))
                .collect();
            due_on = Some(travel_on.saturating_add(Duration::days(FOLLOW_UP_DAYS[0])));
            fields.insert("consent_on".into(), crate::person::format_date(consent_on));
            fields.insert("consent_language".into(), language);
            if let Some(i) = text(input, "interpreter", 200, false)? {
                fields.insert("interpreter".into(), i);
            }
            fields.insert("travel_documents".into(), "arranged".into());
            fields.insert("destination".into(), destination.as_str().to_owned());
            fields.insert("travel_on".into(), crate::person::format_date(travel_on));
            fields.insert("reception_contact".into(), reception);
            fields.insert("follow_ups".into(), follow_ups.join(" "));
            "planned".to_owned()
        }
        Kind::Guardian => {
            fields.insert("name".into(), text(input, "name", 200, true)?.unwrap_or_default());
            fields.insert("organisation".into(), text(input, "organisation", 200, true)?.unwrap_or_default());
            fields.insert("appointed_on".into(), crate::person::format_date(date(input, "appointed_on")?));
            "appointed".to_owned()
        }
        Kind::BestInterests => {
            // R20: the child is heard. Their views, or that they chose not to
            // give them, are written down.
            let views = text(input, "child_views", 4000, true)?.unwrap_or_default();
            let recommendation = input.get("recommendation").map(String::as_str).unwrap_or_default();
            if !BEST_INTERESTS_RECOMMENDATIONS.contains(&recommendation) {
                return Err(ValidationError::new("recommendation", "required", "choose a recommendation"));
            }
            if ctx.latest(Kind::Guardian).is_none() {
                return Err(ValidationError::new(
                    "best_interests",
                    "r20_guardian_first",
                    "appoint a guardian before the best-interests assessment, so that the child is represented",
                ));
            }
            fields.insert("child_views".into(), views);
            fields.insert("recommendation".into(), recommendation.to_owned());
            fields.insert("reasons".into(), text(input, "reasons", 4000, true)?.unwrap_or_default());
            "completed".to_owned()
        }
        Kind::FamilyRisk => {
            let level = Level::parse("level", input.get("level").map(String::as_str).unwrap_or_default())?;
            if !yes(input, "child_heard") {
                return Err(ValidationError::new(
                    "child_heard",
                    "r20_child_must_be_heard",
                    "the child must be heard in the family risk assessment",
                ));
            }
            fields.insert("child_heard".into(), "yes".into());
            fields.insert("reasons".into(), text(input, "reasons", 4000, true)?.unwrap_or_default());
            level.as_str().to_owned()
        }
        Kind::FamilyTracing => {
            // R20: tracing only after a risk assessment that allows it, and
            // reunification is never automatic: this records tracing only.
            match ctx.latest(Kind::FamilyRisk) {
                None => {
                    return Err(ValidationError::new(
                        "family_tracing",
                        "r20_family_risk_first",
                        "family tracing starts only after a family risk assessment that hears the child",
                    ))
                }
                Some(r) if r.status == Level::High.as_str() => {
                    return Err(ValidationError::new(
                        "family_tracing",
                        "r20_family_risk_high",
                        "the family risk is high: do not trace the family",
                    ))
                }
                Some(_) => {}
            }
            fields.insert("notes".into(), text(input, "notes", 2000, false)?.unwrap_or_default());
            "started".to_owned()
        }
        Kind::NeedsAssessment => {
            let mut needs: Vec<&'static str> = Vec::new();
            let listed = input.get("needs").map(String::as_str).unwrap_or_default();
            for part in listed.split([' ', ',']).filter(|p| !p.is_empty()) {
                let t = crate::services::SERVICE_TYPES.iter().copied().find(|t| *t == part).ok_or(
                    ValidationError::new("needs", "invalid_service_type", "choose a service type from the list"),
                )?;
                if !needs.contains(&t) {
                    needs.push(t);
                }
            }
            for t in crate::services::SERVICE_TYPES {
                if yes(input, &format!("need_{t}")) && !needs.contains(&t) {
                    needs.push(t);
                }
            }
            let notes = text(input, "notes", 4000, false)?.unwrap_or_default();
            if needs.is_empty() && notes.is_empty() {
                return Err(ValidationError::new("needs", "required", "record at least one need, or a note"));
            }
            fields.insert("needs".into(), needs.join(" "));
            fields.insert("notes".into(), notes);
            "recorded".to_owned()
        }
        Kind::CompensationClaim => {
            let currency = field_upper(input, "currency");
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(ValidationError::new("currency", "invalid_currency", "a currency code such as THB or USD"));
            }
            let mut total: u64 = 0;
            for loss in LOSS_KINDS {
                let raw = input.get(loss).map(|s| s.trim()).unwrap_or_default();
                if raw.is_empty() {
                    continue;
                }
                let amount: u64 = raw.parse().ok().filter(|n| *n <= 1_000_000_000_000).ok_or(ValidationError::new(
                    loss,
                    "invalid_number",
                    "a whole amount is expected",
                ))?;
                total = total.saturating_add(amount);
                fields.insert(loss.to_owned(), amount.to_string());
            }
            if total == 0 {
                return Err(ValidationError::new(
                    "compensation_claim",
                    "no_losses",
                    "itemise at least one loss: unpaid wages, ransom, debts, fines or medical costs",
                ));
            }
            let status = input.get("claim_status").map(String::as_str).unwrap_or("preparing");
            let status = CLAIM_STATUSES.into_iter().find(|s| *s == status).ok_or(ValidationError::new(
                "claim_status",
                "invalid_choice",
                "choose a status",
            ))?;
            fields.insert("currency".into(), currency);
            fields.insert("total".into(), total.to_string());
            fields.insert("forum".into(), text(input, "forum", 300, true)?.unwrap_or_default());
            if let Some(r) = text(input, "respondent", 300, false)? {
                fields.insert("respondent".into(), r);
            }
            if let Some(n) = text(input, "notes", 2000, false)? {
                fields.insert("notes".into(), n);
            }
            status.to_owned()
        }
    };
    Ok(Record { kind, status, fields, made_on: ctx.today, due_on })
}

/// What a compensation claim itemises.
pub const LOSS_KINDS: [&str; 6] = ["unpaid_wages", "ransom_paid", "debts", "fines", "medical_costs", "other_losses"];

/// Where a claim stands.
pub const CLAIM_STATUSES: [&str; 5] = ["preparing", "filed", "awarded", "paid", "refused"];

fn field_upper(input: &BTreeMap<String, String>, field: &str) -> String {
    input.get(field).map(|s| s.trim().to_uppercase()).unwrap_or_default()
}

pub const BEST_INTERESTS_RECOMMENDATIONS: [&str; 4] =
    ["remain_in_care", "alternative_care", "return_to_family", "durable_solution_in_country"];

/// Stay pathways to propose, given the file (newest first): all of them
/// when the latest return-risk assessment is high (R21), none otherwise.
pub fn stay_pathways(existing: &[Record]) -> &'static [&'static str] {
    let latest = existing.iter().find(|r| r.kind == Kind::ReturnRisk);
    if latest.is_some_and(|r| r.status == Level::High.as_str()) {
        &STAY_PATHWAYS
    } else {
        &[]
    }
}

/// Follow-up dates after return, from the plans on file.
pub fn follow_ups(existing: &[Record]) -> Vec<Date> {
    existing
        .iter()
        .filter(|r| r.kind == Kind::ReturnPlan)
        .flat_map(|r| r.fields.get("follow_ups").map(|f| f.split(' ').filter_map(parse_date).collect::<Vec<_>>()))
        .flatten()
        .collect()
}

/// Fields as one line each, `name<TAB>value`, escaped: sealed as one blob.
pub fn encode_fields(fields: &BTreeMap<String, String>) -> String {
    use crate::linefmt::escape;
    fields.iter().map(|(k, v)| format!("{}\t{}\n", escape(k), escape(v))).collect()
}

pub fn decode_fields(text: &str) -> Option<BTreeMap<String, String>> {
    use crate::linefmt::unescape;
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split_once('\t').map(|(k, v)| (unescape(k), unescape(v))))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use time::macros::date;

    use super::*;

    const TODAY: Date = date!(2026 - 11 - 25);

    fn input(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn risk(level: &str) -> Record {
        let mut i: Vec<(&str, &str)> = RETURN_RISKS.iter().map(|r| (*r, "low")).collect();
        i[3] = ("persecution_or_insecurity", level);
        i.push(("reasons", "armed conflict in the home region"));
        admit(Kind::ReturnRisk, &input(&i), &Context { today: TODAY, may_be_child: false, existing: &[] }).unwrap()
    }

    fn plan_input() -> BTreeMap<String, String> {
        input(&[
            ("consent_free_prior_informed", "on"),
            ("consent_on", "2026-11-24"),
            ("consent_language", "vi"),
            ("travel_documents", "arranged"),
            ("destination", "VNM"),
            ("travel_on", "2026-12-10"),
            ("reception_contact", "Hanoi reception centre, Ms Thu"),
        ])
    }

    #[test]
    fn r21_every_risk_must_be_rated_and_the_highest_decides() {
        let missing = input(&[("re_trafficking", "low"), ("reasons", "x")]);
        let err = admit(Kind::ReturnRisk, &missing, &Context { today: TODAY, may_be_child: false, existing: &[] });
        assert_eq!(err.unwrap_err().code, "risk_level_required");
        assert_eq!(risk("high").status, "high");
        assert_eq!(risk("medium").status, "medium");
        assert_eq!(risk("low").status, "low");
    }

    #[test]
    fn r21_a_risk_can_be_recorded_as_not_assessed_and_then_holds_back_a_return() {
        let ctx = Context { today: TODAY, may_be_child: false, existing: &[] };
        let mut i: Vec<(&str, &str)> = RETURN_RISKS.iter().map(|r| (*r, "low")).collect();
        i[1] = ("reprisals", NOT_ASSESSED);
        i[6] = ("health", NOT_ASSESSED);
        i.push(("reasons", "the person was not ready to talk about the recruiter yet"));
        let r = admit(Kind::ReturnRisk, &input(&i), &ctx).unwrap();
        assert_eq!(r.fields["reprisals"], NOT_ASSESSED);
        assert_eq!(r.status, "low", "the highest rated risk decides; not assessed rates nothing");
        // Nothing rated at all is recorded as such, not as low.
        let mut none: Vec<(&str, &str)> = RETURN_RISKS.iter().map(|r| (*r, NOT_ASSESSED)).collect();
        none.push(("reasons", "first contact"));
        assert_eq!(admit(Kind::ReturnRisk, &input(&none), &ctx).unwrap().status, NOT_ASSESSED);
        // A blank is still refused: "not assessed" is a choice, not a default.
        let mut blank = i.clone();
        blank[2] = ("prosecution_on_return", "");
        assert_eq!(admit(Kind::ReturnRisk, &input(&blank), &ctx).unwrap_err().code, "risk_level_required");
        // Reprisals are one of the risks R21 names: no return plan until assessed.
        let file = [r];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
        assert_eq!(admit(Kind::ReturnPlan, &plan_input(), &ctx).unwrap_err().code, "r21_risk_not_assessed");
        // Health is not among them: with only health open, the plan may go ahead.
        let mut j: Vec<(&str, &str)> = RETURN_RISKS.iter().map(|r| (*r, "low")).collect();
        j[6] = ("health", NOT_ASSESSED);
        j.push(("reasons", "x"));
        let ok =
            admit(Kind::ReturnRisk, &input(&j), &Context { today: TODAY, may_be_child: false, existing: &[] }).unwrap();
        let file = [ok];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
        assert!(admit(Kind::ReturnPlan, &plan_input(), &ctx).is_ok());
    }

    #[test]
    fn r21_a_high_risk_blocks_the_return_plan_and_opens_stay_pathways() {
        let file = [risk("high")];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
        assert_eq!(admit(Kind::ReturnPlan, &plan_input(), &ctx).unwrap_err().code, "r21_high_risk_blocks_return");
        assert_eq!(stay_pathways(&file), STAY_PATHWAYS);
        let none: [Record; 0] = [];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &none };
        assert_eq!(admit(Kind::ReturnPlan, &plan_input(), &ctx).unwrap_err().code, "r21_no_risk_assessment");
        let mut old = risk("low");
        old.made_on = date!(2026 - 01 - 01);
        let file = [old];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
        assert_eq!(admit(Kind::ReturnPlan, &plan_input(), &ctx).unwrap_err().code, "r21_risk_assessment_outdated");
    }

    #[test]
    fn r22_a_return_plan_needs_consent_documents_and_a_reception_contact() {
        let file = [risk("medium")];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
        let plan = admit(Kind::ReturnPlan, &plan_input(), &ctx).unwrap();
        assert_eq!(plan.due_on, Some(date!(2027 - 01 - 09)));
        assert_eq!(follow_ups(&[plan]).len(), 3);
        assert!(stay_pathways(&file).is_empty());
        for (field, code) in [
            ("consent_free_prior_informed", "r22_consent_required"),
            ("travel_documents", "r22_travel_documents_required"),
            ("reception_contact", "required"),
        ] {
            let mut i = plan_input();
            i.remove(field);
            assert_eq!(admit(Kind::ReturnPlan, &i, &ctx).unwrap_err().code, code, "{field}");
        }
        let mut i = plan_input();
        i.insert("travel_documents".into(), "pending".into());
        assert_eq!(admit(Kind::ReturnPlan, &i, &ctx).unwrap_err().code, "r22_travel_documents_required");
    }

    #[test]
    fn r20_child_pathway_guardian_then_best_interests_then_tracing_after_risk() {
        let mut file: Vec<Record> = Vec::new();
        let child = |file: &Vec<Record>, kind, i: &BTreeMap<String, String>| {
            admit(kind, i, &Context { today: TODAY, may_be_child: true, existing: file })
        };
        let bia = input(&[
            ("child_views", "wants to stay at school here for now"),
            ("recommendation", "remain_in_care"),
            ("reasons", "safe placement, in school"),
        ]);
        assert_eq!(child(&file, Kind::BestInterests, &bia).unwrap_err().code, "r20_guardian_first");
        let g = input(&[
            ("name", "A. Guardian"),
            ("organisation", "Child Protection Office"),
            ("appointed_on", "2026-11-20"),
        ]);
        let r = child(&file, Kind::Guardian, &g).unwrap();
        file.insert(0, r);
        let r = child(&file, Kind::BestInterests, &bia).unwrap();
        file.insert(0, r);
        let mut no_views = bia.clone();
        no_views.remove("child_views");
        assert_eq!(child(&file, Kind::BestInterests, &no_views).unwrap_err().code, "required");
        // Tracing waits for a family risk assessment that hears the child.
        let tracing = input(&[]);
        assert_eq!(child(&file, Kind::FamilyTracing, &tracing).unwrap_err().code, "r20_family_risk_first");
        let unheard = input(&[("level", "low"), ("reasons", "x")]);
        assert_eq!(child(&file, Kind::FamilyRisk, &unheard).unwrap_err().code, "r20_child_must_be_heard");
        let high = input(&[("level", "high"), ("child_heard", "on"), ("reasons", "an uncle sold him")]);
        let r = child(&file, Kind::FamilyRisk, &high).unwrap();
        file.insert(0, r);
        assert_eq!(child(&file, Kind::FamilyTracing, &tracing).unwrap_err().code, "r20_family_risk_high");
        // A newer assessment that hears the child and finds the risk low
        // opens tracing; the older high one no longer decides.
        let low = input(&[("level", "low"), ("child_heard", "on"), ("reasons", "mother safe")]);
        let r = child(&file, Kind::FamilyRisk, &low).unwrap();
        file.insert(0, r);
        assert!(child(&file, Kind::FamilyTracing, &tracing).is_ok());
        // A child's return needs a best-interests recommendation of return.
        file.insert(0, risk("low"));
        assert_eq!(child(&file, Kind::ReturnPlan, &plan_input()).unwrap_err().code, "r20_best_interests_first");
        // The child pathway is only for a child.
        let adult = admit(Kind::Guardian, &g, &Context { today: TODAY, may_be_child: false, existing: &[] });
        assert_eq!(adult.unwrap_err().code, "child_pathway_only");
    }

    #[test]
    fn r19_a_compensation_claim_itemises_losses_and_totals_them() {
        let ctx = Context { today: TODAY, may_be_child: false, existing: &[] };
        let claim = input(&[
            ("currency", "thb"),
            ("unpaid_wages", "45000"),
            ("ransom_paid", "120000"),
            ("medical_costs", "8000"),
            ("forum", "Labour court, Bangkok"),
            ("claim_status", "filed"),
        ]);
        let r = admit(Kind::CompensationClaim, &claim, &ctx).unwrap();
        assert_eq!(
            (r.status.as_str(), r.fields["total"].as_str(), r.fields["currency"].as_str()),
            ("filed", "173000", "THB")
        );
        let nothing = input(&[("currency", "THB"), ("forum", "Labour court")]);
        assert_eq!(admit(Kind::CompensationClaim, &nothing, &ctx).unwrap_err().code, "no_losses");
        let mut bad = claim.clone();
        bad.insert("fines".into(), "-5".into());
        assert_eq!(admit(Kind::CompensationClaim, &bad, &ctx).unwrap_err().code, "invalid_number");
        let mut bad = claim;
        bad.insert("currency".into(), "baht".into());
        assert_eq!(admit(Kind::CompensationClaim, &bad, &ctx).unwrap_err().code, "invalid_currency");
    }

    /// R20, R21: record kinds and risk levels are stored as codes and read
    /// back exactly; a high risk never reads back as a low one.
    #[test]
    fn r21_kinds_and_levels_read_back_from_their_codes_exactly() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Ok(k));
        }
        assert!(Kind::parse("return").is_err());
        for l in [Level::Low, Level::Medium, Level::High] {
            assert_eq!(Level::parse("level", l.as_str()), Ok(l));
        }
        assert_eq!(Level::High.as_str(), "high");
        assert!(Level::parse("level", "severe").is_err());
        let child: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.child_only()).collect();
        assert_eq!(child, [Kind::Guardian, Kind::BestInterests, Kind::FamilyRisk, Kind::FamilyTracing]);
        // Every other record is open to an adult.
        let adult = Context { today: TODAY, may_be_child: false, existing: &[] };
        let claim = input(&[("currency", "THB"), ("fines", "100"), ("forum", "court")]);
        assert!(admit(Kind::CompensationClaim, &claim, &adult).is_ok());
    }

    /// R21: an assessment is current for RISK_VALID_DAYS; a day older and
    /// the return plan waits for a new one.
    #[test]
    fn r21_a_risk_assessment_is_current_for_ninety_days_and_no_longer() {
        for (age, ok) in [(0, true), (89, true), (90, true), (91, false)] {
            let mut r = risk("low");
            r.made_on = TODAY - Duration::days(age);
            let file = [r];
            let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
            assert_eq!(admit(Kind::ReturnPlan, &plan_input(), &ctx).is_ok(), ok, "{age} days old");
        }
        // Only the newest assessment decides: a newer low risk after an older
        // high one opens no stay pathway and allows a plan.
        let file = [risk("low"), risk("high")];
        assert!(stay_pathways(&file).is_empty());
        assert!(admit(
            Kind::ReturnPlan,
            &plan_input(),
            &Context { today: TODAY, may_be_child: false, existing: &file }
        )
        .is_ok());
        let file = [risk("high"), risk("low")];
        assert_eq!(stay_pathways(&file), STAY_PATHWAYS);
    }

    /// R22: the plan records how consent was given and what follows the
    /// return; only "on", "yes" or "true" records consent.
    #[test]
    fn r22_a_return_plan_records_consent_and_the_follow_ups_after_return() {
        let file = [risk("low")];
        let ctx = Context { today: TODAY, may_be_child: false, existing: &file };
        for (value, ok) in [("on", true), ("yes", true), ("true", true), ("no", false), ("", false), ("off", false)] {
            let mut i = plan_input();
            i.insert("consent_free_prior_informed".into(), value.into());
            assert_eq!(admit(Kind::ReturnPlan, &i, &ctx).is_ok(), ok, "{value:?}");
        }
        let mut i = plan_input();
        i.insert("interpreter".into(), "Ms Lan".into());
        let plan = admit(Kind::ReturnPlan, &i, &ctx).unwrap();
        assert_eq!(plan.status, "planned");
        assert_eq!(plan.fields["consent_on"], "2026-11-24");
        assert_eq!(plan.fields["consent_language"], "vi");
        assert_eq!(plan.fields["interpreter"], "Ms Lan");
        assert_eq!(plan.fields["destination"], "VNM");
        assert_eq!(plan.fields["follow_ups"], "2027-01-09 2027-03-10 2027-06-08");
        assert_eq!(
            follow_ups(&[plan.clone(), risk("low")]),
            [date!(2027 - 01 - 09), date!(2027 - 03 - 10), date!(2027 - 06 - 08)]
        );
        let mut bad = plan_input();
        bad.insert("consent_on".into(), "yesterday".into());
        assert_eq!(admit(Kind::ReturnPlan, &bad, &ctx).unwrap_err().code, "invalid_date");
        let mut long = plan_input();
        long.insert("reception_contact".into(), "c".repeat(500));
        assert!(admit(Kind::ReturnPlan, &long, &ctx).is_ok());
        long.insert("reception_contact".into(), "c".repeat(501));
        assert_eq!(admit(Kind::ReturnPlan, &long, &ctx).unwrap_err().code, "too_long");
    }

    /// R20: a child's return follows a best-interests assessment that
    /// recommends it; tracing opens after a family risk that is not high.
    #[test]
    fn r20_a_childs_return_and_tracing_follow_what_the_assessments_found() {
        let guardian = admit(
            Kind::Guardian,
            &input(&[("name", "G"), ("organisation", "CPO"), ("appointed_on", "2026-11-20")]),
            &Context { today: TODAY, may_be_child: true, existing: &[] },
        )
        .unwrap();
        let bia = |rec: &str| {
            admit(
                Kind::BestInterests,
                &input(&[("child_views", "wants to go home"), ("recommendation", rec), ("reasons", "mother safe")]),
                &Context { today: TODAY, may_be_child: true, existing: std::slice::from_ref(&guardian) },
            )
        };
        assert_eq!(bia("send_anywhere").unwrap_err().code, "required");
        let home = bia("return_to_family").unwrap();
        assert_eq!(home.fields["recommendation"], "return_to_family");
        let file = [home, risk("low")];
        assert!(admit(Kind::ReturnPlan, &plan_input(), &Context { today: TODAY, may_be_child: true, existing: &file })
            .is_ok());
        let medium = admit(
            Kind::FamilyRisk,
            &input(&[("level", "medium"), ("child_heard", "yes"), ("reasons", "uncle nearby")]),
            &Context { today: TODAY, may_be_child: true, existing: &[] },
        )
        .unwrap();
        assert_eq!(medium.status, "medium");
        let traced = admit(
            Kind::FamilyTracing,
            &input(&[("notes", " via the Red Cross ")]),
            &Context { today: TODAY, may_be_child: true, existing: &[medium] },
        )
        .unwrap();
        assert_eq!((traced.status.as_str(), traced.fields["notes"].as_str()), ("started", "via the Red Cross"));
    }

    /// R19: a compensation claim in a currency code, with amounts up to a
    /// trillion, a status from the list (preparing by default), and what it
    /// says of the respondent kept.
    #[test]
    fn r19_a_compensation_claim_checks_its_currency_amounts_and_status() {
        let ctx = Context { today: TODAY, may_be_child: false, existing: &[] };
        let claim = |extra: &[(&str, &str)]| {
            let mut i = input(&[("currency", "usd"), ("debts", "1000000000000"), ("forum", "Labour court")]);
            for (k, v) in extra {
                i.insert((*k).into(), (*v).into());
            }
            admit(Kind::CompensationClaim, &i, &ctx)
        };
        let r = claim(&[("respondent", "Golden Fortune Co."), ("notes", "with a lawyer")]).unwrap();
        assert_eq!((r.status.as_str(), r.fields["total"].as_str()), ("preparing", "1000000000000"));
        assert_eq!(
            (r.fields["respondent"].as_str(), r.fields["notes"].as_str()),
            ("Golden Fortune Co.", "with a lawyer")
        );
        assert_eq!(claim(&[("debts", "1000000000001")]).unwrap_err().code, "invalid_number");
        assert_eq!(claim(&[("claim_status", "won")]).unwrap_err().code, "invalid_choice");
        assert_eq!(claim(&[("claim_status", "paid")]).unwrap().status, "paid");
        for bad in ["US", "USDT", "U5D"] {
            assert_eq!(claim(&[("currency", bad)]).unwrap_err().code, "invalid_currency", "{bad}");
        }
    }

    /// R09, R19: a needs assessment may be a note alone, and lists each
    /// kind of service once however it was ticked.
    #[test]
    fn r19_a_needs_assessment_may_be_a_note_and_lists_each_service_once() {
        let ctx = Context { today: TODAY, may_be_child: false, existing: &[] };
        let note = admit(Kind::NeedsAssessment, &input(&[("notes", "will decide after resting")]), &ctx).unwrap();
        assert_eq!((note.fields["needs"].as_str(), note.fields["notes"].as_str()), ("", "will decide after resting"));
        let twice = input(&[("needs", "legal_aid legal_aid,shelter_men"), ("need_legal_aid", "on")]);
        assert_eq!(admit(Kind::NeedsAssessment, &twice, &ctx).unwrap().fields["needs"], "legal_aid shelter_men");
        let ticked = input(&[("need_legal_aid", "on"), ("need_shelter_men", "off")]);
        assert_eq!(admit(Kind::NeedsAssessment, &ticked, &ctx).unwrap().fields["needs"], "legal_aid");
        let mut long = input(&[("notes", &"n".repeat(4000))]);
        assert!(admit(Kind::NeedsAssessment, &long, &ctx).is_ok());
        long.insert("notes".into(), "n".repeat(4001));
        assert_eq!(admit(Kind::NeedsAssessment, &long, &ctx).unwrap_err().code, "too_long");
    }

    #[test]
    fn fields_round_trip_through_their_text_form() {
        let f = input(&[("a", "tab\there"), ("b", "line\nbreak \\ slash"), ("c", "")]);
        assert_eq!(decode_fields(&encode_fields(&f)).unwrap(), f);
    }

    #[test]
    fn r19_a_needs_assessment_records_kinds_of_service() {
        let ctx = Context { today: date!(2026 - 11 - 26), may_be_child: false, existing: &[] };
        let mut input = BTreeMap::new();
        input.insert("need_shelter_men".to_owned(), "on".to_owned());
        input.insert("needs".to_owned(), "legal_aid, shelter_men".to_owned());
        let r = admit(Kind::NeedsAssessment, &input, &ctx).unwrap();
        assert_eq!(r.fields["needs"], "legal_aid shelter_men");
        assert_eq!(r.status, "recorded");
        input.insert("needs".to_owned(), "massage".to_owned());
        assert_eq!(admit(Kind::NeedsAssessment, &input, &ctx).unwrap_err().code, "invalid_service_type");
        assert_eq!(admit(Kind::NeedsAssessment, &BTreeMap::new(), &ctx).unwrap_err().code, "required");
    }
}
