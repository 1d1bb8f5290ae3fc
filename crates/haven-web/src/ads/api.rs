use crate::kit::prelude::*;

/// At most this many ads in one screening request; larger batches go
/// through `haven ads screen`.
const MAX_BATCH: usize = 500;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdIn {
    /// The submitter's id for the ad, echoed back.
    id: String,
    /// The advertisement as published.
    text: String,
    /// The ad's language (BCP 47), if known; every language's patterns are
    /// applied either way, because real ads mix languages.
    language: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenIn {
    ads: Vec<AdIn>,
    /// The language of the explanations: en, th, vi, my, km, lo, id, tl or
    /// zh-Hans; English by default.
    language: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FlagOut {
    id: String,
    /// Why this is a mark of fraudulent recruitment, in the asked language.
    explanation: String,
    /// The words of the ad that matched.
    matched: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ScreenedOut {
    id: String,
    /// 0 to 1: higher means more likely fraudulent recruitment. Advice for a
    /// reviewer, never a decision (R26).
    score: f64,
    flags: Vec<FlagOut>,
    model_version: String,
    /// How many of the caller's organisation's survivors named one of the
    /// ad's contacts (handle, link, phone, e-mail) or copied one of its
    /// passages in a screening (R08): a count, never who. Absent for a
    /// platform, which is never told a count.
    reported_by: Option<i64>,
    /// For a platform only: 3 when at least 3 survivors, across the
    /// installation's organisations, named one and the same contact or
    /// passage of the ad; absent otherwise, which says nothing about
    /// whether anyone reported it.
    reported_by_at_least: Option<i64>,
    /// The kinds of the ad's marks survivors named: handle, phone, link,
    /// email or passage (for a platform, those that reach the floor). Empty
    /// when nothing is told.
    reported_marks: Vec<String>,
}

/// Scores job advertisements for the marks of fraudulent recruitment, each
/// with its reasons. Nothing is stored and nothing is removed (R26).
#[utoipa::path(post, path = "/api/v1/ads/screen", request_body = ScreenIn, tag = "ads",
    responses((status = 200, body = [ScreenedOut]), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn screen_ads(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<ScreenIn>,
) -> Result<Json<Vec<ScreenedOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAds).await?;
    if body.ads.is_empty() || body.ads.len() > MAX_BATCH {
        return Err(WebError::Invalid(ValidationError::new("ads", "batch_size", "send between 1 and 500 ads")));
    }
    let screener = super::screener()?;
    let lang = super::lang(body.language.as_deref(), "en");
    // Every ad is checked before anything is counted, so a bad one in the
    // batch refuses the batch without a trace in the log of reports.
    let mut inputs = Vec::with_capacity(body.ads.len());
    for ad in body.ads {
        let text = haven_core::text::clean_quoted_text("text", &ad.text, haven_core::ad_review::MAX_AD_CHARS)?;
        inputs.push(haven_ads::AdInput {
            id: ad.id,
            text,
            language: ad.language.as_deref().and_then(haven_ads::Lang::parse),
            line: 0,
        });
    }
    let texts: Vec<&str> = inputs.iter().map(|a| a.text.as_str()).collect();
    let reports = state.store.ad_reports(&scope, &texts).await?;
    let mut out = Vec::with_capacity(inputs.len());
    for (input, report) in inputs.iter().zip(reports) {
        use haven_store::ads::Reported;
        let reported_marks = report.matched.iter().map(|k| k.as_str().to_owned()).collect();
        let (reported_by, reported_by_at_least) = match report.reported {
            Reported::Count(n) => (Some(n), None),
            Reported::AtLeast(n) => (None, Some(n)),
            Reported::NotTold => (None, None),
        };
        let r = screener.screen(input, lang);
        out.push(ScreenedOut {
            id: r.id,
            score: r.score,
            flags: r
                .flags
                .into_iter()
                .map(|f| FlagOut { id: f.id, explanation: f.explanation, matched: f.matched })
                .collect(),
            model_version: r.model_version,
            reported_by,
            reported_by_at_least,
            reported_marks,
        });
    }
    Ok(Json(out))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdReviewIn {
    /// The advertisement as the reviewer read it.
    text: String,
    /// remove, keep or escalate.
    decision: String,
    /// Why, in a sentence: there is no decision without a person's reason.
    reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct AdReviewOut {
    id: String,
    text: String,
    score: f64,
    flags: Vec<String>,
    model_version: String,
    decision: String,
    reason: String,
    reviewer: String,
    decided_at: String,
}

/// Records a reviewer's decision on an ad, with the score and flags the
/// screening showed them.
#[utoipa::path(post, path = "/api/v1/ads/reviews", request_body = AdReviewIn, tag = "ads",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn record_review(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<AdReviewIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAds).await?;
    let id = super::pages::record(&state, &scope, &body.text, &body.decision, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(Created::new(id))))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReviewsQuery {
    /// `escalated`: only the review queue, the ads whose latest decision is
    /// "escalate" and that wait for a second look.
    queue: Option<String>,
}

/// The organisation's decisions, newest first; or, with `queue=escalated`,
/// its review queue.
#[utoipa::path(get, path = "/api/v1/ads/reviews", params(ReviewsQuery), tag = "ads",
    responses((status = 200, body = [AdReviewOut]), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn list_reviews(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<ReviewsQuery>,
) -> Result<Json<Vec<AdReviewOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAds).await?;
    let reviews = match q.queue.as_deref() {
        None => state.store.list_ad_reviews(&scope, 200).await?,
        Some("escalated") => state.store.escalated_ads(&scope, 200).await?,
        Some(_) => {
            return Err(WebError::Invalid(ValidationError::new(
                "queue",
                "invalid_choice",
                "the only queue is escalated",
            )))
        }
    };
    Ok(Json(
        reviews
            .into_iter()
            .map(|r| AdReviewOut {
                id: r.id.to_string(),
                text: r.ad_text,
                score: r.score,
                flags: r.flags,
                model_version: r.model_version,
                decision: r.decision,
                reason: r.reason,
                reviewer: r.reviewer,
                decided_at: rfc3339(r.decided_at_ms),
            })
            .collect(),
    ))
}
