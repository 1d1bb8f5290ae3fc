//! Packages arrive from other installations (issue 14, R24): reading the header and opening
//! must refuse arbitrary bytes without panicking, and never accept what the fixed sender did
//! not seal.
#![no_main]

use haven_exchange::{open, peek_header, NodeKeys};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let recipient = NodeKeys::from_seeds(&[3; 32], &[4; 32]);
    let sender = NodeKeys::from_seeds(&[1; 32], &[2; 32]).public();
    let header = peek_header(data);
    if let Ok(opened) = open(&recipient, &sender, data) {
        // Forging a package is out of reach; if one ever opens, its header is the one peeked.
        assert_eq!(header.ok(), Some(opened.header));
    }
});
