//! Reviewers' decisions on screened job advertisements (R26): the
//! organisation's review queue. Each row is a person's decision with their
//! reason; nothing here decides.

use haven_core::access::{Permission, Scope};
use haven_core::ad_review::Review;
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::AdReviewId;
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
    pub id: AdReviewId,
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
    pub async fn record_ad_review(&self, scope: &Scope, review: &Review, shown: &Shown<'_>) -> Result<AdReviewId> {
        require(scope, Permission::ReviewAds)?;
        let typed = AdReviewId::from_random_bytes(new_id_bytes());
        let id = typed.to_string();
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
        Ok(typed)
    }

    /// The organisation's decisions, newest first.
    pub async fn list_ad_reviews(&self, scope: &Scope, limit: i64) -> Result<Vec<ReviewView>> {
        self.ad_reviews_where(scope, "", limit).await
    }

    /// The organisation's review queue: ads whose latest decision is
    /// "escalate", waiting for a second look. A later decision on the same
    /// text (remove or keep, by whoever looks again) takes the ad off it.
    pub async fn escalated_ads(&self, scope: &Scope, limit: i64) -> Result<Vec<ReviewView>> {
        self.ad_reviews_where(
            scope,
            "AND r.decision = 'escalate' AND NOT EXISTS (SELECT 1 FROM ad_reviews later \
             WHERE later.org_id = r.org_id AND later.ad_text = r.ad_text \
             AND (later.decided_at > r.decided_at OR (later.decided_at = r.decided_at AND later.id > r.id)))",
            limit,
        )
        .await
    }

    async fn ad_reviews_where(&self, scope: &Scope, filter: &str, limit: i64) -> Result<Vec<ReviewView>> {
        require(scope, Permission::ReviewAds)?;
        let sql = format!(
            "SELECT r.id, r.ad_text, r.score_permille, r.flags, r.model_version, r.decision, r.reason, \
             COALESCE(u.username, r.reviewer) AS reviewer, r.decided_at FROM ad_reviews r \
             LEFT JOIN users u ON u.id = r.reviewer WHERE r.org_id = $1 {filter} \
             ORDER BY r.decided_at DESC, r.id LIMIT $2"
        );
        let rows =
            sqlx::query(&sql).bind(scope.org().to_string()).bind(limit.clamp(1, 500)).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(ReviewView {
                    id: r.try_get::<String, _>("id")?.parse()?,
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
/// survivors, across the installation's organisations, named one and the
/// same contact or passage of it: fewer could point a complicit insider at
/// the one person who spoke (R08, R26).
pub const PLATFORM_MIN_REPORTS: i64 = 3;

/// What kind of mark of an ad survivors named: it helps a reviewer write a
/// reason another can check, and says nothing about who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    Handle,
    Phone,
    Link,
    Email,
    Passage,
}

impl MarkKind {
    fn of(mark: &str) -> Self {
        // Contact marks have no spaces; passages have at least five words.
        if mark.contains(' ') {
            return MarkKind::Passage;
        }
        match mark.split_once(':').map(|(p, _)| p) {
            Some("handle") => MarkKind::Handle,
            Some("tel") => MarkKind::Phone,
            Some("url") => MarkKind::Link,
            Some("email") => MarkKind::Email,
            _ => MarkKind::Passage,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            MarkKind::Handle => "handle",
            MarkKind::Phone => "phone",
            MarkKind::Link => "link",
            MarkKind::Email => "email",
            MarkKind::Passage => "passage",
        }
    }
}

/// Survivors' reports of one advertisement, as a reviewer may be told them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdReport {
    pub reported: Reported,
    /// The kinds of the ad's marks that were reported (for a platform, that
    /// reach the floor); empty when nothing is told.
    pub matched: Vec<MarkKind>,
}

/// What a reviewer is told about survivors' reports of one advertisement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// An assistance organisation: how many of its own survivors named one
    /// of the ad's contacts or passages.
    Count(i64),
    /// A platform: at least [`PLATFORM_MIN_REPORTS`] survivors named one and
    /// the same contact or passage of it.
    AtLeast(i64),
    /// A platform is told nothing: no single contact or passage reaches the
    /// threshold (which includes nobody having reported it).
    NotTold,
}

impl Store {
    /// R08, R26: what survivors reported of each advertisement: a count or a
    /// floor, never who, compared by keyed hash; the advertisement is not
    /// stored.
    ///
    /// An assistance organisation counts its own survivors who named any of
    /// the ad's contacts (handle, link, phone, e-mail) or passages. A
    /// platform has none, so it is told only whether one single contact or
    /// passage was named by at least [`PLATFORM_MIN_REPORTS`] survivors
    /// across the installation's organisations, and never how many: a
    /// count over several contacts at once would let a widely reported one
    /// carry a probe of another past the threshold (insider review), and an
    /// exact count would show the day one more survivor spoke.
    pub async fn ad_reports(&self, scope: &Scope, ads: &[&str]) -> Result<Vec<AdReport>> {
        require(scope, Permission::ReviewAds)?;
        let org = scope.org().to_string();
        let platform = self.org_kind(scope.org()).await?.is_platform();
        let mut out = Vec::with_capacity(ads.len());
        let (mut marks_tested, mut told) = (0usize, 0usize);
        for ad in ads {
            use haven_core::corroboration as c;
            let mut marks = c::contact_marks(ad);
            marks.extend(c::passages(ad));
            marks_tested += marks.len();
            let tokens: Vec<String> = marks.iter().map(|m| self.keys().blind_index(&format!("fact:{m}"))).collect();
            if tokens.is_empty() {
                let reported = if platform { Reported::NotTold } else { Reported::Count(0) };
                out.push(AdReport { reported, matched: Vec::new() });
                continue;
            }
            let kind_of: std::collections::BTreeMap<&str, MarkKind> =
                tokens.iter().map(String::as_str).zip(marks.iter().map(|m| MarkKind::of(m))).collect();
            let list = (0..tokens.len()).map(|i| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
            let filter = if platform {
                "JOIN organisations o ON o.id = f.org_id WHERE o.demo = (SELECT demo FROM organisations WHERE id = $1)"
            } else {
                "WHERE f.org_id = $1"
            };
            let sql = format!(
                "SELECT f.person_id, f.org_id, f.screening_id, f.token, f.binding FROM screening_facts f {filter} \
                 AND f.token IN ({list})"
            );
            let mut q = sqlx::query(&sql).bind(&org);
            for t in &tokens {
                q = q.bind(t);
            }
            let rows = q.fetch_all(self.pool()).await?;
            // Only rows haven wrote count (a copy made in SQL fails its binding).
            let matched: std::collections::BTreeSet<MarkKind>;
            let n = if platform {
                // A platform counts only survivors whose identification a
                // decision maker confirmed: a caseworker who makes people
                // up cannot lift one real survivor's report over the floor
                // without a decision maker, and the reflection period, on
                // their side (second insider review).
                let mut facts = Vec::new();
                for r in &rows {
                    facts.extend(crate::screenings::bound_fact(self.keys(), r, "")?);
                }
                let confirmed = self.confirmed_screenings(facts.iter().map(|(_, _, s)| s.as_str())).await?;
                let mut people: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
                for (token, person, screening) in &facts {
                    if confirmed.contains(&(screening.clone(), person.clone())) {
                        people.entry(token).or_default().insert(person);
                    }
                }
                // The largest number of survivors behind any one mark, and
                // the kinds of the marks that reach the floor.
                matched = people
                    .iter()
                    .filter(|(_, p)| p.len() as i64 >= PLATFORM_MIN_REPORTS)
                    .filter_map(|(t, _)| kind_of.get(t).copied())
                    .collect();
                people.values().map(|p| p.len() as i64).max().unwrap_or(0)
            } else {
                let people = crate::screenings::bound_people(self.keys(), &rows, "")?;
                matched = people.keys().filter_map(|t| kind_of.get(t.as_str()).copied()).collect();
                people.values().flatten().collect::<std::collections::BTreeSet<_>>().len() as i64
            };
            let reported = match (platform, n) {
                (false, n) => Reported::Count(n),
                (true, n) if n >= PLATFORM_MIN_REPORTS => Reported::AtLeast(PLATFORM_MIN_REPORTS),
                (true, _) => Reported::NotTold,
            };
            if !matches!(reported, Reported::Count(0) | Reported::NotTold) {
                told += 1;
            }
            let matched = if reported == Reported::NotTold { Vec::new() } else { matched.into_iter().collect() };
            out.push(AdReport { reported, matched });
        }
        // One line per request, with how many marks it tested: a reviewer
        // probing many handles shows as requests testing many marks.
        let outcome = format!("screened {} marks {} reported {}", ads.len(), marks_tested, told);
        self.audit_read(scope, Action::Search, RecordKind::AdReview, &[""], &outcome).await?;
        Ok(out)
    }
}

impl Store {
    /// Of these screenings, those whose standing decision (the latest, not
    /// superseded) is "confirmed", as (screening, person). The conclusion
    /// is sealed under the person's key; an erased person has none.
    async fn confirmed_screenings<'a>(
        &self,
        screenings: impl Iterator<Item = &'a str>,
    ) -> Result<std::collections::BTreeSet<(String, String)>> {
        let ids: std::collections::BTreeSet<&str> = screenings.collect();
        let mut out = std::collections::BTreeSet::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT d.id, d.screening_id, d.person_id, d.conclusion, k.wrapped FROM decisions d \
             LEFT JOIN person_keys k ON k.person_id = d.person_id WHERE d.screening_id IN ({list}) \
             AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.supersedes = d.id)"
        );
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(*id);
        }
        for r in q.fetch_all(self.pool()).await? {
            let (id, screening, person): (String, String, String) =
                (r.try_get("id")?, r.try_get("screening_id")?, r.try_get("person_id")?);
            let Some(wrapped) = r.try_get::<Option<Vec<u8>>, _>("wrapped")? else { continue };
            let dek = self.keys().unwrap(&person, &wrapped)?;
            // A conclusion that does not open (edited in SQL) confirms nothing.
            let Ok(conclusion) = dek.open_hex(&id, "conclusion", &r.try_get::<String, _>("conclusion")?) else {
                continue;
            };
            if conclusion == haven_core::screening::decision::Conclusion::Confirmed.as_str() {
                out.insert((screening, person));
            }
        }
        Ok(out)
    }
}
