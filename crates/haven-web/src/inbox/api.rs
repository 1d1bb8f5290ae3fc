use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct InboxOut {
    id: String,
    kind: String,
    created_at: String,
}

#[utoipa::path(get, path = "/api/v1/inbox", tag = "access", responses((status = 200, body = [InboxOut]), (status = 403, body = ErrorBody)))]
pub(crate) async fn inbox(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<InboxOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadInbox).await?;
    let items = state.store.inbox(&scope).await?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| InboxOut { id: i.id.to_string(), kind: i.kind, created_at: rfc3339(i.created_at_ms) })
            .collect(),
    ))
}
