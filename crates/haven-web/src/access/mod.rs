//! Accountability (R27): the audit log and its alarms for auditors, the review of emergency access and consent overrides, and who read a person's record.

mod api;
mod pages;

pub(crate) use pages::access_log_rows;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::access_log))
        .routes(routes!(api::review_queue))
        .routes(routes!(api::mark_reviewed))
        .routes(routes!(api::audit_log))
        .routes(routes!(api::audit_alarms))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/review", pages::review_page),
        r::post("/review/{kind}/{id}", pages::review_submit),
        r::get("/audit", pages::audit_page),
    ]
}
