//! Referrals over the API and in the browser (R15, R16, R17, R19).
//!
//! The referring organisation proposes a referral, records the person's
//! consent to it, sends it and may revoke it; the receiving organisation
//! sees it in its referrals list and accepts, declines, starts and completes
//! it. What the receiving organisation may read is decided by the store at
//! every request from the linked consent, so this layer never caches it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use haven_core::access::{Category, Permission};
use haven_core::consent::ConsentInput;
use haven_core::person::{format_date, PersonRecord};
use haven_core::referral::{Status, Step};
use haven_core::services::SERVICE_TYPES;
use haven_store::referrals::{IncomingView, ReferralView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{Created, JsonBody};
use crate::auth::Caller;
use crate::error::WebError;
use crate::html::{finish, local_date, render, validation_message, Layout, PageCaller};
use crate::i18n::{Tr, LANGUAGES};
use crate::AppState;

// ---- API ----

#[derive(Deserialize, ToSchema)]
pub struct ReferralCreate {
    /// A service type from the directory, e.g. `shelter_men`.
    service_type: String,
    /// The receiving organisation. Never an enforcement authority (R16).
    recipient_org_id: String,
    /// What the person needs from the service, in the caseworker's words.
    note: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct ReferralConsentCreate {
    /// identity, contact_location, narrative, health, immigration_status, forced_acts.
    categories: Vec<String>,
    /// Last day covered, YYYY-MM-DD.
    expires_on: String,
    /// The language the consent was explained in (BCP 47).
    language: String,
    interpreter: Option<String>,
}

#[derive(Deserialize, ToSchema, Default)]
pub struct ReferralStepIn {
    /// Required to decline.
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralEventOut {
    status: &'static str,
    organisation: String,
    at_ms: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralOut {
    id: String,
    person_id: String,
    from_org: String,
    to_org: String,
    service_type: String,
    /// proposed, consent_recorded, sent, accepted, declined, in_progress, completed, revoked.
    status: &'static str,
    consent_id: Option<String>,
    sent_on: Option<String>,
    /// When the receiving organisation's answer is due.
    due_on: Option<String>,
    note: Option<String>,
    response: Option<String>,
    /// What the receiving organisation may read today (empty: nothing).
    shared_categories: Vec<&'static str>,
    events: Vec<ReferralEventOut>,
}

/// The person as the consent lets the receiving organisation see them.
/// Fields outside the consent's categories are absent.
#[derive(Serialize, ToSchema)]
pub struct SharedPersonOut {
    full_name: String,
    latin_name: Option<String>,
    sex: Option<String>,
    nationalities: Vec<String>,
    languages: Vec<String>,
    contact: Option<String>,
    location: Option<String>,
    notes: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IncomingOut {
    referral: ReferralOut,
    /// Absent once consent is withdrawn or expired, or the referral is closed.
    person: Option<SharedPersonOut>,
    /// Shown before anyone accepts, so the right person takes it up: the
    /// person is or may be a child; the person is detained (only where the
    /// consent covers where they are).
    urgent_child: bool,
    urgent_detained: bool,
    /// Categories the consent covers that stay closed to this reader until
    /// someone here accepts the referral (need to know).
    withheld_until_accepted: Vec<&'static str>,
}

fn incoming_out(v: &IncomingView) -> IncomingOut {
    let withheld = match (v.person.as_ref(), v.referral.recipient_may_read) {
        (Some(_), Some(consented)) => consented.without(v.opened).iter().map(|c| c.as_str()).collect(),
        _ => Vec::new(),
    };
    IncomingOut {
        referral: referral_out(&v.referral),
        person: shared_person(v),
        urgent_child: v.urgent_child,
        urgent_detained: v.urgent_detained,
        withheld_until_accepted: withheld,
    }
}

fn referral_out(v: &ReferralView) -> ReferralOut {
    ReferralOut {
        id: v.id.clone(),
        person_id: v.person_id.to_string(),
        from_org: v.from_org_name.clone(),
        to_org: v.to_org_name.clone(),
        service_type: v.service_type.clone(),
        status: v.status.as_str(),
        consent_id: v.consent_id.clone(),
        sent_on: v.sent_on.map(format_date),
        due_on: v.due_on.map(format_date),
        note: v.note.clone(),
        response: v.response.clone(),
        shared_categories: v.recipient_may_read.map(|c| c.iter().map(|c| c.as_str()).collect()).unwrap_or_default(),
        events: v
            .events
            .iter()
            .map(|e| ReferralEventOut { status: e.status.as_str(), organisation: e.org_name.clone(), at_ms: e.at_ms })
            .collect(),
    }
}

fn shared_person(v: &IncomingView) -> Option<SharedPersonOut> {
    let p = v.person.as_ref()?;
    // What was opened for this reader, not all the consent covers: a field
    // not opened is absent, never shown as "unknown".
    let contact_ok = v.opened.contains(Category::ContactLocation);
    Some(SharedPersonOut {
        full_name: p.full_name.as_str().to_owned(),
        latin_name: p.latin_name.as_ref().map(|n| n.as_str().to_owned()),
        sex: p.sex.clone(),
        nationalities: p.nationalities.iter().map(|c| c.as_str().to_owned()).collect(),
        languages: p.languages.iter().map(|l| l.as_str().to_owned()).collect(),
        contact: p.contact.clone(),
        location: contact_ok.then(|| p.location.as_str().to_owned()),
        notes: p.notes.clone(),
    })
}

fn consent_input(categories: &[String], expires_on: &str, language: &str, interpreter: Option<String>) -> ConsentInput {
    ConsentInput {
        purpose: haven_core::consent::ConsentPurpose::Referral.as_str().to_owned(),
        categories: categories.join(","),
        expires_on: expires_on.to_owned(),
        language: language.to_owned(),
        interpreter,
    }
}

fn org_id(raw: &str) -> Result<haven_core::ids::OrgId, WebError> {
    raw.trim().parse().map_err(|_| {
        WebError::Invalid(haven_core::ValidationError::new("recipient", "unknown_org", "no such organisation"))
    })
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/referrals", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, body = [ReferralOut]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_referrals(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ReferralOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let rows = state.store.list_referrals(&scope, crate::screening::person_id(&id)?).await?;
    Ok(Json(rows.iter().map(referral_out).collect()))
}

/// The referrals the person's file suggests: kinds of service from their
/// completed screenings' needs and their latest needs assessment, each with
/// the directory's providers that fit them (R09, R19).
#[utoipa::path(get, path = "/api/v1/persons/{id}/referral-suggestions", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, body = [Suggestion]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_suggestions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<Suggestion>>, WebError> {
    let pid = crate::screening::person_id(&id)?;
    let person = state.store.get_person(&caller.scope(&state, Permission::ReadPerson).await?, pid).await?;
    let haven_store::persons::PersonState::Active(p) = person.state else { return Err(WebError::Erased) };
    let (file, _) = state.store.list_protection(&caller.scope(&state, Permission::ReadCase).await?, pid).await?;
    let recorded = recorded_needs(&file);
    Ok(Json(suggestions(&state, &caller, pid, &p, &recorded).await?))
}

/// The kinds of service in the latest needs assessment (newest first in `file`).
fn recorded_needs(file: &[haven_store::protection::ProtectionView]) -> Vec<&'static str> {
    file.iter()
        .find(|v| v.record.kind == haven_core::protection::Kind::NeedsAssessment)
        .and_then(|v| v.record.fields.get("needs"))
        .map(|n| n.split(' ').filter_map(|t| SERVICE_TYPES.iter().copied().find(|s| *s == t)).collect())
        .unwrap_or_default()
}

/// Proposes a referral. Nothing is shared until consent is recorded and the
/// referral is sent (R17).
#[utoipa::path(post, path = "/api/v1/persons/{id}/referrals", params(("id" = String, Path)), request_body = ReferralCreate,
    tag = "referrals", responses((status = 201, body = Created), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn propose_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReferralCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let rid = state
        .store
        .propose_referral(
            &scope,
            crate::screening::person_id(&id)?,
            &body.service_type,
            org_id(&body.recipient_org_id)?,
            body.note.as_deref().unwrap_or_default(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created::new(rid))))
}

/// Records the person's consent to the referral (purpose `referral`, the
/// receiving organisation as recipient). Returns the consent's id; withdrawing
/// it (`POST /api/v1/consents/{id}/withdraw`) revokes the referral.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/consent", params(("id" = String, Path)), request_body = ReferralConsentCreate,
    tag = "referrals", responses((status = 201, body = Created), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn consent_to_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReferralConsentCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    let input = consent_input(&body.categories, &body.expires_on, &body.language, body.interpreter);
    let cid = state.store.consent_to_referral(&scope, &id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created::new(cid))))
}

/// Takes a step: `send` and `revoke` for the referring organisation;
/// `accept`, `decline` (with a reason), `start`, `complete` and
/// `record_withdrawal` (the person told the receiving organisation they
/// withdraw consent: the consent itself is withdrawn) for the receiving one.
/// Refused with a 400 naming R17 once consent is not in force.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/steps/{step}",
    params(("id" = String, Path), ("step" = String, Path, description = "send, accept, decline, start, complete, revoke or record_withdrawal")),
    request_body = ReferralStepIn, tag = "referrals",
    responses((status = 200, body = ReferralOut), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn referral_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
    JsonBody(body): JsonBody<ReferralStepIn>,
) -> Result<Json<ReferralOut>, WebError> {
    let step = Step::parse(&step)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    state.store.referral_step(&scope, &id, step, body.reason.as_deref().unwrap_or_default()).await?;
    let view = state.store.open_referral(&caller.scope(&state, Permission::ReadPerson).await?, &id).await?;
    Ok(Json(referral_out(&view.referral)))
}

/// Referrals sent to the caller's organisation.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "referrals", responses((status = 200, body = [IncomingOut])))]
pub async fn incoming(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<IncomingOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let rows = state.store.incoming_referrals(&scope).await?;
    Ok(Json(rows.iter().map(incoming_out).collect()))
}

/// One referral. For the receiving organisation, with the person as far as
/// the consent covers them today.
#[utoipa::path(get, path = "/api/v1/referrals/{id}", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, body = IncomingOut), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<IncomingOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let v = state.store.open_referral(&scope, &id).await?;
    Ok(Json(incoming_out(&v)))
}

/// The referral letter as PDF, in the receiving organisation's language and
/// the person's, for the referring organisation to send or hand over.
#[utoipa::path(get, path = "/api/v1/referrals/{id}/letter.pdf", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn letter_pdf(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    letter_response(&state, &tr, &caller, &id).await
}

// ---- the letter ----

async fn letter_response(state: &AppState, tr: &Tr, caller: &Caller, id: &str) -> Result<Response, WebError> {
    let v = state.store.open_referral(&caller.scope(state, Permission::ReadPerson).await?, id).await?;
    let r = &v.referral;
    // Only the referring side writes the letter, and only for a referral
    // the person has consented to.
    if r.from_org != caller.user.org_id {
        return Err(WebError::NotFound);
    }
    let today = time::OffsetDateTime::now_utc().date();
    let Some(consent) =
        r.consent.as_ref().filter(|c| !r.status.is_closed() && haven_core::referral::consent_fits(c, r.to_org, today))
    else {
        return Err(WebError::NotFound);
    };
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, r.person_id).await?;
    let haven_store::persons::PersonState::Active(p) = person.state else { return Err(WebError::Erased) };
    let orgs = state.store.list_orgs().await?;
    let provider_lang = orgs.iter().find(|o| o.id == r.to_org).and_then(|o| o.languages.iter().find_map(|l| known(l)));
    let person_lang = p.languages.iter().find_map(|l| known(l.as_str()));
    let langs = crate::html::document_languages(tr, [provider_lang, person_lang]);
    crate::html::pdf_attachment(&letter_doc(r, consent, &p, &langs), &format!("referral-{}.pdf", r.id))
}

/// A language haven speaks, from a tag such as `my` or `zh-Hans`.
fn known(tag: &str) -> Option<&'static str> {
    LANGUAGES.iter().map(|(c, _)| *c).find(|c| c.eq_ignore_ascii_case(tag) || tag.split('-').next() == Some(*c))
}

/// The letter names only what the consent covers: identity is the floor for
/// naming the person at all, contact details only if consented.
pub(crate) fn letter_doc(
    r: &ReferralView,
    consent: &haven_core::consent::Consent,
    p: &PersonRecord,
    languages: &[Tr],
) -> haven_pdf::Doc {
    use haven_pdf::Block;
    let cats = consent.terms.categories;
    let mut blocks = Vec::new();
    for (i, tr) in languages.iter().enumerate() {
        if i > 0 {
            blocks.push(Block::Space);
        }
        blocks.push(Block::Title(tr.t("ref-letter-title")));
        blocks.push(Block::Para(format!("{}: {}", tr.t("ref-to"), r.to_org_name)));
        blocks.push(Block::Para(format!("{}: {}", tr.t("ref-from"), r.from_org_name)));
        blocks.push(Block::Heading(format!(
            "{}: {}",
            tr.t("ref-service"),
            tr.t(&format!("svc-type-{}", r.service_type))
        )));
        if cats.contains(Category::Identity) {
            blocks.push(Block::Para(format!("{}: {}", tr.t("field-full_name"), p.full_name.as_str())));
            if !p.languages.is_empty() {
                let langs = p.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ");
                blocks.push(Block::Para(format!("{}: {}", tr.t("field-languages"), langs)));
            }
        }
        if cats.contains(Category::ContactLocation) {
            if let Some(c) = &p.contact {
                blocks.push(Block::Para(format!("{}: {}", tr.t("field-contact"), c)));
            }
        }
        // The note is part of the person's account: only with consent to it.
        if let Some(note) = r.note.as_ref().filter(|_| cats.contains(Category::Narrative)) {
            blocks.push(Block::Para(format!("{}: {}", tr.t("ref-note"), note)));
        }
        blocks.push(Block::Para(tr.t("ref-letter-consent")));
        for c in cats.iter() {
            blocks.push(Block::Bullet(tr.t(&format!("category-{}", c.as_str()))));
        }
        blocks.push(Block::Para(format!("{}: {}", tr.t("consent-expires"), format_date(consent.terms.expires_on))));
        blocks.push(Block::Para(tr.t("ref-letter-unconditional")));
        blocks.push(Block::Small(format!("{}: {}", tr.t("notice-reference"), r.id)));
    }
    haven_pdf::Doc {
        title: languages.first().map(|t| t.t("ref-letter-title")).unwrap_or_default(),
        lang: languages.first().map(|t| t.code().to_owned()).unwrap_or_default(),
        blocks,
    }
}

// ---- pages ----

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
        id: v.id.clone(),
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
struct PersonReferralsPage {
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

/// A kind of service the person's file points to (R09, R19).
#[derive(Serialize, ToSchema)]
pub struct Suggestion {
    service_type: &'static str,
    /// `screening` and/or `needs_assessment`.
    sources: Vec<&'static str>,
    /// Providers in the directory whose eligibility fits the person, as
    /// "provider — service — contact".
    providers: Vec<String>,
}

/// What the screenings found and the recorded needs assessment say the
/// person needs, as kinds of service, with who offers each.
async fn suggestions(
    state: &AppState,
    caller: &Caller,
    pid: haven_core::ids::PersonId,
    p: &PersonRecord,
    recorded: &[&'static str],
) -> Result<Vec<Suggestion>, WebError> {
    let today = time::OffsetDateTime::now_utc().date();
    let read = caller.scope(state, Permission::ReadCase).await?;
    let sex = haven_core::services::fit_sex(p.sex.as_deref());
    let (age, child) = (p.birth.age_on(today), p.birth.may_be_child(today));
    // The person is already read: evaluate each screening with what we know
    // of them rather than reading them again per screening.
    let mut needs = Vec::new();
    for s in state.store.list_screenings(&read, pid).await? {
        if let (true, Some(answers)) = (s.completed, s.answers.as_ref()) {
            let instrument = crate::screening::instrument_of(&s)?;
            needs.extend(haven_core::screening::evaluate(&instrument, answers, child).need_codes());
        }
    }
    let from_screening = haven_core::services::suggested_types(&needs, sex, child);
    let directory = state.store.list_services(&read, &haven_store::services::ServiceFilter::default()).await?;
    let mut out: Vec<Suggestion> = Vec::new();
    for (types, source) in [(from_screening.as_slice(), "screening"), (recorded, "needs_assessment")] {
        for t in types {
            if let Some(s) = out.iter_mut().find(|s| s.service_type == *t) {
                s.sources.push(source);
                continue;
            }
            out.push(Suggestion {
                service_type: t,
                sources: vec![source],
                providers: directory
                    .iter()
                    .filter(|v| v.service.service_type == *t && v.service.takes(sex, age.map(u32::from), child))
                    .map(|v| format!("{} — {} — {}", v.service.provider, v.service.name, v.service.contact))
                    .collect(),
            });
        }
    }
    Ok(out)
}

#[derive(Deserialize, Default)]
pub(crate) struct TypeQuery {
    #[serde(rename = "type")]
    service_type: Option<String>,
}

async fn person_referrals_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    picked: Option<String>,
    error: Option<String>,
) -> Result<PersonReferralsPage, WebError> {
    let pid = crate::screening::person_id(id)?;
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
    let recipients = state
        .store
        .list_orgs()
        .await?
        .into_iter()
        .filter(|o| !o.kind.is_enforcement() && o.id != caller.user.org_id)
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
) -> Response {
    let result = async { render(&person_referrals_view(&state, &tr, &caller, &id, q.service_type, None).await?) }.await;
    finish(&tr, result)
}

/// Shows the person's referrals again with the refusal, as a 422.
async fn refused(state: &AppState, tr: &Tr, caller: &Caller, person: &str, e: WebError) -> Result<Response, WebError> {
    let msg = match &e {
        WebError::Invalid(v) => validation_message(tr, v),
        _ => return Err(e),
    };
    let page = person_referrals_view(state, tr, caller, person, None, Some(msg)).await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

#[derive(Deserialize)]
pub(crate) struct ProposeForm {
    csrf: String,
    service_type: String,
    recipient_org_id: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn propose_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<ProposeForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let pid = crate::screening::person_id(&id)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let r = match org_id(&form.recipient_org_id) {
            Ok(org) => state
                .store
                .propose_referral(&scope, pid, &form.service_type, org, &form.note)
                .await
                .map_err(WebError::from),
            Err(e) => Err(e),
        };
        match r {
            Ok(_) => Ok(Redirect::to(&format!("/persons/{id}/referrals")).into_response()),
            Err(e) => refused(&state, &tr, &caller, &id, e).await,
        }
    }
    .await;
    finish(&tr, result)
}

/// The referral's person, for redirects back to their page.
async fn person_of(state: &AppState, caller: &Caller, id: &str) -> Result<String, WebError> {
    let v = state.store.open_referral(&caller.scope(state, Permission::ReadPerson).await?, id).await?;
    Ok(v.referral.person_id.to_string())
}

pub(crate) async fn consent_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(mut form): Form<Vec<(String, String)>>,
) -> Response {
    let result = async {
        let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
        caller.check_form_csrf(&get("csrf"))?;
        let cats: Vec<String> = form.iter().filter(|(n, _)| n == "categories").map(|(_, v)| v.clone()).collect();
        let interpreter = Some(get("interpreter")).filter(|s| !s.trim().is_empty());
        let input = consent_input(&cats, &get("expires_on"), &get("language"), interpreter);
        form.clear();
        let person = person_of(&state, &caller, &id).await?;
        let scope = caller.scope(&state, Permission::RecordConsent).await?;
        match state.store.consent_to_referral(&scope, &id, &input).await {
            Ok(_) => Ok(Redirect::to(&format!("/persons/{person}/referrals")).into_response()),
            Err(e) => refused(&state, &tr, &caller, &person, e.into()).await,
        }
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
pub(crate) struct StepForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// Any step, from either side; back to the page that side works from.
pub(crate) async fn step_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, step)): Path<(String, String)>,
    Form(form): Form<StepForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let step = Step::parse(&step)?;
        let view = state.store.open_referral(&caller.scope(&state, Permission::ReadPerson).await?, &id).await?;
        let referring = view.referral.from_org == caller.user.org_id;
        let back = if referring {
            format!("/persons/{}/referrals", view.referral.person_id)
        } else {
            format!("/referrals/{id}")
        };
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        match state.store.referral_step(&scope, &id, step, &form.reason).await {
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
    .await;
    finish(&tr, result)
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
pub(crate) async fn incoming_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = async {
        let rows = state.store.incoming_referrals(&caller.scope(&state, Permission::ReadPerson).await?).await?;
        render(&IncomingPage {
            l: Layout::new(&tr, Some(&caller), "/referrals"),
            rows: rows
                .iter()
                .map(|v| IncomingRow {
                    id: v.referral.id.clone(),
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
    .await;
    finish(&tr, result)
}

#[derive(Template)]
#[template(path = "referral.html")]
struct ReferralPage {
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

async fn referral_view_page(state: &AppState, tr: &Tr, caller: &Caller, id: &str) -> Result<ReferralPage, WebError> {
    let v = state.store.open_referral(&caller.scope(state, Permission::ReadPerson).await?, id).await?;
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
) -> Response {
    let result = async {
        let page = referral_view_page(&state, &tr, &caller, &id).await?;
        render(&page)
    }
    .await;
    finish(&tr, result)
}

pub(crate) async fn letter_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = letter_response(&state, &tr, &caller, &id).await;
    finish(&tr, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use haven_core::consent::{Consent, ConsentTerms};
    use haven_core::ids::{OrgId, UserId};

    fn setup(categories: &str) -> (ReferralView, Consent, PersonRecord) {
        let today = time::OffsetDateTime::now_utc().date();
        let org = OrgId::from_random_bytes([9; 16]);
        let input = consent_input(
            &[categories.to_owned()],
            &format_date(today.saturating_add(time::Duration::days(30))),
            "my",
            None,
        );
        let terms = ConsentTerms::parse(&input, org, UserId::from_random_bytes([1; 16]), today).unwrap();
        let consent = Consent { terms, withdrawn_on: None };
        let view = ReferralView {
            id: "r1".into(),
            person_id: haven_core::ids::PersonId::from_random_bytes([3; 16]),
            from_org: OrgId::from_random_bytes([1; 16]),
            from_org_name: "Harbour NGO".into(),
            to_org: org,
            to_org_name: "Men's Shelter Mae Sot".into(),
            service_type: "shelter_men".into(),
            status: Status::Sent,
            consent_id: Some("c1".into()),
            consent: Some(consent.clone()),
            note: None,
            response: None,
            sent_on: Some(today),
            due_on: None,
            created_at_ms: 0,
            events: Vec::new(),
            recipient_may_read: None,
        };
        let person = PersonRecord::parse(
            &haven_core::person::PersonInput {
                full_name: "Ko Aung Min".into(),
                languages: vec!["my".into()],
                contact: Some("+66 81 000 0000".into()),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        (view, consent, person)
    }

    fn text(doc: &haven_pdf::Doc) -> String {
        doc.blocks
            .iter()
            .map(|b| match b {
                haven_pdf::Block::Title(t)
                | haven_pdf::Block::Heading(t)
                | haven_pdf::Block::Para(t)
                | haven_pdf::Block::Bullet(t)
                | haven_pdf::Block::Small(t) => t.clone(),
                haven_pdf::Block::Space => String::new(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn r17_letter_names_only_what_the_consent_covers() {
        let (view, consent, person) = setup("identity");
        let langs = [Tr::new("th"), Tr::new("my")];
        let doc = letter_doc(&view, &consent, &person, &langs);
        let t = text(&doc);
        assert!(t.contains("Ko Aung Min"));
        assert!(!t.contains("+66 81"), "contact details were not consented");
        for tr in &langs {
            assert!(t.contains(&tr.t("ref-letter-title")), "the letter is in {}", tr.code());
            assert!(t.contains(&tr.t("svc-type-shelter_men")));
        }
        assert_eq!(doc.lang, "th");
        let (view, consent, person) = setup("contact_location");
        let t = text(&letter_doc(&view, &consent, &person, &[Tr::new("en")]));
        assert!(!t.contains("Ko Aung Min"), "without identity the person is not named");
        assert!(t.contains("+66 81"));
        let pdf = haven_pdf::render(&letter_doc(&view, &consent, &person, &langs)).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn letter_languages_come_from_tags() {
        assert_eq!(known("my"), Some("my"));
        assert_eq!(known("zh-Hans"), Some("zh-Hans"));
        assert_eq!(known("xx"), None);
    }
}
