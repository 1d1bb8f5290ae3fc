//! The escaping behind the core's line-based text forms (screening answers,
//! protection fields): tab-separated values, one record per line, sealed by
//! the store as one blob. Kept here so the store needs no JSON.

/// Escapes backslashes, tabs and newlines so a value fits in one field.
pub fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}

/// The inverse of [`escape`].
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
