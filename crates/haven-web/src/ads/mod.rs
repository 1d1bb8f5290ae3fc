//! Job-advertisement screening (R26): screen ads for the marks of
//! fraudulent recruitment with the reasons shown, and record a reviewer's
//! decision. haven scores and explains; only a person decides.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::screen_ads)).routes(routes!(api::record_review, api::list_reviews))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/ads", pages::ads_page),
        r::post("/ads/screen", pages::screen_submit),
        // A file of up to 500 ads of up to 20,000 characters each.
        r::post("/ads/upload", pages::upload_submit).with_body_limit(12 * 1024 * 1024),
        r::post("/ads/reviews", pages::review_submit),
    ]
}

/// The built-in rules and model, loaded once: compiling the patterns is
/// paid at the first screening, not at every request.
fn screener() -> Result<&'static haven_ads::Screener, crate::kit::error::WebError> {
    static SCREENER: std::sync::OnceLock<Option<haven_ads::Screener>> = std::sync::OnceLock::new();
    SCREENER
        .get_or_init(|| haven_ads::Screener::builtin().ok())
        .as_ref()
        .ok_or_else(|| crate::kit::error::WebError::Internal("the built-in red-flag rules or model are invalid".into()))
}

/// The explanations' language: the one asked for if haven has it, else the
/// reader's interface language.
fn lang(asked: Option<&str>, ui: &str) -> haven_ads::Lang {
    asked.and_then(haven_ads::Lang::parse).or_else(|| haven_ads::Lang::parse(ui)).unwrap_or(haven_ads::Lang::En)
}
