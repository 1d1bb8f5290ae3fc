//! In-app notifications (issue 13). Written inside the transaction of what
//! they announce, so a referral that failed to send announces nothing.

use haven_core::access::{role_allows, Permission, Role};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::{NotificationId, UserId};
use haven_core::notify::{EmailAddress, NotificationKind};
use sqlx::Row;

use crate::{now_ms, Result, Store, WriteTx};

/// One notification as its user sees it.
#[derive(Debug, Clone)]
pub struct Notification {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub record_id: String,
    pub created_at_ms: i64,
    pub read: bool,
}

impl Store {
    /// Tells one user.
    pub(crate) async fn notify(
        &self,
        tx: &mut WriteTx,
        user: &str,
        kind: NotificationKind,
        record: &str,
    ) -> Result<()> {
        sqlx::query("INSERT INTO notifications (id, user_id, kind, record_id, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(crate::access::uuid_string())
            .bind(user)
            .bind(kind.as_str())
            .bind(record)
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Tells every active user of an organisation who may work on cases
    /// (who can answer a referral), and nobody else: an administrator or an
    /// auditor has no use for it.
    pub(crate) async fn notify_case_workers(
        &self,
        tx: &mut WriteTx,
        org: &str,
        kind: NotificationKind,
        record: &str,
    ) -> Result<()> {
        let rows = sqlx::query("SELECT id, role FROM users WHERE org_id = $1 AND disabled = 0 AND status = 'active'")
            .bind(org)
            .fetch_all(&mut **tx)
            .await?;
        for r in rows {
            let role: String = r.try_get("role")?;
            if Role::parse(&role).is_ok_and(|role| role_allows(role, Permission::WriteCase)) {
                let id: String = r.try_get("id")?;
                self.notify(tx, &id, kind, record).await?;
            }
        }
        Ok(())
    }

    /// A user's own notifications, newest first. They are the user's, not
    /// the organisation's: no scope, and nobody reads another's.
    pub async fn notifications(&self, user: UserId, limit: u32) -> Result<Vec<Notification>> {
        let rows = sqlx::query(
            "SELECT id, kind, record_id, created_at, read_at FROM notifications WHERE user_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(user.to_string())
        .bind(i64::from(limit.clamp(1, 200)))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            // A kind this version does not know (a row written in SQL) is
            // left out rather than shown as something it is not.
            let Some(kind) = NotificationKind::parse(&r.try_get::<String, _>("kind")?) else { continue };
            // The link is built from the id: one written in SQL that is not
            // an id (a path, another host) is left out.
            let record: String = r.try_get("record_id")?;
            if record.len() != 36 || !record.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                continue;
            }
            out.push(Notification {
                id: r.try_get::<String, _>("id")?.parse()?,
                kind,
                record_id: record,
                created_at_ms: r.try_get("created_at")?,
                read: r.try_get::<Option<i64>, _>("read_at")?.is_some(),
            });
        }
        Ok(out)
    }

    pub async fn unread_notifications(&self, user: UserId) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL")
            .bind(user.to_string())
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Marks a user's notifications about one record read: opening the
    /// referral or the case is reading the news.
    pub async fn mark_record_notifications_read(&self, user: UserId, record: &str) -> Result<()> {
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND record_id = $3 AND read_at IS NULL")
            .bind(now_ms())
            .bind(user.to_string())
            .bind(record)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks all of a user's notifications read.
    pub async fn mark_notifications_read(&self, user: UserId) -> Result<u64> {
        let done = sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now_ms())
            .bind(user.to_string())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Sets or clears where a user's notification e-mails go, with the
    /// language they read them in. Sealed under the wrapping key, bound to
    /// the user, and audited; the user's own act, so no scope.
    pub async fn set_notification_email(
        &self,
        user: UserId,
        email: Option<&EmailAddress>,
        language: &str,
    ) -> Result<()> {
        let uid = user.to_string();
        let sealed = email.map(|e| self.keys().seal_secret(&email_aad(&uid), e.as_str().as_bytes())).transpose()?;
        let mut tx = self.begin().await?;
        let done = sqlx::query("UPDATE users SET notify_email = $1, notify_language = $2 WHERE id = $3")
            .bind(sealed)
            .bind(email.map(|_| language.to_owned()))
            .bind(&uid)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Err(crate::StoreError::NotFound);
        }
        let ctx = crate::audit::Context { actor: &uid, purpose: "account", request_id: "" };
        let outcome = if email.is_some() { "notification_email_set" } else { "notification_email_cleared" };
        self.append(&mut tx, &ctx, Action::Update, RecordKind::User, &uid, outcome).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A user's notification e-mail, if they gave one. One that does not
    /// open under this user's id (moved or forged in SQL) reads as none.
    pub async fn notification_email(&self, user: UserId) -> Result<Option<String>> {
        let uid = user.to_string();
        let row =
            sqlx::query("SELECT notify_email FROM users WHERE id = $1").bind(&uid).fetch_optional(&self.pool).await?;
        let sealed: Option<Vec<u8>> = match row {
            Some(r) => r.try_get("notify_email")?,
            None => None,
        };
        Ok(sealed.and_then(|s| self.open_email(&uid, &s)))
    }

    fn open_email(&self, uid: &str, sealed: &[u8]) -> Option<String> {
        let opened = self.keys().open_secret(&email_aad(uid), sealed).ok()?;
        String::from_utf8(opened.to_vec()).ok()
    }

    /// Unread notifications not yet announced by e-mail, per active user
    /// who gave an address: what the mailer sends, oldest users first.
    pub async fn mail_due(&self, limit: u32) -> Result<Vec<MailDue>> {
        let rows = sqlx::query(
            "SELECT n.id, n.user_id, u.notify_email, u.notify_language FROM notifications n \
             JOIN users u ON u.id = n.user_id \
             WHERE n.mailed_at IS NULL AND n.read_at IS NULL AND u.notify_email IS NOT NULL \
             AND u.disabled = 0 AND u.status = 'active' ORDER BY n.created_at, n.id LIMIT $1",
        )
        .bind(i64::from(limit.clamp(1, 10_000)))
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<MailDue> = Vec::new();
        for r in rows {
            let user: String = r.try_get("user_id")?;
            let id: NotificationId = r.try_get::<String, _>("id")?.parse()?;
            if let Some(due) = out.iter_mut().find(|d| d.user == user) {
                due.notifications.push(id);
                continue;
            }
            let sealed: Vec<u8> = r.try_get("notify_email")?;
            let Some(email) = self.open_email(&user, &sealed) else { continue };
            let language: Option<String> = r.try_get("notify_language")?;
            out.push(MailDue {
                user,
                email,
                language: language.unwrap_or_else(|| "en".to_owned()),
                notifications: vec![id],
            });
        }
        Ok(out)
    }

    /// Records that these notifications were announced by e-mail.
    pub async fn mark_mailed(&self, ids: &[NotificationId]) -> Result<()> {
        let now = now_ms();
        for chunk in ids.chunks(500) {
            let placeholders = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
            let sql = format!("UPDATE notifications SET mailed_at = $1 WHERE id IN ({placeholders})");
            let mut q = sqlx::query(&sql).bind(now);
            for id in chunk {
                q = q.bind(id.to_string());
            }
            q.execute(&self.pool).await?;
        }
        Ok(())
    }
}

/// One user's e-mail to send: how many new notifications, never what.
#[derive(Debug, Clone)]
pub struct MailDue {
    pub user: String,
    pub email: String,
    pub language: String,
    pub notifications: Vec<NotificationId>,
}

fn email_aad(user: &str) -> String {
    format!("users\0notify_email\0{user}")
}
