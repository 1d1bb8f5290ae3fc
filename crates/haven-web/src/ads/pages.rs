use crate::kit::prelude::*;

/// One flag as the page shows it.
struct FlagRow {
    explanation: String,
    matched: String,
}

/// The screened ad: its text with the matched words marked, the score and
/// the reasons.
struct Screened {
    text: String,
    /// (segment, matched) pieces of the ad, in order.
    pieces: Vec<(String, bool)>,
    score: String,
    high: bool,
    flags: Vec<FlagRow>,
    model_version: String,
    /// How many survivors reported it (R08), said in words; never who.
    reported: String,
}

struct ReviewRow {
    /// The whole ad, for the button that opens it again.
    text: String,
    excerpt: String,
    decision: String,
    reason: String,
    reviewer: String,
    when: String,
    score: String,
}

/// One ad of an uploaded file, as the results table shows it.
struct BatchRow {
    id: String,
    text: String,
    excerpt: String,
    score: String,
    high: bool,
    flags: String,
    /// Survivors' reports, as a number, or empty where a platform is not told.
    reported: String,
}

/// The results of an uploaded file: the ads by score, highest first, and
/// the lines that could not be screened.
struct Batch {
    rows: Vec<BatchRow>,
    line_errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "ads.html")]
struct AdsPage {
    l: Layout,
    csrf: String,
    screened: Option<Screened>,
    batch: Option<Batch>,
    /// What was pasted when it was refused, so nothing is lost.
    draft: String,
    decisions: Vec<(&'static str, String)>,
    reviews: Vec<ReviewRow>,
    /// The review queue: escalated ads waiting for a second look.
    escalated: Vec<ReviewRow>,
    notice: Option<String>,
    error: Option<String>,
}

/// The ad split into pieces, the matched words marked. Matching is on
/// lower-cased text; where lower-casing changes the text's length
/// (rare outside Latin, Greek and Cyrillic) nothing is marked and the
/// matched words are still listed.
fn highlight(text: &str, matched: &[String]) -> Vec<(String, bool)> {
    // Offsets carry over only if every character keeps its UTF-8 length
    // when lower-cased (a few grow or shrink, which would shift the marks).
    if text.chars().any(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() != c.len_utf8()) {
        return vec![(text.to_owned(), false)];
    }
    let lower = text.to_lowercase();
    let mut marks = vec![false; text.len()];
    for m in matched.iter().filter(|m| !m.trim().is_empty()) {
        let needle = m.to_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&needle) {
            let start = from + at;
            let end = start + needle.len();
            marks[start..end].iter_mut().for_each(|x| *x = true);
            from = end;
        }
    }
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let mark = marks[i];
        match pieces.last_mut() {
            Some((s, m)) if *m == mark => s.push(c),
            _ => pieces.push((c.to_string(), mark)),
        }
    }
    pieces
}

async fn render_ads(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    screened: Option<Screened>,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    render_ads_with(state, tr, caller, screened, None, notice, error).await
}

/// The page again with a refusal said and the pasted ad kept in the box.
async fn render_refused(state: &AppState, tr: &Tr, caller: &Caller, draft: &str, msg: String) -> PageResult {
    let scope = caller.scope(state, Permission::ReviewAds).await?;
    let mut page = ads_page_for(state, tr, caller, &scope, None, None, None, Some(msg)).await?;
    page.draft = draft.to_owned();
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

async fn render_ads_with(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    screened: Option<Screened>,
    batch: Option<Batch>,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    let scope = caller.scope(state, Permission::ReviewAds).await?;
    render(&ads_page_for(state, tr, caller, &scope, screened, batch, notice, error).await?)
}

#[allow(clippy::too_many_arguments)]
async fn ads_page_for(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    scope: &haven_core::access::Scope,
    screened: Option<Screened>,
    batch: Option<Batch>,
    notice: Option<String>,
    error: Option<String>,
) -> Result<AdsPage, WebError> {
    let row = |r: haven_store::ads::ReviewView| ReviewRow {
        excerpt: excerpt(&r.ad_text, 160),
        text: r.ad_text,
        decision: tr.t(&format!("ads-decision-{}", r.decision)),
        reason: r.reason,
        reviewer: r.reviewer,
        when: local_date(r.decided_at_ms),
        score: format!("{:.2}", r.score),
    };
    let reviews = state.store.list_ad_reviews(scope, 50).await?.into_iter().map(row).collect();
    let escalated = state.store.escalated_ads(scope, 50).await?.into_iter().map(row).collect();
    Ok(AdsPage {
        l: Layout::new(tr, Some(caller), "/ads"),
        csrf: caller.csrf().to_owned(),
        screened,
        batch,
        draft: String::new(),
        decisions: haven_core::ad_review::Decision::ALL
            .iter()
            .map(|d| (d.as_str(), tr.t(&format!("ads-decision-{}", d.as_str()))))
            .collect(),
        reviews,
        escalated,
        notice,
        error,
    })
}

/// The first `n` characters of an ad, with an ellipsis when it goes on.
fn excerpt(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

#[derive(Deserialize)]
pub(crate) struct AdsQuery {
    saved: Option<String>,
}

pub(crate) async fn ads_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<AdsQuery>,
) -> PageResult {
    let notice = q.saved.map(|_| tr.t("ads-saved"));
    render_ads(&state, &tr, &caller, None, notice, None).await
}

#[derive(Deserialize)]
pub(crate) struct ScreenForm {
    #[serde(default)]
    text: String,
}

use haven_core::text::clean_quoted_text;
use haven_store::ads::Reported;

/// Survivors' reports of an ad, said in words (R08): never who, with the
/// kinds of mark that matched.
fn reported_words(tr: &Tr, report: &haven_store::ads::AdReport) -> String {
    let said = match report.reported {
        Reported::Count(0) => tr.t("ads-reported-none"),
        Reported::Count(n) => tr.t_with("ads-reported", "count", n),
        Reported::AtLeast(n) => tr.t_with("ads-reported-installation", "count", n),
        Reported::NotTold => tr.t_with("ads-reported-withheld", "count", haven_store::ads::PLATFORM_MIN_REPORTS),
    };
    if report.matched.is_empty() {
        return said;
    }
    let kinds: Vec<String> = report.matched.iter().map(|k| tr.t(&format!("ads-mark-{}", k.as_str()))).collect();
    format!("{said} {}", tr.t_with("ads-matched", "kinds", kinds.join(", ")))
}

async fn screen_one(
    state: &AppState,
    scope: &haven_core::access::Scope,
    tr: &Tr,
    text: &str,
) -> Result<Screened, WebError> {
    let reports = state.store.ad_reports(scope, &[text]).await?;
    let none = haven_store::ads::AdReport { reported: Reported::NotTold, matched: Vec::new() };
    let reported = reported_words(tr, reports.first().unwrap_or(&none));
    let screener = super::screener()?;
    let input = haven_ads::AdInput { id: "ad".into(), text: text.to_owned(), language: None, line: 0 };
    let r = screener.screen(&input, super::lang(None, tr.code()));
    let matched: Vec<String> = r.flags.iter().flat_map(|f| f.matched.iter().cloned()).collect();
    Ok(Screened {
        text: text.to_owned(),
        pieces: highlight(text, &matched),
        score: format!("{:.2}", r.score),
        high: r.score >= 0.5,
        flags: r
            .flags
            .into_iter()
            .map(|f| FlagRow { explanation: f.explanation, matched: f.matched.join(", ") })
            .collect(),
        model_version: r.model_version,
        reported,
    })
}

pub(crate) async fn screen_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<ScreenForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::ReviewAds).await?;
    let max = haven_core::ad_review::MAX_AD_CHARS;
    let text = match clean_quoted_text("text", &form.text, max) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => return render_refused(&state, &tr, &caller, &form.text, tr.t("ads-empty")).await,
        Err(v) if v.code == "too_long" => {
            let msg = tr.t_with2("ads-too-long", ("count", max as i64), ("n", form.text.chars().count() as i64));
            return render_refused(&state, &tr, &caller, &form.text, msg).await;
        }
        Err(v) => return render_refused(&state, &tr, &caller, &form.text, validation_message(&tr, &v)).await,
    };
    let screened = screen_one(&state, &scope, &tr, &text).await?;
    render_ads(&state, &tr, &caller, Some(screened), None, None).await
}

/// At most this many ads in one uploaded file, as in one API request; a
/// larger file goes through `haven ads screen`.
const MAX_UPLOAD_ADS: usize = 500;

/// Screens a file of ads (JSON Lines or CSV, as `haven ads screen` reads)
/// and lists them by score, each with its flags and survivors' reports and
/// a button to review it. Nothing is stored (R26).
pub(crate) async fn upload_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    multipart: axum::extract::Multipart,
) -> PageResult {
    // The role first: nobody else's upload is read at all.
    let scope = caller.scope(&state, Permission::ReviewAds).await?;
    let upload = Upload::read(&caller, multipart).await?;
    let refuse = |msg: String| async {
        let mut res = render_ads(&state, &tr, &caller, None, None, Some(msg)).await?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok::<_, PageError>(res)
    };
    let Some(file) = upload.file("file") else {
        return refuse(tr.t("ads-upload-empty")).await;
    };
    let (name, bytes) = (file.file_name.as_deref().unwrap_or(""), &file.bytes);
    let limits = haven_ads::Limits {
        max_ad_chars: haven_core::ad_review::MAX_AD_CHARS,
        max_batch: MAX_UPLOAD_ADS,
        ..Default::default()
    };
    let format = haven_ads::InputFormat::detect(name, bytes);
    let parsed = match haven_ads::parse_input(bytes, format, &limits) {
        Ok(p) => p,
        Err(haven_ads::BatchError::TooManyAds { .. }) => {
            return refuse(tr.t_with("ads-upload-too-many", "count", MAX_UPLOAD_ADS as i64)).await
        }
        Err(haven_ads::BatchError::CsvHeader(_) | haven_ads::BatchError::CsvUnreadable(_)) => {
            return refuse(tr.t("ads-upload-csv-header")).await
        }
        Err(haven_ads::BatchError::BadUtf16) => return refuse(tr.t("ads-upload-encoding")).await,
    };
    if parsed.ads.is_empty() && parsed.errors.is_empty() {
        return refuse(tr.t("ads-upload-empty")).await;
    }
    // As a pasted ad: hidden characters are removed, so the table shows
    // and counts what a reviewer can read (second insider review).
    let mut parsed = parsed;
    let mut ads = Vec::with_capacity(parsed.ads.len());
    for mut ad in std::mem::take(&mut parsed.ads) {
        let max = haven_core::ad_review::MAX_AD_CHARS;
        match (clean_quoted_text("id", &ad.id, 200), clean_quoted_text("text", &ad.text, max)) {
            (Ok(id), Ok(text)) if !text.is_empty() => {
                (ad.id, ad.text) = (id, text);
                ads.push(ad);
            }
            _ => parsed.errors.push(haven_ads::LineError { line: ad.line, message: tr.t("ads-upload-unreadable") }),
        }
    }
    parsed.ads = ads;
    let texts: Vec<&str> = parsed.ads.iter().map(|a| a.text.as_str()).collect();
    let reports = state.store.ad_reports(&scope, &texts).await?;
    let screener = super::screener()?;
    let lang = super::lang(None, tr.code());
    let mut scored: Vec<(f64, BatchRow)> = parsed
        .ads
        .iter()
        .zip(reports)
        .map(|(ad, reported)| {
            let r = screener.screen(ad, lang);
            let row = BatchRow {
                id: ad.id.clone(),
                text: ad.text.clone(),
                excerpt: excerpt(&ad.text, 200),
                score: format!("{:.2}", r.score),
                high: r.score >= 0.5,
                flags: r.flags.iter().map(|f| f.explanation.as_str()).collect::<Vec<_>>().join(" · "),
                reported: match reported.reported {
                    Reported::Count(n) => n.to_string(),
                    Reported::AtLeast(n) => tr.t_with("ads-at-least", "count", n),
                    Reported::NotTold => String::new(),
                },
            };
            (r.score, row)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let line_errors =
        parsed.errors.iter().map(|e| tr.t_with("ads-upload-line", "line", e.line as i64) + ": " + &e.message).collect();
    let batch = Batch { rows: scored.into_iter().map(|(_, r)| r).collect(), line_errors };
    render_ads_with(&state, &tr, &caller, None, Some(batch), None, None).await
}

/// Screens the ad again (what is stored is what haven showed, not what a
/// client claims it showed) and records the reviewer's decision.
pub(crate) async fn record(
    state: &AppState,
    scope: &haven_core::access::Scope,
    text: &str,
    decision: &str,
    reason: &str,
) -> Result<AdReviewId, WebError> {
    let review = haven_core::ad_review::Review::parse(text, decision, reason)?;
    let screener = super::screener()?;
    let input = haven_ads::AdInput { id: "ad".into(), text: review.ad_text.clone(), language: None, line: 0 };
    let r = screener.screen(&input, haven_ads::Lang::En);
    let flags: Vec<String> = r.flags.iter().map(|f| f.id.clone()).collect();
    let shown = haven_store::ads::Shown { score: r.score, flags: &flags, model_version: &r.model_version };
    Ok(state.store.record_ad_review(scope, &review, &shown).await?)
}

#[derive(Deserialize)]
pub(crate) struct ReviewForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn review_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::ReviewAds).await?;
    match record(&state, &scope, &form.text, &form.decision, &form.reason).await {
        Ok(_) => Ok(Redirect::to("/ads?saved=1").into_response()),
        Err(WebError::Invalid(v)) => {
            // The ad stays on the page with what is missing said.
            let screened = screen_one(&state, &scope, &tr, &form.text).await.ok();
            let msg = validation_message(&tr, &v);
            let mut res = render_ads(&state, &tr, &caller, screened, None, Some(msg)).await?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn matched_words_are_marked_in_the_ad_as_written() {
        let p = highlight("Urgent! Typist in SIHANOUKVILLE, salary $2000", &["sihanoukville".into(), "typist".into()]);
        let marked: Vec<&str> = p.iter().filter(|(_, m)| *m).map(|(s, _)| s.as_str()).collect();
        assert_eq!(marked, ["Typist", "SIHANOUKVILLE"]);
        let all: String = p.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(all, "Urgent! Typist in SIHANOUKVILLE, salary $2000");
        // Characters whose lower case is longer or shorter: nothing is
        // marked rather than the wrong words.
        let p = highlight("\u{023A}\u{023A} Easy job in Cambodia \u{1E9E}\u{1E9E}", &["cambodia".into()]);
        assert!(p.iter().all(|(_, m)| !m), "{p:?}");
    }
}
