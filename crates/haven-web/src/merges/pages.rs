use crate::kit::prelude::*;
use haven_core::merge::MergeStep;

struct Candidate {
    id: String,
    name: String,
    latin: Option<String>,
    added: String,
    /// Where they are, to tell two people of one name apart.
    location: String,
    child: bool,
}

#[derive(Template)]
#[template(path = "duplicates.html")]
struct DuplicatesPage {
    l: Layout,
    id: String,
    csrf: String,
    name: String,
    q: String,
    candidates: Vec<Candidate>,
    /// More people match than the page shows: it asks for a narrower search
    /// rather than leaving them out unsaid.
    more: bool,
}

#[derive(Deserialize)]
pub(crate) struct DuplicatesQuery {
    q: Option<String>,
}

/// Records that may be the same person: found by this record's names (in
/// any script, as the people search finds them) or by a name typed here.
pub(crate) async fn duplicates_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<PersonId>,
    Query(query): Query<DuplicatesQuery>,
) -> PageResult {
    // The page is for those who merge; what it reads is read as any record is.
    caller.scope(&state, Permission::MergePersons).await?;
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let view = state.store.get_person(&scope, id).await?;
    let PersonState::Active(record) = view.state else {
        return Err(WebError::Erased.into());
    };
    let typed = query.q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty());
    let q = typed.clone().unwrap_or_else(|| record.full_name.as_str().to_owned());
    let mut queries = vec![q.clone()];
    if typed.is_none() {
        queries.extend(record.latin_name.iter().map(|n| n.as_str().to_owned()));
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut more = false;
    for q in &queries {
        let found = state.store.search_persons(&scope, q, haven_store::persons::Page::new(1, 20)).await?;
        more |= found.has_more;
        for p in found.items {
            if p.id != id && !candidates.iter().any(|c| c.id == p.id.to_string()) {
                candidates.push(Candidate {
                    id: p.id.to_string(),
                    name: p.full_name,
                    latin: p.latin_name,
                    added: local_date(p.created_at_ms),
                    location: labels::location(&tr, p.location),
                    child: p.may_be_child,
                });
            }
        }
    }
    render(&DuplicatesPage {
        l: Layout::new(&tr, Some(&caller), &format!("/persons/{id}/duplicates")),
        id: id.to_string(),
        csrf: caller.csrf().to_owned(),
        name: record.full_name.as_str().to_owned(),
        q,
        candidates,
        more,
    })
}

#[derive(Deserialize)]
pub(crate) struct MergeForm {
    duplicate_id: String,
}

pub(crate) async fn propose_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Id(id): Id<PersonId>,
    CsrfForm(form): CsrfForm<MergeForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::MergePersons).await?;
    let duplicate: PersonId = form.duplicate_id.trim().parse().map_err(|_| WebError::NotFound)?;
    state.store.propose_merge(&scope, id, duplicate).await?;
    Ok(Redirect::to(&format!("/persons/{id}?saved=merge-pending")).into_response())
}

async fn decide(state: &AppState, caller: &Caller, id: &str, step: MergeStep) -> PageResult {
    let scope = caller.scope(state, Permission::MergePersons).await?;
    let merge = state.store.decide_merge(&scope, parse_id(id)?, step).await?;
    let saved = if step == MergeStep::Confirm { "merge-confirmed" } else { "merge-undone" };
    Ok(Redirect::to(&format!("/persons/{}?saved={saved}", merge.kept)).into_response())
}

pub(crate) async fn confirm_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    decide(&state, &caller, &id, MergeStep::Confirm).await
}

pub(crate) async fn undo_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    decide(&state, &caller, &id, MergeStep::Undo).await
}
