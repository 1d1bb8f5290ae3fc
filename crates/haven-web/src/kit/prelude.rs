//! What a feature's files use from the kit, in one import.

pub use super::caller::{cookie, LANG_COOKIE, SESSION_COOKIE};
pub use super::caller::{Caller, Credential};
pub use super::download::{attachment, document_languages, known_language, pdf_attachment};
pub use super::error::{ErrorBody, WebError};
pub use super::extract::{parse_id, parse_org, Created, CsrfForm, Id, JsonBody, NoFields, QueryParams, Upload};
pub use super::i18n::Tr;
pub use super::labels;
pub use super::page::{cookie_header, error_page, ErrorPage};
pub use super::page::{render, validation_message, Layout, PageCaller, PageError, PageResult, Saved};
pub use super::state::AppState;
pub use super::time::{local_date, local_time, rfc3339, today};

// What nearly every handler file needs from outside the crate.
pub use askama::Template;
pub use axum::extract::{ConnectInfo, Path, Query, State};
pub use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
pub use axum::response::{Html, IntoResponse, Redirect, Response};
pub use axum::{Form, Json};
pub use haven_core::access::{Category, Permission};
pub use haven_core::case::{CaseRecord, CaseStatus, NoteBody};
pub use haven_core::ids::{
    AdReviewId, CaseId, ConsentId, CooperationId, DecisionId, DocumentId, MergeId, OrgId, PenaltyId, PersonId,
    ProtectionId, ReferralId, ScreeningId, ServiceId, TracingInboundId, TracingRequestId, UserId,
};
pub use haven_core::person::{format_date, parse_date, Birth, LocationType, PersonInput, PersonRecord};
pub use haven_core::ValidationError;
pub use haven_store::cases::{CaseView, NoteView};
pub use haven_store::persons::{Page, PersonState, PersonSummary, PersonView};
pub use serde::{Deserialize, Serialize};
pub use utoipa::{IntoParams, ToSchema};
