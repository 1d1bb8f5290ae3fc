//! Person records: sealed fields, blind-indexed names, erasure.

use haven_core::access::{Categories, Category, Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{PersonId, UserId};
use haven_core::names;
use haven_core::person::{
    AgeBand, Birth, Country, FieldChange, LocationType, PersonField, PersonInput, PersonRecord, SexGroup,
};
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use crate::WriteTx;

use crate::audit::Context;
use crate::crypto::DataKey;
use crate::reach::{row_categories, ReachSql};
use crate::{new_id_bytes, now_ms, require, today, Backend, Result, Store, StoreError};

/// A search word matching more people than this is too common to drive a
/// search; results are then drawn from the first this many matches.
const MAX_CANDIDATES: i64 = 2_000;

/// The first, cheap count of each search word's matches: enough to find the
/// rarest word whenever one word is rarer than this.
const FIRST_COUNT: i64 = 101;

/// The sealed columns, in one place so create, update and erase agree.
const SEALED: [&str; 9] =
    ["full_name", "other_names", "latin_name", "sex", "birth", "nationalities", "languages", "contact", "notes"];

#[derive(Debug, Clone)]
pub enum PersonState {
    Active(PersonRecord),
    Erased { erased_at_ms: i64 },
}

#[derive(Debug, Clone)]
pub struct PersonView {
    pub id: PersonId,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub state: PersonState,
    /// Categories this reader may not see; their fields are left empty and
    /// were never decrypted.
    pub withheld: Categories,
}

/// Filters over sealed fields (nationality, sex, age) open each candidate;
/// past this many candidates the list asks to be narrowed by a filter SQL
/// can apply first (dates, location, worker, outcome).
pub const MAX_FILTER_SCAN: usize = 20_000;

/// What a list of people is narrowed and ordered by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFilter {
    pub location: Option<LocationType>,
    pub oldest_first: bool,
    pub nationality: Option<Country>,
    pub sex: Option<SexGroup>,
    pub age: Option<AgeBand>,
    pub outcome: Option<OutcomeFilter>,
    pub worker: Option<WorkerFilter>,
    pub case: Option<CaseFilter>,
    /// First recorded on or after this day (UTC).
    pub added_from: Option<time::Date>,
    /// First recorded on or before this day (UTC).
    pub added_to: Option<time::Date>,
}

impl PersonFilter {
    /// The filter as the audit event of a list records it (R27): narrowing
    /// a list by a sealed field learns something of everyone it leaves out,
    /// so an auditor sees what was asked, not only who was shown.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = self.location {
            parts.push(format!("location={}", l.as_str()));
        }
        if let Some(n) = &self.nationality {
            parts.push(format!("nationality={}", n.as_str()));
        }
        if let Some(g) = self.sex {
            parts.push(format!("sex={}", g.as_str()));
        }
        if let Some(b) = self.age {
            parts.push(format!("age={}", b.as_str()));
        }
        if let Some(o) = self.outcome {
            parts.push(format!("outcome={}", o.as_str()));
        }
        if let Some(c) = self.case {
            parts.push(format!("case={}", c.as_str()));
        }
        match self.worker {
            Some(WorkerFilter::Assigned(u)) => parts.push(format!("worker={u}")),
            Some(WorkerFilter::Nobody) => parts.push("worker=nobody".to_owned()),
            None => {}
        }
        if let Some(d) = self.added_from {
            parts.push(format!("added_from={}", haven_core::person::format_date(d)));
        }
        if let Some(d) = self.added_to {
            parts.push(format!("added_to={}", haven_core::person::format_date(d)));
        }
        if parts.is_empty() {
            "ok".to_owned()
        } else {
            format!("ok filtered {}", parts.join(" "))
        }
    }

    /// Whether the filter reads sealed fields, so each candidate is opened.
    fn opens_records(&self) -> bool {
        self.nationality.is_some() || self.sex.is_some() || self.age.is_some()
    }
}

/// The result of a person's latest completed screening here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeFilter {
    Latest(&'static str),
    NotScreened,
}

impl OutcomeFilter {
    pub fn parse(s: &str) -> std::result::Result<Self, haven_core::ValidationError> {
        let s = s.trim();
        if s == "not_screened" {
            return Ok(OutcomeFilter::NotScreened);
        }
        crate::integrity::tags::OUTCOMES.iter().find(|o| **o == s).map(|o| OutcomeFilter::Latest(o)).ok_or(
            haven_core::ValidationError::new(
                "outcome",
                "invalid_outcome_filter",
                "choose reasonable_grounds, not_yet_determined, vulnerable_migrant or not_screened",
            ),
        )
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            OutcomeFilter::Latest(o) => o,
            OutcomeFilter::NotScreened => "not_screened",
        }
    }
}

/// Whether the person has a case here, and whether it is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseFilter {
    /// At least one case here that is not closed.
    Open,
    /// Cases here, all of them closed.
    Closed,
    /// No case here at all.
    None,
}

impl CaseFilter {
    pub const ALL: [CaseFilter; 3] = [CaseFilter::Open, CaseFilter::Closed, CaseFilter::None];

    pub fn as_str(&self) -> &'static str {
        match self {
            CaseFilter::Open => "open",
            CaseFilter::Closed => "closed",
            CaseFilter::None => "none",
        }
    }

    pub fn parse(s: &str) -> std::result::Result<Self, haven_core::ValidationError> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s.trim()).ok_or(haven_core::ValidationError::new(
            "case",
            "invalid_case_filter",
            "choose open, closed or none",
        ))
    }
}

/// Whose open case the person is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerFilter {
    Assigned(UserId),
    /// No open case here is assigned to anyone.
    Nobody,
}

#[derive(Debug, Clone)]
pub struct PersonSummary {
    pub id: PersonId,
    pub full_name: String,
    pub latin_name: Option<String>,
    pub location: LocationType,
    /// Whether this reader may see the location (R17); when not, the
    /// location reads as unknown.
    pub location_shown: bool,
    pub created_at_ms: i64,
    /// Under 18, or may be: listed apart (R02, R20).
    pub may_be_child: bool,
}

/// 1-based page number and page size (1–100).
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub number: u32,
    pub size: u32,
}

impl Page {
    pub fn new(number: u32, size: u32) -> Self {
        Self { number: number.max(1), size: size.clamp(1, 100) }
    }
    fn offset(&self) -> i64 {
        i64::from(self.number - 1) * i64::from(self.size)
    }
}

enum FilterBind {
    Text(String),
    Int(i64),
}

fn day_start_ms(d: time::Date) -> i64 {
    d.midnight().assume_utc().unix_timestamp() * 1000
}

pub struct Listing<T> {
    pub items: Vec<T>,
    pub has_more: bool,
}

/// One change to a person's record, as the history shows it.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub changed_at_ms: i64,
    pub changed_by: String,
    pub change: FieldChange,
}

struct Sealed {
    cols: Vec<Option<Vec<u8>>>,
}

fn seal_person(dek: &DataKey, id: &str, r: &PersonRecord) -> Result<Sealed> {
    let other = r.other_names.iter().map(|n| n.as_str()).collect::<Vec<_>>().join("\n");
    let nats = r.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
    let langs = r.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(",");
    let values: [Option<String>; 9] = [
        Some(r.full_name.as_str().to_owned()),
        (!other.is_empty()).then_some(other),
        r.latin_name.as_ref().map(|n| n.as_str().to_owned()),
        r.sex.clone(),
        Some(r.birth.encode()),
        (!nats.is_empty()).then_some(nats),
        (!langs.is_empty()).then_some(langs),
        r.contact.clone(),
        r.notes.clone(),
    ];
    let mut cols = Vec::with_capacity(9);
    for (field, v) in SEALED.iter().zip(values) {
        cols.push(match v {
            Some(v) => Some(dek.seal(id, field, &v)?),
            None => None,
        });
    }
    Ok(Sealed { cols })
}

fn open_field(dek: &DataKey, id: &str, row: &AnyRow, field: &str) -> Result<Option<String>> {
    let v: Option<Vec<u8>> = row.try_get(field)?;
    v.map(|ct| dek.open(id, field, &ct)).transpose()
}

fn split(s: Option<String>, sep: char) -> Vec<String> {
    s.map(|s| s.split(sep).map(str::to_owned).collect()).unwrap_or_default()
}

/// Where a person is, from its keyed tag (the row must carry `org_id` or,
/// from a reach query, `rp_org_id`).
pub(crate) fn read_location(keys: &crate::crypto::Keys, row: &AnyRow) -> Result<LocationType> {
    let org: String = match row.try_get("org_id") {
        Ok(o) => o,
        Err(_) => row.try_get("rp_org_id")?,
    };
    let stored: String = row.try_get("location")?;
    let codes = Store::location_codes();
    let code = crate::integrity::untag(keys, crate::integrity::tags::LOCATION, &org, &stored, &codes)?;
    Ok(LocationType::parse(code)?)
}

/// Opens a person's fields, leaving closed every field whose category the
/// reader may not see. Identity is the floor: without it nothing is opened.
pub(crate) fn open_person(
    keys: &crate::crypto::Keys,
    dek: &DataKey,
    id: &str,
    row: &AnyRow,
    allowed: Categories,
) -> Result<PersonRecord> {
    if !allowed.contains(Category::Identity) {
        return Err(StoreError::Denied);
    }
    let contact_ok = allowed.contains(Category::ContactLocation);
    let narrative_ok = allowed.contains(Category::Narrative);
    let birth = open_field(dek, id, row, "birth")?.and_then(|b| Birth::decode(&b)).unwrap_or(Birth::Unknown);
    let (date_of_birth, estimated_age, age_uncertain) = match birth {
        Birth::Unknown => (None, None, false),
        Birth::DateOfBirth(d) => (Some(haven_core::person::format_date(d)), None, false),
        Birth::Estimated { years, uncertain } => (None, Some(u16::from(years)), uncertain),
    };
    let location = if contact_ok { read_location(keys, row)?.as_str().to_owned() } else { "unknown".to_owned() };
    let input = PersonInput {
        full_name: open_field(dek, id, row, "full_name")?.unwrap_or_default(),
        other_names: split(open_field(dek, id, row, "other_names")?, '\n'),
        latin_name: open_field(dek, id, row, "latin_name")?,
        sex: open_field(dek, id, row, "sex")?,
        date_of_birth,
        estimated_age,
        age_uncertain,
        nationalities: split(open_field(dek, id, row, "nationalities")?, ','),
        languages: split(open_field(dek, id, row, "languages")?, ','),
        contact: if contact_ok { open_field(dek, id, row, "contact")? } else { None },
        location: Some(location),
        notes: if narrative_ok { open_field(dek, id, row, "notes")? } else { None },
    };
    // Stored values were valid when written; parsing again keeps one code
    // path from raw values to a record.
    Ok(PersonRecord::parse(&input, today())?)
}

impl Store {
    fn index_tokens(&self, record: &PersonRecord) -> Vec<String> {
        let mut keys: Vec<String> = record.all_names().flat_map(names::index_keys).collect();
        keys.sort();
        keys.dedup();
        keys.iter().map(|k| self.keys().blind_index(k)).collect()
    }

    async fn write_index(&self, tx: &mut WriteTx, id: &str, record: &PersonRecord) -> Result<()> {
        for token in self.index_tokens(record) {
            sqlx::query("INSERT INTO person_name_index (token, person_id) VALUES ($1, $2)")
                .bind(token)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    pub async fn create_person(&self, scope: &Scope, record: &PersonRecord) -> Result<PersonId> {
        self.create_persons_bulk(scope, std::slice::from_ref(record))
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)
    }

    /// Creates many people in one transaction (imports, benchmarks), each
    /// sealed under its own key with its own audit event.
    pub async fn create_persons_bulk(&self, scope: &Scope, records: &[PersonRecord]) -> Result<Vec<PersonId>> {
        let mut tx = self.begin().await?;
        let ids = self.insert_persons(&mut tx, scope, records).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Inserts people inside the caller's transaction (an accepted transfer
    /// creates the person and the case in one).
    pub(crate) async fn insert_persons(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        records: &[PersonRecord],
    ) -> Result<Vec<PersonId>> {
        require(scope, Permission::WritePerson)?;
        let now = now_ms();
        let ids: Vec<PersonId> = records.iter().map(|_| PersonId::from_random_bytes(new_id_bytes())).collect();
        let id_strings: Vec<String> = ids.iter().map(PersonId::to_string).collect();
        let refs: Vec<&str> = id_strings.iter().map(String::as_str).collect();
        // One batch of row_write events first, so each row is inserted with
        // its row_seq and MAC in one statement.
        let seqs = self.row_writes(tx, &crate::integrity::PERSONS, &refs).await?;
        for ((record, id_s), seq) in records.iter().zip(&id_strings).zip(&seqs) {
            let location =
                self.tag(crate::integrity::tags::LOCATION, &scope.org().to_string(), record.location.as_str());
            let dek = DataKey::generate();
            let wrapped = self.keys().wrap(id_s, &dek)?;
            let sealed = seal_person(&dek, id_s, record)?;
            let mut q = sqlx::query(
                "INSERT INTO persons (id, org_id, location, created_at, updated_at, full_name, other_names, latin_name, sex, birth, nationalities, languages, contact, notes, created_by, row_mac, row_seq) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
            )
            .bind(id_s)
            .bind(scope.org().to_string())
            .bind(&location)
            .bind(now)
            .bind(now);
            for c in sealed.cols {
                q = q.bind(c);
            }
            // The MAC over the columns that decide who reaches the person
            // (see `integrity::PERSONS`), computed here rather than with a
            // second statement per person, since imports create thousands.
            // In the column order of `integrity::PERSONS`, then row_seq.
            let mac = self
                .keys()
                .row_mac("persons", id_s)
                .text(Some(&scope.org().to_string()))
                .text(Some(&scope.actor().to_string()))
                .text(Some(&location))
                .int(Some(*seq))
                .finish();
            q.bind(scope.actor().to_string()).bind(mac).bind(*seq).execute(&mut **tx).await?;
            sqlx::query("INSERT INTO person_keys (person_id, wrapped) VALUES ($1, $2)")
                .bind(id_s)
                .bind(wrapped)
                .execute(&mut **tx)
                .await?;
            self.write_index(tx, id_s, record).await?;
        }
        self.append_many_scoped(tx, scope, Action::Create, RecordKind::Person, &refs).await?;
        Ok(ids)
    }

    /// Reads one person. Not-found reads are audited too.
    pub async fn get_person(&self, scope: &Scope, id: PersonId) -> Result<PersonView> {
        require(scope, Permission::ReadPerson)?;
        let id_s = id.to_string();
        let row = self.fetch_person_row(&self.pool, scope, &id_s).await?;
        let Some(row) = row else {
            self.audit_read(scope, Action::Read, RecordKind::Person, &[&id_s], "not_found").await?;
            return Err(StoreError::NotFound);
        };
        self.audit_read(scope, Action::Read, RecordKind::Person, &[&id_s], "ok").await?;
        self.view_from_row(scope, id, &id_s, &row)
    }

    pub(crate) async fn fetch_person_row<'e, E>(&self, exec: E, scope: &Scope, id: &str) -> Result<Option<AnyRow>>
    where
        E: sqlx::Executor<'e, Database = Any>,
    {
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.*, k.wrapped{} FROM persons p LEFT JOIN person_keys k ON k.person_id = p.id \
             {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let row = reach.bind(sqlx::query(&sql).bind(id)).fetch_optional(exec).await?;
        if row.is_none() {
            // Out of reach, or moved out of it in SQL: the latter raises its
            // alarm here rather than only leaving the person unseen.
            let sql = format!(
                "SELECT {} FROM persons t WHERE t.id = $1",
                crate::integrity::select_cols(&crate::integrity::PERSONS, "t", "")
            );
            if let Some(r) = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await? {
                self.check_row(&crate::integrity::PERSONS, &r, "").await?;
            }
        }
        Ok(row)
    }

    pub(crate) fn view_from_row(&self, scope: &Scope, id: PersonId, id_s: &str, row: &AnyRow) -> Result<PersonView> {
        let allowed = row_categories(self, scope, row)?.ok_or(StoreError::NotFound)?;
        let created_at_ms: i64 = row.try_get("created_at")?;
        let updated_at_ms: i64 = row.try_get("updated_at")?;
        let erased_at: Option<i64> = row.try_get("erased_at")?;
        let wrapped: Option<Vec<u8>> = row.try_get("wrapped")?;
        let state = match (erased_at, wrapped) {
            (None, Some(w)) => {
                let opened =
                    self.keys().unwrap(id_s, &w).and_then(|dek| open_person(self.keys(), &dek, id_s, row, allowed));
                match opened {
                    Ok(person) => PersonState::Active(person),
                    // A field that fails authenticated decryption under the
                    // right key was altered or swapped in SQL.
                    Err(StoreError::Crypto) => return Err(self.raise_alarm(RecordKind::Person, id_s, "persons")),
                    Err(e) => return Err(e),
                }
            }
            (Some(at), _) => PersonState::Erased { erased_at_ms: at },
            // Erasure always records its date; a key deleted without it is
            // someone destroying a survivor's record in SQL (issue 10, F9).
            (None, None) => return Err(self.raise_alarm(RecordKind::Person, id_s, "person_keys")),
        };
        Ok(PersonView { id, created_at_ms, updated_at_ms, state, withheld: Categories::ALL.without(allowed) })
    }

    /// Reads, changes and rewrites a person in one transaction, so two
    /// concurrent edits cannot silently lose each other's fields.
    pub async fn update_person(
        &self,
        scope: &Scope,
        id: PersonId,
        change: impl FnOnce(&PersonRecord) -> Result<PersonRecord>,
    ) -> Result<PersonView> {
        require(scope, Permission::WritePerson)?;
        let mut tx = self.begin().await?;
        match self.update_person_in(&mut tx, scope, id, change).await {
            // The refused read is audited; that event is kept.
            Err(StoreError::NotFound) => {
                tx.commit().await?;
                Err(StoreError::NotFound)
            }
            Err(e) => Err(e),
            Ok(view) => {
                tx.commit().await?;
                Ok(view)
            }
        }
    }

    /// A person's row and whole record, with when it was made and last
    /// changed, for one who sees all of it. Changing a record (an edit, a
    /// merge) from part of it would erase or move what the writer cannot
    /// see (R17), so a reader to whom any category is withheld is refused.
    /// Not found is audited in the caller's transaction.
    pub(crate) async fn whole_record(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        id: PersonId,
    ) -> Result<(AnyRow, PersonRecord, i64, i64)> {
        let id_s = id.to_string();
        let Some(row) = self.fetch_person_row(&mut **tx, scope, &id_s).await? else {
            self.append_scoped(tx, scope, Action::Update, RecordKind::Person, &id_s, "not_found").await?;
            return Err(StoreError::NotFound);
        };
        let view = self.view_from_row(scope, id, &id_s, &row)?;
        if !view.withheld.is_empty() {
            return Err(StoreError::Denied);
        }
        match view.state {
            PersonState::Active(r) => Ok((row, r, view.created_at_ms, view.updated_at_ms)),
            PersonState::Erased { .. } => Err(StoreError::Erased),
        }
    }

    /// [`Store::update_person`] inside the caller's transaction.
    pub(crate) async fn update_person_in(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        id: PersonId,
        change: impl FnOnce(&PersonRecord) -> Result<PersonRecord>,
    ) -> Result<PersonView> {
        let id_s = id.to_string();
        let (row, current, created_at_ms, _) = self.whole_record(tx, scope, id).await?;
        let updated = change(&current)?;
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        let dek = self.keys().unwrap(&id_s, &wrapped)?;
        let sealed = seal_person(&dek, &id_s, &updated)?;
        let now = now_ms();
        for c in haven_core::person::changes(&current, &updated) {
            self.insert_history(tx, scope, &dek, &id_s, now, &c).await?;
        }
        let mut q = sqlx::query(
            "UPDATE persons SET location = $1, updated_at = $2, full_name = $3, other_names = $4, latin_name = $5, sex = $6, \
             birth = $7, nationalities = $8, languages = $9, contact = $10, notes = $11 WHERE id = $12",
        )
        .bind(self.tag(crate::integrity::tags::LOCATION, &scope.org().to_string(), updated.location.as_str()))
        .bind(now);
        for c in sealed.cols {
            q = q.bind(c);
        }
        q.bind(&id_s).execute(&mut **tx).await?;
        self.seal_row(tx, &crate::integrity::PERSONS, &id_s).await?;
        sqlx::query("DELETE FROM person_name_index WHERE person_id = $1").bind(&id_s).execute(&mut **tx).await?;
        self.write_index(tx, &id_s, &updated).await?;
        self.append_scoped(tx, scope, Action::Update, RecordKind::Person, &id_s, "ok").await?;
        Ok(PersonView {
            id,
            created_at_ms,
            updated_at_ms: now,
            state: PersonState::Active(updated),
            withheld: Categories::NONE,
        })
    }

    /// Records one changed field, sealed under the person's key (the field
    /// too: that a location changed says someone moved).
    async fn insert_history(
        &self,
        tx: &mut WriteTx,
        scope: &Scope,
        dek: &DataKey,
        person: &str,
        at_ms: i64,
        c: &FieldChange,
    ) -> Result<()> {
        let id = crate::access::uuid_string();
        sqlx::query(
            "INSERT INTO person_history (id, person_id, changed_by, changed_at, field, old_value, new_value) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(person)
        .bind(scope.actor().to_string())
        .bind(at_ms)
        .bind(dek.seal(&id, "field", c.field.as_str())?)
        .bind(dek.seal(&id, "old_value", &c.old)?)
        .bind(dek.seal(&id, "new_value", &c.new)?)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &crate::integrity::PERSON_HISTORY, &id).await
    }

    /// A person's field history, oldest first. Only a reader who sees the
    /// whole record reads it: old values of a withheld field (where the
    /// person was held, their contact) would otherwise leak through it
    /// (R17). The read is audited like the record's.
    pub async fn person_history(&self, scope: &Scope, id: PersonId) -> Result<Vec<HistoryEntry>> {
        require(scope, Permission::ReadPerson)?;
        let id_s = id.to_string();
        let Some(row) = self.fetch_person_row(&self.pool, scope, &id_s).await? else {
            self.audit_read(scope, Action::Read, RecordKind::Person, &[&id_s], "not_found").await?;
            return Err(StoreError::NotFound);
        };
        let view = self.view_from_row(scope, id, &id_s, &row)?;
        if !view.withheld.is_empty() {
            self.audit_read(scope, Action::Read, RecordKind::Person, &[&id_s], "denied").await?;
            return Err(StoreError::Denied);
        }
        self.audit_read(scope, Action::Read, RecordKind::Person, &[&id_s], "ok").await?;
        let PersonState::Active(_) = view.state else {
            return Ok(Vec::new());
        };
        let wrapped: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("wrapped")?.ok_or(StoreError::Erased)?;
        let dek = self.keys().unwrap(&id_s, &wrapped)?;
        let sql = format!(
            "SELECT {}, t.field, t.old_value, t.new_value FROM person_history t WHERE t.person_id = $1 \
             ORDER BY t.changed_at, t.row_seq",
            crate::integrity::select_cols(&crate::integrity::PERSON_HISTORY, "t", "")
        );
        let mut out = Vec::new();
        for r in sqlx::query(&sql).bind(&id_s).fetch_all(&self.pool).await? {
            self.check_row(&crate::integrity::PERSON_HISTORY, &r, "").await?;
            let hid: String = r.try_get("id")?;
            let open = |col: &str| -> Result<String> {
                let ct: Vec<u8> = r.try_get::<Option<Vec<u8>>, _>(col)?.ok_or(StoreError::Crypto)?;
                dek.open(&hid, col, &ct)
            };
            let opened = open("field").and_then(|f| {
                let field = PersonField::parse(&f).ok_or(StoreError::Crypto)?;
                Ok(FieldChange { field, old: open("old_value")?, new: open("new_value")? })
            });
            let change = match opened {
                Ok(c) => c,
                // Sealed under this person's key with this row's id: a value
                // that does not open was swapped or altered in SQL.
                Err(StoreError::Crypto) => {
                    return Err(self.raise_alarm(RecordKind::Person, &hid, "person_history"));
                }
                Err(e) => return Err(e),
            };
            out.push(HistoryEntry {
                changed_at_ms: r.try_get("changed_at")?,
                changed_by: r.try_get("changed_by")?,
                change,
            });
        }
        Ok(out)
    }

    pub async fn list_persons(&self, scope: &Scope, page: Page) -> Result<Listing<PersonSummary>> {
        self.list_persons_filtered(scope, page, &PersonFilter::default()).await
    }

    /// The people in reach, newest or oldest first, narrowed by the filter.
    /// Location and outcome are keyed tags and worker and dates plain
    /// columns, so those run in SQL; nationality, sex and age are sealed, so
    /// each candidate is opened and compared here (at most
    /// [`MAX_FILTER_SCAN`] of them). A person whose filtered field this
    /// reader may not see (R17) is left out of a filtered list rather than
    /// betrayed by being in it.
    pub async fn list_persons_filtered(
        &self,
        scope: &Scope,
        page: Page,
        filter: &PersonFilter,
    ) -> Result<Listing<PersonSummary>> {
        require(scope, Permission::ReadPerson)?;
        let reach = ReachSql::persons(scope, 1);
        let org = scope.org().to_string();
        let mut conditions = String::new();
        let mut binds: Vec<FilterBind> = Vec::new();
        let next = |binds: &mut Vec<FilterBind>, b: FilterBind| {
            binds.push(b);
            format!("${}", 5 + binds.len())
        };
        if let Some(l) = filter.location {
            let n = next(&mut binds, FilterBind::Text(self.tag(crate::integrity::tags::LOCATION, &org, l.as_str())));
            conditions.push_str(&format!(" AND p.location = {n}"));
        }
        // A reader who reaches people only through their own cases may ask
        // only for their own: whose case someone else's person is in is not
        // theirs to learn (R16).
        if scope.reach().org_wide.is_none() && filter.worker.is_some_and(|w| w != WorkerFilter::Assigned(scope.actor()))
        {
            return Err(StoreError::Invalid(haven_core::ValidationError::new(
                "worker",
                "worker_filter_own_only",
                "you may list only the people whose case is assigned to you",
            )));
        }
        match filter.worker {
            Some(WorkerFilter::Assigned(u)) => {
                let n = next(&mut binds, FilterBind::Text(u.to_string()));
                conditions.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM cases wc WHERE wc.person_id = p.id AND wc.org_id = p.org_id \
                     AND wc.status <> 'closed' AND wc.assigned_to = {n})"
                ));
            }
            Some(WorkerFilter::Nobody) => conditions.push_str(
                " AND NOT EXISTS (SELECT 1 FROM cases wc WHERE wc.person_id = p.id AND wc.org_id = p.org_id \
                 AND wc.status <> 'closed' AND wc.assigned_to IS NOT NULL)",
            ),
            None => {}
        }
        let any_case = "EXISTS (SELECT 1 FROM cases fc WHERE fc.person_id = p.id AND fc.org_id = p.org_id";
        match filter.case {
            Some(CaseFilter::Open) => conditions.push_str(&format!(" AND {any_case} AND fc.status <> 'closed')")),
            Some(CaseFilter::Closed) => {
                conditions.push_str(&format!(" AND {any_case}) AND NOT {any_case} AND fc.status <> 'closed')"))
            }
            Some(CaseFilter::None) => conditions.push_str(&format!(" AND NOT {any_case})")),
            None => {}
        }
        match filter.outcome {
            Some(OutcomeFilter::Latest(o)) => {
                let n = next(&mut binds, FilterBind::Text(self.tag(crate::integrity::tags::OUTCOME, &org, o)));
                conditions.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM screenings fs WHERE fs.person_id = p.id AND fs.org_id = p.org_id \
                     AND fs.status = 'completed' AND fs.outcome = {n} AND NOT EXISTS (SELECT 1 FROM screenings ls \
                     WHERE ls.person_id = p.id AND ls.org_id = p.org_id AND ls.status = 'completed' \
                     AND ls.completed_at > fs.completed_at))"
                ));
            }
            Some(OutcomeFilter::NotScreened) => conditions.push_str(
                " AND NOT EXISTS (SELECT 1 FROM screenings fs WHERE fs.person_id = p.id AND fs.org_id = p.org_id \
                 AND fs.status = 'completed')",
            ),
            None => {}
        }
        if let Some(d) = filter.added_from {
            let n = next(&mut binds, FilterBind::Int(day_start_ms(d)));
            conditions.push_str(&format!(" AND p.created_at >= {n}"));
        }
        if let Some(d) = filter.added_to {
            let end = d.next_day().map_or(i64::MAX, day_start_ms);
            let n = next(&mut binds, FilterBind::Int(end));
            conditions.push_str(&format!(" AND p.created_at < {n}"));
        }
        let hidden = self.hidden_duplicates(&org).await?;
        if !hidden.is_empty() {
            let marks: Vec<String> = hidden.into_iter().map(|h| next(&mut binds, FilterBind::Text(h))).collect();
            conditions.push_str(&format!(" AND p.id NOT IN ({})", marks.join(", ")));
        }
        let order = if filter.oldest_first { "ASC" } else { "DESC" };
        let sql = format!(
            "SELECT p.id, p.location, p.created_at, p.full_name, p.latin_name, p.birth, p.sex, p.nationalities, \
             k.wrapped{} FROM persons p JOIN person_keys k ON k.person_id = p.id{} \
             WHERE {} AND p.erased_at IS NULL{conditions} ORDER BY p.created_at {order}, p.id {order} LIMIT $4 OFFSET $5",
            reach.columns, reach.joins, reach.condition
        );
        let opens = filter.opens_records();
        let (limit, offset) =
            if opens { (MAX_FILTER_SCAN as i64 + 1, 0) } else { (i64::from(page.size) + 1, page.offset()) };
        let mut q = reach.bind(sqlx::query(&sql)).bind(limit).bind(offset);
        for b in binds {
            q = match b {
                FilterBind::Text(t) => q.bind(t),
                FilterBind::Int(i) => q.bind(i),
            };
        }
        let mut rows = q.fetch_all(&self.pool).await?;
        if opens {
            if rows.len() > MAX_FILTER_SCAN {
                return Err(StoreError::Invalid(haven_core::ValidationError::new(
                    "filter",
                    "too_many_to_filter",
                    "too many people to filter by nationality, sex or age at once: narrow the list by dates, \
                     location, worker or screening result first",
                )));
            }
            let mut kept = Vec::new();
            for r in rows {
                if self.sealed_filter_matches(scope, &r, filter)? {
                    kept.push(r);
                }
            }
            rows = kept.into_iter().skip(usize::try_from(page.offset()).unwrap_or(usize::MAX)).collect();
        }
        let mut listing =
            self.finish_listing(scope, Action::List, rows, page.size as usize, &filter.describe()).await?;
        if let Some(l) = filter.location {
            listing.items.retain(|p| p.location_shown && p.location == l);
        }
        Ok(listing)
    }

    /// Whether a candidate's sealed fields match the filter. Its evidence
    /// is checked first: a row edited in SQL matches nothing.
    fn sealed_filter_matches(&self, scope: &Scope, r: &AnyRow, filter: &PersonFilter) -> Result<bool> {
        let allowed = match row_categories(self, scope, r) {
            Ok(Some(a)) => a,
            Ok(None) | Err(StoreError::Integrity(_)) => return Ok(false),
            Err(e) => return Err(e),
        };
        if !allowed.contains(Category::Identity) {
            return Ok(false);
        }
        let id_s: String = r.try_get("id")?;
        let dek = self.keys().unwrap(&id_s, &r.try_get::<Vec<u8>, _>("wrapped")?)?;
        if let Some(want) = filter.sex {
            if SexGroup::of(open_field(&dek, &id_s, r, "sex")?.as_deref()) != want {
                return Ok(false);
            }
        }
        if let Some(want) = filter.age {
            let birth = open_field(&dek, &id_s, r, "birth")?.and_then(|b| Birth::decode(&b));
            if AgeBand::of(birth.as_ref(), today()) != want {
                return Ok(false);
            }
        }
        if let Some(want) = &filter.nationality {
            let nats = split(open_field(&dek, &id_s, r, "nationalities")?, ',');
            if !nats.iter().any(|n| n == want.as_str()) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Name search over blind indexes: every word of the query must match
    /// one of a person's names, in its script or romanised.
    ///
    /// Evaluated rarest word first, in one statement: each word's match
    /// count is capped and measured, the rarest word's matches become the
    /// candidates, and every other word only filters those candidates through
    /// the (token, person_id) primary key. A common family name therefore
    /// never forces a scan of its hundreds of thousands of index rows.
    ///
    /// Ordering and the page limit are applied in SQL before the reach
    /// evidence is joined, so its relationship lookups run for the rows
    /// shown, not for every candidate (on PostgreSQL at 1,000,000 people,
    /// 452 → 1,691 searches a second, and 1,986–2,169 with the two-step
    /// count; the p99 target is still missed, see docs/benchmarks.md).
    pub async fn search_persons(&self, scope: &Scope, query: &str, page: Page) -> Result<Listing<PersonSummary>> {
        require(scope, Permission::ReadPerson)?;
        let groups: Vec<Vec<String>> = names::query_groups(query)
            .into_iter()
            .take(8)
            .map(|g| g.iter().map(|k| self.keys().blind_index(k)).collect())
            .collect();
        if groups.is_empty() {
            return self.finish_listing(scope, Action::Search, Vec::new(), 0, "ok").await;
        }
        let limit = page.size as usize;
        // Candidates are capped, so no page starts beyond them.
        let offset = usize::try_from(page.offset()).unwrap_or(usize::MAX).min(MAX_CANDIDATES as usize);
        let reach = ReachSql::persons(scope, 1);
        // Each group's tokens are bound once, after the three reach
        // parameters, and named by number wherever the group is used.
        let mut marks = Vec::with_capacity(groups.len());
        let mut next = 4;
        for g in &groups {
            marks.push((next..next + g.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", "));
            next += g.len();
        }
        // Counted in two steps. Most searches name one rare word beside a
        // common one, and then a count capped at FIRST_COUNT already tells
        // which word is rarest; counting the common word on to the candidate
        // cap read 2,001 index entries a search, most of PostgreSQL's time
        // per search at 1,000,000 people (issue 12). Only when every word
        // reaches FIRST_COUNT is each counted on to the cap. The choice is
        // the same either way: a word under FIRST_COUNT is counted exactly,
        // and every word at it is commoner.
        let first = marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                format!(
                    "SELECT {i} AS g, (SELECT COUNT(*) FROM (SELECT 1 FROM person_name_index \
                     WHERE token IN ({m}) LIMIT {FIRST_COUNT}) f{i}) AS n"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let counts = marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                format!(
                    "SELECT {i} AS g, CASE WHEN (SELECT MIN(n) FROM first_counts) < {FIRST_COUNT} \
                     THEN (SELECT n FROM first_counts WHERE g = {i}) \
                     ELSE (SELECT COUNT(*) FROM (SELECT 1 FROM person_name_index \
                     WHERE token IN ({m}) LIMIT {}) s{i}) END AS n",
                    MAX_CANDIDATES + 1
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        // The rarest group's tokens are picked from a table of all of them,
        // so that the candidates are read from that group's index entries
        // alone: a per-group branch guarded by "is this the rarest?" was
        // still walked entry by entry by SQLite's planner.
        let mut toks = Vec::new();
        let mut n = 4;
        for (i, g) in groups.iter().enumerate() {
            for _ in g {
                toks.push(format!("({i}, ${n})"));
                n += 1;
            }
        }
        let toks = toks.join(", ");
        // Every other word is a probe by (token, person_id) for each
        // candidate. Written as a scalar subquery so that PostgreSQL cannot
        // turn it into a join: its generic plan for a prepared statement,
        // not knowing which word is rare, hashed every entry of the common
        // one (125,000 for a family name at 1,000,000 people, 23 ms).
        let every_word: String = marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                format!(
                    " AND (SELECT 1 FROM person_name_index w{i} WHERE w{i}.person_id = p.id \
                     AND w{i}.token IN ({m}) LIMIT 1) IS NOT NULL"
                )
            })
            .collect();
        // A duplicate merged into another record is found under that record,
        // but only a merge row whose MAC holds may hide anyone: SQL marks the
        // rows that have one, returns them all outside the page limit, and
        // they are checked below.
        //
        // Rows planted in SQL must take no place on the page: a person row
        // without a key is not counted at all, and one whose key does not
        // open or whose evidence fails its MAC is dropped before the page is
        // cut. If any were, the statement is asked again for more, up to the
        // candidate cap; only tampering makes that second round trip.
        let mut cap = offset + limit + 1;
        loop {
            let sql = format!(
                "WITH first_counts AS ({first}), counts AS ({counts}), \
                 rarest AS (SELECT g FROM counts ORDER BY n, g LIMIT 1), \
                 toks (g, t) AS (VALUES {toks}), \
             cand AS (SELECT DISTINCT person_id FROM person_name_index \
               WHERE token IN (SELECT t FROM toks WHERE g = (SELECT g FROM rarest)) LIMIT {MAX_CANDIDATES}), \
                 hits AS (SELECT p.id, p.created_at, CAST(CASE WHEN EXISTS (SELECT 1 FROM person_merges m \
                   WHERE m.merged_id = p.id AND m.org_id = $1 AND m.status <> 'undone') THEN 1 ELSE 0 END AS BIGINT) AS merged \
                   FROM persons p JOIN person_keys hk ON hk.person_id = p.id \
                   WHERE p.id IN (SELECT person_id FROM cand) AND {} AND p.erased_at IS NULL{every_word}), \
                 top AS (SELECT id, merged FROM (SELECT id, created_at, merged FROM hits WHERE merged = 0 \
                   ORDER BY created_at DESC, id DESC LIMIT {}) shown \
                   UNION ALL SELECT id, merged FROM hits WHERE merged = 1) \
                 SELECT t.merged AS merged_flag, p.id, p.location, p.created_at, p.full_name, p.latin_name, p.birth, \
                 k.wrapped{} FROM top t JOIN persons p ON p.id = t.id JOIN person_keys k ON k.person_id = p.id{}",
                reach.condition,
                cap,
                reach.columns,
                reach.joins,
            );
            let mut q = reach.bind(sqlx::query(&sql));
            for t in groups.iter().flatten() {
                q = q.bind(t.clone());
            }
            let rows = q.fetch_all(&self.pool).await?;
            let merged = |r: &AnyRow| r.try_get::<i64, _>("merged_flag").is_ok_and(|m| m != 0);
            let unmerged = rows.iter().filter(|r| !merged(r)).count();
            let hidden = if rows.iter().any(merged) {
                self.hidden_duplicates(&scope.org().to_string()).await?
            } else {
                Vec::new()
            };
            // Newest first, as lists are.
            let mut keyed = Vec::with_capacity(rows.len());
            for r in rows {
                let id: String = r.try_get("id")?;
                if hidden.contains(&id) {
                    continue;
                }
                let created: i64 = r.try_get("created_at")?;
                keyed.push((created, id, r));
            }
            keyed.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
            let mut sound = Vec::with_capacity(keyed.len());
            for (_, _, r) in keyed {
                if self.listable(scope, &r)?.is_some() {
                    sound.push(r);
                }
            }
            let exhausted = unmerged < cap || cap > MAX_CANDIDATES as usize;
            if sound.len() > offset + limit || exhausted {
                let rows = sound.into_iter().skip(offset).take(limit + 1).collect();
                return self.finish_listing(scope, Action::Search, rows, limit, "ok").await;
            }
            cap *= 2;
        }
    }

    /// A listed row's key and what its caller may see of it, when the row
    /// may be shown at all: its key opens, its reach evidence holds and it
    /// shows who the person is. A row planted or edited in SQL gives `None`
    /// (and the alarm is raised), so one such row cannot take a whole list
    /// or search down.
    fn listable(&self, scope: &Scope, r: &AnyRow) -> Result<Option<(DataKey, Categories)>> {
        let id_s: String = r.try_get("id")?;
        let dek = match self.keys().unwrap(&id_s, &r.try_get::<Vec<u8>, _>("wrapped")?) {
            Ok(k) => k,
            Err(StoreError::Integrity(_) | StoreError::Crypto) => {
                self.alarm_soon(RecordKind::Person, id_s, "person_keys");
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let allowed = match row_categories(self, scope, r) {
            Ok(a) => a.ok_or(StoreError::Denied)?,
            Err(StoreError::Integrity(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(allowed.contains(Category::Identity).then_some((dek, allowed)))
    }

    async fn finish_listing(
        &self,
        scope: &Scope,
        action: Action,
        mut rows: Vec<AnyRow>,
        size: usize,
        outcome: &str,
    ) -> Result<Listing<PersonSummary>> {
        let has_more = rows.len() > size;
        rows.truncate(size);
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            let id_s: String = r.try_get("id")?;
            let id: PersonId = id_s.parse()?;
            let Some((dek, allowed)) = self.listable(scope, r)? else { continue };
            let location_shown = allowed.contains(Category::ContactLocation);
            let location =
                if location_shown { read_location(self.keys(), r)?.as_str().to_owned() } else { "unknown".to_owned() };
            items.push(PersonSummary {
                id,
                full_name: open_field(&dek, &id_s, r, "full_name")?.unwrap_or_default(),
                latin_name: open_field(&dek, &id_s, r, "latin_name")?,
                location: LocationType::parse(&location)?,
                location_shown,
                created_at_ms: r.try_get("created_at")?,
                may_be_child: open_field(&dek, &id_s, r, "birth")?
                    .and_then(|b| Birth::decode(&b))
                    .is_none_or(|b| b.may_be_child(today())),
            });
        }
        let ids: Vec<String> = items.iter().map(|p| p.id.to_string()).collect();
        let refs: Vec<&str> = if ids.is_empty() { vec![""] } else { ids.iter().map(String::as_str).collect() };
        // An empty result is still a search someone ran: one event with no record.
        self.audit_read(scope, action, RecordKind::Person, &refs, outcome).await?;
        Ok(Listing { items, has_more })
    }

    /// Erases a person: their key is destroyed, sealed fields and index
    /// entries deleted, and the id appended to the erasure ledger first, so a
    /// crash between the two still ends in erasure, never in a resurrection.
    pub async fn erase_person(&self, scope: &Scope, id: PersonId) -> Result<()> {
        require(scope, Permission::ErasePerson)?;
        let id_s = id.to_string();
        let reach = ReachSql::persons(scope, 2);
        let sql = format!(
            "SELECT p.erased_at{} FROM persons p {} WHERE p.id = $1 AND {}",
            reach.columns, reach.joins, reach.condition
        );
        let exists = reach.bind(sqlx::query(&sql).bind(&id_s)).fetch_optional(&self.pool).await?;
        // r16: erasing is out of reach unless the sealed relationship says so.
        let exists = crate::reach::opened(self, scope, exists)?;
        let Some(row) = exists else {
            let mut tx = self.begin().await?;
            self.append_scoped(&mut tx, scope, Action::Erase, RecordKind::Person, &id_s, "not_found").await?;
            tx.commit().await?;
            return Err(StoreError::NotFound);
        };
        if row.try_get::<Option<i64>, _>("erased_at")?.is_some() {
            return Err(StoreError::Erased);
        }
        // The key goes first: once the leaf is punctured in the key file,
        // nothing (this database, a backup, a copy) can open the person's
        // data again, so a crash before the rows are deleted still ends in
        // erasure, never in a resurrection.
        let merged_in = self.settle_merges_for_erasure(scope, &id_s).await?;
        for id in std::iter::once(&id_s).chain(&merged_in) {
            self.keys().erase(id, now_ms())?;
            self.destroy_incoming_copies_of(id).await?;
        }
        let mut tx = self.begin().await?;
        self.erase_rows(&mut tx, &id_s).await?;
        self.append_scoped(&mut tx, scope, Action::Erase, RecordKind::Person, &id_s, "ok").await?;
        for id in &merged_in {
            self.erase_rows(&mut tx, id).await?;
            self.append_scoped(&mut tx, scope, Action::Erase, RecordKind::Person, id, "erased_with_kept_record")
                .await?;
        }
        tx.commit().await?;
        self.flush_erasure().await;
        Ok(())
    }

    /// Erases a person a partner's revocation covers: the sender withdrew
    /// the transfer the record came from, so no user here chose this (R24).
    pub(crate) async fn erase_person_by_operator(&self, id: &str) -> Result<()> {
        self.keys().erase(id, now_ms())?;
        self.destroy_incoming_copies_of(id).await?;
        let mut tx = self.begin().await?;
        self.erase_rows(&mut tx, id).await?;
        let ctx = crate::audit::Context { actor: "system", purpose: "exchange", request_id: "revocation" };
        self.append(&mut tx, &ctx, Action::Erase, RecordKind::Person, id, "revoked_by_sender").await?;
        tx.commit().await?;
        self.flush_erasure().await;
        Ok(())
    }

    /// Ids in the key file's erasure record.
    pub fn ledger_ids(&self) -> Result<Vec<String>> {
        Ok(self.keys().erased_ids())
    }

    /// Erases again every person named in the ledger who still has a key:
    /// this is what makes a restored pre-erasure backup safe.
    pub(crate) async fn reapply_ledger(&self) -> Result<usize> {
        let ids = self.ledger_ids()?;
        if ids.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin().await?;
        let mut erased = Vec::new();
        for id in &ids {
            let present = sqlx::query("SELECT person_id FROM person_keys WHERE person_id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if present.is_some() {
                self.erase_rows(&mut tx, id).await?;
                erased.push(id.as_str());
            }
        }
        let ctx = Context { actor: "system", purpose: "erasure_ledger", request_id: "startup" };
        self.append_many(&mut tx, &ctx, Action::Erase, RecordKind::Person, &erased, "ok").await?;
        tx.commit().await?;
        if !erased.is_empty() {
            self.flush_erasure().await;
        }
        Ok(erased.len())
    }

    /// SQLite keeps the pre-erasure pages in the WAL until a checkpoint;
    /// fold them back now so the overwritten pages are all that remain.
    async fn flush_erasure(&self) {
        if self.backend() == Backend::Sqlite {
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await {
                tracing::warn!(error = %e, "wal checkpoint after erasure failed");
            }
        }
    }
}

pub(crate) fn read_ledger(path: &std::path::Path) -> Result<Vec<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|id| id.parse::<PersonId>().is_ok())
            .map(str::to_owned)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

impl Store {
    async fn erase_rows(&self, tx: &mut WriteTx, id: &str) -> Result<()> {
        let now = now_ms();
        sqlx::query("DELETE FROM person_keys WHERE person_id = $1").bind(id).execute(&mut **tx).await?;
        sqlx::query("DELETE FROM person_name_index WHERE person_id = $1").bind(id).execute(&mut **tx).await?;
        let nulls = SEALED.iter().map(|c| format!("{c} = NULL")).collect::<Vec<_>>().join(", ");
        // Where the person was goes too: a keyed tag is readable with
        // today's key file, which erasure must leave with nothing (R28).
        sqlx::query(&format!(
            "UPDATE persons SET {nulls}, location = '', erased_at = $1, updated_at = $1 WHERE id = $2"
        ))
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &crate::integrity::PERSONS, id).await?;
        sqlx::query("UPDATE case_notes SET body = NULL WHERE case_id IN (SELECT id FROM cases WHERE person_id = $1)")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for sealed in [
        "UPDATE consents SET interpreter = NULL WHERE person_id = $1",
        "UPDATE consent_overrides SET reason = NULL WHERE person_id = $1",
        "UPDATE access_grants SET reason = NULL WHERE person_id = $1",
        // Outcomes, protection kinds and consent purposes are keyed tags,
        // readable with today's key file: erasure blanks them (R28).
        "UPDATE screenings SET answers = NULL, interpreter = NULL, outcome = NULL, follow_ups = NULL WHERE person_id = $1",
        "UPDATE decisions SET reasons = NULL WHERE person_id = $1",
        "DELETE FROM screening_facts WHERE person_id = $1",
        "UPDATE penalties SET offence = NULL WHERE person_id = $1",
        "UPDATE inbox_documents SET content = NULL WHERE person_id = $1",
        "UPDATE protection_records SET body = NULL, kind = '' WHERE person_id = $1",
        "UPDATE consents SET purpose = '' WHERE person_id = $1",
        "UPDATE consent_overrides SET purpose = '' WHERE person_id = $1",
        "UPDATE referrals SET note = NULL, response = NULL WHERE person_id = $1",
        // A partner's words about the person (a decline's reason, the
        // answers kept as evidence) go with the file; the transfer rows,
        // which name nobody, stay until the revocation is confirmed (R24).
        "UPDATE transfers SET reason = NULL WHERE person_id = $1",
        // The history rows stay (each was bound to a row_write event, and
        // a deleted one is an alarm); what they said goes (R28).
        "UPDATE person_history SET field = NULL, old_value = NULL, new_value = NULL WHERE person_id = $1",
        // Nobody can be served on behalf of an erased record.
        "UPDATE referrals SET status = 'revoked' WHERE person_id = $1 AND status NOT IN ('declined', 'completed', 'revoked')",
    ] {
        sqlx::query(sealed).bind(id).execute(&mut **tx).await?;
    }
        sqlx::query(
            "UPDATE exchange_receipts SET bytes = $1 WHERE transfer_id IN (SELECT id FROM transfers WHERE person_id = $2)",
        )
        .bind(Vec::<u8>::new())
        .bind(id)
        .execute(&mut **tx)
        .await?;
        // The revoked referrals and emptied rows keep valid MACs.
        for spec in [
            &crate::integrity::REFERRALS,
            &crate::integrity::SCREENINGS,
            &crate::integrity::PROTECTION_RECORDS,
            &crate::integrity::CONSENTS,
            &crate::integrity::CONSENT_OVERRIDES,
        ] {
            let sql = format!("SELECT id FROM {} WHERE person_id = $1", spec.table);
            for r in sqlx::query(&sql).bind(id).fetch_all(&mut **tx).await? {
                let rid: String = r.try_get("id")?;
                self.seal_row(tx, spec, &rid).await?;
            }
        }
        crate::cooperation::erase(tx, id).await?;
        sqlx::query("DELETE FROM erasures WHERE person_id = $1").bind(id).execute(&mut **tx).await?;
        sqlx::query("INSERT INTO erasures (person_id, erased_at) VALUES ($1, $2)")
            .bind(id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
