//! The key file: the master key, the puncturable tree that person keys are
//! wrapped under, and the record of erasures, under one MAC.
//!
//! Erasure must hold against someone who kept a backup (R28). A per-person
//! key wrapped under a key derived from the master key does not give that:
//! an old backup still holds the erased person's wrapped key, and the master
//! key still opens it. So person keys are wrapped under the leaves of a
//! GGM-style binary tree of keys (64 levels over a hash of the person id).
//! The file holds a set of subtree keys that together cover every leaf not
//! erased. Erasing a person *punctures* the tree: the node covering their
//! leaf is replaced by the siblings along the path down to it, so no key in
//! the file can derive that leaf any more, while every other leaf still can
//! (about 64 new nodes, two kilobytes, per erasure). From then on neither
//! the current file nor any backup made before or after can open that
//! person's key. The root is random, not derived from the master key, so
//! the master key alone opens nothing either.
//!
//! The erasure record (who was erased, when) is inside the same file under
//! the same MAC, so it cannot be separated from the keys: a file whose MAC
//! fails, or whose record is missing erasures the database knows of, is
//! refused. The limit that remains: someone who kept a copy of an *older*
//! key file, from before an erasure, together with a backup, can still open
//! what that older file could. Keep no copies of the key file beyond the
//! current one and its offline backup, and replace that backup after
//! erasures.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::StoreError;

/// Tree depth: leaves are the first 64 bits of a hash of the person id.
pub const DEPTH: u8 = 64;
const HEADER: &str = "haven-key-file 2";
/// Largest key file accepted (a file after ~10,000 erasures is about 25 MB).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

type Key = [u8; 32];

/// The leaf of a person's key in the tree.
pub fn leaf_of(person_id: &str) -> u64 {
    let digest = Sha256::new().chain_update(b"haven-person-leaf\0").chain_update(person_id.as_bytes()).finalize();
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(b)
}

/// The prefix of `leaf` at `depth` (its top `depth` bits).
fn prefix(leaf: u64, depth: u8) -> u64 {
    if depth == 0 {
        0
    } else {
        leaf >> (64 - u32::from(depth))
    }
}

fn child(key: &Key, bit: u64) -> Zeroizing<Key> {
    let mut mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <Hmac<Sha256> as hmac::digest::KeyInit>::new(&Default::default()));
    mac.update(&[b'c', bit as u8]);
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&mac.finalize().into_bytes());
    out
}

/// A puncturable key tree: nodes `(depth, prefix) -> key`.
#[derive(Clone, Default)]
pub struct KeyTree {
    nodes: BTreeMap<(u8, u64), Key>,
}

impl Drop for KeyTree {
    fn drop(&mut self) {
        for k in self.nodes.values_mut() {
            k.zeroize();
        }
    }
}

impl KeyTree {
    pub fn fresh(root: Key) -> Self {
        let mut nodes = BTreeMap::new();
        nodes.insert((0, 0), root);
        Self { nodes }
    }

    fn cover(&self, leaf: u64) -> Option<(u8, &Key)> {
        (0..=DEPTH).find_map(|d| self.nodes.get(&(d, prefix(leaf, d))).map(|k| (d, k)))
    }

    /// The key of a leaf, or `None` once it has been punctured (erased).
    pub fn leaf_key(&self, leaf: u64) -> Option<Zeroizing<Key>> {
        let (depth, key) = self.cover(leaf)?;
        let mut k = Zeroizing::new(*key);
        for level in depth..DEPTH {
            let bit = (leaf >> (63 - u32::from(level))) & 1;
            k = child(&k, bit);
        }
        Some(k)
    }

    /// Removes a leaf for good; every other leaf stays derivable. Returns
    /// false if it was already punctured.
    pub fn puncture(&mut self, leaf: u64) -> bool {
        let Some((depth, key)) = self.cover(leaf) else { return false };
        let mut k = Zeroizing::new(*key);
        if let Some(mut old) = self.nodes.remove(&(depth, prefix(leaf, depth))) {
            old.zeroize();
        }
        for level in depth..DEPTH {
            let bit = (leaf >> (63 - u32::from(level))) & 1;
            let sibling = prefix(leaf, level + 1) ^ 1;
            self.nodes.insert((level + 1, sibling), *child(&k, bit ^ 1));
            k = child(&k, bit);
        }
        true
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// The parsed key file.
pub struct KeyFile {
    pub(crate) master: Zeroizing<Key>,
    pub(crate) tree: KeyTree,
    /// Person id -> when erased (ms).
    pub(crate) erased: BTreeMap<String, i64>,
    /// False only while an installation from before version 2 is being
    /// converted: its database rows get their MACs and its person keys are
    /// rewrapped under the tree. Once true, a missing MAC is tampering.
    pub(crate) sealed: bool,
    /// Read from a version 1 file (64 hex digits): convert on open.
    pub(crate) legacy: bool,
    /// The database's rows have been bound to the audit log (`row_seq`).
    /// Kept here, under the file's MAC and outside the database, so that
    /// someone with SQL access cannot make the one-time binding, which
    /// trusts rows as they stand, run again.
    pub(crate) bound: bool,
}

fn derive(master: &Key, info: &[u8]) -> Zeroizing<Key> {
    let hk = Hkdf::<Sha256>::new(Some(b"haven-kdf-v1"), master);
    let mut out = Zeroizing::new([0u8; 32]);
    let _ = hk.expand(info, out.as_mut());
    out
}

fn file_mac(master: &Key, body: &str) -> String {
    let key = derive(master, b"key-file-mac");
    let mut mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new_from_slice(key.as_ref())
        .unwrap_or_else(|_| <Hmac<Sha256> as hmac::digest::KeyInit>::new(&Default::default()));
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn bad(path: &Path, why: &str) -> StoreError {
    StoreError::Config(format!("{} is not a valid haven key file: {why}", path.display()))
}

fn hex32(s: &str) -> Option<Key> {
    let mut k = [0u8; 32];
    hex::decode_to_slice(s, &mut k).ok()?;
    Some(k)
}

impl KeyFile {
    /// A new installation's key file: random master key and random tree root.
    pub fn generate() -> Self {
        let mut master = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(master.as_mut());
        let mut root = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut root);
        let tree = KeyTree::fresh(root);
        root.zeroize();
        Self { master, tree, erased: BTreeMap::new(), sealed: true, legacy: false, bound: true }
    }

    /// Converts a version 1 file (just the master key): a fresh random tree,
    /// and the erasures from the old separate ledger.
    fn from_legacy(master: Key, erased: BTreeMap<String, i64>) -> Self {
        let mut root = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut root);
        let tree = KeyTree::fresh(root);
        root.zeroize();
        Self { master: Zeroizing::new(master), tree, erased, sealed: false, legacy: true, bound: false }
    }

    pub fn master(&self) -> &Key {
        &self.master
    }

    pub fn parse(text: &str, path: &Path, legacy_ledger: &[String]) -> Result<Self, StoreError> {
        let trimmed = text.trim();
        if trimmed.len() == 64 && trimmed.bytes().all(|b| b.is_ascii_hexdigit()) {
            let master = hex32(trimmed).ok_or_else(|| bad(path, "the key is not hexadecimal"))?;
            let erased = legacy_ledger.iter().map(|id| (id.clone(), 0)).collect();
            return Ok(Self::from_legacy(master, erased));
        }
        let (body, mac_line) = text.rsplit_once("mac ").ok_or_else(|| bad(path, "no MAC line"))?;
        let mut lines = body.lines();
        if lines.next() != Some(HEADER) {
            return Err(bad(path, "unknown header"));
        }
        let mut master = None;
        let mut nodes = BTreeMap::new();
        let mut erased = BTreeMap::new();
        let mut sealed = false;
        let mut bound = false;
        for line in lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["master", k] => master = Some(Zeroizing::new(hex32(k).ok_or_else(|| bad(path, "bad master key"))?)),
                ["node", d, p, k] => {
                    let d: u8 = d.parse().ok().filter(|d| *d <= DEPTH).ok_or_else(|| bad(path, "bad node depth"))?;
                    let p = u64::from_str_radix(p, 16).map_err(|_| bad(path, "bad node prefix"))?;
                    if d < DEPTH && p >> u32::from(d) != 0 {
                        return Err(bad(path, "node prefix longer than its depth"));
                    }
                    nodes.insert((d, p), hex32(k).ok_or_else(|| bad(path, "bad node key"))?);
                }
                ["erased", id, at] => {
                    erased.insert((*id).to_owned(), at.parse().map_err(|_| bad(path, "bad erasure time"))?);
                }
                ["sealed"] => sealed = true,
                ["bound"] => bound = true,
                [""] => {}
                _ => return Err(bad(path, "unknown line")),
            }
        }
        let master = master.ok_or_else(|| bad(path, "no master key"))?;
        let expected = file_mac(&master, body);
        if !crate::crypto::ct_eq(expected.as_bytes(), mac_line.trim().as_bytes()) {
            return Err(StoreError::Config(format!(
                "{}: the key file's MAC does not match: it was edited or damaged (its erasure record may have been \
                 tampered with), so haven will not use it",
                path.display()
            )));
        }
        Ok(Self { master, tree: KeyTree { nodes }, erased, sealed, legacy: false, bound })
    }

    pub fn serialize(&self) -> Zeroizing<String> {
        let mut body = Zeroizing::new(String::with_capacity(100 + self.tree.len() * 100));
        body.push_str(HEADER);
        body.push('\n');
        body.push_str(&format!("master {}\n", hex::encode(self.master.as_ref())));
        if self.sealed {
            body.push_str("sealed\n");
        }
        if self.bound {
            body.push_str("bound\n");
        }
        for ((d, p), k) in &self.tree.nodes {
            body.push_str(&format!("node {d} {p:x} {}\n", hex::encode(k)));
        }
        for (id, at) in &self.erased {
            body.push_str(&format!("erased {id} {at}\n"));
        }
        let mac = file_mac(&self.master, &body);
        body.push_str(&format!("mac {mac}\n"));
        body
    }

    /// Reads a key file, folding in the separate erasure ledger of version 1.
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let meta = std::fs::metadata(path)?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(bad(path, "too large"));
        }
        let text = Zeroizing::new(std::fs::read_to_string(path)?);
        let ledger = crate::persons::read_ledger(&legacy_ledger_path(path))?;
        Self::parse(&text, path, &ledger)
    }

    /// Writes the file atomically (temporary file, fsync, rename, fsync of
    /// the directory), readable by its owner only.
    pub fn write(&self, path: &Path) -> Result<(), StoreError> {
        let tmp = path.with_extension("tmp");
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(self.serialize().as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Creates a new key file, refusing to overwrite one.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::Config(format!("{} exists; refusing to overwrite", path.display())));
        }
        let kf = Self::generate();
        kf.write(path)?;
        Ok(kf)
    }
}

/// Where version 1 kept its erasure ledger.
pub fn legacy_ledger_path(key: &Path) -> PathBuf {
    let mut name = key.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".erasures");
    key.with_file_name(name)
}

/// Runs `change` on the key file under an exclusive lock, re-reading it
/// first, so two processes sharing one key file (a server and the CLI, or
/// two servers on one PostgreSQL) never lose each other's punctures.
pub fn update_locked<T>(path: &Path, change: impl FnOnce(&mut KeyFile) -> T) -> Result<(KeyFile, T), StoreError> {
    let lock_path = path.with_extension("lock");
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let lock = opts.open(&lock_path)?;
    lock.lock()?;
    let result = (|| {
        let mut kf = KeyFile::load(path)?;
        let out = change(&mut kf);
        kf.write(path)?;
        Ok((kf, out))
    })();
    let _ = lock.unlock();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r28_a_punctured_leaf_cannot_be_derived_and_the_others_still_can() {
        let mut t = KeyTree::fresh([7; 32]);
        let leaves: Vec<u64> = (0..50).map(|i| leaf_of(&format!("person-{i}"))).collect();
        let before: Vec<_> = leaves.iter().map(|l| t.leaf_key(*l).unwrap()).collect();
        assert!(t.puncture(leaves[3]));
        assert!(t.leaf_key(leaves[3]).is_none());
        assert!(!t.puncture(leaves[3]), "a second puncture finds nothing");
        for (i, l) in leaves.iter().enumerate().filter(|(i, _)| *i != 3) {
            assert_eq!(*t.leaf_key(*l).unwrap(), *before[i], "leaf {i} is unchanged");
        }
        // No node left in the tree lies on the punctured leaf's path.
        for (d, p) in t.nodes.keys() {
            assert_ne!(*p, prefix(leaves[3], *d), "node at depth {d} still covers the erased leaf");
        }
    }

    #[test]
    fn r28_the_key_file_round_trips_and_a_changed_byte_is_refused() {
        let mut kf = KeyFile::generate();
        let leaf = leaf_of("p1");
        kf.tree.puncture(leaf);
        kf.erased.insert("p1".into(), 5);
        let text = kf.serialize();
        let path = Path::new("test.key");
        let back = KeyFile::parse(&text, path, &[]).unwrap();
        assert!(back.tree.leaf_key(leaf).is_none());
        assert_eq!(back.erased.get("p1"), Some(&5));
        assert_eq!(back.master.as_ref(), kf.master.as_ref());
        // Dropping the erasure record (or anything else) breaks the MAC.
        let stripped: String = text.lines().filter(|l| !l.starts_with("erased ")).map(|l| format!("{l}\n")).collect();
        assert!(KeyFile::parse(&stripped, path, &[]).is_err());
        let mut node_added = text.to_string();
        node_added = node_added.replacen(
            "sealed\n",
            "sealed\nnode 0 0 0000000000000000000000000000000000000000000000000000000000000000\n",
            1,
        );
        assert!(KeyFile::parse(&node_added, path, &[]).is_err());
    }

    #[test]
    fn a_version_one_key_is_read_with_its_old_ledger() {
        let kf = KeyFile::parse(&"ab".repeat(32), Path::new("k"), &["x".into()]).unwrap();
        assert!(kf.legacy);
        assert!(!kf.sealed);
        assert!(kf.erased.contains_key("x"));
    }

    proptest! {
        #[test]
        fn punctures_remove_exactly_their_leaves(ids in proptest::collection::vec(0u32..400, 1..30), probe in proptest::collection::vec(0u32..400, 1..30)) {
            let mut t = KeyTree::fresh([3; 32]);
            let reference = KeyTree::fresh([3; 32]);
            for i in &ids {
                t.puncture(leaf_of(&i.to_string()));
            }
            for p in probe {
                let leaf = leaf_of(&p.to_string());
                match t.leaf_key(leaf) {
                    None => prop_assert!(ids.contains(&p)),
                    Some(k) => {
                        prop_assert!(!ids.contains(&p));
                        prop_assert_eq!(*k, *reference.leaf_key(leaf).unwrap());
                    }
                }
            }
        }

        #[test]
        fn arbitrary_key_file_text_never_panics(s in "\\PC{0,300}") {
            let _ = KeyFile::parse(&s, Path::new("k"), &[]);
        }
    }
}
