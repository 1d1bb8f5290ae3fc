use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct TaskOut {
    /// request_release, child_in_detention, reasonable_grounds_due, recovery_period_ends, referral_overdue,
    /// return_follow_up, rescreen.
    kind: String,
    person_id: String,
    name: String,
    screening_id: Option<String>,
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
    Ok(Json(
        haven_core::tasks::compute(&facts, today, jur.rg_target_working_days, jur.reflection_days)
            .into_iter()
            .map(|t| TaskOut {
                kind: t.kind.as_str().to_owned(),
                person_id: t.person_id,
                name: t.name,
                screening_id: t.screening_id,
                due: haven_core::person::format_date(t.due),
                overdue: t.overdue,
                child: t.child,
            })
            .collect(),
    ))
}
