#![no_main]
// Names arrive from forms, the API and (later) imports in any script.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = haven_core::names::index_keys(text);
        let _ = haven_core::names::query_groups(text);
        let input = haven_core::person::PersonInput { full_name: text.to_owned(), ..Default::default() };
        let _ = haven_core::person::PersonRecord::parse(&input, time::macros::date!(2026 - 11 - 25));
    }
});
