//! Files served for download: printed documents (PDF) and spreadsheets.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::error::WebError;
use super::i18n::{Tr, LANGUAGES};

/// The languages a printed document is written in: each given one once, in
/// order; the reader's own when none is known.
pub fn document_languages(tr: &Tr, codes: impl IntoIterator<Item = Option<&'static str>>) -> Vec<Tr> {
    let mut langs: Vec<Tr> = Vec::new();
    for code in codes.into_iter().flatten() {
        if !langs.iter().any(|t| t.code() == code) {
            langs.push(Tr::new(code));
        }
    }
    if langs.is_empty() {
        langs.push(tr.clone());
    }
    langs
}

/// Renders a document and serves it as a PDF download.
pub fn pdf_attachment(doc: &haven_pdf::Doc, filename: &str) -> Result<Response, WebError> {
    let bytes = haven_pdf::render(doc).map_err(|e| WebError::Internal(e.to_string()))?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    let disposition = format!("attachment; filename=\"{filename}\"");
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(res)
}

/// Serves bytes as a file download with the given type.
pub fn attachment(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Result<Response, WebError> {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let disposition = format!("attachment; filename=\"{filename}\"");
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(res)
}

/// The code of a language we have a catalogue for, if `code` is one.
pub fn known_language(code: &str) -> Option<&'static str> {
    let exact = LANGUAGES.iter().find(|(c, _)| *c == code).map(|(c, _)| *c);
    // A recorded tag may carry a region ("vi-VN") or be the bare "zh".
    exact.or_else(|| {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        let primary = if primary.eq_ignore_ascii_case("zh") { "zh-Hans" } else { primary };
        LANGUAGES.iter().find(|(c, _)| c.eq_ignore_ascii_case(primary)).map(|(c, _)| *c)
    })
}
