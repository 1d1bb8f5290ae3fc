//! Screenings: an interview against an instrument, answered over time
//! (pause and resume, R18), completed into a finding. A person can be
//! screened several times; every screening is kept.

use std::collections::BTreeMap;

use haven_core::access::{Category, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{DecisionId, PersonId, ScreeningId, UserId};
use haven_core::person::{LanguageTag, PersonRecord};
use haven_core::screening::{decode_answers, encode_answers, Answer, Instrument};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::crypto::DataKey;
use crate::reach::{row_categories, ReachSql};
use crate::{new_id_bytes, now_ms, require, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone)]
pub struct ScreeningView {
    pub id: ScreeningId,
    pub person_id: PersonId,
    pub instrument_id: String,
    pub instrument_version: String,
    pub instrument_hash: String,
    pub interviewer: UserId,
    pub survivor_language: String,
    pub interpreter: Option<String>,
    pub completed: bool,
    /// `None` when the reader may not see the person's account (narrative).
    pub answers: Option<BTreeMap<String, Answer>>,
    pub outcome: Option<String>,
    pub started_at_ms: i64,
    pub completed_at_ms: Option<i64>,
}

impl Store {
    /// The screening row with its person's key, if the person is in reach.
    async fn screening_row<'e, E>(&self, exec: E, scope: &Scope, id: &str) -> Result<Option<AnyRow>>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT s.*, k.wrapped, {}{} FROM screenings s JOIN persons p ON p.id = s.person_id \
             LEFT JOIN person_keys k ON k.person_id = s.person_id {} WHERE s.id = $1 AND {}",
            crate::integrity::select_cols(&crate::integrity::SCREENINGS, "s", "sv_"),
            reach.columns,
            reach.joins,
            reach.condition
        );
        Ok(reach.bind(sqlx::query(&sql).bind(id)).fetch_optional(exec).await?)
    }

    fn screening_from_row(&self, scope: &Scope, r: &AnyRow) -> Result<ScreeningView> {
        let id: String = r.try_get("id")?;
        let person: String = r.try_get("person_id")?;
        let cats = row_categories(self, scope, r)?.ok_or(StoreError::NotFound)?;
        // The outcome tag decides whether a notice exists (R11): it must be
        // this row's, as haven last wrote it.
        if !crate::integrity::row_ok(self.keys(), &crate::integrity::SCREENINGS, r, "sv_")? {
            self.alarm_soon(RecordKind::Screening, id, "screenings");
            return Err(StoreError::Integrity("screenings".into()));
        }
        let dek = match r.try_get::<Option<Vec<u8>>, _>("wrapped")? {
            Some(w) => Some(self.keys().unwrap(&person, &w)?),
            None => None,
        };
        let open = |field: &str| -> Result<Option<String>> {
            match (&dek, r.try_get::<Option<Vec<u8>>, _>(field)?) {
                (Some(k), Some(ct)) => Ok(Some(k.open(&id, field, &ct)?)),
                _ => Ok(None),
            }
        };
        let answers = if cats.contains(Category::Narrative) {
            Some(
                open("answers")?.map(|t| decode_answers(&t).ok_or(StoreError::Crypto)).transpose()?.unwrap_or_default(),
            )
        } else {
            None
        };
        let interviewer: String = r.try_get("interviewer_id")?;
        let status: String = r.try_get("status")?;
        Ok(ScreeningView {
            person_id: person.parse()?,
            instrument_id: r.try_get("instrument_id")?,
            instrument_version: r.try_get("instrument_version")?,
            instrument_hash: r.try_get("instrument_hash")?,
            interviewer: interviewer.parse()?,
            survivor_language: match &dek {
                Some(k) => k.open_hex(&id, "survivor_language", &r.try_get::<String, _>("survivor_language")?)?,
                None => String::new(),
            },
            interpreter: open("interpreter")?,
            completed: status == "completed",
            answers,
            outcome: match r.try_get::<Option<String>, _>("outcome")? {
                Some(t) => Some(
                    self.untag(
                        crate::integrity::tags::OUTCOME,
                        &r.try_get::<String, _>("org_id")?,
                        &t,
                        crate::integrity::tags::OUTCOMES,
                    )?
                    .to_owned(),
                ),
                None => None,
            },
            started_at_ms: r.try_get("started_at")?,
            completed_at_ms: r.try_get("completed_at")?,
            id: id.parse()?,
        })
    }

    async fn person_key_for_write(&self, tx: &mut WriteTx, scope: &Scope, person: &str) -> Result<DataKey> {
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row =
            reach.bind(sqlx::query(&sql).bind(person)).fetch_optional(&mut **tx).await?.ok_or(StoreError::NotFound)?;
        // Interviewing means recording the person's account: it needs the narrative category.
        if !row_categories(self, scope, &row)?.is_some_and(|c| c.contains(Category::Narrative)) {
            return Err(StoreError::Denied);
        }
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        self.keys().unwrap(person, &wrapped)
    }

    pub async fn start_screening(
        &self,
        scope: &Scope,
        person: PersonId,
        instrument: &Instrument,
        survivor_language: &LanguageTag,
        interpreter: Option<&str>,
    ) -> Result<ScreeningId> {
        require(scope, Permission::WriteCase)?;
        let mut tx = self.begin().await?;
        let (id, _) = self.insert_screening(&mut tx, scope, person, instrument, survivor_language, interpreter).await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Screening, &id.to_string(), "ok").await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Which of these field submissions (canonical instanceIDs) the
    /// caller's organisation has already imported: an export lists them as
    /// done, so a day's file can be worked through row by row. One read of
    /// the organisation's tags, compared in memory, however long the export.
    pub async fn imported_instances(
        &self,
        scope: &Scope,
        instances: &[String],
    ) -> Result<std::collections::BTreeSet<String>> {
        require(scope, Permission::WriteCase)?;
        let org = scope.org().to_string();
        let rows =
            sqlx::query("SELECT field_instance FROM screenings WHERE org_id = $1 AND field_instance IS NOT NULL")
                .bind(&org)
                .fetch_all(&self.pool)
                .await?;
        let seen: std::collections::BTreeSet<String> =
            rows.iter().map(|r| r.try_get::<String, _>("field_instance")).collect::<std::result::Result<_, _>>()?;
        Ok(instances
            .iter()
            .filter(|i| seen.contains(&self.tag(crate::integrity::tags::FIELD_INSTANCE, &org, i)))
            .cloned()
            .collect())
    }

    /// A screening done in the field with haven's XLSForm (KoboToolbox, ODK
    /// Collect), its answers read from the submission: stored in one
    /// transaction, in progress, so that a caseworker reads the answers in
    /// haven and completes it there. A submission already imported (its
    /// `instanceID`, kept only as a keyed tag) is refused, so one interview
    /// does not count twice.
    #[allow(clippy::too_many_arguments)]
    pub async fn import_screening(
        &self,
        scope: &Scope,
        person: PersonId,
        instrument: &Instrument,
        survivor_language: &LanguageTag,
        interpreter: Option<&str>,
        answers: &BTreeMap<String, Answer>,
        instance_id: Option<&str>,
    ) -> Result<ScreeningId> {
        require(scope, Permission::WriteCase)?;
        let mut tx = self.begin().await?;
        let id = self
            .import_screening_in(
                &mut tx,
                scope,
                person,
                instrument,
                survivor_language,
                interpreter,
                answers,
                instance_id,
            )
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A person made from a field interview and the interview imported for
    /// them, in one transaction: a refused import (a duplicate, a language
    /// the instrument lacks) leaves nobody behind.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_person_with_import(
        &self,
        persons: &Scope,
        record: &PersonRecord,
        scope: &Scope,
        instrument: &Instrument,
        survivor_language: &LanguageTag,
        interpreter: Option<&str>,
        answers: &BTreeMap<String, Answer>,
        instance_id: Option<&str>,
    ) -> Result<(PersonId, ScreeningId)> {
        require(persons, Permission::WritePerson)?;
        require(scope, Permission::WriteCase)?;
        let mut tx = self.begin().await?;
        let person = self
            .insert_persons(&mut tx, persons, std::slice::from_ref(record))
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)?;
        let id = self
            .import_screening_in(
                &mut tx,
                scope,
                person,
                instrument,
                survivor_language,
                interpreter,
                answers,
                instance_id,
            )
            .await?;
        tx.commit().await?;
        Ok((person, id))
    }

    #[allow(clippy::too_many_arguments)]
    async fn import_screening_in(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        person: PersonId,
        instrument: &Instrument,
        survivor_language: &LanguageTag,
        interpreter: Option<&str>,
        answers: &BTreeMap<String, Answer>,
        instance_id: Option<&str>,
    ) -> Result<ScreeningId> {
        let tx = &mut *tx;
        // The person's reach first (inside `insert_screening`): whether a
        // submission was imported is no answer for someone who cannot see
        // the person. The transaction is dropped on refusal.
        let (typed, dek) = self.insert_screening(tx, scope, person, instrument, survivor_language, interpreter).await?;
        let id = typed.to_string();
        let instance =
            instance_id.map(|i| self.tag(crate::integrity::tags::FIELD_INSTANCE, &scope.org().to_string(), i));
        let duplicate = || StoreError::Conflict("this submission was already imported".into());
        if let Some(t) = &instance {
            let seen = sqlx::query("SELECT id FROM screenings WHERE org_id = $1 AND field_instance = $2")
                .bind(scope.org().to_string())
                .bind(t)
                .fetch_optional(&mut **tx)
                .await?;
            if seen.is_some() {
                return Err(duplicate());
            }
        }
        // Two imports of one interview at once both pass the look above;
        // the unique index (migration 0029) lets only one write.
        sqlx::query("UPDATE screenings SET answers = $1, field_instance = $2 WHERE id = $3")
            .bind(dek.seal(&id, "answers", &encode_answers(answers))?)
            .bind(&instance)
            .bind(&id)
            .execute(&mut **tx)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => duplicate(),
                other => other.into(),
            })?;
        self.write_facts(tx, scope, &id, &person.to_string(), answers, instrument).await?;
        self.append_scoped(tx, scope, Action::Create, RecordKind::Screening, &id, "imported").await?;
        Ok(typed)
    }

    async fn insert_screening(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        person: PersonId,
        instrument: &Instrument,
        survivor_language: &LanguageTag,
        interpreter: Option<&str>,
    ) -> Result<(ScreeningId, DataKey)> {
        let person_s = person.to_string();
        let typed = ScreeningId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let dek = self.person_key_for_write(tx, scope, &person_s).await?;
        let interpreter = interpreter
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(|i| dek.seal(&id, "interpreter", i))
            .transpose()?;
        let now = now_ms();
        sqlx::query(
            "INSERT INTO screenings (id, person_id, org_id, instrument_id, instrument_version, instrument_hash, interviewer_id, \
             survivor_language, interpreter, status, answers, started_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&id)
        .bind(&person_s)
        .bind(scope.org().to_string())
        .bind(&instrument.id)
        .bind(&instrument.version)
        .bind(&instrument.hash)
        .bind(scope.actor().to_string())
        .bind(dek.seal_hex(&id, "survivor_language", survivor_language.as_str())?)
        .bind(interpreter)
        .bind("in_progress")
        .bind(dek.seal(&id, "answers", "")?)
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &crate::integrity::SCREENINGS, &id).await?;
        Ok((typed, dek))
    }

    /// Records (or replaces) answers. Allowed until the screening is
    /// completed; a later screening starts afresh. Answers to fact questions
    /// (compound, recruiter, advertisement) are also kept as keyed hashes
    /// for corroboration (R08).
    pub async fn record_answers(
        &self,
        scope: &Scope,
        id: ScreeningId,
        new: &BTreeMap<String, Answer>,
        instrument: &Instrument,
    ) -> Result<ScreeningView> {
        require(scope, Permission::WriteCase)?;
        let id: &str = &id.to_string();
        let mut tx = self.begin().await?;
        let row = self.screening_row(&mut *tx, scope, id).await?.ok_or(StoreError::NotFound)?;
        let mut view = self.screening_from_row(scope, &row)?;
        if view.completed {
            return Err(StoreError::Conflict("this screening is completed; start a new one to re-screen".into()));
        }
        let mut answers = view.answers.clone().ok_or(StoreError::Denied)?;
        for (q, a) in new {
            answers.insert(q.clone(), a.clone());
        }
        let person = view.person_id.to_string();
        let dek = self.person_key_for_write(&mut tx, scope, &person).await?;
        sqlx::query("UPDATE screenings SET answers = $1, updated_at = $2 WHERE id = $3")
            .bind(dek.seal(id, "answers", &encode_answers(&answers))?)
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.write_facts(&mut tx, scope, id, &person, new, instrument).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Screening, id, "ok").await?;
        tx.commit().await?;
        view.answers = Some(answers);
        Ok(view)
    }

    /// Keeps answers to fact questions (compound, recruiter, advertisement)
    /// as keyed hashes for corroboration (R08).
    async fn write_facts(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        id: &str,
        person: &str,
        new: &BTreeMap<String, Answer>,
        instrument: &Instrument,
    ) -> Result<()> {
        for (qid, answer) in new {
            let Some(kind) = instrument.question(qid).and_then(|q| q.fact) else { continue };
            if !CORROBORATING.contains(&kind) {
                continue;
            }
            sqlx::query("DELETE FROM screening_facts WHERE screening_id = $1 AND kind = $2")
                .bind(id)
                .bind(kind.as_str())
                .execute(&mut **tx)
                .await?;
            let values: Vec<String> = match answer {
                Answer::Text(t) | Answer::Choice(t) => {
                    use haven_core::corroboration as c;
                    use haven_core::screening::FactKind;
                    let parts = c::fact_values(t);
                    let mut v = parts.clone();
                    // The recruiter's contact however it was written, so that
                    // a screened advertisement can meet it too (R08, R26).
                    // Only from the questions that ask for the recruiter's
                    // contact or the ad's link: an account of what happened
                    // may hold the survivor's own phone or e-mail, which
                    // must never become something an ad can be tested against.
                    if matches!(kind, FactKind::RecruiterHandle | FactKind::AdvertisementUrl) {
                        v.extend(c::contact_marks(t));
                    }
                    if kind == FactKind::RecruiterHandle {
                        v.extend(parts.iter().filter_map(|h| c::bare_handle(h)));
                    }
                    v.sort();
                    v.dedup();
                    v
                }
                _ => Vec::new(),
            };
            let org = scope.org().to_string();
            for v in values {
                let token = self.keys().blind_index(&format!("fact:{v}"));
                sqlx::query(
                    "INSERT INTO screening_facts (screening_id, person_id, org_id, kind, token, binding) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(person)
                .bind(&org)
                .bind(kind.as_str())
                .bind(&token)
                .bind(fact_binding(self.keys(), person, &org, id, &token))
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(())
    }

    /// Marks a screening completed with the engine's outcome code.
    /// Completes a screening with its outcome and the tasks its answers
    /// call for (task codes, see `haven_core::tasks::TaskKind`).
    pub async fn complete_screening(
        &self,
        scope: &Scope,
        id: ScreeningId,
        outcome: &str,
        follow_ups: &[haven_core::tasks::TaskKind],
    ) -> Result<()> {
        require(scope, Permission::WriteCase)?;
        let id: &str = &id.to_string();
        let mut tx = self.begin().await?;
        let row = self.screening_row(&mut *tx, scope, id).await?.ok_or(StoreError::NotFound)?;
        let view = self.screening_from_row(scope, &row)?;
        if view.completed {
            return Err(StoreError::Conflict("this screening is already completed".into()));
        }
        let dek = self.person_key_for_write(&mut tx, scope, &view.person_id.to_string()).await?;
        let codes: Vec<&str> = follow_ups.iter().map(|k| k.as_str()).collect();
        sqlx::query("UPDATE screenings SET follow_ups = $1 WHERE id = $2")
            .bind(dek.seal(id, "follow_ups", &codes.join(" "))?)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let now = now_ms();
        if !crate::integrity::tags::OUTCOMES.contains(&outcome) {
            return Err(StoreError::Config(format!("unknown screening outcome {outcome}")));
        }
        // The finding is a keyed tag, and the audit event says only that the
        // screening was completed: neither shows a reader of the database
        // who was found to have been trafficked.
        sqlx::query("UPDATE screenings SET status = 'completed', outcome = $1, completed_at = $2, updated_at = $2 WHERE id = $3")
            .bind(self.tag(crate::integrity::tags::OUTCOME, &scope.org().to_string(), outcome))
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &crate::integrity::SCREENINGS, id).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Screening, id, "completed").await?;
        tx.commit().await
    }

    pub async fn get_screening(&self, scope: &Scope, id: ScreeningId) -> Result<ScreeningView> {
        require(scope, Permission::ReadCase)?;
        let id: &str = &id.to_string();
        let row = self.screening_row(&self.pool, scope, id).await?;
        let outcome = if row.is_some() { "ok" } else { "not_found" };
        self.audit_read(scope, Action::Read, RecordKind::Screening, &[id], outcome).await?;
        self.screening_from_row(scope, &row.ok_or(StoreError::NotFound)?)
    }

    /// The screening history of a person, newest first.
    pub async fn list_screenings(&self, scope: &Scope, person: PersonId) -> Result<Vec<ScreeningView>> {
        require(scope, Permission::ReadCase)?;
        let person_s = person.to_string();
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT s.*, k.wrapped, {}{} FROM screenings s JOIN persons p ON p.id = s.person_id \
             LEFT JOIN person_keys k ON k.person_id = s.person_id {} WHERE s.person_id = $1 AND {} ORDER BY s.started_at DESC",
            crate::integrity::select_cols(&crate::integrity::SCREENINGS, "s", "sv_"),
            reach.columns, reach.joins,
            reach.condition
        );
        let rows = reach.bind(sqlx::query(&sql).bind(&person_s)).fetch_all(&self.pool).await?;
        let list = rows.iter().map(|r| self.screening_from_row(scope, r)).collect::<Result<Vec<_>>>()?;
        let ids: Vec<String> = list.iter().map(|s| s.id.to_string()).collect();
        let refs = if ids.is_empty() { vec![person_s.as_str()] } else { ids.iter().map(String::as_str).collect() };
        self.audit_read(scope, Action::List, RecordKind::Screening, &refs, "ok").await?;
        Ok(list)
    }
}

/// Facts specific enough to link cases: a compound's name, a recruiter's
/// handle, an advertisement. Countries, provinces and platforms are shared by
/// thousands and would corroborate nothing.
const CORROBORATING: [haven_core::screening::FactKind; 5] = [
    haven_core::screening::FactKind::CompoundName,
    haven_core::screening::FactKind::PreviousCompound,
    haven_core::screening::FactKind::RecruiterHandle,
    haven_core::screening::FactKind::AdvertisementText,
    haven_core::screening::FactKind::AdvertisementUrl,
];

/// A fact's binding to the person, organisation and screening it came from,
/// under a key the database does not hold: a row copied in SQL under
/// another person's id fails it, and is not counted.
fn fact_binding(keys: &crate::crypto::Keys, person: &str, org: &str, screening: &str, token: &str) -> String {
    keys.tag("screening_fact", &format!("{person} {org}"), &format!("{screening} {token}"))
}

/// A fact row read with the columns `person_id`, `org_id`, `screening_id`,
/// `token` and `binding` (under `prefix`), as (token, person, screening)
/// if its binding holds. A row that fails it was written in SQL, not by
/// haven, and counts for nobody.
pub(crate) fn bound_fact(
    keys: &crate::crypto::Keys,
    r: &sqlx::any::AnyRow,
    prefix: &str,
) -> Result<Option<(String, String, String)>> {
    let col = |c: &str| r.try_get::<Option<String>, _>(format!("{prefix}{c}").as_str());
    let (Some(person), Some(org), Some(screening), Some(token)) =
        (col("person_id")?, col("org_id")?, col("screening_id")?, col("token")?)
    else {
        return Ok(None);
    };
    let expected = fact_binding(keys, &person, &org, &screening, &token);
    let ok = col("binding")?.is_some_and(|b| crate::crypto::ct_eq(b.as_bytes(), expected.as_bytes()));
    Ok(ok.then_some((token, person, screening)))
}

/// The people behind each token, among fact rows whose binding holds.
pub(crate) fn bound_people(
    keys: &crate::crypto::Keys,
    rows: &[sqlx::any::AnyRow],
    prefix: &str,
) -> Result<BTreeMap<String, std::collections::BTreeSet<String>>> {
    let mut out: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for r in rows {
        if let Some((token, person, _)) = bound_fact(keys, r, prefix)? {
            out.entry(token).or_default().insert(person);
        }
    }
    Ok(out)
}

impl Store {
    /// Binds the fact rows written before bindings existed, once: the
    /// migration that added the column asks for it. Only rows that agree
    /// with their screening (which is under its own MAC) and are of a kind
    /// haven writes are bound. The run is audited; a marker set back to
    /// "pending" after it (someone wanting forged rows bound) binds nothing
    /// and raises an integrity alarm instead (second insider review).
    pub(crate) async fn bind_facts_once(&self) -> Result<()> {
        if self.meta("fact_bindings").await?.as_deref() != Some("pending") {
            return Ok(());
        }
        let ctx = crate::audit::Context { actor: "system", purpose: "integrity", request_id: "" };
        let done_before = sqlx::query(
            "SELECT seq FROM audit_events WHERE action = 'row_write' AND record_kind = 'system' \
             AND record_id = 'screening_facts' LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?
        .is_some();
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE meta SET value = 'done' WHERE key = 'fact_bindings'").execute(&mut *tx).await?;
        if done_before {
            self.append_many(
                &mut tx,
                &ctx,
                Action::IntegrityAlarm,
                RecordKind::System,
                &["screening_facts"],
                "fact_bindings",
            )
            .await?;
            tx.commit().await?;
            tracing::error!("the fact-binding marker was reset after the one binding run: nothing was bound");
            return Ok(());
        }
        let sql = format!(
            "SELECT f.screening_id AS f_screening_id, f.person_id AS f_person_id, f.org_id AS f_org_id, \
             f.kind AS f_kind, f.token AS f_token, {} FROM screening_facts f JOIN screenings t ON t.id = f.screening_id \
             WHERE f.binding IS NULL AND t.person_id = f.person_id AND t.org_id = f.org_id",
            crate::integrity::select_cols(&crate::integrity::SCREENINGS, "t", "")
        );
        let rows = sqlx::query(&sql).fetch_all(&mut *tx).await?;
        let kinds: Vec<&str> = CORROBORATING.iter().map(|k| k.as_str()).collect();
        let mut bound = 0;
        for r in &rows {
            let (screening, person, org, kind, token): (String, String, String, String, String) = (
                r.try_get("f_screening_id")?,
                r.try_get("f_person_id")?,
                r.try_get("f_org_id")?,
                r.try_get("f_kind")?,
                r.try_get("f_token")?,
            );
            if !kinds.contains(&kind.as_str())
                || !crate::integrity::row_ok(self.keys(), &crate::integrity::SCREENINGS, r, "")?
            {
                continue;
            }
            sqlx::query("UPDATE screening_facts SET binding = $1 WHERE screening_id = $2 AND kind = $3 AND token = $4")
                .bind(fact_binding(self.keys(), &person, &org, &screening, &token))
                .bind(&screening)
                .bind(&kind)
                .bind(&token)
                .execute(&mut *tx)
                .await?;
            bound += 1;
        }
        let outcome = format!("bound {bound}");
        self.append_many(&mut tx, &ctx, Action::RowWrite, RecordKind::System, &["screening_facts"], &outcome).await?;
        tx.commit().await?;
        Ok(())
    }

    /// R08: how many other people of the organisation named the same
    /// compound, recruiter or advertisement. A count only: which cases they
    /// are is not revealed here, whatever the reader's reach.
    pub async fn corroboration_count(&self, scope: &Scope, screening: ScreeningId) -> Result<i64> {
        require(scope, Permission::ReadCase)?;
        let screening: &str = &screening.to_string();
        let row = self.screening_row(&self.pool, scope, screening).await?.ok_or(StoreError::NotFound)?;
        let person: String = row.try_get("person_id")?;
        // Both sides' rows must be haven's own: a fact forged into this
        // screening, or another person's copied in SQL, corroborates nothing.
        let rows = sqlx::query(
            "SELECT mine.person_id AS m_person_id, mine.org_id AS m_org_id, mine.screening_id AS m_screening_id, \
             mine.token AS m_token, mine.binding AS m_binding, other.person_id AS o_person_id, \
             other.org_id AS o_org_id, other.screening_id AS o_screening_id, other.token AS o_token, \
             other.binding AS o_binding FROM screening_facts mine \
             JOIN screening_facts other ON other.org_id = mine.org_id AND other.token = mine.token \
             WHERE mine.screening_id = $1 AND other.person_id <> $2",
        )
        .bind(screening)
        .bind(&person)
        .fetch_all(&self.pool)
        .await?;
        let mine = bound_people(self.keys(), &rows, "m_")?;
        let others = bound_people(self.keys(), &rows, "o_")?;
        let people: std::collections::BTreeSet<&String> =
            others.iter().filter(|(token, _)| mine.contains_key(*token)).flat_map(|(_, p)| p).collect();
        Ok(people.len() as i64)
    }
}

/// A signed conclusive decision.
#[derive(Debug, Clone)]
pub struct DecisionView {
    pub id: DecisionId,
    pub conclusion: String,
    /// `None` when the reader may not see the narrative.
    pub reasons: Option<String>,
    pub decided_by: UserId,
    pub decided_by_name: String,
    pub decided_at_ms: i64,
    pub supersedes: Option<DecisionId>,
}

impl Store {
    /// Records a conclusive decision on a completed screening, no earlier
    /// than `earliest` (the end of the reflection period). A later decision
    /// on the same screening is a reconsideration and supersedes it.
    pub async fn record_decision(
        &self,
        scope: &Scope,
        screening: ScreeningId,
        conclusion: haven_core::screening::decision::Conclusion,
        reasons: &haven_core::screening::decision::Reasons,
        reflection_days: u32,
    ) -> Result<DecisionId> {
        require(scope, Permission::DecideConclusively)?;
        let screening: &str = &screening.to_string();
        let mut tx = self.begin().await?;
        let row = self.screening_row(&mut *tx, scope, screening).await?.ok_or(StoreError::NotFound)?;
        let view = self.screening_from_row(scope, &row)?;
        let completed_ms = view.completed_at_ms.ok_or_else(|| {
            StoreError::Conflict("the screening must be completed before a conclusive decision".into())
        })?;
        let completed = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(completed_ms) * 1_000_000)
            .map_err(|_| StoreError::Conflict("invalid completion time".into()))?
            .date();
        let earliest = haven_core::screening::decision::earliest_decision(completed, reflection_days);
        if crate::today() < earliest {
            return Err(StoreError::Conflict(format!(
                "the recovery and reflection period runs until {}; a conclusive decision comes after it",
                haven_core::person::format_date(earliest)
            )));
        }
        let person = view.person_id.to_string();
        let dek = self.person_key_for_write(&mut tx, scope, &person).await?;
        let previous: Option<String> =
            sqlx::query("SELECT id FROM decisions WHERE screening_id = $1 ORDER BY decided_at DESC LIMIT 1")
                .bind(screening)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("id"))
                .transpose()?;
        let typed = DecisionId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        sqlx::query(
            "INSERT INTO decisions (id, screening_id, person_id, org_id, conclusion, reasons, decided_by, decided_at, supersedes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(screening)
        .bind(&person)
        .bind(scope.org().to_string())
        .bind(dek.seal_hex(&id, "conclusion", conclusion.as_str())?)
        .bind(dek.seal(&id, "reasons", reasons.as_str())?)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .bind(previous)
        .execute(&mut *tx)
        .await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Screening, &id, "decided").await?;
        tx.commit().await?;
        Ok(typed)
    }

    pub async fn list_decisions(&self, scope: &Scope, screening: ScreeningId) -> Result<Vec<DecisionView>> {
        require(scope, Permission::ReadCase)?;
        let screening: &str = &screening.to_string();
        let row = self.screening_row(&self.pool, scope, screening).await?.ok_or(StoreError::NotFound)?;
        let view = self.screening_from_row(scope, &row)?;
        let person = view.person_id.to_string();
        let key = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.map(|w| self.keys().unwrap(&person, &w)).transpose()?;
        let dek = if view.answers.is_some() { key.as_ref() } else { None };
        let rows = sqlx::query(
            "SELECT d.*, u.username FROM decisions d JOIN users u ON u.id = d.decided_by \
             WHERE d.screening_id = $1 ORDER BY d.decided_at DESC",
        )
        .bind(screening)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id")?;
            let reasons = match (dek, r.try_get::<Option<Vec<u8>>, _>("reasons")?) {
                (Some(k), Some(ct)) => Some(k.open(&id, "reasons", &ct)?),
                _ => None,
            };
            let conclusion = match &key {
                Some(k) => k.open_hex(&id, "conclusion", &r.try_get::<String, _>("conclusion")?)?,
                None => String::new(),
            };
            let by: String = r.try_get("decided_by")?;
            out.push(DecisionView {
                conclusion,
                reasons,
                decided_by: by.parse()?,
                decided_by_name: r.try_get("username")?,
                decided_at_ms: r.try_get("decided_at")?,
                supersedes: r.try_get::<Option<String>, _>("supersedes")?.map(|s| s.parse()).transpose()?,
                id: id.parse()?,
            });
        }
        self.audit_read(scope, Action::List, RecordKind::Screening, &[screening], "decisions").await?;
        Ok(out)
    }
}

impl Store {
    /// The facts the task list is computed from: people in reach who are
    /// detained or have been screened, with their screenings.
    pub async fn task_facts(&self, scope: &Scope) -> Result<Vec<haven_core::tasks::PersonFacts>> {
        require(scope, Permission::ReadCase)?;
        let reach = ReachSql::persons(scope, 1);
        let sql = format!(
            "SELECT p.id, p.location, p.full_name, p.birth, k.wrapped{} FROM persons p JOIN person_keys k ON k.person_id = p.id \
             {} WHERE {} AND p.erased_at IS NULL AND (p.location IN ($4, $5) \
             OR EXISTS (SELECT 1 FROM screenings s WHERE s.person_id = p.id) \
             OR EXISTS (SELECT 1 FROM protection_records r WHERE r.person_id = p.id AND r.kind = $6) \
             OR EXISTS (SELECT 1 FROM referrals f WHERE f.person_id = p.id AND f.status = 'sent')) \
             ORDER BY p.updated_at DESC LIMIT 500",
            reach.columns, reach.joins, reach.condition
        );
        // Where people are and which steps were taken are keyed tags (see
        // `integrity::tags`): the query compares the organisation's tags.
        let org = scope.org().to_string();
        use crate::integrity::tags;
        let rows = reach
            .bind(sqlx::query(&sql))
            .bind(self.tag(tags::LOCATION, &org, "immigration_detention"))
            .bind(self.tag(tags::LOCATION, &org, "police_custody"))
            .bind(self.tag(tags::PROTECTION_KIND, &org, "return_plan"))
            .fetch_all(&self.pool)
            .await?;
        let today = crate::today();
        let to_date = |ms: i64| {
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
                .map(|t| t.date())
                .unwrap_or(today)
        };
        let mut people = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id")?;
            let wrapped: Vec<u8> = r.try_get("wrapped")?;
            let dek = self.keys().unwrap(&id, &wrapped)?;
            let name = match r.try_get::<Option<Vec<u8>>, _>("full_name")? {
                Some(ct) => dek.open(&id, "full_name", &ct)?,
                None => String::new(),
            };
            let birth = match r.try_get::<Option<Vec<u8>>, _>("birth")? {
                Some(ct) => haven_core::person::Birth::decode(&dek.open(&id, "birth", &ct)?),
                None => None,
            };
            let detained = crate::persons::read_location(self.keys(), r)?.is_detention();
            // The person's evidence (organisation, creator, where they are)
            // must be as haven wrote it before anything is raised from it.
            row_categories(self, scope, r)?;
            let srows = sqlx::query(&format!(
                "SELECT {}, s.started_at, s.completed_at, s.follow_ups, \
                 CAST(CASE WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.screening_id = s.id) THEN 1 ELSE 0 END AS BIGINT) AS decided \
                 FROM screenings s WHERE s.person_id = $1 ORDER BY s.started_at DESC LIMIT 20",
                crate::integrity::select_cols(&crate::integrity::SCREENINGS, "s", "")
            ))
            .bind(&id)
            .fetch_all(&self.pool)
            .await?;
            let mut screenings = Vec::with_capacity(srows.len());
            for s in &srows {
                self.check_row(&crate::integrity::SCREENINGS, s, "").await?;
                let sid: String = s.try_get("id")?;
                let follow_ups = match s.try_get::<Option<Vec<u8>>, _>("follow_ups")? {
                    Some(ct) => dek
                        .open(&sid, "follow_ups", &ct)?
                        .split(' ')
                        .filter_map(haven_core::tasks::TaskKind::parse)
                        .collect(),
                    None => Vec::new(),
                };
                let status: String = s.try_get("status")?;
                let outcome = match s.try_get::<Option<String>, _>("outcome")? {
                    Some(t) => Some(self.untag(tags::OUTCOME, &org, &t, tags::OUTCOMES)?),
                    None => None,
                };
                screenings.push(haven_core::tasks::ScreeningFacts {
                    id: s.try_get("id")?,
                    completed: status == "completed",
                    reasonable_grounds: outcome == Some("reasonable_grounds"),
                    started: to_date(s.try_get("started_at")?),
                    completed_on: s.try_get::<Option<i64>, _>("completed_at")?.map(to_date),
                    has_decision: s.try_get::<i64, _>("decided")? != 0,
                    follow_ups,
                });
            }
            let plans = sqlx::query(&format!(
                "SELECT {}, t.due_dates FROM protection_records t WHERE t.person_id = $1 AND t.kind = $2",
                crate::integrity::select_cols(&crate::integrity::PROTECTION_RECORDS, "t", "")
            ))
            .bind(&id)
            .bind(self.tag(tags::PROTECTION_KIND, &org, "return_plan"))
            .fetch_all(&self.pool)
            .await?;
            let mut return_follow_ups = Vec::new();
            for p in &plans {
                self.check_row(&crate::integrity::PROTECTION_RECORDS, p, "").await?;
                let dates =
                    dek.open_hex(&p.try_get::<String, _>("id")?, "due_dates", &p.try_get::<String, _>("due_dates")?)?;
                return_follow_ups.extend(dates.split(' ').filter_map(haven_core::person::parse_date));
            }
            // A guardian appointed or a return risk assessed closes the
            // task a screening raised for it.
            let done_rows = sqlx::query(&format!(
                "SELECT {} FROM protection_records t WHERE t.person_id = $1 AND t.kind IN ($2, $3)",
                crate::integrity::select_cols(&crate::integrity::PROTECTION_RECORDS, "t", "")
            ))
            .bind(&id)
            .bind(self.tag(tags::PROTECTION_KIND, &org, "guardian"))
            .bind(self.tag(tags::PROTECTION_KIND, &org, "return_risk"))
            .fetch_all(&self.pool)
            .await?;
            let mut protection_done = Vec::new();
            for p in &done_rows {
                self.check_row(&crate::integrity::PROTECTION_RECORDS, p, "").await?;
                let kind = self.untag(
                    tags::PROTECTION_KIND,
                    &org,
                    &p.try_get::<String, _>("kind")?,
                    &["guardian", "return_risk"],
                )?;
                protection_done.extend(haven_core::protection::Kind::parse(kind).ok());
            }
            let referral_responses_due = self.referral_due_dates(scope, &id).await?;
            people.push(haven_core::tasks::PersonFacts {
                protection_done,
                person_id: id,
                name,
                detained,
                may_be_child: birth.is_none_or(|b| b.may_be_child(today)),
                screenings,
                return_follow_ups,
                referral_responses_due,
            });
        }
        let ids: Vec<&str> = people.iter().map(|p| p.person_id.as_str()).collect();
        let refs = if ids.is_empty() { vec![""] } else { ids };
        self.audit_read(scope, Action::List, RecordKind::Person, &refs, "tasks").await?;
        Ok(people)
    }
}
