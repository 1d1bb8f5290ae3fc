//! The service directory (R19): providers and what they offer, imported and exported as spreadsheets.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_services, api::add_service))
        .routes(routes!(api::export_services))
        .routes(routes!(api::export_services_xlsx))
        .routes(routes!(api::remove_service))
        // Imports may be larger than other requests, up to the importer's own cap.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::import_services))
                .layer(axum::extract::DefaultBodyLimit::max(crate::kit::state::IMPORT_BODY_BYTES)),
        )
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/services", pages::services_page),
        r::get("/services.csv", pages::services_csv),
        r::get("/services.xlsx", pages::services_xlsx),
        r::post("/services", pages::service_add_submit),
        r::post("/services/{id}/remove", pages::service_remove_submit),
        r::post("/services/import", pages::service_import_submit).with_body_limit(crate::kit::state::IMPORT_BODY_BYTES),
        r::post("/services/import-file", pages::service_file_submit)
            .with_body_limit(crate::kit::state::IMPORT_BODY_BYTES),
    ]
}
