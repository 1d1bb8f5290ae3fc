//! An enforcement organisation's inbox (R16): only documents a person consented to send it, readable only while that consent holds.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::inbox))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![r::get("/inbox", pages::inbox_page), r::get("/inbox/{id}", pages::inbox_document_page)]
}
