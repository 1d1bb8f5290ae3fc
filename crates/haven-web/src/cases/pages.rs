use crate::kit::prelude::*;

pub(crate) async fn open_case_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let record = CaseRecord::open(today(), Some(caller.user.id));
    let cid = state.store.open_case(&caller.scope(&state, Permission::WriteCase).await?, id, &record).await?;
    Ok(Redirect::to(&format!("/cases/{cid}")).into_response())
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    l: Layout,
    id: String,
    csrf: String,
    person_id: String,
    person_name: String,
    status: String,
    status_label: String,
    statuses: Vec<(&'static str, String)>,
    opened_on: String,
    closed_on: Option<String>,
    assigned: String,
    notes: Vec<(String, String)>,
    error: Option<String>,
}

pub(crate) async fn case_page_inner(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: CaseId,
    error: Option<String>,
) -> PageResult {
    let case = state.store.get_case(&caller.scope(state, Permission::ReadCase).await?, id).await?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, case.person_id).await?;
    let person_name = match person.state {
        PersonState::Active(r) => r.full_name.as_str().to_owned(),
        PersonState::Erased { .. } => tr.t("person-erased"),
    };
    let notes = state
        .store
        .list_notes(&caller.scope(state, Permission::ReadCase).await?, id)
        .await?
        .into_iter()
        .map(|n| (local_date(n.created_at_ms), n.body.unwrap_or_else(|| tr.t("case-note-erased"))))
        .collect();
    // A colleague by name, not by id.
    let assigned = match case.record.assigned_to {
        Some(u) if u == caller.user.id => caller.user.username.clone(),
        Some(u) => state
            .store
            .list_users(Some(caller.user.org_id))
            .await?
            .into_iter()
            .find(|x| x.id == u)
            .map(|x| x.username)
            .unwrap_or_else(|| tr.t("case-assigned-elsewhere")),
        None => tr.t("case-unassigned"),
    };
    render(&CasePage {
        l: Layout::new(tr, Some(caller), &format!("/cases/{id}")),
        id: id.to_string(),
        csrf: caller.csrf().to_owned(),
        person_id: case.person_id.to_string(),
        person_name,
        status: case.record.status.as_str().to_owned(),
        status_label: labels::case_status(tr, case.record.status),
        statuses: CaseStatus::ALL.iter().map(|s| (s.as_str(), labels::case_status(tr, *s))).collect(),
        opened_on: format_date(case.record.opened_on),
        closed_on: case.record.closed_on.map(format_date),
        assigned,
        notes,
        error,
    })
}

pub(crate) async fn case_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
    case_page_inner(&state, &tr, &caller, id, None).await
}

#[derive(Deserialize)]
pub(crate) struct NoteForm {
    body: String,
}

pub(crate) async fn note_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> PageResult {
    let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
    let body = match NoteBody::parse(&form.body) {
        Ok(b) => b,
        Err(v) => {
            let mut res = case_page_inner(&state, &tr, &caller, id, Some(validation_message(&tr, &v))).await?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(res);
        }
    };
    state.store.add_note(&caller.scope(&state, Permission::WriteCase).await?, id, &body).await?;
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct StatusForm {
    status: String,
}

pub(crate) async fn status_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> PageResult {
    let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
    let status = CaseStatus::parse(&form.status)?;
    state
        .store
        .update_case(&caller.scope(&state, Permission::WriteCase).await?, id, |c| {
            Ok(c.with_status(status, None, today())?)
        })
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}
