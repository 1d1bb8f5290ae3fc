//! Who is calling: bearer tokens for the API, server-side sessions for the
//! browser. Handlers receive a [`Caller`] and turn it into a core `Scope` via
//! [`Caller::scope`]; that is the only way they can reach the store.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use haven_core::access::{authorize, Permission, Purpose, Scope};
use haven_store::auth::User;

use super::error::WebError;
use super::state::AppState;

pub const SESSION_COOKIE: &str = "haven_session";
pub const LANG_COOKIE: &str = "haven_lang";
pub const PURPOSE_HEADER: &str = "x-haven-purpose";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub enum Credential {
    /// An API token, limited to its scopes.
    Bearer {
        scopes: Vec<haven_core::access::TokenScope>,
    },
    Session {
        csrf: String,
        secret: String,
        second_factor_done: bool,
    },
}

pub struct Caller {
    pub user: User,
    pub credential: Credential,
    pub request_id: String,
    pub purpose: Purpose,
    /// Unread notifications, for the menu (browser sessions only).
    pub unread: i64,
}

impl Caller {
    /// Asks the core policy for a scope; there is no other way to get one.
    /// A refusal is itself audited (who tried what), then answered 403.
    pub async fn scope(&self, state: &AppState, permission: Permission) -> Result<Scope, WebError> {
        // A token narrows its owner's role to the token's scopes, never widens it.
        let in_token_scope = match &self.credential {
            Credential::Bearer { scopes } => scopes.contains(&permission.token_scope()),
            Credential::Session { .. } => true,
        };
        let decided = if in_token_scope {
            authorize(&self.user.actor(), permission, self.purpose.clone(), self.request_id.clone())
        } else {
            Err(haven_core::access::Denied)
        };
        match decided {
            Ok(scope) => Ok(scope),
            Err(_) => {
                let actor = self.user.id.to_string();
                let ctx = haven_store::audit::Context {
                    actor: &actor,
                    purpose: self.purpose.as_str(),
                    request_id: &self.request_id,
                };
                let what = format!("{permission:?}");
                state
                    .store
                    .record_event(
                        &ctx,
                        haven_core::audit::Action::Denied,
                        haven_core::audit::RecordKind::System,
                        &what,
                        "denied",
                    )
                    .await?;
                Err(WebError::Forbidden)
            }
        }
    }

    /// Whether to offer a control: the policy answers, the store enforces.
    pub fn may(&self, p: Permission) -> bool {
        authorize(&self.user.actor(), p, Purpose::case_management(), "").is_ok()
    }

    pub fn second_factor_pending(&self) -> bool {
        matches!(self.credential, Credential::Session { second_factor_done: false, .. })
    }

    pub fn csrf(&self) -> &str {
        match &self.credential {
            Credential::Session { csrf, .. } => csrf,
            Credential::Bearer { .. } => "",
        }
    }

    /// For HTML forms: the hidden field must equal the session's token.
    pub fn check_form_csrf(&self, submitted: &str) -> Result<(), WebError> {
        match &self.credential {
            Credential::Session { csrf, .. } if constant_time_eq(csrf.as_bytes(), submitted.as_bytes()) => Ok(()),
            _ => Err(WebError::Csrf),
        }
    }
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    haven_store::crypto::ct_eq(a, b)
}

/// The client's address: the peer, or, when the peer is a proxy the operator
/// named with `--trusted-proxy`, the last address the proxy chain added that
/// is not itself trusted. Headers from anyone else are ignored, so a client
/// cannot pick its own address to dodge the throttles.
pub fn client_ip(state: &AppState, parts: &Parts) -> Option<std::net::IpAddr> {
    let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip())?;
    client_ip_from(&state.trusted_proxies, peer, &parts.headers)
}

pub fn client_ip_from(
    trusted: &[crate::kit::security::IpNet],
    peer: std::net::IpAddr,
    headers: &HeaderMap,
) -> Option<std::net::IpAddr> {
    if !trusted.iter().any(|n| n.contains(&peer)) {
        return Some(peer);
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    Some(forwarded.iter().rev().copied().find(|a| !trusted.iter().any(|n| n.contains(a))).unwrap_or(peer))
}

/// Paths a user whose password must change may still use: the change itself,
/// signing out, and the second step that comes before it.
fn allowed_before_password_change(path: &str) -> bool {
    matches!(path, "/password" | "/logout" | "/login/second-factor" | "/account/second-factor" | "/api/v1/me")
}

/// A cookie's value from the request headers (parsed by the `cookie` crate).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The id tower-http gave this request (see `security::harden`).
pub fn request_id(parts: &Parts) -> String {
    request_id_from(&parts.headers)
}

pub fn request_id_from(headers: &HeaderMap) -> String {
    headers.get(super::security::REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let request_id = request_id(parts);
        let purpose = match parts.headers.get(PURPOSE_HEADER).and_then(|v| v.to_str().ok()) {
            Some(p) => Purpose::parse(p)?,
            None => Purpose::case_management(),
        };
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
            let token = auth.strip_prefix("Bearer ").ok_or(WebError::Unauthenticated)?.trim();
            // Guessing tokens is rate limited per address like passwords are.
            let client = client_ip(state, parts);
            let Some(found) = state.store.token_user(token).await? else {
                if let Some(ip) = client {
                    if !state.token_limiter.check(ip) {
                        return Err(WebError::RateLimited);
                    }
                }
                return Err(WebError::Unauthenticated);
            };
            if found.user.must_change_password && !allowed_before_password_change(parts.uri.path()) {
                return Err(WebError::PasswordChangeRequired);
            }
            return Ok(Caller {
                user: found.user,
                credential: Credential::Bearer { scopes: found.scopes },
                request_id,
                purpose,
                unread: 0,
            });
        }
        let secret = cookie(&parts.headers, SESSION_COOKIE).ok_or(WebError::Unauthenticated)?.to_owned();
        let session = state.store.session(&secret).await?.ok_or(WebError::Unauthenticated)?;
        // The JSON API is closed to a session that has not passed its second factor.
        if !session.second_factor_done && parts.uri.path().starts_with("/api/") {
            return Err(WebError::Unauthenticated);
        }
        // A one-time password opens nothing but its own change, on every
        // route: pages redirect (see `PageCaller`), the API refuses.
        if session.user.must_change_password
            && parts.uri.path().starts_with("/api/")
            && !allowed_before_password_change(parts.uri.path())
        {
            return Err(WebError::PasswordChangeRequired);
        }
        // A browser session calling the JSON API must prove it is our page,
        // not a cross-site form: unsafe methods need the CSRF header.
        let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if unsafe_method && parts.uri.path().starts_with("/api/") {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            if !constant_time_eq(sent.as_bytes(), session.csrf.as_bytes()) {
                return Err(WebError::Csrf);
            }
        }
        let unread =
            if session.second_factor_done { state.store.unread_notifications(session.user.id).await? } else { 0 };
        Ok(Caller {
            unread,
            user: session.user,
            credential: Credential::Session {
                csrf: session.csrf,
                secret,
                second_factor_done: session.second_factor_done,
            },
            request_id,
            purpose,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
        let proxy: std::net::IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: std::net::IpAddr = "203.0.113.5".parse().unwrap();
        let trusted: Vec<crate::kit::security::IpNet> = vec!["10.0.0.0/24".parse().unwrap()];
        // Without a trusted proxy, the header is ignored: a client cannot
        // pick its own address to dodge the sign-in throttle.
        assert_eq!(client_ip_from(&[], stranger, &headers("1.2.3.4")), Some(stranger));
        assert_eq!(client_ip_from(&trusted, stranger, &headers("1.2.3.4")), Some(stranger));
        // Through the proxy: the last address not itself a proxy.
        assert_eq!(
            client_ip_from(&trusted, proxy, &headers("1.2.3.4, 198.51.100.7, 10.0.0.9")),
            Some("198.51.100.7".parse().unwrap())
        );
        // A proxy that sends nothing usable leaves the peer.
        assert_eq!(client_ip_from(&trusted, proxy, &headers("garbage")), Some(proxy));
    }
}
