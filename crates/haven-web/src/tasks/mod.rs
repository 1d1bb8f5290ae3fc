//! The task list: what is urgent and due, from the person's file (R13, R20, R22).

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::tasks))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![r::get("/tasks", pages::tasks_page)]
}

/// The kind of task a referral awaiting this organisation's answer makes.
const REFERRAL_TO_ANSWER: &str = "referral_to_answer";

/// A referral sent to this organisation and not yet answered.
struct AwaitingAnswer {
    referral_id: String,
    /// Only where the consent opens the person's identity to this side.
    name: Option<String>,
    due: Option<time::Date>,
    overdue: bool,
    urgent_child: bool,
    urgent_detained: bool,
}

/// Referrals this organisation must accept or decline, most urgent first:
/// a detained person, then a child, then by the answer's due date.
async fn awaiting_answer(
    state: &AppState,
    scope: &haven_core::access::Scope,
) -> Result<Vec<AwaitingAnswer>, crate::kit::error::WebError> {
    let today = time::OffsetDateTime::now_utc().date();
    let mut out: Vec<AwaitingAnswer> = state
        .store
        .incoming_referrals(scope)
        .await?
        .into_iter()
        .filter(|v| v.referral.status == haven_core::referral::Status::Sent)
        .map(|v| AwaitingAnswer {
            name: v.person.as_ref().map(|p| p.full_name.as_str().to_owned()),
            due: v.referral.due_on,
            overdue: v.referral.due_on.is_some_and(|d| d < today),
            urgent_child: v.urgent_child,
            urgent_detained: v.urgent_detained,
            referral_id: v.referral.id,
        })
        .collect();
    out.sort_by_key(|t| (!t.urgent_detained, !t.urgent_child, t.due));
    Ok(out)
}
