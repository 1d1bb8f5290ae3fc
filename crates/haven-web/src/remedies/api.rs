use crate::kit::prelude::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PenaltyCreate {
    /// conviction, fine, deportation_order, entry_ban.
    kind: String,
    /// ISO 3166 alpha-3 of the country that imposed it.
    country: String,
    /// YYYY-MM-DD, if known.
    imposed_on: Option<String>,
    /// The act that was punished.
    offence: String,
    /// Committed as a consequence of being trafficked: the ground for expungement.
    consequence_of_trafficking: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PenaltyOut {
    id: String,
    kind: String,
    country: String,
    imposed_on: Option<String>,
    /// Null for readers without the forced-acts category.
    offence: Option<String>,
    consequence_of_trafficking: bool,
    expungement: String,
    expungement_due: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpungementUpdate {
    /// not_requested, requested, granted, refused.
    status: String,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/penalties", params(("id" = String, Path)), request_body = PenaltyCreate, tag = "remedies",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn record_penalty(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PenaltyCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let p = haven_core::remedy::Penalty::parse(
        &body.kind,
        &body.country,
        body.imposed_on.as_deref(),
        &body.offence,
        body.consequence_of_trafficking,
        today,
    )?;
    let pid = state.store.record_penalty(&scope, parse_id::<PersonId>(&id)?, &p).await?;
    Ok((StatusCode::CREATED, Json(Created::new(pid))))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/penalties", params(("id" = String, Path)), tag = "remedies",
    responses((status = 200, body = [PenaltyOut]), (status = 404, body = ErrorBody)))]
pub async fn list_penalties(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<PenaltyOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let list = state.store.list_penalties(&scope, parse_id::<PersonId>(&id)?).await?;
    Ok(Json(
        list.into_iter()
            .map(|p| PenaltyOut {
                expungement_due: p.consequence_of_trafficking
                    && p.expungement == haven_core::remedy::Expungement::NotRequested,
                id: p.id.to_string(),
                kind: p.kind.as_str().to_owned(),
                country: p.country,
                imposed_on: p.imposed_on,
                offence: p.offence,
                consequence_of_trafficking: p.consequence_of_trafficking,
                expungement: p.expungement.as_str().to_owned(),
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/penalties/{id}/expungement", params(("id" = String, Path)), request_body = ExpungementUpdate, tag = "remedies",
    responses((status = 204, description = "updated"), (status = 404, body = ErrorBody)))]
pub async fn update_expungement(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ExpungementUpdate>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let status = haven_core::remedy::Expungement::parse(&body.status)?;
    state.store.set_expungement(&scope, parse_id(&id)?, status).await?;
    Ok(StatusCode::NO_CONTENT)
}
