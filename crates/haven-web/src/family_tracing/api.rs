use crate::kit::prelude::*;
use haven_core::tracing::{Decision, Outcome, Request, RequestInput};
use haven_store::tracing::{TracingInboundView, TracingRequestView};

/// A family's request to trace a missing relative (R25).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TracingRequestIn {
    /// The relative's names, in any script or spelling (at most eight).
    names: Vec<String>,
    /// `M`, `F` or empty.
    #[serde(default)]
    sex: String,
    /// YYYY-MM-DD, or empty.
    #[serde(default)]
    date_of_birth: String,
    /// `LO-HI` years today, when the date of birth is not known.
    #[serde(default)]
    age_range: String,
    /// ISO 3166 alpha-3.
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    place_of_origin: String,
    /// When the family last heard from them, YYYY-MM-DD.
    #[serde(default)]
    last_heard: String,
    requester_name: String,
    /// How the requester is related to the missing person.
    requester_relation: String,
    /// How the family can be reached; never sent to a partner.
    requester_contact: String,
    /// The family agreed that the request is encoded and sent to partners.
    family_consent: bool,
}

/// The answer a partner sent: only what the person allowed.
#[derive(Serialize, ToSchema)]
pub struct OutcomeOut {
    /// `closed` (nobody found, or the person declined: the two are not told apart), `message` or `contact`.
    outcome: &'static str,
    /// The person's message or the contact they chose to give.
    text: String,
}

fn outcome_out(o: &Outcome) -> OutcomeOut {
    OutcomeOut { outcome: o.kind(), text: o.text().to_owned() }
}

#[derive(Serialize, ToSchema)]
pub struct TracingRequestOut {
    id: String,
    /// open, sent, answered or closed.
    status: &'static str,
    names: Vec<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    age_range: Option<String>,
    nationality: Option<String>,
    place_of_origin: String,
    last_heard: Option<String>,
    requester_name: String,
    requester_relation: String,
    requester_contact: String,
    recipient_org_id: Option<String>,
    /// RFC 3339.
    created_at: String,
    sent_at: Option<String>,
    answered_at: Option<String>,
    closed_at: Option<String>,
    answer: Option<OutcomeOut>,
    /// The request was erased: only its state is left.
    erased: bool,
}

fn request_out(v: &TracingRequestView) -> TracingRequestOut {
    let r = v.request.as_ref();
    TracingRequestOut {
        id: v.id.to_string(),
        status: v.status.as_str(),
        names: r.map(|r| r.names.clone()).unwrap_or_default(),
        sex: r.and_then(|r| r.sex).map(String::from),
        date_of_birth: r.and_then(|r| r.date_of_birth).map(format_date),
        age_range: r.and_then(|r| r.age).map(|(lo, hi)| format!("{lo}-{hi}")),
        nationality: r.and_then(|r| r.nationality.clone()),
        place_of_origin: r.map(|r| r.place_of_origin.clone()).unwrap_or_default(),
        last_heard: r.and_then(|r| r.last_heard).map(format_date),
        requester_name: r.map(|r| r.requester_name.clone()).unwrap_or_default(),
        requester_relation: r.map(|r| r.requester_relation.clone()).unwrap_or_default(),
        requester_contact: r.map(|r| r.requester_contact.clone()).unwrap_or_default(),
        recipient_org_id: v.recipient_org_id.map(|o| o.to_string()),
        created_at: rfc3339(v.created_at_ms),
        sent_at: v.sent_at_ms.map(rfc3339),
        answered_at: v.answered_at_ms.map(rfc3339),
        closed_at: v.closed_at_ms.map(rfc3339),
        answer: v.answer.as_ref().map(outcome_out),
        erased: r.is_none(),
    }
}

/// A request received from a partner, as the holding organisation sees it:
/// the coarse context, never the names.
#[derive(Serialize, ToSchema)]
pub struct TracingInboundOut {
    id: String,
    /// pending, plausible or answered.
    status: &'static str,
    from_org_name: String,
    /// The age range today.
    age_range: Option<String>,
    sex: Option<String>,
    nationality: Option<String>,
    region: String,
    /// The month of last contact, YYYY-MM.
    last_heard: Option<String>,
    /// RFC 3339.
    received_at: String,
    searched: bool,
    candidate_person_id: Option<String>,
    /// A colleague found a candidate whose record this reader cannot open:
    /// who it is, and what they answered, is not shown.
    candidate_withheld: bool,
    /// 0–1000.
    score: Option<i64>,
    /// What was sent back.
    answer: Option<OutcomeOut>,
}

fn inbound_out(v: &TracingInboundView) -> TracingInboundOut {
    let c = &v.context;
    TracingInboundOut {
        id: v.id.to_string(),
        status: v.status.as_str(),
        from_org_name: v.from_org_name.clone(),
        age_range: c.age.map(|(lo, hi)| format!("{lo}-{hi}")),
        sex: c.sex.map(String::from),
        nationality: c.nationality.clone(),
        region: c.region.clone(),
        last_heard: c.last_heard.clone(),
        received_at: rfc3339(v.created_at_ms),
        searched: v.searched,
        candidate_person_id: v.candidate.map(|p| p.to_string()),
        candidate_withheld: v.candidate_withheld,
        score: v.score_permille,
        answer: v.outcome.as_ref().map(outcome_out),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TracingSendIn {
    /// An organisation of a partner installation (not an enforcement one).
    recipient_org_id: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TracingDecisionIn {
    /// What the person decided: `no_contact`, `message` or `contact`.
    decision: String,
    /// The message, or the contact details the person chose to give. Dropped for `no_contact`.
    #[serde(default)]
    text: String,
}

/// The number of people compared.
#[derive(Serialize, ToSchema)]
pub struct SearchOut {
    compared: usize,
    candidate: TracingInboundOut,
}

#[utoipa::path(post, path = "/api/v1/tracing/requests", request_body = TracingRequestIn, tag = "tracing",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn create_request(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<TracingRequestIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let names = body.names.join("\n");
    let input = RequestInput {
        names: &names,
        sex: &body.sex,
        date_of_birth: &body.date_of_birth,
        age_range: &body.age_range,
        nationality: &body.nationality,
        place_of_origin: &body.place_of_origin,
        last_heard: &body.last_heard,
        requester_name: &body.requester_name,
        requester_relation: &body.requester_relation,
        requester_contact: &body.requester_contact,
        family_consent: body.family_consent,
    };
    let request = Request::parse(&input, today())?;
    let id = state.store.create_tracing_request(&scope, &request).await?;
    Ok((StatusCode::CREATED, Json(Created::new(id))))
}

#[utoipa::path(get, path = "/api/v1/tracing/requests", tag = "tracing",
    responses((status = 200, body = [TracingRequestOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<TracingRequestOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(state.store.tracing_requests(&scope).await?.iter().map(request_out).collect()))
}

#[utoipa::path(get, path = "/api/v1/tracing/requests/{id}", params(("id" = String, Path)), tag = "tracing",
    responses((status = 200, body = TracingRequestOut), (status = 404, body = ErrorBody)))]
pub(crate) async fn get_request(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TracingRequestOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(request_out(&state.store.get_tracing_request(&scope, parse_id(&id)?).await?)))
}

#[utoipa::path(post, path = "/api/v1/tracing/requests/{id}/send", params(("id" = String, Path)),
    request_body = TracingSendIn, tag = "tracing",
    responses((status = 200, body = TracingRequestOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn send_request(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<TracingSendIn>,
) -> Result<Json<TracingRequestOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id(&id)?;
    let org = parse_org("recipient_org_id", &body.recipient_org_id)?;
    state.store.send_tracing_request(&scope, id, org).await?;
    let read = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(request_out(&state.store.get_tracing_request(&read, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/tracing/requests/{id}/close", params(("id" = String, Path)), tag = "tracing",
    responses((status = 200, body = TracingRequestOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn close_request(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TracingRequestOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id(&id)?;
    state.store.close_tracing_request(&scope, id).await?;
    let read = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(request_out(&state.store.get_tracing_request(&read, id).await?)))
}

#[utoipa::path(get, path = "/api/v1/tracing/inbound", tag = "tracing",
    responses((status = 200, body = [TracingInboundOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn list_inbound(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<TracingInboundOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    Ok(Json(state.store.tracing_inbound(&scope).await?.iter().map(inbound_out).collect()))
}

#[utoipa::path(get, path = "/api/v1/tracing/inbound/{id}", params(("id" = String, Path)), tag = "tracing",
    responses((status = 200, body = TracingInboundOut), (status = 404, body = ErrorBody)))]
pub(crate) async fn get_inbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TracingInboundOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    Ok(Json(inbound_out(&state.store.get_tracing_inbound(&scope, parse_id(&id)?).await?)))
}

#[utoipa::path(post, path = "/api/v1/tracing/inbound/{id}/search", params(("id" = String, Path)), tag = "tracing",
    responses((status = 200, body = SearchOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn search_inbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<SearchOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id(&id)?;
    let compared = state.store.search_tracing_candidate(&scope, id).await?;
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    let candidate = inbound_out(&state.store.get_tracing_inbound(&read, id).await?);
    Ok(Json(SearchOut { compared, candidate }))
}

#[utoipa::path(post, path = "/api/v1/tracing/inbound/{id}/plausible", params(("id" = String, Path)), tag = "tracing",
    responses((status = 200, body = TracingInboundOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn plausible_inbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TracingInboundOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id(&id)?;
    state.store.mark_tracing_plausible(&scope, id).await?;
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    Ok(Json(inbound_out(&state.store.get_tracing_inbound(&read, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/tracing/inbound/{id}/close", params(("id" = String, Path)), tag = "tracing",
    responses((status = 200, body = TracingInboundOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn close_inbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TracingInboundOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id(&id)?;
    state.store.close_tracing_inbound(&scope, id).await?;
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    Ok(Json(inbound_out(&state.store.get_tracing_inbound(&read, id).await?)))
}

#[utoipa::path(post, path = "/api/v1/tracing/inbound/{id}/decision", params(("id" = String, Path)),
    request_body = TracingDecisionIn, tag = "tracing",
    responses((status = 200, body = TracingInboundOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn decide_inbound(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<TracingDecisionIn>,
) -> Result<Json<TracingInboundOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id(&id)?;
    let decision = Decision::parse(body.decision.trim())?;
    state.store.decide_tracing(&scope, id, decision, &body.text).await?;
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    Ok(Json(inbound_out(&state.store.get_tracing_inbound(&read, id).await?)))
}
