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
    excerpt: String,
    decision: String,
    reason: String,
    reviewer: String,
    when: String,
    score: String,
}

#[derive(Template)]
#[template(path = "ads.html")]
struct AdsPage {
    l: Layout,
    csrf: String,
    screened: Option<Screened>,
    decisions: Vec<(&'static str, String)>,
    reviews: Vec<ReviewRow>,
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
    let scope = caller.scope(state, Permission::ReviewAds).await?;
    let reviews = state
        .store
        .list_ad_reviews(&scope, 50)
        .await?
        .into_iter()
        .map(|r| ReviewRow {
            excerpt: r.ad_text.chars().take(160).collect(),
            decision: tr.t(&format!("ads-decision-{}", r.decision)),
            reason: r.reason,
            reviewer: r.reviewer,
            when: local_date(r.decided_at_ms),
            score: format!("{:.2}", r.score),
        })
        .collect();
    render(&AdsPage {
        l: Layout::new(tr, Some(caller), "/ads"),
        csrf: caller.csrf().to_owned(),
        screened,
        decisions: haven_core::ad_review::Decision::ALL
            .iter()
            .map(|d| (d.as_str(), tr.t(&format!("ads-decision-{}", d.as_str()))))
            .collect(),
        reviews,
        notice,
        error,
    })
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

async fn screen_one(
    state: &AppState,
    scope: &haven_core::access::Scope,
    tr: &Tr,
    text: &str,
) -> Result<Screened, WebError> {
    let reports = state.store.ad_reports(scope, &[text]).await?;
    let count = reports.counts.first().copied().flatten();
    let reported = match (reports.across_installation, count) {
        (_, Some(0)) => tr.t("ads-reported-none"),
        (false, Some(n)) => tr.t_with("ads-reported", "count", n),
        (true, Some(n)) => tr.t_with("ads-reported-installation", "count", n),
        (_, None) => tr.t_with("ads-reported-withheld", "count", haven_store::ads::PLATFORM_MIN_REPORTS),
    };
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
    let text = match haven_core::text::clean_text("text", &form.text, haven_core::ad_review::MAX_AD_CHARS) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => return render_ads(&state, &tr, &caller, None, None, Some(tr.t("ads-empty"))).await,
        Err(v) => return render_ads(&state, &tr, &caller, None, None, Some(validation_message(&tr, &v))).await,
    };
    let screened = screen_one(&state, &scope, &tr, &text).await?;
    render_ads(&state, &tr, &caller, Some(screened), None, None).await
}

/// Screens the ad again (what is stored is what haven showed, not what a
/// client claims it showed) and records the reviewer's decision.
pub(crate) async fn record(
    state: &AppState,
    scope: &haven_core::access::Scope,
    text: &str,
    decision: &str,
    reason: &str,
) -> Result<String, WebError> {
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
