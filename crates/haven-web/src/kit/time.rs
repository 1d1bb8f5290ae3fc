//! Dates and times as the web layer shows them.

use haven_core::person::format_date;

pub fn local_date(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map(|t| format_date(t.date()))
        .unwrap_or_default()
}

/// A date and time to the minute, in UTC (the server keeps no user's zone),
/// said as such.
pub fn local_time(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map(|t| format!("{} {:02}:{:02} UTC", format_date(t.date()), t.hour(), t.minute()))
        .unwrap_or_default()
}

pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

pub fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}
