//! The restricted record of cooperation with investigators (R15): the only module of this crate that reads it; nothing in assistance does.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::list, api::record))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![r::get("/persons/{id}/cooperation", pages::page), r::post("/persons/{id}/cooperation", pages::submit)]
}
