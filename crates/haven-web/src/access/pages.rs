use crate::kit::prelude::*;

/// Audit events as table rows in the reader's words: the action, the kind
/// of record, the purpose and the outcome are translated where haven has
/// words for them (a code it has none for is shown as it is, never hidden).
pub(crate) fn audit_rows(
    tr: &Tr,
    rows: &[haven_store::access::AuditRow],
) -> Vec<(String, String, String, String, String, String)> {
    rows.iter()
        .map(|r| {
            let what = tr.t_args(
                "audit-what",
                &[("action", word(tr, "audit-action", &r.action)), ("records", word(tr, "audit-kind", &r.record_kind))],
            );
            (
                when(r.at_ms),
                who(r),
                what,
                r.record_id.clone(),
                purpose(tr, &r.purpose),
                word(tr, "audit-outcome", &r.outcome),
            )
        })
        .collect()
}

/// The access log on a person's page: as [`audit_rows`], but the reads one
/// visit makes (the record, its case, its screenings, the log itself) are
/// one row, "viewed", naming what was seen. The whole trail stays on the
/// auditor's page.
pub(crate) fn access_log_rows(
    tr: &Tr,
    rows: &[haven_store::access::AuditRow],
) -> Vec<(String, String, String, String, String, String)> {
    // Only reads that succeeded are folded: a refused or not-found probe,
    // or a read through a referral, keeps its own row and its own outcome.
    let viewing = |r: &haven_store::access::AuditRow| {
        matches!(r.action.as_str(), "read" | "list" | "search")
            && (r.outcome == "ok" || r.outcome.starts_with("ok ") || r.outcome == "access_log")
    };
    let mut out: Vec<(String, String, String, String, String, String)> = Vec::new();
    let mut kinds: Vec<String> = Vec::new();
    let mut last: Option<&haven_store::access::AuditRow> = None;
    for r in rows {
        let joins = last.is_some_and(|l| {
            viewing(l) && viewing(r) && l.actor == r.actor && l.purpose == r.purpose && when(l.at_ms) == when(r.at_ms)
        });
        let kind = if r.record_kind == "system" && r.outcome == "access_log" {
            tr.t("audit-kind-access_log")
        } else {
            word(tr, "audit-kind", &r.record_kind)
        };
        if joins {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            if let Some(row) = out.last_mut() {
                row.2 = tr.t_args("audit-what", &[("action", tr.t("audit-viewed")), ("records", kinds.join(", "))]);
                row.5 = tr.t("audit-outcome-ok");
            }
        } else if viewing(r) {
            kinds = vec![kind.clone()];
            let what = tr.t_args("audit-what", &[("action", tr.t("audit-viewed")), ("records", kind)]);
            out.push((
                when(r.at_ms),
                who(r),
                what,
                r.record_id.clone(),
                purpose(tr, &r.purpose),
                tr.t("audit-outcome-ok"),
            ));
        } else {
            out.extend(audit_rows(tr, std::slice::from_ref(r)));
        }
        last = Some(r);
    }
    out
}

fn when(at_ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]")).ok())
        .unwrap_or_default()
}

fn who(r: &haven_store::access::AuditRow) -> String {
    r.actor_name.clone().unwrap_or_else(|| r.actor.clone())
}

/// `prefix-code` in the reader's language, or the code itself.
fn word(tr: &Tr, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}-{code}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        code.to_owned()
    }
}

fn purpose(tr: &Tr, code: &str) -> String {
    word(tr, "audit-purpose", code)
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
            kind: i.item.kind(),
            kind_label: tr.t(&format!("review-kind-{}", i.item.kind())),
            id: i.item.id(),
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
    let item = haven_store::access::Reviewable::parse(&kind, &id).ok_or(WebError::NotFound)?;
    state.store.mark_reviewed(&scope, item).await?;
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
