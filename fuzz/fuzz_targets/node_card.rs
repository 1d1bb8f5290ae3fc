//! Node cards come from other installations (issue 14, R24): parse arbitrary bytes without
//! panicking; what parses must verify and survive a write and re-read unchanged.
#![no_main]

use haven_exchange::SignedCard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(card) = SignedCard::parse(data) {
        assert!(card.verify().is_ok());
        assert_eq!(SignedCard::parse(&card.to_bytes()).ok(), Some(card));
    }
});
