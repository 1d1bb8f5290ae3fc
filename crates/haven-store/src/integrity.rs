//! Integrity of authorisation data against someone with SQL write access
//! but no master key (R16, R17, R27).
//!
//! Every row that decides who may do what carries `row_mac`, a keyed MAC
//! over the columns listed here, and the table below is the one definition
//! writers and readers share. A reader that finds a MAC missing or wrong
//! refuses the row and records an `integrity_alarm` audit event, which the
//! auditor's page lists; `haven audit verify` checks every row of every
//! table here and fails on the first that does not match.
//!
//! Columns outside a MAC are those that decide nothing (timestamps of last
//! use, display names of services) or that are sealed under a person's key
//! with the record id as associated data, which already binds them.

use haven_core::audit::{Action, RecordKind};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::crypto::{Keys, RowMac};
use crate::{Result, Store, StoreError};

/// The database's key scheme once its person keys hang off the key tree and
/// its rows carry MACs.
pub const KEY_SCHEME: &str = "2";

#[derive(Clone, Copy)]
pub(crate) enum Col {
    Text(&'static str),
    Int(&'static str),
}

#[derive(Clone, Copy)]
pub(crate) struct MacSpec {
    pub table: &'static str,
    pub id: &'static str,
    pub kind: RecordKind,
    pub cols: &'static [Col],
    /// Whether the row is bound to the audit log by `row_seq` (see
    /// [`Store::seal_row`]). Only sessions are not: a session row is worth
    /// nothing without its cookie secret, which the database never holds.
    pub bound: bool,
}

use Col::{Int, Text};

pub(crate) const USERS: MacSpec = MacSpec {
    table: "users",
    id: "id",
    kind: RecordKind::User,
    cols: &[
        Text("org_id"),
        Text("username"),
        Text("role"),
        Text("password_hash"),
        Int("must_change_password"),
        Int("disabled"),
        Text("status"),
        Int("totp_enabled"),
        Text("created_by"),
        Text("approved_by"),
    ],
    bound: true,
};

pub(crate) const ORGANISATIONS: MacSpec = MacSpec {
    table: "organisations",
    id: "id",
    kind: RecordKind::Organisation,
    cols: &[Text("name"), Text("kind"), Text("country"), Int("caseworkers_see_all")],
    bound: true,
};

pub(crate) const SESSIONS: MacSpec = MacSpec {
    table: "sessions",
    id: "id_hash",
    kind: RecordKind::User,
    cols: &[Text("user_id"), Text("csrf"), Int("created_at"), Int("mfa_ok")],
    bound: false,
};

pub(crate) const API_TOKENS: MacSpec = MacSpec {
    table: "api_tokens",
    id: "id",
    kind: RecordKind::Token,
    cols: &[
        Text("user_id"),
        Text("token_hash"),
        Int("created_at"),
        Int("revoked_at"),
        Int("expires_at"),
        Text("scopes"),
        Text("status"),
    ],
    bound: true,
};

/// A person's organisation and creator decide who reaches them; where they
/// are (a keyed tag) decides what is urgent, so it is bound to the row too.
pub(crate) const PERSONS: MacSpec = MacSpec {
    table: "persons",
    id: "id",
    kind: RecordKind::Person,
    cols: &[Text("org_id"), Text("created_by"), Text("location")],
    bound: true,
};

/// A case's assignment makes a caseworker's reach.
pub(crate) const CASES: MacSpec = MacSpec {
    table: "cases",
    id: "id",
    kind: RecordKind::Case,
    cols: &[Text("person_id"), Text("org_id"), Text("assigned_to"), Text("status")],
    bound: true,
};

pub(crate) const ACCESS_GRANTS: MacSpec = MacSpec {
    table: "access_grants",
    id: "id",
    kind: RecordKind::Grant,
    // Who reviewed a break-glass grant, and when, is what keeps it out of
    // the review queue: an edit there would hide an emergency access.
    cols: &[
        Text("person_id"),
        Text("org_id"),
        Text("user_id"),
        Int("expires_at"),
        Text("reviewed_by"),
        Int("reviewed_at"),
    ],
    bound: true,
};

/// A consent decides what leaves the organisation, to whom, until when (R17).
pub(crate) const CONSENTS: MacSpec = MacSpec {
    table: "consents",
    id: "id",
    kind: RecordKind::Consent,
    cols: &[
        Text("person_id"),
        Text("org_id"),
        Text("purpose"),
        Text("recipient_org_id"),
        Text("categories"),
        Text("expires_on"),
        Int("withdrawn_at"),
    ],
    bound: true,
};

pub(crate) const CONSENT_OVERRIDES: MacSpec = MacSpec {
    table: "consent_overrides",
    id: "id",
    kind: RecordKind::Consent,
    cols: &[Text("person_id"), Text("org_id"), Text("purpose"), Text("recipient_org_id"), Text("categories")],
    bound: true,
};

/// A referral's recipient, status, consent and handler open the person to
/// another organisation.
pub(crate) const REFERRALS: MacSpec = MacSpec {
    table: "referrals",
    id: "id",
    kind: RecordKind::Referral,
    cols: &[
        Text("person_id"),
        Text("from_org_id"),
        Text("to_org_id"),
        Text("status"),
        Text("consent_id"),
        Text("handled_by"),
    ],
    bound: true,
};

/// What an enforcement organisation may read, under which consent (R16).
pub(crate) const INBOX_DOCUMENTS: MacSpec = MacSpec {
    table: "inbox_documents",
    id: "id",
    kind: RecordKind::Consent,
    cols: &[Text("recipient_org_id"), Text("consent_id"), Text("person_id")],
    bound: true,
};

/// A screening's outcome (a keyed tag) decides whether the non-punishment
/// notice exists (R11) and which tasks are raised (R13): bound to its row so
/// that another row's tag copied in is refused.
pub(crate) const SCREENINGS: MacSpec = MacSpec {
    table: "screenings",
    id: "id",
    kind: RecordKind::Screening,
    cols: &[Text("person_id"), Text("org_id"), Text("status"), Text("outcome")],
    bound: true,
};

/// A protection record's kind (a keyed tag) decides which deadlines and
/// tasks follow from it.
pub(crate) const PROTECTION_RECORDS: MacSpec = MacSpec {
    table: "protection_records",
    id: "id",
    kind: RecordKind::Person,
    cols: &[Text("person_id"), Text("org_id"), Text("kind")],
    bound: true,
};

/// A partner's keys decide whose packages are believed and to whom cases
/// are encrypted; its counters and window decide what is a replay (R24).
pub(crate) const PARTNERS: MacSpec = MacSpec {
    table: "partners",
    id: "fingerprint",
    kind: RecordKind::Partner,
    cols: &[
        Text("name"),
        Text("url"),
        Text("signing_key"),
        Text("encryption_key"),
        Int("send_seq"),
        Text("recv_window"),
        Int("removed_at"),
    ],
    bound: true,
};

/// Marks an organisation as a partner's: a case goes to it only by package.
pub(crate) const PARTNER_ORGS: MacSpec = MacSpec {
    table: "partner_orgs",
    id: "org_id",
    kind: RecordKind::Partner,
    cols: &[Text("partner"), Text("remote_id")],
    bound: true,
};

/// A transfer's ends, consent and status decide what left and what the
/// receiving organisation may open (R24).
pub(crate) const TRANSFERS: MacSpec = MacSpec {
    table: "transfers",
    id: "id",
    kind: RecordKind::Transfer,
    cols: &[
        Text("direction"),
        Text("partner"),
        Text("local_org_id"),
        Text("remote_org_id"),
        Text("person_id"),
        Text("consent_id"),
        Text("status"),
        Text("categories"),
        Text("handled_by"),
        Int("revoked_at"),
    ],
    bound: true,
};

/// A follow-up the receiving organisation sent: a forged "needs help", or a
/// deleted one, would send a caseworker the wrong way.
pub(crate) const TRANSFER_FOLLOW_UPS: MacSpec = MacSpec {
    table: "transfer_follow_ups",
    id: "id",
    kind: RecordKind::Transfer,
    cols: &[Text("transfer_id"), Text("status"), Text("recorded_by"), Int("at"), Text("handled_by"), Int("handled_at")],
    bound: true,
};

/// A person's field history: a change moved to another person, or
/// backdated, or deleted in SQL would misstate who corrected what.
pub(crate) const PERSON_HISTORY: MacSpec = MacSpec {
    table: "person_history",
    id: "id",
    kind: RecordKind::Person,
    cols: &[Text("person_id"), Text("changed_by"), Int("changed_at")],
    bound: true,
};

pub(crate) const PERSON_MERGES: MacSpec = MacSpec {
    table: "person_merges",
    id: "id",
    kind: RecordKind::Person,
    cols: &[
        Text("org_id"),
        Text("kept_id"),
        Text("merged_id"),
        Text("status"),
        Text("proposed_by"),
        Int("proposed_at"),
        Text("decided_by"),
        Int("decided_at"),
    ],
    bound: true,
};

/// A tracing request's owner, state and recipient decide who reads it and
/// whether an answer is taken; a row moved or re-stated in SQL would show
/// a family an answer that never came (R25).
pub(crate) const TRACING_REQUESTS: MacSpec = MacSpec {
    table: "tracing_requests",
    id: "id",
    kind: RecordKind::Tracing,
    cols: &[
        Text("org_id"),
        Text("status"),
        Text("recipient_org_id"),
        Text("partner"),
        Text("created_by"),
        Int("created_at"),
        Int("sent_at"),
        Int("answered_at"),
        Text("closed_by"),
        Int("closed_at"),
    ],
    bound: true,
};

/// A received request's holder, sender, state and candidate decide who is
/// asked and what goes back: a candidate swapped in SQL would have a
/// caseworker ask the wrong person (R25).
pub(crate) const TRACING_INBOUND: MacSpec = MacSpec {
    table: "tracing_inbound",
    id: "id",
    kind: RecordKind::Tracing,
    cols: &[
        Text("org_id"),
        Text("partner"),
        Text("remote_id"),
        Text("status"),
        Text("candidate_id"),
        Int("score"),
        Text("searched_by"),
        Int("searched_at"),
        Text("decided_by"),
        Int("decided_at"),
        Int("created_at"),
    ],
    bound: true,
};

pub(crate) const ALL: &[&MacSpec] = &[
    &ORGANISATIONS,
    &USERS,
    &SESSIONS,
    &API_TOKENS,
    &PERSONS,
    &CASES,
    &ACCESS_GRANTS,
    &CONSENTS,
    &CONSENT_OVERRIDES,
    &REFERRALS,
    &INBOX_DOCUMENTS,
    &SCREENINGS,
    &PROTECTION_RECORDS,
    &PARTNERS,
    &PARTNER_ORGS,
    &TRANSFERS,
    &TRANSFER_FOLLOW_UPS,
    &PERSON_HISTORY,
    &PERSON_MERGES,
    &TRACING_REQUESTS,
    &TRACING_INBOUND,
];

/// The MAC of a row whose columns are named `{prefix}{column}` (so joined
/// queries can alias one table's columns).
pub(crate) fn mac_of(keys: &Keys, spec: &MacSpec, row: &AnyRow, prefix: &str) -> Result<RowMac> {
    let id: String = row.try_get(format!("{prefix}{}", spec.id).as_str())?;
    let mut mac = keys.row_mac(spec.table, &id);
    for col in spec.cols {
        mac = match col {
            Text(c) => mac.text(row.try_get::<Option<String>, _>(format!("{prefix}{c}").as_str())?.as_deref()),
            Int(c) => mac.int(row.try_get::<Option<i64>, _>(format!("{prefix}{c}").as_str())?),
        };
    }
    if spec.bound {
        mac = mac.int(row.try_get::<Option<i64>, _>(format!("{prefix}row_seq").as_str())?);
    }
    Ok(mac)
}

/// Whether a row written before binding carries the MAC of that time: over
/// the columns the spec had then, without `row_seq`. A person's location and
/// a grant's review joined their MACs at the same upgrade; screenings and
/// protection records had no MAC at all, so their rows are sealed as they
/// stand (see [`Store::bind_rows_once`]).
fn legacy_mac_ok(keys: &Keys, spec: &MacSpec, row: &AnyRow) -> Result<bool> {
    let cols: &'static [Col] = match spec.table {
        // They had no MAC before: only a row never sealed is taken as it
        // stands (a sealed one carries a bound MAC and is left to alarm).
        "screenings" | "protection_records" => {
            return Ok(row.try_get::<Option<String>, _>("row_mac")?.is_none());
        }
        "persons" => &[Text("org_id"), Text("created_by")],
        "access_grants" => &[Text("person_id"), Text("org_id"), Text("user_id"), Int("expires_at")],
        _ => spec.cols,
    };
    let legacy = MacSpec { bound: false, cols, ..*spec };
    let stored: Option<String> = row.try_get("row_mac")?;
    Ok(mac_of(keys, &legacy, row, "")?.verify(stored.as_deref()))
}

/// The audit record id of a row's `row_write` events.
pub(crate) fn row_record(spec: &MacSpec, id: &str) -> String {
    format!("{}:{id}", spec.table)
}

/// Whether a row's stored MAC (column `{prefix}row_mac`) matches, and, for
/// a row bound to the audit log, whether it is the row's latest version:
/// its `row_seq` must be the latest `row_write` event for it. An earlier
/// copy of the row carries an earlier sequence number under a valid MAC;
/// hiding the later event instead breaks the audit chain, which
/// `haven audit verify` and start-up check.
pub(crate) fn row_ok(keys: &Keys, spec: &MacSpec, row: &AnyRow, prefix: &str) -> Result<bool> {
    let stored: Option<String> = row.try_get(format!("{prefix}row_mac").as_str())?;
    if !mac_of(keys, spec, row, prefix)?.verify(stored.as_deref()) {
        return Ok(false);
    }
    if spec.bound {
        let seq: Option<i64> = row.try_get(format!("{prefix}row_seq").as_str())?;
        let latest: Option<i64> = row.try_get(format!("{prefix}latest_seq").as_str())?;
        return Ok(seq.is_some() && seq == latest);
    }
    Ok(true)
}

/// The columns to select for a spec, aliased with a prefix; for a bound
/// spec also the row's latest `row_write` sequence number, read in the same
/// statement (one round trip, and inside the caller's transaction).
pub(crate) fn select_cols(spec: &MacSpec, alias: &str, prefix: &str) -> String {
    let mut cols = vec![spec.id];
    cols.extend(spec.cols.iter().map(|c| match c {
        Text(n) | Int(n) => *n,
    }));
    cols.push("row_mac");
    if spec.bound {
        cols.push("row_seq");
    }
    let mut out = cols.iter().map(|c| format!("{alias}.{c} AS {prefix}{c}")).collect::<Vec<_>>().join(", ");
    if spec.bound {
        out.push_str(&format!(", {}", latest_col(spec, alias, prefix)));
    }
    out
}

/// The row's latest `row_write` sequence number, as `{prefix}latest_seq`:
/// for queries that select a bound table's columns with `alias.*`.
pub(crate) fn latest_col(spec: &MacSpec, alias: &str, prefix: &str) -> String {
    format!(
        "(SELECT MAX(ev.seq) FROM audit_events ev WHERE ev.record_id = '{}:' || {alias}.{}) AS {prefix}latest_seq",
        spec.table, spec.id
    )
}

impl Store {
    /// Appends one `row_write` audit event per row id and returns their
    /// sequence numbers, in order: the `row_seq` each row is then sealed
    /// with. Writers that build the MAC themselves (bulk creation) call it
    /// before inserting.
    pub(crate) async fn row_writes(&self, tx: &mut crate::WriteTx, spec: &MacSpec, ids: &[&str]) -> Result<Vec<i64>> {
        let records: Vec<String> = ids.iter().map(|id| row_record(spec, id)).collect();
        let refs: Vec<&str> = records.iter().map(String::as_str).collect();
        let ctx = crate::audit::Context { actor: "system", purpose: "integrity", request_id: "" };
        let last = self.append_many(tx, &ctx, Action::RowWrite, spec.kind, &refs, "sealed").await?;
        let first = last - ids.len() as i64 + 1;
        Ok((first..=last).collect())
    }

    /// Recomputes one row's MAC, inside whatever transaction changed it,
    /// binding it to a new `row_write` event when the spec is bound.
    pub(crate) async fn seal_row(&self, tx: &mut crate::WriteTx, spec: &MacSpec, id: &str) -> Result<()> {
        if spec.bound {
            let seq = self.row_writes(tx, spec, &[id]).await?[0];
            sqlx::query(&format!("UPDATE {} SET row_seq = $1 WHERE {} = $2", spec.table, spec.id))
                .bind(seq)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        self.seal_unbound(tx, spec, id).await
    }

    /// Recomputes the MAC of a row as it stands (its `row_seq` included).
    pub(crate) async fn seal_unbound(&self, conn: &mut sqlx::AnyConnection, spec: &MacSpec, id: &str) -> Result<()> {
        // Sealing reads the row back: a trigger (or a PostgreSQL rule) that
        // rewrites it in the same statement would have its values sealed as
        // if haven had written them. haven creates none, so any is an insider's.
        self.refuse_rewriting_hooks(conn).await?;
        let sql = format!("SELECT {} FROM {} t WHERE t.{} = $1", select_cols(spec, "t", ""), spec.table, spec.id);
        let row = sqlx::query(&sql).bind(id).fetch_one(&mut *conn).await?;
        let mac = mac_of(self.keys(), spec, &row, "")?.finish();
        sqlx::query(&format!("UPDATE {} SET row_mac = $1 WHERE {} = $2", spec.table, spec.id))
            .bind(mac)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Fails, with an alarm, if the database holds a trigger or a rewrite
    /// rule: someone with SQL access could use one to change a row at the
    /// moment haven seals it. Checked inside the sealing transaction.
    pub(crate) async fn refuse_rewriting_hooks(&self, conn: &mut sqlx::AnyConnection) -> Result<()> {
        let sql = match self.backend() {
            crate::Backend::Sqlite => "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'",
            crate::Backend::Postgres => {
                "SELECT CAST((SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()) \
                 + (SELECT COUNT(*) FROM pg_rules WHERE schemaname = current_schema()) AS BIGINT) AS n"
            }
        };
        let n: i64 = sqlx::query(sql).fetch_one(&mut *conn).await?.try_get("n")?;
        if n > 0 {
            return Err(self.raise_alarm(RecordKind::System, "database_hooks", "triggers"));
        }
        Ok(())
    }

    /// Checks a fetched row; on a mismatch records the alarm and fails.
    pub(crate) async fn check_row(&self, spec: &MacSpec, row: &AnyRow, prefix: &str) -> Result<()> {
        if row_ok(self.keys(), spec, row, prefix)? {
            return Ok(());
        }
        let id: String = row.try_get(format!("{prefix}{}", spec.id).as_str())?;
        Err(self.integrity_alarm(spec.kind, &id, spec.table).await)
    }

    /// Every row of every table under a MAC that fails it, as (table, id),
    /// and every row of a bound table that was written and is gone, as
    /// (table, "id (deleted)"). A MAC cannot notice its own row's absence,
    /// but each write of a bound row left a `row_write` event in the
    /// hash-chained log, and haven deletes no such row: so an insider who
    /// deletes a follow-up, a consent or a transfer in SQL is found here.
    pub async fn verify_integrity(&self) -> Result<Vec<(&'static str, String)>> {
        let mut bad = Vec::new();
        for spec in ALL {
            let sql = format!("SELECT {} FROM {} t", select_cols(spec, "t", ""), spec.table);
            for row in sqlx::query(&sql).fetch_all(self.pool()).await? {
                if !row_ok(self.keys(), spec, &row, "")? {
                    bad.push((spec.table, row.try_get::<String, _>(spec.id)?));
                }
            }
        }
        // The id is cut from the record (`table:id`) rather than the record
        // built from the id, so the table's primary key index answers each
        // lookup: verify stays linear in the log's size.
        for spec in ALL.iter().filter(|s| s.bound) {
            let prefix = row_record(spec, "");
            let sql = format!(
                "SELECT DISTINCT a.record_id FROM audit_events a WHERE a.action = 'row_write' AND a.record_id LIKE $1 \
                 AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{id} = substr(a.record_id, length(CAST($2 AS TEXT)) + 1)) \
                 ORDER BY a.record_id",
                table = spec.table,
                id = spec.id
            );
            for row in sqlx::query(&sql).bind(format!("{prefix}%")).bind(&prefix).fetch_all(self.pool()).await? {
                let record: String = row.try_get("record_id")?;
                if let Some(id) = record.strip_prefix(&prefix) {
                    bad.push((spec.table, format!("{id} (deleted)")));
                }
            }
        }
        Ok(bad)
    }

    /// Converts an installation from before key-file version 2, once: every
    /// person key is rewrapped under the key tree, inbox documents are sealed
    /// under their person's key (so erasure reaches them), every
    /// authorisation row gets its MAC, and the key file is rewritten sealed.
    /// Backups made before the conversion are still readable with the old
    /// master key alone: destroy them once a backup of the converted
    /// installation exists.
    pub(crate) async fn convert_to_sealed(&self, key_path: &std::path::Path) -> Result<()> {
        let mut tx = self.begin().await?;
        self.rebuild_audit_tree(&mut tx).await?;
        let rows = sqlx::query("SELECT person_id, wrapped FROM person_keys").fetch_all(&mut *tx).await?;
        for r in &rows {
            let id: String = r.try_get("person_id")?;
            let wrapped: Vec<u8> = r.try_get("wrapped")?;
            if self.keys().unwrap(&id, &wrapped).is_ok() {
                continue;
            }
            let dek = self.keys().unwrap_legacy(&id, &wrapped)?;
            sqlx::query("UPDATE person_keys SET wrapped = $1 WHERE person_id = $2")
                .bind(self.keys().wrap(&id, &dek)?)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
        for r in sqlx::query("SELECT id, person_id, content FROM inbox_documents WHERE content IS NOT NULL")
            .fetch_all(&mut *tx)
            .await?
        {
            let id: String = r.try_get("id")?;
            let person: Option<String> = r.try_get("person_id")?;
            let content: Vec<u8> = r.try_get("content")?;
            let Ok(plain) = self.keys().open_secret(&format!("inbox\0{id}"), &content) else { continue };
            let resealed = match &person {
                Some(p) => match self.person_dek(&mut tx, p).await? {
                    Some(dek) => Some(dek.seal(&id, "content", &String::from_utf8_lossy(&plain))?),
                    None => None,
                },
                None => None,
            };
            sqlx::query("UPDATE inbox_documents SET content = $1 WHERE id = $2")
                .bind(resealed)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
        self.seal_situation_columns(&mut tx).await?;
        for spec in ALL {
            let ids: Vec<String> = sqlx::query(&format!("SELECT {} AS id FROM {}", spec.id, spec.table))
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<std::result::Result<_, _>>()?;
            for id in ids {
                self.seal_row(&mut tx, spec, &id).await?;
            }
        }
        sqlx::query("DELETE FROM meta WHERE key = 'key_scheme'").execute(&mut *tx).await?;
        sqlx::query("INSERT INTO meta (key, value) VALUES ('key_scheme', $1)")
            .bind(KEY_SCHEME)
            .execute(&mut *tx)
            .await?;
        let ctx = crate::audit::Context { actor: "system", purpose: "key_conversion", request_id: "startup" };
        self.append(&mut tx, &ctx, Action::Update, RecordKind::System, "key_file", "converted").await?;
        tx.commit().await?;
        crate::keyfile::update_locked(key_path, |kf| {
            for id in kf.erased.keys().cloned().collect::<Vec<_>>() {
                kf.tree.puncture(crate::keyfile::leaf_of(&id));
            }
            kf.sealed = true;
            kf.legacy = false;
            kf.bound = true;
        })?;
        let legacy = crate::keyfile::legacy_ledger_path(key_path);
        if legacy.exists() {
            std::fs::remove_file(legacy)?;
        }
        tracing::info!("converted to key-file version 2: person keys rewrapped, authorisation rows sealed");
        Ok(())
    }

    /// Binds every row to the audit log once, on the first start after the
    /// upgrade that introduced `row_seq`: rows written before it carry no
    /// sequence number, so each row whose MAC of that time verifies is
    /// sealed with a new `row_write` event. Whether it has run is kept in
    /// the key file (under its MAC, outside the database), so someone with
    /// SQL access cannot make it run again to have tampered rows resealed.
    /// It trusts the rows as they stand, which is why the upgrade notes ask
    /// for `haven audit verify` before upgrading.
    pub(crate) async fn bind_rows_once(&self, key_path: &std::path::Path) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut bound = 0usize;
        for spec in ALL.iter().filter(|s| s.bound) {
            let sql = format!("SELECT {} FROM {} t WHERE t.row_seq IS NULL", select_cols(spec, "t", ""), spec.table);
            let rows = sqlx::query(&sql).fetch_all(&mut *tx).await?;
            for row in rows {
                let id: String = row.try_get(spec.id)?;
                // A row that fails the MAC of its time stays as it is, and
                // alarms when read.
                if legacy_mac_ok(self.keys(), spec, &row)? {
                    self.seal_row(&mut tx, spec, &id).await?;
                    bound += 1;
                }
            }
        }
        let ctx = crate::audit::Context { actor: "system", purpose: "integrity", request_id: "startup" };
        self.append(&mut tx, &ctx, Action::Update, RecordKind::System, "row_binding", "converted").await?;
        tx.commit().await?;
        crate::keyfile::update_locked(key_path, |kf| kf.bound = true)?;
        if bound > 0 {
            tracing::info!(rows = bound, "bound existing rows to the audit log");
        }
        Ok(())
    }

    /// Part of the conversion: the columns that said in the clear where a
    /// person is, what was found, what they need and what was done to them
    /// become keyed tags or sealed values (see ARCHITECTURE.md's column
    /// table). A value that is not a known clear code is taken as already
    /// converted. Rows of erased people, whose key is gone, are blanked.
    async fn seal_situation_columns(&self, tx: &mut crate::WriteTx) -> Result<()> {
        use tags::*;
        let locations = Self::location_codes();
        for r in sqlx::query("SELECT id, org_id, location FROM persons").fetch_all(&mut **tx).await? {
            let (id, org, loc): (String, String, String) =
                (r.try_get("id")?, r.try_get("org_id")?, r.try_get("location")?);
            if locations.contains(&loc.as_str()) {
                sqlx::query("UPDATE persons SET location = $1 WHERE id = $2")
                    .bind(self.tag(LOCATION, &org, &loc))
                    .bind(&id)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        let purposes: Vec<&str> = haven_core::consent::ConsentPurpose::ALL.iter().map(|p| p.as_str()).collect();
        for table in ["consents", "consent_overrides"] {
            for r in sqlx::query(&format!("SELECT id, org_id, purpose FROM {table}")).fetch_all(&mut **tx).await? {
                let (id, org, purpose): (String, String, String) =
                    (r.try_get("id")?, r.try_get("org_id")?, r.try_get("purpose")?);
                if purposes.contains(&purpose.as_str()) {
                    sqlx::query(&format!("UPDATE {table} SET purpose = $1 WHERE id = $2"))
                        .bind(self.tag(CONSENT_PURPOSE, &org, &purpose))
                        .bind(&id)
                        .execute(&mut **tx)
                        .await?;
                }
            }
        }
        let kinds: Vec<&str> = haven_core::protection::Kind::ALL.iter().map(|k| k.as_str()).collect();
        // (table, columns to seal in hex, tagged column and its domain and codes)
        type Tagged<'a> = Option<(&'static str, &'static str, &'a [&'a str])>;
        let jobs: [(&str, &[&str], Tagged<'_>); 7] = [
            ("consents", &["language"], None),
            ("screenings", &["survivor_language"], Some(("outcome", OUTCOME, OUTCOMES))),
            ("decisions", &["conclusion"], None),
            ("penalties", &["kind", "country", "imposed_on", "consequence", "expungement"], None),
            ("protection_records", &["status", "due_dates"], Some(("kind", PROTECTION_KIND, &kinds))),
            ("referrals", &["service_type"], None),
            ("inbox_documents", &["kind"], None),
        ];
        for (table, sealed, tagged) in jobs {
            let mut cols: Vec<&str> = vec!["id", "person_id", "org_id"];
            let org_col = if table == "inbox_documents" { "recipient_org_id" } else { "org_id" };
            cols[2] = org_col;
            cols.extend(sealed.iter().copied());
            if let Some((c, _, _)) = tagged {
                cols.push(c);
            }
            let sql = format!("SELECT {} FROM {table}", cols.join(", "));
            for r in sqlx::query(&sql).fetch_all(&mut **tx).await? {
                let id: String = r.try_get("id")?;
                let Some(person) = r.try_get::<Option<String>, _>("person_id")? else { continue };
                let dek = self.person_dek(tx, &person).await?;
                for col in sealed {
                    let v: Option<String> = r.try_get(*col)?;
                    let Some(v) = v else { continue };
                    // Sealed hex is long; clear codes, dates and flags are short.
                    if v.len() >= 80 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
                        continue;
                    }
                    let new = match &dek {
                        Some(k) => k.seal_hex(&id, col, &v)?,
                        None => String::new(),
                    };
                    sqlx::query(&format!("UPDATE {table} SET {col} = $1 WHERE id = $2"))
                        .bind(new)
                        .bind(&id)
                        .execute(&mut **tx)
                        .await?;
                }
                if let Some((col, domain, codes)) = tagged {
                    let v: Option<String> = r.try_get(col)?;
                    if let Some(v) = v.filter(|v| codes.contains(&v.as_str())) {
                        // The tag is keyed by the row's own organisation.
                        let org: String = r.try_get(org_col)?;
                        sqlx::query(&format!("UPDATE {table} SET {col} = $1 WHERE id = $2"))
                            .bind(self.tag(domain, &org, &v))
                            .bind(&id)
                            .execute(&mut **tx)
                            .await?;
                    }
                }
            }
        }
        Ok(())
    }

    /// A person's data key inside a transaction, `None` once erased.
    pub(crate) async fn person_dek(
        &self,
        tx: &mut crate::WriteTx,
        person: &str,
    ) -> Result<Option<crate::crypto::DataKey>> {
        let row = sqlx::query("SELECT wrapped FROM person_keys WHERE person_id = $1")
            .bind(person)
            .fetch_optional(&mut **tx)
            .await?;
        match row {
            Some(r) => match self.keys().unwrap(person, &r.try_get::<Vec<u8>, _>("wrapped")?) {
                Ok(dek) => Ok(Some(dek)),
                Err(StoreError::Erased) => Ok(None),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }

    /// The key file's erasure record must hold every erasure the database
    /// knows of: otherwise the key file is older than the database (someone
    /// put back a copy from before an erasure) and haven refuses it.
    pub(crate) async fn check_erasure_record(&self) -> Result<()> {
        let known: std::collections::BTreeSet<String> = self.keys().erased_ids().into_iter().collect();
        for r in sqlx::query("SELECT person_id FROM erasures").fetch_all(self.pool()).await? {
            let id: String = r.try_get("person_id")?;
            if !known.contains(&id) {
                return Err(StoreError::Config(
                    "the key file's erasure record is missing an erasure this database holds: the key file is an \
                     older copy or was tampered with; use the current key file"
                        .into(),
                ));
            }
        }
        Ok(())
    }
}

/// Keyed tags for the closed-set columns that queries compare for equality
/// (where a person is, what a screening found, which protection step a
/// record is, a consent's purpose). The tag is keyed per organisation, so a
/// database copy shows neither the values nor one frequency table across
/// organisations; reading maps the tag back by trying the few codes the set
/// has. What remains visible is how often each unknown tag occurs within an
/// organisation: ARCHITECTURE.md's column table says so.
pub(crate) mod tags {
    pub const LOCATION: &str = "location";
    pub const OUTCOME: &str = "screening_outcome";
    pub const PROTECTION_KIND: &str = "protection_kind";
    pub const CONSENT_PURPOSE: &str = "consent_purpose";
    /// A field submission's instanceID, so a second import is refused.
    pub const FIELD_INSTANCE: &str = "field_instance";

    /// The outcome codes the store writes.
    pub const OUTCOMES: &[&str] = &["reasonable_grounds", "not_yet_determined", "vulnerable_migrant"];
}

/// The code whose tag `stored` is, among `codes`.
pub(crate) fn untag<'a>(keys: &Keys, domain: &str, org: &str, stored: &str, codes: &[&'a str]) -> Result<&'a str> {
    codes
        .iter()
        .copied()
        .find(|c| crate::crypto::ct_eq(keys.tag(domain, org, c).as_bytes(), stored.as_bytes()))
        .ok_or(StoreError::Crypto)
}

impl Store {
    pub(crate) fn tag(&self, domain: &str, org: &str, value: &str) -> String {
        self.keys().tag(domain, org, value)
    }

    /// The code whose tag `stored` is, among `codes`.
    pub(crate) fn untag<'a>(&self, domain: &str, org: &str, stored: &str, codes: &[&'a str]) -> Result<&'a str> {
        untag(self.keys(), domain, org, stored, codes)
    }

    pub(crate) fn location_codes() -> Vec<&'static str> {
        haven_core::person::LocationType::ALL.iter().map(|l| l.as_str()).collect()
    }
}
