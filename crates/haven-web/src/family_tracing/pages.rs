//! Tracing in the browser: the list at both ends with the form for a new
//! request, one request at the origin, one received request at the holding
//! organisation.

use haven_core::tracing::{Decision, InboundStatus, Outcome, Request, RequestInput, RequestStatus};
use haven_store::tracing::{TracingInboundView, TracingRequestView};

use crate::kit::prelude::*;

struct RequestRow {
    id: String,
    names: String,
    status_code: &'static str,
    status: String,
    created: String,
}

struct InboundRow {
    id: String,
    from: String,
    summary: String,
    status_code: &'static str,
    status: String,
    received: String,
}

/// The form as typed, kept when it is refused so nothing is lost.
#[derive(Deserialize, Default)]
pub(crate) struct RequestForm {
    #[serde(default)]
    names: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    age_range: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    place_of_origin: String,
    #[serde(default)]
    last_heard: String,
    #[serde(default)]
    requester_name: String,
    #[serde(default)]
    requester_relation: String,
    #[serde(default)]
    requester_contact: String,
    #[serde(default)]
    family_consent: Option<String>,
}

#[derive(Template)]
#[template(path = "tracing.html")]
struct TracingPage {
    l: Layout,
    csrf: String,
    requests: Vec<RequestRow>,
    inbound: Vec<InboundRow>,
    error: Option<String>,
    form: RequestForm,
    may_write: bool,
}

/// Requests and received requests have their own words for a state.
fn status_label(tr: &Tr, side: &str, code: &str) -> String {
    tr.t(&format!("tracing-{side}status-{code}"))
}

/// The context as one line: "age 26–30 · F · VNM · Nghệ An · last heard 2024-03".
fn context_line(tr: &Tr, v: &TracingInboundView) -> String {
    let c = &v.context;
    let mut parts = Vec::new();
    if let Some((lo, hi)) = c.age {
        parts.push(tr.t_with("tracing-age", "range", format!("{lo}–{hi}")));
    }
    if let Some(s) = c.sex {
        parts.push(tr.t(if s == 'F' { "tracing-sex-female" } else { "tracing-sex-male" }));
    }
    if let Some(n) = &c.nationality {
        parts.push(n.clone());
    }
    if !c.region.is_empty() {
        parts.push(c.region.clone());
    }
    if let Some(m) = &c.last_heard {
        parts.push(tr.t_with("tracing-last-heard-month", "month", m.clone()));
    }
    parts.join(" · ")
}

async fn list_page(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    error: Option<String>,
    form: RequestForm,
) -> Result<TracingPage, PageError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let requests = state
        .store
        .tracing_requests(&scope)
        .await?
        .iter()
        .map(|v| RequestRow {
            id: v.id.to_string(),
            names: v.request.as_ref().map(|r| r.names.join(" / ")).unwrap_or_else(|| tr.t("tracing-erased")),
            status_code: v.status.as_str(),
            status: status_label(tr, "", v.status.as_str()),
            created: local_date(v.created_at_ms),
        })
        .collect();
    let read = caller.scope(state, Permission::ReadPerson).await?;
    let inbound = state
        .store
        .tracing_inbound(&read)
        .await?
        .iter()
        .map(|v| InboundRow {
            id: v.id.to_string(),
            from: v.from_org_name.clone(),
            summary: context_line(tr, v),
            status_code: v.status.as_str(),
            status: status_label(tr, "in-", v.status.as_str()),
            received: local_date(v.created_at_ms),
        })
        .collect();
    Ok(TracingPage {
        l: Layout::new(tr, Some(caller), "/tracing"),
        csrf: caller.csrf().to_owned(),
        requests,
        inbound,
        error,
        form,
        may_write: caller.scope(state, Permission::WriteCase).await.is_ok(),
    })
}

pub(crate) async fn tracing_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    render(&list_page(&state, &tr, &caller, None, RequestForm::default()).await?)
}

pub(crate) async fn create_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let input = RequestInput {
        names: &form.names,
        sex: &form.sex,
        date_of_birth: &form.date_of_birth,
        age_range: &form.age_range,
        nationality: &form.nationality,
        place_of_origin: &form.place_of_origin,
        last_heard: &form.last_heard,
        requester_name: &form.requester_name,
        requester_relation: &form.requester_relation,
        requester_contact: &form.requester_contact,
        family_consent: form.family_consent.is_some(),
    };
    let created = match Request::parse(&input, today()) {
        Ok(r) => state.store.create_tracing_request(&scope, &r).await.map_err(WebError::from),
        Err(v) => Err(WebError::Invalid(v)),
    };
    match created {
        Ok(id) => Ok(Redirect::to(&format!("/tracing/requests/{id}")).into_response()),
        Err(WebError::Invalid(v)) => {
            let message = validation_message(&tr, &v);
            let mut res = render(&list_page(&state, &tr, &caller, Some(message), form).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "tracing_request.html")]
struct RequestPage {
    l: Layout,
    csrf: String,
    id: String,
    status_code: &'static str,
    status: String,
    /// (label, value) of what the family said.
    fields: Vec<(String, String)>,
    recipients: Vec<(String, String)>,
    recipient: Option<String>,
    /// What the caseworker may tell the family, once the partner answered.
    notice: Option<String>,
    /// The person's own words, shown apart from the notice.
    words: Option<String>,
    may_send: bool,
    may_close: bool,
    error: Option<String>,
}

fn notice_of(tr: &Tr, o: &Outcome) -> (String, Option<String>) {
    match o {
        Outcome::Closed => (tr.t("tracing-notice-closed"), None),
        Outcome::Message(t) => (tr.t("tracing-notice-message"), Some(t.clone())),
        Outcome::Contact(t) => (tr.t("tracing-notice-contact"), Some(t.clone())),
    }
}

async fn request_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: TracingRequestId,
    error: Option<String>,
) -> Result<RequestPage, PageError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let v: TracingRequestView = state.store.get_tracing_request(&scope, id).await?;
    let mut fields = Vec::new();
    if let Some(r) = &v.request {
        let mut push = |key: &str, val: String| {
            if !val.is_empty() {
                fields.push((tr.t(key), val));
            }
        };
        push("field-names", r.names.join(" / "));
        push(
            "field-sex",
            r.sex.map(|s| tr.t(if s == 'F' { "tracing-sex-female" } else { "tracing-sex-male" })).unwrap_or_default(),
        );
        push("field-date_of_birth", r.date_of_birth.map(format_date).unwrap_or_default());
        push("field-age_range", r.age.map(|(lo, hi)| format!("{lo}–{hi}")).unwrap_or_default());
        push("field-nationality", r.nationality.clone().unwrap_or_default());
        push("field-place_of_origin", r.place_of_origin.clone());
        push("field-last_heard", r.last_heard.map(format_date).unwrap_or_default());
        push("field-requester_name", r.requester_name.clone());
        push("field-requester_relation", r.requester_relation.clone());
        push("field-requester_contact", r.requester_contact.clone());
    }
    let remote = state.store.remote_orgs().await?;
    let orgs = state.store.list_orgs().await?;
    let recipients: Vec<(String, String)> = orgs
        .iter()
        .filter(|o| remote.contains_key(&o.id) && o.kind.receives_case_data())
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect();
    let recipient = v.recipient_org_id.and_then(|r| orgs.iter().find(|o| o.id == r).map(|o| o.name.clone()));
    let may_write = caller.scope(state, Permission::WriteCase).await.is_ok();
    let (notice, words) = match &v.answer {
        Some(o) => {
            let (n, w) = notice_of(tr, o);
            (Some(n), w)
        }
        None => (None, None),
    };
    Ok(RequestPage {
        l: Layout::new(tr, Some(caller), &format!("/tracing/requests/{id}")),
        csrf: caller.csrf().to_owned(),
        id: id.to_string(),
        status_code: v.status.as_str(),
        status: status_label(tr, "", v.status.as_str()),
        fields,
        recipients,
        recipient,
        notice,
        words,
        may_send: may_write && v.status == RequestStatus::Open && v.request.is_some(),
        may_close: may_write && v.status == RequestStatus::Answered,
        error,
    })
}

pub(crate) async fn request_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingRequestId>,
) -> PageResult {
    render(&request_view(&state, &tr, &caller, id, None).await?)
}

#[derive(Deserialize)]
pub(crate) struct SendForm {
    #[serde(default)]
    recipient_org_id: String,
}

/// A refusal shown on the page it came from, with 422.
async fn refused_on_request(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: TracingRequestId,
    v: &ValidationError,
) -> PageResult {
    let mut res = render(&request_view(state, tr, caller, id, Some(validation_message(tr, v))).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub(crate) async fn send_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingRequestId>,
    CsrfForm(form): CsrfForm<SendForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let r = match parse_org("recipient_org_id", &form.recipient_org_id) {
        Ok(org) => state.store.send_tracing_request(&scope, id, org).await.map_err(WebError::from),
        Err(e) => Err(e),
    };
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/tracing/requests/{id}")).into_response()),
        Err(WebError::Invalid(v)) => refused_on_request(&state, &tr, &caller, id, &v).await,
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn close_request_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingRequestId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    match state.store.close_tracing_request(&scope, id).await.map_err(WebError::from) {
        Ok(()) => Ok(Redirect::to(&format!("/tracing/requests/{id}")).into_response()),
        Err(WebError::Invalid(v)) => refused_on_request(&state, &tr, &caller, id, &v).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "tracing_inbound.html")]
struct InboundPage {
    l: Layout,
    csrf: String,
    id: String,
    status_code: &'static str,
    status: String,
    from: String,
    context: String,
    searched: bool,
    candidate: Option<String>,
    /// A colleague's candidate this reader cannot open.
    withheld: bool,
    score: String,
    pending: bool,
    plausible: bool,
    /// What went back, once answered.
    sent: Option<String>,
    may_write: bool,
    error: Option<String>,
    /// The decision form as typed, kept when it is refused or previewed.
    typed_decision: String,
    typed_text: String,
    /// A message or contact shown exactly as the family will read it,
    /// before it is sent: (notice, the person's words).
    preview: Option<(String, String)>,
}

async fn inbound_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: TracingInboundId,
    error: Option<String>,
) -> Result<InboundPage, PageError> {
    let scope = caller.scope(state, Permission::ReadPerson).await?;
    let v = state.store.get_tracing_inbound(&scope, id).await?;
    let sent = v.outcome.as_ref().map(|o| {
        let label = tr.t(&format!("tracing-sent-{}", o.kind()));
        if o.text().is_empty() {
            label
        } else {
            format!("{label}: {}", o.text())
        }
    });
    Ok(InboundPage {
        l: Layout::new(tr, Some(caller), &format!("/tracing/inbound/{id}")),
        csrf: caller.csrf().to_owned(),
        id: id.to_string(),
        status_code: v.status.as_str(),
        status: status_label(tr, "in-", v.status.as_str()),
        from: v.from_org_name.clone(),
        context: context_line(tr, &v),
        searched: v.searched,
        candidate: v.candidate.map(|p| p.to_string()),
        withheld: v.candidate_withheld,
        score: v.score_permille.map(|s| format!("{}%", s / 10)).unwrap_or_default(),
        pending: v.status == InboundStatus::Pending,
        plausible: v.status == InboundStatus::Plausible,
        sent,
        may_write: caller.scope(state, Permission::WriteCase).await.is_ok(),
        error,
        typed_decision: String::new(),
        typed_text: String::new(),
        preview: None,
    })
}

pub(crate) async fn inbound_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingInboundId>,
) -> PageResult {
    render(&inbound_view(&state, &tr, &caller, id, None).await?)
}

async fn after_inbound(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: TracingInboundId,
    r: Result<(), WebError>,
) -> PageResult {
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/tracing/inbound/{id}")).into_response()),
        Err(WebError::Invalid(v)) => {
            let mut res = render(&inbound_view(state, tr, caller, id, Some(validation_message(tr, &v))).await?)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn search_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingInboundId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let r = state.store.search_tracing_candidate(&scope, id).await.map(|_| ()).map_err(WebError::from);
    after_inbound(&state, &tr, &caller, id, r).await
}

pub(crate) async fn plausible_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingInboundId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let r = state.store.mark_tracing_plausible(&scope, id).await.map_err(WebError::from);
    after_inbound(&state, &tr, &caller, id, r).await
}

pub(crate) async fn close_inbound_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingInboundId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let r = state.store.close_tracing_inbound(&scope, id).await.map_err(WebError::from);
    after_inbound(&state, &tr, &caller, id, r).await
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    text: String,
    /// Set by the preview's button: the caseworker has seen what the family
    /// will read. A message or contact is never sent without it.
    #[serde(default)]
    confirmed: String,
}

pub(crate) async fn decision_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Id(id): Id<TracingInboundId>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let checked = Decision::parse(form.decision.trim()).and_then(|d| d.outcome(&form.text).map(|o| (d, o)));
    let r = match checked {
        // What the person says goes to the family as written and cannot be
        // taken back: it is shown as the family will read it first.
        Ok((d, outcome)) if d != Decision::NoContact && form.confirmed != "yes" => {
            let mut page = inbound_view(&state, &tr, &caller, id, None).await?;
            let (notice, words) = notice_of(&tr, &outcome);
            page.preview = Some((notice, words.unwrap_or_default()));
            page.typed_decision = form.decision.trim().to_owned();
            page.typed_text = form.text.clone();
            return render(&page);
        }
        Ok((d, _)) => state.store.decide_tracing(&scope, id, d, &form.text).await.map_err(WebError::from),
        Err(v) => Err(WebError::Invalid(v)),
    };
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/tracing/inbound/{id}")).into_response()),
        Err(WebError::Invalid(v)) => {
            let mut page = inbound_view(&state, &tr, &caller, id, Some(validation_message(&tr, &v))).await?;
            page.typed_decision = form.decision.trim().to_owned();
            page.typed_text = form.text.clone();
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
