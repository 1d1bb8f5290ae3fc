#![no_main]
// HTCDS bundles arrive from other case-management systems, as JSON or as a
// zip of CSV files; both readers, and the sniffing one, take any bytes.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let limits = haven_formats::htcds::Limits::default();
    let today = time::macros::date!(2026 - 01 - 01);
    let _ = haven_formats::htcds::read(data, &limits, today);
    let _ = haven_formats::htcds::read_json(data, &limits, today);
    let _ = haven_formats::htcds::read_zip(data, &limits, today);
});
