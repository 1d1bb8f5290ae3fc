#![no_main]
// Service directories arrive as CSV or XLSX files from other organisations.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = haven_formats::directory::parse_csv(data);
    let _ = haven_formats::directory::parse_xlsx(data);
});
