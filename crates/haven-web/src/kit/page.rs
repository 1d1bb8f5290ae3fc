//! Pages: the layout every page shares, rendering, the signed-in browser
//! user (`PageCaller`), and `PageError`, the error type page handlers
//! return, which renders itself as the error page in the user's language.

use askama::Template;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use haven_core::access::Permission;
use haven_core::ValidationError;

use super::caller::{Caller, Credential};
use super::error::WebError;
use super::extract::SessionCsrf;
use super::i18n::{Tr, LANGUAGES};
use super::state::AppState;

/// The error of a page handler. Handlers use `?` on store and web errors;
/// the response carries the error, and [`render_page_errors`] (which knows
/// the request's language) renders it as the error page. So no handler
/// wraps its body to turn errors into pages by hand.
pub struct PageError(pub WebError);

impl From<WebError> for PageError {
    fn from(e: WebError) -> Self {
        PageError(e)
    }
}

impl From<haven_store::StoreError> for PageError {
    fn from(e: haven_store::StoreError) -> Self {
        PageError(e.into())
    }
}

/// A page error seen from code that returns `WebError` (a helper shared with
/// the API, or a page that handles some errors itself).
impl From<PageError> for WebError {
    fn from(e: PageError) -> Self {
        e.0
    }
}

impl From<haven_formats::FormatError> for PageError {
    fn from(e: haven_formats::FormatError) -> Self {
        PageError(e.into())
    }
}

impl From<ValidationError> for PageError {
    fn from(e: ValidationError) -> Self {
        PageError(e.into())
    }
}

impl From<haven_core::access::Denied> for PageError {
    fn from(e: haven_core::access::Denied) -> Self {
        PageError(e.into())
    }
}

/// Marks a response whose body the middleware must render as an error page.
#[derive(Clone)]
struct PendingErrorPage(WebError);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut res = self.0.status().into_response();
        res.extensions_mut().insert(PendingErrorPage(self.0));
        res
    }
}

/// Page handlers return this.
pub type PageResult = Result<Response, PageError>;

/// Renders `PageError`s: as the error page in the language of the request,
/// or, under `/api`, as the JSON error every API answer uses (extractors
/// shared by both, such as a path id, return `PageError`).
pub async fn render_page_errors(mut req: Request, next: Next) -> Response {
    let tr = Tr::from_headers(req.headers());
    let api = req.uri().path().starts_with("/api/");
    // A signed-in page's menu, filled by `PageCaller`, so that an error page
    // keeps the way back to work instead of stranding the reader.
    let slot = NavSlot::default();
    req.extensions_mut().insert(slot.clone());
    let mut res = next.run(req).await;
    match res.extensions_mut().remove::<PendingErrorPage>() {
        Some(PendingErrorPage(err)) if api => err.into_response(),
        Some(PendingErrorPage(err)) => {
            // A handler may have set a status or headers (a cookie) on the
            // error response after making it: they stay.
            let mut page = render_error_page(&tr, err, slot.take());
            if page.status() != axum::http::StatusCode::SEE_OTHER {
                *page.status_mut() = res.status();
            }
            for (name, value) in res.headers() {
                if name != axum::http::header::CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
                    page.headers_mut().append(name.clone(), value.clone());
                }
            }
            page
        }
        None => res,
    }
}

/// Where `PageCaller` leaves the signed-in reader's menu for the error page.
#[derive(Clone, Default)]
struct NavSlot(std::sync::Arc<std::sync::Mutex<Option<Nav>>>);

impl NavSlot {
    fn fill(&self, nav: Nav) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(nav);
        }
    }

    fn take(&self) -> Option<Nav> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

pub struct Nav {
    pub csrf: String,
    pub signed_in_as: String,
    /// Only the places this user's role can use.
    pub links: Vec<(&'static str, String)>,
}

impl Nav {
    fn of(tr: &Tr, c: &Caller) -> Self {
        Nav {
            csrf: c.csrf().to_owned(),
            signed_in_as: tr.t_with("nav-signed-in-as", "username", c.user.username.clone()),
            links: if c.second_factor_pending() { Vec::new() } else { nav_links(tr, c) },
        }
    }
}

/// Where each role starts and which places it can reach, from the policy.
pub fn nav_links(tr: &Tr, caller: &Caller) -> Vec<(&'static str, String)> {
    use haven_core::access::authorize as may;
    let actor = caller.user.actor();
    let can = |p: Permission| may(&actor, p, haven_core::access::Purpose::case_management(), "").is_ok();
    let mut links = Vec::new();
    if can(Permission::ReadCase) {
        // New notifications are listed at the top of the tasks page.
        let label =
            if caller.unread > 0 { tr.t_with("nav-tasks-new", "count", caller.unread) } else { tr.t("nav-tasks") };
        links.push(("/tasks", label));
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
        links.push(("/transfers", tr.t("nav-transfers")));
        links.push(("/tracing", tr.t("nav-tracing")));
    }
    if can(Permission::ReviewAccess) {
        links.push(("/review", tr.t("nav-review")));
    }
    if can(Permission::ReviewAds) {
        links.push(("/ads", tr.t("nav-ads")));
    }
    if can(Permission::ReadAudit) {
        links.push(("/audit", tr.t("nav-audit")));
    }
    if can(Permission::ReadStatistics) {
        links.push(("/statistics", tr.t("nav-statistics")));
    }
    if can(Permission::ExportRecords) {
        links.push(("/interop", tr.t("nav-interop")));
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
pub fn landing(tr: &Tr, caller: &Caller) -> &'static str {
    nav_links(tr, caller).first().map(|(href, _)| *href).unwrap_or("/password")
}

pub struct Layout {
    pub tr: Tr,
    pub nav: Option<Nav>,
    /// Where the language switcher returns to.
    pub next: String,
    pub languages: &'static [(&'static str, &'static str)],
    /// The language switcher: each language in its own name, marked while
    /// its survivor-facing strings are not reviewed by a native speaker.
    pub menu: Vec<(&'static str, String)>,
    /// A one-line confirmation after a save (see [`Saved`]).
    pub flash: Option<String>,
}

/// The `saved` word a redirect after a save carries, so the page it lands
/// on confirms what happened. Only known words show anything: the value is
/// never echoed, so a crafted link cannot put words on a caseworker's page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

impl Saved {
    fn message_key(&self) -> Option<&'static str> {
        match self.saved.as_deref()? {
            "person" => Some("flash-person-saved"),
            "case" => Some("flash-case-saved"),
            "case-handed" => Some("flash-case-handed"),
            "person-unchanged" => Some("flash-person-unchanged"),
            "merge-pending" => Some("flash-merge-pending"),
            "merge-confirmed" => Some("flash-merge-confirmed"),
            "merge-undone" => Some("flash-merge-undone"),
            _ => None,
        }
    }
}

impl Layout {
    /// Shows the confirmation `saved` names, if any.
    pub fn with_flash(mut self, saved: &Saved) -> Self {
        self.flash = saved.message_key().map(|k| self.tr.t(k));
        self
    }

    pub fn new(tr: &Tr, caller: Option<&Caller>, next: &str) -> Self {
        Self {
            tr: tr.clone(),
            nav: caller.map(|c| Nav::of(tr, c)),
            next: next.to_owned(),
            languages: &LANGUAGES,
            menu: super::i18n::language_menu(),
            flash: None,
        }
    }
}

pub fn render(t: &impl Template) -> PageResult {
    let body = t.render().map_err(|e| WebError::Internal(format!("template: {e}")))?;
    Ok(Html(body).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub l: Layout,
    pub message: String,
    /// A person id for which to offer emergency access (never a name).
    pub break_glass: Option<String>,
    pub csrf: String,
    /// A rule or a check refused the action (with words for why): headed
    /// as a refusal, not as a failure.
    pub refusal: bool,
    /// The reader's role does not allow it: headed so, not as a failure.
    pub forbidden: bool,
}

/// An error as a page in the user's language, with the reader's menu: the
/// response is finished by [`render_page_errors`].
pub fn error_page(err: WebError) -> Response {
    PageError(err).into_response()
}

fn render_error_page(tr: &Tr, err: WebError, nav: Option<Nav>) -> Response {
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
    // A refusal says what rule stopped the action when haven has words for
    // it, not only that something was wrong.
    let (message, refusal) = match &err {
        WebError::Invalid(v) if tr.has(&format!("validation-{}", v.code)) => (validation_message(tr, v), true),
        _ => (tr.t(key), false),
    };
    let mut l = Layout::new(tr, None, "/persons");
    l.nav = nav;
    let forbidden = matches!(err, WebError::Forbidden);
    let page = ErrorPage { l, message, break_glass: None, csrf: String::new(), refusal, forbidden };
    match page.render() {
        Ok(html) => (err.status(), Html(html)).into_response(),
        Err(_) => err.status().into_response(),
    }
}

/// A validation message in the user's language, naming the field.
pub fn validation_message(tr: &Tr, v: &ValidationError) -> String {
    // The field's label where it has one; a field with no words (an id in
    // a hidden input) is not shown to people at all.
    let field = [format!("field-{}", v.field), format!("prot-field-{}", v.field)]
        .into_iter()
        .find(|k| tr.has(k))
        .map(|k| tr.t(&k));
    let msg_key = format!("validation-{}", v.code);
    let msg = if tr.has(&msg_key) { tr.t(&msg_key) } else { tr.t("validation-generic") };
    // A reviewed catalogue may bring a rule code back; people never see one.
    let msg = super::error::without_rule_codes(&msg);
    match field {
        Some(f) => format!("{f}: {msg}"),
        None => msg,
    }
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
                // For `CsrfForm`, which runs after this and checks the form's token.
                parts.extensions.insert(SessionCsrf(c.csrf().to_owned()));
                if let Some(slot) = parts.extensions.get::<NavSlot>() {
                    slot.fill(Nav::of(&Tr::from_headers(&parts.headers), &c));
                }
                Ok(PageCaller(c))
            }
            Ok(_) | Err(WebError::Unauthenticated) => Err(Redirect::to("/login").into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

pub fn cookie_header(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let age = max_age.map(|a| format!("; Max-Age={a}")).unwrap_or_default();
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{age}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}
