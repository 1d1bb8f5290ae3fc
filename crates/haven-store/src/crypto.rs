//! Envelope encryption, blind indexes, node signing and password hashing.
//!
//! Key hierarchy: one 32-byte master key lives outside the database (a file
//! with mode 0600, or wherever `HAVEN_MASTER_KEY_FILE` points). From it HKDF
//! derives separate keys for wrapping person keys, keying the name index,
//! hashing bearer secrets and signing audit checkpoints, so no key is used for
//! two purposes. Each person has a random data key, wrapped by the master
//! key; erasing the person deletes the wrapped key (crypto-shredding, R28).

use std::path::Path;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signer, SigningKey, Verifier as _, VerifyingKey};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::StoreError;

const NONCE_LEN: usize = 24;

/// The installation's master key. Never written to the database or logs.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct MasterKey([u8; 32]);

impl MasterKey {
    pub fn generate() -> Self {
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        Self(k)
    }

    /// Reads a key file: 64 hex digits, surrounding whitespace ignored.
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let text = Zeroizing::new(std::fs::read_to_string(path)?);
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), bytes.as_mut())
            .map_err(|_| StoreError::Config(format!("{} is not a haven master key (64 hex digits)", path.display())))?;
        Ok(Self(*bytes))
    }

    /// Writes a new key file readable by its owner only. Refuses to overwrite.
    pub fn create_file(path: &Path) -> Result<Self, StoreError> {
        use std::io::Write;
        let key = Self::generate();
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(path)?;
        let text = Zeroizing::new(format!("{}\n", hex::encode(key.0)));
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        Ok(key)
    }

    fn derive<const N: usize>(&self, info: &[u8]) -> Zeroizing<[u8; N]> {
        let hk = Hkdf::<Sha256>::new(Some(b"haven-kdf-v1"), &self.0);
        let mut out = Zeroizing::new([0u8; N]);
        // 32 and 64 bytes are always valid HKDF-SHA256 output lengths.
        let _ = hk.expand(info, out.as_mut());
        out
    }
}

/// Keys derived from the master key, held for the life of the process.
pub struct Keys {
    wrap: XChaCha20Poly1305,
    // HMAC keys are one SHA-256 block long, the size HMAC uses without rehashing.
    index: Zeroizing<[u8; 64]>,
    secret: Zeroizing<[u8; 64]>,
    signing: SigningKey,
}

impl Keys {
    pub fn derive(master: &MasterKey) -> Self {
        let wrap_key = master.derive::<32>(b"person-key-wrapping");
        let signing_seed = master.derive::<32>(b"audit-node-signing");
        Self {
            wrap: XChaCha20Poly1305::new(wrap_key.as_ref().into()),
            index: master.derive(b"name-blind-index"),
            secret: master.derive(b"bearer-secret-hashing"),
            signing: SigningKey::from_bytes(&signing_seed),
        }
    }

    /// Wraps a person's data key, bound to the person's id.
    pub fn wrap(&self, person_id: &str, dek: &DataKey) -> Result<Vec<u8>, StoreError> {
        seal_with(&self.wrap, &format!("person-key\0{person_id}"), &dek.0)
    }

    pub fn unwrap(&self, person_id: &str, wrapped: &[u8]) -> Result<DataKey, StoreError> {
        let plain = Zeroizing::new(open_with(&self.wrap, &format!("person-key\0{person_id}"), wrapped)?);
        let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| StoreError::Crypto)?;
        Ok(DataKey(bytes))
    }

    /// Seals a server-side secret (such as a TOTP seed) under the wrapping key.
    pub fn seal_secret(&self, aad: &str, secret: &[u8]) -> Result<Vec<u8>, StoreError> {
        seal_with(&self.wrap, aad, secret)
    }

    pub fn open_secret(&self, aad: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        open_with(&self.wrap, aad, sealed).map(Zeroizing::new)
    }

    /// A short value sealed under the wrapping key at creation, so that a
    /// wrong master key is detected at start instead of at the first read.
    pub fn key_check(&self) -> Result<Vec<u8>, StoreError> {
        seal_with(&self.wrap, "meta\0key_check", b"haven")
    }

    pub fn verify_key_check(&self, sealed: &[u8]) -> bool {
        open_with(&self.wrap, "meta\0key_check", sealed).is_ok_and(|p| p == b"haven")
    }

    /// Keyed hash of a search token: equal tokens give equal values, and
    /// without the master key the values reveal nothing about the names.
    pub fn blind_index(&self, token: &str) -> String {
        let mut mac = hmac_with(&self.index);
        mac.update(token.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// Keyed hash of a bearer secret (session id or API token), so a stolen
    /// database cannot be replayed as sessions.
    pub fn secret_hash(&self, secret: &str) -> String {
        let mut mac = hmac_with(&self.secret);
        mac.update(secret.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.signing.sign(message).to_bytes())
    }

    pub fn verify_signature(&self, message: &[u8], signature_hex: &str) -> bool {
        let Ok(bytes) = hex::decode(signature_hex) else { return false };
        let Ok(sig) = ed25519_dalek::Signature::from_slice(&bytes) else { return false };
        self.verifying_key().verify(message, &sig).is_ok()
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }
}

fn hmac_with(key: &[u8; 64]) -> Hmac<Sha256> {
    <Hmac<Sha256> as hmac::digest::KeyInit>::new(key.into())
}

/// A person's data key.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; 32]);

impl DataKey {
    pub fn generate() -> Self {
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        Self(k)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }

    /// Seals one field of one record: the record id and field name are bound
    /// as associated data, so ciphertext moved to another row or column fails
    /// to open.
    pub fn seal(&self, record_id: &str, field: &str, plaintext: &str) -> Result<Vec<u8>, StoreError> {
        seal_with(&self.cipher(), &format!("{record_id}\0{field}"), plaintext.as_bytes())
    }

    pub fn open(&self, record_id: &str, field: &str, sealed: &[u8]) -> Result<String, StoreError> {
        let plain = open_with(&self.cipher(), &format!("{record_id}\0{field}"), sealed)?;
        String::from_utf8(plain).map_err(|_| StoreError::Crypto)
    }
}

fn seal_with(cipher: &XChaCha20Poly1305, aad: &str, plaintext: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let ct = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: aad.as_bytes() })
        .map_err(|_| StoreError::Crypto)?;
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

fn open_with(cipher: &XChaCha20Poly1305, aad: &str, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
    if sealed.len() < NONCE_LEN {
        return Err(StoreError::Crypto);
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: aad.as_bytes() }).map_err(|_| StoreError::Crypto)
}

/// Argon2id with 19 MiB and two passes (OWASP's baseline), about 20–40 ms
/// here: slow enough to hurt offline guessing, fast enough for a login. Call
/// it from a blocking thread, never on the async runtime.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| StoreError::Crypto)
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
}

/// A random secret of `bytes` bytes, hex encoded.
pub fn random_secret(bytes: usize) -> String {
    let mut b = Zeroizing::new(vec![0u8; bytes]);
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b.as_slice())
}

/// A password a person can type from a printout: 20 characters from an
/// alphabet without look-alikes, about 100 bits.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
    let mut b = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b.iter().map(|x| ALPHABET[*x as usize % ALPHABET.len()] as char).collect()
}

pub fn random_bytes(n: usize) -> Zeroizing<Vec<u8>> {
    let mut b = Zeroizing::new(vec![0u8; n]);
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

/// Constant-time equality for secrets and codes.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn random_id_bytes() -> [u8; 16] {
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_field_does_not_open_under_another_record_or_field() {
        let k = DataKey::generate();
        let sealed = k.seal("p1", "full_name", "Nguyễn Văn Minh").unwrap();
        assert_eq!(k.open("p1", "full_name", &sealed).unwrap(), "Nguyễn Văn Minh");
        assert!(k.open("p2", "full_name", &sealed).is_err());
        assert!(k.open("p1", "notes", &sealed).is_err());
    }

    #[test]
    fn wrapped_key_is_bound_to_its_person() {
        let keys = Keys::derive(&MasterKey::generate());
        let dek = DataKey::generate();
        let w = keys.wrap("p1", &dek).unwrap();
        assert!(keys.unwrap("p1", &w).is_ok());
        assert!(keys.unwrap("p2", &w).is_err());
        let other = Keys::derive(&MasterKey::generate());
        assert!(other.unwrap("p1", &w).is_err());
    }

    #[test]
    fn passwords_verify_and_wrong_ones_do_not() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong", &h));
    }

    #[test]
    fn signatures_verify_only_for_their_message() {
        let keys = Keys::derive(&MasterKey::generate());
        let s = keys.sign(b"abc");
        assert!(keys.verify_signature(b"abc", &s));
        assert!(!keys.verify_signature(b"abd", &s));
    }
}
