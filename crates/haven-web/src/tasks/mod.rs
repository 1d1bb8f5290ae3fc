//! The task list: what is urgent and due, from the person's file (R13, R20, R22),
//! and the caller's notifications (issue 13).

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::tasks)).routes(routes!(api::notifications)).routes(routes!(api::mark_read))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![r::get("/tasks", pages::tasks_page), r::post("/notifications/read", pages::mark_read_submit)]
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
            referral_id: v.referral.id.to_string(),
        })
        .collect();
    out.sort_by_key(|t| (!t.urgent_detained, !t.urgent_child, t.due));
    Ok(out)
}

/// What transfers ask of this organisation: transfers to answer, declines to
/// act on, calls for help, and revocations the partner has not confirmed
/// (R17, R24). What arrived carries the person's name; for what this side
/// sent, the name is read from the person's file, for the tasks listed only
/// and only where `read` (the caller's person scope) reaches.
async fn transfer_tasks(
    state: &AppState,
    scope: &haven_core::access::Scope,
    read: &haven_core::access::Scope,
) -> Result<Vec<haven_core::exchange::TransferTask>, crate::kit::error::WebError> {
    use haven_core::exchange::TransferFacts;
    let incoming = state.store.incoming_transfers(scope).await?;
    let outgoing = state.store.outgoing_transfers(scope).await?;
    let facts: Vec<TransferFacts> = incoming
        .iter()
        .chain(outgoing.iter())
        .map(|t| TransferFacts {
            id: t.id.clone(),
            outgoing: t.outgoing,
            status: t.status,
            name: t.payload.as_ref().map(|p| p.haven.full_name.clone()).unwrap_or_default(),
            person_id: t.person_id.map(|p| p.to_string()),
            created_at_ms: t.created_at_ms,
            updated_at_ms: t.updated_at_ms,
            // From the row under its MAC, not the unsealed history: an
            // insider must not be able to hide an unconfirmed revocation.
            revoked_at_ms: t.revoked_at_ms,
            // A call for help someone here has acted on asks nothing more.
            latest_follow_up: t.follow_ups.last().filter(|f| f.handled_at_ms.is_none()).map(|f| (f.status, f.at_ms)),
        })
        .collect();
    let now_ms = i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
    let mut tasks = haven_core::exchange::transfer_tasks(&facts, now_ms);
    for task in tasks.iter_mut().filter(|t| t.name.is_empty()) {
        let person = outgoing.iter().find(|t| t.id == task.transfer_id).and_then(|t| t.person_id);
        if let Some(pid) = person {
            if let Ok(v) = state.store.get_person(read, pid).await {
                if let haven_store::persons::PersonState::Active(p) = v.state {
                    task.name = p.full_name.as_str().to_owned();
                }
            }
        }
    }
    Ok(tasks)
}
