use crate::kit::prelude::*;

struct OrgRow {
    id: String,
    name: String,
    kind: String,
    country: String,
    languages: String,
    see_all: bool,
    /// This administrator decides it: only the organisation's own.
    may_set_reach: bool,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    l: Layout,
    csrf: String,
    manage_orgs: bool,
    orgs: Vec<OrgRow>,
    kinds: Vec<(&'static str, String)>,
    users: Vec<UserRow>,
    /// Roles this administrator may grant somewhere.
    roles: Vec<(&'static str, String)>,
    user_orgs: Vec<(String, String)>,
    notice: Option<String>,
    new_password: Option<String>,
}

struct UserRow {
    id: String,
    username: String,
    role: String,
    role_code: &'static str,
    org: String,
    second_factor: String,
    /// Waiting for a second administrator.
    pending: bool,
    /// This administrator may approve it (four eyes: not one's own grant).
    may_approve: bool,
    disabled: bool,
    /// Not the administrator themselves: nobody disables their own account.
    is_self: bool,
    /// The row failed its integrity check.
    tampered: bool,
}

pub(crate) async fn admin_render(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    notice: Option<String>,
    new_password: Option<String>,
) -> PageResult {
    let actor = caller.user.actor();
    let purpose = haven_core::access::Purpose::case_management;
    let manage_orgs = haven_core::access::authorize(&actor, Permission::ManageOrgs, purpose(), "").is_ok();
    if !manage_orgs {
        caller.scope(state, Permission::ManageUsers).await?;
    }
    let all_orgs = state.store.list_orgs().await?;
    let names: std::collections::HashMap<_, _> = all_orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    // Only organisations where this administrator may grant some role.
    let grantable = |o: &haven_store::auth::OrgSummary| {
        haven_core::access::Role::ALL.iter().any(|r| haven_core::access::may_grant(&actor, *r, o.id, o.kind))
    };
    let user_orgs: Vec<(String, String)> =
        all_orgs.iter().filter(|o| grantable(o)).map(|o| (o.id.to_string(), o.name.clone())).collect();
    let mut users = Vec::new();
    for admin in all_orgs.iter().filter_map(|o| haven_core::access::org_admin(&actor, o.id)) {
        for u in state.store.list_users(&admin).await? {
            let pending = u.status == haven_store::auth::AccountStatus::Pending;
            users.push(UserRow {
                id: u.id.to_string(),
                username: u.username,
                role: tr.t(&format!("role-{}", u.role.as_str())),
                role_code: u.role.as_str(),
                org: names.get(&u.org_id).cloned().unwrap_or_default(),
                second_factor: tr.t(if u.totp_enabled { "admin-yes" } else { "admin-no" }),
                pending,
                may_approve: pending && haven_core::access::may_approve(&actor, u.created_by, u.org_id),
                disabled: u.disabled,
                is_self: u.id == actor.user_id,
                tampered: !u.integrity_ok,
            });
        }
    }
    // The system administrator sees every organisation; an organisation's
    // administrator sees their own, to decide its caseworkers' reach.
    let orgs = all_orgs
        .iter()
        .filter(|o| manage_orgs || o.id == actor.org_id)
        .map(|o| OrgRow {
            id: o.id.to_string(),
            name: o.name.clone(),
            kind: tr.t(&format!("org-kind-{}", o.kind.as_str())),
            country: o.country.clone().unwrap_or_default(),
            languages: o.languages.join(", "),
            see_all: o.caseworkers_see_all,
            may_set_reach: haven_core::access::may_set_case_reach(&actor, o.id),
        })
        .collect();
    let roles = haven_core::access::Role::ALL
        .iter()
        .filter(|r| all_orgs.iter().any(|o| haven_core::access::may_grant(&actor, **r, o.id, o.kind)))
        .map(|r| (r.as_str(), tr.t(&format!("role-{}", r.as_str()))))
        .collect();
    render(&AdminPage {
        l: Layout::new(tr, Some(caller), "/admin"),
        csrf: caller.csrf().to_owned(),
        manage_orgs,
        orgs,
        kinds: haven_core::access::OrgKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.t(&format!("org-kind-{}", k.as_str()))))
            .collect(),
        users,
        roles,
        user_orgs,
        notice,
        new_password,
    })
}

pub(crate) async fn admin_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    admin_render(&state, &tr, &caller, None, None).await
}

#[derive(Deserialize)]
pub(crate) struct OrgForm {
    name: String,
    kind: String,
    country: Option<String>,
    languages: Option<String>,
}

pub(crate) async fn admin_org_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<OrgForm>,
) -> PageResult {
    caller.scope(&state, Permission::ManageOrgs).await?;
    let country = form.country.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let languages: Vec<String> = form
        .languages
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    for l in &languages {
        haven_core::person::LanguageTag::parse(l)?;
    }
    let actor = caller.user.actor();
    if !languages.is_empty() && !haven_core::access::may_manage_new_org(&actor) {
        return Err(WebError::Forbidden.into());
    }
    let org = state.store.create_org(&form.name, &form.kind, country).await?;
    if !languages.is_empty() {
        let admin = haven_core::access::org_admin(&actor, org).ok_or(WebError::Forbidden)?;
        state.store.set_org_languages(&admin, &languages).await?;
    }
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Deserialize)]
pub(crate) struct OrgSettingsForm {
    caseworkers_see_all: Option<String>,
}

pub(crate) async fn admin_org_settings_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<OrgSettingsForm>,
) -> PageResult {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.set_org_caseworkers_see_all(&caller.user.actor(), org, form.caseworkers_see_all.is_some()).await?;
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Deserialize)]
pub(crate) struct UserForm {
    username: String,
    role: String,
    org_id: String,
}

pub(crate) async fn admin_user_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<UserForm>,
) -> PageResult {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = form.org_id.parse().map_err(|_| WebError::NotFound)?;
    let role = haven_core::access::Role::parse(&form.role)?;
    let granted = state.store.grant_user(&caller.user.actor(), org, &form.username, role, &caller.request_id).await?;
    let key = match (granted.pending, role) {
        (true, haven_core::access::Role::OrgAdmin) => "admin-user-pending-admin",
        (true, _) => "admin-user-pending",
        (false, _) => "admin-user-created",
    };
    let notice = tr.t_with(key, "username", form.username.clone());
    admin_render(&state, &tr, &caller, Some(notice), Some(granted.password)).await
}

/// Approving a pending grant, unlocking an account's sign-in, disabling an
/// account or enabling it again.
pub(crate) async fn admin_user_action_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: haven_core::ids::UserId = id.parse().map_err(|_| WebError::NotFound)?;
    let actor = caller.user.actor();
    let key = match action.as_str() {
        "approve" => {
            state.store.approve_user(&actor, user, &caller.request_id).await?;
            "admin-user-approved"
        }
        "unlock" => {
            state.store.unlock_user(&actor, user, &caller.request_id).await?;
            "admin-user-unlocked"
        }
        "disable" => {
            state.store.disable_user(&actor, user, &caller.request_id).await?;
            "admin-user-disabled"
        }
        "enable" => {
            state.store.enable_user(&actor, user, &caller.request_id).await?;
            "admin-user-enabled"
        }
        _ => return Err(WebError::NotFound.into()),
    };
    admin_render(&state, &tr, &caller, Some(tr.t(key)), None).await
}

#[derive(Deserialize)]
pub(crate) struct RoleForm {
    role: String,
}

/// Changing an account's role: the same grant policy as a new account,
/// its sessions end, and a role that needs approval waits for a second
/// administrator.
pub(crate) async fn admin_user_role_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> PageResult {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: haven_core::ids::UserId = id.parse().map_err(|_| WebError::NotFound)?;
    let role = haven_core::access::Role::parse(&form.role)?;
    state.store.change_role(&caller.user.actor(), user, role, &caller.request_id).await?;
    let key = if haven_core::access::grant_needs_approval(role, caller.user.actor().org_kind) {
        "admin-user-role-changed-pending"
    } else {
        "admin-user-role-changed"
    };
    admin_render(&state, &tr, &caller, Some(tr.t(key)), None).await
}
