use crate::kit::prelude::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentCreate {
    /// referral, cross_border_transfer, consular_contact, prosecution_disclosure, tracing, research.
    purpose: String,
    recipient_org_id: String,
    /// identity, contact_location, narrative, health, immigration_status, forced_acts.
    categories: Vec<String>,
    /// Last day covered, YYYY-MM-DD.
    expires_on: String,
    /// The language the consent was explained in (BCP 47).
    language: String,
    interpreter: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ConsentOut {
    id: String,
    person_id: String,
    purpose: String,
    recipient_org_id: String,
    recipient_name: String,
    categories: Vec<String>,
    expires_on: String,
    explained_by: String,
    language: String,
    interpreter: Option<String>,
    recorded_at: String,
    withdrawn_on: Option<String>,
    /// Whether it covers a disclosure today (not withdrawn, not expired).
    in_force: bool,
}

fn consent_out(v: &haven_store::access::ConsentView) -> ConsentOut {
    let t = &v.consent.terms;
    ConsentOut {
        id: v.id.to_string(),
        person_id: v.person_id.to_string(),
        purpose: t.purpose.as_str().to_owned(),
        recipient_org_id: t.recipient.to_string(),
        recipient_name: v.recipient_name.clone(),
        categories: t.categories.iter().map(|c| c.as_str().to_owned()).collect(),
        expires_on: format_date(t.expires_on),
        explained_by: t.explained_by.to_string(),
        language: t.language.as_str().to_owned(),
        interpreter: t.interpreter.clone(),
        recorded_at: rfc3339(v.recorded_at_ms),
        withdrawn_on: v.consent.withdrawn_on.map(format_date),
        in_force: v.consent.in_force(today()),
    }
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/consents", params(("id" = String, Path)), tag = "consent",
    responses((status = 200, body = [ConsentOut]), (status = 404, body = ErrorBody)))]
pub(crate) async fn list_consents(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ConsentOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let list = state.store.list_consents(&scope, parse_id(&id)?).await?;
    Ok(Json(list.iter().map(consent_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/consents", params(("id" = String, Path)), request_body = ConsentCreate, tag = "consent",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn record_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ConsentCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    let input = haven_core::consent::ConsentInput {
        purpose: body.purpose,
        categories: body.categories.join(","),
        expires_on: body.expires_on,
        language: body.language,
        interpreter: body.interpreter,
    };
    let recipient = parse_org("recipient_org_id", &body.recipient_org_id)?;
    let terms = haven_core::consent::ConsentTerms::parse(&input, recipient, caller.user.id, today())?;
    let cid = state.store.record_consent(&scope, parse_id(&id)?, &terms).await?;
    Ok((StatusCode::CREATED, Json(Created::new(cid))))
}

#[utoipa::path(post, path = "/api/v1/consents/{id}/withdraw", params(("id" = String, Path)), tag = "consent",
    responses((status = 204, description = "withdrawn; later disclosures are refused"), (status = 404, body = ErrorBody)))]
pub(crate) async fn withdraw_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    state.store.withdraw_consent(&scope, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideCreate {
    purpose: String,
    recipient_org_id: String,
    categories: Vec<String>,
    /// Why disclosure without consent is necessary. Required.
    reason: String,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/consent-overrides", params(("id" = String, Path)), request_body = OverrideCreate, tag = "consent",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn override_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<OverrideCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::OverrideConsent).await?;
    let purpose = haven_core::consent::ConsentPurpose::parse(&body.purpose)?;
    let categories = haven_core::access::Categories::parse_list(&body.categories.join(","))?;
    let recipient = parse_org("recipient_org_id", &body.recipient_org_id)?;
    let oid =
        state.store.override_consent(&scope, parse_id(&id)?, purpose, recipient, categories, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(Created::new(oid))))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakGlassCreate {
    /// Why emergency access is needed now. Required; reviewed by a supervisor.
    reason: String,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/break-glass", params(("id" = String, Path)), request_body = BreakGlassCreate, tag = "access",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn break_glass(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<BreakGlassCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::BreakGlass).await?;
    let gid = state.store.break_glass(&scope, parse_id(&id)?, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(Created::new(gid))))
}
