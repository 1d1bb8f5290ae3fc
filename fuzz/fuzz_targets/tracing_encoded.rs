//! ENCODED files come from a partner organisation (issue 15): parse them, and PEOPLE.csv,
//! from arbitrary bytes without panicking or allocating beyond what the input could hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = haven_trace::parse_encoded(data) {
        // What parses must write back to the same bytes.
        assert_eq!(haven_trace::write_encoded(&file), data);
    }
    let _ = haven_trace::parse_people(data);
});
