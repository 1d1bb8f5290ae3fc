use haven_core::cooperation::{Entry, STATUSES};

use crate::kit::prelude::*;

#[derive(Template)]
#[template(path = "cooperation.html")]
pub(crate) struct CooperationPage {
    l: Layout,
    csrf: String,
    id: String,
    error: Option<String>,
    rows: Vec<(String, String, String)>,
    statuses: Vec<(&'static str, String)>,
}

pub(crate) async fn view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    error: Option<String>,
) -> Result<CooperationPage, WebError> {
    let scope = caller.scope(state, Permission::RecordCooperation).await?;
    let rows = state.store.list_cooperation(&scope, parse_id::<haven_core::ids::PersonId>(id)?).await?;
    Ok(CooperationPage {
        l: Layout::new(tr, Some(caller), &format!("/persons/{id}/cooperation")),
        csrf: caller.csrf().to_owned(),
        id: id.to_owned(),
        error,
        rows: rows
            .into_iter()
            .map(|v| (local_date(v.recorded_at_ms), tr.t(&format!("coop-status-{}", v.entry.status)), v.entry.note))
            .collect(),
        statuses: STATUSES.iter().map(|s| (*s, tr.t(&format!("coop-status-{s}")))).collect(),
    })
}

pub(crate) async fn page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    render(&view(&state, &tr, &caller, &id, None).await?)
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CooperationForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::RecordCooperation).await?;
    let pid = parse_id::<haven_core::ids::PersonId>(&id)?;
    let r = match Entry::parse(&form.status, &form.note) {
        Ok(entry) => state.store.record_cooperation(&scope, pid, &entry).await.map_err(WebError::from),
        Err(v) => Err(WebError::Invalid(v)),
    };
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/persons/{id}/cooperation")).into_response()),
        Err(WebError::Invalid(v)) => {
            let mut res = render(&view(&state, &tr, &caller, &id, Some(validation_message(&tr, &v))).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct CooperationForm {
    status: String,
    #[serde(default)]
    note: String,
}
