//! The web layer's one error type. API callers get JSON
//! `{"error": code, "message": text}`; HTML pages render their own errors
//! through `page::PageError`. Messages never contain personal data.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use haven_core::ValidationError;
use haven_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, thiserror::Error)]
pub enum WebError {
    #[error("authentication required")]
    Unauthenticated,
    #[error("not permitted")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("this person's record has been erased")]
    Erased,
    #[error("{0}")]
    Invalid(ValidationError),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("too many requests")]
    RateLimited,
    #[error("the form expired; reload and try again")]
    Csrf,
    #[error("internal error")]
    Internal(String),
    /// The account's password was set by someone else (or reset) and must be
    /// changed before anything else, through any route or token.
    #[error("change your password first: the one you have was set by someone else")]
    PasswordChangeRequired,
    /// A row failed its integrity check; an alarm was recorded for the auditor.
    #[error("this record failed an integrity check and cannot be used; the auditor has been alerted")]
    Integrity,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable machine-readable code.
    pub error: String,
    /// A human-readable explanation (English).
    pub message: String,
    /// The input field at fault, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule of `RIGHTS.md` that refused the request (e.g. `R17`), for
    /// refusals a rule makes. Messages name no rule codes; this does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// The rule a refusal's code names: `r17_consent_required` → `R17`.
pub fn rule_of(code: &str) -> Option<String> {
    let rest = code.strip_prefix('r')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty() && rest[digits.len()..].starts_with('_')).then(|| format!("R{digits}"))
}

/// A message without the rule codes written into it for developers
/// ("… (R16)"): people read what stops them and what to do, not a code.
pub fn without_rule_codes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("(R") {
        let after = &rest[at + 2..];
        let close = after.find(')');
        // "(R" opened it, so the first token is digits after that R; any
        // others must be whole codes ("R21").
        let inner_is_codes = close.is_some_and(|c| {
            let mut tokens = after[..c].split([',', ' ', '/']).filter(|t| !t.is_empty());
            let is_digits = |t: &str| !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit());
            tokens.next().is_some_and(is_digits) && tokens.all(|t| t.strip_prefix('R').is_some_and(is_digits))
        });
        match (close, inner_is_codes) {
            (Some(c), true) => {
                out.push_str(rest[..at].trim_end());
                rest = &after[c + 1..];
            }
            _ => {
                out.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            WebError::Erased => StatusCode::GONE,
            WebError::Invalid(_) | WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::PasswordChangeRequired => StatusCode::FORBIDDEN,
            WebError::Integrity => StatusCode::CONFLICT,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            WebError::Unauthenticated => "unauthenticated",
            WebError::Forbidden => "forbidden",
            WebError::NotFound => "not_found",
            WebError::MethodNotAllowed => "method_not_allowed",
            WebError::Erased => "erased",
            WebError::Invalid(v) => v.code,
            WebError::BadRequest(_) => "bad_request",
            WebError::Conflict(_) => "conflict",
            WebError::RateLimited => "rate_limited",
            WebError::Csrf => "csrf",
            WebError::Internal(_) => "internal",
            WebError::PasswordChangeRequired => "password_change_required",
            WebError::Integrity => "integrity",
        }
    }

    pub fn body(&self) -> ErrorBody {
        let message = match self {
            // Internal details go to the log, not to the client.
            WebError::Internal(_) => "the server could not complete the request; nothing was saved".to_owned(),
            WebError::Invalid(v) => without_rule_codes(v.message),
            other => other.to_string(),
        };
        ErrorBody {
            error: self.code().to_owned(),
            message,
            field: match self {
                WebError::Invalid(v) => Some(v.field.to_owned()),
                _ => None,
            },
            rule: rule_of(self.code()),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Erased => WebError::Erased,
            StoreError::Denied => WebError::Forbidden,
            StoreError::Invalid(v) => WebError::Invalid(v),
            StoreError::Conflict(m) => WebError::Conflict(m),
            StoreError::Integrity(_) => WebError::Integrity,
            // Authenticated decryption failed under the right key: the data
            // was altered, which is an integrity failure, not a server fault.
            StoreError::Crypto => WebError::Integrity,
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<ValidationError> for WebError {
    fn from(v: ValidationError) -> Self {
        WebError::Invalid(v)
    }
}

impl From<haven_core::access::Denied> for WebError {
    fn from(_: haven_core::access::Denied) -> Self {
        WebError::Forbidden
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            tracing::error!(%detail, "request failed");
        }
        let mut res = (self.status(), Json(self.body())).into_response();
        if matches!(self, WebError::Unauthenticated) {
            res.headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        res
    }
}

impl From<haven_formats::FormatError> for WebError {
    fn from(e: haven_formats::FormatError) -> Self {
        WebError::BadRequest(e.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_leave_messages_and_stand_apart() {
        assert_eq!(rule_of("r17_consent_required").as_deref(), Some("R17"));
        assert_eq!(rule_of("r11_r12_scope").as_deref(), Some("R11"));
        assert_eq!(rule_of("required"), None);
        assert_eq!(rule_of("r_x"), None);
        assert_eq!(without_rule_codes("a referral cannot go to police (R16)."), "a referral cannot go to police.");
        assert_eq!(without_rule_codes("first (R20, R21) then"), "first then");
        assert_eq!(without_rule_codes("keep (Rooms) and (R) as they are"), "keep (Rooms) and (R) as they are");
        assert_eq!(without_rule_codes("ข้อความ (R21)"), "ข้อความ");
    }
}
