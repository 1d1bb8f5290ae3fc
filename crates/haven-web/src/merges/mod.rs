//! Duplicate records: a supervisor merges a duplicate into the record kept,
//! then confirms or undoes it (issue 13).

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::propose_merge, api::list_merges))
        .routes(routes!(api::confirm_merge))
        .routes(routes!(api::undo_merge))
}

pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/persons/{id}/duplicates", pages::duplicates_page),
        r::post("/persons/{id}/merges", pages::propose_submit),
        r::post("/merges/{id}/confirm", pages::confirm_submit),
        r::post("/merges/{id}/undo", pages::undo_submit),
    ]
}
