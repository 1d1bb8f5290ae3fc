use crate::kit::prelude::*;

#[derive(Deserialize)]
pub(crate) struct PenaltyForm {
    kind: String,
    country: String,
    imposed_on: Option<String>,
    offence: String,
    consequence: Option<String>,
}

pub(crate) async fn penalty_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<PenaltyForm>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let p = haven_core::remedy::Penalty::parse(
        &form.kind,
        &form.country,
        form.imposed_on.as_deref(),
        &form.offence,
        form.consequence.is_some(),
        today(),
    )?;
    state.store.record_penalty(&scope, id, &p).await?;
    Ok(Redirect::to(&format!("/persons/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct ExpungementForm {
    status: String,
}

/// Follows an expungement request through to its outcome (R14).
pub(crate) async fn expungement_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ExpungementForm>,
) -> PageResult {
    let status = haven_core::remedy::Expungement::parse(&form.status)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let person = state.store.set_expungement(&scope, parse_id(&id)?, status).await?;
    Ok(Redirect::to(&format!("/persons/{person}")).into_response())
}
