use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct TaskOut {
    /// request_release, child_in_detention, reasonable_grounds_due, recovery_period_ends, referral_overdue,
    /// return_follow_up, rescreen; for the receiving organisation,
    /// referral_to_answer. From cross-border transfers: transfer_to_answer,
    /// transfer_declined, transfer_needs_help and
    /// transfer_revocation_unconfirmed, with `transfer_id` set.
    kind: String,
    person_id: String,
    /// Empty for a referred person whose name the consent does not open.
    name: String,
    screening_id: Option<String>,
    /// For referral_to_answer: the referral to accept or decline.
    referral_id: Option<String>,
    /// For the transfer_ kinds: the transfer to open.
    transfer_id: Option<String>,
    due: String,
    overdue: bool,
    child: bool,
}

#[utoipa::path(get, path = "/api/v1/tasks", tag = "screening",
    responses((status = 200, description = "most urgent first", body = [TaskOut]), (status = 403, body = ErrorBody)))]
pub async fn tasks(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<TaskOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let facts = state.store.task_facts(&scope).await?;
    let jur = crate::kit::context::jurisdiction(&state, &caller).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let mut out: Vec<TaskOut> =
        haven_core::tasks::compute(&facts, today, jur.rg_target_working_days, jur.reflection_days)
            .into_iter()
            .map(|t| TaskOut {
                kind: t.kind.as_str().to_owned(),
                person_id: t.person_id,
                name: t.name,
                screening_id: t.screening_id,
                referral_id: None,
                transfer_id: None,
                due: haven_core::person::format_date(t.due),
                overdue: t.overdue,
                child: t.child,
            })
            .collect();
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    for t in super::awaiting_answer(&state, &read).await? {
        out.push(TaskOut {
            kind: super::REFERRAL_TO_ANSWER.to_owned(),
            // The referral, not the person, is what this side holds.
            person_id: String::new(),
            name: t.name.unwrap_or_default(),
            screening_id: None,
            referral_id: Some(t.referral_id),
            transfer_id: None,
            due: t.due.map(haven_core::person::format_date).unwrap_or_default(),
            overdue: t.overdue,
            child: t.urgent_child,
        });
    }
    for t in super::transfer_tasks(&state, &scope, &read).await? {
        out.push(TaskOut {
            kind: t.kind.as_str().to_owned(),
            person_id: String::new(),
            name: t.name,
            screening_id: None,
            referral_id: None,
            transfer_id: Some(t.transfer_id),
            due: haven_core::person::format_date(t.due),
            overdue: t.overdue,
            child: false,
        });
    }
    Ok(Json(out))
}

/// Something that arrived for the caller: a referral sent to their
/// organisation, an answer to their referral, a case assigned to them.
/// It names no person.
#[derive(Serialize, ToSchema)]
pub struct NotificationOut {
    id: String,
    /// referral_received, referral_answered, case_assigned.
    kind: &'static str,
    /// The referral or case it is about.
    record_id: String,
    /// Where the record is in the web interface.
    href: String,
    /// RFC 3339.
    created_at: String,
    read: bool,
}

#[utoipa::path(get, path = "/api/v1/notifications", tag = "screening",
    description = "The caller's own notifications, newest first (at most 100). Nobody reads another's.",
    responses((status = 200, body = [NotificationOut]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn notifications(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<NotificationOut>>, WebError> {
    // Those who work on cases get notifications; the scope also holds a
    // token to what it was issued for (insider review).
    caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.notifications(caller.user.id, 100).await?;
    Ok(Json(
        list.into_iter()
            .map(|n| NotificationOut {
                href: n.kind.path(&n.record_id),
                id: n.id.to_string(),
                kind: n.kind.as_str(),
                record_id: n.record_id,
                created_at: rfc3339(n.created_at_ms),
                read: n.read,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct MarkedRead {
    /// How many were unread.
    marked: u64,
}

#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "screening",
    description = "Marks all the caller's notifications read.",
    responses((status = 200, body = MarkedRead), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn mark_read(State(state): State<AppState>, caller: Caller) -> Result<Json<MarkedRead>, WebError> {
    caller.scope(&state, Permission::WriteCase).await?;
    Ok(Json(MarkedRead { marked: state.store.mark_notifications_read(caller.user.id).await? }))
}
