//! Family tracing between installations (issue 15, R25): a family's
//! request recorded and sent at the origin, the review of what arrived at
//! the holding organisation, the person's decision, and the answer told to
//! the family.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_requests, api::create_request))
        .routes(routes!(api::get_request))
        .routes(routes!(api::send_request))
        .routes(routes!(api::close_request))
        .routes(routes!(api::list_inbound))
        .routes(routes!(api::get_inbound))
        .routes(routes!(api::search_inbound))
        .routes(routes!(api::plausible_inbound))
        .routes(routes!(api::close_inbound))
        .routes(routes!(api::decide_inbound))
}

pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/tracing", pages::tracing_page),
        r::post("/tracing/requests", pages::create_submit),
        r::get("/tracing/requests/{id}", pages::request_page),
        r::post("/tracing/requests/{id}/send", pages::send_submit),
        r::post("/tracing/requests/{id}/close", pages::close_request_submit),
        r::get("/tracing/inbound/{id}", pages::inbound_page),
        r::post("/tracing/inbound/{id}/search", pages::search_submit),
        r::post("/tracing/inbound/{id}/plausible", pages::plausible_submit),
        r::post("/tracing/inbound/{id}/close", pages::close_inbound_submit),
        r::post("/tracing/inbound/{id}/decision", pages::decision_submit),
    ]
}
