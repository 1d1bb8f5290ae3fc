//! Envelope encryption, blind indexes, node signing and password hashing.
//!
//! Key hierarchy: one 32-byte master key lives outside the database (a file
//! with mode 0600, or wherever `HAVEN_MASTER_KEY_FILE` points). From it HKDF
//! derives separate keys for wrapping person keys, keying the name index,
//! hashing bearer secrets and signing audit checkpoints, so no key is used for
//! two purposes. Each person has a random data key, wrapped by the master
//! key; erasing the person deletes the wrapped key (crypto-shredding, R28).

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

/// Derives a purpose-bound key from the master key.
fn derive<const N: usize>(master: &[u8; 32], info: &[u8]) -> Zeroizing<[u8; N]> {
    let hk = Hkdf::<Sha256>::new(Some(b"haven-kdf-v1"), master);
    let mut out = Zeroizing::new([0u8; N]);
    // 32 and 64 bytes are always valid HKDF-SHA256 output lengths.
    let _ = hk.expand(info, out.as_mut());
    out
}

/// Keys derived from the key file, held for the life of the process.
///
/// Person keys are wrapped under the leaves of the key file's puncturable
/// tree (see [`crate::keyfile`]), so erasure destroys the ability to unwrap
/// them everywhere, backups included. Server secrets (TOTP seeds) stay under
/// a key derived from the master key: they are not about a person.
pub struct Keys {
    /// Server secrets; also how version 1 wrapped person keys (for conversion).
    wrap: XChaCha20Poly1305,
    // HMAC keys are one SHA-256 block long, the size HMAC uses without rehashing.
    index: Zeroizing<[u8; 64]>,
    secret: Zeroizing<[u8; 64]>,
    integrity: Zeroizing<[u8; 64]>,
    tags: Zeroizing<[u8; 64]>,
    anchor: Zeroizing<[u8; 64]>,
    signing: SigningKey,
    /// Derived once at start: the HPKE key pair costs a scalar
    /// multiplication, and every package received or sent needs it.
    node: haven_exchange::NodeKeys,
    tree: std::sync::RwLock<crate::keyfile::KeyTree>,
    erased: std::sync::RwLock<std::collections::BTreeMap<String, i64>>,
    /// Where the key file lives, for erasures; `None` in unit tests.
    path: Option<std::path::PathBuf>,
}

impl Keys {
    pub fn from_file(kf: &crate::keyfile::KeyFile, path: Option<std::path::PathBuf>) -> Self {
        let master = kf.master();
        let wrap_key = derive::<32>(master, b"person-key-wrapping");
        let signing_seed = derive::<32>(master, b"audit-node-signing");
        Self {
            wrap: XChaCha20Poly1305::new(wrap_key.as_ref().into()),
            index: derive(master, b"name-blind-index"),
            secret: derive(master, b"bearer-secret-hashing"),
            integrity: derive(master, b"row-integrity"),
            tags: derive(master, b"keyed-tags"),
            anchor: derive(master, b"audit-anchor"),
            signing: SigningKey::from_bytes(&signing_seed),
            node: haven_exchange::NodeKeys::from_seeds(
                &derive(master, b"exchange-node-signing"),
                &derive(master, b"exchange-node-encryption"),
            ),
            tree: std::sync::RwLock::new(kf.tree.clone()),
            erased: std::sync::RwLock::new(kf.erased.clone()),
            path,
        }
    }

    /// Keys over a fresh random key file, for tests.
    pub fn ephemeral() -> Self {
        Self::from_file(&crate::keyfile::KeyFile::generate(), None)
    }

    fn person_cipher(&self, person_id: &str) -> Result<XChaCha20Poly1305, StoreError> {
        let tree = self.tree.read().map_err(|_| StoreError::Crypto)?;
        let leaf = tree.leaf_key(crate::keyfile::leaf_of(person_id)).ok_or(StoreError::Erased)?;
        Ok(XChaCha20Poly1305::new(leaf.as_ref().into()))
    }

    /// Wraps a person's data key under their leaf of the key tree.
    pub fn wrap(&self, person_id: &str, dek: &DataKey) -> Result<Vec<u8>, StoreError> {
        seal_with(&self.person_cipher(person_id)?, &format!("person-key\0{person_id}"), &dek.0)
    }

    pub fn unwrap(&self, person_id: &str, wrapped: &[u8]) -> Result<DataKey, StoreError> {
        let plain =
            Zeroizing::new(open_with(&self.person_cipher(person_id)?, &format!("person-key\0{person_id}"), wrapped)?);
        let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| StoreError::Crypto)?;
        Ok(DataKey(bytes))
    }

    /// How version 1 wrapped a person key; only the conversion uses it.
    pub(crate) fn unwrap_legacy(&self, person_id: &str, wrapped: &[u8]) -> Result<DataKey, StoreError> {
        let plain = Zeroizing::new(open_with(&self.wrap, &format!("person-key\0{person_id}"), wrapped)?);
        let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| StoreError::Crypto)?;
        Ok(DataKey(bytes))
    }

    /// Erases a person's key for good: punctures their leaf in the key file
    /// (under a lock, re-reading the file so no other process's erasure is
    /// lost) and records the erasure in it, then takes the file's tree as
    /// the one in memory.
    pub(crate) fn erase(&self, person_id: &str, at_ms: i64) -> Result<(), StoreError> {
        let (tree, erased) = match &self.path {
            Some(path) => {
                let (kf, ()) = crate::keyfile::update_locked(path, |kf| {
                    kf.tree.puncture(crate::keyfile::leaf_of(person_id));
                    kf.erased.entry(person_id.to_owned()).or_insert(at_ms);
                })?;
                (kf.tree.clone(), kf.erased.clone())
            }
            None => {
                let mut tree = self.tree.read().map_err(|_| StoreError::Crypto)?.clone();
                tree.puncture(crate::keyfile::leaf_of(person_id));
                let mut erased = self.erased.read().map_err(|_| StoreError::Crypto)?.clone();
                erased.entry(person_id.to_owned()).or_insert(at_ms);
                (tree, erased)
            }
        };
        *self.tree.write().map_err(|_| StoreError::Crypto)? = tree;
        *self.erased.write().map_err(|_| StoreError::Crypto)? = erased;
        Ok(())
    }

    /// Everyone erased under this key file.
    pub fn erased_ids(&self) -> Vec<String> {
        self.erased.read().map(|e| e.keys().cloned().collect()).unwrap_or_default()
    }

    pub(crate) fn anchor_mac(&self, message: &str) -> String {
        let mut mac = hmac_with(&self.anchor);
        mac.update(message.as_bytes());
        hex::encode(mac.finalize().into_bytes())
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

    /// Starts the MAC of one row's authorisation columns (see [`RowMac`]).
    pub fn row_mac(&self, table: &str, id: &str) -> RowMac {
        let mut mac = hmac_with(&self.integrity);
        RowMac::field(&mut mac, Some(table.as_bytes()));
        RowMac::field(&mut mac, Some(id.as_bytes()));
        RowMac { mac }
    }

    /// A keyed tag for a value that queries compare for equality but nobody
    /// should read in the clear: `domain` separates uses (a location tag can
    /// never equal an outcome tag), `scope` separates organisations so their
    /// frequency tables cannot be pooled.
    pub fn tag(&self, domain: &str, scope: &str, value: &str) -> String {
        let mut mac = hmac_with(&self.tags);
        for part in [domain, scope, value] {
            RowMac::field(&mut mac, Some(part.as_bytes()));
        }
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// This installation's exchange identity (issue 14): separate keys for
    /// signing packages and for receiving them, neither used elsewhere.
    pub fn node_keys(&self) -> &haven_exchange::NodeKeys {
        &self.node
    }

    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.signing.sign(message).to_bytes())
    }

    pub fn sign_bytes(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }

    pub fn verify_bytes(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let sig = ed25519_dalek::Signature::from_bytes(signature);
        self.verifying_key().verify(message, &sig).is_ok()
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

/// A keyed MAC over the columns of a row that decide what it may do (an
/// account's organisation and role, a consent's recipient and expiry...).
/// Without the master key nobody can make a valid one, so a SQL edit of those
/// columns is detected when the row is next used. Fields are length-prefixed,
/// and NULL is distinct from every string, so no two rows share an encoding.
pub struct RowMac {
    mac: Hmac<Sha256>,
}

impl RowMac {
    fn field(mac: &mut Hmac<Sha256>, value: Option<&[u8]>) {
        match value {
            None => mac.update(&[0]),
            Some(v) => {
                mac.update(&[1]);
                mac.update(&(v.len() as u64).to_be_bytes());
                mac.update(v);
            }
        }
    }

    pub fn text(mut self, value: Option<&str>) -> Self {
        Self::field(&mut self.mac, value.map(str::as_bytes));
        self
    }

    pub fn int(mut self, value: Option<i64>) -> Self {
        let bytes = value.map(i64::to_be_bytes);
        Self::field(&mut self.mac, bytes.as_ref().map(|b| b.as_slice()));
        self
    }

    pub fn finish(self) -> String {
        hex::encode(&self.mac.finalize().into_bytes()[..16])
    }

    /// Whether `stored` is this row's MAC, compared in constant time.
    pub fn verify(self, stored: Option<&str>) -> bool {
        let expected = self.finish();
        stored.is_some_and(|s| ct_eq(s.as_bytes(), expected.as_bytes()))
    }
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

    /// As [`DataKey::seal`], hex-encoded, for a text column that once held
    /// the value in the clear.
    pub fn seal_hex(&self, record_id: &str, field: &str, plaintext: &str) -> Result<String, StoreError> {
        Ok(hex::encode(self.seal(record_id, field, plaintext)?))
    }

    pub fn open_hex(&self, record_id: &str, field: &str, sealed: &str) -> Result<String, StoreError> {
        let bytes = hex::decode(sealed).map_err(|_| StoreError::Crypto)?;
        self.open(record_id, field, &bytes)
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
    random_from(b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679", 20)
}

/// `len` characters drawn uniformly from `alphabet` (a byte modulo the
/// alphabet's length would favour its first letters).
pub fn random_from(alphabet: &[u8], len: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..len).map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char).collect()
}

pub fn random_bytes(n: usize) -> Zeroizing<Vec<u8>> {
    let mut b = Zeroizing::new(vec![0u8; n]);
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

/// Constant-time equality for secrets and codes.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
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
        let keys = Keys::ephemeral();
        let dek = DataKey::generate();
        let w = keys.wrap("p1", &dek).unwrap();
        assert!(keys.unwrap("p1", &w).is_ok());
        assert!(keys.unwrap("p2", &w).is_err());
        let other = Keys::ephemeral();
        assert!(other.unwrap("p1", &w).is_err());
    }

    #[test]
    fn r28_after_erasure_the_wrapped_key_no_longer_opens() {
        let keys = Keys::ephemeral();
        let w = keys.wrap("p1", &DataKey::generate()).unwrap();
        let w2 = keys.wrap("p2", &DataKey::generate()).unwrap();
        keys.erase("p1", 1).unwrap();
        assert!(matches!(keys.unwrap("p1", &w), Err(StoreError::Erased)));
        assert!(keys.unwrap("p2", &w2).is_ok());
        assert_eq!(keys.erased_ids(), vec!["p1".to_owned()]);
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
        let keys = Keys::ephemeral();
        let s = keys.sign(b"abc");
        assert!(keys.verify_signature(b"abc", &s));
        assert!(!keys.verify_signature(b"abd", &s));
    }
}
