//! Consent per purpose and recipient (R17), its withdrawal, overrides with a reason, and emergency (break-glass) access.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_consents, api::record_consent))
        .routes(routes!(api::withdraw_consent))
        .routes(routes!(api::override_consent))
        .routes(routes!(api::break_glass))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::post("/persons/{id}/consents", pages::consent_submit),
        r::post("/consents/{id}/withdraw", pages::withdraw_submit),
        r::post("/persons/{id}/break-glass", pages::break_glass_submit),
    ]
}
