//! In-app notifications (issue 13). Written inside the transaction of what
//! they announce, so a referral that failed to send announces nothing.

use haven_core::access::{role_allows, Permission, Role};
use haven_core::ids::UserId;
use haven_core::notify::NotificationKind;
use sqlx::Row;

use crate::{now_ms, Result, Store, WriteTx};

/// One notification as its user sees it.
#[derive(Debug, Clone)]
pub struct Notification {
    pub id: String,
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
                id: r.try_get("id")?,
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
}
