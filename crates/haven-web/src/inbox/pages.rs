use crate::kit::prelude::*;

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    l: Layout,
    items: Vec<(String, String, String)>,
}

pub(crate) async fn inbox_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    let scope = caller.scope(&state, Permission::ReadInbox).await?;
    let items = state
        .store
        .inbox(&scope)
        .await?
        .into_iter()
        .map(|i| (local_date(i.created_at_ms), tr.t(&format!("inbox-kind-{}", i.kind)), i.id.to_string()))
        .collect();
    render(&InboxPage { l: Layout::new(&tr, Some(&caller), "/inbox"), items })
}

/// An enforcement user reads a document sent to them, while its consent holds.
pub(crate) async fn inbox_document_page(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::ReadInbox).await?;
    let html = state.store.inbox_document(&scope, parse_id(&id)?).await?;
    Ok(Html(html).into_response())
}
