#![no_main]
// Instrument files can come from other organisations: parsing any bytes must
// return a value or an error, never panic or hang.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = haven_instrument::parse(text);
    }
});
