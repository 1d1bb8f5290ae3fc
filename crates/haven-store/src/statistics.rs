//! The facts behind an organisation's figures (R23): one entry per person,
//! holding only what the tables count. The store releases no figure; the
//! caller passes counts through `haven_core::disclosure::release`, and the
//! facts never leave the process.

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::disclosure::{PersonFacts, ReferralFacts};
use haven_core::person::Birth;
use haven_core::protection::Kind;
use std::collections::HashMap;

use sqlx::Row;

use crate::integrity::{row_ok, select_cols, tags, PERSONS, SCREENINGS};
use crate::{require, Result, Store};

/// One person of the organisation as both releases read them: the facts
/// the figures count, and the key that opens their screenings.
struct Person {
    id: String,
    dek: crate::crypto::DataKey,
    facts: PersonFacts,
}

/// One person as a de-identified record is built from: what the figures
/// count, and the answers of their latest completed screening (read by the
/// caller with the instrument they were given under).
#[derive(Debug, Clone)]
pub struct DeidentifiedSource {
    pub facts: PersonFacts,
    /// (instrument id, version, answers) of the latest completed screening.
    pub screening: Option<(String, String, std::collections::BTreeMap<String, haven_core::screening::Answer>)>,
}

impl Store {
    /// Every person of the organisation (not erased), opened; rows whose
    /// integrity MAC fails are left out, with their alarm, as in every list.
    async fn org_people(&self, org: &str) -> Result<Vec<Person>> {
        let sql = format!(
            "SELECT p.org_id, p.location, p.sex, p.birth, p.nationalities, p.created_at, k.wrapped, {} \
             FROM persons p JOIN person_keys k ON k.person_id = p.id \
             WHERE p.org_id = $1 AND p.erased_at IS NULL",
            select_cols(&PERSONS, "p", "rp_")
        );
        let rows = sqlx::query(&sql).bind(org).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("rp_id")?;
            if !row_ok(self.keys(), &PERSONS, r, "rp_")? {
                self.alarm_soon(RecordKind::Person, id, "persons");
                continue;
            }
            let dek = self.keys().unwrap(&id, &r.try_get::<Vec<u8>, _>("wrapped")?)?;
            let open = |field: &str| -> Result<Option<String>> {
                let v: Option<Vec<u8>> = r.try_get(field)?;
                v.map(|ct| dek.open(&id, field, &ct)).transpose()
            };
            let facts = PersonFacts::new(
                open("sex")?.filter(|s| !s.is_empty()),
                open("nationalities")?
                    .and_then(|n| n.split(',').map(str::trim).find(|c| !c.is_empty()).map(str::to_owned)),
                open("birth")?.and_then(|b| Birth::decode(&b)),
                crate::persons::read_location(self.keys(), r)?,
                crate::date_of_ms(r.try_get("created_at")?),
            );
            out.push(Person { id, dek, facts });
        }
        Ok(out)
    }

    /// Each person's latest completed screening of the organisation (by
    /// person id), with `extra` columns, and the day a completed screening
    /// first found reasonable grounds; rows whose MAC fails are left out
    /// with their alarm.
    async fn screened(&self, org: &str, extra: &str) -> Result<Screened> {
        let sql = format!(
            "SELECT s.person_id, s.completed_at, s.outcome, {extra}, {} FROM screenings s \
             WHERE s.org_id = $1 AND s.completed_at IS NOT NULL ORDER BY s.completed_at, s.id",
            select_cols(&SCREENINGS, "s", "rs_")
        );
        let mut out = Screened { latest: HashMap::new(), first_rg: HashMap::new() };
        for s in sqlx::query(&sql).bind(org).fetch_all(&self.pool).await? {
            if !row_ok(self.keys(), &SCREENINGS, &s, "rs_")? {
                self.alarm_soon(RecordKind::Screening, s.try_get("rs_id")?, "screenings");
                continue;
            }
            let person: String = s.try_get("person_id")?;
            if let Some(tag) = s.try_get::<Option<String>, _>("outcome")? {
                let outcome = self.untag(tags::OUTCOME, org, &tag, tags::OUTCOMES)?;
                if outcome == "reasonable_grounds" && !out.first_rg.contains_key(&person) {
                    out.first_rg.insert(person.clone(), crate::date_of_ms(s.try_get("completed_at")?));
                }
            }
            // Ordered by completion: the last one written is the latest.
            out.latest.insert(person, s);
        }
        Ok(out)
    }

    /// Each person's standing identification decision (the latest not
    /// superseded). A conclusion that does not open (edited in SQL) counts
    /// as none.
    async fn decisions_of(
        &self,
        org: &str,
        people: &HashMap<&str, &crate::crypto::DataKey>,
    ) -> Result<HashMap<String, String>> {
        let rows = sqlx::query(
            "SELECT d.id, d.person_id, d.conclusion FROM decisions d WHERE d.org_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.supersedes = d.id) \
             ORDER BY d.decided_at, d.id",
        )
        .bind(org)
        .fetch_all(&self.pool)
        .await?;
        let mut out = HashMap::new();
        for r in rows {
            let (id, person): (String, String) = (r.try_get("id")?, r.try_get("person_id")?);
            let Some(dek) = people.get(person.as_str()) else { continue };
            if let Ok(c) = dek.open_hex(&id, "conclusion", &r.try_get::<String, _>("conclusion")?) {
                out.insert(person, c);
            }
        }
        Ok(out)
    }

    /// Which protection records each person has, by kind; rows whose MAC
    /// fails are left out with their alarm.
    async fn protection_kinds(&self, org: &str) -> Result<HashMap<String, Vec<Kind>>> {
        let sql = format!(
            "SELECT {} FROM protection_records t WHERE t.org_id = $1",
            select_cols(&crate::integrity::PROTECTION_RECORDS, "t", "")
        );
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        let mut out: HashMap<String, Vec<Kind>> = HashMap::new();
        for r in sqlx::query(&sql).bind(org).fetch_all(&self.pool).await? {
            if !row_ok(self.keys(), &crate::integrity::PROTECTION_RECORDS, &r, "")? {
                self.alarm_soon(RecordKind::Person, r.try_get("id")?, "protection_records");
                continue;
            }
            let kind = self.untag(tags::PROTECTION_KIND, org, &r.try_get::<String, _>("kind")?, &kinds)?;
            out.entry(r.try_get("person_id")?).or_default().push(Kind::parse(kind)?);
        }
        Ok(out)
    }

    /// Every person of the organisation with what the figures count, and
    /// (with `answers`) the answers of their latest completed screening.
    async fn gather(&self, org: &str, answers: bool) -> Result<Vec<DeidentifiedSource>> {
        let people = self.org_people(org).await?;
        let extra = if answers { "s.answers, s.instrument_id, s.instrument_version" } else { "s.id AS unused_id" };
        let mut screened = self.screened(org, extra).await?;
        let keys: HashMap<&str, &crate::crypto::DataKey> = people.iter().map(|p| (p.id.as_str(), &p.dek)).collect();
        let mut decisions = self.decisions_of(org, &keys).await?;
        let mut protection = self.protection_kinds(org).await?;
        let mut out = Vec::with_capacity(people.len());
        for mut p in people {
            let latest = screened.latest.remove(&p.id);
            if let Some(tag) = latest.as_ref().map(|s| s.try_get::<Option<String>, _>("outcome")).transpose()?.flatten()
            {
                p.facts.outcome = Some(self.untag(tags::OUTCOME, org, &tag, tags::OUTCOMES)?.to_owned());
            }
            p.facts.rg_on = screened.first_rg.remove(&p.id);
            p.facts.decision = decisions.remove(&p.id);
            let kinds = protection.remove(&p.id).unwrap_or_default();
            p.facts.return_planned = kinds.contains(&Kind::ReturnPlan);
            p.facts.compensation_claimed = kinds.contains(&Kind::CompensationClaim);
            let screening = match latest.filter(|_| answers) {
                Some(s) => {
                    let sid: String = s.try_get("rs_id")?;
                    // Answers in a format this version cannot read count as
                    // no screening (every attribute "not known"), never as
                    // indicators absent; answers that fail to open (altered
                    // in SQL) stop the release with their alarm.
                    let answers = match s.try_get::<Option<Vec<u8>>, _>("answers")? {
                        Some(ct) => haven_core::screening::decode_answers(&p.dek.open(&sid, "answers", &ct)?),
                        None => None,
                    };
                    match answers {
                        Some(a) => Some((s.try_get("instrument_id")?, s.try_get("instrument_version")?, a)),
                        None => None,
                    }
                }
                None => None,
            };
            out.push(DeidentifiedSource { facts: p.facts, screening });
        }
        Ok(out)
    }

    /// Every person of the caller's organisation (not erased), as facts for
    /// counting; with `answers`, each with their latest completed screening's
    /// answers (for the country and form of exploitation). One audit event
    /// records the release.
    pub async fn statistics_facts(&self, scope: &Scope, answers: bool) -> Result<Vec<DeidentifiedSource>> {
        require(scope, Permission::ReadStatistics)?;
        let out = self.gather(&scope.org().to_string(), answers).await?;
        self.audit_read(scope, Action::Release, RecordKind::System, &["statistics"], "ok").await?;
        Ok(out)
    }

    /// The referrals the caller's organisation made, as facts for counting:
    /// one per person, their latest referral (its service and where it
    /// stands), so that every cell, line and total of a referral table
    /// counts people and a figure of k is k people. Counting one per person
    /// and service instead let one person referred to eleven services make
    /// a released figure of eleven (insider review). Rows whose MAC fails
    /// are left out with their alarm. Audited as a release like the
    /// people's figures.
    pub async fn referral_facts(&self, scope: &Scope) -> Result<Vec<ReferralFacts>> {
        require(scope, Permission::ReadStatistics)?;
        let sql = format!(
            "SELECT r.service_type, k.wrapped, {} FROM referrals r \
             JOIN persons p ON p.id = r.person_id JOIN person_keys k ON k.person_id = r.person_id \
             WHERE r.from_org_id = $1 AND p.erased_at IS NULL ORDER BY r.updated_at, r.id",
            select_cols(&crate::integrity::REFERRALS, "r", "")
        );
        let mut latest = std::collections::BTreeMap::new();
        for r in sqlx::query(&sql).bind(scope.org().to_string()).fetch_all(&self.pool).await? {
            let id: String = r.try_get("id")?;
            if !row_ok(self.keys(), &crate::integrity::REFERRALS, &r, "")? {
                self.alarm_soon(RecordKind::Referral, id, "referrals");
                continue;
            }
            let person: String = r.try_get("person_id")?;
            let dek = self.keys().unwrap(&person, &r.try_get::<Vec<u8>, _>("wrapped")?)?;
            let service_type = dek.open_hex(&id, "service_type", &r.try_get::<String, _>("service_type")?)?;
            // Ordered by update: the last one written is the person's latest.
            latest.insert(person, ReferralFacts { service_type, status: r.try_get::<String, _>("status")? });
        }
        let out = latest.into_values().collect();
        self.audit_read(scope, Action::Release, RecordKind::System, &["referral statistics"], "ok").await?;
        Ok(out)
    }

    /// The sources of a de-identified record-level release (CTDC): every
    /// person of the organisation with their latest completed screening.
    /// Nothing of it leaves the process but through
    /// `haven_core::ctdc::k_anonymise`; the release is audited.
    pub async fn deidentified_sources(&self, scope: &Scope) -> Result<Vec<DeidentifiedSource>> {
        require(scope, Permission::ExportRecords)?;
        let out = self.gather(&scope.org().to_string(), true).await?;
        self.audit_read(scope, Action::Release, RecordKind::System, &["ctdc"], "ok").await?;
        Ok(out)
    }
}

/// What one pass over the organisation's completed screenings yields.
struct Screened {
    latest: HashMap<String, sqlx::any::AnyRow>,
    first_rg: HashMap<String, time::Date>,
}
