//! What every handler can reach: the store and the server's settings.

use std::sync::Arc;

use haven_store::Store;

use super::security::{IpNet, RateLimiter};

/// Request bodies above this are refused before they are read (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Imports may be larger than other requests: the importer's own cap
/// (1 MiB) plus room for a form's encoding.
pub const IMPORT_BODY_BYTES: usize = haven_formats::directory::MAX_CSV_BYTES + 64 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Set the `Secure` flag on cookies. Browsers accept Secure cookies on
    /// http://localhost, so this is on unless the server is reachable over
    /// plain HTTP on another address.
    pub secure_cookies: bool,
    pub tls: bool,
    /// Sign-in and second-factor attempts per client address.
    pub limiter: Arc<RateLimiter>,
    /// Failed bearer tokens per client address.
    pub token_limiter: Arc<RateLimiter>,
    /// Packages pushed to the federation endpoint per client address: it
    /// needs no session, so it is throttled before anything is opened.
    pub federation_limiter: Arc<RateLimiter>,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Arc<Vec<IpNet>>,
    /// Whether this server sends notification e-mail (`--smtp-url`), so
    /// the account page promises e-mail only when it will come.
    pub mail_enabled: bool,
}

#[derive(Debug, Clone)]
pub struct WebConfig {
    pub tls: bool,
    pub secure_cookies: bool,
    /// Reverse proxies (addresses or networks) allowed to name the client
    /// in `X-Forwarded-For`. Empty: the peer address is the client.
    pub trusted_proxies: Vec<IpNet>,
    pub mail_enabled: bool,
}

impl WebConfig {
    pub fn new(tls: bool, secure_cookies: bool) -> Self {
        Self { tls, secure_cookies, trusted_proxies: Vec::new(), mail_enabled: false }
    }
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            secure_cookies: config.secure_cookies,
            tls: config.tls,
            limiter: Arc::new(RateLimiter::per_minute(10)),
            token_limiter: Arc::new(RateLimiter::per_minute(20)),
            federation_limiter: Arc::new(RateLimiter::per_minute(600)),
            trusted_proxies: Arc::new(config.trusted_proxies),
            mail_enabled: config.mail_enabled,
        }
    }
}
