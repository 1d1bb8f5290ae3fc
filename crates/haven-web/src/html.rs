//! The server-rendered web UI. Every page works without JavaScript; forms
//! post back and redirect. Each state-changing form carries the session's
//! CSRF token, and each page is rendered in the user's chosen language.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Router};
use haven_core::access::Permission;
use haven_core::case::{CaseRecord, CaseStatus, NoteBody};
use haven_core::ids::{CaseId, PersonId};
use haven_core::person::{format_date, Birth, LocationType, PersonInput, PersonRecord};
use haven_core::ValidationError;
use haven_store::auth::{LoginOutcome, SecondFactorOutcome};
use haven_store::persons::{Page, PersonState};
use serde::Deserialize;

use crate::auth::{cookie, Caller, Credential, LANG_COOKIE, SESSION_COOKIE};
use crate::error::WebError;
use crate::i18n::{Tr, LANGUAGES};
use crate::routes::{self as r, RouteDef};
use crate::AppState;

const LOGIN_CSRF_COOKIE: &str = "haven_login_csrf";

pub(crate) fn table() -> Vec<RouteDef> {
    vec![
        r::get("/", home),
        r::get("/login", login_page),
        r::post("/login", login_submit),
        r::get("/login/second-factor", second_factor_page),
        r::post("/login/second-factor", second_factor_submit),
        r::get("/account/second-factor", enrol_page),
        r::post("/account/second-factor", enrol_submit),
        r::post("/logout", logout),
        r::get("/exit", quick_exit),
        r::get("/password", password_page),
        r::get("/account", account_page),
        r::post("/account/tokens/{id}/{action}", account_token_submit),
        r::post("/password", password_submit),
        r::get("/lang", set_language),
        r::get("/static/haven.css", stylesheet),
        r::get("/tasks", tasks_page),
        r::get("/persons", persons_page),
        r::get("/persons/new", new_person_page),
        r::post("/persons/new", new_person_submit),
        r::get("/persons/{id}", person_page),
        r::post("/persons/{id}/cases", open_case_submit),
        r::post("/persons/{id}/erase", erase_submit),
        r::post("/persons/{id}/consents", consent_submit),
        r::post("/persons/{id}/break-glass", break_glass_submit),
        r::post("/persons/{id}/screenings", start_screening_submit),
        r::post("/persons/{id}/penalties", penalty_submit),
        r::post("/penalties/{id}/expungement", expungement_submit),
        r::get("/persons/{id}/protection", protection_page),
        r::get("/services", services_page),
        r::get("/services.csv", services_csv),
        r::get("/services.xlsx", services_xlsx),
        r::post("/services", service_add_submit),
        r::post("/services/{id}/remove", service_remove_submit),
        r::post("/services/import", service_import_submit).with_body_limit(crate::api::IMPORT_BODY_BYTES),
        r::post("/services/import-file", service_file_submit).with_body_limit(crate::api::IMPORT_BODY_BYTES),
        r::post("/persons/{id}/protection/{kind}", protection_submit),
        r::get("/persons/{id}/referrals", crate::referrals::person_referrals_page),
        r::post("/persons/{id}/referrals", crate::referrals::propose_submit),
        r::get("/referrals", crate::referrals::incoming_page),
        r::get("/referrals/{id}", crate::referrals::referral_page),
        r::get("/referrals/{id}/letter.pdf", crate::referrals::letter_page),
        r::post("/referrals/{id}/consent", crate::referrals::consent_submit),
        r::post("/referrals/{id}/{step}", crate::referrals::step_submit),
        r::get("/persons/{id}/cooperation", crate::cooperation::page),
        r::post("/persons/{id}/cooperation", crate::cooperation::submit),
        r::get("/screenings/{id}", screening_page),
        r::get("/screenings/{id}/q/{n}", question_page),
        r::post("/screenings/{id}/q/{n}", answer_submit),
        r::post("/screenings/{id}/complete", complete_screening_submit),
        r::post("/screenings/{id}/decisions", decision_submit),
        r::get("/screenings/{id}/notice", notice_page),
        r::get("/screenings/{id}/notice.pdf", notice_pdf),
        r::post("/screenings/{id}/notice/send", send_notice_submit),
        r::get("/inbox/{id}", inbox_document_page),
        r::post("/consents/{id}/withdraw", withdraw_submit),
        r::get("/cases/{id}", case_page),
        r::post("/cases/{id}/notes", note_submit),
        r::post("/cases/{id}/status", status_submit),
        r::get("/review", review_page),
        r::post("/review/{kind}/{id}", review_submit),
        r::get("/audit", audit_page),
        r::get("/inbox", inbox_page),
        r::get("/admin", admin_page),
        r::post("/admin/orgs", admin_org_submit),
        r::post("/admin/orgs/{id}/settings", admin_org_settings_submit),
        r::post("/admin/users", admin_user_submit),
        r::post("/admin/users/{id}/{action}", admin_user_action_submit),
    ]
}

pub fn routes() -> Router<AppState> {
    r::build(table()).fallback(not_found_page)
}

async fn not_found_page(tr: Tr) -> Response {
    error_page(&tr, WebError::NotFound)
}

// ---- layout ----

pub struct Nav {
    pub csrf: String,
    pub signed_in_as: String,
    /// Only the places this user's role can use.
    pub links: Vec<(&'static str, String)>,
}

/// Where each role starts and which places it can reach, from the policy.
fn nav_links(tr: &Tr, caller: &Caller) -> Vec<(&'static str, String)> {
    use haven_core::access::authorize as may;
    let actor = caller.user.actor();
    let can = |p: Permission| may(&actor, p, haven_core::access::Purpose::case_management(), "").is_ok();
    let mut links = Vec::new();
    if can(Permission::ReadCase) {
        links.push(("/tasks", tr.t("nav-tasks")));
    }
    if can(Permission::ReadPerson) {
        links.push(("/persons", tr.t("nav-persons")));
    }
    if can(Permission::WritePerson) {
        links.push(("/persons/new", tr.t("nav-new-person")));
    }
    if can(Permission::ReadCase) {
        links.push(("/services", tr.t("nav-services")));
        links.push(("/referrals", tr.t("nav-referrals")));
    }
    if can(Permission::ReviewAccess) {
        links.push(("/review", tr.t("nav-review")));
    }
    if can(Permission::ReadAudit) {
        links.push(("/audit", tr.t("nav-audit")));
    }
    if can(Permission::ManageUsers) || can(Permission::ManageOrgs) {
        links.push(("/admin", tr.t("nav-admin")));
    }
    if can(Permission::ReadInbox) {
        links.push(("/inbox", tr.t("nav-inbox")));
    }
    links
}

/// The landing page for a role: the first place it can reach.
fn landing(tr: &Tr, caller: &Caller) -> &'static str {
    nav_links(tr, caller).first().map(|(href, _)| *href).unwrap_or("/password")
}

pub struct Layout {
    pub tr: Tr,
    pub nav: Option<Nav>,
    /// Where the language switcher returns to.
    pub next: String,
    pub languages: &'static [(&'static str, &'static str)],
}

impl Layout {
    pub(crate) fn new(tr: &Tr, caller: Option<&Caller>, next: &str) -> Self {
        Self {
            tr: tr.clone(),
            nav: caller.map(|c| Nav {
                csrf: c.csrf().to_owned(),
                signed_in_as: tr.t_with("nav-signed-in-as", "username", c.user.username.clone()),
                links: if c.second_factor_pending() { Vec::new() } else { nav_links(tr, c) },
            }),
            next: next.to_owned(),
            languages: &LANGUAGES,
        }
    }
}

pub(crate) fn render(t: &impl Template) -> Result<Response, WebError> {
    let body = t.render().map_err(|e| WebError::Internal(format!("template: {e}")))?;
    Ok(Html(body).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    message: String,
    /// A person id for which to offer emergency access (never a name).
    break_glass: Option<String>,
    csrf: String,
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
        WebError::PasswordChangeRequired => "password-explain",
        WebError::Integrity => "error-integrity",
        WebError::Unauthenticated | WebError::Internal(_) => "error-server",
    };
    let page =
        ErrorPage { l: Layout::new(tr, None, "/persons"), message: tr.t(key), break_glass: None, csrf: String::new() };
    match page.render() {
        Ok(html) => (err.status(), Html(html)).into_response(),
        Err(_) => err.status().into_response(),
    }
}

pub(crate) fn finish(tr: &Tr, r: Result<Response, WebError>) -> Response {
    r.unwrap_or_else(|e| error_page(tr, e))
}

/// A validation message in the user's language, naming the field.
pub(crate) fn validation_message(tr: &Tr, v: &ValidationError) -> String {
    let field = [format!("field-{}", v.field), format!("prot-field-{}", v.field)]
        .into_iter()
        .find(|k| tr.has(k))
        .map(|k| tr.t(&k))
        .unwrap_or_else(|| v.field.to_owned());
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
                let path = parts.uri.path();
                if c.second_factor_pending() {
                    // Until the second factor is done, only its own pages work.
                    let target = if c.user.totp_enabled { "/login/second-factor" } else { "/account/second-factor" };
                    if path != target && path != "/logout" {
                        return Err(Redirect::to(target).into_response());
                    }
                } else if c.user.must_change_password && path != "/password" && path != "/logout" {
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

pub(crate) fn local_date(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map(|t| format_date(t.date()))
        .unwrap_or_default()
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

// ---- small handlers ----

async fn home(tr: Tr, PageCaller(caller): PageCaller) -> Redirect {
    Redirect::to(landing(&tr, &caller))
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
    let client = crate::auth::client_ip_from(&state.trusted_proxies, addr.ip(), &headers).unwrap_or(addr.ip());
    if !state.limiter.check(client) {
        return retry(tr.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS);
    }
    let network = haven_store::auth::network_of(client);
    let outcome = match state.store.login(&form.username, &form.password, &network, &rid).await {
        Ok(o) => o,
        Err(e) => return error_page(&tr, e.into()),
    };
    let user = match outcome {
        LoginOutcome::Success(u) => u,
        // One answer for a wrong name, a wrong password and a back-off, so
        // the page never confirms that a username exists.
        LoginOutcome::Failed => return retry(tr.t("login-failed"), StatusCode::UNAUTHORIZED),
        LoginOutcome::Pending => return retry(tr.t("login-pending"), StatusCode::FORBIDDEN),
    };
    // A fresh session id at every login; any session the browser held ends.
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        let _ = state.store.end_session(old).await;
    }
    let (secret, _csrf) = match state.store.create_session(&user, false).await {
        Ok(s) => s,
        Err(e) => return error_page(&tr, e.into()),
    };
    // "/" sends the session on: second factor, then password, then the role's landing page.
    let mut res = Redirect::to("/").into_response();
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
    /// The password was set by someone else and must change before anything else.
    forced: bool,
    error: Option<String>,
}

async fn password_page(tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let page = PasswordPage {
        l: Layout::new(&tr, Some(&caller), "/password"),
        csrf: caller.csrf().to_owned(),
        forced: caller.user.must_change_password,
        error: None,
    };
    finish(&tr, render(&page))
}

#[derive(Deserialize)]
struct PasswordForm {
    csrf: String,
    current: String,
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
            forced: caller.user.must_change_password,
            error: Some(msg),
        };
        let mut res = finish(&tr, render(&page));
        *res.status_mut() = StatusCode::BAD_REQUEST;
        res
    };
    if form.password != form.confirm {
        return again(tr.t("password-mismatch"));
    }
    match state.store.change_password(&caller.user, &form.current, &form.password).await {
        Ok(()) => {}
        Err(haven_store::StoreError::Invalid(v)) => return again(validation_message(&tr, &v)),
        Err(e) => return error_page(&tr, e.into()),
    }
    // The change ended every session, this one included: start a new one.
    match state.store.create_session(&caller.user, !caller.second_factor_pending()).await {
        Ok((secret, _)) => {
            let mut res = Redirect::to("/").into_response();
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
    child: bool,
}

#[derive(Template)]
#[template(path = "persons.html")]
struct PersonsPage {
    l: Layout,
    q: String,
    /// Children first and apart (R02, R20); headings only when both appear.
    groups: Vec<(bool, Option<String>, Vec<PersonRow>)>,
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
        let scope = caller.scope(&state, Permission::ReadPerson).await?;
        let q = query.q.unwrap_or_default().trim().to_owned();
        let page = Page::new(query.page.unwrap_or(1), 50);
        let listing = if q.is_empty() {
            state.store.list_persons(&scope, page).await?
        } else {
            state.store.search_persons(&scope, &q, 50).await?
        };
        let rows: Vec<PersonRow> = listing
            .items
            .iter()
            .map(|p| PersonRow {
                id: p.id.to_string(),
                name: p.full_name.clone(),
                latin: p.latin_name.clone(),
                location: location_label(&tr, p.location),
                added: local_date(p.created_at_ms),
                child: p.may_be_child,
            })
            .collect();
        let (children, adults): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.child);
        let both = !children.is_empty() && !adults.is_empty();
        let mut groups = Vec::new();
        if !children.is_empty() {
            groups.push((true, Some(tr.t("persons-children")), children));
        }
        if !adults.is_empty() {
            groups.push((false, both.then(|| tr.t("persons-adults")), adults));
        }
        render(&PersonsPage {
            l: Layout::new(&tr, Some(&caller), "/persons"),
            q,
            groups,
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

async fn new_person_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = async {
        caller.scope(&state, Permission::WritePerson).await?;
        let f = PersonForm { location: "unknown".into(), ..Default::default() };
        new_person_form(&tr, &caller, f, None)
    }
    .await;
    finish(&tr, result)
}

async fn new_person_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<PersonForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(&state, Permission::WritePerson).await?;
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
    withheld: String,
    consents: Vec<ConsentRow>,
    access_log: Vec<(String, String, String, String, String, String)>,
    purposes: Vec<(&'static str, String)>,
    recipients: Vec<(String, String)>,
    categories: Vec<(&'static str, String)>,
    default_expiry: String,
    default_language: String,
    can_erase: bool,
    /// Supervisors only (R15): the link to the restricted cooperation record.
    may_open_cooperation: bool,
    can_record_consent: bool,
    can_screen: bool,
    /// (id, description, expungement due, current status code)
    penalties: Vec<(String, String, bool, &'static str)>,
    expungement_statuses: Vec<(&'static str, String)>,
    penalty_kinds: Vec<(&'static str, String)>,
    screenings: Vec<(String, String, String)>,
    instruments: Vec<(String, String)>,
}

fn display_person(
    tr: &Tr,
    r: &PersonRecord,
    created_ms: i64,
    withheld: haven_core::access::Categories,
) -> PersonDisplay {
    use haven_core::access::Category;
    let none = || tr.t("person-not-recorded");
    let hidden = |c: Category, v: String| if withheld.contains(c) { tr.t("person-withheld-field") } else { v };
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
        (tr.t("field-location"), hidden(Category::ContactLocation, location_label(tr, r.location))),
        (tr.t("field-contact"), hidden(Category::ContactLocation, r.contact.clone().unwrap_or_else(none))),
        (tr.t("field-notes"), hidden(Category::Narrative, r.notes.clone().unwrap_or_else(none))),
        (tr.t("person-created"), local_date(created_ms)),
    ];
    PersonDisplay {
        full_name: r.full_name.as_str().to_owned(),
        may_be_child: r.birth.may_be_child(today()),
        detained: !withheld.contains(Category::ContactLocation) && r.location.is_detention(),
        facts,
    }
}

fn status_label(tr: &Tr, s: CaseStatus) -> String {
    tr.t(&format!("status-{}", s.as_str()))
}

struct ConsentRow {
    id: String,
    purpose: String,
    recipient: String,
    categories: String,
    expires: String,
    status: String,
    withdrawable: bool,
}

fn audit_rows(
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

/// Whether to offer a control: the policy answers, the store enforces.
fn may(caller: &Caller, p: Permission) -> bool {
    haven_core::access::authorize(&caller.user.actor(), p, haven_core::access::Purpose::case_management(), "").is_ok()
}

fn category_label(tr: &Tr, c: haven_core::access::Category) -> String {
    tr.t(&format!("category-{}", c.as_str()))
}

async fn person_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let raw_id = id.clone();
    let result = async {
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let scope = caller.scope(&state, Permission::ReadPerson).await?;
        let view = state.store.get_person(&scope, id).await?;
        let mut page = PersonPageT {
            l: Layout::new(&tr, Some(&caller), &format!("/persons/{id}")),
            id: id.to_string(),
            csrf: caller.csrf().to_owned(),
            person: None,
            cases: Vec::new(),
            withheld: String::new(),
            consents: Vec::new(),
            access_log: Vec::new(),
            purposes: haven_core::consent::ConsentPurpose::ALL
                .iter()
                .map(|p| (p.as_str(), tr.t(&format!("consent-purpose-{}", p.as_str()))))
                .collect(),
            recipients: Vec::new(),
            categories: haven_core::access::Category::ALL
                .iter()
                .map(|c| (c.as_str(), category_label(&tr, *c)))
                .collect(),
            default_expiry: format_date(today().saturating_add(time::Duration::days(365))),
            default_language: tr.code().to_owned(),
            can_erase: may(&caller, Permission::ErasePerson),
            may_open_cooperation: may(&caller, Permission::RecordCooperation),
            can_record_consent: may(&caller, Permission::RecordConsent),
            can_screen: may(&caller, Permission::WriteCase),
            penalties: Vec::new(),
            expungement_statuses: haven_core::remedy::Expungement::ALL
                .iter()
                .map(|e| (e.as_str(), tr.t(&format!("expungement-{}", e.as_str()))))
                .collect(),
            penalty_kinds: haven_core::remedy::PenaltyKind::ALL
                .iter()
                .map(|k| (k.as_str(), tr.t(&format!("penalty-kind-{}", k.as_str()))))
                .collect(),
            screenings: Vec::new(),
            instruments: haven_instrument::built_in()
                .into_iter()
                .map(|i| {
                    let title = i.title.get(tr.code()).or_else(|| i.title.get("en")).cloned().unwrap_or_default();
                    (i.id, title)
                })
                .collect(),
        };
        if let PersonState::Active(r) = &view.state {
            let listing = state
                .store
                .list_cases(&caller.scope(&state, Permission::ReadCase).await?, Some(id), Page::new(1, 50))
                .await?;
            page.cases = listing
                .items
                .iter()
                .map(|c| (c.id.to_string(), status_label(&tr, c.record.status), format_date(c.record.opened_on)))
                .collect();
            page.person = Some(display_person(&tr, r, view.created_at_ms, view.withheld));
            if !view.withheld.is_empty() {
                let names: Vec<String> = view.withheld.iter().map(|c| category_label(&tr, c)).collect();
                page.withheld = format!("{} {}", tr.t("person-withheld"), names.join(", "));
            }
            page.consents = state
                .store
                .list_consents(&scope, id)
                .await?
                .iter()
                .map(|v| {
                    let t = &v.consent.terms;
                    let in_force = v.consent.withdrawn_on.is_none() && today() <= t.expires_on;
                    ConsentRow {
                        id: v.id.clone(),
                        purpose: tr.t(&format!("consent-purpose-{}", t.purpose.as_str())),
                        recipient: v.recipient_name.clone(),
                        categories: t.categories.iter().map(|c| category_label(&tr, c)).collect::<Vec<_>>().join(", "),
                        expires: format_date(t.expires_on),
                        status: tr.t(match (v.consent.withdrawn_on, in_force) {
                            (Some(_), _) => "consent-withdrawn",
                            (None, true) => "consent-in-force",
                            (None, false) => "consent-expired",
                        }),
                        withdrawable: v.consent.withdrawn_on.is_none(),
                    }
                })
                .collect();
            page.access_log = audit_rows(&tr, &state.store.access_log(&scope, id, 50).await?);
            page.penalties = state
                .store
                .list_penalties(&caller.scope(&state, Permission::ReadCase).await?, id)
                .await?
                .into_iter()
                .map(|p| {
                    let due =
                        p.consequence_of_trafficking && p.expungement == haven_core::remedy::Expungement::NotRequested;
                    let mut line = format!(
                        "{} · {} · {}",
                        tr.t(&format!("penalty-kind-{}", p.kind.as_str())),
                        p.country,
                        tr.t(&format!("expungement-{}", p.expungement.as_str()))
                    );
                    if let Some(d) = p.imposed_on {
                        line.push_str(&format!(" · {d}"));
                    }
                    if let Some(o) = p.offence {
                        line.push_str(&format!(" · {o}"));
                    }
                    (p.id, line, due, p.expungement.as_str())
                })
                .collect();
            page.screenings = state
                .store
                .list_screenings(&caller.scope(&state, Permission::ReadCase).await?, id)
                .await?
                .iter()
                .map(|s| {
                    let status = match &s.outcome {
                        Some(o) => {
                            tr.t(&format!("outcome-{o}")).split(['.', ':']).next().unwrap_or_default().to_owned()
                        }
                        None => tr.t("screening-in-progress"),
                    };
                    (s.id.clone(), format!("{} {}", tr.t("screening-started"), local_date(s.started_at_ms)), status)
                })
                .collect();
            page.recipients = state
                .store
                .list_orgs()
                .await?
                .into_iter()
                .filter(|o| o.id != caller.user.org_id)
                .map(|o| (o.id.to_string(), o.name))
                .collect();
        }
        render(&page)
    }
    .await;
    match result {
        Ok(res) => res,
        // Out of reach: say so without a name, and offer emergency access
        // to those whose role allows it.
        Err(WebError::NotFound) if raw_id.parse::<PersonId>().is_ok() => {
            let actor = caller.user.actor();
            let may = haven_core::access::authorize(
                &actor,
                Permission::BreakGlass,
                haven_core::access::Purpose::case_management(),
                "",
            )
            .is_ok();
            let page = ErrorPage {
                l: Layout::new(&tr, Some(&caller), "/persons"),
                message: tr.t("error-not-found"),
                break_glass: may.then_some(raw_id),
                csrf: caller.csrf().to_owned(),
            };
            match page.render() {
                Ok(html) => (StatusCode::NOT_FOUND, Html(html)).into_response(),
                Err(_) => StatusCode::NOT_FOUND.into_response(),
            }
        }
        Err(e) => error_page(&tr, e),
    }
}

#[derive(Deserialize)]
struct ConsentForm {
    csrf: String,
    purpose: String,
    recipient_org_id: String,
    expires_on: String,
    language: String,
    interpreter: Option<String>,
    cat_identity: Option<String>,
    cat_contact_location: Option<String>,
    cat_narrative: Option<String>,
    cat_health: Option<String>,
    cat_immigration_status: Option<String>,
    cat_forced_acts: Option<String>,
}

async fn consent_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<ConsentForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let scope = caller.scope(&state, Permission::RecordConsent).await?;
        let cats: Vec<&str> = [
            ("identity", &form.cat_identity),
            ("contact_location", &form.cat_contact_location),
            ("narrative", &form.cat_narrative),
            ("health", &form.cat_health),
            ("immigration_status", &form.cat_immigration_status),
            ("forced_acts", &form.cat_forced_acts),
        ]
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(c, _)| *c)
        .collect();
        let input = haven_core::consent::ConsentInput {
            purpose: form.purpose.clone(),
            categories: cats.join(","),
            expires_on: form.expires_on.clone(),
            language: form.language.clone(),
            interpreter: form.interpreter.clone(),
        };
        let recipient = form
            .recipient_org_id
            .parse()
            .map_err(|_| WebError::Invalid(ValidationError::new("recipient", "unknown_org", "no such organisation")))?;
        let terms = haven_core::consent::ConsentTerms::parse(&input, recipient, caller.user.id, today())?;
        state.store.record_consent(&scope, id, &terms).await?;
        Ok(Redirect::to(&format!("/persons/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

async fn withdraw_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(&state, Permission::RecordConsent).await?;
        let person = state.store.withdraw_consent(&scope, &id).await?;
        Ok(Redirect::to(&format!("/persons/{person}")).into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct ReasonForm {
    csrf: String,
    reason: String,
}

async fn break_glass_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let scope = caller.scope(&state, Permission::BreakGlass).await?;
        state.store.break_glass(&scope, id, &form.reason).await?;
        Ok(Redirect::to(&format!("/persons/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
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

async fn review_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = async {
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
    .await;
    finish(&tr, result)
}

async fn review_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((kind, id)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(&state, Permission::ReviewAccess).await?;
        state.store.mark_reviewed(&scope, &kind, &id).await?;
        Ok(Redirect::to("/review").into_response())
    }
    .await;
    finish(&tr, result)
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
struct AuditPageQuery {
    actor: Option<String>,
    record_id: Option<String>,
    action: Option<String>,
}

async fn audit_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<AuditPageQuery>,
) -> Response {
    let result = async {
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
    .await;
    finish(&tr, result)
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    l: Layout,
    items: Vec<(String, String, String)>,
}

async fn inbox_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = async {
        let scope = caller.scope(&state, Permission::ReadInbox).await?;
        let items = state
            .store
            .inbox(&scope)
            .await?
            .into_iter()
            .map(|i| (local_date(i.created_at_ms), tr.t(&format!("inbox-kind-{}", i.kind)), i.id))
            .collect();
        render(&InboxPage { l: Layout::new(&tr, Some(&caller), "/inbox"), items })
    }
    .await;
    finish(&tr, result)
}

struct OrgRow {
    id: String,
    name: String,
    kind: String,
    country: String,
    languages: String,
    see_all: bool,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    l: Layout,
    csrf: String,
    manage_orgs: bool,
    orgs: Vec<OrgRow>,
    kinds: Vec<(&'static str, String)>,
    users: Vec<UserRow>,
    /// Roles this administrator may grant somewhere.
    roles: Vec<(&'static str, String)>,
    user_orgs: Vec<(String, String)>,
    notice: Option<String>,
    new_password: Option<String>,
}

struct UserRow {
    id: String,
    username: String,
    role: String,
    org: String,
    second_factor: String,
    /// Waiting for a second administrator.
    pending: bool,
    /// This administrator may approve it (four eyes: not one's own grant).
    may_approve: bool,
}

async fn admin_render(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    notice: Option<String>,
    new_password: Option<String>,
) -> Result<Response, WebError> {
    let actor = caller.user.actor();
    let purpose = haven_core::access::Purpose::case_management;
    let manage_orgs = haven_core::access::authorize(&actor, Permission::ManageOrgs, purpose(), "").is_ok();
    if !manage_orgs {
        caller.scope(state, Permission::ManageUsers).await?;
    }
    let all_orgs = state.store.list_orgs().await?;
    let names: std::collections::HashMap<_, _> = all_orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    // Only organisations where this administrator may grant some role.
    let grantable = |o: &haven_store::auth::OrgSummary| {
        haven_core::access::Role::ALL.iter().any(|r| haven_core::access::may_grant(&actor, *r, o.id, o.kind))
    };
    let user_orgs: Vec<(String, String)> =
        all_orgs.iter().filter(|o| grantable(o)).map(|o| (o.id.to_string(), o.name.clone())).collect();
    let mut users = Vec::new();
    for o in all_orgs.iter().filter(|o| haven_core::access::may_manage_users_of(&actor, o.id)) {
        for u in state.store.list_users(Some(o.id)).await? {
            let pending = u.status == haven_store::auth::AccountStatus::Pending;
            users.push(UserRow {
                id: u.id.to_string(),
                username: u.username,
                role: tr.t(&format!("role-{}", u.role.as_str())),
                org: names.get(&u.org_id).cloned().unwrap_or_default(),
                second_factor: tr.t(if u.totp_enabled { "admin-yes" } else { "admin-no" }),
                pending,
                may_approve: pending && haven_core::access::may_approve(&actor, u.created_by, u.org_id),
            });
        }
    }
    let orgs = if manage_orgs {
        all_orgs
            .iter()
            .map(|o| OrgRow {
                id: o.id.to_string(),
                name: o.name.clone(),
                kind: tr.t(&format!("org-kind-{}", o.kind.as_str())),
                country: o.country.clone().unwrap_or_default(),
                languages: o.languages.join(", "),
                see_all: o.caseworkers_see_all,
            })
            .collect()
    } else {
        Vec::new()
    };
    let roles = haven_core::access::Role::ALL
        .iter()
        .filter(|r| all_orgs.iter().any(|o| haven_core::access::may_grant(&actor, **r, o.id, o.kind)))
        .map(|r| (r.as_str(), tr.t(&format!("role-{}", r.as_str()))))
        .collect();
    render(&AdminPage {
        l: Layout::new(tr, Some(caller), "/admin"),
        csrf: caller.csrf().to_owned(),
        manage_orgs,
        orgs,
        kinds: haven_core::access::OrgKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.t(&format!("org-kind-{}", k.as_str()))))
            .collect(),
        users,
        roles,
        user_orgs,
        notice,
        new_password,
    })
}

async fn admin_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = admin_render(&state, &tr, &caller, None, None).await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct OrgForm {
    csrf: String,
    name: String,
    kind: String,
    country: Option<String>,
    languages: Option<String>,
}

async fn admin_org_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<OrgForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        caller.scope(&state, Permission::ManageOrgs).await?;
        let country = form.country.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let languages: Vec<String> = form
            .languages
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        for l in &languages {
            haven_core::person::LanguageTag::parse(l)?;
        }
        let org = state.store.create_org(&form.name, &form.kind, country).await?;
        if !languages.is_empty() {
            state.store.set_org_languages(org, &languages).await?;
        }
        Ok(Redirect::to("/admin").into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct OrgSettingsForm {
    csrf: String,
    caseworkers_see_all: Option<String>,
}

async fn admin_org_settings_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<OrgSettingsForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        caller.scope(&state, Permission::ManageOrgs).await?;
        let org = id.parse().map_err(|_| WebError::NotFound)?;
        state.store.set_org_caseworkers_see_all(org, form.caseworkers_see_all.is_some(), caller.user.id).await?;
        Ok(Redirect::to("/admin").into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct UserForm {
    csrf: String,
    username: String,
    role: String,
    org_id: String,
}

async fn admin_user_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<UserForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        caller.scope(&state, Permission::ManageUsers).await?;
        let org = form.org_id.parse().map_err(|_| WebError::NotFound)?;
        let role = haven_core::access::Role::parse(&form.role)?;
        let granted =
            state.store.grant_user(&caller.user.actor(), org, &form.username, role, &caller.request_id).await?;
        let key = if granted.pending { "admin-user-pending" } else { "admin-user-created" };
        let notice = tr.t_with(key, "username", form.username.clone());
        admin_render(&state, &tr, &caller, Some(notice), Some(granted.password)).await
    }
    .await;
    finish(&tr, result)
}

/// Approving a pending grant, or unlocking an account's sign-in.
async fn admin_user_action_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, action)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        caller.scope(&state, Permission::ManageUsers).await?;
        let user: haven_core::ids::UserId = id.parse().map_err(|_| WebError::NotFound)?;
        let actor = caller.user.actor();
        let key = match action.as_str() {
            "approve" => {
                state.store.approve_user(&actor, user, &caller.request_id).await?;
                "admin-user-approved"
            }
            "unlock" => {
                state.store.unlock_user(&actor, user, &caller.request_id).await?;
                "admin-user-unlocked"
            }
            _ => return Err(WebError::NotFound),
        };
        admin_render(&state, &tr, &caller, Some(tr.t(key)), None).await
    }
    .await;
    finish(&tr, result)
}

// ---- account ----

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    l: Layout,
    csrf: String,
    second_factor: bool,
    tokens: Vec<TokenRow>,
    notice: Option<String>,
}

struct TokenRow {
    id: String,
    created: String,
    expires: String,
    scopes: String,
    pending: bool,
}

async fn account_render(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let tokens = state
        .store
        .list_tokens(&caller.user)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            created: local_date(t.created_at_ms),
            expires: t.expires_at_ms.map(local_date).unwrap_or_default(),
            scopes: t
                .scopes
                .iter()
                .map(|s| tr.t(&format!("token-scope-{}", s.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            pending: t.pending,
        })
        .collect();
    render(&AccountPage {
        l: Layout::new(tr, Some(caller), "/account"),
        csrf: caller.csrf().to_owned(),
        second_factor: caller.user.totp_enabled,
        tokens,
        notice,
    })
}

async fn account_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = account_render(&state, &tr, &caller, None).await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct TokenActionForm {
    csrf: String,
    code: Option<String>,
}

/// Confirming a token with the second factor (a token for a role that needs
/// one works only after this), or revoking one's own token.
async fn account_token_submit(
    State(state): State<AppState>,
    tr: Tr,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageCaller(caller): PageCaller,
    Path((id, action)): Path<(String, String)>,
    Form(form): Form<TokenActionForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let token: haven_core::ids::TokenId = id.parse().map_err(|_| WebError::NotFound)?;
        let notice = match action.as_str() {
            "confirm" => {
                if !state.limiter.check(addr.ip()) {
                    return Err(WebError::RateLimited);
                }
                let code = form.code.as_deref().unwrap_or("");
                match state.store.confirm_token(&caller.user, token, code).await? {
                    SecondFactorOutcome::Accepted => tr.t("account-token-confirmed"),
                    SecondFactorOutcome::Wrong => tr.t("mfa-wrong"),
                    SecondFactorOutcome::Locked => tr.t("mfa-locked"),
                }
            }
            "revoke" => {
                state.store.revoke_tokens(&caller.user.username, Some(token)).await?;
                tr.t("account-token-revoked")
            }
            _ => return Err(WebError::NotFound),
        };
        account_render(&state, &tr, &caller, Some(notice)).await
    }
    .await;
    finish(&tr, result)
}

// ---- second factor ----

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    l: Layout,
    csrf: String,
    action: &'static str,
    /// (base32 secret, otpauth URI) while enrolling.
    enrolment: Option<(String, String)>,
    error: Option<String>,
}

async fn second_factor_page(tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let page = SecondFactorPage {
        l: Layout::new(&tr, Some(&caller), "/login/second-factor"),
        csrf: caller.csrf().to_owned(),
        action: "/login/second-factor",
        enrolment: None,
        error: None,
    };
    finish(&tr, render(&page))
}

#[derive(Deserialize)]
struct CodeForm {
    csrf: String,
    code: String,
}

async fn check_code(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    form: &CodeForm,
    action: &'static str,
) -> Result<Response, WebError> {
    caller.check_form_csrf(&form.csrf)?;
    // Codes are guessable in a million tries: the login limiter applies.
    let secret = match &caller.credential {
        Credential::Session { secret, .. } => secret.clone(),
        Credential::Bearer { .. } => return Err(WebError::Forbidden),
    };
    let message = match state.store.verify_second_factor(&caller.user, &form.code, Some(&secret)).await? {
        SecondFactorOutcome::Accepted => return Ok(Redirect::to("/").into_response()),
        SecondFactorOutcome::Wrong => tr.t("mfa-wrong"),
        SecondFactorOutcome::Locked => tr.t("mfa-locked"),
    };
    let page = SecondFactorPage {
        l: Layout::new(tr, Some(caller), action),
        csrf: caller.csrf().to_owned(),
        action,
        enrolment: None,
        error: Some(message),
    };
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNAUTHORIZED;
    Ok(res)
}

async fn second_factor_submit(
    State(state): State<AppState>,
    tr: Tr,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageCaller(caller): PageCaller,
    Form(form): Form<CodeForm>,
) -> Response {
    if !state.limiter.check(addr.ip()) {
        return error_page(&tr, WebError::RateLimited);
    }
    let result = check_code(&state, &tr, &caller, &form, "/login/second-factor").await;
    finish(&tr, result)
}

async fn enrol_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = async {
        if caller.user.totp_enabled {
            return Ok(Redirect::to("/").into_response());
        }
        let e = state.store.begin_totp(&caller.user).await?;
        render(&SecondFactorPage {
            l: Layout::new(&tr, Some(&caller), "/account/second-factor"),
            csrf: caller.csrf().to_owned(),
            action: "/account/second-factor",
            enrolment: Some((e.secret_base32, e.uri)),
            error: None,
        })
    }
    .await;
    finish(&tr, result)
}

async fn enrol_submit(
    State(state): State<AppState>,
    tr: Tr,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageCaller(caller): PageCaller,
    Form(form): Form<CodeForm>,
) -> Response {
    if !state.limiter.check(addr.ip()) {
        return error_page(&tr, WebError::RateLimited);
    }
    let result = check_code(&state, &tr, &caller, &form, "/account/second-factor").await;
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
        let cid = state.store.open_case(&caller.scope(&state, Permission::WriteCase).await?, id, &record).await?;
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
        state.store.erase_person(&caller.scope(&state, Permission::ErasePerson).await?, id).await?;
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
    let case = state.store.get_case(&caller.scope(state, Permission::ReadCase).await?, id).await?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, case.person_id).await?;
    let person_name = match person.state {
        PersonState::Active(r) => r.full_name.as_str().to_owned(),
        PersonState::Erased { .. } => tr.t("person-erased"),
    };
    let notes = state
        .store
        .list_notes(&caller.scope(state, Permission::ReadCase).await?, id)
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
        state.store.add_note(&caller.scope(&state, Permission::WriteCase).await?, id, &body).await?;
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
            .update_case(&caller.scope(&state, Permission::WriteCase).await?, id, |c| {
                Ok(c.with_status(status, None, today())?)
            })
            .await?;
        Ok(Redirect::to(&format!("/cases/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

// ---- identification interview ----

#[derive(Deserialize)]
struct StartScreeningForm {
    csrf: String,
    instrument: String,
    survivor_language: String,
    interpreter: Option<String>,
}

async fn start_screening_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<StartScreeningForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let instrument = haven_instrument::find(&form.instrument).ok_or(WebError::NotFound)?;
        let language = haven_core::person::LanguageTag::parse(&form.survivor_language)?;
        let sid = state.store.start_screening(&scope, id, &instrument, &language, form.interpreter.as_deref()).await?;
        Ok(Redirect::to(&format!("/screenings/{sid}/q/0")).into_response())
    }
    .await;
    finish(&tr, result)
}

fn answer_label(tr: &Tr, a: &haven_core::screening::Answer) -> String {
    use haven_core::screening::Answer;
    match a {
        Answer::Yes => tr.t("screening-yes"),
        Answer::No => tr.t("screening-no"),
        Answer::PreferNotToSay => tr.t("screening-prefer-not"),
        Answer::DontKnow => tr.t("screening-dont-know"),
        Answer::Choice(c) => tr.t(&format!("option-{c}")),
        Answer::Multi(cs) => cs.iter().map(|c| tr.t(&format!("option-{c}"))).collect::<Vec<_>>().join(", "),
        Answer::Number(n) => n.to_string(),
        Answer::Text(t) => t.clone(),
    }
}

/// The survivor's language for question text: one of the nine, else English.
fn survivor_tr(code: &str) -> Tr {
    let primary = if code.starts_with("zh") { "zh-Hans" } else { code.split('-').next().unwrap_or("en") };
    Tr::new(primary)
}

#[derive(Template)]
#[template(path = "interview.html")]
struct InterviewPage {
    l: Layout,
    csrf: String,
    id: String,
    index: usize,
    number: usize,
    total: usize,
    progress: String,
    survivor_lang: String,
    text_survivor: String,
    text_ui: String,
    show_both: bool,
    kind: &'static str,
    options: Vec<(String, String, bool)>,
    current: String,
    yes_survivor: String,
    no_survivor: String,
    prefer_survivor: String,
    dontknow_survivor: String,
}

async fn question_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, n)): Path<(String, usize)>,
) -> Response {
    let result = async {
        let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, &id).await?;
        if view.completed {
            return Ok(Redirect::to(&format!("/screenings/{id}")).into_response());
        }
        let instrument = crate::screening::instrument_of(&view)?;
        let Some(q) = instrument.questions.get(n) else {
            return Ok(Redirect::to(&format!("/screenings/{id}")).into_response());
        };
        let str_ = survivor_tr(&view.survivor_language);
        let answers = view.answers.clone().unwrap_or_default();
        let current = answers.get(&q.id);
        use haven_core::screening::{Answer, AnswerType};
        let current_code = match current {
            Some(Answer::Yes) => "yes".to_owned(),
            Some(Answer::No) => "no".to_owned(),
            Some(Answer::PreferNotToSay) => "prefer_not_to_say".to_owned(),
            Some(Answer::DontKnow) => "dont_know".to_owned(),
            Some(Answer::Number(x)) => x.to_string(),
            Some(Answer::Text(t)) => t.clone(),
            Some(Answer::Choice(c)) => c.clone(),
            _ => String::new(),
        };
        let options = match &q.answer {
            AnswerType::Choice(opts) | AnswerType::MultiChoice(opts) => opts
                .iter()
                .map(|o| {
                    let chosen = match current {
                        Some(Answer::Choice(c)) => c == o,
                        Some(Answer::Multi(cs)) => cs.contains(o),
                        _ => false,
                    };
                    (o.clone(), str_.t(&format!("option-{o}")), chosen)
                })
                .collect(),
            _ => Vec::new(),
        };
        let text = |lang: &str| q.text.get(lang).or_else(|| q.text.get("en")).cloned().unwrap_or_default();
        render(&InterviewPage {
            l: Layout::new(&tr, Some(&caller), &format!("/screenings/{id}/q/{n}")),
            csrf: caller.csrf().to_owned(),
            id: id.clone(),
            index: n,
            number: n + 1,
            total: instrument.questions.len(),
            progress: tr.t_with2(
                "screening-progress",
                ("n", (n + 1) as i64),
                ("total", instrument.questions.len() as i64),
            ),
            survivor_lang: str_.code().to_owned(),
            text_survivor: text(str_.code()),
            text_ui: text(tr.code()),
            show_both: str_.code() != tr.code(),
            kind: q.answer.code(),
            options,
            current: current_code,
            yes_survivor: str_.t("screening-yes"),
            no_survivor: str_.t("screening-no"),
            prefer_survivor: str_.t("screening-prefer-not"),
            dontknow_survivor: str_.t("screening-dont-know"),
        })
    }
    .await;
    finish(&tr, result)
}

async fn answer_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, n)): Path<(String, usize)>,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> Response {
    let result = async {
        caller.check_form_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
        let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, &id).await?;
        let instrument = crate::screening::instrument_of(&view)?;
        let q = instrument.questions.get(n).ok_or(WebError::NotFound)?;
        use haven_core::screening::{Answer, AnswerType};
        let value = form.get("value").map(|v| v.trim()).filter(|v| !v.is_empty());
        let answer = match (value, &q.answer) {
            (Some("prefer_not_to_say"), _) => Some(Answer::PreferNotToSay),
            (Some("dont_know"), _) => Some(Answer::DontKnow),
            (Some("yes"), AnswerType::YesNo) => Some(Answer::Yes),
            (Some("no"), AnswerType::YesNo) => Some(Answer::No),
            (Some(v), AnswerType::Choice(opts)) if opts.iter().any(|o| o == v) => Some(Answer::Choice(v.to_owned())),
            (Some(v), AnswerType::Number) => Some(Answer::Number(
                v.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .ok_or(WebError::Invalid(ValidationError::new("value", "invalid_number", "enter a number")))?,
            )),
            (Some(v), AnswerType::Date | AnswerType::Place | AnswerType::FreeText) => {
                Some(Answer::Text(v.chars().take(2000).collect()))
            }
            (None, AnswerType::MultiChoice(opts)) => {
                let chosen: Vec<String> =
                    opts.iter().filter(|o| form.contains_key(&format!("opt_{o}"))).cloned().collect();
                (!chosen.is_empty()).then_some(Answer::Multi(chosen))
            }
            (None, _) => None,
            (Some(_), _) => {
                return Err(WebError::Invalid(ValidationError::new(
                    "value",
                    "invalid_answer",
                    "choose one of the answers",
                )))
            }
        };
        if let Some(a) = answer {
            let mut one = std::collections::BTreeMap::new();
            one.insert(q.id.clone(), a);
            state
                .store
                .record_answers(&caller.scope(&state, Permission::WriteCase).await?, &id, &one, &instrument)
                .await?;
        }
        let next = if n + 1 < instrument.questions.len() {
            format!("/screenings/{id}/q/{}", n + 1)
        } else {
            format!("/screenings/{id}")
        };
        Ok(Redirect::to(&next).into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    l: Layout,
    csrf: String,
    id: String,
    person_id: String,
    instrument: String,
    status: String,
    answered: String,
    completed: bool,
    next_index: usize,
    outcome_code: String,
    outcome: String,
    elements: Vec<(String, String, Vec<String>)>,
    revisit: Vec<String>,
    needs: Vec<String>,
    vulnerabilities: Vec<String>,
    /// Kinds of service the needs call for, each with the directory's offers.
    /// (service type, label, fitting providers in the directory).
    suggested: Vec<(&'static str, String, Vec<String>)>,
    version: String,
    rule: String,
    detained: bool,
    corroboration: String,
    decisions: Vec<(String, String, String)>,
    authorities: Vec<(String, String)>,
    can_decide: bool,
    decide_hint: String,
    jur_name: String,
    jur_fc: String,
    jur_alternatives: String,
    jur_scope: String,
    jur_deadlines: String,
    jur_decides: String,
}

async fn screening_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, &id).await?;
        let instrument = crate::screening::instrument_of(&view)?;
        let d = crate::screening::determine(&state, &caller, &view).await?;
        let answers = view.answers.clone().unwrap_or_default();
        let qtext = |qid: &str| {
            instrument
                .question(qid)
                .and_then(|q| q.text.get(tr.code()).or_else(|| q.text.get("en")).cloned())
                .unwrap_or_else(|| qid.to_owned())
        };
        let next_index = instrument.questions.iter().position(|q| !answers.contains_key(&q.id)).unwrap_or(0);
        // The holding organisation's country decides which law applies (R04, R12).
        let jur = crate::screening::jurisdiction(&state, &caller).await?;
        let person =
            state.store.get_person(&caller.scope(&state, Permission::ReadPerson).await?, view.person_id).await?;
        let detained = matches!(&person.state, PersonState::Active(r) if r.location.is_detention())
            && !person.withheld.contains(haven_core::access::Category::ContactLocation);
        let revisit = d.outcome.still_open().1.iter().map(|q| qtext(q)).collect();
        // R09, R19: the needs point to kinds of service, matched to the
        // person; the directory says who offers them.
        let (sex, age, child) = match &person.state {
            PersonState::Active(r) => (
                haven_core::services::fit_sex(r.sex.as_deref()),
                r.birth.age_on(today()),
                r.birth.may_be_child(today()),
            ),
            _ => (None, None, false),
        };
        let directory = state
            .store
            .list_services(
                &caller.scope(&state, Permission::ReadCase).await?,
                &haven_store::services::ServiceFilter::default(),
            )
            .await?;
        let suggested = haven_core::services::suggested_types(&d.need_codes(), sex, child)
            .into_iter()
            .map(|t| {
                let offers: Vec<String> = directory
                    .iter()
                    .filter(|v| v.service.service_type == t && v.service.takes(sex, age.map(u32::from), child))
                    .map(|v| format!("{} — {} — {}", v.service.provider, v.service.name, v.service.contact))
                    .collect();
                (t, tr.t(&format!("svc-type-{t}")), offers)
            })
            .collect();
        render(&ScreeningPage {
            suggested,
            l: Layout::new(&tr, Some(&caller), &format!("/screenings/{id}")),
            csrf: caller.csrf().to_owned(),
            id: id.clone(),
            person_id: view.person_id.to_string(),
            instrument: instrument
                .title
                .get(tr.code())
                .or_else(|| instrument.title.get("en"))
                .cloned()
                .unwrap_or_default(),
            status: tr.t(if view.completed { "screening-completed" } else { "screening-in-progress" }),
            answered: tr.t_with("screening-answered", "n", answers.len() as i64),
            completed: view.completed,
            next_index,
            outcome_code: d.outcome.code().to_owned(),
            outcome: tr.t(&format!("outcome-{}", d.outcome.code())),
            elements: d
                .elements
                .iter()
                .map(|e| {
                    let status = tr.t(if e.met { "screening-element-met" } else { "screening-element-not-met" });
                    let evidence = e
                        .evidence
                        .iter()
                        .map(|ev| {
                            let a = answers.get(&ev.question).map(|a| answer_label(&tr, a)).unwrap_or_default();
                            format!("{} — {} ({})", qtext(&ev.question), a, ev.strength.as_str())
                        })
                        .collect();
                    (tr.t(&format!("element-{}", e.element.as_str())), status, evidence)
                })
                .collect(),
            revisit,
            needs: d.needs.iter().map(|n| tr.t(&format!("need-{}", n.kind.as_str()))).collect(),
            vulnerabilities: d.vulnerabilities.iter().map(|v| tr.t(&format!("vulnerability-{v}"))).collect(),
            version: format!(
                "{} {} ({})",
                d.instrument_id,
                d.instrument_version,
                &d.instrument_hash[..12.min(d.instrument_hash.len())]
            ),
            rule: d.rule_source.clone(),
            detained,
            decisions: state
                .store
                .list_decisions(&caller.scope(&state, Permission::ReadCase).await?, &id)
                .await?
                .into_iter()
                .map(|d| {
                    let label =
                        tr.t(if d.conclusion == "confirmed" { "decision-confirmed" } else { "decision-not-confirmed" });
                    let signed = format!("{} · {}", d.decided_by_name, local_date(d.decided_at_ms));
                    (label, signed, d.reasons.unwrap_or_default())
                })
                .collect(),
            authorities: state
                .store
                .list_orgs()
                .await?
                .into_iter()
                .filter(|o| o.kind.is_enforcement())
                .map(|o| (o.id.to_string(), o.name))
                .collect(),
            can_decide: may(&caller, Permission::DecideConclusively),
            decide_hint: tr.t_with("decision-hint", "days", i64::from(jur.reflection_days)),
            corroboration: match state
                .store
                .corroboration_count(&caller.scope(&state, Permission::ReadCase).await?, &id)
                .await?
            {
                0 => String::new(),
                n => tr.t_with("screening-corroborated", "count", n),
            },
            jur_name: jur.name.to_owned(),
            jur_fc: tr.t(if jur.recognises_forced_criminality { "jur-fc-recognised" } else { "jur-fc-not-recognised" }),
            jur_alternatives: jur.alternative_provisions.to_owned(),
            jur_scope: jur.non_punishment_scope.to_owned(),
            jur_deadlines: tr.t_with2(
                "jur-deadlines",
                ("days", i64::from(jur.rg_target_working_days)),
                ("reflection", i64::from(jur.reflection_days)),
            ),
            jur_decides: jur.decides.to_owned(),
        })
    }
    .await;
    finish(&tr, result)
}

async fn complete_screening_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, &id).await?;
        let d = crate::screening::determine(&state, &caller, &view).await?;
        state
            .store
            .complete_screening(&caller.scope(&state, Permission::WriteCase).await?, &id, d.outcome.code())
            .await?;
        Ok(Redirect::to(&format!("/screenings/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct DecisionForm {
    csrf: String,
    conclusion: String,
    reasons: String,
}

async fn decision_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(&state, Permission::DecideConclusively).await?;
        let conclusion = haven_core::screening::decision::Conclusion::parse(&form.conclusion)?;
        let reasons = haven_core::screening::decision::Reasons::parse(&form.reasons)?;
        let days = crate::screening::reflection_days(&state, &caller).await?;
        state.store.record_decision(&scope, &id, conclusion, &reasons, days).await?;
        Ok(Redirect::to(&format!("/screenings/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

// ---- task list ----

struct TaskRow {
    kind: &'static str,
    label: String,
    name: String,
    href: String,
    due: String,
    overdue: bool,
    urgent: bool,
    child: bool,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    l: Layout,
    tasks: Vec<TaskRow>,
}

/// The landing page for case roles: urgent work first (R13, R20).
async fn tasks_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> Response {
    let result = async {
        let scope = caller.scope(&state, Permission::ReadCase).await?;
        let facts = state.store.task_facts(&scope).await?;
        let jur = crate::screening::jurisdiction(&state, &caller).await?;
        let tasks = haven_core::tasks::compute(&facts, today(), jur.rg_target_working_days, jur.reflection_days)
            .into_iter()
            .map(|t| {
                use haven_core::tasks::TaskKind;
                TaskRow {
                    kind: t.kind.as_str(),
                    label: tr.t(&format!("task-{}", t.kind.as_str())),
                    href: match (&t.screening_id, t.kind) {
                        (Some(s), _) => format!("/screenings/{s}"),
                        (None, TaskKind::ReturnFollowUp) => format!("/persons/{}/protection", t.person_id),
                        (None, TaskKind::ReferralOverdue) => format!("/persons/{}/referrals", t.person_id),
                        (None, _) => format!("/persons/{}", t.person_id),
                    },
                    name: t.name,
                    due: format_date(t.due),
                    overdue: t.overdue,
                    urgent: matches!(t.kind, TaskKind::RequestRelease | TaskKind::ChildInDetention),
                    child: t.child,
                }
            })
            .collect();
        render(&TasksPage { l: Layout::new(&tr, Some(&caller), "/tasks"), tasks })
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct PenaltyForm {
    csrf: String,
    kind: String,
    country: String,
    imposed_on: Option<String>,
    offence: String,
    consequence: Option<String>,
}

async fn penalty_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<PenaltyForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let p = haven_core::remedy::Penalty::parse(
            &form.kind,
            &form.country,
            form.imposed_on.as_deref(),
            &form.offence,
            form.consequence.is_some(),
            today(),
        )?;
        state.store.record_penalty(&scope, id, &p).await?;
        Ok(Redirect::to(&format!("/persons/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct ExpungementForm {
    csrf: String,
    status: String,
}

/// Follows an expungement request through to its outcome (R14).
async fn expungement_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<ExpungementForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let status = haven_core::remedy::Expungement::parse(&form.status)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let person = state.store.set_expungement(&scope, &id, status).await?;
        Ok(Redirect::to(&format!("/persons/{person}")).into_response())
    }
    .await;
    finish(&tr, result)
}

// ---- the service directory (R19) ----

struct ServiceRow {
    type_code: &'static str,
    type_label: String,
    provider: String,
    name: String,
    languages: String,
    location: String,
    eligibility: String,
    capacity: String,
    contact: String,
    /// Set when the reader's organisation added it and may remove it.
    remove_id: Option<String>,
}

#[derive(Template)]
#[template(path = "services.html")]
struct ServicesPage {
    l: Layout,
    csrf: String,
    message: Option<String>,
    error: Option<String>,
    services: Vec<ServiceRow>,
    types: Vec<(&'static str, String)>,
    sexes: Vec<(&'static str, String)>,
    filter_type: String,
    filter_country: String,
    filter_language: String,
    filter_q: String,
}

fn service_row(tr: &Tr, s: &haven_core::services::Service, remove_id: Option<String>) -> ServiceRow {
    let mut elig = vec![tr.t(&format!("svc-sex-{}", s.sex))];
    match (s.min_age, s.max_age) {
        (Some(a), Some(b)) => elig.push(format!("{a}–{b}")),
        (Some(a), None) => elig.push(format!("{a}+")),
        (None, Some(b)) => elig.push(format!("≤{b}")),
        (None, None) => {}
    }
    ServiceRow {
        type_code: s.service_type,
        type_label: tr.t(&format!("svc-type-{}", s.service_type)),
        provider: s.provider.clone(),
        name: s.name.clone(),
        languages: s.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", "),
        location: format!("{} {}", s.location, s.country.as_str()).trim().to_owned(),
        eligibility: elig.join(" · "),
        capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
        contact: s.contact.clone(),
        remove_id,
    }
}

async fn services_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    q: &crate::directory::ServiceQuery,
    message: Option<String>,
    error: Option<String>,
) -> Result<ServicesPage, WebError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let list = state.store.list_services(&scope, &q.filter()).await?;
    Ok(ServicesPage {
        l: Layout::new(tr, Some(caller), "/services"),
        csrf: caller.csrf().to_owned(),
        message,
        error,
        services: list.iter().map(|v| service_row(tr, &v.service, v.own.then(|| v.id.clone()))).collect(),
        types: haven_core::services::SERVICE_TYPES.iter().map(|t| (*t, tr.t(&format!("svc-type-{t}")))).collect(),
        sexes: haven_core::services::ELIGIBLE_SEX.iter().map(|s| (*s, tr.t(&format!("svc-sex-{s}")))).collect(),
        filter_type: q.service_type.clone().unwrap_or_default(),
        filter_country: q.country.clone().unwrap_or_default(),
        filter_language: q.language.clone().unwrap_or_default(),
        filter_q: q.q.clone().unwrap_or_default(),
    })
}

async fn services_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<crate::directory::ServiceQuery>,
) -> Response {
    let result = async { render(&services_view(&state, &tr, &caller, &q, None, None).await?) }.await;
    finish(&tr, result)
}

async fn services_csv(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<crate::directory::ServiceQuery>,
) -> Response {
    let result = crate::directory::csv_response(&state, &caller, &q).await;
    finish(&tr, result)
}

async fn services_xlsx(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<crate::directory::ServiceQuery>,
) -> Response {
    let result = crate::directory::xlsx_response(&state, &caller, &q).await;
    finish(&tr, result)
}

/// Imports an uploaded CSV or XLSX file (multipart form), all rows or none.
async fn service_file_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    mut form: axum::extract::Multipart,
) -> Response {
    let result = async {
        let (mut csrf, mut file) = (String::new(), None);
        let bad = |e: axum::extract::multipart::MultipartError| WebError::BadRequest(e.body_text());
        while let Some(field) = form.next_field().await.map_err(bad)? {
            match field.name() {
                Some("csrf") => csrf = field.text().await.map_err(bad)?,
                Some("file") => {
                    let content_type = field.content_type().map(str::to_owned);
                    file = Some((content_type, field.bytes().await.map_err(bad)?));
                }
                _ => {}
            }
        }
        caller.check_form_csrf(&csrf)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let q = crate::directory::ServiceQuery::default();
        let parsed = match &file {
            Some((t, bytes)) if !bytes.is_empty() => crate::directory::parse_spreadsheet(t.as_deref(), bytes),
            _ => Err(WebError::BadRequest(tr.t("svc-import-no-file"))),
        };
        service_import_outcome(&state, &tr, &caller, &scope, &q, parsed).await
    }
    .await;
    finish(&tr, result)
}

async fn service_remove_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        state.store.remove_service(&caller.scope(&state, Permission::WriteCase).await?, &id).await?;
        Ok(Redirect::to("/services").into_response())
    }
    .await;
    finish(&tr, result)
}

/// Adds one entry, or shows the page again with what is wrong.
async fn service_add_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(mut form): Form<std::collections::BTreeMap<String, String>>,
) -> Response {
    let result = async {
        caller.check_form_csrf(form.remove("csrf").as_deref().unwrap_or_default())?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let q = crate::directory::ServiceQuery::default();
        match haven_core::services::Service::parse(&form) {
            Ok(s) => {
                state.store.add_services(&scope, std::slice::from_ref(&s)).await?;
                Ok(Redirect::to("/services").into_response())
            }
            Err(v) => {
                let page = services_view(&state, &tr, &caller, &q, None, Some(validation_message(&tr, &v))).await?;
                let mut res = render(&page)?;
                *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                Ok(res)
            }
        }
    }
    .await;
    finish(&tr, result)
}

#[derive(Deserialize)]
struct ImportForm {
    csrf: String,
    csv: String,
}

/// Imports pasted CSV: all rows or none.
async fn service_import_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(form): Form<ImportForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        let q = crate::directory::ServiceQuery::default();
        let parsed = crate::directory::parse_csv(form.csv.as_bytes());
        service_import_outcome(&state, &tr, &caller, &scope, &q, parsed).await
    }
    .await;
    finish(&tr, result)
}

/// Adds what was parsed, or shows the page again with why nothing was added.
async fn service_import_outcome(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    scope: &haven_core::access::Scope,
    q: &crate::directory::ServiceQuery,
    parsed: Result<Vec<haven_core::services::Service>, WebError>,
) -> Result<Response, WebError> {
    match parsed {
        Ok(services) => {
            state.store.add_services(scope, &services).await?;
            let msg = tr.t_with("svc-imported", "n", services.len() as i64);
            render(&services_view(state, tr, caller, q, Some(msg), None).await?)
        }
        Err(e) => {
            let msg = format!("{}: {e}", tr.t("svc-import-refused"));
            let page = services_view(state, tr, caller, q, None, Some(msg)).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

// ---- return, stay and the child pathway (R20, R21, R22) ----

/// One record on the protection page, with its fields labelled.
struct ProtectionRow {
    kind: &'static str,
    label: String,
    status_code: String,
    status: String,
    made_on: String,
    fields: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "protection.html")]
struct ProtectionPage {
    l: Layout,
    csrf: String,
    id: String,
    name: String,
    child: bool,
    error: Option<String>,
    return_rows: Vec<ProtectionRow>,
    child_rows: Vec<ProtectionRow>,
    claim_rows: Vec<ProtectionRow>,
    losses: Vec<(&'static str, String)>,
    claim_statuses: Vec<(&'static str, String)>,
    stay: Vec<String>,
    risks: Vec<(&'static str, String)>,
    levels: Vec<(&'static str, String)>,
    recommendations: Vec<(&'static str, String)>,
    today: String,
    /// A refused form comes back filled in as it was sent, and open.
    refused: Option<(&'static str, std::collections::BTreeMap<String, String>)>,
}

impl ProtectionPage {
    fn is_open(&self, kind: &str) -> bool {
        self.refused.as_ref().is_some_and(|(k, _)| *k == kind)
    }

    fn val(&self, kind: &str, field: &str) -> &str {
        match &self.refused {
            Some((k, f)) if *k == kind => f.get(field).map(String::as_str).unwrap_or_default(),
            _ => "",
        }
    }

    fn picked(&self, kind: &str, field: &str, value: &str) -> bool {
        self.val(kind, field) == value
    }
}

/// How a stored value reads on the page: codes are translated, text is not.
fn protection_value(tr: &Tr, field: &str, value: &str) -> String {
    let key = match field {
        f if haven_core::protection::RETURN_RISKS.contains(&f) || f == "level" => format!("prot-level-{value}"),
        "recommendation" => format!("prot-rec-{value}"),
        "travel_documents" => format!("prot-docs-{value}"),
        "claim_status" => format!("prot-status-{value}"),
        "consent_free_prior_informed" | "child_heard" => "prot-yes".to_owned(),
        _ => return value.to_owned(),
    };
    if tr.has(&key) {
        tr.t(&key)
    } else {
        value.to_owned()
    }
}

async fn protection_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    error: Option<String>,
) -> Result<ProtectionPage, WebError> {
    let pid: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, pid).await?;
    let PersonState::Active(r) = person.state else { return Err(WebError::Erased) };
    let (rows, child) = state.store.list_protection(&caller.scope(state, Permission::ReadCase).await?, pid).await?;
    let records: Vec<_> = rows.iter().map(|v| v.record.clone()).collect();
    let stay =
        haven_core::protection::stay_pathways(&records).iter().map(|p| tr.t(&format!("prot-stay-{p}"))).collect();
    let mut return_rows = Vec::new();
    let mut child_rows = Vec::new();
    let mut claim_rows = Vec::new();
    for v in rows {
        let kind = v.record.kind;
        let status_key = format!("prot-status-{}", v.record.status);
        let row = ProtectionRow {
            kind: kind.as_str(),
            label: tr.t(&format!("prot-kind-{}", kind.as_str())),
            status: if tr.has(&status_key) { tr.t(&status_key) } else { v.record.status.clone() },
            status_code: v.record.status,
            made_on: format_date(v.record.made_on),
            fields: v
                .record
                .fields
                .iter()
                .filter(|(_, val)| !val.is_empty())
                .map(|(f, val)| (tr.t(&format!("prot-field-{f}")), protection_value(tr, f, val)))
                .collect(),
        };
        if kind == haven_core::protection::Kind::NeedsAssessment {
            // Shown with the referrals it drives.
            continue;
        } else if kind == haven_core::protection::Kind::CompensationClaim {
            claim_rows.push(row);
        } else if kind.child_only() {
            child_rows.push(row);
        } else {
            return_rows.push(row);
        }
    }
    let level_codes = ["low", "medium", "high"];
    Ok(ProtectionPage {
        l: Layout::new(tr, Some(caller), &format!("/persons/{id}/protection")),
        csrf: caller.csrf().to_owned(),
        id: id.to_owned(),
        name: r.full_name.as_str().to_owned(),
        child,
        error,
        return_rows,
        child_rows,
        claim_rows,
        losses: haven_core::protection::LOSS_KINDS.iter().map(|k| (*k, tr.t(&format!("prot-field-{k}")))).collect(),
        claim_statuses: haven_core::protection::CLAIM_STATUSES
            .iter()
            .map(|k| (*k, tr.t(&format!("prot-status-{k}"))))
            .collect(),
        stay,
        risks: haven_core::protection::RETURN_RISKS.iter().map(|k| (*k, tr.t(&format!("prot-field-{k}")))).collect(),
        levels: level_codes.iter().map(|k| (*k, tr.t(&format!("prot-level-{k}")))).collect(),
        recommendations: haven_core::protection::BEST_INTERESTS_RECOMMENDATIONS
            .iter()
            .map(|k| (*k, tr.t(&format!("prot-rec-{k}"))))
            .collect(),
        today: format_date(today()),
        refused: None,
    })
}

/// The person's return, stay and child-protection file.
async fn protection_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = async { render(&protection_view(&state, &tr, &caller, &id, None).await?) }.await;
    finish(&tr, result)
}

/// Records a step, or shows the page again with the rule that refused it.
async fn protection_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, kind)): Path<(String, String)>,
    Form(mut form): Form<std::collections::BTreeMap<String, String>>,
) -> Response {
    let result = async {
        caller.check_form_csrf(form.remove("csrf").as_deref().unwrap_or_default())?;
        let pid: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let kind = haven_core::protection::Kind::parse(&kind)?;
        let scope = caller.scope(&state, Permission::WriteCase).await?;
        // The needs assessment is recorded from the referrals page, and returns there.
        let back = if form.remove("back").as_deref() == Some("referrals") { "referrals" } else { "protection" };
        match state.store.record_protection(&scope, pid, kind, &form).await {
            Ok(_) => Ok(Redirect::to(&format!("/persons/{id}/{back}")).into_response()),
            Err(haven_store::StoreError::Invalid(v)) => {
                let mut page = protection_view(&state, &tr, &caller, &id, Some(validation_message(&tr, &v))).await?;
                page.refused = Some((kind.as_str(), form));
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

// ---- non-punishment notice (R11, R12) ----

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    ui: Tr,
    /// The caseworker's language first, then the authority's, if different.
    languages: Vec<Tr>,
    date: String,
    name: String,
    latin: String,
    nationalities: String,
    org: String,
    detained: bool,
    scope_note: String,
    reference: String,
    /// The first of the person's languages that haven speaks, if any: the
    /// PDF is written in it and in the authority's language.
    person_language: Option<&'static str>,
}

#[derive(Deserialize)]
pub(crate) struct NoticeQuery {
    /// The authority's language.
    pub(crate) lang: Option<String>,
}

/// A printable notice asking authorities not to punish or detain a person
/// with reasonable grounds, in the caseworker's and the authority's
/// languages. Only available once reasonable grounds are found (R11); its
/// scope is open-ended (R12).
async fn notice_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Response {
    let result = async { render(&build_notice(&state, &tr, &caller, &id, q.lang.as_deref()).await?.0) }.await;
    finish(&tr, result)
}

/// The same notice as a PDF to download, print or hand over (R11, R12).
async fn notice_pdf(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Response {
    let result = notice_pdf_response(&state, &tr, &caller, &id, q.lang.as_deref()).await;
    finish(&tr, result)
}

/// The notice PDF for the browser and the API alike.
pub(crate) async fn notice_pdf_response(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    lang: Option<&str>,
) -> Result<Response, WebError> {
    let (page, _) = build_notice(state, tr, caller, id, lang).await?;
    // The person's language first, so that they can read what they carry;
    // then the authority's. The caseworker's only when neither is known.
    let langs = document_languages(tr, [page.person_language, lang.map(|l| Tr::new(l).code())]);
    pdf_attachment(&notice_doc(&page, &langs), &format!("non-punishment-notice-{}.pdf", page.reference))
}

/// The languages a printed document is written in: each given one once, in
/// order; the reader's own when none is known.
pub(crate) fn document_languages(tr: &Tr, codes: impl IntoIterator<Item = Option<&'static str>>) -> Vec<Tr> {
    let mut langs: Vec<Tr> = Vec::new();
    for code in codes.into_iter().flatten() {
        if !langs.iter().any(|t| t.code() == code) {
            langs.push(Tr::new(code));
        }
    }
    if langs.is_empty() {
        langs.push(tr.clone());
    }
    langs
}

/// Renders a document and serves it as a PDF download.
pub(crate) fn pdf_attachment(doc: &haven_pdf::Doc, filename: &str) -> Result<Response, WebError> {
    let bytes = haven_pdf::render(doc).map_err(|e| WebError::Internal(e.to_string()))?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    let disposition = format!("attachment; filename=\"{filename}\"");
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(res)
}

/// The notice's text, block by block, once per language.
fn notice_doc(page: &NoticePage, languages: &[Tr]) -> haven_pdf::Doc {
    use haven_pdf::Block;
    let mut blocks = Vec::new();
    for (i, tr) in languages.iter().enumerate() {
        if i > 0 {
            blocks.push(Block::Space);
        }
        blocks.push(Block::Title(tr.t("notice-title")));
        blocks.push(Block::Para(tr.t("notice-to")));
        blocks.push(Block::Para(tr.t_with("notice-finding", "date", page.date.clone())));
        blocks.push(Block::Heading(format!("{}: {}", tr.t("field-full_name"), page.name)));
        if !page.latin.is_empty() {
            blocks.push(Block::Para(format!("{}: {}", tr.t("field-latin_name"), page.latin)));
        }
        if !page.nationalities.is_empty() {
            blocks.push(Block::Para(format!("{}: {}", tr.t("field-nationalities"), page.nationalities)));
        }
        blocks.push(Block::Para(format!("{}: {}", tr.t("notice-issued-by"), page.org)));
        blocks.push(Block::Para(tr.t("notice-principle")));
        for key in ["notice-scope-immigration", "notice-scope-status", "notice-scope-crimes"] {
            blocks.push(Block::Bullet(tr.t(key)));
        }
        blocks.push(Block::Para(tr.t("notice-not-exhaustive")));
        if page.detained {
            blocks.push(Block::Heading(tr.t("notice-release")));
        }
        blocks.push(Block::Small(format!("{} {}", tr.t("notice-law"), page.scope_note)));
        blocks.push(Block::Small(format!("{}: {}", tr.t("notice-reference"), page.reference)));
    }
    haven_pdf::Doc {
        title: languages.first().map(|t| t.t("notice-title")).unwrap_or_default(),
        lang: languages.first().map(|t| t.code().to_owned()).unwrap_or_default(),
        blocks,
    }
}

/// The notice for a screening with reasonable grounds, and the person it names.
async fn build_notice(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    lang: Option<&str>,
) -> Result<(NoticePage, PersonId), WebError> {
    {
        let view = state.store.get_screening(&caller.scope(state, Permission::ReadCase).await?, id).await?;
        if view.outcome.as_deref() != Some("reasonable_grounds") {
            return Err(WebError::NotFound);
        }
        let person =
            state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, view.person_id).await?;
        let PersonState::Active(r) = person.state else { return Err(WebError::Erased) };
        let orgs = state.store.list_orgs().await?;
        let own = orgs.iter().find(|o| o.id == caller.user.org_id);
        let jur = haven_core::screening::jurisdiction::for_country(own.and_then(|o| o.country.as_deref()));
        let mut languages = vec![tr.clone()];
        if let Some(l) = lang {
            let other = Tr::new(l);
            if other.code() != tr.code() {
                languages.push(other);
            }
        }
        let page = NoticePage {
            ui: tr.clone(),
            languages,
            date: view.completed_at_ms.map(local_date).unwrap_or_default(),
            name: r.full_name.as_str().to_owned(),
            latin: r.latin_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
            nationalities: r.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
            org: own.map(|o| o.name.clone()).unwrap_or_default(),
            detained: r.location.is_detention()
                && !person.withheld.contains(haven_core::access::Category::ContactLocation),
            scope_note: jur.non_punishment_scope.to_owned(),
            reference: view.id.clone(),
            // The language the person was interviewed in speaks for them
            // better than a list of languages they know.
            person_language: std::iter::once(view.survivor_language.as_str())
                .chain(r.languages.iter().map(|l| l.as_str()))
                .find_map(|l| {
                    let primary = l.split('-').next().unwrap_or_default();
                    let code = if primary == "zh" { "zh-Hans" } else { primary };
                    LANGUAGES.iter().find(|(c, _)| *c == code).map(|(c, _)| *c)
                }),
        };
        Ok((page, view.person_id))
    }
}

#[derive(Deserialize)]
struct SendNoticeForm {
    csrf: String,
    recipient_org_id: String,
    lang: Option<String>,
}

/// Sends the notice to an authority's inbox, if the person consented to
/// exactly that (R17); the authority sees the notice and nothing else (R16).
async fn send_notice_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<SendNoticeForm>,
) -> Response {
    let result = async {
        caller.check_form_csrf(&form.csrf)?;
        let recipient = form.recipient_org_id.parse().map_err(|_| WebError::NotFound)?;
        let (page, person) = build_notice(&state, &tr, &caller, &id, form.lang.as_deref()).await?;
        let html = page.render().map_err(|e| WebError::Internal(format!("template: {e}")))?;
        let write = caller.scope(&state, Permission::WriteCase).await?;
        let read = caller.scope(&state, Permission::ReadPerson).await?;
        state.store.send_to_inbox(&write, &read, person, recipient, "non_punishment_notice", &html).await?;
        Ok(Redirect::to(&format!("/screenings/{id}")).into_response())
    }
    .await;
    finish(&tr, result)
}

/// An enforcement user reads a document sent to them, while its consent holds.
async fn inbox_document_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let scope = caller.scope(&state, Permission::ReadInbox).await?;
        let html = state.store.inbox_document(&scope, &id).await?;
        Ok(Html(html).into_response())
    }
    .await;
    finish(&tr, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R11, R12: the notice's wording is a legal text; any change to it shows
    /// up as a snapshot diff to be read before it ships.
    #[test]
    fn r12_notice_text_snapshot() {
        let page = NoticePage {
            ui: Tr::new("en"),
            languages: vec![Tr::new("en"), Tr::new("th")],
            date: "2026-11-25".into(),
            name: "Nguyễn Thị Hoa".into(),
            latin: String::new(),
            nationalities: "VNM".into(),
            org: "Example Shelter".into(),
            detained: true,
            scope_note: haven_core::screening::jurisdiction::for_country(Some("THA")).non_punishment_scope.into(),
            reference: "00000000-0000-4000-8000-000000000000".into(),
            person_language: Some("vi"),
        };
        insta::assert_snapshot!(page.render().unwrap());
    }

    /// R12, R13: the PDF carries the same open-ended scope and, for a
    /// detained person, the request for release, in every language asked.
    #[test]
    fn r12_r13_notice_pdf_has_the_open_scope_and_the_release_request_in_each_language() {
        let page = NoticePage {
            ui: Tr::new("en"),
            languages: vec![Tr::new("en")],
            date: "2026-11-25".into(),
            name: "Nguyễn Thị Hoa".into(),
            latin: String::new(),
            nationalities: "VNM".into(),
            org: "Example Shelter".into(),
            detained: true,
            scope_note: String::new(),
            reference: "ref".into(),
            person_language: Some("vi"),
        };
        let langs = [Tr::new("vi"), Tr::new("th")];
        let doc = notice_doc(&page, &langs);
        assert_eq!(doc.lang, "vi");
        for tr in &langs {
            for key in [
                "notice-scope-immigration",
                "notice-scope-status",
                "notice-scope-crimes",
                "notice-not-exhaustive",
                "notice-release",
            ] {
                let want = tr.t(key);
                assert!(
                    doc.blocks.iter().any(|b| matches!(b, haven_pdf::Block::Bullet(t) | haven_pdf::Block::Para(t) | haven_pdf::Block::Heading(t) if *t == want)),
                    "{} lacks {key}",
                    tr.code()
                );
            }
        }
        let pdf = haven_pdf::render(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let not_detained = NoticePage { detained: false, ..page };
        let doc = notice_doc(&not_detained, &langs);
        let release = Tr::new("vi").t("notice-release");
        assert!(!doc.blocks.iter().any(|b| matches!(b, haven_pdf::Block::Heading(t) if *t == release)));
    }
}
