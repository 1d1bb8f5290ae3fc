//! The mechanism every feature shares, and nothing else: state, errors and
//! the error page, the caller and its extractors (a CSRF-checked form, JSON
//! bodies, query parameters, ids), the page layout, time, translations,
//! security headers and rate limits, downloads, the route table for pages
//! and the OpenAPI document's shared parts. The kit names no feature.

pub mod caller;
pub mod catalogue;
pub mod context;
pub mod download;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod labels;
pub mod mail;
pub mod openapi;
pub mod page;
pub mod prelude;
pub mod routes;
pub mod security;
pub mod state;
pub mod termbase;
pub mod time;
pub mod translations;

pub use caller::{Caller, Credential};
pub use error::{ErrorBody, WebError};
pub use extract::{parse_id, Created, CsrfForm, JsonBody, QueryParams};
pub use i18n::Tr;
pub use page::{render, validation_message, Layout, PageCaller, PageError, PageResult};
pub use state::AppState;
