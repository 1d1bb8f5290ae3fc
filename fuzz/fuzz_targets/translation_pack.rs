//! Translation packs come from outside organisations: arbitrary bytes must
//! never panic the parser, and whatever parses must apply cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(instrument) = haven_instrument::find("forced-criminality") {
        if let Ok(pack) = haven_instrument::pack::parse(data, &instrument) {
            let _ = pack.apply(&instrument);
        }
    }
});
