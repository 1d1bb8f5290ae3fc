//! Cross-border exchange between installations (R16, R17, R24): the node,
//! its partners, transfers at both ends, and the federation endpoint a
//! partner pushes packages to.

mod api;
pub mod push;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::RouteDef;
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
        .routes(routes!(api::package))
        // Packages may be larger than other requests, up to the format's cap.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::import_package))
                .routes(routes!(api::federation_push))
                .layer(axum::extract::DefaultBodyLimit::max(PACKAGE_BODY_BYTES)),
        )
}

/// The pages: not built yet (issue 14 is open); the API and the CLI carry
/// the whole flow.
pub fn pages() -> Vec<RouteDef> {
    Vec::new()
}
