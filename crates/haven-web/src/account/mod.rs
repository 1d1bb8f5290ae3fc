//! One's own account: signing in and out, the second sign-in step, the password, API tokens.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::me))
        .routes(routes!(api::get_notification_email, api::set_notification_email))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/login", pages::login_page),
        r::post("/login", pages::login_submit),
        r::get("/login/second-factor", pages::second_factor_page),
        r::post("/login/second-factor", pages::second_factor_submit),
        r::get("/account/second-factor", pages::enrol_page),
        r::post("/account/second-factor", pages::enrol_submit),
        r::post("/logout", pages::logout),
        r::get("/password", pages::password_page),
        r::post("/password", pages::password_submit),
        r::get("/account", pages::account_page),
        r::post("/account/recovery-codes", pages::recovery_codes_submit),
        r::post("/account/email", pages::email_submit),
        r::post("/account/tokens/{id}/{action}", pages::account_token_submit),
    ]
}
