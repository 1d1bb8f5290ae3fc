use std::net::SocketAddr;

use haven_store::auth::{LoginOutcome, SecondFactorOutcome};

use crate::kit::prelude::*;

const LOGIN_CSRF_COOKIE: &str = "haven_login_csrf";

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    csrf: String,
    username: String,
    error: Option<String>,
}

pub(crate) async fn login_page(State(state): State<AppState>, tr: Tr) -> PageResult {
    let csrf = haven_store::crypto::random_secret(16);
    let page =
        LoginPage { l: Layout::new(&tr, None, "/login"), csrf: csrf.clone(), username: String::new(), error: None };
    let mut res = render(&page)?;
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, LOGIN_CSRF_COOKIE, &csrf, Some(3600)));
    Ok(res)
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    username: String,
    password: String,
    csrf: String,
}

pub(crate) async fn login_submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    tr: Tr,
    // No session yet: the login form has its own double-submit token.
    Form(form): Form<LoginForm>,
) -> Response {
    let rid = crate::kit::caller::request_id_from(&headers);
    let retry = |error: String, status: StatusCode| {
        let csrf = haven_store::crypto::random_secret(16);
        let page = LoginPage {
            l: Layout::new(&tr, None, "/login"),
            csrf: csrf.clone(),
            username: form.username.clone(),
            error: Some(error),
        };
        let mut res = render(&page).unwrap_or_else(|e| error_page(e.0));
        *res.status_mut() = status;
        res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, LOGIN_CSRF_COOKIE, &csrf, Some(3600)));
        res
    };
    // Login CSRF: the form must come from our own page (double-submit cookie).
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !crate::kit::caller::constant_time_eq(expected.as_bytes(), form.csrf.as_bytes()) {
        return retry(tr.t("error-csrf"), StatusCode::FORBIDDEN);
    }
    let client = crate::kit::caller::client_ip_from(&state.trusted_proxies, addr.ip(), &headers).unwrap_or(addr.ip());
    if !state.limiter.check(client) {
        return retry(tr.t("login-rate-limited"), StatusCode::TOO_MANY_REQUESTS);
    }
    let network = haven_store::auth::network_of(client);
    let outcome = match state.store.login(&form.username, &form.password, &network, &rid).await {
        Ok(o) => o,
        Err(e) => return error_page(e.into()),
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
        let _ = state.store.end_session(&old).await;
    }
    let (secret, _csrf) = match state.store.create_session(&user, false).await {
        Ok(s) => s,
        Err(e) => return error_page(e.into()),
    };
    // "/" sends the session on: second factor, then password, then the role's landing page.
    let mut res = Redirect::to("/").into_response();
    let h = res.headers_mut();
    h.append(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, &secret, None));
    h.append(header::SET_COOKIE, cookie_header(&state, LOGIN_CSRF_COOKIE, "", Some(0)));
    res
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Response {
    let _ = tr;
    if let Credential::Session { secret, .. } = &caller.credential {
        let _ = state.store.end_session(secret).await;
    }
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, "", Some(0)));
    res
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    l: Layout,
    csrf: String,
    /// The password was set by someone else and must change before anything else.
    forced: bool,
    error: Option<String>,
}

pub(crate) async fn password_page(tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    let page = PasswordPage {
        l: Layout::new(&tr, Some(&caller), "/password"),
        csrf: caller.csrf().to_owned(),
        forced: caller.user.must_change_password,
        error: None,
    };
    render(&page)
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    current: String,
    password: String,
    confirm: String,
}

pub(crate) async fn password_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Response {
    let again = |msg: String| {
        let page = PasswordPage {
            l: Layout::new(&tr, Some(&caller), "/password"),
            csrf: caller.csrf().to_owned(),
            forced: caller.user.must_change_password,
            error: Some(msg),
        };
        let mut res = render(&page).unwrap_or_else(|e| error_page(e.0));
        *res.status_mut() = StatusCode::BAD_REQUEST;
        res
    };
    if form.password != form.confirm {
        return again(tr.t("password-mismatch"));
    }
    match state.store.change_password(&caller.user, &form.current, &form.password).await {
        Ok(()) => {}
        Err(haven_store::StoreError::Invalid(v)) => return again(validation_message(&tr, &v)),
        Err(e) => return error_page(e.into()),
    }
    // The change ended every session, this one included: start a new one.
    match state.store.create_session(&caller.user, !caller.second_factor_pending()).await {
        Ok((secret, _)) => {
            let mut res = Redirect::to("/").into_response();
            res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, &secret, None));
            res
        }
        Err(e) => error_page(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    l: Layout,
    csrf: String,
    second_factor: bool,
    /// "Recovery codes left: n", for an enrolled factor.
    recovery_left: String,
    tokens: Vec<TokenRow>,
    notice: Option<String>,
    /// Where notification e-mails go, if the user gave an address.
    email: String,
    /// Whether this server sends e-mail at all.
    mail_enabled: bool,
}

struct TokenRow {
    id: String,
    created: String,
    expires: String,
    scopes: String,
    pending: bool,
}

pub(crate) async fn account_render(state: &AppState, tr: &Tr, caller: &Caller, notice: Option<String>) -> PageResult {
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
        recovery_left: if caller.user.totp_enabled {
            tr.t_with("account-recovery-left", "n", state.store.recovery_codes_left(&caller.user).await?)
        } else {
            String::new()
        },
        tokens,
        notice,
        email: state.store.notification_email(caller.user.id).await?.unwrap_or_default(),
        mail_enabled: state.mail_enabled,
    })
}

#[derive(Deserialize)]
pub(crate) struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Sets, or with an empty field clears, the notification e-mail; its
/// language is the one the page is read in.
pub(crate) async fn email_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> PageResult {
    let email = match form.email.trim() {
        "" => None,
        e => Some(haven_core::notify::EmailAddress::parse(e)?),
    };
    state.store.set_notification_email(caller.user.id, email.as_ref(), tr.code()).await?;
    let notice = tr.t(match (email.is_some(), state.mail_enabled) {
        (true, true) => "account-email-saved",
        (true, false) => "account-email-saved-no-server",
        (false, _) => "account-email-cleared",
    });
    account_render(&state, &tr, &caller, Some(notice)).await
}

pub(crate) async fn account_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    account_render(&state, &tr, &caller, None).await
}

#[derive(Deserialize)]
pub(crate) struct TokenActionForm {
    code: Option<String>,
}

/// Confirming a token with the second factor (a token for a role that needs
/// one works only after this), or revoking one's own token.
pub(crate) async fn account_token_submit(
    State(state): State<AppState>,
    tr: Tr,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageCaller(caller): PageCaller,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<TokenActionForm>,
) -> PageResult {
    let token: haven_core::ids::TokenId = id.parse().map_err(|_| WebError::NotFound)?;
    let notice = match action.as_str() {
        "confirm" => {
            if !state.limiter.check(addr.ip()) {
                return Err(WebError::RateLimited.into());
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
        _ => return Err(WebError::NotFound.into()),
    };
    account_render(&state, &tr, &caller, Some(notice)).await
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    l: Layout,
    csrf: String,
    action: &'static str,
    /// (base32 secret, otpauth URI, QR code of the URI as inline SVG) while
    /// enrolling.
    enrolment: Option<(String, String, String)>,
    error: Option<String>,
}

/// The enrolment URI as a QR code to scan with an authenticator app,
/// rendered here as inline SVG: no image request, no script, and the secret
/// never leaves the page. Empty if the URI is too long for a QR code.
fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => {
            let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build();
            // Inline in HTML: without the XML declaration.
            svg.split_once("?>").map(|(_, rest)| rest.to_owned()).unwrap_or(svg)
        }
        Err(_) => String::new(),
    }
}

pub(crate) async fn second_factor_page(tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    let page = SecondFactorPage {
        l: Layout::new(&tr, Some(&caller), "/login/second-factor"),
        csrf: caller.csrf().to_owned(),
        action: "/login/second-factor",
        enrolment: None,
        error: None,
    };
    render(&page)
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    code: String,
}

pub(crate) async fn check_code(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    form: &CodeForm,
    action: &'static str,
) -> PageResult {
    // Codes are guessable in a million tries: the login limiter applies.
    let secret = match &caller.credential {
        Credential::Session { secret, .. } => secret.clone(),
        Credential::Bearer { .. } => return Err(WebError::Forbidden.into()),
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

pub(crate) async fn second_factor_submit(
    State(state): State<AppState>,
    tr: Tr,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> PageResult {
    if !state.limiter.check(addr.ip()) {
        return Err(WebError::RateLimited.into());
    }
    check_code(&state, &tr, &caller, &form, "/login/second-factor").await
}

pub(crate) async fn enrol_page(State(state): State<AppState>, tr: Tr, PageCaller(caller): PageCaller) -> PageResult {
    if caller.user.totp_enabled {
        return Ok(Redirect::to("/").into_response());
    }
    let e = state.store.begin_totp(&caller.user).await?;
    render(&SecondFactorPage {
        l: Layout::new(&tr, Some(&caller), "/account/second-factor"),
        csrf: caller.csrf().to_owned(),
        action: "/account/second-factor",
        enrolment: Some((e.secret_base32, e.uri.clone(), qr_svg(&e.uri))),
        error: None,
    })
}

pub(crate) async fn enrol_submit(
    State(state): State<AppState>,
    tr: Tr,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> PageResult {
    if !state.limiter.check(addr.ip()) {
        return Err(WebError::RateLimited.into());
    }
    let enrolling = !caller.user.totp_enabled;
    let res = check_code(&state, &tr, &caller, &form, "/account/second-factor").await?;
    // Just enrolled: the recovery codes, shown this once.
    if enrolling && res.status().is_redirection() {
        return recovery_codes_page(&state, &tr, &caller).await;
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "recovery_codes.html")]
struct RecoveryCodesPage {
    l: Layout,
    codes: Vec<String>,
}

/// Issues new recovery codes and shows them once; only their keyed
/// hashes are kept, so this page is the only place they are ever seen.
async fn recovery_codes_page(state: &AppState, tr: &Tr, caller: &Caller) -> PageResult {
    let codes = state.store.issue_recovery_codes(&caller.user).await?;
    let mut res = render(&RecoveryCodesPage { l: Layout::new(tr, Some(caller), "/account"), codes })?;
    // Never kept by a browser or a proxy.
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// New recovery codes, replacing the old (all of which stop working).
pub(crate) async fn recovery_codes_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    recovery_codes_page(&state, &tr, &caller).await
}
