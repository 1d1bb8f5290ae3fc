//! What the JSON and CSV codecs share: empty cells, how a cell can be
//! wrong, and how a name from the file may be repeated in a message.

use super::rows::{Cell, Shape};
use super::Limits;

pub(crate) fn default_cell(shape: Shape) -> Cell {
    match shape {
        Shape::Text => Cell::Text(None),
        Shape::Bool => Cell::Bool(false),
        Shape::Int => Cell::Int(None),
        Shape::List(_) => Cell::List(Vec::new()),
    }
}

/// A cell that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The wrong kind of value; says what was expected.
    Shape(&'static str),
    TooLong,
    TooMany,
}

impl Problem {
    pub fn message(&self, limits: &Limits) -> String {
        match self {
            Problem::Shape(expected) => format!("expected {expected}"),
            Problem::TooLong => format!("longer than {} bytes", limits.max_field_bytes),
            Problem::TooMany => format!("more than {} items", limits.max_list_items),
        }
    }
}

/// A column or key name from the file, as a message may repeat it: only
/// when it looks like a field name (ASCII, with an underscore, as every
/// HTCDS and haven name has), so that a data row read as a header, which
/// would hold a person's name, is never echoed (R23).
pub(crate) fn shown_name(name: &str) -> Option<&str> {
    let field_like = (3..=64).contains(&name.len())
        && name.contains('_')
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    field_like.then_some(name)
}

/// Cells a spreadsheet would run as a formula get a leading apostrophe
/// (CSV injection), and so does a cell that already starts with one, so
/// that reading strips exactly one and gives back what was written.
pub(crate) fn escape(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{v}")
    } else {
        v.to_owned()
    }
}

pub(crate) fn unescape(v: &str) -> &str {
    v.strip_prefix('\'').unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r23_only_field_like_names_are_repeated() {
        assert_eq!(shown_name("passport_scan"), Some("passport_scan"));
        assert_eq!(shown_name("Nguyễn Thị Lan"), None);
        assert_eq!(shown_name("Lan"), None);
        assert_eq!(shown_name("=HYPERLINK_x"), None);
    }

    proptest! {
        #[test]
        fn unescape_undoes_escape(s in ".{0,40}") {
            let escaped = escape(&s);
            prop_assert_eq!(unescape(&escaped), s.as_str());
        }
    }
}
