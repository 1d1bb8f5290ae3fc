//! Node identity: the two key pairs an installation holds, their public half, and the
//! fingerprint people compare out of band.

use std::fmt;

use ed25519_dalek::{SigningKey, VerifyingKey};
use hpke::{Deserializable, Kem as _, Serializable};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ExchangeError;

/// DHKEM(X25519, HKDF-SHA256), RFC 9180 §7.1.
pub(crate) type Kem = hpke::kem::X25519HkdfSha256;
pub(crate) type EncryptionSecret = <Kem as hpke::Kem>::PrivateKey;
pub(crate) type EncryptionPublic = <Kem as hpke::Kem>::PublicKey;

const FINGERPRINT_DOMAIN: &[u8] = b"haven-node-fingerprint-v1\0";
const FINGERPRINT_BYTES: usize = 16;

// Both secrets must wipe themselves when dropped; this stops compiling if a dependency change
// (for instance x25519-dalek losing its `zeroize` feature) silently takes that away.
// x25519-dalek marks its secrets `#[zeroize(drop)]`, which implements `Drop` but not the
// `ZeroizeOnDrop` marker, so `Zeroize` (derived under the same feature) stands in for it.
const _: fn() = || {
    fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    fn wipes_under_feature<T: zeroize::Zeroize>() {}
    wipes_on_drop::<SigningKey>();
    wipes_under_feature::<x25519_dalek::StaticSecret>();
};

/// An installation's secret keys: Ed25519 to sign cards and packages, X25519 to receive
/// packages. Both are wiped from memory on drop. Not `Clone`, so that secrets are not copied
/// around by accident; rebuild from the stored seeds instead.
pub struct NodeKeys {
    signing: SigningKey,
    encryption: EncryptionSecret,
    public: NodePublic,
}

impl NodeKeys {
    /// Builds both key pairs from two independent 32-byte seeds drawn from a CSPRNG.
    ///
    /// The signing seed is the Ed25519 secret key itself (RFC 8032). The encryption key pair
    /// comes from the encryption seed by HPKE's `DeriveKeyPair` (RFC 9180 §7.1.3), so the same
    /// seed always yields the same key.
    pub fn from_seeds(signing_seed: &[u8; 32], encryption_seed: &[u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(signing_seed);
        let (encryption, encryption_public) = Kem::derive_keypair(encryption_seed);
        let mut enc = [0u8; 32];
        enc.copy_from_slice(&encryption_public.to_bytes());
        let public = NodePublic { signing: signing.verifying_key().to_bytes(), encryption: enc };
        NodeKeys { signing, encryption, public }
    }

    /// The public half, to publish on a node card.
    pub fn public(&self) -> NodePublic {
        self.public
    }

    /// Signs a message with the node's Ed25519 key. Used for witness
    /// cosignatures, whose message format (C2SP tlog-cosignature) is
    /// domain-separated by its own first line.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.signing.sign(message).to_bytes()
    }

    /// The secret two partners link family-tracing records under (R25), the same at both
    /// ends: X25519 between this node's encryption key and the partner's, then HKDF-SHA256
    /// with both fingerprints (in sorted order) as salt and its own label as info, so it
    /// is never the key that opens packages, nor the master key, and differs per partnership.
    /// Refused when the agreement is degenerate (a small-order partner key).
    pub fn linkage_secret(&self, partner: &NodePublic) -> Result<zeroize::Zeroizing<[u8; 32]>, ExchangeError> {
        let mut mine = [0u8; 32];
        mine.copy_from_slice(&self.encryption.to_bytes());
        let secret = x25519_dalek::StaticSecret::from(mine);
        zeroize::Zeroize::zeroize(&mut mine);
        let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(partner.encryption));
        if !shared.was_contributory() {
            return Err(ExchangeError::KeyInvalid);
        }
        let (a, b) = (self.public.fingerprint(), partner.fingerprint());
        let (lo, hi) = if a.as_str() <= b.as_str() { (a, b) } else { (b, a) };
        let salt = format!("{}{}", lo.as_str(), hi.as_str());
        let hk = hkdf::Hkdf::<Sha256>::new(Some(salt.as_bytes()), shared.as_bytes());
        let mut out = zeroize::Zeroizing::new([0u8; 32]);
        hk.expand(b"haven-tracing-linkage-v1", out.as_mut()).map_err(|_| ExchangeError::KeyInvalid)?;
        Ok(out)
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    pub(crate) fn encryption_secret(&self) -> &EncryptionSecret {
        &self.encryption
    }
}

impl fmt::Debug for NodeKeys {
    // Only the public fingerprint: a secret must never reach a log through `{:?}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NodeKeys").field("fingerprint", &self.public.fingerprint()).finish_non_exhaustive()
    }
}

/// An installation's public keys, as published on its node card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePublic {
    /// Ed25519 verifying key.
    pub signing: [u8; 32],
    /// X25519 public key for HPKE.
    pub encryption: [u8; 32],
}

impl NodePublic {
    /// The first 16 bytes of SHA-256("haven-node-fingerprint-v1\0" || signing || encryption).
    /// It covers both keys so that neither can be swapped without the fingerprint changing.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut hasher = Sha256::new();
        hasher.update(FINGERPRINT_DOMAIN);
        hasher.update(self.signing);
        hasher.update(self.encryption);
        let digest = hasher.finalize();
        Fingerprint::from_bytes(&digest[..FINGERPRINT_BYTES])
    }

    /// Parses the two keys from 64 hexadecimal digits each. The signing key must be a valid
    /// Ed25519 point.
    pub fn from_hex(signing: &str, encryption: &str) -> Result<Self, ExchangeError> {
        let signing = decode_key(signing)?;
        let encryption = decode_key(encryption)?;
        let public = NodePublic { signing, encryption };
        public.verifying_key()?;
        public.encryption_key()?;
        Ok(public)
    }

    /// The signing key as 64 lower-case hexadecimal digits.
    pub fn signing_hex(&self) -> String {
        hex::encode(self.signing)
    }

    /// The encryption key as 64 lower-case hexadecimal digits.
    pub fn encryption_hex(&self) -> String {
        hex::encode(self.encryption)
    }

    pub(crate) fn verifying_key(&self) -> Result<VerifyingKey, ExchangeError> {
        let key = VerifyingKey::from_bytes(&self.signing).map_err(|_| ExchangeError::KeyInvalid)?;
        // A small-order key lets anyone forge signatures that verify under it.
        if key.is_weak() {
            return Err(ExchangeError::KeyInvalid);
        }
        Ok(key)
    }

    pub(crate) fn encryption_key(&self) -> Result<EncryptionPublic, ExchangeError> {
        // X25519 accepts any 32 bytes; the all-zero key (and other small-order points) is caught
        // when encapsulating, where HPKE refuses an all-zero shared secret.
        if self.encryption == [0u8; 32] {
            return Err(ExchangeError::KeyInvalid);
        }
        EncryptionPublic::from_bytes(&self.encryption).map_err(|_| ExchangeError::KeyInvalid)
    }
}

fn decode_key(s: &str) -> Result<[u8; 32], ExchangeError> {
    if s.len() != 64 {
        return Err(ExchangeError::KeyInvalid);
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out).map_err(|_| ExchangeError::KeyInvalid)?;
    Ok(out)
}

/// A node's fingerprint: 32 upper-case hexadecimal digits in 8 groups of 4 separated by '-',
/// short enough to read aloud over a telephone when two organisations first connect.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fingerprint(String);

impl Fingerprint {
    /// Accepts upper or lower case, grouped by spaces or dashes or not at all, and normalises to
    /// the displayed form.
    pub fn parse(s: &str) -> Result<Self, ExchangeError> {
        // Generous for separators, but bounded: this may come straight from a form.
        if s.len() > 128 {
            return Err(ExchangeError::FingerprintInvalid);
        }
        let digits: String = s.trim().chars().filter(|c| *c != ' ' && *c != '-').collect();
        if digits.len() != FINGERPRINT_BYTES * 2 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ExchangeError::FingerprintInvalid);
        }
        Ok(Fingerprint::grouped(&digits.to_ascii_uppercase()))
    }

    /// The normalised form, e.g. `3F2A-91C0-…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn from_bytes(bytes: &[u8]) -> Self {
        Fingerprint::grouped(&hex::encode_upper(bytes))
    }

    fn grouped(digits: &str) -> Self {
        let mut out = String::with_capacity(digits.len() + digits.len() / 4);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        Fingerprint(out)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Fingerprint {
    type Error = ExchangeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Fingerprint::parse(&s)
    }
}

impl From<Fingerprint> for String {
    fn from(f: Fingerprint) -> String {
        f.0
    }
}

#[cfg(test)]
mod linkage_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn r25_both_partners_derive_one_linkage_secret_that_no_third_node_shares() {
        let a = NodeKeys::from_seeds(&[1; 32], &[2; 32]);
        let b = NodeKeys::from_seeds(&[3; 32], &[4; 32]);
        let c = NodeKeys::from_seeds(&[5; 32], &[6; 32]);
        let ab = a.linkage_secret(&b.public()).unwrap();
        assert_eq!(*ab, *b.linkage_secret(&a.public()).unwrap());
        assert_ne!(*ab, *a.linkage_secret(&c.public()).unwrap());
        assert_ne!(*ab, *c.linkage_secret(&b.public()).unwrap());
        // Never the raw agreement, which opens nothing but must not be reused either.
        assert_ne!(ab.as_slice(), a.encryption.to_bytes().as_slice());
    }

    #[test]
    fn r25_a_small_order_partner_key_is_refused() {
        let a = NodeKeys::from_seeds(&[1; 32], &[2; 32]);
        let bad = NodePublic { signing: a.public().signing, encryption: [0; 32] };
        assert_eq!(a.linkage_secret(&bad).unwrap_err(), ExchangeError::KeyInvalid);
    }
}
