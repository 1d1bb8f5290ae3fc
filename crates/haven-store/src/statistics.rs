//! The facts behind an organisation's figures (R23): one entry per person,
//! holding only what the tables count. The store releases no figure; the
//! caller passes counts through `haven_core::disclosure::release`, and the
//! facts never leave the process.

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::disclosure::PersonFacts;
use haven_core::person::Birth;
use std::collections::HashMap;

use sqlx::Row;

use crate::integrity::{row_ok, select_cols, PERSONS, SCREENINGS};
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
            let facts = PersonFacts {
                sex: open("sex")?.filter(|s| !s.is_empty()),
                nationality: open("nationalities")?
                    .and_then(|n| n.split(',').map(str::trim).find(|c| !c.is_empty()).map(str::to_owned)),
                birth: open("birth")?.and_then(|b| Birth::decode(&b)),
                location: crate::persons::read_location(self.keys(), r)?,
                outcome: None,
                recorded_on: crate::date_of_ms(r.try_get("created_at")?),
            };
            out.push(Person { id, dek, facts });
        }
        Ok(out)
    }

    /// Each person's latest completed screening of the organisation (by
    /// person id), with `extra` columns; rows whose MAC fails are left out
    /// with their alarm.
    async fn latest_screenings(&self, org: &str, extra: &str) -> Result<HashMap<String, sqlx::any::AnyRow>> {
        let sql = format!(
            "SELECT s.person_id, s.completed_at, {extra}, {} FROM screenings s \
             WHERE s.org_id = $1 AND s.completed_at IS NOT NULL ORDER BY s.completed_at, s.id",
            select_cols(&SCREENINGS, "s", "rs_")
        );
        let mut latest = HashMap::new();
        for s in sqlx::query(&sql).bind(org).fetch_all(&self.pool).await? {
            if !row_ok(self.keys(), &SCREENINGS, &s, "rs_")? {
                self.alarm_soon(RecordKind::Screening, s.try_get("rs_id")?, "screenings");
                continue;
            }
            // Ordered by completion: the last one written is the latest.
            latest.insert(s.try_get("person_id")?, s);
        }
        Ok(latest)
    }

    /// Every person of the caller's organisation (not erased), as facts for
    /// counting. One audit event records the release.
    pub async fn statistics_facts(&self, scope: &Scope) -> Result<Vec<PersonFacts>> {
        require(scope, Permission::ReadStatistics)?;
        let org = scope.org().to_string();
        let people = self.org_people(&org).await?;
        let mut latest = self.latest_screenings(&org, "s.outcome").await?;
        let mut out = Vec::with_capacity(people.len());
        for mut p in people {
            if let Some(tag) =
                latest.remove(&p.id).map(|s| s.try_get::<Option<String>, _>("outcome")).transpose()?.flatten()
            {
                let outcome =
                    self.untag(crate::integrity::tags::OUTCOME, &org, &tag, crate::integrity::tags::OUTCOMES)?;
                p.facts.outcome = Some(outcome.to_owned());
            }
            out.push(p.facts);
        }
        self.audit_read(scope, Action::Release, RecordKind::System, &["statistics"], "ok").await?;
        Ok(out)
    }

    /// The sources of a de-identified record-level release (CTDC): every
    /// person of the organisation with their latest completed screening.
    /// Nothing of it leaves the process but through
    /// `haven_core::ctdc::k_anonymise`; the release is audited.
    pub async fn deidentified_sources(&self, scope: &Scope) -> Result<Vec<DeidentifiedSource>> {
        require(scope, Permission::ExportRecords)?;
        let org = scope.org().to_string();
        let people = self.org_people(&org).await?;
        let mut latest = self.latest_screenings(&org, "s.answers, s.instrument_id, s.instrument_version").await?;
        let mut out = Vec::with_capacity(people.len());
        for p in people {
            let screening = match latest.remove(&p.id) {
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
        self.audit_read(scope, Action::Release, RecordKind::System, &["ctdc"], "ok").await?;
        Ok(out)
    }
}
