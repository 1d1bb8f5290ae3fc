//! R24 (cross-border exchange): packages reach only their recipient, unaltered, from the sender
//! they name, with no personal data in clear; cards are self-consistent; stale and replayed
//! packages are recognised.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use ed25519_dalek::Signer;
use haven_exchange::*;
use hpke::{Deserializable, Serializable};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;

const T0: i64 = 1_760_000_000_000;
const DAY_MS: i64 = 24 * 3600 * 1000;

fn alice() -> NodeKeys {
    NodeKeys::from_seeds(&[1; 32], &[2; 32])
}
fn bob() -> NodeKeys {
    NodeKeys::from_seeds(&[3; 32], &[4; 32])
}
fn carol() -> NodeKeys {
    NodeKeys::from_seeds(&[5; 32], &[6; 32])
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(24)
}

fn header(kind: PackageKind, from: &NodeKeys, to: &NodePublic, sequence: u64) -> Header {
    Header::new(kind, from.public().fingerprint(), to.fingerprint(), sequence, T0, DAY_MS, &mut rng())
}

const BODY: &[u8] = br#"{"person":{"name":"Somchai Jaidee","born":"1990-04-12"},"consent":"c-17"}"#;

/// Alice's transfer to Bob.
fn package(body: &[u8]) -> Vec<u8> {
    let (a, b) = (alice(), bob());
    seal(&a, &b.public(), &header(PackageKind::Transfer, &a, &b.public(), 1), body, &mut rng()).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// A package built by hand from the documented wire format, signed with any key, so that
/// tests can produce what `seal` itself refuses to.
fn craft(signer: &ed25519_dalek::SigningKey, to: &NodePublic, header: &Header, body: &[u8]) -> Vec<u8> {
    let header_bytes = serde_json::to_vec(header).unwrap();
    let len = (header_bytes.len() as u32).to_be_bytes();
    let mut message = b"haven-package-v1\0".to_vec();
    message.extend_from_slice(&len);
    message.extend_from_slice(&header_bytes);
    message.extend_from_slice(body);
    let mut plaintext = signer.sign(&message).to_bytes().to_vec();
    plaintext.extend_from_slice(body);
    let pk = <hpke::kem::X25519HkdfSha256 as hpke::Kem>::PublicKey::from_bytes(&to.encryption).unwrap();
    let (enc, ciphertext) = hpke::single_shot_seal::<
        hpke::aead::ChaCha20Poly1305,
        hpke::kdf::HkdfSha256,
        hpke::kem::X25519HkdfSha256,
        _,
    >(&hpke::OpModeS::Base, &pk, b"haven-package-v1", &plaintext, &header_bytes, &mut rng())
    .unwrap();
    let mut out = b"HAVENPKG\x01".to_vec();
    out.extend_from_slice(&len);
    out.extend_from_slice(&header_bytes);
    out.extend_from_slice(&enc.to_bytes());
    out.extend_from_slice(&ciphertext);
    out
}

/// Replaces the header of a package (fixing the length field), keeping the rest as it was.
fn with_header_bytes(package: &[u8], new_header: &[u8]) -> Vec<u8> {
    let old_len = u32::from_be_bytes(package[9..13].try_into().unwrap()) as usize;
    let mut out = package[..9].to_vec();
    out.extend_from_slice(&(new_header.len() as u32).to_be_bytes());
    out.extend_from_slice(new_header);
    out.extend_from_slice(&package[13 + old_len..]);
    out
}

// ---------------------------------------------------------------------------------------------
// Packages

#[test]
fn r24_round_trip_seal_open() {
    let (a, b) = (alice(), bob());
    let h = header(PackageKind::Transfer, &a, &b.public(), 1);
    let bytes = seal(&a, &b.public(), &h, BODY, &mut rng()).unwrap();
    assert_eq!(&bytes[..8], MAGIC);
    assert_eq!(bytes.len(), PACKAGE_OVERHEAD + serde_json::to_vec(&h).unwrap().len() + BODY.len());
    assert_eq!(peek_header(&bytes).unwrap(), h);
    let opened = open(&b, &a.public(), &bytes).unwrap();
    assert_eq!(opened.header, h);
    assert_eq!(opened.body, BODY);

    // Empty bodies (a bare receipt) work too, and every kind survives the trip.
    for (i, kind) in PackageKind::ALL.into_iter().enumerate() {
        let h = header(kind, &b, &a.public(), i as u64 + 1);
        let bytes = seal(&b, &a.public(), &h, b"", &mut rng()).unwrap();
        let opened = open(&a, &b.public(), &bytes).unwrap();
        assert_eq!(opened.header.kind, kind);
        assert!(opened.body.is_empty());
    }
}

#[test]
fn r24_hand_built_package_matches_the_documented_format() {
    let (a, b) = (alice(), bob());
    let h = header(PackageKind::FollowUp, &a, &b.public(), 9);
    let bytes = craft(&ed25519_dalek::SigningKey::from_bytes(&[1; 32]), &b.public(), &h, BODY);
    let opened = open(&b, &a.public(), &bytes).unwrap();
    assert_eq!(opened.header, h);
    assert_eq!(opened.body, BODY);
}

#[test]
fn r24_every_single_byte_flip_is_refused() {
    let (a, b) = (alice(), bob());
    let bytes = package(b"short body");
    for pos in 0..bytes.len() {
        for mask in [0x01u8, 0x80] {
            let mut bad = bytes.clone();
            bad[pos] ^= mask;
            assert!(open(&b, &a.public(), &bad).is_err(), "flip {mask:#04x} at byte {pos} was accepted");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn r24_tampered_package_is_refused(pos in any::<prop::sample::Index>(), mask in 1u8..=255) {
        let (a, b) = (alice(), bob());
        let mut bytes = package(BODY);
        let pos = pos.index(bytes.len());
        bytes[pos] ^= mask;
        prop_assert!(open(&b, &a.public(), &bytes).is_err());
    }

    #[test]
    fn r24_truncated_or_extended_package_is_refused(cut in any::<prop::sample::Index>(), extra in prop::collection::vec(any::<u8>(), 1..40)) {
        let (a, b) = (alice(), bob());
        let bytes = package(BODY);
        let cut = cut.index(bytes.len());
        prop_assert!(open(&b, &a.public(), &bytes[..cut]).is_err());
        let mut longer = bytes.clone();
        longer.extend_from_slice(&extra);
        prop_assert_eq!(open(&b, &a.public(), &longer).err(), Some(ExchangeError::Tampered));
    }
}

#[test]
fn r24_tampered_header_is_refused() {
    let (a, b) = (alice(), bob());
    let bytes = package(BODY);
    let h = peek_header(&bytes).unwrap();
    // A header that still parses and still names the same parties: only the AAD catches it.
    for change in 0..4 {
        let mut changed = h.clone();
        match change {
            0 => changed.sequence += 1,
            1 => changed.kind = PackageKind::Revocation,
            2 => changed.expires_ms += 1,
            _ => changed.id = "00000000-0000-4000-8000-000000000000".into(),
        }
        let bad = with_header_bytes(&bytes, &serde_json::to_vec(&changed).unwrap());
        assert_eq!(open(&b, &a.public(), &bad).err(), Some(ExchangeError::Tampered), "change {change}");
    }
    // Same header, written differently (lower-case fingerprint): still not the bytes as sent.
    let json = serde_json::to_string(&h).unwrap().replace(h.sender.as_str(), &h.sender.as_str().to_lowercase());
    let bad = with_header_bytes(&bytes, json.as_bytes());
    assert_eq!(peek_header(&bad).unwrap().sender, h.sender);
    assert_eq!(open(&b, &a.public(), &bad).err(), Some(ExchangeError::Tampered));
}

#[test]
fn r24_wrong_recipient_key_is_refused() {
    let (a, b, c) = (alice(), bob(), carol());
    let bytes = package(BODY);
    assert_eq!(open(&c, &a.public(), &bytes).err(), Some(ExchangeError::WrongRecipient));
    // Bob's signing key with another encryption key is another installation.
    let half_bob = NodeKeys::from_seeds(&[3; 32], &[6; 32]);
    assert_eq!(open(&half_bob, &a.public(), &bytes).err(), Some(ExchangeError::WrongRecipient));
    // And seal will not address a header to one node while encrypting to another.
    let h = header(PackageKind::Transfer, &a, &b.public(), 1);
    assert_eq!(seal(&a, &c.public(), &h, BODY, &mut rng()).err(), Some(ExchangeError::WrongRecipient));
}

#[test]
fn r24_package_for_another_recipient_is_refused() {
    let (a, b, c) = (alice(), bob(), carol());
    let for_carol =
        seal(&a, &c.public(), &header(PackageKind::Transfer, &a, &c.public(), 1), BODY, &mut rng()).unwrap();
    assert_eq!(open(&b, &a.public(), &for_carol).err(), Some(ExchangeError::WrongRecipient));
    assert!(open(&c, &a.public(), &for_carol).is_ok());
    // Carol cannot forward Alice's package to Bob by relabelling it: the recipient is in the
    // associated data and in Alice's signature.
    let mut h = peek_header(&for_carol).unwrap();
    h.recipient = b.public().fingerprint();
    let relabelled = with_header_bytes(&for_carol, &serde_json::to_vec(&h).unwrap());
    assert_eq!(open(&b, &a.public(), &relabelled).err(), Some(ExchangeError::Tampered));
    // Nor by re-encrypting Alice's signed plaintext to Bob under a new header.
    let opened = open(&c, &a.public(), &for_carol).unwrap();
    let forged = craft(&ed25519_dalek::SigningKey::from_bytes(&[5; 32]), &b.public(), &h, &opened.body);
    assert_eq!(open(&b, &a.public(), &forged).err(), Some(ExchangeError::Tampered));
}

#[test]
fn r24_wrong_sender_key_is_refused() {
    let (a, b, c) = (alice(), bob(), carol());
    let bytes = package(BODY);
    assert_eq!(open(&b, &c.public(), &bytes).err(), Some(ExchangeError::UnknownSender));
    // seal only writes headers that name its own key as the sender.
    let h = header(PackageKind::Transfer, &a, &b.public(), 1);
    assert_eq!(seal(&c, &b.public(), &h, BODY, &mut rng()).err(), Some(ExchangeError::UnknownSender));
}

#[test]
fn r24_impostor_cannot_pass_as_known_sender() {
    // HPKE Base mode lets anyone encrypt to Bob; only Alice's signature makes it Alice's.
    let (a, b) = (alice(), bob());
    let h = header(PackageKind::Transfer, &a, &b.public(), 1);
    let carol_signing = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let forged = craft(&carol_signing, &b.public(), &h, BODY);
    assert_eq!(peek_header(&forged).unwrap(), h);
    assert_eq!(open(&b, &a.public(), &forged).err(), Some(ExchangeError::Tampered));
}

#[test]
fn r24_downgrade_is_refused() {
    let (a, b) = (alice(), bob());
    let bytes = package(BODY);
    for format in [0u8, 2, 255] {
        let mut bad = bytes.clone();
        bad[8] = format;
        let expected = ExchangeError::Downgrade { found: u32::from(format), expected: FORMAT };
        assert_eq!(peek_header(&bad).err(), Some(expected.clone()));
        assert_eq!(open(&b, &a.public(), &bad).err(), Some(expected.clone()));
        assert_eq!(expected.code(), "package_downgrade");
    }
    // The header's own format field too, even with the right byte in front.
    let mut h = peek_header(&bytes).unwrap();
    h.format = 0;
    let bad = with_header_bytes(&bytes, &serde_json::to_vec(&h).unwrap());
    assert_eq!(open(&b, &a.public(), &bad).err(), Some(ExchangeError::Downgrade { found: 0, expected: FORMAT }));
    // And seal does not write old formats.
    assert_eq!(seal(&a, &b.public(), &h, BODY, &mut rng()).err().map(|e| e.code()), Some("package_downgrade"));
}

#[test]
fn r24_oversize_is_refused() {
    let (a, b) = (alice(), bob());
    let h = header(PackageKind::Transfer, &a, &b.public(), 1);
    let header_len = serde_json::to_vec(&h).unwrap().len();
    let largest = MAX_PACKAGE_BYTES - PACKAGE_OVERHEAD - header_len;

    let body = vec![0x5a; largest + 1];
    let err = seal(&a, &b.public(), &h, &body, &mut rng()).unwrap_err();
    assert_eq!(err, ExchangeError::TooLarge { size: MAX_PACKAGE_BYTES + 1, max: MAX_PACKAGE_BYTES });
    assert_eq!(err.code(), "package_too_large");

    let bytes = seal(&a, &b.public(), &h, &body[..largest], &mut rng()).unwrap();
    assert_eq!(bytes.len(), MAX_PACKAGE_BYTES);
    assert_eq!(open(&b, &a.public(), &bytes).unwrap().body.len(), largest);

    let mut over = bytes;
    over.push(0);
    assert_eq!(peek_header(&over).err().map(|e| e.code()), Some("package_too_large"));
    assert_eq!(open(&b, &a.public(), &over).err().map(|e| e.code()), Some("package_too_large"));
}

#[test]
fn r24_oversize_header_is_refused() {
    let bytes = package(BODY);
    let mut bad = bytes.clone();
    bad[9..13].copy_from_slice(&(MAX_HEADER_BYTES as u32 + 1).to_be_bytes());
    assert_eq!(peek_header(&bad).err(), Some(ExchangeError::Malformed("the header is too long")));
    bad[9..13].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(peek_header(&bad).err(), Some(ExchangeError::Malformed("the header is too long")));
}

#[test]
fn r24_header_carries_no_personal_data() {
    let bytes = package(BODY);
    for secret in ["Somchai", "Jaidee", "1990-04-12", "person", "consent"] {
        assert!(!contains(&bytes, secret.as_bytes()), "{secret} appears in clear in the package");
    }
    // No window of 8 body bytes appears anywhere in the package.
    for w in BODY.windows(8) {
        assert!(!contains(&bytes, w), "{:?} appears in clear", String::from_utf8_lossy(w));
    }
    // The header holds exactly the protocol fields and nothing else.
    let h = peek_header(&bytes).unwrap();
    let value = serde_json::to_value(&h).unwrap();
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["created_ms", "expires_ms", "format", "id", "kind", "recipient", "sender", "sequence"]);
    // And a header with anything more does not parse.
    let mut json = serde_json::to_value(&h).unwrap();
    json["note"] = "Somchai Jaidee".into();
    let bad = with_header_bytes(&bytes, &serde_json::to_vec(&json).unwrap());
    assert_eq!(peek_header(&bad).err().map(|e| e.code()), Some("package_malformed"));
}

#[test]
fn r24_bad_header_fields_are_refused_at_both_ends() {
    let (a, b) = (alice(), bob());
    let good = header(PackageKind::Receipt, &a, &b.public(), 1);
    let bytes = seal(&a, &b.public(), &good, b"", &mut rng()).unwrap();
    for change in 0..3 {
        let mut h = good.clone();
        match change {
            0 => h.sequence = 0,
            1 => h.id = "not-a-uuid".into(),
            _ => h.id = h.id.to_uppercase(),
        }
        assert_eq!(seal(&a, &b.public(), &h, b"", &mut rng()).err().map(|e| e.code()), Some("package_malformed"));
        let bad = with_header_bytes(&bytes, &serde_json::to_vec(&h).unwrap());
        assert_eq!(peek_header(&bad).err().map(|e| e.code()), Some("package_malformed"));
    }
}

#[test]
fn r24_garbage_is_refused_without_panicking() {
    let (a, b) = (alice(), bob());
    for bytes in [&b""[..], b"HAVENPKG", b"HAVENPKG\x01", b"HAVENPKG\x01\0\0\0\0", b"HAVENPKX\x01\0\0\0\x02{}"] {
        assert!(peek_header(bytes).is_err());
        assert!(open(&b, &a.public(), bytes).is_err());
    }
}

fn with_valid_prefix(rest: &[u8]) -> Vec<u8> {
    let mut out = b"HAVENPKG\x01".to_vec();
    out.extend_from_slice(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn r24_arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..800)) {
        let (a, b) = (alice(), bob());
        let _ = peek_header(&bytes);
        let _ = open(&b, &a.public(), &bytes);
        let _ = SignedCard::parse(&bytes);
        let prefixed = with_valid_prefix(&bytes);
        let _ = peek_header(&prefixed);
        let _ = open(&b, &a.public(), &prefixed);
    }

    #[test]
    fn r24_arbitrary_body_after_a_real_header_never_panics(tail in prop::collection::vec(any::<u8>(), 0..300)) {
        // A real header from Alice to Bob, so `open` gets as far as decryption.
        let (a, b) = (alice(), bob());
        let bytes = package(b"x");
        let header_len = u32::from_be_bytes(bytes[9..13].try_into().unwrap()) as usize;
        let mut bad = bytes[..13 + header_len].to_vec();
        bad.extend_from_slice(&tail);
        prop_assert!(open(&b, &a.public(), &bad).is_err());
    }

    #[test]
    fn r24_arbitrary_json_card_never_panics(s in "\\{\"card\":\\{[ -~]{0,200}\\},\"signature\":\"[0-9a-f]{0,130}\"\\}") {
        let _ = SignedCard::parse(s.as_bytes());
    }
}

// ---------------------------------------------------------------------------------------------
// Keys and cards

fn card() -> NodeCard {
    NodeCard {
        format: FORMAT,
        name: "Haven Chiang Mai".into(),
        url: "https://haven.example.org".into(),
        signing_key: String::new(),
        encryption_key: String::new(),
        organisations: vec![
            CardOrg {
                id: "org-1".into(),
                name: "มูลนิธิเพื่อผู้รอดชีวิต".into(),
                kind: "ngo".into(),
                country: Some("TH".into()),
                languages: vec!["th".into(), "my".into(), "en".into()],
            },
            CardOrg {
                id: "org-2".into(),
                name: "Legal aid clinic".into(),
                kind: "legal_aid".into(),
                country: None,
                languages: vec![],
            },
        ],
        issued_at: "2025-10-09T12:00:00Z".into(),
    }
}

#[test]
fn fingerprint_known_answer_for_fixed_seeds() {
    // Pinned: stored seeds must give the same keys and fingerprint in every later version. The
    // values were cross-checked with an independent implementation (Python `cryptography`:
    // Ed25519 from the seed, RFC 9180 DeriveKeyPair written out with HMAC-SHA256, SHA-256).
    let a = alice().public();
    assert_eq!(a.signing_hex(), "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
    assert_eq!(a.encryption_hex(), "6080bbe51005ea9acc863580ce57317d46bef6333558d5bfa97e461342985005");
    assert_eq!(a.fingerprint().as_str(), "B4A9-120F-25C2-3C0E-EA21-EB42-6797-21D4");
    assert_eq!(a.fingerprint().to_string(), a.fingerprint().as_str());
    assert_eq!(NodePublic::from_hex(&a.signing_hex(), &a.encryption_hex()).unwrap(), a);
    assert_ne!(a.fingerprint(), bob().public().fingerprint());
}

#[test]
fn fingerprint_parse_normalises() {
    let canonical = "B4A9-120F-25C2-3C0E-EA21-EB42-6797-21D4";
    for input in [
        canonical,
        "b4a9-120f-25c2-3c0e-ea21-eb42-6797-21d4",
        "B4A9120F25C23C0EEA21EB42679721D4",
        "b4a9 120f 25c2 3c0e ea21 eb42 6797 21d4",
        "  B4A9 120F-25C23c0e EA21-EB42 6797 21D4 ",
    ] {
        assert_eq!(Fingerprint::parse(input).unwrap().as_str(), canonical, "{input}");
    }
    for bad in [
        "",
        "81B6",
        "81B6-4ACB-8C02-A0F1-2A43-E8C1-3F7E-6C5",
        "B4A9-120F-25C2-3C0E-EA21-EB42-6797-21D4-00",
        "G1B6-4ACB-8C02-A0F1-2A43-E8C1-3F7E-6C58",
        "81B6_4ACB_8C02_A0F1_2A43_E8C1_3F7E_6C58",
    ] {
        assert_eq!(Fingerprint::parse(bad).err(), Some(ExchangeError::FingerprintInvalid), "{bad}");
    }
    assert_eq!(Fingerprint::parse(&"-".repeat(1000)).err().map(|e| e.code()), Some("fingerprint_invalid"));
    // Deserialising validates and normalises too.
    let f: Fingerprint = serde_json::from_str("\"b4a9120f25c23c0eea21eb42679721d4\"").unwrap();
    assert_eq!(f.as_str(), canonical);
    assert!(serde_json::from_str::<Fingerprint>("\"hello\"").is_err());
}

#[test]
fn node_public_from_hex_refuses_bad_keys() {
    let a = alice().public();
    for (s, e) in [
        (String::new(), a.encryption_hex()),
        (a.signing_hex()[..62].to_string(), a.encryption_hex()),
        (a.signing_hex(), "zz".repeat(32)),
        (a.signing_hex(), "00".repeat(32)),
        // A small-order Ed25519 point (the identity) would let anyone forge signatures.
        (format!("01{}", "00".repeat(31)), a.encryption_hex()),
    ] {
        assert_eq!(NodePublic::from_hex(&s, &e).err(), Some(ExchangeError::KeyInvalid), "{s} {e}");
    }
}

#[test]
fn node_keys_debug_shows_no_secret() {
    let debug = format!("{:?}", alice());
    assert!(debug.contains("B4A9-120F"), "{debug}");
    assert!(!debug.contains("0101"), "{debug}");
    assert!(!debug.contains("[1, 1"), "{debug}");
}

#[test]
fn card_round_trip() {
    let a = alice();
    let signed = a.sign_card(card());
    assert_eq!(signed.card.signing_key, a.public().signing_hex());
    assert_eq!(signed.card.encryption_key, a.public().encryption_hex());
    signed.verify().unwrap();
    let bytes = signed.to_bytes();
    assert!(bytes.starts_with(b"{\n  \"card\": {"), "{}", String::from_utf8_lossy(&bytes));
    let parsed = SignedCard::parse(&bytes).unwrap();
    assert_eq!(parsed, signed);
    assert_eq!(parsed.public().unwrap(), a.public());
    assert_eq!(parsed.fingerprint().unwrap(), a.public().fingerprint());
    // The signature covers the values, not the layout: compact JSON verifies too.
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(SignedCard::parse(&serde_json::to_vec(&value).unwrap()).unwrap(), signed);
}

#[test]
fn sign_card_uses_our_keys_whatever_the_card_says() {
    let mut c = card();
    c.signing_key = bob().public().signing_hex();
    c.encryption_key = bob().public().encryption_hex();
    let signed = alice().sign_card(c);
    assert_eq!(signed.fingerprint().unwrap(), alice().public().fingerprint());
}

#[test]
fn r24_tampered_card_is_refused() {
    let signed = alice().sign_card(card());
    let text = String::from_utf8(signed.to_bytes()).unwrap();
    for (from, to) in [
        ("Haven Chiang Mai", "Haven Chiang Ma1"),
        ("https://haven.example.org", "https://evil.example.org"),
        ("\"TH\"", "\"MM\""),
        ("legal_aid", "police"),
    ] {
        let bad = text.replace(from, to);
        assert_ne!(bad, text);
        assert_eq!(SignedCard::parse(bad.as_bytes()).err(), Some(ExchangeError::CardBadSignature), "{from}");
    }
    // Swapping in someone else's encryption key (to read their mail) breaks the signature.
    let bad = text.replace(&alice().public().encryption_hex(), &carol().public().encryption_hex());
    assert_eq!(SignedCard::parse(bad.as_bytes()).err(), Some(ExchangeError::CardBadSignature));
    // A signature by another key over the same card does not verify under the card's key.
    let mut other = signed.clone();
    other.signature = carol().sign_card(card()).signature;
    assert_eq!(other.verify().err(), Some(ExchangeError::CardBadSignature));
    let mut mangled = signed.clone();
    mangled.signature.truncate(100);
    assert_eq!(SignedCard::parse(&mangled.to_bytes()).err().map(|e| e.code()), Some("card_bad_signature"));
    // Re-signing the whole card as someone else yields someone else's fingerprint.
    let resigned = carol().sign_card(signed.card.clone());
    assert_ne!(resigned.fingerprint().unwrap(), signed.fingerprint().unwrap());
}

#[test]
fn r24_card_unknown_field_is_refused() {
    let signed = alice().sign_card(card());
    let mut value: serde_json::Value = serde_json::from_slice(&signed.to_bytes()).unwrap();
    value["card"]["contact_person"] = "someone".into();
    let err = SignedCard::parse(&serde_json::to_vec(&value).unwrap()).unwrap_err();
    assert_eq!(err.code(), "card_invalid");

    let mut value: serde_json::Value = serde_json::from_slice(&signed.to_bytes()).unwrap();
    value["card"]["organisations"][0]["staff"] = 3.into();
    assert_eq!(SignedCard::parse(&serde_json::to_vec(&value).unwrap()).err().map(|e| e.code()), Some("card_invalid"));

    let mut value: serde_json::Value = serde_json::from_slice(&signed.to_bytes()).unwrap();
    value["extra"] = true.into();
    assert_eq!(SignedCard::parse(&serde_json::to_vec(&value).unwrap()).err().map(|e| e.code()), Some("card_invalid"));
}

#[test]
fn card_fields_are_validated() {
    type Change = fn(&mut NodeCard);
    let cases: Vec<(&str, Change)> = vec![
        ("empty name", |c| c.name.clear()),
        ("long name", |c| c.name = "n".repeat(121)),
        ("control char", |c| c.name.push('\n')),
        ("bidi override", |c| c.name.push('\u{202E}')),
        ("ftp url", |c| c.url = "ftp://haven.example.org".into()),
        ("bare scheme", |c| c.url = "https://".into()),
        ("url with space", |c| c.url = "https://a b".into()),
        ("long url", |c| c.url = format!("https://{}", "a".repeat(300))),
        ("format", |c| c.format = 2),
        ("too many orgs", |c| c.organisations = vec![c.organisations[1].clone(); 501]),
        ("empty org id", |c| c.organisations[0].id.clear()),
        ("long org name", |c| c.organisations[0].name = "x".repeat(201)),
        ("kind control", |c| c.organisations[0].kind = "ngo\u{7}".into()),
        ("empty country", |c| c.organisations[0].country = Some(String::new())),
        ("too many languages", |c| c.organisations[0].languages = vec!["en".into(); 51]),
        ("long language", |c| c.organisations[0].languages[0] = "x".repeat(36)),
        ("empty issued_at", |c| c.issued_at.clear()),
    ];
    for (what, change) in cases {
        let mut c = card();
        change(&mut c);
        let signed = alice().sign_card(c);
        assert_eq!(signed.verify().err().map(|e| e.code()), Some("card_invalid"), "{what}");
        assert_eq!(SignedCard::parse(&signed.to_bytes()).err().map(|e| e.code()), Some("card_invalid"), "{what}");
    }
    // The limits themselves are allowed, and right-to-left marks are ordinary text.
    let mut c = card();
    c.name = format!("{}\u{200F}", "n".repeat(119));
    c.url = format!("http://{}", "a".repeat(293));
    c.organisations = vec![c.organisations[0].clone(); 500];
    SignedCard::parse(&alice().sign_card(c).to_bytes()).unwrap();
}

#[test]
fn card_size_is_capped() {
    let mut big = alice().sign_card(card()).to_bytes();
    big.resize(MAX_CARD_BYTES + 1, b' ');
    assert_eq!(SignedCard::parse(&big).err().map(|e| e.code()), Some("card_invalid"));
}

// ---------------------------------------------------------------------------------------------
// Times and replay

fn timed(created_ms: i64, expires_ms: i64) -> Header {
    let mut h = header(PackageKind::Transfer, &alice(), &bob().public(), 1);
    h.created_ms = created_ms;
    h.expires_ms = expires_ms;
    h
}

#[test]
fn r24_check_times_boundaries() {
    let h = timed(T0, T0 + DAY_MS);
    assert_eq!(check_times(&h, T0), Ok(()));
    assert_eq!(check_times(&h, T0 + DAY_MS), Ok(()));
    assert_eq!(check_times(&h, T0 + DAY_MS + 1), Err(ExchangeError::Expired));
    assert_eq!(check_times(&h, T0 - MAX_CLOCK_SKEW_MS), Ok(()));
    assert_eq!(check_times(&h, T0 - MAX_CLOCK_SKEW_MS - 1), Err(ExchangeError::NotYetValid));

    assert_eq!(check_times(&timed(T0, T0), T0), Ok(()));
    assert_eq!(check_times(&timed(T0, T0 - 1), T0).err().map(|e| e.code()), Some("package_malformed"));
    assert_eq!(check_times(&timed(T0, T0 + MAX_LIFETIME_MS), T0), Ok(()));
    assert_eq!(
        check_times(&timed(T0, T0 + MAX_LIFETIME_MS + 1), T0).err().map(|e| e.code()),
        Some("package_malformed")
    );

    assert_eq!(ExchangeError::Expired.code(), "package_expired");
    assert_eq!(ExchangeError::NotYetValid.code(), "package_not_yet_valid");
}

proptest! {
    #[test]
    fn check_times_never_overflows(created in any::<i64>(), expires in any::<i64>(), now in any::<i64>()) {
        let h = timed(created, expires);
        let ok = check_times(&h, now).is_ok();
        let (c, e, n) = (i128::from(created), i128::from(expires), i128::from(now));
        let expected = c <= e && e - c <= i128::from(MAX_LIFETIME_MS)
            && c <= n + i128::from(MAX_CLOCK_SKEW_MS) && n <= e;
        prop_assert_eq!(ok, expected);
    }
}

#[test]
fn r24_replayed_sequence_is_refused() {
    let mut w = Window::default();
    w.accept(1).unwrap();
    w.accept(2).unwrap();
    assert_eq!(w.check(2), Err(ExchangeError::Replayed));
    assert_eq!(w.accept(1), Err(ExchangeError::Replayed));
    assert_eq!(w, Window { highest: 2, seen: 0b11 });
    assert_eq!(ExchangeError::Replayed.code(), "package_replayed");
}

#[test]
fn r24_sequence_below_the_window_is_too_old() {
    let mut w = Window::default();
    w.accept(100).unwrap();
    assert_eq!(w.check(37), Ok(())); // 100 - 63: the oldest still tracked
    assert_eq!(w.check(36), Err(ExchangeError::TooOld));
    assert_eq!(w.check(1), Err(ExchangeError::TooOld));
    assert_eq!(w.check(0).err().map(|e| e.code()), Some("package_malformed"));
    assert_eq!(ExchangeError::TooOld.code(), "package_too_old");
}

#[test]
fn window_accepts_reordering_within_the_window() {
    let mut w = Window::default();
    for seq in [5, 3, 4, 1, 2, 10, 7, 6, 9, 8] {
        w.accept(seq).unwrap();
    }
    for seq in 1..=10 {
        assert_eq!(w.check(seq), Err(ExchangeError::Replayed));
    }
    assert_eq!(w.check(11), Ok(()));
}

#[test]
fn window_accepts_a_far_jump_forward() {
    let mut w = Window::default();
    w.accept(1).unwrap();
    w.accept(1_000_000).unwrap();
    assert_eq!(w, Window { highest: 1_000_000, seen: 1 });
    w.accept(u64::MAX).unwrap();
    assert_eq!(w.check(u64::MAX), Err(ExchangeError::Replayed));
    assert_eq!(w.check(u64::MAX - 1), Ok(()));
    assert_eq!(w.check(1_000_000), Err(ExchangeError::TooOld));
}

#[test]
fn window_encoding() {
    let mut w = Window::default();
    assert_eq!(w.encode(), "0:0000000000000000");
    assert_eq!(Window::decode(&w.encode()), Some(w));
    for seq in [3, 1, 70, 68] {
        w.accept(seq).unwrap();
    }
    assert_eq!(Window::decode(&w.encode()), Some(w));
    for bad in [
        "",
        ":",
        "1:",
        "1:1",
        "x:0000000000000000",
        "-1:0000000000000001",
        "1:000000000000000g",
        "0:0000000000000001", // bit 0 would be sequence 0
        "2:0000000000000004", // bit 2 would be sequence 0
        "5:0000000000000002", // highest itself not seen
        "18446744073709551616:0000000000000001",
        "+1:0000000000000001",
        "1:+000000000000001",
    ] {
        assert_eq!(Window::decode(bad), None, "{bad}");
    }
}

/// The specification of the window, written the obvious way.
#[derive(Default)]
struct Model {
    accepted: std::collections::HashSet<u64>,
    highest: u64,
}

impl Model {
    fn accept(&mut self, seq: u64) -> Result<(), &'static str> {
        if seq == 0 {
            return Err("package_malformed");
        }
        if seq <= self.highest {
            if self.highest - seq >= 64 {
                return Err("package_too_old");
            }
            if self.accepted.contains(&seq) {
                return Err("package_replayed");
            }
        }
        self.accepted.insert(seq);
        self.highest = self.highest.max(seq);
        Ok(())
    }
}

fn sequences() -> impl Strategy<Value = Vec<u64>> {
    // Mostly small steps around a moving point, with the occasional leap and duplicate.
    prop::collection::vec(prop_oneof![8 => 0u64..150, 1 => 0u64..5000, 1 => Just(u64::MAX - 3)], 0..300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn window_matches_the_model(seqs in sequences()) {
        let mut w = Window::default();
        let mut model = Model::default();
        for seq in seqs {
            let checked = w.check(seq).map_err(|e| e.code());
            let got = w.accept(seq).map_err(|e| e.code());
            prop_assert_eq!(checked, got);
            prop_assert_eq!(got, model.accept(seq), "sequence {}", seq);
            prop_assert_eq!(w.highest, model.highest);
            prop_assert_eq!(Window::decode(&w.encode()), Some(w));
        }
    }
}

#[test]
fn error_codes_are_stable_and_distinct() {
    let all = [
        ExchangeError::TooLarge { size: 0, max: 0 },
        ExchangeError::Malformed(""),
        ExchangeError::Downgrade { found: 0, expected: 1 },
        ExchangeError::WrongRecipient,
        ExchangeError::UnknownSender,
        ExchangeError::Tampered,
        ExchangeError::Expired,
        ExchangeError::NotYetValid,
        ExchangeError::Replayed,
        ExchangeError::TooOld,
        ExchangeError::CardInvalid(String::new()),
        ExchangeError::CardBadSignature,
        ExchangeError::FingerprintInvalid,
        ExchangeError::KeyInvalid,
    ];
    let codes: Vec<&str> = all.iter().map(ExchangeError::code).collect();
    assert_eq!(
        codes,
        [
            "package_too_large",
            "package_malformed",
            "package_downgrade",
            "package_wrong_recipient",
            "package_unknown_sender",
            "package_tampered",
            "package_expired",
            "package_not_yet_valid",
            "package_replayed",
            "package_too_old",
            "card_invalid",
            "card_bad_signature",
            "fingerprint_invalid",
            "key_invalid",
        ]
    );
}

#[test]
fn package_kind_names() {
    for kind in PackageKind::ALL {
        assert_eq!(PackageKind::parse(kind.as_str()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
    }
    assert_eq!(PackageKind::RevocationConfirmed.as_str(), "revocation_confirmed");
    assert_eq!(PackageKind::parse("Transfer"), None);
}
