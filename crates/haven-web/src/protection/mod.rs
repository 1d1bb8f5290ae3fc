//! Return, stay and the child pathway (R20–R22), compensation claims and the needs assessment.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::list_protection)).routes(routes!(api::record_protection))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/persons/{id}/protection", pages::protection_page),
        r::post("/persons/{id}/protection/{kind}", pages::protection_submit),
    ]
}
