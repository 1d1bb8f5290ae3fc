//! Organisations, users, sessions and API tokens.
//!
//! Session ids and API tokens are bearer secrets: only their keyed hashes are
//! stored. Passwords are Argon2id, verified on a blocking thread; an unknown
//! username is checked against a dummy hash so timing does not reveal which
//! accounts exist.

use std::sync::OnceLock;

use haven_core::access::{Actor, Role};
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
    pub username: String,
    pub role: Role,
    pub must_change_password: bool,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.id, org_id: self.org_id, role: self.role }
    }
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
}

fn user_from_row(r: &AnyRow) -> Result<User> {
    let id: String = r.try_get("id")?;
    let org: String = r.try_get("org_id")?;
    let role: String = r.try_get("role")?;
    Ok(User {
        id: id.parse()?,
        org_id: org.parse()?,
        username: r.try_get("username")?,
        role: Role::parse(&role)?,
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
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
        self.create_user(org, "admin", Role::Administrator, &password, true).await?;
        Ok(Some(password))
    }

    pub async fn create_org(&self, name: &str, kind: &str, country: Option<&str>) -> Result<OrgId> {
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
            .bind(kind)
            .bind(country)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        self.append(&mut tx, &SYSTEM, Action::Create, RecordKind::System, &id.to_string(), "ok").await?;
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
        let row = sqlx::query("SELECT * FROM users WHERE username = $1 AND disabled = 0")
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
                sqlx::query("SELECT * FROM users WHERE username = $1 AND disabled = 0")
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

    /// Starts a session; returns the cookie secret and the CSRF token.
    pub async fn create_session(&self, user: UserId) -> Result<(String, String)> {
        let secret = random_secret(32);
        let csrf = random_secret(32);
        let now = now_ms();
        sqlx::query("INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $5)")
            .bind(self.keys().secret_hash(&secret))
            .bind(user.to_string())
            .bind(&csrf)
            .bind(now)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok((secret, csrf))
    }

    /// The live session for a cookie secret, enforcing idle and absolute
    /// timeouts. Expired sessions are deleted on sight.
    pub async fn session(&self, secret: &str) -> Result<Option<Session>> {
        let hash = self.keys().secret_hash(secret);
        let row = sqlx::query(
            "SELECT s.csrf, s.created_at, s.last_seen, u.* FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND u.disabled = 0",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let now = now_ms();
        let created: i64 = row.try_get("created_at")?;
        let last_seen: i64 = row.try_get("last_seen")?;
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
        Ok(Some(Session { user: user_from_row(&row)?, csrf: row.try_get("csrf")? }))
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
        let row = sqlx::query(
            "SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0",
        )
        .bind(self.keys().secret_hash(secret))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }
}
