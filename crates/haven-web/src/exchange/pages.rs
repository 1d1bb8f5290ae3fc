//! Exchange in the browser: a person's transfers with the form to propose
//! one, what arrived with accept and decline, one transfer at either end,
//! the package as a file and its import, and the administrator's partners.

use haven_core::consent::ConsentPurpose;
use haven_core::exchange::{Purpose, Status};
use haven_store::exchange::TransferView;

use crate::kit::prelude::*;

struct XferRow {
    id: String,
    status_code: &'static str,
    status: String,
    remote_org: String,
    partner: String,
    purpose: String,
    categories: String,
    reason: String,
    created: String,
    events: Vec<(String, String)>,
    /// What arrived, as (label, value), for the receiving side.
    arrived: Vec<(String, String)>,
    name: String,
    person_id: Option<String>,
    can_answer: bool,
    outgoing: bool,
    has_package: bool,
    /// (date, status label, status code, handled on), oldest first.
    follow_ups: Vec<(String, String, &'static str, String)>,
    /// The sender may mark the partner's newest call for help as acted on.
    can_handle: bool,
    /// The receiving side may tell the sender how the person is doing.
    can_follow_up: bool,
    /// The status words a follow-up may carry, as (code, label).
    follow_up_choices: Vec<(&'static str, String)>,
}

fn xfer_row(tr: &Tr, t: &TransferView) -> XferRow {
    let mut arrived = Vec::new();
    let mut name = String::new();
    if let Some(p) = &t.payload {
        name = p.haven.full_name.clone();
        let mut push = |key: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                arrived.push((tr.t(key), v));
            }
        };
        push("field-full_name", Some(p.haven.full_name.clone()));
        push("field-other_names", Some(p.haven.other_names.join(", ")));
        push("field-latin_name", p.haven.latin_name.clone());
        push("field-sex", p.sex.clone());
        push("field-date_of_birth", p.date_of_birth.clone());
        push("field-estimated_age", p.haven.estimated_age.map(|a| a.to_string()));
        push("field-nationalities", Some(p.nationalities.join(", ")));
        push("field-languages", Some(p.haven.languages.join(", ")));
        push("field-contact", p.contact.clone());
        push("field-location", p.haven.location.as_deref().map(|l| tr.t(&format!("location-{l}"))));
        push("field-notes", p.haven.notes.clone());
        push("xfer-consent-until", Some(p.consent.expires_on.clone()));
    }
    XferRow {
        id: t.id.clone(),
        status_code: t.status.as_str(),
        status: tr.t(&format!("xfer-status-{}", t.status.as_str())),
        remote_org: t.remote_org_name.clone(),
        partner: t.partner_name.clone(),
        purpose: tr.t(&format!("xfer-purpose-{}", t.purpose.as_str())),
        categories: t
            .categories
            .iter()
            .map(|c| tr.t(&format!("category-{}", c.as_str())))
            .collect::<Vec<_>>()
            .join(", "),
        reason: t.reason.clone().unwrap_or_default(),
        created: local_date(t.created_at_ms),
        events: t
            .events
            .iter()
            .map(|(s, at)| (local_date(*at), tr.t(&format!("xfer-status-{}", s.as_str()))))
            .collect(),
        arrived,
        name,
        person_id: t.person_id.map(|p| p.to_string()),
        can_answer: !t.outgoing && t.status.awaits_answer(),
        outgoing: t.outgoing,
        // Only a package still waiting can be carried by hand: the export
        // refuses any other, so the button is not offered.
        has_package: t.outgoing && t.status == Status::Queued,
        follow_ups: t
            .follow_ups
            .iter()
            .map(|f| {
                (
                    local_date(f.at_ms),
                    tr.t(&format!("xfer-follow-up-{}", f.status.as_str())),
                    f.status.as_str(),
                    f.handled_at_ms.map(local_date).unwrap_or_default(),
                )
            })
            .collect(),
        can_handle: t.outgoing
            && t.follow_ups
                .last()
                .is_some_and(|f| f.status == haven_core::exchange::FollowUp::NeedsHelp && f.handled_at_ms.is_none()),
        can_follow_up: haven_core::exchange::check_follow_up(
            t.outgoing,
            t.status,
            t.payload.as_ref().and_then(|p| haven_core::person::parse_date(&p.consent.expires_on)),
            today(),
        )
        .is_ok(),
        follow_up_choices: haven_core::exchange::FollowUp::ALL
            .iter()
            .map(|f| (f.as_str(), tr.t(&format!("xfer-follow-up-{}", f.as_str()))))
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "transfers_person.html")]
pub(crate) struct PersonTransfersPage {
    l: Layout,
    csrf: String,
    id: String,
    name: String,
    error: Option<String>,
    rows: Vec<XferRow>,
    /// Organisations on partner installations: (id, name).
    recipients: Vec<(String, String)>,
    /// The person's cross-border consents in force: (id, label).
    consents: Vec<(String, String)>,
    purposes: Vec<(&'static str, String)>,
}

async fn person_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    error: Option<String>,
) -> Result<PersonTransfersPage, WebError> {
    let pid = parse_id::<PersonId>(id)?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, pid).await?;
    let PersonState::Active(p) = person.state else { return Err(WebError::Erased) };
    let rows = state.store.transfers_for_person(&caller.scope(state, Permission::ReadCase).await?, pid).await?;
    let remote = state.store.remote_orgs().await?;
    let recipients: Vec<(String, String)> = state
        .store
        .list_orgs()
        .await?
        .into_iter()
        .filter(|o| remote.contains_key(&o.id) && o.kind.receives_case_data())
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let today = time::OffsetDateTime::now_utc().date();
    let consents = state
        .store
        .list_consents(&caller.scope(state, Permission::ReadPerson).await?, pid)
        .await?
        .into_iter()
        .filter(|c| {
            c.consent.terms.purpose == ConsentPurpose::CrossBorderTransfer
                && c.consent.in_force(today)
                // Only a consent naming an organisation on a partner
                // installation can carry a transfer.
                && remote.contains_key(&c.consent.terms.recipient)
        })
        .map(|c| {
            let cats = c
                .consent
                .terms
                .categories
                .iter()
                .map(|k| tr.t(&format!("category-{}", k.as_str())))
                .collect::<Vec<_>>();
            let label =
                format!("{} · {} · {}", c.recipient_name, cats.join(", "), format_date(c.consent.terms.expires_on));
            (c.id.to_string(), label)
        })
        .collect();
    Ok(PersonTransfersPage {
        l: Layout::new(tr, Some(caller), &format!("/persons/{id}/transfers")),
        csrf: caller.csrf().to_owned(),
        id: id.to_owned(),
        name: p.full_name.as_str().to_owned(),
        error,
        rows: rows.iter().map(|t| xfer_row(tr, t)).collect(),
        recipients,
        consents,
        purposes: Purpose::ALL.iter().map(|p| (p.as_str(), tr.t(&format!("xfer-purpose-{}", p.as_str())))).collect(),
    })
}

/// A person's transfers and the form to propose one.
pub(crate) async fn person_transfers_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    render(&person_view(&state, &tr, &caller, &id, None).await?)
}

#[derive(Deserialize)]
pub(crate) struct ProposeForm {
    #[serde(default)]
    recipient_org_id: String,
    #[serde(default)]
    consent_id: String,
    #[serde(default)]
    purpose: String,
}

pub(crate) async fn propose_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ProposeForm>,
) -> PageResult {
    let pid = parse_id::<PersonId>(&id)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    // A consent id that cannot exist is refused as an unknown one.
    let consent_id: Option<ConsentId> = form.consent_id.trim().parse().ok();
    // The page asks for the consent only: it names the organisation, so a
    // caseworker cannot pick a consent and a recipient that do not match.
    let recipient = if form.recipient_org_id.trim().is_empty() {
        let read = caller.scope(&state, Permission::ReadPerson).await?;
        state
            .store
            .list_consents(&read, pid)
            .await?
            .into_iter()
            .find(|c| Some(c.id) == consent_id)
            .map(|c| c.consent.terms.recipient.to_string())
    } else {
        Some(form.recipient_org_id.clone())
    };
    let r = match recipient.ok_or_else(|| {
        WebError::Invalid(haven_core::ValidationError::new(
            "consent_id",
            "r24_consent_required",
            "record the person's consent to the transfer first",
        ))
    }) {
        Err(e) => Err(e),
        Ok(recipient) => match parse_org("recipient_org_id", &recipient) {
            Ok(org) => {
                state.store.propose_transfer(&scope, pid, org, consent_id, &form.purpose).await.map_err(WebError::from)
            }
            Err(e) => Err(e),
        },
    };
    match r {
        Ok(t) => Ok(Redirect::to(&format!("/transfers/{t}")).into_response()),
        Err(WebError::Invalid(v)) => {
            let page = person_view(&state, &tr, &caller, &id, Some(validation_message(&tr, &v))).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "transfers_incoming.html")]
pub(crate) struct IncomingPage {
    l: Layout,
    csrf: String,
    rows: Vec<XferRow>,
    sent: Vec<XferRow>,
    error: Option<String>,
    imported: Option<String>,
}

async fn incoming_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    error: Option<String>,
    imported: Option<String>,
) -> Result<IncomingPage, WebError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let rows = state.store.incoming_transfers(&scope).await?;
    let sent = state.store.outgoing_transfers(&scope).await?;
    // Whom each sent transfer is about, from the file here: a list of
    // purposes and partners alone does not tell two transfers apart.
    let read = caller.scope(state, Permission::ReadPerson).await?;
    let mut sent_rows = Vec::with_capacity(sent.len());
    for t in &sent {
        let mut row = xfer_row(tr, t);
        if let Some(pid) = t.person_id {
            if let Ok(v) = state.store.get_person(&read, pid).await {
                if let PersonState::Active(p) = v.state {
                    row.name = p.full_name.as_str().to_owned();
                }
            }
        }
        sent_rows.push(row);
    }
    Ok(IncomingPage {
        l: Layout::new(tr, Some(caller), "/transfers"),
        csrf: caller.csrf().to_owned(),
        rows: rows.iter().map(|t| xfer_row(tr, t)).collect(),
        sent: sent_rows,
        error,
        imported,
    })
}

/// Transfers that arrived for the caller's organisation, and the import of
/// a package carried as a file.
pub(crate) async fn incoming_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    render(&incoming_view(&state, &tr, &caller, None, None).await?)
}

#[derive(Template)]
#[template(path = "transfer.html")]
pub(crate) struct TransferPage {
    l: Layout,
    csrf: String,
    t: XferRow,
    error: Option<String>,
}

async fn transfer_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    error: Option<String>,
) -> Result<TransferPage, WebError> {
    let t = state.store.get_transfer(&caller.scope(state, Permission::ReadCase).await?, id).await?;
    let mut row = xfer_row(tr, &t);
    // The sender's page names whom it sent, from the file here (the
    // receiver's name comes from what arrived).
    if let (true, Some(pid)) = (t.outgoing, t.person_id) {
        if let Ok(v) = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, pid).await {
            if let PersonState::Active(p) = v.state {
                row.name = p.full_name.as_str().to_owned();
            }
        }
    }
    Ok(TransferPage {
        l: Layout::new(tr, Some(caller), &format!("/transfers/{id}")),
        csrf: caller.csrf().to_owned(),
        t: row,
        error,
    })
}

/// One transfer, at whichever end the caller's organisation is.
pub(crate) async fn transfer_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    render(&transfer_view(&state, &tr, &caller, &id, None).await?)
}

async fn refused_on_transfer(state: &AppState, tr: &Tr, caller: &Caller, id: &str, e: WebError) -> PageResult {
    let WebError::Invalid(v) = &e else { return Err(e.into()) };
    let page = transfer_view(state, tr, caller, id, Some(validation_message(tr, v))).await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// Back to the transfer's page once an action on it went through, or the
/// page again with the refusal in words (422).
async fn back_to_transfer(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    done: Result<(), haven_store::StoreError>,
) -> PageResult {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/transfers/{id}")).into_response()),
        Err(e) => refused_on_transfer(state, tr, caller, id, e.into()).await,
    }
}

pub(crate) async fn accept_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let person_scope = caller.scope(&state, Permission::WritePerson).await?;
    match state.store.accept_transfer(&scope, &person_scope, &id).await {
        Ok(person) => Ok(Redirect::to(&format!("/persons/{person}")).into_response()),
        Err(e) => refused_on_transfer(&state, &tr, &caller, &id, e.into()).await,
    }
}

#[derive(Deserialize)]
pub(crate) struct DeclineForm {
    #[serde(default)]
    reason: String,
}

pub(crate) async fn decline_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DeclineForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    back_to_transfer(&state, &tr, &caller, &id, state.store.decline_transfer(&scope, &id, &form.reason).await).await
}

#[derive(Deserialize)]
pub(crate) struct FollowUpForm {
    #[serde(default)]
    status: String,
}

pub(crate) async fn follow_up_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<FollowUpForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    back_to_transfer(&state, &tr, &caller, &id, state.store.send_follow_up(&scope, &id, &form.status).await).await
}

pub(crate) async fn follow_up_handled_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    back_to_transfer(&state, &tr, &caller, &id, state.store.handle_follow_up(&scope, &id).await).await
}

/// The sealed package as a file, for a link that is down.
pub(crate) async fn package_download(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let bytes = state.store.transfer_package(&caller.scope(&state, Permission::ReadCase).await?, &id).await?;
    Ok(attachment(bytes, "application/octet-stream", &format!("transfer-{id}.havenpkg"))?)
}

/// Receives a package uploaded as a file (multipart, field `package`).
pub(crate) async fn import_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    multipart: axum::extract::Multipart,
) -> PageResult {
    // The role first: nobody without case work reads a byte of the upload.
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let upload = Upload::read(&caller, multipart).await?;
    let bytes = upload.file("package").map(|f| f.bytes.clone()).unwrap_or_default();
    match state.store.import_package(&scope, &bytes).await {
        Ok(r) => {
            let msg = tr.t(&format!("xfer-imported-{}", r.kind.as_str()));
            render(&incoming_view(&state, &tr, &caller, None, Some(msg)).await?)
        }
        Err(haven_store::StoreError::Invalid(v)) => {
            let page = incoming_view(&state, &tr, &caller, Some(validation_message(&tr, &v)), None).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(WebError::from(e).into()),
    }
}

#[derive(Template)]
#[template(path = "partners.html")]
pub(crate) struct PartnersPage {
    l: Layout,
    csrf: String,
    fingerprint: String,
    node_name: String,
    node_url: String,
    /// (name, fingerprint, url, removed, organisations).
    partners: Vec<(String, String, String, bool, Vec<String>)>,
    /// (partner, kind, state, attempts, last error).
    outbox: Vec<(String, String, String, i64, String)>,
    error: Option<String>,
    added: Option<String>,
    /// What the administrator typed, given back after a refusal.
    form_card: String,
    form_fingerprint: String,
}

async fn partners_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    error: Option<String>,
    added: Option<String>,
) -> Result<PartnersPage, WebError> {
    caller.scope(state, Permission::ManageOrgs).await?;
    let (node_name, node_url) = state.store.node_address().await?;
    let partners = state
        .store
        .partners()
        .await?
        .into_iter()
        .map(|p| {
            let orgs = p.organisations.into_iter().map(|(_, n)| n).collect();
            (p.name, p.fingerprint.to_string(), p.url, p.removed, orgs)
        })
        .collect();
    let outbox = state
        .store
        .outbox(50)
        .await?
        .into_iter()
        .map(|o| {
            // What is waiting and when it is tried again, in words; the raw
            // error is kept for whoever fixes the link, behind a summary.
            let st = match (o.delivered_at_ms, &o.last_error) {
                (Some(_), _) => tr.t("xfer-outbox-delivered"),
                (None, Some(_)) => format!("{} {}", tr.t("xfer-outbox-unreachable"), local_time(o.next_attempt_at_ms)),
                (None, None) => tr.t("xfer-outbox-waiting"),
            };
            (o.partner_name, tr.t(&format!("xfer-kind-{}", o.kind)), st, o.attempts, o.last_error.unwrap_or_default())
        })
        .collect();
    Ok(PartnersPage {
        l: Layout::new(tr, Some(caller), "/admin/partners"),
        csrf: caller.csrf().to_owned(),
        fingerprint: state.store.node_keys().public().fingerprint().to_string(),
        node_name,
        node_url,
        partners,
        outbox,
        error,
        added,
        form_card: String::new(),
        form_fingerprint: String::new(),
    })
}

/// The node's fingerprint, its partners, the form to add one, the outbox.
pub(crate) async fn partners_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    render(&partners_view(&state, &tr, &caller, None, None).await?)
}

#[derive(Deserialize)]
pub(crate) struct PartnerForm {
    #[serde(default)]
    card: String,
    #[serde(default)]
    fingerprint: String,
}

pub(crate) async fn partner_add_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<PartnerForm>,
) -> PageResult {
    caller.scope(&state, Permission::ManageOrgs).await?;
    match state.store.add_partner(form.card.as_bytes(), &form.fingerprint).await {
        Ok(p) => {
            let msg = tr.t_with("xfer-partner-added", "name", p.name);
            render(&partners_view(&state, &tr, &caller, None, Some(msg)).await?)
        }
        Err(e) => {
            let msg = match e {
                haven_store::StoreError::Invalid(v) => validation_message(&tr, &v),
                haven_store::StoreError::Conflict(_) => tr.t("partners-already"),
                e => return Err(WebError::from(e).into()),
            };
            let mut page = partners_view(&state, &tr, &caller, Some(msg), None).await?;
            page.form_card = form.card;
            page.form_fingerprint = form.fingerprint;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

/// This installation's signed node card, to give to a partner's administrator.
pub(crate) async fn own_card(State(state): State<AppState>, PageCaller(caller): PageCaller) -> PageResult {
    caller.scope(&state, Permission::ManageOrgs).await?;
    let (name, url) = state.store.node_address().await?;
    let issued = rfc3339((time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64);
    let card = state.store.node_card(&name, &url, &issued).await?;
    Ok(attachment(card.to_bytes(), "application/json", "node-card.json")?)
}

pub(crate) async fn partner_remove_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(name): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    caller.scope(&state, Permission::ManageOrgs).await?;
    state.store.remove_partner(&name).await?;
    Ok(Redirect::to("/admin/partners").into_response())
}
