//! Packages: the sealed envelopes installations send each other. See the crate documentation
//! for the construction and the reasons behind it.

use ed25519_dalek::{Signature, Signer};
use hpke::aead::AeadTag;
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::keys::{Fingerprint, Kem, NodeKeys, NodePublic};
use crate::{ExchangeError, FORMAT, MAX_PACKAGE_BYTES};

type Kdf = hpke::kdf::HkdfSha256;
type Aead = hpke::aead::ChaCha20Poly1305;
type EncappedKey = <Kem as hpke::Kem>::EncappedKey;

/// The first bytes of every package.
pub const MAGIC: &[u8; 8] = b"HAVENPKG";
/// The largest header accepted, in bytes of JSON.
pub const MAX_HEADER_BYTES: usize = 4096;
/// Bytes a package adds around its header and body: magic, format, header length,
/// encapsulated key, signature and AEAD tag.
pub const PACKAGE_OVERHEAD: usize = PREFIX_LEN + ENC_LEN + SIG_LEN + TAG_LEN;

const PREFIX_LEN: usize = MAGIC.len() + 1 + 4;
const ENC_LEN: usize = 32;
const SIG_LEN: usize = 64;
const TAG_LEN: usize = 16;
const SIGNATURE_DOMAIN: &[u8] = b"haven-package-v1\0";
const HPKE_INFO: &[u8] = b"haven-package-v1";

// The format travels as one byte in front of the header.
const _: () = assert!(FORMAT <= u8::MAX as u32);
const FORMAT_BYTE: u8 = FORMAT as u8;

/// What a package is for. The kind is visible on the wire (it is in the header), which is why
/// it says what the message does in the exchange protocol and nothing about whom it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    Transfer,
    Receipt,
    Accept,
    Decline,
    Revocation,
    RevocationConfirmed,
    FollowUp,
    /// The sender's signed audit checkpoint, for the partner to witness.
    Checkpoint,
    /// The witness's cosignature of a checkpoint (C2SP tlog-cosignature).
    Cosignature,
    /// A family's tracing request: keyed encodings and a coarse context, never a name (R25).
    TracingRequest,
    /// The answer to a tracing request: only what the person allowed (R25).
    TracingAnswer,
}

impl PackageKind {
    pub const ALL: [PackageKind; 11] = [
        PackageKind::Transfer,
        PackageKind::Receipt,
        PackageKind::Accept,
        PackageKind::Decline,
        PackageKind::Revocation,
        PackageKind::RevocationConfirmed,
        PackageKind::FollowUp,
        PackageKind::Checkpoint,
        PackageKind::Cosignature,
        PackageKind::TracingRequest,
        PackageKind::TracingAnswer,
    ];

    /// The same name as in the header JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            PackageKind::Transfer => "transfer",
            PackageKind::Receipt => "receipt",
            PackageKind::Accept => "accept",
            PackageKind::Decline => "decline",
            PackageKind::Revocation => "revocation",
            PackageKind::RevocationConfirmed => "revocation_confirmed",
            PackageKind::FollowUp => "follow_up",
            PackageKind::Checkpoint => "checkpoint",
            PackageKind::Cosignature => "cosignature",
            PackageKind::TracingRequest => "tracing_request",
            PackageKind::TracingAnswer => "tracing_answer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        PackageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The package header, readable by anyone on the wire and authenticated as HPKE associated
/// data. It carries no personal data by construction: these fields are all there is, and
/// unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: u32,
    /// A UUID in its canonical lower-case hyphenated form.
    pub id: String,
    pub kind: PackageKind,
    pub sender: Fingerprint,
    pub recipient: Fingerprint,
    /// Per sender and recipient, from 1; see [`crate::Window`].
    pub sequence: u64,
    pub created_ms: i64,
    pub expires_ms: i64,
}

impl Header {
    /// A header with a fresh random (version 4) id, expiring `lifetime_ms` after `created_ms`.
    pub fn new(
        kind: PackageKind,
        sender: Fingerprint,
        recipient: Fingerprint,
        sequence: u64,
        created_ms: i64,
        lifetime_ms: i64,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> Header {
        let mut bytes = [0u8; 16];
        rng.fill_bytes(&mut bytes);
        let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
        Header {
            format: FORMAT,
            id: id.hyphenated().to_string(),
            kind,
            sender,
            recipient,
            sequence,
            created_ms,
            expires_ms: created_ms.saturating_add(lifetime_ms),
        }
    }

    fn validate(&self) -> Result<(), ExchangeError> {
        if self.format != FORMAT {
            return Err(ExchangeError::Downgrade { found: self.format, expected: FORMAT });
        }
        // Canonical form only, so that one package has one id in every store.
        match uuid::Uuid::try_parse(&self.id) {
            Ok(id) if id.hyphenated().to_string() == self.id => {}
            _ => return Err(ExchangeError::Malformed("the package id is not a UUID")),
        }
        if self.sequence == 0 {
            return Err(ExchangeError::Malformed("sequence numbers start at 1"));
        }
        Ok(())
    }
}

/// A package that decrypted and whose signature verified. Times and replay are the caller's
/// to check next, with [`crate::check_times`] and [`crate::Window`]. No `Debug`: the body holds
/// personal data.
pub struct Opened {
    pub header: Header,
    pub body: Vec<u8>,
}

/// The parts of a package, split but not yet trusted.
struct Parts<'a> {
    header: Header,
    header_bytes: &'a [u8],
    enc: &'a [u8],
    ciphertext: &'a [u8],
}

/// Signs `body` with the sender's key and encrypts the signature and body to the recipient.
///
/// Refuses a header that `open` would refuse (wrong format, id or sequence, a sender other
/// than `sender`, a recipient other than `recipient`), and a package over
/// [`MAX_PACKAGE_BYTES`].
pub fn seal(
    sender: &NodeKeys,
    recipient: &NodePublic,
    header: &Header,
    body: &[u8],
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<Vec<u8>, ExchangeError> {
    header.validate()?;
    if header.sender != sender.public().fingerprint() {
        return Err(ExchangeError::UnknownSender);
    }
    if header.recipient != recipient.fingerprint() {
        return Err(ExchangeError::WrongRecipient);
    }
    let header_bytes =
        serde_json::to_vec(header).map_err(|_| ExchangeError::Malformed("the header cannot be written"))?;
    if header_bytes.len() > MAX_HEADER_BYTES {
        return Err(ExchangeError::Malformed("the header is too long"));
    }
    let size = PACKAGE_OVERHEAD.saturating_add(header_bytes.len()).saturating_add(body.len());
    if size > MAX_PACKAGE_BYTES {
        return Err(ExchangeError::TooLarge { size, max: MAX_PACKAGE_BYTES });
    }
    let recipient_key = recipient.encryption_key()?;
    let header_len = header_length(&header_bytes);

    let signature = {
        let message = signed_message(header_len, &header_bytes, body);
        sender.signing_key().sign(&message)
    };

    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT_BYTE);
    out.extend_from_slice(&header_len);
    out.extend_from_slice(&header_bytes);
    let enc_at = out.len();
    out.extend_from_slice(&[0u8; ENC_LEN]);
    let plaintext_at = out.len();
    out.extend_from_slice(&signature.to_bytes());
    out.extend_from_slice(body);

    // Encrypt in place, so the body is copied once and never sits in a second buffer.
    let sealed = hpke::single_shot_seal_in_place_detached::<Aead, Kdf, Kem, _>(
        &OpModeS::Base,
        &recipient_key,
        HPKE_INFO,
        &mut out[plaintext_at..],
        &header_bytes,
        rng,
    );
    let (enc, tag) = match sealed {
        Ok(sealed) => sealed,
        Err(e) => {
            // The buffer may still hold the body in clear.
            out.zeroize();
            return Err(match e {
                hpke::HpkeError::EncapError => ExchangeError::KeyInvalid,
                _ => ExchangeError::Malformed("the package could not be encrypted"),
            });
        }
    };
    out[enc_at..plaintext_at].copy_from_slice(&enc.to_bytes());
    out.extend_from_slice(&tag.to_bytes());
    Ok(out)
}

/// Reads the header without authenticating anything, only to find which sender's key to open
/// the package with. Never act on it otherwise: anyone can write any header.
pub fn peek_header(bytes: &[u8]) -> Result<Header, ExchangeError> {
    split(bytes).map(|parts| parts.header)
}

/// Decrypts a package addressed to `recipient` and verifies it was signed by `sender`.
///
/// Refuses, in this order: oversize, bad magic, another format (downgrade or unknown), a
/// header that does not parse, a recipient other than us, a sender other than `sender`, a
/// ciphertext that does not decrypt under the header as sent, and a bad signature.
pub fn open(recipient: &NodeKeys, sender: &NodePublic, bytes: &[u8]) -> Result<Opened, ExchangeError> {
    let parts = split(bytes)?;
    if parts.header.recipient != recipient.public().fingerprint() {
        return Err(ExchangeError::WrongRecipient);
    }
    if parts.header.sender != sender.fingerprint() {
        return Err(ExchangeError::UnknownSender);
    }
    let verifying_key = sender.verifying_key()?;
    let enc = EncappedKey::from_bytes(parts.enc)
        .map_err(|_| ExchangeError::Malformed("the encapsulated key is not 32 bytes"))?;
    let (ciphertext, tag) = parts.ciphertext.split_at(parts.ciphertext.len() - TAG_LEN);
    let tag = AeadTag::<Aead>::from_bytes(tag)
        .map_err(|_| ExchangeError::Malformed("the authentication tag is not 16 bytes"))?;

    let mut plaintext = Zeroizing::new(ciphertext.to_vec());
    hpke::single_shot_open_in_place_detached::<Aead, Kdf, Kem>(
        &OpModeR::Base,
        recipient.encryption_secret(),
        &enc,
        HPKE_INFO,
        &mut plaintext,
        parts.header_bytes,
        &tag,
    )
    .map_err(|_| ExchangeError::Tampered)?;

    let (signature, body) = plaintext.split_at(SIG_LEN);
    let mut raw_signature = [0u8; SIG_LEN];
    raw_signature.copy_from_slice(signature);
    let signature = Signature::from_bytes(&raw_signature);
    let message = signed_message(header_length(parts.header_bytes), parts.header_bytes, body);
    verifying_key.verify_strict(&message, &signature).map_err(|_| ExchangeError::Tampered)?;
    drop(message);

    // Move the body to the front of the same buffer rather than copying it out, and wipe the
    // bytes left behind at the end.
    let mut body = std::mem::take(&mut *plaintext);
    body.copy_within(SIG_LEN.., 0);
    let len = body.len() - SIG_LEN;
    body[len..].zeroize();
    body.truncate(len);
    Ok(Opened { header: parts.header, body })
}

fn split(bytes: &[u8]) -> Result<Parts<'_>, ExchangeError> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(ExchangeError::TooLarge { size: bytes.len(), max: MAX_PACKAGE_BYTES });
    }
    let Some((magic, rest)) = bytes.split_first_chunk::<8>() else {
        return Err(ExchangeError::Malformed("not a haven package"));
    };
    if magic != MAGIC {
        return Err(ExchangeError::Malformed("not a haven package"));
    }
    let Some((&format, rest)) = rest.split_first() else {
        return Err(ExchangeError::Malformed("the package is truncated"));
    };
    if format != FORMAT_BYTE {
        return Err(ExchangeError::Downgrade { found: u32::from(format), expected: FORMAT });
    }
    let Some((header_len, rest)) = rest.split_first_chunk::<4>() else {
        return Err(ExchangeError::Malformed("the package is truncated"));
    };
    let header_len = usize::try_from(u32::from_be_bytes(*header_len))
        .map_err(|_| ExchangeError::Malformed("the header is too long"))?;
    if header_len > MAX_HEADER_BYTES {
        return Err(ExchangeError::Malformed("the header is too long"));
    }
    if rest.len() < header_len + ENC_LEN + SIG_LEN + TAG_LEN {
        return Err(ExchangeError::Malformed("the package is truncated"));
    }
    let (header_bytes, rest) = rest.split_at(header_len);
    let (enc, ciphertext) = rest.split_at(ENC_LEN);
    let header: Header =
        serde_json::from_slice(header_bytes).map_err(|_| ExchangeError::Malformed("the header is not valid"))?;
    header.validate()?;
    Ok(Parts { header, header_bytes, enc, ciphertext })
}

fn header_length(header_bytes: &[u8]) -> [u8; 4] {
    // Headers are at most MAX_HEADER_BYTES, checked before this is called.
    u32::try_from(header_bytes.len()).unwrap_or(u32::MAX).to_be_bytes()
}

/// "haven-package-v1\0" || u32 BE header length || header bytes || body. The length prefix
/// keeps the boundary between header and body unambiguous.
fn signed_message(header_len: [u8; 4], header_bytes: &[u8], body: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut message = Zeroizing::new(Vec::with_capacity(SIGNATURE_DOMAIN.len() + 4 + header_bytes.len() + body.len()));
    message.extend_from_slice(SIGNATURE_DOMAIN);
    message.extend_from_slice(&header_len);
    message.extend_from_slice(header_bytes);
    message.extend_from_slice(body);
    message
}
