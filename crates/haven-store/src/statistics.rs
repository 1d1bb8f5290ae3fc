//! The facts behind an organisation's figures (R23): one entry per person,
//! holding only what the tables count. The store releases no figure; the
//! caller passes counts through `haven_core::disclosure::release`, and the
//! facts never leave the process.

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::disclosure::PersonFacts;
use haven_core::person::Birth;
use sqlx::Row;

use crate::integrity::{row_ok, select_cols, PERSONS, SCREENINGS};
use crate::{require, Result, Store};

impl Store {
    /// Every person of the caller's organisation (not erased), as facts for
    /// counting. One audit event records the release; rows whose integrity
    /// MAC fails are left out, with their alarm, as in every list.
    pub async fn statistics_facts(&self, scope: &Scope) -> Result<Vec<PersonFacts>> {
        require(scope, Permission::ReadStatistics)?;
        let org = scope.org().to_string();
        let sql = format!(
            "SELECT p.org_id, p.location, p.sex, p.birth, p.nationalities, p.created_at, k.wrapped, {} \
             FROM persons p JOIN person_keys k ON k.person_id = p.id \
             WHERE p.org_id = $1 AND p.erased_at IS NULL",
            select_cols(&PERSONS, "p", "rp_")
        );
        let rows = sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await?;
        let sql = format!(
            "SELECT s.person_id, s.outcome, s.completed_at, {} FROM screenings s \
             WHERE s.org_id = $1 AND s.completed_at IS NOT NULL ORDER BY s.completed_at, s.id",
            select_cols(&SCREENINGS, "s", "rs_")
        );
        let screenings = sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await?;
        let mut latest: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        for s in &screenings {
            if !row_ok(self.keys(), &SCREENINGS, s, "rs_")? {
                self.alarm_soon(RecordKind::Screening, s.try_get("rs_id")?, "screenings");
                continue;
            }
            if let Some(tag) = s.try_get::<Option<String>, _>("outcome")? {
                let outcome =
                    self.untag(crate::integrity::tags::OUTCOME, &org, &tag, crate::integrity::tags::OUTCOMES)?;
                // Ordered by completion: the last one written is the latest.
                latest.insert(s.try_get("person_id")?, outcome.to_owned());
            }
        }
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
            out.push(PersonFacts {
                sex: open("sex")?.filter(|s| !s.is_empty()),
                nationality: open("nationalities")?
                    .and_then(|n| n.split(',').map(str::trim).find(|c| !c.is_empty()).map(str::to_owned)),
                birth: open("birth")?.and_then(|b| Birth::decode(&b)),
                location: crate::persons::read_location(self.keys(), r)?,
                outcome: latest.remove(&id),
                recorded_on: crate::date_of_ms(r.try_get("created_at")?),
            });
        }
        self.audit_read(scope, Action::Release, RecordKind::System, &["statistics"], "ok").await?;
        Ok(out)
    }
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
    /// The sources of a de-identified record-level release (CTDC): every
    /// person of the organisation with their latest completed screening.
    /// Nothing of it leaves the process but through
    /// `haven_core::ctdc::k_anonymise`; the release is audited.
    pub async fn deidentified_sources(&self, scope: &Scope) -> Result<Vec<DeidentifiedSource>> {
        require(scope, Permission::ExportRecords)?;
        let org = scope.org().to_string();
        let sql = format!(
            "SELECT p.org_id, p.location, p.sex, p.birth, p.nationalities, p.created_at, k.wrapped, {} \
             FROM persons p JOIN person_keys k ON k.person_id = p.id \
             WHERE p.org_id = $1 AND p.erased_at IS NULL",
            select_cols(&PERSONS, "p", "rp_")
        );
        let rows = sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await?;
        let sql = format!(
            "SELECT s.person_id, s.answers, s.instrument_id, s.instrument_version, s.completed_at, {} FROM screenings s \
             WHERE s.org_id = $1 AND s.completed_at IS NOT NULL ORDER BY s.completed_at, s.id",
            select_cols(&SCREENINGS, "s", "rs_")
        );
        let screenings = sqlx::query(&sql).bind(&org).fetch_all(&self.pool).await?;
        let mut latest: std::collections::HashMap<String, &sqlx::any::AnyRow> = std::collections::HashMap::new();
        for s in &screenings {
            if !row_ok(self.keys(), &SCREENINGS, s, "rs_")? {
                self.alarm_soon(RecordKind::Screening, s.try_get("rs_id")?, "screenings");
                continue;
            }
            // Ordered by completion: the last one written is the latest.
            latest.insert(s.try_get("person_id")?, s);
        }
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
            let screening = match latest.remove(&id) {
                Some(s) => {
                    let sid: String = s.try_get("rs_id")?;
                    let sealed: Option<Vec<u8>> = s.try_get("answers")?;
                    // Answers in a format this version cannot read count as
                    // no screening (every attribute "not known"), never as
                    // indicators absent; answers that fail to open (altered
                    // in SQL) stop the release with their alarm.
                    let answers = match sealed {
                        Some(ct) => haven_core::screening::decode_answers(&dek.open(&sid, "answers", &ct)?),
                        None => None,
                    };
                    match answers {
                        Some(a) => Some((s.try_get("instrument_id")?, s.try_get("instrument_version")?, a)),
                        None => None,
                    }
                }
                None => None,
            };
            out.push(DeidentifiedSource {
                facts: PersonFacts {
                    sex: open("sex")?.filter(|s| !s.is_empty()),
                    nationality: open("nationalities")?
                        .and_then(|n| n.split(',').map(str::trim).find(|c| !c.is_empty()).map(str::to_owned)),
                    birth: open("birth")?.and_then(|b| Birth::decode(&b)),
                    location: crate::persons::read_location(self.keys(), r)?,
                    outcome: None,
                    recorded_on: crate::date_of_ms(r.try_get("created_at")?),
                },
                screening,
            });
        }
        self.audit_read(scope, Action::Release, RecordKind::System, &["ctdc"], "ok").await?;
        Ok(out)
    }
}
