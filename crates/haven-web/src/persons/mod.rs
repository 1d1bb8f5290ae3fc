//! People: recording a person, listing and searching by name in any script, correcting a record, erasure (R28).

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::create_person, api::list_persons))
        .routes(routes!(api::get_person, api::update_person))
        .routes(routes!(api::erase_person))
        .routes(routes!(api::person_history))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/persons", pages::persons_page),
        r::get("/persons/new", pages::new_person_page),
        r::post("/persons/new", pages::new_person_submit),
        r::post("/persons/{id}/erase", pages::erase_submit),
        r::get("/persons/{id}/edit", pages::edit_person_page),
        r::post("/persons/{id}/edit", pages::edit_person_submit),
        r::get("/persons/{id}/history", pages::history_page),
    ]
}
