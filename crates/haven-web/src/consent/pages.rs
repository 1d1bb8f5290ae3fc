use crate::kit::prelude::*;

#[derive(Deserialize)]
pub(crate) struct ConsentForm {
    purpose: String,
    recipient_org_id: String,
    expires_on: String,
    language: String,
    interpreter: Option<String>,
    cat_identity: Option<String>,
    cat_contact_location: Option<String>,
    cat_narrative: Option<String>,
    cat_health: Option<String>,
    cat_immigration_status: Option<String>,
    cat_forced_acts: Option<String>,
}

pub(crate) async fn consent_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ConsentForm>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    let cats: Vec<&str> = [
        ("identity", &form.cat_identity),
        ("contact_location", &form.cat_contact_location),
        ("narrative", &form.cat_narrative),
        ("health", &form.cat_health),
        ("immigration_status", &form.cat_immigration_status),
        ("forced_acts", &form.cat_forced_acts),
    ]
    .iter()
    .filter(|(_, v)| v.is_some())
    .map(|(c, _)| *c)
    .collect();
    let input = haven_core::consent::ConsentInput {
        purpose: form.purpose.clone(),
        categories: cats.join(","),
        expires_on: form.expires_on.clone(),
        language: form.language.clone(),
        interpreter: form.interpreter.clone(),
    };
    let recipient = form
        .recipient_org_id
        .parse()
        .map_err(|_| WebError::Invalid(ValidationError::new("recipient", "unknown_org", "no such organisation")))?;
    let terms = haven_core::consent::ConsentTerms::parse(&input, recipient, caller.user.id, today())?;
    state.store.record_consent(&scope, id, &terms).await?;
    Ok(Redirect::to(&format!("/persons/{id}")).into_response())
}

pub(crate) async fn withdraw_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    let person = state.store.withdraw_consent(&scope, parse_id(&id)?).await?;
    Ok(Redirect::to(&format!("/persons/{person}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct ReasonForm {
    reason: String,
}

pub(crate) async fn break_glass_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ReasonForm>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let scope = caller.scope(&state, Permission::BreakGlass).await?;
    state.store.break_glass(&scope, id, &form.reason).await?;
    Ok(Redirect::to(&format!("/persons/{id}")).into_response())
}
