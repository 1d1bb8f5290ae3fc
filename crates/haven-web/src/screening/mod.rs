//! Identification (R01–R10): instruments, the interview, the explained finding, conclusive decisions, and the non-punishment notice (R11–R13).

mod api;
mod command;
mod field;
mod notice;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_instruments))
        .routes(routes!(api::get_instrument))
        .routes(routes!(api::instrument_xlsform))
        .routes(routes!(api::start_screening, api::list_screenings))
        .merge(
            // With `row`, the submission may be a whole export.
            OpenApiRouter::new()
                .routes(routes!(api::import_screening))
                .routes(routes!(api::read_export))
                .layer(axum::extract::DefaultBodyLimit::max(haven_formats::odk::MAX_EXPORT_BYTES + 64 * 1024)),
        )
        .routes(routes!(api::get_screening))
        .routes(routes!(api::answer_screening))
        .routes(routes!(api::complete_screening))
        .routes(routes!(api::get_determination))
        .routes(routes!(api::decide, api::list_decisions))
        .routes(routes!(api::notice_pdf))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::post("/persons/{id}/screenings", pages::start_screening_submit),
        r::post("/persons/{id}/screenings/import", pages::import_submit),
        r::get("/instruments/{id}/xlsform.xlsx", pages::xlsform_download),
        r::get("/field-imports", field::field_page),
        r::post("/field-imports", field::field_submit).with_body_limit(field::body_bytes()),
        r::get("/screenings/{id}", pages::screening_page),
        r::get("/screenings/{id}/q/{n}", pages::question_page),
        r::post("/screenings/{id}/q/{n}", pages::answer_submit),
        r::post("/screenings/{id}/complete", pages::complete_screening_submit),
        r::post("/screenings/{id}/decisions", pages::decision_submit),
        r::get("/screenings/{id}/notice", notice::notice_page),
        r::get("/screenings/{id}/notice.pdf", notice::notice_pdf),
        r::post("/screenings/{id}/notice/send", notice::send_notice_submit),
    ]
}
