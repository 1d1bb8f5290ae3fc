//! Cases: an organisation's work with a person, its assignment, status and notes.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::open_case, api::list_person_cases))
        .routes(routes!(api::list_cases))
        .routes(routes!(api::get_case, api::update_case))
        .routes(routes!(api::add_note, api::list_notes))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::post("/persons/{id}/cases", pages::open_case_submit),
        r::get("/cases/{id}", pages::case_page),
        r::post("/cases/{id}/notes", pages::note_submit),
        r::post("/cases/{id}/status", pages::status_submit),
    ]
}
