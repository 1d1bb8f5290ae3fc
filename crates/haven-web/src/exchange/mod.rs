//! Cross-border exchange between installations (R16, R17, R24): the node,
//! its partners, transfers at both ends, and the federation endpoint a
//! partner pushes packages to.

mod api;
mod pages;
pub mod push;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The most a pushed or uploaded package may be: the package format's cap.
pub const PACKAGE_BODY_BYTES: usize = haven_exchange::MAX_PACKAGE_BYTES;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::node))
        .routes(routes!(api::list_partners, api::add_partner))
        .routes(routes!(api::remove_partner))
        .routes(routes!(api::outbox))
        .routes(routes!(api::list_transfers, api::propose_transfer))
        .routes(routes!(api::incoming))
        .routes(routes!(api::get_transfer))
        .routes(routes!(api::accept))
        .routes(routes!(api::decline))
        .routes(routes!(api::follow_up))
        .routes(routes!(api::follow_up_handled))
        .routes(routes!(api::package))
        .routes(routes!(api::witnessed))
        // Packages may be larger than other requests, up to the format's cap.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::import_package))
                .routes(routes!(api::federation_push))
                .layer(axum::extract::DefaultBodyLimit::max(PACKAGE_BODY_BYTES)),
        )
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/persons/{id}/transfers", pages::person_transfers_page),
        r::post("/persons/{id}/transfers", pages::propose_submit),
        r::get("/transfers", pages::incoming_page),
        r::post("/transfers/import", pages::import_submit).with_body_limit(PACKAGE_BODY_BYTES),
        r::get("/transfers/{id}", pages::transfer_page),
        r::get("/transfers/{id}/package", pages::package_download),
        r::post("/transfers/{id}/accept", pages::accept_submit),
        r::post("/transfers/{id}/decline", pages::decline_submit),
        r::post("/transfers/{id}/follow-ups", pages::follow_up_submit),
        r::post("/transfers/{id}/follow-ups/handled", pages::follow_up_handled_submit),
        r::get("/admin/partners", pages::partners_page),
        r::get("/admin/partners/card.json", pages::own_card),
        r::post("/admin/partners", pages::partner_add_submit)
            .with_body_limit(haven_exchange::MAX_CARD_BYTES + 64 * 1024),
        r::post("/admin/partners/{name}/remove", pages::partner_remove_submit),
    ]
}
