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
    status_label: String,
    statuses: Vec<(&'static str, String)>,
    opened_on: String,
    closed_on: Option<String>,
    assigned: String,
    /// (user id, username, chosen): colleagues who may hold a case.
    colleagues: Vec<(String, String, bool)>,
    notes: Vec<(String, String)>,
    error: Option<String>,
    /// What the status form showed when it was refused, so nothing typed
    /// or chosen is lost: (status, reason).
    form: (String, String),
}

pub(crate) async fn case_page_inner(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: CaseId,
    error: Option<String>,
    saved: &Saved,
    form: Option<(String, String)>,
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
    let users = state.store.colleagues(&caller.scope(state, Permission::ReadCase).await?).await?;
    // A colleague by name, not by id.
    let assigned = match case.record.assigned_to {
        Some(u) => users
            .iter()
            .find(|x| x.id == u)
            .map(|x| x.username.clone())
            .unwrap_or_else(|| tr.t("case-assigned-elsewhere")),
        None => tr.t("case-unassigned"),
    };
    let colleagues = users
        .iter()
        .filter(|u| {
            !u.disabled
                && u.integrity_ok
                && matches!(u.status, haven_store::auth::AccountStatus::Active)
                && haven_core::access::role_allows(u.role, Permission::WriteCase)
        })
        .map(|u| (u.id.to_string(), u.username.clone(), case.record.assigned_to == Some(u.id)))
        .collect();
    render(&CasePage {
        l: Layout::new(tr, Some(caller), &format!("/cases/{id}")).with_flash(saved),
        id: id.to_string(),
        csrf: caller.csrf().to_owned(),
        person_id: case.person_id.to_string(),
        person_name,
        status_label: labels::case_status(tr, case.record.status),
        statuses: CaseStatus::ALL.iter().map(|s| (s.as_str(), labels::case_status(tr, *s))).collect(),
        opened_on: format_date(case.record.opened_on),
        closed_on: case.record.closed_on.map(format_date),
        assigned,
        colleagues,
        notes,
        error,
        form: form.unwrap_or_else(|| (case.record.status.as_str().to_owned(), String::new())),
    })
}

pub(crate) async fn case_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(saved): Query<Saved>,
) -> PageResult {
    let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
    let page = case_page_inner(&state, &tr, &caller, id, None, &saved, None).await?;
    state.store.mark_record_notifications_read(caller.user.id, &id.to_string()).await?;
    Ok(page)
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
            let mut res =
                case_page_inner(&state, &tr, &caller, id, Some(validation_message(&tr, &v)), &Saved::default(), None)
                    .await?;
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
    /// Required to close a case: a closed case with no reason leaves the
    /// next colleague guessing whether the person was helped or lost.
    #[serde(default)]
    reason: String,
}

pub(crate) async fn status_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> PageResult {
    let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
    let status = CaseStatus::parse(&form.status)?;
    let note = match super::closing_note(&tr, status, &form.reason) {
        Ok(n) => n,
        Err(v) => {
            let msg = validation_message(&tr, &v);
            let form = Some((form.status.clone(), form.reason.clone()));
            let mut res = case_page_inner(&state, &tr, &caller, id, Some(msg), &Saved::default(), form).await?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(res);
        }
    };
    state
        .store
        .update_case_with_note(&caller.scope(&state, Permission::WriteCase).await?, id, note.as_ref(), |c| {
            Ok(c.with_status(status, None, today())?)
        })
        .await?;
    Ok(Redirect::to(&format!("/cases/{id}?saved=case")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct AssignForm {
    /// A colleague's user id, or empty for nobody.
    assigned_to: String,
}

/// Hands a case to a colleague (or to nobody): the assignee is checked to
/// be an active user of this organisation by the store.
pub(crate) async fn assign_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AssignForm>,
) -> PageResult {
    let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
    let to =
        match form.assigned_to.trim() {
            "" => None,
            u => Some(u.parse::<UserId>().map_err(|_| {
                ValidationError::new("assigned_to", "unknown_user", "no such user in this organisation")
            })?),
        };
    state
        .store
        .update_case(&caller.scope(&state, Permission::WriteCase).await?, id, |c| {
            let mut next = c.clone();
            next.assigned_to = to;
            Ok(next)
        })
        .await?;
    // A caseworker who hands their case on no longer reaches it: they go
    // back to their task list, told it was handed over, not to a refusal.
    let still = state.store.get_case(&caller.scope(&state, Permission::ReadCase).await?, id).await;
    Ok(match still {
        Ok(_) => Redirect::to(&format!("/cases/{id}?saved=case")),
        Err(_) => Redirect::to("/tasks?saved=case-handed"),
    }
    .into_response())
}
