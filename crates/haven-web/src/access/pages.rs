use crate::kit::prelude::*;

pub(crate) fn audit_rows(
    tr: &Tr,
    rows: &[haven_store::access::AuditRow],
) -> Vec<(String, String, String, String, String, String)> {
    rows.iter()
        .map(|r| {
            let when = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(r.at_ms) * 1_000_000)
                .ok()
                .and_then(|t| t.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]")).ok())
                .unwrap_or_default();
            let who = r.actor_name.clone().unwrap_or_else(|| r.actor.clone());
            let what = format!("{} {}", r.action, r.record_kind);
            let _ = tr;
            (when, who, what, r.record_id.clone(), r.purpose.clone(), r.outcome.clone())
        })
        .collect()
}

struct ReviewRow {
    kind: &'static str,
    kind_label: String,
    id: String,
    person_id: String,
    username: String,
    reason: String,
    when: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    l: Layout,
    csrf: String,
    items: Vec<ReviewRow>,
}

pub(crate) async fn review_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    let scope = caller.scope(&state, Permission::ReviewAccess).await?;
    let items = state
        .store
        .review_queue(&scope)
        .await?
        .into_iter()
        .map(|i| ReviewRow {
            kind: i.kind,
            kind_label: tr.t(&format!("review-kind-{}", i.kind)),
            id: i.id,
            person_id: i.person_id.to_string(),
            username: i.username,
            reason: i.reason.unwrap_or_else(|| tr.t("case-note-erased")),
            when: local_date(i.created_at_ms),
        })
        .collect();
    render(&ReviewPage { l: Layout::new(&tr, Some(&caller), "/review"), csrf: caller.csrf().to_owned(), items })
}

pub(crate) async fn review_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path((kind, id)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::ReviewAccess).await?;
    state.store.mark_reviewed(&scope, &kind, &id).await?;
    Ok(Redirect::to("/review").into_response())
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    /// Integrity and second-factor alarms, newest first.
    alarms: Vec<(String, String, String, String, String, String)>,
    actor: String,
    record_id: String,
    action: String,
    rows: Vec<(String, String, String, String, String, String)>,
}

#[derive(Deserialize)]
pub(crate) struct AuditPageQuery {
    actor: Option<String>,
    record_id: Option<String>,
    action: Option<String>,
}

pub(crate) async fn audit_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<AuditPageQuery>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::ReadAudit).await?;
    let filter = haven_store::access::AuditFilter {
        actor: q.actor.clone(),
        record_id: q.record_id.clone(),
        action: q.action.clone(),
        limit: 200,
    };
    let rows = audit_rows(&tr, &state.store.audit_log(&scope, &filter).await?);
    let alarms = audit_rows(&tr, &state.store.alarms(&scope, 50).await?);
    render(&AuditPage {
        l: Layout::new(&tr, Some(&caller), "/audit"),
        alarms,
        actor: q.actor.unwrap_or_default(),
        record_id: q.record_id.unwrap_or_default(),
        action: q.action.unwrap_or_default(),
        rows,
    })
}
