use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct OrgOut {
    id: String,
    name: String,
    kind: String,
    country: Option<String>,
    languages: Vec<String>,
    caseworkers_see_all: bool,
    /// For an organisation on a partner installation: that partner's name.
    /// Cases reach it only by cross-border transfer.
    node: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgCreate {
    name: String,
    /// ngo_assistance, shelter, health, legal_aid, labour_inspection, nrm_coordinator, consular,
    /// police, prosecution, immigration, border.
    kind: String,
    /// ISO 3166 alpha-3.
    country: Option<String>,
    /// BCP 47 tags.
    #[serde(default)]
    languages: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs", tag = "administration", responses((status = 200, body = [OrgOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn list_orgs(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<OrgOut>>, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    let orgs = state.store.list_orgs().await?;
    let remote = state.store.remote_orgs().await?;
    Ok(Json(
        orgs.into_iter()
            .map(|o| OrgOut {
                id: o.id.to_string(),
                name: o.name,
                kind: o.kind.as_str().to_owned(),
                country: o.country,
                languages: o.languages,
                caseworkers_see_all: o.caseworkers_see_all,
                node: remote.get(&o.id).cloned(),
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs", request_body = OrgCreate, tag = "administration",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn create_org(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<OrgCreate>,
) -> Result<impl IntoResponse, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    // Validate the languages before anything is written.
    for l in &body.languages {
        haven_core::person::LanguageTag::parse(l)?;
    }
    let actor = caller.user.actor();
    if !body.languages.is_empty() && !haven_core::access::may_manage_new_org(&actor) {
        return Err(WebError::Forbidden);
    }
    let id = state.store.create_org(&body.name, &body.kind, body.country.as_deref()).await?;
    if !body.languages.is_empty() {
        let admin = haven_core::access::org_admin(&actor, id).ok_or(WebError::Forbidden)?;
        state.store.set_org_languages(&admin, &body.languages).await?;
    }
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

#[derive(Serialize, ToSchema)]
pub struct UserOut {
    id: String,
    org_id: String,
    username: String,
    role: String,
    second_factor: bool,
    disabled: bool,
    /// `active`, or `pending` until a second administrator approves it.
    status: String,
    /// False when the account's row failed its integrity check (it was
    /// edited in the database): it works nowhere until that is resolved.
    integrity_ok: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    username: String,
    /// caseworker, supervisor, decision_maker, org_admin, system_admin, auditor.
    role: String,
    /// Defaults to the caller's organisation.
    org_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UserCreated {
    id: String,
    /// Shown once; the user chooses their own at first sign-in.
    one_time_password: String,
    /// `pending` when a second administrator of the organisation must
    /// approve the account before it can sign in (case roles: four eyes).
    status: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UsersQuery {
    org_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/users", params(UsersQuery), tag = "administration",
    responses((status = 200, body = [UserOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<UsersQuery>,
) -> Result<Json<Vec<UserOut>>, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = match q.org_id.as_deref() {
        Some(o) => parse_org("org_id", o)?,
        None => caller.user.org_id,
    };
    let admin = haven_core::access::org_admin(&caller.user.actor(), org).ok_or(WebError::Forbidden)?;
    let users = state.store.list_users(&admin).await?;
    Ok(Json(
        users
            .into_iter()
            .map(|u| UserOut {
                id: u.id.to_string(),
                org_id: u.org_id.to_string(),
                username: u.username,
                role: u.role.as_str().to_owned(),
                second_factor: u.totp_enabled,
                disabled: u.disabled,
                status: u.status.as_str().to_owned(),
                integrity_ok: u.integrity_ok,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/users", request_body = UserCreate, tag = "administration",
    responses((status = 201, body = UserCreated), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(crate) async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<UserCreate>,
) -> Result<impl IntoResponse, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = match body.org_id.as_deref() {
        Some(o) => parse_org("org_id", o)?,
        None => caller.user.org_id,
    };
    let role = haven_core::access::Role::parse(&body.role)?;
    // The store applies the grant policy (no role above one's own, nothing
    // outside one's organisation but a system administrator's appointments)
    // and four eyes.
    let granted = state.store.grant_user(&caller.user.actor(), org, &body.username, role, &caller.request_id).await?;
    let status = if granted.pending { "pending" } else { "active" };
    Ok((
        StatusCode::CREATED,
        Json(UserCreated {
            id: granted.id.to_string(),
            one_time_password: granted.password,
            status: status.to_owned(),
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/users/{id}/approve", params(("id" = String, Path)), tag = "administration",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub(crate) async fn approve_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.approve_user(&caller.user.actor(), user, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", params(("id" = String, Path)), tag = "administration",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn unlock_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.unlock_user(&caller.user.actor(), user, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/users/{id}/disable", params(("id" = String, Path)), tag = "administration",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub(crate) async fn disable_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.disable_user(&caller.user.actor(), user, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Enabling a disabled account puts it back to waiting for approval.
#[utoipa::path(post, path = "/api/v1/users/{id}/enable", params(("id" = String, Path)), tag = "administration",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub(crate) async fn enable_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.enable_user(&caller.user.actor(), user, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseReachIn {
    /// Whether every caseworker of the organisation sees every case of it
    /// (identity and contact only), not just the cases assigned to them.
    caseworkers_see_all: bool,
}

/// Only an administrator of that organisation decides it (R16).
#[utoipa::path(put, path = "/api/v1/orgs/{id}/case-reach", params(("id" = String, Path)), request_body = CaseReachIn,
    tag = "administration",
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn set_case_reach(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CaseReachIn>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.set_org_caseworkers_see_all(&caller.user.actor(), org, body.caseworkers_see_all).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    /// caseworker, supervisor, decision_maker, org_admin or auditor.
    role: String,
}

/// Changes an account's role. Its sessions and tokens end; a role that
/// needs a second administrator's approval waits for it.
#[utoipa::path(post, path = "/api/v1/users/{id}/role", params(("id" = String, Path)), request_body = RoleIn,
    tag = "administration",
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub(crate) async fn set_user_role(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<RoleIn>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    let role = haven_core::access::Role::parse(&body.role)?;
    state.store.change_role(&caller.user.actor(), user, role, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
