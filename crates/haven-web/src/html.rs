//! The server-rendered web UI. Every page works without JavaScript; forms
//! post back and redirect. Each state-changing form carries the session's
//! CSRF token, and each page is rendered in the user's chosen language.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use haven_core::access::Permission;
use haven_core::case::{CaseRecord, CaseStatus, NoteBody};
use haven_core::ids::{CaseId, PersonId};
use haven_core::person::{format_date, Birth, LocationType, PersonInput, PersonRecord};
use haven_core::ValidationError;
use haven_store::auth::LoginOutcome;
use haven_store::persons::{Page, PersonState};
use serde::Deserialize;

use crate::auth::{cookie, Caller, Credential, LANG_COOKIE, SESSION_COOKIE};
use crate::error::WebError;
use crate::i18n::{Tr, LANGUAGES};
use crate::AppState;

const LOGIN_CSRF_COOKIE: &str = "haven_login_csrf";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", post(logout))
        .route("/exit", get(quick_exit))
        .route("/password", get(password_page).post(password_submit))
        .route("/lang", get(set_language))
        .route("/static/haven.css", get(stylesheet))
        .route("/persons", get(persons_page))
        .route("/persons/new", get(new_person_page).post(new_person_submit))
        .route("/persons/{id}", get(person_page))
        .route("/persons/{id}/cases", post(open_case_submit))
        .route("/persons/{id}/erase", post(erase_submit))
        .route("/cases/{id}", get(case_page))
        .route("/cases/{id}/notes", post(note_submit))
        .route("/cases/{id}/status", post(status_submit))
        .fallback(not_found_page)
}

async fn not_found_page(tr: Tr) -> Response {
    error_page(&tr, WebError::NotFound)
}

// ---- layout ----

pub struct Nav {
    pub csrf: String,
    pub signed_in_as: String,
}

pub struct Layout {
    pub tr: Tr,
    pub nav: Option<Nav>,
    /// Where the language switcher returns to.
    pub next: String,
    pub languages: &'static [(&'static str, &'static str)],
}

impl Layout {
    fn new(tr: &Tr, caller: Option<&Caller>, next: &str) -> Self {
        Self {
            tr: tr.clone(),
            nav: caller.map(|c| Nav {
                csrf: c.csrf().to_owned(),
                signed_in_as: tr.t_with("nav-signed-in-as", "username", c.user.username.clone()),
            }),
            next: next.to_owned(),
            languages: &LANGUAGES,
        }
    }
}

fn render(t: &impl Template) -> Result<Response, WebError> {
    let body = t.render().map_err(|e| WebError::Internal(format!("template: {e}")))?;
    Ok(Html(body).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    message: String,
}

/// Renders an error as a page in the user's language.
fn error_page(tr: &Tr, err: WebError) -> Response {
    if let WebError::Internal(detail) = &err {
        tracing::error!(%detail, "page failed");
    }
    if matches!(err, WebError::Unauthenticated) {
        return Redirect::to("/login").into_response();
    }
    let key = match &err {
        WebError::NotFound | WebError::MethodNotAllowed => "error-not-found",
        WebError::Forbidden => "error-forbidden",
        WebError::Csrf => "error-csrf",
        WebError::Erased => "error-erased",
        WebError::Invalid(_) | WebError::BadRequest(_) | WebError::Conflict(_) => "error-invalid",
        WebError::RateLimited => "login-rate-limited",
        WebError::Unauthenticated | WebError::Internal(_) => "error-server",
    };
    let page = ErrorPage { l: Layout::new(tr, None, "/persons"), message: tr.t(key) };
    match page.render() {
        Ok(html) => (err.status(), Html(html)).into_response(),
        Err(_) => err.status().into_response(),
    }
}

fn finish(tr: &Tr, r: Result<Response, WebError>) -> Response {
    r.unwrap_or_else(|e| error_page(tr, e))
}

/// A validation message in the user's language, naming the field.
fn validation_message(tr: &Tr, v: &ValidationError) -> String {
    let field_key = format!("field-{}", v.field);
    let field = if tr.has(&field_key) { tr.t(&field_key) } else { v.field.to_owned() };
    let msg_key = format!("validation-{}", v.code);
    let msg = if tr.has(&msg_key) { tr.t(&msg_key) } else { tr.t("validation-generic") };
    format!("{field}: {msg}")
}

/// A signed-in browser user. Anyone else is sent to the login page, and a
/// user who must change their password is sent there first.
pub struct PageCaller(pub Caller);

impl FromRequestParts<AppState> for PageCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match Caller::from_request_parts(parts, state).await {
            Ok(c) if matches!(c.credential, Credential::Session { .. }) => {
                if c.user.must_change_password && parts.uri.path() != "/password" {
                    return Err(Redirect::to("/password").into_response());
                }
                Ok(PageCaller(c))
            }
            Ok(_) | Err(WebError::Unauthenticated) => Err(Redirect::to("/login").into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

fn cookie_header(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let age = max_age.map(|a| format!("; Max-Age={a}")).unwrap_or_default();
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{age}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn local_date(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map(|t| format_date(t.date()))
        .unwrap_or_default()
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

// ---- small handlers ----

async fn home(headers: HeaderMap, State(state): State<AppState>) -> Redirect {
    let signed_in = match cookie(&headers, SESSION_COOKIE) {
        Some(s) => matches!(state.store.session(s).await, Ok(Some(_))),
        None => false,
    };
    Redirect::to(if signed_in { "/persons" } else { "/login" })
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/haven.css"),
    )
        .into_response()
}

#[derive(Deserialize)]
struct LangQuery {
    l: String,
    next: Option<String>,
}

/// Sets the UI language. A preference cookie, not account state, so a GET
/// link is enough and works on the login page too.
async fn set_language(State(state): State<AppState>, Query(q): Query<LangQuery>) -> Response {
    let tr = Tr::new(&q.l);
    // Only local paths: never an open redirect.
    let next = q.next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'));
    let mut res = Redirect::to(next.as_deref().unwrap_or("/")).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, LANG_COOKIE, tr.code(), Some(31_536_000)));
    res
}

/// Quick exit: ends the session, asks the browser to forget this site's
/// data, and leaves for a neutral page, for when someone is looking over a
/// survivor's shoulder.
async fn quick_exit(headers: HeaderMap, State(state): State<AppState>) -> Response {
    if let Some(secret) = cookie(&headers, SESSION_COOKIE) {
        let _ = state.store.end_session(secret).await;
    }
    let mut res = Redirect::to("https://www.wikipedia.org/").into_response();
    let h = res.headers_mut();
    h.insert("clear-site-data", HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""));
    h.insert(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, "", Some(0)));
    res
}

// ---- login ----

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    csrf: String,
    username: String,
    error: Option<String>,
}

async fn login_page(State(state): State<AppState>, tr: Tr) -> Response {
    let csrf = haven_store::crypto::random_secret(16);
    let page =
        LoginPage { l: Layout::new(&tr, None, "/login"), csrf: csrf.clone(), username: String::new(), error: None };
    let mut res = finish(&tr, render(&page));
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, LOGIN_CSRF_COOKIE, &csrf, Some(3600)));
    res
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    csrf: String,
}

async fn login_submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    tr: Tr,
    parts: axum::http::Extensions,
    Form(form): Form<LoginForm>,
) -> Response {
    let rid = parts.get::<crate::security::RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let retry = |error: String, status: StatusCode| {
        let csrf = haven_store::crypto::random_secret(16);
        let page = LoginPage {
            l: Layout::new(&tr, None, "/login"),
            csrf: csrf.clone(),
            username: form.username.clone(),
            error: Some(error),
        };
        let mut res = finish(&tr, render(&page));
        *res.status_mut() = status;
        res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, LOGIN_CSRF_COOKIE, &csrf, Some(3600)));
        res
    };
    // Login CSRF: the form must come from our own page (double-submit cookie).
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if expected.is_empty() || !crate::auth::constant_time_eq(expected.as_bytes(), form.csrf.as_bytes()) {
        return retry(tr.t("error-csrf"), StatusCode::FORBIDDEN);
    }
    if !state.limiter.check(addr.ip()) {
        return retry(tr.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS);
    }
    let outcome = match state.store.login(&form.username, &form.password, &rid).await {
        Ok(o) => o,
        Err(e) => return error_page(&tr, e.into()),
    };
    let user = match outcome {
        LoginOutcome::Success(u) => u,
        LoginOutcome::Failed => return retry(tr.t("login-failed"), StatusCode::UNAUTHORIZED),
        LoginOutcome::Locked => return retry(tr.t("login-locked"), StatusCode::UNAUTHORIZED),
    };
    // A fresh session id at every login; any session the browser held ends.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        let _ = state.store.end_session(old).await;
    }
    let (secret, _csrf) = match state.store.create_session(user.id).await {
        Ok(s) => s,
        Err(e) => return error_page(&tr, e.into()),
    };
    let mut res = Redirect::to(if user.must_change_password { "/password" } else { "/persons" }).into_response();
    let h = res.headers_mut();
    h.append(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, &secret, None));
    h.append(header::SET_COOKIE, cookie_header(&state, LOGIN_CSRF_COOKIE, "", Some(0)));
    res
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(e) = caller.check_form_csrf(&form.csrf) {
        return error_page(&tr, e);
    }
    if let Credential::Session { secret, .. } = &caller.credential {
        let _ = state.store.end_session(secret).await;
    }
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, "", Some(0)));
    res
}

// ---- password ----

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    l: Layout,
    csrf: String,
    error: Option<String>,
}

async fn password_page(tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let page =
        PasswordPage { l: Layout::new(&tr, Some(&caller), "/password"), csrf: caller.csrf().to_owned(), error: None };
    finish(&tr, render(&page))
}

#[derive(Deserialize)]
struct PasswordForm {
    csrf: String,
    password: String,
    confirm: String,
}

async fn password_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<PasswordForm>,
) -> Response {
    if let Err(e) = caller.check_form_csrf(&form.csrf) {
        return error_page(&tr, e);
    }
    let again = |msg: String| {
        let page = PasswordPage {
            l: Layout::new(&tr, Some(&caller), "/password"),
            csrf: caller.csrf().to_owned(),
            error: Some(msg),
        };
        let mut res = finish(&tr, render(&page));
        *res.status_mut() = StatusCode::BAD_REQUEST;
        res
    };
    if form.password != form.confirm {
        return again(tr.t("password-mismatch"));
    }
    match state.store.set_password(caller.user.id, &form.password).await {
        Ok(()) => {}
        Err(haven_store::StoreError::Invalid(v)) => return again(validation_message(&tr, &v)),
        Err(e) => return error_page(&tr, e.into()),
    }
    // The change ended every session, this one included: start a new one.
    match state.store.create_session(caller.user.id).await {
        Ok((secret, _)) => {
            let mut res = Redirect::to("/persons").into_response();
            res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, &secret, None));
            res
        }
        Err(e) => error_page(&tr, e.into()),
    }
}

// ---- persons ----

struct PersonRow {
    id: String,
    name: String,
    latin: Option<String>,
    location: String,
    added: String,
}

#[derive(Template)]
#[template(path = "persons.html")]
struct PersonsPage {
    l: Layout,
    q: String,
    rows: Vec<PersonRow>,
    page: u32,
    has_more: bool,
}

#[derive(Deserialize)]
struct PersonsQuery {
    q: Option<String>,
    page: Option<u32>,
}

fn location_label(tr: &Tr, l: LocationType) -> String {
    tr.t(&format!("location-{}", l.as_str()))
}

async fn persons_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(query): Query<PersonsQuery>,
) -> Response {
    let result = async {
        let scope = caller.scope(Permission::ReadPerson)?;
        let q = query.q.unwrap_or_default().trim().to_owned();
        let page = Page::new(query.page.unwrap_or(1), 50);
        let listing = if q.is_empty() {
            state.store.list_persons(&scope, page).await?
        } else {
            state.store.search_persons(&scope, &q, 50).await?
        };
        let rows = listing
            .items
            .iter()
            .map(|p| PersonRow {
                id: p.id.to_string(),
                name: p.full_name.clone(),
                latin: p.latin_name.clone(),
                location: location_label(&tr, p.location),
                added: local_date(p.created_at_ms),
            })
            .collect();
        render(&PersonsPage {
            l: Layout::new(&tr, Some(&caller), "/persons"),
            q,
            rows,
            page: page.number,
            has_more: listing.has_more,
        })
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize, Default)]
struct PersonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    latin_name: String,
    #[serde(default)]
    other_names: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    estimated_age: String,
    age_uncertain: Option<String>,
    #[serde(default)]
    nationalities: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    notes: String,
}

impl PersonForm {
    fn to_input(&self) -> Result<PersonInput, ValidationError> {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        let list = |s: &str, sep: char| s.split(sep).map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect();
        let estimated_age = match self.estimated_age.trim() {
            "" => None,
            a => Some(a.parse::<u16>().map_err(|_| {
                ValidationError::new("estimated_age", "implausible_age", "the age must be between 0 and 120")
            })?),
        };
        Ok(PersonInput {
            full_name: self.full_name.clone(),
            other_names: list(&self.other_names, '\n'),
            latin_name: opt(&self.latin_name),
            sex: opt(&self.sex),
            date_of_birth: opt(&self.date_of_birth),
            estimated_age,
            age_uncertain: self.age_uncertain.is_some(),
            nationalities: list(&self.nationalities, ','),
            languages: list(&self.languages, ','),
            contact: opt(&self.contact),
            location: opt(&self.location),
            notes: opt(&self.notes),
        })
    }
}

#[derive(Template)]
#[template(path = "person_new.html")]
struct NewPersonPage {
    l: Layout,
    csrf: String,
    f: PersonForm,
    locations: Vec<(&'static str, String)>,
    error: Option<String>,
}

fn new_person_form(tr: &Tr, caller: &Caller, f: PersonForm, error: Option<String>) -> Result<Response, WebError> {
    let locations = LocationType::ALL.iter().map(|l| (l.as_str(), location_label(tr, *l))).collect();
    render(&NewPersonPage {
        l: Layout::new(tr, Some(caller), "/persons/new"),
        csrf: caller.csrf().to_owned(),
        f,
        locations,
        error,
    })
}

async fn new_person_page(tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let f = PersonForm { location: "unknown".into(), ..Default::default() };
    finish(&tr, new_person_form(&tr, &caller, f, None))
}

async fn new_person_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<PersonForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(Permission::WritePerson)?;
        let parsed = form.to_input().and_then(|i| PersonRecord::parse(&i, today()));
        let record = match parsed {
            Ok(r) => r,
            Err(v) => {
                // Re-show the form with what was typed, so nothing is lost.
                let msg = validation_message(&tr, &v);
                let mut res = new_person_form(&tr, &caller, form, Some(msg))?;
                *res.status_mut() = StatusCode::BAD_REQUEST;
                return Ok(res);
            }
        };
        let id = state.store.create_person(&scope, &record).await?;
        Ok(Redirect::to(&format!("/persons/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

struct PersonDisplay {
    full_name: String,
    may_be_child: bool,
    detained: bool,
    facts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPageT {
    l: Layout,
    id: String,
    csrf: String,
    person: Option<PersonDisplay>,
    cases: Vec<(String, String, String)>,
}

fn display_person(tr: &Tr, r: &PersonRecord, created_ms: i64) -> PersonDisplay {
    let none = || tr.t("person-not-recorded");
    let join = |v: Vec<&str>| if v.is_empty() { none() } else { v.join(", ") };
    let age = match r.birth {
        Birth::Unknown => none(),
        Birth::DateOfBirth(d) => {
            let years = r.birth.age_on(today()).unwrap_or(0);
            format!("{} ({})", format_date(d), tr.t_with("person-age", "years", i64::from(years)))
        }
        Birth::Estimated { years, uncertain } => tr.t_with(
            if uncertain { "person-age-estimated-uncertain" } else { "person-age-estimated" },
            "years",
            i64::from(years),
        ),
    };
    let facts = vec![
        (tr.t("field-other_names"), join(r.other_names.iter().map(|n| n.as_str()).collect())),
        (tr.t("field-latin_name"), r.latin_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_else(none)),
        (tr.t("field-sex"), r.sex.clone().unwrap_or_else(none)),
        (tr.t("field-date_of_birth"), age),
        (tr.t("field-nationalities"), join(r.nationalities.iter().map(|c| c.as_str()).collect())),
        (tr.t("field-languages"), join(r.languages.iter().map(|c| c.as_str()).collect())),
        (tr.t("field-location"), location_label(tr, r.location)),
        (tr.t("field-contact"), r.contact.clone().unwrap_or_else(none)),
        (tr.t("field-notes"), r.notes.clone().unwrap_or_else(none)),
        (tr.t("person-created"), local_date(created_ms)),
    ];
    PersonDisplay {
        full_name: r.full_name.as_str().to_owned(),
        may_be_child: r.birth.may_be_child(today()),
        detained: r.location.is_detention(),
        facts,
    }
}

fn status_label(tr: &Tr, s: CaseStatus) -> String {
    tr.t(&format!("status-{}", s.as_str()))
}

async fn person_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let view = state.store.get_person(&caller.scope(Permission::ReadPerson)?, id).await?;
        let (person, cases) = match &view.state {
            PersonState::Active(r) => {
                let listing =
                    state.store.list_cases(&caller.scope(Permission::ReadCase)?, Some(id), Page::new(1, 50)).await?;
                let cases = listing
                    .items
                    .iter()
                    .map(|c| (c.id.to_string(), status_label(&tr, c.record.status), format_date(c.record.opened_on)))
                    .collect();
                (Some(display_person(&tr, r, view.created_at_ms)), cases)
            }
            PersonState::Erased { .. } => (None, Vec::new()),
        };
        render(&PersonPageT {
            l: Layout::new(&tr, Some(&caller), &format!("/persons/{id}")),
            id: id.to_string(),
            csrf: caller.csrf().to_owned(),
            person,
            cases,
        })
    }
    .await;
    finish(&tr, result)
}

async fn open_case_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let record = CaseRecord::open(today(), Some(caller.user.id));
        let cid = state.store.open_case(&caller.scope(Permission::WriteCase)?, id, &record).await?;
        Ok(Redirect::to(&format!("/cases/{cid}")).into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct EraseForm {
    csrf: String,
    confirm: Option<String>,
}

async fn erase_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<EraseForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        if form.confirm.as_deref() != Some("yes") {
            return Err(WebError::Invalid(ValidationError::new("confirm", "required", "confirmation required")));
        }
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        state.store.erase_person(&caller.scope(Permission::ErasePerson)?, id).await?;
        Ok(Redirect::to(&format!("/persons/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

// ---- cases ----

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    l: Layout,
    id: String,
    csrf: String,
    person_id: String,
    person_name: String,
    status: String,
    status_label: String,
    statuses: Vec<(&'static str, String)>,
    opened_on: String,
    closed_on: Option<String>,
    assigned: String,
    notes: Vec<(String, String)>,
    error: Option<String>,
}

async fn case_page_inner(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: CaseId,
    error: Option<String>,
) -> Result<Response, WebError> {
    let case = state.store.get_case(&caller.scope(Permission::ReadCase)?, id).await?;
    let person = state.store.get_person(&caller.scope(Permission::ReadPerson)?, case.person_id).await?;
    let person_name = match person.state {
        PersonState::Active(r) => r.full_name.as_str().to_owned(),
        PersonState::Erased { .. } => tr.t("person-erased"),
    };
    let notes = state
        .store
        .list_notes(&caller.scope(Permission::ReadCase)?, id)
        .await?
        .into_iter()
        .map(|n| (local_date(n.created_at_ms), n.body.unwrap_or_else(|| tr.t("case-note-erased"))))
        .collect();
    let assigned = match case.record.assigned_to {
        Some(u) if u == caller.user.id => caller.user.username.clone(),
        Some(u) => u.to_string(),
        None => tr.t("case-unassigned"),
    };
    render(&CasePage {
        l: Layout::new(tr, Some(caller), &format!("/cases/{id}")),
        id: id.to_string(),
        csrf: caller.csrf().to_owned(),
        person_id: case.person_id.to_string(),
        person_name,
        status: case.record.status.as_str().to_owned(),
        status_label: status_label(tr, case.record.status),
        statuses: CaseStatus::ALL.iter().map(|s| (s.as_str(), status_label(tr, *s))).collect(),
        opened_on: format_date(case.record.opened_on),
        closed_on: case.record.closed_on.map(format_date),
        assigned,
        notes,
        error,
    })
}

async fn case_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
        case_page_inner(&state, &tr, &caller, id, None).await
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct NoteForm {
    csrf: String,
    body: String,
}

async fn note_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
        let body = match NoteBody::parse(&form.body) {
            Ok(b) => b,
            Err(v) => {
                let mut res = case_page_inner(&state, &tr, &caller, id, Some(validation_message(&tr, &v))).await?;
                *res.status_mut() = StatusCode::BAD_REQUEST;
                return Ok(res);
            }
        };
        state.store.add_note(&caller.scope(Permission::WriteCase)?, id, &body).await?;
        Ok(Redirect::to(&format!("/cases/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct StatusForm {
    csrf: String,
    status: String,
}

async fn status_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: CaseId = id.parse().map_err(|_| WebError::NotFound)?;
        let status = CaseStatus::parse(&form.status)?;
        state
            .store
            .update_case(&caller.scope(Permission::WriteCase)?, id, |c| Ok(c.with_status(status, None, today())?))
            .await?;
        Ok(Redirect::to(&format!("/cases/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}
