//! Referrals to services (R15–R17, R19): the lifecycle, what the receiving organisation may read, the letter.

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_referrals, api::propose_referral))
        .routes(routes!(api::list_suggestions))
        .routes(routes!(api::consent_to_referral))
        .routes(routes!(api::referral_step))
        .routes(routes!(api::incoming))
        .routes(routes!(api::get_referral))
        .routes(routes!(api::letter_pdf))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/persons/{id}/referrals", pages::person_referrals_page),
        r::post("/persons/{id}/referrals", pages::propose_submit),
        r::get("/referrals", pages::incoming_page),
        r::get("/referrals/{id}", pages::referral_page),
        r::get("/referrals/{id}/letter.pdf", pages::letter_page),
        r::post("/referrals/{id}/consent", pages::consent_submit),
        r::post("/referrals/{id}/{step}", pages::step_submit),
    ]
}
