//! Case records in and out as HTCDS 2.0 bundles (issue 16). The format is
//! `haven_formats::htcds`; this module decides what goes into a bundle and
//! what a bundle may become here.
//!
//! # Export
//!
//! The organisation's own copy of its records: the people in the
//! exporter's reach (organisation-wide for a supervisor, the only role with
//! [`Permission::ExportRecords`]), each opened only for the categories the
//! exporter's relationship to them opens, with their cases, screenings
//! (and the signed decision on each) and the referrals this organisation
//! made for them. Erased people are not in it. Every person exported is
//! audited as read (R27), and the cases, screenings and referrals as
//! listed, before the bundle is handed back.
//!
//! An export is a copy for the holding organisation itself (a move to
//! another system, its own archive): it is not a disclosure to another
//! organisation, which haven makes only through referrals and transfers,
//! each under the person's consent for that purpose and recipient (R17,
//! R24). Nothing here sends a bundle anywhere.
//!
//! # Import
//!
//! All or nothing, in one transaction, with new ids: every person of the
//! bundle becomes a person of the importer's organisation, created by the
//! importer; cases, screenings and referrals follow their person by the
//! bundle's ids. What is checked before anything is written, each problem
//! named with its table and line:
//!
//! - the file itself (`haven_formats::htcds::read_lined`: columns, codes,
//!   dates, ids, references);
//! - one open case per person (haven keeps one open case per person and
//!   organisation);
//! - each referral's receiving organisation is an organisation of this
//!   installation, by its exact name, that may receive a referral: never
//!   an enforcement organisation (R16), never a partner installation's
//!   (reached by a transfer), never the importer's own.
//!
//! What each row becomes:
//!
//! - **Cases** keep their status and dates. A case keeps its owner only if
//!   the owner is an enabled user of the importing organisation here (a
//!   file from this same installation); otherwise it comes in unassigned,
//!   for a supervisor to assign. A user id means nothing on another
//!   installation, and a file must not decide who reads a case.
//! - **Referrals** are this organisation's record of what it asked of
//!   others, and must not speak for anyone here. One that ended
//!   (completed, declined, revoked) keeps its status, day sent and answer,
//!   as history. One still open (proposed, consent recorded, sent,
//!   accepted, in progress) comes in as a proposal: the consent behind it
//!   did not travel in the file (a bundle holds no consents), and without
//!   it nothing may go to the receiving organisation (R17). A caseworker
//!   records the person's consent here and sends it again.
//! - **Screenings are not imported.** haven holds a finding only with the
//!   interview that led to it (the answers, evaluated against the
//!   instrument version asked) and a conclusive decision only as signed
//!   here by a decision maker (R07); a bundle carries neither. The import
//!   counts them as not imported, and the report says so.
//!
//! A dry run makes every check and writes nothing, not even an audit event:
//! it reads no record, only the file. A real import repeats every check,
//! so a dry run is a preview, never a gate that could be skipped.

use std::collections::{BTreeMap, HashMap};

use haven_core::access::{Category, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::case::CaseStatus;
use haven_core::ids::{OrgId, PersonId, UserId};
use haven_core::person::{format_date, PersonRecord};
use haven_core::referral::{Proposal, Status as ReferralStatus};
use haven_core::screening::decision::Conclusion;
use haven_core::screening::{decode_answers, Instrument};
use haven_formats::htcds::{
    self, Bundle, DecisionFacts, DecisionMakingOrg, Issue, Lines, ReferralFacts, ScreeningFacts, ScreeningOutcome,
    Table,
};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::Context;
use crate::crypto::DataKey;
use crate::integrity::{latest_col, row_ok, select_cols, REFERRALS, SCREENINGS};
use crate::reach::{row_categories, ReachSql};
use crate::{date_of_ms, now_ms, require, today, Result, Store, StoreError, WriteTx};

/// The scopes an import needs: the import itself, and the writes it makes
/// (people, then cases), all the same caller's, as accepting a transfer does.
pub struct ImportScopes<'a> {
    pub import: &'a Scope,
    pub persons: &'a Scope,
    pub cases: &'a Scope,
}

/// What an import did, or in a dry run would do; or, with problems, why it
/// did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Every problem found, in table and line order. When there is one,
    /// nothing was written.
    pub problems: Vec<Issue>,
    pub persons: usize,
    pub cases: usize,
    /// Cases that kept their owner (a user of this organisation here); the
    /// others wait for a supervisor to assign them.
    pub cases_assigned: usize,
    pub referrals: usize,
    /// Referrals that were still open and come in as proposals.
    pub referrals_reproposed: usize,
    /// Screenings in the file: never imported (see the module's doc).
    pub screenings_not_imported: usize,
}

impl ImportReport {
    /// Whether the import was written.
    pub fn written(&self) -> bool {
        !self.dry_run && self.problems.is_empty()
    }

    fn refused(dry_run: bool, problems: Vec<Issue>) -> Self {
        Self { dry_run, problems, ..Self::default() }
    }
}

/// A referral as it will be written.
struct PlannedReferral {
    person: usize,
    to: OrgId,
    service_type: &'static str,
    status: ReferralStatus,
    sent_on: Option<time::Date>,
    note: String,
    response: Option<String>,
}

struct Plan {
    persons: Vec<PersonRecord>,
    /// (index of the person, the case record to write).
    cases: Vec<(usize, haven_core::case::CaseRecord)>,
    referrals: Vec<PlannedReferral>,
}

fn issue(table: Table, lines: &Lines, index: usize, field: &str, message: impl Into<String>) -> Issue {
    Issue { table: Some(table), line: lines.of(table, index), field: Some(field.to_owned()), message: message.into() }
}

/// The bundle's column a core validation error is about.
fn referral_column(field: &str) -> &'static str {
    match field {
        "service_type" => "haven_ServiceType",
        "note" => "cas_OutgoingReferralDetails",
        _ => "cas_ReferredOrganisation",
    }
}

impl Store {
    /// The organisation's records in the caller's reach, as an HTCDS
    /// bundle (see the module's doc). `instrument` finds the instrument a
    /// screening was made with by id and version, so that the forms of
    /// exploitation its answers show are written; a screening whose
    /// instrument is not known here is written without them.
    pub async fn export_htcds(
        &self,
        scope: &Scope,
        instrument: &(dyn Fn(&str, &str) -> Option<Instrument> + Sync),
    ) -> Result<Bundle> {
        require(scope, Permission::ExportRecords)?;
        let org = scope.org().to_string();
        let mut bundle = Bundle::default();
        // Each exported person's key, what the exporter may open of them,
        // and whether they may be a child (the screening engine's profile).
        let mut people: HashMap<String, (DataKey, haven_core::access::Categories, bool)> = HashMap::new();

        let reach = ReachSql::persons(scope, 1);
        let sql = format!(
            "SELECT p.*, k.wrapped{} FROM persons p JOIN person_keys k ON k.person_id = p.id \
             {} WHERE {} AND p.erased_at IS NULL ORDER BY p.id",
            reach.columns, reach.joins, reach.condition
        );
        for r in reach.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
            let id_s: String = r.try_get("id")?;
            let cats = match row_categories(self, scope, &r) {
                Ok(Some(c)) if c.contains(Category::Identity) => c,
                Ok(_) => continue,
                // A row edited in SQL is left out, with its alarm, as in every list.
                Err(StoreError::Integrity(_)) => continue,
                Err(e) => return Err(e),
            };
            let dek = self.keys().unwrap(&id_s, &r.try_get::<Vec<u8>, _>("wrapped")?)?;
            let person = crate::persons::open_person(self.keys(), &dek, &id_s, &r, cats)?;
            let id: PersonId = id_s.parse()?;
            if let Some(row) = htcds::person_row(id, &person, cats) {
                bundle.persons.push(row);
                people.insert(id_s, (dek, cats, person.birth.may_be_child(today())));
            }
        }

        let reach = ReachSql::cases(scope, 1);
        let sql =
            format!("SELECT c.*{} FROM cases c {} WHERE {} ORDER BY c.id", reach.columns, reach.joins, reach.condition);
        for r in reach.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
            let person: String = r.try_get("person_id")?;
            if !people.contains_key(&person) {
                continue;
            }
            match row_categories(self, scope, &r) {
                Ok(Some(_)) => {}
                Ok(None) | Err(StoreError::Integrity(_)) => continue,
                Err(e) => return Err(e),
            }
            let view = crate::cases::case_from_row(&r)?;
            bundle.cases.push(htcds::case_row(view.id, view.person_id, &view.record));
        }

        let decision_maker = DecisionMakingOrg::for_org(self.org_kind(scope.org()).await?);
        let sql = format!(
            "SELECT s.*, {} FROM screenings s WHERE s.org_id = $1 ORDER BY s.id",
            select_cols(&SCREENINGS, "s", "sv_")
        );
        let decisions = self.latest_decisions(&org).await?;
        for r in sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await? {
            let person: String = r.try_get("person_id")?;
            let Some((dek, cats, child)) = people.get(&person) else { continue };
            let id: String = r.try_get("id")?;
            if !row_ok(self.keys(), &SCREENINGS, &r, "sv_")? {
                self.alarm_soon(RecordKind::Screening, id, "screenings");
                continue;
            }
            let facts = self.screening_facts(&org, &r, &id, dek, *cats, *child, decisions.get(&id), instrument)?;
            let facts = ScreeningFacts { decision_maker: Some(decision_maker), ..facts };
            bundle.screenings.push(htcds::screening_row(&id, person.parse()?, &facts, *cats));
        }

        let sql = format!(
            "SELECT r.*, {}, tor.name AS to_name, fo.name AS from_name FROM referrals r \
             JOIN organisations tor ON tor.id = r.to_org_id JOIN organisations fo ON fo.id = r.from_org_id \
             WHERE r.from_org_id = $1 ORDER BY r.id",
            latest_col(&REFERRALS, "r", "")
        );
        for r in sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await? {
            let person: String = r.try_get("person_id")?;
            let Some((dek, cats, _)) = people.get(&person) else { continue };
            let id: String = r.try_get("id")?;
            if !row_ok(self.keys(), &REFERRALS, &r, "")? {
                self.alarm_soon(RecordKind::Referral, id, "referrals");
                continue;
            }
            let open = |col: &str| -> Result<Option<String>> {
                match r.try_get::<Option<Vec<u8>>, _>(col)? {
                    Some(ct) if cats.contains(Category::Narrative) => Ok(Some(dek.open(&id, col, &ct)?)),
                    _ => Ok(None),
                }
            };
            let facts = ReferralFacts {
                status: ReferralStatus::parse(&r.try_get::<String, _>("status")?)?,
                service_type: dek.open_hex(&id, "service_type", &r.try_get::<String, _>("service_type")?)?,
                from_org: Some(r.try_get("from_name")?),
                to_org: r.try_get("to_name")?,
                sent_on: r.try_get::<Option<String>, _>("sent_on")?.as_deref().and_then(haven_core::person::parse_date),
                note: open("note")?,
                response: open("response")?,
            };
            bundle.referrals.push(htcds::referral_row(&id, person.parse()?, &facts, *cats));
        }

        // Audited before the bundle leaves the store: each person as read,
        // the rest as listed, all in one transaction (R27).
        let actor = scope.actor().to_string();
        let ctx = Context { actor: &actor, purpose: scope.purpose().as_str(), request_id: scope.request_id() };
        let mut tx = self.begin().await?;
        let persons: Vec<&str> = bundle.persons.iter().map(|p| p.id.as_str()).collect();
        // An export of nothing is still an export someone made.
        let persons = if persons.is_empty() { vec![""] } else { persons };
        self.append_many(&mut tx, &ctx, Action::Read, RecordKind::Person, &persons, "htcds_export").await?;
        for (kind, ids) in [
            (RecordKind::Case, bundle.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
            (RecordKind::Screening, bundle.screenings.iter().map(|s| s.id.as_str()).collect()),
            (RecordKind::Referral, bundle.referrals.iter().map(|r| r.id.as_str()).collect()),
        ] {
            if !ids.is_empty() {
                self.append_many(&mut tx, &ctx, Action::List, kind, &ids, "htcds_export").await?;
            }
        }
        tx.commit().await?;
        Ok(bundle.canonical())
    }

    /// The newest signed decision on each screening of the organisation,
    /// by screening id: the one in force (a reconsideration supersedes).
    async fn latest_decisions(&self, org: &str) -> Result<HashMap<String, AnyRow>> {
        let rows = sqlx::query("SELECT * FROM decisions WHERE org_id = $1 ORDER BY decided_at, id")
            .bind(org)
            .fetch_all(&self.pool)
            .await?;
        let mut out = HashMap::new();
        for r in rows {
            // Ordered by time: the last one written is the one in force.
            out.insert(r.try_get::<String, _>("screening_id")?, r);
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn screening_facts(
        &self,
        org: &str,
        r: &AnyRow,
        id: &str,
        dek: &DataKey,
        cats: haven_core::access::Categories,
        may_be_child: bool,
        decision: Option<&AnyRow>,
        instrument: &(dyn Fn(&str, &str) -> Option<Instrument> + Sync),
    ) -> Result<ScreeningFacts> {
        let narrative = cats.contains(Category::Narrative);
        let instrument_id: String = r.try_get("instrument_id")?;
        let instrument_version: String = r.try_get("instrument_version")?;
        let instrument_hash: String = r.try_get("instrument_hash")?;
        let outcome = match r.try_get::<Option<String>, _>("outcome")? {
            Some(t) => {
                let code = self.untag(crate::integrity::tags::OUTCOME, org, &t, crate::integrity::tags::OUTCOMES)?;
                ScreeningOutcome::parse(code)
            }
            None => None,
        };
        let completed_on = r.try_get::<Option<i64>, _>("completed_at")?.map(date_of_ms);
        // The forms of exploitation are what the person's answers show: the
        // narrative, evaluated under the version they were asked.
        let forms = match (narrative, outcome, r.try_get::<Option<Vec<u8>>, _>("answers")?) {
            (true, Some(_), Some(ct)) => {
                let answers = decode_answers(&dek.open(id, "answers", &ct)?).ok_or(StoreError::Crypto)?;
                match instrument(&instrument_id, &instrument_version).filter(|i| i.hash == instrument_hash) {
                    Some(i) => htcds::purpose_forms(&haven_core::screening::evaluate(&i, &answers, may_be_child)),
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        let decision = match decision {
            Some(d) => {
                let did: String = d.try_get("id")?;
                let conclusion =
                    Conclusion::parse(&dek.open_hex(&did, "conclusion", &d.try_get::<String, _>("conclusion")?)?)?;
                let reasons = match d.try_get::<Option<Vec<u8>>, _>("reasons")? {
                    Some(ct) if narrative => Some(dek.open(&did, "reasons", &ct)?),
                    _ => None,
                };
                Some(DecisionFacts { conclusion, decided_on: date_of_ms(d.try_get("decided_at")?), reasons })
            }
            None => None,
        };
        Ok(ScreeningFacts {
            instrument_id,
            instrument_version,
            instrument_hash: Some(instrument_hash),
            started_on: date_of_ms(r.try_get("started_at")?),
            completed_on: completed_on.filter(|_| outcome.is_some()),
            outcome: outcome.filter(|_| completed_on.is_some()),
            forms,
            decision_maker: None,
            decision,
        })
    }

    /// Reads an HTCDS file and imports it (see the module's doc). A file
    /// that cannot be read is refused whole, with every problem named.
    pub async fn import_htcds_file(
        &self,
        scopes: &ImportScopes<'_>,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<ImportReport> {
        check_scopes(scopes)?;
        match htcds::read_lined(bytes, &htcds::Limits::default(), today()) {
            Ok((bundle, lines)) => self.import_htcds(scopes, &bundle, &lines, dry_run).await,
            Err(report) => Ok(ImportReport::refused(dry_run, report.issues)),
        }
    }

    /// Reads an organisation's own spreadsheet through a column mapping
    /// (`haven_formats::legacy`) and imports it as [`Self::import_htcds`]
    /// imports a file: checked whole by the same rules, all or nothing.
    /// Every problem names the sheet's row and its own heading.
    pub async fn import_sheet(
        &self,
        scopes: &ImportScopes<'_>,
        sheet: &haven_formats::legacy::Sheet,
        mapping: &haven_formats::legacy::Mapping,
        order: haven_formats::legacy::DateOrder,
        dry_run: bool,
    ) -> Result<ImportReport> {
        use haven_formats::legacy;
        check_scopes(scopes)?;
        match legacy::to_bundle(sheet, mapping, order, today()) {
            Err(report) => Ok(ImportReport::refused(dry_run, report.issues)),
            Ok((bundle, lines)) => {
                let mut report = self.import_htcds(scopes, &bundle, &lines, dry_run).await?;
                report.problems =
                    report.problems.into_iter().map(|i| legacy::in_sheet_terms(sheet, mapping, i)).collect();
                Ok(report)
            }
        }
    }

    /// Imports a bundle read from a file, whose rows start on `lines`: all
    /// of it in one transaction, or, if anything is wrong, none of it and
    /// a report naming every problem. A dry run writes nothing.
    pub async fn import_htcds(
        &self,
        scopes: &ImportScopes<'_>,
        bundle: &Bundle,
        lines: &Lines,
        dry_run: bool,
    ) -> Result<ImportReport> {
        check_scopes(scopes)?;
        let scope = scopes.import;
        let plan = match self.plan_import(scope, bundle, lines).await? {
            Ok(plan) => plan,
            Err(problems) => return Ok(ImportReport::refused(dry_run, problems)),
        };
        let report = ImportReport {
            dry_run,
            problems: Vec::new(),
            persons: plan.persons.len(),
            cases: plan.cases.len(),
            cases_assigned: plan.cases.iter().filter(|(_, c)| c.assigned_to.is_some()).count(),
            referrals: plan.referrals.len(),
            referrals_reproposed: bundle
                .referrals
                .iter()
                .zip(&plan.referrals)
                .filter(|(row, planned)| row.status != planned.status.as_str())
                .count(),
            screenings_not_imported: bundle.screenings.len(),
        };
        if dry_run {
            return Ok(report);
        }
        let mut tx = self.begin().await?;
        let persons = self.insert_persons(&mut tx, scopes.persons, &plan.persons).await?;
        for (index, case) in &plan.cases {
            self.insert_case(&mut tx, scopes.cases, persons[*index], case).await?;
        }
        for r in &plan.referrals {
            self.insert_imported_referral(&mut tx, scope, persons[r.person], r).await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// Every check an import makes, reading nothing but organisations and
    /// users: the rows as they will be written, or every problem.
    async fn plan_import(&self, scope: &Scope, bundle: &Bundle, lines: &Lines) -> Result<Result<Plan, Vec<Issue>>> {
        let mut problems = Vec::new();
        let today = today();
        let mut persons = Vec::with_capacity(bundle.persons.len());
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, row) in bundle.persons.iter().enumerate() {
            match PersonRecord::parse(&htcds::person_input(row), today) {
                Ok(p) => {
                    index.insert(row.id.as_str(), persons.len());
                    persons.push(p);
                }
                Err(v) => problems.push(issue(Table::Persons, lines, i, v.field, v.message)),
            }
        }
        let person_of = |table: Table, i: usize, id: &str, problems: &mut Vec<Issue>| {
            let found = index.get(id).copied();
            if found.is_none() {
                problems.push(issue(
                    table,
                    lines,
                    i,
                    "haven_PersonId",
                    "names a person who is not in the bundle's persons",
                ));
            }
            found
        };

        let mut cases = Vec::with_capacity(bundle.cases.len());
        let mut open_case: BTreeMap<usize, u64> = BTreeMap::new();
        for (i, row) in bundle.cases.iter().enumerate() {
            let Some(p) = person_of(Table::Cases, i, &row.person_id, &mut problems) else { continue };
            let mut record = match htcds::case_record(row) {
                Ok(r) => r,
                Err(report) => {
                    problems.extend(report.issues.into_iter().map(|x| Issue { line: lines.of(Table::Cases, i), ..x }));
                    continue;
                }
            };
            if record.status != CaseStatus::Closed {
                if let Some(first) = open_case.get(&p) {
                    problems.push(issue(
                        Table::Cases,
                        lines,
                        i,
                        "cas_Status",
                        format!(
                            "the person has another open case in the file (line {first}): haven keeps one open case \
                             per person and organisation, so close one of them first"
                        ),
                    ));
                } else {
                    open_case.insert(p, lines.of(Table::Cases, i).unwrap_or(0));
                }
            }
            record.assigned_to = match record.assigned_to {
                Some(u) if self.is_enabled_user_of(u, scope.org()).await? => Some(u),
                _ => None,
            };
            cases.push((p, record));
        }

        let mut orgs: BTreeMap<String, std::result::Result<OrgId, (&'static str, String)>> = BTreeMap::new();
        let mut referrals = Vec::with_capacity(bundle.referrals.len());
        for (i, row) in bundle.referrals.iter().enumerate() {
            let Some(p) = person_of(Table::Referrals, i, &row.person_id, &mut problems) else { continue };
            let facts = match htcds::referral_facts(row) {
                Ok(f) => f,
                Err(report) => {
                    problems
                        .extend(report.issues.into_iter().map(|x| Issue { line: lines.of(Table::Referrals, i), ..x }));
                    continue;
                }
            };
            let name = facts.to_org.trim().to_owned();
            if !orgs.contains_key(&name) {
                let found = self.referral_recipient(scope.org(), &name).await?;
                orgs.insert(name.clone(), found);
            }
            let to = match orgs.get(&name) {
                Some(Ok(to)) => *to,
                Some(Err((field, message))) => {
                    problems.push(issue(Table::Referrals, lines, i, field, message.clone()));
                    continue;
                }
                None => continue,
            };
            let kind = self.org_kind(to).await?;
            let proposal = match Proposal::parse(
                &facts.service_type,
                to,
                kind,
                scope.org(),
                facts.note.as_deref().unwrap_or(""),
            ) {
                Ok(p) => p,
                Err(v) => {
                    problems.push(issue(Table::Referrals, lines, i, referral_column(v.field), v.message));
                    continue;
                }
            };
            let response = facts.response.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
            if response.as_ref().is_some_and(|r| r.chars().count() > 2000) {
                problems.push(issue(Table::Referrals, lines, i, "haven_Response", "the text is too long"));
                continue;
            }
            referrals.push(planned_referral(p, to, proposal, &facts, response));
        }
        if !problems.is_empty() {
            problems.sort_by_key(|i| (i.table, i.line));
            return Ok(Err(problems));
        }
        Ok(Ok(Plan { persons, cases, referrals }))
    }

    /// The organisation a referral in a file names, if it may receive one
    /// from here; else the column to blame and why.
    async fn referral_recipient(
        &self,
        from: OrgId,
        name: &str,
    ) -> Result<std::result::Result<OrgId, (&'static str, String)>> {
        let field = "cas_ReferredOrganisation";
        let Ok(org) = self.org_by_name(name).await else {
            return Ok(Err((
                field,
                "no organisation of this name on this installation: add it, or leave the referral out".to_owned(),
            )));
        };
        // The demo organisation and a real one never exchange anything, by
        // a file no more than by a form (second insider review).
        let demo: Vec<i64> = sqlx::query("SELECT demo FROM organisations WHERE id = $1 OR id = $2")
            .bind(from.to_string())
            .bind(org.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.try_get("demo"))
            .collect::<std::result::Result<_, _>>()?;
        if demo.iter().any(|d| *d != demo[0]) {
            return Ok(Err((field, "the fictional demo organisation and a real one never share anything".to_owned())));
        }
        let mirrored = sqlx::query("SELECT org_id FROM partner_orgs WHERE org_id = $1")
            .bind(org.to_string())
            .fetch_optional(&self.pool)
            .await?;
        if mirrored.is_some() {
            return Ok(Err((
                field,
                "this organisation is on a partner installation: it is reached by a transfer, not a referral"
                    .to_owned(),
            )));
        }
        // An enforcement organisation is refused by the core's proposal
        // rule, as for any referral (R16).
        Ok(Ok(org))
    }

    async fn is_enabled_user_of(&self, user: UserId, org: OrgId) -> Result<bool> {
        let row = sqlx::query("SELECT role FROM users WHERE id = $1 AND org_id = $2 AND disabled = 0")
            .bind(user.to_string())
            .bind(org.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => {
                haven_core::access::Role::parse(&r.try_get::<String, _>("role")?).is_ok_and(|r| r.is_case_role())
            }
            None => false,
        })
    }

    async fn insert_imported_referral(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        person: PersonId,
        r: &PlannedReferral,
    ) -> Result<()> {
        let person_s = person.to_string();
        let wrapped: Vec<u8> = sqlx::query("SELECT wrapped FROM person_keys WHERE person_id = $1")
            .bind(&person_s)
            .fetch_one(&mut **tx)
            .await?
            .try_get("wrapped")?;
        let dek = self.keys().unwrap(&person_s, &wrapped)?;
        self.recipient_ok(tx, scope.org(), r.to).await?;
        let id = crate::access::uuid_string();
        let note = (!r.note.is_empty()).then(|| dek.seal(&id, "note", &r.note)).transpose()?;
        let response = r.response.as_deref().map(|t| dek.seal(&id, "response", t)).transpose()?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO referrals (id, person_id, from_org_id, to_org_id, service_type, status, note, response, sent_on, \
             created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(r.to.to_string())
        .bind(dek.seal_hex(&id, "service_type", r.service_type)?)
        .bind(r.status.as_str())
        .bind(note)
        .bind(response)
        .bind(r.sent_on.map(format_date))
        .bind(scope.actor().to_string())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &REFERRALS, &id).await?;
        // Only a proposal is this organisation's own step, taken now; an
        // ended referral's steps were others', elsewhere, and are not
        // written as if taken here.
        if r.status == ReferralStatus::Proposed {
            sqlx::query("INSERT INTO referral_events (referral_id, status, org_id, at) VALUES ($1, $2, $3, $4)")
                .bind(&id)
                .bind(r.status.as_str())
                .bind(scope.org().to_string())
                .bind(now)
                .execute(&mut **tx)
                .await?;
        }
        self.append_scoped(tx, scope, Action::Create, RecordKind::Referral, &id, "htcds_import").await
    }
}

/// What a referral of the file becomes here (see the module's doc).
fn planned_referral(
    person: usize,
    to: OrgId,
    proposal: Proposal,
    facts: &ReferralFacts,
    response: Option<String>,
) -> PlannedReferral {
    let ended = facts.status.is_closed();
    PlannedReferral {
        person,
        to,
        service_type: proposal.service_type,
        status: if ended { facts.status } else { ReferralStatus::Proposed },
        sent_on: facts.sent_on.filter(|_| ended),
        note: proposal.note,
        response: response.filter(|_| ended),
    }
}

/// The three scopes must be one caller's, each for its own permission.
fn check_scopes(s: &ImportScopes<'_>) -> Result<()> {
    require(s.import, Permission::ImportRecords)?;
    require(s.persons, Permission::WritePerson)?;
    require(s.cases, Permission::WriteCase)?;
    let same = |x: &Scope| x.actor() == s.import.actor() && x.org() == s.import.org();
    if !same(s.persons) || !same(s.cases) {
        return Err(StoreError::Denied);
    }
    Ok(())
}
