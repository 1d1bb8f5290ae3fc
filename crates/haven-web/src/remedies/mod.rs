//! Past penalties recorded for expungement (R14).

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::record_penalty, api::list_penalties))
        .routes(routes!(api::update_expungement))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::post("/persons/{id}/penalties", pages::penalty_submit),
        r::post("/penalties/{id}/expungement", pages::expungement_submit),
    ]
}
