//! Family tracing between installations (issue 15, R25). The rules are in
//! `haven_core::tracing`; the linkage in `haven-trace`; the packages in
//! `haven-exchange`. This module keeps both ends' records and moves them
//! through the exchange's outbox.
//!
//! - **At the origin** a request is recorded with the family's consent,
//!   sealed under its own key, and sent to one partner organisation as a
//!   keyed encoding with a coarse context: no name, date or contact crosses.
//! - **At the holding organisation** the request waits for a caseworker.
//!   The search for a candidate runs under that caseworker's scope, over
//!   the people they may read, and is audited as theirs; nothing is matched
//!   when the package arrives. A candidate judged plausible is asked; what
//!   they decide is the only thing sent back, and a declined contact is sent
//!   as `closed`, exactly like a search that found nobody.
//! - **Back at the origin** the answer waits for a caseworker, who tells
//!   the family and closes the request.

use base64::Engine as _;
use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{OrgId, PersonId, TracingInboundId, TracingRequestId};
use haven_core::protection::{decode_fields, encode_fields};
use haven_core::tracing::{self as rules, Context, Decision, InboundStatus, Outcome, Request, RequestStatus};
use haven_core::ValidationError;
use haven_exchange::payload::{TracingAnswerPayload, TracingRequestPayload};
use haven_exchange::{NodePublic, PackageKind};
use haven_trace::encode::{parse_encoded, write_encoded, EncodedFile, Encoder, LinkageKey};
use haven_trace::matching::{score_of, weight, Prepared};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::crypto::DataKey;
use crate::exchange::{exchange_error, refused};
use crate::integrity::{select_cols, MacSpec, TRACING_INBOUND, TRACING_REQUESTS};
use crate::persons::PersonState;
use crate::reach::ReachSql;
use crate::{new_id_bytes, now_ms, require, today, Result, Store, StoreError, WriteTx};

/// The most people one candidate search reads. A search over more would
/// hold a caseworker's request for long and read a whole registry at once;
/// the page says when the limit was reached.
pub const MAX_SEARCH: i64 = 20_000;
/// A candidate below this score is not offered: a caseworker must not be
/// led to ask someone on a weak likeness. The score here is each pair's own
/// (`score_of(weight)`), not the batch matcher's, which weighs every pair
/// against its rivals: in a shelter where forty women share a family name
/// and a similar given name, that relative score takes an exact match from
/// 0.88 to 0.25, and the one person a family is looking for must still be
/// offered. A person reviews every candidate against the context before
/// anyone is asked.
const CANDIDATE_THRESHOLD: f64 = 0.5;

/// A request as the organisation that recorded it sees it.
#[derive(Debug, Clone)]
pub struct TracingRequestView {
    pub id: TracingRequestId,
    pub status: RequestStatus,
    /// `None` once the request was erased.
    pub request: Option<Request>,
    pub recipient_org_id: Option<OrgId>,
    pub created_at_ms: i64,
    pub sent_at_ms: Option<i64>,
    pub answered_at_ms: Option<i64>,
    pub closed_at_ms: Option<i64>,
    /// The partner's answer: only what the person allowed.
    pub answer: Option<Outcome>,
}

/// A received request as the holding organisation sees it.
#[derive(Debug, Clone)]
pub struct TracingInboundView {
    pub id: TracingInboundId,
    pub status: InboundStatus,
    pub from_org_name: String,
    pub context: Context,
    pub created_at_ms: i64,
    /// Whether a caseworker has looked for a candidate yet.
    pub searched: bool,
    pub candidate: Option<PersonId>,
    /// A candidate was found whose record this reader cannot open: who it
    /// is, its score and what they answered are left out.
    pub candidate_withheld: bool,
    /// The candidate's score, in thousandths.
    pub score_permille: Option<i64>,
    /// What was sent back, once answered.
    pub outcome: Option<Outcome>,
}

/// What the person decided is sealed padded to one size at both ends, so a
/// copy of either database does not tell a declined contact (`closed`) from
/// a message or a contact by the length of its ciphertext.
const SEALED_ANSWER_BYTES: usize = 4608;

fn padded_answer(o: &Outcome) -> String {
    let mut f = std::collections::BTreeMap::new();
    f.insert("outcome".to_owned(), o.kind().to_owned());
    f.insert("text".to_owned(), o.text().to_owned());
    let body = encode_fields(&f);
    // The pad is a field of its own (spaces), which reading ignores.
    let pad = SEALED_ANSWER_BYTES.saturating_sub(body.len() + "pad\t\n".len());
    f.insert("pad".to_owned(), " ".repeat(pad));
    encode_fields(&f)
}

/// The columns read besides the MAC's, for a request and a received one.
const REQUEST_SEALED: &str = "t.body, t.answer, t.body_key";
const INBOUND_SEALED: &str = "t.from_org_name, t.encoded, t.context, t.decision, t.body_key";

/// Searching, judging and closing are for a request nobody has reviewed yet.
fn require_pending(r: &AnyRow) -> Result<()> {
    if InboundStatus::parse(&r.try_get::<String, _>("status")?)? == InboundStatus::Pending {
        Ok(())
    } else {
        Err(ValidationError::new("request", "tracing_already_reviewed", "this request has been reviewed").into())
    }
}

fn request_leaf(id: &str) -> String {
    format!("tracing:{id}")
}

fn inbound_leaf(id: &str) -> String {
    format!("tracing-in:{id}")
}

fn malformed() -> StoreError {
    refused(ValidationError::new("package", "package_malformed", "the tracing request cannot be read"))
}

fn linkage_key(store: &Store, partner: &NodePublic) -> Result<LinkageKey> {
    let secret = store.node_keys().linkage_secret(partner).map_err(exchange_error)?;
    Ok(LinkageKey::from_bytes(*secret))
}

fn trace_date(d: time::Date) -> haven_trace::people::Date {
    haven_trace::people::Date { year: d.year(), month: u8::from(d.month()), day: d.day() }
}

fn trace_sex(s: Option<&str>) -> Option<haven_trace::people::Sex> {
    match s.map(|s| s.trim().to_ascii_lowercase()) {
        Some(s) if s == "m" || s == "male" => Some(haven_trace::people::Sex::Male),
        Some(s) if s == "f" || s == "female" => Some(haven_trace::people::Sex::Female),
        _ => None,
    }
}

/// The request's names as linkage rows, one per name: each is matched on
/// its own so that two spellings of one name never compete with each other.
fn request_rows(r: &Request, today: time::Date) -> Vec<haven_trace::people::Person> {
    use haven_trace::people::{Birth, Person, Sex};
    let birth = match (r.date_of_birth, r.age) {
        (Some(d), _) => Birth::Date(trace_date(d)),
        (None, Some((lo, hi))) => Birth::AgeRange { lo, hi },
        (None, None) => Birth::Unknown,
    };
    r.names
        .iter()
        .enumerate()
        .map(|(i, n)| Person {
            id: i.to_string(),
            full_name: n.clone(),
            sex: r.sex.map(|c| if c == 'F' { Sex::Female } else { Sex::Male }),
            birth,
            nationality: r.nationality.clone(),
            place_of_origin: r.place_of_origin.clone(),
            on: Some(trace_date(today)),
        })
        .collect()
}

impl Store {
    /// Only assistance organisations trace: an enforcement organisation
    /// neither asks after anyone nor holds anyone to be asked about (R16).
    async fn require_tracing(&self, scope: &Scope, p: Permission) -> Result<()> {
        require(scope, p)?;
        if !haven_core::exchange::may_receive(self.org_kind(scope.org()).await?) {
            return Err(StoreError::Denied);
        }
        Ok(())
    }

    /// Records a family's request (R25). The family's consent is part of
    /// the request; without it nothing is kept.
    pub async fn create_tracing_request(&self, scope: &Scope, request: &Request) -> Result<TracingRequestId> {
        self.require_tracing(scope, Permission::WriteCase).await?;
        let typed = TracingRequestId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
        let dek = DataKey::generate();
        let wrapped = self.keys().wrap(&request_leaf(&id), &dek)?;
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO tracing_requests (id, org_id, status, body, body_key, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(scope.org().to_string())
        .bind(RequestStatus::Open.as_str())
        .bind(dek.seal(&id, "body", &encode_fields(&request.to_fields()))?)
        .bind(wrapped)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &TRACING_REQUESTS, &id).await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::Tracing, &id, "request").await?;
        tx.commit().await?;
        Ok(typed)
    }

    /// One row of either tracing table, checked against its MAC; another
    /// organisation's does not exist for this reader.
    async fn own_row<'e, E>(&self, scope: &Scope, spec: &MacSpec, extra: &str, id: &str, exec: E) -> Result<AnyRow>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let sql = format!("SELECT {}, {extra} FROM {} t WHERE t.id = $1", select_cols(spec, "t", ""), spec.table);
        let r = sqlx::query(&sql).bind(id).fetch_optional(exec).await?.ok_or(StoreError::NotFound)?;
        self.check_row(spec, &r, "").await?;
        if r.try_get::<String, _>("org_id")? != scope.org().to_string() {
            return Err(StoreError::NotFound);
        }
        Ok(r)
    }

    async fn request_row<'e, E>(&self, scope: &Scope, id: &str, exec: E) -> Result<AnyRow>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        self.own_row(scope, &TRACING_REQUESTS, REQUEST_SEALED, id, exec).await
    }

    fn request_view(&self, r: &AnyRow) -> Result<TracingRequestView> {
        let id: String = r.try_get("id")?;
        let key = match r.try_get::<Option<Vec<u8>>, _>("body_key")? {
            Some(w) => match self.keys().unwrap(&request_leaf(&id), &w) {
                Ok(k) => Some(k),
                Err(StoreError::Erased) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        let open = |field: &str| -> Result<Option<String>> {
            match (&key, r.try_get::<Option<Vec<u8>>, _>(field)?) {
                (Some(k), Some(ct)) => Ok(Some(k.open(&id, field, &ct)?)),
                _ => Ok(None),
            }
        };
        let request = match open("body")? {
            Some(text) => Some(decode_fields(&text).and_then(|f| Request::from_fields(&f)).ok_or(StoreError::Crypto)?),
            None => None,
        };
        let answer = match open("answer")? {
            Some(text) => {
                let f = decode_fields(&text).ok_or(StoreError::Crypto)?;
                let g = |k: &str| f.get(k).cloned().unwrap_or_default();
                Some(Outcome::parse(&g("outcome"), &g("text"))?)
            }
            None => None,
        };
        let status = RequestStatus::parse(&r.try_get::<String, _>("status")?)?;
        // The status is under the MAC, the sealed answer is not: an answer
        // blanked in SQL would let a family be told nothing of what the
        // person decided.
        if key.is_some() && answer.is_none() && matches!(status, RequestStatus::Answered | RequestStatus::Closed) {
            return Err(self.raise_alarm(RecordKind::Tracing, &id, "tracing_requests"));
        }
        Ok(TracingRequestView {
            id: id.parse()?,
            status,
            request,
            recipient_org_id: r.try_get::<Option<String>, _>("recipient_org_id")?.map(|s| s.parse()).transpose()?,
            created_at_ms: r.try_get("created_at")?,
            sent_at_ms: r.try_get("sent_at")?,
            answered_at_ms: r.try_get("answered_at")?,
            closed_at_ms: r.try_get("closed_at")?,
            answer,
        })
    }

    /// The organisation's requests, newest first.
    pub async fn tracing_requests(&self, scope: &Scope) -> Result<Vec<TracingRequestView>> {
        self.require_tracing(scope, Permission::ReadCase).await?;
        let sql = format!(
            "SELECT {}, {REQUEST_SEALED} FROM tracing_requests t WHERE t.org_id = $1 \
             ORDER BY t.created_at DESC LIMIT 500",
            select_cols(&TRACING_REQUESTS, "t", "")
        );
        let rows = sqlx::query(&sql).bind(scope.org().to_string()).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            self.check_row(&TRACING_REQUESTS, r, "").await?;
            out.push(self.request_view(r)?);
        }
        let ids: Vec<String> = out.iter().map(|v| v.id.to_string()).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.audit_read(scope, Action::List, RecordKind::Tracing, &refs, "requests").await?;
        Ok(out)
    }

    pub async fn get_tracing_request(&self, scope: &Scope, id: TracingRequestId) -> Result<TracingRequestView> {
        self.require_tracing(scope, Permission::ReadCase).await?;
        let id_s = id.to_string();
        let r = self.request_row(scope, &id_s, self.pool()).await?;
        let view = self.request_view(&r)?;
        self.audit_read(scope, Action::Read, RecordKind::Tracing, &[&id_s], "request").await?;
        Ok(view)
    }

    /// Sends an open request to one partner organisation: the names leave
    /// only as keyed encodings under the partnership's linkage secret, with
    /// the coarse context (R25). An enforcement organisation is refused as
    /// a recipient whatever the partner's card says (R16).
    pub async fn send_tracing_request(&self, scope: &Scope, id: TracingRequestId, recipient: OrgId) -> Result<()> {
        self.require_tracing(scope, Permission::WriteCase).await?;
        let id_s = id.to_string();
        let mut tx = self.begin().await?;
        let r = self.request_row(scope, &id_s, &mut *tx).await?;
        let view = self.request_view(&r)?;
        if !rules::may_send(view.status) {
            return Err(
                ValidationError::new("request", "tracing_already_sent", "this request has already been sent").into()
            );
        }
        let request = view.request.ok_or(StoreError::Erased)?;
        let no_partner =
            || ValidationError::new("recipient_org_id", "tracing_not_a_partner", "choose an organisation of a partner");
        let (partner_fp, remote_id) = self.remote_of(&mut tx, recipient).await?.ok_or_else(no_partner)?;
        let kind = self.org_kind(recipient).await?;
        if !haven_core::exchange::may_receive(kind) {
            return Err(ValidationError::new(
                "recipient_org_id",
                "r16_enforcement_recipient",
                "a tracing request is never sent to an enforcement organisation",
            )
            .into());
        }
        let (_, public) = self.partner_public(&partner_fp).await?.ok_or_else(no_partner)?;
        let key = linkage_key(self, &public)?;
        let today = today();
        let mut enc = Encoder::new(&key);
        let records = request_rows(&request, today).iter().map(|p| enc.encode(p)).collect();
        let encoded = write_encoded(&EncodedFile { key_check: key.check(), records });
        let from_org_name = self.org_name(scope.org()).await.unwrap_or_default();
        let payload = TracingRequestPayload {
            format: haven_exchange::FORMAT,
            request_id: id_s.clone(),
            to_org_id: remote_id,
            from_org_name,
            encoded: base64::engine::general_purpose::STANDARD.encode(encoded),
            context: request.context(today).to_fields(),
        };
        let body = payload.to_bytes().map_err(exchange_error)?;
        self.queue_package(&mut tx, &partner_fp, PackageKind::TracingRequest, Some(&id_s), &body).await?;
        sqlx::query(
            "UPDATE tracing_requests SET status = $1, recipient_org_id = $2, partner = $3, sent_at = $4 WHERE id = $5",
        )
        .bind(RequestStatus::Sent.as_str())
        .bind(recipient.to_string())
        .bind(&partner_fp)
        .bind(now_ms())
        .bind(&id_s)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &TRACING_REQUESTS, &id_s).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Tracing, &id_s, "sent").await?;
        tx.commit().await?;
        Ok(())
    }

    /// The caseworker has told the family what the person allowed; the
    /// request is closed (R25: the origin side reviews before the family
    /// hears anything).
    pub async fn close_tracing_request(&self, scope: &Scope, id: TracingRequestId) -> Result<()> {
        self.require_tracing(scope, Permission::WriteCase).await?;
        let id_s = id.to_string();
        let mut tx = self.begin().await?;
        let r = self.request_row(scope, &id_s, &mut *tx).await?;
        let status = RequestStatus::parse(&r.try_get::<String, _>("status")?)?;
        if !rules::may_tell_family(status) {
            return Err(
                ValidationError::new("request", "tracing_not_answered", "the partner has not answered yet").into()
            );
        }
        sqlx::query("UPDATE tracing_requests SET status = $1, closed_by = $2, closed_at = $3 WHERE id = $4")
            .bind(RequestStatus::Closed.as_str())
            .bind(scope.actor().to_string())
            .bind(now_ms())
            .bind(&id_s)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &TRACING_REQUESTS, &id_s).await?;
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Tracing, &id_s, "family_told").await?;
        tx.commit().await?;
        Ok(())
    }

    /// A request from a partner, inside the transaction that authenticated
    /// it. Kept for a caseworker; nothing is matched yet.
    pub(crate) async fn receive_tracing_request(
        &self,
        tx: &mut WriteTx,
        partner_fp: &str,
        partner_name: &str,
        partner_public: &NodePublic,
        body: &[u8],
    ) -> Result<String> {
        let p = TracingRequestPayload::parse(body).map_err(exchange_error)?;
        let to: OrgId = p.to_org_id.parse().map_err(|_| malformed())?;
        if self.remote_of(tx, to).await?.is_some() {
            return Err(malformed());
        }
        let kind = self.org_kind(to).await.map_err(|_| malformed())?;
        if !haven_core::exchange::may_receive(kind) {
            return Err(refused(ValidationError::new(
                "package",
                "r16_enforcement_recipient",
                "a tracing request is never received by an enforcement organisation",
            )));
        }
        let context = Context::from_fields(&p.context)?;
        let encoded =
            base64::engine::general_purpose::STANDARD.decode(p.encoded.as_bytes()).map_err(|_| malformed())?;
        let file = parse_encoded(&encoded).map_err(|_| malformed())?;
        if file.records.is_empty() || file.records.len() > rules::MAX_NAMES {
            return Err(malformed());
        }
        // Encoded under another secret, nothing here could ever match it.
        if file.key_check != linkage_key(self, partner_public)?.check() {
            return Err(refused(ValidationError::new(
                "package",
                "tracing_key_mismatch",
                "the request was encoded under another partnership's secret",
            )));
        }
        let dup = sqlx::query("SELECT id FROM tracing_inbound WHERE partner = $1 AND remote_id = $2")
            .bind(partner_fp)
            .bind(&p.request_id)
            .fetch_optional(&mut **tx)
            .await?;
        if dup.is_some() {
            return Err(refused(ValidationError::new(
                "package",
                "package_replayed",
                "this request has already arrived",
            )));
        }
        let id = TracingInboundId::from_random_bytes(new_id_bytes()).to_string();
        let dek = DataKey::generate();
        let wrapped = self.keys().wrap(&inbound_leaf(&id), &dek)?;
        // The organisation's name is the partner's word for it: hidden or
        // direction-changing characters are refused, and the name of the
        // installation as registered here (from its card, fingerprint read
        // out of band) always stands beside it.
        let claimed = haven_core::text::clean_line("from_org_name", &p.from_org_name, 150).unwrap_or_default();
        let from = if claimed.is_empty() { partner_name.to_owned() } else { format!("{claimed} · {partner_name}") };
        sqlx::query(
            "INSERT INTO tracing_inbound (id, org_id, partner, remote_id, from_org_name, status, encoded, context, \
             body_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&id)
        .bind(to.to_string())
        .bind(partner_fp)
        .bind(&p.request_id)
        .bind(from)
        .bind(InboundStatus::Pending.as_str())
        .bind(dek.seal(&id, "encoded", &p.encoded)?)
        .bind(dek.seal(&id, "context", &encode_fields(&context.to_fields()))?)
        .bind(wrapped)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
        self.seal_row(tx, &TRACING_INBOUND, &id).await?;
        Ok(id)
    }

    /// The answer to one of our requests, from the partner it went to. A
    /// second answer, or one from another partner, is refused: what the
    /// family is told cannot be changed afterwards.
    pub(crate) async fn receive_tracing_answer(
        &self,
        tx: &mut WriteTx,
        partner_fp: &str,
        body: &[u8],
    ) -> Result<String> {
        let p = TracingAnswerPayload::parse(body).map_err(exchange_error)?;
        let outcome = Outcome::parse(&p.outcome, &p.text).map_err(|_| malformed())?;
        let sql = format!(
            "SELECT {}, t.body_key FROM tracing_requests t WHERE t.id = $1",
            select_cols(&TRACING_REQUESTS, "t", "")
        );
        let not_ours = || {
            refused(ValidationError::new(
                "package",
                "package_malformed",
                "the answer is about no request sent to this partner",
            ))
        };
        let r = sqlx::query(&sql).bind(&p.request_id).fetch_optional(&mut **tx).await?.ok_or_else(not_ours)?;
        self.check_row(&TRACING_REQUESTS, &r, "").await?;
        if r.try_get::<Option<String>, _>("partner")?.as_deref() != Some(partner_fp) {
            return Err(not_ours());
        }
        if !rules::may_take_answer(RequestStatus::parse(&r.try_get::<String, _>("status")?)?) {
            return Err(refused(ValidationError::new(
                "package",
                "package_out_of_order",
                "this request has already been answered",
            )));
        }
        let id = p.request_id;
        let wrapped: Vec<u8> = r.try_get::<Option<Vec<u8>>, _>("body_key")?.ok_or(StoreError::Erased)?;
        let dek = self.keys().unwrap(&request_leaf(&id), &wrapped)?;
        sqlx::query("UPDATE tracing_requests SET status = $1, answer = $2, answered_at = $3 WHERE id = $4")
            .bind(RequestStatus::Answered.as_str())
            .bind(dek.seal(&id, "answer", &padded_answer(&outcome))?)
            .bind(now_ms())
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        self.seal_row(tx, &TRACING_REQUESTS, &id).await?;
        Ok(id)
    }

    async fn inbound_row<'e, E>(&self, scope: &Scope, id: &str, exec: E) -> Result<AnyRow>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        self.own_row(scope, &TRACING_INBOUND, INBOUND_SEALED, id, exec).await
    }

    fn inbound_key(&self, r: &AnyRow) -> Result<DataKey> {
        let id: String = r.try_get("id")?;
        let w: Vec<u8> = r.try_get::<Option<Vec<u8>>, _>("body_key")?.ok_or(StoreError::Erased)?;
        self.keys().unwrap(&inbound_leaf(&id), &w)
    }

    fn inbound_view(&self, r: &AnyRow) -> Result<TracingInboundView> {
        let id: String = r.try_get("id")?;
        let key = self.inbound_key(r)?;
        // The key is there, so the row was not erased: a context or an
        // answer missing beside it was removed in SQL.
        let alarm = || self.raise_alarm(RecordKind::Tracing, &id, "tracing_inbound");
        let ct: Vec<u8> = r.try_get::<Option<Vec<u8>>, _>("context")?.ok_or_else(alarm)?;
        let context = decode_fields(&key.open(&id, "context", &ct)?)
            .map(|f| Context::from_fields(&f))
            .ok_or(StoreError::Crypto)??;
        let outcome = match r.try_get::<Option<Vec<u8>>, _>("decision")? {
            Some(ct) => {
                let f = decode_fields(&key.open(&id, "decision", &ct)?).ok_or(StoreError::Crypto)?;
                let g = |k: &str| f.get(k).cloned().unwrap_or_default();
                Some(Outcome::parse(&g("outcome"), &g("text"))?)
            }
            None => None,
        };
        let status = InboundStatus::parse(&r.try_get::<String, _>("status")?)?;
        if status == InboundStatus::Answered && outcome.is_none() {
            return Err(alarm());
        }
        Ok(TracingInboundView {
            id: id.parse()?,
            status,
            from_org_name: r.try_get("from_org_name")?,
            context,
            created_at_ms: r.try_get("created_at")?,
            searched: r.try_get::<Option<i64>, _>("searched_at")?.is_some(),
            candidate: r.try_get::<Option<String>, _>("candidate_id")?.map(|s| s.parse()).transpose()?,
            candidate_withheld: false,
            score_permille: r.try_get("score")?,
            outcome,
        })
    }

    /// Whether this reader may open the candidate's record, if there is one.
    async fn reaches_candidate(&self, scope: &Scope, r: &AnyRow) -> Result<bool> {
        match r.try_get::<Option<String>, _>("candidate_id")? {
            Some(c) => Ok(self.fetch_person_row(self.pool(), scope, &c).await?.is_some()),
            None => Ok(true),
        }
    }

    /// Searching again, closing, or answering about a candidate is for
    /// those who may open the candidate's record: someone who cannot must
    /// not wipe a colleague's candidate or speak for the person.
    async fn require_candidate_reach(&self, scope: &Scope, r: &AnyRow) -> Result<()> {
        if self.reaches_candidate(scope, r).await? {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// A received request as this reader may see it: who the candidate is,
    /// and what they answered, only for a reader who reaches the candidate's
    /// record (R25, R17); the candidate shown is audited as a read of them.
    async fn inbound_for(&self, scope: &Scope, r: &AnyRow) -> Result<(TracingInboundView, Option<String>)> {
        let mut v = self.inbound_view(r)?;
        if v.candidate.is_some() && !self.reaches_candidate(scope, r).await? {
            v.candidate = None;
            v.candidate_withheld = true;
            v.score_permille = None;
            v.outcome = None;
        }
        let shown = v.candidate.map(|c| c.to_string());
        Ok((v, shown))
    }

    /// Requests received for this organisation, newest first.
    pub async fn tracing_inbound(&self, scope: &Scope) -> Result<Vec<TracingInboundView>> {
        self.require_tracing(scope, Permission::ReadPerson).await?;
        let sql = format!(
            "SELECT {}, {INBOUND_SEALED} FROM tracing_inbound t WHERE t.org_id = $1 \
             ORDER BY t.created_at DESC LIMIT 500",
            select_cols(&TRACING_INBOUND, "t", "")
        );
        let rows = sqlx::query(&sql).bind(scope.org().to_string()).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut candidates = Vec::new();
        for r in &rows {
            self.check_row(&TRACING_INBOUND, r, "").await?;
            let (v, shown) = self.inbound_for(scope, r).await?;
            candidates.extend(shown);
            out.push(v);
        }
        let ids: Vec<String> = out.iter().map(|v| v.id.to_string()).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.audit_read(scope, Action::List, RecordKind::Tracing, &refs, "inbound").await?;
        if !candidates.is_empty() {
            let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
            self.audit_read(scope, Action::Read, RecordKind::Person, &refs, "tracing_candidate").await?;
        }
        Ok(out)
    }

    pub async fn get_tracing_inbound(&self, scope: &Scope, id: TracingInboundId) -> Result<TracingInboundView> {
        self.require_tracing(scope, Permission::ReadPerson).await?;
        let id_s = id.to_string();
        let r = self.inbound_row(scope, &id_s, self.pool()).await?;
        let (view, shown) = self.inbound_for(scope, &r).await?;
        self.audit_read(scope, Action::Read, RecordKind::Tracing, &[&id_s], "inbound").await?;
        if let Some(c) = shown {
            self.audit_read(scope, Action::Read, RecordKind::Person, &[&c], "tracing_candidate").await?;
        }
        Ok(view)
    }

    /// Looks for the person a received request may be about, among the
    /// people this caseworker may read (their reach, not the whole
    /// registry), and keeps the best candidate above the threshold. Each
    /// person's names are encoded here under the partnership's secret and
    /// compared with the request's encodings; no name of the request is
    /// ever seen. Returns how many people were compared; the search and the
    /// candidate are audited.
    pub async fn search_tracing_candidate(&self, scope: &Scope, id: TracingInboundId) -> Result<usize> {
        // It changes what the request's reviewers see, so it is a write.
        self.require_tracing(scope, Permission::WriteCase).await?;
        let id_s = id.to_string();
        let r = self.inbound_row(scope, &id_s, self.pool()).await?;
        require_pending(&r)?;
        self.require_candidate_reach(scope, &r).await?;
        let key_row = self.inbound_key(&r)?;
        let ct: Vec<u8> = r.try_get::<Option<Vec<u8>>, _>("encoded")?.ok_or(StoreError::Erased)?;
        let b64 = key_row.open(&id_s, "encoded", &ct)?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64.as_bytes()).map_err(|_| StoreError::Crypto)?;
        let file = parse_encoded(&bytes).map_err(|_| StoreError::Crypto)?;
        let partner: String = r.try_get("partner")?;
        let (_, public) = self.partner_public(&partner).await?.ok_or(StoreError::NotFound)?;
        let key = linkage_key(self, &public)?;

        // The people in this reader's reach, opened as a read of each.
        let reach = ReachSql::persons(scope, 2);
        let hidden = self.hidden_duplicates(&scope.org().to_string()).await?;
        let sql = format!(
            "SELECT p.*, k.wrapped{} FROM persons p JOIN person_keys k ON k.person_id = p.id \
             {} WHERE p.id <> $1 AND {} AND p.erased_at IS NULL ORDER BY p.created_at DESC LIMIT {MAX_SEARCH}",
            reach.columns, reach.joins, reach.condition
        );
        let rows = reach.bind(sqlx::query(&sql).bind("")).fetch_all(self.pool()).await?;
        let today = today();
        // Every name of every person, each with whose it is.
        let mut rows_to_score: Vec<haven_trace::people::Person> = Vec::new();
        let mut owners: Vec<PersonId> = Vec::new();
        let mut read: Vec<String> = Vec::new();
        for row in &rows {
            let pid_s: String = row.try_get("id")?;
            if hidden.contains(&pid_s) {
                continue;
            }
            let pid: PersonId = pid_s.parse()?;
            let view = match self.view_from_row(scope, pid, &pid_s, row) {
                Ok(v) => v,
                Err(StoreError::NotFound) => continue,
                Err(e) => return Err(e),
            };
            // R17: a reader who may not see who the person is cannot match them.
            if view.withheld.contains(haven_core::access::Category::Identity) {
                continue;
            }
            let PersonState::Active(p) = view.state else { continue };
            read.push(pid_s);
            let birth = match p.birth {
                haven_core::person::Birth::DateOfBirth(d) => haven_trace::people::Birth::Date(trace_date(d)),
                haven_core::person::Birth::Estimated { years, .. } => {
                    haven_trace::people::Birth::AgeRange { lo: years.saturating_sub(2), hi: years.saturating_add(2) }
                }
                haven_core::person::Birth::Unknown => haven_trace::people::Birth::Unknown,
            };
            let mut names = vec![p.full_name.as_str().to_owned()];
            names.extend(p.latin_name.iter().map(|n| n.as_str().to_owned()));
            names.extend(p.other_names.iter().map(|n| n.as_str().to_owned()));
            for n in names {
                rows_to_score.push(haven_trace::people::Person {
                    id: String::new(),
                    full_name: n,
                    sex: trace_sex(p.sex.as_deref()),
                    birth,
                    nationality: p.nationalities.first().map(|c| c.as_str().to_owned()),
                    place_of_origin: String::new(),
                    on: Some(trace_date(today)),
                });
                owners.push(pid);
            }
        }
        // Every request name against every name of every person, each pair
        // scored on its own (so a person's two spellings never compete); the
        // best pair names the candidate.
        let mut enc = Encoder::new(&key);
        let encoded: Vec<_> = rows_to_score.iter().map(|p| enc.encode(p)).collect();
        let (left, right) = (Prepared::new(&file.records), Prepared::new(&encoded));
        let mut best: Option<(PersonId, f64)> = None;
        for i in 0..file.records.len() {
            for (j, owner) in owners.iter().enumerate() {
                let s = score_of(weight(&left, i, &right, j));
                if s >= CANDIDATE_THRESHOLD && best.is_none_or(|(_, b)| s > b) {
                    best = Some((*owner, s));
                }
            }
        }
        let mut tx = self.begin().await?;
        // Read again under the lock: two caseworkers may search at once.
        let r = self.inbound_row(scope, &id_s, &mut *tx).await?;
        require_pending(&r)?;
        self.require_candidate_reach(scope, &r).await?;
        #[allow(clippy::cast_possible_truncation)]
        let score = best.map(|(_, s)| (s * 1000.0).round() as i64);
        sqlx::query(
            "UPDATE tracing_inbound SET candidate_id = $1, score = $2, searched_by = $3, searched_at = $4 WHERE id = $5",
        )
        .bind(best.map(|(p, _)| p.to_string()))
        .bind(score)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .bind(&id_s)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &TRACING_INBOUND, &id_s).await?;
        // The people compared were opened here but nothing of theirs reaches
        // the caseworker: the search is audited once, with how many were
        // compared, and the candidate, whose record is what they are shown,
        // as a read of that person.
        let outcome = if best.is_some() { "candidate" } else { "no_candidate" };
        self.append_scoped(&mut tx, scope, Action::Search, RecordKind::Tracing, &id_s, outcome).await?;
        if let Some((candidate, _)) = best {
            let c = candidate.to_string();
            self.append_scoped(&mut tx, scope, Action::Read, RecordKind::Person, &c, "tracing_candidate").await?;
        }
        tx.commit().await?;
        Ok(read.len())
    }

    /// The caseworker judged the candidate plausible and will ask them
    /// (R25: the holding side reviews first). They must still reach the
    /// candidate.
    pub async fn mark_tracing_plausible(&self, scope: &Scope, id: TracingInboundId) -> Result<()> {
        self.require_tracing(scope, Permission::WriteCase).await?;
        let id_s = id.to_string();
        let mut tx = self.begin().await?;
        let r = self.inbound_row(scope, &id_s, &mut *tx).await?;
        require_pending(&r)?;
        let Some(candidate) = r.try_get::<Option<String>, _>("candidate_id")? else {
            return Err(ValidationError::new("request", "tracing_no_candidate", "no candidate has been found").into());
        };
        if self.fetch_person_row(&mut *tx, scope, &candidate).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("UPDATE tracing_inbound SET status = $1 WHERE id = $2")
            .bind(InboundStatus::Plausible.as_str())
            .bind(&id_s)
            .execute(&mut *tx)
            .await?;
        self.seal_row(&mut tx, &TRACING_INBOUND, &id_s).await?;
        self.append_scoped(&mut tx, scope, Action::Review, RecordKind::Tracing, &id_s, "plausible").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes a received request without asking anyone: nobody plausible
    /// was found. The partner hears `closed`, the same answer as a declined
    /// contact.
    pub async fn close_tracing_inbound(&self, scope: &Scope, id: TracingInboundId) -> Result<()> {
        self.answer_inbound(scope, id, None).await
    }

    /// Records what the person decided and sends only that back (R25).
    pub async fn decide_tracing(
        &self,
        scope: &Scope,
        id: TracingInboundId,
        decision: Decision,
        text: &str,
    ) -> Result<()> {
        let outcome = decision.outcome(text)?;
        self.answer_inbound(scope, id, Some(outcome)).await
    }

    async fn answer_inbound(&self, scope: &Scope, id: TracingInboundId, decided: Option<Outcome>) -> Result<()> {
        self.require_tracing(scope, Permission::WriteCase).await?;
        let id_s = id.to_string();
        let mut tx = self.begin().await?;
        let r = self.inbound_row(scope, &id_s, &mut *tx).await?;
        let status = InboundStatus::parse(&r.try_get::<String, _>("status")?)?;
        let allowed =
            if decided.is_some() { rules::may_record_decision(status) } else { rules::may_close_unmatched(status) };
        if !allowed {
            let v = if decided.is_some() && status != InboundStatus::Answered {
                ValidationError::new(
                    "request",
                    "tracing_not_plausible_yet",
                    "judge the candidate plausible before asking them",
                )
            } else {
                ValidationError::new("request", "tracing_already_reviewed", "this request has been reviewed")
            };
            return Err(v.into());
        }
        // Whoever answers about a candidate must reach them: they judged the
        // likeness, or asked the person. A colleague who cannot open the
        // record cannot speak for what the person decided.
        self.require_candidate_reach(scope, &r).await?;
        let outcome = decided.clone().unwrap_or(Outcome::Closed);
        let key = self.inbound_key(&r)?;
        let partner: String = r.try_get("partner")?;
        let remote_id: String = r.try_get("remote_id")?;
        let body = TracingAnswerPayload {
            format: haven_exchange::FORMAT,
            request_id: remote_id,
            outcome: outcome.kind().to_owned(),
            text: outcome.text().to_owned(),
        }
        .to_bytes()
        .map_err(exchange_error)?;
        self.queue_package(&mut tx, &partner, PackageKind::TracingAnswer, Some(&id_s), &body).await?;
        sqlx::query(
            "UPDATE tracing_inbound SET status = $1, decision = $2, decided_by = $3, decided_at = $4 WHERE id = $5",
        )
        .bind(InboundStatus::Answered.as_str())
        .bind(key.seal(&id_s, "decision", &padded_answer(&outcome))?)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .bind(&id_s)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &TRACING_INBOUND, &id_s).await?;
        // Which answer went back stays out of the clear audit log: it is the
        // person's decision.
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::Tracing, &id_s, "answered").await?;
        tx.commit().await?;
        Ok(())
    }
}
