//! haven's HTTP layer: the JSON API under `/api/v1`, its OpenAPI document,
//! and the server-rendered web UI. This is the only crate that knows HTTP,
//! JSON and HTML; it turns requests into core types, asks the core's policy
//! for a scope, and calls the store with it.

mod api;
mod auth;
mod cooperation;
pub mod directory;
mod error;
mod html;
mod i18n;
mod protection;
mod referrals;
mod routes;
pub mod screening;
mod security;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use haven_store::Store;
use tokio::net::TcpListener;

pub use error::WebError;
pub use security::IpNet;

/// Request bodies above this are refused before they are read (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Store,
    /// Set the `Secure` flag on cookies. Browsers accept Secure cookies on
    /// http://localhost, so this is on unless the server is reachable over
    /// plain HTTP on another address.
    pub(crate) secure_cookies: bool,
    pub(crate) tls: bool,
    pub(crate) limiter: Arc<security::RateLimiter>,
    /// Failed bearer tokens per client address.
    pub(crate) token_limiter: Arc<security::RateLimiter>,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub(crate) trusted_proxies: Arc<Vec<security::IpNet>>,
}

#[derive(Debug, Clone)]
pub struct WebConfig {
    pub tls: bool,
    pub secure_cookies: bool,
    /// Reverse proxies (addresses or networks) allowed to name the client
    /// in `X-Forwarded-For`. Empty: the peer address is the client.
    pub trusted_proxies: Vec<security::IpNet>,
}

impl WebConfig {
    pub fn new(tls: bool, secure_cookies: bool) -> Self {
        Self { tls, secure_cookies, trusted_proxies: Vec::new() }
    }
}

/// The whole application as one router.
pub fn app(store: Store, config: WebConfig) -> Router {
    let state = AppState {
        store,
        secure_cookies: config.secure_cookies,
        tls: config.tls,
        limiter: Arc::new(security::RateLimiter::new(10, std::time::Duration::from_secs(60))),
        token_limiter: Arc::new(security::RateLimiter::new(20, std::time::Duration::from_secs(60))),
        trusted_proxies: Arc::new(config.trusted_proxies),
    };
    Router::new()
        .merge(api::routes())
        .merge(html::routes())
        .merge(api::docs())
        .method_not_allowed_fallback(|| async { WebError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .with_state(state)
}

/// Every application route as (method, path), for the authorisation matrix.
pub fn route_list() -> Vec<(axum::http::Method, &'static str)> {
    routes::list()
}

/// The OpenAPI document as JSON, for tools that want it without a server.
pub fn openapi_json() -> String {
    api::openapi_json()
}

/// Serves until `shutdown` resolves. Connection info is kept so the login
/// rate limit can key on the client address.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
