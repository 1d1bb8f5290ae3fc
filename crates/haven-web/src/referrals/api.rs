//! Referrals over the API and in the browser (R15, R16, R17, R19).
//!
//! The referring organisation proposes a referral, records the person's
//! consent to it, sends it and may revoke it; the receiving organisation
//! sees it in its referrals list and accepts, declines, starts and completes
//! it. What the receiving organisation may read is decided by the store at
//! every request from the linked consent, so this layer never caches it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use haven_core::access::{Category, Permission};
use haven_core::consent::ConsentInput;
use haven_core::person::{format_date, PersonRecord};
use haven_core::referral::Step;
use haven_core::services::SERVICE_TYPES;
use haven_store::referrals::{IncomingView, ReferralView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::prelude::*;

// ---- API ----

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralCreate {
    /// A service type from the directory, e.g. `shelter_men`.
    service_type: String,
    /// The receiving organisation. Never an enforcement authority (R16).
    recipient_org_id: String,
    /// What the person needs from the service, in the caseworker's words.
    note: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    pub(super) full_name: String,
    pub(super) latin_name: Option<String>,
    pub(super) sex: Option<String>,
    pub(super) nationalities: Vec<String>,
    pub(super) languages: Vec<String>,
    pub(super) contact: Option<String>,
    pub(super) location: Option<String>,
    pub(super) notes: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IncomingOut {
    pub(super) referral: ReferralOut,
    /// Absent once consent is withdrawn or expired, or the referral is closed.
    pub(super) person: Option<SharedPersonOut>,
    /// Shown before anyone accepts, so the right person takes it up: the
    /// person is or may be a child; the person is detained (only where the
    /// consent covers where they are).
    pub(super) urgent_child: bool,
    pub(super) urgent_detained: bool,
    /// Categories the consent covers that stay closed to this reader until
    /// someone here accepts the referral (need to know).
    pub(super) withheld_until_accepted: Vec<&'static str>,
}

pub(super) fn incoming_out(v: &IncomingView) -> IncomingOut {
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

pub(super) fn referral_out(v: &ReferralView) -> ReferralOut {
    ReferralOut {
        id: v.id.to_string(),
        person_id: v.person_id.to_string(),
        from_org: v.from_org_name.clone(),
        to_org: v.to_org_name.clone(),
        service_type: v.service_type.clone(),
        status: v.status.as_str(),
        consent_id: v.consent_id.map(|c| c.to_string()),
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

pub(super) fn shared_person(v: &IncomingView) -> Option<SharedPersonOut> {
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

pub(super) fn consent_input(
    categories: &[String],
    expires_on: &str,
    language: &str,
    interpreter: Option<String>,
) -> ConsentInput {
    ConsentInput {
        purpose: haven_core::consent::ConsentPurpose::Referral.as_str().to_owned(),
        categories: categories.join(","),
        expires_on: expires_on.to_owned(),
        language: language.to_owned(),
        interpreter,
    }
}

pub(super) fn org_id(raw: &str) -> Result<haven_core::ids::OrgId, WebError> {
    raw.trim().parse().map_err(|_| {
        WebError::Invalid(haven_core::ValidationError::new("recipient", "unknown_org", "no such organisation"))
    })
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/referrals", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, body = [ReferralOut]), (status = 404, body = ErrorBody)))]
pub async fn list_referrals(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ReferralOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let rows = state.store.list_referrals(&scope, parse_id::<haven_core::ids::PersonId>(&id)?).await?;
    Ok(Json(rows.iter().map(referral_out).collect()))
}

/// The referrals the person's file suggests: kinds of service from their
/// completed screenings' needs and their latest needs assessment, each with
/// the directory's providers that fit them (R09, R19).
#[utoipa::path(get, path = "/api/v1/persons/{id}/referral-suggestions", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, body = [Suggestion]), (status = 404, body = ErrorBody)))]
pub async fn list_suggestions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<Suggestion>>, WebError> {
    let pid = parse_id::<haven_core::ids::PersonId>(&id)?;
    let person = state.store.get_person(&caller.scope(&state, Permission::ReadPerson).await?, pid).await?;
    let haven_store::persons::PersonState::Active(p) = person.state else { return Err(WebError::Erased) };
    let (file, _) = state.store.list_protection(&caller.scope(&state, Permission::ReadCase).await?, pid).await?;
    let recorded = recorded_needs(&file);
    Ok(Json(suggestions(&state, &caller, pid, &p, &recorded).await?))
}

/// The kinds of service in the latest needs assessment (newest first in `file`).
pub(super) fn recorded_needs(file: &[haven_store::protection::ProtectionView]) -> Vec<&'static str> {
    file.iter()
        .find(|v| v.record.kind == haven_core::protection::Kind::NeedsAssessment)
        .and_then(|v| v.record.fields.get("needs"))
        .map(|n| n.split(' ').filter_map(|t| SERVICE_TYPES.iter().copied().find(|s| *s == t)).collect())
        .unwrap_or_default()
}

/// Proposes a referral. Nothing is shared until consent is recorded and the
/// referral is sent (R17).
#[utoipa::path(post, path = "/api/v1/persons/{id}/referrals", params(("id" = String, Path)), request_body = ReferralCreate,
    tag = "referrals", responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
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
            parse_id::<haven_core::ids::PersonId>(&id)?,
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
    tag = "referrals", responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn consent_to_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReferralConsentCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    let input = consent_input(&body.categories, &body.expires_on, &body.language, body.interpreter);
    let cid = state.store.consent_to_referral(&scope, parse_id(&id)?, &input).await?;
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
    responses((status = 200, body = ReferralOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn referral_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
    JsonBody(body): JsonBody<ReferralStepIn>,
) -> Result<Json<ReferralOut>, WebError> {
    let step = Step::parse(&step)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let id = parse_id::<ReferralId>(&id)?;
    state.store.referral_step(&scope, id, step, body.reason.as_deref().unwrap_or_default()).await?;
    let view = state.store.open_referral(&caller.scope(&state, Permission::ReadPerson).await?, id).await?;
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
    responses((status = 200, body = IncomingOut), (status = 404, body = ErrorBody)))]
pub async fn get_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<IncomingOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let v = state.store.open_referral(&scope, parse_id(&id)?).await?;
    Ok(Json(incoming_out(&v)))
}

/// The referral letter as PDF, in the receiving organisation's language and
/// the person's, for the referring organisation to send or hand over.
#[utoipa::path(get, path = "/api/v1/referrals/{id}/letter.pdf", params(("id" = String, Path)), tag = "referrals",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn letter_pdf(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    letter_response(&state, &tr, &caller, &id).await
}

// ---- the letter ----

pub(crate) async fn letter_response(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
) -> Result<Response, WebError> {
    let v = state.store.open_referral(&caller.scope(state, Permission::ReadPerson).await?, parse_id(id)?).await?;
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
    // A provider that recorded no language gets the referring caseworker's,
    // never the person's alone (which the provider may not read).
    let provider_lang = provider_lang.or(Some(tr.code()));
    let person_lang = p.languages.iter().find_map(|l| known(l.as_str()));
    let langs = document_languages(tr, [provider_lang, person_lang]);
    pdf_attachment(&letter_doc(r, consent, &p, &langs), &format!("referral-{}.pdf", r.id))
}

/// A language haven speaks, from a tag such as `my` or `zh-Hans`.
pub(super) fn known(tag: &str) -> Option<&'static str> {
    crate::kit::i18n::LANGUAGES
        .iter()
        .map(|(c, _)| *c)
        .find(|c| c.eq_ignore_ascii_case(tag) || tag.split('-').next() == Some(*c))
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

/// A kind of service the person's file points to (R09, R19).
#[derive(Serialize, ToSchema)]
pub struct Suggestion {
    pub(super) service_type: &'static str,
    /// `screening` and/or `needs_assessment`.
    pub(super) sources: Vec<&'static str>,
    /// Providers in the directory whose eligibility fits the person, as
    /// "provider — service — contact".
    pub(super) providers: Vec<String>,
}

/// What the screenings found and the recorded needs assessment say the
/// person needs, as kinds of service, with who offers each.
pub(crate) async fn suggestions(
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
            let instrument = crate::kit::context::instrument_of(state, &s)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use haven_core::consent::{Consent, ConsentTerms};
    use haven_core::ids::{OrgId, UserId};
    use haven_core::referral::Status;

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
            id: haven_core::ids::ReferralId::from_random_bytes([4; 16]),
            person_id: haven_core::ids::PersonId::from_random_bytes([3; 16]),
            from_org: OrgId::from_random_bytes([1; 16]),
            from_org_name: "Harbour NGO".into(),
            to_org: org,
            to_org_name: "Men's Shelter Mae Sot".into(),
            service_type: "shelter_men".into(),
            status: Status::Sent,
            consent_id: Some(haven_core::ids::ConsentId::from_random_bytes([5; 16])),
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
