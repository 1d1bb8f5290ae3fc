//! Organisations, users, sessions and API tokens.
//!
//! Session ids and API tokens are bearer secrets: only their keyed hashes are
//! stored. Passwords are Argon2id, verified on a blocking thread; an unknown
//! username is checked against a dummy hash so timing does not reveal which
//! accounts exist.

use std::sync::OnceLock;

use haven_core::access::{Actor, OrgKind, Role};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{OrgId, TokenId, UserId};
use haven_core::ValidationError;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::Context;
use crate::crypto::{hash_password, random_password, random_secret, verify_password};
use crate::{new_id_bytes, now_ms, Result, Store, StoreError};

/// Failed logins before the account is locked for [`LOCK_MS`].
const MAX_FAILURES: i64 = 5;
const LOCK_MS: i64 = 15 * 60 * 1000;
/// A session ends after this long without use...
pub const SESSION_IDLE_MS: i64 = 30 * 60 * 1000;
/// ...and after this long in any case.
pub const SESSION_ABSOLUTE_MS: i64 = 12 * 60 * 60 * 1000;

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

/// The columns of a user with their organisation's kind and settings.
const USER_SELECT: &str = "SELECT u.id, u.org_id, u.username, u.role, u.password_hash, u.must_change_password, \
     u.locked_until, u.totp_enabled, o.kind AS org_kind, o.caseworkers_see_all AS org_see_all \
     FROM users u JOIN organisations o ON o.id = u.org_id";

#[derive(Debug, Clone)]
pub struct OrgSummary {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub country: Option<String>,
    /// BCP 47 tags of the languages the organisation works in.
    pub languages: Vec<String>,
    pub caseworkers_see_all: bool,
}

#[derive(Debug, Clone)]
pub struct UserSummary {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: String,
    pub role: Role,
    pub totp_enabled: bool,
    pub disabled: bool,
}

#[derive(Debug)]
pub enum LoginOutcome {
    Success(User),
    /// Wrong username or password; deliberately not saying which.
    Failed,
    Locked,
}

pub struct Session {
    pub user: User,
    pub csrf: String,
    /// False until the second factor has been checked for this session.
    pub second_factor_done: bool,
}

fn user_from_row(r: &AnyRow) -> Result<User> {
    let id: String = r.try_get("id")?;
    let org: String = r.try_get("org_id")?;
    let role: String = r.try_get("role")?;
    let kind: String = r.try_get("org_kind")?;
    Ok(User {
        id: id.parse()?,
        org_id: org.parse()?,
        org_kind: OrgKind::parse(&kind)?,
        org_caseworkers_see_all: r.try_get::<i64, _>("org_see_all")? != 0,
        username: r.try_get("username")?,
        role: Role::parse(&role)?,
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
        totp_enabled: r.try_get::<i64, _>("totp_enabled")? != 0,
    })
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

fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(&random_secret(16)).unwrap_or_default())
}

const SYSTEM: Context<'static> = Context { actor: "system", purpose: "administration", request_id: "cli" };

impl Store {
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
        self.create_user(org, "admin", Role::SystemAdmin, &password, true).await?;
        Ok(Some(password))
    }

    pub async fn create_org(&self, name: &str, kind: &str, country: Option<&str>) -> Result<OrgId> {
        let kind = OrgKind::parse(kind)?;
        let country =
            country.map(|c| haven_core::person::Country::parse(c).map(|c| c.as_str().to_owned())).transpose()?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
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
            sqlx::query("SELECT id FROM organisations WHERE name = $1").bind(name).fetch_optional(&mut *tx).await?;
        if exists.is_some() {
            return Err(StoreError::Conflict("an organisation with this name exists".into()));
        }
        sqlx::query("INSERT INTO organisations (id, name, kind, country, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id.to_string())
            .bind(name)
            .bind(kind.as_str())
            .bind(country)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
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

    pub async fn create_user(
        &self,
        org: OrgId,
        username: &str,
        role: Role,
        password: &str,
        must_change_password: bool,
    ) -> Result<UserId> {
        let username = parse_username(username)?;
        let pw = password.to_owned();
        let hash = tokio::task::spawn_blocking(move || hash_password(&pw))
            .await
            .map_err(|e| StoreError::Config(format!("hashing task failed: {e}")))??;
        let id = UserId::from_random_bytes(new_id_bytes());
        let mut tx = self.begin().await?;
        let exists =
            sqlx::query("SELECT id FROM users WHERE username = $1").bind(&username).fetch_optional(&mut *tx).await?;
        if exists.is_some() {
            return Err(StoreError::Conflict("this username is taken".into()));
        }
        sqlx::query(
            "INSERT INTO users (id, org_id, username, role, password_hash, must_change_password, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(org.to_string())
        .bind(&username)
        .bind(role.as_str())
        .bind(hash)
        .bind(i64::from(must_change_password))
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.append(&mut tx, &SYSTEM, Action::UserCreate, RecordKind::User, &id.to_string(), "ok").await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn user_by_username(&self, username: &str) -> Result<User> {
        let username = parse_username(username)?;
        let row = sqlx::query(&format!("{USER_SELECT} WHERE u.username = $1 AND u.disabled = 0"))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    /// Checks a password, with soft locking and an audit event either way.
    pub async fn login(&self, username: &str, password: &str, request_id: &str) -> Result<LoginOutcome> {
        let row = match parse_username(username) {
            Ok(u) => {
                sqlx::query(&format!("{USER_SELECT} WHERE u.username = $1 AND u.disabled = 0"))
                    .bind(u)
                    .fetch_optional(&self.pool)
                    .await?
            }
            Err(_) => None,
        };
        let (hash, user) = match &row {
            Some(r) => (r.try_get::<String, _>("password_hash")?, Some(user_from_row(r)?)),
            None => (dummy_hash().to_owned(), None),
        };
        let pw = password.to_owned();
        let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &hash))
            .await
            .map_err(|e| StoreError::Config(format!("hashing task failed: {e}")))?;
        let now = now_ms();
        let Some(user) = user else {
            let ctx = Context { actor: "anonymous", purpose: "authentication", request_id };
            self.record_event(&ctx, Action::LoginFailed, RecordKind::User, "", "unknown_user").await?;
            return Ok(LoginOutcome::Failed);
        };
        let uid = user.id.to_string();
        let ctx = Context { actor: &uid, purpose: "authentication", request_id };
        let locked_until: Option<i64> = row.as_ref().map(|r| r.try_get("locked_until")).transpose()?.flatten();
        let mut tx = self.begin().await?;
        if locked_until.is_some_and(|t| t > now) {
            self.append(&mut tx, &ctx, Action::LoginFailed, RecordKind::User, &uid, "locked").await?;
            tx.commit().await?;
            return Ok(LoginOutcome::Locked);
        }
        if !ok {
            sqlx::query(
                "UPDATE users SET failed_logins = failed_logins + 1, \
                 locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END WHERE id = $3",
            )
            .bind(MAX_FAILURES)
            .bind(now + LOCK_MS)
            .bind(&uid)
            .execute(&mut *tx)
            .await?;
            self.append(&mut tx, &ctx, Action::LoginFailed, RecordKind::User, &uid, "bad_password").await?;
            tx.commit().await?;
            return Ok(LoginOutcome::Failed);
        }
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(&uid)
            .execute(&mut *tx)
            .await?;
        self.append(&mut tx, &ctx, Action::Login, RecordKind::User, &uid, "ok").await?;
        tx.commit().await?;
        Ok(LoginOutcome::Success(user))
    }

    pub async fn set_password(&self, user: UserId, password: &str) -> Result<()> {
        if password.chars().count() < 12 {
            return Err(ValidationError::new("password", "too_short", "use at least 12 characters").into());
        }
        let pw = password.to_owned();
        let hash = tokio::task::spawn_blocking(move || hash_password(&pw))
            .await
            .map_err(|e| StoreError::Config(format!("hashing task failed: {e}")))??;
        let uid = user.to_string();
        let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
            .bind(hash)
            .bind(&uid)
            .execute(&mut *tx)
            .await?;
        // A password change ends every other session of the user.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(&uid).execute(&mut *tx).await?;
        self.append(&mut tx, &ctx, Action::Update, RecordKind::User, &uid, "password_changed").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Starts a session; returns the cookie secret and the CSRF token. A
    /// session of a user who needs a second factor starts locked until
    /// [`Store::verify_second_factor`] opens it.
    pub async fn create_session(&self, user: &User, second_factor_done: bool) -> Result<(String, String)> {
        let secret = random_secret(32);
        let csrf = random_secret(32);
        let now = now_ms();
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen, mfa_ok) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.keys().secret_hash(&secret))
        .bind(user.id.to_string())
        .bind(&csrf)
        .bind(now)
        .bind(now)
        .bind(i64::from(second_factor_done || !user.second_factor_required()))
        .execute(&self.pool)
        .await?;
        Ok((secret, csrf))
    }

    /// The live session for a cookie secret, enforcing idle and absolute
    /// timeouts. Expired sessions are deleted on sight.
    pub async fn session(&self, secret: &str) -> Result<Option<Session>> {
        let hash = self.keys().secret_hash(secret);
        let row = sqlx::query(
            "SELECT s.csrf, s.created_at AS s_created, s.last_seen AS s_seen, s.mfa_ok AS s_mfa, \
             u.id, u.org_id, u.username, u.role, u.must_change_password, u.totp_enabled, \
             o.kind AS org_kind, o.caseworkers_see_all AS org_see_all \
             FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id \
             WHERE s.id_hash = $1 AND u.disabled = 0",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let now = now_ms();
        let created: i64 = row.try_get("s_created")?;
        let last_seen: i64 = row.try_get("s_seen")?;
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
        Ok(Some(Session {
            user: user_from_row(&row)?,
            csrf: row.try_get("csrf")?,
            second_factor_done: row.try_get::<i64, _>("s_mfa")? != 0,
        }))
    }

    pub async fn end_session(&self, secret: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(self.keys().secret_hash(secret))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Issues an API token for a user; the secret is returned once.
    pub async fn create_token(&self, username: &str) -> Result<(TokenId, String)> {
        let user = self.user_by_username(username).await?;
        let id = TokenId::from_random_bytes(new_id_bytes());
        let secret = format!("hvn_{}", random_secret(32));
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id.to_string())
            .bind(user.id.to_string())
            .bind(self.keys().secret_hash(&secret))
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        self.append(&mut tx, &SYSTEM, Action::TokenCreate, RecordKind::Token, &id.to_string(), "ok").await?;
        tx.commit().await?;
        Ok((id, secret))
    }

    /// Revokes one token by id, or every token of the user when `id` is None.
    pub async fn revoke_tokens(&self, username: &str, id: Option<TokenId>) -> Result<u64> {
        let user = self.user_by_username(username).await?;
        let mut tx = self.begin().await?;
        let done = match id {
            Some(t) => sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            )
            .bind(now_ms())
            .bind(t.to_string())
            .bind(user.id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            None => sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(user.id.to_string())
                .execute(&mut *tx)
                .await?
                .rows_affected(),
        };
        let record = id.map(|t| t.to_string()).unwrap_or_else(|| user.id.to_string());
        self.append(&mut tx, &SYSTEM, Action::TokenRevoke, RecordKind::Token, &record, "ok").await?;
        tx.commit().await?;
        Ok(done)
    }

    /// The user behind a bearer token, if the token is valid and unrevoked.
    pub async fn token_user(&self, secret: &str) -> Result<Option<User>> {
        let row = sqlx::query(&format!(
            "{USER_SELECT} JOIN api_tokens t ON t.user_id = u.id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0"
        ))
        .bind(self.keys().secret_hash(secret))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }
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
    /// one) that was already used. On success during enrolment the factor is
    /// enabled; the session, if given, is opened.
    pub async fn verify_second_factor(&self, user: &User, code: &str, session_secret: Option<&str>) -> Result<bool> {
        let uid = user.id.to_string();
        let mut tx = self.begin().await?;
        let row = sqlx::query("SELECT totp_secret, totp_last_step FROM users WHERE id = $1")
            .bind(&uid)
            .fetch_one(&mut *tx)
            .await?;
        let sealed: Option<Vec<u8>> = row.try_get("totp_secret")?;
        let last_step: i64 = row.try_get("totp_last_step")?;
        let ctx = Context { actor: &uid, purpose: "authentication", request_id: "" };
        let Some(sealed) = sealed else {
            self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "not_enrolled").await?;
            tx.commit().await?;
            return Ok(false);
        };
        let secret = self.keys().open_secret(&format!("totp\0{uid}"), &sealed)?;
        let totp = totp(secret.to_vec())?;
        let now_step = now_ms() / 1000 / 30;
        let code = code.trim();
        let matched = (now_step - 1..=now_step + 1)
            .filter(|s| *s > last_step)
            .find(|s| crate::crypto::ct_eq(totp.generate((*s * 30) as u64).as_bytes(), code.as_bytes()));
        let Some(step) = matched else {
            self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "bad_code").await?;
            tx.commit().await?;
            return Ok(false);
        };
        sqlx::query("UPDATE users SET totp_enabled = 1, totp_last_step = $1 WHERE id = $2")
            .bind(step)
            .bind(&uid)
            .execute(&mut *tx)
            .await?;
        if let Some(s) = session_secret {
            sqlx::query("UPDATE sessions SET mfa_ok = 1 WHERE id_hash = $1 AND user_id = $2")
                .bind(self.keys().secret_hash(s))
                .bind(&uid)
                .execute(&mut *tx)
                .await?;
        }
        self.append(&mut tx, &ctx, Action::SecondFactor, RecordKind::User, &uid, "ok").await?;
        tx.commit().await?;
        Ok(true)
    }

    /// For tests and recovery tooling: the current code of a user's secret.
    pub async fn current_totp_code(&self, user: &User) -> Result<String> {
        let uid = user.id.to_string();
        let row = sqlx::query("SELECT totp_secret FROM users WHERE id = $1").bind(&uid).fetch_one(&self.pool).await?;
        let sealed: Vec<u8> = row.try_get::<Option<Vec<u8>>, _>("totp_secret")?.ok_or(StoreError::NotFound)?;
        let secret = self.keys().open_secret(&format!("totp\0{uid}"), &sealed)?;
        Ok(totp(secret.to_vec())?.generate((now_ms() / 1000) as u64))
    }

    pub async fn list_orgs(&self) -> Result<Vec<OrgSummary>> {
        let rows = sqlx::query(
            "SELECT id, name, kind, country, languages, caseworkers_see_all FROM organisations ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id")?;
                let kind: String = r.try_get("kind")?;
                Ok(OrgSummary {
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
                })
            })
            .collect()
    }

    /// Users of one organisation, or of all when `org` is None.
    pub async fn list_users(&self, org: Option<OrgId>) -> Result<Vec<UserSummary>> {
        let rows = match org {
            Some(o) => {
                sqlx::query("SELECT * FROM users WHERE org_id = $1 ORDER BY username")
                    .bind(o.to_string())
                    .fetch_all(&self.pool)
                    .await?
            }
            None => sqlx::query("SELECT * FROM users ORDER BY username").fetch_all(&self.pool).await?,
        };
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id")?;
                let org: String = r.try_get("org_id")?;
                let role: String = r.try_get("role")?;
                Ok(UserSummary {
                    id: id.parse()?,
                    org_id: org.parse()?,
                    username: r.try_get("username")?,
                    role: Role::parse(&role)?,
                    totp_enabled: r.try_get::<i64, _>("totp_enabled")? != 0,
                    disabled: r.try_get::<i64, _>("disabled")? != 0,
                })
            })
            .collect()
    }

    /// Records the languages an organisation works in (BCP 47 tags).
    pub async fn set_org_languages(&self, org: OrgId, languages: &[String]) -> Result<()> {
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

    pub async fn set_org_caseworkers_see_all(&self, org: OrgId, value: bool, actor: UserId) -> Result<()> {
        let uid = actor.to_string();
        let ctx = Context { actor: &uid, purpose: "administration", request_id: "" };
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE organisations SET caseworkers_see_all = $1 WHERE id = $2")
            .bind(i64::from(value))
            .bind(org.to_string())
            .execute(&mut *tx)
            .await?;
        self.append(&mut tx, &ctx, Action::Update, RecordKind::Organisation, &org.to_string(), "ok").await?;
        tx.commit().await
    }
}
