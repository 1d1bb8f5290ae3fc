use haven_core::referral::{Status, Step};
use haven_core::services::SERVICE_TYPES;
use haven_store::referrals::ReferralView;

use super::api::{consent_input, incoming_out, letter_response, org_id, recorded_needs, shared_person, suggestions};
use crate::kit::prelude::*;

struct RefRow {
    id: String,
    service: String,
    to_org: String,
    from_org: String,
    status_code: &'static str,
    status: String,
    sent_on: String,
    due_on: String,
    overdue: bool,
    note: String,
    response: String,
    events: Vec<(String, String, String)>,
    can_consent: bool,
    can_send: bool,
    can_revoke: bool,
    has_letter: bool,
    shared: String,
}

fn ref_row(tr: &Tr, v: &ReferralView) -> RefRow {
    let today = time::OffsetDateTime::now_utc().date();
    RefRow {
        id: v.id.to_string(),
        service: tr.t(&format!("svc-type-{}", v.service_type)),
        to_org: v.to_org_name.clone(),
        from_org: v.from_org_name.clone(),
        status_code: v.status.as_str(),
        status: tr.t(&format!("ref-status-{}", v.status.as_str())),
        sent_on: v.sent_on.map(format_date).unwrap_or_default(),
        due_on: v.due_on.map(format_date).unwrap_or_default(),
        overdue: v.status == Status::Sent && v.due_on.is_some_and(|d| d < today),
        note: v.note.clone().unwrap_or_default(),
        response: v.response.clone().unwrap_or_default(),
        events: v
            .events
            .iter()
            .map(|e| (local_date(e.at_ms), tr.t(&format!("ref-status-{}", e.status.as_str())), e.org_name.clone()))
            .collect(),
        can_consent: matches!(v.status, Status::Proposed | Status::ConsentRecorded),
        can_send: v.status == Status::ConsentRecorded,
        can_revoke: !v.status.is_closed(),
        has_letter: !v.status.is_closed()
            && v.consent.as_ref().is_some_and(|c| haven_core::referral::consent_fits(c, v.to_org, today)),
        shared: v
            .recipient_may_read
            .map(|c| c.iter().map(|c| tr.t(&format!("category-{}", c.as_str()))).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "referrals_person.html")]
pub(crate) struct PersonReferralsPage {
    l: Layout,
    csrf: String,
    id: String,
    name: String,
    error: Option<String>,
    rows: Vec<RefRow>,
    types: Vec<(&'static str, String)>,
    picked_type: String,
    recipients: Vec<(String, String)>,
    categories: Vec<(&'static str, String)>,
    default_expiry: String,
    default_language: String,
    /// (service type, label, where from, fitting providers).
    suggestions: Vec<(&'static str, String, String, Vec<String>)>,
    /// The latest needs assessment: date, needs (labels), notes.
    needs_latest: Option<(String, Vec<String>, String)>,
}

pub(crate) async fn person_referrals_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    picked: Option<String>,
    error: Option<String>,
) -> Result<PersonReferralsPage, WebError> {
    let pid = parse_id::<haven_core::ids::PersonId>(id)?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, pid).await?;
    let haven_store::persons::PersonState::Active(p) = person.state else { return Err(WebError::Erased) };
    let rows = state.store.list_referrals(&caller.scope(state, Permission::ReadCase).await?, pid).await?;
    let (file, _) = state.store.list_protection(&caller.scope(state, Permission::ReadCase).await?, pid).await?;
    let latest = file.iter().find(|v| v.record.kind == haven_core::protection::Kind::NeedsAssessment);
    let recorded = recorded_needs(&file);
    let suggestions = suggestions(state, caller, pid, &p, &recorded)
        .await?
        .into_iter()
        .map(|s| {
            let sources = s.sources.iter().map(|k| tr.t(&format!("ref-from-{k}"))).collect::<Vec<_>>().join(", ");
            (s.service_type, tr.t(&format!("svc-type-{}", s.service_type)), sources, s.providers)
        })
        .collect();
    let needs_latest = latest.map(|v| {
        (
            format_date(v.record.made_on),
            recorded.iter().map(|t| tr.t(&format!("svc-type-{t}"))).collect(),
            v.record.fields.get("notes").cloned().unwrap_or_default(),
        )
    });
    let recipients = crate::kit::context::other_orgs(state, caller)
        .await?
        .into_iter()
        .filter(|o| o.kind.receives_case_data())
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let expiry = time::OffsetDateTime::now_utc().date().saturating_add(time::Duration::days(90));
    Ok(PersonReferralsPage {
        l: Layout::new(tr, Some(caller), &format!("/persons/{id}/referrals")),
        csrf: caller.csrf().to_owned(),
        id: id.to_owned(),
        name: p.full_name.as_str().to_owned(),
        error,
        rows: rows.iter().map(|v| ref_row(tr, v)).collect(),
        types: SERVICE_TYPES.iter().map(|t| (*t, tr.t(&format!("svc-type-{t}")))).collect(),
        picked_type: picked.unwrap_or_default(),
        recipients,
        categories: Category::ALL.iter().map(|c| (c.as_str(), tr.t(&format!("category-{}", c.as_str())))).collect(),
        default_expiry: format_date(expiry),
        default_language: p.languages.first().map(|l| l.as_str().to_owned()).unwrap_or_default(),
        suggestions,
        needs_latest,
    })
}

/// A person's referrals, and the forms to propose, consent to, send and revoke one.
pub(crate) async fn person_referrals_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(q): Query<TypeQuery>,
) -> PageResult {
    render(&person_referrals_view(&state, &tr, &caller, &id, q.service_type, None).await?)
}

/// Shows the person's referrals again with the refusal, as a 422.
pub(crate) async fn refused(state: &AppState, tr: &Tr, caller: &Caller, person: &str, e: WebError) -> PageResult {
    let msg = match &e {
        WebError::Invalid(v) => validation_message(tr, v),
        _ => return Err(e.into()),
    };
    let page = person_referrals_view(state, tr, caller, person, None, Some(msg)).await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub(crate) async fn propose_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ProposeForm>,
) -> PageResult {
    let pid = parse_id::<haven_core::ids::PersonId>(&id)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let r = match org_id(&form.recipient_org_id) {
        Ok(org) => {
            state.store.propose_referral(&scope, pid, &form.service_type, org, &form.note).await.map_err(WebError::from)
        }
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/persons/{id}/referrals")).into_response()),
        Err(e) => refused(&state, &tr, &caller, &id, e).await,
    }
}

/// The referral's person, for redirects back to their page.
pub(crate) async fn person_of(state: &AppState, caller: &Caller, id: &str) -> Result<String, WebError> {
    let v = state.store.open_referral(&caller.scope(state, Permission::ReadPerson).await?, parse_id(id)?).await?;
    Ok(v.referral.person_id.to_string())
}

pub(crate) async fn consent_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(mut form): Form<Vec<(String, String)>>,
) -> PageResult {
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    caller.check_form_csrf(&get("csrf"))?;
    let cats: Vec<String> = form.iter().filter(|(n, _)| n == "categories").map(|(_, v)| v.clone()).collect();
    let interpreter = Some(get("interpreter")).filter(|s| !s.trim().is_empty());
    let input = consent_input(&cats, &get("expires_on"), &get("language"), interpreter);
    form.clear();
    let person = person_of(&state, &caller, &id).await?;
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    match state.store.consent_to_referral(&scope, parse_id(&id)?, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/persons/{person}/referrals")).into_response()),
        Err(e) => refused(&state, &tr, &caller, &person, e.into()).await,
    }
}

/// Any step, from either side; back to the page that side works from.
pub(crate) async fn step_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, step)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> PageResult {
    let step = Step::parse(&step)?;
    let view = state.store.open_referral(&caller.scope(&state, Permission::ReadPerson).await?, parse_id(&id)?).await?;
    let referring = view.referral.from_org == caller.user.org_id;
    let back =
        if referring { format!("/persons/{}/referrals", view.referral.person_id) } else { format!("/referrals/{id}") };
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    match state.store.referral_step(&scope, view.referral.id, step, &form.reason).await {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(e) if referring => refused(&state, &tr, &caller, &view.referral.person_id.to_string(), e.into()).await,
        Err(haven_store::StoreError::Invalid(v)) => {
            let mut page = referral_view_page(&state, &tr, &caller, &id).await?;
            page.error = Some(validation_message(&tr, &v));
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

struct IncomingRow {
    id: String,
    name: String,
    service: String,
    from_org: String,
    status_code: &'static str,
    status: String,
    due_on: String,
}

#[derive(Template)]
#[template(path = "referrals_incoming.html")]
struct IncomingPage {
    l: Layout,
    rows: Vec<IncomingRow>,
}

/// Referrals sent to this organisation.
pub(crate) async fn incoming_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    let rows = state.store.incoming_referrals(&caller.scope(&state, Permission::ReadPerson).await?).await?;
    render(&IncomingPage {
        l: Layout::new(&tr, Some(&caller), "/referrals"),
        rows: rows
            .iter()
            .map(|v| IncomingRow {
                id: v.referral.id.to_string(),
                name: v
                    .person
                    .as_ref()
                    .map(|p| p.full_name.as_str().to_owned())
                    .unwrap_or_else(|| tr.t("ref-withheld")),
                service: tr.t(&format!("svc-type-{}", v.referral.service_type)),
                from_org: v.referral.from_org_name.clone(),
                status_code: v.referral.status.as_str(),
                status: tr.t(&format!("ref-status-{}", v.referral.status.as_str())),
                due_on: v.referral.due_on.map(format_date).unwrap_or_default(),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "referral.html")]
pub(crate) struct ReferralPage {
    l: Layout,
    csrf: String,
    row: RefRow,
    error: Option<String>,
    /// (label, value) pairs the consent lets this organisation read.
    person: Vec<(String, String)>,
    access: bool,
    /// Urgency, shown before anyone accepts.
    urgent: Vec<String>,
    /// The kinds of information that open once someone here accepts.
    withheld: String,
    steps: Vec<(&'static str, String)>,
}

pub(crate) async fn referral_view_page(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
) -> Result<ReferralPage, WebError> {
    let v = state.store.open_referral(&caller.scope(state, Permission::ReadPerson).await?, parse_id(id)?).await?;
    let mut person = Vec::new();
    if let Some(s) = shared_person(&v) {
        person.push((tr.t("field-full_name"), s.full_name));
        let mut add = |key: &str, val: Option<String>| {
            if let Some(val) = val.filter(|v| !v.is_empty()) {
                person.push((tr.t(key), val));
            }
        };
        add("field-latin_name", s.latin_name);
        add("field-sex", s.sex);
        add("field-nationalities", Some(s.nationalities.join(", ")));
        add("field-languages", Some(s.languages.join(", ")));
        add("field-contact", s.contact);
        add("field-location", s.location.map(|l| tr.t(&format!("location-{l}"))));
        add("field-notes", s.notes);
    }
    let access = v.person.is_some();
    let mut urgent = Vec::new();
    if v.urgent_child {
        urgent.push(tr.t("ref-urgent-child"));
    }
    if v.urgent_detained {
        urgent.push(tr.t("ref-urgent-detained"));
    }
    let withheld = incoming_out(&v)
        .withheld_until_accepted
        .iter()
        .map(|c| tr.t(&format!("category-{c}")))
        .collect::<Vec<_>>()
        .join(", ");
    let status = v.referral.status;
    let steps = [Step::Accept, Step::Decline, Step::Start, Step::Complete, Step::RecordWithdrawal]
        .into_iter()
        .filter(|s| access && haven_core::referral::advance(status, *s, s.side(), true).is_ok())
        .map(|s| (s.as_str(), tr.t(&format!("ref-step-{}", s.as_str()))))
        .collect();
    Ok(ReferralPage {
        l: Layout::new(tr, Some(caller), &format!("/referrals/{id}")),
        csrf: caller.csrf().to_owned(),
        row: ref_row(tr, &v.referral),
        error: None,
        person,
        access,
        urgent,
        withheld,
        steps,
    })
}

/// One referral: for the receiving organisation, the person as consented;
/// the referring organisation is sent to the person's referrals.
pub(crate) async fn referral_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let page = referral_view_page(&state, &tr, &caller, &id).await?;
    state.store.mark_record_notifications_read(caller.user.id, &id).await?;
    render(&page)
}

pub(crate) async fn letter_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    Ok(letter_response(&state, &tr, &caller, &id).await?)
}

#[derive(Deserialize, Default)]
pub(crate) struct TypeQuery {
    #[serde(rename = "type")]
    service_type: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ProposeForm {
    service_type: String,
    recipient_org_id: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
pub(crate) struct StepForm {
    #[serde(default)]
    reason: String,
}
