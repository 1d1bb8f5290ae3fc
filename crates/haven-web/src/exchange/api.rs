//! Exchange over the API (R16, R17, R24).
//!
//! The sender proposes a transfer naming the consent it rests on; the store
//! checks the consent, builds the package from exactly what it covers and
//! queues it. The receiver lists what arrived, accepts (a person and case
//! are created) or declines. Partners push packages to the federation
//! endpoint, which needs no session: the package's signature is the
//! credential, checked against the registered partner's key.

use haven_exchange::payload::TransferPayload;
use haven_store::exchange::{OutboxItem, PartnerView, TransferView};

use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct NodeOut {
    /// Checked by the partner's administrator out of band before adding our card.
    fingerprint: String,
    signing_key: String,
    encryption_key: String,
}

#[derive(Serialize, ToSchema)]
pub struct PartnerOrgOut {
    id: String,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct PartnerOut {
    name: String,
    fingerprint: String,
    url: String,
    removed: bool,
    added_at_ms: i64,
    organisations: Vec<PartnerOrgOut>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerIn {
    /// The partner's signed node card, as `haven node card` wrote it.
    card: String,
    /// The fingerprint the partner's administrator read out to you.
    fingerprint: String,
}

#[derive(Serialize, ToSchema)]
pub struct OutboxOut {
    package_id: String,
    partner: String,
    kind: String,
    transfer_id: Option<String>,
    size: usize,
    attempts: i64,
    next_attempt_at_ms: i64,
    last_error: Option<String>,
    delivered_at_ms: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferIn {
    /// An organisation on a partner installation (see `GET /api/v1/partners`).
    recipient_org_id: String,
    /// A consent with purpose `cross_border_transfer` naming that organisation.
    consent_id: String,
    /// reception, return_reintegration or case_transfer.
    purpose: String,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct DeclineIn {
    /// Why, for the sender.
    reason: String,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct FollowUpIn {
    /// arrived, reintegration_started or needs_help. A status word only:
    /// what the person's life looks like now is not the sender's to know.
    status: String,
}

#[derive(Serialize, ToSchema)]
pub struct FollowUpOut {
    status: &'static str,
    at_ms: i64,
    /// At the sender: when someone marked this call for help as acted on.
    handled_at_ms: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct TransferEventOut {
    status: &'static str,
    at_ms: i64,
}

/// What arrived, for the receiving organisation. Fields the consent did not
/// cover are absent.
#[derive(Serialize, ToSchema)]
pub struct ArrivedOut {
    full_name: String,
    other_names: Vec<String>,
    latin_name: Option<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    nationalities: Vec<String>,
    languages: Vec<String>,
    contact: Option<String>,
    location: Option<String>,
    notes: Option<String>,
    consent_expires_on: String,
    consent_language: String,
}

#[derive(Serialize, ToSchema)]
pub struct TransferOut {
    id: String,
    /// queued, delivered, received, accepted, declined, revoked, destroyed.
    status: &'static str,
    /// out: this organisation sent it; in: it arrived here.
    direction: &'static str,
    partner: String,
    /// The other end's organisation.
    remote_org: String,
    purpose: &'static str,
    person_id: Option<String>,
    consent_id: Option<String>,
    categories: Vec<&'static str>,
    reason: Option<String>,
    created_at_ms: i64,
    updated_at_ms: i64,
    events: Vec<TransferEventOut>,
    /// How the person is doing, as the receiving organisation said, oldest
    /// first: sent from here when it arrived here, received when it left.
    follow_ups: Vec<FollowUpOut>,
    /// For the receiver, until the copy is destroyed.
    arrived: Option<ArrivedOut>,
}

#[derive(Serialize, ToSchema)]
pub struct TransferCreated {
    id: String,
    status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct AcceptedOut {
    /// The person created here from what arrived.
    person_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportedOut {
    kind: &'static str,
    transfer_id: Option<String>,
}

fn partner_out(p: &PartnerView) -> PartnerOut {
    PartnerOut {
        name: p.name.clone(),
        fingerprint: p.fingerprint.to_string(),
        url: p.url.clone(),
        removed: p.removed,
        added_at_ms: p.added_at_ms,
        organisations: p
            .organisations
            .iter()
            .map(|(id, name)| PartnerOrgOut { id: id.to_string(), name: name.clone() })
            .collect(),
    }
}

fn arrived_out(p: &TransferPayload) -> ArrivedOut {
    ArrivedOut {
        full_name: p.haven.full_name.clone(),
        other_names: p.haven.other_names.clone(),
        latin_name: p.haven.latin_name.clone(),
        sex: p.sex.clone(),
        date_of_birth: p.date_of_birth.clone(),
        estimated_age: p.haven.estimated_age,
        nationalities: p.nationalities.clone(),
        languages: p.haven.languages.clone(),
        contact: p.contact.clone(),
        location: p.haven.location.clone(),
        notes: p.haven.notes.clone(),
        consent_expires_on: p.consent.expires_on.clone(),
        consent_language: p.consent.language.clone(),
    }
}

pub(super) fn transfer_out(t: &TransferView) -> TransferOut {
    TransferOut {
        id: t.id.clone(),
        status: t.status.as_str(),
        direction: if t.outgoing { "out" } else { "in" },
        partner: t.partner_name.clone(),
        remote_org: t.remote_org_name.clone(),
        purpose: t.purpose.as_str(),
        person_id: t.person_id.map(|p| p.to_string()),
        consent_id: t.consent_id.map(|c| c.to_string()),
        categories: t.categories.iter().map(|c| c.as_str()).collect(),
        reason: t.reason.clone(),
        created_at_ms: t.created_at_ms,
        updated_at_ms: t.updated_at_ms,
        events: t.events.iter().map(|(s, at)| TransferEventOut { status: s.as_str(), at_ms: *at }).collect(),
        follow_ups: t
            .follow_ups
            .iter()
            .map(|f| FollowUpOut { status: f.status.as_str(), at_ms: f.at_ms, handled_at_ms: f.handled_at_ms })
            .collect(),
        arrived: t.payload.as_ref().map(arrived_out),
    }
}

fn outbox_out(o: &OutboxItem) -> OutboxOut {
    OutboxOut {
        package_id: o.package_id.clone(),
        partner: o.partner_name.clone(),
        kind: o.kind.clone(),
        transfer_id: o.transfer_id.clone(),
        size: o.bytes.len(),
        attempts: o.attempts,
        next_attempt_at_ms: o.next_attempt_at_ms,
        last_error: o.last_error.clone(),
        delivered_at_ms: o.delivered_at_ms,
    }
}

/// This installation's exchange identity.
#[utoipa::path(get, path = "/api/v1/node", tag = "exchange", responses((status = 200, body = NodeOut)))]
pub async fn node(State(state): State<AppState>, caller: Caller) -> Result<Json<NodeOut>, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    let public = state.store.node_keys().public();
    Ok(Json(NodeOut {
        fingerprint: public.fingerprint().to_string(),
        signing_key: public.signing_hex(),
        encryption_key: public.encryption_hex(),
    }))
}

/// Registered partner installations and their organisations.
#[utoipa::path(get, path = "/api/v1/partners", tag = "exchange", responses((status = 200, body = [PartnerOut])))]
pub async fn list_partners(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<PartnerOut>>, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    Ok(Json(state.store.partners().await?.iter().map(partner_out).collect()))
}

/// Adds a partner from its signed card. Refused unless the fingerprint is
/// the card's: check it with the partner by phone or in person first.
#[utoipa::path(post, path = "/api/v1/partners", request_body = PartnerIn, tag = "exchange",
    responses((status = 201, body = PartnerOut), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_partner(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<PartnerIn>,
) -> Result<impl IntoResponse, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    let p = state.store.add_partner(body.card.as_bytes(), &body.fingerprint).await?;
    Ok((StatusCode::CREATED, Json(partner_out(&p))))
}

/// Removes a partner: nothing is sent to it or believed from it after.
#[utoipa::path(post, path = "/api/v1/partners/{name}/remove", params(("name" = String, Path)), tag = "exchange",
    responses((status = 204, description = "removed"), (status = 404, body = ErrorBody)))]
pub async fn remove_partner(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    state.store.remove_partner(&name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The outbox: packages waiting to leave and those that left, newest first.
#[utoipa::path(get, path = "/api/v1/exchange/outbox", tag = "exchange", responses((status = 200, body = [OutboxOut])))]
pub async fn outbox(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<OutboxOut>>, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    Ok(Json(state.store.outbox(200).await?.iter().map(outbox_out).collect()))
}

/// A person's transfers: those sent from here, and the one their file here
/// was opened from.
#[utoipa::path(get, path = "/api/v1/persons/{id}/transfers", params(("id" = String, Path)), tag = "exchange",
    responses((status = 200, body = [TransferOut]), (status = 404, body = ErrorBody)))]
pub async fn list_transfers(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<TransferOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let rows = state.store.transfers_for_person(&scope, parse_id::<PersonId>(&id)?).await?;
    Ok(Json(rows.iter().map(transfer_out).collect()))
}

/// Proposes a transfer to an organisation on a partner installation. It
/// needs a consent in force with purpose `cross_border_transfer` naming that
/// organisation, and carries only the categories the consent covers (R24).
/// Never to an enforcement organisation (R16).
#[utoipa::path(post, path = "/api/v1/persons/{id}/transfers", params(("id" = String, Path)), request_body = TransferIn,
    tag = "exchange", responses((status = 201, body = TransferCreated), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn propose_transfer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<TransferIn>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = state
        .store
        .propose_transfer(
            &scope,
            parse_id::<PersonId>(&id)?,
            parse_org("recipient_org_id", &body.recipient_org_id)?,
            // A consent id that cannot exist is refused as an unknown one.
            body.consent_id.trim().parse().ok(),
            &body.purpose,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(TransferCreated { id, status: haven_core::exchange::Status::Queued.as_str() })))
}

/// Transfers that arrived for the caller's organisation.
#[utoipa::path(get, path = "/api/v1/transfers/incoming", tag = "exchange", responses((status = 200, body = [TransferOut])))]
pub async fn incoming(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<TransferOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(state.store.incoming_transfers(&scope).await?.iter().map(transfer_out).collect()))
}

/// One transfer, at whichever end the caller's organisation is.
#[utoipa::path(get, path = "/api/v1/transfers/{id}", params(("id" = String, Path)), tag = "exchange",
    responses((status = 200, body = TransferOut), (status = 404, body = ErrorBody)))]
pub async fn get_transfer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TransferOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    Ok(Json(transfer_out(&state.store.get_transfer(&scope, &id).await?)))
}

/// Accepts an incoming transfer: a person and an open case assigned to the
/// caller are created from what arrived, and the sender is told.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/accept", params(("id" = String, Path)), tag = "exchange",
    responses((status = 200, body = AcceptedOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<AcceptedOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let person_scope = caller.scope(&state, Permission::WritePerson).await?;
    let person = state.store.accept_transfer(&scope, &person_scope, &id).await?;
    Ok(Json(AcceptedOut { person_id: person.to_string() }))
}

/// Declines an incoming transfer with a reason; the copy is destroyed.
#[utoipa::path(post, path = "/api/v1/transfers/{id}/decline", params(("id" = String, Path)), request_body = DeclineIn,
    tag = "exchange", responses((status = 200, body = TransferOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn decline(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<DeclineIn>,
) -> Result<Json<TransferOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let read = caller.scope(&state, Permission::ReadCase).await?;
    state.store.decline_transfer(&scope, &id, &body.reason).await?;
    Ok(Json(transfer_out(&state.store.get_transfer(&read, &id).await?)))
}

/// Tells the sending organisation how a person whose transfer this
/// organisation accepted is doing, under the consent that carried it (R24).
#[utoipa::path(post, path = "/api/v1/transfers/{id}/follow-ups", params(("id" = String, Path)), request_body = FollowUpIn,
    tag = "exchange", responses((status = 201, body = TransferOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn follow_up(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<FollowUpIn>,
) -> Result<impl IntoResponse, WebError> {
    // Both scopes before anything is sent: a token that may write but not
    // read must not send a follow-up and then be told it failed (a client
    // would retry, and the partner would get it twice).
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let read = caller.scope(&state, Permission::ReadCase).await?;
    state.store.send_follow_up(&scope, &id, &body.status).await?;
    Ok((StatusCode::CREATED, Json(transfer_out(&state.store.get_transfer(&read, &id).await?))))
}

/// Marks the partner's newest "needs help" about a transfer sent from here
/// as acted on, so that the task list stops flagging it (audited).
#[utoipa::path(post, path = "/api/v1/transfers/{id}/follow-ups/handled", params(("id" = String, Path)),
    tag = "exchange", responses((status = 200, body = TransferOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn follow_up_handled(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<TransferOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let read = caller.scope(&state, Permission::ReadCase).await?;
    state.store.handle_follow_up(&scope, &id).await?;
    Ok(Json(transfer_out(&state.store.get_transfer(&read, &id).await?)))
}

/// The sealed transfer package, for a link that is down: carry the file
/// and import it at the other end.
#[utoipa::path(get, path = "/api/v1/transfers/{id}/package", params(("id" = String, Path)), tag = "exchange",
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn package(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let bytes = state.store.transfer_package(&scope, &id).await?;
    attachment(bytes, "application/octet-stream", "transfer.havenpkg")
}

/// Imports a package carried as a file (a transfer, or an answer to one).
/// The import is audited under the user who made it.
#[utoipa::path(post, path = "/api/v1/transfers/import", request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    tag = "exchange", responses((status = 201, body = ImportedOut), (status = 400, body = ErrorBody)))]
pub async fn import_package(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let r = state.store.import_package(&scope, &body).await?;
    Ok((StatusCode::CREATED, Json(ImportedOut { kind: r.kind.as_str(), transfer_id: r.transfer_id })))
}

/// Where partners push packages. No session: the package must be signed by
/// a registered partner and encrypted to this installation. Every refusal
/// answers the same `package_refused`, except a replay (the sender already
/// holds that package, and stops retrying it): which check failed is for
/// this installation's audit log, not for whoever is probing it. The answer
/// to a transfer is the signed receipt, as `application/octet-stream`.
#[utoipa::path(post, path = "/federation/v1/packages", request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    tag = "exchange", security(()),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 400, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn federation_push(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let client = crate::kit::caller::client_ip_from(&state.trusted_proxies, addr.ip(), &headers).unwrap_or(addr.ip());
    if !state.federation_limiter.check(client) {
        return Err(WebError::RateLimited);
    }
    let r = match state.store.receive_package(&body, haven_store::exchange::Via::Push).await {
        Ok(r) => r,
        Err(haven_store::StoreError::Invalid(v)) if v.code == "package_replayed" => return Err(WebError::Invalid(v)),
        Err(haven_store::StoreError::Invalid(_)) => {
            return Err(WebError::Invalid(ValidationError::new(
                "package",
                "package_refused",
                "the package was refused",
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let mut res = r.receipt.unwrap_or_default().into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    Ok(res)
}

/// The newest checkpoint of a partner's audit log that this installation
/// cosigned as its witness (C2SP signed note with the cosignature line), for
/// that partner's `haven audit verify --witnesses`. Sizes and hashes only.
#[utoipa::path(get, path = "/federation/v1/witness/{fingerprint}", params(("fingerprint" = String, Path)),
    tag = "exchange", security(()),
    responses((status = 200, content_type = "text/plain", body = String), (status = 404, body = ErrorBody)))]
pub async fn witnessed(State(state): State<AppState>, Path(fingerprint): Path<String>) -> Result<Response, WebError> {
    let note = state.store.witnessed_note(&fingerprint).await?.ok_or(WebError::NotFound)?;
    let mut res = note.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    Ok(res)
}
