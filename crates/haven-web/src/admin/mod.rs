//! Administration: organisations, accounts, the grant policy and four eyes.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_orgs, api::create_org))
        .routes(routes!(api::list_users, api::create_user))
        .routes(routes!(api::approve_user))
        .routes(routes!(api::unlock_user))
        .routes(routes!(api::disable_user))
        .routes(routes!(api::enable_user))
        .routes(routes!(api::set_user_role))
        .routes(routes!(api::set_case_reach))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/admin", pages::admin_page),
        r::post("/admin/orgs", pages::admin_org_submit),
        r::post("/admin/orgs/{id}/settings", pages::admin_org_settings_submit),
        r::post("/admin/users", pages::admin_user_submit),
        r::post("/admin/users/{id}/role", pages::admin_user_role_submit),
        r::post("/admin/users/{id}/{action}", pages::admin_user_action_submit),
    ]
}
