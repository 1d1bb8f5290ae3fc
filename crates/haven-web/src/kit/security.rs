//! Response hardening, request ids and rate limiting, from kept crates:
//! tower-http sets the headers and the request id, governor counts attempts.

use std::net::IpAddr;
use std::num::NonZeroU32;

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use super::state::AppState;

/// A network the operator trusts to report client addresses (`--trusted-proxy`).
pub use ipnet::IpNet;

/// The request id header: set on every request, echoed on every response,
/// recorded in every audit event the request causes.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
/// Swagger UI sets inline styles; it gets no inline script either.
pub const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                        img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
                        object-src 'none'";

/// The headers every response carries unless a route set its own (the
/// stylesheet sets a cache lifetime; the API docs their own CSP).
pub fn harden(router: Router<AppState>, tls: bool) -> Router<AppState> {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let router = router
        .layer(set(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"))
        .layer(set(HeaderName::from_static("cross-origin-opener-policy"), "same-origin"))
        // Pages carry personal data; shared or back-button caches must not keep them.
        .layer(set(header::CACHE_CONTROL, "no-store"));
    let router = if tls {
        router.layer(set(header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains"))
    } else {
        router
    };
    router.layer(PropagateRequestIdLayer::new(REQUEST_ID)).layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// Attempts per client address in a window, from governor (a GCRA, so a
/// burst is allowed and then the rate). In memory: a restart resets it,
/// which is acceptable because the sign-in throttle per account and network
/// is kept in the database and survives restarts.
pub struct RateLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

impl RateLimiter {
    /// `per_minute` attempts a minute, all of them available at once.
    pub fn per_minute(per_minute: u32) -> Self {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Self { limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)) }
    }

    /// Counts one attempt; false once the budget is spent.
    pub fn check(&self, key: IpAddr) -> bool {
        if self.limiter.len() > 10_000 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&key).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_refuses_after_budget_and_is_per_address() {
        let l = RateLimiter::per_minute(2);
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        assert!(l.check(a));
        assert!(l.check(a));
        assert!(!l.check(a));
        assert!(l.check(b));
    }
}
