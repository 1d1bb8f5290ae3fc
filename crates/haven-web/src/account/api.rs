use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    id: String,
    username: String,
    role: String,
    org_id: String,
    org_kind: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "access", responses((status = 200, body = MeOut), (status = 401, body = ErrorBody)))]
pub(crate) async fn me(caller: Caller) -> Json<MeOut> {
    Json(MeOut {
        id: caller.user.id.to_string(),
        username: caller.user.username.clone(),
        role: caller.user.role.as_str().to_owned(),
        org_id: caller.user.org_id.to_string(),
        org_kind: caller.user.org_kind.as_str().to_owned(),
    })
}
