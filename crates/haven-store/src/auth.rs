//! Organisations, users, sessions and API tokens.
//!
//! Session ids and API tokens are bearer secrets: only their keyed hashes are
//! stored. Passwords are Argon2id, verified on a blocking thread; an unknown
//! username is checked against a dummy hash so timing does not reveal which
//! accounts exist.
//!
//! Insiders are in the threat model (R16, R27): every column that decides
//! what an account, an organisation, a session or a token may do is covered
//! by a keyed MAC ([`crate::crypto::RowMac`]). Someone with SQL write access
//! but no master key who moves a user to another organisation, raises a role,
//! swaps a password hash or re-points a session finds that the row stops
//! working, and an alarm lands in the audit log for the auditor.

use std::net::IpAddr;
use std::sync::OnceLock;

use haven_core::access::{self, Actor, OrgKind, Role, Scope, TokenScope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{OrgId, TokenId, UserId};
use haven_core::ValidationError;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::Context;
use crate::crypto::{hash_password, random_password, random_secret, verify_password, Keys};
use crate::integrity;
use crate::{new_id_bytes, now_ms, Result, Store, StoreError, WriteTx};

/// Wrong attempts from one network at one username before back-off starts.
const FREE_FAILURES: i64 = 5;
/// The longest a back-off lasts; an anonymous stranger can never lock an
/// account for longer than this at a time, and only from their own network.
const MAX_LOCK_MS: i64 = 15 * 60 * 1000;
/// A session ends after this long without use...
pub const SESSION_IDLE_MS: i64 = 30 * 60 * 1000;
/// ...and after this long in any case.
pub const SESSION_ABSOLUTE_MS: i64 = 12 * 60 * 60 * 1000;
/// API tokens expire after this many days unless asked otherwise.
pub const DEFAULT_TOKEN_DAYS: i64 = 90;
/// And never live longer than this.
pub const MAX_TOKEN_DAYS: i64 = 366;

/// Back-off after `failures` wrong attempts: none for the first few, then
/// one minute doubling to the cap.
pub fn backoff_ms(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(10) as u32;
    (60_000i64 << doublings).min(MAX_LOCK_MS)
}

/// The network a sign-in comes from, for the throttle: the address itself
/// for IPv4, the /64 for IPv6 (one subscriber's usual allocation).
pub fn network_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    /// Waiting for a second administrator (four eyes).
    Pending,
}

impl AccountStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Pending => "pending",
        }
    }
    fn parse(s: &str) -> Result<Self> {
        match s {
            "active" => Ok(AccountStatus::Active),
            "pending" => Ok(AccountStatus::Pending),
            _ => Err(StoreError::Config(format!("unknown account status {s}"))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub org_id: OrgId,
    pub org_kind: OrgKind,
    pub org_caseworkers_see_all: bool,
    pub username: String,
    pub role: Role,
    pub must_change_password: bool,
    pub totp_enabled: bool,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            org_id: self.org_id,
            org_kind: self.org_kind,
            role: self.role,
            org_caseworkers_see_all: self.org_caseworkers_see_all,
        }
    }

    /// The user must present a second factor before the session is usable:
    /// always once enrolled, and enrolment is required for the roles whose
    /// misuse reaches furthest.
    pub fn second_factor_required(&self) -> bool {
        self.totp_enabled || self.role.requires_second_factor()
    }
}

/// The columns of a user with their organisation's, everything both MACs
/// cover; the organisation's columns are prefixed `org_`.
macro_rules! user_cols {
    () => {
        "u.id, u.org_id, u.username, u.role, u.password_hash, u.must_change_password, \
         u.disabled, u.status, u.totp_enabled, u.created_by, u.approved_by, u.row_mac, u.row_seq, \
         (SELECT MAX(ev.seq) FROM audit_events ev WHERE ev.record_id = 'users:' || u.id) AS latest_seq, \
         o.name AS org_name, o.kind AS org_kind, o.country AS org_country, \
         o.caseworkers_see_all AS org_caseworkers_see_all, o.row_mac AS org_row_mac, o.row_seq AS org_row_seq, \
         (SELECT MAX(ev.seq) FROM audit_events ev WHERE ev.record_id = 'organisations:' || o.id) AS org_latest_seq"
    };
}
const USER_SELECT: &str = concat!("SELECT ", user_cols!(), " FROM users u JOIN organisations o ON o.id = u.org_id");

#[derive(Debug, Clone)]
pub struct OrgSummary {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub country: Option<String>,
    /// BCP 47 tags of the languages the organisation works in.
    pub languages: Vec<String>,
    pub caseworkers_see_all: bool,
    /// Made by `haven demo`: fictional, kept apart from real organisations.
    pub demo: bool,
}

#[derive(Debug, Clone)]
pub struct UserSummary {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: String,
    pub role: Role,
    pub totp_enabled: bool,
    pub disabled: bool,
    pub status: AccountStatus,
    pub created_by: Option<UserId>,
    /// False when the row failed its integrity check: shown so that an
    /// administrator sees it, usable nowhere.
    pub integrity_ok: bool,
}

#[derive(Debug)]
pub enum LoginOutcome {
    Success(User),
    /// The password was right but the account waits for a second
    /// administrator's approval. Only someone who knows the password learns this.
    Pending,
    /// Wrong username or password, a disabled account, or too many attempts
    /// from this network: deliberately one answer for all of them, so the
    /// answer never tells a real username from an invented one.
    Failed,
}

/// The result of a second-factor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactorOutcome {
    Accepted,
    Wrong,
    /// Too many wrong codes: wait until the back-off ends or an administrator unlocks.
    Locked,
}

pub struct Session {
    pub user: User,
    pub csrf: String,
    /// False until the second factor has been checked for this session.
    pub second_factor_done: bool,
}

/// A user authenticated by an API token, with what the token may do.
#[derive(Clone)]
pub struct TokenUser {
    pub user: User,
    pub scopes: Vec<TokenScope>,
}

/// A new account: its id, its one-time password, and whether it waits for approval.
pub struct Granted {
    pub id: UserId,
    pub password: String,
    pub pending: bool,
}

#[derive(Debug, Clone)]
pub struct TokenSummary {
    pub id: TokenId,
    pub created_at_ms: i64,
    pub expires_at_ms: Option<i64>,
    pub scopes: Vec<TokenScope>,
    /// Waiting for its owner to confirm it with their second factor.
    pub pending: bool,
}

/// Which table's MAC failed, for the alarm.
enum Tampered {
    User(String),
    Organisation(String),
}

/// Parses a user row after checking the MACs of the user and their organisation.
fn user_from_row(keys: &Keys, r: &AnyRow) -> Result<User, Result<Tampered>> {
    let inner = || -> Result<std::result::Result<User, Tampered>> {
        let id: String = r.try_get("id")?;
        let org: String = r.try_get("org_id")?;
        if !integrity::row_ok(keys, &integrity::USERS, r, "")? {
            return Ok(Err(Tampered::User(id)));
        }
        if !integrity::row_ok(keys, &integrity::ORGANISATIONS, r, "org_")? {
            return Ok(Err(Tampered::Organisation(org)));
        }
        let kind: String = r.try_get("org_kind")?;
        let role: String = r.try_get("role")?;
        Ok(Ok(User {
            id: id.parse()?,
            org_id: org.parse()?,
            org_kind: OrgKind::parse(&kind)?,
            org_caseworkers_see_all: r.try_get::<i64, _>("org_caseworkers_see_all")? != 0,
            username: r.try_get("username")?,
            role: Role::parse(&role)?,
            must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
            totp_enabled: r.try_get::<i64, _>("totp_enabled")? != 0,
        }))
    };
    match inner() {
        Ok(Ok(u)) => Ok(u),
        Ok(Err(t)) => Err(Ok(t)),
        Err(e) => Err(Err(e)),
    }
}

/// Usernames are ASCII handles, not real names, so they are safe in logs.
pub fn parse_username(raw: &str) -> Result<String, ValidationError> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 || !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(ValidationError::new(
            "username",
            "invalid_username",
            "use 1-64 letters, digits, dots, dashes or underscores",
        ));
    }
    Ok(s.to_ascii_lowercase())
}

pub fn check_new_password(password: &str) -> Result<(), ValidationError> {
    let n = password.chars().count();
    if n < 12 {
        return Err(ValidationError::new("password", "too_short", "use at least 12 characters"));
    }
    if n > 1024 {
        return Err(ValidationError::new("password", "too_long_password", "use at most 1024 characters"));
    }
    Ok(())
}

fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(&random_secret(16)).unwrap_or_default())
}

async fn hash_blocking(password: &str) -> Result<String> {
    let pw = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|e| StoreError::Config(format!("hashing task failed: {e}")))?
}

async fn verify_blocking(password: &str, hash: String) -> Result<bool> {
    let pw = password.to_owned();
    tokio::task::spawn_blocking(move || verify_password(&pw, &hash))
        .await
        .map_err(|e| StoreError::Config(format!("hashing task failed: {e}")))
}

const SYSTEM: Context<'static> = Context { actor: "system", purpose: "administration", request_id: "cli" };

impl Store {
    /// Records that a row failed its MAC and returns the error to answer with.
    /// The alarm is an audit event, so it is chained and signed like the
    /// rest, and the auditor's page lists it.
    /// Records an integrity alarm for the auditor and returns the error to
    /// refuse with. The alarm is written by its own task: the failing read
    /// may sit inside a write transaction, which holds the audit chain's
    /// lock until the error has unwound it.
    pub(crate) async fn integrity_alarm(&self, kind: RecordKind, id: &str, table: &str) -> StoreError {
        self.raise_alarm(kind, id, table)
    }

    /// [`Store::integrity_alarm`] for callers that are not async: the alarm
    /// is recorded by a task of its own either way (so it is kept even when
    /// the caller's transaction rolls back).
    pub(crate) fn raise_alarm(&self, kind: RecordKind, id: &str, table: &str) -> StoreError {
        tracing::error!(table, "row failed its integrity check: database edited without the master key");
        let which = format!("{table} {id}");
        let store = self.clone();
        let (id, table_owned) = (id.to_owned(), table.to_owned());
        tokio::spawn(async move {
            let ctx = Context { actor: "system", purpose: "integrity", request_id: "" };
            if let Err(e) = store.record_event(&ctx, Action::IntegrityAlarm, kind, &id, &table_owned).await {
                tracing::error!(error = %e, "could not record the integrity alarm");
            }
        });
        StoreError::Integrity(which)
    }

    async fn checked_user(&self, r: &AnyRow) -> Result<User> {
        match user_from_row(self.keys(), r) {
            Ok(u) => Ok(u),
            Err(Ok(Tampered::User(id))) => Err(self.integrity_alarm(RecordKind::User, &id, "users").await),
            Err(Ok(Tampered::Organisation(id))) => {
                Err(self.integrity_alarm(RecordKind::Organisation, &id, "organisations").await)
            }
            Err(Err(e)) => Err(e),
        }
    }

    /// Recomputes a user row's MAC inside the transaction that changed it.
    pub(crate) async fn seal_user_row(&self, tx: &mut WriteTx, id: &str) -> Result<()> {
        self.seal_row(tx, &integrity::USERS, id).await
    }

    pub(crate) async fn seal_org_row(&self, tx: &mut WriteTx, id: &str) -> Result<()> {
        self.seal_row(tx, &integrity::ORGANISATIONS, id).await
    }

    /// An organisation's kind, after checking its MAC: the firewall (R16)
    /// must never rest on a kind someone could edit in SQL.
    pub async fn org_kind(&self, id: OrgId) -> Result<OrgKind> {
        let sql = format!(
            "SELECT {} FROM organisations t WHERE t.id = $1",
            integrity::select_cols(&integrity::ORGANISATIONS, "t", "")
        );
        let r = sqlx::query(&sql).bind(id.to_string()).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        self.check_row(&integrity::ORGANISATIONS, &r, "").await?;
        Ok(OrgKind::parse(&r.try_get::<String, _>("kind")?)?)
    }

    /// On a fresh installation, creates the first organisation and the
    /// `admin` account and returns its one-time password. Returns `None` once
    /// any user exists.
    pub async fn bootstrap(&self) -> Result<Option<String>> {
        let any = sqlx::query("SELECT id FROM users LIMIT 1").fetch_optional(&self.pool).await?;
        if any.is_some() {
            return Ok(None);
        }
        let org = self.create_org("Local organisation", "ngo_assistance", None).await?;
        let password = random_password();
        self.create_user(&access::OrgAdmin::key_holder(org), "admin", Role::SystemAdmin, &password, true).await?;
        Ok(Some(password))
    }

    pub async fn create_org(&self, name: &str, kind: &str, country: Option<&str>) -> Result<OrgId> {
        let kind = OrgKind::parse(kind)?;
        let country =
            country.map(|c| haven_core::person::Country::parse(c).map(|c| c.as_str().to_owned())).transpose()?;
        let name = haven_core::text::clean_line("name", name, 200)?;
        if name.is_empty() {
            return Err(ValidationError::new(
                "name",
                "invalid_name",
                "an organisation needs a name (200 characters at most)",
            )
            .into());
        }
        let id = OrgId::from_random_bytes(new_id_bytes());
        let mut tx = self.begin().await?;
        let exists =
            sqlx::query("SELECT id FROM organisations WHERE name = $1").bind(&name).fetch_optional(&mut *tx).await?;
        if exists.is_some() {
            return Err(StoreError::Conflict("an organisation with this name exists".into()));
        }
        sqlx::query("INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id.to_string())
            .bind(&name)
            .bind(kind.as_str())
            .bind(country)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        self.seal_org_row(&mut tx, &id.to_string()).await?;
        self.append(&mut tx, &SYSTEM, Action::Create, RecordKind::Organisation, &id.to_string(), "ok").await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn org_by_name(&self, name: &str) -> Result<OrgId> {
        let row = sqlx::query("SELECT id FROM organisations WHERE name = $1")
            .bind(name.trim())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let id: String = row.try_get("id")?;
        Ok(id.parse()?)
    }

    pub async fn org_name(&self, id: OrgId) -> Result<String> {
        let row = sqlx::query("SELECT name FROM organisations WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.try_get("name")?)
    }

    /// Creates an active account directly. This is the operator's path (the
    /// CLI, which already holds the master key, and tests); the web's path is
    /// [`Store::grant_user`], which applies the grant policy and four eyes.
    pub async fn create_user(
        &self,
        admin: &access::OrgAdmin,
        username: &str,
        role: Role,
        password: &str,
        must_change_password: bool,
    ) -> Result<UserId> {
        self.insert_user(
            &SYSTEM,
            admin.org(),
            username,
            role,
            password,
            must_change_password,
            AccountStatus::Active,
            None,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_user(
        &self,
        ctx: &Context<'_>,
        org: OrgId,
        username: &str,
        role: Role,
        password: &str,
        must_change_password: bool,
        status: AccountStatus,
        created_by: Option<UserId>,
    ) -> Result<UserId> {
        let username = parse_username(username)?;
        let hash = hash_blocking(password).await?;
        let id = UserId::from_random_bytes(new_id_bytes());
        let mut tx = self.begin().await?;
        // A partner installation's organisation has its people there: an
        // account here would read as that organisation (R24).
        let mirrored = sqlx::query("SELECT org_id FROM partner_orgs WHERE org_id = $1")
            .bind(org.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if mirrored.is_some() {
            return Err(ValidationError::new(
                "org_id",
                "partner_org_has_no_accounts",
                "this organisation is on a partner installation: its people have their accounts there",
            )
            .into());
        }
        let exists =
            sqlx::query("SELECT id FROM users WHERE username = $1").bind(&username).fetch_optional(&mut *tx).await?;
        if exists.is_some() {
            return Err(StoreError::Conflict("this username is taken".into()));
        }
        sqlx::query(
            "INSERT INTO users (id, org_id, username, role, password_hash, must_change_password, created_at, status, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id.to_string())
        .bind(org.to_string())
        .bind(&username)
        .bind(role.as_str())
        .bind(hash)
        .bind(i64::from(must_change_password))
        .bind(now_ms())
        .bind(status.as_str())
        .bind(created_by.map(|u| u.to_string()))
        .execute(&mut *tx)
        .await?;
        self.seal_user_row(&mut tx, &id.to_string()).await?;
        self.append(&mut tx, ctx, Action::UserCreate, RecordKind::User, &id.to_string(), status.as_str()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// An administrator grants an account: the grant policy decides whether
    /// they may, and four eyes whether it works at once or waits.
    pub async fn grant_user(
        &self,
        actor: &Actor,
        org: OrgId,
        username: &str,
        role: Role,
        request_id: &str,
    ) -> Result<Granted> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id };
        let org_kind = self.org_kind(org).await?;
        if !access::may_grant(actor, role, org, org_kind) {
            self.record_event(&ctx, Action::Denied, RecordKind::User, &org.to_string(), role.as_str()).await?;
            return Err(StoreError::Denied);
        }
        let pending = access::grant_needs_approval(role, org_kind);
        let status = if pending { AccountStatus::Pending } else { AccountStatus::Active };
        let password = random_password();
        let id = self.insert_user(&ctx, org, username, role, &password, true, status, Some(actor.user_id)).await?;
        Ok(Granted { id, password, pending })
    }

    /// The operator, who holds the server and its master key, approves an
    /// organisation administrator waiting for approval: an organisation's
    /// first administrators have nobody else to approve them (see
    /// [`access::grant_needs_approval`]). Only administrators: case accounts
    /// wait for their own organisation's second administrator.
    pub async fn approve_by_operator(&self, username: &str) -> Result<UserId> {
        let row = self.user_row_by_username(username).await?;
        self.checked_user(&row).await?;
        let id: UserId = row.try_get::<String, _>("id")?.parse()?;
        let role =
            Role::parse(&row.try_get::<String, _>("role")?).map_err(|_| StoreError::Integrity("users".into()))?;
        if role != Role::OrgAdmin {
            return Err(StoreError::Conflict(
                "only organisation administrators are approved by the operator; case accounts are approved by a \
                 second administrator of their organisation"
                    .into(),
            ));
        }
        if AccountStatus::parse(&row.try_get::<String, _>("status")?)? != AccountStatus::Pending {
            return Err(StoreError::Conflict("this account is not waiting for approval".into()));
        }
        // Only for an organisation with no active administrator: otherwise
        // the operator's approval would let a system administrator's two
        // appointees approve each other past the organisation's own.
        let org: OrgId = row.try_get::<String, _>("org_id")?.parse()?;
        let members = sqlx::query(&format!("{USER_SELECT} WHERE u.org_id = $1"))
            .bind(org.to_string())
            .fetch_all(&self.pool)
            .await?;
        let mut active_admins = 0;
        for m in &members {
            // Every row checked before it is counted: a status edited in SQL
            // must not make an organisation look as if it had no administrator.
            let u = self.checked_user(m).await?;
            if u.role == Role::OrgAdmin
                && m.try_get::<i64, _>("disabled")? == 0
                && AccountStatus::parse(&m.try_get::<String, _>("status")?)? == AccountStatus::Active
            {
                active_admins += 1;
            }
        }
        if active_admins > 0 {
            return Err(StoreError::Conflict(
                "this organisation already has an active administrator: they approve new administrators in the web \
                 interface (haven user approve is for an organisation's first administrator only)"
                    .into(),
            ));
        }
        let ctx = Context { actor: "operator", purpose: "administration", request_id: "cli" };
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE users SET status = 'active', approved_by = 'operator' WHERE id = $1 AND status = 'pending'",
        )
        .bind(id.to_string())
        .execute(&mut *tx)
        .await?;
        self.seal_user_row(&mut tx, &id.to_string()).await?;
        self.append(&mut tx, &ctx, Action::Approve, RecordKind::User, &id.to_string(), "operator").await?;
        tx.commit().await?;
        Ok(id)
    }

    /// An administrator of the account's organisation (or the system
    /// administrator, for the administrators they appoint) disables an
    /// account: its sessions and tokens end at once. Enabling it again puts
    /// it back to waiting for approval, so four eyes apply to its return.
    pub async fn disable_user(&self, actor: &Actor, user: UserId, request_id: &str) -> Result<()> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id };
        let row = self.user_row_any(user).await?;
        let org: OrgId = row.try_get::<String, _>("org_id")?.parse()?;
        if !may_switch_account(actor, &row, org)? || user == actor.user_id {
            self.record_event(&ctx, Action::Denied, RecordKind::User, &user.to_string(), "disable").await?;
            return Err(StoreError::Denied);
        }
        self.set_disabled(&ctx, user, true).await
    }

    /// An administrator changes an account's role. The grant policy decides
    /// whether they may give that role, exactly as for a new account; the
    /// account's sessions and tokens end (they carried the old role), and a
    /// role that needs a second administrator's approval waits for it, with
    /// this administrator as its grantor so they cannot approve it too.
    pub async fn change_role(&self, actor: &Actor, user: UserId, role: Role, request_id: &str) -> Result<()> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id };
        let row = self.user_row_any(user).await?;
        let org: OrgId = row.try_get::<String, _>("org_id")?.parse()?;
        let org_kind = self.org_kind(org).await?;
        // The system administrator's account is made at bootstrap and is
        // nobody's to demote: an administrator of the organisation it sits
        // in may manage that organisation's users, not it.
        let target_is_system = row.try_get::<String, _>("role")? == Role::SystemAdmin.as_str();
        if !may_switch_account(actor, &row, org)?
            || user == actor.user_id
            || target_is_system
            || !access::may_grant(actor, role, org, org_kind)
        {
            self.record_event(&ctx, Action::Denied, RecordKind::User, &user.to_string(), "change_role").await?;
            return Err(StoreError::Denied);
        }
        let pending = access::grant_needs_approval(role, org_kind);
        self.set_role(&ctx, &row, role, pending, Some(actor.user_id)).await
    }

    /// The operator changes an account's role from the command line. The
    /// account then waits for approval by an administrator of its
    /// organisation (or, for an organisation's first administrator, the
    /// operator's own `haven user approve`): one pair of eyes is not enough
    /// to change what someone may read.
    pub async fn change_role_by_operator(&self, username: &str, role: Role) -> Result<UserId> {
        let row = self.user_row_by_username(username).await?;
        let user = self.checked_user(&row).await?;
        // The roles an organisation's own administrator may give; the
        // system administrator is made at bootstrap, never by a role change.
        if role == Role::SystemAdmin || user.role == Role::SystemAdmin {
            return Err(StoreError::Conflict("the system administrator's role is not changed this way".into()));
        }
        let ctx = Context { actor: "operator", purpose: "administration", request_id: "cli" };
        self.set_role(&ctx, &row, role, true, None).await?;
        Ok(user.id)
    }

    async fn set_role(
        &self,
        ctx: &Context<'_>,
        row: &AnyRow,
        role: Role,
        pending: bool,
        grantor: Option<UserId>,
    ) -> Result<()> {
        let id: String = row.try_get("id")?;
        if row.try_get::<String, _>("role")? == role.as_str() {
            return Err(StoreError::Conflict(format!("the account already has the role {}", role.as_str())));
        }
        let mut tx = self.begin().await?;
        let status = if pending { "pending" } else { "active" };
        sqlx::query("UPDATE users SET role = $1, status = $2, created_by = $3, approved_by = NULL WHERE id = $4")
            .bind(role.as_str())
            .bind(status)
            .bind(grantor.map(|g| g.to_string()))
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        self.end_sessions_and_tokens(&mut tx, &id).await?;
        self.seal_user_row(&mut tx, &id).await?;
        let outcome = format!("role_{}{}", role.as_str(), if pending { "_pending" } else { "" });
        self.append(&mut tx, ctx, Action::Update, RecordKind::User, &id, &outcome).await?;
        tx.commit().await
    }

    /// Puts a disabled account back to waiting for approval.
    pub async fn enable_user(&self, actor: &Actor, user: UserId, request_id: &str) -> Result<()> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id };
        let row = self.user_row_any(user).await?;
        let org: OrgId = row.try_get::<String, _>("org_id")?.parse()?;
        if !may_switch_account(actor, &row, org)? || user == actor.user_id {
            self.record_event(&ctx, Action::Denied, RecordKind::User, &user.to_string(), "enable").await?;
            return Err(StoreError::Denied);
        }
        if row.try_get::<i64, _>("disabled")? == 0 {
            return Err(StoreError::Conflict("this account is not disabled".into()));
        }
        self.set_disabled(&ctx, user, false).await
    }

    /// The operator clears an account's second factor (a lost phone): its
    /// sessions and tokens end, and the user enrols a new one at the next
    /// sign-in. The account must pass its integrity check first.
    pub async fn reset_second_factor_by_operator(&self, username: &str) -> Result<UserId> {
        let row = self.user_row_by_username(username).await?;
        let user = self.checked_user(&row).await?;
        let id = user.id.to_string();
        let ctx = Context { actor: "operator", purpose: "administration", request_id: "cli" };
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE users SET totp_enabled = 0, totp_secret = NULL, totp_last_step = 0, totp_failures = 0, \
             totp_locked_until = NULL WHERE id = $1",
        )
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        // Tokens end too: one may sit on the lost phone. So do the recovery
        // codes: the user writes down new ones when they enrol again.
        self.end_sessions_and_tokens(&mut tx, &id).await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(&id).execute(&mut *tx).await?;
        self.seal_user_row(&mut tx, &id).await?;
        self.append(&mut tx, &ctx, Action::Update, RecordKind::User, &id, "second_factor_reset").await?;
        tx.commit().await?;
        Ok(user.id)
    }

    /// The operator enables a disabled account again. It comes back
    /// waiting for approval by an administrator of its organisation: the
    /// operator's decision is one pair of eyes, theirs the second.
    pub async fn enable_by_operator(&self, username: &str) -> Result<UserId> {
        let row = self.user_row_by_username(username).await?;
        let user = self.checked_user(&row).await?;
        if row.try_get::<i64, _>("disabled")? == 0 {
            return Err(StoreError::Conflict("this account is not disabled".into()));
        }
        let id = user.id.to_string();
        let ctx = Context { actor: "operator", purpose: "administration", request_id: "cli" };
        let mut tx = self.begin().await?;
        // The grantor stays as recorded, so they still cannot approve it.
        sqlx::query("UPDATE users SET disabled = 0, status = 'pending', approved_by = NULL WHERE id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        self.seal_user_row(&mut tx, &id).await?;
        self.append(&mut tx, &ctx, Action::Update, RecordKind::User, &id, "enabled_pending").await?;
        tx.commit().await?;
        Ok(user.id)
    }

    /// The operator disables an account by username. Unlike every other
    /// write it goes ahead on a row that fails its MAC: it is how an account
    /// whose row was tampered with is made inert (its sessions and tokens
    /// end, and it signs in no more) before anyone investigates.
    pub async fn disable_by_operator(&self, username: &str) -> Result<UserId> {
        let row = self.user_row_by_username(username).await?;
        let id: UserId = row.try_get::<String, _>("id")?.parse()?;
        // A row that fails its check is disabled but not resealed: a new MAC
        // would launder the edit (someone could later enable it as it is).
        let intact = user_from_row(self.keys(), &row).is_ok();
        let ctx = Context { actor: "operator", purpose: "administration", request_id: "cli" };
        self.set_disabled_sealed(&ctx, id, true, intact).await?;
        Ok(id)
    }

    /// Ends every session of an account and revokes its unrevoked tokens,
    /// inside the caller's transaction.
    async fn end_sessions_and_tokens(&self, tx: &mut crate::WriteTx, user: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&mut **tx).await?;
        let tokens: Vec<String> = sqlx::query("SELECT id FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL")
            .bind(user)
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<std::result::Result<_, _>>()?;
        for t in tokens {
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
                .bind(now_ms())
                .bind(&t)
                .execute(&mut **tx)
                .await?;
            self.seal_row(tx, &integrity::API_TOKENS, &t).await?;
        }
        Ok(())
    }

    /// A user row in any status, by username, its MACs not yet checked:
    /// the operator's commands decide what a failed check means for them.
    async fn user_row_by_username(&self, username: &str) -> Result<AnyRow> {
        let username = parse_username(username)?;
        sqlx::query(&format!("{USER_SELECT} WHERE u.username = $1"))
            .bind(&username)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn set_disabled(&self, ctx: &Context<'_>, user: UserId, disabled: bool) -> Result<()> {
        self.set_disabled_sealed(ctx, user, disabled, true).await
    }

    async fn set_disabled_sealed(&self, ctx: &Context<'_>, user: UserId, disabled: bool, reseal: bool) -> Result<()> {
        let id = user.to_string();
        let mut tx = self.begin().await?;
        if disabled {
            sqlx::query("UPDATE users SET disabled = 1 WHERE id = $1").bind(&id).execute(&mut *tx).await?;
            self.end_sessions_and_tokens(&mut tx, &id).await?;
        } else {
            // Whoever enables the account stands as its grantor, so four
            // eyes hold: they cannot also approve it (`access::may_approve`).
            sqlx::query(
                "UPDATE users SET disabled = 0, status = 'pending', created_by = $1, approved_by = NULL WHERE id = $2",
            )
            .bind(ctx.actor)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        }
        if reseal {
            self.seal_user_row(&mut tx, &id).await?;
        }
        let action = if disabled { Action::Disable } else { Action::Update };
        self.append(&mut tx, ctx, action, RecordKind::User, &id, if disabled { "disabled" } else { "enabled_pending" })
            .await?;
        tx.commit().await
    }

    /// A second administrator approves a pending grant.
    pub async fn approve_user(&self, actor: &Actor, user: UserId, request_id: &str) -> Result<()> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id };
        let target = self.user_row_any(user).await?;
        let org: OrgId = target.try_get::<String, _>("org_id")?.parse()?;
        let status = AccountStatus::parse(&target.try_get::<String, _>("status")?)?;
        let created_by: Option<UserId> =
            target.try_get::<Option<String>, _>("created_by")?.map(|s| s.parse()).transpose()?;
        if !access::may_approve(actor, created_by, org) {
            self.record_event(&ctx, Action::Denied, RecordKind::User, &user.to_string(), "approve").await?;
            return Err(StoreError::Denied);
        }
        if status != AccountStatus::Pending {
            return Err(StoreError::Conflict("this account is not waiting for approval".into()));
        }
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE users SET status = 'active', approved_by = $1 WHERE id = $2 AND status = 'pending'")
            .bind(&uid)
            .bind(user.to_string())
            .execute(&mut *tx)
            .await?;
        self.seal_user_row(&mut tx, &user.to_string()).await?;
        self.append(&mut tx, &ctx, Action::Approve, RecordKind::User, &user.to_string(), "ok").await?;
        tx.commit().await
    }

    /// A user row in any status, its MACs checked.
    async fn user_row_any(&self, user: UserId) -> Result<AnyRow> {
        let row = sqlx::query(&format!("{USER_SELECT} WHERE u.id = $1"))
            .bind(user.to_string())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.checked_user(&row).await?;
        Ok(row)
    }

    pub async fn user_by_username(&self, username: &str) -> Result<User> {
        let username = parse_username(username)?;
        let row =
            sqlx::query(&format!("{USER_SELECT} WHERE u.username = $1 AND u.disabled = 0 AND u.status = 'active'"))
                .bind(username)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound)?;
        self.checked_user(&row).await
    }

    fn throttle_keys(&self, username: &str, network: &str) -> (String, String) {
        let account = self.keys().tag("login-account", "", &username.trim().to_lowercase());
        (account, self.keys().tag("login-network", "", network))
    }

    /// Checks a password, with a per (username, network) back-off and an
    /// audit event either way. `network` is [`network_of`] the client.
    pub async fn login(&self, username: &str, password: &str, network: &str, request_id: &str) -> Result<LoginOutcome> {
        let now = now_ms();
        let (account, net) = self.throttle_keys(username, network);
        let throttle =
            sqlx::query("SELECT failures, locked_until FROM login_throttle WHERE account = $1 AND network = $2")
                .bind(&account)
                .bind(&net)
                .fetch_optional(&self.pool)
                .await?;
        let failures: i64 = throttle.as_ref().map(|r| r.try_get("failures")).transpose()?.unwrap_or(0);
        let locked = throttle
            .as_ref()
            .map(|r| r.try_get::<Option<i64>, _>("locked_until"))
            .transpose()?
            .flatten()
            .is_some_and(|t| t > now);
        let row = match parse_username(username) {
            Ok(u) => {
                sqlx::query(&format!("{USER_SELECT} WHERE u.username = $1 AND u.disabled = 0"))
                    .bind(u)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Err(_) => None,
        };
        // Always hash, whatever the case, so timing tells nothing either.
        let hash = match &row {
            Some(r) => r.try_get::<String, _>("password_hash")?,
            None => dummy_hash().to_owned(),
        };
        let ok = verify_blocking(password, hash).await?;
        let user = match &row {
            Some(r) => Some((self.checked_user(r).await?, AccountStatus::parse(&r.try_get::<String, _>("status")?)?)),
            None => None,
        };
        let actor = user.as_ref().map(|(u, _)| u.id.to_string()).unwrap_or_else(|| "anonymous".to_owned());
        let record = user.as_ref().map(|(u, _)| u.id.to_string()).unwrap_or_default();
        let ctx = Context { actor: &actor, purpose: "authentication", request_id };
        let mut tx = self.begin().await?;
        let why = match (&user, ok, locked) {
            (_, _, true) => Some("throttled"),
            (None, _, _) => Some("unknown_user"),
            (Some(_), false, _) => Some("bad_password"),
            _ => None,
        };
        if let Some(why) = why {
            if !locked {
                let failures = failures + 1;
                let until = (backoff_ms(failures) > 0).then_some(now + backoff_ms(failures));
                sqlx::query("DELETE FROM login_throttle WHERE account = $1 AND network = $2")
                    .bind(&account)
                    .bind(&net)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO login_throttle (account, network, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&account)
                .bind(&net)
                .bind(failures)
                .bind(until)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            self.append(&mut tx, &ctx, Action::LoginFailed, RecordKind::User, &record, why).await?;
            tx.commit().await?;
            return Ok(LoginOutcome::Failed);
        }
        sqlx::query("DELETE FROM login_throttle WHERE account = $1 AND network = $2")
            .bind(&account)
            .bind(&net)
            .execute(&mut *tx)
            .await?;
        let Some((user, status)) = user else { return Ok(LoginOutcome::Failed) };
        if status == AccountStatus::Pending {
            self.append(&mut tx, &ctx, Action::LoginFailed, RecordKind::User, &record, "pending_approval").await?;
            tx.commit().await?;
            return Ok(LoginOutcome::Pending);
        }
        self.append(&mut tx, &ctx, Action::Login, RecordKind::User, &record, "ok").await?;
        tx.commit().await?;
        Ok(LoginOutcome::Success(user))
    }

    /// Changes one's own password: the current one is required, so a session
    /// left open on a shared computer cannot be turned into a takeover.
    pub async fn change_password(&self, user: &User, current: &str, new: &str) -> Result<()> {
        let row = self.user_row_any(user.id).await?;
        let hash: String = row.try_get("password_hash")?;
        if !verify_blocking(current, hash).await? {
            let uid = user.id.to_string();
            let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
            self.record_event(&ctx, Action::Update, RecordKind::User, &uid, "wrong_current_password").await?;
            return Err(ValidationError::new("current", "wrong_password", "the current password is not right").into());
        }
        // A one-time password typed again as the new one would stay known
        // to whoever issued it.
        if new == current {
            return Err(ValidationError::new(
                "password",
                "same_password",
                "choose a password different from the current one",
            )
            .into());
        }
        self.set_password(user.id, new).await
    }

    /// Sets a password and clears the must-change flag. Callers have checked
    /// the current password ([`Store::change_password`]) or are the operator.
    pub async fn set_password(&self, user: UserId, password: &str) -> Result<()> {
        check_new_password(password)?;
        let hash = hash_blocking(password).await?;
        let uid = user.to_string();
        let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
            .bind(hash)
            .bind(&uid)
            .execute(&mut *tx)
            .await?;
        self.seal_user_row(&mut tx, &uid).await?;
        // A password change ends every other session of the user.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(&uid).execute(&mut *tx).await?;
        self.append(&mut tx, &ctx, Action::Update, RecordKind::User, &uid, "password_changed").await?;
        tx.commit().await?;
        Ok(())
    }

    /// An administrator clears an account's sign-in back-off (from every
    /// network) and its second-factor back-off.
    pub async fn unlock_user(&self, actor: &Actor, user: UserId, request_id: &str) -> Result<()> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id };
        let row = self.user_row_any(user).await?;
        let org: OrgId = row.try_get::<String, _>("org_id")?.parse()?;
        if !access::may_manage_users_of(actor, org) {
            self.record_event(&ctx, Action::Denied, RecordKind::User, &user.to_string(), "unlock").await?;
            return Err(StoreError::Denied);
        }
        let username: String = row.try_get("username")?;
        let (account, _) = self.throttle_keys(&username, "");
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM login_throttle WHERE account = $1").bind(&account).execute(&mut *tx).await?;
        sqlx::query("UPDATE users SET totp_failures = 0, totp_locked_until = NULL WHERE id = $1")
            .bind(user.to_string())
            .execute(&mut *tx)
            .await?;
        self.append(&mut tx, &ctx, Action::Unlock, RecordKind::User, &user.to_string(), "ok").await?;
        tx.commit().await
    }

    /// Starts a session; returns the cookie secret and the CSRF token. A
    /// session of a user who needs a second factor starts locked until
    /// [`Store::verify_second_factor`] opens it.
    pub async fn create_session(&self, user: &User, second_factor_done: bool) -> Result<(String, String)> {
        let secret = random_secret(32);
        let csrf = random_secret(32);
        let now = now_ms();
        let id_hash = self.keys().secret_hash(&secret);
        let mfa = i64::from(second_factor_done || !user.second_factor_required());
        let mut conn = self.pool.acquire().await?;
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen, mfa_ok) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id_hash)
        .bind(user.id.to_string())
        .bind(&csrf)
        .bind(now)
        .bind(now)
        .bind(mfa)
        .execute(&mut *conn)
        .await?;
        self.seal_unbound(&mut conn, &integrity::SESSIONS, &id_hash).await?;
        Ok((secret, csrf))
    }

    /// The live session for a cookie secret, enforcing idle and absolute
    /// timeouts. Expired sessions are deleted on sight.
    pub async fn session(&self, secret: &str) -> Result<Option<Session>> {
        let hash = self.keys().secret_hash(secret);
        let row = sqlx::query(&format!(
            "{USER_SELECT} JOIN sessions s ON s.user_id = u.id WHERE s.id_hash = $1 AND u.disabled = 0 AND u.status = 'active'"
        ))
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let s = sqlx::query(&format!(
            "SELECT {}, t.last_seen FROM sessions t WHERE t.id_hash = $1",
            integrity::select_cols(&integrity::SESSIONS, "t", "")
        ))
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(s) = s else { return Ok(None) };
        if !integrity::row_ok(self.keys(), &integrity::SESSIONS, &s, "")? {
            let user_id: String = s.try_get("user_id")?;
            sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&hash).execute(&self.pool).await?;
            return Err(self.integrity_alarm(RecordKind::User, &user_id, "sessions").await);
        }
        let user = self.checked_user(&row).await?;
        // r16: as for tokens, the sealed session names its user; the join
        // that found this account is only SQL.
        let session_user: String = s.try_get("user_id")?;
        if s.try_get::<String, _>("id_hash")? != hash || !owner_is(&row, &session_user)? {
            return Err(self.integrity_alarm(RecordKind::User, &session_user, "sessions").await);
        }
        let now = now_ms();
        let created: i64 = s.try_get("created_at")?;
        let last_seen: i64 = s.try_get("last_seen")?;
        if now - last_seen > SESSION_IDLE_MS || now - created > SESSION_ABSOLUTE_MS {
            sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&hash).execute(&self.pool).await?;
            return Ok(None);
        }
        // Touch at most once a minute so reads do not all become writes.
        if now - last_seen > 60_000 {
            sqlx::query("UPDATE sessions SET last_seen = $1 WHERE id_hash = $2")
                .bind(now)
                .bind(&hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(Session { user, csrf: s.try_get("csrf")?, second_factor_done: s.try_get::<i64, _>("mfa_ok")? != 0 }))
    }

    pub async fn end_session(&self, secret: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(self.keys().secret_hash(secret))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Issues an API token for a user; the secret is returned once. It
    /// expires after `days` (default [`DEFAULT_TOKEN_DAYS`]). For a role that
    /// needs a second factor the token waits until its owner confirms it in
    /// the web UI with that factor, so a token made on the server never
    /// skips the second factor.
    pub async fn create_token(&self, username: &str) -> Result<(TokenId, String)> {
        let (id, secret, _) = self.create_token_with(username, &TokenScope::ALL, None).await?;
        Ok((id, secret))
    }

    /// As [`Store::create_token`], with scopes and a lifetime; also says
    /// whether the token waits for confirmation.
    pub async fn create_token_with(
        &self,
        username: &str,
        scopes: &[TokenScope],
        days: Option<i64>,
    ) -> Result<(TokenId, String, bool)> {
        let user = self.user_by_username(username).await?;
        let days = days.unwrap_or(DEFAULT_TOKEN_DAYS);
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(ValidationError::new("days", "invalid_days", "a token lives 1 to 366 days").into());
        }
        if scopes.is_empty() {
            return Err(ValidationError::new("scopes", "invalid_scope", "scopes are read, write and admin").into());
        }
        let id = TokenId::from_random_bytes(new_id_bytes());
        let secret = format!("hvn_{}", random_secret(32));
        let now = now_ms();
        let expires = now + days * 86_400_000;
        let scopes_s = scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",");
        let pending = user.second_factor_required();
        let status = if pending { "pending" } else { "active" };
        let hash = self.keys().secret_hash(&secret);
        let uid = user.id.to_string();
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, token_hash, created_at, expires_at, scopes, status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(&uid)
        .bind(hash)
        .bind(now)
        .bind(expires)
        .bind(&scopes_s)
        .bind(status)
        .execute(&mut *tx)
        .await?;
        self.seal_row(&mut tx, &integrity::API_TOKENS, &id.to_string()).await?;
        self.append(&mut tx, &SYSTEM, Action::TokenCreate, RecordKind::Token, &id.to_string(), status).await?;
        tx.commit().await?;
        Ok((id, secret, pending))
    }

    fn token_select() -> String {
        format!("SELECT {} FROM api_tokens t", integrity::select_cols(&integrity::API_TOKENS, "t", ""))
    }

    /// A user's own tokens that are neither revoked nor expired.
    pub async fn list_tokens(&self, user: &User) -> Result<Vec<TokenSummary>> {
        let rows = sqlx::query(&format!(
            "{} WHERE t.user_id = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) \
             ORDER BY t.created_at DESC",
            Self::token_select()
        ))
        .bind(user.id.to_string())
        .bind(now_ms())
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            self.check_row(&integrity::API_TOKENS, r, "").await?;
            out.push(TokenSummary {
                id: r.try_get::<String, _>("id")?.parse()?,
                created_at_ms: r.try_get("created_at")?,
                expires_at_ms: r.try_get("expires_at")?,
                scopes: TokenScope::parse_list(&r.try_get::<String, _>("scopes")?)?,
                pending: r.try_get::<String, _>("status")? == "pending",
            });
        }
        Ok(out)
    }

    /// The owner confirms a pending token with a second-factor code.
    pub async fn confirm_token(&self, user: &User, token: TokenId, code: &str) -> Result<SecondFactorOutcome> {
        let outcome = self.verify_second_factor(user, code, None).await?;
        if outcome != SecondFactorOutcome::Accepted {
            return Ok(outcome);
        }
        let uid = user.id.to_string();
        let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE api_tokens SET status = 'active' WHERE id = $1 AND user_id = $2 AND status = 'pending'",
        )
        .bind(token.to_string())
        .bind(&uid)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        self.seal_row(&mut tx, &integrity::API_TOKENS, &token.to_string()).await?;
        self.append(&mut tx, &ctx, Action::Approve, RecordKind::Token, &token.to_string(), "confirmed").await?;
        tx.commit().await?;
        Ok(SecondFactorOutcome::Accepted)
    }

    /// Revokes one token by id, or every token of the user when `id` is None.
    pub async fn revoke_tokens(&self, username: &str, id: Option<TokenId>) -> Result<u64> {
        let user = self.user_by_username(username).await?;
        let rows = match id {
            Some(t) => {
                sqlx::query("SELECT id FROM api_tokens WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL")
                    .bind(t.to_string())
                    .bind(user.id.to_string())
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT id FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL")
                    .bind(user.id.to_string())
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        let mut tx = self.begin().await?;
        for r in &rows {
            let tid: String = r.try_get("id")?;
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
                .bind(now_ms())
                .bind(&tid)
                .execute(&mut *tx)
                .await?;
            self.seal_row(&mut tx, &integrity::API_TOKENS, &tid).await?;
        }
        let record = id.map(|t| t.to_string()).unwrap_or_else(|| user.id.to_string());
        self.append(&mut tx, &SYSTEM, Action::TokenRevoke, RecordKind::Token, &record, "ok").await?;
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    /// The user behind a bearer token, if the token is valid, confirmed,
    /// unrevoked and unexpired and its owner is active.
    ///
    /// An owner found and checked is kept for [`TOKEN_CACHE_TTL`], since a
    /// client sends its requests in bursts and the lookup was a third of a
    /// request's work (issue 12). Every write this process commits empties
    /// the cache, so a revocation, a disabled account or a changed role here
    /// takes effect at once; one made by another process (the CLI) or in SQL
    /// takes effect within the TTL, and an owner re-pointed in SQL raises its
    /// alarm then. The cache never widens anyone: it holds only owners whose
    /// rows passed every check below.
    pub async fn token_user(&self, secret: &str) -> Result<Option<TokenUser>> {
        let hash = self.keys().secret_hash(secret);
        let epoch = self.token_cache.epoch();
        if let Some(found) = self.token_cache.get(&hash, epoch, now_ms()) {
            return Ok(Some(found));
        }
        let found = self.token_user_checked(&hash).await?;
        if let Some((user, expires_at)) = &found {
            self.token_cache.put(hash, epoch, *expires_at, user.clone());
        }
        Ok(found.map(|(user, _)| user))
    }

    /// Drops every cached token owner, as if their moment had passed. Tests
    /// that change rows in SQL call it to stand for that wait.
    pub fn forget_cached_token_owners(&self) {
        self.token_cache.forget();
    }

    /// [`Store::token_user`] read from the database, with the token's expiry.
    async fn token_user_checked(&self, hash: &str) -> Result<Option<(TokenUser, Option<i64>)>> {
        // The token and its owner in one round trip, since every API request
        // pays for it (issue 12). The join only finds the rows; what decides
        // is checked below on sealed values: the token's MAC, then that its
        // hash and owner are the ones asked for and the owner is active
        // (`owner_is`). An inactive owner joins as NULLs.
        let sql = format!(
            "SELECT {}, {}, o.id AS org_pk FROM api_tokens t \
             LEFT JOIN users u ON u.id = t.user_id AND u.disabled = 0 AND u.status = 'active' \
             LEFT JOIN organisations o ON o.id = u.org_id WHERE t.token_hash = $1",
            integrity::select_cols(&integrity::API_TOKENS, "t", "tok_"),
            user_cols!()
        );
        let Some(row) = sqlx::query(&sql).bind(hash).fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        self.check_row(&integrity::API_TOKENS, &row, "tok_").await?;
        let revoked = row.try_get::<Option<i64>, _>("tok_revoked_at")?.is_some();
        let expired = row.try_get::<Option<i64>, _>("tok_expires_at")?.is_some_and(|e| e <= now_ms());
        if revoked || expired || row.try_get::<String, _>("tok_status")? != "active" {
            return Ok(None);
        }
        let owner_present = row.try_get::<Option<String>, _>("id")?.is_some();
        let org_present = row.try_get::<Option<String>, _>("org_pk")?.is_some();
        if !(owner_present && org_present) {
            return Ok(None);
        }
        let user = self.checked_user(&row).await?;
        // r16: SQL's `=` is the database's to redefine (an operator or a
        // collation planted on PostgreSQL makes every row match), so the
        // sealed values, not the join, decide whose token this is.
        let token_id: String = row.try_get("tok_id")?;
        let hash_matches = row.try_get::<String, _>("tok_token_hash")? == hash;
        if !hash_matches || !owner_is(&row, &row.try_get::<String, _>("tok_user_id")?)? {
            return Err(self.integrity_alarm(RecordKind::Token, &token_id, "api_tokens").await);
        }
        let scopes = TokenScope::parse_list(&row.try_get::<String, _>("tok_scopes")?)?;
        Ok(Some((TokenUser { user, scopes }, row.try_get::<Option<i64>, _>("tok_expires_at")?)))
    }
}

/// How long a bearer token's checked owner is kept (see [`Store::token_user`]).
pub const TOKEN_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// Bearer tokens' owners as last checked, by token hash (never the secret).
///
/// An entry is good only under the epoch it was read in: [`TokenCache::forget`]
/// moves the epoch on after a commit, so an owner read before the commit but
/// stored after it is never served.
#[derive(Default)]
pub(crate) struct TokenCache {
    epoch: std::sync::atomic::AtomicU64,
    entries: std::sync::Mutex<std::collections::HashMap<String, CachedOwner>>,
}

struct CachedOwner {
    epoch: u64,
    at: std::time::Instant,
    expires_at_ms: Option<i64>,
    user: TokenUser,
}

impl TokenCache {
    /// Enough for every token of a large installation; past it the cache is
    /// emptied rather than grown, so a flood of valid tokens costs lookups,
    /// not memory.
    const MAX: usize = 4096;

    fn entries(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, CachedOwner>> {
        // A panic while holding the lock leaves a map of whole entries.
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn epoch(&self) -> u64 {
        self.epoch.load(std::sync::atomic::Ordering::Acquire)
    }

    fn get(&self, hash: &str, epoch: u64, now_ms: i64) -> Option<TokenUser> {
        let entries = self.entries();
        let e = entries.get(hash)?;
        let fresh = e.epoch == epoch && e.at.elapsed() < TOKEN_CACHE_TTL;
        let unexpired = e.expires_at_ms.is_none_or(|x| x > now_ms);
        (fresh && unexpired).then(|| e.user.clone())
    }

    fn put(&self, hash: String, epoch: u64, expires_at_ms: Option<i64>, user: TokenUser) {
        let mut entries = self.entries();
        if self.epoch() != epoch {
            return;
        }
        if entries.len() >= Self::MAX {
            entries.clear();
        }
        entries.insert(hash, CachedOwner { epoch, at: std::time::Instant::now(), expires_at_ms, user });
    }

    pub(crate) fn forget(&self) {
        let mut entries = self.entries();
        self.epoch.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        entries.clear();
    }
}

/// Whether a user row whose MAC has been checked is the active account
/// `user_id`: what the join conditions asked of SQL, asked again of the
/// sealed values.
fn owner_is(row: &AnyRow, user_id: &str) -> Result<bool> {
    Ok(row.try_get::<String, _>("id")? == user_id
        && row.try_get::<i64, _>("disabled")? == 0
        && row.try_get::<String, _>("status")? == "active")
}

/// Who may disable or enable an account: an administrator of its
/// organisation, or the system administrator for the organisation
/// administrators they appoint, never for case accounts (an installation's
/// administrator must not be able to silence an organisation's staff).
fn may_switch_account(actor: &Actor, row: &AnyRow, org: OrgId) -> Result<bool> {
    if !access::may_manage_users_of(actor, org) {
        return Ok(false);
    }
    // The system administrator's account is made at bootstrap and is nobody's
    // to switch off from a web session: an administrator of the organisation
    // it sits in could otherwise disable it and, as the grantor of its
    // return, leave it waiting for someone else's approval (R16).
    if row.try_get::<String, _>("role")? == Role::SystemAdmin.as_str() {
        return Ok(false);
    }
    if actor.role == Role::SystemAdmin {
        return Ok(row.try_get::<String, _>("role")? == Role::OrgAdmin.as_str());
    }
    Ok(true)
}

/// How many recovery codes an account is given.
pub const RECOVERY_CODES: usize = 10;

/// Letters and digits that cannot be mistaken for one another when
/// written down and typed back (no 0/o, 1/l/i).
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Ten characters from the alphabet: about 49 bits, behind the same
/// back-off as six-digit codes.
fn new_recovery_code() -> String {
    crate::crypto::random_from(RECOVERY_ALPHABET, 10)
}

/// A typed recovery code in its normal form (lower case, no dashes or
/// spaces), or `None` if it is not one (a six-digit code, for instance).
fn recovery_code(typed: &str) -> Option<String> {
    let normal: String = typed.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_lowercase()).collect();
    (normal.len() == 10 && normal.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))).then_some(normal)
}

/// TOTP (RFC 6238): SHA-1, 6 digits, 30-second steps, one step of clock skew.
fn totp(secret: Vec<u8>) -> Result<totp_rs::TOTP> {
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, secret).map_err(|_| StoreError::Crypto)
}

/// A new TOTP enrolment: the base32 secret and the otpauth URI for an app.
pub struct TotpEnrolment {
    pub secret_base32: String,
    pub uri: String,
}

impl Store {
    /// Starts (or restarts) enrolment: stores a new sealed secret, not yet
    /// enabled until a code from it is verified.
    pub async fn begin_totp(&self, user: &User) -> Result<TotpEnrolment> {
        let secret = crate::crypto::random_bytes(20);
        let sealed = self.keys().seal_secret(&format!("totp\0{}", user.id), &secret)?;
        sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_enabled = 0")
            .bind(sealed)
            .bind(user.id.to_string())
            .execute(&self.pool)
            .await?;
        let b32 = match totp_rs::Secret::Raw(secret.to_vec()).to_encoded() {
            totp_rs::Secret::Encoded(s) => s,
            totp_rs::Secret::Raw(_) => return Err(StoreError::Crypto),
        };
        let uri = format!(
            "otpauth://totp/haven:{}?secret={b32}&issuer=haven&algorithm=SHA1&digits=6&period=30",
            user.username
        );
        Ok(TotpEnrolment { secret_base32: b32, uri })
    }

    /// Checks a code against the user's secret, refusing a code (or an older
    /// one) that was already used. Wrong codes count per account with a
    /// capped back-off, and crossing the threshold raises an alarm for the
    /// auditor: the person guessing already has the password. On success
    /// during enrolment the factor is enabled; the session, if given, is opened.
    pub async fn verify_second_factor(
        &self,
        user: &User,
        code: &str,
        session_secret: Option<&str>,
    ) -> Result<SecondFactorOutcome> {
        let uid = user.id.to_string();
        let now = now_ms();
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "SELECT totp_secret, totp_last_step, totp_failures, totp_locked_until, totp_enabled FROM users WHERE id = $1",
        )
        .bind(&uid)
        .fetch_one(&mut *tx)
        .await?;
        let sealed: Option<Vec<u8>> = row.try_get("totp_secret")?;
        let last_step: i64 = row.try_get("totp_last_step")?;
        let failures: i64 = row.try_get("totp_failures")?;
        let was_enabled = row.try_get::<i64, _>("totp_enabled")? != 0;
        let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
        if row.try_get::<Option<i64>, _>("totp_locked_until")?.is_some_and(|t| t > now) {
            self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "locked").await?;
            tx.commit().await?;
            return Ok(SecondFactorOutcome::Locked);
        }
        let Some(sealed) = sealed else {
            self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "not_enrolled").await?;
            tx.commit().await?;
            return Ok(SecondFactorOutcome::Wrong);
        };
        let secret = self.keys().open_secret(&format!("totp\0{uid}"), &sealed)?;
        let totp = totp(secret.to_vec())?;
        let now_step = now / 1000 / 30;
        let code = code.trim();
        // A recovery code works once, and only for an enrolled factor: it
        // is deleted in the same transaction that accepts it.
        let recovered = match recovery_code(code) {
            Some(normal) if was_enabled => {
                sqlx::query("DELETE FROM recovery_codes WHERE id_hash = $1 AND user_id = $2")
                    .bind(self.recovery_hash(&uid, &normal))
                    .bind(&uid)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    == 1
            }
            _ => false,
        };
        let matched = if recovered {
            Some(last_step)
        } else {
            (now_step - 1..=now_step + 1)
                .filter(|s| *s > last_step)
                .find(|s| crate::crypto::ct_eq(totp.generate((*s * 30) as u64).as_bytes(), code.as_bytes()))
        };
        let Some(step) = matched else {
            let failures = failures + 1;
            let lock = backoff_ms(failures);
            sqlx::query("UPDATE users SET totp_failures = $1, totp_locked_until = $2 WHERE id = $3")
                .bind(failures)
                .bind((lock > 0).then_some(now + lock))
                .bind(&uid)
                .execute(&mut *tx)
                .await?;
            self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "bad_code").await?;
            if lock > 0 {
                self.append(&mut tx, &ctx, Action::SecondFactorAlarm, RecordKind::User, &uid, "locked").await?;
            }
            tx.commit().await?;
            return Ok(if lock > 0 { SecondFactorOutcome::Locked } else { SecondFactorOutcome::Wrong });
        };
        sqlx::query(
            "UPDATE users SET totp_enabled = 1, totp_last_step = $1, totp_failures = 0, totp_locked_until = NULL WHERE id = $2",
        )
        .bind(step)
        .bind(&uid)
        .execute(&mut *tx)
        .await?;
        if !was_enabled {
            self.seal_user_row(&mut tx, &uid).await?;
        }
        if let Some(s) = session_secret {
            let hash = self.keys().secret_hash(s);
            let done = sqlx::query("UPDATE sessions SET mfa_ok = 1 WHERE id_hash = $1 AND user_id = $2")
                .bind(&hash)
                .bind(&uid)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done > 0 {
                self.seal_row(&mut tx, &integrity::SESSIONS, &hash).await?;
            }
        }
        let outcome = if recovered { "recovery_code" } else { "ok" };
        self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, outcome).await?;
        tx.commit().await?;
        Ok(SecondFactorOutcome::Accepted)
    }

    /// The keyed hash a recovery code is kept as: over the user's id and
    /// the code, with a key only haven holds (R27: an SQL writer cannot
    /// make one that works).
    fn recovery_hash(&self, uid: &str, normal: &str) -> String {
        self.keys().secret_hash(&format!("recovery\0{uid}\0{normal}"))
    }

    /// Issues ten new recovery codes for an account with an enrolled second
    /// factor, replacing any it had. The codes are returned once, to show
    /// the user; only their keyed hashes are kept.
    pub async fn issue_recovery_codes(&self, user: &User) -> Result<Vec<String>> {
        let uid = user.id.to_string();
        let mut tx = self.begin().await?;
        let enabled: i64 = sqlx::query("SELECT totp_enabled FROM users WHERE id = $1")
            .bind(&uid)
            .fetch_one(&mut *tx)
            .await?
            .try_get("totp_enabled")?;
        if enabled == 0 {
            return Err(StoreError::Conflict("set up the second factor before recovery codes".into()));
        }
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(&uid).execute(&mut *tx).await?;
        let now = now_ms();
        let mut codes = Vec::with_capacity(RECOVERY_CODES);
        while codes.len() < RECOVERY_CODES {
            let normal = new_recovery_code();
            if codes.contains(&normal) {
                continue;
            }
            sqlx::query("INSERT INTO recovery_codes (id_hash, user_id, created_at) VALUES ($1, $2, $3)")
                .bind(self.recovery_hash(&uid, &normal))
                .bind(&uid)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            codes.push(normal);
        }
        let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
        self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "recovery_codes_issued").await?;
        tx.commit().await?;
        Ok(codes.iter().map(|c| format!("{}-{}", &c[..5], &c[5..])).collect())
    }

    /// How many unused recovery codes an account has left.
    pub async fn recovery_codes_left(&self, user: &User) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = $1")
            .bind(user.id.to_string())
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }

    /// For tests and recovery tooling: the current code of a user's secret.
    pub async fn current_totp_code(&self, user: &User) -> Result<String> {
        self.totp_code(user, 0).await
    }

    /// For tests: the code `steps` thirty-second steps from now (a code is
    /// accepted once, so a test that needs two codes takes the next one).
    pub async fn totp_code(&self, user: &User, steps: i64) -> Result<String> {
        let uid = user.id.to_string();
        let row = sqlx::query("SELECT totp_secret FROM users WHERE id = $1").bind(&uid).fetch_one(&self.pool).await?;
        let sealed: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("totp_secret")?.ok_or(StoreError::NotFound)?;
        let secret = self.keys().open_secret(&format!("totp\0{uid}"), &sealed)?;
        Ok(totp(secret.to_vec())?.generate((now_ms() / 1000 + steps * 30) as u64))
    }

    /// For tests and scripts acting as a user who holds their second factor:
    /// issues a token and, if the role needs the factor, enrols it (when not
    /// yet enrolled) and confirms the token with it, as the user would in the
    /// web UI.
    pub async fn create_confirmed_token(&self, username: &str) -> Result<(TokenId, String)> {
        let (id, secret, pending) = self.create_token_with(username, &TokenScope::ALL, None).await?;
        if pending {
            let user = self.user_by_username(username).await?;
            if !user.totp_enabled {
                self.begin_totp(&user).await?;
                let code = self.totp_code(&user, 0).await?;
                if self.verify_second_factor(&user, &code, None).await? != SecondFactorOutcome::Accepted {
                    return Err(StoreError::Denied);
                }
            }
            let user = self.user_by_username(username).await?;
            let code = self.totp_code(&user, 1).await?;
            if self.confirm_token(&user, id, &code).await? != SecondFactorOutcome::Accepted {
                return Err(StoreError::Denied);
            }
        }
        Ok((id, secret))
    }

    /// Recomputes one row's integrity MAC. For tests that move a date back
    /// in SQL to stand for time passing, and for an operator repairing a
    /// row after investigating an alarm; it needs the master key, like
    /// everything that makes a MAC.
    pub async fn reseal(&self, table: &str, id: &str) -> Result<()> {
        let spec = integrity::ALL
            .iter()
            .find(|s| s.table == table)
            .ok_or_else(|| StoreError::Config(format!("{table} carries no MAC")))?;
        let mut tx = self.begin().await?;
        self.seal_row(&mut tx, spec, id).await?;
        tx.commit().await
    }

    /// Marks an organisation as fictional (the operator's `haven demo`).
    pub async fn mark_demo_org(&self, org: OrgId) -> Result<()> {
        sqlx::query("UPDATE organisations SET demo = 1 WHERE id = $1")
            .bind(org.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn list_orgs(&self) -> Result<Vec<OrgSummary>> {
        let rows = sqlx::query(&format!(
            "SELECT {}, t.languages, t.demo FROM organisations t ORDER BY t.name",
            integrity::select_cols(&integrity::ORGANISATIONS, "t", "")
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            self.check_row(&integrity::ORGANISATIONS, r, "").await?;
            let id: String = r.try_get("id")?;
            let kind: String = r.try_get("kind")?;
            out.push(OrgSummary {
                id: id.parse()?,
                name: r.try_get("name")?,
                kind: OrgKind::parse(&kind)?,
                country: r.try_get("country")?,
                languages: r
                    .try_get::<String, _>("languages")?
                    .split(',')
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                caseworkers_see_all: r.try_get::<i64, _>("caseworkers_see_all")? != 0,
                demo: r.try_get::<i64, _>("demo")? != 0,
            });
        }
        Ok(out)
    }

    /// The accounts of the organisation an administrator manages.
    pub async fn list_users(&self, admin: &access::OrgAdmin) -> Result<Vec<UserSummary>> {
        self.users_of(admin.org()).await
    }

    /// A reader's colleagues, to name who a case is assigned to and to
    /// offer assignment: the accounts of the scope's own organisation.
    pub async fn colleagues(&self, scope: &Scope) -> Result<Vec<UserSummary>> {
        self.users_of(scope.org()).await
    }

    async fn users_of(&self, org: OrgId) -> Result<Vec<UserSummary>> {
        let rows = sqlx::query(&format!("{USER_SELECT} WHERE u.org_id = $1 ORDER BY u.username"))
            .bind(org.to_string())
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let created_by = r.try_get::<Option<String>, _>("created_by")?.and_then(|s| s.parse().ok());
            let disabled = r.try_get::<i64, _>("disabled")? != 0;
            match self.checked_user(r).await {
                Ok(u) => out.push(UserSummary {
                    id: u.id,
                    org_id: u.org_id,
                    username: u.username,
                    role: u.role,
                    totp_enabled: u.totp_enabled,
                    disabled,
                    status: AccountStatus::parse(&r.try_get::<String, _>("status")?)?,
                    created_by,
                    integrity_ok: true,
                }),
                // One edited row must not hide every other account from the
                // administrator who has to deal with it: it is listed as
                // failed (the alarm is raised), and works nowhere else.
                Err(StoreError::Integrity(_)) => out.push(UserSummary {
                    id: r.try_get::<String, _>("id")?.parse()?,
                    org_id: r.try_get::<String, _>("org_id")?.parse()?,
                    username: r.try_get("username")?,
                    role: Role::parse(&r.try_get::<String, _>("role")?).unwrap_or(Role::Caseworker),
                    totp_enabled: false,
                    disabled,
                    status: AccountStatus::parse(&r.try_get::<String, _>("status")?).unwrap_or(AccountStatus::Pending),
                    created_by,
                    integrity_ok: false,
                }),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Records the languages an organisation works in (BCP 47 tags).
    pub async fn set_org_languages(&self, admin: &access::OrgAdmin, languages: &[String]) -> Result<()> {
        let org = admin.org();
        let mut tags = Vec::new();
        for l in languages.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            tags.push(haven_core::person::LanguageTag::parse(l)?.as_str().to_owned());
        }
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE organisations SET languages = $1 WHERE id = $2")
            .bind(tags.join(","))
            .bind(org.to_string())
            .execute(&mut *tx)
            .await?;
        self.append(&mut tx, &SYSTEM, Action::Update, RecordKind::Organisation, &org.to_string(), "ok").await?;
        tx.commit().await
    }

    /// Whether caseworkers of an organisation see all its cases: only that
    /// organisation's own administrators decide it ([`access::may_set_case_reach`]).
    pub async fn set_org_caseworkers_see_all(&self, actor: &Actor, org: OrgId, value: bool) -> Result<()> {
        let uid = actor.user_id.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id: "" };
        if !access::may_set_case_reach(actor, org) {
            self.record_event(&ctx, Action::Denied, RecordKind::Organisation, &org.to_string(), "case_reach").await?;
            return Err(StoreError::Denied);
        }
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE organisations SET caseworkers_see_all = $1 WHERE id = $2")
            .bind(i64::from(value))
            .bind(org.to_string())
            .execute(&mut *tx)
            .await?;
        self.seal_org_row(&mut tx, &org.to_string()).await?;
        self.append(&mut tx, &ctx, Action::Update, RecordKind::Organisation, &org.to_string(), "ok").await?;
        tx.commit().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_starts_after_the_free_attempts_and_is_capped() {
        assert_eq!(backoff_ms(4), 0);
        assert_eq!(backoff_ms(5), 60_000);
        assert_eq!(backoff_ms(6), 120_000);
        assert_eq!(backoff_ms(8), 480_000);
        assert_eq!(backoff_ms(9), MAX_LOCK_MS);
        assert_eq!(backoff_ms(10_000), MAX_LOCK_MS);
    }

    #[test]
    fn networks_group_ipv6_by_64_and_keep_ipv4_whole() {
        assert_eq!(network_of("10.1.2.3".parse().unwrap()), "10.1.2.3");
        assert_eq!(network_of("2001:db8:1:2:3:4:5:6".parse().unwrap()), network_of("2001:db8:1:2::9".parse().unwrap()));
        assert_ne!(network_of("2001:db8:1:2::1".parse().unwrap()), network_of("2001:db8:1:3::1".parse().unwrap()));
    }
}
