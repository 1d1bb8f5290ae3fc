//! Things every visitor reaches: health, the stylesheet, the language switch, quick exit and the not-found answers.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

use crate::kit::prelude::*;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/", home),
        r::get("/exit", quick_exit),
        r::get("/lang", set_language),
        r::get("/static/haven.css", stylesheet),
    ]
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

/// Unknown paths under `/api` answer in JSON like every other API error.
pub(crate) async fn api_not_found() -> WebError {
    WebError::NotFound
}

pub(crate) async fn not_found_page(State(state): State<AppState>, req: axum::extract::Request) -> Response {
    use axum::extract::FromRequestParts;
    // A signed-in reader keeps the menu on the page for an address that
    // does not exist (the extractor leaves it for the error page).
    let (mut parts, _) = req.into_parts();
    let _ = PageCaller::from_request_parts(&mut parts, &state).await;
    error_page(WebError::NotFound)
}

async fn home(tr: Tr, PageCaller(caller): PageCaller) -> Redirect {
    Redirect::to(crate::kit::page::landing(&tr, &caller))
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/haven.css"),
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
    let next = q.next.filter(|n| is_local_path(n));
    let mut res = Redirect::to(next.as_deref().unwrap_or("/")).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie_header(&state, LANG_COOKIE, tr.code(), Some(31_536_000)));
    res
}

/// Whether a return address is a path on this site, never an open
/// redirect: one leading slash and no backslash, and no whitespace or
/// control character, which browsers drop from a URL before reading it (so
/// "/\t/evil.example" would become "//evil.example").
fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control())
}

/// Quick exit: ends the session, asks the browser to forget this site's
/// data, and leaves for a neutral page, for when someone is looking over a
/// survivor's shoulder.
async fn quick_exit(headers: HeaderMap, State(state): State<AppState>) -> Response {
    if let Some(secret) = cookie(&headers, SESSION_COOKIE) {
        let _ = state.store.end_session(&secret).await;
    }
    let mut res = Redirect::to("https://www.wikipedia.org/").into_response();
    let h = res.headers_mut();
    h.insert("clear-site-data", HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""));
    h.insert(header::SET_COOKIE, cookie_header(&state, SESSION_COOKIE, "", Some(0)));
    res
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn the_language_switch_returns_only_to_a_page_of_this_site() {
        for ok in ["/", "/persons?q=a", "/persons/1#notes"] {
            assert!(is_local_path(ok), "{ok}");
        }
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/\u{0}/evil.example",
            "evil.example",
            "",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
