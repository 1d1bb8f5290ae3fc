//! The JSON API under `/api/v1` and its OpenAPI document.
//!
//! DTOs live here and only here: domain types do not derive Serialize, so
//! what leaves the server is always an explicit choice.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Json, Router};
use haven_core::access::Permission;
use haven_core::case::{CaseRecord, CaseStatus, NoteBody};
use haven_core::ids::{CaseId, PersonId, UserId};
use haven_core::person::{format_date, parse_date, Birth, PersonInput, PersonRecord};
use haven_store::cases::{CaseView, NoteView};
use haven_store::persons::{Page, PersonState, PersonSummary, PersonView};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::Caller;
use crate::error::{ErrorBody, WebError};
use crate::routes::{self as r, RouteDef};
use crate::AppState;

/// Directory imports may be larger than other requests: the importer's own
/// cap (1 MiB) plus room for a form's encoding.
pub(crate) const IMPORT_BODY_BYTES: usize = crate::directory::MAX_CSV_BYTES + 64 * 1024;

pub(crate) fn table() -> Vec<RouteDef> {
    vec![
        r::get("/healthz", healthz),
        r::get("/api/v1/me", me),
        r::post("/api/v1/persons", create_person),
        r::get("/api/v1/persons", list_persons),
        r::get("/api/v1/persons/{id}", get_person),
        r::patch("/api/v1/persons/{id}", update_person),
        r::post("/api/v1/persons/{id}/erase", erase_person),
        r::post("/api/v1/persons/{id}/cases", open_case),
        r::get("/api/v1/persons/{id}/cases", list_person_cases),
        r::get("/api/v1/persons/{id}/consents", list_consents),
        r::post("/api/v1/persons/{id}/consents", record_consent),
        r::post("/api/v1/persons/{id}/consent-overrides", override_consent),
        r::post("/api/v1/persons/{id}/break-glass", break_glass),
        r::get("/api/v1/persons/{id}/access-log", access_log),
        r::post("/api/v1/consents/{id}/withdraw", withdraw_consent),
        r::get("/api/v1/cases", list_cases),
        r::get("/api/v1/cases/{id}", get_case),
        r::patch("/api/v1/cases/{id}", update_case),
        r::post("/api/v1/cases/{id}/notes", add_note),
        r::get("/api/v1/cases/{id}/notes", list_notes),
        r::get("/api/v1/review", review_queue),
        r::post("/api/v1/review/{kind}/{id}", mark_reviewed),
        r::get("/api/v1/audit", audit_log),
        r::get("/api/v1/audit/alarms", audit_alarms),
        r::get("/api/v1/orgs", list_orgs),
        r::post("/api/v1/orgs", create_org),
        r::get("/api/v1/users", list_users),
        r::post("/api/v1/users", create_user),
        r::post("/api/v1/users/{id}/approve", approve_user),
        r::post("/api/v1/users/{id}/unlock", unlock_user),
        r::get("/api/v1/inbox", inbox),
        r::get("/api/v1/instruments", crate::screening::list_instruments),
        r::get("/api/v1/instruments/{id}", crate::screening::get_instrument),
        r::post("/api/v1/persons/{id}/screenings", crate::screening::start_screening),
        r::get("/api/v1/persons/{id}/screenings", crate::screening::list_screenings),
        r::get("/api/v1/screenings/{id}", crate::screening::get_screening),
        r::post("/api/v1/screenings/{id}/answers", crate::screening::answer_screening),
        r::post("/api/v1/screenings/{id}/complete", crate::screening::complete_screening),
        r::get("/api/v1/screenings/{id}/determination", crate::screening::get_determination),
        r::get("/api/v1/screenings/{id}/notice.pdf", crate::screening::notice_pdf),
        r::get("/api/v1/persons/{id}/protection", crate::protection::list_protection),
        r::get("/api/v1/services", crate::directory::list_services),
        r::post("/api/v1/services", crate::directory::add_service),
        r::post("/api/v1/services/import", crate::directory::import_services).with_body_limit(IMPORT_BODY_BYTES),
        r::get("/api/v1/services/export.csv", crate::directory::export_services),
        r::get("/api/v1/services/export.xlsx", crate::directory::export_services_xlsx),
        r::delete("/api/v1/services/{id}", crate::directory::remove_service),
        r::post("/api/v1/persons/{id}/protection/{kind}", crate::protection::record_protection),
        r::get("/api/v1/persons/{id}/referrals", crate::referrals::list_referrals),
        r::get("/api/v1/persons/{id}/referral-suggestions", crate::referrals::list_suggestions),
        r::post("/api/v1/persons/{id}/referrals", crate::referrals::propose_referral),
        r::post("/api/v1/referrals/{id}/consent", crate::referrals::consent_to_referral),
        r::post("/api/v1/referrals/{id}/steps/{step}", crate::referrals::referral_step),
        r::get("/api/v1/referrals", crate::referrals::incoming),
        r::get("/api/v1/referrals/{id}", crate::referrals::get_referral),
        r::get("/api/v1/referrals/{id}/letter.pdf", crate::referrals::letter_pdf),
        r::get("/api/v1/persons/{id}/cooperation", crate::cooperation::list),
        r::post("/api/v1/persons/{id}/cooperation", crate::cooperation::record),
        r::post("/api/v1/screenings/{id}/decisions", crate::screening::decide),
        r::get("/api/v1/screenings/{id}/decisions", crate::screening::list_decisions),
        r::get("/api/v1/tasks", crate::screening::tasks),
        r::post("/api/v1/persons/{id}/penalties", crate::screening::record_penalty),
        r::get("/api/v1/persons/{id}/penalties", crate::screening::list_penalties),
        r::post("/api/v1/penalties/{id}/expungement", crate::screening::update_expungement),
    ]
}

pub fn routes() -> Router<AppState> {
    r::build(table()).route("/api/{*rest}", axum::routing::any(api_not_found))
}

pub fn docs() -> Router<AppState> {
    Router::new().merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", ApiDoc::openapi()))
}

pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

#[derive(OpenApi)]
#[openapi(
    info(title = "haven API", description = "Case work for people trafficked into scam compounds. \
        Every call is audited with its purpose (header `x-haven-purpose`, default `case_management`)."),
    paths(healthz, me, create_person, list_persons, get_person, update_person, erase_person, open_case,
          list_person_cases, list_cases, get_case, update_case, add_note, list_notes, list_consents, record_consent,
          withdraw_consent, override_consent, break_glass, access_log, review_queue, mark_reviewed, audit_log, audit_alarms,
          list_orgs, create_org, list_users, create_user, approve_user, unlock_user, inbox, crate::screening::list_instruments,
          crate::screening::get_instrument, crate::screening::start_screening, crate::screening::list_screenings,
          crate::screening::get_screening, crate::screening::answer_screening, crate::screening::complete_screening,
          crate::screening::get_determination, crate::screening::notice_pdf, crate::screening::decide, crate::screening::list_decisions,
          crate::screening::tasks, crate::screening::record_penalty, crate::screening::list_penalties,
          crate::screening::update_expungement, crate::protection::list_protection,
          crate::protection::record_protection, crate::directory::list_services, crate::directory::add_service,
          crate::directory::import_services, crate::directory::export_services, crate::directory::export_services_xlsx,
          crate::directory::remove_service, crate::referrals::list_referrals,
          crate::referrals::list_suggestions, crate::referrals::propose_referral, crate::referrals::consent_to_referral, crate::referrals::referral_step,
          crate::referrals::incoming, crate::referrals::get_referral, crate::referrals::letter_pdf,
          crate::cooperation::list, crate::cooperation::record),
    components(schemas(ErrorBody, Created, PersonCreate, PersonPatch, PersonOut, PersonSummaryOut, PersonList,
                       CaseCreate, CasePatch, CaseOut, CaseList, NoteCreate, NoteOut, Health, MeOut, ConsentCreate,
                       ConsentOut, OverrideCreate, BreakGlassCreate, AuditOut, ReviewOut, OrgOut, OrgCreate, UserOut,
                       UserCreate, UserCreated, InboxOut, crate::screening::InstrumentSummary,
                       crate::screening::InstrumentOut, crate::screening::QuestionOut, crate::screening::ScreeningCreate,
                       crate::screening::AnswersIn, crate::screening::ScreeningOut, crate::screening::DecisionCreate,
                       crate::screening::DecisionOut, crate::screening::TaskOut,
                       crate::screening::PenaltyCreate, crate::screening::PenaltyOut, crate::screening::ExpungementUpdate,
                       crate::protection::ProtectionIn, crate::protection::ProtectionOut,
                       crate::protection::ProtectionRecordOut, crate::directory::ServiceOut,
                       crate::directory::ServiceIn, crate::directory::ImportOut, crate::referrals::ReferralCreate,
                       crate::referrals::ReferralConsentCreate, crate::referrals::ReferralStepIn,
                       crate::referrals::ReferralOut, crate::referrals::ReferralEventOut,
                       crate::referrals::SharedPersonOut, crate::referrals::IncomingOut, crate::referrals::Suggestion,
                       crate::cooperation::CooperationIn, crate::cooperation::CooperationOut)),
    modifiers(&BearerAuth, &CommonErrors),
    security(("bearer" = [])),
)]
struct ApiDoc;

struct BearerAuth;

/// The error answers every operation can give, declared on each so the
/// document lists every status code the API really returns: a missing or
/// bad credential (401), a refusal, a failed CSRF check or a password that
/// must change first (403), an unknown id (404), a conflict or a row that
/// failed its integrity check (409), too many guesses (429), bad query
/// parameters (400); and for operations with a body, a body too large
/// (413), of the wrong type (415) or that does not fit the schema (422).
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{path::Operation, RefOr, Response};
        let error = |description: &str| -> RefOr<Response> {
            RefOr::T(
                utoipa::openapi::ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        };
        let always: [(&str, &str); 6] = [
            ("400", "Bad query parameters or an invalid value"),
            ("401", "Authentication required"),
            ("403", "Not permitted, a failed CSRF check, or the password must be changed first"),
            ("404", "Not found, or not yours to see"),
            ("409", "A conflict, or a record that failed its integrity check"),
            ("429", "Too many attempts"),
        ];
        let with_body: [(&str, &str); 3] = [
            ("413", "The body is too large"),
            ("415", "The body is not of the expected type"),
            ("422", "The body does not fit the schema"),
        ];
        let add = |op: &mut Operation, has_id: bool| {
            let has_body = op.request_body.is_some();
            for (code, text) in always.iter().chain(if has_body { with_body.iter() } else { [].iter() }) {
                op.responses.responses.entry((*code).to_owned()).or_insert_with(|| error(text));
            }
            if has_id {
                op.responses
                    .responses
                    .entry("410".to_owned())
                    .or_insert_with(|| error("The person's record has been erased"));
            }
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let has_id = path.contains('{');
            for op in [
                item.get.as_mut(),
                item.post.as_mut(),
                item.put.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
            ]
            .into_iter()
            .flatten()
            {
                add(op, has_id);
            }
        }
    }
}

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn parse_id<T: std::str::FromStr>(raw: &str) -> Result<T, WebError> {
    // An id that cannot exist is reported like one that does not.
    raw.parse().map_err(|_| WebError::NotFound)
}

#[derive(Serialize, ToSchema)]
struct Health {
    status: String,
}

#[utoipa::path(get, path = "/healthz", security(()), responses((status = 200, body = Health)), tag = "system")]
async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, WebError> {
    sqlx_ping(&state).await?;
    Ok(Json(Health { status: "ok".into() }))
}

async fn sqlx_ping(state: &AppState) -> Result<(), WebError> {
    state.store.meta("key_check").await?.ok_or_else(|| WebError::Internal("store not initialised".into()))?;
    Ok(())
}

// ---- persons ----

/// A new person. Only `full_name` is required; nothing else is mandatory,
/// because a person may prefer not to say.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PersonCreate {
    /// The whole name as the person writes it, in any script.
    full_name: String,
    #[serde(default)]
    other_names: Vec<String>,
    latin_name: Option<String>,
    /// Sex as the person describes it.
    sex: Option<String>,
    /// YYYY-MM-DD.
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    #[serde(default)]
    age_uncertain: bool,
    /// ISO 3166-1 alpha-3 codes.
    #[serde(default)]
    nationalities: Vec<String>,
    /// BCP 47 tags.
    #[serde(default)]
    languages: Vec<String>,
    contact: Option<String>,
    /// shelter, community, immigration_detention, police_custody, hospital, in_compound, unknown.
    location: Option<String>,
    notes: Option<String>,
}

/// A partial update: absent fields stay as they are; an empty string clears.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PersonPatch {
    full_name: Option<String>,
    other_names: Option<Vec<String>>,
    latin_name: Option<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    age_uncertain: Option<bool>,
    nationalities: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    contact: Option<String>,
    location: Option<String>,
    notes: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: String,
}

impl Created {
    pub fn new(id: String) -> Self {
        Self { id }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    id: String,
    full_name: String,
    other_names: Vec<String>,
    latin_name: Option<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    age_uncertain: bool,
    /// True when the person is or may be under 18 (R02).
    may_be_child: bool,
    nationalities: Vec<String>,
    languages: Vec<String>,
    contact: Option<String>,
    /// Null when the contact and location category is withheld from this reader.
    location: Option<String>,
    notes: Option<String>,
    created_at: String,
    updated_at: String,
    /// Data categories this reader may not see; their fields are empty.
    withheld: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonSummaryOut {
    id: String,
    full_name: String,
    latin_name: Option<String>,
    location: String,
    created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct PersonList {
    items: Vec<PersonSummaryOut>,
    page: u32,
    per_page: u32,
    has_more: bool,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Name search, any script or romanised.
    q: Option<String>,
    /// 1-based.
    page: Option<u32>,
    /// 1-100, default 50.
    per_page: Option<u32>,
}

impl PersonCreate {
    fn into_input(self) -> PersonInput {
        PersonInput {
            full_name: self.full_name,
            other_names: self.other_names,
            latin_name: self.latin_name,
            sex: self.sex,
            date_of_birth: self.date_of_birth,
            estimated_age: self.estimated_age,
            age_uncertain: self.age_uncertain,
            nationalities: self.nationalities,
            languages: self.languages,
            contact: self.contact,
            location: self.location,
            notes: self.notes,
        }
    }
}

impl PersonPatch {
    fn apply(self, mut i: PersonInput) -> PersonInput {
        // A date of birth and an estimate are alternatives: setting one alone
        // replaces the other.
        let (dob_given, age_given) = (self.date_of_birth.is_some(), self.estimated_age.is_some());
        if let Some(v) = self.full_name {
            i.full_name = v;
        }
        if let Some(v) = self.other_names {
            i.other_names = v;
        }
        if let Some(v) = self.latin_name {
            i.latin_name = Some(v);
        }
        if let Some(v) = self.sex {
            i.sex = Some(v);
        }
        if let Some(v) = self.date_of_birth {
            i.date_of_birth = Some(v);
            if !age_given {
                i.estimated_age = None;
            }
        }
        if let Some(v) = self.estimated_age {
            i.estimated_age = Some(v);
            if !dob_given {
                i.date_of_birth = None;
            }
        }
        if let Some(v) = self.age_uncertain {
            i.age_uncertain = v;
        }
        if let Some(v) = self.nationalities {
            i.nationalities = v;
        }
        if let Some(v) = self.languages {
            i.languages = v;
        }
        if let Some(v) = self.contact {
            i.contact = Some(v);
        }
        if let Some(v) = self.location {
            i.location = Some(v);
        }
        if let Some(v) = self.notes {
            i.notes = Some(v);
        }
        i
    }
}

pub(crate) fn person_out(
    id: PersonId,
    r: &PersonRecord,
    created: i64,
    updated: i64,
    withheld: haven_core::access::Categories,
) -> PersonOut {
    let (date_of_birth, estimated_age, age_uncertain) = match r.birth {
        Birth::Unknown => (None, None, false),
        Birth::DateOfBirth(d) => (Some(format_date(d)), None, false),
        Birth::Estimated { years, uncertain } => (None, Some(u16::from(years)), uncertain),
    };
    PersonOut {
        id: id.to_string(),
        full_name: r.full_name.as_str().to_owned(),
        other_names: r.other_names.iter().map(|n| n.as_str().to_owned()).collect(),
        latin_name: r.latin_name.as_ref().map(|n| n.as_str().to_owned()),
        sex: r.sex.clone(),
        date_of_birth,
        estimated_age,
        age_uncertain,
        may_be_child: r.birth.may_be_child(today()),
        nationalities: r.nationalities.iter().map(|c| c.as_str().to_owned()).collect(),
        languages: r.languages.iter().map(|l| l.as_str().to_owned()).collect(),
        contact: r.contact.clone(),
        location: (!withheld.contains(haven_core::access::Category::ContactLocation))
            .then(|| r.location.as_str().to_owned()),
        notes: r.notes.clone(),
        created_at: rfc3339(created),
        updated_at: rfc3339(updated),
        withheld: withheld.iter().map(|c| c.as_str().to_owned()).collect(),
    }
}

fn summary_out(p: &PersonSummary) -> PersonSummaryOut {
    PersonSummaryOut {
        id: p.id.to_string(),
        full_name: p.full_name.clone(),
        latin_name: p.latin_name.clone(),
        location: p.location.as_str().to_owned(),
        created_at: rfc3339(p.created_at_ms),
    }
}

fn view_out(v: PersonView) -> Result<PersonOut, WebError> {
    match v.state {
        PersonState::Active(r) => Ok(person_out(v.id, &r, v.created_at_ms, v.updated_at_ms, v.withheld)),
        PersonState::Erased { .. } => Err(WebError::Erased),
    }
}

/// Query-string extraction with our JSON error shape (unknown parameters
/// are refused like unknown body fields).
pub struct QueryParams<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for QueryParams<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(QueryParams(v)),
            Err(rej) => Err(WebError::BadRequest(rej.body_text())),
        }
    }
}

/// Unknown paths under `/api` answer in JSON like every other API error.
pub async fn api_not_found() -> WebError {
    WebError::NotFound
}

/// JSON body extraction with our error shape instead of axum's plain text.
pub struct JsonBody<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for JsonBody<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(JsonBody(v)),
            Err(rej) => {
                let status = rej.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    Err(WebError::BadRequest("the request body is too large".into()))
                } else {
                    Err(WebError::BadRequest(rej.body_text()))
                }
            }
        }
    }
}

#[utoipa::path(post, path = "/api/v1/persons", request_body = PersonCreate, tag = "persons",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn create_person(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<PersonCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WritePerson).await?;
    let record = PersonRecord::parse(&body.into_input(), today())?;
    let id = state.store.create_person(&scope, &record).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

#[utoipa::path(get, path = "/api/v1/persons", params(ListQuery), tag = "persons",
    responses((status = 200, body = PersonList), (status = 401, body = ErrorBody)))]
async fn list_persons(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<ListQuery>,
) -> Result<Json<PersonList>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let page = Page::new(q.page.unwrap_or(1), q.per_page.unwrap_or(50));
    let listing = match q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(query) => state.store.search_persons(&scope, query, page.size).await?,
        None => state.store.list_persons(&scope, page).await?,
    };
    Ok(Json(PersonList {
        items: listing.items.iter().map(summary_out).collect(),
        page: page.number,
        per_page: page.size,
        has_more: listing.has_more,
    }))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}", params(("id" = String, Path)), tag = "persons",
    responses((status = 200, body = PersonOut), (status = 404, body = ErrorBody), (status = 410, description = "erased", body = ErrorBody)))]
async fn get_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<PersonOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let view = state.store.get_person(&scope, parse_id(&id)?).await?;
    Ok(Json(view_out(view)?))
}

#[utoipa::path(patch, path = "/api/v1/persons/{id}", params(("id" = String, Path)), request_body = PersonPatch, tag = "persons",
    responses((status = 200, body = PersonOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<PersonPatch>,
) -> Result<Json<PersonOut>, WebError> {
    let scope = caller.scope(&state, Permission::WritePerson).await?;
    let id: PersonId = parse_id(&id)?;
    let view = state
        .store
        .update_person(&scope, id, |current| Ok(PersonRecord::parse(&patch.apply(current.to_input()), today())?))
        .await?;
    Ok(Json(view_out(view)?))
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/erase", params(("id" = String, Path)), tag = "persons",
    responses((status = 204, description = "erased; the record's key is destroyed"), (status = 404, body = ErrorBody), (status = 410, body = ErrorBody)))]
async fn erase_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::ErasePerson).await?;
    state.store.erase_person(&scope, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- cases ----

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CaseCreate {
    /// YYYY-MM-DD; defaults to today.
    opened_on: Option<String>,
    /// A user id of the same organisation.
    assigned_to: Option<String>,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CasePatch {
    /// open, active, suspended, closed.
    status: Option<String>,
    /// YYYY-MM-DD, with status closed; defaults to today.
    closed_on: Option<String>,
    /// A user id, or an empty string to unassign.
    assigned_to: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CaseOut {
    id: String,
    person_id: String,
    status: String,
    opened_on: String,
    closed_on: Option<String>,
    assigned_to: Option<String>,
    created_at: String,
    updated_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct CaseList {
    items: Vec<CaseOut>,
    page: u32,
    per_page: u32,
    has_more: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteCreate {
    body: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteOut {
    id: String,
    case_id: String,
    author_id: String,
    created_at: String,
    /// Null once the person's record has been erased.
    body: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    page: Option<u32>,
    per_page: Option<u32>,
}

fn case_out(c: &CaseView) -> CaseOut {
    CaseOut {
        id: c.id.to_string(),
        person_id: c.person_id.to_string(),
        status: c.record.status.as_str().to_owned(),
        opened_on: format_date(c.record.opened_on),
        closed_on: c.record.closed_on.map(format_date),
        assigned_to: c.record.assigned_to.map(|u| u.to_string()),
        created_at: rfc3339(c.created_at_ms),
        updated_at: rfc3339(c.updated_at_ms),
    }
}

fn note_out(n: &NoteView) -> NoteOut {
    NoteOut {
        id: n.id.to_string(),
        case_id: n.case_id.to_string(),
        author_id: n.author_id.to_string(),
        created_at: rfc3339(n.created_at_ms),
        body: n.body.clone(),
    }
}

fn parse_user(raw: &str) -> Result<UserId, WebError> {
    raw.parse().map_err(|_| {
        WebError::Invalid(haven_core::ValidationError::new(
            "assigned_to",
            "unknown_user",
            "no such user in this organisation",
        ))
    })
}

fn parse_day(field: &'static str, raw: &str) -> Result<time::Date, WebError> {
    parse_date(raw).ok_or(WebError::Invalid(haven_core::ValidationError::new(
        field,
        "invalid_date",
        "use the form YYYY-MM-DD",
    )))
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/cases", params(("id" = String, Path)), request_body = CaseCreate, tag = "cases",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn open_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<CaseCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let opened_on = match body.opened_on.as_deref() {
        Some(d) => parse_day("opened_on", d)?,
        None => today(),
    };
    let assigned = body.assigned_to.as_deref().filter(|s| !s.is_empty()).map(parse_user).transpose()?;
    let record = CaseRecord::open(opened_on, assigned);
    let cid = state.store.open_case(&scope, parse_id(&id)?, &record).await?;
    Ok((StatusCode::CREATED, Json(Created { id: cid.to_string() })))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/cases", params(("id" = String, Path), PageQuery), tag = "cases",
    responses((status = 200, body = CaseList)))]
async fn list_person_cases(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    QueryParams(q): QueryParams<PageQuery>,
) -> Result<Json<CaseList>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let page = Page::new(q.page.unwrap_or(1), q.per_page.unwrap_or(50));
    let listing = state.store.list_cases(&scope, Some(parse_id(&id)?), page).await?;
    Ok(Json(CaseList {
        items: listing.items.iter().map(case_out).collect(),
        page: page.number,
        per_page: page.size,
        has_more: listing.has_more,
    }))
}

#[utoipa::path(get, path = "/api/v1/cases", params(PageQuery), tag = "cases", responses((status = 200, body = CaseList)))]
async fn list_cases(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<PageQuery>,
) -> Result<Json<CaseList>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let page = Page::new(q.page.unwrap_or(1), q.per_page.unwrap_or(50));
    let listing = state.store.list_cases(&scope, None, page).await?;
    Ok(Json(CaseList {
        items: listing.items.iter().map(case_out).collect(),
        page: page.number,
        per_page: page.size,
        has_more: listing.has_more,
    }))
}

#[utoipa::path(get, path = "/api/v1/cases/{id}", params(("id" = String, Path)), tag = "cases",
    responses((status = 200, body = CaseOut), (status = 404, body = ErrorBody)))]
async fn get_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<CaseOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let case = state.store.get_case(&scope, parse_id::<CaseId>(&id)?).await?;
    Ok(Json(case_out(&case)))
}

#[utoipa::path(patch, path = "/api/v1/cases/{id}", params(("id" = String, Path)), request_body = CasePatch, tag = "cases",
    responses((status = 200, body = CaseOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<CasePatch>,
) -> Result<Json<CaseOut>, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let status = patch.status.as_deref().map(CaseStatus::parse).transpose()?;
    let closed_on = patch.closed_on.as_deref().map(|d| parse_day("closed_on", d)).transpose()?;
    let assigned = match patch.assigned_to.as_deref() {
        None => None,
        Some("") => Some(None),
        Some(u) => Some(Some(parse_user(u)?)),
    };
    let case = state
        .store
        .update_case(&scope, parse_id(&id)?, |current| {
            let mut next = match status {
                Some(s) => current.with_status(s, closed_on, today())?,
                None => current.clone(),
            };
            if let Some(a) = assigned {
                next.assigned_to = a;
            }
            Ok(next)
        })
        .await?;
    Ok(Json(case_out(&case)))
}

#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", params(("id" = String, Path)), request_body = NoteCreate, tag = "cases",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<NoteCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let note = NoteBody::parse(&body.body)?;
    let nid = state.store.add_note(&scope, parse_id(&id)?, &note).await?;
    Ok((StatusCode::CREATED, Json(Created { id: nid.to_string() })))
}

#[utoipa::path(get, path = "/api/v1/cases/{id}/notes", params(("id" = String, Path)), tag = "cases",
    responses((status = 200, body = [NoteOut]), (status = 404, body = ErrorBody)))]
async fn list_notes(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<NoteOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let notes = state.store.list_notes(&scope, parse_id(&id)?).await?;
    Ok(Json(notes.iter().map(note_out).collect()))
}

// ---- identity, consent, access review, audit, administration ----

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    id: String,
    username: String,
    role: String,
    org_id: String,
    org_kind: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "access", responses((status = 200, body = MeOut), (status = 401, body = ErrorBody)))]
async fn me(caller: Caller) -> Json<MeOut> {
    Json(MeOut {
        id: caller.user.id.to_string(),
        username: caller.user.username.clone(),
        role: caller.user.role.as_str().to_owned(),
        org_id: caller.user.org_id.to_string(),
        org_kind: caller.user.org_kind.as_str().to_owned(),
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentCreate {
    /// referral, cross_border_transfer, consular_contact, prosecution_disclosure, tracing, research.
    purpose: String,
    recipient_org_id: String,
    /// identity, contact_location, narrative, health, immigration_status, forced_acts.
    categories: Vec<String>,
    /// Last day covered, YYYY-MM-DD.
    expires_on: String,
    /// The language the consent was explained in (BCP 47).
    language: String,
    interpreter: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ConsentOut {
    id: String,
    person_id: String,
    purpose: String,
    recipient_org_id: String,
    recipient_name: String,
    categories: Vec<String>,
    expires_on: String,
    explained_by: String,
    language: String,
    interpreter: Option<String>,
    recorded_at: String,
    withdrawn_on: Option<String>,
    /// Whether it covers a disclosure today (not withdrawn, not expired).
    in_force: bool,
}

fn consent_out(v: &haven_store::access::ConsentView) -> ConsentOut {
    let t = &v.consent.terms;
    ConsentOut {
        id: v.id.clone(),
        person_id: v.person_id.to_string(),
        purpose: t.purpose.as_str().to_owned(),
        recipient_org_id: t.recipient.to_string(),
        recipient_name: v.recipient_name.clone(),
        categories: t.categories.iter().map(|c| c.as_str().to_owned()).collect(),
        expires_on: format_date(t.expires_on),
        explained_by: t.explained_by.to_string(),
        language: t.language.as_str().to_owned(),
        interpreter: t.interpreter.clone(),
        recorded_at: rfc3339(v.recorded_at_ms),
        withdrawn_on: v.consent.withdrawn_on.map(format_date),
        in_force: v.consent.withdrawn_on.is_none() && today() <= t.expires_on,
    }
}

fn parse_org(field: &'static str, raw: &str) -> Result<haven_core::ids::OrgId, WebError> {
    raw.parse()
        .map_err(|_| WebError::Invalid(haven_core::ValidationError::new(field, "unknown_org", "no such organisation")))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/consents", params(("id" = String, Path)), tag = "consent",
    responses((status = 200, body = [ConsentOut]), (status = 404, body = ErrorBody)))]
async fn list_consents(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ConsentOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let list = state.store.list_consents(&scope, parse_id(&id)?).await?;
    Ok(Json(list.iter().map(consent_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/consents", params(("id" = String, Path)), request_body = ConsentCreate, tag = "consent",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn record_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ConsentCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    let input = haven_core::consent::ConsentInput {
        purpose: body.purpose,
        categories: body.categories.join(","),
        expires_on: body.expires_on,
        language: body.language,
        interpreter: body.interpreter,
    };
    let recipient = parse_org("recipient_org_id", &body.recipient_org_id)?;
    let terms = haven_core::consent::ConsentTerms::parse(&input, recipient, caller.user.id, today())?;
    let cid = state.store.record_consent(&scope, parse_id(&id)?, &terms).await?;
    Ok((StatusCode::CREATED, Json(Created { id: cid })))
}

#[utoipa::path(post, path = "/api/v1/consents/{id}/withdraw", params(("id" = String, Path)), tag = "consent",
    responses((status = 204, description = "withdrawn; later disclosures are refused"), (status = 404, body = ErrorBody)))]
async fn withdraw_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::RecordConsent).await?;
    state.store.withdraw_consent(&scope, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideCreate {
    purpose: String,
    recipient_org_id: String,
    categories: Vec<String>,
    /// Why disclosure without consent is necessary. Required.
    reason: String,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/consent-overrides", params(("id" = String, Path)), request_body = OverrideCreate, tag = "consent",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn override_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<OverrideCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::OverrideConsent).await?;
    let purpose = haven_core::consent::ConsentPurpose::parse(&body.purpose)?;
    let categories = haven_core::access::Categories::parse_list(&body.categories.join(","))?;
    let recipient = parse_org("recipient_org_id", &body.recipient_org_id)?;
    let oid =
        state.store.override_consent(&scope, parse_id(&id)?, purpose, recipient, categories, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(Created { id: oid })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakGlassCreate {
    /// Why emergency access is needed now. Required; reviewed by a supervisor.
    reason: String,
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/break-glass", params(("id" = String, Path)), request_body = BreakGlassCreate, tag = "access",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn break_glass(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<BreakGlassCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::BreakGlass).await?;
    let gid = state.store.break_glass(&scope, parse_id(&id)?, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(Created { id: gid })))
}

#[derive(Serialize, ToSchema)]
pub struct AuditOut {
    seq: i64,
    at: String,
    actor: String,
    actor_name: Option<String>,
    action: String,
    record_kind: String,
    record_id: String,
    purpose: String,
    outcome: String,
}

fn audit_out(a: &haven_store::access::AuditRow) -> AuditOut {
    AuditOut {
        seq: a.seq,
        at: rfc3339(a.at_ms),
        actor: a.actor.clone(),
        actor_name: a.actor_name.clone(),
        action: a.action.clone(),
        record_kind: a.record_kind.clone(),
        record_id: a.record_id.clone(),
        purpose: a.purpose.clone(),
        outcome: a.outcome.clone(),
    }
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/access-log", params(("id" = String, Path)), tag = "access",
    responses((status = 200, body = [AuditOut]), (status = 404, body = ErrorBody)))]
async fn access_log(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<AuditOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let rows = state.store.access_log(&scope, parse_id(&id)?, 200).await?;
    Ok(Json(rows.iter().map(audit_out).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct ReviewOut {
    kind: String,
    id: String,
    person_id: String,
    username: String,
    reason: Option<String>,
    created_at: String,
    expires_at: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/review", tag = "access", responses((status = 200, body = [ReviewOut]), (status = 403, body = ErrorBody)))]
async fn review_queue(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<ReviewOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAccess).await?;
    let items = state.store.review_queue(&scope).await?;
    Ok(Json(
        items
            .iter()
            .map(|i| ReviewOut {
                kind: i.kind.to_owned(),
                id: i.id.clone(),
                person_id: i.person_id.to_string(),
                username: i.username.clone(),
                reason: i.reason.clone(),
                created_at: rfc3339(i.created_at_ms),
                expires_at: i.expires_at_ms.map(rfc3339),
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/review/{kind}/{id}", params(("kind" = String, Path), ("id" = String, Path)), tag = "access",
    responses((status = 204, description = "marked reviewed"), (status = 404, body = ErrorBody)))]
async fn mark_reviewed(
    State(state): State<AppState>,
    caller: Caller,
    Path((kind, id)): Path<(String, String)>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::ReviewAccess).await?;
    state.store.mark_reviewed(&scope, &kind, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    actor: Option<String>,
    record_id: Option<String>,
    action: Option<String>,
    limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", params(AuditQuery), tag = "access",
    responses((status = 200, body = [AuditOut]), (status = 403, body = ErrorBody)))]
async fn audit_log(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<AuditQuery>,
) -> Result<Json<Vec<AuditOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadAudit).await?;
    let filter = haven_store::access::AuditFilter {
        actor: q.actor,
        record_id: q.record_id,
        action: q.action,
        limit: q.limit.unwrap_or(100),
    };
    let rows = state.store.audit_log(&scope, &filter).await?;
    Ok(Json(rows.iter().map(audit_out).collect()))
}

/// Integrity alarms (rows edited in the database without the master key)
/// and accounts locked after wrong second-factor codes, newest first.
#[utoipa::path(get, path = "/api/v1/audit/alarms", tag = "access",
    responses((status = 200, body = [AuditOut]), (status = 403, body = ErrorBody)))]
async fn audit_alarms(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<AuditOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadAudit).await?;
    let rows = state.store.alarms(&scope, 200).await?;
    Ok(Json(rows.iter().map(audit_out).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct OrgOut {
    id: String,
    name: String,
    kind: String,
    country: Option<String>,
    languages: Vec<String>,
    caseworkers_see_all: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgCreate {
    name: String,
    /// ngo_assistance, shelter, health, legal_aid, labour_inspection, nrm_coordinator, consular,
    /// police, prosecution, immigration, border.
    kind: String,
    /// ISO 3166 alpha-3.
    country: Option<String>,
    /// BCP 47 tags.
    #[serde(default)]
    languages: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs", tag = "administration", responses((status = 200, body = [OrgOut]), (status = 403, body = ErrorBody)))]
async fn list_orgs(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<OrgOut>>, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    let orgs = state.store.list_orgs().await?;
    Ok(Json(
        orgs.into_iter()
            .map(|o| OrgOut {
                id: o.id.to_string(),
                name: o.name,
                kind: o.kind.as_str().to_owned(),
                country: o.country,
                languages: o.languages,
                caseworkers_see_all: o.caseworkers_see_all,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs", request_body = OrgCreate, tag = "administration",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_org(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<OrgCreate>,
) -> Result<impl IntoResponse, WebError> {
    caller.scope(&state, Permission::ManageOrgs).await?;
    // Validate the languages before anything is written.
    for l in &body.languages {
        haven_core::person::LanguageTag::parse(l)?;
    }
    let id = state.store.create_org(&body.name, &body.kind, body.country.as_deref()).await?;
    if !body.languages.is_empty() {
        state.store.set_org_languages(id, &body.languages).await?;
    }
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

#[derive(Serialize, ToSchema)]
pub struct UserOut {
    id: String,
    org_id: String,
    username: String,
    role: String,
    second_factor: bool,
    disabled: bool,
    /// `active`, or `pending` until a second administrator approves it.
    status: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    username: String,
    /// caseworker, supervisor, decision_maker, org_admin, system_admin, auditor.
    role: String,
    /// Defaults to the caller's organisation.
    org_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UserCreated {
    id: String,
    /// Shown once; the user chooses their own at first sign-in.
    one_time_password: String,
    /// `pending` when a second administrator of the organisation must
    /// approve the account before it can sign in (case roles: four eyes).
    status: String,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UsersQuery {
    org_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/users", params(UsersQuery), tag = "administration",
    responses((status = 200, body = [UserOut]), (status = 403, body = ErrorBody)))]
async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<UsersQuery>,
) -> Result<Json<Vec<UserOut>>, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = match q.org_id.as_deref() {
        Some(o) => parse_org("org_id", o)?,
        None => caller.user.org_id,
    };
    if !haven_core::access::may_manage_users_of(&caller.user.actor(), org) {
        return Err(WebError::Forbidden);
    }
    let users = state.store.list_users(Some(org)).await?;
    Ok(Json(
        users
            .into_iter()
            .map(|u| UserOut {
                id: u.id.to_string(),
                org_id: u.org_id.to_string(),
                username: u.username,
                role: u.role.as_str().to_owned(),
                second_factor: u.totp_enabled,
                disabled: u.disabled,
                status: u.status.as_str().to_owned(),
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/users", request_body = UserCreate, tag = "administration",
    responses((status = 201, body = UserCreated), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<UserCreate>,
) -> Result<impl IntoResponse, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let org = match body.org_id.as_deref() {
        Some(o) => parse_org("org_id", o)?,
        None => caller.user.org_id,
    };
    let role = haven_core::access::Role::parse(&body.role)?;
    // The store applies the grant policy (no role above one's own, nothing
    // outside one's organisation but a system administrator's appointments)
    // and four eyes.
    let granted = state.store.grant_user(&caller.user.actor(), org, &body.username, role, &caller.request_id).await?;
    let status = if granted.pending { "pending" } else { "active" };
    Ok((
        StatusCode::CREATED,
        Json(UserCreated {
            id: granted.id.to_string(),
            one_time_password: granted.password,
            status: status.to_owned(),
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/users/{id}/approve", params(("id" = String, Path)), tag = "administration",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.approve_user(&caller.user.actor(), user, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", params(("id" = String, Path)), tag = "administration",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn unlock_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    caller.scope(&state, Permission::ManageUsers).await?;
    let user: UserId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.unlock_user(&caller.user.actor(), user, &caller.request_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct InboxOut {
    id: String,
    kind: String,
    created_at: String,
}

#[utoipa::path(get, path = "/api/v1/inbox", tag = "access", responses((status = 200, body = [InboxOut]), (status = 403, body = ErrorBody)))]
async fn inbox(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<InboxOut>>, WebError> {
    let scope = caller.scope(&state, Permission::ReadInbox).await?;
    let items = state.store.inbox(&scope).await?;
    Ok(Json(
        items.into_iter().map(|i| InboxOut { id: i.id, kind: i.kind, created_at: rfc3339(i.created_at_ms) }).collect(),
    ))
}
