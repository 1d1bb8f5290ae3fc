//! Extractors that answer in our error shape, and the small response types
//! every feature uses.

use axum::extract::{FromRequest, FromRequestParts, Query};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::WebError;

pub fn parse_id<T: std::str::FromStr>(raw: &str) -> Result<T, WebError> {
    // An id that cannot exist is reported like one that does not.
    raw.parse().map_err(|_| WebError::NotFound)
}

/// Query-string extraction with our JSON error shape (unknown parameters
/// are refused like unknown body fields).
pub struct QueryParams<T>(pub T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(QueryParams(v)),
            Err(rej) => Err(WebError::BadRequest(rej.body_text())),
        }
    }
}

/// JSON body extraction with our error shape instead of axum's plain text.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(JsonBody(v)),
            Err(rej) => {
                let status = rej.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    Err(WebError::BadRequest("the request body is too large".into()))
                } else {
                    Err(WebError::BadRequest(rej.body_text()))
                }
            }
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub(crate) id: String,
}

impl Created {
    /// The new record's id, typed or already text.
    pub fn new(id: impl std::fmt::Display) -> Self {
        Self { id: id.to_string() }
    }
}

/// A form posted from one of our pages: the hidden `csrf` field must equal
/// the session's token, checked before the handler runs, so no form handler
/// can forget it. Needs the `PageCaller` extractor before it (which records
/// the session's token for this request).
pub struct CsrfForm<T>(pub T);

/// The session's CSRF token, left in the request by `PageCaller`.
#[derive(Clone)]
pub(crate) struct SessionCsrf(pub String);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = super::page::PageError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = req.extensions().get::<SessionCsrf>().cloned();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| WebError::BadRequest("the form could not be read".into()))?;
        let sent: CsrfField = serde_urlencoded::from_bytes(&bytes).map_err(|e| WebError::BadRequest(e.to_string()))?;
        match expected {
            Some(SessionCsrf(token)) if super::caller::constant_time_eq(token.as_bytes(), sent.csrf.as_bytes()) => {}
            _ => return Err(WebError::Csrf.into()),
        }
        let form: T = serde_urlencoded::from_bytes(&bytes).map_err(|e| WebError::BadRequest(e.to_string()))?;
        Ok(CsrfForm(form))
    }
}

/// A form with nothing but its CSRF token (a button that posts).
#[derive(serde::Deserialize)]
pub struct NoFields {}

/// A record id from the path (`/{id}`), parsed into its typed id. An id that
/// cannot exist is answered like one that does not (404), as an error page
/// for pages and as JSON under `/api`.
pub struct Id<T>(pub T);

impl<S, T> FromRequestParts<S> for Id<T>
where
    T: std::str::FromStr + Send,
    S: Send + Sync,
{
    type Rejection = super::page::PageError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state).await.map_err(|_| WebError::NotFound)?;
        raw.parse().map(Id).map_err(|_| WebError::NotFound.into())
    }
}

/// An organisation id in a body or query field: a wrong one names the field.
pub fn parse_org(field: &'static str, raw: &str) -> Result<haven_core::ids::OrgId, WebError> {
    raw.parse()
        .map_err(|_| WebError::Invalid(haven_core::ValidationError::new(field, "unknown_org", "no such organisation")))
}

/// A file-upload form (multipart) from one of our pages, read whole and its
/// CSRF token checked. Multipart bodies are not read by [`CsrfForm`], and
/// unlike it this is read inside the handler, after the role check, so that
/// nobody without the role has their upload read at all.
pub struct Upload {
    parts: Vec<UploadPart>,
}

pub struct UploadPart {
    name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: axum::body::Bytes,
}

impl Upload {
    pub async fn read(caller: &super::caller::Caller, mut form: axum::extract::Multipart) -> Result<Self, WebError> {
        let bad = |e: axum::extract::multipart::MultipartError| WebError::BadRequest(e.body_text());
        let mut parts = Vec::new();
        while let Some(field) = form.next_field().await.map_err(bad)? {
            let Some(name) = field.name().map(str::to_owned) else { continue };
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(str::to_owned);
            parts.push(UploadPart { name, file_name, content_type, bytes: field.bytes().await.map_err(bad)? });
        }
        let upload = Upload { parts };
        caller.check_form_csrf(upload.text("csrf").as_deref().unwrap_or(""))?;
        Ok(upload)
    }

    /// A text field, trimmed.
    pub fn text(&self, name: &str) -> Option<String> {
        self.part(name).map(|p| String::from_utf8_lossy(&p.bytes).trim().to_owned())
    }

    /// A file field, if it was sent with any content.
    pub fn file(&self, name: &str) -> Option<&UploadPart> {
        self.part(name).filter(|p| !p.bytes.is_empty())
    }

    fn part(&self, name: &str) -> Option<&UploadPart> {
        self.parts.iter().find(|p| p.name == name)
    }
}
