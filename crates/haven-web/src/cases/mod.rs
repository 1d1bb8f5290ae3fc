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
        r::post("/cases/{id}/assign", pages::assign_submit),
    ]
}

/// The note a status change leaves: closing needs a reason, kept as a
/// sealed case note in the writer's language; other changes may give one.
pub(crate) fn closing_note(
    tr: &crate::kit::i18n::Tr,
    status: haven_core::case::CaseStatus,
    reason: &str,
) -> Result<Option<haven_core::case::NoteBody>, haven_core::ValidationError> {
    let reason = reason.trim();
    if reason.is_empty() {
        if status == haven_core::case::CaseStatus::Closed {
            return Err(haven_core::ValidationError::new(
                "reason",
                "close_reason_required",
                "give a reason to close a case",
            ));
        }
        return Ok(None);
    }
    let label = tr.t_with("case-status-changed-because", "status", crate::kit::labels::case_status(tr, status));
    haven_core::case::NoteBody::parse(&format!("{label} {reason}")).map(Some)
}
