//! Reviewers' decisions on screened job advertisements (R26): the
//! organisation's review queue. Each row is a person's decision with their
//! reason; nothing here decides.

use haven_core::access::{Permission, Scope};
use haven_core::ad_review::Review;
use haven_core::audit::{Action, RecordKind};
use sqlx::Row;

use crate::{new_id_bytes, now_ms, require, Result, Store};

/// What the screening showed the reviewer, kept beside the decision.
pub struct Shown<'a> {
    pub score: f64,
    pub flags: &'a [String],
    pub model_version: &'a str,
}

/// A recorded decision.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub id: String,
    pub ad_text: String,
    pub score: f64,
    pub flags: Vec<String>,
    pub model_version: String,
    pub decision: String,
    pub reason: String,
    pub reviewer: String,
    pub decided_at_ms: i64,
}

impl Store {
    pub async fn record_ad_review(&self, scope: &Scope, review: &Review, shown: &Shown<'_>) -> Result<String> {
        require(scope, Permission::ReviewAds)?;
        let id = haven_core::ids::NoteId::from_random_bytes(new_id_bytes()).to_string();
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO ad_reviews (id, org_id, ad_text, score_permille, flags, model_version, decision, reason, \
             reviewer, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&id)
        .bind(scope.org().to_string())
        .bind(&review.ad_text)
        .bind((shown.score.clamp(0.0, 1.0) * 1000.0).round() as i64)
        .bind(shown.flags.join(" "))
        .bind(shown.model_version)
        .bind(review.decision.as_str())
        .bind(&review.reason)
        .bind(scope.actor().to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::AdReview, &id, review.decision.as_str()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organisation's decisions, newest first.
    pub async fn list_ad_reviews(&self, scope: &Scope, limit: i64) -> Result<Vec<ReviewView>> {
        require(scope, Permission::ReviewAds)?;
        let rows = sqlx::query(
            "SELECT r.id, r.ad_text, r.score_permille, r.flags, r.model_version, r.decision, r.reason, \
             COALESCE(u.username, r.reviewer) AS reviewer, r.decided_at FROM ad_reviews r \
             LEFT JOIN users u ON u.id = r.reviewer WHERE r.org_id = $1 ORDER BY r.decided_at DESC, r.id LIMIT $2",
        )
        .bind(scope.org().to_string())
        .bind(limit.clamp(1, 500))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReviewView {
                    id: r.try_get("id")?,
                    ad_text: r.try_get("ad_text")?,
                    score: r.try_get::<i64, _>("score_permille")? as f64 / 1000.0,
                    flags: r
                        .try_get::<String, _>("flags")?
                        .split(' ')
                        .filter(|f| !f.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    model_version: r.try_get("model_version")?,
                    decision: r.try_get("decision")?,
                    reason: r.try_get("reason")?,
                    reviewer: r.try_get("reviewer")?,
                    decided_at_ms: r.try_get("decided_at")?,
                })
            })
            .collect()
    }
}
