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

/// A platform is told that an advertisement was reported only once this many
/// survivors, across the installation's organisations, named the same
/// contact or passage: fewer could point a complicit insider at the one
/// person who spoke (R08, R26).
pub const PLATFORM_MIN_REPORTS: i64 = 3;

impl Store {
    /// R08, R26: for each advertisement, how many survivors named one of its
    /// contacts (handle, link, phone, e-mail) or copied one of its passages
    /// into a screening. A count only, compared by keyed hash: who they are
    /// is never shown, and the advertisement is not stored.
    ///
    /// An assistance organisation counts its own survivors. A platform has
    /// none, so it is given the count across the installation's
    /// organisations, and only from [`PLATFORM_MIN_REPORTS`] up; below that
    /// it learns nothing, not even that nobody reported the ad.
    pub async fn ad_reports(&self, scope: &Scope, ads: &[&str]) -> Result<AdReports> {
        require(scope, Permission::ReviewAds)?;
        let org = scope.org().to_string();
        let kind: String = sqlx::query("SELECT kind FROM organisations WHERE id = $1")
            .bind(&org)
            .fetch_one(self.pool())
            .await?
            .try_get("kind")?;
        let platform = kind == haven_core::access::OrgKind::Platform.as_str();
        let mut out = Vec::with_capacity(ads.len());
        let mut reported = 0usize;
        for ad in ads {
            use haven_core::corroboration as c;
            let mut marks = c::contact_marks(ad);
            marks.extend(c::passages(ad));
            let tokens: Vec<String> = marks.iter().map(|m| self.keys().blind_index(&format!("fact:{m}"))).collect();
            let n = if tokens.is_empty() {
                0
            } else {
                let list = (0..tokens.len()).map(|i| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
                let sql = if platform {
                    format!(
                        "SELECT COUNT(DISTINCT f.person_id) AS n FROM screening_facts f \
                         JOIN organisations o ON o.id = f.org_id \
                         WHERE o.demo = (SELECT demo FROM organisations WHERE id = $1) AND f.token IN ({list})"
                    )
                } else {
                    format!(
                        "SELECT COUNT(DISTINCT person_id) AS n FROM screening_facts \
                         WHERE org_id = $1 AND token IN ({list})"
                    )
                };
                let mut q = sqlx::query(&sql).bind(&org);
                for t in &tokens {
                    q = q.bind(t);
                }
                q.fetch_one(self.pool()).await?.try_get::<i64, _>("n")?
            };
            if n > 0 {
                reported += 1;
            }
            out.push(if platform && n < PLATFORM_MIN_REPORTS { None } else { Some(n) });
        }
        // One line per request: a reviewer probing many handles shows in
        // the log as many requests with their counts of matches.
        let outcome = format!("screened {} reported {}", ads.len(), reported);
        self.audit_read(scope, Action::Search, RecordKind::AdReview, &[""], &outcome).await?;
        Ok(AdReports { across_installation: platform, counts: out })
    }
}

/// Survivors' reports of screened advertisements, one count per ad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdReports {
    /// Counted across the installation's organisations (a platform), not
    /// within the caller's own.
    pub across_installation: bool,
    /// `None` where a platform is not told (below [`PLATFORM_MIN_REPORTS`]).
    pub counts: Vec<Option<i64>>,
}
