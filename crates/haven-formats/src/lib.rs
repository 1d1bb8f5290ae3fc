//! haven's file formats: the service directory as CSV and XLSX, screening
//! answers and determinations as JSON, screening instruments as XLSForm (for
//! KoboToolbox and ODK Collect) and their filled-in submissions back as
//! answers (`odk`), case data in HTCDS 2.0 as JSON or zipped CSV (`htcds`).
//! Pure: bytes and text in, domain types out, and back. The CLI, the web
//! layer and the fuzz targets share these parsers, so a spreadsheet or an
//! answers file is read the same way whichever door it comes through, and a
//! fuzzer for them links no HTTP.

pub mod answers;
pub mod ctdc;
pub mod directory;
pub mod htcds;
pub mod legacy;
pub mod odk;
pub mod statistics;
pub mod translations;
pub mod xlsform;

/// A file that cannot be read, with what is wrong in words for the person
/// who supplied it (a row number, a column, a limit). Never echoes a value.
/// Where a reader's language has words for the fault, `code` names them
/// and `args` fills them in; `message` is the English for logs and the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FormatError {
    pub message: String,
    pub code: Option<&'static str>,
    pub args: Vec<(&'static str, String)>,
}

impl FormatError {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: None, args: Vec::new() }
    }

    /// A fault with a code the web layer translates, and its English.
    pub fn coded(code: &'static str, args: Vec<(&'static str, String)>, message: impl Into<String>) -> Self {
        Self { message: message.into(), code: Some(code), args }
    }
}
